//! `close`: the complaint is closed with an outcome.

use serde::{Deserialize, Serialize};

use super::{Context, Kind, parts, satisfaction};
use crate::error::{Error, Refusal};
use crate::said;
use crate::rulebook::Rulebook;
use crate::model::Timestamp;
use crate::state::{State, Status};

/// Closed with an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Close {
    /// How it ended, in the handler's words (`已退货退款`); must not be empty.
    pub outcome: String,
    /// The customer's satisfaction score, 1 (very unhappy) to 5 (very happy), if asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<u8>,
}

impl Kind for Close {
    const NAME: &'static str = "close";
    const VERB: &'static str = "close";
    const VERB_ZH: &'static str = "结案";
    type Request = Close;

    fn decide(request: Close, cx: &Context) -> Result<Close, Error> {
        match cx.state.status {
            Status::New => {
                return Err(cx.refuse(
                    Refusal::NotAcknowledged,
                    said!("it has not been acknowledged", "投诉尚未受理"),
                    said!("acknowledge it first", "请先受理"),
                ));
            }
            Status::Closed => {
                return Err(cx.refuse(
                    Refusal::AlreadyClosed,
                    said!("it is already closed", "投诉已结案"),
                    None,
                ));
            }
            _ => {}
        }
        cx.blank(said!("outcome", "处理结果"), &request.outcome)?;
        cx.satisfaction(request.satisfaction)?;
        Ok(request)
    }

    fn request(&self) -> Close {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("closed by {by}")
    }

    fn apply(&self, at: Timestamp, state: &mut State) {
        state.status = Status::Closed;
        state.closed_at = Some(at);
        state.paused_since = None;
        state.outcome = Some(self.outcome.clone());
        state.satisfaction = self.satisfaction;
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        parts([Some(self.outcome.clone()), satisfaction(self.satisfaction)])
    }
}
