//! `complaint form`: one complaint's printable documents, and the `opinion` command built on it.

use std::path::{Path, PathBuf};

use complaint::form::{self, Kind, Style};
use complaint::{Error, privacy};

use super::{Exit, Global};

/// Write a complaint's form for printing or filing, made from its record
///
/// acceptance: the complaint acceptance form (客户投诉受理单, S4) with each ladder level's
/// opinion, signer and date, blank for the levels not reached.
/// report: the complaint report form (客户投诉报告单, S1), signed by customer, merchant and mall.
/// approval: the special-case approval form (特殊案例审批表, S0) for the current offer: the
/// standard, the formula, the uplift and cap, the approvals given and still needed.
/// resolution: the formal resolution report (投诉处理报告, S2) sent once the complaint is closed.
/// opinion: the handling opinion (处理意见书, S1) after a mediation.
///
/// Labels are in the rulebook's language. The customer's name, phone, account, e-mail and
/// address are masked (张*, 138****5678). A form the record is not ready for (an approval form
/// before any offer) is refused, naming the command to run first.
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
}

/// Whether the customer's personal data is shown as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    Masked,
    /// Only for `opinion`, whose output has always shown the customer in full.
    AsRecorded,
}

pub fn run(global: &Global, args: &Args) -> Result<Exit, Error> {
    write(
        global,
        &args.id,
        args.kind,
        args.style,
        args.output.as_deref(),
        Personal::Masked,
    )
}

/// Makes the form of `kind` for the complaint `id` and writes it to `output` or stdout.
pub fn write(
    global: &Global,
    id: &str,
    kind: Kind,
    style: Style,
    output: Option<&Path>,
    personal: Personal,
) -> Result<Exit, Error> {
    let book = global.book()?;
    let now = global.now(&book)?;
    let id = book.resolve(id)?;
    let mut complaint = book.load(&id)?.complaint;
    if personal == Personal::Masked {
        complaint = privacy::complaint(&complaint);
    }
    let document = form::document(kind, &complaint, book.rulebook(), now)?;
    let text = form::render(&document, style);
    match output {
        Some(path) => complaint::book::write_atomic(path, &text)?,
        None => print!("{text}"),
    }
    Ok(Exit::Ok)
}
