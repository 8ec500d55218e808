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
//!
//! A recurring clock (`every` … `until`) is a duty kept over and over: its start begins the
//! first interval, each stop event after it (the customer told of progress) ends that interval
//! and begins the next, and the first `until` event ends the duty. Its status is the current
//! interval's, counted from the start or the latest restart with the interval as its limit;
//! a restart after an interval's due time was a missed update, and the duty goes on. Pauses
//! count within the interval they fall in, and a pause open at a restart carries into the next.

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

/// Where a recurring clock (`every` … `until`) stands: how often it was restarted, and how
/// many of those restarts came late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Recurring {
    /// The events that end the duty (`close`); its stop events restart it.
    pub until: Vec<String>,
    /// When the current interval began (the last one, once the duty ended): the start, or the
    /// latest stop event that restarted it.
    pub since: Timestamp,
    /// How many times a stop event restarted it (the customer was updated).
    pub updates: u32,
    /// How many of those restarts came after their interval's due time (late updates).
    pub missed: u32,
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
    /// The limit in force (after any extension); for a recurring clock, the interval.
    pub limit: Duration,
    /// Whether an approved extension replaced the rulebook's limit.
    pub extended: bool,
    /// When its start event happened; `None` while pending.
    pub started: Option<Timestamp>,
    /// When a stop event stopped it (for a recurring clock, the `until` event that ended the
    /// duty); `None` while it runs.
    pub stopped: Option<Timestamp>,
    /// The stretches it was paused, in order.
    pub pauses: Vec<Pause>,
    /// The due time and the days that produced it (while paused: if it resumed now); for a
    /// recurring clock, of the current interval.
    pub due: Option<Due>,
    /// Minutes from now to the due time (negative when overdue), for running clocks.
    pub minutes_left: Option<i64>,
    /// Why the due time could not be computed (e.g. the calendar does not know the year).
    pub error: Option<String>,
    /// For a recurring clock: its current interval and its restarts; `None` for a clock that
    /// runs once.
    pub recurring: Option<Recurring>,
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
        recurring: None,
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
    let mut recurring = spec.recurs().then(|| Recurring {
        until: spec.until.clone(),
        since: start,
        updates: 0,
        missed: 0,
    });
    for (i, event) in seen.iter().enumerate().skip(first + 1) {
        if let Some(recurring) = &mut recurring {
            if is(&event.action, &spec.until) {
                state.stopped = Some(event.at);
                break;
            }
            if is(&event.action, &spec.stop) {
                // The interval ends here, and the next begins: late if past its due time.
                let pauses = since(&state.pauses, recurring.since);
                match due_with_pauses(calendar, recurring.since, state.limit, &pauses, event.at) {
                    Ok(due) if event.at > due.at => recurring.missed += 1,
                    Ok(_) => {}
                    Err(err) => {
                        state.error = Some(err.to_string());
                        state.status = ClockStatus::Unknown;
                        state.recurring = Some(recurring.clone());
                        return state;
                    }
                }
                recurring.updates += 1;
                recurring.since = event.at;
                continue;
            }
        } else if is(&event.action, &spec.stop) && (!spec.until_paid || paid_in_full(complaint, i))
        {
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
    // The current interval: from the start, or a recurring clock's latest restart.
    let (from, pauses) = match &recurring {
        Some(r) => (r.since, since(&state.pauses, r.since)),
        None => (start, state.pauses.clone()),
    };
    state.recurring = recurring;
    let due = match due_with_pauses(calendar, from, state.limit, &pauses, now) {
        Ok(due) => due,
        Err(err) => {
            state.error = Some(err.to_string());
            state.status = ClockStatus::Unknown;
            return state;
        }
    };
    // Waiting counts only if it began in time: no pause undoes a breach.
    let paused_now = state.stopped.is_none()
        && pauses
            .last()
            .is_some_and(|p| p.to.is_none() && p.from <= due.at);
    state.status = if paused_now {
        ClockStatus::Paused
    } else {
        status(from, due.at, state.stopped, now, spec.warn)
    };
    if state.stopped.is_none() && !paused_now {
        state.minutes_left = Some((due.at - now).num_minutes());
        state.at_risk_from = Some(at_risk_from(from, due.at, spec.warn));
    }
    state.due = Some(due);
    state
}

/// The stretches of `pauses` from `from` on: those that ended before it left out, one that
/// began before it counted from it (waiting carries into a recurring clock's next interval).
fn since(pauses: &[Pause], from: Timestamp) -> Vec<Pause> {
    pauses
        .iter()
        .filter(|p| p.to.is_none_or(|to| to > from))
        .map(|p| Pause {
            from: p.from.max(from),
            to: p.to,
        })
        .collect()
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

    /// A rulebook of format 2 (`format: 2` or not) with one clock, written `clock`.
    fn rulebook_with(format_2: bool, clock: &str) -> Result<Rulebook, Error> {
        Rulebook::load(crate::source::Source::new(
            "recurring.yaml",
            rulebook_text(format_2, clock),
        ))
    }

    /// The text [`rulebook_with`] loads.
    fn rulebook_text(format_2: bool, clock: &str) -> String {
        let format = if format_2 { "format: 2\n" } else { "" };
        format!(
            "{format}rulebook: recurring
version: \"1\"
organisation: 测试
description: one clock
channels: [{{code: hotline, name: 热线}}]
categories: [{{code: product, name: 产品}}]
grades: [{{code: general, name: 一般}}]
ladder: [{{code: frontline, name: 一线, role: agent}}]
calendar: {{base: cn}}
clocks:
  - {clock}
"
        )
    }

    /// The recurring clock of these tests, `progress`: from `ack`, every 3 working days on
    /// the `cn` calendar, restarted by `feedback`, ended by `close`, paused by `pause`.
    const PROGRESS: &str = "{id: progress, name: 进展告知, start: ack, every: 3wd, stop: [feedback], \
        until: [close], pause: [pause], resume: [resume]}";

    fn recurring() -> Rulebook {
        rulebook_with(true, PROGRESS).unwrap()
    }

    /// A complaint received at `received`, acknowledged 30 minutes later, then `history`:
    /// (instant, event) with `feedback`, `close`, `reopen`, `pause`, `resume`.
    fn complaint(received: &str, history: &[(&str, &str)]) -> Complaint {
        let ack = t(received) + chrono::Duration::minutes(30);
        let mut events = format!(
            "- {{at: \"{received}\", by: 王芳, event: received}}\n\
             - {{at: \"{}\", by: 王芳, event: ack, handler: 王芳, contact: \"8001\"}}\n",
            ack.to_rfc3339()
        );
        for (at, event) in history {
            let fields = match *event {
                "feedback" => "message: 已告知处理进展",
                "close" => "outcome: 已解决",
                "reopen" | "pause" => "reason: 原因",
                "resume" => "reason: 已补充",
                other => panic!("no such event in these tests: {other}"),
            };
            events.push_str(&format!(
                "- {{at: \"{at}\", by: 王芳, event: {event}, {fields}}}\n"
            ));
        }
        let text = format!(
            "id: C-20261102-5AWX5K
received_at: \"{received}\"
rulebook: {{name: recurring, version: \"1\"}}
channel: hotline
category: product
customer: {{name: 赵六}}
subject: {{kind: product, name: 洗衣机}}
description: 洗衣机噪音大
demand: 检修
history:
{events}"
        );
        crate::yaml::parse(&crate::source::Source::new("C.yaml", text)).unwrap()
    }

    /// A case of the recurring clock: the complaint's receipt and its events after the
    /// acknowledgement, the instant asked about, and the status, due time, updates, missed
    /// updates and start of the current interval expected then.
    type Recurs = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static str,
        ClockStatus,
        &'static str,
        u32,
        u32,
        &'static str,
    );

    #[test]
    fn a_recurring_clock_restarts_at_each_stop_and_ends_at_until() {
        use ClockStatus::*;
        let rulebook = recurring();
        let spec = rulebook.clock("progress").unwrap();
        assert!(spec.recurs());
        assert_eq!(spec.limit.to_string(), "3wd");
        const MON: &str = "2026-11-23T09:00:00+08:00";
        const ACK: &str = "2026-11-23T09:30:00+08:00";
        const FRI: &str = "2026-12-03T00:00:00+08:00";
        // Received Mon 11-23 09:00, acknowledged 09:30: the first interval is 3wd from Mon
        // 11-23 (the starting day not counted): Tue 24 (1), Wed 25 (2), Thu 26 (3), due 24:00
        // of Thu = 11-27 00:00. 86.5 h long, at risk from 80 % = 69 h 12 min: 11-26 06:42.
        #[rustfmt::skip]
        let cases: &[Recurs] = &[
            (MON, &[], "2026-11-25T12:00:00+08:00", Running, "2026-11-27T00:00:00+08:00", 0, 0, ACK),
            (MON, &[], "2026-11-26T06:41:00+08:00", Running, "2026-11-27T00:00:00+08:00", 0, 0, ACK),
            (MON, &[], "2026-11-26T06:42:00+08:00", AtRisk, "2026-11-27T00:00:00+08:00", 0, 0, ACK),
            (MON, &[], "2026-11-27T00:00:00+08:00", AtRisk, "2026-11-27T00:00:00+08:00", 0, 0, ACK),
            (MON, &[], "2026-11-27T00:01:00+08:00", Breached, "2026-11-27T00:00:00+08:00", 0, 0, ACK),
            // Updated Wed 11-25 15:00, in time: the next interval runs across the weekend:
            // Thu 26 (1), Fri 27 (2), [Sat 28, Sun 29], Mon 30 (3), due 12-01 00:00.
            (MON, &[("2026-11-25T15:00:00+08:00", "feedback")], "2026-11-27T00:01:00+08:00", Running, "2026-12-01T00:00:00+08:00", 1, 0, "2026-11-25T15:00:00+08:00"),
            // Updated exactly at the due time, in time; the next interval from Fri 11-27 00:00
            // does not count Friday (the starting day): Mon 30 (1), Tue 12-01 (2), Wed 12-02
            // (3), due 12-03 00:00.
            (MON, &[("2026-11-27T00:00:00+08:00", "feedback")], "2026-11-27T12:00:00+08:00", Running, FRI, 1, 0, "2026-11-27T00:00:00+08:00"),
            // One minute late: a missed update, and the duty runs again (due 12-03 00:00 too).
            (MON, &[("2026-11-27T00:01:00+08:00", "feedback")], "2026-11-27T12:00:00+08:00", Running, FRI, 1, 1, "2026-11-27T00:01:00+08:00"),
            // Updated Fri 11-27 10:00, ten hours late: Mon 30, Tue 1, Wed 2, due 12-03 00:00.
            (MON, &[("2026-11-27T10:00:00+08:00", "feedback")], "2026-11-27T12:00:00+08:00", Running, FRI, 1, 1, "2026-11-27T10:00:00+08:00"),
            // Updated Wed 11-25 15:00 and Mon 11-30 11:00 (due 12-01 00:00: in time), closed Wed
            // 12-02 10:00 within the third interval (Tue 1, Wed 2, Thu 3, due 12-04 00:00): met.
            (MON, &[("2026-11-25T15:00:00+08:00", "feedback"), ("2026-11-30T11:00:00+08:00", "feedback"), ("2026-12-02T10:00:00+08:00", "close")], "2026-12-31T00:00:00+08:00", Met, "2026-12-04T00:00:00+08:00", 2, 0, "2026-11-30T11:00:00+08:00"),
            // Closed before the first due time without an update: met.
            (MON, &[("2026-11-25T16:00:00+08:00", "close")], "2026-12-31T00:00:00+08:00", Met, "2026-11-27T00:00:00+08:00", 0, 0, ACK),
            // Closed Mon 11-30 10:00, after the first due time (11-27 00:00): met late.
            (MON, &[("2026-11-30T10:00:00+08:00", "close")], "2026-12-31T00:00:00+08:00", MetLate, "2026-11-27T00:00:00+08:00", 0, 0, ACK),
            // The first close ends the duty: a feedback after reopening restarts nothing.
            (MON, &[("2026-11-25T16:00:00+08:00", "close"), ("2026-11-26T10:00:00+08:00", "reopen"), ("2026-11-26T11:00:00+08:00", "feedback")], "2026-12-31T00:00:00+08:00", Met, "2026-11-27T00:00:00+08:00", 0, 0, ACK),
            // Over National Day: acknowledged Wed 09-30 10:30; 10-01 to 10-07 are off, so Thu
            // 10-08 (1), Fri 10-09 (2), Sat 10-10 (3, a make-up working day), due 10-11 00:00.
            ("2026-09-30T10:00:00+08:00", &[], "2026-10-05T12:00:00+08:00", Running, "2026-10-11T00:00:00+08:00", 0, 0, "2026-09-30T10:30:00+08:00"),
            // Updated on the make-up Saturday 10-10 15:00: Sun 10-11 is off, Mon 12 (1), Tue 13
            // (2), Wed 14 (3), due 10-15 00:00.
            ("2026-09-30T10:00:00+08:00", &[("2026-10-10T15:00:00+08:00", "feedback")], "2026-10-12T12:00:00+08:00", Running, "2026-10-15T00:00:00+08:00", 1, 0, "2026-10-10T15:00:00+08:00"),
            // Paused Tue 11-24 10:00 to Thu 11-26 15:00 in the first interval: Wed 25 and Thu
            // 26 do not count, 3 + 2 = 5wd: 24, 25, 26, 27, 30, due 12-01 00:00.
            (MON, &[("2026-11-24T10:00:00+08:00", "pause"), ("2026-11-26T15:00:00+08:00", "resume")], "2026-11-27T10:00:00+08:00", Running, "2026-12-01T00:00:00+08:00", 0, 0, ACK),
            // Updated Tue 11-24 10:00 (next interval Wed 25, Thu 26, Fri 27, due 11-28 00:00),
            // paused Wed 11-25 10:00, updated Thu 11-26 10:00 while paused (in time). The pause
            // carries into the third interval, from Thu 11-26 10:00: paused at Fri 11-27 12:00,
            // due if resumed then 3wd + Fri 27 = 4wd: 27, 30, 12-01, 12-02, due 12-03 00:00.
            (MON, &[("2026-11-24T10:00:00+08:00", "feedback"), ("2026-11-25T10:00:00+08:00", "pause"), ("2026-11-26T10:00:00+08:00", "feedback")], "2026-11-27T12:00:00+08:00", Paused, FRI, 2, 0, "2026-11-26T10:00:00+08:00"),
            // … resumed Mon 11-30 09:00: Fri 27 and Mon 30 do not count, 3 + 2 = 5wd: 27, 30,
            // 12-01, 02, 03, due 12-04 00:00.
            (MON, &[("2026-11-24T10:00:00+08:00", "feedback"), ("2026-11-25T10:00:00+08:00", "pause"), ("2026-11-26T10:00:00+08:00", "feedback"), ("2026-11-30T09:00:00+08:00", "resume")], "2026-11-30T12:00:00+08:00", Running, "2026-12-04T00:00:00+08:00", 2, 0, "2026-11-26T10:00:00+08:00"),
        ];
        for (n, (received, history, now, status, due, updates, missed, since)) in
            cases.iter().enumerate()
        {
            let state = evaluate_one(
                &complaint(received, history),
                spec,
                spec.limit,
                rulebook.calendar(),
                t(now),
            );
            let what = format!("case {n}: {history:?} at {now}");
            assert_eq!(state.status, *status, "{what}");
            assert_eq!(state.due.map(|d| d.at), Some(t(due)), "{what}");
            let recurring = state.recurring.expect("a recurring clock");
            assert_eq!(
                (recurring.updates, recurring.missed, recurring.since),
                (*updates, *missed, t(since)),
                "{what}"
            );
            assert_eq!(recurring.until, ["close"], "{what}");
            assert_eq!(state.limit.to_string(), "3wd", "{what}");
        }
    }

    #[test]
    fn a_recurring_clock_ends_where_until_happens() {
        let rulebook = recurring();
        let spec = rulebook.clock("progress").unwrap();
        let closed = complaint(
            "2026-11-23T09:00:00+08:00",
            &[
                ("2026-11-25T15:00:00+08:00", "feedback"),
                ("2026-11-26T10:00:00+08:00", "close"),
            ],
        );
        let state = evaluate_one(
            &closed,
            spec,
            spec.limit,
            rulebook.calendar(),
            t("2026-12-31T00:00:00+08:00"),
        );
        assert_eq!(state.started, Some(t("2026-11-23T09:30:00+08:00")));
        assert_eq!(state.stopped, Some(t("2026-11-26T10:00:00+08:00")));
        assert_eq!((state.minutes_left, state.at_risk_from), (None, None));
        // While it runs, the minutes left and the risk are the current interval's: from Wed
        // 11-25 15:00 to 12-01 00:00 is 129 h, at risk after 80 % = 103 h 12 min: Sun 11-29
        // 22:12.
        let running = complaint(
            "2026-11-23T09:00:00+08:00",
            &[("2026-11-25T15:00:00+08:00", "feedback")],
        );
        let state = evaluate_one(
            &running,
            spec,
            spec.limit,
            rulebook.calendar(),
            t("2026-11-30T00:00:00+08:00"),
        );
        assert_eq!(state.minutes_left, Some(24 * 60));
        assert_eq!(state.at_risk_from, Some(t("2026-11-29T22:12:00+08:00")));
        assert_eq!(state.status, ClockStatus::AtRisk);
    }

    /// A rulebook check case: whether the file says `format: 2`, its clock, and each problem
    /// expected: its message, the text it underlines and a part of its help.
    type Refused = (
        bool,
        &'static str,
        &'static [(&'static str, &'static str, &'static str)],
    );

    #[test]
    fn rules_check_refuses_a_recurring_clock_that_makes_no_sense() {
        #[rustfmt::skip]
        let cases: &[Refused] = &[
            (true, "{id: progress, name: 进展, start: ack, every: 3wd, stop: [feedback]}",
             &[("clock `progress` recurs every 3wd, but nothing ends the duty", "3wd", "`until: [close]`")]),
            (true, "{id: progress, name: 进展, start: ack, limit: 3wd, stop: [feedback], until: [close]}",
             &[("clock `progress` has `until` but does not recur", "close", "add `every`")]),
            (true, "{id: progress, name: 进展, start: ack, every: 3wd, limit: 2wd, stop: [feedback], until: [close]}",
             &[("clock `progress` recurs every 3wd, so it takes no `limit`", "2wd", "remove `limit`")]),
            (true, "{id: progress, name: 进展, start: ack, every: 3wd, by: grade, limits: {general: 2wd}, stop: [feedback], until: [close]}",
             &[("clock `progress` recurs every 3wd, so it takes no `by` or `limits`", "2wd", "one interval")]),
            (true, "{id: progress, name: 进展, start: ack, every: 3wd, stop: [feedback], until: [close], extend: {max: 5wd, approvers: [agent]}}",
             &[("clock `progress` recurs every 3wd, so it takes no `extend`", "5wd", "not extended")]),
            (true, "{id: progress, name: 进展, start: ack, every: 3wd, stop: [feedback, close], until: [close]}",
             &[("clock `progress` both restarts and ends at `close`", "close", "not both")]),
            (true, "{id: progress, name: 进展, start: ack, every: 3wd, stop: [feedback], until: [clsoe]}",
             &[("`clsoe` is not a declared event", "clsoe", "`close`")]),
            (true, "{id: progress, name: 进展, start: ack, stop: [feedback]}",
             &[("clock `progress` has no `limit`", "progress", "`every` and `until`")]),
            // Keys of format 2 in a file that does not say `format: 2`.
            (false, PROGRESS, &[
                ("`every` is a key of rulebook format 2, and this file is format 1", "every:", "add `format: 2`"),
                ("`until` is a key of rulebook format 2, and this file is format 1", "until:", "add `format: 2`"),
            ]),
        ];
        for (format_2, clock, expected) in cases {
            let Err(Error::Problems(found)) = rulebook_with(*format_2, clock) else {
                panic!("{clock}: expected problems");
            };
            let got: Vec<(String, String, String)> = found
                .problems
                .iter()
                .map(|p| {
                    let text = p.src.inner().as_str();
                    let underlined = p
                        .span
                        .map(|s| text[s.offset()..s.offset() + s.len()].to_string())
                        .unwrap_or_default();
                    (
                        p.message.clone(),
                        underlined,
                        p.help.clone().unwrap_or_default(),
                    )
                })
                .collect();
            assert_eq!(got.len(), expected.len(), "{clock}: {got:#?}");
            for ((message, underlined, help), (want, at, hint)) in got.iter().zip(*expected) {
                assert_eq!(
                    (message.as_str(), underlined.as_str()),
                    (*want, *at),
                    "{clock}"
                );
                assert!(help.contains(hint), "{clock}: {help}");
            }
        }
        // Pausing within an interval is allowed: the recurring clock of these tests pauses.
        assert!(recurring().clock("progress").unwrap().recurs());
    }

    #[test]
    fn the_rulebook_schema_wants_a_limit_or_every_with_until() {
        let schema = crate::rulebook::json_schema().to_value();
        let validator = jsonschema::validator_for(&schema).unwrap();
        // (the clock, whether the schema and the checks accept it).
        let cases = [
            (PROGRESS, true),
            (
                "{id: p, name: 进展, start: ack, limit: 3wd, stop: [feedback]}",
                true,
            ),
            (
                "{id: p, name: 进展, start: ack, every: 3wd, limit: 3wd, stop: [feedback], until: [close]}",
                false,
            ),
            (
                "{id: p, name: 进展, start: ack, every: 3wd, stop: [feedback]}",
                false,
            ),
            (
                "{id: p, name: 进展, start: ack, limit: 3wd, stop: [feedback], until: [close]}",
                false,
            ),
            ("{id: p, name: 进展, start: ack, stop: [feedback]}", false),
        ];
        for (clock, valid) in cases {
            let text = rulebook_text(true, clock);
            let document: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&document)
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect();
            assert_eq!(
                validator.is_valid(&document),
                valid,
                "schema: {clock}: {errors:?}"
            );
            assert_eq!(rulebook_with(true, clock).is_ok(), valid, "checks: {clock}");
        }
    }
}
