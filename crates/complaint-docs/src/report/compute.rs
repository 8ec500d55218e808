//! Each figure of a report worked out from the records: deadlines met, satisfaction, repeat
//! complainants, payments, advances, groups and hot spots. No labels: see `sections.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{By, ClockFigures, Group, Paid, Period, Receivable, Repeat, Role, Satisfaction};
use crate::calendar::Calendar;
use crate::classify;
use crate::clock::{self, ClockState, ClockStatus};
use crate::duration::Unit;
use crate::ledger::Ledger;
use crate::model::{Action, Complaint, Customer, Timestamp};
use crate::money::Money;
use crate::privacy;
use crate::rulebook::{Code, Rulebook};
use crate::state::{State, Status};

/// The complaint as it stood at `now`, if it had been received by then.
pub(super) fn as_of(complaint: &Complaint, now: Timestamp) -> Option<Complaint> {
    (complaint.received_at <= now).then(|| complaint.as_of(now))
}

/// One complaint of the book with what is derived from it.
pub(super) struct Taken {
    pub(super) complaint: Complaint,
    pub(super) state: State,
    pub(super) standing: classify::Standing,
    pub(super) received: NaiveDate,
}

/// The value at the `p`-th percentile of sorted `values` by the nearest-rank method: the
/// smallest value with at least p % of the values at or below it (rank ⌈p/100 × n⌉). It is
/// always one of the values, so a median of working days is a whole number of days; for an
/// even count the median is the lower of the two middle values.
pub fn percentile(sorted: &[i64], p: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    let rank = (p as usize * n).div_ceil(100).clamp(1, n);
    Some(sorted[rank - 1])
}

/// Time from `from` to `to` as `unit` counts it: minutes for elapsed and business time, days
/// after the starting day for (working) days, like the clock's own deadline.
fn counted(calendar: &Calendar, unit: Unit, from: Timestamp, to: Timestamp) -> Option<i64> {
    match unit {
        Unit::Minutes | Unit::Hours => Some((to - from).num_minutes()),
        Unit::BusinessHours => calendar.business_minutes_between(from, to).ok(),
        Unit::Days | Unit::WorkingDays => calendar
            .days_between(from, to, unit == Unit::WorkingDays)
            .ok()
            .map(i64::from),
    }
}

/// How long a stopped clock ran, in minutes or days of `unit` (see [`counted`]), less its
/// pauses.
fn elapsed(calendar: &Calendar, state: &ClockState, unit: Unit) -> Option<i64> {
    let (start, stop) = (state.started?, state.stopped?);
    let mut total = counted(calendar, unit, start, stop)?;
    for pause in &state.pauses {
        total -= counted(calendar, unit, pause.from, pause.to.unwrap_or(stop))?;
    }
    Some(total.max(0))
}

/// Minutes or days in the clock's unit: hours (elapsed or business) with 2 decimals.
fn in_unit(value: i64, unit: Unit) -> f64 {
    match unit {
        Unit::Hours | Unit::BusinessHours => (value as f64 / 60.0 * 100.0).round() / 100.0,
        Unit::Minutes | Unit::Days | Unit::WorkingDays => value as f64,
    }
}

pub(super) fn clocks(cohort: &[&Taken], rulebook: &Rulebook, now: Timestamp) -> Vec<ClockFigures> {
    let calendar = rulebook.calendar();
    let mut figures: Vec<(ClockFigures, Vec<i64>)> = rulebook
        .clocks
        .iter()
        .map(|spec| {
            let stops = |kind: &str| spec.stop.iter().any(|s| s == kind);
            let role = if stops("ack") {
                Some(Role::Acknowledge)
            } else if stops("close") {
                Some(Role::Resolve)
            } else {
                None
            };
            let unit = spec.limit.unit;
            let figures = ClockFigures {
                clock: crate::output::Code::new(&spec.id, Some(&spec.name)),
                role,
                unit,
                met: 0,
                met_late: 0,
                breached: 0,
                open: 0,
                provisional: 0,
                median: None,
                p90: None,
            };
            (figures, Vec::new())
        })
        .collect();
    for taken in cohort {
        for state in clock::evaluate(&taken.complaint, &taken.standing, rulebook, now) {
            let Some((f, times)) = figures
                .iter_mut()
                .find(|(f, _)| f.clock.code == state.clock)
            else {
                continue;
            };
            match state.status {
                // Not started (e.g. no payment was ever agreed): no deadline to meet.
                ClockStatus::Pending => continue,
                ClockStatus::Met => f.met += 1,
                ClockStatus::MetLate => f.met_late += 1,
                ClockStatus::Breached => f.breached += 1,
                _ => f.open += 1,
            }
            if state.due.as_ref().is_some_and(|d| d.provisional) {
                f.provisional += 1;
            }
            // Every instance in the unit of the clock's base limit, whatever its grade's limit
            // (S3: 10wd, but 24h for urgent cases), so that none is left out of the percentiles.
            // A recurring duty (`every`) has no time to stop: its start to its end says nothing.
            if state.recurring.is_none()
                && let Some(value) = elapsed(calendar, &state, f.unit)
            {
                times.push(value);
            }
        }
    }
    figures
        .into_iter()
        .map(|(mut f, mut times)| {
            times.sort_unstable();
            f.median = percentile(&times, 50).map(|v| in_unit(v, f.unit));
            f.p90 = percentile(&times, 90).map(|v| in_unit(v, f.unit));
            f
        })
        .collect()
}

/// The latest score a complaint was given, at closing or at the return visit.
fn score(complaint: &Complaint) -> Option<u8> {
    complaint
        .history
        .iter()
        .rev()
        .find_map(|e| match &e.action {
            Action::Close(crate::event::Close { satisfaction, .. })
            | Action::Followup(crate::event::Followup { satisfaction, .. }) => *satisfaction,
            _ => None,
        })
        .filter(|s| (1..=5).contains(s))
}

pub(super) fn satisfaction<'a>(complaints: impl Iterator<Item = &'a Complaint>) -> Satisfaction {
    let mut s = Satisfaction::default();
    let mut sum = 0;
    for score in complaints.filter_map(score) {
        s.distribution[usize::from(score) - 1] += 1;
        s.rated += 1;
        sum += usize::from(score);
    }
    if s.rated > 0 {
        s.mean = Some((sum as f64 / s.rated as f64 * 100.0).round() / 100.0);
    }
    s
}

pub(super) fn repeats(cohort: &[&Taken], reveal: bool) -> Vec<Repeat> {
    let mut by_customer: BTreeMap<String, Vec<&Taken>> = BTreeMap::new();
    for taken in cohort {
        if let Some(identity) = taken.complaint.facts.customer.identity() {
            by_customer.entry(identity).or_default().push(taken);
        }
    }
    let mut repeats: Vec<(Timestamp, Repeat)> = by_customer
        .into_values()
        .filter(|list| list.len() > 1)
        .filter_map(|mut list| {
            list.sort_by_key(|t| t.complaint.received_at);
            let first = list.first()?;
            let customer = if reveal {
                first.complaint.facts.customer.clone()
            } else {
                privacy::customer(&first.complaint.facts.customer)
            };
            let mut repeat = Repeat {
                customer: String::new(),
                contact: String::new(),
                complaints: list.len(),
                ids: list.iter().map(|t| t.complaint.id.clone()).collect(),
            };
            show_customer(&mut repeat, &customer);
            Some((first.complaint.received_at, repeat))
        })
        .collect();
    // Most complaints first; among equals, the one who came first.
    repeats.sort_by(|(a_at, a), (b_at, b)| b.complaints.cmp(&a.complaints).then(a_at.cmp(b_at)));
    repeats.into_iter().map(|(_, r)| r).collect()
}

/// Names the repeat complainant as `customer` gives them (masked or revealed): their name, and
/// the contact they are known by, in the order [`Customer::identity`] prefers.
pub fn show_customer(repeat: &mut Repeat, customer: &Customer) {
    repeat.customer = customer.name.clone().unwrap_or_default();
    repeat.contact = [&customer.phone, &customer.account, &customer.email]
        .into_iter()
        .flatten()
        .next()
        .cloned()
        .unwrap_or_default();
}

pub(super) fn paid<'a>(
    complaints: impl Iterator<Item = &'a Complaint>,
    period: Period,
    rulebook: &Rulebook,
) -> Vec<Paid> {
    let zone = rulebook.zone();
    let mut by_kind: BTreeMap<String, Paid> = BTreeMap::new();
    for event in complaints.flat_map(|c| &c.history) {
        let Action::Pay(crate::event::Pay { kind, amount, .. }) = &event.action else {
            continue;
        };
        if !period.contains(event.at.with_timezone(&zone).date_naive()) {
            continue;
        }
        let entry = by_kind.entry(kind.clone()).or_insert_with(|| Paid {
            kind: kind.clone(),
            payments: 0,
            amount: Money::ZERO,
        });
        entry.payments += 1;
        let amount = amount.unwrap_or(Money::ZERO);
        entry.amount = entry.amount.checked_add(amount).unwrap_or(entry.amount);
    }
    by_kind.into_values().collect()
}

/// Per merchant, what was paid in advance for it and recovered: every merchant with an advance
/// payment, by name (`complaint receivables` and the report's `advances`).
pub fn receivables<'a>(complaints: impl Iterator<Item = &'a Complaint>) -> Vec<Receivable> {
    let mut by_merchant: BTreeMap<String, Receivable> = BTreeMap::new();
    for complaint in complaints {
        let Some(merchant) = complaint.facts.merchant.clone() else {
            continue;
        };
        let ledger = Ledger::of(complaint);
        if ledger.advanced == Money::ZERO {
            continue;
        }
        let row = by_merchant
            .entry(merchant.clone())
            .or_insert_with(|| Receivable {
                merchant,
                ..Receivable::default()
            });
        row.complaints += 1;
        row.advanced = row
            .advanced
            .checked_add(ledger.advanced)
            .unwrap_or(row.advanced);
        row.recovered = row
            .recovered
            .checked_add(ledger.recovered)
            .unwrap_or(row.recovered);
        row.outstanding = row.advanced.saturating_sub(row.recovered);
    }
    by_merchant.into_values().collect()
}

/// The value of the `by` dimension for one complaint (`None` when not recorded).
fn key(by: By, taken: &Taken) -> Option<String> {
    let facts = &taken.complaint.facts;
    match by {
        By::Category => facts.category.clone(),
        By::Channel => facts.channel.clone(),
        By::Tier => taken.standing.tier().map(str::to_string),
        By::Grade => taken.standing.grade().map(str::to_string),
        By::Merchant => facts.merchant.clone(),
        By::Assignee => taken.state.assignee.clone(),
        By::Responsibility => classify::responsibility(&taken.complaint).map(str::to_string),
        By::Subject => facts.subject.name.clone(),
    }
}

/// The rulebook's name for a code of the `by` dimension, or an empty string.
fn name_of(by: By, code: &str, rulebook: &Rulebook) -> String {
    let codes: &[Code] = match by {
        By::Category => &rulebook.categories,
        By::Channel => &rulebook.channels,
        By::Tier => &rulebook.tiers,
        By::Grade => &rulebook.grades,
        By::Responsibility => &rulebook.responsibilities,
        By::Merchant | By::Assignee | By::Subject => &[],
    };
    crate::rulebook::code_name(codes, code)
        .unwrap_or_default()
        .to_string()
}

pub(super) fn groups(
    taken: &[Taken],
    rulebook: &Rulebook,
    by: By,
    period: Period,
    previous: Period,
) -> Vec<Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for t in taken {
        let (now, before) = (period.contains(t.received), previous.contains(t.received));
        if !now && !before {
            continue;
        }
        let code = key(by, t).unwrap_or_default();
        let group = groups.entry(code.clone()).or_insert_with(|| Group {
            name: name_of(by, &code, rulebook),
            code,
            received: 0,
            previous: 0,
            growth: 0,
            closed: 0,
        });
        if now {
            group.received += 1;
            if t.state.status == Status::Closed {
                group.closed += 1;
            }
        } else {
            group.previous += 1;
        }
    }
    let mut groups: Vec<Group> = groups
        .into_values()
        .map(|mut g| {
            g.growth = g.received as i64 - g.previous as i64;
            g
        })
        .collect();
    // The biggest first; codes in order among equals, so the output is stable.
    groups.sort_by(|a, b| b.received.cmp(&a.received).then(a.code.cmp(&b.code)));
    groups
}

/// How many hot spots a report names.
pub const HOT_SPOTS: usize = 5;

/// The groups that grew against the previous period, most growth first (then the bigger, then
/// by code), at most [`HOT_SPOTS`].
pub(super) fn hot_spots(groups: &[Group]) -> Vec<Group> {
    let mut grew: Vec<Group> = groups.iter().filter(|g| g.growth > 0).cloned().collect();
    grew.sort_by(|a, b| {
        b.growth
            .cmp(&a.growth)
            .then(b.received.cmp(&a.received))
            .then(a.code.cmp(&b.code))
    });
    grew.truncate(HOT_SPOTS);
    grew
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let cases: [(&[i64], u32, Option<i64>); 9] = [
            (&[], 50, None),
            (&[7], 50, Some(7)),
            (&[7], 90, Some(7)),
            // n = 4: median rank ⌈2⌉ = 2 (the lower middle), p90 rank ⌈3.6⌉ = 4.
            (&[1, 2, 3, 4], 50, Some(2)),
            (&[1, 2, 3, 4], 90, Some(4)),
            // n = 10: p90 rank ⌈9⌉ = 9, not the maximum.
            (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, Some(9)),
            // n = 11: p90 rank ⌈9.9⌉ = 10.
            (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, Some(10)),
            (&[1, 2, 3, 4, 5], 50, Some(3)),
            (&[1, 2, 3, 4, 5], 0, Some(1)),
        ];
        for (values, p, want) in cases {
            assert_eq!(percentile(values, p), want, "p{p} of {values:?}");
        }
    }
}
