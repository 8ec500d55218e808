//! `ruling`: the consumer association's or a court's decision after a refused mediation.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::ledger::Ledger;
use crate::error::{Error, Refusal};
use crate::said;
use crate::model::Decision;
use crate::money::Money;
use crate::rulebook::Rulebook;

/// The consumer association's or a court's decision after a referral.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ruling {
    /// Who decided: the consumer association or the court, by name.
    pub body: String,
    /// What they decided, in brief.
    pub decision: String,
    /// The amount the merchant is to pay by it, in yuan.
    pub amount: Money,
}

impl Kind for Ruling {
    const NAME: &'static str = "ruling";
    const VERB: &'static str = "record a ruling on";
    const VERB_ZH: &'static str = "记录裁决";
    type Request = Ruling;

    fn decide(request: Ruling, cx: &Context) -> Result<Ruling, Error> {
        cx.open()?;
        if Ledger::of(cx.complaint).mediation.map(|(d, _)| d) != Some(Decision::Referral) {
            return Err(cx.refuse(
                Refusal::NoDecision,
                said!(
                    "a ruling follows a mediation the customer refused",
                    "裁决只能在顾客不接受调解之后作出"
                ),
                None,
            ));
        }
        cx.blank(said!("body", "裁决机构"), &request.body)?;
        cx.blank(said!("decision", "裁决结果"), &request.decision)?;
        Ok(request)
    }

    fn request(&self) -> Ruling {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("ruling of {} (¥{}) recorded by {by}", self.body, self.amount)
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        format!("{}: {} · ¥{}", self.body, self.decision, self.amount)
    }
}
