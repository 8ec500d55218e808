//! The three-way merge of one complaint record, the core of the git merge driver
//! (`complaint merge-driver %O %A %B %P`).
//!
//! Two desks (clones of one book) change the same record while apart: each appends events to
//! its `history`. Git merges text line by line and would report both appends as a conflict,
//! though nothing disagrees. [`merge_records`] merges the *records* instead:
//!
//! - **Events are united.** The merged history holds every event of either side, each
//!   identical event once (identical: the same `at`, `by` and action, compared as serialized
//!   values, so `10:00:00+08:00` and `10:00:00.000+08:00` are one event). It is ordered by
//!   time, as instants (an event at `03:30:00Z` comes after one at `11:15:00+08:00`); events of
//!   one instant keep the order their desk wrote them in, and events of one instant from
//!   different desks are ordered by who wrote them, then by their text, so the result does
//!   not depend on which side git calls "ours".
//! - **Facts must agree.** Everything else (id, time received, rulebook, and each of the
//!   intake facts, down to `facts.customer.phone`) is merged field by field against the
//!   common ancestor: a field changed on one side only takes the change; a field changed
//!   differently on both sides (or, without an ancestor, different on the two sides) is a
//!   [`FieldConflict`], and the record is not merged at all ([`Merged::Conflict`]).
//!
//! The merged record is written as the book writes records ([`crate::to_yaml`]), so the
//! result is byte-identical whichever side is "ours", and merging a record with itself gives
//! it back unchanged (comments and hand formatting in the files are not kept).
//!
//! What this module does **not** do is judge the merged history. Each desk's events were legal
//! when they were written, but their union may not be: both desks acknowledged (a second
//! `ack`), one closed while the other escalated, two offers with one revision number. Such an
//! event is kept here, in its place; replaying the merged history under the rulebook (as
//! `complaint check` does, see [`crate::audit`]) finds it, and the caller marks it as a
//! semantic conflict for a person to resolve. This module only unites and orders.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::Error;
use crate::id::ComplaintId;
use crate::model::{Complaint, Event, Facts, RulebookRef, Timestamp};
use crate::source::Source;

/// The most characters a [`FieldConflict`] shows of each side's value.
const SHOWN: usize = 200;

/// The outcome of merging three versions of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    /// The merged record's YAML text, written as [`crate::to_yaml`] writes records.
    Clean(String),
    /// The fields the two sides changed differently, in a fixed order (by dotted path, each
    /// level's keys sorted); nothing was merged.
    Conflict(Vec<FieldConflict>),
}

/// One field the two sides disagree on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldConflict {
    /// The dotted path of the field: `received_at`, `facts.demand`, `facts.customer.phone`.
    pub field: String,
    /// Our value as JSON (`"13812345678"`), or `(absent)`; at most 200 characters.
    pub ours: String,
    /// Their value, shown the same way.
    pub theirs: String,
}

/// Merges two versions of a record, `ours` and `theirs`, against their common ancestor `base`.
/// `base` is absent when there is none (both sides added the file: an ID clash, or one
/// complaint registered twice); then every field must be equal on both sides.
///
/// Each text is parsed as the book parses records; the first that does not parse is the
/// error, located in its file. Never panics.
pub fn merge_records(
    base: Option<&Source>,
    ours: &Source,
    theirs: &Source,
) -> Result<Merged, Error> {
    let base = base.map(parse).transpose()?;
    let ours = parse(ours)?;
    let theirs = parse(theirs)?;

    let base_head = base.as_ref().map(head).transpose()?;
    let ours_head = head(&ours)?;
    let theirs_head = head(&theirs)?;
    let mut conflicts = Vec::new();
    let merged = merge_value(
        "",
        base_head.as_ref().map(Some),
        Some(&ours_head),
        Some(&theirs_head),
        &mut conflicts,
    );
    if !conflicts.is_empty() {
        return Ok(Merged::Conflict(conflicts));
    }
    let merged = merged.ok_or_else(|| Error::Internal("merging a record lost it".into()))?;
    let Head {
        id,
        received_at,
        rulebook,
        facts,
    } = serde_json::from_value(merged)
        .map_err(|e| Error::Internal(format!("merging {}: {e}", ours.id)))?;
    let history = merge_history(&ours.history, &theirs.history)?;
    let complaint = Complaint {
        id,
        received_at,
        rulebook,
        facts,
        history,
    };
    crate::yaml::write(&complaint).map(Merged::Clean)
}

/// Where the first git conflict marker in `text` is, as a byte offset: a line that starts
/// with `<<<<<<< ` or `>>>>>>> `, or that is `=======` alone. A record's keys start at the
/// beginning of their lines and its multi-line texts are indented, so such a line is never
/// part of a well-formed record; `=======` inside a value (`text: a ======= b`) is not a marker.
pub fn conflict_marker(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let opens = |marker: &str| {
            content
                .strip_prefix(marker)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        };
        if opens("<<<<<<<") || opens(">>>>>>>") || content == "=======" {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// A record's fields other than its history, compared as JSON: `facts` is kept as one object
/// (a record writes it flattened) so that its fields are named `facts.…`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    id: ComplaintId,
    received_at: Timestamp,
    rulebook: RulebookRef,
    facts: Facts,
}

fn parse(source: &Source) -> Result<Complaint, Error> {
    crate::yaml::parse_with_keys(source, &Complaint::keys())
}

fn head(complaint: &Complaint) -> Result<Value, Error> {
    let head = Head {
        id: complaint.id.clone(),
        received_at: complaint.received_at,
        rulebook: complaint.rulebook.clone(),
        facts: complaint.facts.clone(),
    };
    serde_json::to_value(head)
        .map_err(|e| Error::Internal(format!("comparing {}: {e}", complaint.id)))
}

/// Whether the object at `path` is merged key by key rather than as one value. The rulebook
/// reference is one value (a name from one side and a version from the other name nothing),
/// and so are lists (`evidence`, `flags`).
fn descends(path: &str) -> bool {
    matches!(path, "" | "facts" | "facts.customer" | "facts.subject")
}

/// The merged value at `path` (`None`: absent), recording a conflict where the sides changed
/// it differently. `base` is `None` when there is no common ancestor at all, `Some(None)` when
/// the ancestor lacks the field.
fn merge_value(
    path: &str,
    base: Option<Option<&Value>>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<FieldConflict>,
) -> Option<Value> {
    if ours == theirs {
        return ours.cloned();
    }
    if let (Some(Value::Object(o)), Some(Value::Object(t))) = (ours, theirs)
        && descends(path)
    {
        let base: Option<Option<&Map<String, Value>>> = match base {
            None => None,
            Some(None) => Some(None),
            Some(Some(Value::Object(b))) => Some(Some(b)),
            // The ancestor had something else here: compare the objects whole.
            Some(Some(_)) => return merge_leaf(path, base, ours, theirs, conflicts),
        };
        let keys: BTreeSet<&String> = o.keys().chain(t.keys()).collect();
        let mut merged = Map::new();
        for key in keys {
            let field = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            let base = base.map(|b| b.and_then(|b| b.get(key)));
            if let Some(value) = merge_value(&field, base, o.get(key), t.get(key), conflicts) {
                merged.insert(key.clone(), value);
            }
        }
        return Some(Value::Object(merged));
    }
    merge_leaf(path, base, ours, theirs, conflicts)
}

/// A value merged whole: the side that changed it, else a conflict.
fn merge_leaf(
    path: &str,
    base: Option<Option<&Value>>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<FieldConflict>,
) -> Option<Value> {
    match base {
        Some(base) if base == ours => theirs.cloned(),
        Some(base) if base == theirs => ours.cloned(),
        _ => {
            conflicts.push(FieldConflict {
                field: path.to_string(),
                ours: shown(ours),
                theirs: shown(theirs),
            });
            ours.cloned()
        }
    }
}

/// A value as JSON, cut to [`SHOWN`] characters.
fn shown(value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "(absent)".to_string();
    };
    let text = serde_json::to_string(value).unwrap_or_default();
    if text.chars().count() <= SHOWN {
        return text;
    }
    let mut cut: String = text.chars().take(SHOWN - 1).collect();
    cut.push('…');
    cut
}

/// One event of the merged history: an event, and which occurrence of it this is (a side may
/// hold the same event twice; the merge keeps as many as the side that has more).
struct Node {
    event: Event,
    key: String,
    occurrence: usize,
}

/// The order events are taken in when nothing else decides: time (as an instant), who, the
/// event's text, which occurrence; the node's index last, never deciding (the rest is unique).
type Rank = (Timestamp, String, String, usize, usize);

fn rank(nodes: &[Node], index: usize) -> Rank {
    let node = &nodes[index];
    (
        node.event.at,
        node.event.by.clone(),
        node.key.clone(),
        node.occurrence,
        index,
    )
}

/// The union of two histories, in time order.
///
/// Each side is first put in time order (stably: events of one instant keep their order).
/// The events become the nodes of a graph, an event present on both sides being one node,
/// and each side's order gives edges from each event to the next; the merged history is that
/// graph's topological order, taking the lowest [`Rank`] whenever several events could come
/// next. Events at different instants are so ordered by time, one desk's events at one instant
/// stay in that desk's order, and everything else is decided by the events alone, not by the
/// side they came from. Only when the two sides order the same events of one instant
/// differently (a cycle) is a side's order overruled: the lowest-ranked of them comes first.
///
/// The common ancestor's history is not consulted. History is append-only, so an event the
/// ancestor has and one side lacks was dropped by that side, which is suspicious rather than
/// a change to take: the union keeps it (from the other side). An event both sides dropped is
/// gone from both, and stays gone.
fn merge_history(ours: &[Event], theirs: &[Event]) -> Result<Vec<Event>, Error> {
    let keyed = |events: &[Event]| -> Result<Vec<(String, Event)>, Error> {
        let mut keyed = events
            .iter()
            .map(|e| {
                serde_json::to_string(e)
                    .map(|key| (key, e.clone()))
                    .map_err(|err| Error::Internal(format!("comparing events: {err}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        keyed.sort_by_key(|a| a.1.at);
        Ok(keyed)
    };
    let same = ours.len() == theirs.len()
        && ours
            .iter()
            .zip(theirs)
            .all(|(o, t)| serde_json::to_string(o).ok() == serde_json::to_string(t).ok());
    if same {
        // Nothing to unite: the history as it is, even out of time order.
        return Ok(ours.to_vec());
    }

    let mut nodes: Vec<Node> = Vec::new();
    let mut index: BTreeMap<(String, usize), usize> = BTreeMap::new();
    let mut edges: BTreeSet<(usize, usize)> = BTreeSet::new();
    for side in [keyed(ours)?, keyed(theirs)?] {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut previous: Option<usize> = None;
        for (key, event) in side {
            let occurrence = seen.entry(key.clone()).or_default();
            let id = *index.entry((key.clone(), *occurrence)).or_insert_with(|| {
                nodes.push(Node {
                    event,
                    key,
                    occurrence: *occurrence,
                });
                nodes.len() - 1
            });
            *occurrence += 1;
            if let Some(previous) = previous {
                edges.insert((previous, id));
            }
            previous = Some(id);
        }
    }

    let mut waiting = vec![0usize; nodes.len()];
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for &(from, to) in &edges {
        waiting[to] += 1;
        next[from].push(to);
    }
    let mut remaining: BTreeSet<Rank> = (0..nodes.len()).map(|i| rank(&nodes, i)).collect();
    let mut ready: BTreeSet<Rank> = (0..nodes.len())
        .filter(|&i| waiting[i] == 0)
        .map(|i| rank(&nodes, i))
        .collect();
    let mut taken = vec![false; nodes.len()];
    let mut order = Vec::with_capacity(nodes.len());
    while let Some(first) = remaining.first().cloned() {
        // The lowest-ranked ready event, unless a cycle holds back an earlier instant.
        let chosen = match ready.first() {
            Some(r) if r.0 == first.0 => r.clone(),
            _ => first,
        };
        ready.remove(&chosen);
        remaining.remove(&chosen);
        let i = chosen.4;
        taken[i] = true;
        order.push(i);
        for &n in &next[i] {
            waiting[n] = waiting[n].saturating_sub(1);
            if waiting[n] == 0 && !taken[n] {
                ready.insert(rank(&nodes, n));
            }
        }
    }
    let mut slots: Vec<Option<Event>> = nodes.into_iter().map(|n| Some(n.event)).collect();
    Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;
    use crate::{Book, Intake, Request};

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    /// A record as a book writes it: registered at 10:00, acknowledged at 10:30.
    fn record() -> Complaint {
        let dir = tempfile::tempdir().unwrap();
        let shipped = crate::rulebook::shipped()[0];
        assert_eq!(shipped.name, "enterprise");
        let book = Book::init(
            dir.path(),
            &Source::new("rulebook.yaml", shipped.text),
            false,
        )
        .unwrap();
        let intake: Intake = serde_json::from_str(
            r#"{
                "channel": "hotline", "category": "CQ01",
                "customer": {"name": "张三", "phone": "13812345678"},
                "subject": {"kind": "product", "name": "手机", "order": "O-1001"},
                "description": "收到的手机屏幕碎裂", "demand": "退货并赔偿"
            }"#,
        )
        .unwrap();
        let complaint = book
            .create(intake, "王芳", at("2026-09-30T10:00:00+08:00"))
            .unwrap();
        let ack = Request::Ack(crate::event::ack::Request {
            handler: None,
            contact: "400-800-1234".into(),
            promised: None,
        });
        book.act(&complaint.id, ack, "王芳", at("2026-09-30T10:30:00+08:00"))
            .unwrap();
        let record = book.load(&complaint.id).unwrap();
        let text = std::fs::read_to_string(dir.path().join(&record.path)).unwrap();
        assert_eq!(text, crate::to_yaml(&record.complaint).unwrap());
        record.complaint
    }

    fn source(name: &str, complaint: &Complaint) -> Source {
        Source::new(name, crate::to_yaml(complaint).unwrap())
    }

    fn note(time: &str, by: &str, text: &str) -> Event {
        Event {
            at: at(time),
            by: by.into(),
            action: Action::Note(crate::event::Note {
                text: text.into(),
                public: false,
            }),
        }
    }

    fn escalation(time: &str, by: &str) -> Event {
        Event {
            at: at(time),
            by: by.into(),
            action: Action::Escalate(crate::event::Escalate {
                from: "handler".into(),
                to: "dept_head".into(),
                reason: "客户要求主管处理".into(),
                clock: None,
            }),
        }
    }

    fn appended(base: &Complaint, events: &[Event]) -> Complaint {
        let mut c = base.clone();
        c.history.extend(events.iter().cloned());
        c
    }

    /// Merges both ways round, checks the two give the same bytes, and returns the text.
    fn clean(base: Option<&Complaint>, a: &Complaint, b: &Complaint) -> String {
        let base = base.map(|c| source("base.yaml", c));
        let (a, b) = (source("ours.yaml", a), source("theirs.yaml", b));
        let one = merge_records(base.as_ref(), &a, &b).unwrap();
        let other = merge_records(base.as_ref(), &b, &a).unwrap();
        assert_eq!(one, other, "the merge depends on which side is ours");
        match one {
            Merged::Clean(text) => text,
            Merged::Conflict(c) => panic!("unexpected conflicts: {c:?}"),
        }
    }

    fn conflicts(base: Option<&Complaint>, a: &Complaint, b: &Complaint) -> Vec<FieldConflict> {
        let base = base.map(|c| source("base.yaml", c));
        let (a, b) = (source("ours.yaml", a), source("theirs.yaml", b));
        match merge_records(base.as_ref(), &a, &b).unwrap() {
            Merged::Conflict(c) => c,
            Merged::Clean(text) => panic!("merged cleanly:\n{text}"),
        }
    }

    fn history(text: &str) -> Vec<Event> {
        parse(&Source::new("merged.yaml", text)).unwrap().history
    }

    #[test]
    fn a_note_and_an_escalation_from_two_desks_merge_in_time_order() {
        let base = record();
        let n = note(
            "2026-09-30T11:00:00+08:00",
            "王芳",
            "客户来电补充了订单截图",
        );
        let e = escalation("2026-09-30T10:45:00+08:00", "李雷");
        let a = appended(&base, std::slice::from_ref(&n));
        let b = appended(&base, std::slice::from_ref(&e));
        let merged = clean(Some(&base), &a, &b);
        let mut expected = base.history.clone();
        expected.extend([e, n]);
        assert_eq!(history(&merged), expected);
        assert_eq!(
            merged,
            crate::to_yaml(&appended(&base, &expected[2..])).unwrap()
        );
    }

    #[test]
    fn the_same_event_appended_on_both_sides_appears_once() {
        let base = record();
        let n = note("2026-09-30T11:00:00+08:00", "王芳", "已回电");
        let a = appended(&base, std::slice::from_ref(&n));
        // The same instant written with another offset and fractional seconds: one event.
        let text = crate::to_yaml(&a)
            .unwrap()
            .replace("2026-09-30T11:00:00+08:00", "2026-09-30T11:00:00.000+08:00");
        assert!(text.contains("11:00:00.000+08:00"));
        let b = parse(&Source::new("theirs.yaml", text)).unwrap();
        let merged = clean(Some(&base), &a, &b);
        assert_eq!(merged, crate::to_yaml(&a).unwrap());
        assert_eq!(history(&merged).len(), base.history.len() + 1);
    }

    #[test]
    fn events_of_one_instant_from_two_people_are_ordered_the_same_either_way() {
        let base = record();
        let a = appended(&base, &[note("2026-09-30T11:00:00+08:00", "王芳", "甲")]);
        let b = appended(&base, &[note("2026-09-30T11:00:00+08:00", "李雷", "乙")]);
        let merged = clean(Some(&base), &a, &b);
        assert_eq!(merged, clean(Some(&base), &a, &b));
        let names: Vec<String> = history(&merged)[2..].iter().map(|e| e.by.clone()).collect();
        // By who wrote them ("李" U+674E before "王" U+738B).
        assert_eq!(names, ["李雷", "王芳"]);
    }

    #[test]
    fn times_are_compared_as_instants_not_as_text() {
        let base = record();
        // 03:30Z is 11:30 in Beijing: after 11:15+08:00, though its text sorts first.
        let late = note("2026-09-30T03:30:00Z", "李雷", "晚");
        let early = note("2026-09-30T11:15:00+08:00", "王芳", "早");
        let a = appended(&base, std::slice::from_ref(&late));
        let b = appended(&base, std::slice::from_ref(&early));
        let merged = clean(Some(&base), &a, &b);
        assert_eq!(history(&merged)[2..], [early, late]);
    }

    #[test]
    fn one_desks_events_of_one_instant_keep_their_order() {
        let base = record();
        let t = "2026-09-30T12:00:00+08:00";
        let plan = Event {
            at: at(t),
            by: "王芳".into(),
            action: Action::Plan(crate::event::Plan {
                summary: "换新机".into(),
                improvement: false,
            }),
        };
        let feedback = Event {
            at: at(t),
            by: "王芳".into(),
            action: Action::Feedback(crate::event::Feedback {
                message: "已告知客户换新方案".into(),
            }),
        };
        // By text alone `feedback` would come before `plan`.
        let a = appended(&base, &[plan.clone(), feedback.clone()]);
        let b = appended(&base, &[note(t, "李雷", "客户再次来电")]);
        let merged = clean(Some(&base), &a, &b);
        let events = history(&merged);
        let p = events.iter().position(|e| *e == plan).unwrap();
        let f = events.iter().position(|e| *e == feedback).unwrap();
        assert!(p < f, "{events:?}");
        assert_eq!(events.len(), base.history.len() + 3);
    }

    #[test]
    fn two_sides_ordering_the_same_events_differently_still_merge_symmetrically() {
        let base = record();
        let t = "2026-09-30T11:00:00+08:00";
        let (x, y) = (note(t, "王芳", "x"), note(t, "王芳", "y"));
        let later = note("2026-09-30T11:30:00+08:00", "李雷", "z");
        let a = appended(&base, &[x.clone(), y.clone()]);
        let b = appended(&base, &[y.clone(), x.clone(), later.clone()]);
        let merged = history(&clean(Some(&base), &a, &b));
        assert_eq!(merged[2..], [x, y, later]);
    }

    #[test]
    fn an_event_written_twice_on_one_side_stays_twice() {
        let base = record();
        let n = note("2026-09-30T11:00:00+08:00", "王芳", "已回电");
        let a = appended(&base, &[n.clone(), n.clone()]);
        let b = appended(
            &base,
            &[n.clone(), note("2026-09-30T11:10:00+08:00", "李雷", "y")],
        );
        let merged = history(&clean(Some(&base), &a, &b));
        assert_eq!(merged.iter().filter(|e| **e == n).count(), 2);
        assert_eq!(merged.len(), base.history.len() + 3);
    }

    #[test]
    fn a_record_merged_with_itself_comes_back_unchanged() {
        let base = record();
        let text = crate::to_yaml(&base).unwrap();
        assert_eq!(clean(Some(&base), &base, &base), text);
        assert_eq!(clean(None, &base, &base), text);
        let a = appended(&base, &[note("2026-09-30T11:00:00+08:00", "王芳", "x")]);
        assert_eq!(clean(Some(&base), &a, &base), crate::to_yaml(&a).unwrap());
    }

    #[test]
    fn an_event_one_side_dropped_is_kept() {
        let base = record();
        let mut a = base.clone();
        a.history.pop(); // the ack
        let b = appended(&base, &[note("2026-09-30T11:00:00+08:00", "李雷", "x")]);
        let merged = clean(Some(&base), &a, &b);
        assert_eq!(history(&merged), b.history);
    }

    #[test]
    fn a_fact_changed_on_one_side_is_taken() {
        let base = record();
        let mut a = base.clone();
        a.facts.customer.phone = Some("13900001111".into());
        let mut b = appended(&base, &[note("2026-09-30T11:00:00+08:00", "李雷", "x")]);
        b.facts.demand = Some("换新".into());
        let merged = parse(&Source::new("m.yaml", clean(Some(&base), &a, &b))).unwrap();
        assert_eq!(merged.facts.customer.phone.as_deref(), Some("13900001111"));
        assert_eq!(merged.facts.customer.name.as_deref(), Some("张三"));
        assert_eq!(merged.facts.demand.as_deref(), Some("换新"));
        assert_eq!(merged.history, b.history);

        // A field added on one side, another removed on the other.
        let mut a = base.clone();
        a.facts.place = Some("北京朝阳店".into());
        let mut b = base.clone();
        b.facts.subject.order = None;
        let merged = parse(&Source::new("m.yaml", clean(Some(&base), &a, &b))).unwrap();
        assert_eq!(merged.facts.place.as_deref(), Some("北京朝阳店"));
        assert_eq!(merged.facts.subject.order, None);
        assert_eq!(merged.facts.subject.name.as_deref(), Some("手机"));
    }

    #[test]
    fn a_fact_changed_differently_on_both_sides_is_a_conflict() {
        let base = record();
        let mut a = appended(&base, &[note("2026-09-30T11:00:00+08:00", "王芳", "x")]);
        a.facts.customer.phone = Some("13900001111".into());
        a.facts.merchant = Some("甲店".into());
        let mut b = base.clone();
        b.facts.customer.phone = Some("13700002222".into());
        b.facts.merchant = Some("乙店".into());
        let found = conflicts(Some(&base), &a, &b);
        assert_eq!(
            found,
            [
                FieldConflict {
                    field: "facts.customer.phone".into(),
                    ours: "\"13900001111\"".into(),
                    theirs: "\"13700002222\"".into(),
                },
                FieldConflict {
                    field: "facts.merchant".into(),
                    ours: "\"甲店\"".into(),
                    theirs: "\"乙店\"".into(),
                },
            ]
        );
        // Removed on one side, changed on the other.
        let mut b = base.clone();
        b.facts.customer.phone = None;
        let found = conflicts(Some(&base), &a, &b);
        assert_eq!(found[0].theirs, "(absent)");
    }

    #[test]
    fn long_values_are_cut_in_a_conflict() {
        let base = record();
        let mut a = base.clone();
        a.facts.description = Some("屏".repeat(500));
        let mut b = base.clone();
        b.facts.description = Some("碎".repeat(500));
        let found = conflicts(Some(&base), &a, &b);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "facts.description");
        assert_eq!(found[0].ours.chars().count(), SHOWN);
        assert!(found[0].theirs.ends_with('…'));
    }

    #[test]
    fn without_a_base_records_must_agree() {
        let base = record();
        assert_eq!(clean(None, &base, &base), crate::to_yaml(&base).unwrap());
        // The same complaint registered twice, then each noted: facts agree, events united.
        let a = appended(&base, &[note("2026-09-30T11:00:00+08:00", "王芳", "x")]);
        let b = appended(&base, &[note("2026-09-30T11:05:00+08:00", "李雷", "y")]);
        assert_eq!(history(&clean(None, &a, &b)).len(), base.history.len() + 2);

        let mut b = base.clone();
        b.received_at = at("2026-09-30T10:05:00+08:00");
        let found = conflicts(None, &base, &b);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "received_at");
        assert_eq!(found[0].ours, "\"2026-09-30T10:00:00+08:00\"");
    }

    #[test]
    fn conflict_markers_are_found_at_the_start_of_lines() {
        let base = crate::to_yaml(&record()).unwrap();
        assert_eq!(conflict_marker(&base), None);
        let (head, tail) = base.split_at(base.find("history:").unwrap());
        let marked = format!("{head}<<<<<<< HEAD\n{tail}=======\n{tail}>>>>>>> desk-b\n");
        assert_eq!(conflict_marker(&marked), Some(head.len()));
        assert_eq!(conflict_marker("a: 1\r\n=======\r\n"), Some(6));
        assert_eq!(conflict_marker(">>>>>>> theirs"), Some(0));
        assert_eq!(conflict_marker("<<<<<<<\n"), Some(0));

        // `=======` inside a value, or indented in a block text, is not a marker.
        let text = "description: 上面 ======= 下面\nnote: |\n  =======\n  <<<<<<< x\n";
        assert_eq!(conflict_marker(text), None);
        assert_eq!(conflict_marker("========\n<<<<<<<<x\n"), None);
        assert_eq!(conflict_marker(""), None);
    }

    #[test]
    fn unreadable_input_is_an_error_not_a_panic() {
        let good = source("good.yaml", &record());
        for bad in [
            "",
            "   \n",
            "garbage: [",
            "just text",
            "- 1\n- 2\n",
            "id: 42\n",
        ] {
            let bad = Source::new("bad.yaml", bad);
            assert!(merge_records(None, &bad, &good).is_err());
            assert!(merge_records(None, &good, &bad).is_err());
            assert!(merge_records(Some(&bad), &good, &good).is_err());
        }
        let err = merge_records(None, &Source::new("bad.yaml", "garbage: ["), &good).unwrap_err();
        match err {
            Error::Source(e) => assert_eq!(e.file(), "bad.yaml"),
            other => panic!("{other:?}"),
        }
        // Every truncation of a record: merged or refused, never a panic.
        let text = good.text();
        for (cut, _) in text.char_indices() {
            let part = Source::new("part.yaml", &text[..cut]);
            let _ = merge_records(Some(&good), &part, &good);
            let _ = merge_records(None, &good, &part);
        }
    }
}
