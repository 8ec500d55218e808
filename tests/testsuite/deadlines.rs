//! Deadlines on the command line: `sla` (table, JSON, CSV, exit codes, `--all`, `--clock`,
//! `--escalate`), `explain`, `classify` and its override, `pause`/`resume`, `extend`, and the
//! calendar commands `calendar` and `due`.
//!
//! Every expected due time is worked out by hand in a comment beside it, from the default
//! rulebook (rules/enterprise.yaml): `acknowledge` runs from `received` to `ack`, 2h for an
//! ordinary complaint and 6h for a complex one (the flag `multi_department` makes it complex),
//! at risk after 75 % of the time (its `warn: 0.75`); `handle` runs from `ack` to `close`, 3wd
//! ordinary and 7wd complex, at risk after the default 80 %, paused between `pause` and
//! `resume`, escalating when breached (its `pay` and `result_feedback` clocks wait for `agree`
//! and `pay`, which these tests never record, so they stay pending). Working days follow the
//! cn calendar; a period of working days ends at 24:00 of its last day, and the day it
//! starts on is not counted. The 2026 schedule: Mid-autumn 09-25..09-27 off; National Day
//! 10-01..10-07 off, make-up working days Sun 09-20 and Sat 10-10; Spring Festival 02-15..02-23
//! off, make-up Sat 02-14 and Sat 02-28.
//!
//! Complaints are named by their date prefix (`C-20261123`), unique within each book.

use insta_cmd::assert_cmd_snapshot;
use serde_json::Value;

use crate::support::{Book, describe};

/// Runs `complaint ARGS` in the book and asserts it exits with `code`.
fn exits(book: &Book, args: &[&str], code: i32) -> std::process::Output {
    let output = book.output(args);
    assert_eq!(
        output.status.code(),
        Some(code),
        "{args:?}: {}",
        describe(&output)
    );
    output
}

/// The `sla --format json` rows at `now`, with extra arguments; asserts the exit code.
fn sla_json(book: &Book, now: &str, extra: &[&str], code: i32) -> Vec<Value> {
    let mut args = vec!["sla", "--format", "json", "--now", now];
    args.extend(extra);
    let output = exits(book, &args, code);
    serde_json::from_slice::<Value>(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", describe(&output)))["deadlines"]
        .as_array()
        .expect("an array of rows")
        .clone()
}

/// `explain ID --format json` at `now`: the clock called `clock`.
fn explained(book: &Book, id: &str, now: &str, clock: &str) -> Value {
    let out = book.json(&["explain", id, "--now", now]);
    out["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["clock"]["code"] == clock)
        .unwrap_or_else(|| panic!("no clock {clock} in {out}"))
        .clone()
}

/// A book with one complaint in each state `sla` distinguishes, all ordinary unless said:
///
/// | ID | received | what happened | at 2026-11-27 10:00 |
/// |---|---|---|---|
/// | 1 `C-20261119` | Thu 11-19 09:00 | never acknowledged | `acknowledge` breached: due 11:00 the same day |
/// | 2 `C-20261120` | Fri 11-20 09:00 | ack 09:30, closed Tue 11-24 16:00 | both met: not listed |
/// | 3 `C-20261123` | Mon 11-23 09:00 | ack 09:30, assigned to 李雷 | `handle` breached: 3wd = 24, 25, 26, due 11-27 00:00 |
/// | 4 `C-20261124` | Tue 11-24 09:00 | ack 09:20 | `handle` at risk: 3wd = 25, 26, 27, due 11-28 00:00; 72h40m of 86h40m used = 84 % ≥ 80 % |
/// | 5 `C-20261125` | Wed 11-25 09:00, complex | ack 09:10 | `handle` running: 7wd = 26, 27, 30, 12-01, 02, 03, 04, due 12-05 00:00 |
/// | 6 `C-20261126` | Thu 11-26 09:00 | ack 09:05, paused 14:00 | `handle` paused |
/// | 7 `C-20261127` | Fri 11-27 08:20 | not yet acknowledged | `acknowledge` at risk: due 10:20, 100 of 120 min used |
fn sla_book() -> Book {
    let book = Book::new();
    book.new_complaint("2026-11-19T09:00:00+08:00");

    book.new_complaint("2026-11-20T09:00:00+08:00");
    book.steps("C-20261120")
        .ack("2026-11-20T09:30:00+08:00")
        .close("已退货", "2026-11-24T16:00:00+08:00");

    book.new_complaint("2026-11-23T09:00:00+08:00");
    book.steps("C-20261123")
        .ack("2026-11-23T09:30:00+08:00")
        .assign("李雷", "2026-11-23T09:40:00+08:00");

    book.new_complaint("2026-11-24T09:00:00+08:00");
    book.steps("C-20261124").ack("2026-11-24T09:20:00+08:00");

    book.new_complaint_with(
        "2026-11-25T09:00:00+08:00",
        &[("--flag", "multi_department")],
    );
    book.steps("C-20261125").ack("2026-11-25T09:10:00+08:00");

    book.new_complaint("2026-11-26T09:00:00+08:00");
    book.steps("C-20261126")
        .ack("2026-11-26T09:05:00+08:00")
        .pause("等待客户补充照片", "2026-11-26T14:00:00+08:00");

    book.new_complaint("2026-11-27T08:20:00+08:00");
    book
}

const SLA_NOW: &str = "2026-11-27T10:00:00+08:00";

#[test]
fn sla_lists_breached_then_at_risk_most_urgent_first_and_exits_3() {
    let book = sla_book();
    assert_cmd_snapshot!(book.run(&["sla", "--now", SLA_NOW]));
    assert_cmd_snapshot!(
        "sla_json",
        book.run(&["sla", "--format", "json", "--now", SLA_NOW])
    );
    assert_cmd_snapshot!(
        book.run(&["sla", "--format", "csv", "--now", SLA_NOW]),
        @"
        success: false
        exit_code: 3
        ----- stdout -----
        id,clock,name,status,due,provisional,minutes_left,grade,tier,assignee,level,error
        C-20261119-[ID_1],acknowledge,受理确认,breached,2026-11-19T11:00:00+08:00,false,-11460,ordinary,,,handler,
        C-20261123-[ID_3],handle,处理时限,breached,2026-11-27T00:00:00+08:00,false,-600,ordinary,,李雷,handler,
        C-20261127-[ID_7],acknowledge,受理确认,at_risk,2026-11-27T10:20:00+08:00,false,20,ordinary,,,handler,
        C-20261124-[ID_4],handle,处理时限,at_risk,2026-11-28T00:00:00+08:00,false,840,ordinary,,王芳,handler,

        ----- stderr -----
        "
    );

    let rows = sla_json(&book, SLA_NOW, &[], 3);
    let seen: Vec<(String, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap()[..10].to_string(),
                r["clock"]["code"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
            )
        })
        .collect();
    let want = [
        ("C-20261119", "acknowledge", "breached"),
        ("C-20261123", "handle", "breached"),
        ("C-20261127", "acknowledge", "at_risk"),
        ("C-20261124", "handle", "at_risk"),
    ];
    let want: Vec<(String, &str, &str)> = want
        .iter()
        .map(|(i, c, s)| (i.to_string(), *c, *s))
        .collect();
    assert_eq!(seen, want, "breached first, then at risk, each by due time");

    // Every field of the handle breach of complaint 3.
    let breach = &rows[1];
    assert_eq!(breach["due"]["at"], "2026-11-27T00:00:00+08:00");
    // Due 00:00, now 10:00: 600 minutes over.
    assert_eq!(breach["minutes_left"], -600);
    assert_eq!(breach["grade"]["code"], "ordinary");
    assert_eq!(breach["tier"], Value::Null, "enterprise has no tiers");
    assert_eq!(breach["assignee"], "李雷");
    assert_eq!(breach["level"]["code"], "handler");
    assert_eq!(breach["clock"]["name"], "处理时限");
    // Complaint 1: due Thu 11-19 11:00; 11-27 11:00 would be 8 days later, so now (10:00) is
    // 7 days 23 hours later: -(7 × 1440 + 23 × 60) minutes.
    assert_eq!(rows[0]["due"]["at"], "2026-11-19T11:00:00+08:00");
    assert_eq!(rows[0]["minutes_left"], -(7 * 1440 + 23 * 60));
    assert_eq!(rows[0]["assignee"], Value::Null, "nobody acknowledged it");
    // Complaint 7: due 10:20, 20 minutes left.
    assert_eq!(rows[2]["due"]["at"], "2026-11-27T10:20:00+08:00");
    assert_eq!(rows[2]["minutes_left"], 20);
    // Complaint 4: due Sat 11-28 00:00, 14 hours left; the acknowledger is the assignee.
    assert_eq!(rows[3]["due"]["at"], "2026-11-28T00:00:00+08:00");
    assert_eq!(rows[3]["minutes_left"], 14 * 60);
    assert_eq!(rows[3]["assignee"], "王芳");
}

#[test]
fn sla_all_adds_running_and_paused_clocks_and_clock_picks_one() {
    let book = sla_book();
    assert_cmd_snapshot!("sla_all", book.run(&["sla", "--all", "--now", SLA_NOW]));
    let rows = sla_json(&book, SLA_NOW, &["--all"], 3);
    assert_eq!(rows.len(), 6, "the 4 above, plus 5 running and 6 paused");
    let running = &rows[4];
    assert_eq!(running["status"], "running");
    assert_eq!(running["grade"]["code"], "complex");
    assert_eq!(running["due"]["at"], "2026-12-05T00:00:00+08:00");
    let paused = &rows[5];
    assert_eq!(paused["status"], "paused");
    // If it resumed now: 3wd from Thu 11-26 = 27, 30, 12-01, moved by the working days paused
    // after 11-26 up to today (11-27: one) to 4wd: 27, 30, 12-01, 12-02 → 12-03 00:00.
    assert_eq!(paused["due"]["at"], "2026-12-03T00:00:00+08:00");
    assert_eq!(
        paused["minutes_left"],
        Value::Null,
        "a paused clock does not run down"
    );

    // Only the acknowledge clocks: complaint 1 (breached) and 7 (at risk).
    assert_cmd_snapshot!(
        book.run(&["sla", "--clock", "acknowledge", "--now", SLA_NOW]),
        @"
        success: false
        exit_code: 3
        ----- stdout -----
        ┌───────────────────┬──────────┬──────────┬─────────────────────────┬─────────┬──────────┬──────────────┬──────────┐
        │ ID                ┆ Clock    ┆ Status   ┆ Due                     ┆ Left    ┆ Grade    ┆ Level        ┆ Assignee │
        ╞═══════════════════╪══════════╪══════════╪═════════════════════════╪═════════╪══════════╪══════════════╪══════════╡
        │ C-20261119-[ID_1] ┆ 受理确认 ┆ breached ┆ 2026-11-19 11:00 +08:00 ┆ -7d 23h ┆ ordinary ┆ 投诉处理专员 ┆          │
        │ C-20261127-[ID_7] ┆ 受理确认 ┆ at_risk  ┆ 2026-11-27 10:20 +08:00 ┆ 20m     ┆ ordinary ┆ 投诉处理专员 ┆          │
        └───────────────────┴──────────┴──────────┴─────────────────────────┴─────────┴──────────┴──────────────┴──────────┘
        1 breached, 1 at risk at 2026-11-27 10:00 +08:00

        ----- stderr -----
        "
    );
    let rows = sla_json(&book, SLA_NOW, &["--clock", "acknowledge", "--all"], 3);
    assert!(
        rows.iter().all(|r| r["clock"]["code"] == "acknowledge"),
        "{rows:?}"
    );
    assert_eq!(rows.len(), 2);
    // An unknown clock is an error that lists the clocks.
    assert_cmd_snapshot!(
        book.run(&["sla", "--clock", "handling", "--now", SLA_NOW]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × the rulebook has no clock `handling`
          help: clocks: acknowledge, handle, pay, result_feedback, promised
        "
    );
}

#[test]
fn sla_exit_code_is_0_unless_breached_or_at_risk_with_fail_on() {
    let book = Book::new();
    // Received Mon 11-23 09:00, acknowledged 09:30: `handle` 3wd = 24, 25, 26, due Fri 11-27
    // 00:00; 86h30m in all, at risk from 80 % = 69h12m after 09:30, i.e. Thu 11-26 06:42.
    book.new_complaint("2026-11-23T09:00:00+08:00");
    book.steps("C-20261123").ack("2026-11-23T09:30:00+08:00");

    // Wed 11-25 10:00: 48h30m used, running: nothing listed, exit 0, and nothing printed, so
    // that cron sends no mail; --verbose prints the summary.
    assert_cmd_snapshot!(
        book.run(&["sla", "--now", "2026-11-25T10:00:00+08:00"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        "
    );
    assert_eq!(
        book.ok(&["sla", "--verbose", "--now", "2026-11-25T10:00:00+08:00"]),
        "0 breached, 0 at risk at 2026-11-25 10:00 +08:00\n"
    );
    assert!(sla_json(&book, "2026-11-25T10:00:00+08:00", &[], 0).is_empty());
    // Thu 11-26 12:00: at risk, exit 0 — and 3 with --fail-on at-risk.
    let rows = sla_json(&book, "2026-11-26T12:00:00+08:00", &[], 0);
    assert_eq!(rows[0]["status"], "at_risk");
    assert_cmd_snapshot!(
        book.run(&[
            "sla",
            "--fail-on",
            "at-risk",
            "--now",
            "2026-11-26T12:00:00+08:00"
        ]),
        @"
        success: false
        exit_code: 3
        ----- stdout -----
        ┌───────────────────┬──────────┬─────────┬─────────────────────────┬──────┬──────────┬──────────────┬──────────┐
        │ ID                ┆ Clock    ┆ Status  ┆ Due                     ┆ Left ┆ Grade    ┆ Level        ┆ Assignee │
        ╞═══════════════════╪══════════╪═════════╪═════════════════════════╪══════╪══════════╪══════════════╪══════════╡
        │ C-20261123-[ID_1] ┆ 处理时限 ┆ at_risk ┆ 2026-11-26 24:00 +08:00 ┆ 12h  ┆ ordinary ┆ 投诉处理专员 ┆ 王芳     │
        └───────────────────┴──────────┴─────────┴─────────────────────────┴──────┴──────────┴──────────────┴──────────┘
        0 breached, 1 at risk at 2026-11-26 12:00 +08:00

        ----- stderr -----
        "
    );
    // Exactly at the due time it is still at risk (the due time is inclusive): exit 0.
    let rows = sla_json(&book, "2026-11-27T00:00:00+08:00", &[], 0);
    assert_eq!(rows[0]["status"], "at_risk");
    assert_eq!(rows[0]["minutes_left"], 0);
    // One minute later it is breached: exit 3.
    let rows = sla_json(&book, "2026-11-27T00:01:00+08:00", &[], 3);
    assert_eq!(rows[0]["status"], "breached");
    assert_eq!(rows[0]["minutes_left"], -1);
    // Closed in time (Thu 11-26 17:00): nothing is owed any more, exit 0 even later.
    book.steps("C-20261123")
        .close("已换新", "2026-11-26T17:00:00+08:00");
    assert!(sla_json(&book, "2026-12-10T00:00:00+08:00", &["--all"], 0).is_empty());
}

#[test]
fn sla_escalate_escalates_a_breached_handle_clock_once() {
    let book = Book::new();
    // Complaint 1: never acknowledged; its `acknowledge` clock is breached but does not
    // escalate (no `escalate_on_breach`).
    book.new_complaint("2026-11-19T09:00:00+08:00");
    // Complaint 2: `handle` due Fri 11-27 00:00 (3wd = 24, 25, 26 after Mon 11-23).
    book.new_complaint("2026-11-23T09:00:00+08:00");
    book.steps("C-20261123").ack("2026-11-23T09:30:00+08:00");
    let before = book.commits();

    // Not yet breached at 00:00: nothing escalates, nothing is committed.
    exits(
        &book,
        &["sla", "--escalate", "--now", "2026-11-27T00:00:00+08:00"],
        3,
    );
    assert_eq!(book.commits(), before);

    assert_cmd_snapshot!(
        "sla_escalate_first_run",
        book.run(&["sla", "--escalate", "--now", "2026-11-27T10:00:00+08:00"])
    );
    assert_eq!(book.commits(), before + 1, "one commit for the run");
    assert_eq!(book.status(), "", "everything is committed");
    let log = book.log();
    assert_eq!(
        log[0],
        "王芳|sla: 1 complaint(s) escalated for breached deadlines"
    );
    let shown = book.json(&["show", "C-20261123"]);
    let last = shown["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["event"], "escalate");
    assert_eq!(last["from"], "handler");
    assert_eq!(last["to"], "dept_head");
    assert_eq!(last["clock"], "handle");
    assert_eq!(last["at"], "2026-11-27T10:00:00+08:00");
    let untouched = book.json(&["show", "C-20261119"]);
    assert_eq!(untouched["history"].as_array().unwrap().len(), 1);

    // Again, an hour later: the clock has escalated once already. No commit; still breached.
    assert_cmd_snapshot!(
        book.run(&["sla", "--escalate", "--now", "2026-11-27T11:00:00+08:00"]),
        @"
        success: false
        exit_code: 3
        ----- stdout -----
        ┌───────────────────┬──────────┬──────────┬─────────────────────────┬──────┬──────────┬──────────────┬──────────┐
        │ ID                ┆ Clock    ┆ Status   ┆ Due                     ┆ Left ┆ Grade    ┆ Level        ┆ Assignee │
        ╞═══════════════════╪══════════╪══════════╪═════════════════════════╪══════╪══════════╪══════════════╪══════════╡
        │ C-20261119-[ID_1] ┆ 受理确认 ┆ breached ┆ 2026-11-19 11:00 +08:00 ┆ -8d  ┆ ordinary ┆ 投诉处理专员 ┆          │
        │ C-20261123-[ID_2] ┆ 处理时限 ┆ breached ┆ 2026-11-26 24:00 +08:00 ┆ -11h ┆ ordinary ┆ 部门负责人   ┆ 王芳     │
        └───────────────────┴──────────┴──────────┴─────────────────────────┴──────┴──────────┴──────────────┴──────────┘
        2 breached, 0 at risk at 2026-11-27 11:00 +08:00

        ----- stderr -----
        "
    );
    assert_eq!(book.commits(), before + 1, "no new commit");
    let shown = book.json(&["show", "C-20261123"]);
    assert_eq!(shown["history"].as_array().unwrap().len(), 3);
}

#[test]
fn explain_shows_a_pause_and_a_friday_evening_receipt() {
    let book = Book::new();
    // Received Fri 2026-11-27 19:30, acknowledged 20:00 (acknowledge: 2h, due 21:30, met).
    // handle 3wd from Fri evening: Sat 11-28 and Sun 11-29 skipped; Mon 11-30 (1), Tue 12-01
    // (2), Wed 12-02 (3), due Thu 12-03 00:00. Paused Mon 11-30 10:00 until Wed 12-02 15:00:
    // the working days after 11-30 up to 12-02 (12-01, 12-02: two) do not count, so 5wd:
    // 11-30, 12-01, 12-02, 12-03, 12-04, due Sat 12-05 00:00.
    // At Thu 12-03 09:00: running, 1 day 15 hours left.
    book.new_complaint("2026-11-27T19:30:00+08:00");
    book.steps("C-20261127")
        .ack("2026-11-27T20:00:00+08:00")
        .pause("等待客户补充证据", "2026-11-30T10:00:00+08:00")
        .resume("2026-12-02T15:00:00+08:00");
    let now = "2026-12-03T09:00:00+08:00";
    assert_cmd_snapshot!(book.run(&["explain", "C-20261127", "--now", now]));
    assert_cmd_snapshot!(
        "explain_pause_friday_json",
        book.run(&["explain", "C-20261127", "--format", "json", "--now", now])
    );
    let ack = explained(&book, "C-20261127", now, "acknowledge");
    assert_eq!(ack["status"], "met");
    assert_eq!(ack["due"]["at"], "2026-11-27T21:30:00+08:00");
    let handle = explained(&book, "C-20261127", now, "handle");
    assert_eq!(handle["status"], "running");
    assert_eq!(handle["limit"], "3wd");
    assert_eq!(handle["due"]["at"], "2026-12-05T00:00:00+08:00");
    assert_eq!(handle["minutes_left"], 24 * 60 + 15 * 60);
    assert_eq!(
        handle["pauses"],
        serde_json::json!([{"from": "2026-11-30T10:00:00+08:00", "to": "2026-12-02T15:00:00+08:00"}])
    );
    let skipped: Vec<&str> = handle["due"]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        skipped,
        ["2026-11-28", "2026-11-29"],
        "the weekend after the Friday"
    );
}

#[test]
fn classify_applies_the_rules_and_an_override_changes_the_ack_limit_to_6h() {
    let book = Book::new();
    // Received Mon 11-23 09:00, no flags: ordinary by rule 2, acknowledge 2h, due 11:00.
    book.new_complaint("2026-11-23T09:00:00+08:00");
    assert_cmd_snapshot!(
        book.run(&[
            "classify",
            "C-20261123",
            "--now",
            "2026-11-23T09:10:00+08:00"
        ]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        C-20261123-[ID_1] classified as ordinary by 王芳

        ----- stderr -----
        "
    );
    let ack = explained(
        &book,
        "C-20261123",
        "2026-11-23T09:20:00+08:00",
        "acknowledge",
    );
    assert_eq!(ack["limit"], "2h");
    assert_eq!(ack["due"]["at"], "2026-11-23T11:00:00+08:00");
    // An override needs a reason, and a declared grade; neither refusal writes anything.
    let before = book.commits();
    assert_cmd_snapshot!(
        book.run(&[
            "classify",
            "C-20261123",
            "--grade",
            "complex",
            "--now",
            "2026-11-23T09:30:00+08:00"
        ]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::illegal_move

          × cannot classify C-20261123-[ID_1]: an override needs a reason
          help: say why with --reason; it is recorded
        "
    );
    assert_cmd_snapshot!(
        book.run(&[
            "classify",
            "C-20261123",
            "--grade",
            "urgent",
            "--reason",
            "客户情绪激动",
            "--now",
            "2026-11-23T09:30:00+08:00",
        ]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::illegal_move

          × cannot classify C-20261123-[ID_1]: `urgent` is not a grade of the rulebook
          help: grades: ordinary, complex
        "
    );
    assert_eq!(book.commits(), before);
    assert_cmd_snapshot!(
        book.run(&[
            "classify",
            "C-20261123",
            "--grade",
            "complex",
            "--reason",
            "需技术鉴定",
            "--now",
            "2026-11-23T09:40:00+08:00",
        ]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        C-20261123-[ID_1] reclassified as complex by 王芳

        ----- stderr -----
        "
    );
    // Complex: 6h from 09:00, due 15:00; the handle limit follows, 7wd.
    assert_cmd_snapshot!(
        "classify_override_explain",
        book.run(&[
            "explain",
            "C-20261123",
            "--now",
            "2026-11-23T11:30:00+08:00"
        ])
    );
    let ack = explained(
        &book,
        "C-20261123",
        "2026-11-23T11:30:00+08:00",
        "acknowledge",
    );
    assert_eq!(ack["limit"], "6h");
    assert_eq!(ack["due"]["at"], "2026-11-23T15:00:00+08:00");
    assert_eq!(ack["status"], "running", "2h30m of 6h used");
    // At 11:30 the 2h limit would have been breached; with 6h nothing is: exit 0.
    assert!(sla_json(&book, "2026-11-23T11:30:00+08:00", &[], 0).is_empty());
    let handle = explained(&book, "C-20261123", "2026-11-23T11:30:00+08:00", "handle");
    assert_eq!(handle["limit"], "7wd");
}

#[test]
fn pause_and_resume_move_the_handle_due_time() {
    let book = Book::new();
    // Received Mon 11-23 09:00, acknowledged 09:30: handle 3wd = 24, 25, 26, due Fri 11-27 00:00.
    book.new_complaint("2026-11-23T09:00:00+08:00");
    book.steps("C-20261123").ack("2026-11-23T09:30:00+08:00");
    let due = |now: &str| explained(&book, "C-20261123", now, "handle");
    assert_eq!(
        due("2026-11-24T09:00:00+08:00")["due"]["at"],
        "2026-11-27T00:00:00+08:00"
    );

    assert_cmd_snapshot!(
        book.run(&[
            "pause",
            "C-20261123",
            "-r",
            "等待客户补充照片",
            "--now",
            "2026-11-24T10:00:00+08:00"
        ]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        C-20261123-[ID_1] paused by 王芳

        ----- stderr -----
        "
    );
    // Paused since Tue 10:00; at Wed 11-25 10:00 one working day (11-25) has not counted: if
    // it resumed now, 4wd = 24, 25, 26, 27, due Sat 11-28 00:00.
    let paused = due("2026-11-25T10:00:00+08:00");
    assert_eq!(paused["status"], "paused");
    assert_eq!(paused["due"]["at"], "2026-11-28T00:00:00+08:00");
    // A second pause is refused, and so is resuming what is not paused (below).
    assert_cmd_snapshot!(
        book.run(&[
            "pause",
            "C-20261123",
            "-r",
            "again",
            "--now",
            "2026-11-25T11:00:00+08:00"
        ]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::illegal_move

          × cannot pause C-20261123-[ID_1]: it has been paused since 2026-11-24T10:00:00+08:00
          help: resume it first
        "
    );
    assert_cmd_snapshot!(
        book.run(&["resume", "C-20261123", "--now", "2026-11-26T15:00:00+08:00"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        C-20261123-[ID_1] resumed by 王芳

        ----- stderr -----
        "
    );
    // Resumed Thu 11-26 15:00: 11-25 and 11-26 did not count, so 5wd = 24, 25, 26, 27, 30,
    // due Tue 12-01 00:00.
    let resumed = due("2026-11-26T16:00:00+08:00");
    assert_eq!(resumed["status"], "running");
    assert_eq!(resumed["due"]["at"], "2026-12-01T00:00:00+08:00");
    // Where the original due time has passed, the clock is not breached.
    let later = due("2026-11-30T09:00:00+08:00");
    assert_eq!(later["status"], "at_risk");
    assert_cmd_snapshot!(
        book.run(&["resume", "C-20261123", "--now", "2026-11-26T16:00:00+08:00"]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::illegal_move

          × cannot resume C-20261123-[ID_1]: it is not paused
        "
    );
    // The acknowledge clock does not pause: untouched.
    let ack = explained(
        &book,
        "C-20261123",
        "2026-11-26T16:00:00+08:00",
        "acknowledge",
    );
    assert_eq!(ack["status"], "met");
    assert_eq!(ack["pauses"], serde_json::json!([]));
}

/// A book on `fixtures/rulebooks/extendable.yaml` (enterprise plus `complete`: 15wd from
/// receipt to close, extendable to at most 30wd by a `dept_head`), with 李娜 a department head.
fn extendable_book() -> Book {
    let book = Book::with_rulebook("fixtures/rulebooks/extendable.yaml");
    book.set_staff(&[("李娜", &["dept_head"])]);
    book
}

#[test]
fn extend_needs_an_extendable_clock_the_role_a_limit_within_the_max_and_time_left() {
    let book = extendable_book();
    // Received Wed 09-30 10:00: complete 15wd = 10-08, 09, 10 (make-up Sat), 12..16, 19..23,
    // 26, 27; due 10-28 00:00.
    book.new_complaint("2026-09-30T10:00:00+08:00");
    let before = book.commits();
    let extend = |clock: &str, to: &str, by: &str, now: &str| {
        let mut cmd = book.run(&[
            "extend",
            "C-20260930",
            "--clock",
            clock,
            "--to",
            to,
            "-r",
            "需第三方检测",
            "--now",
            now,
        ]);
        cmd.args(["--by", by]);
        cmd
    };
    let now = "2026-10-20T10:00:00+08:00";
    // enterprise's handle clock has no extension rule.
    assert_cmd_snapshot!(
        extend("handle", "7wd", "李娜", now),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::illegal_move

          × cannot extend a deadline of C-20260930-[ID_1]: clock `handle` (处理时限) cannot be extended
        "
    );
    // 王芳 holds no role.
    assert_cmd_snapshot!(
        extend("complete", "30wd", "王芳", now),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::illegal_move

          × cannot extend a deadline of C-20260930-[ID_1]: 王芳 may not approve an extension
          help: it takes 部门负责人 (dept_head); staff roles are listed in staff.yaml (or under `staff:`
                in complaint.yaml)
        "
    );
    // Beyond the maximum.
    assert_cmd_snapshot!(
        extend("complete", "31wd", "李娜", now),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::illegal_move

          × cannot extend a deadline of C-20260930-[ID_1]: 31wd is beyond what `complete` may be extended
          │ to (30wd)
        "
    );
    assert_eq!(book.commits(), before, "refusals write nothing");

    assert_cmd_snapshot!(
        extend("complete", "30wd", "李娜", now),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        C-20260930-[ID_1] complete extended to 30wd by 李娜

        ----- stderr -----
        "
    );
    assert_eq!(book.commits(), before + 1);
    // 30wd: the 15 above (to 10-27), then 10-28, 29, 30, 11-02..06, 09..13, 16, 17: due
    // 11-18 00:00.
    let complete = explained(&book, "C-20260930", now, "complete");
    assert_eq!(complete["limit"], "30wd");
    assert_eq!(complete["extended"], true);
    assert_eq!(complete["due"]["at"], "2026-11-18T00:00:00+08:00");
    // Past the old due time it is running, not breached.
    let complete = explained(&book, "C-20260930", "2026-10-28T00:01:00+08:00", "complete");
    assert_eq!(complete["status"], "running");
    let shown = book.json(&["show", "C-20260930"]);
    let last = shown["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["event"], "extend");
    assert_eq!(last["by"], "李娜");
    assert_eq!(last["to"], "30wd");
}

#[test]
fn extend_after_the_clock_ran_out_is_refused() {
    let book = extendable_book();
    // Received Tue 09-29 10:00: complete 15wd = 09-30, 10-08, 09, 10, 12..16, 19..23, 26;
    // due 10-27 00:00.
    book.new_complaint("2026-09-29T10:00:00+08:00");
    let before = book.commits();
    let mut cmd = book.run(&[
        "extend",
        "C-20260929",
        "--clock",
        "complete",
        "--to",
        "30wd",
        "-r",
        "需第三方检测",
        "--now",
        "2026-10-27T00:01:00+08:00",
    ]);
    cmd.args(["--by", "李娜"]);
    assert_cmd_snapshot!(
        cmd,
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::illegal_move

          × cannot extend a deadline of C-20260929-[ID_1]: `complete` was due at 2026-10-27T00:00:00+08:00
          │ and has run out
          help: an extension must be approved before the deadline
        "
    );
    assert_eq!(book.commits(), before);
    // Exactly at the due time there is still time: accepted.
    let mut cmd = book.run(&[
        "extend",
        "C-20260929",
        "--clock",
        "complete",
        "--to",
        "30wd",
        "-r",
        "需第三方检测",
        "--now",
        "2026-10-27T00:00:00+08:00",
    ]);
    cmd.args(["--by", "李娜"]);
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
}

#[test]
fn calendar_lists_the_national_day_fortnight() {
    let book = Book::new();
    // Mon 09-28 .. Wed 09-30 workdays; Thu 10-01 .. Wed 10-07 国庆节 (Sat 10-03 and Sun 10-04
    // inside the span are holidays too); Thu 10-08, Fri 10-09 workdays; Sat 10-10 make-up
    // working day for 国庆节; Sun 10-11 weekend. Working: 3 + 2 + 1 = 6 of 14.
    assert_cmd_snapshot!(book.run(&["calendar", "2026-09-28", "2026-10-11"]));
    assert_cmd_snapshot!(
        "calendar_fortnight_json",
        book.run(&["calendar", "2026-09-28", "2026-10-11", "--format", "json"])
    );
    let days = book.json(&["calendar", "2026-09-28", "2026-10-11"])["days"].clone();
    let kinds: Vec<(&str, &str, Option<&str>)> = days
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap(),
                d["kind"].as_str().unwrap(),
                d["name"].as_str(),
            )
        })
        .collect();
    let national = Some("国庆节");
    assert_eq!(
        kinds,
        [
            ("2026-09-28", "workday", None),
            ("2026-09-29", "workday", None),
            ("2026-09-30", "workday", None),
            ("2026-10-01", "holiday", national),
            ("2026-10-02", "holiday", national),
            ("2026-10-03", "holiday", national),
            ("2026-10-04", "holiday", national),
            ("2026-10-05", "holiday", national),
            ("2026-10-06", "holiday", national),
            ("2026-10-07", "holiday", national),
            ("2026-10-08", "workday", None),
            ("2026-10-09", "workday", None),
            ("2026-10-10", "makeup_workday", national),
            ("2026-10-11", "weekend", None),
        ]
    );
    // The make-up Sunday before, and the Mid-autumn weekend.
    let days = book.json(&["calendar", "2026-09-20", "2026-09-27"])["days"].clone();
    let kinds: Vec<&str> = days
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    // Sun 09-20 make-up; Mon..Thu 21-24 workdays; Fri 25..Sun 27 中秋节.
    assert_eq!(
        kinds,
        [
            "makeup_workday",
            "workday",
            "workday",
            "workday",
            "workday",
            "holiday",
            "holiday",
            "holiday"
        ]
    );
}

#[test]
fn calendar_of_2026_has_248_working_days() {
    let book = Book::new();
    // 2026 starts on a Thursday and has 365 days: 52 weeks and one more Thursday, so 261
    // weekdays. Weekdays off: 元旦 01-01, 01-02 (2); 春节 02-16..02-20, 02-23 (6); 清明 04-06
    // (1); 劳动节 05-01, 05-04, 05-05 (3); 端午 06-19 (1); 中秋 09-25 (1); 国庆 10-01, 10-02,
    // 10-05, 10-06, 10-07 (5): 19. So 242 workdays, plus 6 make-up Saturdays and Sundays
    // (01-04, 02-14, 02-28, 05-09, 09-20, 10-10): 248. The reference CSV
    // (fixtures/calendars/cn-reference.csv) has the same for 2026: 242 `workday` rows and 6
    // `makeup_workday` rows.
    let days = book.json(&["calendar", "2026"])["days"].clone();
    let days = days.as_array().unwrap();
    assert_eq!(days.len(), 365);
    let working = days
        .iter()
        .filter(|d| matches!(d["kind"].as_str(), Some("workday" | "makeup_workday")))
        .count();
    assert_eq!(working, 248);
    let makeup: Vec<&str> = days
        .iter()
        .filter(|d| d["kind"] == "makeup_workday")
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        makeup,
        [
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10"
        ]
    );
    // The reference agrees.
    let csv =
        std::fs::read_to_string(crate::support::repo().join("fixtures/calendars/cn-reference.csv"))
            .unwrap();
    let reference = csv
        .lines()
        .filter(|l| l.starts_with("2026-"))
        .filter(|l| l.contains(",workday,") || l.contains(",makeup_workday,"))
        .count();
    assert_eq!(reference, 248);
    // The table's last line says so too.
    let table = book.ok(&["calendar", "2026"]);
    assert!(
        table
            .trim_end()
            .ends_with("248 working days of 365 (中国大陆法定节假日)"),
        "{}",
        &table[table.len().saturating_sub(200)..]
    );
}

#[test]
fn due_skips_national_day_and_is_provisional_after_2026() {
    let book = Book::new();
    // Wed 09-30 10:00 + 3wd: 10-01..10-07 skipped; Thu 10-08 (1), Fri 10-09 (2), Sat 10-10
    // make-up (3): 24:00 of 10-10 = 10-11 00:00.
    assert_cmd_snapshot!(book.run(&["due", "--from", "2026-09-30 10:00", "--within", "3wd"]));
    let due = book.json(&["due", "--from", "2026-09-30 10:00", "--within", "3wd"])["due"].clone();
    assert_eq!(due["at"], "2026-10-11T00:00:00+08:00");
    assert_eq!(
        due["counted"],
        serde_json::json!(["2026-10-08", "2026-10-09", "2026-10-10"])
    );
    assert_eq!(due["skipped"].as_array().unwrap().len(), 7);
    // Wed 12-30 + 3wd: Thu 12-31 (1); 2027 has no official schedule: Fri 01-01 元旦 is off by
    // law, 01-02/03 weekend; Mon 01-04 (2), Tue 01-05 (3): 24:00 of 01-05, provisional.
    assert_cmd_snapshot!(
        book.run(&["due", "--from", "2026-12-30 10:00", "--within", "3wd"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        3wd from 2026-12-30 10:00 +08:00 (中国大陆法定节假日)
          due     2027-01-05 24:00 +08:00 (provisional)
                  counts days after the official schedule of `cn` (to 2026): days off from the law; the official schedule may move it
          counted 12-31 01-04 01-05
          skipped 2027-01-01 Fri holiday 元旦 (provisional)
          skipped 2027-01-02 Sat weekend (provisional)
          skipped 2027-01-03 Sun weekend (provisional)

        ----- stderr -----
        "
    );
    let due = book.json(&["due", "--from", "2026-12-30 10:00", "--within", "3wd"])["due"].clone();
    assert_eq!(due["at"], "2027-01-06T00:00:00+08:00");
    assert_eq!(due["provisional"], true);
    // The issue's case: Sun 2026-12-20 + 15wd skips 元旦 2027 and ends 24:00 of Mon 01-11.
    let due = book.json(&["due", "--from", "2026-12-20 10:00", "--within", "15wd"])["due"].clone();
    assert_eq!(due["at"], "2027-01-12T00:00:00+08:00");
    assert_eq!(due["provisional"], true);
    assert!(
        due["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["date"] == "2027-01-01" && d["name"] == "元旦")
    );
    // Past the law's years (2099) nothing is guessed.
    let output = book.output(&["due", "--from", "2099-12-30 10:00", "--within", "3wd"]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("2100-01-01 is outside"));
    // Elapsed hours need no calendar: 2026-12-31 23:00 + 2h = 2027-01-01 01:00.
    let due = book.json(&["due", "--from", "2026-12-31 23:00", "--within", "2h"])["due"].clone();
    assert_eq!(due["at"], "2027-01-01T01:00:00+08:00");
}

#[test]
fn sla_flags_a_clock_whose_due_time_cannot_be_computed() {
    let book = Book::new();
    // Acknowledged Tue 2099-12-29 10:00: 3wd = 12-30, 12-31, then 2100-01-01, past the years
    // the law is computed for. On 2100-01-06 the deadline has most likely passed.
    book.new_complaint("2099-12-29T09:00:00+08:00");
    book.steps("C-20991229").ack("2099-12-29T10:00:00+08:00");
    let output = book.output(&[
        "sla",
        "--format",
        "json",
        "--now",
        "2100-01-06T10:00:00+08:00",
    ]);
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = &rows["deadlines"];
    assert_eq!(rows.as_array().unwrap().len(), 1, "{}", describe(&output));
    assert!(rows[0]["error"].as_str().unwrap().contains("2100-01-01"));
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
}

#[test]
fn sla_marks_a_provisional_deadline_and_exits_3_on_its_breach() {
    let book = Book::new();
    // Received Wed 2026-12-30 09:00, acknowledged 10:00: the 3wd handling clock counts Thu
    // 12-31 (1), skips 元旦 2027-01-01 (by law: no notice yet) and the weekend, Mon 01-04 (2),
    // Tue 01-05 (3): due 24:00 of 01-05, provisional. On 01-07 it is breached: exit 3, not 1.
    book.new_complaint("2026-12-30T09:00:00+08:00");
    book.steps("C-20261230").ack("2026-12-30T10:00:00+08:00");
    let now = ["--now", "2027-01-07T10:00:00+08:00"];
    let output = book.output(&["sla", "--format", "json", now[0], now[1]]);
    assert_eq!(output.status.code(), Some(3), "{}", describe(&output));
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    let handle = rows["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["clock"]["code"] == "handle")
        .unwrap();
    assert_eq!(handle["status"], "breached");
    assert_eq!(handle["due"]["at"], "2027-01-06T00:00:00+08:00");
    assert_eq!(handle["due"]["provisional"], true, "{handle}");
    assert_cmd_snapshot!(
        book.run(&["sla", now[0], now[1]]),
        @"
        success: false
        exit_code: 3
        ----- stdout -----
        ┌───────────────────┬──────────┬──────────┬───────────────────────────────────────┬─────────┬──────────┬──────────────┬──────────┐
        │ ID                ┆ Clock    ┆ Status   ┆ Due                                   ┆ Left    ┆ Grade    ┆ Level        ┆ Assignee │
        ╞═══════════════════╪══════════╪══════════╪═══════════════════════════════════════╪═════════╪══════════╪══════════════╪══════════╡
        │ C-20261230-[ID_1] ┆ 处理时限 ┆ breached ┆ 2027-01-05 24:00 +08:00 (provisional) ┆ -1d 10h ┆ ordinary ┆ 投诉处理专员 ┆ 王芳     │
        └───────────────────┴──────────┴──────────┴───────────────────────────────────────┴─────────┴──────────┴──────────────┴──────────┘
        1 breached, 0 at risk at 2027-01-07 10:00 +08:00
        1 due time(s) provisional: they count days after the official schedule of `cn` (2026), taken from the law until the notice is added (`complaint calendar add-notice`)

        ----- stderr -----
        "
    );
    let shown = book.json(&["show", "C-20261230", "--format", "json", now[0], now[1]]);
    assert_eq!(shown["deadlines"][1]["due"]["provisional"], true);
    let report = book.json(&[
        "report", "--period", "2026-12", "--format", "json", now[0], now[1],
    ]);
    let clocks = report["clocks"].as_array().unwrap();
    let handle = clocks
        .iter()
        .find(|c| c["clock"]["code"] == "handle")
        .unwrap();
    assert_eq!(handle["provisional"], 1);
    let acknowledge = clocks
        .iter()
        .find(|c| c["clock"]["code"] == "acknowledge")
        .unwrap();
    assert_eq!(
        acknowledge["provisional"], 0,
        "2 h from 12-30 09:00 needs no calendar"
    );
}

#[test]
fn explain_does_not_list_paused_days_as_counted() {
    let book = Book::new();
    // As in explain_shows_a_pause_and_a_friday_evening_receipt: the days that counted
    // towards the 3wd limit are Mon 11-30 (before the pause), Thu 12-03 and Fri 12-04.
    book.new_complaint("2026-11-27T19:30:00+08:00");
    book.steps("C-20261127")
        .ack("2026-11-27T20:00:00+08:00")
        .pause("等待客户补充证据", "2026-11-30T10:00:00+08:00")
        .resume("2026-12-02T15:00:00+08:00");
    let handle = explained(&book, "C-20261127", "2026-12-03T09:00:00+08:00", "handle");
    let counted: Vec<&str> = handle["due"]["counted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(
        !counted.contains(&"2026-12-01") && !counted.contains(&"2026-12-02"),
        "paused days are not counted: {counted:?}"
    );
}

/// In a book whose rulebook has no clock that pauses (S2 counts 15 working days from receipt
/// and extends instead), `pause` is refused and writes nothing, rather than printing "paused"
/// while every deadline keeps running.
#[test]
fn pause_is_refused_where_no_clock_pauses() {
    let book = Book::with_rulebook("rules/ecommerce.yaml");
    let id = book.new_complaint("2026-11-02T09:00:00+08:00");
    book.steps(&id).ack("2026-11-02T09:30:00+08:00");
    let before = book.record(&id);
    let output = book
        .run(&["pause", &id, "--reason", "等待客户寄回商品"])
        .args(["--now", "2026-11-06T11:00:00+08:00"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no clock of this rulebook pauses on it"),
        "{stderr}"
    );
    assert_eq!(book.record(&id), before, "nothing written");
}

/// The cron job names nobody: `sla --escalate` records its escalations as `cron_user` from
/// complaint.yaml (default `complaint-sla`) instead of failing with "who is acting?", and the
/// table is printed as usual.
#[test]
fn sla_escalate_without_a_user_acts_as_the_cron_user() {
    let book = Book::new();
    book.new_complaint("2026-11-23T09:00:00+08:00");
    book.steps("C-20261123").ack("2026-11-23T09:30:00+08:00");
    let output = book
        .run_anonymous(&["sla", "--escalate", "--now", "2026-11-27T10:00:00+08:00"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", describe(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("1 breached, 0 at risk"), "{stdout}");
    assert_eq!(
        book.log()[0],
        "complaint-sla|sla: 1 complaint(s) escalated for breached deadlines"
    );
    let shown = book.json(&["show", "C-20261123"]);
    let last = shown["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["event"].as_str(), last["by"].as_str()),
        (Some("escalate"), Some("complaint-sla"))
    );
}

/// An end-of-day deadline prints as `24:00` of its day in tables (a period of days ends at
/// 24:00 of its last day, as forms and the desk say it), while JSON keeps the instant.
/// Received Mon 11-02, acknowledged 09:30: `handle` (3 working days) is due at the end of 11-05.
#[test]
fn end_of_day_deadlines_print_as_24_00() {
    let book = Book::new();
    let id = book.new_complaint("2026-11-02T09:00:00+08:00");
    book.steps(&id).ack("2026-11-02T09:30:00+08:00");
    let table = book.ok(&[
        "sla",
        "--all",
        "--clock",
        "handle",
        "--now",
        "2026-11-03T09:00:00+08:00",
    ]);
    assert!(table.contains("2026-11-05 24:00 +08:00"), "{table}");
    let rows = sla_json(
        &book,
        "2026-11-03T09:00:00+08:00",
        &["--all", "--clock", "handle"],
        0,
    );
    assert_eq!(rows[0]["due"]["at"], "2026-11-06T00:00:00+08:00");
}

/// A recurring clock (S3's `progress`: every 3 working days from the acknowledgement,
/// restarted by each `feedback`, until the close) as `explain`, `sla` and `rules show` give it.
/// Received and acknowledged Mon 11-02 (09:00, 09:30): first interval Tue 3, Wed 4, Thu 5,
/// due 11-06 00:00. Told of progress Mon 11-09 10:00, late: the next interval is Tue 10, Wed 11,
/// Thu 12, due 11-13 00:00 (2 d 14 h after Tue 11-10 10:00).
#[test]
fn explain_says_a_clock_recurs_and_counts_late_updates() {
    let book = Book::with_rulebook("rules/workflow.yaml");
    let id = book.new_complaint_with(
        "2026-11-02T09:00:00+08:00",
        &[
            ("--category", "service_process"),
            ("--happened", "2026-10-30"),
            ("--place", "客户家中"),
        ],
    );
    // Not started before the acknowledgement; after it, and with no update by 11-06 00:00,
    // breached: sla lists it with its due time and exits 3.
    let output = book
        .run(&["sla", "--clock", "progress", "--format", "json"])
        .args(["--now", "2026-11-06T00:01:00+08:00"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "not acknowledged yet: {}",
        describe(&output)
    );
    // The customer is told when to expect the answer (resolve: 10wd from Mon 11-02, 24:00 of
    // Mon 11-16), not the recurring duty's first due time.
    let acked = book
        .steps(&id)
        .ok("ack", &["--contact", "8001"], "2026-11-02T09:30:00+08:00");
    assert!(
        acked.contains("Tell the customer: 处理时限, by 2026-11-16 24:00"),
        "{acked}"
    );
    let output = book
        .run(&["sla", "--clock", "progress", "--format", "json"])
        .args(["--now", "2026-11-06T00:01:00+08:00"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", describe(&output));
    let sla: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(sla["deadlines"][0]["status"], "breached");
    assert_eq!(
        sla["deadlines"][0]["due"]["at"],
        "2026-11-06T00:00:00+08:00"
    );
    book.steps(&id)
        .feedback("已改约 11-12 上门", "2026-11-09T10:00:00+08:00");
    let now = "2026-11-10T10:00:00+08:00";
    let progress = explained(&book, &id, now, "progress");
    assert_eq!(progress["status"], "running");
    assert_eq!(progress["limit"], "3wd");
    assert_eq!(progress["due"]["at"], "2026-11-13T00:00:00+08:00");
    assert_eq!(progress["minutes_left"], (2 * 24 + 14) * 60);
    assert_eq!(
        progress["recurring"],
        serde_json::json!({"until": ["close"], "since": "2026-11-09T10:00:00+08:00", "updates": 1, "missed": 1})
    );
    assert_eq!(
        explained(&book, &id, now, "resolve")["recurring"],
        Value::Null
    );
    let text = book.speak("en").ok(&["explain", &id, "--now", now]);
    for line in [
        "进展告知 `progress`: running",
        "  every   3wd until `close`, restarted by `feedback`: updated 1 time(s), 1 late",
        "  start   2026-11-02 09:30 +08:00 (`ack`)",
        "  since   2026-11-09 10:00 +08:00 (this interval)",
        "  due     2026-11-12 24:00 +08:00",
        "  counted 11-10 11-11 11-12",
    ] {
        assert!(text.contains(line), "{line:?} in:\n{text}");
    }
    let text = book.speak("zh").ok(&["explain", &id, "--now", now]);
    assert!(
        text.contains(
            "  周期    每 3wd，`feedback` 重新起算，至 `close` 为止：已告知 1 次，其中逾期 1 次"
        ),
        "{text}"
    );
    let shown = book.speak("en").ok(&["rules", "show"]);
    assert!(shown.contains("every 3wd until close"), "{shown}");
}
