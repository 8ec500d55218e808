//! `pay`: the solution carried out — a refund or coupon paid, goods sent, an apology made —
//! never more than was agreed, mediated or ruled; and the mall's advance payment for a
//! merchant that would not pay.

use serde::{Deserialize, Serialize};

use super::{Context, Kind, parts};
use crate::ledger::Ledger;
use crate::error::{Error, Refusal};
use crate::said;
use crate::model::Decision;
use crate::money::Money;
use crate::rulebook::Rulebook;

/// The solution was carried out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pay {
    /// What was done: `refund`, `coupon`, `goods`, `repair`, `apology` …
    pub kind: String,
    /// How much, in yuan, where money (or a coupon) was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// A payment reference or tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The rulebook version the payment was checked under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rulebook: Option<String>,
    /// Who paid, where it is not the organisation itself (`merchant`, or `mall` in advance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<String>,
    /// Paid in advance for the merchant, who now owes it back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub advance: bool,
}

/// Record the execution of the solution.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// What was done: `refund`, `coupon`, `goods`, `repair`, `apology` …; must not be empty.
    pub kind: String,
    /// How much, in yuan, for money or a coupon; no more than is owed (or than the coupon offered).
    pub amount: Option<Money>,
    /// A payment reference or tracking number.
    pub reference: Option<String>,
    /// Who pays where it is not the organisation (`merchant`), or `None`.
    pub payer: Option<String>,
    /// Paid in advance for the merchant by the rulebook's advance payer.
    #[serde(default)]
    pub advance: bool,
}

impl Kind for Pay {
    const NAME: &'static str = "pay";
    const VERB: &'static str = "record the execution of";
    const VERB_ZH: &'static str = "记录执行情况";
    // A rulebook names a payment of one kind as `pay.KIND`; the apology is the one gates ask for.
    const ALSO: &'static [&'static str] = &["pay.apology"];
    type Request = Request;

    fn decide(request: Request, cx: &Context) -> Result<Pay, Error> {
        cx.open()?;
        let rulebook = cx.rulebook;
        let Request {
            kind,
            amount,
            reference,
            payer,
            advance,
        } = request;
        cx.blank(said!("kind of execution", "执行方式"), &kind)?;
        let ledger = Ledger::of(cx.complaint);
        let decision = ledger.mediation.map(|(d, _)| d);
        let payer = if advance {
            let Some(mediation) = &rulebook.mediation else {
                return Err(cx.refuse(
                    Refusal::NoMediation,
                    said!(
                        "the rulebook has no advance payment",
                        "规则中没有先行赔付"
                    ),
                    None,
                ));
            };
            if !matches!(decision, Some(Decision::Opinion | Decision::Referral))
                || ledger.owed().is_none()
            {
                return Err(cx.refuse(
                    Refusal::NoDecision,
                    said!(
                        "an advance payment follows a handling opinion or a ruling the merchant did not honour",
                        "先行赔付只能在商户不履行处理意见或裁决之后进行"
                    ),
                    said!(
                        "record the mediation (and, after a referral, the ruling) first",
                        "请先记录调解（转交处理的，还要记录裁决）"
                    ),
                ));
            }
            Some(mediation.advance_payer.clone())
        } else {
            payer
        };
        if payer.as_deref() == Some("merchant") && decision.is_none() {
            return Err(cx.refuse(
                Refusal::MerchantWithoutMediation,
                said!(
                    "the merchant pays by a mediation's decision, and there is none",
                    "商户须依调解决定付款，而目前没有调解决定"
                ),
                said!("record the mediation first", "请先记录调解"),
            ));
        }
        if let Some(amount) = amount {
            let Some(owed) = ledger.owed() else {
                return Err(cx.refuse(
                    Refusal::Overpaid,
                    said!(
                        "nothing was agreed, so ¥{amount} cannot be paid",
                        "尚未达成任何约定，不能支付 ¥{amount}"
                    ),
                    said!(
                        "money is paid only on an approved offer the customer agreed to, or by a mediation or ruling",
                        "只有客户同意且已获审批的方案，或调解、裁决，才能付款"
                    ),
                ));
            };
            let (limit, so_far, what) = if kind == "coupon" {
                (
                    ledger.offer.and_then(|o| o.coupon).unwrap_or_default(),
                    ledger.coupons,
                    said!("coupon", "优惠券"),
                )
            } else {
                (owed, ledger.paid, said!("money", "款项"))
            };
            let total = so_far.checked_add(amount);
            if total.is_none_or(|total| total > limit) {
                let total = total.unwrap_or(amount);
                return Err(cx.refuse(
                    Refusal::Overpaid,
                    said!(
                        "¥{amount} would make ¥{total} of {what} paid, above the ¥{limit} owed",
                        "支付 ¥{amount} 后{what}累计 ¥{total}，超过应付的 ¥{limit}";
                        what
                    ),
                    None,
                ));
            }
        }
        Ok(Pay {
            kind,
            amount,
            reference,
            rulebook: Some(rulebook.version().to_string()),
            payer,
            advance,
        })
    }

    fn request(&self) -> Request {
        Request {
            kind: self.kind.clone(),
            amount: self.amount,
            reference: self.reference.clone(),
            // An advance payment's payer is the rulebook's, not the request's.
            payer: if self.advance {
                None
            } else {
                self.payer.clone()
            },
            advance: self.advance,
        }
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        let kind = &self.kind;
        let amount = self.amount.map(|a| format!(" ¥{a}")).unwrap_or_default();
        match (&self.payer, self.advance) {
            (Some(payer), true) => {
                format!("{kind}{amount} paid in advance by {payer}, recorded by {by}")
            }
            (Some(payer), false) => format!("{kind}{amount} paid by {payer}, recorded by {by}"),
            (None, _) => format!("{kind}{amount} executed by {by}"),
        }
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        let by = self.payer.as_ref().map(|p| {
            if self.advance {
                format!("advanced by {p}")
            } else {
                format!("paid by {p}")
            }
        });
        parts([
            Some(self.kind.clone()),
            self.amount.map(|a| format!("¥{a}")),
            self.reference.clone(),
            by,
        ])
    }

    fn is_also(&self, kind: &str) -> bool {
        kind.strip_prefix("pay.") == Some(self.kind.as_str())
    }
}
