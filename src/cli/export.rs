//! `complaint export`: CSV for other systems and spreadsheets.

use complaint::Error;
use complaint::interchange::{self, ComplaintRow, EventRow};

use complaint::query::Selected;

use super::read::ListArgs;
use super::{Exit, Global, render};

/// Export complaints as CSV (or a spreadsheet with --format xlsx): one row per complaint (or per
/// event with --events), stable columns
///
/// Names, phones, accounts, e-mails and addresses are masked unless --reveal; cells a spreadsheet would run
/// as formulas (starting with =, +, -, @) are prefixed with ' so they show as text.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: ListArgs,
    /// One row per event instead of per complaint
    #[arg(long)]
    pub events: bool,
    /// Start with a UTF-8 byte-order mark, so spreadsheet software reads Chinese correctly
    #[arg(long)]
    pub bom: bool,
    /// Write the CSV or spreadsheet to this file (atomically: never half a file) instead of
    /// standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

pub fn run(global: &Global, args: &Args) -> Result<Exit, Error> {
    let book = global.book()?;
    let scan = args.filter.scan(&book, global.now(&book)?)?;
    args.filter.keyed(global, &book)?;
    let selected = args.filter.select(&book, &scan)?;
    // Confidential complaints the reader may not read are left out, and counted on stderr.
    let reader = super::access::Reader::of(global, &book);
    let mut withheld = super::access::Tally::default();
    let selected = withheld.keep(&book, &reader, selected, |s| s.complaint);
    withheld.say(&reader);
    let shown = args.filter.reveal.record(
        global,
        &book,
        selected.iter().map(|s| s.complaint),
        "export",
    )?;
    if matches!(global.format, super::Format::Json | super::Format::Yaml) {
        if args.events {
            return Err(Error::invalid(
                complaint::Problem::Request,
                complaint::said!(
                    "--events is for CSV and spreadsheets: in JSON and YAML each complaint carries its history",
                    "--events 用于 CSV 和电子表格：JSON 和 YAML 中每件投诉都带有其历史"
                ),
                complaint::said!(
                    "leave out --events, and read each complaint's `history`",
                    "请去掉 --events，读取每件投诉的 `history`"
                ),
            ));
        }
        let now = global.now(&book)?;
        let complaints = selected
            .iter()
            .map(|s| complaint::output::Full::new(&shown.of(s.complaint), book.rulebook(), now))
            .collect();
        let text = render::document_text(global.format, complaint::output::Export { complaints })?;
        render::emit(&text.unwrap_or_default(), args.output.as_deref())?;
        return Ok(finish(scan.errors));
    }
    let mut complaints: Vec<ComplaintRow> = Vec::new();
    let mut events: Vec<EventRow> = Vec::new();
    for Selected {
        complaint: c,
        state,
        standing,
    } in &selected
    {
        if args.events {
            events.extend(
                c.history
                    .iter()
                    .map(|event| interchange::event_row(c, event)),
            );
        } else {
            let c = shown.of(c);
            complaints.push(interchange::complaint_row(
                &c,
                state,
                standing,
                shown.reveal(),
            ));
        }
    }
    if global.format == super::Format::Xlsx {
        let sheet = if args.events { "events" } else { "complaints" };
        let bytes = if args.events {
            interchange::xlsx(&events, sheet)?
        } else {
            interchange::xlsx(&complaints, sheet)?
        };
        render::emit_bytes(&bytes, args.output.as_deref())?;
        return Ok(finish(scan.errors));
    }
    let mut text = if args.bom { "\u{feff}" } else { "" }.to_string();
    text.push_str(&if args.events {
        render::csv_text(&events)?
    } else {
        render::csv_text(&complaints)?
    });
    render::emit(&text, args.output.as_deref())?;
    Ok(finish(scan.errors))
}

/// After the rows: what could not be read, and exit 1 if anything.
fn finish(errors: Vec<Error>) -> Exit {
    let unreadable = !errors.is_empty();
    for err in errors {
        eprintln!("{}", super::render::report(err));
    }
    if unreadable { Exit::Error } else { Exit::Ok }
}
