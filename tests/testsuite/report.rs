//! `complaint report`: the formats, the grouping, and a bad period, over a book of four
//! complaints: three in November 2026 (two of them from 张三), one in October.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, describe};

const NOW: &str = "2026-11-30T18:00:00+08:00";

/// | received         | category | customer | what happened                                  |
/// |------------------|----------|----------|------------------------------------------------|
/// | 2026-10-20 10:00 | CQ02     | 李四     | nothing more (the previous period)             |
/// | 2026-11-02 09:00 | CQ01     | 张三     | acked 10:00 (1 h, met), closed 11-04 (2 wd), 5 |
/// | 2026-11-06 16:00 | CQ02     | 张三     | acked 19:00 (3 h, late), open: handle breached |
/// | 2026-11-27 10:00 | CQ02     | 李四     | never acknowledged: acknowledge breached       |
///
/// So in November, at 11-30 18:00 (what the snapshots show): 3 received, 1 closed, resolution
/// 1/3 = 33.3 %. `acknowledge` (2 h): met 1, late 1, breached 1 → on time 1/3 = 33.3 %; times
/// 1 h and 3 h → median rank ⌈50·2/100⌉ = 1 → 1 h, p90 rank ⌈1.8⌉ = 2 → 3 h. `handle` (3 wd):
/// 11-02's met in 2 wd (Tue 3, Wed 4), 11-06's breached (due 11-12 00:00: Mon 9, Tue 10, Wed
/// 11) → 1/2 = 50.0 %, median and p90 of [2] = 2 wd. Satisfaction 5 (one score). 张三 twice:
/// one repeat complainant. The previous 30 days are 10-02..10-31: CQ02 1 (李四), so CQ02 grew
/// 2 − 1 = +1 and CQ01 1 − 0 = +1.
fn book() -> Book {
    let book = Book::new();
    let li = [
        ("--category", "CQ02"),
        ("--customer", "李四"),
        ("--phone", "13900001111"),
    ];
    book.new_complaint_with("2026-10-20T10:00:00+08:00", &li);
    book.new_complaint("2026-11-02T09:00:00+08:00");
    book.ok(&[
        "ack",
        "C-20261102",
        "--contact",
        "8001",
        "--now",
        "2026-11-02T10:00:00+08:00",
    ]);
    book.ok(&[
        "close",
        "C-20261102",
        "--outcome",
        "已换新机",
        "--satisfaction",
        "5",
        "--now",
        "2026-11-04T15:00:00+08:00",
    ]);
    book.new_complaint_with("2026-11-06T16:00:00+08:00", &[("--category", "CQ02")]);
    book.ok(&[
        "ack",
        "C-20261106",
        "--contact",
        "8001",
        "--now",
        "2026-11-06T19:00:00+08:00",
    ]);
    book.new_complaint_with("2026-11-27T10:00:00+08:00", &li);
    book
}

#[test]
fn report_as_a_table() {
    let book = book();
    assert_cmd_snapshot!(book.run(&["report", "--period", "2026-11", "--now", NOW]));
}

#[test]
fn report_as_json() {
    let book = book();
    assert_cmd_snapshot!(book.run(&["report", "--format", "json", "--now", NOW]));
}

#[test]
fn report_as_csv() {
    let book = book();
    assert_cmd_snapshot!(book.run(&[
        "report",
        "--format",
        "csv",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-07",
        "--now",
        NOW
    ]));
}

#[test]
fn report_as_html() {
    let book = book();
    assert_cmd_snapshot!(book.run(&["report", "--format", "html", "--now", NOW]));
}

#[test]
fn report_by_channel_with_names_revealed() {
    let book = book();
    let commits = book.commits();
    assert_cmd_snapshot!(book.run(&["report", "--group-by", "channel", "--reveal", "--now", NOW]));
    // The reveal is on file in the repeat complainant's complaints, as one commit.
    assert_eq!(book.commits(), commits + 1);
    assert!(
        book.log()[0].ends_with("shown to 王芳 by `complaint report`"),
        "{:?}",
        book.log()
    );
}

#[test]
fn report_to_a_file() {
    let book = book();
    book.ok(&[
        "report",
        "--format",
        "html",
        "-o",
        "report.html",
        "--now",
        NOW,
    ]);
    let page = std::fs::read_to_string(book.root().join("report.html")).expect("written");
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
}

#[test]
fn a_bad_period_is_refused() {
    let book = book();
    assert_cmd_snapshot!(
        book.run(&["report", "--period", "2026-13", "--now", NOW]),
        @"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: invalid value '2026-13' for '--period <MONTH>': `2026-13` is not a month; write it as 2026-11

        For more information, try '--help'.
        "
    );
}

#[test]
fn a_period_ending_before_it_starts_is_refused() {
    let book = book();
    assert_cmd_snapshot!(
        book.run(&[
        "report",
        "--from",
        "2026-11-30",
        "--to",
        "2026-11-01",
        "--now",
        NOW
    ]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × the period ends (2026-11-01) before it starts (2026-11-30)
          help: give --from a day on or before --to
        "
    );
}

#[test]
fn html_is_for_reports_only() {
    let book = book();
    assert_cmd_snapshot!(
        book.run(&["list", "--format", "html"]),
        @"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: invalid value 'html' for '--format <FORMAT>'
          [possible values: table, json, yaml, csv]

        For more information, try '--help'.
        "
    );
}

/// 2026-10-21 to 2026-11-05 against the 16 days before (10-05 to 10-20): CQ02 went from 1 (李四,
/// 10-20) to 0, a growth of −1, which the CSV keeps a number (no formula guard on numbers).
#[test]
fn report_csv_keeps_negative_numbers_numbers() {
    let book = book();
    let csv = book.ok(&[
        "report",
        "--format",
        "csv",
        "--from",
        "2026-10-21",
        "--to",
        "2026-11-05",
        "--now",
        NOW,
    ]);
    assert!(csv.contains("\ngroup,CQ02,growth,-1\n"), "{csv}");
    assert!(!csv.contains("'-"), "{csv}");
}

/// `report --by channel` (the natural slip for `--group-by channel`) is refused with the
/// option meant, instead of grouping by category under an actor called "channel".
#[test]
fn report_by_a_dimension_points_at_group_by() {
    let book = book();
    let output = book
        .run(&[
            "report",
            "--by",
            "channel",
            "--now",
            "2026-11-30T12:00:00+08:00",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--by names who acts"), "{stderr}");
    assert!(stderr.contains("--group-by channel"), "{stderr}");
    // A person's name after --by is fine.
    book.ok(&[
        "report",
        "--by",
        "王芳",
        "--now",
        "2026-11-30T12:00:00+08:00",
    ]);
}
