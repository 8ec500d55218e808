//! Printable documents made from a record. The library returns the text; the caller decides
//! where it goes.

use crate::clock;
use crate::compensation::Ledger;
use crate::error::Error;
use crate::model::{Action, Complaint, Decision, Timestamp};
use crate::rulebook::Rulebook;
use crate::state::State;

/// A deadline as people write it: midnight is 24:00 of the day before (the end of the last day
/// of the period), not 00:00 of the next.
fn end_of_day_style(t: Timestamp) -> String {
    if t.time() == chrono::NaiveTime::MIN {
        let day = t.date_naive().pred_opt().unwrap_or(t.date_naive());
        format!("{} 24:00", day.format("%Y年%m月%d日"))
    } else {
        t.format("%Y年%m月%d日 %H:%M").to_string()
    }
}

/// How a document is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Style {
    Markdown,
    Text,
}

/// The handling opinion (处理意见书) a mall issues after a mediation (S1): who, what happened,
/// what was found, what the mediation decided, what the merchant must pay and by when, and
/// lines for the signatures.
pub fn opinion(
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
    style: Style,
) -> Result<String, Error> {
    let ledger = Ledger::of(complaint);
    let mediation = complaint
        .history
        .iter()
        .rev()
        .find_map(|e| match &e.action {
            Action::Mediate {
                customer,
                merchant,
                decision,
                amount,
                ..
            } => Some((e.at, *customer, *merchant, *decision, *amount)),
            _ => None,
        });
    let Some((mediated_at, customer_answer, merchant_answer, decision, amount)) = mediation else {
        return Err(Error::Illegal {
            id: complaint.id.to_string(),
            action: "write a handling opinion for",
            reason: "it has not been mediated".into(),
            help: Some("record the mediation with `complaint mediate` first".into()),
        });
    };
    let f = &complaint.facts;
    let merchant = f.merchant.as_deref().unwrap_or("");
    let standing = crate::classify::standing(complaint, &State::of(complaint), rulebook);
    // The deadline is the clock that runs from this decision, if the rulebook has one.
    let from_decision = |id: &str| {
        rulebook
            .clock(id)
            .is_some_and(|spec| spec.start.value == format!("mediate.{}", decision.as_str()))
    };
    let deadline = clock::evaluate(complaint, &standing, rulebook, now)
        .into_iter()
        .find(|state| from_decision(&state.clock))
        .and_then(|state| state.due.map(|d| d.at));
    let findings = complaint
        .history
        .iter()
        .rev()
        .find_map(|e| match &e.action {
            Action::Find { facts, .. } => Some(facts.clone()),
            _ => None,
        });
    let answer = |a: crate::model::Answer| {
        if a == crate::model::Answer::Accept {
            "接受"
        } else {
            "不接受"
        }
    };
    let yuan = |m: crate::money::Money| format!("人民币 {m} 元");
    let decided = match decision {
        Decision::MerchantPays => format!("双方接受调解，由商户{merchant}直接向顾客赔付{}。", amount.map(yuan).unwrap_or_default()),
        Decision::Opinion => {
            let by = deadline.map(|d| format!("于 {} 前", end_of_day_style(d))).unwrap_or_default();
            format!(
                "顾客接受调解，商户{merchant}不接受。本商场责令商户{merchant}{by}向顾客支付{}；逾期不付，或商户拒绝、逃避、无力赔付的，由本商场按规定先行赔付，并向商户追偿。",
                amount.map(yuan).unwrap_or_default()
            )
        }
        Decision::Referral => "顾客不接受调解，可向区消费者协会投诉或向人民法院起诉；商户应按其裁决赔付，商户拒绝、逃避或无力赔付的，由本商场按裁决先行赔付。".to_string(),
    };
    let rows = [
        ("投诉编号", complaint.id.to_string()),
        (
            "受理时间",
            complaint
                .received_at
                .format("%Y年%m月%d日 %H:%M")
                .to_string(),
        ),
        (
            "顾客",
            [f.customer.name.clone(), f.customer.phone.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("  "),
        ),
        ("被投诉商户", merchant.to_string()),
        (
            "投诉事项",
            [
                f.subject.name.clone(),
                f.subject.order.as_ref().map(|o| format!("订单 {o}")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("  "),
        ),
        ("投诉内容", f.description.clone().unwrap_or_default()),
        ("顾客诉求", f.demand.clone().unwrap_or_default()),
        ("调查结果", findings.unwrap_or_default()),
        (
            "调解情况",
            format!(
                "{} 调解：顾客{}，商户{}",
                mediated_at.format("%Y年%m月%d日"),
                answer(customer_answer),
                answer(merchant_answer)
            ),
        ),
        ("处理意见", decided),
    ];
    let paid =
        (ledger.paid > crate::money::Money::ZERO).then(|| format!("已赔付 {} 元", ledger.paid));
    let title = format!("{}  顾客投诉处理意见书", rulebook.organisation);
    let signatures = [
        "顾客（签字）：",
        "商户（签字）：",
        "商场（盖章）：",
        "日期：",
    ];
    Ok(match style {
        Style::Markdown => {
            let mut out = format!("# {title}\n\n| 项目 | 内容 |\n|---|---|\n");
            for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
                out.push_str(&format!("| {label} | {} |\n", value.replace('|', "\\|")));
            }
            if let Some(paid) = paid {
                out.push_str(&format!("| 赔付情况 | {paid} |\n"));
            }
            out.push('\n');
            for line in signatures {
                out.push_str(&format!("{line}\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\n\n"));
            }
            out
        }
        Style::Text => {
            let mut out = format!("{title}\n\n");
            for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
                out.push_str(&format!("{label}：{value}\n"));
            }
            if let Some(paid) = paid {
                out.push_str(&format!("赔付情况：{paid}\n"));
            }
            out.push('\n');
            for line in signatures {
                out.push_str(&format!("{line}____________\n"));
            }
            out
        }
    })
}
