//! `complaint report`: a period's figures as a table, JSON, YAML, CSV or an HTML page. The
//! figures are the library's ([`complaint::report`]); this module only picks the period and
//! writes the result.

use std::path::PathBuf;

use chrono::NaiveDate;
use complaint::report::{self, By, Options, Period, Report};
use complaint::{Complaint, Error};

use super::render;
use super::{Exit, Format, Global, parse_date};

/// The figures of a period: volume, open and closed, resolution and on-time rates, time to
/// acknowledge and to resolve, satisfaction, repeat complainants, compensation paid, advance
/// payments outstanding, and the hot spots that grew most against the period before
///
/// The complaints received in the period are taken as they stand at --now. `--format html`
/// writes one self-contained page with charts, to open in a browser, mail or print.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The month to report on (YYYY-MM) [default: the month of --now]
    #[arg(long, value_parser = Period::parse_month, value_name = "MONTH", conflicts_with_all = ["from", "to"])]
    pub period: Option<Period>,
    /// The first day to report on (YYYY-MM-DD), with --to
    #[arg(long, value_parser = parse_date, value_name = "DATE", requires = "to")]
    pub from: Option<NaiveDate>,
    /// The last day to report on (YYYY-MM-DD), with --from
    #[arg(long, value_parser = parse_date, value_name = "DATE", requires = "from")]
    pub to: Option<NaiveDate>,
    /// What the breakdown and the hot spots group complaints by
    #[arg(long = "group-by", value_enum, default_value_t = By::Category, value_name = "DIMENSION")]
    pub group_by: By,
    #[command(flatten)]
    pub reveal: super::read::Reveal,
    /// Write the report to this file (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(global: &Global, args: &Args) -> Result<Exit, Error> {
    mistaken_by(global)?;
    let book = global.book()?;
    let now = global.now(&book)?;
    let rulebook = book.rulebook();
    let period = match (args.period, args.from, args.to) {
        (Some(period), _, _) => period,
        (None, Some(from), Some(to)) => Period::new(from, to)?,
        _ => Period::month_of(now.with_timezone(&rulebook.zone()).date_naive()),
    };
    // The period and the one before it, a day wider each side (a record's day is in its own
    // offset, the report's in the rulebook's zone), and whatever was paid, from the index.
    let dated = period.to_date(now.with_timezone(&rulebook.zone()).date_naive());
    let scan = book.select(&complaint::index::Narrow {
        from: dated.previous().from.pred_opt(),
        to: dated.to.succ_opt(),
        or_paid: true,
        ..Default::default()
    })?;
    let complaints: Vec<Complaint> = scan.records.into_iter().map(|r| r.complaint).collect();
    let options = Options {
        period,
        by: args.group_by,
        now,
        reveal: args.reveal.reveal,
    };
    let mut report = report::build(&complaints, rulebook, &options);
    withhold_repeats(global, &book, &complaints, &mut report);
    // Only the repeat complainants' personal data is in a report: opened (in a book that
    // encrypts) before it is rendered, recorded as shown once it is.
    let named: Vec<_> = report
        .repeat_complainants
        .iter()
        .flat_map(|r| r.ids.iter().cloned())
        .collect();
    let first: Vec<&Complaint> = report
        .repeat_complainants
        .iter()
        .filter_map(|r| complaints.iter().find(|c| Some(&c.id) == r.ids.first()))
        .collect();
    let shown = args.reveal.open(global, &book, first.iter().copied())?;
    for (repeat, complaint) in report.repeat_complainants.iter_mut().zip(&first) {
        report::show_customer(repeat, &shown.of(complaint).facts.customer);
    }
    // A spreadsheet of the figures in long format, as CSV gives them; any other format as text.
    enum Rendered {
        Text(String),
        Sheet(Vec<u8>),
    }
    let rendered = match global.format {
        Format::Xlsx => Rendered::Sheet(complaint::interchange::xlsx(
            &report::rows(&report),
            "report",
        )?),
        format => Rendered::Text(render_as(format, &report)?),
    };
    shown.record(global, &book, &named, "report")?;
    match rendered {
        Rendered::Sheet(bytes) => render::emit_bytes(&bytes, args.output.as_deref())?,
        Rendered::Text(text) => render::emit(&text, args.output.as_deref())?,
    }
    // Like `list`: the figures of every readable record, then what could not be read.
    let failed = !scan.errors.is_empty();
    for err in scan.errors {
        eprintln!("{}", super::render::report(err));
    }
    Ok(if failed { Exit::Error } else { Exit::Ok })
}

/// The figures count every complaint, confidential or not (they name nobody); but of the repeat
/// complainants, the only part of a report that names complaints and customers, a reader sees
/// only the IDs `list` would show them: a confidential complaint they may not read is left out
/// of the IDs (its count stays), and a customer none of whose complaints they may read is left
/// out altogether. Said on stderr, never silently.
fn withhold_repeats(
    global: &Global,
    book: &complaint::Book,
    all: &[Complaint],
    report: &mut Report,
) {
    let reader = super::access::Reader::of(global, book);
    let mut tally = super::access::Tally::default();
    let unreadable: Vec<&complaint::ComplaintId> = all
        .iter()
        .filter_map(|c| reader.withheld(book, c).map(|w| (c, w)))
        .filter(|(c, w)| {
            let named = report
                .repeat_complainants
                .iter()
                .any(|r| r.ids.contains(&c.id));
            if named {
                tally.add(book, w);
            }
            named
        })
        .map(|(c, _)| &c.id)
        .collect();
    if unreadable.is_empty() {
        return;
    }
    for repeat in &mut report.repeat_complainants {
        repeat.ids.retain(|id| !unreadable.contains(&id));
    }
    report.repeat_complainants.retain(|r| !r.ids.is_empty());
    tally.say(&reader);
}

fn render_as(format: Format, report: &Report) -> Result<String, Error> {
    Ok(match format {
        Format::Json | Format::Yaml => render::document_text(format, report)?.unwrap_or_default(),
        Format::Csv => render::csv_text(&report::rows(report))?,
        Format::Html => report::html(report),
        // A spreadsheet is written by `run`, not as text.
        Format::Table | Format::Xlsx => complaint::visible::visible(&table(report)).into_owned(),
    })
}

/// Title, then each section as a table (or "none").
fn table(report: &Report) -> String {
    let mut out = format!("{}\n{}\n", report::title(report), report::subtitle(report));
    for section in report::sections(report) {
        out.push_str(&format!("\n{}\n", section.title));
        if section.rows.is_empty() {
            out.push_str(report::none(report.language));
            out.push('\n');
            continue;
        }
        let header: Vec<&str> = section.header.iter().map(String::as_str).collect();
        let mut table = render::table(&header);
        for row in section.rows {
            table.add_row(row);
        }
        out.push_str(&format!("{table}\n"));
    }
    out
}

/// `report --by channel` names an actor called "channel" (--by is who acts) and would group by
/// the default silently: a dimension typed after --by is refused, pointing at --group-by.
fn mistaken_by(global: &Global) -> Result<(), Error> {
    use clap::ValueEnum;
    let Some(by) = global.by.as_deref() else {
        return Ok(());
    };
    let from_environment = std::env::var("COMPLAINT_USER").is_ok_and(|user| user == by);
    if from_environment || By::from_str(by, true).is_err() {
        return Ok(());
    }
    Err(Error::invalid(
        complaint::Problem::Request,
        complaint::said!(
            "--by names who acts, not what the report groups by (`{by}`)",
            "--by 指明操作人，而不是报告的分组方式（`{by}`）"
        ),
        complaint::said!(
            "group the report with --group-by {by}",
            "请用 --group-by {by} 给报告分组"
        ),
    ))
}
