//! `pause`: handling waits (e.g. for the customer's evidence); clocks that pause on it stop
//! counting.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::{Error, Refusal};
use crate::said;
use crate::model::Timestamp;
use crate::rulebook::Rulebook;
use crate::state::State;

/// Handling waits: clocks that pause on it stop counting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pause {
    /// Why handling waits (waiting for the customer's documents, say).
    pub reason: String,
}

impl Kind for Pause {
    const NAME: &'static str = "pause";
    const VERB: &'static str = "pause";
    const VERB_ZH: &'static str = "暂停";
    type Request = Pause;

    fn decide(request: Pause, cx: &Context) -> Result<Pause, Error> {
        cx.open()?;
        // A pause that stops no clock would be recorded and believed, while every deadline
        // kept running.
        if !cx
            .rulebook
            .clocks
            .iter()
            .any(|c| c.pause.iter().any(|p| p == Self::NAME))
        {
            return Err(cx.refuse(
                Refusal::NothingPauses,
                said!(
                    "no clock of this rulebook pauses on it: every deadline would keep running",
                    "本规则中没有会因此暂停的时限：所有期限都会照常计算"
                ),
                said!(
                    "record the wait in a note; a clock that may wait lists `pause` under `pause:` in the rulebook",
                    "请把等待情况记在备注中；可以暂停的时限会在规则的 `pause:` 下列出 `pause`"
                ),
            ));
        }
        if let Some(since) = cx.state.paused_since {
            return Err(cx.refuse(
                Refusal::Paused,
                {
                    let since = crate::model::to_second(&since);
                    said!(
                        "it has been paused since {since}",
                        "投诉自 {since} 起已暂停"
                    )
                },
                said!("resume it first", "请先恢复处理"),
            ));
        }
        cx.blank(said!("reason", "原因"), &request.reason)?;
        Ok(request)
    }

    fn request(&self) -> Pause {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("paused by {by}")
    }

    fn apply(&self, at: Timestamp, state: &mut State) {
        state.paused_since = Some(at);
    }

    fn details(&self, _: &Rulebook) -> String {
        self.reason.clone()
    }
}
