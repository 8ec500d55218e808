//! `feedback`: the result, or progress, told to the customer.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::Error;
use crate::said;
use crate::rulebook::Rulebook;

/// The result, or progress, was fed back to the customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// What the customer was told; must not be empty.
    pub message: String,
}

impl Kind for Feedback {
    const NAME: &'static str = "feedback";
    const VERB: &'static str = "record feedback on";
    const VERB_ZH: &'static str = "记录反馈";
    type Request = Feedback;

    fn decide(request: Feedback, cx: &Context) -> Result<Feedback, Error> {
        cx.blank(said!("feedback", "反馈内容"), &request.message)?;
        Ok(request)
    }

    fn request(&self) -> Feedback {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("feedback given by {by}")
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        self.message.clone()
    }
}
