//! One event of a history in words: the handling process of the resolution report, each
//! ladder level's opinion on the acceptance form, the mediation on the report form.

use super::{join, mediation, name_of, pay_kind, rated, yuan};
use crate::ledger;
use crate::model::{Action, Event};
use crate::rulebook::{Language, Rulebook};

/// One event in words, in the rulebook's language, for the handling process and each level's
/// opinion.
pub(super) fn describe(event: &Event, rulebook: &Rulebook) -> String {
    describe_in(event, rulebook, rulebook.language)
}

/// One event in words in `l` (the command line's history and confirmations speak the
/// interface's language, which may not be the rulebook's).
pub fn describe_in(event: &Event, rulebook: &Rulebook, l: Language) -> String {
    let p = |zh, en| l.pick(zh, en);
    let with = |text: String, extra: Option<String>| match extra {
        Some(extra) => format!("{text}{}{extra}", p("：", ": ")),
        None => text,
    };
    match &event.action {
        Action::Received => p("登记投诉", "Complaint registered").into(),
        Action::Reveal(_) => p("查阅个人信息", "Personal data shown").into(),
        Action::Ack(crate::event::Ack {
            handler,
            contact,
            promised,
        }) => join(
            [
                Some(format!(
                    "{}{handler}",
                    p("受理确认，处理人 ", "Acknowledged; handler ")
                )),
                Some(format!("{}{contact}", p("联系方式 ", "contact "))),
                promised.map(|d| {
                    format!(
                        "{}{}",
                        p("承诺答复日期 ", "answer promised by "),
                        d.format(p("%Y年%m月%d日", "%Y-%m-%d"))
                    )
                }),
            ],
            p("，", ", "),
        ),
        Action::Assign(crate::event::Assign { to }) => {
            format!("{}{to}", p("交由处理：", "Assigned to "))
        }
        Action::Escalate(crate::event::Escalate {
            from, to, reason, ..
        }) => format!(
            "{}{}{}{}{}{reason}",
            p("由", "Passed up from "),
            rulebook.level_name(from),
            p("上报", " to "),
            rulebook.level_name(to),
            p("：", ": "),
        ),
        Action::Plan(crate::event::Plan { summary, .. }) => {
            format!("{}{summary}", p("处理方案：", "Plan: "))
        }
        Action::Feedback(crate::event::Feedback { message }) => {
            format!("{}{message}", p("向客户反馈：", "Fed back: "))
        }
        Action::Find(crate::event::Find {
            responsibility,
            facts,
            loss,
            service_delay,
            ..
        }) => {
            let loss = loss
                .map(|l| format!("{}¥{l}", p("；核实损失 ", "; loss verified ")))
                .unwrap_or_default();
            let delay = service_delay
                .map(|d| format!("{}{d}", p("；服务延误 ", "; service late by ")))
                .unwrap_or_default();
            format!(
                "{}{}{}{facts}{loss}{delay}",
                p("调查结论（", "Findings ("),
                name_of(&rulebook.responsibilities, responsibility),
                p("）：", "): "),
            )
        }
        Action::Offer(crate::event::Offer {
            revision, amount, ..
        }) => format!(
            "{}{revision}{}{}",
            p("提出赔偿方案（第", "Offer (revision "),
            p("版）", "): "),
            yuan(*amount)
        ),
        Action::Approve(crate::event::Approve {
            revision,
            role,
            amount,
            ..
        }) => format!(
            "{}{}{revision}{}{}",
            ledger::level_of(rulebook, role).map_or(role.as_str(), |lv| lv.name.as_str()),
            p("批准方案（第", " approved the offer (revision "),
            p("版）", "): "),
            yuan(*amount)
        ),
        Action::Dispute(crate::event::Dispute { reason }) => {
            format!("{}{reason}", p("客户对方案有异议：", "Disputed: "))
        }
        Action::Mediate(crate::event::Mediate {
            customer,
            merchant,
            amount,
            ..
        }) => join(
            [
                Some(mediation(l, None, *customer, *merchant)),
                amount.map(|a| format!("{}{}", p("赔付 ", "amount "), yuan(a))),
            ],
            p("，", ", "),
        ),
        Action::Ruling(crate::event::Ruling {
            body,
            decision,
            amount,
        }) => format!(
            "{body}{}{decision}{}{}",
            p("裁决：", " ruled: "),
            p("，", ", "),
            yuan(*amount)
        ),
        Action::Recover(crate::event::Recover { merchant, amount }) => format!(
            "{merchant}{}{}",
            p("归还先行赔付 ", " repaid "),
            yuan(*amount)
        ),
        Action::Agree(crate::event::Agree { note, .. }) => with(
            p("客户同意处理方案", "The customer agreed").into(),
            note.clone(),
        ),
        Action::Pay(crate::event::Pay {
            kind,
            amount,
            reference,
            advance,
            ..
        }) => join(
            [
                Some(format!(
                    "{}{}",
                    p("执行：", "Carried out: "),
                    pay_kind(l, kind)
                )),
                amount.map(yuan),
                reference.clone(),
                advance.then(|| p("先行赔付", "paid in advance").to_string()),
            ],
            " ",
        ),
        Action::Followup(crate::event::Followup {
            comment,
            satisfaction: score,
            ..
        }) => rated(
            l,
            format!("{}{comment}", p("回访：", "Follow-up: ")),
            *score,
        ),
        Action::Pause(crate::event::Pause { reason }) => {
            format!("{}{reason}", p("暂停处理：", "Paused: "))
        }
        Action::Resume(crate::event::Resume { reason }) => {
            with(p("恢复处理", "Resumed").into(), reason.clone())
        }
        Action::Extend(crate::event::Extend { clock, to, reason }) => format!(
            "{}{}{}{to}{}{reason}",
            p("延长", "Extended "),
            rulebook
                .clock(clock)
                .map_or(clock.as_str(), |c| c.name.as_str()),
            p("至 ", " to "),
            p("：", ": "),
        ),
        Action::Note(crate::event::Note { text, .. }) => text.clone(),
        Action::Close(crate::event::Close {
            outcome,
            satisfaction: score,
        }) => rated(l, format!("{}{outcome}", p("结案：", "Closed: ")), *score),
        Action::Reopen(crate::event::Reopen { reason }) => {
            format!("{}{reason}", p("重新处理：", "Reopened: "))
        }
        Action::Resolve(crate::event::Resolve {
            conflict,
            conflict_by,
            keep,
            reason,
            ..
        }) => format!(
            "{}{conflict_by} {conflict} {}{}{reason}",
            p("冲突处理：", "Conflict resolved: "),
            if *keep {
                p("保留", "kept")
            } else {
                p("撤销", "dropped")
            },
            p("；", "; ")
        ),
        Action::Classify(crate::event::Classify {
            tier,
            grade,
            reason,
        }) => with(
            format!(
                "{}{}",
                p("分级：", "Classified: "),
                join(
                    [
                        tier.as_deref().map(|t| name_of(&rulebook.tiers, t)),
                        grade.as_deref().map(|g| name_of(&rulebook.grades, g)),
                    ],
                    " / ",
                )
            ),
            reason.clone(),
        ),
        Action::Review(crate::event::Review { role, opinion }) => format!(
            "{}{}{}{opinion}",
            p("审核（", "Reviewed ("),
            rulebook.role_name(role),
            p("）：", "): ")
        ),
        Action::Corrective(crate::event::Corrective {
            measure,
            staff,
            text,
        }) => {
            let what = match measure {
                crate::event::corrective::Measure::Disciplinary => {
                    p("内部处分", "Disciplinary measure")
                }
                crate::event::corrective::Measure::Corrective => p("整改措施", "Corrective action"),
            };
            let staff = staff
                .as_deref()
                .map(|s| format!("{}{s}", p("，涉及 ", ", concerning ")))
                .unwrap_or_default();
            format!("{what}{staff}{}{text}", p("：", ": "))
        }
        Action::DelayNotice(crate::event::DelayNotice { reason, expected }) => format!(
            "{}{expected}{}{reason}",
            p("延期告知：预计 ", "Delay notice: expected by "),
            p(" 前完成；原因：", "; because: ")
        ),
        // A kind of event without its own wording here: its particulars as `show` gives them.
        other => other.details(rulebook),
    }
}
