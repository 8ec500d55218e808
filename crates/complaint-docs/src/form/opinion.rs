//! S1's handling opinion (处理意见书), the mall's own document, in Chinese.
//!
//! Its labels are the Chinese table's (`labels::ZH`); its sentences (what the mediation
//! decided, who pays, by when) are the mall's wording, in Chinese only, so they are written
//! here rather than in the label tables, which hold what exists in every language.

use super::{Document, Section, customer, datetime, findings, mediation, subject, title};
use crate::classify;
use crate::clock;
use crate::error::Error;
use crate::labels::ZH;
use crate::ledger::Ledger;
use crate::model::{Action, Complaint, Decision, Timestamp};
use crate::money::Money;
use crate::rulebook::{Language, Rulebook};
use crate::state::State;

/// The handling opinion (处理意见书) a mall issues after a mediation (S1): who, what happened,
/// what was found, what the mediation decided, what the merchant must pay and by when, and
/// lines for the signatures. It is the mall's own document and is written in Chinese.
pub fn opinion(
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
) -> Result<Document, Error> {
    let ledger = Ledger::of(complaint);
    let mediated = complaint
        .history
        .iter()
        .rev()
        .find_map(|e| match &e.action {
            Action::Mediate(crate::event::Mediate {
                customer,
                merchant,
                decision,
                amount,
                ..
            }) => Some((e.at, *customer, *merchant, *decision, *amount)),
            _ => None,
        });
    let Some((mediated_at, customer_answer, merchant_answer, decision, amount)) = mediated else {
        return Err(Error::Illegal {
            refusal: complaint_core::Refusal::NoDocument,
            id: complaint.id.to_string(),
            action: complaint_core::said!("write a handling opinion for", "出具处理意见书"),
            reason: complaint_core::said!("it has not been mediated", "投诉尚未调解"),
            help: Some(complaint_core::said!(
                "record the mediation with `complaint mediate` first",
                "请先用 `complaint mediate` 记录调解"
            )),
        });
    };
    let zh = Language::Zh;
    let f = &complaint.facts;
    let merchant = f.merchant.as_deref().unwrap_or("");
    let standing = classify::standing(complaint, &State::of(complaint), rulebook);
    // The deadline is the clock that runs from this decision, if the rulebook has one.
    let from_decision = |id: &str| {
        rulebook
            .clock(id)
            .is_some_and(|spec| spec.start == format!("mediate.{}", decision.as_str()))
    };
    let deadline = clock::evaluate(complaint, &standing, rulebook, now)
        .into_iter()
        .find(|state| from_decision(&state.clock))
        .and_then(|state| state.due.map(|d| d.at));
    let rmb = |m: Money| format!("人民币 {m} 元");
    let decided = match decision {
        Decision::MerchantPays => format!("双方接受调解，由商户{merchant}直接向顾客赔付{}。", amount.map(rmb).unwrap_or_default()),
        Decision::Opinion => {
            let by = deadline.map(|d| format!("于 {} 前", end_of_day_style(d))).unwrap_or_default();
            format!(
                "顾客接受调解，商户{merchant}不接受。本商场责令商户{merchant}{by}向顾客支付{}；逾期不付，或商户拒绝、逃避、无力赔付的，由本商场按规定先行赔付，并向商户追偿。",
                amount.map(rmb).unwrap_or_default()
            )
        }
        Decision::Referral => "顾客不接受调解，可向区消费者协会投诉或向人民法院起诉；商户应按其裁决赔付，商户拒绝、逃避或无力赔付的，由本商场按裁决先行赔付。".to_string(),
    };
    let mut section = Section::new(zh, None);
    section
        .row(ZH.reference, complaint.id.to_string())
        .row(ZH.received_at, datetime(zh, complaint.received_at))
        .row(ZH.shopper, customer(f))
        .row(ZH.merchant, merchant)
        .row(ZH.about, subject(zh, f))
        .row(ZH.description, f.description.clone().unwrap_or_default())
        .row(ZH.shopper_demand, f.demand.clone().unwrap_or_default())
        .row(
            ZH.findings,
            findings(complaint)
                .map(|(_, facts)| facts.to_string())
                .unwrap_or_default(),
        )
        .row(
            ZH.mediation,
            mediation(zh, Some(mediated_at), customer_answer, merchant_answer),
        )
        .row(ZH.opinion, decided)
        .row(
            ZH.paid,
            if ledger.paid > Money::ZERO {
                format!("已赔付 {} 元", ledger.paid)
            } else {
                String::new()
            },
        );
    Ok(Document {
        language: zh,
        title: title(zh, &rulebook.organisation, "顾客投诉处理意见书"),
        sections: vec![section],
        signatures: [
            ZH.sign_customer,
            ZH.sign_merchant,
            ZH.sign_mall,
            ZH.sign_date,
        ]
        .map(str::to_string)
        .to_vec(),
    })
}

/// A deadline as people write it: midnight is 24:00 of the day before (the end of the last day
/// of the period), not 00:00 of the next.
fn end_of_day_style(t: Timestamp) -> String {
    match crate::calendar::ends_day(&t) {
        Some(day) => format!("{} 24:00", day.format(ZH.date_format)),
        None => t.format(ZH.datetime_format).to_string(),
    }
}
