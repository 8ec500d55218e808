//! `complaint rules diff`: what a rulebook change does — the rules that changed, in words, and
//! for each open complaint what would change if the new rulebook applied (deadlines, statuses,
//! tier, grade, standard compensation).
//!
//! The book's current rulebook governs every complaint, from the commit that changes it; the
//! version recorded on a complaint says what was in force when it was received. So a change is
//! reviewed before it is merged, with this diff, rather than applied case by case.

use serde::Serialize;

use crate::calendar::Calendar;
use crate::classify;
use crate::clock;
use crate::compensation;
use crate::error::Error;
use crate::model::{Complaint, Timestamp};
use crate::rulebook::Rulebook;
use crate::source::Source;
use crate::state::State;

/// One changed value of the rulebook, by its path (`clocks[handle].limits.ordinary`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RuleChange {
    /// Where the value is in the rulebook (`clocks[handle].limits.ordinary`).
    pub path: String,
    /// The value before, in brief (a string as is, anything else as compact JSON); `None` where it was added.
    pub old: Option<String>,
    /// The value after; `None` where it was removed.
    pub new: Option<String>,
}

impl RuleChange {
    /// The change in words.
    pub fn words(&self) -> String {
        match (&self.old, &self.new) {
            (None, Some(new)) => format!("added {}: {new}", self.path),
            (Some(old), None) => format!("removed {}: {old}", self.path),
            (Some(old), Some(new)) => format!("changed {}: {old} → {new}", self.path),
            (None, None) => format!("touched {}", self.path),
        }
    }
}

/// `rules diff`: what changed in the rulebook, and what that changes for open complaints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RulesDiff {
    /// The values changed, by path.
    pub rules: Vec<RuleChange>,
    /// What differs for each open complaint.
    pub complaints: Vec<Impact>,
}

/// Compares two rulebook texts as documents.
pub fn rule_changes(old: &Source, new: &Source) -> Result<Vec<RuleChange>, Error> {
    let old: serde_json::Value = crate::yaml::parse(old)?;
    let new: serde_json::Value = crate::yaml::parse(new)?;
    let mut changes = Vec::new();
    compare(&old, &new, String::new(), &mut changes);
    Ok(changes)
}

fn compare(
    old: &serde_json::Value,
    new: &serde_json::Value,
    path: String,
    out: &mut Vec<RuleChange>,
) {
    use serde_json::Value;
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                match b.get(key) {
                    Some(other) => compare(value, other, join(key), out),
                    None => out.push(RuleChange {
                        path: join(key),
                        old: Some(brief(value)),
                        new: None,
                    }),
                }
            }
            for (key, value) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                out.push(RuleChange {
                    path: join(key),
                    old: None,
                    new: Some(brief(value)),
                });
            }
        }
        (Value::Array(a), Value::Array(b)) if keyed(a) && keyed(b) => {
            let key_of = |v: &Value| item_key(v).unwrap_or_default();
            for item in a {
                let key = key_of(item);
                match b.iter().find(|other| key_of(other) == key) {
                    Some(other) => compare(item, other, format!("{path}[{key}]"), out),
                    None => out.push(RuleChange {
                        path: format!("{path}[{key}]"),
                        old: Some(brief(item)),
                        new: None,
                    }),
                }
            }
            for item in b
                .iter()
                .filter(|item| !a.iter().any(|o| key_of(o) == key_of(item)))
            {
                out.push(RuleChange {
                    path: format!("{path}[{}]", key_of(item)),
                    old: None,
                    new: Some(brief(item)),
                });
            }
            // Order matters for rules where the first match wins.
            let order_a: Vec<String> = a
                .iter()
                .map(key_of)
                .filter(|k| b.iter().any(|o| key_of(o) == *k))
                .collect();
            let order_b: Vec<String> = b
                .iter()
                .map(key_of)
                .filter(|k| a.iter().any(|o| key_of(o) == *k))
                .collect();
            if order_a != order_b {
                out.push(RuleChange {
                    path: format!("{path} (order)"),
                    old: Some(order_a.join(", ")),
                    new: Some(order_b.join(", ")),
                });
            }
        }
        (a, b) if a != b => out.push(RuleChange {
            path,
            old: Some(brief(a)),
            new: Some(brief(b)),
        }),
        _ => {}
    }
}

/// Lists whose items name themselves (`code`, `id`, `name`) are compared item by item.
fn keyed(items: &[serde_json::Value]) -> bool {
    !items.is_empty() && items.iter().all(|item| item_key(item).is_some())
}

fn item_key(item: &serde_json::Value) -> Option<String> {
    ["code", "id", "name"]
        .iter()
        .find_map(|k| item.get(k))
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
}

fn brief(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => {
            let text = other.to_string();
            if text.chars().count() > 80 {
                format!("{}…", text.chars().take(80).collect::<String>())
            } else {
                text
            }
        }
    }
}

/// What changes for one complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Impact {
    /// The complaint's ID.
    pub id: String,
    /// What changes: `tier`, `grade`, `level`, or a clock's `due`, `status` or `clock` (`handle due`).
    pub what: String,
    /// The value under the old rulebook (`none` where there is none; due times in RFC 3339).
    pub old: String,
    /// The value under the new rulebook.
    pub new: String,
    /// For a due time: how many minutes later (negative: earlier) it falls.
    pub moved_minutes: Option<i64>,
}

/// For each open complaint, what would differ at `now` under `new` instead of `old`.
pub fn impacts(
    complaints: &[&Complaint],
    old: &Rulebook,
    new: &Rulebook,
    now: Timestamp,
) -> Vec<Impact> {
    let mut out = Vec::new();
    for complaint in complaints {
        let state = State::of(complaint);
        if !state.status.is_open() {
            continue;
        }
        let id = complaint.id.to_string();
        let mut note = |what: String, a: String, b: String, minutes: Option<i64>| {
            if a != b {
                out.push(Impact {
                    id: id.clone(),
                    what,
                    old: a,
                    new: b,
                    moved_minutes: minutes,
                });
            }
        };
        let (so, sn) = (
            classify::standing(complaint, &state, old),
            classify::standing(complaint, &state, new),
        );
        let text = |v: Option<&str>| v.unwrap_or("none").to_string();
        note("tier".into(), text(so.tier()), text(sn.tier()), None);
        note("grade".into(), text(so.grade()), text(sn.grade()), None);
        note("level".into(), so.level.clone(), sn.level.clone(), None);
        let (co, cn) = (
            clock::evaluate(complaint, &so, old, now),
            clock::evaluate(complaint, &sn, new, now),
        );
        let due = |c: &clock::ClockState| {
            c.due
                .as_ref()
                .map_or("none".to_string(), |d| d.at.to_rfc3339())
        };
        for c in &co {
            match cn.iter().find(|n| n.clock == c.clock) {
                Some(n) => {
                    let minutes = c
                        .due
                        .as_ref()
                        .zip(n.due.as_ref())
                        .map(|(a, b)| (b.at - a.at).num_minutes());
                    note(format!("{} due", c.clock), due(c), due(n), minutes);
                    note(
                        format!("{} status", c.clock),
                        c.status.as_str().into(),
                        n.status.as_str().into(),
                        None,
                    );
                }
                None => note(
                    format!("{} clock", c.clock),
                    c.status.as_str().into(),
                    "removed".into(),
                    None,
                ),
            }
        }
        for n in cn.iter().filter(|n| !co.iter().any(|c| c.clock == n.clock)) {
            note(
                format!("{} clock", n.clock),
                "none".into(),
                format!("{} (due {})", n.status.as_str(), due(n)),
                None,
            );
        }
        let standard = |rb: &Rulebook| match compensation::standard(complaint, rb, now) {
            Ok(Some(s)) => format!("{} ({})", s.amounts.total, s.name),
            Ok(None) => "none".to_string(),
            Err(err) => format!("cannot compute: {err}"),
        };
        note(
            "standard compensation".into(),
            standard(old),
            standard(new),
            None,
        );
    }
    out
}

/// A deadline of an open complaint that an official schedule moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Move {
    /// The complaint.
    pub id: String,
    /// The clock whose due time moves.
    pub clock: crate::output::Code,
    /// The due time on the calendar as it is; `null` where it cannot be computed.
    pub old: Option<Timestamp>,
    /// The due time on `calendar`; `null` where it cannot be computed.
    pub new: Option<Timestamp>,
    /// How many minutes later (negative: earlier) it falls.
    pub moved_minutes: Option<i64>,
}

/// The deadlines of the open complaints that move at `now` when `rulebook` runs on `calendar`
/// (its own calendar with an official schedule added) instead of its own.
pub fn deadline_moves(
    complaints: &[&Complaint],
    rulebook: &Rulebook,
    calendar: Calendar,
    now: Timestamp,
) -> Vec<Move> {
    impacts(complaints, rulebook, &rulebook.with_calendar(calendar), now)
        .into_iter()
        // A move is a due time; the statuses that change with it are not listed.
        .filter_map(|i| {
            let clock = i.what.strip_suffix(" due")?;
            let name = rulebook.clock(clock).map(|c| c.name.as_str());
            let at = |text: &str| chrono::DateTime::parse_from_rfc3339(text).ok();
            Some(Move {
                clock: crate::output::Code::new(clock, name),
                old: at(&i.old),
                new: at(&i.new),
                id: i.id,
                moved_minutes: i.moved_minutes,
            })
        })
        .collect()
}
