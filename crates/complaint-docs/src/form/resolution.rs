//! S2's formal resolution report (投诉处理报告).

use super::events::describe;
use super::{
    Document, Section, datetime, findings, intake, join, name_of, pay_kind, rated, subject, title,
    yuan,
};
use crate::error::Error;
use crate::model::{Action, Complaint};
use crate::money::Money;
use crate::rulebook::Rulebook;
use crate::state::{State, Status};

/// S2's formal resolution report (投诉处理报告), the feedback sent once a complaint is closed:
/// summary, handling process, result and responsibility, compensation, improvements, a
/// satisfaction survey, contact details, and an apology with thanks. Where nothing was recorded
/// it says "—" rather than inventing.
pub fn resolution(complaint: &Complaint, rulebook: &Rulebook) -> Result<Document, Error> {
    let l = rulebook.language;
    let f = &complaint.facts;
    let state = State::of(complaint);
    if state.status != Status::Closed {
        return Err(Error::Illegal {
            id: complaint.id.to_string(),
            action: "write a resolution report for",
            reason: "it is still open".into(),
            help: Some(
                "the report gives the result: close it with `complaint close ID --outcome …` first"
                    .into(),
            ),
        });
    }
    let dash = || "—".to_string();
    let or_dash = |v: Option<String>| v.filter(|v| !v.is_empty()).unwrap_or_else(dash);

    let mut summary = Section::new(l, Some(l.pick("一、投诉概述", "1. Summary")));
    intake(&mut summary, complaint, rulebook, false);
    summary
        .row(
            l.pick("投诉类别", "Category"),
            f.category
                .as_deref()
                .map(|c| name_of(&rulebook.categories, c))
                .unwrap_or_default(),
        )
        .row(l.pick("投诉对象", "About"), subject(l, f))
        .row(
            l.pick("投诉内容", "What happened"),
            f.description.clone().unwrap_or_default(),
        )
        .row(
            l.pick("客户诉求", "Demand"),
            f.demand.clone().unwrap_or_default(),
        );

    let mut process = Section::new(l, Some(l.pick("二、处理过程", "2. How it was handled")));
    process.columns = [
        l.pick("时间", "When").to_string(),
        l.pick("经过", "What was done").to_string(),
    ];
    // The customer's report of how it was handled: who looked at the record is not part of it.
    let handling = complaint
        .history
        .iter()
        .filter(|e| !matches!(e.action, Action::Reveal { .. }));
    for event in handling {
        process.row(
            &datetime(l, event.at),
            format!(
                "{}{}{}",
                event.by,
                l.pick("：", ": "),
                describe(event, rulebook)
            ),
        );
    }

    let found = findings(complaint);
    let mut result = Section::new(
        l,
        Some(l.pick("三、处理结果与责任", "3. Result and responsibility")),
    );
    result
        .row(l.pick("处理结果", "Result"), or_dash(state.outcome.clone()))
        .row(
            l.pick("结案时间", "Closed"),
            or_dash(state.closed_at.map(|t| datetime(l, t))),
        )
        .row(
            l.pick("责任归属", "Responsibility"),
            or_dash(found.map(|(who, _)| name_of(&rulebook.responsibilities, who))),
        )
        .row(
            l.pick("调查结论", "Findings"),
            or_dash(found.map(|(_, facts)| facts.to_string())),
        );

    let mut money = Section::new(l, Some(l.pick("四、赔偿与补偿", "4. Compensation")));
    let mut kinds: Vec<(String, Money, Vec<String>)> = Vec::new();
    for event in complaint.in_force() {
        if let Action::Pay {
            kind,
            amount,
            reference,
            ..
        } = &event.action
        {
            let index = match kinds.iter().position(|(k, ..)| k == kind) {
                Some(i) => i,
                None => {
                    kinds.push((kind.clone(), Money::ZERO, Vec::new()));
                    kinds.len() - 1
                }
            };
            let entry = &mut kinds[index];
            if let Some(amount) = amount {
                entry.1 = entry.1.checked_add(*amount).unwrap_or(entry.1);
            }
            entry.2.extend(reference.clone());
        }
    }
    if kinds.is_empty() {
        money.row(l.pick("已执行", "Carried out"), dash());
    }
    for (kind, amount, references) in &kinds {
        // Goods sent or an apology made carry no amount: that they were done is the content.
        let value = join(
            [
                (*amount > Money::ZERO).then(|| yuan(*amount)),
                (!references.is_empty()).then(|| references.join(", ")),
            ],
            "  ",
        );
        money.row(
            &pay_kind(l, kind),
            if value.is_empty() {
                l.pick("已执行", "done").to_string()
            } else {
                value
            },
        );
    }

    let plans: Vec<String> = complaint
        .history
        .iter()
        .filter_map(|e| match &e.action {
            Action::Plan { summary } => Some(summary.clone()),
            _ => None,
        })
        .collect();
    let mut improve = Section::new(l, Some(l.pick("五、后续改进", "5. Improvements")));
    improve.row(
        l.pick("改进措施", "Measures"),
        or_dash(Some(plans.join("\n"))),
    );

    let followup = complaint
        .history
        .iter()
        .rev()
        .find_map(|e| match &e.action {
            Action::Followup {
                comment,
                satisfaction: score,
                ..
            } => Some(rated(l, comment.clone(), *score)),
            _ => None,
        });
    let mut survey = Section::new(l, Some(l.pick("六、满意度调查", "6. Satisfaction survey")));
    survey
        .field(
            l.pick("对本次处理的满意度（1–5）", "Your satisfaction (1–5)"),
            state.satisfaction.map(|s| format!("{s}/5")),
        )
        .field(l.pick("回访", "Follow-up"), followup)
        .field(l.pick("意见与建议", "Comments"), None);

    let mut contact = Section::new(l, Some(l.pick("七、联系方式", "7. Contact")));
    contact
        .row(l.pick("处理人", "Handler"), or_dash(state.handler.clone()))
        .row(
            l.pick("联系方式", "Contact"),
            or_dash(state.handler_contact.clone()),
        );

    let mut thanks = Section::new(l, Some(l.pick("八、致歉与感谢", "8. Apology and thanks")));
    thanks.paragraphs.push(
        l.pick(
            "对于此次给您带来的不便，我们深表歉意。感谢您提出投诉，让我们有机会发现并改正问题；我们将持续改进服务质量，欢迎您继续监督并提出宝贵意见。",
            "We are sorry for the trouble this has caused you. Thank you for telling us: your complaint gave us the chance to find the problem and put it right. We will keep improving our service, and we welcome your comments at any time.",
        )
        .to_string(),
    );

    Ok(Document {
        language: l,
        title: title(rulebook, "投诉处理报告", "Complaint resolution report"),
        sections: vec![
            summary, process, result, money, improve, survey, contact, thanks,
        ],
        signatures: [
            ("处理人（签字）：", "Handler (signature):"),
            ("日期：", "Date:"),
        ]
        .into_iter()
        .map(|(zh, en)| l.pick(zh, en).to_string())
        .collect(),
    })
}
