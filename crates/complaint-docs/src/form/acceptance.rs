//! S4's complaint acceptance form (客户投诉受理单).

use super::events::describe;
use super::{Document, Section, date, datetime, name_of, subject, title};
use crate::classify;
use crate::labels::{fill, labels};
use crate::ledger;
use crate::model::{Action, Complaint, Event, Timestamp};
use crate::rulebook::Rulebook;
use crate::state::State;

/// S4's complaint acceptance form (客户投诉受理单): the form's fields, then for each level of the
/// ladder its opinion (what it did, in words), who signed and when — blank lines for the levels
/// the complaint has not reached, signed by hand — then the result.
pub fn acceptance(complaint: &Complaint, rulebook: &Rulebook, now: Timestamp) -> Document {
    let l = rulebook.language;
    let t = labels(l);
    let f = &complaint.facts;
    let state = State::of(complaint);
    let standing = classify::standing(complaint, &state, rulebook);
    let mut head = Section::new(l, None);
    head.row(t.reference, complaint.id.to_string())
        .row(t.form_date, date(l, now))
        .field(t.filled_in_by, None)
        .row(t.complainant, f.customer.name.clone().unwrap_or_default())
        .row(t.phone, f.customer.phone.clone().unwrap_or_default())
        .row(t.account, f.customer.account.clone().unwrap_or_default())
        .row(t.email, f.customer.email.clone().unwrap_or_default())
        .row(t.complained_about, subject(l, f))
        .row(
            t.channel,
            f.channel
                .as_deref()
                .map(|c| name_of(&rulebook.channels, c))
                .unwrap_or_default(),
        )
        .row(
            t.complaint_type,
            f.category
                .as_deref()
                .map(|c| name_of(&rulebook.categories, c))
                .unwrap_or_default(),
        )
        .row(
            t.tier,
            standing
                .tier()
                .map(|tier| name_of(&rulebook.tiers, tier))
                .unwrap_or_default(),
        )
        .row(t.complained_at, datetime(l, complaint.received_at))
        .row(t.description, f.description.clone().unwrap_or_default())
        .row(t.customer_demand, f.demand.clone().unwrap_or_default());
    let mut sections = vec![head];
    for (level, events) in by_level(complaint, rulebook, &standing.level) {
        let heading = fill(t.level_opinion, &[("level", &rulebook.level_name(&level))]);
        let mut section = Section::new(l, Some(&heading));
        let opinion = events
            .iter()
            .map(|e| describe(e, rulebook))
            .collect::<Vec<_>>();
        let mut signers: Vec<&str> = Vec::new();
        for e in &events {
            if !signers.contains(&e.by.as_str()) {
                signers.push(&e.by);
            }
        }
        section
            .field(t.opinion, (!opinion.is_empty()).then(|| opinion.join("\n")))
            .field(
                t.signed,
                (!signers.is_empty()).then(|| signers.join(t.list_separator)),
            )
            .field(t.date, events.last().map(|e| date(l, e.at)));
        sections.push(section);
    }
    let mut result = Section::new(l, Some(t.result));
    result
        .field(t.result, state.outcome.clone())
        .field(t.date, state.closed_at.map(|at| date(l, at)));
    sections.push(result);
    Document {
        language: l,
        title: title(l, &rulebook.organisation, t.acceptance_title),
        sections,
        signatures: Vec::new(),
    }
}

/// The events of a history grouped by the ladder level that acted, every level of the ladder
/// in order (empty for those not reached). An approval belongs to the approver's level, an
/// escalation to the level that passed the complaint up, anything else to the level the
/// complaint was at. Levels a history names that the rulebook no longer has come last, so
/// nothing recorded is dropped.
fn by_level<'c>(
    complaint: &'c Complaint,
    rulebook: &Rulebook,
    now_at: &str,
) -> Vec<(String, Vec<&'c Event>)> {
    let mut levels: Vec<(String, Vec<&Event>)> = rulebook
        .ladder
        .iter()
        .map(|l| (l.code.clone(), Vec::new()))
        .collect();
    // Where it started: the first escalation says where from; without one it is still there.
    let mut current = complaint
        .history
        .iter()
        .find_map(|e| match &e.action {
            Action::Escalate(crate::event::Escalate { from, .. }) => Some(from.clone()),
            _ => None,
        })
        .unwrap_or_else(|| now_at.to_string());
    for event in complaint.in_force() {
        let level = match &event.action {
            // Looking at a record is not handling it: no level's opinion.
            Action::Received | Action::Reveal(_) => continue,
            Action::Approve(crate::event::Approve { role, .. }) => {
                ledger::level_of(rulebook, role).map_or_else(|| current.clone(), |l| l.code.clone())
            }
            Action::Escalate(crate::event::Escalate { from, .. }) => from.clone(),
            _ => current.clone(),
        };
        match levels.iter_mut().find(|(code, _)| *code == level) {
            Some((_, events)) => events.push(event),
            None => levels.push((level, vec![event])),
        }
        if let Action::Escalate(crate::event::Escalate { to, .. }) = &event.action {
            current = to.clone();
        }
    }
    levels
}
