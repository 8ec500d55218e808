//! Errors in the interface's language: with `COMPLAINT_LANG=zh` a clerk reads what went wrong
//! and what to do in Chinese, with codes, IDs, options, commands and values as they are. In
//! English every error reads as it always did.

use std::process::Command;

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, intake_args};

const RECEIVED: &str = "2026-09-30T10:00:00+08:00";
/// The only complaint of 2026-09-30 in these books, by a unique part of its ID.
const IT: &str = "C-20260930";

/// The command with the interface in Chinese.
fn zh(mut cmd: Command) -> Command {
    cmd.env("COMPLAINT_LANG", "zh");
    cmd
}

/// A book with one complaint, acknowledged and closed.
fn closed() -> Book {
    let book = Book::new();
    book.new_complaint(RECEIVED);
    book.steps(IT)
        .ack("2026-09-30T10:30:00+08:00")
        .close("已退货", "2026-09-30T11:00:00+08:00");
    book
}

#[test]
fn outside_any_book_it_says_there_is_none_in_chinese() {
    let book = Book::empty();
    assert_cmd_snapshot!(zh(book.run_in(book.tmp(), &["list"])));
}

#[test]
fn an_unknown_id_is_told_in_chinese() {
    let book = Book::new();
    book.new_complaint(RECEIVED);
    assert_cmd_snapshot!(zh(book.run(&["show", "C-20250101"])));
}

#[test]
fn an_ambiguous_id_is_told_in_chinese_with_the_candidates() {
    let book = Book::new();
    // Not registered: both IDs read `C-20260930-[ID_?]`, whichever order they sort in.
    let mut args = vec!["new", "--now", RECEIVED];
    args.extend(intake_args());
    book.ok(&args);
    book.ok(&args);
    assert_cmd_snapshot!(zh(book.run(&["show", IT])));
}

#[test]
fn closing_a_closed_complaint_is_refused_in_chinese() {
    let book = closed();
    assert_cmd_snapshot!(zh(book.run(&[
        "close",
        IT,
        "--outcome",
        "再次关闭",
        "--now",
        "2026-09-30T12:00:00+08:00",
    ])));
    // A move on a closed complaint: the command line's hint names `complaint reopen`.
    assert_cmd_snapshot!(zh(book.run(&[
        "assign",
        IT,
        "李雷",
        "--now",
        "2026-09-30T12:00:00+08:00",
    ])));
}

#[test]
fn acknowledging_twice_is_refused_in_chinese() {
    let book = Book::new();
    book.new_complaint(RECEIVED);
    book.steps(IT).ack("2026-09-30T10:30:00+08:00");
    assert_cmd_snapshot!(zh(book.run(&[
        "ack",
        IT,
        "--contact",
        "8001",
        "--now",
        "2026-09-30T11:00:00+08:00",
    ])));
}

/// Without `COMPLAINT_LANG`, the book's rulebook chooses the language once it is open: the
/// shipped rulebook is Chinese, so the refusal is too.
#[test]
fn a_chinese_rulebook_makes_the_errors_chinese() {
    let book = Book::new();
    book.new_complaint(RECEIVED);
    book.steps(IT).ack("2026-09-30T10:30:00+08:00");
    let mut cmd = book.run(&[
        "ack",
        IT,
        "--contact",
        "8001",
        "--now",
        "2026-09-30T11:00:00+08:00",
    ]);
    cmd.env_remove("COMPLAINT_LANG");
    let output = cmd.output().expect("complaint runs");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(
        stderr.contains("× 无法受理 C-20260930-") && stderr.contains("投诉已于"),
        "{stderr}"
    );
}

#[test]
fn an_offer_above_the_cap_is_refused_in_chinese_with_the_amounts() {
    let book = Book::new();
    book.new_complaint_with("2026-11-02T09:00:00+08:00", &[("--price", "120")]);
    book.steps("C-20261102")
        .ack_contact("400-800-1234 转 8001", "2026-11-02T09:30:00+08:00")
        .find(
            "enterprise",
            "经调查，投诉属实",
            "2026-11-02T10:00:00+08:00",
        );
    // 120 + max(3 × 120, 500) = 620; its compensation raised by at most 30 %: 120 + 650 = 770.
    assert_cmd_snapshot!(zh(book.run(&[
        "offer",
        "C-20261102",
        "--amount",
        "771",
        "--now",
        "2026-11-02T10:10:00+08:00",
    ])));
}

#[test]
fn an_unreadable_now_is_refused_in_chinese() {
    let book = Book::new();
    assert_cmd_snapshot!(zh(book.run(&["list", "--now", "明天"])));
}

/// In English the same refusal is, byte for byte, what it always was.
#[test]
fn in_english_the_refusal_is_unchanged() {
    let book = closed();
    let output = book
        .run(&[
            "close",
            IT,
            "--outcome",
            "再次关闭",
            "--now",
            "2026-09-30T12:00:00+08:00",
        ])
        .env("COMPLAINT_LANG", "en")
        .output()
        .expect("complaint runs");
    let id = book.ids_on_disk().remove(0);
    assert_eq!(
        String::from_utf8(output.stderr).expect("UTF-8"),
        format!("complaint::illegal_move\n\n  × cannot close {id}: it is already closed\n\n")
    );
}
