//! `offer`: a proposed remedy, computed from the rulebook's compensation standards and capped;
//! a proposal until approved (nobody promises before the decision).

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::compensation;
use crate::ledger::Ledger;
use crate::error::{Error, Refusal};
use crate::said;
use crate::money::Money;
use crate::rulebook::Rulebook;

/// A proposed remedy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// 1 for the first offer, 2 after the first dispute, …
    pub revision: u32,
    /// The compensation standard that applied, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_rule: Option<String>,
    /// What the standard gives in money.
    pub standard: Money,
    /// What is offered in money.
    pub amount: Money,
    /// A coupon offered besides, by its value in yuan; not cash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon: Option<Money>,
    /// Things done besides money (exchange, repair, apology by …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remedies: Vec<String>,
    /// How the standard was computed.
    pub formula: String,
    /// The rulebook version the offer was computed under.
    pub rulebook: String,
    /// It replaces the current offer before any approval (a mistake corrected): the same
    /// revision, so it spends none of the revisions the rulebook allows.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replaces: bool,
}

impl Offer {
    /// The remedies besides the coupon.
    fn others(&self) -> Vec<&str> {
        self.remedies
            .iter()
            .map(String::as_str)
            .filter(|r| !r.starts_with("coupon"))
            .collect()
    }
}

/// Offer the standard remedy, or `amount` (within the rulebook's cap).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The amount to offer, in yuan, where it is not the standard; above the standard it
    /// needs approvals, and no more than the cap.
    pub amount: Option<Money>,
    /// Replace the current offer, not yet approved or agreed, without a new revision.
    #[serde(default)]
    pub replace: bool,
}

/// Whether the current offer may be replaced: there is one, the customer has neither disputed
/// nor agreed to it, and nobody has approved it (an approved offer was decided: change it by a
/// dispute and a revision).
fn replaceable(cx: &Context, ledger: &Ledger) -> Result<(), Error> {
    let Some(offer) = ledger.offer.filter(|_| ledger.disputes < ledger.offers) else {
        return Err(cx.refuse(
            Refusal::NoOffer,
            said!(
                "there is no current offer to replace",
                "没有可替换的当前方案"
            ),
            said!("make an offer first", "请先提出赔偿方案"),
        ));
    };
    cx.not_agreed(ledger, offer.revision)?;
    if !ledger.approvals.is_empty() {
        let revision = offer.revision;
        return Err(cx.refuse(
            Refusal::OfferApproved,
            said!(
                "offer {revision} has been approved; it can no longer be replaced",
                "第 {revision} 版方案已获审批，不能再替换"
            ),
            said!(
                "an approved offer changes by the customer's dispute and a revised offer",
                "已审批的方案只能经客户提出异议后以修改方案变更"
            ),
        ));
    }
    Ok(())
}

/// The refusal of an offer or dispute past the rulebook's revisions.
pub(super) fn final_offer(cx: &Context, ledger: &Ledger) -> Result<(), Error> {
    match cx.rulebook.compensation.revisions {
        Some(most) if ledger.offers > most => Err(cx.refuse(
            Refusal::OfferFinal,
            said!(
                "the offer was already adjusted {most} time(s), the most the rulebook allows; it is final",
                "方案已调整 {most} 次，达到规则允许的上限，为最终方案"
            ),
            None,
        )),
        _ => Ok(()),
    }
}

impl Kind for Offer {
    const NAME: &'static str = "offer";
    const VERB: &'static str = "make an offer on";
    const VERB_ZH: &'static str = "提出赔偿方案";
    type Request = Request;

    fn decide(request: Request, cx: &Context) -> Result<Offer, Error> {
        cx.open()?;
        let rulebook = cx.rulebook;
        let ledger = Ledger::of(cx.complaint);
        if request.replace {
            replaceable(cx, &ledger)?;
        } else if ledger.offers > 0 {
            if ledger.disputes < ledger.offers {
                return Err(cx.refuse(
                    Refusal::OfferStands,
                    said!(
                        "the current offer stands until the customer disputes it",
                        "客户提出异议前，当前方案继续有效"
                    ),
                    said!(
                        "record the customer's dispute first",
                        "请先记录客户的异议"
                    ),
                ));
            }
            final_offer(cx, &ledger)?;
        }
        let standard = compensation::standard(cx.complaint, rulebook, cx.now).map_err(|e| {
            cx.refuse(
                Refusal::StandardIncomputable,
                e,
                said!(
                    "record what the standard counts on: the price paid, with the intake, or the loss the investigation verified, with its findings",
                    "请记录赔偿标准所依据的数额：登记时的实付价格，或调查结论中核实的损失"
                ),
            )
        })?;
        let (standard_rule, standard_amount, coupon, remedies, formula) = match &standard {
            Some(s) => (
                Some(s.name.clone()),
                s.amounts.total,
                s.amounts.coupon,
                s.amounts.remedies.clone(),
                s.amounts.formula.clone(),
            ),
            None => (
                None,
                Money::ZERO,
                None,
                Vec::new(),
                "no standard applies".to_string(),
            ),
        };
        let amount = match request.amount {
            Some(a) => a,
            None if standard.is_some() => standard_amount,
            None => {
                return Err(cx.refuse(
                    Refusal::NoStandard,
                    said!(
                        "no compensation standard of the rulebook applies",
                        "规则中没有适用的赔偿标准"
                    ),
                    said!("give the amount", "请给出金额"),
                ));
            }
        };
        if rulebook.compensation.at_least_standard
            && standard.is_some()
            && amount < standard_amount
        {
            return Err(cx.refuse(
                Refusal::BelowStandard,
                said!(
                    "¥{amount} is below the standard of ¥{standard_amount}, which the rulebook makes the base plan",
                    "¥{amount} 低于赔偿标准 ¥{standard_amount}，而规则以标准为基本方案"
                ),
                said!(
                    "offer at least the standard, or the standard itself",
                    "赔偿金额不得低于标准，或直接按标准提出"
                ),
            ));
        }
        // Without a standard, money is ex gratia: bounded by who may approve it.
        let cap = standard
            .as_ref()
            .map(|s| compensation::cap(&s.amounts, rulebook));
        if let Some(cap) = cap.filter(|cap| amount > *cap) {
            let why = match &rulebook.compensation.uplift {
                Some(u) => {
                    let percent = u.max_percent;
                    said!(
                        "the standard {standard_amount}, its compensation raised by at most {percent} %",
                        "标准 {standard_amount}，其中补偿部分至多上浮 {percent}%"
                    )
                }
                None => said!(
                    "the standard {standard_amount}; the rulebook allows no uplift",
                    "标准 {standard_amount}；规则不允许上浮"
                ),
            };
            return Err(cx.refuse(
                Refusal::AboveCap,
                said!(
                    "¥{amount} is above the cap of ¥{cap} ({why})",
                    "¥{amount} 超出上限 ¥{cap}（{why}）";
                    why
                ),
                said!(
                    "offer at most the cap; a special case needs another rulebook",
                    "赔偿金额不得超过上限；特殊案例须另用规则"
                ),
            ));
        }
        Ok(Offer {
            revision: if request.replace {
                ledger.offers
            } else {
                ledger.offers + 1
            },
            standard_rule,
            standard: standard_amount,
            amount,
            coupon,
            remedies,
            formula,
            rulebook: rulebook.version().to_string(),
            replaces: request.replace,
        })
    }

    fn request(&self) -> Request {
        Request {
            amount: Some(self.amount),
            replace: self.replaces,
        }
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        let coupon = self
            .coupon
            .map(|c| format!(" and a ¥{c} coupon"))
            .unwrap_or_default();
        let others = self.others();
        let others = if others.is_empty() {
            String::new()
        } else {
            format!(" ({})", others.join(", "))
        };
        let how = if self.replaces {
            "proposed again"
        } else {
            "proposed"
        };
        format!(
            "offer {} of ¥{}{coupon}{others} {how} by {by}",
            self.revision, self.amount
        )
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        let rule = self
            .standard_rule
            .as_deref()
            .map(|r| format!(" ({r}: {})", self.formula))
            .unwrap_or_default();
        let coupon = self
            .coupon
            .map(|c| format!(" + coupon ¥{c}"))
            .unwrap_or_default();
        let others = self.others();
        let others = if others.is_empty() {
            String::new()
        } else {
            format!(" + {}", others.join(", "))
        };
        format!(
            "#{} ¥{}{coupon}{others} · standard ¥{}{rule}",
            self.revision, self.amount, self.standard
        )
    }
}
