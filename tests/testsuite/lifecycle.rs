//! The lifecycle commands: ack, assign, escalate, note, close, reopen; what they write and commit,
//! and the moves they refuse.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, describe};

const RECEIVED: &str = "2026-09-30T10:00:00+08:00";
/// The only complaint of 2026-09-30 in these books, by a unique part of its ID. (A date prefix
/// rather than the random suffix, so the snapshots' recorded command lines are stable.)
const IT: &str = "C-20260930";

/// One step of the walk: runs it, snapshots it, and checks that it made exactly one commit,
/// authored by the actor and naming the complaint, and that the new event records the actor.
/// (The `walk_git_log` snapshot shows each commit message is the line the step printed.)
fn step(book: &Book, name: &str, actor: &str, args: &[&str]) {
    let before = book.commits();
    let mut cmd = book.run(args);
    if actor != crate::support::USER {
        cmd.args(["--by", actor]);
    }
    assert_cmd_snapshot!(name, cmd);
    assert_eq!(book.commits(), before + 1, "{name}: exactly one commit");
    let shown = book.json(&["show", IT]);
    let last = shown["history"].as_array().unwrap().last().unwrap();
    assert_eq!(last["by"], actor, "{name}: the event records the actor");
    let log = book.log();
    let (author, subject) = log[0].split_once('|').unwrap();
    assert_eq!(author, actor, "{name}: the commit is authored by the actor");
    assert!(
        subject.starts_with(shown["id"].as_str().unwrap()),
        "{name}: the commit message names the complaint: {subject}"
    );
    assert_eq!(book.status(), "", "{name}: everything is committed");
}

#[test]
fn the_full_walk_from_new_to_closed_twice() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    assert_eq!(book.commits(), 2);

    step(
        &book,
        "walk_1_ack",
        "王芳",
        &[
            "ack",
            IT,
            "--contact",
            "400-800-1234 转 8001",
            "--promised",
            "2026-10-07",
            "--now",
            "2026-09-30T10:30:00+08:00",
        ],
    );
    step(
        &book,
        "walk_2_assign",
        "王芳",
        &["assign", IT, "李雷", "--now", "2026-09-30T11:00:00+08:00"],
    );
    step(
        &book,
        "walk_3_escalate",
        "李雷",
        &[
            "escalate",
            IT,
            "--reason",
            "客户要求三倍赔偿，超出专员权限",
            "--now",
            "2026-09-30T14:00:00+08:00",
        ],
    );
    step(
        &book,
        "walk_4_escalate",
        "赵主管",
        &[
            "escalate",
            IT,
            "-r",
            "涉及多部门",
            "--now",
            "2026-10-01T09:00:00+08:00",
        ],
    );
    step(
        &book,
        "walk_5_note",
        "王芳",
        &[
            "note",
            IT,
            "已电话联系客户，约定上门取件",
            "--now",
            "2026-10-01T10:00:00+08:00",
        ],
    );
    step(
        &book,
        "walk_6_close",
        "王芳",
        &[
            "close",
            IT,
            "--outcome",
            "退货退款并赔偿500元",
            "--satisfaction",
            "4",
            "--now",
            "2026-10-02T16:00:00+08:00",
        ],
    );
    step(
        &book,
        "walk_7_reopen",
        "王芳",
        &[
            "reopen",
            IT,
            "--reason",
            "客户反映赔偿未到账",
            "--now",
            "2026-10-05T09:00:00+08:00",
        ],
    );
    step(
        &book,
        "walk_8_close",
        "王芳",
        &[
            "close",
            IT,
            "--outcome",
            "赔偿已到账",
            "--satisfaction",
            "5",
            "--now",
            "2026-10-05T15:00:00+08:00",
        ],
    );

    assert_cmd_snapshot!(
        "walk_show_table",
        book.run(&["show", IT, "--now", "2026-10-06T09:00:00+08:00"])
    );
    assert_cmd_snapshot!(
        "walk_show_json",
        book.run(&["show", IT, "--format", "json"])
    );

    let shown = book.json(&["show", IT]);
    assert_eq!(shown["state"]["status"], "closed");
    assert_eq!(shown["state"]["level"], "cs_director");
    assert_eq!(shown["state"]["escalations"], 2);
    assert_eq!(shown["state"]["reopened"], 1);
    assert_eq!(shown["state"]["satisfaction"], 5);
    assert_eq!(shown["state"]["assignee"], "李雷");
    assert_eq!(shown["state"]["promised"], "2026-10-07");
    assert_eq!(shown["history"].as_array().unwrap().len(), 9);

    // init, new and eight steps: ten commits, the eight by their actors.
    assert_eq!(book.commits(), 10);
    let log: Vec<String> = book
        .log()
        .iter()
        .map(|line| line.replace(&id, "C-20260930-[ID_1]"))
        .collect();
    insta::assert_snapshot!(
        log.join("\n"),
        @"
        王芳|C-20260930-[ID_1] closed by 王芳
        王芳|C-20260930-[ID_1] reopened by 王芳
        王芳|C-20260930-[ID_1] closed by 王芳
        王芳|C-20260930-[ID_1] note by 王芳
        赵主管|C-20260930-[ID_1] escalated to 客服总监 by 赵主管
        李雷|C-20260930-[ID_1] escalated to 部门负责人 by 李雷
        王芳|C-20260930-[ID_1] assigned to 李雷 by 王芳
        王芳|C-20260930-[ID_1] acknowledged by 王芳 (handler 王芳)
        王芳|C-20260930-[ID_1] received (CQ01 商品质量问题) by 王芳
        complaint|New complaint book (rulebook enterprise 2026.2)
        "
    );
}

/// Runs a move that must be refused and checks that nothing was written: the record is the same
/// byte for byte and there is no new commit.
fn refused(book: &Book, name: &str, id: &str, args: &[&str], code: i32) {
    let before = std::fs::read(book.record_path(id)).unwrap();
    let commits = book.commits();
    let output = book.output(args);
    assert_eq!(
        output.status.code(),
        Some(code),
        "{name}: {}",
        describe(&output)
    );
    assert_cmd_snapshot!(name, book.run(args));
    assert_eq!(
        std::fs::read(book.record_path(id)).unwrap(),
        before,
        "{name}: the record is unchanged"
    );
    assert_eq!(book.commits(), commits, "{name}: no commit");
    assert_eq!(book.status(), "", "{name}: nothing uncommitted");
}

#[test]
fn closing_before_acknowledging_is_refused() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    refused(
        &book,
        "refused_close_before_ack",
        &id,
        &[
            "close",
            IT,
            "--outcome",
            "已退货",
            "--now",
            "2026-09-30T11:00:00+08:00",
        ],
        1,
    );
}

#[test]
fn acknowledging_twice_is_refused() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    book.steps(IT).ack("2026-09-30T10:30:00+08:00");
    refused(
        &book,
        "refused_ack_twice",
        &id,
        &[
            "ack",
            IT,
            "--contact",
            "8002",
            "--now",
            "2026-09-30T11:00:00+08:00",
        ],
        1,
    );
}

#[test]
fn escalating_past_the_top_of_the_ladder_is_refused() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    book.steps(IT).ack("2026-09-30T10:30:00+08:00");
    let levels: Vec<String> = ["2026-09-30T11:00:00+08:00", "2026-09-30T12:00:00+08:00"]
        .iter()
        .map(|now| {
            book.steps(IT).escalate("升级", now);
            book.json(&["show", IT])["state"]["level"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        levels,
        ["dept_head", "cs_director"],
        "投诉处理专员 → 部门负责人 → 客服总监"
    );
    refused(
        &book,
        "refused_escalate_past_top",
        &id,
        &[
            "escalate",
            IT,
            "-r",
            "再升级",
            "--now",
            "2026-09-30T13:00:00+08:00",
        ],
        1,
    );
}

#[test]
fn reopening_an_open_complaint_is_refused() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    refused(
        &book,
        "refused_reopen_new",
        &id,
        &[
            "reopen",
            IT,
            "-r",
            "客户不满意",
            "--now",
            "2026-09-30T11:00:00+08:00",
        ],
        1,
    );
    book.steps(IT).ack("2026-09-30T10:30:00+08:00");
    refused(
        &book,
        "refused_reopen_acknowledged",
        &id,
        &[
            "reopen",
            IT,
            "-r",
            "客户不满意",
            "--now",
            "2026-09-30T11:00:00+08:00",
        ],
        1,
    );
}

#[test]
fn acting_on_a_closed_complaint_is_refused() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    book.steps(IT)
        .ack("2026-09-30T10:30:00+08:00")
        .close("已退货", "2026-09-30T11:00:00+08:00");
    let later = "2026-09-30T12:00:00+08:00";
    refused(
        &book,
        "refused_close_closed",
        &id,
        &["close", IT, "--outcome", "再次关闭", "--now", later],
        1,
    );
    refused(
        &book,
        "refused_assign_closed",
        &id,
        &["assign", IT, "李雷", "--now", later],
        1,
    );
    refused(
        &book,
        "refused_escalate_closed",
        &id,
        &["escalate", IT, "-r", "升级", "--now", later],
        1,
    );
    refused(
        &book,
        "refused_ack_closed",
        &id,
        &["ack", IT, "--contact", "8001", "--now", later],
        1,
    );
}

#[test]
fn a_satisfaction_outside_one_to_five_is_a_command_line_error() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    book.steps(IT).ack("2026-09-30T10:30:00+08:00");
    refused(
        &book,
        "refused_satisfaction_6",
        &id,
        &[
            "close",
            IT,
            "--outcome",
            "已退货",
            "--satisfaction",
            "6",
            "--now",
            "2026-09-30T11:00:00+08:00",
        ],
        2,
    );
}

#[test]
fn empty_texts_are_refused() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    let now = "2026-09-30T11:00:00+08:00";
    refused(
        &book,
        "refused_empty_note",
        &id,
        &["note", IT, "  ", "--now", now],
        1,
    );
    refused(
        &book,
        "refused_empty_contact",
        &id,
        &["ack", IT, "--contact", "", "--now", now],
        1,
    );
}

#[test]
fn history_only_moves_forward() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    refused(
        &book,
        "refused_ack_before_received",
        &id,
        &[
            "ack",
            IT,
            "--contact",
            "8001",
            "--now",
            "2026-09-30T09:00:00+08:00",
        ],
        1,
    );
}

#[test]
fn no_commit_writes_the_record_but_makes_no_commit() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    let before = book.record(&id);
    assert_cmd_snapshot!(
        book.run(&[
        "ack",
        IT,
        "--contact",
        "8001",
        "--now",
        "2026-09-30T10:30:00+08:00",
        "--no-commit"
    ]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        C-20260930-[ID_1] acknowledged by 王芳 (handler 王芳)
        Tell the customer: 处理时限, by 2026-10-10 24:00

        ----- stderr -----
        "
    );
    assert_ne!(book.record(&id), before, "the record was written");
    assert_eq!(book.json(&["show", IT])["state"]["status"], "acknowledged");
    assert_eq!(book.commits(), 2, "no commit");
    assert_eq!(
        book.status(),
        format!(" M records/2026/09/{id}.yaml\n"),
        "the change is left for the user"
    );
    // The next committed change commits the record as it is, ack included.
    book.steps(IT).note("补记", "2026-09-30T11:00:00+08:00");
    assert_eq!(book.commits(), 3);
    assert_eq!(book.status(), "");
}

#[test]
fn the_id_can_be_a_unique_lower_case_part_of_its_suffix() {
    let book = Book::new();
    let first = book.new_complaint(RECEIVED);
    let second = book.new_complaint("2026-09-30T10:10:00+08:00");
    // The shortest lower-case prefix of the suffix (at least 3 characters) that is unique.
    let suffix = first[11..].to_ascii_lowercase();
    let part = (3..=6)
        .map(|n| &suffix[..n])
        .find(|p| !second[11..].to_ascii_lowercase().starts_with(p))
        .unwrap();
    let output = book.output(&[
        "note",
        part,
        "客户来电催办",
        "--now",
        "2026-09-30T11:00:00+08:00",
    ]);
    assert!(output.status.success(), "{}", describe(&output));
    insta::assert_snapshot!(
        String::from_utf8(output.stdout).unwrap(),
        @"C-20260930-[ID_1] note by 王芳"
    );
    let shown = book.json(&["show", &suffix]);
    assert_eq!(shown["id"], first.as_str());
    assert_eq!(shown["history"][1]["text"], "客户来电催办");
    assert_eq!(
        book.json(&["show", &second[11..]])["history"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "the other complaint is untouched"
    );
    // The whole ID, in lower case, works too.
    let shown = book.json(&["show", &first.to_ascii_lowercase()]);
    assert_eq!(shown["id"], first.as_str());
}

#[test]
fn an_ambiguous_id_lists_the_candidates() {
    let book = Book::new();
    // Not registered: both IDs read `C-20260930-[ID_?]`, whichever order they sort in.
    let mut args = vec!["new", "--now", RECEIVED];
    args.extend(crate::support::intake_args());
    book.ok(&args);
    book.ok(&args);
    let files = book.ids_on_disk();
    assert_eq!(files.len(), 2);
    let before: Vec<String> = files.iter().map(|id| book.record(id)).collect();
    assert_cmd_snapshot!(
        book.run(&["show", IT]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::ambiguous

          × `C-20260930` matches 2 complaints
          help: type more of the ID; candidates: C-20260930-[ID_?], C-20260930-[ID_?]
        "
    );
    assert_cmd_snapshot!(
        book.run(&["ack", "20260930", "--contact", "8001", "--now", RECEIVED]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::ambiguous

          × `20260930` matches 2 complaints
          help: type more of the ID; candidates: C-20260930-[ID_?], C-20260930-[ID_?]
        "
    );
    let after: Vec<String> = files.iter().map(|id| book.record(id)).collect();
    assert_eq!(after, before, "nothing was written");
    assert_eq!(book.commits(), 3);
}

#[test]
fn an_unknown_id_is_an_error() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    assert_cmd_snapshot!(
        book.run(&["show", "C-20250101"]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::not_found

          × no complaint matches `C-20250101`
          help: `complaint list` shows the complaints in this book
        "
    );
    refused(
        &book,
        "refused_ack_unknown",
        &id,
        &["ack", "zzzzzz9", "--contact", "8001", "--now", RECEIVED],
        1,
    );
}

#[test]
fn the_actor_is_required() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    let before = book.record(&id);
    let args = [
        "ack",
        IT,
        "--contact",
        "8001",
        "--now",
        "2026-09-30T10:30:00+08:00",
    ];
    // No COMPLAINT_USER, no --by, and git has no user.name (HOME is empty, no system config).
    assert_cmd_snapshot!(
        book.run_anonymous(&args),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × who is acting? nobody is named
          help: pass --by NAME, or set COMPLAINT_USER or git's user.name
        "
    );
    assert_eq!(book.record(&id), before);
    assert_eq!(book.commits(), 2);
    let mut new = vec!["new", "--now", RECEIVED];
    new.extend(crate::support::intake_args());
    assert_cmd_snapshot!(
        book.run_anonymous(&new),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × who is acting? nobody is named
          help: pass --by NAME, or set COMPLAINT_USER or git's user.name
        "
    );
    assert_eq!(book.ids_on_disk().len(), 1);

    // A blank --by names nobody either.
    let mut cmd = book.run_anonymous(&args);
    cmd.args(["--by", " "]);
    assert_cmd_snapshot!(
        cmd,
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × who is acting? nobody is named
          help: pass --by NAME, or set COMPLAINT_USER or git's user.name
        "
    );
    assert_eq!(book.commits(), 2);
}

#[test]
fn the_actor_comes_from_by_then_complaint_user_then_git() {
    let book = Book::new();
    book.new_complaint(RECEIVED);

    let mut cmd = book.run_anonymous(&["note", IT, "一", "--now", "2026-09-30T11:00:00+08:00"]);
    cmd.args(["--by", "李雷"]);
    assert!(cmd.output().unwrap().status.success());

    // --by wins over COMPLAINT_USER.
    let mut cmd = book.run(&["note", IT, "二", "--now", "2026-09-30T11:01:00+08:00"]);
    cmd.args(["--by", "赵六"]);
    assert!(cmd.output().unwrap().status.success());

    // Without either, git's user.name.
    book.git(&["config", "user.name", "孙七"]);
    book.git(&["config", "user.email", "sun7@example.com"]);
    let output = book
        .run_anonymous(&["note", IT, "三", "--now", "2026-09-30T11:02:00+08:00"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));

    let shown = book.json(&["show", IT]);
    let by: Vec<&str> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["by"].as_str().unwrap())
        .collect();
    assert_eq!(by, ["王芳", "李雷", "赵六", "孙七"]);
    let authors: Vec<String> = book
        .log()
        .iter()
        .map(|l| l.split('|').next().unwrap().to_string())
        .collect();
    assert_eq!(authors, ["孙七", "赵六", "李雷", "王芳", "complaint"]);
}

#[test]
fn complaint_now_sets_the_time_like_now() {
    let book = Book::new();
    book.new_complaint(RECEIVED);
    let mut cmd = book.run(&["ack", IT, "--contact", "8001"]);
    cmd.env("COMPLAINT_NOW", "2026-09-30 10:45");
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    let shown = book.json(&["show", IT]);
    assert_eq!(shown["history"][1]["at"], "2026-09-30T10:45:00+08:00");
}

#[test]
fn lifecycle_commands_print_the_record_in_json_and_yaml() {
    let book = Book::new();
    book.new_complaint(RECEIVED);
    assert_cmd_snapshot!(book.run(&[
        "assign",
        IT,
        "李雷",
        "--now",
        "2026-09-30T10:20:00+08:00",
        "--format",
        "json"
    ]));
    assert_cmd_snapshot!(
        "print_record_yaml",
        book.run(&[
            "note",
            IT,
            "客户补充了照片",
            "--now",
            "2026-09-30T10:25:00+08:00",
            "--format",
            "yaml"
        ])
    );
}

#[test]
fn a_git_user_name_without_an_email_still_commits() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    book.git(&["config", "user.name", "孙七"]);
    let output = book
        .run_anonymous(&["note", IT, "三", "--now", "2026-09-30T11:00:00+08:00"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    assert_eq!(book.commits(), 3);
    assert_eq!(book.log()[0], format!("孙七|{id} note by 孙七"));
}

/// Any unique part of an ID finds the complaint, not only the start of a segment (`show 0930`,
/// `show QX2`); a part every ID has (`C`) is ambiguous and says how many it matches.
#[test]
fn id_matching_by_any_unique_substring() {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    let middle = &id[13..16]; // three characters inside the random part
    for part in ["0930", middle, &id[4..12]] {
        let shown = book.json(&["show", part]);
        assert_eq!(shown["id"], id.as_str(), "show {part}");
    }
    book.new_complaint(RECEIVED);
    let output = book.run(&["show", "C"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`C` matches 2 complaints"), "{stderr}");
    assert!(stderr.contains("candidates: C-20260930-"), "{stderr}");
}

/// `ack --promised` must be a promise the desk can keep: not a day that has passed, and not
/// after the rulebook's deadline for resolving. Enterprise, received Mon 11-02 and acknowledged
/// at 09:30: `handle` is 3 working days (11-03, 11-04, 11-05), due 11-06 00:00, so 11-05 is
/// the last day that can be promised.
#[test]
fn promised_date_is_checked() {
    let book = Book::new();
    let id = book.new_complaint("2026-11-02T09:00:00+08:00");
    let ack = |promised: &str| {
        book.run(&["ack", &id, "--contact", "8001", "--promised", promised])
            .args(["--now", "2026-11-02T09:30:00+08:00"])
            .output()
            .unwrap()
    };
    for (promised, said) in [
        ("2026-10-09", "has passed"),
        ("2026-11-06", "promise 2026-11-05 or earlier"),
    ] {
        let output = ack(promised);
        assert_eq!(output.status.code(), Some(1), "{promised}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(said), "{stderr}");
    }
    let output = ack("2026-11-05");
    assert!(output.status.success(), "{}", describe(&output));

    // The promise is a clock `sla` watches: at risk on the promised day, breached after it.
    let promised = |now: &str| -> Option<String> {
        let output = book
            .run(&[
                "sla", "--all", "--clock", "promised", "--format", "json", "--now", now,
            ])
            .output()
            .unwrap();
        let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        rows["deadlines"]
            .as_array()
            .unwrap()
            .first()
            .map(|r| r["status"].as_str().unwrap().to_string())
    };
    assert_eq!(
        promised("2026-11-04T10:00:00+08:00").as_deref(),
        Some("running")
    );
    assert_eq!(
        promised("2026-11-05T10:00:00+08:00").as_deref(),
        Some("at_risk")
    );
    assert_eq!(
        promised("2026-11-06T00:01:00+08:00").as_deref(),
        Some("breached")
    );
}

/// Deadlines up front: `new` and `ack` end with the line the desk reads to the customer, the
/// next deadline in the rulebook's words; an end-of-day deadline is said as 24:00 of its day.
/// Enterprise, received Mon 11-02 09:00: acknowledgement within 2 h (11:00); acknowledged at
/// 09:30, `handle` is 3 working days (11-03, 11-04, 11-05), due at the end of 11-05.
#[test]
fn new_and_ack_say_what_to_tell_the_customer() {
    let book = Book::new();
    book.speak("zh");
    let mut args = vec!["new", "--now", "2026-11-02T09:00:00+08:00"];
    args.extend(crate::support::intake_args());
    let new = book.ok(&args);
    assert!(
        new.trim_end()
            .ends_with("请告知客户：受理确认，2026年11月02日11时00分前"),
        "{new}"
    );
    let ack = book.ok(&[
        "ack",
        "C-20261102",
        "--contact",
        "8001",
        "--now",
        "2026-11-02T09:30:00+08:00",
    ]);
    assert!(
        ack.trim_end()
            .ends_with("请告知客户：处理时限，2026年11月05日24时前"),
        "{ack}"
    );
}
