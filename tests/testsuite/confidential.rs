//! Confidential complaints (#16): under `finance`, a complaint flagged `confidential` may be
//! read only by the customer-maintenance room and the centre's managers (the rulebook's
//! `confidential:` readers) and by those handling it. Every read command leaves it out (saying
//! how many on stderr) or refuses it, naming the flag and its readers; the record stays in the
//! book.
//!
//! 2026-11-02 is a Monday; every command passes `--now`.

use std::process::Output;

use crate::support::{Book, complaint, describe};

const RECEIVED: &str = "2026-11-02T09:00:00+08:00";
const NOW: &str = "2026-11-02T10:00:00+08:00";
/// Long after both complaints' first answers were due.
const LATE: &str = "2026-11-10T10:00:00+08:00";

/// The readers of `confidential` in finance.yaml, as messages name them.
const READERS: &str =
    "客户维护室投诉专员 (maintenance), 客服中心副总经理 (deputy_gm), 客服中心总经理 (gm)";

/// A finance book with staff holding and lacking the readers' roles, and two complaints
/// registered by 王芳: the first flagged confidential, the second not. Gives (confidential,
/// plain).
fn finance() -> (Book, String, String) {
    let book = Book::empty();
    let output = complaint(book.tmp())
        .args(["init", "book", "--rulebook", "finance"])
        .output()
        .expect("complaint runs");
    assert!(output.status.success(), "init: {}", describe(&output));
    book.set_staff(&[
        ("周总", &["gm"]),
        ("钱专员", &["maintenance"]),
        ("孙客服", &["first_agent"]),
        ("李娜", &["room_head"]),
    ]);
    let intake = |flag: Option<&'static str>| {
        let mut changes = vec![
            ("--channel", "phone"),
            ("--category", "service"),
            ("--subject-kind", "employee"),
            ("--subject", "客服 1024 号"),
            ("--description", "客服泄露了我的投资信息"),
        ];
        if let Some(flag) = flag {
            changes.push(("--flag", flag));
        }
        changes
    };
    let secret = book.new_complaint_with(RECEIVED, &intake(Some("confidential")));
    let plain = book.new_complaint_with(RECEIVED, &intake(None));
    (book, secret, plain)
}

/// `complaint ARGS` in the book as `who`.
fn as_(book: &Book, who: &str, args: &[&str]) -> Output {
    book.run(args)
        .env("COMPLAINT_USER", who)
        .output()
        .expect("complaint runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn list_and_search_leave_out_what_the_reader_may_not_read_and_say_how_many() {
    let (book, secret, plain) = finance();
    let withheld = format!(
        "1 confidential complaint(s) withheld from 孙客服: flag `confidential` may be read only by {READERS} and those handling each complaint"
    );
    for args in [
        &["list", "--now", NOW][..],
        &["search", "泄露", "--now", NOW],
        &["list", "--now", NOW, "--format", "json"],
        &["list", "--now", NOW, "--format", "csv"],
    ] {
        let out = as_(&book, "孙客服", args);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert!(out.status.success(), "{args:?}: {}", describe(&out));
        assert!(stdout.contains(&plain), "{args:?}: {stdout}");
        assert!(!stdout.contains(&secret), "{args:?}: {stdout}");
        assert!(stderr.contains(&withheld), "{args:?}: {stderr}");
    }
    // A reader's role, or having registered it: everything, and nothing said.
    for who in ["周总", "钱专员", "王芳"] {
        let out = as_(&book, who, &["list", "--now", NOW]);
        let stdout = text(&out.stdout);
        assert!(
            stdout.contains(&secret) && stdout.contains(&plain),
            "{who}: {stdout}"
        );
        assert_eq!(text(&out.stderr), "", "{who}");
    }
    // Nobody named: nobody's roles.
    let out = book
        .run_anonymous(&["list", "--now", NOW])
        .output()
        .expect("complaint runs");
    assert!(!text(&out.stdout).contains(&secret));
    assert!(
        text(&out.stderr).contains("withheld from a reader nobody named (--by)"),
        "{}",
        describe(&out)
    );
}

#[test]
fn show_explain_form_and_event_commands_refuse_a_confidential_complaint() {
    let (book, secret, plain) = finance();
    let commits = book.commits();
    // (The diagnostic wraps its lines; the whole text is checked in the library's tests.)
    let refusal = format!("{secret} is confidential (flag `confidential`): only");
    for args in [
        &["show", secret.as_str(), "--now", NOW][..],
        &["show", secret.as_str(), "--now", NOW, "--reveal"],
        &["explain", secret.as_str(), "--now", NOW],
        &[
            "form",
            secret.as_str(),
            "--kind",
            "acceptance",
            "--now",
            NOW,
        ],
        &["note", secret.as_str(), "我看看", "--now", NOW],
        &["assign", secret.as_str(), "孙客服", "--now", NOW],
    ] {
        let out = as_(&book, "孙客服", args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", describe(&out));
        assert_eq!(text(&out.stdout), "", "{args:?}");
        assert!(
            text(&out.stderr).contains(&refusal),
            "{args:?}: {}",
            describe(&out)
        );
    }
    // Nothing was written, not even a reveal.
    assert_eq!(book.commits(), commits);
    assert!(!book.record(&secret).contains("reveal"));
    // The plain complaint, and the confidential one for a reader.
    assert!(
        as_(&book, "孙客服", &["show", &plain, "--now", NOW])
            .status
            .success()
    );
    for who in ["周总", "钱专员"] {
        let out = as_(&book, who, &["show", &secret, "--now", NOW]);
        assert!(out.status.success(), "{who}: {}", describe(&out));
        assert!(
            text(&out.stdout).contains("客户要求保密")
                || text(&out.stdout).contains("confidential")
        );
    }
}

#[test]
fn a_handler_involved_in_the_complaint_may_read_it() {
    let (book, secret, _) = finance();
    // The room head holds no reader's role: refused until it is assigned to her.
    let show = |who: &str| as_(&book, who, &["show", &secret, "--now", NOW]);
    assert_eq!(show("李娜").status.code(), Some(1));
    // 王芳 registered it, so she handles it and may assign it.
    book.ok(&[
        "assign",
        &secret,
        "李娜",
        "--now",
        "2026-11-02T09:30:00+08:00",
    ]);
    let out = show("李娜");
    assert!(out.status.success(), "{}", describe(&out));
    // As its assignee she acts on it, and so is involved even after it is passed on.
    let out = as_(
        &book,
        "李娜",
        &[
            "note",
            &secret,
            "已核实",
            "--now",
            "2026-11-02T09:40:00+08:00",
        ],
    );
    assert!(out.status.success(), "{}", describe(&out));
    book.ok(&[
        "assign",
        &secret,
        "钱专员",
        "--now",
        "2026-11-02T09:50:00+08:00",
    ]);
    assert!(show("李娜").status.success());
    // The first agent who merely sees the list still does not.
    assert_eq!(show("孙客服").status.code(), Some(1));
}

#[test]
fn export_leaves_out_confidential_complaints_in_every_format() {
    let (book, secret, plain) = finance();
    let file = book.tmp().join("out.xlsx");
    for args in [
        &["export", "--now", NOW][..],
        &["export", "--now", NOW, "--events"],
        &["export", "--now", NOW, "--format", "json"],
    ] {
        let out = as_(&book, "孙客服", args);
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{args:?}: {}", describe(&out));
        assert!(
            stdout.contains(&plain) && !stdout.contains(&secret),
            "{args:?}: {stdout}"
        );
        assert!(
            text(&out.stderr).contains("1 confidential complaint(s) withheld from 孙客服"),
            "{args:?}: {}",
            describe(&out)
        );
    }
    let out = as_(
        &book,
        "孙客服",
        &[
            "export",
            "--now",
            NOW,
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", describe(&out));
    assert!(text(&out.stderr).contains("withheld"), "{}", describe(&out));
    use calamine::{Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(&file).unwrap();
    let sheet = workbook.worksheet_range("complaints").unwrap();
    let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        cells.contains(&plain) && !cells.contains(&secret),
        "{cells:?}"
    );
    // A reader exports both.
    let stdout = text(&as_(&book, "钱专员", &["export", "--now", NOW]).stdout);
    assert!(stdout.contains(&plain) && stdout.contains(&secret));
}

#[test]
fn sla_counts_withheld_deadlines_without_naming_them() {
    let (book, secret, plain) = finance();
    let out = as_(&book, "孙客服", &["sla", "--now", LATE]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    // Breached either way: cron still hears of it.
    assert_eq!(out.status.code(), Some(3), "{}", describe(&out));
    assert!(
        stdout.contains(&plain) && !stdout.contains(&secret),
        "{stdout}"
    );
    assert!(
        stderr.contains(
            "2 deadline(s) of confidential complaints withheld from 孙客服 (2 breached, 0 at risk)"
        ),
        "{stderr}"
    );
    let out = as_(&book, "周总", &["sla", "--now", LATE]);
    assert!(text(&out.stdout).contains(&secret), "{}", describe(&out));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn the_refusal_and_the_count_speak_chinese() {
    let (book, secret, _) = finance();
    book.speak("zh");
    let out = as_(&book, "孙客服", &["list", "--now", NOW]);
    assert!(
        text(&out.stderr).contains(&format!(
            "已对孙客服隐去 1 件保密投诉：标记 `confidential` 的投诉只有 {READERS} 及其处理人员可以查阅"
        )),
        "{}",
        describe(&out)
    );
    let out = as_(&book, "孙客服", &["show", &secret, "--now", NOW]);
    assert!(
        text(&out.stderr).contains(&format!("{secret} 为保密投诉（标记 `confidential`）")),
        "{}",
        describe(&out)
    );
}

/// Completion offers a confidential complaint only to those who may read it.
#[test]
fn completion_offers_a_confidential_complaint_only_to_its_readers() {
    let (book, secret, plain) = finance();
    let offered = |who: &str| -> Vec<String> {
        let out = book
            .run(&["--", "complaint", "show", "C-"])
            .env("COMPLAINT_COMPLETE", "fish")
            .env("COMPLAINT_USER", who)
            .output()
            .expect("complaint runs");
        text(&out.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or_default().to_string())
            .collect()
    };
    let mut both = [secret.clone(), plain.clone()];
    both.sort();
    let mut for_gm = offered("周总");
    for_gm.sort();
    assert_eq!(for_gm, both);
    assert_eq!(offered("孙客服"), [plain]);
}
