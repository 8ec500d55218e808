//! `escalate`: one level up the ladder, by hand or by the cron job for a breached clock.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::classify;
use crate::error::{Error, Refusal};
use crate::said;
use crate::model::Timestamp;
use crate::rulebook::Rulebook;
use crate::state::State;

/// Passed one level up the ladder; `clock` names the breached clock when `sla --escalate` did
/// it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalate {
    /// The ladder level code it left (`handler`).
    pub from: String,
    /// The ladder level code it went to, the next one up (`dept_head`).
    pub to: String,
    /// Why it was escalated; must not be empty.
    pub reason: String,
    /// The id of the breached clock that escalated it, when `sla --escalate` did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<String>,
}

/// One level up; `clock` when a breached clock escalates it automatically.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Why it is escalated; must not be empty.
    pub reason: String,
    /// The id of the breached clock, when a breach escalates it automatically.
    pub clock: Option<String>,
}

impl Kind for Escalate {
    const NAME: &'static str = "escalate";
    const VERB: &'static str = "escalate";
    const VERB_ZH: &'static str = "升级";
    type Request = Request;

    fn decide(request: Request, cx: &Context) -> Result<Escalate, Error> {
        cx.open()?;
        cx.blank(said!("reason", "原因"), &request.reason)?;
        let rulebook = cx.rulebook;
        let from = classify::standing(cx.complaint, &cx.state, rulebook).level;
        let position = rulebook.level(&from).map_or(0, |(i, _)| i);
        let Some(next) = rulebook.ladder.get(position + 1) else {
            let level = rulebook.level_name(&from);
            return Err(cx.refuse(
                Refusal::TopOfLadder,
                said!(
                    "it is already at the top of the ladder ({level})",
                    "投诉已在处理阶梯的最高一级（{level}）"
                ),
                said!(
                    "the top level gives the final answer; record it in a note, or close the complaint",
                    "最高一级作出最终答复；请记在备注中，或结案"
                ),
            ));
        };
        Ok(Escalate {
            from,
            to: next.code.clone(),
            reason: request.reason,
            clock: request.clock,
        })
    }

    fn request(&self) -> Request {
        Request {
            reason: self.reason.clone(),
            clock: self.clock.clone(),
        }
    }

    fn describe(&self, by: &str, rulebook: &Rulebook) -> String {
        format!("escalated to {} by {by}", rulebook.level_name(&self.to))
    }

    fn apply(&self, _: Timestamp, state: &mut State) {
        state.level = Some(self.to.clone());
        state.escalations += 1;
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, rulebook: &Rulebook) -> String {
        format!(
            "{} → {}: {}",
            rulebook.level_name(&self.from),
            rulebook.level_name(&self.to),
            self.reason
        )
    }
}
