//! S0's special-case approval form (特殊案例审批表).

use super::{Document, Section, datetime, findings, intake, name_of, subject, title, yuan};
use crate::compensation::{self, Ledger, Needed};
use crate::error::Error;
use crate::model::{Action, Complaint, Timestamp};
use crate::money::Money;
use crate::rulebook::Rulebook;

/// An approval an offer has, or still needs.
enum Approver {
    /// Given: the role, by whom, when.
    Given(String, String, Timestamp),
    /// Still needed, from this role.
    Pending(String),
    /// Nobody on the ladder may approve this much.
    Beyond(Money),
}

/// S0's special-case approval form (特殊案例审批表): the current offer against the standard
/// (rule, formula, amount, uplift, cap), the approvals given and those still needed in the
/// order the rulebook requires, and a signature line for each approver.
pub fn approval(
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
) -> Result<Document, Error> {
    let l = rulebook.language;
    let f = &complaint.facts;
    let ledger = Ledger::of(complaint);
    // The latest offer, and the approvals since it (an offer replaces the one before).
    let latest = complaint
        .history
        .iter()
        .enumerate()
        .rev()
        .find_map(|(at, e)| match &e.action {
            Action::Offer {
                revision,
                standard_rule,
                standard,
                amount,
                coupon,
                remedies,
                formula,
                ..
            } => Some((
                at,
                revision,
                standard_rule,
                standard,
                amount,
                coupon,
                remedies,
                formula,
            )),
            _ => None,
        });
    let (
        Some(terms),
        Some((at, revision, standard_rule, standard, amount, coupon, remedies, formula)),
    ) = (ledger.offer, latest)
    else {
        return Err(Error::Illegal {
            id: complaint.id.to_string(),
            action: "write an approval form for",
            reason: "nothing has been offered".into(),
            help: Some("propose the remedy with `complaint offer` first".into()),
        });
    };
    let mut about = Section::new(l, None);
    intake(&mut about, complaint, rulebook, false);
    about
        .row(l.pick("投诉事项", "About"), subject(l, f))
        .row(
            l.pick("投诉内容", "What happened"),
            f.description.clone().unwrap_or_default(),
        )
        .row(
            l.pick("客户诉求", "Demand"),
            f.demand.clone().unwrap_or_default(),
        )
        .row(
            l.pick("调查结论", "Findings"),
            findings(complaint)
                .map(|(who, facts)| {
                    format!(
                        "{}{}{facts}",
                        name_of(&rulebook.responsibilities, who),
                        l.pick("：", ": ")
                    )
                })
                .unwrap_or_default(),
        );
    let mut offer = Section::new(l, Some(l.pick("赔偿方案", "Offer")));
    let uplift = amount.saturating_sub(*standard);
    // The cap is worked out again from the standard that applies now: the offer records the
    // standard's figures but not the cap.
    let cap = compensation::standard(complaint, rulebook, now)
        .ok()
        .flatten()
        .map(|s| compensation::cap(&s.amounts, rulebook));
    offer
        .row(
            l.pick("方案版本", "Revision"),
            format!("{}{revision}{}", l.pick("第", ""), l.pick("版", "")),
        )
        .row(
            l.pick("赔偿标准", "Standard"),
            standard_rule
                .clone()
                .unwrap_or_else(|| l.pick("无（酌情赔付）", "none (ex gratia)").into()),
        )
        .row(l.pick("计算方式", "Formula"), formula.clone())
        .row(l.pick("标准金额", "Standard amount"), yuan(*standard))
        .row(l.pick("申请金额", "Amount proposed"), yuan(*amount))
        .row(
            l.pick("上浮金额", "Above the standard"),
            if uplift > Money::ZERO {
                yuan(uplift)
            } else {
                l.pick("无", "none").into()
            },
        )
        .row(
            l.pick("上浮上限", "Cap"),
            match (cap, &rulebook.compensation.uplift) {
                (Some(cap), Some(up)) => format!(
                    "{}{}{}%{}",
                    yuan(cap),
                    l.pick("（补偿部分上浮不超过 ", " (compensation raised by at most "),
                    up.max_percent,
                    l.pick("）", ")")
                ),
                (Some(cap), None) => yuan(cap),
                (None, _) => String::new(),
            },
        )
        .row(
            l.pick("优惠券", "Coupon"),
            coupon.map(yuan).unwrap_or_default(),
        )
        .row(
            l.pick("其他措施", "Also"),
            remedies.join(l.pick("、", ", ")),
        );
    let mut approvers: Vec<Approver> = complaint.history[at..]
        .iter()
        .filter_map(|e| match &e.action {
            Action::Approve { role, .. } => Some(Approver::Given(role.clone(), e.by.clone(), e.at)),
            _ => None,
        })
        .collect();
    approvers.extend(still_needed(terms, &ledger.approvals, rulebook));
    let level = |role: &str| {
        compensation::level_of(rulebook, role).map_or(role.to_string(), |lv| lv.name.clone())
    };
    let mut approvals = Section::new(l, Some(l.pick("审批", "Approvals")));
    let mut signatures = vec![
        l.pick("经办人（签字）：", "Prepared by (signature):")
            .to_string(),
    ];
    for approver in &approvers {
        match approver {
            Approver::Given(role, by, when) => {
                approvals.row(
                    &level(role),
                    format!(
                        "{}{by}  {}",
                        l.pick("已批准：", "approved: "),
                        datetime(l, *when)
                    ),
                );
            }
            Approver::Pending(role) => {
                approvals.row(&level(role), l.pick("待审批", "pending"));
            }
            Approver::Beyond(amount) => {
                approvals.row(
                    l.pick("审批权限", "Authority"),
                    format!(
                        "{}{}",
                        l.pick("阶梯上无人有权批准 ", "nobody on the ladder may approve "),
                        yuan(*amount)
                    ),
                );
            }
        }
        if let Approver::Given(role, ..) | Approver::Pending(role) = approver {
            signatures.push(format!(
                "{}{}",
                level(role),
                l.pick("（签字）：", " (signature):")
            ));
        }
    }
    signatures.push(l.pick("日期：", "Date:").to_string());
    Ok(Document {
        language: l,
        title: title(rulebook, "特殊案例审批表", "Special-case approval form"),
        sections: vec![about, offer, approvals],
        signatures,
    })
}

/// The approvals an offer still needs, in order: what [`compensation::next_approval`] asks
/// for next, supposing each is given, until nothing more is needed. Where only authority is
/// needed, the lowest level whose limit covers the amount is named.
fn still_needed(
    offer: compensation::OfferTerms,
    given: &[(String, String)],
    rulebook: &Rulebook,
) -> Vec<Approver> {
    let mut given = given.to_vec();
    let mut needed = Vec::new();
    // Each round adds an approval, so this ends; the bound guards against a rulebook whose
    // approvers never satisfy the rule.
    let rounds = rulebook.ladder.len()
        + rulebook
            .compensation
            .uplift
            .as_ref()
            .map_or(0, |u| u.approvals.len());
    for _ in 0..=rounds {
        let role = match compensation::next_approval(offer, &given, rulebook) {
            None => break,
            Some(Needed::InOrder(role)) => role,
            Some(Needed::Authority(amount)) => {
                match rulebook
                    .ladder
                    .iter()
                    .find(|lv| lv.limit.is_some_and(|limit| limit >= amount))
                {
                    Some(lv) => lv.role.clone().unwrap_or_else(|| lv.code.value.clone()),
                    None => {
                        needed.push(Approver::Beyond(amount));
                        break;
                    }
                }
            }
        };
        given.push((role.clone(), String::new()));
        needed.push(Approver::Pending(role));
    }
    needed
}
