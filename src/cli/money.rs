//! `receivables` and `opinion`: the mall's side of the money.

use complaint::form::{Kind, Style};
use complaint::report::{self, Receivable};
use complaint::{Error, Money};

use super::messages::{say, t};
use super::render;
use super::{Exit, Global};

/// What each merchant owes for payments made in advance for it, and what was recovered
#[derive(Debug, clap::Args)]
pub struct ReceivablesArgs {
    /// Also list merchants who owe nothing now
    #[arg(long)]
    pub all: bool,
}

/// Write the handling opinion (处理意见书) of a mediated complaint, for printing
#[derive(Debug, clap::Args)]
pub struct OpinionArgs {
    pub id: String,
    /// How to write it
    #[arg(long = "as", value_enum, default_value_t = Style::Markdown)]
    pub style: Style,
    #[command(flatten)]
    pub reveal: super::read::Reveal,
}

pub fn receivables(global: &Global, args: &ReceivablesArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    // Advances are payments: only complaints with one are read.
    let scan = book.select(&complaint::index::Narrow {
        paid: true,
        ..Default::default()
    })?;
    let rows: Vec<Receivable> = report::receivables(scan.records.iter().map(|r| &r.complaint))
        .into_iter()
        .filter(|r| args.all || r.outstanding > Money::ZERO)
        .collect();
    let body = || report::Receivables {
        receivables: rows.clone(),
    };
    if !render::machine(global.format, body, &rows)? {
        let t = t();
        let mut table = render::table(&[
            t.merchant,
            t.complaints,
            t.advanced,
            t.recovered,
            t.outstanding,
        ]);
        for r in &rows {
            table.add_row([
                r.merchant.clone(),
                r.complaints.to_string(),
                format!("¥{}", r.advanced),
                format!("¥{}", r.recovered),
                format!("¥{}", r.outstanding),
            ]);
        }
        if !rows.is_empty() {
            println!("{table}");
        }
        let total = rows.iter().fold(Money::ZERO, |sum, r| {
            sum.checked_add(r.outstanding).unwrap_or(sum)
        });
        println!(
            "{}",
            say!(t.receivables_total, total = total, count = rows.len())
        );
    }
    Ok(Exit::Ok)
}

/// The handling opinion: `form --kind opinion` by its older name (masked unless --reveal, like
/// every form).
pub fn opinion(global: &Global, args: &OpinionArgs) -> Result<Exit, Error> {
    super::form::write(
        global,
        &args.id,
        Kind::Opinion,
        args.style,
        None,
        args.reveal,
        "opinion",
    )
}
