//! CSV out: one row per complaint (or per event) with documented, stable columns, and cells
//! made safe for spreadsheet software.

use serde::Serialize;

use crate::classify::Standing;
use crate::model::{Complaint, Event};
use crate::privacy;
use crate::state::State;

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return before one) gets a leading `'`, so it is shown as text (OWASP's CSV-injection advice).
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// One complaint as a CSV row. The columns and their order are a public interface: add new
/// ones at the end, never rename or reorder.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ComplaintRow {
    pub id: String,
    pub received_at: String,
    pub channel: String,
    pub category: String,
    pub status: String,
    pub level: String,
    pub tier: String,
    pub grade: String,
    pub customer_name: String,
    pub customer_phone: String,
    pub customer_account: String,
    pub customer_email: String,
    pub subject_kind: String,
    pub subject_name: String,
    pub order: String,
    pub merchant: String,
    pub description: String,
    pub demand: String,
    pub price: String,
    pub claimed: String,
    pub assignee: String,
    pub closed_at: String,
    pub outcome: String,
    pub satisfaction: String,
    pub rulebook_version: String,
    pub customer_address: String,
    pub happened: String,
    pub place: String,
    pub known_at: String,
    /// Several values joined by `; `.
    pub evidence: String,
    /// Several values joined by `; `.
    pub flags: String,
    /// `SYSTEM:KEY` for an imported complaint.
    pub source: String,
}

/// One event as a CSV row: the complaint, when, who, what, and the event's values as JSON.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EventRow {
    pub id: String,
    pub at: String,
    pub by: String,
    pub event: String,
    pub values: String,
}

/// A complaint's row; personal data masked unless `reveal`.
pub fn complaint_row(
    c: &Complaint,
    state: &State,
    standing: &Standing,
    reveal: bool,
) -> ComplaintRow {
    let f = &c.facts;
    let customer = if reveal {
        f.customer.clone()
    } else {
        privacy::customer(&f.customer)
    };
    let text = |v: &Option<String>| neutralise(v.as_deref().unwrap_or_default());
    ComplaintRow {
        id: c.id.to_string(),
        received_at: c.received_at.to_rfc3339(),
        channel: text(&f.channel),
        category: text(&f.category),
        status: state.status.as_str().to_string(),
        level: standing.level.clone(),
        tier: standing.tier().unwrap_or_default().to_string(),
        grade: standing.grade().unwrap_or_default().to_string(),
        customer_name: text(&customer.name),
        customer_phone: text(&customer.phone),
        customer_account: text(&customer.account),
        customer_email: text(&customer.email),
        subject_kind: f
            .subject
            .kind
            .map(|k| k.as_str().to_string())
            .unwrap_or_default(),
        subject_name: text(&f.subject.name),
        order: text(&f.subject.order),
        merchant: text(&f.merchant),
        description: text(&f.description),
        demand: text(&f.demand),
        price: f.price.map(|p| p.to_string()).unwrap_or_default(),
        claimed: f.claimed.map(|p| p.to_string()).unwrap_or_default(),
        assignee: text(&state.assignee),
        closed_at: state.closed_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        outcome: text(&state.outcome),
        satisfaction: state
            .satisfaction
            .map(|s| s.to_string())
            .unwrap_or_default(),
        rulebook_version: c.rulebook.version.clone(),
        customer_address: text(&customer.address),
        happened: text(&f.happened),
        place: text(&f.place),
        known_at: f.known_at.map(|d| d.to_string()).unwrap_or_default(),
        evidence: neutralise(&f.evidence.join("; ")),
        flags: neutralise(&f.flags.join("; ")),
        source: text(&f.source),
    }
}

/// An event's row, its values as compact JSON (neutralised like every other cell).
pub fn event_row(c: &Complaint, event: &Event) -> EventRow {
    let mut values = serde_json::to_value(&event.action).unwrap_or_default();
    if let Some(map) = values.as_object_mut() {
        map.remove("event");
    }
    EventRow {
        id: c.id.to_string(),
        at: event.at.to_rfc3339(),
        by: neutralise(&event.by),
        event: event.action.name().to_string(),
        values: neutralise(&values.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_shown_as_text() {
        for (cell, safe) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+86 138", "'+86 138"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("退货并赔偿", "退货并赔偿"),
            ("500.00", "500.00"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), safe, "{cell:?}");
        }
    }
}
