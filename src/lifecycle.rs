//! Which moves are legal: an [`Action`] is checked against the complaint's derived state and
//! the rulebook before it becomes an event. A refused move is an [`Error::Illegal`] and nothing
//! is written.

use crate::error::Error;
use crate::model::{Action, Complaint};
use crate::rulebook::Rulebook;
use crate::state::{State, Status};

/// What a user asks for; the library fills in the details only it knows (the ladder level).
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Ack {
        handler: String,
        contact: String,
        promised: Option<chrono::NaiveDate>,
    },
    Assign {
        to: String,
    },
    Escalate {
        reason: String,
    },
    Note {
        text: String,
    },
    Close {
        outcome: String,
        satisfaction: Option<u8>,
    },
    Reopen {
        reason: String,
    },
    /// Apply the rulebook's rules (no values), or override tier and/or grade with a reason.
    Classify {
        tier: Option<String>,
        grade: Option<String>,
        reason: Option<String>,
    },
}

impl Request {
    pub fn verb(&self) -> &'static str {
        match self {
            Request::Ack { .. } => "acknowledge",
            Request::Assign { .. } => "assign",
            Request::Escalate { .. } => "escalate",
            Request::Note { .. } => "add a note to",
            Request::Close { .. } => "close",
            Request::Reopen { .. } => "reopen",
            Request::Classify { .. } => "classify",
        }
    }
}

/// Checks `request` against the complaint and the rulebook and turns it into the action to
/// record, or says why it is not allowed.
pub fn decide(
    complaint: &Complaint,
    rulebook: &Rulebook,
    request: Request,
) -> Result<Action, Error> {
    let state = State::of(complaint);
    let verb = request.verb();
    let refuse = |reason: String, help: Option<&str>| Error::Illegal {
        id: complaint.id.to_string(),
        action: verb,
        reason,
        help: help.map(str::to_string),
    };
    let blank = |what: &str| refuse(format!("the {what} is empty"), Some("give it some text"));
    match &request {
        Request::Ack {
            handler, contact, ..
        } => {
            match state.status {
                Status::New => {}
                Status::Closed => {
                    return Err(refuse(
                        "it is closed".into(),
                        Some("reopen it first with `complaint reopen`"),
                    ));
                }
                _ => {
                    let when = state
                        .acknowledged_at
                        .map(|t| t.to_rfc3339())
                        .unwrap_or_default();
                    return Err(refuse(
                        format!("it was already acknowledged at {when}"),
                        Some(
                            "a complaint is acknowledged once; use `complaint note` to tell the customer more",
                        ),
                    ));
                }
            }
            if handler.trim().is_empty() {
                return Err(blank("handler's name"));
            }
            if contact.trim().is_empty() {
                return Err(blank("handler's contact"));
            }
        }
        Request::Assign { to } => {
            if !state.status.is_open() {
                return Err(refuse(
                    "it is closed".into(),
                    Some("reopen it first with `complaint reopen`"),
                ));
            }
            if to.trim().is_empty() {
                return Err(blank("assignee"));
            }
        }
        Request::Escalate { reason } => {
            if !state.status.is_open() {
                return Err(refuse(
                    "it is closed".into(),
                    Some("reopen it first with `complaint reopen`"),
                ));
            }
            if reason.trim().is_empty() {
                return Err(blank("reason"));
            }
        }
        Request::Note { text } => {
            if text.trim().is_empty() {
                return Err(blank("note"));
            }
        }
        Request::Close {
            outcome,
            satisfaction,
        } => {
            match state.status {
                Status::New => {
                    return Err(refuse(
                        "it has not been acknowledged".into(),
                        Some("acknowledge it first with `complaint ack`"),
                    ));
                }
                Status::Closed => return Err(refuse("it is already closed".into(), None)),
                _ => {}
            }
            if outcome.trim().is_empty() {
                return Err(blank("outcome"));
            }
            if satisfaction.is_some_and(|s| !(1..=5).contains(&s)) {
                return Err(refuse(
                    "satisfaction must be from 1 (very unhappy) to 5 (very happy)".into(),
                    None,
                ));
            }
        }
        Request::Classify {
            tier,
            grade,
            reason,
        } => {
            let overriding = tier.is_some() || grade.is_some();
            if overriding && reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return Err(refuse(
                    "an override needs a reason".into(),
                    Some("say why with --reason; it is recorded"),
                ));
            }
            if !overriding && reason.is_some() {
                return Err(refuse(
                    "a reason was given but nothing to override".into(),
                    Some("give --tier and/or --grade with --reason, or neither to apply the rules"),
                ));
            }
            for (value, declared, what) in [
                (tier, &rulebook.tiers, "tier"),
                (grade, &rulebook.grades, "grade"),
            ] {
                if let Some(value) = value
                    .as_deref()
                    .filter(|v| !declared.iter().any(|c| c.code.value == *v))
                {
                    let known: Vec<&str> = declared.iter().map(|c| c.code.value.as_str()).collect();
                    return Err(refuse(
                        format!("`{value}` is not a {what} of the rulebook"),
                        Some(&format!("{what}s: {}", known.join(", "))),
                    ));
                }
            }
        }
        Request::Reopen { reason } => {
            if state.status != Status::Closed {
                return Err(refuse("it is not closed".into(), None));
            }
            if reason.trim().is_empty() {
                return Err(blank("reason"));
            }
        }
    }
    Ok(match request {
        Request::Ack {
            handler,
            contact,
            promised,
        } => Action::Ack {
            handler,
            contact,
            promised,
        },
        Request::Assign { to } => Action::Assign { to },
        Request::Escalate { reason } => {
            let from = crate::classify::standing(complaint, &state, rulebook).level;
            let position = rulebook.level(&from).map_or(0, |(i, _)| i);
            let Some(next) = rulebook.ladder.get(position + 1) else {
                return Err(refuse(
                    format!(
                        "it is already at the top of the ladder ({})",
                        rulebook.level_name(&from)
                    ),
                    Some(
                        "the top level gives the final answer; record it with `complaint note` or `complaint close`",
                    ),
                ));
            };
            Action::Escalate {
                from,
                to: next.code.value.clone(),
                reason,
            }
        }
        Request::Note { text } => Action::Note { text },
        Request::Close {
            outcome,
            satisfaction,
        } => Action::Close {
            outcome,
            satisfaction,
        },
        Request::Reopen { reason } => Action::Reopen { reason },
        Request::Classify {
            tier: None,
            grade: None,
            ..
        } => {
            let standing = crate::classify::standing(complaint, &state, rulebook);
            Action::Classify {
                tier: standing.tier().map(str::to_string),
                grade: standing.grade().map(str::to_string),
                reason: None,
            }
        }
        Request::Classify {
            tier,
            grade,
            reason,
        } => Action::Classify {
            tier,
            grade,
            reason,
        },
    })
}

/// The code of the ladder level a complaint is at (the entry level until escalated).
pub fn current_level(rulebook: &Rulebook, state: &State) -> String {
    state.level.clone().unwrap_or_else(|| {
        rulebook
            .ladder
            .first()
            .map(|l| l.code.value.clone())
            .unwrap_or_default()
    })
}

/// One line saying what an event did, for commit messages and logs
/// (`C-20260930-7KQX2M escalated to 部门负责人 by 王芳`).
pub fn describe(complaint: &Complaint, event: &crate::model::Event, rulebook: &Rulebook) -> String {
    let id = &complaint.id;
    let by = &event.by;
    match &event.action {
        Action::Received => {
            let category = complaint.facts.category.as_deref().unwrap_or_default();
            let name = rulebook
                .category(category)
                .map_or(category, |c| c.name.as_str());
            format!("{id} received ({category} {name}) by {by}")
        }
        Action::Ack { handler, .. } => format!("{id} acknowledged by {by} (handler {handler})"),
        Action::Assign { to } => format!("{id} assigned to {to} by {by}"),
        Action::Escalate { to, .. } => {
            format!("{id} escalated to {} by {by}", rulebook.level_name(to))
        }
        Action::Note { .. } => format!("{id} note by {by}"),
        Action::Close { .. } => format!("{id} closed by {by}"),
        Action::Reopen { .. } => format!("{id} reopened by {by}"),
        Action::Classify {
            tier,
            grade,
            reason,
        } => {
            let what: Vec<&str> = [tier, grade]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            let how = if reason.is_some() {
                "reclassified"
            } else {
                "classified"
            };
            let what = if what.is_empty() {
                "unclassified".to_string()
            } else {
                what.join("/")
            };
            format!("{id} {how} as {what} by {by}")
        }
    }
}
