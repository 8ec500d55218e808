//! S1's complaint report form (客户投诉报告单).

use super::events::describe;
use super::{Document, Section, findings, intake, name_of, subject, title, yuan};
use crate::compensation::Ledger;
use crate::model::{Action, Complaint};
use crate::money::Money;
use crate::rulebook::Rulebook;
use crate::state::State;

/// S1's complaint report form (客户投诉报告单): customer, merchant, what happened and what
/// they want, what was found, the mediation and the result, signed by customer, merchant and
/// mall.
pub fn report(complaint: &Complaint, rulebook: &Rulebook) -> Document {
    let l = rulebook.language;
    let f = &complaint.facts;
    let state = State::of(complaint);
    let ledger = Ledger::of(complaint);
    let mut section = Section::new(l, None);
    intake(&mut section, complaint, rulebook, true);
    section
        .row(
            l.pick("被投诉商户", "Merchant"),
            f.merchant.clone().unwrap_or_default(),
        )
        .row(l.pick("投诉事项", "About"), subject(l, f))
        .row(
            l.pick("发生时间", "When it happened"),
            f.happened.clone().unwrap_or_default(),
        )
        .row(
            l.pick("发生地点", "Where"),
            f.place.clone().unwrap_or_default(),
        )
        .row(
            l.pick("投诉内容", "What happened"),
            f.description.clone().unwrap_or_default(),
        )
        .row(
            l.pick("顾客诉求", "Demand"),
            f.demand.clone().unwrap_or_default(),
        )
        .row(
            l.pick("证据", "Evidence"),
            f.evidence.join(l.pick("、", ", ")),
        )
        .field(
            l.pick("调查结果", "Findings"),
            findings(complaint).map(|(who, facts)| {
                format!(
                    "{facts}{}{}{}",
                    l.pick("（", " ("),
                    name_of(&rulebook.responsibilities, who),
                    l.pick("）", ")")
                )
            }),
        )
        .field(
            l.pick("调解情况", "Mediation"),
            complaint
                .history
                .iter()
                .rev()
                .find_map(|e| match &e.action {
                    Action::Mediate { .. } => Some(describe(e, rulebook)),
                    _ => None,
                }),
        )
        .field(l.pick("处理结果", "Result"), state.outcome.clone())
        .row(
            l.pick("赔付情况", "Paid"),
            if ledger.paid > Money::ZERO {
                yuan(ledger.paid)
            } else {
                String::new()
            },
        );
    Document {
        language: l,
        title: title(rulebook, "客户投诉报告单", "Complaint report form"),
        sections: vec![section],
        signatures: [
            ("顾客（签字）：", "Customer (signature):"),
            ("商户（签字）：", "Merchant (signature):"),
            ("商场（盖章）：", "Mall (stamp):"),
            ("日期：", "Date:"),
        ]
        .into_iter()
        .map(|(zh, en)| l.pick(zh, en).to_string())
        .collect(),
    }
}
