//! What the cron job does, through the library alone: list the clocks that need attention,
//! most urgent first, and with `--escalate NAME` move each complaint whose breached clock says
//! so one level up the ladder, as NAME (one commit when the book commits).
//!
//! ```text
//! cargo run -p complaint --example sla -- BOOK [--now 2026-11-27T09:00:00+08:00] [--escalate 王芳]
//! ```
//!
//! `complaint sla [--escalate NAME]` does the same with tables, JSON and exit codes.
//! crates/complaint/tests/sla_example.rs runs [`run`] on a copy of fixtures/demo.

use std::error::Error;
use std::io::Write;
use std::path::PathBuf;

use complaint::{Book, Timestamp, sla};

fn main() -> Result<(), Box<dyn Error>> {
    run(std::env::args().skip(1), &mut std::io::stdout())
}

/// One run: `args` as after the program's name; the rows and escalations go to `out`, one line
/// each, tab-separated.
pub fn run(
    mut args: impl Iterator<Item = String>,
    out: &mut dyn Write,
) -> Result<(), Box<dyn Error>> {
    let (mut root, mut now, mut escalate) = (None, None, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--now" => {
                now = Some(
                    args.next()
                        .ok_or("--now takes a time")?
                        .parse::<Timestamp>()?,
                )
            }
            "--escalate" => escalate = Some(args.next().ok_or("--escalate takes a name")?),
            _ if root.is_none() => root = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument `{arg}`").into()),
        }
    }
    let root = root.ok_or("usage: sla BOOK [--now TIME] [--escalate NAME]")?;
    let now = now.unwrap_or_else(|| chrono::Local::now().fixed_offset());

    let book = Book::open(&root)?;
    // The default filter: breached, at risk or unknown; `all: true` adds the running ones.
    let report = book.sla(now, &sla::Filter::default())?;
    for row in &report.rows {
        let deadline = &row.deadline;
        let due = deadline.at().map_or("-".into(), |due| due.to_rfc3339());
        let left = deadline.minutes_left.map_or("-".into(), |m| m.to_string());
        let status = deadline.status.as_str();
        writeln!(
            out,
            "{}\t{}\t{status}\t{due}\t{left}\t{}",
            row.id, deadline.clock.code, row.level.code
        )?;
    }
    for error in &report.errors {
        eprintln!("unreadable record: {error}");
    }

    if let Some(name) = escalate {
        let batch = book.escalate_breached(now, &name)?;
        for complaint in &batch.applied {
            writeln!(out, "escalated\t{}", complaint.id)?;
        }
        for (id, error) in &batch.refused {
            eprintln!("not escalated {id}: {error}");
        }
    }
    Ok(())
}
