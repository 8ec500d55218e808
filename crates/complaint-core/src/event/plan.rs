//! `plan`: the solution plan.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::Error;
use crate::said;
use crate::rulebook::Rulebook;

/// The solution plan was made (S2: feedback is due within 3 working days after it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The plan, in a sentence or two.
    pub summary: String,
    /// An improvement to the service (后续改进, `plan --improvement`), reported as such to the
    /// customer, rather than the remedy for this complaint.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub improvement: bool,
}

impl Kind for Plan {
    const NAME: &'static str = "plan";
    const VERB: &'static str = "record a plan for";
    const VERB_ZH: &'static str = "记录处理方案";
    type Request = Plan;

    fn decide(request: Plan, cx: &Context) -> Result<Plan, Error> {
        cx.open()?;
        cx.blank(said!("plan", "处理方案"), &request.summary)?;
        Ok(request)
    }

    fn request(&self) -> Plan {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("plan made by {by}")
    }

    fn details(&self, _: &Rulebook) -> String {
        self.summary.clone()
    }

    fn for_customer(&self) -> bool {
        true
    }
}
