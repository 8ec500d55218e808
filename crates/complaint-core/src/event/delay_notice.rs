//! `delay_notice`: the customer told in advance why their complaint will not be done in time,
//! and by when it will be (S2 4.1.3 對于無法在規定時間內完成的投訴，應提前告知客戶原因及預計完成時間).
//! The new date becomes the date promised to the customer, which `sla` watches; a rulebook
//! clock stopped by `delay_notice` requires the notice before its deadline.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::{Error, Refusal};
use crate::model::Timestamp;
use crate::rulebook::Rulebook;
use crate::said;
use crate::state::State;

/// The customer told of a delay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DelayNotice {
    /// Why it will be late, as the customer was told.
    pub reason: String,
    /// The day it is now expected to be done by: the new date promised to the customer.
    pub expected: NaiveDate,
}

impl Kind for DelayNotice {
    const NAME: &'static str = "delay_notice";
    const VERB: &'static str = "record a delay notice on";
    const VERB_ZH: &'static str = "记录延期告知";
    type Request = DelayNotice;

    fn decide(request: DelayNotice, cx: &Context) -> Result<DelayNotice, Error> {
        cx.open()?;
        // The date becomes the one promised at the acknowledgement, which comes first.
        if cx.state.status == crate::state::Status::New {
            return Err(cx.refuse(
                Refusal::NotAcknowledged,
                said!("it has not been acknowledged", "投诉尚未受理"),
                said!("acknowledge it first", "请先受理"),
            ));
        }
        cx.blank(said!("reason", "原因"), &request.reason)?;
        let (day, today) = (request.expected, cx.now.date_naive());
        if day < today {
            return Err(cx.refuse(
                Refusal::PromisedInThePast,
                said!(
                    "the expected date {day} has passed (today is {today})",
                    "预计完成日期 {day} 已过（今天是 {today}）"
                ),
                said!(
                    "tell the customer a day from today on",
                    "请告知客户今天或以后的日期"
                ),
            ));
        }
        Ok(request)
    }

    fn request(&self) -> DelayNotice {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("delay notice by {by}: expected by {}", self.expected)
    }

    fn details(&self, _: &Rulebook) -> String {
        format!("expected by {} · {}", self.expected, self.reason)
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn apply(&self, _: Timestamp, state: &mut State) {
        state.promised = Some(self.expected);
    }
}
