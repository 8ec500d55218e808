//! Hostile text: what customers and other systems type reaches terminals, forms, git and
//! spreadsheets shown, never obeyed.

use crate::support::*;

/// Retitles the terminal, clears the screen, returns the carriage, backspaces, turns the
/// line around.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\r\u{8}\u{202e}";

fn raw(text: &str) -> bool {
    text.contains(['\u{1b}', '\u{7}', '\r', '\u{8}', '\u{202e}'])
}

fn all_output(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A complaint whose every free text, and whose actor, carries the sequences; then every
/// human output (tables, forms, the report, diagnostics, git's log) shows them escaped.
#[test]
fn escape_sequences_reach_no_human_output_raw() {
    let book = Book::new();
    let hostile = |text: &str| format!("{text}{HOSTILE}");
    let actor = hostile("王芳");
    let now = "2026-12-01T10:00:00+08:00";
    let out = book
        .run(&[
            "new",
            "--channel",
            "hotline",
            "--category",
            "CQ01",
            "--customer",
            &hostile("张三"),
            "--phone",
            "13812345678",
            "--subject-kind",
            "product",
            "--subject",
            &hostile("手机"),
            "--description",
            &hostile("屏幕碎裂"),
            "--demand",
            &hostile("退货"),
            "--now",
            now,
        ])
        .env("COMPLAINT_USER", &actor)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    assert!(!raw(&all_output(&out)), "new: {}", describe(&out));
    let id = "C-20261201";
    let steps: [&[&str]; 3] = [
        &[
            "ack",
            id,
            "--contact",
            "8001",
            "--now",
            "2026-12-01T10:30:00+08:00",
        ],
        &[
            "assign",
            id,
            &hostile("李娜"),
            "--now",
            "2026-12-01T10:40:00+08:00",
        ],
        &[
            "note",
            id,
            &hostile("已联系"),
            "--now",
            "2026-12-01T10:50:00+08:00",
        ],
    ];
    for step in steps {
        let out = book
            .run(step)
            .env("COMPLAINT_USER", &actor)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", describe(&out));
        assert!(!raw(&all_output(&out)), "{step:?}: {}", describe(&out));
    }
    let later = "2026-12-10T10:00:00+08:00";
    let reads: [&[&str]; 10] = [
        &["show", id, "--now", later],
        &["show", id, "--reveal", "--now", later],
        &["list", "--now", later],
        &["list", "--reveal", "--now", later],
        &["sla", "--all", "--now", later],
        &["explain", id, "--now", later],
        &[
            "report",
            "--period",
            "2026-12",
            "--group-by",
            "subject",
            "--now",
            later,
        ],
        &[
            "form",
            id,
            "--kind",
            "acceptance",
            "--as",
            "text",
            "--now",
            later,
        ],
        &[
            "form",
            id,
            "--kind",
            "acceptance",
            "--as",
            "markdown",
            "--now",
            later,
        ],
        &[
            "note",
            id,
            &hostile(""),
            "--now",
            "2026-12-01T09:00:00+08:00",
        ],
    ];
    for args in reads {
        let out = book
            .run(args)
            .env("COMPLAINT_USER", &actor)
            .output()
            .unwrap();
        assert!(!raw(&all_output(&out)), "{args:?}: {}", describe(&out));
    }
    let log = book.git(&["log", "--format=%an|%s%n%b"]);
    assert!(!raw(&log), "git log: {log:?}");
    // Machine formats keep the exact text.
    let shown = book.json(&["show", id, "--reveal", "--format", "json", "--now", later]);
    assert_eq!(shown["customer"]["name"], hostile("张三"));
}

/// Every CSV the program writes passes one guard: no cell a spreadsheet would run.
#[test]
fn every_csv_output_guards_formula_cells() {
    let book = Book::new();
    let out = book
        .run(&[
            "new",
            "--channel",
            "hotline",
            "--category",
            "CQ01",
            "--customer",
            "=HYPERLINK(\"http://x\",\"点我\")",
            "--phone",
            "+86 138 1234 5678",
            "--subject-kind",
            "product",
            "--subject",
            "－1+1",
            "--description",
            "@SUM(A1)",
            "--demand",
            "＝1+1",
            "--now",
            "2026-12-01T10:00:00+08:00",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let later = "2026-12-10T10:00:00+08:00";
    let outputs: [&[&str]; 6] = [
        &["list", "--format", "csv", "--now", later],
        &["list", "--format", "csv", "--reveal", "--now", later],
        &["sla", "--all", "--format", "csv", "--now", later],
        &["export", "--reveal", "--now", later],
        &["export", "--events", "--reveal", "--now", later],
        &[
            "report",
            "--period",
            "2026-12",
            "--group-by",
            "subject",
            "--format",
            "csv",
            "--now",
            later,
        ],
    ];
    for args in outputs {
        let out = book.output(args);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut cells = 0;
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                cells += 1;
                assert!(
                    !complaint::interchange::needs_guard(cell),
                    "{args:?}: {cell:?} unguarded in\n{text}"
                );
            }
        }
        assert!(cells > 0, "{args:?}: {}", describe(&out));
    }
}

/// A 2 MB description is refused at intake, naming the field and the limit; nothing is
/// written.
#[test]
fn a_2_mb_description_is_refused_at_intake() {
    let book = Book::new();
    // Too long for a command line: an intake document, as other systems send it.
    let intake = serde_json::json!({
        "channel": "hotline", "category": "CQ01",
        "customer": {"name": "张三", "phone": "13812345678"},
        "subject": {"kind": "product", "name": "手机"},
        "description": "很长的描述".repeat(140_000), "demand": "退货",
    });
    let file = book.tmp().join("intake.json");
    std::fs::write(&file, intake.to_string()).unwrap();
    let out = book.output(&[
        "new",
        "--from",
        file.to_str().unwrap(),
        "--now",
        "2026-12-01T10:00:00+08:00",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let said = all_output(&out);
    assert!(
        said.contains("`description` is 2100000 bytes, over the limit of 65536"),
        "{said}"
    );
    assert!(book.ids_on_disk().is_empty());
}

/// A record grown by hand to 50 MB is named and refused before it is read: `show` fails at
/// once instead of hanging, and `list` lists the others.
#[test]
fn a_50_mb_hand_edited_record_is_named_not_parsed() {
    let book = Book::new();
    let id = book.new_complaint("2026-12-01T10:00:00+08:00");
    let path = book.record_path(&id);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!("x: {}\n", "y".repeat(50_000_000)));
    std::fs::write(&path, text).unwrap();
    let out = book.output(&["show", &id]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(
        all_output(&out).contains("bytes, over the limit of 1048576"),
        "{}",
        describe(&out)
    );
}

/// A history put out of time order by a hand edit is not appended to: the command names the
/// events and how to restore the record.
#[test]
fn a_history_out_of_order_is_not_appended_to() {
    let book = Book::new();
    let id = book.new_complaint("2026-12-01T10:00:00+08:00");
    book.ok(&[
        "ack",
        &id,
        "--contact",
        "8001",
        "--now",
        "2026-12-01T10:30:00+08:00",
    ]);
    let path = book.record_path(&id);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("2026-12-01T10:30:00+08:00", "2026-12-01T09:30:00+08:00"),
    )
    .unwrap();
    let out = book.output(&["note", &id, "x", "--now", "2026-12-01T11:00:00+08:00"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let said = all_output(&out);
    assert!(said.contains("history is out of time order"), "{said}");
    assert!(said.contains("git log -p"), "{said}");
}

/// Personal data is not shown unless the access is committed: `--reveal` with `--no-commit`
/// is refused, and nothing is recorded.
#[test]
fn reveal_without_committing_the_access_is_refused() {
    let book = Book::new();
    let id = book.new_complaint("2026-12-01T10:00:00+08:00");
    let commits = book.commits();
    let out = book.output(&[
        "show",
        &id,
        "--reveal",
        "--no-commit",
        "--now",
        "2026-12-01T11:00:00+08:00",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(
        !all_output(&out).contains("13812345678"),
        "{}",
        describe(&out)
    );
    assert!(
        all_output(&out).contains("drop --no-commit"),
        "{}",
        describe(&out)
    );
    assert_eq!(book.commits(), commits);
    assert_eq!(book.status(), "");
}

/// No diagnostic the suite records prints a customer's phone number or e-mail address as the
/// tests typed them: the stderr part of every snapshot is searched, in the snapshot files and
/// inline in the tests' sources (`@"…"` literals, whose stderr part runs from the
/// `----- stderr -----` line to the line closing the literal).
#[test]
fn no_recorded_diagnostic_shows_personal_data_unmasked() {
    let personal = [
        "13812345678",
        "13900001111",
        "13700002222",
        "13912345678",
        "zhao6@",
        "zhang3@",
        "wangwu@",
        "nana@",
    ];
    let mut stderrs: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(repo().join("tests/testsuite/snapshots")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if let Some((_, stderr)) = text.split_once("----- stderr -----") {
            stderrs.push((path.display().to_string(), stderr.to_string()));
        }
    }
    let mut inline = 0;
    for entry in std::fs::read_dir(repo().join("tests/testsuite")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines = text.lines().enumerate();
        while let Some((n, line)) = lines.next() {
            if line.trim() != "----- stderr -----" {
                continue;
            }
            let stderr: Vec<&str> = lines
                .by_ref()
                .map(|(_, l)| l)
                .take_while(|l| l.trim().trim_end_matches('#') != "\"")
                .collect();
            stderrs.push((format!("{}:{}", path.display(), n + 1), stderr.join("\n")));
            inline += 1;
        }
    }
    for (place, stderr) in &stderrs {
        for value in personal {
            assert!(
                !stderr.contains(value),
                "{place}: {value} in its diagnostics"
            );
        }
    }
    assert!(inline > 100, "{inline} inline snapshots checked");
    assert!(stderrs.len() > 200, "{} snapshots checked", stderrs.len());
}
