//! The index (`.complaint/index.sqlite`) answers as reading every file does: every command that
//! reads the book prints the same with it and with `--no-index`, on a book of complaints in
//! every state, after a hand edit, a `git pull` of another desk's work, a rulebook change and a
//! calendar change.

use std::path::Path;

use crate::support::{Book, describe, git};

/// What a command printed, whatever its exit code (`sla` exits 3 when something is breached).
fn stdout(book: &Book, args: &[&str]) -> String {
    String::from_utf8(book.output(args).stdout).unwrap()
}

/// Every command that reads the book, at `now`, on the complaint `id`.
fn commands<'a>(now: &'a str, id: &'a str) -> Vec<Vec<&'a str>> {
    let at = |mut args: Vec<&'a str>| {
        args.extend(["--now", now]);
        args
    };
    vec![
        at(vec!["list"]),
        at(vec!["list", "--open", "--format", "json"]),
        at(vec!["list", "--from", "2026-12-01", "--to", "2027-01-31"]),
        at(vec!["list", "--phone", "138-1234-5678", "--format", "csv"]),
        at(vec!["search", "屏幕"]),
        at(vec!["export"]),
        at(vec!["sla"]),
        at(vec!["sla", "--all", "--format", "json"]),
        at(vec!["sla", "--all"]),
        at(vec!["show", id]),
        at(vec!["show", &id[11..], "--format", "json"]),
        at(vec!["explain", id]),
        at(vec!["report", "--period", "2026-12", "--format", "json"]),
        at(vec!["receivables", "--all"]),
    ]
}

/// Asserts that each command prints the same through the index as from the files.
fn same_with_and_without_the_index(book: &Book, cwd: &Path, now: &str, id: &str) {
    for args in commands(now, id) {
        let run = |index: bool| {
            let mut cmd = book.run_in(cwd, &args);
            if !index {
                cmd.arg("--no-index");
            }
            cmd.output().unwrap()
        };
        let (indexed, scanned) = (run(true), run(false));
        assert_eq!(
            (indexed.status.code(), &indexed.stdout, &indexed.stderr),
            (scanned.status.code(), &scanned.stdout, &scanned.stderr),
            "{args:?}\n--- with the index\n{}\n--- without\n{}",
            describe(&indexed),
            describe(&scanned)
        );
    }
    assert!(
        cwd.join(".complaint/index.sqlite").is_file(),
        "the index was made"
    );
}

/// A book of complaints in every state: new, acknowledged, paused, promised, closed, reopened,
/// paid, over four months, some from one phone.
fn desk() -> (Book, Vec<String>) {
    let book = Book::new();
    let received = [
        "2026-11-20T09:00:00+08:00",
        "2026-12-01T10:00:00+08:00",
        "2026-12-03T15:00:00+08:00",
        "2026-12-10T09:30:00+08:00",
        "2026-12-28T11:00:00+08:00",
        "2027-01-05T09:00:00+08:00",
        "2027-01-20T16:00:00+08:00",
    ];
    let ids: Vec<String> = received
        .iter()
        .enumerate()
        .map(|(i, at)| {
            let phone = format!("1391234{:04}", i % 3);
            book.new_complaint_with(at, &[("--phone", phone.as_str())])
        })
        .collect();
    book.steps(&ids[0])
        .ack("2026-11-20T09:30:00+08:00")
        .close("已退货退款", "2026-11-23T10:00:00+08:00");
    book.steps(&ids[1]).ack("2026-12-01T10:30:00+08:00");
    book.steps(&ids[2])
        .ack("2026-12-03T16:00:00+08:00")
        .pause("等待客户补充凭证", "2026-12-04T09:00:00+08:00");
    book.ok(&[
        "ack",
        &ids[3],
        "--contact",
        "8001",
        "--promised",
        "2026-12-14",
        "--now",
        "2026-12-10T10:00:00+08:00",
    ]);
    // Received in October, paid in December: the December report counts the payment.
    book.set_staff(&[("李娜", &["dept_head"])]);
    let paid = book.new_complaint("2026-10-20T09:00:00+08:00");
    book.steps(&paid)
        .ack("2026-10-20T09:30:00+08:00")
        .offer_amount("50", "2026-10-20T10:00:00+08:00")
        .by("李娜")
        .approve("2026-10-20T10:30:00+08:00")
        .by("王芳")
        .agree("2026-10-20T11:00:00+08:00")
        .pay("refund", "50", "2026-12-02T10:00:00+08:00");
    book.steps(&ids[4])
        .ack("2026-12-28T11:30:00+08:00")
        .close("已换货", "2026-12-29T10:00:00+08:00")
        .step(
            "reopen",
            &["--reason", "客户不满意"],
            "2026-12-30T09:00:00+08:00",
        );
    (book, ids)
}

#[test]
fn the_index_answers_as_reading_every_file_does() {
    let (book, ids) = desk();
    let root = book.root().to_path_buf();
    for now in [
        "2026-11-20T10:00:00+08:00", // before most were received
        "2026-12-04T12:00:00+08:00",
        "2026-12-15T09:00:00+08:00",
        "2027-02-10T09:00:00+08:00",
    ] {
        same_with_and_without_the_index(&book, &root, now, &ids[1]);
    }
    let now = "2027-01-21T09:00:00+08:00";
    // The October complaint's December payment is in December's report, through the index.
    let report = book.json(&["report", "--period", "2026-12", "--now", now]);
    assert!(
        report["compensation"].to_string().contains("50.00"),
        "{}",
        report["compensation"]
    );

    // A hand edit that rewrites a record in place: its folder's time does not move.
    let path = book.record_path(&ids[1]);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("name: 张三", "name: 李四")).unwrap();
    same_with_and_without_the_index(&book, &root, now, &ids[1]);
    let list = book.ok(&["list", "--now", now]);
    assert!(list.contains("李*"), "{list}");

    // Another desk's work, pulled by git.
    let other = book.tmp().join("other");
    git(
        book.tmp(),
        &["clone", "--quiet", root.to_str().unwrap(), "other"],
    );
    book.run_in(
        &other,
        &[
            "note",
            &ids[5],
            "客户来电催促",
            "--now",
            "2027-01-06T09:00:00+08:00",
        ],
    )
    .output()
    .unwrap();
    let mut new = vec!["new", "--now", "2027-01-06T10:00:00+08:00"];
    new.extend(crate::support::intake_args());
    let made = book.run_in(&other, &new).output().unwrap();
    assert!(made.status.success(), "{}", describe(&made));
    git(
        &root,
        &[
            "pull",
            "--quiet",
            "--no-rebase",
            other.to_str().unwrap(),
            "HEAD",
        ],
    );
    same_with_and_without_the_index(&book, &root, now, &ids[5]);

    // A rulebook change: the handling clock gets longer, so what is at risk changes.
    let rulebook = root.join("rulebook.yaml");
    let text = std::fs::read_to_string(&rulebook).unwrap();
    let longer = text.replace(
        "limits: {ordinary: 3wd, complex: 7wd}",
        "limits: {ordinary: 8wd, complex: 9wd}",
    );
    assert_ne!(text, longer);
    std::fs::write(&rulebook, longer).unwrap();
    same_with_and_without_the_index(&book, &root, "2026-12-15T09:00:00+08:00", &ids[1]);
    same_with_and_without_the_index(&book, &root, now, &ids[1]);
}

#[test]
fn a_calendar_change_moves_what_the_index_says_is_due() {
    let book = Book::new();
    // Received in the 2027 Spring Festival weeks: provisional days until the notice is added.
    let id = book.new_complaint("2027-02-03T09:00:00+08:00");
    book.steps(&id).ack("2027-02-03T09:30:00+08:00");
    let root = book.root().to_path_buf();
    let now = "2027-02-14T09:00:00+08:00";
    same_with_and_without_the_index(&book, &root, now, &id);
    let breached = stdout(&book, &["sla", "--now", now]);
    let notice = crate::support::repo().join("fixtures/notices/hypothetical-2027.txt");
    book.ok(&[
        "calendar",
        "add-notice",
        notice.to_str().unwrap(),
        "--now",
        "2027-01-10T09:00:00+08:00",
    ]);
    same_with_and_without_the_index(&book, &root, now, &id);
    let after = stdout(&book, &["sla", "--now", now]);
    assert_ne!(breached, after, "the official schedule moved the deadline");
}

#[test]
fn a_broken_or_foreign_index_is_rebuilt_and_a_missing_one_made() {
    let (book, ids) = desk();
    let now = "2026-12-15T09:00:00+08:00";
    let expected = stdout(&book, &["sla", "--all", "--now", now, "--no-index"]);
    let index = book.root().join(".complaint/index.sqlite");
    for damage in [&b"not a database"[..], b""] {
        let _ = std::fs::remove_file(index.with_extension("sqlite-wal"));
        let _ = std::fs::remove_file(index.with_extension("sqlite-shm"));
        std::fs::write(&index, damage).unwrap();
        assert_eq!(stdout(&book, &["sla", "--all", "--now", now]), expected);
    }
    std::fs::remove_file(&index).unwrap();
    assert_eq!(stdout(&book, &["sla", "--all", "--now", now]), expected);
    assert!(index.is_file());
    assert_eq!(
        book.json(&["show", &ids[2][11..], "--now", now])["id"],
        ids[2].as_str()
    );
}

/// Readers and writers at once, starting without an index: every reader builds or refreshes
/// the index while writers add events, none fails, and the index ends as the files are.
#[test]
fn readers_and_writers_at_once_share_the_index() {
    let (book, ids) = desk();
    let now = "2026-12-15T09:00:00+08:00";
    let index = book.root().join(".complaint/index.sqlite");
    let _ = std::fs::remove_file(&index);
    let children: Vec<(Vec<String>, std::process::Child)> = (0..8)
        .map(|n| {
            let args: Vec<String> = if n % 2 == 0 {
                ["sla", "--all", "--now", now].map(String::from).to_vec()
            } else {
                // The open complaints received before `now`.
                let id = &ids[1 + n % 3];
                ["note", id.as_str(), "来电询问进度", "--now", now]
                    .map(String::from)
                    .to_vec()
            };
            let child = book
                .run(&args)
                .env("COMPLAINT_LOCK_WAIT", "60")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            (args, child)
        })
        .collect();
    for (args, child) in children {
        let output = child.wait_with_output().unwrap();
        // `sla` exits 3 when something is breached; nothing may fail.
        assert!(
            matches!(output.status.code(), Some(0 | 3)),
            "{args:?}: {}",
            describe(&output)
        );
    }
    let later = "2026-12-16T09:00:00+08:00";
    assert_eq!(
        stdout(&book, &["sla", "--all", "--now", later]),
        stdout(&book, &["sla", "--all", "--now", later, "--no-index"])
    );
    assert_eq!(
        stdout(&book, &["list", "--format", "json", "--now", later]),
        stdout(
            &book,
            &["list", "--format", "json", "--now", later, "--no-index"]
        )
    );
}
