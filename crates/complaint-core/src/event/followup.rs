//! `followup`: the return visit after resolution, with the customer's view of the solution.

use serde::{Deserialize, Serialize};

use super::{Context, Kind, parts, satisfaction};
use crate::error::{Error, Refusal};
use crate::said;
use crate::model::Timestamp;
use crate::rulebook::Rulebook;
use crate::state::State;

/// The return visit after resolution, with the customer's view of the solution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Followup {
    /// What the customer said of the solution on the return visit.
    pub comment: String,
    /// The customer's satisfaction score, 1–5, if asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<u8>,
    /// The customer is to be watched from now on (S1: a dissatisfied customer becomes a key
    /// customer).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub key_customer: bool,
}

impl Kind for Followup {
    const NAME: &'static str = "followup";
    const VERB: &'static str = "record a return visit for";
    const VERB_ZH: &'static str = "记录回访";
    type Request = Followup;

    fn decide(request: Followup, cx: &Context) -> Result<Followup, Error> {
        if cx.state.status.is_open() {
            return Err(cx.refuse(
                Refusal::NotResolved,
                said!("it is not resolved yet", "投诉尚未办结"),
                said!("the return visit follows the close", "回访在结案之后进行"),
            ));
        }
        cx.blank(said!("comment", "回访意见"), &request.comment)?;
        cx.satisfaction(request.satisfaction)?;
        Ok(request)
    }

    fn request(&self) -> Followup {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        let key = if self.key_customer {
            " (key customer)"
        } else {
            ""
        };
        format!("return visit by {by}{key}")
    }

    fn apply(&self, _: Timestamp, state: &mut State) {
        state.key_customer |= self.key_customer;
        // The return visit's score is the customer's latest word on the solution.
        if self.satisfaction.is_some() {
            state.satisfaction = self.satisfaction;
        }
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        parts([
            Some(self.comment.clone()),
            satisfaction(self.satisfaction),
            self.key_customer.then(|| "key customer".to_string()),
        ])
    }
}
