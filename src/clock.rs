//! Deadlines for one complaint: for each clock of the rulebook, when it started, when it is
//! due, whether it stopped in time — and how the due time was computed.
//!
//! A clock starts at the first event of its start kind and stops at the first of its stop
//! kinds after that. Once a complaint is closed, a clock that has not stopped stops at the
//! close (nothing more is owed), unless it starts at the close (a return visit).

use serde::Serialize;

use crate::calendar::Due;
use crate::classify::Standing;
use crate::duration::Duration;
use crate::model::{Action, Complaint, Timestamp};
use crate::rulebook::Rulebook;

/// Where a clock stands at an instant.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum ClockStatus {
    /// Past its due time and not stopped.
    Breached,
    /// Running, and past the rulebook's warning share of its time.
    AtRisk,
    /// Running within its time.
    Running,
    /// Not started: its start event has not happened.
    #[default]
    Pending,
    /// Stopped after its due time.
    MetLate,
    /// Stopped in time.
    Met,
}

impl ClockStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClockStatus::Breached => "breached",
            ClockStatus::AtRisk => "at_risk",
            ClockStatus::Running => "running",
            ClockStatus::Pending => "pending",
            ClockStatus::MetLate => "met_late",
            ClockStatus::Met => "met",
        }
    }
}

/// One clock of one complaint at an instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClockState {
    pub clock: String,
    pub name: String,
    pub status: ClockStatus,
    pub limit: Duration,
    pub started: Option<Timestamp>,
    pub stopped: Option<Timestamp>,
    /// The due time and the days that produced it.
    pub due: Option<Due>,
    /// Minutes from now to the due time (negative when overdue), for running clocks.
    pub minutes_left: Option<i64>,
    /// Why the due time could not be computed (e.g. the calendar does not know the year).
    pub error: Option<String>,
}

fn is(action: &Action, names: &[String]) -> bool {
    names.iter().any(|n| n == action.name())
}

/// Every clock of the rulebook for this complaint, at `now`.
pub fn evaluate(
    complaint: &Complaint,
    standing: &Standing,
    rulebook: &Rulebook,
    now: Timestamp,
) -> Vec<ClockState> {
    rulebook
        .clocks
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let limit = rulebook.limit(
                i,
                standing.grade(),
                standing.tier(),
                complaint.facts.category.as_deref(),
            );
            let start_kind = [spec.start.value.clone()];
            let stop_kinds: Vec<String> = spec.stop.iter().map(|s| s.value.clone()).collect();
            let mut events = complaint.history.iter().filter(|e| e.at <= now);
            let started = events
                .by_ref()
                .find(|e| is(&e.action, &start_kind))
                .map(|e| e.at);
            let stopped = started.and_then(|_| {
                events
                    .find(|e| {
                        is(&e.action, &stop_kinds)
                            || (spec.start.value != "close"
                                && matches!(e.action, Action::Close { .. }))
                    })
                    .map(|e| e.at)
            });
            let mut state = ClockState {
                clock: spec.id.value.clone(),
                name: spec.name.clone(),
                status: ClockStatus::Pending,
                limit,
                started,
                stopped,
                due: None,
                minutes_left: None,
                error: None,
            };
            let Some(start) = started else { return state };
            let due = match rulebook.calendar().due(start, limit) {
                Ok(due) => due,
                Err(err) => {
                    state.error = Some(err.to_string());
                    state.status = ClockStatus::Running;
                    return state;
                }
            };
            state.status = status(start, due.at, stopped, now, spec.warn);
            if stopped.is_none() {
                state.minutes_left = Some((due.at - now).num_minutes());
            }
            state.due = Some(due);
            state
        })
        .collect()
}

/// A clock's status: due is inclusive (stopping exactly at the due time is in time).
pub fn status(
    start: Timestamp,
    due: Timestamp,
    stopped: Option<Timestamp>,
    now: Timestamp,
    warn: f64,
) -> ClockStatus {
    match stopped {
        Some(at) if at <= due => ClockStatus::Met,
        Some(_) => ClockStatus::MetLate,
        None if now > due => ClockStatus::Breached,
        None => {
            let total = (due - start).num_seconds() as f64;
            let used = (now - start).num_seconds() as f64;
            if total <= 0.0 || used >= total * warn {
                ClockStatus::AtRisk
            } else {
                ClockStatus::Running
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn statuses_at_the_edges() {
        // A 2 h clock from 10:00, due 12:00, at risk from 80 % = 11:36.
        let (start, due) = (
            t("2026-09-30T10:00:00+08:00"),
            t("2026-09-30T12:00:00+08:00"),
        );
        let cases = [
            (None, "2026-09-30T11:35:00+08:00", ClockStatus::Running),
            (None, "2026-09-30T11:36:00+08:00", ClockStatus::AtRisk),
            (None, "2026-09-30T12:00:00+08:00", ClockStatus::AtRisk),
            (None, "2026-09-30T12:01:00+08:00", ClockStatus::Breached),
            (
                Some("2026-09-30T12:00:00+08:00"),
                "2026-10-09T00:00:00+08:00",
                ClockStatus::Met,
            ),
            (
                Some("2026-09-30T12:01:00+08:00"),
                "2026-10-09T00:00:00+08:00",
                ClockStatus::MetLate,
            ),
        ];
        for (stopped, now, want) in cases {
            assert_eq!(
                status(start, due, stopped.map(t), t(now), 0.8),
                want,
                "stopped {stopped:?} at {now}"
            );
        }
    }
}
