//! Official holiday schedules: the provisional days a calendar takes from the law past its
//! published years (`calendar`, `due`, `explain`, `show`, `report`), and `calendar add-notice` /
//! `calendar diff`, which read a State Council notice (or an .ics subscription), check it, show
//! which open complaints' deadlines move, and write `calendar.cn.yaml` beside the rulebook as
//! one commit. Also the README's CI script for rulebook changes.
//!
//! `fixtures/notices/hypothetical-2027.txt` is NOT the real 2027 notice: it is invented for
//! these tests, in the official wording, so that they do not wait for the State Council (the
//! real one is published around November 2026 and may differ). Every weekday in it was checked
//! with `date`. It gives:
//!
//! | holiday | days off | make-up working days |
//! |---|---|---|
//! | 元旦 | Fri 01-01 .. Sun 01-03 (3) | |
//! | 春节 | Fri 02-05 (除夕) .. Fri 02-12 (初七) (8) | Sat 02-20 |
//! | 清明节 | Sat 04-03 .. Mon 04-05 (3) | |
//! | 劳动节 | Sat 05-01 .. Wed 05-05 (5) | Sun 04-25, Sat 05-08 |
//! | 端午节 | Wed 06-09 (1) | |
//! | 中秋节 | Wed 09-15 (1) | |
//! | 国庆节 | Fri 10-01 .. Thu 10-07 (7) | Sun 09-26, Sat 10-09 |
//!
//! `hypothetical-2027.ics` is the same schedule as an iCalendar subscription, also invented.
//! `gb-eaw-2027.ics` is written by hand in the shape of gov.uk's bank-holiday feed, from the
//! Banking and Financial Dealings Act's rules (not downloaded).
//!
//! The law's days for 2027 (src/statutory.rs, worked by hand there): 元旦 Fri 01-01; 春节 除夕
//! Fri 02-05 .. 初三 Mon 02-08, Sat 02-06 and Sun 02-07 made up on Tue 02-09 and Wed 02-10
//! (春节（补休）); 清明节 Mon 04-05; 劳动节 Sat 05-01, Sun 05-02 → Mon 05-03, Tue 05-04; 端午节
//! Wed 06-09; 中秋节 Wed 09-15; 国庆节 Fri 10-01, Sat 10-02, Sun 10-03 → Mon 10-04, Tue 10-05.
//!
//! The default rulebook's `handle` clock runs 3 working days from `ack`; a period of working
//! days does not count its first day and ends at 24:00 of its last.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use insta_cmd::assert_cmd_snapshot;
use serde_json::{Value, json};

use crate::support::{Book, complaint, describe, output_with_stdin, repo};

/// The text of `fixtures/notices/NAME`.
fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo().join("fixtures/notices").join(name))
        .unwrap_or_else(|e| panic!("fixtures/notices/{name}: {e}"))
}

/// Writes `text` as `NAME` in the folder around the book (so the book's git status stays clean)
/// and returns the path the book names it by, `../NAME` (stable in snapshot headers).
fn beside(book: &Book, name: &str, text: &str) -> String {
    std::fs::write(book.tmp().join(name), text).expect("the notice is written");
    format!("../{name}")
}

/// Copies `fixtures/notices/NAME` beside the book; see [`beside`].
fn copy_fixture(book: &Book, name: &str) -> String {
    beside(book, name, &fixture(name))
}

/// Runs `complaint ARGS` in the book and asserts it exits with `code`.
fn exits(book: &Book, args: &[&str], code: i32) -> Output {
    let output = book.output(args);
    assert_eq!(
        output.status.code(),
        Some(code),
        "{args:?}: {}",
        describe(&output)
    );
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `(date, name)` of every holiday `calendar --format json` lists.
fn holidays(days: &Value) -> Vec<(String, String)> {
    days.as_array()
        .expect("an array of days")
        .iter()
        .filter(|d| d["kind"] == "holiday")
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_string(),
                d["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The law's days off in 2027 (see the module comment).
const CN_2027_LAW: &[(&str, &str)] = &[
    ("2027-01-01", "元旦"),
    ("2027-02-05", "春节"),
    ("2027-02-06", "春节"),
    ("2027-02-07", "春节"),
    ("2027-02-08", "春节"),
    ("2027-02-09", "春节（补休）"),
    ("2027-02-10", "春节（补休）"),
    ("2027-04-05", "清明节"),
    ("2027-05-01", "劳动节"),
    ("2027-05-02", "劳动节"),
    ("2027-05-03", "劳动节（补休）"),
    ("2027-05-04", "劳动节（补休）"),
    ("2027-06-09", "端午节"),
    ("2027-09-15", "中秋节"),
    ("2027-10-01", "国庆节"),
    ("2027-10-02", "国庆节"),
    ("2027-10-03", "国庆节"),
    ("2027-10-04", "国庆节（补休）"),
    ("2027-10-05", "国庆节（补休）"),
];

/// The file `add-notice hypothetical-2027.txt` writes beside the rulebook.
const CALENDAR_CN_2027: &str = r#"# Official schedules added to the calendar `cn` with `complaint calendar add-notice`.
# Deadlines in these years are official; after them they are provisional.
calendar: cn
name: "中国大陆法定节假日"
weekend: [saturday, sunday]
covers: {from: 2027, to: 2027}
holidays:
  # 2027
  - {name: "元旦", from: 2027-01-01, to: 2027-01-03}
  - {name: "春节", from: 2027-02-05, to: 2027-02-12}
  - {name: "清明节", from: 2027-04-03, to: 2027-04-05}
  - {name: "劳动节", from: 2027-05-01, to: 2027-05-05}
  - {name: "端午节", from: 2027-06-09, to: 2027-06-09}
  - {name: "中秋节", from: 2027-09-15, to: 2027-09-15}
  - {name: "国庆节", from: 2027-10-01, to: 2027-10-07}
makeup_workdays:
  # 2027
  - {date: 2027-02-20, for: "春节"}
  - {date: 2027-04-25, for: "劳动节"}
  - {date: 2027-05-08, for: "劳动节"}
  - {date: 2027-09-26, for: "国庆节"}
  - {date: 2027-10-09, for: "国庆节"}
"#;

/// A made-up 2028 notice (2028-01-01 is a Saturday) that gives every statutory day of 2028
/// off: 元旦 Sat 01-01; 春节 除夕 Tue 01-25 .. 初三 Fri 01-28; 清明节 Tue 04-04; 劳动节 Mon
/// 05-01, Tue 05-02; 端午节 Sun 05-28; 中秋节 Tue 10-03, inside 国庆节 Sun 10-01 .. Tue 10-03.
const HYPOTHETICAL_2028: &str = "国务院办公厅关于2028年部分节假日安排的通知
一、元旦：1月1日（周六）至3日（周一）放假，共3天。
二、春节：1月25日（农历除夕、周二）至28日（农历正月初三、周五）放假，共4天。
三、清明节：4月4日（周二）放假，共1天。
四、劳动节：5月1日（周一）至2日（周二）放假，共2天。
五、端午节：5月28日（周日）至29日（周一）放假，共2天。
六、国庆节、中秋节：10月1日（周日）至7日（周六）放假，共7天。
";

/// A fresh book with one open complaint: received Wed 2027-02-03 10:00, acknowledged 10:30.
///
/// Its `handle` clock (3wd from the ack), by the law (provisional): Thu 02-04 (1); Fri 02-05 ..
/// Mon 02-08 春节 and Tue 02-09, Wed 02-10 春节（补休） off; Thu 02-11 (2), Fri 02-12 (3): due
/// 24:00 of 02-12 = 2027-02-13 00:00.
/// By the notice: Thu 02-04 (1); Fri 02-05 .. Fri 02-12 off; Sat 02-13, Sun 02-14 weekend; Mon
/// 02-15 (2), Tue 02-16 (3): due 2027-02-17 00:00, 4 days (5760 minutes) later.
fn acknowledged_book() -> Book {
    let book = Book::new();
    book.new_complaint("2027-02-03T10:00:00+08:00");
    book.ok(&[
        "ack",
        "C-20270203",
        "--contact",
        "8001",
        "--now",
        "2027-02-03T10:30:00+08:00",
    ]);
    book
}

const NOW: &str = "2027-02-03T11:00:00+08:00";

/// The `handle` clock of `explain --format json` at `now`.
fn handle(book: &Book, now: &str) -> Value {
    let out = book.json(&["explain", "C-20270203", "--now", now]);
    out["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["clock"]["code"] == "handle")
        .unwrap_or_else(|| panic!("no handle clock in {out}"))
        .clone()
}

// ---------------------------------------------------------------------------------------------
// 1. Past 2026: the law's days, provisional.

#[test]
fn calendar_2027_takes_statutory_days_and_their_substitute_days_from_the_law_all_provisional() {
    let book = Book::new();
    let days = book.json(&["calendar", "2027"])["days"].clone();
    let all = days.as_array().unwrap();
    assert_eq!(all.len(), 365);
    assert!(
        all.iter().all(|d| d["provisional"] == true),
        "every day of 2027 is provisional"
    );
    assert_eq!(holidays(&days), pairs(CN_2027_LAW));
    // The law cannot know the State Council's make-up working days (调休).
    assert!(!all.iter().any(|d| d["kind"] == "makeup_workday"));
    // 2027 starts on a Friday, 365 days: 52 weeks and one more Friday, 261 weekdays. Weekdays
    // off by law: 01-01, 02-05, 02-08, 02-09, 02-10, 04-05, 05-03, 05-04, 06-09, 09-15, 10-01,
    // 10-04, 10-05 (13): 248 working days.
    let working = all
        .iter()
        .filter(|d| matches!(d["kind"].as_str(), Some("workday" | "makeup_workday")))
        .count();
    assert_eq!(working, 248);
    // February: 除夕 Fri 02-05 .. 初三 Mon 02-08, 补休 Tue 02-09 and Wed 02-10; Sat 02-20 is
    // an ordinary weekend (the make-up day is the notice's, not the law's). 28 days from a
    // Monday: 20 weekdays, 4 of them off (02-05, 02-08, 02-09, 02-10): 16 working days.
    assert_cmd_snapshot!(book.run(&["calendar", "2027-02-01", "2027-02-28"]));
}

// ---------------------------------------------------------------------------------------------
// 2. calendar diff: what the notice would change, writing nothing.

#[test]
fn calendar_diff_moves_a_provisional_due_4_days_later_and_writes_nothing() {
    let book = acknowledged_book();
    let notice = copy_fixture(&book, "hypothetical-2027.txt");
    // Before: 02-13 00:00, provisional (see acknowledged_book).
    let before = handle(&book, NOW);
    assert_eq!(before["due"]["at"], "2027-02-13T00:00:00+08:00");
    assert_eq!(before["due"]["provisional"], true);
    let commits = book.commits();

    assert_cmd_snapshot!(book.run(&["calendar", "diff", &notice, "--now", NOW]));
    let out = book.json(&["calendar", "diff", &notice, "--now", NOW]);
    assert_eq!(out["calendar"], "cn");
    assert_eq!(out["years"], json!([2027, 2027]));
    assert_eq!(out["written"], false);
    assert_eq!(out["missing_statutory"], json!([]));
    let understood: Vec<(&str, &str, &str, u64)> = out["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["name"].as_str().unwrap(),
                h["from"].as_str().unwrap(),
                h["to"].as_str().unwrap(),
                h["days"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        understood,
        [
            ("元旦", "2027-01-01", "2027-01-03", 3),
            ("春节", "2027-02-05", "2027-02-12", 8),
            ("清明节", "2027-04-03", "2027-04-05", 3),
            ("劳动节", "2027-05-01", "2027-05-05", 5),
            ("端午节", "2027-06-09", "2027-06-09", 1),
            ("中秋节", "2027-09-15", "2027-09-15", 1),
            ("国庆节", "2027-10-01", "2027-10-07", 7),
        ]
    );
    assert_eq!(
        out["holidays"][3]["makeup_workdays"],
        json!(["2027-04-25", "2027-05-08"])
    );
    // Only handle moves: 02-13 00:00 → 02-17 00:00, 4 × 1440 minutes. (acknowledge, 2h, needs
    // no calendar; pay and result_feedback have not started.)
    let moves = out["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 1, "{moves:?}");
    assert!(moves[0]["id"].as_str().unwrap().starts_with("C-20270203-"));
    assert_eq!(moves[0]["clock"]["code"], "handle");
    assert_eq!(moves[0]["old"], "2027-02-13T00:00:00+08:00");
    assert_eq!(moves[0]["new"], "2027-02-17T00:00:00+08:00");
    assert_eq!(moves[0]["moved_minutes"], 4 * 1440);

    // Nothing written: no file, no commit, the deadline still provisional.
    assert_eq!(book.status(), "");
    assert_eq!(book.commits(), commits);
    assert!(!book.root().join("calendar.cn.yaml").exists());
    assert_eq!(handle(&book, NOW)["due"], before["due"]);

    // `add-notice --dry-run` is the same.
    let out = book.json(&["calendar", "add-notice", &notice, "--dry-run", "--now", NOW]);
    assert_eq!(out["written"], false);
    assert_eq!(out["moves"][0]["moved_minutes"], 4 * 1440);
    assert_eq!(book.status(), "");
    assert_eq!(book.commits(), commits);
}

// ---------------------------------------------------------------------------------------------
// 3. add-notice: one commit; the year stops being provisional.

#[test]
fn add_notice_commits_calendar_cn_yaml_as_the_actor_and_2027_stops_being_provisional() {
    let book = acknowledged_book();
    let notice = copy_fixture(&book, "hypothetical-2027.txt");
    let commits = book.commits();
    // Before: the report counts the handle due as provisional (see acknowledged_book).
    let report = book.json(&["report", "--period", "2027-02", "--now", NOW]);
    let counted = |report: &Value, clock: &str| {
        report["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["clock"]["code"] == clock)
            .unwrap_or_else(|| panic!("no {clock} in {report}"))["provisional"]
            .clone()
    };
    assert_eq!(counted(&report, "handle"), 1);

    let out = book.ok(&["calendar", "add-notice", &notice, "--now", NOW]);
    assert!(out.contains("+4d"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("wrote calendar.cn.yaml: deadlines in 2027 are official"),
        "{out}"
    );
    // One commit, by the actor, naming the year; only the new file, beside rulebook.yaml.
    assert_eq!(book.commits(), commits + 1);
    assert_eq!(book.status(), "");
    assert_eq!(
        book.log()[0],
        "王芳|calendar cn: official schedule for 2027 added by 王芳 (1 deadline(s) moved)"
    );
    assert_eq!(
        book.git(&["show", "--name-status", "--format=", "HEAD"]),
        "A\tcalendar.cn.yaml\n"
    );
    let written = std::fs::read_to_string(book.root().join("calendar.cn.yaml")).unwrap();
    assert_eq!(written, CALENDAR_CN_2027);

    // Sat 2027-02-20 is the notice's make-up working day for 春节, official.
    let day = book.json(&["calendar", "2027-02-20", "2027-02-20"])["days"].clone();
    assert_eq!(
        day,
        json!([{"date": "2027-02-20", "weekday": 6, "kind": "makeup_workday",
                "name": "春节", "provisional": false}])
    );
    // All of 2027 is official now: 261 weekdays, 18 of them off (01-01; 02-05, 08..12; 04-05;
    // 05-03..05; 06-09; 09-15; 10-01, 04..07), 5 make-up days (02-20, 04-25, 05-08, 09-26,
    // 10-09): 248 working days.
    let year = book.json(&["calendar", "2027"])["days"].clone();
    let year = year.as_array().unwrap();
    assert!(year.iter().all(|d| d["provisional"] == false));
    let working = year
        .iter()
        .filter(|d| matches!(d["kind"].as_str(), Some("workday" | "makeup_workday")))
        .count();
    assert_eq!(working, 248);
    // Mon 02-08 .. Fri 02-12 are the notice's 春节, no longer the law's 补休.
    assert_eq!(year[41]["date"], "2027-02-11");
    assert_eq!(year[41]["kind"], "holiday");
    assert_eq!(
        year[39]["name"], "春节",
        "02-09 is not 春节（补休） any more"
    );

    // The complaint's handle due is official: 02-17 00:00 (see acknowledged_book), in explain,
    // show and the report.
    let after = handle(&book, NOW);
    assert_eq!(after["due"]["at"], "2027-02-17T00:00:00+08:00");
    assert_eq!(after["due"]["provisional"], false);
    let shown = book.json(&["show", "C-20270203", "--now", NOW]);
    assert_eq!(shown["deadlines"][1]["clock"]["code"], "handle");
    assert_eq!(
        shown["deadlines"][1]["due"]["at"],
        "2027-02-17T00:00:00+08:00"
    );
    assert_eq!(shown["deadlines"][1]["due"]["provisional"], false);
    let report = book.json(&["report", "--period", "2027-02", "--now", NOW]);
    assert_eq!(counted(&report, "handle"), 0);

    // due within 2027 is official: Wed 02-03 10:30 + 3wd = 02-17 00:00, as above.
    let due = book.json(&["due", "--from", "2027-02-03 10:30", "--within", "3wd"])["due"].clone();
    assert_eq!(due["at"], "2027-02-17T00:00:00+08:00");
    assert_eq!(due["provisional"], false);
    // Into 2028 it is provisional again: Thu 2027-12-30 + 3wd: Fri 12-31 (1); Sat 2028-01-01
    // 元旦 (statutory, on a weekend), Sun 01-02 weekend, Mon 01-03 元旦（补休）; Tue 01-04 (2),
    // Wed 01-05 (3): 24:00 of 01-05 = 2028-01-06 00:00.
    let due = book.json(&["due", "--from", "2027-12-30 10:00", "--within", "3wd"])["due"].clone();
    assert_eq!(due["at"], "2028-01-06T00:00:00+08:00");
    assert_eq!(due["provisional"], true);
    assert_eq!(
        due["counted"],
        json!(["2027-12-31", "2028-01-04", "2028-01-05"])
    );
    // Wed 2027-12-29 + 2wd ends on 12-31, official: Thu 12-30 (1), Fri 12-31 (2).
    let due = book.json(&["due", "--from", "2027-12-29 10:00", "--within", "2wd"])["due"].clone();
    assert_eq!(due["at"], "2028-01-01T00:00:00+08:00");
    assert_eq!(due["provisional"], false);

    // The same notice again is refused: the calendar has 2027 already. Nothing written.
    let output = exits(&book, &["calendar", "add-notice", &notice, "--now", NOW], 1);
    assert!(
        stderr(&output).contains("the calendar `cn` has the official schedule for 2027 already"),
        "{}",
        describe(&output)
    );
    assert_eq!(book.commits(), commits + 1);
    assert_eq!(book.status(), "");

    // rules check: with 2027 official, 2026-12-03 + 60 days (2027-01-31) needs no provisional
    // year, so there is no note; from 2027-12-03 (+60 days: 2028) there is one.
    let output = exits(
        &book,
        &[
            "rules",
            "check",
            "--strict",
            "--now",
            "2026-12-03T10:00:00+08:00",
        ],
        0,
    );
    assert_eq!(stderr(&output), "");
    let output = exits(
        &book,
        &[
            "rules",
            "check",
            "--strict",
            "--now",
            "2027-12-03T10:00:00+08:00",
        ],
        0,
    );
    assert!(
        stderr(&output).contains("note: the calendar `cn` has the official schedule to 2027"),
        "{}",
        describe(&output)
    );
}

#[test]
fn rules_check_notes_the_provisional_year_and_fails_strict_only_past_the_law() {
    let book = Book::new();
    // 2026-12-03 + 60 days = 2027-01-31: 2027 is provisional, which is a note, not a warning;
    // --strict passes.
    let output = exits(
        &book,
        &[
            "rules",
            "check",
            "--strict",
            "--now",
            "2026-12-03T10:00:00+08:00",
        ],
        0,
    );
    let err = stderr(&output);
    assert!(
        err.starts_with("note: the calendar `cn` has the official schedule to 2026"),
        "{err}"
    );
    assert!(err.contains("2027 are provisional"), "{err}");
    assert!(!err.contains("warning"), "{err}");
    // 2099-11-02 + 60 days = 2100-01-01, past the law's last year (2099): a warning, and
    // --strict fails; without --strict it passes.
    let output = exits(
        &book,
        &[
            "rules",
            "check",
            "--strict",
            "--now",
            "2099-11-02T10:00:00+08:00",
        ],
        1,
    );
    let err = stderr(&output);
    assert!(
        err.contains("warning: the calendar `cn` ends with 2099"),
        "{err}"
    );
    exits(
        &book,
        &["rules", "check", "--now", "2099-11-02T10:00:00+08:00"],
        0,
    );
    // One day earlier, + 60 days = 2099-12-31: still a note.
    exits(
        &book,
        &[
            "rules",
            "check",
            "--strict",
            "--now",
            "2099-11-01T10:00:00+08:00",
        ],
        0,
    );
}

/// Adding the year after the last one added extends `calendar.cn.yaml`.
#[test]
fn add_notice_for_2028_after_2027_extends_calendar_cn_yaml() {
    let book = Book::new();
    let notice = copy_fixture(&book, "hypothetical-2027.txt");
    let now = "2026-12-03T10:00:00+08:00";
    book.ok(&["calendar", "add-notice", &notice, "--now", now]);
    let commits = book.commits();
    let next = beside(&book, "hypothetical-2028.txt", HYPOTHETICAL_2028);
    let output = book.output(&["calendar", "add-notice", &next, "--now", now]);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    assert_eq!(book.commits(), commits + 1);
    assert_eq!(book.status(), "");
    assert!(book.log()[0].contains("official schedule for 2028"));
    let written = std::fs::read_to_string(book.root().join("calendar.cn.yaml")).unwrap();
    assert!(
        written.contains("covers: {from: 2027, to: 2028}"),
        "{written}"
    );
    assert!(written.contains("{name: \"春节\", from: 2027-02-05, to: 2027-02-12}"));
    assert!(written.contains("{name: \"春节\", from: 2028-01-25, to: 2028-01-28}"));
    // Both years official; Wed 2028-10-04 is the notice's 国庆节、中秋节, not the law's 补休.
    let day = book.json(&["calendar", "2028-10-04", "2028-10-04"])["days"].clone();
    assert_eq!(day[0]["kind"], "holiday");
    assert_eq!(day[0]["name"], "国庆节、中秋节");
    assert_eq!(day[0]["provisional"], false);
    let day = book.json(&["calendar", "2027-02-20", "2027-02-20"])["days"].clone();
    assert_eq!(day[0]["kind"], "makeup_workday");
}

/// A notice added in a commit is a change `rules diff` against the commit before should show:
/// the open complaint's handle due moves from 02-13 to 02-17 (see acknowledged_book).
#[test]
fn rules_diff_against_the_commit_before_add_notice_shows_the_moved_deadline() {
    let book = acknowledged_book();
    let notice = copy_fixture(&book, "hypothetical-2027.txt");
    book.ok(&["calendar", "add-notice", &notice, "--now", NOW]);
    let output = book.output(&["--format", "json", "rules", "diff", "HEAD~1", "--now", NOW]);
    assert_eq!(output.status.code(), Some(3), "{}", describe(&output));
    let diff: Value = serde_json::from_slice(&output.stdout).unwrap();
    let moved = diff["complaints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["what"] == "handle due")
        .unwrap_or_else(|| panic!("no handle due in {diff}"))
        .clone();
    assert_eq!(moved["old"], "2027-02-13T00:00:00+08:00");
    assert_eq!(moved["new"], "2027-02-17T00:00:00+08:00");
}

// ---------------------------------------------------------------------------------------------
// 4. Refusals, --force, --year and standard input.

#[test]
fn add_notice_refuses_a_wrong_weekday_and_points_at_its_line() {
    let book = Book::new();
    // Sat 04-03 written as 周五.
    let text = fixture("hypothetical-2027.txt").replace("4月3日（周六）", "4月3日（周五）");
    let notice = beside(&book, "wrong-weekday.txt", &text);
    let commits = book.commits();
    let args = [
        "calendar",
        "add-notice",
        &notice,
        "--now",
        "2026-12-03T10:00:00+08:00",
    ];
    assert_cmd_snapshot!(book.run(&args));
    let output = exits(&book, &args, 1);
    let err = stderr(&output);
    assert!(
        err.contains("2027年4月3日 is a Saturday (星期六), not 周五"),
        "{err}"
    );
    // The 清明节 item is line 6 of the notice.
    assert!(err.contains("wrong-weekday.txt:6:"), "{err}");
    assert!(err.contains("三、清明节：4月3日（周五）"), "{err}");
    assert_eq!(book.commits(), commits);
    assert_eq!(book.status(), "");
    // diff refuses it the same way.
    exits(&book, &["calendar", "diff", &notice], 1);
}

#[test]
fn add_notice_refuses_a_notice_without_mid_autumn_unless_forced() {
    let book = Book::new();
    let text: String = fixture("hypothetical-2027.txt")
        .lines()
        .filter(|line| !line.contains("中秋节："))
        .map(|line| format!("{line}\n"))
        .collect();
    let notice = beside(&book, "no-mid-autumn.txt", &text);
    let commits = book.commits();
    let now = "2026-12-03T10:00:00+08:00";
    let output = exits(&book, &["calendar", "add-notice", &notice, "--now", now], 1);
    let err = stderr(&output);
    assert!(
        err.contains("../no-mid-autumn.txt leaves out statutory holidays: 中秋节 2027-09-15"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(book.commits(), commits);
    assert!(!book.root().join("calendar.cn.yaml").exists());

    // --force accepts it with a warning; Wed 09-15 is then an official working day.
    let output = exits(
        &book,
        &["calendar", "add-notice", &notice, "--force", "--now", now],
        0,
    );
    assert!(
        stdout(&output).contains(
            "warning: the statutory holiday 中秋节 2027-09-15 is not given off (accepted with --force)"
        ),
        "{}",
        describe(&output)
    );
    assert_eq!(book.commits(), commits + 1);
    assert_eq!(book.status(), "");
    let day = book.json(&["calendar", "2027-09-15", "2027-09-15"])["days"].clone();
    assert_eq!(day[0]["kind"], "workday");
    assert_eq!(day[0]["provisional"], false);
}

#[test]
fn add_notice_for_2028_before_2027_is_refused() {
    let book = Book::new();
    let notice = beside(&book, "hypothetical-2028.txt", HYPOTHETICAL_2028);
    let commits = book.commits();
    // The notice itself is sound (every weekday right, every statutory day off): diff --force
    // would read it; what is wrong is the year.
    let output = exits(
        &book,
        &[
            "calendar",
            "add-notice",
            &notice,
            "--now",
            "2026-12-03T10:00:00+08:00",
        ],
        1,
    );
    let err = stderr(&output);
    assert!(
        err.contains("the calendar `cn` ends with 2026: the schedule for 2027 comes before 2028"),
        "{err}"
    );
    assert_eq!(book.commits(), commits);
    assert_eq!(book.status(), "");
}

#[test]
fn add_notice_reads_standard_input_and_year_gives_an_untitled_notice_its_year() {
    let book = Book::new();
    let text = fixture("hypothetical-2027.txt");
    let now = "2026-12-03T10:00:00+08:00";
    // Without a title nothing tells the year, unless --year does.
    let untitled: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    let output = output_with_stdin(
        book.run(&["calendar", "diff", "-", "--now", now]),
        &untitled,
    );
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(
        stderr(&output).contains("cannot tell which year the notice is for"),
        "{}",
        describe(&output)
    );
    let output = output_with_stdin(
        book.run(&[
            "--format", "json", "calendar", "diff", "-", "--year", "2027", "--now", now,
        ]),
        &untitled,
    );
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let out: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(out["years"], json!([2027, 2027]));
    assert_eq!(out["holidays"].as_array().unwrap().len(), 7);
    // The whole notice on standard input is added like the file.
    let output = output_with_stdin(
        book.run(&["calendar", "add-notice", "-", "--now", now]),
        &text,
    );
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    assert_eq!(book.status(), "");
    assert_eq!(
        std::fs::read_to_string(book.root().join("calendar.cn.yaml")).unwrap(),
        CALENDAR_CN_2027
    );
    assert_eq!(
        book.log()[0],
        "王芳|calendar cn: official schedule for 2027 added by 王芳 (0 deadline(s) moved)"
    );
}

// ---------------------------------------------------------------------------------------------
// 5. iCalendar subscriptions.

#[test]
fn add_notice_of_the_2026_ics_adds_nothing_the_calendar_has_already() {
    let book = Book::new();
    let ics = copy_fixture(&book, "cn-2026.ics");
    let commits = book.commits();
    let now = "2026-12-03T10:00:00+08:00";
    // Every day of cn-2026.ics agrees with cn.yaml's 2026, so nothing is left to add: the
    // command fails (exit 1), says the calendar has 2026 already, and writes nothing, with or
    // without --force.
    exits(&book, &["calendar", "add-notice", &ics, "--now", now], 1);
    let output = exits(
        &book,
        &["calendar", "add-notice", &ics, "--force", "--now", now],
        1,
    );
    assert!(
        stderr(&output).contains("the calendar `cn` has the official schedule to 2026 already"),
        "{}",
        describe(&output)
    );
    assert_eq!(book.commits(), commits);
    assert_eq!(book.status(), "");
    assert!(!book.root().join("calendar.cn.yaml").exists());
    // 2026 is unchanged and official; 2027 still provisional.
    let day = book.json(&["calendar", "2026-02-14", "2026-02-14"])["days"].clone();
    assert_eq!(day[0]["kind"], "makeup_workday");
    assert_eq!(day[0]["provisional"], false);
    let day = book.json(&["calendar", "2027-01-01", "2027-01-01"])["days"].clone();
    assert_eq!(day[0]["provisional"], true);
}

#[test]
fn add_notice_of_the_2026_ics_does_not_claim_its_days_are_left_out() {
    let book = Book::new();
    let ics = copy_fixture(&book, "cn-2026.ics");
    let output = book.output(&[
        "calendar",
        "diff",
        &ics,
        "--now",
        "2026-12-03T10:00:00+08:00",
    ]);
    let err = stderr(&output);
    assert!(!err.contains("leaves out"), "{}", describe(&output));
    assert!(err.contains("2026"), "{}", describe(&output));
}

#[test]
fn an_ics_subscription_gives_the_same_calendar_file_as_the_notice() {
    let now = "2026-12-03T10:00:00+08:00";
    let by_text = Book::new();
    let notice = copy_fixture(&by_text, "hypothetical-2027.txt");
    by_text.ok(&["calendar", "add-notice", &notice, "--now", now]);

    let by_ics = Book::new();
    let ics = copy_fixture(&by_ics, "hypothetical-2027.ics");
    // What it understood is the notice's (spans joined, make-up days per holiday).
    let diff = by_ics.json(&["calendar", "diff", &ics, "--now", now]);
    assert_eq!(diff["years"], json!([2027, 2027]));
    assert_eq!(diff["missing_statutory"], json!([]));
    assert_eq!(diff["holidays"].as_array().unwrap().len(), 7);
    by_ics.ok(&["calendar", "add-notice", &ics, "--now", now]);
    assert_eq!(by_ics.status(), "");

    let read = |book: &Book| std::fs::read_to_string(book.root().join("calendar.cn.yaml")).unwrap();
    assert_eq!(read(&by_ics), read(&by_text));
    assert_eq!(read(&by_ics), CALENDAR_CN_2027);

    // A subscription that also repeats 2026 (cn-2026.ics's events with the 2027 ones): the
    // 2026 days agree with the calendar and are left out; the file is the same.
    let both = {
        let old = fixture("cn-2026.ics");
        let new = fixture("hypothetical-2027.ics");
        let events = &new[new.find("BEGIN:VEVENT").unwrap()..new.find("END:VCALENDAR").unwrap()];
        old.replace("END:VCALENDAR", &format!("{events}END:VCALENDAR"))
    };
    let repeating = Book::new();
    let output = output_with_stdin(
        repeating.run(&["calendar", "add-notice", "-", "--now", now]),
        &both,
    );
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    assert_eq!(read(&repeating), CALENDAR_CN_2027);
}

// ---------------------------------------------------------------------------------------------
// 6. England and Wales.

/// A fresh book made with `init book --rulebook uk-fca` (calendar gb-eaw).
fn uk_book() -> Book {
    let book = Book::empty();
    let output = complaint(book.tmp())
        .args(["init", "book", "--rulebook", "uk-fca"])
        .output()
        .expect("complaint runs");
    assert!(output.status.success(), "init: {}", describe(&output));
    book
}

/// England and Wales 2027 by the Banking Act's rules (src/statutory.rs): Easter Sunday 03-28.
const GB_2027: &[(&str, &str)] = &[
    ("2027-01-01", "New Year's Day"),
    ("2027-03-26", "Good Friday"),
    ("2027-03-29", "Easter Monday"),
    ("2027-05-03", "Early May bank holiday"),
    ("2027-05-31", "Spring bank holiday"),
    ("2027-08-30", "Summer bank holiday"),
    ("2027-12-25", "Christmas Day"),
    ("2027-12-26", "Boxing Day"),
    ("2027-12-27", "Christmas Day (substitute day)"),
    ("2027-12-28", "Boxing Day (substitute day)"),
];

#[test]
fn uk_fca_book_takes_2027_bank_holidays_from_the_banking_act_all_provisional() {
    let book = uk_book();
    let listed = book.ok(&["rules", "list"]);
    assert!(listed.contains("uk-fca"), "{listed}");
    let days = book.json(&["calendar", "2027"])["days"].clone();
    assert!(
        days.as_array()
            .unwrap()
            .iter()
            .all(|d| d["provisional"] == true)
    );
    // Christmas Day Sat 12-25 and Boxing Day Sun 12-26 are made up on Mon 12-27 and Tue 12-28.
    assert_eq!(holidays(&days), pairs(GB_2027));
    // Mon 12-20 .. Fri 12-24 (5), Wed 12-29 .. Fri 12-31 (3): 8 working days of 12.
    assert_cmd_snapshot!(book.run(&["calendar", "2027-12-20", "2027-12-31"]));
    // Fri 2027-12-24 10:00 + 1wd: Sat, Sun weekend; Mon 12-27, Tue 12-28 substitute days; Wed
    // 12-29 (1), provisional.
    let due = book.json(&["due", "--from", "2027-12-24 10:00", "--within", "1wd"])["due"].clone();
    assert_eq!(due["provisional"], true);
    assert_eq!(due["counted"], json!(["2027-12-29"]));
}

/// gov.uk's feed lists a weekend Christmas and Boxing Day only on their substitute weekdays;
/// 12-25 and 12-26 are a Saturday and a Sunday, off anyway.
#[test]
fn a_gov_uk_style_2027_feed_is_accepted_for_gb_eaw() {
    let book = uk_book();
    let ics = copy_fixture(&book, "gb-eaw-2027.ics");
    let output = book.output(&[
        "--format",
        "json",
        "calendar",
        "diff",
        &ics,
        "--now",
        "2026-12-03T10:00:00+00:00",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let out: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(out["missing_statutory"], json!([]));
}

/// The names a feed gives are kept: "Early May bank holiday" is a name, not a holiday called
/// "Early May bank".
#[test]
fn a_gov_uk_style_feed_keeps_the_bank_holidays_names() {
    let book = uk_book();
    let ics = copy_fixture(&book, "gb-eaw-2027.ics");
    let out = book.json(&[
        "calendar",
        "diff",
        &ics,
        "--force",
        "--now",
        "2026-12-03T10:00:00+00:00",
    ]);
    let names: Vec<&str> = out["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Early May bank holiday"), "{names:?}");
    assert!(names.contains(&"Spring bank holiday"), "{names:?}");
    assert!(names.contains(&"Summer bank holiday"), "{names:?}");
}

// ---------------------------------------------------------------------------------------------
// 7. The README's CI script.

/// Copied exactly from README.md, section "Rulebook changes in CI".
const CI_SCRIPT: &str = r#"#!/usr/bin/env bash
set -euo pipefail
complaint rules check --strict          # the rulebook is sound (exit 1 otherwise)
complaint rules test                    # every scenario in scenarios/ still holds (none: nothing to test)
complaint check                         # every record still replays under it (exit 1 otherwise)
# What the change does to open complaints, against the branch it goes into (the remote's
# default branch unless BASE_REF names one); skipped where there is nothing to compare with.
base=$(git merge-base HEAD "${BASE_REF:-origin/HEAD}" 2>/dev/null || true)
if [ -n "$base" ]; then complaint rules diff "$base" || [ $? -eq 3 ]; fi
"#;

const CI_NOW: &str = "2026-12-03T10:00:00+08:00";

/// The folder on the inherited PATH that holds `program`.
fn on_path(program: &str) -> PathBuf {
    let inherited = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&inherited)
        .find(|dir| dir.join(program).is_file())
        .unwrap_or_else(|| panic!("{program} is on PATH"))
}

/// Runs the CI script with `bash -c` in `dir`, with PATH the folders of the complaint binary
/// and of git, and the hermetic environment of the other tests.
fn run_ci(dir: &Path, extra: &[(&str, &str)]) -> Output {
    let binary = Path::new(env!("CARGO_BIN_EXE_complaint"));
    let path = std::env::join_paths([
        binary.parent().unwrap().to_path_buf(),
        on_path("git"),
        on_path("bash"),
    ])
    .unwrap();
    let mut cmd = Command::new(on_path("bash").join("bash"));
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", path)
        .env("HOME", crate::support::HOME)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("COMPLAINT_NOW", CI_NOW)
        .env("COMPLAINT_LANG", "en")
        .args(["-c", CI_SCRIPT]);
    for (key, value) in extra {
        cmd.env(key, value);
    }
    cmd.output().expect("bash runs")
}

#[test]
fn readme_ci_script_passes_on_a_fresh_book_without_a_remote() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```sh\n{CI_SCRIPT}```")),
        "CI_SCRIPT is the README's"
    );
    let book = Book::new();
    let output = run_ci(book.root(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    // No remote: rules diff is skipped. 2027 is provisional: a note, not a warning.
    assert!(
        !stdout(&output).contains("rule change(s)"),
        "{}",
        describe(&output)
    );
    assert!(stderr(&output).contains("note: the calendar `cn`"));
    assert!(
        !stderr(&output).contains("warning"),
        "{}",
        describe(&output)
    );
    assert_eq!(book.status(), "");
}

#[test]
fn readme_ci_script_passes_in_a_shallow_clone() {
    let book = Book::new();
    let url = format!("file://{}", book.root().display());
    crate::support::git(
        book.tmp(),
        &["clone", "--quiet", "--depth", "1", &url, "clone"],
    );
    let clone = book.tmp().join("clone");
    let output = run_ci(&clone, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    // origin/HEAD is HEAD: rules diff runs against it and finds nothing.
    assert!(
        stdout(&output).contains("0 rule change(s); 0 open complaint(s) affected"),
        "{}",
        describe(&output)
    );
}

#[test]
fn readme_ci_script_diffs_a_feature_branch_against_the_merge_base_with_trunk() {
    let book = Book::new();
    book.git(&["branch", "-m", "trunk"]);
    // Received Tue 12-01 10:00, acknowledged 10:30: handle 3wd = 12-02, 03, 04, due 12-05
    // 00:00; at 5wd = 12-02, 03, 04, 07, 08, due 12-09 00:00.
    book.new_complaint("2026-12-01T10:00:00+08:00");
    book.ok(&[
        "ack",
        "C-20261201",
        "--contact",
        "8001",
        "--now",
        "2026-12-01T10:30:00+08:00",
    ]);
    let url = format!("file://{}", book.root().display());
    crate::support::git(book.tmp(), &["clone", "--quiet", &url, "clone"]);
    let clone = book.tmp().join("clone");
    let git = |args: &[&str]| crate::support::git(&clone, args);
    assert_eq!(
        git(&["symbolic-ref", "refs/remotes/origin/HEAD"]).trim(),
        "refs/remotes/origin/trunk"
    );
    git(&["checkout", "--quiet", "-b", "feature"]);
    let rulebook = clone.join("rulebook.yaml");
    let text = std::fs::read_to_string(&rulebook).unwrap();
    let changed = text
        .replacen("version: \"2026.2\"", "version: \"2026.3\"", 1)
        .replacen(
            "limits: {ordinary: 3wd, complex: 7wd}",
            "limits: {ordinary: 5wd, complex: 7wd}",
            1,
        );
    assert_ne!(changed, text);
    std::fs::write(&rulebook, changed).unwrap();
    git(&[
        "-c",
        "user.name=testsuite",
        "-c",
        "user.email=testsuite@example.invalid",
        "commit",
        "--quiet",
        "-am",
        "handle: 5 working days",
    ]);
    let trunk = git(&["rev-parse", "origin/trunk"]);

    for extra in [vec![], vec![("BASE_REF", "origin/trunk")]] {
        let output = run_ci(&clone, &extra);
        // rules diff exits 3 (something changes); the script accepts that: exit 0.
        assert_eq!(
            output.status.code(),
            Some(0),
            "{extra:?}: {}",
            describe(&output)
        );
        let out = stdout(&output);
        assert!(
            out.contains("changed clocks[handle].limits.ordinary: 3wd → 5wd"),
            "{out}"
        );
        assert!(out.contains("changed version: 2026.2 → 2026.3"), "{out}");
        assert!(
            out.contains("2026-12-05T00:00:00+08:00") && out.contains("2026-12-09T00:00:00+08:00"),
            "{out}"
        );
        assert!(
            out.contains("2 rule change(s); 1 open complaint(s) affected"),
            "{out}"
        );
    }
    // The base it compared with is where feature left trunk.
    assert_eq!(git(&["merge-base", "HEAD", "origin/HEAD"]), trunk);
}
