//! `complaint report`: the key figures of a period (S2's KPIs — timeliness, satisfaction,
//! resolution rate — and S2/S3's periodic analysis of hot spots), computed from the records.
//!
//! Everything here is a pure function of the records, the rulebook, a period and an instant:
//! [`build`] gives a [`Report`], which serializes to the JSON of `complaint report --format
//! json`; [`sections`] lays it out as labelled tables (for the terminal and HTML), [`rows`] as
//! long-format CSV rows, and [`html`] as one self-contained page with inline SVG charts. The
//! module returns strings and never prints.
//!
//! # What each figure means
//! The *cohort* is the complaints received in the period (days `from`..=`to` in the
//! rulebook's zone), each taken as it stands at `now`: events after `now` are ignored, so a
//! report for a past `--now` is what one would have seen then, and a re-run later can differ
//! as complaints are closed.
//!
//! * `volume.received`: the cohort's size; `closed`: those whose status at `now` is closed;
//!   `open` the rest. Resolution rate = closed / received.
//! * `daily`: complaints received on each day of the period.
//! * `clocks`: for each clock of the rulebook, its instances in the cohort (clocks whose `when`
//!   does not apply are not counted): `met` stopped in time, `met_late` stopped after the due
//!   time, `breached` still running past it, `open` the rest of those started (running, at
//!   risk, paused, unknown); clocks not started are not counted. On-time rate = met / (met + met_late + breached): an overdue clock
//!   that has not stopped has already missed its deadline. `provisional`: instances whose due
//!   time counted days after the calendar's official schedule. `median` and `p90` are the time
//!   from start to stop of the instances that stopped, in the unit of the clock's base limit
//!   (every instance, whatever its grade's own limit), counted the way
//!   the clock counts it (working or calendar days after the starting day, business hours,
//!   elapsed hours or minutes; paused stretches do not count), by the nearest-rank method
//!   ([`percentile`]). The clock stopped by `ack` gives the time to acknowledge (`role:
//!   acknowledge`), the one stopped by `close` the time to resolve (`role: resolve`).
//! * `satisfaction`: the latest score (1–5) given per complaint of the cohort, by `close
//!   --satisfaction` or `followup --satisfaction`; the mean (2 decimals) and how many gave each
//!   score.
//! * `repeat_complainants`: customers (told apart by [`Customer::identity`]) with two or more
//!   complaints in the cohort; names and contacts masked unless `reveal`.
//! * `compensation`: `pay` events dated in the period, of any complaint, per `kind`: how many
//!   and the amounts summed (payments without an amount, e.g. an apology, count 0).
//! * `advances`: per merchant, what was paid in advance for it, recovered, and still
//!   outstanding at `now`, over the whole book (a balance, not a flow of the period).
//! * `groups`: the cohort by the `by` dimension, against the previous period of the same length
//!   (the days just before `from`); `hot_spots`: the groups that grew, most first, at most 5.

mod html;
mod svg;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

pub use html::html;

use crate::calendar::Calendar;
use crate::classify;
use crate::clock::{self, ClockState, ClockStatus};
use crate::compensation::Ledger;
use crate::duration::Unit;
use crate::error::Error;
use crate::id::ComplaintId;
use crate::model::{Action, Complaint, Customer, Timestamp};
use crate::money::Money;
use crate::privacy;
use crate::rulebook::{Code, Language, Rulebook};
use crate::state::{State, Status};

/// Days `from` to `to`, both included, in the rulebook's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The days from `from` to `to`; `to` before `from` is an error.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, Error> {
        if to < from {
            return Err(Error::invalid(
                complaint_core::Problem::Request,
                format!("the period ends ({to}) before it starts ({from})"),
                Some("give --from a day on or before --to".to_string()),
            ));
        }
        Ok(Period { from, to })
    }

    /// The calendar month `date` falls in.
    pub fn month_of(date: NaiveDate) -> Period {
        let from = date.with_day(1).unwrap_or(date);
        let to = from
            .checked_add_months(chrono::Months::new(1))
            .and_then(|next| next.pred_opt())
            .unwrap_or(from);
        Period { from, to }
    }

    /// A month written `YYYY-MM` (`2026-11`).
    pub fn parse_month(text: &str) -> Result<Period, String> {
        NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d")
            .ok()
            .filter(|_| text.trim().len() == 7)
            .map(Period::month_of)
            .ok_or_else(|| format!("`{text}` is not a month; write it as 2026-11"))
    }

    /// How many days it has.
    pub fn days(&self) -> u64 {
        (self.to - self.from).num_days().unsigned_abs() + 1
    }

    /// The period of the same length that ends the day before this one starts.
    pub fn previous(&self) -> Period {
        let to = self.from.pred_opt().unwrap_or(self.from);
        let from = to
            .checked_sub_days(Days::new(self.days() - 1))
            .unwrap_or(to);
        Period { from, to }
    }

    /// The part of the period up to `today`, when it has begun and not ended: a month in
    /// progress is compared with as many days before it, not with a whole month.
    pub fn to_date(self, today: NaiveDate) -> Period {
        if self.from <= today && today < self.to {
            Period {
                from: self.from,
                to: today,
            }
        } else {
            self
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.from..=self.to).contains(&date)
    }
}

/// What complaints are grouped by for the breakdown and the hot spots.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum By {
    #[default]
    Category,
    Channel,
    Tier,
    Grade,
    Merchant,
    Assignee,
    /// Who the latest investigation found responsible.
    Responsibility,
    /// What is complained about (`subject.name`: a product model, a service step), for S3's
    /// review of hot spots.
    Subject,
}

impl By {
    /// The dimension's name in the report's language.
    pub fn label(self, language: Language) -> &'static str {
        match self {
            By::Category => language.pick("类别", "Category"),
            By::Channel => language.pick("渠道", "Channel"),
            By::Tier => language.pick("层级", "Tier"),
            By::Grade => language.pick("等级", "Grade"),
            By::Merchant => language.pick("商户", "Merchant"),
            By::Assignee => language.pick("处理人", "Assignee"),
            By::Responsibility => language.pick("责任", "Responsibility"),
            By::Subject => language.pick("投诉对象", "Subject"),
        }
    }
}

/// What to report on.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub period: Period,
    pub by: By,
    /// The instant the complaints are taken at.
    pub now: Timestamp,
    /// Show repeat complainants' names and contacts unmasked.
    pub reveal: bool,
}

/// A period's figures. Field names are a public interface (the JSON of `report --format
/// json`): add fields, never rename or remove them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The rulebook's name and version.
    pub rulebook: String,
    /// The period reported on: the one asked for, ending at the day of `now` if it has not
    /// ended yet.
    pub period: Period,
    /// The period the groups are compared with: as many days just before it.
    pub previous: Period,
    pub now: Timestamp,
    pub by: By,
    pub volume: Volume,
    pub daily: Vec<Day>,
    pub clocks: Vec<ClockFigures>,
    pub satisfaction: Satisfaction,
    pub repeat_complainants: Vec<Repeat>,
    pub compensation: Vec<Paid>,
    pub advances: Vec<Receivable>,
    pub groups: Vec<Group>,
    pub hot_spots: Vec<Group>,
    /// The language labels are written in (the rulebook's).
    #[serde(skip)]
    pub language: Language,
}

/// Complaints received in the period, by their status at `now`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Volume {
    pub received: usize,
    pub open: usize,
    pub closed: usize,
}

/// Complaints received on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: NaiveDate,
    pub received: usize,
}

/// Which deadline a clock measures, for the time to acknowledge and to resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// It stops at `ack`.
    Acknowledge,
    /// It stops at `close`.
    Resolve,
}

/// One clock over the cohort.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClockFigures {
    pub clock: String,
    pub name: String,
    pub role: Option<Role>,
    /// The unit `median` and `p90` are in: the unit of the clock's base limit (`limit:`), in
    /// which every instance is measured, whatever its grade's own limit.
    pub unit: Unit,
    pub met: usize,
    pub met_late: usize,
    /// Past the due time and not stopped.
    pub breached: usize,
    /// Started but not decided yet: running, at risk, paused, or unknown.
    pub open: usize,
    /// Instances whose due time counted days after the calendar's official schedule (days off
    /// from the law: the official notice may still move them).
    pub provisional: usize,
    /// Median time from start to stop of the instances that stopped (nearest rank).
    pub median: Option<f64>,
    /// 90th percentile of the same (nearest rank).
    pub p90: Option<f64>,
}

impl ClockFigures {
    /// Instances whose outcome is known: met, met late, or breached.
    pub fn decided(&self) -> usize {
        self.met + self.met_late + self.breached
    }
}

/// Satisfaction scores of the cohort.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Satisfaction {
    /// Complaints with a score.
    pub rated: usize,
    /// The mean score, 2 decimals; `None` when nobody gave one.
    pub mean: Option<f64>,
    /// How many gave 1, 2, 3, 4, 5.
    pub distribution: [usize; 5],
}

/// A customer with several complaints in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repeat {
    /// The name (masked unless revealed).
    pub customer: String,
    /// Phone, account or e-mail (masked unless revealed).
    pub contact: String,
    pub complaints: usize,
    pub ids: Vec<ComplaintId>,
}

/// Payments of one kind in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paid {
    pub kind: String,
    pub payments: usize,
    pub amount: Money,
}

/// What one merchant owes for payments made in advance for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Receivable {
    pub merchant: String,
    /// Complaints with an advance payment.
    pub complaints: usize,
    pub advanced: Money,
    pub recovered: Money,
    pub outstanding: Money,
}

/// One value of the grouping dimension, this period against the previous one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The code (`CQ01`), or the merchant's, assignee's or subject's name; empty when not
    /// recorded.
    pub code: String,
    /// The rulebook's name for the code, where it has one.
    pub name: String,
    pub received: usize,
    pub previous: usize,
    /// received − previous.
    pub growth: i64,
    /// Of those received this period, closed at `now`.
    pub closed: usize,
}

/// The complaint as it stood at `now`, if it had been received by then.
fn as_of(complaint: &Complaint, now: Timestamp) -> Option<Complaint> {
    (complaint.received_at <= now).then(|| complaint.as_of(now))
}

/// One complaint of the book with what is derived from it.
struct Taken {
    complaint: Complaint,
    state: State,
    standing: classify::Standing,
    received: NaiveDate,
}

/// The report of `complaints` under `rulebook`.
pub fn build(complaints: &[Complaint], rulebook: &Rulebook, options: &Options) -> Report {
    let zone = rulebook.zone();
    let taken: Vec<Taken> = complaints
        .iter()
        .filter_map(|c| as_of(c, options.now))
        .map(|complaint| {
            let state = State::of(&complaint);
            let standing = classify::standing(&complaint, &state, rulebook);
            let received = complaint.received_at.with_timezone(&zone).date_naive();
            Taken {
                complaint,
                state,
                standing,
                received,
            }
        })
        .collect();
    let period = options
        .period
        .to_date(options.now.with_timezone(&zone).date_naive());
    let previous = period.previous();
    let cohort: Vec<&Taken> = taken
        .iter()
        .filter(|t| period.contains(t.received))
        .collect();
    let closed = cohort
        .iter()
        .filter(|t| t.state.status == Status::Closed)
        .count();
    let groups = groups(&taken, rulebook, options.by, period, previous);
    Report {
        rulebook: format!("{} {}", rulebook.rulebook, rulebook.version()),
        period,
        previous,
        now: options.now,
        by: options.by,
        volume: Volume {
            received: cohort.len(),
            open: cohort.len() - closed,
            closed,
        },
        daily: period
            .from
            .iter_days()
            .take_while(|d| *d <= period.to)
            .map(|date| Day {
                date,
                received: cohort.iter().filter(|t| t.received == date).count(),
            })
            .collect(),
        clocks: clocks(&cohort, rulebook, options.now),
        satisfaction: satisfaction(cohort.iter().map(|t| &t.complaint)),
        repeat_complainants: repeats(&cohort, options.reveal),
        compensation: paid(taken.iter().map(|t| &t.complaint), period, rulebook),
        advances: receivables(taken.iter().map(|t| &t.complaint))
            .into_iter()
            .filter(|r| r.outstanding > Money::ZERO)
            .collect(),
        hot_spots: hot_spots(&groups),
        groups,
        language: rulebook.language,
    }
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

fn clocks(cohort: &[&Taken], rulebook: &Rulebook, now: Timestamp) -> Vec<ClockFigures> {
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
                clock: spec.id.clone(),
                name: spec.name.clone(),
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
            let Some((f, times)) = figures.iter_mut().find(|(f, _)| f.clock == state.clock) else {
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
            if let Some(value) = elapsed(calendar, &state, f.unit) {
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

fn satisfaction<'a>(complaints: impl Iterator<Item = &'a Complaint>) -> Satisfaction {
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

fn repeats(cohort: &[&Taken], reveal: bool) -> Vec<Repeat> {
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
            Some((
                first.complaint.received_at,
                Repeat {
                    customer: customer.name.clone().unwrap_or_default(),
                    contact: contact(&customer),
                    complaints: list.len(),
                    ids: list.iter().map(|t| t.complaint.id.clone()).collect(),
                },
            ))
        })
        .collect();
    // Most complaints first; among equals, the one who came first.
    repeats.sort_by(|(a_at, a), (b_at, b)| b.complaints.cmp(&a.complaints).then(a_at.cmp(b_at)));
    repeats.into_iter().map(|(_, r)| r).collect()
}

/// The contact a customer is known by, in the order [`Customer::identity`] prefers.
fn contact(customer: &Customer) -> String {
    [&customer.phone, &customer.account, &customer.email]
        .into_iter()
        .flatten()
        .next()
        .cloned()
        .unwrap_or_default()
}

fn paid<'a>(
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

fn groups(
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
fn hot_spots(groups: &[Group]) -> Vec<Group> {
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

/// `count` of `of` as a percentage with one decimal (`75.0%`), or `—` when `of` is 0.
pub fn percent(count: usize, of: usize) -> String {
    if of == 0 {
        return "—".to_string();
    }
    let tenths = (count * 1000 + of / 2) / of;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// A unit as the JSON writes it (`working_days`).
pub fn unit_code(unit: Unit) -> &'static str {
    match unit {
        Unit::Minutes => "minutes",
        Unit::Hours => "hours",
        Unit::Days => "days",
        Unit::WorkingDays => "working_days",
        Unit::BusinessHours => "business_hours",
    }
}

/// A unit's short name in the report's language.
pub fn unit_label(unit: Unit, language: Language) -> &'static str {
    match unit {
        Unit::Minutes => language.pick("分钟", "minutes"),
        Unit::Hours => language.pick("小时", "hours"),
        Unit::Days => language.pick("日", "days"),
        Unit::WorkingDays => language.pick("工作日", "working days"),
        Unit::BusinessHours => language.pick("工作小时", "business hours"),
    }
}

/// A group's label: `CQ01 商品质量问题`, the name alone, or "(not recorded)".
pub fn group_label(group: &Group, language: Language) -> String {
    match (group.code.as_str(), group.name.as_str()) {
        ("", _) => language.pick("（未记录）", "(not recorded)").to_string(),
        (code, "") => code.to_string(),
        (code, name) => format!("{code} {name}"),
    }
}

/// One table of the report, labelled in the rulebook's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// A stable identifier (`overview`, `clocks`, …), for HTML anchors and CSS.
    pub id: &'static str,
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The report's title: what, which days, as of when.
pub fn title(report: &Report) -> String {
    let l = report.language;
    format!(
        "{} {} – {}",
        l.pick("投诉统计报告", "Complaints report"),
        report.period.from,
        report.period.to
    )
}

/// The line under the title: the instant, the rulebook, the comparison period.
pub fn subtitle(report: &Report) -> String {
    let l = report.language;
    format!(
        "{} {} · {} {} · {} {} – {}",
        l.pick("统计时点", "as of"),
        report.now.format("%Y-%m-%d %H:%M %:z"),
        l.pick("规则", "rulebook"),
        report.rulebook,
        l.pick("对比上期", "compared with"),
        report.previous.from,
        report.previous.to
    )
}

fn strings<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v}"))
}

/// The report as labelled tables, in the order a reader wants them.
pub fn sections(report: &Report) -> Vec<Section> {
    let l = report.language;
    let v = &report.volume;
    let s = &report.satisfaction;
    let overview = Section {
        id: "overview",
        title: l.pick("概况", "Overview").to_string(),
        header: strings([l.pick("指标", "Figure"), l.pick("数值", "Value")]),
        rows: vec![
            vec![
                l.pick("受理量", "Received").to_string(),
                v.received.to_string(),
            ],
            vec![l.pick("未结", "Open").to_string(), v.open.to_string()],
            vec![l.pick("已结", "Closed").to_string(), v.closed.to_string()],
            vec![
                l.pick("解决率", "Resolution rate").to_string(),
                format!(
                    "{} ({}/{})",
                    percent(v.closed, v.received),
                    v.closed,
                    v.received
                ),
            ],
            vec![
                l.pick("满意度均值", "Mean satisfaction").to_string(),
                format!(
                    "{} ({} {})",
                    number(s.mean),
                    s.rated,
                    l.pick("条评价", "rated")
                ),
            ],
            vec![
                l.pick("重复投诉客户", "Repeat complainants").to_string(),
                report.repeat_complainants.len().to_string(),
            ],
        ],
    };
    let clocks = Section {
        id: "clocks",
        title: l.pick("时限达成", "Deadlines").to_string(),
        header: strings([
            l.pick("时限", "Clock"),
            l.pick("按时", "Met"),
            l.pick("超时办结", "Met late"),
            l.pick("超时未办", "Breached"),
            l.pick("进行中", "Open"),
            l.pick("按时率", "On time"),
            l.pick("中位数", "Median"),
            l.pick("P90", "P90"),
            l.pick("单位", "Unit"),
            l.pick("暂定", "Provisional"),
        ]),
        rows: report
            .clocks
            .iter()
            .map(|c| {
                let role = match c.role {
                    Some(Role::Acknowledge) => l.pick("（受理）", " (acknowledge)"),
                    Some(Role::Resolve) => l.pick("（办结）", " (resolve)"),
                    None => "",
                };
                vec![
                    format!("{}{role}", c.name),
                    c.met.to_string(),
                    c.met_late.to_string(),
                    c.breached.to_string(),
                    c.open.to_string(),
                    percent(c.met, c.decided()),
                    number(c.median),
                    number(c.p90),
                    unit_label(c.unit, l).to_string(),
                    c.provisional.to_string(),
                ]
            })
            .collect(),
    };
    let scores = Section {
        id: "satisfaction",
        title: l.pick("满意度分布", "Satisfaction").to_string(),
        header: strings([
            l.pick("评分", "Score"),
            l.pick("数量", "Count"),
            l.pick("占比", "Share"),
        ]),
        rows: (1..=5)
            .rev()
            .map(|score| {
                let n = s.distribution[score - 1];
                vec![score.to_string(), n.to_string(), percent(n, s.rated)]
            })
            .collect(),
    };
    let groups = Section {
        id: "groups",
        title: format!(
            "{}{}",
            l.pick("按", "By "),
            report.by.label(l).to_lowercase()
        ),
        header: strings([
            report.by.label(l),
            l.pick("本期", "This period"),
            l.pick("上期", "Previous"),
            l.pick("变化", "Change"),
            l.pick("已结", "Closed"),
        ]),
        rows: report
            .groups
            .iter()
            .map(|g| {
                vec![
                    group_label(g, l),
                    g.received.to_string(),
                    g.previous.to_string(),
                    format!("{:+}", g.growth),
                    g.closed.to_string(),
                ]
            })
            .collect(),
    };
    let hot = Section {
        id: "hot_spots",
        title: l
            .pick("热点（增长最多）", "Hot spots (grew most)")
            .to_string(),
        header: strings([
            "#",
            report.by.label(l),
            l.pick("本期", "This period"),
            l.pick("上期", "Previous"),
            l.pick("增长", "Growth"),
        ]),
        rows: report
            .hot_spots
            .iter()
            .enumerate()
            .map(|(i, g)| {
                vec![
                    (i + 1).to_string(),
                    group_label(g, l),
                    g.received.to_string(),
                    g.previous.to_string(),
                    format!("{:+}", g.growth),
                ]
            })
            .collect(),
    };
    let repeat = Section {
        id: "repeat_complainants",
        title: l.pick("重复投诉客户", "Repeat complainants").to_string(),
        header: strings([
            l.pick("客户", "Customer"),
            l.pick("联系方式", "Contact"),
            l.pick("投诉数", "Complaints"),
            l.pick("投诉编号", "IDs"),
        ]),
        rows: report
            .repeat_complainants
            .iter()
            .map(|r| {
                let ids: Vec<String> = r.ids.iter().map(ToString::to_string).collect();
                vec![
                    r.customer.clone(),
                    r.contact.clone(),
                    r.complaints.to_string(),
                    ids.join(" "),
                ]
            })
            .collect(),
    };
    let compensation = Section {
        id: "compensation",
        title: l
            .pick("赔付（按方式）", "Compensation paid by kind")
            .to_string(),
        header: strings([
            l.pick("方式", "Kind"),
            l.pick("笔数", "Payments"),
            l.pick("金额", "Amount"),
        ]),
        rows: report
            .compensation
            .iter()
            .map(|p| {
                vec![
                    p.kind.clone(),
                    p.payments.to_string(),
                    format!("¥{}", p.amount),
                ]
            })
            .collect(),
    };
    let advances = Section {
        id: "advances",
        title: l
            .pick("先行赔付待追偿（按商户）", "Advance payments outstanding")
            .to_string(),
        header: strings([
            l.pick("商户", "Merchant"),
            l.pick("投诉数", "Complaints"),
            l.pick("先行赔付", "Advanced"),
            l.pick("已追回", "Recovered"),
            l.pick("待追偿", "Outstanding"),
        ]),
        rows: report
            .advances
            .iter()
            .map(|r| {
                vec![
                    r.merchant.clone(),
                    r.complaints.to_string(),
                    format!("¥{}", r.advanced),
                    format!("¥{}", r.recovered),
                    format!("¥{}", r.outstanding),
                ]
            })
            .collect(),
    };
    vec![
        overview,
        clocks,
        scores,
        groups,
        hot,
        repeat,
        compensation,
        advances,
    ]
}

/// "Nothing to show" in the report's language.
pub fn none(language: Language) -> &'static str {
    language.pick("（无）", "(none)")
}

/// One figure as a CSV row (long format: one value per row, easy to pivot). The columns are a
/// public interface.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Row {
    /// `volume`, `daily`, `clock`, `satisfaction`, `repeat`, `compensation`, `advance`,
    /// `group`, `hot_spot`.
    pub section: String,
    /// What the figure is about: a clock, a day, a code, a kind, a merchant; empty for totals.
    pub item: String,
    /// What is measured: `received`, `met`, `median`, `amount`, …
    pub measure: String,
    pub value: String,
}

/// The report as long-format rows (written with [`crate::interchange::csv_text`], which
/// guards text cells against formula injection and leaves numbers as numbers).
pub fn rows(report: &Report) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut add = |section: &str, item: &str, measure: &str, value: String| {
        rows.push(Row {
            section: section.to_string(),
            item: item.to_string(),
            measure: measure.to_string(),
            value,
        });
    };
    let v = &report.volume;
    add("period", "", "from", report.period.from.to_string());
    add("period", "", "to", report.period.to.to_string());
    add("volume", "", "received", v.received.to_string());
    add("volume", "", "open", v.open.to_string());
    add("volume", "", "closed", v.closed.to_string());
    for day in &report.daily {
        add(
            "daily",
            &day.date.to_string(),
            "received",
            day.received.to_string(),
        );
    }
    let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for c in &report.clocks {
        add("clock", &c.clock, "met", c.met.to_string());
        add("clock", &c.clock, "met_late", c.met_late.to_string());
        add("clock", &c.clock, "breached", c.breached.to_string());
        add("clock", &c.clock, "open", c.open.to_string());
        add("clock", &c.clock, "median", opt(c.median));
        add("clock", &c.clock, "p90", opt(c.p90));
        add("clock", &c.clock, "unit", unit_code(c.unit).to_string());
        add("clock", &c.clock, "provisional", c.provisional.to_string());
    }
    let s = &report.satisfaction;
    add("satisfaction", "", "rated", s.rated.to_string());
    add("satisfaction", "", "mean", opt(s.mean));
    for (i, n) in s.distribution.iter().enumerate() {
        add("satisfaction", &(i + 1).to_string(), "count", n.to_string());
    }
    for r in &report.repeat_complainants {
        let item = format!("{} {}", r.customer, r.contact);
        add(
            "repeat",
            item.trim(),
            "complaints",
            r.complaints.to_string(),
        );
    }
    for p in &report.compensation {
        add("compensation", &p.kind, "payments", p.payments.to_string());
        add("compensation", &p.kind, "amount", p.amount.to_string());
    }
    for r in &report.advances {
        add(
            "advance",
            &r.merchant,
            "outstanding",
            r.outstanding.to_string(),
        );
    }
    for (section, groups) in [("group", &report.groups), ("hot_spot", &report.hot_spots)] {
        for g in groups {
            add(section, &g.code, "received", g.received.to_string());
            add(section, &g.code, "previous", g.previous.to_string());
            add(section, &g.code, "growth", g.growth.to_string());
        }
    }
    rows
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

    #[test]
    fn periods_and_the_one_before() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let nov = Period::parse_month("2026-11").unwrap();
        assert_eq!(
            (nov.from, nov.to, nov.days()),
            (d("2026-11-01"), d("2026-11-30"), 30)
        );
        // The 30 days before November: 2 to 31 October.
        assert_eq!(
            nov.previous(),
            Period {
                from: d("2026-10-02"),
                to: d("2026-10-31")
            }
        );
        let feb = Period::parse_month("2028-02").unwrap();
        assert_eq!(feb.to, d("2028-02-29"));
        let dec = Period::parse_month("2026-12").unwrap();
        assert_eq!(dec.to, d("2026-12-31"));
        for bad in ["2026-13", "2026-1", "2026-11-05", "nov", ""] {
            assert!(Period::parse_month(bad).is_err(), "{bad}");
        }
        assert!(Period::new(d("2026-11-02"), d("2026-11-01")).is_err());
    }

    #[test]
    fn percentages_round_half_up_to_one_decimal() {
        let cases = [
            (0, 0, "—"),
            (1, 3, "33.3%"),
            (2, 3, "66.7%"),
            (3, 4, "75.0%"),
            (5, 5, "100.0%"),
        ];
        for (count, of, want) in cases {
            assert_eq!(percent(count, of), want);
        }
    }
}
