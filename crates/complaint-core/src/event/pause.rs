//! `pause`: handling waits (e.g. for the customer's evidence); clocks that pause on it stop
//! counting.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::{Error, Refusal};
use crate::model::Timestamp;
use crate::rulebook::Rulebook;
use crate::state::State;

/// Handling waits: clocks that pause on it stop counting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pause {
    /// Why handling waits (waiting for the customer's documents, say).
    pub reason: String,
}

impl Kind for Pause {
    const NAME: &'static str = "pause";
    const VERB: &'static str = "pause";
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
                "no clock of this rulebook pauses on it: every deadline would keep running",
                Some("record the wait in a note; a clock that may wait lists `pause` under `pause:` in the rulebook".into()),
            ));
        }
        if let Some(since) = cx.state.paused_since {
            return Err(cx.refuse(
                Refusal::Paused,
                format!("it has been paused since {}", crate::model::to_second(&since)),
                Some("resume it first".into()),
            ));
        }
        cx.blank("reason", &request.reason)?;
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
