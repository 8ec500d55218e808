//! S0's special-case approval form (特殊案例审批表).

use super::{Document, Section, datetime, findings, intake, name_of, subject, title, yuan};
use crate::compensation;
use crate::error::Error;
use crate::labels::{fill, labels};
use crate::ledger::{self, Ledger, Needed};
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
    let t = labels(l);
    let f = &complaint.facts;
    let ledger = Ledger::of(complaint);
    // The latest offer, and the approvals since it (an offer replaces the one before).
    let latest = complaint
        .history
        .iter()
        .enumerate()
        .rev()
        .find_map(|(at, e)| match &e.action {
            Action::Offer(crate::event::Offer {
                revision,
                standard_rule,
                standard,
                amount,
                coupon,
                remedies,
                formula,
                ..
            }) => Some((
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
            refusal: complaint_core::Refusal::NoDocument,
            id: complaint.id.to_string(),
            action: complaint_core::said!("write an approval form for", "填写特殊案例审批表"),
            reason: complaint_core::said!("nothing has been offered", "尚未提出赔偿方案"),
            help: Some(complaint_core::said!(
                "propose the remedy with `complaint offer` first",
                "请先用 `complaint offer` 提出赔偿方案"
            )),
        });
    };
    let mut about = Section::new(l, None);
    intake(&mut about, complaint, rulebook, false);
    about
        .row(t.about, subject(l, f))
        .row(t.description, f.description.clone().unwrap_or_default())
        .row(t.customer_demand, f.demand.clone().unwrap_or_default())
        .row(
            t.conclusion,
            findings(complaint)
                .map(|(who, facts)| {
                    format!(
                        "{}{}{facts}",
                        name_of(&rulebook.responsibilities, who),
                        t.colon
                    )
                })
                .unwrap_or_default(),
        );
    let mut offer = Section::new(l, Some(t.offer));
    let uplift = amount.saturating_sub(*standard);
    // The cap is worked out again from the standard that applies now: the offer records the
    // standard's figures but not the cap.
    let cap = compensation::standard(complaint, rulebook, now)
        .ok()
        .flatten()
        .map(|s| compensation::cap(&s.amounts, rulebook));
    offer
        .row(t.revision_row, fill(t.revision, &[("revision", revision)]))
        .row(
            t.standard,
            standard_rule.clone().unwrap_or_else(|| t.ex_gratia.into()),
        )
        .row(t.formula, formula.clone())
        .row(t.standard_amount, yuan(*standard))
        .row(t.proposed, yuan(*amount))
        .row(
            t.uplift,
            if uplift > Money::ZERO {
                yuan(uplift)
            } else {
                t.no_uplift.into()
            },
        )
        .row(
            t.cap,
            match (cap, &rulebook.compensation.uplift) {
                (Some(cap), Some(up)) => fill(
                    t.cap_rule,
                    &[("cap", &yuan(cap)), ("percent", &up.max_percent)],
                ),
                (Some(cap), None) => yuan(cap),
                (None, _) => String::new(),
            },
        )
        .row(t.coupon, coupon.map(yuan).unwrap_or_default())
        .row(t.also, remedies.join(t.list_separator));
    let mut approvers: Vec<Approver> = complaint.history[at..]
        .iter()
        .filter_map(|e| match &e.action {
            Action::Approve(crate::event::Approve { role, .. }) => {
                Some(Approver::Given(role.clone(), e.by.clone(), e.at))
            }
            _ => None,
        })
        .collect();
    approvers.extend(still_needed(terms, &ledger.approvals, rulebook));
    let level = |role: &str| {
        ledger::level_of(rulebook, role).map_or(role.to_string(), |lv| lv.name.clone())
    };
    let mut approvals = Section::new(l, Some(t.approvals));
    let mut signatures = vec![t.sign_prepared.to_string()];
    for approver in &approvers {
        match approver {
            Approver::Given(role, by, when) => {
                approvals.row(
                    &level(role),
                    fill(t.approved, &[("by", by), ("at", &datetime(l, *when))]),
                );
            }
            Approver::Pending(role) => {
                approvals.row(&level(role), t.pending);
            }
            Approver::Beyond(amount) => {
                approvals.row(t.authority, fill(t.beyond, &[("amount", &yuan(*amount))]));
            }
        }
        if let Approver::Given(role, ..) | Approver::Pending(role) = approver {
            signatures.push(fill(t.sign_role, &[("role", &level(role))]));
        }
    }
    signatures.push(t.sign_date.to_string());
    Ok(Document {
        language: l,
        title: title(l, &rulebook.organisation, t.approval_title),
        sections: vec![about, offer, approvals],
        signatures,
    })
}

/// The approvals an offer still needs, in order: what [`ledger::next_approval`] asks
/// for next, supposing each is given, until nothing more is needed. Where only authority is
/// needed, the lowest level whose limit covers the amount is named.
fn still_needed(
    offer: ledger::OfferTerms,
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
        let role = match ledger::next_approval(offer, &given, rulebook) {
            None => break,
            Some(Needed::InOrder(role)) => role,
            Some(Needed::Authority(amount)) => {
                match rulebook
                    .ladder
                    .iter()
                    .find(|lv| lv.limit.is_some_and(|limit| limit >= amount))
                {
                    Some(lv) => lv.role.clone().unwrap_or_else(|| lv.code.clone()),
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
