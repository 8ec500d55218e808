//! `mediate`: the mall's mediation between customer and merchant, and what the rulebook
//! decides from the two answers (S1's advance-payment rules).

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::{Error, Refusal};
use crate::said;
use crate::model::{Answer, Decision};
use crate::money::Money;
use crate::rulebook::Rulebook;

/// The mediation, and what the rulebook decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mediate {
    /// The customer's answer to the mediation.
    pub customer: Answer,
    /// The merchant's answer to the mediation.
    pub merchant: Answer,
    /// What the rulebook's mediation outcomes decide for these answers.
    pub decision: Decision,
    /// The amount the merchant is to pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// The rulebook version the decision was taken under.
    pub rulebook: String,
}

/// Record a mediation: both parties' answers, and the amount the merchant is to pay.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The customer's answer to the mediation.
    pub customer: Answer,
    /// The merchant's answer to the mediation.
    pub merchant: Answer,
    /// The amount the merchant is to pay, in yuan.
    pub amount: Option<Money>,
}

impl Kind for Mediate {
    const NAME: &'static str = "mediate";
    const VERB: &'static str = "record a mediation of";
    const VERB_ZH: &'static str = "记录调解";
    const ALSO: &'static [&'static str] = &[
        "mediate.merchant_pays",
        "mediate.opinion",
        "mediate.referral",
    ];
    type Request = Request;

    fn decide(request: Request, cx: &Context) -> Result<Mediate, Error> {
        cx.open()?;
        let Request {
            customer,
            merchant,
            amount,
        } = request;
        let Some(mediation) = &cx.rulebook.mediation else {
            return Err(cx.refuse(
                Refusal::NoMediation,
                said!("the rulebook has no mediation rules", "规则中没有调解规则"),
                None,
            ));
        };
        if cx.complaint.facts.merchant.is_none() {
            return Err(cx.refuse(
                Refusal::NoMerchant,
                said!(
                    "it names no merchant to mediate with",
                    "投诉未写明可与之调解的商户"
                ),
                None,
            ));
        }
        let Some(outcome) = mediation.outcomes.iter().find(|o| {
            o.customer.is_none_or(|c| c == customer) && o.merchant.is_none_or(|m| m == merchant)
        }) else {
            return Err(cx.refuse(
                Refusal::Undecided,
                said!(
                    "the rulebook decides nothing for customer {customer:?}, merchant {merchant:?}",
                    "规则对顾客 {customer:?}、商户 {merchant:?} 的情形没有规定"
                ),
                None,
            ));
        };
        if outcome.then != Decision::Referral && amount.is_none() {
            return Err(cx.refuse(
                Refusal::AmountRequired,
                said!(
                    "the mediation sets what the merchant pays",
                    "调解须确定商户支付的金额"
                ),
                said!("give the amount", "请给出金额"),
            ));
        }
        Ok(Mediate {
            customer,
            merchant,
            decision: outcome.then,
            amount,
            rulebook: cx.rulebook.version().to_string(),
        })
    }

    fn request(&self) -> Request {
        Request {
            customer: self.customer,
            merchant: self.merchant,
            amount: self.amount,
        }
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("mediated by {by}: {}", self.decision.as_str())
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        let amount = self.amount.map(|a| format!(" · ¥{a}")).unwrap_or_default();
        format!(
            "customer {:?}, merchant {:?} → {}{amount}",
            self.customer,
            self.merchant,
            self.decision.as_str()
        )
        .to_lowercase()
    }

    fn is_also(&self, kind: &str) -> bool {
        kind.strip_prefix("mediate.") == Some(self.decision.as_str())
    }
}
