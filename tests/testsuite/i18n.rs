//! The interface's language: the front desk's views in Chinese and in English, at 80 and 200
//! columns; which language is chosen from `COMPLAINT_LANG`, the locale and the rulebook; and
//! machine formats that never change with it.

use unicode_width::UnicodeWidthStr;

use crate::support::{Book, describe, intake_args};

const RECEIVED: &str = "2026-11-02T09:00:00+08:00";
const ACKED: &str = "2026-11-02T09:30:00+08:00";
const NOW: &str = "2026-11-05T20:00:00+08:00";

/// A book with one acknowledged complaint (noted) and one only registered, by 王芳.
fn desk() -> (Book, String) {
    let book = Book::new();
    let id = book.new_complaint(RECEIVED);
    book.steps(&id)
        .ack(ACKED)
        .note("已联系仓库核实，等待回复", "2026-11-02T10:00:00+08:00");
    book.new_complaint_with(
        "2026-11-04T15:00:00+08:00",
        &[("--category", "CQ02"), ("--customer", "李雷")],
    );
    (book, id)
}

/// Runs `args` in `language` at `columns`, snapshots it as `name`, and checks no line of a
/// narrow terminal is wider than it (Chinese characters count two columns).
fn at_width(book: &Book, language: &'static str, columns: u16, name: &str, args: &[&str]) {
    book.speak(language);
    let output = book
        .run(args)
        .env("COLUMNS", columns.to_string())
        .output()
        .unwrap();
    // `sla` exits 3 when a deadline is breached: what it prints is still the view.
    assert!(
        matches!(output.status.code(), Some(0 | 3)),
        "{}",
        describe(&output)
    );
    let text =
        String::from_utf8(output.stdout).unwrap() + &String::from_utf8(output.stderr).unwrap();
    if columns <= 80 {
        for line in text.lines() {
            assert!(
                line.width() <= usize::from(columns),
                "{name}: {} columns: {line}",
                line.width()
            );
        }
    }
    insta::assert_snapshot!(format!("{name}_{language}_{columns}"), text);
}

#[test]
fn list_sla_and_show_in_both_languages_at_80_and_200_columns() {
    let (book, id) = desk();
    for language in ["zh", "en"] {
        for columns in [80, 200] {
            at_width(&book, language, columns, "list", &["list", "--now", NOW]);
            at_width(
                &book,
                language,
                columns,
                "sla",
                &["sla", "--all", "--now", NOW],
            );
            at_width(
                &book,
                language,
                columns,
                "show",
                &["show", &id, "--now", NOW],
            );
        }
    }
}

#[test]
fn new_and_ack_in_both_languages_at_80_and_200_columns() {
    for language in ["zh", "en"] {
        for columns in [80, 200] {
            let book = Book::new();
            let mut new = vec!["new", "--now", RECEIVED];
            new.extend(intake_args());
            at_width(&book, language, columns, "new", &new);
            let id = book.ids_on_disk().remove(0);
            book.register_id(&id);
            at_width(
                &book,
                language,
                columns,
                "ack",
                &["ack", &id, "--contact", "8001", "--now", ACKED],
            );
        }
    }
}

/// The header row of the table `cmd` prints.
fn header(cmd: &mut std::process::Command) -> String {
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    text.lines().nth(1).unwrap_or_default().to_string()
}

#[test]
fn the_language_comes_from_complaint_lang_then_the_locale_then_the_rulebook() {
    let (book, _) = desk();
    let chinese = |line: &str| line.contains("编号") && line.contains("状态");
    let english = |line: &str| line.contains("ID") && line.contains("Status");
    let list = |vars: &[(&str, &str)]| {
        let mut cmd = book.run(&["list", "--now", NOW]);
        cmd.env_remove("COMPLAINT_LANG");
        for (name, value) in vars {
            cmd.env(name, value);
        }
        header(&mut cmd)
    };
    // The shipped rulebook is Chinese: so is the interface, whatever a non-Chinese locale says.
    assert!(chinese(&list(&[])), "{}", list(&[]));
    assert!(chinese(&list(&[("LANG", "C.UTF-8")])));
    assert!(chinese(&list(&[("LANG", "zh_CN.UTF-8")])));
    // COMPLAINT_LANG decides over the rulebook and the locale.
    assert!(english(&list(&[("COMPLAINT_LANG", "en")])));
    assert!(english(&list(&[
        ("COMPLAINT_LANG", "en_US.UTF-8"),
        ("LANG", "zh_CN.UTF-8")
    ])));

    // An English rulebook speaks English, unless the locale asks for Chinese.
    let fca = Book::with_rulebook("rules/uk-fca.yaml");
    let list = |vars: &[(&str, &str)]| {
        let mut cmd = fca.run(&["list", "--now", NOW]);
        cmd.env_remove("COMPLAINT_LANG");
        for (name, value) in vars {
            cmd.env(name, value);
        }
        header(&mut cmd)
    };
    assert!(english(&list(&[])));
    assert!(chinese(&list(&[("LANG", "zh_CN.UTF-8")])));
    assert!(chinese(&list(&[
        ("LC_ALL", "zh_CN.UTF-8"),
        ("LANG", "en_GB")
    ])));
    assert!(chinese(&list(&[("COMPLAINT_LANG", "zh")])));
}

#[test]
fn machine_formats_are_the_same_in_every_language() {
    let (book, id) = desk();
    for args in [
        &["list", "--format", "json"][..],
        &["list", "--format", "csv"],
        &["sla", "--all", "--format", "json"],
        &["sla", "--all", "--format", "csv"],
        &["show", &id, "--format", "json"],
        &["explain", &id, "--format", "json"],
        &["calendar", "2026", "--format", "csv"],
    ] {
        let run = |language| {
            book.speak(language);
            let output = book.run(args).args(["--now", NOW]).output().unwrap();
            (output.status.code(), output.stdout, output.stderr)
        };
        assert_eq!(run("zh"), run("en"), "{args:?}");
    }
}

#[test]
fn a_chinese_desk_reads_statuses_and_deadlines_in_chinese() {
    let (book, id) = desk();
    book.speak("zh");
    let show = book.ok(&["show", &id, "--now", NOW]);
    for word in ["状态", "已受理", "处理时限", "到期", "经办人", "受理确认"] {
        assert!(show.contains(word), "{word} in:\n{show}");
    }
    for english in ["acknowledged", "Status", "Deadline", "running"] {
        assert!(!show.contains(english), "{english} in:\n{show}");
    }
    let explain = book.ok(&["explain", &id, "--now", NOW]);
    assert!(
        explain.contains("处理层级") && explain.contains("按等级：ordinary"),
        "{explain}"
    );
    let calendar = book.ok(&["calendar", "2026-10-01", "2026-10-10"]);
    assert!(
        calendar.contains("节假日") && calendar.contains("调休上班") && calendar.contains("四"),
        "{calendar}"
    );
}
