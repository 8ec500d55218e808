//! `reopen`: a closed complaint opened again.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::{Error, Refusal};
use crate::said;
use crate::rulebook::Rulebook;
use crate::model::Timestamp;
use crate::state::{State, Status};

/// Opened again after closing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reopen {
    /// Why it is opened again.
    pub reason: String,
}

impl Kind for Reopen {
    const NAME: &'static str = "reopen";
    const VERB: &'static str = "reopen";
    const VERB_ZH: &'static str = "重新打开";
    type Request = Reopen;

    fn decide(request: Reopen, cx: &Context) -> Result<Reopen, Error> {
        if cx.state.status != Status::Closed {
            return Err(cx.refuse(
                Refusal::NotClosed,
                said!("it is not closed", "投诉尚未结案"),
                None,
            ));
        }
        cx.blank(said!("reason", "原因"), &request.reason)?;
        Ok(request)
    }

    fn request(&self) -> Reopen {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("reopened by {by}")
    }

    fn apply(&self, _: Timestamp, state: &mut State) {
        state.status = Status::Reopened;
        state.outcome = None;
        state.satisfaction = None;
        state.closed_at = None;
        state.reopened += 1;
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        self.reason.clone()
    }
}
