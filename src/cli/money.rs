//! `receivables` and `opinion`: the mall's side of the money.

use std::collections::BTreeMap;

use complaint::compensation::Ledger;
use complaint::form::{self, Style};
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
    #[command(flatten)]
    pub reveal: super::read::Reveal,
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

pub fn opinion(global: &Global, args: &OpinionArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    let now = global.now(&book)?;
    let id = book.resolve(&args.id)?;
    let complaint = book.load(&id)?.complaint;
    let complaint = super::read::shown(&complaint, args.reveal.reveal);
    let text = form::opinion(&complaint, book.rulebook(), now, args.style)?;
    // Recorded once the form is made, so a refused form reveals nothing.
    args.reveal
        .record(global, &book, std::slice::from_ref(&id), "opinion")?;
    print!("{text}");
    Ok(Exit::Ok)
}
