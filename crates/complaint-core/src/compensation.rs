//! Money: the standard remedy a complaint is owed under the rulebook, the cap on offers, who
//! may approve what, and the state of offers, approvals and payments in a history.
//!
//! Everything here is a pure function of a complaint, the rulebook and an instant, so that
//! `decide` (before an event is written) and `complaint check` (replaying a written history)
//! apply the very same rules.

use serde::Serialize;

use crate::classify;
use crate::clock;
use crate::ledger::{Ledger, Needed, next_approval};
use crate::model::{Action, Complaint, Timestamp};
use crate::money::Money;
use crate::rulebook::{Late, RemedySpec, Rulebook};
use crate::said;
use crate::said::Said;
use crate::state::State;

/// A remedy worked out in numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amounts {
    /// The price paid back, if the remedy refunds it.
    pub refund: Money,
    /// The multiple of the price (at least the floor), if the remedy gives one.
    pub compensation: Money,
    /// The fixed sum, if the remedy gives one.
    pub fixed: Money,
    /// Refund + compensation + fixed: the money the customer is owed.
    pub total: Money,
    /// A coupon's value; not cash, so not in the total.
    pub coupon: Option<Money>,
    /// Things done besides money.
    pub remedies: Vec<String>,
    /// How the total was reached, with the inputs.
    pub formula: String,
}

impl Amounts {
    /// Two remedies given together: money, coupons and things done add up, and so do the
    /// formulas where both give money.
    pub fn plus(self, other: Amounts) -> Result<Amounts, Said> {
        let add = |a: Money, b: Money| {
            a.checked_add(b)
                .ok_or_else(|| said!("¥{a} + ¥{b} is too large an amount", "¥{a} + ¥{b} 金额过大"))
        };
        let coupon = match (self.coupon, other.coupon) {
            (Some(a), Some(b)) => Some(add(a, b)?),
            (a, b) => a.or(b),
        };
        let total = add(self.total, other.total)?;
        // A remedy without money (a coupon) adds nothing to the sum worth writing out.
        let formula = if other.total == Money::ZERO {
            self.formula
        } else if self.total == Money::ZERO {
            other.formula
        } else {
            format!("({}) + ({}) = {total}", self.formula, other.formula)
        };
        Ok(Amounts {
            refund: add(self.refund, other.refund)?,
            compensation: add(self.compensation, other.compensation)?,
            fixed: add(self.fixed, other.fixed)?,
            total,
            coupon,
            remedies: self.remedies.into_iter().chain(other.remedies).collect(),
            formula,
        })
    }
}

/// Works out a remedy for the price paid and the loss the investigation verified. Refunds and
/// multiples need the price, `loss` the verified loss.
pub fn amounts(
    remedy: &RemedySpec,
    price: Option<Money>,
    loss: Option<Money>,
    rulebook: &Rulebook,
) -> Result<Amounts, Said> {
    let need_price = || {
        price.ok_or_else(|| {
            said!(
                "the standard is counted on the price paid, but the complaint records no price",
                "赔偿标准按实付价格计算，但投诉中没有记录价格"
            )
        })
    };
    let too_large = || said!("the amount is too large", "金额过大");
    // Each part as written (`max(3 × 120.00, 500.00)`) and as worked out (`500.00`).
    let mut parts: Vec<(String, Money)> = Vec::new();
    let refund = if remedy.refund {
        let p = need_price()?;
        parts.push((format!("refund {p}"), p));
        p
    } else {
        Money::ZERO
    };
    let compensation = match remedy.multiple {
        Some(k) => {
            let p = need_price()?;
            let times = p.scale(i64::from(k), 1).ok_or_else(too_large)?;
            let floor = remedy.floor.unwrap_or(Money::ZERO);
            let written = match remedy.floor {
                Some(f) => format!("max({k} × {p}, {f})"),
                None => format!("{k} × {p}"),
            };
            parts.push((written, times.max(floor)));
            times.max(floor)
        }
        None => Money::ZERO,
    };
    let compensation = if remedy.loss {
        let loss = loss.ok_or_else(|| {
            said!(
                "the standard is the loss the investigation verified, but no findings record one",
                "赔偿标准为调查核实的损失，但调查结论中没有记录损失金额"
            )
        })?;
        parts.push((format!("loss {loss}"), loss));
        compensation.checked_add(loss).ok_or_else(too_large)?
    } else {
        compensation
    };
    let fixed = remedy.fixed.unwrap_or(Money::ZERO);
    if remedy.fixed.is_some() {
        parts.push((format!("fixed {fixed}"), fixed));
    }
    let total = refund
        .checked_add(compensation)
        .and_then(|t| t.checked_add(fixed))
        .ok_or_else(too_large)?;
    let mut remedies = Vec::new();
    if let Some(coupon) = remedy.coupon {
        remedies.push(format!("coupon {coupon}"));
    }
    for (wanted, what) in [
        (remedy.exchange, "exchange"),
        (remedy.repair, "repair"),
        (remedy.free_service, "free service"),
    ] {
        if wanted {
            remedies.push(what.to_string());
        }
    }
    if let Some(by) = &remedy.apology {
        remedies.push(format!("apology by {}", rulebook.level_name(by)));
    }
    let written: Vec<&str> = parts.iter().map(|(w, _)| w.as_str()).collect();
    let worked: Vec<String> = parts.iter().map(|(_, m)| m.to_string()).collect();
    let formula = match parts.len() {
        0 => format!("{total}"),
        1 if written[0] == worked[0] => format!("{total}"),
        1 => format!("{} = {total}", written[0]),
        _ => format!("{} = {} = {total}", written.join(" + "), worked.join(" + ")),
    };
    Ok(Amounts {
        refund,
        compensation,
        fixed,
        total,
        coupon: remedy.coupon,
        remedies,
        formula,
    })
}

/// The standard remedy and the rule it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standard {
    /// 1-based position of the standard in the rulebook.
    pub number: usize,
    /// The standard's name in the rulebook.
    pub name: String,
    /// What it gives for this complaint.
    pub amounts: Amounts,
}

/// The standard remedy for the complaint at `now`: the first standard whose conditions hold,
/// plus every `also` standard that holds, added together (see [`Amounts::plus`]).
pub fn standard(
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
) -> Result<Option<Standard>, Said> {
    // The clocks are worked out only if a standard depends on a delay, and then once.
    let clocks = std::cell::OnceCell::new();
    let clocks = || {
        clocks.get_or_init(|| {
            let state = State::of(complaint);
            let standing = classify::standing(complaint, &state, rulebook);
            clock::evaluate(complaint, &standing, rulebook, now)
        })
    };
    let mut main: Option<Standard> = None;
    let mut extras: Vec<Standard> = Vec::new();
    for (i, spec) in rulebook.compensation.standards.iter().enumerate() {
        if main.is_some() && !spec.also {
            continue;
        }
        if !classify::holds(&spec.when, complaint) {
            continue;
        }
        if let Some(delay) = &spec.delay {
            let over = delay.over;
            let threshold = over.elapsed().ok_or_else(|| {
                said!(
                    "a delay is measured in elapsed time, not {over}",
                    "延误按自然时间计算，不能用 {over}"
                )
            })?;
            let late = match &delay.of {
                Late::Clock(id) => clocks().iter().find(|c| c.clock == *id).and_then(|c| {
                    let due = c.due.as_ref()?.at;
                    Some(c.stopped.unwrap_or(now) - due)
                }),
                Late::ServiceDelay => crate::event::find::service_delay(complaint)
                    .and_then(crate::duration::Duration::elapsed),
            };
            if late.is_none_or(|late| late <= threshold) {
                continue;
            }
        }
        let found = Standard {
            number: i + 1,
            name: spec.name.clone(),
            amounts: amounts(
                &spec.remedy,
                complaint.facts.price,
                crate::event::find::verified_loss(complaint),
                rulebook,
            )?,
        };
        if spec.also {
            extras.push(found);
        } else {
            main = Some(found);
        }
    }
    let mut all = main.into_iter().chain(extras);
    let Some(first) = all.next() else {
        return Ok(None);
    };
    all.try_fold(first, |sum, next| {
        Ok(Standard {
            number: sum.number,
            name: format!("{} + {}", sum.name, next.name),
            amounts: sum.amounts.plus(next.amounts)?,
        })
    })
    .map(Some)
}

/// The most that may be offered where the standard gives `amounts`: the uplift percentage on
/// the compensation (S0: "raise the base compensation by at most 30 %"; a refund returns the
/// customer's own money and is not raised), or the standard itself where the rulebook allows
/// no uplift.
pub fn cap(amounts: &Amounts, rulebook: &Rulebook) -> Money {
    let Some(uplift) = &rulebook.compensation.uplift else {
        return amounts.total;
    };
    let base = amounts
        .compensation
        .checked_add(amounts.fixed)
        .unwrap_or(amounts.compensation);
    let raised = base
        .scale_down(i64::from(uplift.max_percent), 100)
        .unwrap_or(Money::ZERO);
    amounts.total.checked_add(raised).unwrap_or(amounts.total)
}

/// How the latest offer came about: the standard, its rule and formula, the price it was
/// computed from, the cap on an offer now, and the approval it still needs.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferExplained {
    /// The offer's amount.
    pub amount: Money,
    /// The standard that applied, if any (none: an ex gratia offer).
    pub standard_rule: Option<String>,
    /// What the standard gives in money.
    pub standard: Money,
    /// How the standard was computed.
    pub formula: String,
    /// The price paid, as the intake recorded it.
    pub price: Option<Money>,
    /// The most that may be offered (where a standard applies).
    pub cap: Option<Money>,
    /// The approval it needs next; `None` once it has them all.
    pub needs: Option<Needed>,
}

/// How the complaint's latest event, an offer, came about; `None` if it is not an offer.
pub fn explain_offer(complaint: &Complaint, rulebook: &Rulebook) -> Option<OfferExplained> {
    let event = complaint.history.last()?;
    let Action::Offer(offer) = &event.action else {
        return None;
    };
    let cap = standard(complaint, rulebook, event.at)
        .ok()
        .flatten()
        .map(|found| cap(&found.amounts, rulebook));
    let ledger = Ledger::of(complaint);
    let needs = ledger
        .offer
        .and_then(|o| next_approval(o, &ledger.approvals, rulebook));
    Some(OfferExplained {
        amount: offer.amount,
        standard_rule: offer.standard_rule.clone(),
        standard: offer.standard,
        formula: offer.formula.clone(),
        price: complaint.facts.price,
        cap,
        needs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yuan(text: &str) -> Money {
        text.parse().unwrap()
    }

    fn remedy(
        refund: bool,
        multiple: Option<u32>,
        floor: Option<&str>,
        fixed: Option<&str>,
        coupon: Option<&str>,
    ) -> RemedySpec {
        RemedySpec {
            refund,
            multiple,
            floor: floor.map(yuan),
            fixed: fixed.map(yuan),
            coupon: coupon.map(yuan),
            ..RemedySpec::default()
        }
    }

    /// (remedy, price, refund, compensation, total), worked out by hand from S0 and consumer law.
    #[test]
    fn remedies_in_exact_yuan() {
        let rulebook = Rulebook::load_shipped("enterprise").unwrap();
        let three = remedy(true, Some(3), Some("500"), None, None);
        let ten = remedy(true, Some(10), Some("1000"), None, None);
        let cases = [
            // 退一赔三, at least 500: 3 × 120 = 360 < 500, so 120 + 500.
            (&three, "120", "120.00", "500.00", "620.00"),
            // 3 × 300 = 900 > 500: 300 + 900.
            (&three, "300", "300.00", "900.00", "1200.00"),
            // 3 × 166.67 = 500.01, just above the floor.
            (&three, "166.67", "166.67", "500.01", "666.68"),
            // 3 × 166.66 = 499.98, just below: the floor.
            (&three, "166.66", "166.66", "500.00", "666.66"),
            // Food, 退一赔十, at least 1000: 10 × 50 = 500 < 1000.
            (&ten, "50", "50.00", "1000.00", "1050.00"),
            // 10 × 150 = 1500.
            (&ten, "150", "150.00", "1500.00", "1650.00"),
        ];
        for (spec, price, refund, compensation, total) in cases {
            let got = amounts(spec, Some(yuan(price)), None, &rulebook).unwrap();
            assert_eq!(
                (got.refund, got.compensation, got.total),
                (yuan(refund), yuan(compensation), yuan(total)),
                "price {price}"
            );
        }
        // A 50-yuan coupon for a delay is not cash.
        let coupon = amounts(
            &remedy(false, None, None, None, Some("50")),
            None,
            None,
            &rulebook,
        )
        .unwrap();
        assert_eq!(
            (coupon.total, coupon.coupon),
            (Money::ZERO, Some(yuan("50")))
        );
        assert_eq!(coupon.remedies, ["coupon 50.00"]);
        // Refunds and multiples need the price.
        assert!(amounts(&three, None, None, &rulebook).is_err());
        // The verified loss (format 2): 350.50 found, given as compensation; with a price, the
        // refund beside it.
        let loss = RemedySpec {
            loss: true,
            ..RemedySpec::default()
        };
        let got = amounts(&loss, None, Some(yuan("350.50")), &rulebook).unwrap();
        assert_eq!(
            (got.compensation, got.total),
            (yuan("350.50"), yuan("350.50"))
        );
        assert_eq!(got.formula, "loss 350.50 = 350.50");
        let refund_and_loss = RemedySpec {
            refund: true,
            loss: true,
            ..RemedySpec::default()
        };
        let got = amounts(
            &refund_and_loss,
            Some(yuan("99")),
            Some(yuan("30")),
            &rulebook,
        )
        .unwrap();
        assert_eq!(got.total, yuan("129"));
        assert_eq!(
            got.formula,
            "refund 99.00 + loss 30.00 = 99.00 + 30.00 = 129.00"
        );
        // No loss recorded: the standard cannot be worked out.
        assert!(amounts(&loss, None, None, &rulebook).is_err());
    }

    /// S0's coupon read as the service complained about being late (format 2): 50 when the
    /// findings measure more than 24 h, none at exactly 24 h or without a measure.
    #[test]
    fn a_service_delay_found_by_the_investigation_can_earn_the_coupon() {
        use crate::source::Source;
        let text = crate::rulebook::shipped_source("enterprise")
            .unwrap()
            .text()
            .replace(
                "delay: {clock: handle, over: 24h}",
                "delay: {fact: service_delay, over: 24h}",
            );
        let rulebook = Rulebook::load(Source::new("enterprise.yaml", text)).unwrap();
        let complaint = |delay: &str| {
            let find = if delay.is_empty() {
                String::new()
            } else {
                format!(
                    "- {{at: \"2026-11-02T10:00:00+08:00\", by: 王芳, event: find, responsibility: customer, facts: 物流延误, lead: 王芳, service_delay: {delay}}}\n"
                )
            };
            let text = format!(
                "id: C-20261102-5AWX5K\nreceived_at: \"2026-11-02T09:00:00+08:00\"\n\
                 rulebook: {{name: enterprise, version: \"2026.2\"}}\nchannel: online\ncategory: CQ02\n\
                 customer: {{name: 张三, phone: \"13800000000\"}}\nsubject: {{kind: service, name: 配送}}\n\
                 description: 快递晚到\ndemand: 补偿\nhistory:\n\
                 - {{at: \"2026-11-02T09:00:00+08:00\", by: 王芳, event: received}}\n{find}"
            );
            crate::yaml::parse::<Complaint>(&Source::new("C.yaml", text)).unwrap()
        };
        let now = "2026-11-02T11:00:00+08:00".parse().unwrap();
        let coupon = |delay: &str| {
            standard(&complaint(delay), &rulebook, now)
                .unwrap()
                .and_then(|s| s.amounts.coupon)
        };
        assert_eq!(coupon("30h"), Some(yuan("50")));
        assert_eq!(coupon("1441m"), Some(yuan("50")));
        assert_eq!(coupon("24h"), None, "more than 24 hours, not 24");
        assert_eq!(coupon(""), None, "nothing measured, nothing late");
    }

    #[test]
    fn the_uplift_raises_the_compensation_by_at_most_30_percent() {
        let rulebook = Rulebook::load_shipped("enterprise").unwrap();
        // A fixed 500: 500 + 30 % = 650 (651 is refused by `offer`).
        let fixed = amounts(
            &remedy(false, None, None, Some("500"), None),
            None,
            None,
            &rulebook,
        )
        .unwrap();
        assert_eq!(cap(&fixed, &rulebook), yuan("650"));
        // Refund 120 + compensation 500: only the 500 is raised, so 120 + 650 = 770.
        let quality = amounts(
            &remedy(true, Some(3), Some("500"), None, None),
            Some(yuan("120")),
            None,
            &rulebook,
        )
        .unwrap();
        assert_eq!(cap(&quality, &rulebook), yuan("770"));
        // 30 % of 333.33 is 99.999: "at most 30 %" allows 99.99, never a fen more.
        let odd = amounts(
            &remedy(false, None, None, Some("333.33"), None),
            None,
            None,
            &rulebook,
        )
        .unwrap();
        assert_eq!(cap(&odd, &rulebook), yuan("433.32"));
    }
}
