//! S1's complaint report form (客户投诉报告单).

use super::events::describe;
use super::{Document, Section, date, findings, intake, name_of, subject, title, yuan};
use crate::labels::{fill, labels};
use crate::ledger::Ledger;
use crate::model::{Action, Complaint};
use crate::money::Money;
use crate::rulebook::Rulebook;
use crate::state::State;

/// S1's complaint report form (客户投诉报告单): customer, merchant, what happened and what
/// they want, what was found, the mediation and the result, signed by customer, merchant and
/// mall.
pub fn report(complaint: &Complaint, rulebook: &Rulebook) -> Document {
    let l = rulebook.language;
    let t = labels(l);
    let f = &complaint.facts;
    let state = State::of(complaint);
    let ledger = Ledger::of(complaint);
    let mut section = Section::new(l, None);
    intake(&mut section, complaint, rulebook, true);
    section
        .row(t.merchant, f.merchant.clone().unwrap_or_default())
        .row(t.about, subject(l, f))
        .row(t.happened, f.happened.clone().unwrap_or_default())
        .row(t.place, f.place.clone().unwrap_or_default())
        .row(t.description, f.description.clone().unwrap_or_default())
        .row(t.shopper_demand, f.demand.clone().unwrap_or_default())
        .row(t.evidence, f.evidence.join(t.list_separator))
        .field(
            t.findings,
            findings(complaint).map(|(who, facts)| {
                let who = name_of(&rulebook.responsibilities, who);
                fill(t.found, &[("facts", &facts), ("who", &who)])
            }),
        )
        .field(
            t.mediation,
            complaint
                .history
                .iter()
                .rev()
                .find_map(|e| match &e.action {
                    // The form has no column for the time: the line says when.
                    Action::Mediate(_) => Some(format!(
                        "{} {}",
                        date(rulebook.language, e.at),
                        describe(e, rulebook)
                    )),
                    _ => None,
                }),
        )
        .field(t.result, state.outcome.clone())
        .row(
            t.paid,
            if ledger.paid > Money::ZERO {
                yuan(ledger.paid)
            } else {
                String::new()
            },
        );
    Document {
        language: l,
        title: title(l, &rulebook.organisation, t.report_form_title),
        sections: vec![section],
        signatures: [t.sign_customer, t.sign_merchant, t.sign_mall, t.sign_date]
            .map(str::to_string)
            .to_vec(),
    }
}
