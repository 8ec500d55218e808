//! `assign`: the complaint is given to someone to handle.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::Error;
use crate::said;
use crate::model::Timestamp;
use crate::rulebook::Rulebook;
use crate::state::State;

/// The complaint was given to someone to handle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assign {
    /// The person it was given to, by name (`李强`); must not be empty.
    pub to: String,
}

impl Kind for Assign {
    const NAME: &'static str = "assign";
    const VERB: &'static str = "assign";
    const VERB_ZH: &'static str = "分派";
    type Request = Assign;

    fn decide(request: Assign, cx: &Context) -> Result<Assign, Error> {
        cx.open()?;
        cx.blank(said!("assignee", "承办人"), &request.to)?;
        Ok(request)
    }

    fn request(&self) -> Assign {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("assigned to {} by {by}", self.to)
    }

    fn apply(&self, _: Timestamp, state: &mut State) {
        state.assignee = Some(self.to.clone());
    }

    fn details(&self, _: &Rulebook) -> String {
        format!("to {}", self.to)
    }
}
