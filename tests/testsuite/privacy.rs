//! Personal data: masked by default everywhere records are shown, unmasked only with
//! `--reveal`, and every reveal on file in the history of each record it showed (S4).

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, describe};

/// Two complaints of 张三 (13812345678), received on 2026-09-30 and 2026-10-08.
fn two_complaints() -> Book {
    let book = Book::new();
    book.new_complaint("2026-09-30T10:00:00+08:00");
    book.new_complaint_with(
        "2026-10-08T10:00:00+08:00",
        &[("--address", "北京市朝阳区建国路88号")],
    );
    book
}

#[test]
fn show_list_and_export_mask_personal_data_by_default() {
    let book = two_complaints();
    let commits = book.commits();
    assert_cmd_snapshot!(
        "masked_show",
        book.run(&["show", "20261008", "--now", "2026-10-09T09:00:00+08:00"])
    );
    assert_cmd_snapshot!(
        book.run(&["list"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        ┌───────────────────┬─────────────────────────┬────────┬──────────────┬──────────┬───────────────────┬─────────┬──────────┬─────────┬──────────┐
        │ ID                ┆ Received                ┆ Status ┆ Level        ┆ Grade    ┆ Category          ┆ Channel ┆ Customer ┆ Subject ┆ Assignee │
        ╞═══════════════════╪═════════════════════════╪════════╪══════════════╪══════════╪═══════════════════╪═════════╪══════════╪═════════╪══════════╡
        │ C-20260930-[ID_1] ┆ 2026-09-30 10:00 +08:00 ┆ new    ┆ 投诉处理专员 ┆ ordinary ┆ CQ01 商品质量问题 ┆ hotline ┆ 张*      ┆ 手机    ┆          │
        │ C-20261008-[ID_2] ┆ 2026-10-08 10:00 +08:00 ┆ new    ┆ 投诉处理专员 ┆ ordinary ┆ CQ01 商品质量问题 ┆ hotline ┆ 张*      ┆ 手机    ┆          │
        └───────────────────┴─────────────────────────┴────────┴──────────────┴──────────┴───────────────────┴─────────┴──────────┴─────────┴──────────┘
        2 complaint(s)

        ----- stderr -----
        "
    );
    let shown = book.json(&["show", "20261008"]);
    assert_eq!(shown["customer"]["name"], "张*");
    assert_eq!(shown["customer"]["phone"], "138****5678");
    assert_eq!(shown["customer"]["address"], "北京**********");
    let csv = book.ok(&["export"]);
    assert!(csv.contains(",张*,138****5678,"), "{csv}");
    assert!(!csv.contains("13812345678"), "{csv}");
    // Looking is not acting: nothing is written for a masked view.
    assert_eq!(book.commits(), commits);
}

#[test]
fn show_reveal_is_recorded_in_the_history_before_it_prints() {
    let book = two_complaints();
    let commits = book.commits();
    assert_cmd_snapshot!(
        "reveal_show",
        book.run(&[
            "show",
            "20261008",
            "--reveal",
            "--now",
            "2026-10-09T09:00:00+08:00"
        ])
    );
    assert_eq!(book.commits(), commits + 1);
    assert_eq!(
        book.log()[0],
        "王芳|personal data of 1 complaint(s) shown to 王芳 by `complaint show`"
    );
    let history = book.json(&["show", "20261008"])["history"].clone();
    let last = history.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["event"], "reveal");
    assert_eq!(last["by"], "王芳");
    assert_eq!(last["command"], "show");
    assert_eq!(last["at"], "2026-10-09T09:00:00+08:00");
}

#[test]
fn list_and_export_reveal_record_every_record_they_show_in_one_commit() {
    let book = two_complaints();
    let commits = book.commits();
    let listed = book.json(&[
        "list",
        "--reveal",
        "--from",
        "2026-10-01",
        "--now",
        "2026-10-09T09:00:00+08:00",
    ]);
    assert_eq!(listed["complaints"][0]["customer"]["name"], "张三");
    assert_eq!(listed["complaints"].as_array().unwrap().len(), 1);
    assert_eq!(book.commits(), commits + 1);
    let events = |day: &str| -> Vec<String> {
        book.json(&["show", day])["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event"].as_str().unwrap().to_string())
            .collect()
    };
    // Only the record shown is on file as revealed.
    assert_eq!(events("20261008"), ["received", "reveal"]);
    assert_eq!(events("20260930"), ["received"]);

    let csv = book.ok(&["export", "--reveal", "--now", "2026-10-09T10:00:00+08:00"]);
    assert!(csv.contains(",张三,13812345678,"), "{csv}");
    assert_eq!(book.commits(), commits + 2);
    assert_eq!(
        book.log()[0],
        "王芳|personal data of 2 complaint(s) shown to 王芳 by `complaint export`"
    );
    assert_eq!(events("20260930"), ["received", "reveal"]);
}

#[test]
fn a_reveal_that_cannot_be_recorded_shows_nothing() {
    let book = two_complaints();
    let commits = book.commits();
    // Before the record's last event: history only moves forward, so it cannot be written.
    let output = book.output(&[
        "show",
        "20261008",
        "--reveal",
        "--now",
        "2026-10-01T09:00:00+08:00",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(output.stdout.is_empty(), "{}", describe(&output));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("13812345678"));
    assert_eq!(book.commits(), commits);
}

/// Registers a mall complaint of the customer with `phone`, received at `now`.
fn mall_complaint(book: &Book, now: &str, phone: &str) {
    book.new_complaint_with(
        now,
        &[
            ("--channel", "phone"),
            ("--category", "aftersale"),
            ("--merchant", "美家瓷砖"),
            ("--phone", phone),
        ],
    );
}

/// Acknowledges the complaint received on 2026-10-08 at 09:30 and closes it on Friday
/// 2026-10-09 17:00.
fn resolve_first(book: &Book) {
    book.ok(&[
        "ack",
        "20261008",
        "--contact",
        "8001",
        "--now",
        "2026-10-08T09:30:00+08:00",
    ]);
    book.ok(&[
        "close",
        "20261008",
        "--outcome",
        "已更换瓷砖",
        "--now",
        "2026-10-09T17:00:00+08:00",
    ]);
}

/// The first complaint (received Thursday 2026-10-08) is closed on Friday 2026-10-09 17:00;
/// its return visit is due within 3 working days: Sat 10 is National Day's make-up working day (1), Sun 11 a weekend, Mon 12 (2),
/// Tue 13 (3), so it is due at the end of Tuesday, 2026-10-14 00:00.
#[test]
fn a_dissatisfied_customer_at_the_return_visit_is_reopened_and_becomes_a_key_customer() {
    let book = Book::with_rulebook("rules/mall.yaml");
    mall_complaint(&book, "2026-10-08T09:00:00+08:00", "13812345678");
    mall_complaint(&book, "2026-10-09T09:00:00+08:00", "13900001111");
    resolve_first(&book);
    // The same customer (same phone, written differently) complains again later.
    mall_complaint(&book, "2026-10-12T09:00:00+08:00", "138-1234-5678");
    assert_cmd_snapshot!(
        book.run(&[
            "sla",
            "--all",
            "--clock",
            "return_visit",
            "--now",
            "2026-10-12T10:00:00+08:00"
        ]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        ┌───────────────────┬───────┬─────────┬─────────────────────────┬────────┬───────┬────────────┬──────────┐
        │ ID                ┆ Clock ┆ Status  ┆ Due                     ┆ Left   ┆ Grade ┆ Level      ┆ Assignee │
        ╞═══════════════════╪═══════╪═════════╪═════════════════════════╪════════╪═══════╪════════════╪══════════╡
        │ C-20261008-[ID_1] ┆ 回访  ┆ running ┆ 2026-10-13 24:00 +08:00 ┆ 1d 14h ┆       ┆ 投诉受理人 ┆ 王芳     │
        └───────────────────┴───────┴─────────┴─────────────────────────┴────────┴───────┴────────────┴──────────┘
        0 breached, 0 at risk at 2026-10-12 10:00 +08:00

        ----- stderr -----
        "
    );
    assert_cmd_snapshot!(
        book.run(&[
            "followup",
            "20261008",
            "瓷砖仍有色差，顾客不满意",
            "--satisfaction",
            "2",
            "--key-customer",
            "--reopen",
            "--now",
            "2026-10-12T11:00:00+08:00"
        ]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        C-20261008-[ID_1] return visit by 王芳: not satisfied, reopened

        ----- stderr -----
        "
    );
    let record = book.json(&["show", "20261008"]);
    assert_eq!(record["state"]["status"], "reopened");
    assert_eq!(record["state"]["key_customer"], true);
    let events: Vec<&str> = record["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["received", "ack", "close", "followup", "reopen"]);
    // The visit and the reopening are one commit.
    assert_eq!(
        book.log()[0],
        format!(
            "王芳|{} return visit by 王芳: not satisfied, reopened",
            record["id"].as_str().unwrap()
        )
    );
    // Both of the key customer's complaints, not the other customer's.
    assert_cmd_snapshot!(
        book.run(&["list", "--key-customers"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        ┌───────────────────┬─────────────────────────┬──────────┬────────────┬───────┬────────────────────┬─────────┬──────────┬─────────┬──────────┐
        │ ID                ┆ Received                ┆ Status   ┆ Level      ┆ Grade ┆ Category           ┆ Channel ┆ Customer ┆ Subject ┆ Assignee │
        ╞═══════════════════╪═════════════════════════╪══════════╪════════════╪═══════╪════════════════════╪═════════╪══════════╪═════════╪══════════╡
        │ C-20261008-[ID_1] ┆ 2026-10-08 09:00 +08:00 ┆ reopened ┆ 投诉受理人 ┆       ┆ aftersale 售后投诉 ┆ phone   ┆ 张*      ┆ 手机    ┆ 王芳     │
        │ C-20261012-[ID_3] ┆ 2026-10-12 09:00 +08:00 ┆ new      ┆ 投诉受理人 ┆       ┆ aftersale 售后投诉 ┆ phone   ┆ 张*      ┆ 手机    ┆          │
        └───────────────────┴─────────────────────────┴──────────┴────────────┴───────┴────────────────────┴─────────┴──────────┴─────────┴──────────┘
        2 complaint(s)

        ----- stderr -----
        "
    );
    // The visit was made: the clock no longer shows.
    let sla = book.ok(&[
        "sla",
        "--all",
        "--clock",
        "return_visit",
        "--now",
        "2026-10-12T12:00:00+08:00",
    ]);
    assert!(sla.is_empty(), "{sla}");
}

#[test]
fn a_reveal_refused_for_one_record_is_recorded_for_none() {
    let book = two_complaints();
    let commits = book.commits();
    // The first record's last event (received 09-30) is before now, the second's (10-08) after.
    let output = book.output(&["list", "--reveal", "--now", "2026-10-01T09:00:00+08:00"]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(output.stdout.is_empty(), "{}", describe(&output));
    assert_eq!(book.commits(), commits);
    assert!(!book.record(&book.ids_on_disk()[0]).contains("reveal"));
    assert!(book.status().is_empty(), "{}", book.status());
}

#[test]
fn a_refused_return_visit_does_not_reopen() {
    let book = Book::with_rulebook("rules/mall.yaml");
    mall_complaint(&book, "2026-10-08T09:00:00+08:00", "13812345678");
    resolve_first(&book);
    let commits = book.commits();
    let before = book.record(&book.ids_on_disk()[0]);
    let output = book.output(&[
        "followup",
        "20261008",
        "  ",
        "--reopen",
        "--now",
        "2026-10-12T11:00:00+08:00",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert_eq!(book.record(&book.ids_on_disk()[0]), before);
    assert_eq!(book.commits(), commits);
    // With --format json the visit prints the record, as every other command does.
    let record = book.json(&[
        "followup",
        "20261008",
        "仍有色差",
        "--reopen",
        "--now",
        "2026-10-12T11:00:00+08:00",
    ]);
    assert_eq!(record["state"]["status"], "reopened");
    assert_eq!(record["customer"]["phone"], "138****5678");
}
