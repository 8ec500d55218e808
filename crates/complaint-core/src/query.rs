//! Filters for `list` and the commands that select a set of complaints.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::classify::{self, Standing};
use crate::model::{Complaint, SubjectKind};
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
    }
}
