//! `complaint rules test`: scenarios — a rulebook, a complaint, timed steps, and what must hold
//! at each checkpoint — like test cases in hledger or OPA, written as data.
//!
//! ```yaml
//! scenario: 普通投诉在 2 小时内受理
//! rulebook: enterprise             # a shipped rulebook, or a file relative to the scenario
//! staff: {李娜: [dept_head]}
//! complaint:                       # an intake document; received_at is required here
//!   channel: hotline
//!   ...
//!   received_at: 2026-09-30T10:00:00+08:00
//! steps:
//!   - at: 2026-09-30T10:30:00+08:00
//!     by: 王芳                     # default: 王芳's colleague "scenario"
//!     do: ack                      # any request: ack, escalate, offer, mediate, pay, …
//!     with: {contact: "400-800-1234"}
//!   - at: 2026-09-30T12:00:00+08:00
//!     expect:                      # a checkpoint at this instant
//!       status: acknowledged
//!       clocks: {acknowledge: {status: met, due: 2026-09-30T12:00:00+08:00}}
//!   - at: 2026-09-30T12:01:00+08:00
//!     do: ack
//!     with: {contact: x}
//!     refused: already acknowledged   # the step must be refused, with this in the reason
//!   - at: 2026-10-09T00:01:00+08:00
//!     cron: escalate               # `sla --escalate` runs now: breached clocks escalate
//! ```
//!
//! Scenarios run entirely in memory through the same [`event::decide`] as the commands,
//! so a scenario that passes is a promise about what the tool does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::clock::ClockStatus;
use crate::compensation;
use crate::error::Error;
use crate::event::{self, Actor, Request};
use crate::files::ReadSource;
use crate::intake;
use crate::ledger::Ledger;
use crate::model::{Complaint, Event, Intake, Timestamp};
use crate::money::Money;
use crate::rulebook::Rulebook;
use crate::sla;
use crate::source::Source;
use crate::state::Status;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    scenario: String,
    rulebook: String,
    #[serde(default)]
    staff: BTreeMap<String, Vec<String>>,
    complaint: Intake,
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    at: Timestamp,
    #[serde(default)]
    by: Option<String>,
    #[serde(default, rename = "do")]
    action: Option<String>,
    #[serde(default)]
    with: Option<serde_json::Value>,
    #[serde(default)]
    refused: Option<String>,
    /// `cron: escalate`: the cron job (`sla --escalate`) runs at this instant and makes the
    /// escalations that are due by themselves.
    #[serde(default)]
    cron: Option<Cron>,
    #[serde(default)]
    expect: Option<Expect>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Cron {
    Escalate,
}

/// What must hold at a checkpoint; everything left out is not checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    status: Option<Status>,
    tier: Option<String>,
    grade: Option<String>,
    level: Option<String>,
    #[serde(default)]
    clocks: BTreeMap<String, ClockExpect>,
    /// The standard compensation (money) the rulebook gives now; `none` where none applies.
    standard: Option<String>,
    /// The coupon the standard gives now; `none` where it gives none.
    #[serde(default)]
    coupon: Option<String>,
    /// The most that may be offered now.
    cap: Option<Money>,
    /// What the customer is owed by an agreed offer, mediation or ruling.
    owed: Option<Money>,
    paid: Option<Money>,
    /// The mediation's decision: merchant_pays, opinion, referral.
    decision: Option<String>,
    /// What the merchant owes for advance payments.
    receivable: Option<Money>,
    /// Whether the latest offer has every approval.
    approved: Option<bool>,
    /// The clocks `sla` would flag (breached or at risk), by id.
    sla: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockExpect {
    status: Option<ClockStatus>,
    due: Option<Timestamp>,
    limit: Option<String>,
    /// A recurring clock's restarts (updates) so far, and how many of them came late.
    updates: Option<u32>,
    missed: Option<u32>,
}

/// One scenario's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The scenario file.
    pub file: PathBuf,
    /// The scenario's name (its `scenario:` line).
    pub name: String,
    /// Empty when it passed; otherwise each mismatch, `step N (at …): what: expected …, got …`.
    pub failures: Vec<String>,
}

impl Outcome {
    /// Whether every checkpoint held and every step went as expected.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// One scenario's result, as `rules test` gives it to programs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Tested {
    /// The scenario file.
    pub file: String,
    /// The scenario's name; `null` when the file could not be read as a scenario.
    pub scenario: Option<String>,
    /// Whether it ran and every checkpoint held.
    pub passed: bool,
    /// What differed, or why it could not run, one line each.
    pub failures: Vec<String>,
}

impl Tested {
    /// The result of running the scenario `file`, its failures told in `language`.
    pub fn of(
        file: &Path,
        result: &Result<Outcome, Error>,
        language: crate::rulebook::Language,
    ) -> Tested {
        let file = file.display().to_string();
        match result {
            Ok(outcome) => Tested {
                file,
                scenario: Some(outcome.name.clone()),
                passed: outcome.passed(),
                failures: outcome.failures.clone(),
            },
            Err(err) => Tested {
                file,
                scenario: None,
                passed: false,
                failures: vec![err.message(language)],
            },
        }
    }
}

/// `rules test`: every scenario's result.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Tests {
    /// How many passed.
    pub passed: usize,
    /// How many failed or could not run.
    pub failed: usize,
    /// One per scenario file, in the order run.
    pub scenarios: Vec<Tested>,
}

/// Every scenario file (`*.yaml`) under `paths`, files or folders, sorted.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Error::io(path, e))?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .collect();
            entries.sort();
            let dirs: Vec<PathBuf> = entries.iter().filter(|p| p.is_dir()).cloned().collect();
            found.extend(
                entries
                    .into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
            );
            found.extend(discover(&dirs)?);
        } else if path.is_file() {
            found.push(path.clone());
        } else {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            ));
        }
    }
    Ok(found)
}

/// Runs one scenario file. A file that cannot be read or understood is an error; a scenario
/// whose expectations do not hold is an [`Outcome`] with failures.
pub fn run(path: &Path) -> Result<Outcome, Error> {
    let source = Source::read(path, path.display().to_string())?;
    let file: File = crate::yaml::parse(&source)?;
    let rulebook = load_rulebook(&file.rulebook, path.parent())?;
    let mut outcome = Outcome {
        file: path.to_path_buf(),
        name: file.scenario.clone(),
        failures: Vec::new(),
    };
    let Some(received_at) = file.complaint.received_at else {
        return Err(source
            .error("the scenario's complaint needs a received_at", None, "")
            .into());
    };
    let mut complaint =
        intake::register(file.complaint.clone(), &rulebook, received_at, "scenario")?;
    for (n, step) in file.steps.iter().enumerate() {
        let label = format!("step {} (at {})", n + 1, step.at.to_rfc3339());
        let mut fail = |what: String| outcome.failures.push(format!("{label}: {what}"));
        if let Some(name) = &step.action {
            let mut fields = match step.with.clone() {
                Some(serde_json::Value::Object(map)) => map,
                None => serde_json::Map::new(),
                Some(other) => {
                    return Err(source
                        .error(
                            format!("{label}: `with` must be a mapping, not {other}"),
                            None,
                            "",
                        )
                        .into());
                }
            };
            fields.insert("do".into(), serde_json::Value::String(name.clone()));
            let request: Request = serde_json::from_value(serde_json::Value::Object(fields))
                .map_err(|e| {
                    source.error(
                        format!("{label}: `do: {name}`: {e}"),
                        find(&source, name),
                        "this step",
                    )
                })?;
            let by = step.by.clone().unwrap_or_else(|| "scenario".to_string());
            let roles = file.staff.get(&by).cloned().unwrap_or_default();
            match (
                event::decide_gated(
                    &complaint,
                    &rulebook,
                    Actor {
                        name: &by,
                        roles: &roles,
                    },
                    step.at,
                    request,
                ),
                &step.refused,
            ) {
                (Ok(action), None) => complaint.history.push(Event {
                    at: step.at,
                    by,
                    action,
                }),
                (Ok(_), Some(wanted)) => fail(format!(
                    "`{name}` was expected to be refused ({wanted}) but was allowed"
                )),
                (Err(err), Some(wanted))
                    if format!("{err} {}", help(&err)).contains(wanted.as_str()) => {}
                (Err(err), Some(wanted)) => fail(format!(
                    "`{name}` was refused, but not for `{wanted}`: {err}"
                )),
                (Err(err), None) => fail(format!("`{name}` was refused: {err} {}", help(&err))),
            }
        }
        if let Some(Cron::Escalate) = step.cron {
            let visible = complaint.as_of(step.at);
            if let Some(request) = sla::escalation_due(&visible, &rulebook, step.at) {
                let actor = Actor {
                    name: CRON,
                    roles: &[],
                };
                match event::decide_gated(&complaint, &rulebook, actor, step.at, request) {
                    Ok(action) => complaint.history.push(Event {
                        at: step.at,
                        by: CRON.to_string(),
                        action,
                    }),
                    Err(err) => fail(format!("the cron job's escalation was refused: {err}")),
                }
            }
        }
        if let Some(expect) = &step.expect {
            for failure in check(&complaint, &rulebook, step.at, expect) {
                fail(failure);
            }
        }
    }
    Ok(outcome)
}

/// Who the cron job's escalations are recorded as in a scenario.
const CRON: &str = "complaint-sla";

fn help(err: &Error) -> String {
    match err {
        Error::Illegal {
            help: Some(help), ..
        } => help.to_string(),
        _ => String::new(),
    }
}

fn find(source: &Source, needle: &str) -> Option<(usize, usize)> {
    source
        .text()
        .find(&format!("do: {needle}"))
        .map(|o| (o, needle.len() + 4))
}

fn load_rulebook(choice: &str, dir: Option<&Path>) -> Result<Rulebook, Error> {
    let path = dir.map_or_else(|| PathBuf::from(choice), |d| d.join(choice));
    if path.is_file() {
        return crate::files::load_rulebook(Source::read(&path, choice)?, path.parent());
    }
    Rulebook::load_shipped(choice)
}

/// Each expectation that does not hold at `now`, as `what: expected X, got Y`.
fn check(
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
    expect: &Expect,
) -> Vec<String> {
    let mut failures = Vec::new();
    let visible = complaint.as_of(now);
    // The clocks `sla` sees: the rulebook's, and a promised date.
    let sla::View {
        state,
        standing,
        clocks,
    } = sla::view(&visible, rulebook, now);
    let ledger = Ledger::of(&visible);
    let text = |v: Option<&str>| v.unwrap_or("none").to_string();
    failures.extend(mismatch(
        "status",
        expect.status.map(|s| s.as_str().to_string()),
        state.status.as_str().to_string(),
    ));
    failures.extend(mismatch("tier", expect.tier.clone(), text(standing.tier())));
    failures.extend(mismatch(
        "grade",
        expect.grade.clone(),
        text(standing.grade()),
    ));
    failures.extend(mismatch(
        "level",
        expect.level.clone(),
        standing.level.clone(),
    ));
    for (id, want) in &expect.clocks {
        let Some(got) = clocks.iter().find(|c| c.clock == *id) else {
            failures.push(format!("clocks.{id}: the rulebook has no such clock"));
            continue;
        };
        let due = got
            .due
            .as_ref()
            .map(|d| d.at.to_rfc3339())
            .unwrap_or_else(|| got.error.clone().unwrap_or_else(|| "none".into()));
        failures.extend(mismatch(
            &format!("clocks.{id}.status"),
            want.status.map(|s| s.as_str().to_string()),
            got.status.as_str().to_string(),
        ));
        failures.extend(mismatch(
            &format!("clocks.{id}.due"),
            want.due.map(|d| d.to_rfc3339()),
            due,
        ));
        failures.extend(mismatch(
            &format!("clocks.{id}.limit"),
            want.limit.clone(),
            got.limit.to_string(),
        ));
        let counted =
            |n: Option<u32>| n.map_or("none (it does not recur)".into(), |n| n.to_string());
        let recurring = got.recurring.as_ref();
        failures.extend(mismatch(
            &format!("clocks.{id}.updates"),
            want.updates.map(|n| n.to_string()),
            counted(recurring.map(|r| r.updates)),
        ));
        failures.extend(mismatch(
            &format!("clocks.{id}.missed"),
            want.missed.map(|n| n.to_string()),
            counted(recurring.map(|r| r.missed)),
        ));
    }
    if expect.standard.is_some() || expect.cap.is_some() || expect.coupon.is_some() {
        match compensation::standard(&visible, rulebook, now) {
            Ok(standard) => {
                let total = standard
                    .as_ref()
                    .map_or("none".to_string(), |s| s.amounts.total.to_string());
                let normalised = expect
                    .standard
                    .as_ref()
                    .map(|s| s.parse::<Money>().map_or(s.clone(), |m| m.to_string()));
                failures.extend(mismatch("standard", normalised, total));
                let coupon = standard
                    .as_ref()
                    .and_then(|s| s.amounts.coupon)
                    .map_or("none".to_string(), |c| c.to_string());
                let wanted_coupon = expect
                    .coupon
                    .as_ref()
                    .map(|s| s.parse::<Money>().map_or(s.clone(), |m| m.to_string()));
                failures.extend(mismatch("coupon", wanted_coupon, coupon));
                let cap = standard.as_ref().map_or("none".to_string(), |s| {
                    compensation::cap(&s.amounts, rulebook).to_string()
                });
                failures.extend(mismatch("cap", expect.cap.map(|c| c.to_string()), cap));
            }
            Err(err) => failures.push(format!("standard: cannot be computed: {err}")),
        }
    }
    let money = |m: Option<Money>| m.map_or("none".to_string(), |m| m.to_string());
    failures.extend(mismatch(
        "owed",
        expect.owed.map(|m| m.to_string()),
        money(ledger.owed()),
    ));
    failures.extend(mismatch(
        "paid",
        expect.paid.map(|m| m.to_string()),
        ledger.paid.to_string(),
    ));
    failures.extend(mismatch(
        "decision",
        expect.decision.clone(),
        text(ledger.mediation.map(|(d, _)| d.as_str())),
    ));
    failures.extend(mismatch(
        "receivable",
        expect.receivable.map(|m| m.to_string()),
        ledger.receivable().to_string(),
    ));
    failures.extend(mismatch(
        "approved",
        expect.approved.map(|a| a.to_string()),
        ledger.approved(rulebook).to_string(),
    ));
    if let Some(wanted) = &expect.sla {
        // What `complaint sla` lists.
        let mut flagged: Vec<String> = clocks
            .iter()
            .filter(|c| sla::needs_attention(c.status))
            .map(|c| c.clock.clone())
            .collect();
        flagged.sort();
        let mut wanted = wanted.clone();
        wanted.sort();
        if flagged != wanted {
            failures.push(format!(
                "sla: expected [{}], got [{}]",
                wanted.join(", "),
                flagged.join(", ")
            ));
        }
    }
    failures
}

/// `what: expected X, got Y` when an expectation is given and does not hold.
fn mismatch(what: &str, expected: Option<String>, got: String) -> Option<String> {
    expected
        .filter(|e| *e != got)
        .map(|expected| format!("{what}: expected {expected}, got {got}"))
}
