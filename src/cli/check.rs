//! `complaint check`: the book-level check CI runs, like `bean-check`.

use complaint::Error;

use super::{Exit, Global};

/// Check every record: it parses, its ID is its own, and its history replays under the rulebook
///
/// Finds hand-edited records that break the rules: payments above what was agreed,
/// approvals by someone without the authority, offers above the cap, more revisions than
/// allowed, payments without an agreed offer, illegal moves. Prints nothing and exits 0 when
/// the book is sound; otherwise shows every problem in its file and exits 1.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(global: &Global, _args: &Args) -> Result<Exit, Error> {
    let book = global.book()?;
    let problems = book.check()?;
    let count = problems.len();
    for problem in problems {
        eprintln!("{:?}", miette::Report::new(problem));
    }
    if count > 0 {
        eprintln!("{count} problem(s)");
        return Ok(Exit::Error);
    }
    Ok(Exit::Ok)
}
