//! A complaint's current state, derived by folding its history.
//!
//! Nothing here is stored: the history is the truth, and this fold is cheap enough to run for
//! every record of a big book.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Action, Complaint, Timestamp};

/// Where a complaint stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Registered, not yet acknowledged to the customer.
    New,
    /// Acknowledged and being handled.
    Acknowledged,
    /// Closed with an outcome.
    Closed,
    /// Closed once, opened again.
    Reopened,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Acknowledged => "acknowledged",
            Status::Closed => "closed",
            Status::Reopened => "reopened",
        }
    }

    pub fn is_open(self) -> bool {
        self != Status::Closed
    }
}

/// The state a history leads to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    pub status: Status,
    /// The ladder level's code; `None` means the entry level.
    pub level: Option<String>,
    pub handler: Option<String>,
    pub handler_contact: Option<String>,
    pub promised: Option<NaiveDate>,
    pub assignee: Option<String>,
    pub acknowledged_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    pub outcome: Option<String>,
    pub satisfaction: Option<u8>,
    pub escalations: usize,
    pub reopened: usize,
    /// Waiting since this instant (a `pause` with no `resume` after it).
    pub paused_since: Option<Timestamp>,
    /// A return visit flagged the customer as a key customer.
    pub key_customer: bool,
}

impl State {
    /// Folds the history of `complaint` from its first event to its last.
    pub fn of(complaint: &Complaint) -> State {
        let mut state = State {
            status: Status::New,
            level: None,
            handler: None,
            handler_contact: None,
            promised: None,
            assignee: None,
            acknowledged_at: None,
            closed_at: None,
            outcome: None,
            satisfaction: None,
            escalations: 0,
            reopened: 0,
            paused_since: None,
            key_customer: false,
        };
        for event in complaint.in_force() {
            match &event.action {
                Action::Received
                | Action::Resolve { .. }
                | Action::Note { .. }
                | Action::Classify { .. }
                | Action::Plan { .. }
                | Action::Agree { .. }
                | Action::Pay { .. }
                | Action::Feedback { .. }
                | Action::Reveal { .. }
                | Action::Extend { .. }
                | Action::Find { .. }
                | Action::Offer { .. }
                | Action::Approve { .. }
                | Action::Dispute { .. }
                | Action::Mediate { .. }
                | Action::Ruling { .. }
                | Action::Recover { .. } => {}
                Action::Followup { key_customer, .. } => state.key_customer |= key_customer,
                Action::Pause { .. } => state.paused_since = Some(event.at),
                Action::Resume { .. } => state.paused_since = None,
                Action::Ack {
                    handler,
                    contact,
                    promised,
                } => {
                    state.status = Status::Acknowledged;
                    state.handler = Some(handler.clone());
                    state.handler_contact = Some(contact.clone());
                    state.promised = *promised;
                    state.acknowledged_at = Some(event.at);
                    state.assignee.get_or_insert_with(|| handler.clone());
                }
                Action::Assign { to } => state.assignee = Some(to.clone()),
                Action::Escalate { to, .. } => {
                    state.level = Some(to.clone());
                    state.escalations += 1;
                }
                Action::Close {
                    outcome,
                    satisfaction,
                } => {
                    state.status = Status::Closed;
                    state.closed_at = Some(event.at);
                    state.paused_since = None;
                    state.outcome = Some(outcome.clone());
                    state.satisfaction = *satisfaction;
                }
                Action::Reopen { .. } => {
                    state.status = Status::Reopened;
                    state.outcome = None;
                    state.satisfaction = None;
                    state.closed_at = None;
                    state.reopened += 1;
                }
            }
        }
        state
    }
}
