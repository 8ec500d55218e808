//! S2's formal resolution report (投诉处理报告).

use super::events::describe;
use super::{
    Document, Section, datetime, findings, intake, join, name_of, pay_kind, rated, subject, title,
    yuan,
};
use crate::error::Error;
use crate::labels::labels;
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
    let t = labels(l);
    let f = &complaint.facts;
    let state = State::of(complaint);
    if state.status != Status::Closed {
        return Err(Error::Illegal {
            refusal: complaint_core::Refusal::NoDocument,
            id: complaint.id.to_string(),
            action: complaint_core::said!("write a resolution report for", "出具投诉处理报告"),
            reason: complaint_core::said!("it is still open", "投诉尚未结案"),
            help: Some(complaint_core::said!(
                "the report gives the result: close it with `complaint close ID --outcome …` first",
                "报告写明处理结果：请先用 `complaint close ID --outcome …` 结案"
            )),
        });
    }
    let dash = || "—".to_string();
    let or_dash = |v: Option<String>| v.filter(|v| !v.is_empty()).unwrap_or_else(dash);

    let mut summary = Section::new(l, Some(t.summary));
    intake(&mut summary, complaint, rulebook, false);
    summary
        .row(
            t.complaint_category,
            f.category
                .as_deref()
                .map(|c| name_of(&rulebook.categories, c))
                .unwrap_or_default(),
        )
        .row(t.complained_of, subject(l, f))
        .row(t.description, f.description.clone().unwrap_or_default())
        .row(t.customer_demand, f.demand.clone().unwrap_or_default());

    let mut process = Section::new(l, Some(t.process));
    process.columns = [t.when.to_string(), t.what_was_done.to_string()];
    // The customer's report of how it was handled: what was done for them, not the desk's
    // internal work (see `Action::for_customer`), and of the offers only the last one made.
    let last_offer = complaint
        .in_force()
        .rfind(|e| matches!(e.action, Action::Offer(_)))
        .map(|e| e.at);
    let handling = complaint.in_force().filter(|e| {
        e.action.for_customer()
            && (!matches!(e.action, Action::Offer(_)) || Some(e.at) == last_offer)
            && !matches!(&e.action, Action::Plan(p) if p.improvement)
    });
    for event in handling {
        process.row(
            &datetime(l, event.at),
            format!("{}{}{}", event.by, t.colon, describe(event, rulebook)),
        );
    }

    let found = findings(complaint);
    let mut result = Section::new(l, Some(t.outcome));
    result
        .row(t.result, or_dash(state.outcome.clone()))
        .row(
            t.closed_at,
            or_dash(state.closed_at.map(|at| datetime(l, at))),
        )
        .row(
            t.responsibility,
            or_dash(found.map(|(who, _)| name_of(&rulebook.responsibilities, who))),
        )
        .row(
            t.conclusion,
            or_dash(found.map(|(_, facts)| facts.to_string())),
        );

    let mut money = Section::new(l, Some(t.compensation_heading));
    let mut kinds: Vec<(String, Money, Vec<String>)> = Vec::new();
    for event in complaint.in_force() {
        if let Action::Pay(crate::event::Pay {
            kind,
            amount,
            reference,
            ..
        }) = &event.action
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
        money.row(t.carried_out, dash());
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
                t.done.to_string()
            } else {
                value
            },
        );
    }

    // Improvements recorded as such; the remedy's plan is in the handling process.
    let plans: Vec<String> = complaint
        .in_force()
        .filter_map(|e| match &e.action {
            Action::Plan(crate::event::Plan {
                summary,
                improvement: true,
            }) => Some(summary.clone()),
            _ => None,
        })
        .collect();
    let mut improve = Section::new(l, Some(t.improvements));
    improve.row(t.measures, or_dash(Some(plans.join("\n"))));

    let followup = complaint
        .history
        .iter()
        .rev()
        .find_map(|e| match &e.action {
            Action::Followup(crate::event::Followup {
                comment,
                satisfaction: score,
                ..
            }) => Some(rated(l, comment.clone(), *score)),
            _ => None,
        });
    let mut survey = Section::new(l, Some(t.survey));
    survey
        .field(
            t.your_satisfaction,
            state.satisfaction.map(|s| format!("{s}/5")),
        )
        .field(t.followup, followup)
        .field(t.comments, None);

    let mut contact = Section::new(l, Some(t.contact_heading));
    contact
        .row(t.handler, or_dash(state.handler.clone()))
        .row(t.contact, or_dash(state.handler_contact.clone()));

    let mut thanks = Section::new(l, Some(t.thanks));
    thanks.paragraphs.push(t.apology.to_string());

    Ok(Document {
        language: l,
        title: title(l, &rulebook.organisation, t.resolution_title),
        sections: vec![
            summary, process, result, money, improve, survey, contact, thanks,
        ],
        signatures: vec![t.sign_handler.to_string(), t.sign_date.to_string()],
    })
}
