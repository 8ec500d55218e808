//! `find`: the investigation's findings (S0's written report by the "1+N" team).

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::{Error, Refusal};
use crate::said;
use crate::rulebook::Rulebook;

/// The investigation's findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Find {
    /// Who was found responsible: a responsibility code the rulebook declares (`enterprise`).
    pub responsibility: String,
    /// The facts the investigation established; must not be empty.
    pub facts: String,
    /// Paths or references to the evidence for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The lead handler.
    pub lead: String,
    /// The departments involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<String>,
    /// The customer's loss the investigation verified, in yuan: what a standard with
    /// `remedy: {loss: true}` gives (S4 "核实后…给予相应补偿").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<crate::money::Money>,
    /// How late the service complained about was (a delivery 30 hours late: `30h`), in elapsed
    /// time: what a standard's `delay: {fact: service_delay, over: 24h}` measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_delay: Option<crate::duration::Duration>,
}

/// Record findings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Who was found responsible: a responsibility code the rulebook declares.
    pub responsibility: String,
    /// The facts the investigation established; must not be empty.
    pub facts: String,
    /// Paths or references to the evidence for them.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The lead handler; the actor when not given.
    #[serde(default)]
    pub lead: Option<String>,
    /// The departments involved.
    #[serde(default)]
    pub departments: Vec<String>,
    /// The loss verified, in yuan.
    #[serde(default)]
    pub loss: Option<crate::money::Money>,
    /// How late the service complained about was, in elapsed time (`30h`, `2d`).
    #[serde(default)]
    pub service_delay: Option<crate::duration::Duration>,
}

impl Kind for Find {
    const NAME: &'static str = "find";
    const VERB: &'static str = "record findings for";
    const VERB_ZH: &'static str = "记录调查结论";
    type Request = Request;

    fn decide(request: Request, cx: &Context) -> Result<Find, Error> {
        cx.open()?;
        let rulebook = cx.rulebook;
        let responsibility = request.responsibility;
        if !rulebook
            .responsibilities
            .iter()
            .any(|r| r.code == responsibility)
        {
            let known: Vec<&str> = rulebook
                .responsibilities
                .iter()
                .map(|r| r.code.as_str())
                .collect();
            let known = known.join(", ");
            return Err(cx.refuse(
                Refusal::Unknown,
                said!(
                    "`{responsibility}` is not a responsibility of the rulebook",
                    "`{responsibility}` 不是规则中的责任归属"
                ),
                said!("responsibilities: {known}", "责任归属：{known}"),
            ));
        }
        cx.blank(said!("facts found", "查明的事实"), &request.facts)?;
        let lead = request.lead.unwrap_or_else(|| cx.actor.name.to_string());
        cx.blank(said!("lead handler", "主办人"), &lead)?;
        if let Some(delay) = request.service_delay
            && delay.elapsed().is_none()
        {
            return Err(cx.refuse(
                Refusal::Unknown,
                said!(
                    "a service delay is elapsed time, not {delay}",
                    "服务延误按自然时间计，不能用 {delay}"
                ),
                said!(
                    "give it in minutes, hours or days: 90m, 30h, 2d",
                    "请用分钟、小时或天表示：90m、30h、2d"
                ),
            ));
        }
        Ok(Find {
            responsibility,
            facts: request.facts,
            evidence: request.evidence,
            lead,
            departments: request.departments,
            loss: request.loss,
            service_delay: request.service_delay,
        })
    }

    fn request(&self) -> Request {
        Request {
            responsibility: self.responsibility.clone(),
            facts: self.facts.clone(),
            evidence: self.evidence.clone(),
            lead: Some(self.lead.clone()),
            departments: self.departments.clone(),
            loss: self.loss,
            service_delay: self.service_delay,
        }
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!(
            "findings recorded by {by} (responsibility: {})",
            self.responsibility
        )
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        let team = if self.departments.is_empty() {
            self.lead.clone()
        } else {
            format!("{} + {}", self.lead, self.departments.join("、"))
        };
        super::parts([
            Some(format!("{}: {} · {team}", self.responsibility, self.facts)),
            self.loss.map(|loss| format!("loss ¥{loss}")),
            self.service_delay.map(|d| format!("service {d} late")),
        ])
    }
}

/// The latest findings' verified loss, if they record one.
pub fn verified_loss(complaint: &crate::model::Complaint) -> Option<crate::money::Money> {
    latest(complaint).and_then(|f| f.loss)
}

/// The latest findings' service delay, if they record one.
pub fn service_delay(complaint: &crate::model::Complaint) -> Option<crate::duration::Duration> {
    latest(complaint).and_then(|f| f.service_delay)
}

/// The latest findings in force: a later investigation replaces an earlier one.
fn latest(complaint: &crate::model::Complaint) -> Option<&Find> {
    complaint.in_force().rev().find_map(|e| match &e.action {
        crate::model::Action::Find(find) => Some(find),
        _ => None,
    })
}
