//! `complaint form`: one complaint's printable documents, and the `opinion` command built on it.

use std::path::{Path, PathBuf};

use complaint::Error;
use complaint::form::{self, Kind, Style};

use super::read::Reveal;

use super::{Exit, Global};

/// Write a complaint's form for printing or filing, made from its record
///
/// Each kind is the document one of the procedures files: its fields filled from the intake and
/// the history, and blank lines where a person signs by hand (or where a ladder level has not
/// handled the complaint yet). Labels are in the rulebook's language. The customer's name,
/// phone, account, e-mail and address are masked (张*, 138****5678) unless --reveal.
///
/// A form the record is not ready for is refused, naming the command to run first: an approval
/// form needs an offer, a resolution report a closed complaint, a handling opinion a mediation.
/// --now is the form's date.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The complaint: its ID, or any unique part of it
    pub id: String,
    /// Which form
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// How to write it: Markdown, plain text, or a self-contained HTML page to print
    #[arg(long = "as", value_enum, default_value_t = Style::Markdown)]
    pub style: Style,
    /// Write it to FILE (replaced whole, never half-written) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub reveal: Reveal,
}

pub fn run(global: &Global, args: &Args) -> Result<Exit, Error> {
    write(
        global,
        &args.id,
        args.kind,
        args.style,
        args.output.as_deref(),
        args.reveal,
        &format!("form --kind {}", args.kind.as_str()),
    )
}

/// Makes the form of `kind` for the complaint `id` and writes it to `output` or stdout;
/// `command` is what a reveal is recorded as done by.
pub fn write(
    global: &Global,
    id: &str,
    kind: Kind,
    style: Style,
    output: Option<&Path>,
    reveal: Reveal,
    command: &str,
) -> Result<Exit, Error> {
    let book = global.book()?;
    let now = global.now(&book)?;
    let id = book.resolve(id)?;
    let complaint = book.load(&id)?.complaint;
    super::access::Reader::of(global, &book).check(&book, &complaint)?;
    // Opened (in a book that encrypts) before the form is made, and recorded once it is
    // made, so a refused form reveals nothing.
    let complaint = match reveal.reveal {
        true if complaint.facts.customer.sealed.is_some() => {
            global.key(&book)?;
            book.unsealed(&complaint)?
        }
        true => complaint,
        false => complaint::privacy::complaint(&complaint),
    };
    let document = form::document(kind, &complaint, book.rulebook(), now)?;
    let text = form::render(&document, style);
    // A printed form shows what the record says, never what a terminal would make of it
    // (HTML forms escape it themselves).
    let text = match style {
        Style::Html => text,
        _ => complaint::visible::visible(&text).into_owned(),
    };
    if reveal.reveal {
        global.reveal(&book, std::slice::from_ref(&id), command)?;
    }
    super::render::emit(&text, output)?;
    Ok(Exit::Ok)
}
