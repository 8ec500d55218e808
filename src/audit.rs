//! `complaint check`: every record's history replayed event by event under the rulebook, the
//! way `bean-check` re-verifies a ledger, so a hand-edited record cannot slip through.
//!
//! Each event is turned back into the request that would have made it and put to
//! [`lifecycle::decide`] against the history before it, by the same person (with their roles
//! from the book's staff list today). A refusal is a finding; so is an event whose recorded
//! figures differ from what the rulebook gives (a standard, a revision, a ladder level).

use std::collections::BTreeMap;

use crate::lifecycle::{self, Actor};
use crate::model::{Action, Complaint};
use crate::rulebook::Rulebook;

/// Something wrong with one event of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The event's position in the history (0 = the intake).
    pub event: usize,
    pub message: String,
}

/// Replays a complaint's history and reports every event that should not have been written.
pub fn audit(
    complaint: &Complaint,
    rulebook: &Rulebook,
    staff: &BTreeMap<String, Vec<String>>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut before = complaint.clone();
    before.history.clear();
    for (i, event) in complaint.history.iter().enumerate() {
        let finding = |message: String| Finding { event: i, message };
        if i == 0 && !matches!(event.action, Action::Received) {
            findings.push(finding("the history does not start with `received`".into()));
        }
        if let Some(previous) = before.history.last().filter(|p| p.at > event.at) {
            findings.push(finding(format!(
                "{} is before the event ahead of it ({})",
                event.at.to_rfc3339(),
                previous.at.to_rfc3339()
            )));
        }
        if let Some(request) = lifecycle::request_for(&event.action) {
            let roles = staff.get(&event.by).cloned().unwrap_or_default();
            let actor = Actor {
                name: &event.by,
                roles: &roles,
            };
            match lifecycle::decide(&before, rulebook, actor, event.at, request) {
                Err(err) => findings.push(finding(format!(
                    "{} by {}: {}",
                    event.action.name(),
                    event.by,
                    reason(&err)
                ))),
                Ok(expected) => {
                    if let Some(difference) = differs(&event.action, &expected) {
                        findings.push(finding(format!(
                            "{} by {}: {difference}",
                            event.action.name(),
                            event.by
                        )));
                    }
                }
            }
        }
        before.history.push(event.clone());
    }
    findings
}

/// The reason part of a refusal, without the "cannot … C-…:" prefix that the finding's
/// location already gives.
fn reason(err: &crate::error::Error) -> String {
    match err {
        crate::error::Error::Illegal { reason, help, .. } => match help {
            Some(help) => format!("{reason} ({help})"),
            None => reason.clone(),
        },
        other => other.to_string(),
    }
}

/// How a recorded action differs from what the rulebook gives, in the figures that matter.
fn differs(recorded: &Action, expected: &Action) -> Option<String> {
    match (recorded, expected) {
        (Action::Offer { revision, standard, .. }, Action::Offer { revision: r, standard: s, .. }) => {
            if standard != s {
                Some(format!("the offer records a standard of ¥{standard}, but the rulebook gives ¥{s}"))
            } else if revision != r {
                Some(format!("the offer is numbered {revision}, but it is offer {r}"))
            } else {
                None
            }
        }
        (Action::Approve { revision, amount, .. }, Action::Approve { revision: r, amount: a, .. }) => {
            (revision != r || amount != a).then(|| format!("the approval is of offer {revision} (¥{amount}), but the offer standing is {r} (¥{a})"))
        }
        (Action::Escalate { to, .. }, Action::Escalate { to: t, .. }) => {
            (to != t).then(|| format!("the escalation goes to `{to}`, but the next level is `{t}`"))
        }
        _ => None,
    }
}
