//! Deadlines for one complaint: for each clock of the rulebook, when it started, when it is
//! due, whether it stopped in time — and how the due time was computed.
//!
//! A clock starts at the latest event of its start kind and stops at the first of its stop
//! kinds after that. Closing a complaint stops only the clocks that name `close`: money agreed
//! but never paid, or feedback never given, is still owed and still flagged. Between a pause
//! event and a resume event the clock does not count: the due time moves later by the paused
//! time in the clock's own units (working days, calendar days, business or elapsed minutes),
//! unless the clock had already run out when the pause began. Waiting that began before the
//! clock started carries into it. An approved `extend` event replaces the limit.

use serde::Serialize;

use crate::calendar::{Calendar, Due};
use crate::classify::Standing;
use crate::duration::{Duration, Unit};
use crate::error::Error;
use crate::model::{Action, Complaint, Timestamp};
use crate::rulebook::{ClockSpec, Rulebook};

/// Where a clock stands at an instant.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum ClockStatus {
    /// Its due time cannot be computed (e.g. it runs past the years the calendar knows).
    Unknown,
    /// Past its due time and not stopped.
    Breached,
    /// Running, and past the rulebook's warning share of its time.
    AtRisk,
    /// Running within its time.
    Running,
    /// Waiting (paused); it does not count.
    Paused,
    /// Not started: its start event has not happened.
    #[default]
    Pending,
    /// Stopped after its due time.
    MetLate,
    /// Stopped in time.
    Met,
}

impl ClockStatus {
    /// The status as written in output (`at_risk`, `met_late`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ClockStatus::Unknown => "unknown",
            ClockStatus::Breached => "breached",
            ClockStatus::AtRisk => "at_risk",
            ClockStatus::Running => "running",
            ClockStatus::Paused => "paused",
            ClockStatus::Pending => "pending",
            ClockStatus::MetLate => "met_late",
            ClockStatus::Met => "met",
        }
    }
}

/// A stretch of time a clock did not count; `to` is `None` while it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Pause {
    /// When the pausing event happened.
    pub from: Timestamp,
    /// When the resuming event happened; `None` while still paused.
    pub to: Option<Timestamp>,
}

/// One clock of one complaint at an instant.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ClockState {
    /// The clock's id in the rulebook (`acknowledge`).
    pub clock: String,
    /// The clock's name for people (`受理确认`).
    pub name: String,
    /// Where it stands at the instant asked about.
    pub status: ClockStatus,
    /// The limit in force (after any extension).
    pub limit: Duration,
    /// Whether an approved extension replaced the rulebook's limit.
    pub extended: bool,
    /// When its start event happened; `None` while pending.
    pub started: Option<Timestamp>,
    /// When a stop event stopped it; `None` while it runs.
    pub stopped: Option<Timestamp>,
    /// The stretches it was paused, in order.
    pub pauses: Vec<Pause>,
    /// The due time and the days that produced it (while paused: if it resumed now).
    pub due: Option<Due>,
    /// Minutes from now to the due time (negative when overdue), for running clocks.
    pub minutes_left: Option<i64>,
    /// Why the due time could not be computed (e.g. the calendar does not know the year).
    pub error: Option<String>,
    /// From when it is at risk, while it runs: the instant [`status`] turns to at risk, so
    /// an index can tell when a complaint next needs looking at without a clock.
    #[serde(skip)]
    pub at_risk_from: Option<Timestamp>,
}

fn is(action: &Action, names: &[String]) -> bool {
    names.iter().any(|n| action.is(n))
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
        .filter(|spec| crate::classify::holds(&spec.when, complaint))
        .map(|spec| {
            let base = spec.limit_for(
                standing.grade(),
                standing.tier(),
                complaint.facts.category.as_deref(),
            );
            evaluate_one(complaint, spec, base, rulebook.calendar(), now)
        })
        .collect()
}

fn evaluate_one(
    complaint: &Complaint,
    spec: &ClockSpec,
    base: Duration,
    calendar: &Calendar,
    now: Timestamp,
) -> ClockState {
    let mut state = ClockState {
        clock: spec.id.clone(),
        name: spec.name.clone(),
        status: ClockStatus::Pending,
        limit: base,
        extended: false,
        started: None,
        stopped: None,
        pauses: Vec::new(),
        due: None,
        minutes_left: None,
        error: None,
        at_risk_from: None,
    };
    let seen: Vec<&crate::model::Event> = complaint.in_force().filter(|e| e.at <= now).collect();
    // The latest start counts: a return visit is owed after the last close, not the first.
    let Some(first) = seen.iter().rposition(|e| e.action.is(&spec.start)) else {
        return state;
    };
    let start = seen[first].at;
    state.started = Some(start);
    let mut waiting = false;
    for (i, event) in seen.iter().enumerate() {
        // An approved extension counts whenever it was granted.
        if let Action::Extend(crate::event::Extend { clock, to, .. }) = &event.action
            && *clock == spec.id
        {
            state.limit = *to;
            state.extended = true;
        }
        // Waiting that began before the clock started carries into it.
        if i < first {
            if is(&event.action, &spec.pause) {
                waiting = true;
            } else if is(&event.action, &spec.resume) {
                waiting = false;
            }
        }
    }
    if waiting {
        state.pauses.push(Pause {
            from: start,
            to: None,
        });
    }
    for (i, event) in seen.iter().enumerate().skip(first + 1) {
        if is(&event.action, &spec.stop) && (!spec.until_paid || paid_in_full(complaint, i)) {
            state.stopped = Some(event.at);
            break;
        }
        let paused = state.pauses.last().is_some_and(|p| p.to.is_none());
        if is(&event.action, &spec.pause) && !paused {
            state.pauses.push(Pause {
                from: event.at,
                to: None,
            });
        } else if is(&event.action, &spec.resume)
            && paused
            && let Some(last) = state.pauses.last_mut()
        {
            last.to = Some(event.at);
        }
    }
    // A pause still open when the clock stopped ends there.
    if let (Some(stop), Some(last)) = (state.stopped, state.pauses.last_mut())
        && last.to.is_none()
    {
        last.to = Some(stop);
    }
    let due = match due_with_pauses(calendar, start, state.limit, &state.pauses, now) {
        Ok(due) => due,
        Err(err) => {
            state.error = Some(err.to_string());
            state.status = ClockStatus::Unknown;
            return state;
        }
    };
    // Waiting counts only if it began in time: no pause undoes a breach.
    let paused_now = state.stopped.is_none()
        && state
            .pauses
            .last()
            .is_some_and(|p| p.to.is_none() && p.from <= due.at);
    state.status = if paused_now {
        ClockStatus::Paused
    } else {
        status(start, due.at, state.stopped, now, spec.warn)
    };
    if state.stopped.is_none() && !paused_now {
        state.minutes_left = Some((due.at - now).num_minutes());
        state.at_risk_from = Some(at_risk_from(start, due.at, spec.warn));
    }
    state.due = Some(due);
    state
}

/// Whether, after the first `last + 1` events, nothing owed is left unpaid.
fn paid_in_full(complaint: &Complaint, last: usize) -> bool {
    let ledger = crate::ledger::Ledger::of_events(&complaint.history[..=last]);
    ledger.owed().is_none_or(|owed| ledger.paid >= owed)
}

/// The due time of a limit counted from `start`, moved later by the paused stretches (an
/// unfinished pause counts up to `now`). A pause that began after the due time it would move
/// does not count: the clock had already run out.
pub fn due_with_pauses(
    calendar: &Calendar,
    start: Timestamp,
    limit: Duration,
    pauses: &[Pause],
    now: Timestamp,
) -> Result<Due, Error> {
    let mut due = calendar.due(start, limit)?;
    let mut counted = Vec::new();
    for pause in pauses {
        if pause.from > due.at {
            break;
        }
        counted.push((pause.from, pause.to.unwrap_or(now)));
        due = due_counting(calendar, start, limit, &counted)?;
    }
    if matches!(limit.unit, Unit::Days | Unit::WorkingDays) {
        // The days inside a pause are those after its first day up to its last.
        let zone = calendar.zone();
        let inside = |day: &chrono::NaiveDate| {
            counted.iter().any(|(from, to)| {
                *day > from.with_timezone(&zone).date_naive()
                    && *day <= to.with_timezone(&zone).date_naive()
            })
        };
        let (paused, kept): (Vec<_>, Vec<_>) = due.counted.iter().partition(|d| inside(d));
        due.paused = paused;
        due.counted = kept;
    }
    Ok(due)
}

/// The due time with these paused stretches taken out, in the limit's own units.
fn due_counting(
    calendar: &Calendar,
    start: Timestamp,
    limit: Duration,
    stretches: &[(Timestamp, Timestamp)],
) -> Result<Due, Error> {
    match limit.unit {
        Unit::Minutes | Unit::Hours => {
            let mut due = calendar.due(start, limit)?;
            due.at += stretches
                .iter()
                .map(|(from, to)| *to - *from)
                .sum::<chrono::Duration>();
            Ok(due)
        }
        Unit::BusinessHours => {
            let mut extra = 0;
            for (from, to) in stretches {
                extra += calendar.business_minutes_between(*from, *to)?;
            }
            calendar.after_business_minutes(start, i64::from(limit.amount) * 60 + extra)
        }
        Unit::Days | Unit::WorkingDays => {
            let mut extra = 0;
            for (from, to) in stretches {
                extra += calendar.days_between(*from, *to, limit.unit == Unit::WorkingDays)?;
            }
            calendar.due(start, Duration::new(limit.amount + extra, limit.unit))
        }
    }
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

/// The first instant at which [`status`] says at risk for a clock from `start` to `due` that
/// warns at the share `warn`: `start` plus the whole seconds `status` compares with.
pub fn at_risk_from(start: Timestamp, due: Timestamp, warn: f64) -> Timestamp {
    let total = (due - start).num_seconds();
    if total <= 0 {
        return start;
    }
    // `status` compares whole seconds used (rounded down) with the share: the first whole
    // second at or past it.
    let seconds = (total as f64 * warn).ceil() as i64;
    start + chrono::Duration::seconds(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn at_risk_from_is_where_the_status_turns() {
        let start = t("2026-09-30T10:00:00+08:00");
        // (due, warn, at risk from): 80 % of 2 h is 96 min; a third of 100 s is 33.3 s, so 34 s.
        let cases = [
            (
                "2026-09-30T12:00:00+08:00",
                0.8,
                "2026-09-30T11:36:00+08:00",
            ),
            (
                "2026-09-30T10:01:40+08:00",
                1.0 / 3.0,
                "2026-09-30T10:00:34+08:00",
            ),
            (
                "2026-09-30T10:00:00+08:00",
                0.8,
                "2026-09-30T10:00:00+08:00",
            ),
        ];
        for (due, warn, from) in cases {
            let (due, from) = (t(due), t(from));
            assert_eq!(at_risk_from(start, due, warn), from, "{due} {warn}");
            let before = from - chrono::Duration::seconds(1);
            assert_eq!(status(start, due, None, from, warn), ClockStatus::AtRisk);
            if before >= start {
                assert_eq!(status(start, due, None, before, warn), ClockStatus::Running);
            }
        }
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

    #[test]
    fn pauses_move_the_due_time_in_the_clocks_units() {
        let cn = Calendar::load("cn", None, chrono_tz::Asia::Shanghai).unwrap();
        let now = t("2026-12-31T00:00:00+08:00");
        let pause = |from: &str, to: &str| Pause {
            from: t(from),
            to: Some(t(to)),
        };
        // 3wd from Mon 11-23: 24 (1) 25 (2) 26 (3), due 11-27 00:00. Paused Tue 11-24 10:00 to
        // Thu 11-26 15:00: working days 25 and 26 do not count, so 3 + 2 = 5wd: 24 25 26 27
        // 30, due 12-01 00:00.
        let due = due_with_pauses(
            &cn,
            t("2026-11-23T10:00:00+08:00"),
            "3wd".parse().unwrap(),
            &[pause(
                "2026-11-24T10:00:00+08:00",
                "2026-11-26T15:00:00+08:00",
            )],
            now,
        )
        .unwrap();
        assert_eq!(due.at, t("2026-12-01T00:00:00+08:00"));
        // A pause over a weekend only (Fri 11-27 to Mon 11-30) costs one working day (Mon).
        let due = due_with_pauses(
            &cn,
            t("2026-11-26T10:00:00+08:00"),
            "1wd".parse().unwrap(),
            &[pause(
                "2026-11-27T18:00:00+08:00",
                "2026-11-30T09:00:00+08:00",
            )],
            now,
        )
        .unwrap();
        assert_eq!(due.at, t("2026-12-01T00:00:00+08:00"));
        // Elapsed hours move by the paused time: 2h from 10:00, paused 10:30-11:15 (45 min).
        let due = due_with_pauses(
            &cn,
            t("2026-11-23T10:00:00+08:00"),
            "2h".parse().unwrap(),
            &[pause(
                "2026-11-23T10:30:00+08:00",
                "2026-11-23T11:15:00+08:00",
            )],
            now,
        )
        .unwrap();
        assert_eq!(due.at, t("2026-11-23T12:45:00+08:00"));
        // An unfinished pause counts up to now: paused since 10:30, now 11:00 → due 12:30.
        let open = [Pause {
            from: t("2026-11-23T10:30:00+08:00"),
            to: None,
        }];
        let due = due_with_pauses(
            &cn,
            t("2026-11-23T10:00:00+08:00"),
            "2h".parse().unwrap(),
            &open,
            t("2026-11-23T11:00:00+08:00"),
        )
        .unwrap();
        assert_eq!(due.at, t("2026-11-23T12:30:00+08:00"));
    }
}
