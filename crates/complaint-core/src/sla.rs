//! Where a complaint stands against its deadlines, in one call, and the cron job's rules:
//! which clocks `sla` flags, in what order of urgency, and which breached clocks escalate a
//! complaint by themselves. The command line, the scenario runner and any program linking the
//! library call these same functions.

use serde::Serialize;

use crate::calendar::Due;
use crate::classify::{self, Standing};
use crate::clock::{self, ClockState, ClockStatus};
use crate::error::Error;
use crate::event::Request;
use crate::id::ComplaintId;
use crate::model::{Action, Complaint, Timestamp};
use crate::output::Code;
use crate::rulebook::{ClockSpec, Dimension, Rulebook};
use crate::state::State;

/// A complaint as it stands at an instant: its state, its classification and every clock.
#[derive(Debug, Clone)]
pub struct View {
    /// What the history leads to.
    pub state: State,
    /// Tier, grade and ladder level under the rulebook.
    pub standing: Standing,
    /// Every clock of the rulebook for this complaint (those whose `when` applies).
    pub clocks: Vec<ClockState>,
}

/// The complaint's state, standing and clocks at `now` (events after `now` count too; see
/// [`Complaint::as_of`] to look back).
pub fn view(complaint: &Complaint, rulebook: &Rulebook, now: Timestamp) -> View {
    let state = State::of(complaint);
    let standing = classify::standing(complaint, &state, rulebook);
    let mut clocks = clock::evaluate(complaint, &standing, rulebook, now);
    clocks.extend(promise(&state, rulebook, now));
    View {
        state,
        standing,
        clocks,
    }
}

impl View {
    /// [`attention`] of the complaint this view is of, `now` being the view's instant.
    pub fn attention(&self, rulebook: &Rulebook, now: Timestamp) -> Option<Timestamp> {
        let beyond_calendar =
            chrono::NaiveDate::from_ymd_opt(rulebook.calendar().horizon() + 1, 1, 1)
                .and_then(|day| day.and_hms_opt(0, 0, 0))
                .and_then(|t| t.and_local_timezone(rulebook.zone()).earliest())
                .map(|t| t.fixed_offset());
        self.clocks
            .iter()
            .filter_map(|clock| match clock.status {
                status if needs_attention(status) => Some(now),
                ClockStatus::Running => clock.at_risk_from.map(|at| at.max(now)),
                ClockStatus::Paused => beyond_calendar.map(|at| at.max(now)),
                _ => None,
            })
            .min()
    }

    /// The deadline to tell the customer about: the earliest due time among the clocks that
    /// are running (or at risk, or already breached), the promised date included. A recurring
    /// duty (keeping the customer informed) is not an answer to wait for, and is left out.
    pub fn next_deadline(&self) -> Option<&ClockState> {
        self.clocks
            .iter()
            .filter(|c| c.recurring.is_none())
            .filter(|c| {
                matches!(
                    c.status,
                    ClockStatus::Running | ClockStatus::AtRisk | ClockStatus::Breached
                )
            })
            .filter(|c| c.due.is_some())
            .min_by_key(|c| c.due.as_ref().map(|d| d.at))
    }

    /// The clocks that have started, as `show` lists them.
    pub fn deadlines(&self) -> Vec<Deadline> {
        self.clocks
            .iter()
            .filter(|c| c.status != ClockStatus::Pending)
            .map(Deadline::from)
            .collect()
    }
}

/// A clock's deadline, the one shape of it in `show`, `sla` and `explain`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Deadline {
    /// The clock: its id in the rulebook and its name (`{"code": "handle", "name": "处理时限"}`).
    pub clock: Code,
    /// Where it stands.
    pub status: ClockStatus,
    /// When it is (or was) due, and the days that made it so; `null` when it cannot be
    /// computed (see `error`).
    pub due: Option<Due>,
    /// Minutes from now to the due time (negative when overdue), for running clocks.
    pub minutes_left: Option<i64>,
    /// Why the due time could not be computed.
    pub error: Option<String>,
}

impl From<&ClockState> for Deadline {
    fn from(c: &ClockState) -> Deadline {
        Deadline {
            clock: Code::new(&c.clock, Some(&c.name)),
            status: c.status,
            due: c.due.clone(),
            minutes_left: c.minutes_left,
            error: c.error.clone(),
        }
    }
}

impl Deadline {
    /// When it is due, if known.
    pub fn at(&self) -> Option<Timestamp> {
        self.due.as_ref().map(|d| d.at)
    }

    /// Whether its due time counted days after the calendar's official schedule.
    pub fn provisional(&self) -> bool {
        self.due.as_ref().is_some_and(|d| d.provisional)
    }
}

/// The value of the dimension a clock's limit is keyed by (`by: grade` → the complaint's
/// grade), `none` when the complaint has none; `None` for a clock with one limit.
pub fn keyed_by<'c>(
    spec: &ClockSpec,
    complaint: &'c Complaint,
    standing: &'c Standing,
) -> Option<(Dimension, &'c str)> {
    let category = complaint.facts.category.as_deref();
    spec.key(standing.grade(), standing.tier(), category)
        .map(|(by, value)| (by, value.unwrap_or("none")))
}

/// The id of the clock that watches the date promised to the customer at `ack --promised`.
pub const PROMISED: &str = "promised";

/// The date promised to the customer, watched like a clock: it runs from the acknowledgement to
/// the end of the promised day (24:00 in the rulebook's zone), stops at the close, is at risk on
/// the promised day itself, and breached after it. `None` when nothing was promised.
fn promise(state: &State, rulebook: &Rulebook, now: Timestamp) -> Option<ClockState> {
    let (day, started) = (state.promised?, state.acknowledged_at?);
    let end = day.succ_opt()?.and_hms_opt(0, 0, 0)?;
    let due = end
        .and_local_timezone(rulebook.zone())
        .earliest()?
        .fixed_offset();
    let days = (day - started.date_naive()).num_days().max(0);
    let stopped = state.closed_at;
    // At risk from the start of the promised day: the share of the time before it.
    let total = (due - started).num_seconds() as f64;
    let warn = ((total - 86_400.0) / total).max(0.0);
    let status = clock::status(started, due, stopped, now, warn);
    let running = stopped.is_none();
    Some(ClockState {
        clock: PROMISED.to_string(),
        name: rulebook
            .language
            .pick("承诺答复日期", "Promised date")
            .to_string(),
        status,
        limit: crate::duration::Duration::new(
            u32::try_from(days).unwrap_or(u32::MAX),
            crate::duration::Unit::Days,
        ),
        extended: false,
        started: Some(started),
        stopped,
        pauses: Vec::new(),
        due: Some(crate::calendar::Due {
            at: due,
            counted: Vec::new(),
            skipped: Vec::new(),
            paused: Vec::new(),
            provisional: false,
        }),
        minutes_left: running.then(|| (due - now).num_minutes()),
        error: None,
        recurring: None,
        at_risk_from: running.then(|| clock::at_risk_from(started, due, warn)),
    })
}

/// The first instant from `now` on at which the complaint has a clock `sla` must list
/// (breached, at risk, or without a computable due time), if no event is added: `now` when
/// one does already; `None` when none ever will without another event. A paused clock's due
/// time moves with the time, so it may run past the calendar's last year: it counts from the
/// start of the year after that. An index keeps this instant to ask only the complaints it has
/// passed; `now` must not be before the complaint's last event (a history is read up to `now`).
pub fn attention(complaint: &Complaint, rulebook: &Rulebook, now: Timestamp) -> Option<Timestamp> {
    view(complaint, rulebook, now).attention(rulebook, now)
}

/// Which clocks the cron job lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Also running (within their time) and paused clocks, not only those needing attention.
    pub all: bool,
    /// Only this clock id.
    pub clock: Option<String>,
}

impl Filter {
    /// The filter, checked against the rulebook: an unknown clock id is an error naming the
    /// clocks there are (a misspelt id would otherwise list nothing, silently).
    pub fn checked(self, rulebook: &Rulebook) -> Result<Filter, Error> {
        if let Some(wanted) = &self.clock
            && rulebook.clock(wanted).is_none()
            && wanted != PROMISED
        {
            let ids: Vec<&str> = rulebook
                .clocks
                .iter()
                .map(|c| c.id.as_str())
                .chain([PROMISED])
                .collect();
            let ids = ids.join(", ");
            return Err(Error::invalid(
                crate::error::Problem::Unknown,
                crate::said!(
                    "the rulebook has no clock `{wanted}`",
                    "规则中没有时限 `{wanted}`"
                ),
                crate::said!("clocks: {ids}", "时限：{ids}"),
            ));
        }
        Ok(self)
    }

    /// Whether a clock in this status is listed.
    pub fn shows(&self, clock: &ClockState) -> bool {
        (needs_attention(clock.status) || (self.all && is_running(clock.status)))
            && self.clock.as_ref().is_none_or(|id| *id == clock.clock)
    }
}

/// Breached, at risk, or with a due time that cannot be computed: what `sla` always lists.
pub fn needs_attention(status: ClockStatus) -> bool {
    matches!(
        status,
        ClockStatus::Unknown | ClockStatus::Breached | ClockStatus::AtRisk
    )
}

fn is_running(status: ClockStatus) -> bool {
    matches!(status, ClockStatus::Running | ClockStatus::Paused)
}

/// One clock of one complaint, as the cron job lists it (an element of `complaint sla`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Row {
    /// The complaint.
    pub id: ComplaintId,
    /// The clock's deadline.
    #[serde(flatten)]
    pub deadline: Deadline,
    /// The ladder level it has reached.
    pub level: Code,
    /// The complaint's tier.
    pub tier: Option<Code>,
    /// The complaint's grade.
    pub grade: Option<Code>,
    /// Who handles it.
    pub assignee: Option<String>,
}

/// The rows of one complaint's clocks that `filter` lists.
pub fn rows(
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
    filter: &Filter,
) -> Vec<Row> {
    let View {
        state,
        standing,
        clocks,
    } = view(complaint, rulebook, now);
    clocks
        .iter()
        .filter(|clock| filter.shows(clock))
        .map(|clock| Row {
            id: complaint.id.clone(),
            deadline: Deadline::from(clock),
            level: Code::level(&standing.level, rulebook),
            tier: standing.tier().map(|t| Code::among(t, &rulebook.tiers)),
            grade: standing.grade().map(|g| Code::among(g, &rulebook.grades)),
            assignee: state.assignee.clone(),
        })
        .collect()
}

/// Most urgent first: breached before at risk, urgent grades first (S2: they jump the queue),
/// then the earliest due (instants compare whatever their offsets), then by ID.
pub fn sort(rows: &mut [Row], rulebook: &Rulebook) {
    rows.sort_by_cached_key(|r| {
        (
            r.deadline.status,
            !rulebook.is_urgent(r.grade.as_ref().map(|g| g.code.as_str())),
            r.deadline.at(),
            r.id.clone(),
        )
    });
}

/// The escalation the cron job makes on its own for this complaint at `now`, if any: one
/// level for the first breached clock marked `escalate_on_breach` that has not escalated it
/// already (each clock escalates a complaint once, so running the job again changes nothing).
pub fn escalation_due(
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
) -> Option<Request> {
    let View { state, clocks, .. } = view(complaint, rulebook, now);
    if !state.status.is_open() {
        return None;
    }
    let done = |clock: &str| {
        complaint
            .history
            .iter()
            .any(|e| matches!(&e.action, Action::Escalate(crate::event::Escalate { clock: Some(k), .. }) if k == clock))
    };
    let escalates = |id: &str| {
        rulebook
            .clock(id)
            .is_some_and(|spec| spec.escalate_on_breach)
    };
    clocks
        .into_iter()
        .find(|c| c.status == ClockStatus::Breached && escalates(&c.clock) && !done(&c.clock))
        .map(|c| {
            Request::Escalate(crate::event::escalate::Request {
                reason: format!("{} breached", c.name),
                clock: Some(c.clock),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ordinary complaint (CQ03) under the enterprise rulebook, received on Monday
    /// 2026-11-02 at 09:00, with `history` after its registration.
    fn ordinary(history: &str) -> Complaint {
        let text = format!(
            "id: C-20261102-5AWX5K
received_at: \"2026-11-02T09:00:00+08:00\"
rulebook: {{name: enterprise, version: \"2026.1\"}}
channel: online
category: CQ03
customer: {{name: 赵六}}
subject: {{kind: product, name: 洗衣机}}
description: 退货申请被拒
demand: 退货
history:
- {{at: \"2026-11-02T09:00:00+08:00\", by: 王芳, event: received}}
{history}"
        );
        crate::yaml::parse(&crate::source::Source::new("C.yaml", text)).unwrap()
    }

    #[test]
    fn attention_is_when_a_clock_first_needs_looking_at() {
        let rulebook = Rulebook::load_shipped("enterprise").unwrap();
        let t = |s: &str| -> Timestamp { s.parse().unwrap() };
        let ack = "- {at: \"2026-11-02T09:30:00+08:00\", by: 王芳, event: ack, handler: 王芳, contact: \"8001\"}";
        let cases = [
            // Acknowledge: 2 h from 09:00, at risk from 75 %: 10:30.
            (
                "",
                "2026-11-02T09:00:00+08:00",
                Some("2026-11-02T10:30:00+08:00"),
            ),
            // Past 11:00 it is breached: at once.
            (
                "",
                "2026-11-02T12:00:00+08:00",
                Some("2026-11-02T12:00:00+08:00"),
            ),
            // Handle: 3 working days from Monday 09:30 (Tue, Wed, Thu) end at 24:00 of Thursday
            // 11-05; 86.5 h, at risk from 80 %, 69 h 12 min later: Thursday 06:42.
            (
                ack,
                "2026-11-02T09:30:00+08:00",
                Some("2026-11-05T06:42:00+08:00"),
            ),
        ];
        for (history, now, want) in cases {
            assert_eq!(
                attention(&ordinary(history), &rulebook, t(now)),
                want.map(t),
                "{history} at {now}"
            );
        }
        // Paused, the due time moves with the time: looked at again past the calendar's years.
        let paused = format!(
            "{ack}\n- {{at: \"2026-11-02T10:00:00+08:00\", by: 王芳, event: pause, reason: 等待凭证}}"
        );
        let beyond = rulebook.calendar().horizon() + 1;
        assert_eq!(
            attention(
                &ordinary(&paused),
                &rulebook,
                t("2026-11-02T10:00:00+08:00")
            ),
            Some(t(&format!("{beyond}-01-01T00:00:00+08:00")))
        );
        // Closed, nothing runs: never, until another event.
        let closed = format!(
            "{ack}\n- {{at: \"2026-11-03T10:00:00+08:00\", by: 王芳, event: close, outcome: 已退货}}"
        );
        assert_eq!(
            attention(
                &ordinary(&closed),
                &rulebook,
                t("2026-11-03T10:00:00+08:00")
            ),
            None
        );
    }

    fn state(status: ClockStatus) -> ClockState {
        ClockState {
            clock: "handle".into(),
            name: "处理".into(),
            status,
            limit: "3wd".parse().unwrap(),
            extended: false,
            started: None,
            stopped: None,
            pauses: Vec::new(),
            due: None,
            minutes_left: None,
            error: None,
            recurring: None,
            at_risk_from: None,
        }
    }

    #[test]
    fn the_cron_job_lists_what_needs_attention_and_with_all_what_runs() {
        use ClockStatus::*;
        let cases = [
            (Unknown, true, true),
            (Breached, true, true),
            (AtRisk, true, true),
            (Running, false, true),
            (Paused, false, true),
            (Pending, false, false),
            (MetLate, false, false),
            (Met, false, false),
        ];
        for (status, default, all) in cases {
            let clock = state(status);
            assert_eq!(Filter::default().shows(&clock), default, "{status:?}");
            let every = Filter {
                all: true,
                clock: None,
            };
            assert_eq!(every.shows(&clock), all, "{status:?} with --all");
            let other = Filter {
                all: true,
                clock: Some("acknowledge".into()),
            };
            assert!(!other.shows(&clock), "{status:?} of another clock");
        }
    }
}
