//! The money ledger of a history: the offers made, approved, disputed and agreed, what was
//! paid (and advanced for a merchant, and recovered), and who may approve an offer. It reads
//! only events and the rulebook's ladder, so the clocks (a payment clock stops when the
//! customer is paid in full) and the compensation rules can both use it.

use serde::Serialize;

use crate::model::{Action, Complaint};
use crate::money::Money;
use crate::rulebook::{Level, Rulebook};
use crate::said;
use crate::said::Said;

/// The offers, approvals and payments in a history.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Ledger {
    /// The latest offer: revision, standard, amount, coupon.
    pub offer: Option<OfferTerms>,
    /// How many offers were made.
    pub offers: u32,
    /// How many times the customer disputed an offer.
    pub disputes: u32,
    /// Approvals of the latest offer: (role, who).
    pub approvals: Vec<(String, String)>,
    /// The revision the customer agreed to.
    pub agreed: Option<u32>,
    /// Money paid out (every payment with an amount, coupons apart).
    pub paid: Money,
    /// Coupons given.
    pub coupons: Money,
    /// The latest mediation decision, and the amount the merchant is to pay by it (or by
    /// the ruling that followed a referral).
    pub mediation: Option<(crate::model::Decision, Option<Money>)>,
    /// Paid by someone in advance for the merchant.
    pub advanced: Money,
    /// Repaid by the merchant.
    pub recovered: Money,
}

/// The terms of one offer, as the ledger keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OfferTerms {
    /// 1 for the first offer, 2 after the first dispute, …
    pub revision: u32,
    /// What the standard gives in money.
    pub standard: Money,
    /// What is offered in money (the standard, or more with approvals).
    pub amount: Money,
    /// A coupon offered besides, not cash.
    pub coupon: Option<Money>,
}

impl Ledger {
    /// The ledger of a complaint: its events in force (those a `resolve` did not drop), in order.
    pub fn of(complaint: &Complaint) -> Ledger {
        // Events a `resolve` dropped count for nothing.
        let history: Vec<crate::model::Event> = complaint.in_force().cloned().collect();
        Ledger::of_events(&history)
    }

    /// The ledger of a history, or of its first events (a clock asking what was owed and paid
    /// at one of them).
    pub fn of_events(history: &[crate::model::Event]) -> Ledger {
        let mut ledger = Ledger::default();
        for event in history {
            match &event.action {
                Action::Offer(crate::event::Offer {
                    revision,
                    standard,
                    amount,
                    coupon,
                    replaces,
                    ..
                }) => {
                    ledger.offer = Some(OfferTerms {
                        revision: *revision,
                        standard: *standard,
                        amount: *amount,
                        coupon: *coupon,
                    });
                    // A replacement corrects the current offer: no new revision.
                    if !replaces {
                        ledger.offers += 1;
                    }
                    ledger.approvals.clear();
                    ledger.agreed = None;
                }
                Action::Approve(crate::event::Approve { role, .. }) => {
                    ledger.approvals.push((role.clone(), event.by.clone()))
                }
                Action::Dispute(_) => ledger.disputes += 1,
                Action::Agree(crate::event::Agree { revision, .. }) => ledger.agreed = *revision,
                Action::Pay(crate::event::Pay {
                    kind,
                    amount: Some(amount),
                    ..
                }) if kind == "coupon" => ledger.coupons = add(ledger.coupons, *amount),
                Action::Pay(crate::event::Pay {
                    amount: Some(amount),
                    advance,
                    ..
                }) => {
                    ledger.paid = add(ledger.paid, *amount);
                    if *advance {
                        ledger.advanced = add(ledger.advanced, *amount);
                    }
                }
                // After a referral nothing is owed until the consumer association or court rules.
                Action::Mediate(crate::event::Mediate {
                    decision, amount, ..
                }) => {
                    let owed = if *decision == crate::model::Decision::Referral {
                        None
                    } else {
                        *amount
                    };
                    ledger.mediation = Some((*decision, owed));
                }
                Action::Ruling(crate::event::Ruling { amount, .. }) => {
                    ledger.mediation = Some((crate::model::Decision::Referral, Some(*amount)))
                }
                Action::Recover(crate::event::Recover { amount, .. }) => {
                    ledger.recovered = add(ledger.recovered, *amount)
                }
                _ => {}
            }
        }
        ledger
    }

    /// What the customer is owed in money and on what ground: an agreed offer, or what the
    /// merchant is to pay by mediation or ruling.
    pub fn owed(&self) -> Option<Money> {
        let agreed = self
            .offer
            .filter(|o| self.agreed == Some(o.revision))
            .map(|o| o.amount);
        agreed.or(self.mediation.and_then(|(_, amount)| amount))
    }

    /// What the merchant still owes whoever paid in advance for it.
    pub fn receivable(&self) -> Money {
        self.advanced.saturating_sub(self.recovered)
    }

    /// Whether the latest offer has every approval it needs.
    pub fn approved(&self, rulebook: &Rulebook) -> bool {
        self.offer
            .is_some_and(|offer| next_approval(offer, &self.approvals, rulebook).is_none())
    }
}

fn add(a: Money, b: Money) -> Money {
    a.checked_add(b).unwrap_or(a)
}

/// What approval an offer still needs, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needed {
    /// The next approver of an uplift, in the rulebook's order.
    InOrder(String),
    /// Someone whose authority covers the amount.
    Authority(Money),
}

/// The approval an offer needs next: first the uplift approvals in order (for offers above
/// the standard), then — if none of the approvers so far may approve that much — someone who
/// may.
pub fn next_approval(
    offer: OfferTerms,
    approvals: &[(String, String)],
    rulebook: &Rulebook,
) -> Option<Needed> {
    // Without a standard (ex gratia) there is nothing to raise: authority alone decides.
    if offer.standard > Money::ZERO
        && offer.amount > offer.standard
        && let Some(uplift) = &rulebook.compensation.uplift
    {
        let given: Vec<&str> = approvals.iter().map(|(role, _)| role.as_str()).collect();
        if let Some(next) = uplift
            .approvals
            .iter()
            .map(String::as_str)
            .find(|a| !given.contains(a))
        {
            return Some(Needed::InOrder(next.to_string()));
        }
    }
    let covered = approvals.iter().any(|(role, _)| {
        level_of(rulebook, role)
            .and_then(|l| l.limit)
            .is_some_and(|limit| limit >= offer.amount)
    });
    (!covered && offer.amount > Money::ZERO).then_some(Needed::Authority(offer.amount))
}

/// The ladder level a role belongs to (a level's code, or the role staffing it).
pub fn level_of<'r>(rulebook: &'r Rulebook, role: &str) -> Option<&'r Level> {
    rulebook
        .ladder
        .iter()
        .find(|l| l.code == role || l.role.as_deref() == Some(role))
}

/// Which of `roles` may give the approval needed, or who could.
pub fn approver_role(
    needed: &Needed,
    roles: &[String],
    rulebook: &Rulebook,
) -> Result<String, Said> {
    match needed {
        Needed::InOrder(next) => {
            if roles.iter().any(|r| r == next) {
                Ok(next.clone())
            } else {
                let level = rulebook.level_name(next);
                Err(said!(
                    "the next approval must come from {level} ({next})",
                    "下一级审批须由{level}（{next}）作出"
                ))
            }
        }
        Needed::Authority(amount) => {
            let may = |role: &String| {
                level_of(rulebook, role)
                    .and_then(|l| l.limit)
                    .is_some_and(|limit| limit >= *amount)
            };
            match roles.iter().find(|r| may(r)) {
                Some(role) => Ok(role.clone()),
                None => {
                    let who: Vec<Said> = rulebook
                        .ladder
                        .iter()
                        .filter(|l| l.limit.is_some_and(|limit| limit >= *amount))
                        .map(|l| {
                            let (name, code) = (&l.name, &l.code);
                            let limit = l.limit.unwrap_or_default();
                            said!(
                                "{name} ({code}, up to ¥{limit})",
                                "{name}（{code}，至多 ¥{limit}）"
                            )
                        })
                        .collect();
                    Err(if who.is_empty() {
                        said!(
                            "nobody on the ladder may approve ¥{amount}",
                            "处理阶梯上无人有权批准 ¥{amount}"
                        )
                    } else {
                        let who = Said::join(&who, " or ", " 或 ");
                        said!(
                            "approving ¥{amount} takes {who}",
                            "批准 ¥{amount} 须由{who}作出";
                            who
                        )
                    })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yuan(text: &str) -> Money {
        text.parse().unwrap()
    }

    #[test]
    fn approvals_come_in_order_then_by_authority() {
        // enterprise: dept_head may approve up to 2000, cs_director up to 20000; an uplift
        // needs dept_head, then cs_director.
        let rulebook = Rulebook::load_shipped("enterprise").unwrap();
        let at_standard = OfferTerms {
            revision: 1,
            standard: yuan("620"),
            amount: yuan("620"),
            coupon: None,
        };
        let uplifted = OfferTerms {
            amount: yuan("770"),
            ..at_standard
        };
        let big = OfferTerms {
            standard: yuan("3000"),
            amount: yuan("3000"),
            ..at_standard
        };
        let approved = |roles: &[&str]| -> Vec<(String, String)> {
            roles
                .iter()
                .map(|r| (r.to_string(), format!("someone {r}")))
                .collect()
        };
        let cases = [
            (
                at_standard,
                approved(&[]),
                Some(Needed::Authority(yuan("620"))),
            ),
            (at_standard, approved(&["dept_head"]), None),
            (
                uplifted,
                approved(&[]),
                Some(Needed::InOrder("dept_head".into())),
            ),
            (
                uplifted,
                approved(&["dept_head"]),
                Some(Needed::InOrder("cs_director".into())),
            ),
            (uplifted, approved(&["dept_head", "cs_director"]), None),
            // 3000 is beyond the department head: the director must approve too.
            (
                big,
                approved(&["dept_head"]),
                Some(Needed::Authority(yuan("3000"))),
            ),
            (big, approved(&["cs_director"]), None),
        ];
        for (offer, approvals, want) in cases {
            assert_eq!(
                next_approval(offer, &approvals, &rulebook),
                want,
                "{offer:?} after {approvals:?}"
            );
        }
        let refused = approver_role(
            &Needed::Authority(yuan("3000")),
            &["dept_head".to_string()],
            &rulebook,
        )
        .unwrap_err();
        assert_eq!(
            refused.to_string(),
            "approving ¥3000.00 takes 客服总监 (cs_director, up to ¥20000.00)"
        );
        assert_eq!(
            refused.get(crate::rulebook::Language::Zh),
            "批准 ¥3000.00 须由客服总监（cs_director，至多 ¥20000.00）作出"
        );
        assert_eq!(
            approver_role(
                &Needed::InOrder("dept_head".into()),
                &["dept_head".to_string()],
                &rulebook
            ),
            Ok("dept_head".to_string())
        );
    }
}
