//! `complaint check`: every record's history replayed event by event under the rulebook, the
//! way `bean-check` re-verifies a ledger, so a hand-edited record cannot slip through.
//!
//! Each event is turned back into the request that would have made it and put to
//! [`event::decide`] against the history before it, by the same person (with their roles
//! from the book's staff list today). A refusal is a finding; so is an event whose recorded
//! figures differ from what the rulebook gives (a standard, a revision, a ladder level).

use std::collections::BTreeMap;

use crate::event::{self, Actor};
use crate::model::{Action, Complaint};
use crate::rulebook::Rulebook;

/// Something wrong with one event of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The event's position in the history (0 = the intake).
    pub event: usize,
    /// What is wrong, for people.
    pub message: String,
    /// A move the rulebook refuses given the events before it (rather than a record out of
    /// order or figures that differ from the rulebook's). If the move was legal when its desk
    /// wrote it and only two desks' merged histories make it illegal (both acknowledged; one
    /// closed while the other escalated), it is a semantic conflict for `complaint resolve`;
    /// the book tells which from git (`Book::conflicts` in the `complaint` crate).
    pub refused: bool,
}

/// Replays a complaint's history and reports every event that should not have been written,
/// each judged with the roles `staff` gives its maker today.
pub fn audit(
    complaint: &Complaint,
    rulebook: &Rulebook,
    staff: &BTreeMap<String, Vec<String>>,
) -> Vec<Finding> {
    audit_with(complaint, rulebook, |event| {
        staff.get(&event.by).cloned().unwrap_or_default()
    })
}

/// [`audit`], each event judged with the roles `roles_of` gives its maker (those they held
/// when they made it, where the book knows).
pub fn audit_with(
    complaint: &Complaint,
    rulebook: &Rulebook,
    roles_of: impl Fn(&crate::model::Event) -> Vec<String>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut before = complaint.clone();
    before.history.clear();
    for (i, event) in complaint.history.iter().enumerate() {
        // Taken out of the replay by a `resolve`: it counts for nothing.
        if complaint.is_dropped(event) {
            continue;
        }
        let finding = |message: String| Finding {
            event: i,
            message,
            refused: false,
        };
        if i == 0 && !matches!(event.action, Action::Received) {
            findings.push(finding("the history does not start with `received`".into()));
        }
        if let Some(previous) = before.history.last().filter(|p| p.at > event.at) {
            findings.push(finding(format!(
                "{} is before the event ahead of it ({})",
                crate::model::to_second(&event.at),
                crate::model::to_second(&previous.at)
            )));
        }
        if let Action::Resolve(_) = event.action {
            // What it resolves was checked when it was written; it changes no state.
            before.history.push(event.clone());
            continue;
        }
        if let Some(request) = event::request_for(&event.action) {
            let roles = roles_of(event);
            let actor = Actor {
                name: &event.by,
                roles: &roles,
            };
            // Gates judge the complaints received under this version of the rulebook: a gate a
            // later version adds does not make the histories written before it illegal.
            let decided = if complaint.rulebook.version == rulebook.version() {
                event::decide_gated(&before, rulebook, actor, event.at, request)
            } else {
                event::decide(&before, rulebook, actor, event.at, request)
            };
            match decided {
                // Let stand by a `resolve`.
                Err(_) if complaint.is_resolved(event) => {}
                Err(err) => findings.push(Finding {
                    refused: true,
                    ..finding(format!(
                        "{} by {}: {}",
                        event.action.name(),
                        event.by,
                        reason(&err)
                    ))
                }),
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
            None => reason.to_string(),
        },
        other => other.to_string(),
    }
}

/// How a recorded action differs from what the rulebook gives, in the figures that matter.
fn differs(recorded: &Action, expected: &Action) -> Option<String> {
    let money = |m: &Option<crate::money::Money>| m.map_or("none".to_string(), |m| format!("¥{m}"));
    let checks: Vec<(bool, String)> = match (recorded, expected) {
        (
            Action::Offer(crate::event::Offer {
                revision,
                standard,
                coupon,
                ..
            }),
            Action::Offer(crate::event::Offer {
                revision: r,
                standard: s,
                coupon: c,
                ..
            }),
        ) => vec![
            (
                standard != s,
                format!("the offer records a standard of ¥{standard}, but the rulebook gives ¥{s}"),
            ),
            (
                coupon != c,
                format!(
                    "the offer records a coupon of {}, but the rulebook gives {}",
                    money(coupon),
                    money(c)
                ),
            ),
            (
                revision != r,
                format!("the offer is numbered {revision}, but it is offer {r}"),
            ),
        ],
        (
            Action::Approve(crate::event::Approve {
                revision,
                amount,
                role,
                ..
            }),
            Action::Approve(crate::event::Approve {
                revision: r,
                amount: a,
                role: o,
                ..
            }),
        ) => vec![
            (
                revision != r || amount != a,
                format!(
                    "the approval is of offer {revision} (¥{amount}), but the offer standing is {r} (¥{a})"
                ),
            ),
            (
                role != o,
                format!("the approval records the role `{role}`, but the approver acts as `{o}`"),
            ),
        ],
        (
            Action::Mediate(crate::event::Mediate { decision, .. }),
            Action::Mediate(crate::event::Mediate { decision: d, .. }),
        ) => vec![(
            decision != d,
            format!(
                "the mediation records the decision `{}`, but the rulebook decides `{}` for these answers",
                decision.as_str(),
                d.as_str()
            ),
        )],
        (
            Action::Escalate(crate::event::Escalate { to, .. }),
            Action::Escalate(crate::event::Escalate { to: t, .. }),
        ) => {
            vec![(
                to != t,
                format!("the escalation goes to `{to}`, but the next level is `{t}`"),
            )]
        }
        _ => Vec::new(),
    };
    checks
        .into_iter()
        .find(|(differs, _)| *differs)
        .map(|(_, message)| message)
}
