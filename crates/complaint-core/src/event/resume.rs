//! `resume`: handling goes on after a pause.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::{Error, Refusal};
use crate::said;
use crate::model::Timestamp;
use crate::rulebook::Rulebook;
use crate::state::State;

/// Handling goes on again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resume {
    /// Why handling goes on again, if said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Kind for Resume {
    const NAME: &'static str = "resume";
    const VERB: &'static str = "resume";
    const VERB_ZH: &'static str = "恢复处理";
    type Request = Resume;

    fn decide(request: Resume, cx: &Context) -> Result<Resume, Error> {
        if cx.state.paused_since.is_none() {
            return Err(cx.refuse(
                Refusal::NotPaused,
                said!("it is not paused", "投诉未暂停"),
                None,
            ));
        }
        Ok(request)
    }

    fn request(&self) -> Resume {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("resumed by {by}")
    }

    fn apply(&self, _: Timestamp, state: &mut State) {
        state.paused_since = None;
    }

    fn details(&self, _: &Rulebook) -> String {
        self.reason.clone().unwrap_or_default()
    }
}
