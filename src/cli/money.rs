//! `receivables` and `opinion`: the mall's side of the money.

use std::collections::BTreeMap;

use complaint::compensation::Ledger;
use complaint::form::{Kind, Style};
use complaint::{Error, Money};
use serde::Serialize;

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
}

#[derive(Serialize, Default)]
struct Receivable {
    merchant: String,
    complaints: usize,
    advanced: Money,
    recovered: Money,
    outstanding: Money,
}

pub fn receivables(global: &Global, args: &ReceivablesArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    let scan = book.scan()?;
    let mut by_merchant: BTreeMap<String, Receivable> = BTreeMap::new();
    for record in &scan.records {
        let ledger = Ledger::of(&record.complaint);
        let Some(merchant) = record.complaint.facts.merchant.clone() else {
            continue;
        };
        if ledger.advanced == Money::ZERO {
            continue;
        }
        let row = by_merchant
            .entry(merchant.clone())
            .or_insert_with(|| Receivable {
                merchant,
                ..Receivable::default()
            });
        row.complaints += 1;
        row.advanced = row
            .advanced
            .checked_add(ledger.advanced)
            .unwrap_or(row.advanced);
        row.recovered = row
            .recovered
            .checked_add(ledger.recovered)
            .unwrap_or(row.recovered);
        row.outstanding = row.advanced.saturating_sub(row.recovered);
    }
    let rows: Vec<Receivable> = by_merchant
        .into_values()
        .filter(|r| args.all || r.outstanding > Money::ZERO)
        .collect();
    if !render::machine(global.format, &rows)? {
        let mut table = render::table(&[
            "Merchant",
            "Complaints",
            "Advanced",
            "Recovered",
            "Outstanding",
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
        println!("¥{total} outstanding from {} merchant(s)", rows.len());
    }
    Ok(Exit::Ok)
}

/// The handling opinion is `form --kind opinion`, but with the customer shown as recorded:
/// that is what this command has always printed for the parties to sign.
pub fn opinion(global: &Global, args: &OpinionArgs) -> Result<Exit, Error> {
    super::form::write(
        global,
        &args.id,
        Kind::Opinion,
        args.style,
        None,
        super::form::Personal::AsRecorded,
    )
}
