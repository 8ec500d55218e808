//! A complaint's current state, derived by folding its history.
//!
//! Nothing here is stored: the history is the truth, and this fold is cheap enough to run for
//! every record of a big book.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Complaint, Timestamp};

/// Where a complaint stands in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
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
    /// The status as written in output (`new`, `acknowledged`, `closed`, `reopened`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Acknowledged => "acknowledged",
            Status::Closed => "closed",
            Status::Reopened => "reopened",
        }
    }

    /// Whether the complaint is still being handled: any status but closed.
    pub fn is_open(self) -> bool {
        self != Status::Closed
    }
}

/// The state a history leads to.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct State {
    /// Where it stands in its lifecycle.
    pub status: Status,
    /// The ladder level's code; `None` means the entry level.
    pub level: Option<String>,
    /// Who handles it, as the acknowledgement told the customer.
    pub handler: Option<String>,
    /// How the customer reaches the handler (`400-800-1234`), as the acknowledgement gave it.
    pub handler_contact: Option<String>,
    /// The day the acknowledgement promised an answer by, if it promised one.
    pub promised: Option<NaiveDate>,
    /// Who it is assigned to (the latest `assign`), if anyone.
    pub assignee: Option<String>,
    /// When it was acknowledged.
    pub acknowledged_at: Option<Timestamp>,
    /// When it was closed; `None` while open (a reopen clears it).
    pub closed_at: Option<Timestamp>,
    /// The outcome the close recorded; `None` while open.
    pub outcome: Option<String>,
    /// The customer's latest score of the solution: the close's, or a later return visit's.
    pub satisfaction: Option<u8>,
    /// How many times it was escalated up the ladder.
    pub escalations: usize,
    /// How many times it was reopened.
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
            event.action.apply(event.at, &mut state);
        }
        state
    }
}
