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
#[non_exhaustive]
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
    /// This error with its help (how to fix it) replaced; in a file with personal data the help is masked too.
    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = match help {
            Some(help) if self.private => Some(crate::source::redacted(&help)),
            help => help,
        };
        self
    }

    /// What went wrong, without the file and span.
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
    /// One line saying what was checked and how many problems were found.
    pub summary: String,
    /// Each problem, located in its file.
    #[related]
    pub problems: Vec<SourceError>,
}

/// Why a move on a complaint was refused ([`Error::Illegal`]), for programs that act on a
/// refusal without reading its text. The command line adds its own hints by this code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Refusal {
    /// The complaint is closed: reopen it first.
    Closed,
    /// It has not been acknowledged yet.
    NotAcknowledged,
    /// It was acknowledged already; a complaint is acknowledged once.
    AlreadyAcknowledged,
    /// It is closed already.
    AlreadyClosed,
    /// It is not closed (so it cannot be reopened).
    NotClosed,
    /// It is not resolved yet (a return visit follows the close).
    NotResolved,
    /// It is paused already.
    Paused,
    /// It is not paused.
    NotPaused,
    /// A date promised to the customer that has passed already.
    PromisedInThePast,
    /// A date promised to the customer after the rulebook's deadline for resolving.
    PromisedAfterDeadline,
    /// No clock of the rulebook pauses on a pause: it would stop nothing.
    NothingPauses,
    /// A required text is empty.
    Empty,
    /// A satisfaction score outside 1–5.
    Satisfaction,
    /// The ladder has no level above this one.
    TopOfLadder,
    /// A value the rulebook does not declare (tier, grade, responsibility, clock).
    Unknown,
    /// An override of the classification without a reason.
    OverrideWithoutReason,
    /// A reason given with nothing to override.
    ReasonWithoutOverride,
    /// There is no offer (to approve or dispute).
    NoOffer,
    /// The current offer stands until the customer disputes it.
    OfferStands,
    /// The offer was revised as often as the rulebook allows.
    OfferFinal,
    /// The customer disputed the current offer.
    OfferDisputed,
    /// The customer agreed to the current offer.
    OfferAgreed,
    /// The offer still needs approvals.
    NotApproved,
    /// The offer was approved, so it cannot be replaced.
    OfferApproved,
    /// The offer has every approval it needs.
    FullyApproved,
    /// The same person approved already; each approval comes from another.
    SameApprover,
    /// The actor lacks the role or the authority for it.
    NotAuthorised,
    /// No compensation standard applies, and no amount was given.
    NoStandard,
    /// The standard cannot be computed from the intake (e.g. no price).
    StandardIncomputable,
    /// An amount above the cap the rulebook allows.
    AboveCap,
    /// The rulebook has no mediation (or advance payment) rules.
    NoMediation,
    /// The complaint names no merchant.
    NoMerchant,
    /// The rulebook decides nothing for these answers.
    Undecided,
    /// An amount is required and missing.
    AmountRequired,
    /// It needs a mediation (or a ruling) that did not happen.
    NoDecision,
    /// The merchant is to pay, but no mediation decided so.
    MerchantWithoutMediation,
    /// Money paid beyond what was agreed, mediated or ruled, or nothing was agreed.
    Overpaid,
    /// A recovery above what the merchant owes.
    AboveReceivable,
    /// The conflict to resolve does not exist, or is resolved already.
    NoConflict,
    /// The clock cannot be extended (for this grade, or at all).
    NotExtendable,
    /// The extension is beyond the clock's maximum, or does not lengthen it.
    ExtensionOutOfRange,
    /// The deadline has run out or the clock has stopped.
    DeadlinePassed,
    /// A document cannot be made for the complaint as it stands.
    NoDocument,
}

/// What is wrong with an input or a request that is not a move on a complaint
/// ([`Error::Invalid`]), for programs that act on it without reading its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Problem {
    /// A value names nothing there is (a clock, a rulebook, a calendar, a command's value).
    Unknown,
    /// A text, record or history over the book's limits.
    TooLarge,
    /// An intake document is incomplete or wrong.
    Intake,
    /// A history out of time order, or a time after now.
    Time,
    /// A record would lose events a commit has.
    History,
    /// The repository holds the book in a state a write would damage.
    Repository,
    /// An import row is wrong (nothing was imported).
    Import,
    /// Syncing desks failed (no repository, conflicting facts, a remote that kept moving).
    Sync,
    /// The write journal cannot be read.
    Journal,
    /// A date outside the calendar, or a clock the calendar cannot count.
    Calendar,
    /// A period, option or combination of options that cannot work.
    Request,
    /// A file or folder that is not where it must be.
    Path,
}

/// Every failure of the library.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[non_exhaustive]
pub enum Error {
    /// No book was found from the starting folder upwards.
    #[error("no complaint book in {} or any folder above it", start.display())]
    #[diagnostic(
        code(complaint::no_book),
        help("create one with `complaint init`, or point at one with --dir or COMPLAINT_DIR")
    )]
    NoBook {
        /// The folder the search started from.
        start: PathBuf,
    },

    /// The folder given as a book has no `complaint.yaml`.
    #[error("{} is not a complaint book: it has no complaint.yaml", path.display())]
    #[diagnostic(
        code(complaint::not_a_book),
        help("check --dir / COMPLAINT_DIR, or run `complaint init` there")
    )]
    NotABook {
        /// The folder given.
        path: PathBuf,
    },

    /// `init` was asked to make a book where one is already.
    #[error("{} is already a complaint book", path.display())]
    #[diagnostic(
        code(complaint::book_exists),
        help("use it as it is, or choose another folder")
    )]
    BookExists {
        /// The folder that is a book already.
        path: PathBuf,
    },

    /// A problem in a file (record, rulebook, calendar, intake), with its place underlined.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(#[from] Box<SourceError>),

    /// Several problems found together, each located (a rulebook check reports them all).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Problems(#[from] Problems),

    /// An input or request is wrong in a way that is not a move on a complaint.
    #[error("{message}")]
    #[diagnostic(code(complaint::invalid))]
    Invalid {
        /// What kind of problem, for programs.
        problem: Problem,
        /// What is wrong, for people.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },

    /// No complaint's ID matches what was typed.
    #[error("no complaint matches `{query}`")]
    #[diagnostic(
        code(complaint::not_found),
        help("`complaint list` shows the complaints in this book")
    )]
    NotFound {
        /// What was typed (an ID or a part of one).
        query: String,
    },

    /// What was typed matches more than one complaint's ID.
    #[error("`{query}` matches {matched} complaints")]
    #[diagnostic(code(complaint::ambiguous), help("type more of the ID; {}", listed(candidates, *matched)))]
    Ambiguous {
        /// What was typed (an ID or a part of one).
        query: String,
        /// How many complaints it matches.
        matched: usize,
        /// The first few of them.
        candidates: Vec<String>,
    },

    /// The move is not legal for the complaint as it stands (see [`Refusal`]); nothing was written.
    #[error("cannot {action} {id}: {reason}")]
    #[diagnostic(code(complaint::illegal_move))]
    Illegal {
        /// The complaint's ID (`C-20261110-5AWX5K`).
        id: String,
        /// The move refused, as a verb (`acknowledge`, `close`).
        action: &'static str,
        /// Why it was refused, for programs.
        refusal: Refusal,
        /// Why it was refused, for people.
        reason: String,
        /// What to do instead.
        #[help]
        help: Option<String>,
    },

    /// Two record files in the book carry the same complaint ID.
    #[error("two records have the ID {id}: {} and {}", first.display(), second.display())]
    #[diagnostic(
        code(complaint::duplicate_id),
        help("IDs must be unique; rename one record's file and its `id:` to a fresh ID")
    )]
    DuplicateId {
        /// The ID they share.
        id: String,
        /// One record's file.
        first: PathBuf,
        /// The other record's file.
        second: PathBuf,
    },

    /// Another command holds the book's lock; try again later ([`ErrorKind::Busy`]).
    #[error("the book is busy: another command has held its lock for {seconds} s")]
    #[diagnostic(
        code(complaint::busy),
        help("try again in a moment; if no other `complaint` is running, a crashed one may have left {} open", path.display())
    )]
    Busy {
        /// The lock file.
        path: PathBuf,
        /// How long, in seconds, the lock has been held.
        seconds: u64,
    },

    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    #[diagnostic(code(complaint::io))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },

    /// A git command failed.
    #[error("git {args} failed: {stderr}")]
    #[diagnostic(code(complaint::git))]
    Git {
        /// The git arguments run, space-separated (`commit -m …`).
        args: String,
        /// What git printed on standard error, or why it could not be run.
        stderr: String,
        /// What the failure means where it happened.
        #[help]
        help: Option<String>,
    },

    /// A bug in the library: something it relies on did not hold.
    #[error("internal error: {0}")]
    #[diagnostic(
        code(complaint::internal),
        help("this is a bug in complaint; please report it")
    )]
    Internal(String),
}

/// The candidates an ambiguous ID matches, a few of them where there are many.
fn listed(candidates: &[String], matched: usize) -> String {
    let more = matched.saturating_sub(candidates.len());
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!("candidates: {}{more}", candidates.join(", "))
}

impl Error {
    /// An [`Error::Io`] on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// An [`Error::Invalid`]: a problem of the given class, its message and an optional help.
    pub fn invalid(
        problem: Problem,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) -> Self {
        Error::Invalid {
            problem,
            message: message.into(),
            help: help.into(),
        }
    }

    /// Why a move was refused, if this is a refusal.
    pub fn refusal(&self) -> Option<Refusal> {
        match self {
            Error::Illegal { refusal, .. } => Some(*refusal),
            _ => None,
        }
    }

    /// This error with its help replaced (a caller's own wording of what to do).
    pub fn with_help(mut self, text: String) -> Self {
        match &mut self {
            Error::Illegal { help, .. } | Error::Invalid { help, .. } | Error::Git { help, .. } => {
                *help = Some(text);
            }
            _ => {}
        }
        self
    }

    /// The class of the error, for callers that act on it (the binary's exit code).
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

/// A result whose error is the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
