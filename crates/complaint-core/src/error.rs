//! The library's one error type.
//!
//! Every error is a [`miette::Diagnostic`]: it says what went wrong, where (file, line and column
//! when a file is to blame), and how to fix it. [`Error::kind`] sorts errors into the few classes
//! a caller acts on differently (the binary maps them to exit codes).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};

use crate::rulebook::Language;
use crate::said;
use crate::said::Said;

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
    /// An amount below the standard, where the rulebook makes the standard the base plan.
    BelowStandard,
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
    /// A gate of the rulebook asks for something that has not happened yet (a review, an
    /// approval, an apology, a disciplinary record).
    Gate,
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
    /// A complaint the reader may not read: it carries a confidential flag whose readers they
    /// are not among, and they do not handle it (see [`crate::access`]).
    Confidential,
    /// A key, signature or encryption problem: no key, a key not on the roster, an actor who
    /// is not the key's owner, personal data not encrypted to the reader.
    Key,
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
        message: Said,
        /// How to fix it.
        #[help]
        help: Option<Said>,
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
        /// The move refused, as a verb (`acknowledge`, `close`; `受理`, `结案`).
        action: Said,
        /// Why it was refused, for programs.
        refusal: Refusal,
        /// Why it was refused, for people.
        reason: Said,
        /// What to do instead.
        #[help]
        help: Option<Said>,
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
        help: Option<Said>,
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

    /// An [`Error::Invalid`]: a problem of the given class, its message and an optional help,
    /// each in both languages ([`said!`](crate::said!)).
    pub fn invalid(problem: Problem, message: Said, help: impl Into<Option<Said>>) -> Self {
        Error::Invalid {
            problem,
            message,
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
    pub fn with_help(mut self, text: Said) -> Self {
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

/// [`listed`] in both languages.
fn listed_said(candidates: &[String], matched: usize) -> Said {
    let more = matched.saturating_sub(candidates.len());
    let zh_more = if more > 0 {
        format!("，另有 {more} 件")
    } else {
        String::new()
    };
    Said::new(
        listed(candidates, matched),
        format!("候选：{}{zh_more}", candidates.join("、")),
    )
}

impl Error {
    /// The message and help in both languages; `None` for the diagnostics located in a file
    /// ([`Error::Source`], [`Error::Problems`]), which are in English only. Each English text
    /// is the one the error shows with `{}` and as a [`Diagnostic`].
    fn said(&self) -> Option<(Said, Option<Said>)> {
        Some(match self {
            Error::Source(_) | Error::Problems(_) => return None,
            Error::NoBook { start } => {
                let start = start.display();
                (
                    said!(
                        "no complaint book in {start} or any folder above it",
                        "{start} 及其上级文件夹中都没有投诉簿"
                    ),
                    Some(said!(
                        "create one with `complaint init`, or point at one with --dir or COMPLAINT_DIR",
                        "用 `complaint init` 新建一个，或用 --dir 或 COMPLAINT_DIR 指明投诉簿所在"
                    )),
                )
            }
            Error::NotABook { path } => {
                let path = path.display();
                (
                    said!(
                        "{path} is not a complaint book: it has no complaint.yaml",
                        "{path} 不是投诉簿：其中没有 complaint.yaml"
                    ),
                    Some(said!(
                        "check --dir / COMPLAINT_DIR, or run `complaint init` there",
                        "请检查 --dir / COMPLAINT_DIR，或在那里运行 `complaint init`"
                    )),
                )
            }
            Error::BookExists { path } => {
                let path = path.display();
                (
                    said!("{path} is already a complaint book", "{path} 已经是投诉簿"),
                    Some(said!(
                        "use it as it is, or choose another folder",
                        "直接使用它，或另选一个文件夹"
                    )),
                )
            }
            Error::Invalid { message, help, .. } => (message.clone(), help.clone()),
            Error::NotFound { query } => (
                said!(
                    "no complaint matches `{query}`",
                    "没有与 `{query}` 相符的投诉"
                ),
                Some(said!(
                    "`complaint list` shows the complaints in this book",
                    "`complaint list` 列出本投诉簿中的投诉"
                )),
            ),
            Error::Ambiguous {
                query,
                matched,
                candidates,
            } => {
                let listed = listed_said(candidates, *matched);
                (
                    said!(
                        "`{query}` matches {matched} complaints",
                        "`{query}` 与 {matched} 件投诉相符"
                    ),
                    Some(said!(
                        "type more of the ID; {listed}",
                        "请输入更完整的 ID；{listed}";
                        listed
                    )),
                )
            }
            Error::Illegal {
                id,
                action,
                reason,
                help,
                ..
            } => (
                said!(
                    "cannot {action} {id}: {reason}",
                    "无法{action} {id}：{reason}";
                    action,
                    reason
                ),
                help.clone(),
            ),
            Error::DuplicateId { id, first, second } => {
                let (first, second) = (first.display(), second.display());
                (
                    said!(
                        "two records have the ID {id}: {first} and {second}",
                        "两份记录的 ID 都是 {id}：{first} 和 {second}"
                    ),
                    Some(said!(
                        "IDs must be unique; rename one record's file and its `id:` to a fresh ID",
                        "ID 必须唯一：请把其中一份记录的文件名和 `id:` 改为新的 ID"
                    )),
                )
            }
            Error::Busy { path, seconds } => {
                let path = path.display();
                (
                    said!(
                        "the book is busy: another command has held its lock for {seconds} s",
                        "投诉簿正忙：另一条命令已占用其锁 {seconds} 秒"
                    ),
                    Some(said!(
                        "try again in a moment; if no other `complaint` is running, a crashed one may have left {path} open",
                        "请稍后再试；如果没有其他 `complaint` 在运行，可能是某条中途崩溃的命令留下了 {path}"
                    )),
                )
            }
            Error::Io { path, source } => {
                let path = path.display();
                (
                    said!("{path}: {source}", "读写 {path} 失败：{source}"),
                    None,
                )
            }
            Error::Git { args, stderr, help } => (
                said!(
                    "git {args} failed: {stderr}",
                    "git {args} 执行失败：{stderr}"
                ),
                help.clone(),
            ),
            Error::Internal(what) => (
                said!("internal error: {what}", "内部错误：{what}"),
                Some(said!(
                    "this is a bug in complaint; please report it",
                    "这是 complaint 的程序缺陷，请报告"
                )),
            ),
        })
    }

    /// What went wrong, in `language`: the headline of the report. Diagnostics located in a
    /// file ([`Error::Source`], [`Error::Problems`]) point at its keys and are in English in
    /// both.
    pub fn message(&self, language: Language) -> String {
        match (language, self.said()) {
            (Language::Zh, Some((message, _))) => message.zh().to_string(),
            _ => self.to_string(),
        }
    }

    /// How to fix it, in `language` (English for diagnostics located in a file).
    pub fn help_in(&self, language: Language) -> Option<String> {
        match (language, self.said()) {
            (Language::Zh, Some((_, help))) => help.map(|h| h.zh().to_string()),
            _ => self.help().map(|h| h.to_string()),
        }
    }

    /// This error to show in `language`: the same diagnostic (code, file, underlines, related
    /// problems, exit class) with its message and help in that language. In English it shows
    /// exactly as the error itself does. The library never prints; the caller renders it.
    pub fn localised(self, language: Language) -> Localised {
        Localised {
            error: self,
            language,
        }
    }
}

/// An [`Error`] to show in one language ([`Error::localised`]).
#[derive(Debug)]
pub struct Localised {
    error: Error,
    language: Language,
}

impl Localised {
    /// The error shown.
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// The error shown, given back.
    pub fn into_inner(self) -> Error {
        self.error
    }
}

impl std::fmt::Display for Localised {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.language {
            Language::En => std::fmt::Display::fmt(&self.error, f),
            Language::Zh => f.write_str(&self.error.message(Language::Zh)),
        }
    }
}

impl std::error::Error for Localised {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.error)
    }
}

impl Diagnostic for Localised {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.error.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.error.severity()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        match self.language {
            Language::En => self.error.help(),
            Language::Zh => self
                .error
                .help_in(Language::Zh)
                .map(|h| Box::new(h) as Box<dyn std::fmt::Display>),
        }
    }

    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.error.url()
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.error.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.error.labels()
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        self.error.related()
    }

    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        self.error.diagnostic_source()
    }
}

impl From<SourceError> for Error {
    fn from(err: SourceError) -> Self {
        Error::Source(Box::new(err))
    }
}

/// A result whose error is the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of every kind that is not located in a file.
    fn every_kind() -> Vec<Error> {
        let path = || PathBuf::from("/srv/book");
        vec![
            Error::NoBook { start: path() },
            Error::NotABook { path: path() },
            Error::BookExists { path: path() },
            Error::invalid(
                Problem::Request,
                said!("which rulebook is new?", "哪一个是新规则？"),
                said!("give NEW", "请给出 NEW"),
            ),
            Error::invalid(Problem::Request, said!("no help", "没有帮助"), None),
            Error::NotFound {
                query: "C-2026".into(),
            },
            Error::Ambiguous {
                query: "C-2026".into(),
                matched: 5,
                candidates: vec!["C-20261110-5AWX5K".into(), "C-20261111-7KQ2M9".into()],
            },
            Error::Illegal {
                id: "C-20261110-5AWX5K".into(),
                action: said!("close", "结案"),
                refusal: Refusal::AlreadyClosed,
                reason: said!("it is already closed", "投诉已结案"),
                help: None,
            },
            Error::DuplicateId {
                id: "C-20261110-5AWX5K".into(),
                first: "a.yaml".into(),
                second: "b.yaml".into(),
            },
            Error::Busy {
                path: ".complaint.lock".into(),
                seconds: 12,
            },
            Error::io(
                Path::new("records"),
                std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied"),
            ),
            Error::Git {
                args: "commit -m x".into(),
                stderr: "fatal: not a git repository".into(),
                help: Some(said!("install git", "请安装 git")),
            },
            Error::Internal("scan lost a record".into()),
        ]
    }

    fn is_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// The English of each error's pair is what the error shows (its `#[error]` and help), so
    /// the two cannot drift apart; the Chinese is Chinese.
    #[test]
    fn each_error_says_in_english_what_it_shows_and_has_chinese() {
        for err in every_kind() {
            let (message, help) = err.said().expect("not located in a file");
            assert_eq!(message.en(), err.to_string());
            assert_eq!(
                help.as_ref().map(|h| h.en().to_string()),
                err.help().map(|h| h.to_string()),
                "{err}"
            );
            assert_eq!(err.message(Language::En), err.to_string());
            assert!(is_chinese(&err.message(Language::Zh)), "{err}");
            if let Some(help) = err.help_in(Language::Zh) {
                assert!(is_chinese(&help), "{err}: {help}");
            }
            assert_eq!(err.help().is_some(), err.help_in(Language::Zh).is_some());
        }
    }

    /// A localised error keeps its code; in English it is the error itself, in Chinese its
    /// message and help are Chinese, with the values (paths, IDs, what the OS or git said) as
    /// they are.
    #[test]
    fn a_localised_error_keeps_its_code_and_values() {
        for (err, again) in every_kind().into_iter().zip(every_kind()) {
            let code = err.code().map(|c| c.to_string());
            let (shown, help) = (err.to_string(), err.help().map(|h| h.to_string()));
            let en = err.localised(Language::En);
            assert_eq!(en.to_string(), shown);
            assert_eq!(en.help().map(|h| h.to_string()), help);
            assert_eq!(en.code().map(|c| c.to_string()), code);
            let zh = again.localised(Language::Zh);
            assert_eq!(zh.code().map(|c| c.to_string()), code);
            assert_eq!(zh.to_string(), zh.error().message(Language::Zh));
            assert_eq!(
                zh.help().map(|h| h.to_string()),
                zh.error().help_in(Language::Zh)
            );
        }
        let zh: Vec<(String, Option<String>)> = every_kind()
            .iter()
            .map(|err| (err.message(Language::Zh), err.help_in(Language::Zh)))
            .collect();
        let expected =
            |message: &str, help: Option<&str>| (message.to_string(), help.map(str::to_string));
        assert_eq!(
            zh[0],
            expected(
                "/srv/book 及其上级文件夹中都没有投诉簿",
                Some("用 `complaint init` 新建一个，或用 --dir 或 COMPLAINT_DIR 指明投诉簿所在")
            )
        );
        assert_eq!(
            zh[6],
            expected(
                "`C-2026` 与 5 件投诉相符",
                Some("请输入更完整的 ID；候选：C-20261110-5AWX5K、C-20261111-7KQ2M9，另有 3 件")
            )
        );
        assert_eq!(
            zh[7],
            expected("无法结案 C-20261110-5AWX5K：投诉已结案", None)
        );
        assert_eq!(
            zh[10],
            expected("读写 records 失败：Permission denied", None)
        );
        assert_eq!(
            zh[11],
            expected(
                "git commit -m x 执行失败：fatal: not a git repository",
                Some("请安装 git")
            )
        );
    }
}
