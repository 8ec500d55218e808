//! `ack`: the customer is told the complaint is being handled, by whom, and by when.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Context, Kind, parts};
use crate::error::{Error, Refusal};
use crate::said;
use crate::model::{Action, Event, Timestamp};
use crate::sla;
use crate::rulebook::Rulebook;
use crate::state::{State, Status};

/// The customer was told it is being handled, by whom, and by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ack {
    /// Who handles the complaint, as the customer was told.
    pub handler: String,
    /// How the customer reaches the handler (a phone number, `400-800-1234`).
    pub contact: String,
    /// The day an answer was promised by, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised: Option<NaiveDate>,
}

/// Acknowledge a complaint.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Who handles it; the actor when not given.
    #[serde(default)]
    pub handler: Option<String>,
    /// How the customer reaches the handler (a phone number, `400-800-1234`); must not be empty.
    pub contact: String,
    /// The day an answer is promised by, if any.
    pub promised: Option<NaiveDate>,
}

/// A date promised to the customer must be one the desk can keep: not past, and not after the
/// day the rulebook's deadline for resolving (a clock stopped by `close`) runs out, counted as
/// if acknowledged now.
fn promise(cx: &Context, ack: &Ack, day: NaiveDate) -> Result<(), Error> {
    let today = cx.now.date_naive();
    if day < today {
        return Err(cx.refuse(
            Refusal::PromisedInThePast,
            said!(
                "the promised date {day} has passed (today is {today})",
                "承诺日期 {day} 已过（今天是 {today}）"
            ),
            said!("promise a day from today on", "请承诺今天或以后的日期"),
        ));
    }
    let mut acknowledged = cx.complaint.clone();
    acknowledged.history.push(Event {
        at: cx.now,
        by: cx.actor.name.to_string(),
        action: Action::Ack(ack.clone()),
    });
    let view = sla::view(&acknowledged, cx.rulebook, cx.now);
    let resolving = |clock: &str| {
        cx.rulebook
            .clock(clock)
            .is_some_and(|spec| spec.stop.iter().any(|s| s == "close"))
    };
    // A deadline at 00:00 is the end of the day before.
    let last_day = |at: Timestamp| crate::calendar::ends_day(&at).unwrap_or(at.date_naive());
    let deadline = view
        .clocks
        .iter()
        .filter(|c| resolving(&c.clock))
        .filter_map(|c| Some((last_day(c.due.as_ref()?.at), c.name.as_str())))
        .min();
    match deadline {
        Some((last, name)) if day > last => Err(cx.refuse(
            Refusal::PromisedAfterDeadline,
            said!(
                "the promised date {day} is after the deadline of {name}, {last}",
                "承诺日期 {day} 晚于{name}的期限 {last}"
            ),
            said!(
                "promise {last} or earlier, or extend the deadline first",
                "请承诺 {last} 或更早的日期，或先延长期限"
            ),
        )),
        _ => Ok(()),
    }
}

impl Kind for Ack {
    const NAME: &'static str = "ack";
    const VERB: &'static str = "acknowledge";
    const VERB_ZH: &'static str = "受理";
    type Request = Request;

    fn decide(request: Request, cx: &Context) -> Result<Ack, Error> {
        match cx.state.status {
            Status::New => {}
            Status::Closed => cx.open()?,
            _ => {
                let when = cx
                    .state
                    .acknowledged_at
                    .map(|t| crate::model::to_second(&t))
                    .unwrap_or_default();
                return Err(cx.refuse(
                    Refusal::AlreadyAcknowledged,
                    said!(
                        "it was already acknowledged at {when}",
                        "投诉已于 {when} 受理"
                    ),
                    said!(
                        "a complaint is acknowledged once; add a note to tell the customer more",
                        "一件投诉只受理一次；要告诉客户更多，请添加备注"
                    ),
                ));
            }
        }
        let handler = request
            .handler
            .unwrap_or_else(|| cx.actor.name.to_string());
        cx.blank(said!("handler's name", "处理人姓名"), &handler)?;
        cx.blank(said!("handler's contact", "处理人联系方式"), &request.contact)?;
        let ack = Ack {
            handler,
            contact: request.contact,
            promised: request.promised,
        };
        if let Some(day) = ack.promised {
            promise(cx, &ack, day)?;
        }
        Ok(ack)
    }

    fn request(&self) -> Request {
        Request {
            handler: Some(self.handler.clone()),
            contact: self.contact.clone(),
            promised: self.promised,
        }
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("acknowledged by {by} (handler {})", self.handler)
    }

    fn apply(&self, at: Timestamp, state: &mut State) {
        state.status = Status::Acknowledged;
        state.handler = Some(self.handler.clone());
        state.handler_contact = Some(self.contact.clone());
        state.promised = self.promised;
        state.acknowledged_at = Some(at);
        state.assignee.get_or_insert_with(|| self.handler.clone());
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        parts([
            Some(self.handler.clone()),
            Some(self.contact.clone()),
            self.promised.map(|d| format!("promised {d}")),
        ])
    }
}
