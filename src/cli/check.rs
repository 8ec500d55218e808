//! `complaint check`: the book-level check CI runs, like `bean-check`.

use complaint::Error;

use super::messages::{say, t};
use super::{Exit, Global};

/// Check every record: it parses, its ID is its own, and its history replays under the rulebook
///
/// Finds hand-edited records that break the rules: payments above what was agreed,
/// approvals by someone without the authority, offers above the cap, more revisions than
/// allowed, payments without an agreed offer. Prints nothing and exits 0 when the book is
/// sound; otherwise shows every problem in its file and exits 1. A move that is illegal given
/// the events before it (after two desks' histories were merged: acknowledged twice, escalated
/// after closing) is a conflict to settle with `complaint resolve`: listed, exit 3. Finishes an
/// interrupted write first; records not committed and git's index behind HEAD are problems.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(global: &Global, _args: &Args) -> Result<Exit, Error> {
    let book = global.book()?;
    if book.signs() {
        // An interrupted write of the key's owner is finished, not undone; no key is fine.
        let _ = global.key(&book);
    }
    let problems = book.check()?;
    let count = problems.len();
    for problem in problems {
        eprintln!("{}", super::render::report(problem));
    }
    let conflicts = book.conflicts()?;
    for (record, findings) in &conflicts {
        for finding in findings {
            eprintln!(
                "{}",
                say!(
                    t().check_conflict,
                    path = record.path.display(),
                    event = finding.event + 1,
                    message = finding.message,
                    id = record.complaint.id,
                )
            );
        }
    }
    if count > 0 {
        eprintln!("{}", say!(t().check_problems, count = count));
        return Ok(Exit::Error);
    }
    if !conflicts.is_empty() {
        let events: usize = conflicts.iter().map(|(_, f)| f.len()).sum();
        eprintln!(
            "{}",
            say!(
                t().check_conflicts,
                events = events,
                complaints = conflicts.len(),
            )
        );
        return Ok(Exit::Findings);
    }
    Ok(Exit::Ok)
}
