//! The book as a git repository: `repair` after a crash, the record merge driver git runs,
//! the `pre-commit` hook, and the set-up every command makes sure of (the driver and the hook
//! are not cloned with the repository).

use super::messages::{say, t};
use std::path::PathBuf;

use complaint::merge::{self, Merged};
use complaint::{Book, Error, Source};

use super::{Exit, Global};

/// Finish what an interrupted command left: its records written and committed under its
/// author's name, temporary files removed, git's index brought up to the last commit
///
/// Every command does this first when it needs to; `repair` does it explicitly and says what it
/// did. With --adopt it also commits record files that no command explains (written with
/// --no-commit, or by hand), authored by whoever wrote the events they add.
#[derive(Debug, clap::Args)]
pub struct RepairArgs {
    /// Also commit records that are changed or untracked with no interrupted command behind
    /// them
    #[arg(long)]
    pub adopt: bool,
}

/// Settle a semantic conflict: an event two desks' merged histories made illegal (acknowledged
/// twice, escalated after it was closed) is kept or dropped, with the reason, as a new event
///
/// The history stays as it was written; a dropped event no longer counts for the state,
/// deadlines, forms and reports. `complaint check` and `complaint show` list the conflicts.
#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// The complaint (its ID or a unique part)
    pub id: String,
    /// Which event (its number in `show`'s history, from 1) [default: the first in conflict]
    #[arg(long, value_name = "N")]
    pub event: Option<usize>,
    /// Let the event stand
    #[arg(long, conflicts_with = "drop", required_unless_present = "drop")]
    pub keep: bool,
    /// Take the event out of the replay
    #[arg(long)]
    pub drop: bool,
    /// Why, for the file
    #[arg(long)]
    pub reason: String,
}

pub fn resolve(global: &Global, args: &ResolveArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    let id = book.resolve(&args.id)?;
    let record = book.load(&id)?;
    super::access::Reader::of(global, &book).check(&book, &record.complaint)?;
    let request = book.resolution(&record, args.event, args.keep, &args.reason)?;
    super::act::act(global, &id.to_string(), request).map(|_| Exit::Ok)
}

/// Share the book with other desks: fetch, merge (records as records: events united), push
///
/// Retries when another desk pushed first. Prints what came in and what went out. Exit 3 when
/// the merge brought semantic conflicts to settle with `complaint resolve` (listed); exit 1,
/// with nothing changed, when two desks changed the same facts of a record differently.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The remote [default: the branch's upstream, else origin]
    pub remote: Option<String>,
}

pub fn sync(global: &Global, args: &SyncArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    let by = global.actor(&book)?;
    let synced = complaint::sync::sync(&book, args.remote.as_deref(), &by)?;
    let t = t();
    let list = |heading: String, subjects: &[String]| {
        println!("{heading}");
        for subject in subjects {
            println!("  {subject}");
        }
    };
    list(
        say!(
            t.sync_received,
            remote = synced.remote,
            branch = synced.branch,
            count = synced.received.len(),
        ),
        &synced.received,
    );
    list(say!(t.sync_sent, count = synced.sent.len()), &synced.sent);
    let conflicts = book.conflicts()?;
    for (record, findings) in &conflicts {
        for finding in findings {
            println!(
                "{}",
                say!(
                    t.sync_conflict,
                    id = record.complaint.id,
                    event = finding.event + 1,
                    message = finding.message,
                )
            );
        }
    }
    Ok(if conflicts.is_empty() {
        Exit::Ok
    } else {
        Exit::Findings
    })
}

/// Merge two versions of a complaint record (run by git: `merge-driver %O %A %B %P`)
#[derive(Debug, clap::Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's text (empty when there is none)
    pub base: PathBuf,
    /// Our version; the merged record is written here
    pub ours: PathBuf,
    /// Their version
    pub theirs: PathBuf,
    /// The record's path in the repository
    pub path: PathBuf,
}

/// Git hooks the book installs (run by git)
#[derive(Debug, clap::Args)]
pub struct HookArgs {
    #[arg(value_enum)]
    pub hook: HookKind,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum HookKind {
    /// Refuse a commit that deletes a record or drops events from a history
    PreCommit,
}

pub fn repair(global: &Global, args: &RepairArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    if book.signs() {
        // An interrupted write is completed only with its author's key, else undone.
        let _ = global.key(&book);
    }
    let recovered = book.repair()?;
    let t = t();
    let mut said = false;
    let finished = [
        (&recovered.undone, t.repair_undone),
        (&recovered.completed, t.repair_completed),
    ];
    for (intent, message) in finished {
        let Some(intent) = intent else { continue };
        said = true;
        println!(
            "{}",
            say!(
                message,
                by = intent.by,
                count = intent.changes.len(),
                message = intent.message.lines().next().unwrap_or_default(),
            )
        );
    }
    for path in &recovered.index_repaired {
        said = true;
        println!("{}", say!(t.repair_index, path = path.display()));
    }
    if args.adopt {
        let complaint::book::Adopted { adopted, refused } = book.adopt()?;
        for record in adopted {
            said = true;
            println!(
                "{}",
                say!(
                    t.repair_adopted,
                    path = record.path.display(),
                    how = if record.untracked {
                        t.repair_was_untracked
                    } else {
                        t.repair_was_changed
                    },
                    authors = record.authors.join(", "),
                )
            );
        }
        for (path, why) in &refused {
            eprintln!(
                "{}",
                say!(t.repair_refused, path = path.display(), why = why)
            );
        }
        if !refused.is_empty() {
            return Ok(Exit::Error);
        }
    } else {
        let (uncommitted, _) = book.repository_state()?;
        if !uncommitted.is_empty() {
            eprintln!("{}", say!(t.repair_uncommitted, count = uncommitted.len()));
            return Ok(Exit::Findings);
        }
    }
    if !said {
        println!("{}", t.repair_nothing);
    }
    Ok(Exit::Ok)
}

pub fn merge_driver(args: &MergeDriverArgs) -> Result<Exit, Error> {
    let read = |path: &PathBuf| std::fs::read_to_string(path).map_err(|e| Error::io(path, e));
    let name = args.path.display().to_string();
    let base_text = read(&args.base)?;
    let base = (!base_text.trim().is_empty())
        .then(|| Source::new(format!("{name} (common ancestor)"), base_text));
    let ours = Source::new(format!("{name} (ours)"), read(&args.ours)?);
    let theirs = Source::new(format!("{name} (theirs)"), read(&args.theirs)?);
    let conflict = |why: &str| {
        eprintln!("complaint: {name}: {why}");
        // Git leaves what is written here in the work tree: both versions, between markers.
        let text = format!(
            "<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n",
            ours.text(),
            theirs.text()
        );
        complaint::book::write_atomic(&args.ours, &text).map(|()| Exit::Error)
    };
    match merge::merge_records(base.as_ref(), &ours, &theirs) {
        Ok(Merged::Clean(text)) => {
            complaint::book::write_atomic(&args.ours, &text)?;
            Ok(Exit::Ok)
        }
        Ok(Merged::Conflict(fields)) => {
            // The customer's details are named, not shown: this goes to a terminal and logs.
            let t = t();
            let list: Vec<String> = fields
                .iter()
                .map(|f| {
                    if f.field.contains("customer") {
                        say!(t.merge_customer_differs, field = f.field)
                    } else {
                        say!(
                            t.merge_differs,
                            field = f.field,
                            ours = f.ours,
                            theirs = f.theirs,
                        )
                    }
                })
                .collect();
            conflict(&say!(t.merge_facts, fields = list.join("; ")))
        }
        Err(err) => conflict(&say!(t().merge_unreadable, why = err)),
    }
}

pub fn hook(global: &Global, args: &HookArgs) -> Result<Exit, Error> {
    match args.hook {
        HookKind::PreCommit => {
            // The hook runs at the top of the work tree; a book elsewhere is not guarded here.
            let Ok(book) = global.book() else {
                return Ok(Exit::Ok);
            };
            let refused = book.guard_staged()?;
            if refused.is_empty() {
                return Ok(Exit::Ok);
            }
            for reason in &refused {
                eprintln!("complaint: {reason}");
            }
            eprintln!("complaint: {}", t().hook_refused);
            Ok(Exit::Error)
        }
    }
}

/// Registers the merge driver and installs the hook where they are missing, so that a fresh
/// clone merges records as records from its first `git pull`. Best effort: a clone whose
/// `.git` cannot be written (a read-only checkout) still reads its book.
pub fn prepare(book: &Book) {
    let root = book.root();
    if !book.config().commit || !complaint::git::in_repo(root) {
        return;
    }
    let program = program();
    let _ = complaint::git::ensure_merge_driver(root, &program);
    let _ = complaint::git::install_hook(root, &program);
}

/// How git should call this program: its own path, so that it works off `PATH` too.
pub fn program() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.to_str().map(str::to_string))
        .unwrap_or_else(|| "complaint".to_string())
}
