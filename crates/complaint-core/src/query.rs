//! Filters for `list` and the commands that select a set of complaints.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::classify::{self, Standing};
use crate::model::{Action, Complaint, SubjectKind, phone_digits};
use crate::rulebook::Rulebook;
use crate::state::{State, Status};

/// What to select; every field that is set must match.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Its status is one of these (any, when empty).
    pub status: Vec<Status>,
    /// `Some(true)`: open only; `Some(false)`: closed only.
    pub open: Option<bool>,
    /// Its tier code, as classified now.
    pub tier: Option<String>,
    /// Its grade code, as classified now.
    pub grade: Option<String>,
    /// Its category code (`CQ01`).
    pub category: Option<String>,
    /// Its channel code (`hotline`).
    pub channel: Option<String>,
    /// The person it is assigned to, as the `assign` event names them.
    pub assignee: Option<String>,
    /// The merchant it names.
    pub merchant: Option<String>,
    /// What kind of thing it is about.
    pub subject: Option<SubjectKind>,
    /// Received on or after this day (in the record's own offset).
    pub from: Option<NaiveDate>,
    /// Received on or before this day.
    pub to: Option<NaiveDate>,
    /// Only the complaints of key customers (S1): every complaint of a person a return visit
    /// flagged, not just the flagged one.
    pub key_customers: bool,
    /// The customer's name contains this.
    pub customer: Option<String>,
    /// The customer's phone is this number, compared as digits ([`phone_digits`]).
    pub phone: Option<String>,
    /// In a book that encrypts, the keyed hash of that number: a record whose phone is sealed
    /// matches by its hash ([`crate::model::Customer::matching`]).
    pub phone_matching: Option<String>,
    /// Every one of these words appears in what was written about the complaint: the
    /// description and demand, and the notes, findings, plans, feedback, outcomes and visits
    /// of its history (Chinese needs no spaces: a word is any part of the text).
    pub words: Vec<String>,
}

/// Whether every word appears in the complaint's text, in any case.
fn mentions(complaint: &Complaint, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let text = written(complaint).join("\n").to_lowercase();
    words.iter().all(|w| text.contains(&w.to_lowercase()))
}

/// What people wrote about a complaint, for the text search.
fn written(complaint: &Complaint) -> Vec<&str> {
    let facts = &complaint.facts;
    let mut texts: Vec<&str> = [&facts.description, &facts.demand, &facts.subject.name]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    for event in &complaint.history {
        texts.extend(match &event.action {
            Action::Note(e) => vec![e.text.as_str()],
            Action::Find(e) => vec![e.facts.as_str()],
            Action::Plan(e) => vec![e.summary.as_str()],
            Action::Feedback(e) => vec![e.message.as_str()],
            Action::Close(e) => vec![e.outcome.as_str()],
            Action::Dispute(e) => vec![e.reason.as_str()],
            Action::Followup(e) => vec![e.comment.as_str()],
            Action::Escalate(e) => vec![e.reason.as_str()],
            Action::Reopen(e) => vec![e.reason.as_str()],
            _ => Vec::new(),
        });
    }
    texts
}

/// The open complaints of `complaint`'s customer other than it, by [`Customer::identity`]:
/// what the desk should know before registering another.
///
/// [`Customer::identity`]: crate::model::Customer::identity
pub fn same_customer_open<'a>(
    complaint: &Complaint,
    others: impl IntoIterator<Item = &'a Complaint>,
) -> Vec<&'a Complaint> {
    let Some(who) = complaint.facts.customer.identity() else {
        return Vec::new();
    };
    others
        .into_iter()
        .filter(|c| c.id != complaint.id && State::of(c).status.is_open())
        .filter(|c| c.facts.customer.identity().as_deref() == Some(who.as_str()))
        .collect()
}

/// A complaint chosen by a filter, with what was derived to choose it.
#[derive(Debug, Clone)]
pub struct Selected<'a> {
    /// The complaint.
    pub complaint: &'a Complaint,
    /// What its history leads to.
    pub state: State,
    /// Its tier, grade and level under the rulebook.
    pub standing: Standing,
}

/// The complaints `filter` chooses, in the order given.
pub fn select<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    rulebook: &Rulebook,
    filter: &Filter,
) -> Vec<Selected<'a>> {
    let all: Vec<Selected<'a>> = complaints
        .into_iter()
        .map(|complaint| {
            let state = State::of(complaint);
            let standing = classify::standing(complaint, &state, rulebook);
            Selected {
                complaint,
                state,
                standing,
            }
        })
        .collect();
    // A key customer is a person, so all their complaints count, not just the flagged one;
    // the set is worked out only when asked for.
    let key: Option<HashSet<String>> = filter.key_customers.then(|| {
        all.iter()
            .filter(|s| s.state.key_customer)
            .filter_map(|s| s.complaint.facts.customer.identity())
            .collect()
    });
    let of_key_customer = |s: &Selected| match &key {
        None => true,
        Some(key) => {
            s.state.key_customer
                || s.complaint
                    .facts
                    .customer
                    .identity()
                    .is_some_and(|who| key.contains(&who))
        }
    };
    all.into_iter()
        .filter(|s| {
            filter.matches(s.complaint, &s.state, s.standing.tier(), s.standing.grade())
                && of_key_customer(s)
        })
        .collect()
}

impl Filter {
    /// Whether a complaint passes the filter, given its folded `state` and its current tier and grade codes (from [`crate::classify`]).
    pub fn matches(
        &self,
        complaint: &Complaint,
        state: &State,
        tier: Option<&str>,
        grade: Option<&str>,
    ) -> bool {
        let facts = &complaint.facts;
        let eq = |want: &Option<String>, have: Option<&str>| {
            want.as_deref().is_none_or(|w| have == Some(w))
        };
        let day = complaint.received_at.date_naive();
        (self.status.is_empty() || self.status.contains(&state.status))
            && self.open.is_none_or(|open| state.status.is_open() == open)
            && eq(&self.tier, tier)
            && eq(&self.grade, grade)
            && eq(&self.category, facts.category.as_deref())
            && eq(&self.channel, facts.channel.as_deref())
            && eq(&self.assignee, state.assignee.as_deref())
            && eq(&self.merchant, facts.merchant.as_deref())
            && self.subject.is_none_or(|k| facts.subject.kind == Some(k))
            && self.from.is_none_or(|from| day >= from)
            && self.to.is_none_or(|to| day <= to)
            && self.customer.as_deref().is_none_or(|want| {
                facts
                    .customer
                    .name
                    .as_deref()
                    .is_some_and(|name| name.contains(want.trim()))
            })
            && self.phone.as_deref().is_none_or(|want| {
                let want = phone_digits(want);
                let sealed = facts.customer.matching.is_some()
                    && facts.customer.matching == self.phone_matching;
                sealed
                    || (!want.is_empty()
                        && facts.customer.phone.as_deref().map(phone_digits) == Some(want))
            })
            && mentions(complaint, &self.words)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::phone_digits;

    #[test]
    fn one_phone_number_however_it_is_written() {
        for written in [
            "13812345678",
            "138-1234-5678",
            "138 1234 5678",
            "+86 138 1234 5678",
            "0086-13812345678",
            "(86) 138.1234.5678",
        ] {
            assert_eq!(phone_digits(written), "13812345678", "{written}");
        }
        // A landline keeps its area code; 86 not followed by a mobile number is not a country
        // code.
        assert_eq!(phone_digits("010-8765 4321"), "01087654321");
        assert_eq!(phone_digits("8612345"), "8612345");
    }
}
