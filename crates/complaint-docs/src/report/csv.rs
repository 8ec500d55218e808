//! A report as long-format CSV rows: one figure per row, codes rather than labels, so a
//! spreadsheet can pivot them whatever the rulebook's language.

use serde::Serialize;

use super::Report;
use crate::duration::Unit;

/// A unit as the JSON writes it (`working_days`).
pub fn unit_code(unit: Unit) -> &'static str {
    match unit {
        Unit::Minutes => "minutes",
        Unit::Hours => "hours",
        Unit::Days => "days",
        Unit::WorkingDays => "working_days",
        Unit::BusinessHours => "business_hours",
    }
}

/// One figure as a CSV row (long format: one value per row, easy to pivot). The columns are a
/// public interface.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Row {
    /// `volume`, `daily`, `clock`, `satisfaction`, `repeat`, `compensation`, `advance`,
    /// `group`, `hot_spot`.
    pub section: String,
    /// What the figure is about: a clock, a day, a code, a kind, a merchant; empty for totals.
    pub item: String,
    /// What is measured: `received`, `met`, `median`, `amount`, …
    pub measure: String,
    /// The figure as text: a count, an amount in yuan, a mean, a date, a unit code; empty where there is none.
    pub value: String,
}

/// The report as long-format rows (written with [`crate::interchange::csv_text`], which
/// guards text cells against formula injection and leaves numbers as numbers).
pub fn rows(report: &Report) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut add = |section: &str, item: &str, measure: &str, value: String| {
        rows.push(Row {
            section: section.to_string(),
            item: item.to_string(),
            measure: measure.to_string(),
            value,
        });
    };
    let v = &report.volume;
    add("period", "", "from", report.period.from.to_string());
    add("period", "", "to", report.period.to.to_string());
    add("volume", "", "received", v.received.to_string());
    add("volume", "", "open", v.open.to_string());
    add("volume", "", "closed", v.closed.to_string());
    for day in &report.daily {
        add(
            "daily",
            &day.date.to_string(),
            "received",
            day.received.to_string(),
        );
    }
    let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for c in &report.clocks {
        add("clock", &c.clock.code, "met", c.met.to_string());
        add("clock", &c.clock.code, "met_late", c.met_late.to_string());
        add("clock", &c.clock.code, "breached", c.breached.to_string());
        add("clock", &c.clock.code, "open", c.open.to_string());
        add("clock", &c.clock.code, "median", opt(c.median));
        add("clock", &c.clock.code, "p90", opt(c.p90));
        add(
            "clock",
            &c.clock.code,
            "unit",
            unit_code(c.unit).to_string(),
        );
        add(
            "clock",
            &c.clock.code,
            "provisional",
            c.provisional.to_string(),
        );
    }
    let s = &report.satisfaction;
    add("satisfaction", "", "rated", s.rated.to_string());
    add("satisfaction", "", "mean", opt(s.mean));
    for (i, n) in s.distribution.iter().enumerate() {
        add("satisfaction", &(i + 1).to_string(), "count", n.to_string());
    }
    for r in &report.repeat_complainants {
        let item = format!("{} {}", r.customer, r.contact);
        add(
            "repeat",
            item.trim(),
            "complaints",
            r.complaints.to_string(),
        );
    }
    for p in &report.compensation {
        add("compensation", &p.kind, "payments", p.payments.to_string());
        add("compensation", &p.kind, "amount", p.amount.to_string());
    }
    for r in &report.advances {
        add(
            "advance",
            &r.merchant,
            "outstanding",
            r.outstanding.to_string(),
        );
    }
    for (section, groups) in [("group", &report.groups), ("hot_spot", &report.hot_spots)] {
        for g in groups {
            add(section, &g.code, "received", g.received.to_string());
            add(section, &g.code, "previous", g.previous.to_string());
            add(section, &g.code, "growth", g.growth.to_string());
        }
    }
    rows
}
