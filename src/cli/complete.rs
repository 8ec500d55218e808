//! Completions that know the book: the shell asks the program (`COMPLAINT_COMPLETE=bash
//! complaint -- …`, set up by the script `complaint completions SHELL` prints) and gets the
//! book's complaint IDs, the rulebook's codes with their names, the staff and the clock ids, as
//! well as the commands, options and fixed values clap knows.
//!
//! The book is the one the command line being completed would open (`--dir`, `COMPLAINT_DIR`,
//! or the folder around the working directory); outside a book only fixed values complete. A
//! confidential complaint is offered only to those who may read it.

use std::ffi::OsString;

use clap::{Arg, Command};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use complaint::Book;

/// The environment variable that asks for completions instead of running a command.
pub const VAR: &str = "COMPLAINT_COMPLETE";

/// Answers the shell and exits, if it is the shell asking (see [`VAR`]).
pub fn answer_shell() {
    clap_complete::CompleteEnv::with_factory(offered)
        .var(VAR)
        .bin("complaint")
        .complete();
}

/// The command line as completions offer it: its help in the interface's language (as the
/// environment chose it; a book is not opened for every key pressed), and without the commands
/// git runs and the man page writer (clap would offer a hidden command where nothing visible
/// matches what was typed).
fn offered() -> Command {
    let full = <super::Cli as clap::CommandFactory>::command();
    let visible: Vec<Command> = full
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let offered = Command::new(full.get_name().to_string())
        .version(full.get_version().unwrap_or_default().to_string())
        .args(full.get_arguments().cloned())
        .subcommands(visible);
    if super::lang::current() == complaint::rulebook::Language::Zh {
        super::help::localised(offered)
    } else {
        offered
    }
}

/// Writes the script that registers the completions of `shell`.
pub fn registration(
    shell: clap_complete::Shell,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Zsh => &Zsh,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::Elvish => &Elvish,
        _ => &Powershell,
    };
    completer.write_registration(VAR, "complaint", "complaint", "complaint", out)
}

/// Gives the options and arguments of a command (and of its commands) that name something in
/// the book what the book has.
pub fn attach(command: Command) -> Command {
    let name = command.get_name().to_string();
    command
        .mut_args(|arg| with_candidates(&name, arg))
        .mut_subcommands(|sub| {
            let name = sub.get_name().to_string();
            sub.mut_args(|arg| with_candidates(&name, arg))
        })
}

/// The candidates of the top command's own options (`--by`).
pub fn attach_global(arg: Arg) -> Arg {
    with_candidates("", arg)
}

fn with_candidates(command: &str, arg: Arg) -> Arg {
    let candidates: fn() -> Vec<CompletionCandidate> = match (command, arg.get_id().as_str()) {
        (_, "id" | "links" | "duplicate_of") => ids,
        (_, "category") => categories,
        (_, "channel") => channels,
        (_, "tier") => tiers,
        (_, "grade") => grades,
        (_, "flags") => flags,
        (_, "responsibility") => responsibilities,
        (_, "assignee" | "handler" | "lead" | "by") | ("assign", "to") => staff,
        (_, "clock") => clocks,
        ("calendar" | "due" | "show", "rulebook") => rulebooks,
        _ => return arg,
    };
    arg.add(ArgValueCandidates::new(candidates))
}

/// The book the command line being completed would open, if any.
fn book() -> Option<Book> {
    let dir = super::dir_argument(&line()).or_else(|| {
        std::env::var_os("COMPLAINT_DIR")
            .filter(|dir| !dir.is_empty())
            .map(std::path::PathBuf::from)
    });
    let cwd = std::env::current_dir().ok()?;
    let root = Book::locate(dir.as_deref(), &cwd).ok()?;
    Book::open(&root).ok()
}

/// The line being completed: the shell runs `complaint -- complaint WORDS…`, so it is what
/// follows the first `--`.
fn line() -> Vec<OsString> {
    std::env::args_os()
        .skip_while(|arg| arg != "--")
        .skip(1)
        .collect()
}

/// The value of the last `--by NAME` or `--by=NAME` on the line being completed.
fn by_argument(args: &[OsString]) -> Option<String> {
    let mut by = None;
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--by" {
            by = args.next().and_then(|a| a.to_str()).map(str::to_string);
        } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--by=")) {
            by = Some(value.to_string());
        }
    }
    by.filter(|b| !b.is_empty())
}

/// A candidate with its help, shown escaped: names and subjects come from records and the
/// book's files, and reach the terminal through the shell.
fn candidate(value: &str, help: &str) -> CompletionCandidate {
    let candidate = CompletionCandidate::new(complaint::visible::visible(value).into_owned());
    if help.is_empty() {
        candidate
    } else {
        candidate.help(Some(complaint::visible::visible(help).into_owned().into()))
    }
}

/// The open complaints and those received in the last 30 days, newest first, each with its
/// status, subject and (masked) customer: what a desk acts on.
fn ids() -> Vec<CompletionCandidate> {
    let Some(book) = book() else {
        return Vec::new();
    };
    let zone = book.rulebook().zone();
    let now = std::env::var("COMPLAINT_NOW")
        .ok()
        .and_then(|text| super::parse_time(&text, zone).ok())
        .unwrap_or_else(|| chrono::Utc::now().with_timezone(&zone).fixed_offset());
    let recent = now.date_naive() - chrono::Days::new(30);
    // Who is completing: --by on the line, COMPLAINT_USER, else git's user.name.
    let reader = by_argument(&line())
        .or_else(|| {
            std::env::var("COMPLAINT_USER")
                .ok()
                .filter(|u| !u.is_empty())
        })
        .or_else(|| complaint::git::config(book.root(), "user.name"));
    let mut seen = std::collections::BTreeMap::new();
    for narrow in [
        complaint::index::Narrow {
            open_at: Some(now),
            ..Default::default()
        },
        complaint::index::Narrow {
            from: Some(recent),
            ..Default::default()
        },
    ] {
        let Ok(scan) = book.select(&narrow) else {
            continue;
        };
        for record in scan.records {
            // A confidential complaint the person completing may not read is not offered.
            let roles = reader.as_deref().and_then(|name| book.staff().get(name));
            let allowed = complaint::access::may_read(
                &record.complaint,
                book.rulebook(),
                complaint::access::Reader {
                    name: reader.as_deref(),
                    roles: roles.map_or(&[][..], Vec::as_slice),
                },
            );
            if allowed.is_err() {
                continue;
            }
            let c = complaint::privacy::complaint(&record.complaint);
            let state = complaint::State::of(&c);
            let about: Vec<String> = [
                Some(state.status.as_str().to_string()),
                c.facts.subject.name.clone(),
                c.facts.customer.name.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            seen.insert(c.id.to_string(), about.join(" · "));
        }
    }
    seen.iter()
        .rev()
        .map(|(id, about)| candidate(id, about))
        .collect()
}

/// The codes of one of the rulebook's lists, each with its name.
fn codes(list: complaint::rulebook::CodeList) -> Vec<CompletionCandidate> {
    book()
        .map(|book| {
            book.rulebook()
                .codes(list)
                .into_iter()
                .map(|(code, name)| candidate(code, name))
                .collect()
        })
        .unwrap_or_default()
}

fn categories() -> Vec<CompletionCandidate> {
    codes(complaint::rulebook::CodeList::Category)
}

fn channels() -> Vec<CompletionCandidate> {
    codes(complaint::rulebook::CodeList::Channel)
}

fn tiers() -> Vec<CompletionCandidate> {
    codes(complaint::rulebook::CodeList::Tier)
}

fn grades() -> Vec<CompletionCandidate> {
    codes(complaint::rulebook::CodeList::Grade)
}

/// A list of the rulebook's `Code`s with their names.
fn named(
    list: fn(&complaint::Rulebook) -> &[complaint::rulebook::Code],
) -> Vec<CompletionCandidate> {
    book()
        .map(|book| {
            list(book.rulebook())
                .iter()
                .map(|c| candidate(&c.code, &c.name))
                .collect()
        })
        .unwrap_or_default()
}

fn flags() -> Vec<CompletionCandidate> {
    named(|rb| &rb.flags)
}

fn responsibilities() -> Vec<CompletionCandidate> {
    named(|rb| &rb.responsibilities)
}

/// The book's staff, each with their roles.
fn staff() -> Vec<CompletionCandidate> {
    book()
        .map(|book| {
            book.config()
                .staff
                .iter()
                .map(|(name, roles)| candidate(name, &roles.join(", ")))
                .collect()
        })
        .unwrap_or_default()
}

/// The rulebook's clocks (and the promised date), each with its name.
fn clocks() -> Vec<CompletionCandidate> {
    book()
        .map(|book| {
            book.rulebook()
                .clocks
                .iter()
                .map(|c| candidate(&c.id, &c.name))
                .chain(std::iter::once(candidate(complaint::sla::PROMISED, "")))
                .collect()
        })
        .unwrap_or_default()
}

/// The rulebooks shipped inside the program.
fn rulebooks() -> Vec<CompletionCandidate> {
    complaint::rulebook::shipped()
        .iter()
        .map(|shipped| candidate(shipped.name, ""))
        .collect()
}
