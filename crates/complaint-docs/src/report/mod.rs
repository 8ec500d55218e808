//! `complaint report`: the key figures of a period (S2's KPIs — timeliness, satisfaction,
//! resolution rate — and S2/S3's periodic analysis of hot spots), computed from the records.
//!
//! Everything here is a pure function of the records, the rulebook, a period and an instant:
//! [`build`] gives a [`Report`], which serializes to the JSON of `complaint report --format
//! json`; [`sections`] lays it out as labelled tables (for the terminal and HTML), [`rows`] as
//! long-format CSV rows, and [`html`] as one self-contained page with inline SVG charts. The
//! module returns strings and never prints.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | the figures' types and [`build`] |
//! | `compute.rs` | working each figure out from the records |
//! | `sections.rs` | the figures laid out as labelled tables, title and subtitle |
//! | `csv.rs` | the figures as long-format CSV rows |
//! | `html.rs`, `svg.rs` | the page and its charts |
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
//!   ([`percentile`]); a recurring clock (`every`) has none, its status being that of its last
//!   interval. The clock stopped by `ack` gives the time to acknowledge (`role:
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
//!
//! [`Customer::identity`]: crate::model::Customer::identity

mod compute;
mod csv;
mod html;
mod sections;
mod svg;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

pub use compute::{HOT_SPOTS, percentile, receivables, show_customer};
pub use csv::{Row, rows, unit_code};
pub use html::html;
pub use sections::{Section, group_label, none, percent, sections, subtitle, title, unit_label};

use crate::classify;
use crate::duration::Unit;
use crate::error::Error;
use crate::id::ComplaintId;
use crate::labels::labels;
use crate::model::{Complaint, Timestamp};
use crate::money::Money;
use crate::rulebook::{Language, Rulebook};
use crate::state::{State, Status};
use compute::{Taken, as_of, clocks, groups, hot_spots, paid, repeats, satisfaction};

/// Days `from` to `to`, both included, in the rulebook's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day, included.
    pub to: NaiveDate,
}

impl Period {
    /// The days from `from` to `to`; `to` before `from` is an error.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, Error> {
        if to < from {
            return Err(Error::invalid(
                complaint_core::Problem::Request,
                complaint_core::said!(
                    "the period ends ({to}) before it starts ({from})",
                    "统计期的结束日（{to}）早于开始日（{from}）"
                ),
                complaint_core::said!(
                    "give --from a day on or before --to",
                    "--from 给出的日期不能晚于 --to"
                ),
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

    /// Whether `date` is one of its days.
    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.from..=self.to).contains(&date)
    }
}

/// What complaints are grouped by for the breakdown and the hot spots.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// The complaint's category.
    #[default]
    Category,
    /// The channel it came in through.
    Channel,
    /// Its tier, as classified at the report's instant.
    Tier,
    /// Its grade, as classified at the report's instant.
    Grade,
    /// The merchant it names.
    Merchant,
    /// Who it is assigned to.
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
        let t = labels(language);
        match self {
            By::Category => t.by_category,
            By::Channel => t.by_channel,
            By::Tier => t.by_tier,
            By::Grade => t.by_grade,
            By::Merchant => t.by_merchant,
            By::Assignee => t.by_assignee,
            By::Responsibility => t.by_responsibility,
            By::Subject => t.by_subject,
        }
    }
}

/// What to report on.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The days whose complaints are reported on (the cohort).
    pub period: Period,
    /// What the breakdown and the hot spots group by.
    pub by: By,
    /// The instant the complaints are taken at.
    pub now: Timestamp,
    /// Show repeat complainants' names and contacts unmasked.
    pub reveal: bool,
}

/// `receivables`: what each merchant owes for payments made in advance for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Receivables {
    /// One per merchant, by name.
    pub receivables: Vec<Receivable>,
}

/// A period's figures. Field names are a public interface (the JSON of `report --format
/// json`): add fields, never rename or remove them.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Report {
    /// The rulebook's name and version.
    pub rulebook: crate::model::RulebookRef,
    /// The period reported on: the one asked for, ending at the day of `now` if it has not
    /// ended yet.
    pub period: Period,
    /// The period the groups are compared with: as many days just before it.
    pub previous: Period,
    /// The instant the complaints were taken at; later events are ignored.
    pub now: Timestamp,
    /// What `groups` and `hot_spots` are grouped by.
    #[serde(rename = "group_by")]
    pub by: By,
    /// How many were received, and how many of them are open and closed at `now`.
    pub volume: Volume,
    /// Complaints received on each day of the period, in order.
    pub daily: Vec<Day>,
    /// Each clock of the rulebook over the cohort, in the rulebook's order.
    pub clocks: Vec<ClockFigures>,
    /// The cohort's satisfaction scores.
    pub satisfaction: Satisfaction,
    /// Customers with two or more complaints in the cohort.
    pub repeat_complainants: Vec<Repeat>,
    /// `pay` events dated in the period, of any complaint, per kind.
    pub compensation: Vec<Paid>,
    /// Per merchant, what was paid in advance for it and what it still owes, over the whole book.
    pub advances: Vec<Receivable>,
    /// The cohort by the `by` dimension, against the previous period.
    pub groups: Vec<Group>,
    /// The groups that grew, most first, at most five (`HOT_SPOTS`).
    pub hot_spots: Vec<Group>,
    /// The language labels are written in (the rulebook's).
    #[serde(skip)]
    #[schemars(skip)]
    pub language: Language,
}

/// Complaints received in the period, by their status at `now`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Volume {
    /// Complaints received in the period.
    pub received: usize,
    /// Of those, open at `now`.
    pub open: usize,
    /// Of those, closed at `now`.
    pub closed: usize,
}

/// Complaints received on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Day {
    /// The day, in the rulebook's zone.
    pub date: NaiveDate,
    /// Complaints received on it.
    pub received: usize,
}

/// Which deadline a clock measures, for the time to acknowledge and to resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// It stops at `ack`.
    Acknowledge,
    /// It stops at `close`.
    Resolve,
}

/// One clock over the cohort.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ClockFigures {
    /// The clock: its id in the rulebook and its name (`{"code": "acknowledge", "name": "受理确认"}`).
    pub clock: crate::output::Code,
    /// Whether it measures the time to acknowledge or to resolve, if either.
    pub role: Option<Role>,
    /// The unit `median` and `p90` are in: the unit of the clock's base limit (`limit:`), in
    /// which every instance is measured, whatever its grade's own limit.
    pub unit: Unit,
    /// Stopped in time.
    pub met: usize,
    /// Stopped after the due time.
    pub met_late: usize,
    /// Past the due time and not stopped.
    pub breached: usize,
    /// Started but not decided yet: running, at risk, paused, or unknown.
    pub open: usize,
    /// Instances whose due time counted days after the calendar's official schedule (days off
    /// from the law: the official notice may still move them).
    pub provisional: usize,
    /// Median time from start to stop of the instances that stopped (nearest rank); none for
    /// a recurring clock.
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Satisfaction {
    /// Complaints with a score.
    pub rated: usize,
    /// The mean score, 2 decimals; `None` when nobody gave one.
    pub mean: Option<f64>,
    /// How many gave 1, 2, 3, 4, 5.
    pub distribution: [usize; 5],
}

/// A customer with several complaints in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Repeat {
    /// The name (masked unless revealed).
    pub customer: String,
    /// Phone, account or e-mail (masked unless revealed).
    pub contact: String,
    /// How many complaints the customer made in the cohort (two or more).
    pub complaints: usize,
    /// Their IDs.
    pub ids: Vec<ComplaintId>,
}

/// Payments of one kind in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Paid {
    /// The `pay` event's kind (`refund`, `coupon`).
    pub kind: String,
    /// How many such payments.
    pub payments: usize,
    /// Their amounts summed, in yuan (payments without an amount count 0).
    pub amount: Money,
}

/// What one merchant owes for payments made in advance for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Receivable {
    /// The merchant, as complaints name it.
    pub merchant: String,
    /// Complaints with an advance payment.
    pub complaints: usize,
    /// Paid in advance for it, in yuan.
    pub advanced: Money,
    /// Repaid by it, in yuan.
    pub recovered: Money,
    /// Still owed at `now`: advanced − recovered, in yuan.
    pub outstanding: Money,
}

/// One value of the grouping dimension, this period against the previous one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Group {
    /// The code (`CQ01`), or the merchant's, assignee's or subject's name; empty when not
    /// recorded.
    pub code: String,
    /// The rulebook's name for the code, where it has one.
    pub name: String,
    /// Complaints of this group received in the period.
    pub received: usize,
    /// Complaints of this group received in the previous period (as many days just before it).
    pub previous: usize,
    /// received − previous.
    pub growth: i64,
    /// Of those received this period, closed at `now`.
    pub closed: usize,
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
        rulebook: crate::model::RulebookRef {
            name: rulebook.rulebook.clone(),
            version: rulebook.version().to_string(),
        },
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
