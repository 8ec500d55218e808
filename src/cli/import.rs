//! `complaint import`: register complaints in bulk from another system's CSV.

use super::messages::{say, t};
use std::path::PathBuf;

use complaint::import::{self, Mapping};
use complaint::{Error, ReadSource, Source};

use super::{Exit, Global};

/// Register complaints from a CSV file (another system's export), all or nothing
///
/// Every row is checked as `new` would check it before anything is written; if any row is bad,
/// each bad cell is listed by line and column and nothing is imported. Each row's key is
/// recorded on its complaint (`source: SYSTEM:KEY`), so importing the same file again only
/// registers rows not imported before. Without --map the file must have the columns of
/// `complaint export` (export another book with --reveal), keyed by its `id` column.
#[derive(Debug, clap::Args)]
#[command(after_long_help = MAPPING_HELP)]
pub struct Args {
    /// The CSV file (UTF-8, with a header row; a byte-order mark is fine)
    pub file: PathBuf,
    /// A YAML column mapping: source, key, columns, values, defaults (see the README)
    #[arg(long, value_name = "MAPPING.yaml")]
    pub map: Option<PathBuf>,
    /// Check every row and say what would be imported, but write nothing
    #[arg(long)]
    pub dry_run: bool,
}

const MAPPING_HELP: &str = "A mapping (--map) names the column that gives each intake field:

  source: hotline          # the other system; recorded as source: hotline:<key>
  key: 工单号               # the column that identifies a row there (required)
  columns:                 # intake field: column header
    received_at: 来电时间    # 2026-09-30 10:00, 2026/09/30 10:00 or RFC 3339
    customer.name: 客户姓名
    customer.phone: 联系电话
    category: 问题类型
    description: 投诉内容
  values:                  # optional: the other system's words for the rulebook's codes
    category: {产品质量: CQ01, 物流: CQ02}
  defaults:                # optional: for fields no column gives, or empty cells
    channel: hotline

Fields: received_at, channel, category, customer.name|phone|account|email|address,
subject.kind|name|order, merchant, happened, place, known_at, description, demand,
evidence, flags (several values separated by ; or ；), price, claimed.";

pub fn run(global: &Global, args: &Args) -> Result<Exit, Error> {
    let book = global.book()?;
    let now = global.now(&book)?;
    let mapping = match &args.map {
        Some(path) => Mapping::parse(&Source::read(path, path.display().to_string())?)?,
        None => Mapping::export(),
    };
    let shown = args.file.display().to_string();
    // A GBK export is told where it stops being UTF-8 and how to convert it (`Source::read`).
    let csv = Source::read(&args.file, shown.clone())?.private();
    if args.dry_run {
        let read = import::read(&csv, &mapping, book.rulebook(), now, &book.sources()?)?;
        let outcome = import::Outcome::new(true, read.rows.len(), &[], &read.skipped);
        if machine(global, &outcome)? {
            return Ok(Exit::Ok);
        }
        skipped(&read.skipped);
        println!(
            "{}",
            say!(
                t().import_dry_run,
                good = read.rows.len(),
                file = shown,
                skipped = read.skipped.len(),
            )
        );
        return Ok(Exit::Ok);
    }
    let by = global.actor(&book)?;
    let imported = book.import(&csv, &mapping, &by, now)?;
    let outcome = import::Outcome::new(
        false,
        imported.created.len(),
        &imported.created,
        &imported.skipped,
    );
    if machine(global, &outcome)? {
        return Ok(Exit::Ok);
    }
    skipped(&imported.skipped);
    for complaint in &imported.created {
        let key = complaint.facts.source.as_deref().unwrap_or("");
        println!("{} {key}", complaint.id);
    }
    println!(
        "{}",
        say!(
            t().import_done,
            imported = imported.created.len(),
            skipped = imported.skipped.len(),
        )
    );
    Ok(Exit::Ok)
}

/// What an import did (or would do) as JSON or YAML (CSV: the complaints registered); false
/// for a table, which the caller prints.
fn machine(global: &Global, outcome: &import::Outcome) -> Result<bool, Error> {
    if global.format == super::Format::Csv {
        #[derive(serde::Serialize, Default)]
        struct Flat<'a> {
            id: String,
            source: &'a str,
        }
        let rows: Vec<Flat> = outcome
            .imported
            .iter()
            .map(|i| Flat {
                id: i.id.to_string(),
                source: &i.source,
            })
            .collect();
        super::render::csv(&rows)?;
        return Ok(true);
    }
    super::render::document(global.format, outcome)
}

fn skipped(rows: &[(u64, String)]) {
    for (line, source) in rows {
        eprintln!("{}", say!(t().import_skipped, line = line, source = source));
    }
}
