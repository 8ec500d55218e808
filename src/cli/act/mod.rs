//! The commands that record an event on a complaint, one file per family. Each parses its
//! arguments into the event's request, lets the library decide, and says what happened.

mod aftercare;
mod handling;
mod remedy;

pub use aftercare::*;
pub use handling::*;
pub use remedy::*;

use complaint::{Error, Request, event};

use super::messages::{say, t};
use super::{Exit, Format, Global};
use complaint::rulebook::Language;

/// Resolves the ID, applies the request, and says what happened.
fn apply(global: &Global, query: &str, request: Request) -> Result<Exit, Error> {
    act(global, query, request).map(|_| Exit::Ok)
}

/// Resolves the ID, applies the request, says what happened, and hands back the book and the
/// complaint as written.
pub(super) fn act(
    global: &Global,
    query: &str,
    request: Request,
) -> Result<(complaint::Book, complaint::Complaint), Error> {
    let book = global.book()?;
    let by = global.actor(&book)?;
    let now = global.when(&book)?;
    let id = book.resolve(query)?;
    // Acting on a complaint reads it: a confidential one is refused to anyone not allowed.
    super::access::Reader::of(global, &book).check_id(&book, &id)?;
    let complaint = book.act(&id, request, &by, now)?;
    let event = complaint.history.last().expect("an event was appended");
    let said = recorded(&complaint, event, book.rulebook());
    done(global, &book, &complaint, &said)?;
    Ok((book, complaint))
}

/// What happened, for the person who did it: the library's line in English, the forms'
/// words for the event in another language.
pub(super) fn recorded(
    complaint: &complaint::Complaint,
    event: &complaint::Event,
    rulebook: &complaint::Rulebook,
) -> String {
    match super::lang::current() {
        Language::En => event::describe(complaint, event, rulebook),
        language => say!(
            t().recorded,
            id = complaint.id,
            what = complaint::form::describe_in(event, rulebook, language),
            by = event.by,
        ),
    }
}

/// Says what a command did: the line `said`, or with --format json|yaml the record as written
/// (masked).
fn done(
    global: &Global,
    book: &complaint::Book,
    complaint: &complaint::Complaint,
    said: &str,
) -> Result<(), Error> {
    match global.format {
        // Only a table, JSON or YAML get here (see `formats`).
        Format::Table | Format::Csv | Format::Html | Format::Xlsx => {
            println!("{said}");
            // After an acknowledgement the customer is told by when to expect the answer.
            if let Some(complaint::Event {
                action: complaint::Action::Ack(_),
                at,
                ..
            }) = complaint.history.last()
                && let Some(line) = super::render::next_deadline(complaint, book.rulebook(), *at)
            {
                println!("{line}");
            }
            Ok(())
        }
        Format::Yaml | Format::Json => {
            super::read::print_one(global, book, &complaint::privacy::complaint(complaint))
        }
    }
}
