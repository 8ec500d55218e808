//! Filters for `list` and the commands that select a set of complaints.

use chrono::NaiveDate;

use crate::model::{Complaint, SubjectKind};
use crate::state::{State, Status};

/// What to select; every field that is set must match.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Vec<Status>,
    /// `Some(true)`: open only; `Some(false)`: closed only.
    pub open: Option<bool>,
    pub tier: Option<String>,
    pub grade: Option<String>,
    pub category: Option<String>,
    pub channel: Option<String>,
    pub assignee: Option<String>,
    pub merchant: Option<String>,
    pub subject: Option<SubjectKind>,
    /// Received on or after this day (in the record's own offset).
    pub from: Option<NaiveDate>,
    /// Received on or before this day.
    pub to: Option<NaiveDate>,
}

impl Filter {
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
