//! The command line: global options, the command list, and exit codes.

// Everything the commands print for people goes through the sanitiser: text from records
// (names, notes, descriptions) is shown, never obeyed by the terminal. Machine formats print
// with `std::println!` / `print!` and keep the exact text (see `render`).
macro_rules! println {
    () => { std::println!() };
    ($($arg:tt)*) => { std::println!("{}", complaint::visible::visible(&format!($($arg)*))) };
}
macro_rules! eprintln {
    () => { std::eprintln!() };
    ($($arg:tt)*) => {
        std::eprintln!("{}", complaint::visible::visible_keeping_colour(&format!($($arg)*)))
    };
}

mod access;
mod act;
mod check;
pub mod complete;
mod deadline;
mod docs;
mod export;
mod form;
mod formats;
pub mod help;
pub mod hints;
mod import;
mod init;
pub mod lang;
mod messages;
mod money;
mod new;
mod notice;
mod read;
pub mod render;
mod report;
mod repository;
mod rules;
mod staff;

use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use complaint::{Book, Error, ErrorKind, Timestamp};

/// Exit codes. Few and stable: scripts and cron jobs rely on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done; nothing needs attention.
    Ok = 0,
    /// An error: bad input, an illegal move, a broken file, something not found. Nothing was written.
    Error = 1,
    // 2 is clap's: the command line itself was wrong.
    /// The command ran, and found something that needs attention (e.g. a record that cannot be read).
    Findings = 3,
    /// The book is locked by another writer; try again.
    Busy = 4,
    /// Done and committed, but git's index could not be updated: `complaint repair` (or the
    /// next command) mends it; until then a plain `git commit` would undo the change.
    IndexBehind = 5,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}

pub fn exit_code(err: &Error) -> Exit {
    match err.kind() {
        ErrorKind::Busy => Exit::Busy,
        _ => Exit::Error,
    }
}

pub(crate) const EXIT_CODES: &str = "Exit codes:
  0  success
  1  error: bad input, illegal move, unreadable file, not found (nothing was written)
  2  the command line is wrong (unknown option, missing argument)
  3  the command ran and found something that needs attention (sla: a deadline is breached)
  4  the book is locked by another writer; try again
  5  done and committed, but git's index is behind the commit (a git lock was in the way);
     the next command or `complaint repair` mends it";

/// The widest help is wrapped to, however wide the terminal.
pub const MAX_TERM_WIDTH: usize = 100;

/// Customer-complaint handling from flat files: YAML records in a git-tracked folder.
#[derive(Debug, Parser)]
#[command(name = "complaint", version, after_help = EXIT_CODES, max_term_width = MAX_TERM_WIDTH)]
#[command(
    mut_subcommands(formats::offered_to),
    mut_subcommands(complete::attach)
)]
#[command(mut_arg("by", complete::attach_global))]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Args)]
pub struct Global {
    /// The book's folder [default: the nearest folder at or above the current one with a complaint.yaml]
    #[arg(long, global = true, env = "COMPLAINT_DIR", value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Who is acting, recorded in the history and as git author [default: git's user.name]
    #[arg(long, global = true, env = "COMPLAINT_USER", value_name = "NAME")]
    pub by: Option<String>,
    /// Act as if it were this instant (RFC 3339, or `YYYY-MM-DD HH:MM` in the rulebook's zone)
    #[arg(long, global = true, env = "COMPLAINT_NOW", value_name = "TIME")]
    pub now: Option<String>,
    /// The book a command opened, for what is said after it ran.
    #[arg(skip)]
    pub opened: std::cell::OnceCell<PathBuf>,
    /// The command run, by its names (`["rules", "list"]`).
    #[arg(skip)]
    pub command: Vec<String>,
    /// Output format; each command that prints data offers its own (see its help)
    #[arg(long, global = true, hide = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write records but make no git commit
    #[arg(long, global = true)]
    pub no_commit: bool,
    /// Read every record file instead of the index (.complaint/index.sqlite): slower, the same
    /// answers
    #[arg(long, global = true)]
    pub no_index: bool,
    /// Draw tables at full width (by default they fit the terminal, or COLUMNS, leaving out
    /// the least important columns first)
    #[arg(long, global = true)]
    pub wide: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Yaml,
    Json,
    Csv,
    Html,
    Xlsx,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::Args),
    New(Box<new::Args>),
    Ack(act::AckArgs),
    Assign(act::AssignArgs),
    Escalate(act::EscalateArgs),
    Note(act::NoteArgs),
    Close(act::CloseArgs),
    Reopen(act::ReopenArgs),
    Classify(act::ClassifyArgs),
    Plan(act::PlanArgs),
    Find(act::FindArgs),
    Offer(act::OfferArgs),
    Approve(act::ApproveArgs),
    Dispute(act::DisputeArgs),
    Agree(act::AgreeArgs),
    Mediate(act::MediateArgs),
    Ruling(act::RulingArgs),
    Recover(act::RecoverArgs),
    Receivables(money::ReceivablesArgs),
    Opinion(money::OpinionArgs),
    Form(form::Args),
    Pay(act::PayArgs),
    Feedback(act::FeedbackArgs),
    Followup(act::FollowupArgs),
    Review(act::ReviewArgs),
    DelayNotice(act::DelayNoticeArgs),
    Corrective(act::CorrectiveArgs),
    Pause(act::PauseArgs),
    Resume(act::ResumeArgs),
    Extend(act::ExtendArgs),
    Show(read::ShowArgs),
    List(read::ListArgs),
    Search(read::SearchArgs),
    Explain(deadline::ExplainArgs),
    Sla(deadline::SlaArgs),
    Calendar(deadline::CalendarArgs),
    Due(deadline::DueArgs),
    Rules(rules::Args),
    Check(check::Args),
    Staff(staff::Args),
    Encrypt(staff::EncryptArgs),
    Repair(repository::RepairArgs),
    Resolve(repository::ResolveArgs),
    Sync(repository::SyncArgs),
    #[command(hide = true)]
    MergeDriver(repository::MergeDriverArgs),
    #[command(hide = true)]
    Hook(repository::HookArgs),
    Export(export::Args),
    Import(import::Args),
    Report(report::Args),
    Completions(docs::CompletionsArgs),
    Schema(docs::SchemaArgs),
    #[command(hide = true)]
    Man(docs::ManArgs),
}

impl Cli {
    /// Parses `args` as `Cli::try_parse_from` does, and notes which command was asked for.
    pub fn try_parse_with_path(args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
        use clap::{CommandFactory, FromArgMatches};
        let mut command = Cli::command();
        let mut matches = command.try_get_matches_from_mut(args)?;
        let mut path = Vec::new();
        let mut at = &matches;
        while let Some((name, sub)) = at.subcommand() {
            path.push(name.to_string());
            at = sub;
        }
        let mut cli =
            Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))?;
        cli.global.command = path;
        Ok(cli)
    }

    pub fn run(&self) -> Result<Exit, Error> {
        render::set_width(self.global.wide);
        // A --format given before the command parses whatever it is: the command's list decides.
        let path: Vec<&str> = self.global.command.iter().map(String::as_str).collect();
        formats::check(&path, self.global.format)?;
        // An unreadable --now is refused by every command, also those that never read it.
        if let Some(text) = &self.global.now {
            parse_time(text, chrono_tz::Asia::Shanghai)?;
        }
        let exit = self.dispatch()?;
        // A write whose commit is made but whose index entry could not follow says so last.
        if let Some(root) = self.global.opened.get()
            && let Ok(stale) = complaint::journal::stale_index(root)
            && stale.pid == std::process::id()
        {
            let stale = stale.paths;
            let paths = stale
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            eprintln!(
                "{}",
                messages::say!(messages::t().index_behind, paths = paths)
            );
            if exit == Exit::Ok {
                return Ok(Exit::IndexBehind);
            }
        }
        Ok(exit)
    }

    fn dispatch(&self) -> Result<Exit, Error> {
        match &self.command {
            Command::Init(args) => init::run(&self.global, args),
            Command::Repair(args) => repository::repair(&self.global, args),
            Command::Resolve(args) => repository::resolve(&self.global, args),
            Command::Sync(args) => repository::sync(&self.global, args),
            Command::MergeDriver(args) => repository::merge_driver(args),
            Command::Hook(args) => repository::hook(&self.global, args),
            Command::New(args) => new::run(&self.global, args),
            Command::Ack(args) => act::ack(&self.global, args),
            Command::Assign(args) => act::assign(&self.global, args),
            Command::Escalate(args) => act::escalate(&self.global, args),
            Command::Note(args) => act::note(&self.global, args),
            Command::Close(args) => act::close(&self.global, args),
            Command::Reopen(args) => act::reopen(&self.global, args),
            Command::Classify(args) => act::classify(&self.global, args),
            Command::Plan(args) => act::plan(&self.global, args),
            Command::Find(args) => act::find(&self.global, args),
            Command::Offer(args) => act::offer(&self.global, args),
            Command::Approve(args) => act::approve(&self.global, args),
            Command::Dispute(args) => act::dispute(&self.global, args),
            Command::Agree(args) => act::agree(&self.global, args),
            Command::Mediate(args) => act::mediate(&self.global, args),
            Command::Ruling(args) => act::ruling(&self.global, args),
            Command::Recover(args) => act::recover(&self.global, args),
            Command::Receivables(args) => money::receivables(&self.global, args),
            Command::Opinion(args) => money::opinion(&self.global, args),
            Command::Form(args) => form::run(&self.global, args),
            Command::Check(args) => check::run(&self.global, args),
            Command::Export(args) => export::run(&self.global, args),
            Command::Import(args) => import::run(&self.global, args),
            Command::Report(args) => report::run(&self.global, args),
            Command::Completions(args) => docs::completions(args),
            Command::Man(args) => docs::man(args),
            Command::Schema(args) => docs::schema(args),
            Command::Pay(args) => act::pay(&self.global, args),
            Command::Feedback(args) => act::feedback(&self.global, args),
            Command::Followup(args) => act::followup(&self.global, args),
            Command::Review(args) => act::review(&self.global, args),
            Command::DelayNotice(args) => act::delay_notice(&self.global, args),
            Command::Corrective(args) => act::corrective(&self.global, args),
            Command::Pause(args) => act::pause(&self.global, args),
            Command::Resume(args) => act::resume(&self.global, args),
            Command::Extend(args) => act::extend(&self.global, args),
            Command::Show(args) => read::show(&self.global, args),
            Command::List(args) => read::list(&self.global, args),
            Command::Search(args) => read::search(&self.global, args),
            Command::Explain(args) => deadline::explain(&self.global, args),
            Command::Sla(args) => deadline::sla(&self.global, args),
            Command::Calendar(args) => deadline::calendar(&self.global, args),
            Command::Due(args) => deadline::due(&self.global, args),
            Command::Rules(args) => rules::run(&self.global, args),
            Command::Staff(args) => staff::run(&self.global, args),
            Command::Encrypt(args) => staff::encrypt(&self.global, args),
        }
    }
}

impl Global {
    /// Opens the book named by --dir / COMPLAINT_DIR, or the one around the working directory.
    pub fn book(&self) -> Result<Book, Error> {
        let cwd = std::env::current_dir().map_err(|e| Error::io(std::path::Path::new("."), e))?;
        let root = Book::locate(self.dir.as_deref(), &cwd)?;
        let mut book = Book::open(&root)?;
        if self.no_commit {
            book.set_commit(false);
        }
        book.set_index(!self.no_index);
        repository::prepare(&book);
        lang::book_speaks(book.rulebook().language);
        let _ = self.opened.set(root);
        Ok(book)
    }

    /// The actor: in a book that signs, the owner of the key (--by, if given, must name
    /// them); else --by, COMPLAINT_USER, then git's user.name.
    pub fn actor(&self, book: &Book) -> Result<String, Error> {
        if book.signs() {
            let owner = self.key(book)?;
            return self.as_owner(owner);
        }
        if book.encrypts() {
            // For the match key of new complaints; a key named but unusable is an error.
            if let Err(err) = self.key(book)
                && std::env::var_os("COMPLAINT_IDENTITY").is_some()
            {
                return Err(err);
            }
        }
        if let Some(by) = self.named() {
            return Ok(by);
        }
        complaint::git::config(book.root(), "user.name").ok_or_else(|| {
            Error::invalid(
                complaint::Problem::Request,
                complaint::said!("who is acting? nobody is named", "由谁操作？没有指明操作人"),
                complaint::said!(
                    "pass --by NAME, or set COMPLAINT_USER or git's user.name",
                    "请用 --by NAME 指明，或设置 COMPLAINT_USER 或 git 的 user.name"
                ),
            )
        })
    }

    /// The key's owner as the actor: --by, if given, must name them.
    pub fn as_owner(&self, owner: String) -> Result<String, Error> {
        match self.named() {
            Some(by) if by != owner => Err(Error::invalid(
                complaint::Problem::Key,
                complaint::said!(
                    "--by names {by}, but the key is {owner}'s",
                    "--by 指明的是 {by}，但密钥属于 {owner}"
                ),
                complaint::said!(
                    "the key says who acts: drop --by, or use {by}'s own key (COMPLAINT_IDENTITY)",
                    "由密钥表明操作人：请去掉 --by，或使用 {by} 本人的密钥（COMPLAINT_IDENTITY）"
                ),
            )),
            _ => Ok(owner),
        }
    }

    /// Who the cron job acts as: the person named (--by, COMPLAINT_USER), else the book's
    /// `cron_user` (`complaint-sla`), never a guess from git.
    pub fn cron_actor(&self, book: &Book) -> Result<String, Error> {
        if book.signs() {
            return self.actor(book);
        }
        Ok(self
            .named()
            .unwrap_or_else(|| book.config().cron_user.clone()))
    }

    /// Reads the actor's key (COMPLAINT_IDENTITY, else ~/.ssh/id_ed25519; a passphrase from
    /// COMPLAINT_PASSPHRASE) for the book to sign and decrypt with; returns its owner.
    pub fn key(&self, book: &Book) -> Result<String, Error> {
        if let Some(owner) = book.key_owner() {
            return Ok(owner.to_string());
        }
        let path = match std::env::var_os("COMPLAINT_IDENTITY").filter(|p| !p.is_empty()) {
            Some(path) => PathBuf::from(path),
            None => std::env::var_os("HOME")
                .map(|home| PathBuf::from(home).join(".ssh/id_ed25519"))
                .unwrap_or_default(),
        };
        let passphrase = std::env::var("COMPLAINT_PASSPHRASE").ok();
        let identity = complaint::keys::Identity::read(&path, passphrase.as_deref())?;
        book.use_identity(identity)
    }

    /// The person named by --by or COMPLAINT_USER, if any.
    fn named(&self) -> Option<String> {
        self.by
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(str::to_string)
    }

    /// Records that `command` shows these complaints' personal data to the actor; call it
    /// before showing anything unmasked.
    pub fn reveal(
        &self,
        book: &Book,
        ids: &[complaint::ComplaintId],
        command: &str,
    ) -> Result<(), Error> {
        book.reveal(ids, command, &self.actor(book)?, self.now(book)?)
    }

    /// The instant to act at: --now / COMPLAINT_NOW, else the clock, in the rulebook's zone.
    pub fn now(&self, book: &Book) -> Result<Timestamp, Error> {
        self.now_in(book.rulebook().zone())
    }

    /// When an event happens: the `--now` given, else the moment the book's lock is held.
    pub fn when(&self, book: &Book) -> Result<complaint::When, Error> {
        match &self.now {
            None => Ok(complaint::When::Now),
            Some(_) => self.now(book).map(complaint::When::At),
        }
    }

    /// The instant to act at, in `zone` (for commands that read a rulebook without a book).
    pub fn now_in(&self, zone: chrono_tz::Tz) -> Result<Timestamp, Error> {
        match &self.now {
            None => Ok(Utc::now().with_timezone(&zone).fixed_offset()),
            Some(text) => parse_time(text, zone).map(|t| t.with_timezone(&zone).fixed_offset()),
        }
    }
}

/// Reads a time as people and scripts write it (see [`complaint::calendar::parse_time`]).
pub fn parse_time(text: &str, zone: chrono_tz::Tz) -> Result<Timestamp, Error> {
    complaint::calendar::parse_time(text, zone).ok_or_else(|| {
        let text = text.trim();
        Error::invalid(
            complaint::Problem::Request,
            complaint::said!("`{text}` is not a time", "`{text}` 不是时间"),
            complaint::said!(
                "write it as 2026-09-30T10:00:00+08:00, or 2026-09-30 10:00 in the rulebook's time zone",
                "请写成 2026-09-30T10:00:00+08:00，或按规则的时区写成 2026-09-30 10:00"
            ),
        )
    })
}

/// Reads a date (`YYYY-MM-DD`).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write it as 2026-09-30"))
}

/// The value of the last `--dir DIR` or `--dir=DIR` on the command line, before any `--`.
pub fn dir_argument(args: &[std::ffi::OsString]) -> Option<PathBuf> {
    let mut dir = None;
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        } else if arg == "--dir" {
            dir = args.next().map(PathBuf::from);
        } else if let Some(value) = arg.to_str().and_then(|arg| arg.strip_prefix("--dir=")) {
            dir = Some(PathBuf::from(value));
        }
    }
    dir
}
