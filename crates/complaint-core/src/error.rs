//! The library's one error type.
//!
//! Every error is a [`miette::Diagnostic`]: it says what went wrong, where (file, line and column
//! when a file is to blame), and how to fix it. [`Error::kind`] sorts errors into the few classes
//! a caller acts on differently (the binary maps them to exit codes).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};

/// What class of failure an error is, for callers that act on it (exit codes, retries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request or a file is wrong: fix the input and try again.
    Invalid,
    /// Another writer holds the book; trying again later may succeed.
    Busy,
    /// The environment failed (I/O, git) or the program has a bug.
    Failure,
}

/// An error located in a file: the message, the text, and the span to underline.
#[derive(Debug, Clone, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct SourceError {
    pub(crate) message: String,
    #[source_code]
    pub(crate) src: NamedSource<Arc<String>>,
    #[label("{label}")]
    pub(crate) span: Option<SourceSpan>,
    pub(crate) label: String,
    #[help]
    pub(crate) help: Option<String>,
    /// From a file with personal data: numbers and addresses in the help are masked too.
    pub(crate) private: bool,
}

impl SourceError {
    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = match help {
            Some(help) if self.private => Some(crate::source::redacted(&help)),
            help => help,
        };
        self
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The name of the file the error is in.
    pub fn file(&self) -> &str {
        self.src.name()
    }
}

/// Several located errors found together (a rulebook check reports them all at once).
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{summary}")]
pub struct Problems {
    pub summary: String,
    #[related]
    pub problems: Vec<SourceError>,
}

#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum Error {
    #[error("no complaint book in {} or any folder above it", start.display())]
    #[diagnostic(
        code(complaint::no_book),
        help("create one with `complaint init`, or point at one with --dir or COMPLAINT_DIR")
    )]
    NoBook { start: PathBuf },

    #[error("{} is not a complaint book: it has no complaint.yaml", path.display())]
    #[diagnostic(
        code(complaint::not_a_book),
        help("check --dir / COMPLAINT_DIR, or run `complaint init` there")
    )]
    NotABook { path: PathBuf },

    #[error("{} is already a complaint book", path.display())]
    #[diagnostic(
        code(complaint::book_exists),
        help("use it as it is, or choose another folder")
    )]
    BookExists { path: PathBuf },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(#[from] Box<SourceError>),

    #[error(transparent)]
    #[diagnostic(transparent)]
    Problems(#[from] Problems),

    #[error("{message}")]
    #[diagnostic(code(complaint::invalid))]
    Invalid {
        message: String,
        #[help]
        help: Option<String>,
    },

    #[error("no complaint matches `{query}`")]
    #[diagnostic(
        code(complaint::not_found),
        help("`complaint list` shows the complaints in this book")
    )]
    NotFound { query: String },

    #[error("`{query}` matches {} complaints", candidates.len())]
    #[diagnostic(code(complaint::ambiguous), help("type more of the ID; candidates: {}", candidates.join(", ")))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },

    #[error("cannot {action} {id}: {reason}")]
    #[diagnostic(code(complaint::illegal_move))]
    Illegal {
        id: String,
        action: &'static str,
        reason: String,
        #[help]
        help: Option<String>,
    },

    #[error("two records have the ID {id}: {} and {}", first.display(), second.display())]
    #[diagnostic(
        code(complaint::duplicate_id),
        help("IDs must be unique; rename one record's file and its `id:` to a fresh ID")
    )]
    DuplicateId {
        id: String,
        first: PathBuf,
        second: PathBuf,
    },

    #[error("the book is busy: another command has held its lock for {seconds} s")]
    #[diagnostic(
        code(complaint::busy),
        help("try again in a moment; if no other `complaint` is running, a crashed one may have left {} open", path.display())
    )]
    Busy { path: PathBuf, seconds: u64 },

    #[error("{}: {source}", path.display())]
    #[diagnostic(code(complaint::io))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("git {args} failed: {stderr}")]
    #[diagnostic(code(complaint::git))]
    Git {
        args: String,
        stderr: String,
        /// What the failure means where it happened.
        #[help]
        help: Option<String>,
    },

    #[error("internal error: {0}")]
    #[diagnostic(
        code(complaint::internal),
        help("this is a bug in complaint; please report it")
    )]
    Internal(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn invalid(message: impl Into<String>, help: impl Into<Option<String>>) -> Self {
        Error::Invalid {
            message: message.into(),
            help: help.into(),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Busy { .. } => ErrorKind::Busy,
            Error::Io { .. } | Error::Git { .. } | Error::Internal(_) => ErrorKind::Failure,
            _ => ErrorKind::Invalid,
        }
    }
}

impl From<SourceError> for Error {
    fn from(err: SourceError) -> Self {
        Error::Source(Box::new(err))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
