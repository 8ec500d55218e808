//! Every clock of the shipped procedures (docs/procedures.md) as a small inline rulebook,
//! evaluated by the library (`clock::evaluate` with `classify::standing`) for complaints built
//! in memory, against due times and statuses worked out by hand in the comment beside each case.
//!
//! Ground rules of the working (the program's documented semantics):
//! * hours and minutes are elapsed time, whatever the calendar says (S0 and S2 intake is 7x24);
//! * a period of working days (`wd`) does not count the day it starts on and ends at 24:00 of
//!   its last working day, written here as 00:00 of the next day;
//! * the due time is inclusive: stopped exactly at it is `met`, a minute later `met_late`;
//!   running exactly at it is `at_risk`, a minute later `breached`; running past the warning
//!   share (default 80 %) of the time from start to due is `at_risk`;
//! * a pause moves a working-day due time by the working days after the day it began up to
//!   the day it ended (or up to now, while it lasts);
//! * the cn calendar for 2026: Spring Festival 02-15..02-23 off, make-up Sat 02-14 and Sat
//!   02-28; Mid-autumn 09-25..09-27 off; National Day 10-01..10-07 off, make-up Sun 09-20 and
//!   Sat 10-10. 2026-01-01 is a Thursday.
//!
//! S0's "money compensation within 24 h of agreement" and "result fed back 1 working day after
//! execution" run from the `agree` and `pay` events.

use chrono::{NaiveDateTime, TimeZone};
use complaint::clock::{self, ClockState, ClockStatus};
use complaint::event::{Actor, decide};
use complaint::{Complaint, Event, Request, Rulebook, Source, State, Timestamp, classify};
use serde_json::{Value, json};

use ClockStatus::{AtRisk, Breached, Met, MetLate, Paused, Pending, Running};

/// `2026-09-30 10:00` in Beijing time.
fn t(text: &str) -> Timestamp {
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    chrono::FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .from_local_datetime(&local)
        .unwrap()
}

/// What every test rulebook has; each test adds grades, flags, rules and clocks.
const BASE: &str = r#"
rulebook: test
version: "1"
organisation: 测试
description: one clock of docs/procedures.md
timezone: Asia/Shanghai
channels: [{code: hotline, name: 热线}]
categories: [{code: CQ01, name: 商品质量问题}]
ladder:
  - {code: agent, name: 客服, role: agent}
  - {code: head, name: 部门负责人, role: dept_head}
calendar: {base: cn}
"#;

fn rulebook(rest: &str) -> Rulebook {
    Rulebook::load(Source::new("test.yaml", format!("{BASE}{rest}")))
        .unwrap_or_else(|e| panic!("{:?}", miette::Report::new(e)))
}

/// An event as the tables write it: `ack`, `close`, `classify`, `plan`, `feedback`,
/// `followup`, `pause`, `resume`, `reopen`, `agree`, `pay`, `extend CLOCK TO`, `grade CODE` (an override
/// with a reason). Built as a record writes it and read back, so that optional fields added to
/// events later do not break these tests.
fn event(at: &str, text: &str) -> Value {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut event = match words.as_slice() {
        ["ack"] => json!({"event": "ack", "handler": "王芳", "contact": "8001"}),
        ["close"] => json!({"event": "close", "outcome": "已解决"}),
        ["classify"] => json!({"event": "classify"}),
        ["grade", code] => json!({"event": "classify", "grade": code, "reason": "人工复核"}),
        ["plan"] => json!({"event": "plan", "summary": "退货退款"}),
        ["feedback"] => json!({"event": "feedback", "message": "已告知处理结果"}),
        ["followup"] => json!({"event": "followup", "comment": "满意", "satisfaction": 5}),
        ["pause"] => json!({"event": "pause", "reason": "等待客户补充证据"}),
        ["resume"] => json!({"event": "resume"}),
        ["reopen"] => json!({"event": "reopen", "reason": "客户仍不满意"}),
        ["agree"] => json!({"event": "agree"}),
        ["pay"] => json!({"event": "pay", "kind": "refund", "amount": "1500.00"}),
        ["extend", clock, to] => {
            json!({"event": "extend", "clock": clock, "to": to, "reason": "需第三方检测"})
        }
        _ => panic!("unknown event `{text}`"),
    };
    event["at"] = json!(t(at).to_rfc3339());
    event["by"] = json!("王芳");
    event
}

/// A complaint received at `received` with these flags (and claimed amount), then `events`.
fn complaint(
    received: &str,
    flags: &[&str],
    claimed: Option<&str>,
    events: &[(&str, &str)],
) -> Complaint {
    let mut history = vec![json!({
        "at": t(received).to_rfc3339(),
        "by": "王芳",
        "event": "received",
    })];
    history.extend(events.iter().map(|(at, what)| event(at, what)));
    let mut record = json!({
        "id": format!("C-{}-7KQX2M", t(received).format("%Y%m%d")),
        "received_at": t(received).to_rfc3339(),
        "rulebook": {"name": "test", "version": "1"},
        "channel": "hotline",
        "category": "CQ01",
        "flags": flags,
        "history": history,
    });
    if let Some(claimed) = claimed {
        record["claimed"] = json!(claimed);
    }
    serde_json::from_value(record.clone()).unwrap_or_else(|e| panic!("{e}: {record}"))
}

/// The clock `id` of `complaint` at `now`.
fn clock_at(rulebook: &Rulebook, complaint: &Complaint, id: &str, now: &str) -> ClockState {
    let standing = classify::standing(complaint, &State::of(complaint), rulebook);
    clock::evaluate(complaint, &standing, rulebook, t(now))
        .into_iter()
        .find(|c| c.clock == id)
        .unwrap_or_else(|| panic!("no clock {id}"))
}

/// One row of a table: received, flags, events, now → due (None: not started) and status.
type Case<'a> = (
    &'a str,
    &'a [&'a str],
    &'a [(&'a str, &'a str)],
    &'a str,
    Option<&'a str>,
    ClockStatus,
);

fn check(rulebook: &Rulebook, id: &str, cases: &[Case]) {
    for (n, (received, flags, events, now, due, status)) in cases.iter().enumerate() {
        let complaint = complaint(received, flags, None, events);
        let state = clock_at(rulebook, &complaint, id, now);
        let case = format!(
            "{id} case {} (received {received}, {events:?}, now {now})",
            n + 1
        );
        assert_eq!(state.error, None, "{case}");
        assert_eq!(state.due.as_ref().map(|d| d.at), due.map(t), "{case}: due");
        assert_eq!(state.status, *status, "{case}: status");
    }
}

/// S0 (enterprise compensation policy): acknowledge within 2 h ordinary / 6 h complex; handle
/// within 3 / 7 working days of the acknowledgement, waiting for the customer not counted;
/// money paid within 24 h of the customer's agreement; the result fed back within 1 working
/// day after execution (the payment).
const S0: &str = r#"
grades: [{code: ordinary, name: 普通投诉}, {code: complex, name: 复杂投诉}]
flags: [{code: multi_department, name: 涉及多部门}, {code: appraisal, name: 需技术鉴定}]
classify:
  grade:
    - {name: 涉及多部门或需技术鉴定, when: {flags: [multi_department, appraisal]}, then: complex}
    - {name: 其他投诉, then: ordinary}
clocks:
  - {id: acknowledge, name: 受理确认, start: received, stop: [ack], limit: 2h, by: grade, limits: {ordinary: 2h, complex: 6h}}
  - {id: handle, name: 处理时限, start: ack, stop: [close], limit: 3wd, by: grade, limits: {ordinary: 3wd, complex: 7wd}, pause: [pause], resume: [resume]}
  - {id: pay, name: 赔付到账, start: agree, stop: [pay], limit: 24h}
  - {id: result_feedback, name: 结果反馈, start: pay, stop: [feedback], limit: 1wd}
"#;

#[test]
fn s0_acknowledge_within_2h_ordinary_and_6h_complex() {
    let rb = rulebook(S0);
    let cx: &[&str] = &["appraisal"];
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Ordinary, Mon 11-23 10:00 + 2h = 12:00. Acknowledged exactly then: met.
        ("2026-11-23 10:00", &[], &[("2026-11-23 12:00", "ack")], "2026-11-23 13:00", Some("2026-11-23 12:00"), Met),
        // One minute past: met late.
        ("2026-11-23 10:00", &[], &[("2026-11-23 12:01", "ack")], "2026-11-23 13:00", Some("2026-11-23 12:00"), MetLate),
        // Not acknowledged: 95 of 120 minutes used (79 %) is running, 96 (80 %) at risk…
        ("2026-11-23 10:00", &[], &[], "2026-11-23 11:35", Some("2026-11-23 12:00"), Running),
        ("2026-11-23 10:00", &[], &[], "2026-11-23 11:36", Some("2026-11-23 12:00"), AtRisk),
        // …exactly at the due time still at risk, one minute after breached.
        ("2026-11-23 10:00", &[], &[], "2026-11-23 12:00", Some("2026-11-23 12:00"), AtRisk),
        ("2026-11-23 10:00", &[], &[], "2026-11-23 12:01", Some("2026-11-23 12:00"), Breached),
        // Complex (needs appraisal): Fri 11-27 19:30 + 6h = Sat 11-28 01:30, the weekend does
        // not matter to hours; acknowledged Monday morning: met late.
        ("2026-11-27 19:30", cx, &[("2026-11-30 09:00", "ack")], "2026-11-30 10:00", Some("2026-11-28 01:30"), MetLate),
        // Complex, Wed 09-30 23:00 + 6h = Thu 10-01 05:00, the first day of National Day;
        // acknowledged at 05:00 exactly: met.
        ("2026-09-30 23:00", cx, &[("2026-10-01 05:00", "ack")], "2026-10-02 00:00", Some("2026-10-01 05:00"), Met),
        // Ordinary on Spring Festival eve, Mon 02-16 22:30 + 2h = Tue 02-17 00:30.
        ("2026-02-16 22:30", &[], &[], "2026-02-17 00:31", Some("2026-02-17 00:30"), Breached),
        // Before it is received (now earlier than the receipt): not started.
        ("2026-11-23 10:00", &[], &[], "2026-11-23 09:00", None, Pending),
    ];
    check(&rb, "acknowledge", cases);
}

#[test]
fn s0_handle_within_3wd_ordinary_and_7wd_complex() {
    let rb = rulebook(S0);
    let cx: &[&str] = &["multi_department"];
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Ordinary, acknowledged Wed 09-30 10:00: 10-01..07 off; Thu 10-08 (1), Fri 10-09 (2),
        // Sat 10-10 make-up (3): due 24:00 of 10-10. Closed 23:59 that Saturday: met.
        ("2026-09-30 09:00", &[], &[("2026-09-30 10:00", "ack"), ("2026-10-10 23:59", "close")], "2026-10-12 09:00", Some("2026-10-11 00:00"), Met),
        // Closed exactly at 24:00: met; a minute later: met late.
        ("2026-09-30 09:00", &[], &[("2026-09-30 10:00", "ack"), ("2026-10-11 00:00", "close")], "2026-10-12 09:00", Some("2026-10-11 00:00"), Met),
        ("2026-09-30 09:00", &[], &[("2026-09-30 10:00", "ack"), ("2026-10-11 00:01", "close")], "2026-10-12 09:00", Some("2026-10-11 00:00"), MetLate),
        // Still open at the due time: at risk; a minute later: breached.
        ("2026-09-30 09:00", &[], &[("2026-09-30 10:00", "ack")], "2026-10-11 00:00", Some("2026-10-11 00:00"), AtRisk),
        ("2026-09-30 09:00", &[], &[("2026-09-30 10:00", "ack")], "2026-10-11 00:01", Some("2026-10-11 00:00"), Breached),
        // Complex, same start: 10-08 (1), 09 (2), 10 (3), Sun 10-11 off, 12 (4), 13 (5),
        // 14 (6), 15 (7): due 10-16 00:00. On Fri 10-09 12:00, 9d 2h of 15d 14h used (58 %).
        ("2026-09-30 09:00", cx, &[("2026-09-30 10:00", "ack")], "2026-10-09 12:00", Some("2026-10-16 00:00"), Running),
        // Spring Festival, ordinary, acknowledged Fri 02-13 15:00: Sat 02-14 make-up (1),
        // 02-15..23 off, Tue 02-24 (2), Wed 02-25 (3): due 02-26 00:00.
        ("2026-02-13 14:00", &[], &[("2026-02-13 15:00", "ack")], "2026-02-26 00:01", Some("2026-02-26 00:00"), Breached),
        // Complex: 02-14 (1), 24 (2), 25 (3), 26 (4), 27 (5), Sat 02-28 make-up (6), Sun
        // 03-01 off, Mon 03-02 (7): due 03-03 00:00; closed Mon 03-02 17:00: met.
        ("2026-02-13 14:00", cx, &[("2026-02-13 15:00", "ack"), ("2026-03-02 17:00", "close")], "2026-03-05 00:00", Some("2026-03-03 00:00"), Met),
        // Received and acknowledged late on a Friday (11-27 23:30): the Friday does not count,
        // Sat and Sun are off; Mon 11-30 (1), Tue 12-01 (2), Wed 12-02 (3): due 12-03 00:00,
        // 120h30m in all. Mon 12:00: 60h30m used (50 %) running; Wed 12:00: 108h30m (90 %)
        // at risk.
        ("2026-11-27 23:00", &[], &[("2026-11-27 23:30", "ack")], "2026-11-30 12:00", Some("2026-12-03 00:00"), Running),
        ("2026-11-27 23:00", &[], &[("2026-11-27 23:30", "ack")], "2026-12-02 12:00", Some("2026-12-03 00:00"), AtRisk),
        // Not acknowledged yet: not started.
        ("2026-11-27 23:00", &[], &[], "2026-12-02 12:00", None, Pending),
    ];
    check(&rb, "handle", cases);
}

#[test]
fn s0_handle_paused_while_waiting_for_the_customer() {
    let rb = rulebook(S0);
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Acknowledged Mon 09-28 09:00: 3wd = Tue 09-29 (1), Wed 09-30 (2), [10-01..07 off],
        // Thu 10-08 (3): due 10-09 00:00 without a pause.
        ("2026-09-28 08:00", &[], &[("2026-09-28 09:00", "ack")], "2026-10-09 00:01", Some("2026-10-09 00:00"), Breached),
        // Paused Tue 09-29 15:00, resumed Thu 10-08 09:00: the working days after 09-29 up to
        // 10-08 are 09-30 and 10-08 (the holidays between are no working days): 2, so 5wd =
        // 09-29, 09-30, 10-08, 10-09, Sat 10-10 make-up: due 10-11 00:00.
        ("2026-09-28 08:00", &[], &[("2026-09-28 09:00", "ack"), ("2026-09-29 15:00", "pause"), ("2026-10-08 09:00", "resume")], "2026-10-09 00:01", Some("2026-10-11 00:00"), AtRisk),
        ("2026-09-28 08:00", &[], &[("2026-09-28 09:00", "ack"), ("2026-09-29 15:00", "pause"), ("2026-10-08 09:00", "resume")], "2026-10-11 00:01", Some("2026-10-11 00:00"), Breached),
        // Still paused on Thu 10-08 09:00: paused, and due as if it resumed now (10-11 00:00).
        ("2026-09-28 08:00", &[], &[("2026-09-28 09:00", "ack"), ("2026-09-29 15:00", "pause")], "2026-10-08 09:00", Some("2026-10-11 00:00"), Paused),
        // Still paused a week later, Thu 10-15 09:00: working days after 09-29 up to 10-15:
        // 09-30, 10-08, 09, 10, 12, 13, 14, 15 = 8, so 11wd = 09-29, 09-30, 10-08, 09, 10, 12,
        // 13, 14, 15, 16, 19: due 10-20 00:00 — and never breached while paused.
        ("2026-09-28 08:00", &[], &[("2026-09-28 09:00", "ack"), ("2026-09-29 15:00", "pause")], "2026-10-15 09:00", Some("2026-10-20 00:00"), Paused),
        // Paused and resumed within one day (Tue 09-29 10:00–16:00): no whole working day
        // passed, the due time stays 10-09 00:00.
        ("2026-09-28 08:00", &[], &[("2026-09-28 09:00", "ack"), ("2026-09-29 10:00", "pause"), ("2026-09-29 16:00", "resume")], "2026-10-09 00:00", Some("2026-10-09 00:00"), AtRisk),
    ];
    check(&rb, "handle", cases);
    // The acknowledge clock does not pause.
    let c = complaint(
        "2026-09-28 08:00",
        &[],
        None,
        &[("2026-09-28 08:30", "pause")],
    );
    let ack = clock_at(&rb, &c, "acknowledge", "2026-09-28 10:01");
    assert_eq!((ack.status, ack.pauses.len()), (Breached, 0));
}

#[test]
fn s0_money_within_24h_of_agreement() {
    let rb = rulebook(S0);
    let agreed = |at: &'static str| [("2026-09-01 09:00", "ack"), (at, "agree")];
    let fri = agreed("2026-11-27 18:00");
    let paid_in_time = [fri[0], fri[1], ("2026-11-28 18:00", "pay")];
    let paid_late = [fri[0], fri[1], ("2026-11-28 18:01", "pay")];
    let nat = agreed("2026-09-30 12:00");
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Agreed Fri 11-27 18:00 + 24h = Sat 11-28 18:00, weekend or not. Paid exactly then:
        // met; a minute later: met late.
        ("2026-09-01 08:00", &[], &paid_in_time, "2026-11-30 00:00", Some("2026-11-28 18:00"), Met),
        ("2026-09-01 08:00", &[], &paid_late, "2026-11-30 00:00", Some("2026-11-28 18:00"), MetLate),
        // Not paid: 19h12m of 24h (80 %) at risk; at 18:00 at risk; 18:01 breached.
        ("2026-09-01 08:00", &[], &fri, "2026-11-28 13:11", Some("2026-11-28 18:00"), Running),
        ("2026-09-01 08:00", &[], &fri, "2026-11-28 13:12", Some("2026-11-28 18:00"), AtRisk),
        ("2026-09-01 08:00", &[], &fri, "2026-11-28 18:00", Some("2026-11-28 18:00"), AtRisk),
        ("2026-09-01 08:00", &[], &fri, "2026-11-28 18:01", Some("2026-11-28 18:00"), Breached),
        // Agreed the day before National Day, Wed 09-30 12:00: Thu 10-01 12:00, a holiday.
        ("2026-09-01 08:00", &[], &nat, "2026-10-01 12:01", Some("2026-10-01 12:00"), Breached),
        // Nothing agreed: nothing owed.
        ("2026-09-01 08:00", &[], &[("2026-09-01 09:00", "ack")], "2026-12-31 00:00", None, Pending),
    ];
    check(&rb, "pay", cases);
}

#[test]
fn s0_result_fed_back_within_1wd_after_execution() {
    let rb = rulebook(S0);
    let paid = |at: &'static str, fed: Option<&'static str>| {
        let mut events = vec![
            ("2026-01-05 09:00", "ack"),
            ("2026-01-06 09:00", "agree"),
            (at, "pay"),
        ];
        events.extend(fed.map(|f| (f, "feedback")));
        events
    };
    let fri = paid("2026-11-27 16:00", Some("2026-11-30 17:00"));
    let festival = paid("2026-02-13 16:00", Some("2026-02-16 10:00"));
    let festival_sat = paid("2026-02-13 16:00", Some("2026-02-14 17:00"));
    let national = paid("2026-09-30 10:00", None);
    let makeup_sat = paid("2026-10-10 10:00", Some("2026-10-13 00:00"));
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Paid Fri 11-27 16:00: Sat, Sun off; Mon 11-30 (1): due 12-01 00:00. Fed back Mon
        // 17:00: met.
        ("2026-01-05 08:00", &[], &fri, "2026-12-02 00:00", Some("2026-12-01 00:00"), Met),
        // Paid Fri 02-13 16:00, the eve of Spring Festival: Sat 02-14 is a make-up working
        // day (1), so it was due at 02-15 00:00 — feeding back on Mon 02-16 (a holiday) is
        // late, feeding back on the make-up Saturday in time.
        ("2026-01-05 08:00", &[], &festival, "2026-02-24 00:00", Some("2026-02-15 00:00"), MetLate),
        ("2026-01-05 08:00", &[], &festival_sat, "2026-02-24 00:00", Some("2026-02-15 00:00"), Met),
        // Paid Wed 09-30 10:00: 10-01..07 off, Thu 10-08 (1): due 10-09 00:00; still
        // waiting on 10-08 12:00 (194 of 206 h used): at risk; 10-09 00:01: breached.
        ("2026-01-05 08:00", &[], &national, "2026-10-08 12:00", Some("2026-10-09 00:00"), AtRisk),
        ("2026-01-05 08:00", &[], &national, "2026-10-09 00:01", Some("2026-10-09 00:00"), Breached),
        // Paid on the make-up Saturday 10-10: Sun off, Mon 10-12 (1): due 10-13 00:00; fed
        // back exactly then: met.
        ("2026-01-05 08:00", &[], &makeup_sat, "2026-10-14 00:00", Some("2026-10-13 00:00"), Met),
    ];
    check(&rb, "result_feedback", cases);
}

/// S2 (e-commerce platform): respond within 1 h; preliminary investigation and classification
/// within 2 working days; feed back within 3 working days after the plan; complete within 15
/// working days, extendable with approval to at most 30.
const S2: &str = r#"
grades: [{code: general, name: 一般投诉}, {code: major, name: 重大投诉}]
clocks:
  - {id: respond, name: 首次响应, start: received, stop: [ack], limit: 1h}
  - {id: investigate, name: 初步调查与分类, start: received, stop: [classify], limit: 2wd}
  - {id: feedback, name: 方案反馈, start: plan, stop: [feedback], limit: 3wd}
  - id: complete
    name: 办结时限
    start: received
    stop: [close]
    limit: 15wd
    extend: {max: 30wd, approvers: [dept_head]}
"#;

#[test]
fn s2_respond_within_1h_around_the_clock() {
    let rb = rulebook(S2);
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Received on National Day, Thu 10-01 09:00: 10:00, holidays or not.
        ("2026-10-01 09:00", &[], &[("2026-10-01 10:00", "ack")], "2026-10-01 11:00", Some("2026-10-01 10:00"), Met),
        ("2026-10-01 09:00", &[], &[("2026-10-01 10:01", "ack")], "2026-10-01 11:00", Some("2026-10-01 10:00"), MetLate),
        // 47 of 60 minutes used (78 %) running; 48 (80 %) at risk; 61 breached.
        ("2026-10-01 09:00", &[], &[], "2026-10-01 09:47", Some("2026-10-01 10:00"), Running),
        ("2026-10-01 09:00", &[], &[], "2026-10-01 09:48", Some("2026-10-01 10:00"), AtRisk),
        ("2026-10-01 09:00", &[], &[], "2026-10-01 10:01", Some("2026-10-01 10:00"), Breached),
        // Late on a Friday: 23:30 + 1h = Sat 00:30.
        ("2026-11-27 23:30", &[], &[("2026-11-28 00:30", "ack")], "2026-11-28 09:00", Some("2026-11-28 00:30"), Met),
    ];
    check(&rb, "respond", cases);
}

#[test]
fn s2_investigate_and_classify_within_2wd_of_receipt() {
    let rb = rulebook(S2);
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Fri 02-13 15:00: Sat 02-14 make-up (1), 02-15..23 off, Tue 02-24 (2): due 02-25
        // 00:00. Classified Tue 17:00: met; Wed 00:01: met late.
        ("2026-02-13 15:00", &[], &[("2026-02-24 17:00", "classify")], "2026-02-26 00:00", Some("2026-02-25 00:00"), Met),
        ("2026-02-13 15:00", &[], &[("2026-02-25 00:01", "classify")], "2026-02-26 00:00", Some("2026-02-25 00:00"), MetLate),
        // Fri 11-27 22:00: Mon 11-30 (1), Tue 12-01 (2): due 12-02 00:00.
        ("2026-11-27 22:00", &[], &[], "2026-12-02 00:00", Some("2026-12-02 00:00"), AtRisk),
        ("2026-11-27 22:00", &[], &[], "2026-12-02 00:01", Some("2026-12-02 00:00"), Breached),
        // Received on the make-up Saturday 10-10 (a working day, but the start day never
        // counts): Sun 10-11 off, Mon 10-12 (1), Tue 10-13 (2): due 10-14 00:00.
        ("2026-10-10 10:00", &[], &[("2026-10-13 09:00", "classify")], "2026-10-20 00:00", Some("2026-10-14 00:00"), Met),
        // Received Sat 09-19 (a weekend day) 10:00: Sun 09-20 make-up (1), Mon 09-21 (2):
        // due 09-22 00:00, 62 h in all. Mon 09:00: 47 h used (76 %) running; Mon 12:00: 50 h
        // (81 %) at risk.
        ("2026-09-19 10:00", &[], &[], "2026-09-21 09:00", Some("2026-09-22 00:00"), Running),
        ("2026-09-19 10:00", &[], &[], "2026-09-21 12:00", Some("2026-09-22 00:00"), AtRisk),
    ];
    check(&rb, "investigate", cases);
}

#[test]
fn s2_feedback_within_3wd_after_the_plan() {
    let rb = rulebook(S2);
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Plan Thu 09-24 16:00: Fri 09-25..Sun 09-27 中秋 off, Mon 09-28 (1), Tue 09-29 (2),
        // Wed 09-30 (3): due 10-01 00:00. Fed back Wed 18:00: met.
        ("2026-09-21 09:00", &[], &[("2026-09-24 16:00", "plan"), ("2026-09-30 18:00", "feedback")], "2026-10-08 00:00", Some("2026-10-01 00:00"), Met),
        // No plan yet: the clock waits, whatever the time.
        ("2026-09-21 09:00", &[], &[], "2026-12-31 00:00", None, Pending),
        // Feedback before any plan does not count; the clock starts at the plan.
        ("2026-09-21 09:00", &[], &[("2026-09-22 09:00", "feedback"), ("2026-09-24 16:00", "plan")], "2026-10-01 00:01", Some("2026-10-01 00:00"), Breached),
        // Plan Wed 09-30 10:00: 10-08, 09, 10 (make-up): due 10-11 00:00; fed back Mon 10-12:
        // met late.
        ("2026-09-29 09:00", &[], &[("2026-09-30 10:00", "plan"), ("2026-10-12 09:00", "feedback")], "2026-10-12 10:00", Some("2026-10-11 00:00"), MetLate),
        // Closed without feedback: closing stops only clocks that name `close`, so the feedback
        // is still owed, and past its due time (10-11 00:00) the clock is breached.
        ("2026-09-29 09:00", &[], &[("2026-09-30 10:00", "plan"), ("2026-10-09 09:00", "close")], "2026-10-20 00:00", Some("2026-10-11 00:00"), Breached),
    ];
    check(&rb, "feedback", cases);
}

#[test]
fn s2_complete_within_15wd_extended_to_30wd() {
    let rb = rulebook(S2);
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Wed 09-30 10:00: 10-08 (1), 09 (2), Sat 10 (3), 12..16 (4-8), 19..23 (9-13),
        // 26 (14), 27 (15): due 10-28 00:00.
        ("2026-09-30 10:00", &[], &[], "2026-10-28 00:00", Some("2026-10-28 00:00"), AtRisk),
        ("2026-09-30 10:00", &[], &[], "2026-10-28 00:01", Some("2026-10-28 00:00"), Breached),
        // Extended on 10-20 to 30wd: on from 10-27 (15): 10-28 (16), 29 (17), 30 (18),
        // 11-02..06 (19-23), 09..13 (24-28), 16 (29), 17 (30): due 11-18 00:00. On 10-28
        // 00:01 27d 14h of 48d 14h are used (57 %): running.
        ("2026-09-30 10:00", &[], &[("2026-10-20 10:00", "extend complete 30wd")], "2026-10-28 00:01", Some("2026-11-18 00:00"), Running),
        ("2026-09-30 10:00", &[], &[("2026-10-20 10:00", "extend complete 30wd"), ("2026-11-17 16:00", "close")], "2026-11-20 00:00", Some("2026-11-18 00:00"), Met),
        ("2026-09-30 10:00", &[], &[("2026-10-20 10:00", "extend complete 30wd"), ("2026-11-18 00:01", "close")], "2026-11-20 00:00", Some("2026-11-18 00:00"), MetLate),
        // An extension of another clock changes nothing here.
        ("2026-09-30 10:00", &[], &[("2026-10-20 10:00", "extend feedback 5wd")], "2026-10-28 00:01", Some("2026-10-28 00:00"), Breached),
        // Across Spring Festival, Fri 02-13: 02-14 (1), 24 (2), 25 (3), 26 (4), 27 (5), Sat
        // 28 (6), 03-02..06 (7-11), 09..12 (12-15): due 03-13 00:00.
        ("2026-02-13 15:00", &[], &[("2026-03-12 18:00", "close")], "2026-03-20 00:00", Some("2026-03-13 00:00"), Met),
    ];
    check(&rb, "complete", cases);
    // The extended state says so.
    let c = complaint(
        "2026-09-30 10:00",
        &[],
        None,
        &[("2026-10-20 10:00", "extend complete 30wd")],
    );
    let state = clock_at(&rb, &c, "complete", "2026-10-21 00:00");
    assert!(state.extended);
    assert_eq!(state.limit.to_string(), "30wd");
}

#[test]
fn s2_an_extension_is_approved_by_a_department_head_before_the_deadline() {
    let rb = rulebook(S2);
    let head = ["dept_head".to_string()];
    let agent = ["agent".to_string()];
    let extend = |to: &str| {
        Request::Extend(complaint::event::Extend {
            clock: "complete".into(),
            to: to.parse().unwrap(),
            reason: "需第三方检测".into(),
        })
    };
    // Due 10-28 00:00 as above.
    let c = complaint("2026-09-30 10:00", &[], None, &[]);
    let ask = |roles: &[String], now: &str, to: &str| {
        decide(
            &c,
            &rb,
            Actor {
                name: "李娜",
                roles,
            },
            t(now),
            extend(to),
        )
    };
    assert!(ask(&head, "2026-10-20 10:00", "30wd").is_ok());
    assert!(
        ask(&agent, "2026-10-20 10:00", "30wd").is_err(),
        "an agent may not"
    );
    assert!(
        ask(&head, "2026-10-20 10:00", "31wd").is_err(),
        "beyond 30wd"
    );
    assert!(
        ask(&head, "2026-10-20 10:00", "30d").is_err(),
        "another unit"
    );
    assert!(
        ask(&head, "2026-10-20 10:00", "15wd").is_err(),
        "no longer than now"
    );
    assert!(
        ask(&head, "2026-10-28 00:00", "30wd").is_ok(),
        "at the due time"
    );
    assert!(
        ask(&head, "2026-10-28 00:01", "30wd").is_err(),
        "after it ran out"
    );
}

/// S1 (building-materials mall): a return visit within 3 working days after the problem is
/// handled (the close).
const S1: &str = r#"
clocks:
  - {id: return_visit, name: 回访, start: close, stop: [followup], limit: 3wd}
"#;

#[test]
fn s1_return_visit_within_3wd_after_the_close() {
    let rb = rulebook(S1);
    let closed = |at: &'static str| [("2026-09-01 09:00", "ack"), (at, "close")];
    let fri = closed("2026-11-27 17:00");
    let nat = closed("2026-09-30 16:00");
    let fri_visit = [fri[0], fri[1], ("2026-12-02 10:00", "followup")];
    let fri_late = [fri[0], fri[1], ("2026-12-03 09:00", "followup")];
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Closed Fri 11-27 17:00: Mon 11-30 (1), Tue 12-01 (2), Wed 12-02 (3): due 12-03
        // 00:00. (The close starts this clock; it does not stop it.)
        ("2026-09-01 08:00", &[], &fri, "2026-11-30 10:00", Some("2026-12-03 00:00"), Running),
        ("2026-09-01 08:00", &[], &fri_visit, "2026-12-04 00:00", Some("2026-12-03 00:00"), Met),
        ("2026-09-01 08:00", &[], &fri_late, "2026-12-04 00:00", Some("2026-12-03 00:00"), MetLate),
        // Closed Wed 09-30 16:00, before National Day: 10-08, 09, 10 (make-up): due 10-11
        // 00:00.
        ("2026-09-01 08:00", &[], &nat, "2026-10-11 00:00", Some("2026-10-11 00:00"), AtRisk),
        ("2026-09-01 08:00", &[], &nat, "2026-10-11 00:01", Some("2026-10-11 00:00"), Breached),
        // Not closed: no return visit is owed yet.
        ("2026-09-01 08:00", &[], &[("2026-09-01 09:00", "ack")], "2026-12-31 00:00", None, Pending),
    ];
    check(&rb, "return_visit", cases);
}

/// S3 (general workflow): graded general / important / urgent-major, each with its own limit.
/// The seed gives no numbers; chosen here: general 10wd, important 5wd, urgent-major 24 h
/// (elapsed, around the clock). Personal safety or brand risk is urgent-major; a claim of
/// 1000 yuan or more (a major loss) is important; the rest general.
const S3: &str = r#"
grades:
  - {code: general, name: 一般}
  - {code: important, name: 重要}
  - {code: urgent_major, name: 紧急重大}
flags: [{code: safety, name: 人身安全}, {code: brand, name: 品牌风险}]
classify:
  grade:
    - {name: 人身安全或品牌风险, when: {flags: [safety, brand]}, then: urgent_major}
    - {name: 重大损失, when: {claimed_at_least: "1000"}, then: important}
    - {name: 其他, then: general}
clocks:
  - {id: resolve, name: 处理时限, start: received, stop: [close], limit: 10wd, by: grade, limits: {general: 10wd, important: 5wd, urgent_major: 24h}}
"#;

#[test]
fn s3_each_grade_has_its_own_limit() {
    let rb = rulebook(S3);
    // All received Wed 09-30 10:00.
    // general 10wd: 10-08 (1), 09 (2), 10 (3), 12..16 (4-8), 19 (9), 20 (10): due 10-21 00:00.
    // important 5wd: 10-08, 09, 10, 12, 13: due 10-14 00:00.
    // urgent-major 24h: Thu 10-01 10:00, holiday or not.
    let cases = [
        (&[][..], None, "general", "2026-10-21 00:00"),
        (&[][..], Some("999.99"), "general", "2026-10-21 00:00"),
        (&[][..], Some("1000"), "important", "2026-10-14 00:00"),
        (&["brand"][..], None, "urgent_major", "2026-10-01 10:00"),
        (
            &["safety"][..],
            Some("5000"),
            "urgent_major",
            "2026-10-01 10:00",
        ),
    ];
    for (flags, claimed, grade, due) in cases {
        let c = complaint("2026-09-30 10:00", flags, claimed, &[]);
        let standing = classify::standing(&c, &State::of(&c), &rb);
        assert_eq!(standing.grade(), Some(grade), "{flags:?} {claimed:?}");
        let state = clock_at(&rb, &c, "resolve", "2026-09-30 12:00");
        assert_eq!(state.due.map(|d| d.at), Some(t(due)), "{grade}");
        // A minute past its own due time, each is breached; at it, at risk.
        let at = clock_at(&rb, &c, "resolve", due);
        assert_eq!(at.status, AtRisk, "{grade} at {due}");
        let after = t(due) + chrono::Duration::minutes(1);
        let after = clock_at(
            &rb,
            &c,
            "resolve",
            &after.format("%Y-%m-%d %H:%M").to_string(),
        );
        assert_eq!(after.status, Breached, "{grade} after {due}");
    }
    // A person reclassifies a general complaint as urgent-major (with a reason): 24h from the
    // receipt, so already breached at 10-02.
    let c = complaint(
        "2026-09-30 10:00",
        &[],
        None,
        &[("2026-09-30 11:00", "grade urgent_major")],
    );
    let state = clock_at(&rb, &c, "resolve", "2026-10-02 00:00");
    assert_eq!(state.limit.to_string(), "24h");
    assert_eq!(
        state.due.as_ref().map(|d| d.at),
        Some(t("2026-10-01 10:00"))
    );
    assert_eq!(state.status, Breached);
    // Classification without a reason records the rules' result; it overrides nothing.
    let c = complaint(
        "2026-09-30 10:00",
        &["brand"],
        None,
        &[("2026-09-30 11:00", "classify")],
    );
    let state = clock_at(&rb, &c, "resolve", "2026-09-30 12:00");
    assert_eq!(state.limit.to_string(), "24h");
}

#[test]
fn a_pause_across_midnight_costs_a_working_day_and_a_pause_within_a_day_none() {
    // Documented semantics, written down because they surprise: pauses are counted in whole
    // working days by date, not by length. S0 handle, acknowledged Mon 11-23 09:00, due 11-27
    // 00:00 (24, 25, 26).
    let rb = rulebook(S0);
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Paused Tue 11-24 23:59 for 2 minutes, to Wed 00:01: Wed 11-25 is a working day after
        // the pause's first day: 4wd, due 11-28 00:00.
        ("2026-11-23 08:00", &[], &[("2026-11-23 09:00", "ack"), ("2026-11-24 23:59", "pause"), ("2026-11-25 00:01", "resume")], "2026-11-25 10:00", Some("2026-11-28 00:00"), Running),
        // Paused Tue 11-24 08:00 to 20:00 (12 hours): the same day, nothing moves.
        ("2026-11-23 08:00", &[], &[("2026-11-23 09:00", "ack"), ("2026-11-24 08:00", "pause"), ("2026-11-24 20:00", "resume")], "2026-11-25 10:00", Some("2026-11-27 00:00"), Running),
        // Paused Thu 11-26 18:00 to Mon 11-30 09:00 (over a weekend): the working days after
        // Thursday up to Monday are Fri 11-27 and Mon 11-30: two, 5wd = 24, 25, 26, 27, 30,
        // due 12-01 00:00. On Mon 10:00, 169 of its 183 hours (paused ones included) are
        // gone: at risk.
        ("2026-11-23 08:00", &[], &[("2026-11-23 09:00", "ack"), ("2026-11-26 18:00", "pause"), ("2026-11-30 09:00", "resume")], "2026-11-30 10:00", Some("2026-12-01 00:00"), AtRisk),
    ];
    check(&rb, "handle", cases);
}

#[test]
fn an_extension_approved_before_the_clock_starts_is_not_lost() {
    let rb = rulebook(
        r#"
clocks:
  - id: feedback
    name: 方案反馈
    start: plan
    stop: [feedback]
    limit: 3wd
    extend: {max: 5wd, approvers: [dept_head]}
"#,
    );
    let head = ["dept_head".to_string()];
    let mut c = complaint(
        "2026-11-23 09:00",
        &[],
        None,
        &[("2026-11-23 09:30", "ack")],
    );
    let request = Request::Extend(complaint::event::Extend {
        clock: "feedback".into(),
        to: "5wd".parse().unwrap(),
        reason: "需多部门会商".into(),
    });
    let now = t("2026-11-23 10:00");
    let actor = Actor {
        name: "李娜",
        roles: &head,
    };
    if let Ok(extension) = decide(&c, &rb, actor, now, request) {
        // Accepted, so it must count: plan Tue 11-24 09:00 + 5wd = 25, 26, 27, 30, 12-01 →
        // due 12-02 00:00 (3wd would be 11-28 00:00).
        c.history.push(Event {
            at: now,
            by: "李娜".into(),
            action: extension,
        });
        let plan: Event = serde_json::from_value(event("2026-11-24 09:00", "plan")).unwrap();
        c.history.push(plan);
        let state = clock_at(&rb, &c, "feedback", "2026-11-24 10:00");
        assert_eq!(state.limit.to_string(), "5wd");
        assert_eq!(state.due.map(|d| d.at), Some(t("2026-12-02 00:00")));
    }
}

#[test]
fn a_clock_starting_during_a_pause_starts_paused() {
    let rb = rulebook(S0);
    // Received Mon 11-23 09:00, paused 09:10 (waiting for evidence), acknowledged 09:20,
    // resumed Wed 11-25 15:00. The handle clock starts paused at 09:20; the working days after
    // 11-23 up to 11-25 (24, 25) do not count: 5wd = 24, 25, 26, 27, 30, due 12-01 00:00.
    let events = [
        ("2026-11-23 09:10", "pause"),
        ("2026-11-23 09:20", "ack"),
        ("2026-11-25 15:00", "resume"),
    ];
    let c = complaint("2026-11-23 09:00", &[], None, &events[..2]);
    assert!(State::of(&c).paused_since.is_some());
    assert_eq!(
        clock_at(&rb, &c, "handle", "2026-11-24 10:00").status,
        Paused
    );
    let c = complaint("2026-11-23 09:00", &[], None, &events);
    let state = clock_at(&rb, &c, "handle", "2026-11-26 10:00");
    assert_eq!(state.due.map(|d| d.at), Some(t("2026-12-01 00:00")));
}

#[test]
fn a_clock_closed_while_paused_keeps_its_due_time() {
    let rb = rulebook(S0);
    // Acknowledged Mon 11-23 09:00: due 11-27 00:00 (24, 25, 26). Paused Mon 11-30 10:00,
    // after the clock had run out, so the pause does not count (no pause undoes a breach) and
    // the due time stays 11-27 00:00; closed Tue 12-01 10:00: met late — the same on 12-01
    // as a month later.
    let c = complaint(
        "2026-11-23 08:00",
        &[],
        None,
        &[
            ("2026-11-23 09:00", "ack"),
            ("2026-11-30 10:00", "pause"),
            ("2026-12-01 10:00", "close"),
        ],
    );
    for now in ["2026-12-01 11:00", "2026-12-31 00:00"] {
        let state = clock_at(&rb, &c, "handle", now);
        assert_eq!(
            state.due.map(|d| d.at),
            Some(t("2026-11-27 00:00")),
            "due at {now}"
        );
        assert_eq!(state.status, MetLate, "at {now}");
    }
}

#[test]
fn a_pause_after_the_deadline_does_not_undo_the_breach() {
    let rb = rulebook(S0);
    // Acknowledged Tue 11-24 09:00: 3wd = 25, 26, 27, due Sat 11-28 00:00; breached on Sat
    // 09:00. Paused Sat 11-28 10:00 (the clock had run out), resumed Mon 11-30 09:00: the due
    // time stays 11-28 00:00 and on Mon 10:00 it is still breached. (The program counts Mon
    // 11-30 as paused, moves the due time to 4wd = 25, 26, 27, 30, 12-01 00:00, and reports
    // the clock at risk.)
    let c = complaint(
        "2026-11-24 08:00",
        &[],
        None,
        &[
            ("2026-11-24 09:00", "ack"),
            ("2026-11-28 10:00", "pause"),
            ("2026-11-30 09:00", "resume"),
        ],
    );
    assert_eq!(
        clock_at(&rb, &c, "handle", "2026-11-28 09:00").status,
        Breached
    );
    let state = clock_at(&rb, &c, "handle", "2026-11-30 10:00");
    assert_eq!(state.status, Breached);
    assert_eq!(state.due.map(|d| d.at), Some(t("2026-11-28 00:00")));
}

#[test]
fn a_return_visit_is_due_after_the_last_close() {
    let rb = rulebook(S1);
    // Closed Mon 11-23 10:00, reopened Tue 11-24 09:00 (the customer was not satisfied),
    // closed again Mon 11-30 10:00: the return visit is due 3wd after the last close, 12-01,
    // 02, 03, at 12-04 00:00; on Tue 12-01 it is running. (From the first close it would have
    // been due 11-27 00:00: 24, 25, 26.)
    let c = complaint(
        "2026-11-20 09:00",
        &[],
        None,
        &[
            ("2026-11-20 09:30", "ack"),
            ("2026-11-23 10:00", "close"),
            ("2026-11-24 09:00", "reopen"),
            ("2026-11-30 10:00", "close"),
        ],
    );
    let state = clock_at(&rb, &c, "return_visit", "2026-12-01 10:00");
    assert_eq!(state.due.map(|d| d.at), Some(t("2026-12-04 00:00")));
    assert_eq!(state.status, Running);
}
