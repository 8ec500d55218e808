//! `rules check` and `rules list`: every broken rulebook in `fixtures/rulebooks/broken/` is
//! reported with its file, line and column and the offending value underlined, and exits 1; a
//! sound rulebook is checked silently; `--strict` fails on the warning that the calendar runs
//! out.
//!
//! The fixtures are copies of `rules/enterprise.yaml` (as it was before the agree/pay clocks)
//! with one thing broken (`many.yaml` breaks four semantic rules and `many_parse.yaml` three
//! things the YAML reader finds, to show they are all reported at once); each says in its first
//! lines what is broken. The snapshots list the declared events and top-level keys in their
//! hints, so they change when the program learns new ones. The commands run in the repository and name the fixtures by relative path, so the
//! snapshots' headers and the file names in the diagnostics are the same everywhere.

use insta_cmd::assert_cmd_snapshot;
use miette::Diagnostic;

use crate::support::{Book, complaint, describe, repo};

/// `complaint rules check FILE` in the repository.
fn check(file: &str) -> std::process::Command {
    let mut cmd = complaint(repo());
    cmd.args(["rules", "check", file]);
    cmd
}

/// Checks `fixtures/rulebooks/broken/NAME.yaml`: exit 1, nothing on stdout, a diagnostic at
/// each of `at` (`line:col`, worked out from the fixture: the column counts bytes, as miette
/// prints it), and a snapshot of the whole report.
fn broken(name: &str, at: &[&str]) {
    let file = format!("fixtures/rulebooks/broken/{name}.yaml");
    let output = check(&file).output().expect("complaint runs");
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(output.stdout.is_empty(), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for place in at {
        assert!(
            stderr.contains(&format!("[{file}:{place}]")),
            "{name}: a diagnostic at {place}:\n{stderr}"
        );
    }
    assert_eq!(
        stderr.matches(&format!("[{file}:")).count(),
        at.len(),
        "{name}: one diagnostic per problem:\n{stderr}"
    );
    assert_cmd_snapshot!(format!("broken_{name}"), check(&file));
}

#[test]
fn a_yaml_syntax_error_is_located() {
    // Line 62 is `     name: 受理确认`, one space deeper than `id:` above it; the parser stops
    // at its `:` (column 10).
    broken("syntax", &["62:10"]);
}

#[test]
fn an_unknown_top_level_key_suggests_the_near_miss() {
    // `chanels:` on line 13, column 1; the help says "did you mean `channels`?".
    broken("unknown_key", &["13:1"]);
    let output = check("fixtures/rulebooks/broken/unknown_key.yaml")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("did you mean `channels`?"),
        "{}",
        describe(&output)
    );
}

#[test]
fn a_value_of_the_wrong_type_is_located() {
    // `    warn: lots` on line 67: the value starts at column 11.
    broken("wrong_type", &["67:11"]);
}

#[test]
fn a_clock_limit_for_an_undeclared_grade_is_located() {
    // `    limits: {ordinary: 2h, complex: 6h, urgent: 1h}` on line 66: `1h` at column 49.
    broken("undeclared_grade_limit", &["66:49"]);
}

#[test]
fn an_unknown_stop_event_is_located() {
    // `    stop: [acknowledged]` on line 63: `acknowledged` at column 12.
    broken("unknown_event", &["63:12"]);
}

#[test]
fn a_rule_giving_an_undeclared_grade_is_located() {
    // `      then: complicated` on line 55, column 13; the help lists the declared grades.
    broken("rule_undeclared_grade", &["55:13"]);
}

#[test]
fn a_rule_starting_at_an_unknown_ladder_level_is_located() {
    // `      level: director` on line 56, column 14.
    broken("rule_unknown_level", &["56:14"]);
}

#[test]
fn overlapping_and_unreachable_rules_are_both_reported() {
    // The second rule (line 57) repeats the first's conditions: its `then:` (line 59, col 13).
    // The fourth rule comes after the catch-all `其他投诉`: its `then:` (line 64, col 13).
    broken("unreachable_rules", &["59:13", "64:13"]);
}

#[test]
fn a_bad_duration_is_located() {
    // `    limit: 3 weeks` on line 72, column 12.
    broken("bad_duration", &["72:12"]);
}

#[test]
fn a_bad_time_zone_is_located() {
    // `timezone: Asia/Shangai` on line 7, column 11.
    broken("bad_timezone", &["7:11"]);
}

#[test]
fn business_hours_that_open_after_they_close_are_located() {
    // `  business_hours: {open: "18:00", close: "09:00"}` on line 49, the mapping at column 19.
    broken("business_hours", &["49:19"]);
}

#[test]
fn a_holiday_on_a_base_makeup_day_and_a_makeup_day_on_a_weekday_are_both_reported() {
    // Line 50: `  holidays: [{name: 店庆, from: 2026-02-14}]` — Sat 2026-02-14 is a make-up
    // working day of the base cn calendar (春节). The date is the 31st character, but 店庆 is
    // 6 bytes for 2 characters, so miette's byte column is 35.
    // Line 51: `  makeup_workdays: [{date: 2026-06-17, for: 店庆}]` — Wed 2026-06-17 (day 168 of
    // a year starting on Thursday: 167 = 23 weeks + 6 days after a Thursday) is a weekday;
    // column 28.
    broken("calendar_days", &["50:35", "51:28"]);
}

#[test]
fn an_extension_in_another_unit_and_an_unknown_approver_are_both_reported() {
    // `    extend: {max: 30d, approvers: [ceo]}` on line 78: `30d` at column 19 (the handle
    // clock counts 3wd), `ceo` at column 36.
    broken("extension", &["78:19", "78:36"]);
}

#[test]
fn a_clock_that_pauses_but_never_resumes_is_located() {
    // `  - id: handle` on line 68: the clock's id at column 9.
    broken("pause_without_resume", &["68:9"]);
}

#[test]
fn several_problems_in_one_rulebook_are_all_reported_at_once() {
    // Four problems, in the order the checks run: the rule's grade (56:13), the stop event
    // (64:12), the limit for `urgent` (67:49), the duration `3 weeks` (73:12).
    broken("many", &["56:13", "64:12", "67:49", "73:12"]);
    let output = check("fixtures/rulebooks/broken/many.yaml")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("has 4 problem(s)"),
        "{}",
        describe(&output)
    );
}

#[test]
fn several_mistakes_the_yaml_reader_finds_are_all_reported_at_once() {
    // `chanels:` (line 15, column 1), `warn: lots` (line 69, the value at column 11) and
    // `limt:` in the handle clock (line 74, column 5); the `limit` that is therefore missing is
    // not reported as well.
    broken("many_parse", &["15:1", "69:11", "74:5"]);
}

#[test]
fn the_shipped_rulebook_is_checked_silently() {
    // In 2025 the cn calendar (2004–2026) covers next year: no warning either.
    let mut cmd = check("rules/enterprise.yaml");
    cmd.args(["--now", "2025-06-01"]);
    assert_cmd_snapshot!(
        cmd,
        @"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        "
    );
}

#[test]
fn strict_passes_on_provisional_years_and_fails_past_the_law() {
    // November 2026: the official cn schedule ends with 2026, and a 7wd clock started in late
    // December runs into 2027, whose days off come from the law: a note, and --strict passes.
    let mut cmd = check("rules/enterprise.yaml");
    cmd.args(["--strict", "--now", "2026-11-02"]);
    assert_cmd_snapshot!(
        cmd,
        @"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        note: the calendar `cn` has the official schedule to 2026; deadlines that run into 2027 are provisional (days off from the law) until its notice is added with `complaint calendar add-notice`
        "
    );
    // November 2099: 2100 is past the law's years too: a warning, and --strict fails.
    let mut cmd = check("rules/enterprise.yaml");
    cmd.args(["--strict", "--now", "2099-11-02"]);
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("deadlines that run into 2100"));
    let mut cmd = check("rules/enterprise.yaml");
    cmd.args(["--now", "2099-11-02"]);
    assert_eq!(cmd.output().unwrap().status.code(), Some(0));
    // A year earlier, next year (2026) is covered: strict passes.
    let mut cmd = check("rules/enterprise.yaml");
    cmd.args(["--strict", "--now", "2025-11-02"]);
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    assert!(output.stderr.is_empty(), "{}", describe(&output));
}

#[test]
fn strict_passes_early_in_the_last_covered_year() {
    let mut cmd = check("rules/enterprise.yaml");
    cmd.args(["--strict", "--now", "2026-03-01"]);
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
}

#[test]
fn check_without_a_file_checks_the_books_rulebook() {
    let book = Book::new();
    assert_cmd_snapshot!(
        book.run(&["rules", "check", "--now", "2025-06-01"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        "
    );
    // A book whose rulebook is broken: the diagnostic names `rulebook.yaml` in the book.
    let text = std::fs::read_to_string(repo().join("fixtures/rulebooks/broken/unknown_event.yaml"))
        .unwrap();
    std::fs::write(book.root().join("rulebook.yaml"), text).unwrap();
    assert_cmd_snapshot!(
        "check_the_books_broken_rulebook",
        book.run(&["rules", "check", "--now", "2025-06-01"])
    );
}

#[test]
fn list_shows_the_shipped_rulebooks() {
    let mut cmd = complaint(repo());
    cmd.args(["rules", "list"]);
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The default rulebook is listed first, with its version.
    let first = stdout.lines().nth(3).unwrap_or_default();
    assert!(
        first.contains("enterprise") && first.contains("2026.2"),
        "{stdout}"
    );
    assert_cmd_snapshot!(cmd);
}

/// The underlines of a rulebook's problems: (message, underlined text).
fn underlines(file: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join(file)).unwrap();
    let err = complaint::Rulebook::load(complaint::Source::new(file, text.clone())).unwrap_err();
    let complaint::Error::Problems(problems) = err else {
        panic!("{file}: {err}")
    };
    problems
        .problems
        .iter()
        .flat_map(|p| {
            let text = &text;
            p.labels()
                .into_iter()
                .flatten()
                .map(move |l| {
                    let span = l.offset()..l.offset() + l.len();
                    (p.message().to_string(), text[span].to_string())
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn block_values_are_underlined_exactly() {
    assert_eq!(
        underlines("fixtures/rulebooks/broken/rule_undeclared_grade.yaml"),
        [(
            "`complicated` is not a declared grade".to_string(),
            "complicated".to_string()
        )]
    );
    assert_eq!(
        underlines("fixtures/rulebooks/broken/bad_duration.yaml")[0].1,
        "3 weeks"
    );
}

#[test]
fn values_in_flow_collections_are_underlined_exactly() {
    assert_eq!(
        underlines("fixtures/rulebooks/broken/unknown_event.yaml")[0].1,
        "acknowledged"
    );
    assert_eq!(
        underlines("fixtures/rulebooks/broken/undeclared_grade_limit.yaml")[0].1,
        "1h"
    );
    let extension = underlines("fixtures/rulebooks/broken/extension.yaml");
    assert!(
        extension.iter().any(|(_, u)| u == "30d"),
        "the max is underlined alone: {extension:?}"
    );
}

#[test]
fn a_calendar_problem_underlines_the_declaration_not_an_earlier_mention() {
    let text = std::fs::read_to_string(repo().join("fixtures/rulebooks/broken/calendar_days.yaml"))
        .unwrap();
    // The same file with 2026-02-14 also mentioned in the description (line 6): the lines do
    // not move, so the holiday is still declared at line 50, column 35.
    let description = text
        .lines()
        .find(|l| l.starts_with("description:"))
        .unwrap();
    let text = text.replacen(
        description,
        "description: 2026-02-14 起店庆放假一天 (a day off from 2026-02-14)",
        1,
    );
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("calendar_days.yaml"), text).unwrap();
    let output = complaint(tmp.path())
        .args(["rules", "check", "calendar_days.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("[calendar_days.yaml:50:35]"),
        "the holiday's date on line 50 is underlined:\n{stderr}"
    );
}

#[test]
fn the_help_for_an_unknown_approver_lists_each_name_once() {
    let output = check("fixtures/rulebooks/broken/extension.yaml")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("dept_head").count(), 1, "{stderr}");
}

#[test]
fn every_shipped_rulebook_passes_strict_checks() {
    // In June 2026 deadlines within the next 60 days stay inside the calendars (2004-2026).
    for entry in std::fs::read_dir(repo().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let output = complaint(repo())
                .args(["rules", "check", "--strict", "--now", "2026-06-01"])
                .arg(&path)
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "{}: {}",
                path.display(),
                describe(&output)
            );
            assert!(
                output.stdout.is_empty() && output.stderr.is_empty(),
                "{}: {}",
                path.display(),
                describe(&output)
            );
        }
    }
}

/// A book with one acknowledged complaint, its rulebook committed.
fn book_for_diff() -> Book {
    let book = Book::new();
    // Received Mon 11-23 09:00, acknowledged 10:00: handle (ordinary, 3wd) is due 24:00 of
    // Thu 11-26 (11-24, 11-25, 11-26), that is 11-27 00:00.
    book.new_complaint("2026-11-23T09:00:00+08:00");
    book.ok(&[
        "ack",
        "C-20261123",
        "--contact",
        "8001",
        "--now",
        "2026-11-23T10:00:00+08:00",
    ]);
    book
}

#[test]
fn rules_diff_shows_the_rules_changed_and_the_complaints_affected() {
    let book = book_for_diff();
    // Shorten ordinary handling to 2wd: due 24:00 of 11-25 (11-24, 11-25), that is 11-26 00:00;
    // at Thu 11-26 09:00 that is already past, so the clock flips to breached. Under the old
    // 3wd it had used 71 of its 86 hours (11-23 10:00 to 11-27 00:00): 83 %, past the 80 %
    // warning share, so it was at risk.
    let path = book.root().join("rulebook.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text
        .replace(
            "limits: {ordinary: 3wd, complex: 7wd}",
            "limits: {ordinary: 2wd, complex: 7wd}",
        )
        .replace("version: \"2026.1\"", "version: \"2026.2\"");
    assert_ne!(text, changed, "the rulebook has the line this test changes");
    std::fs::write(&path, changed).unwrap();
    assert_cmd_snapshot!(book.run(&[
        "rules",
        "diff",
        "HEAD",
        "--now",
        "2026-11-26T09:00:00+08:00"
    ]));
    let output = book.output(&[
        "rules",
        "diff",
        "HEAD",
        "--format",
        "json",
        "--now",
        "2026-11-26T09:00:00+08:00",
    ]);
    assert_eq!(output.status.code(), Some(3), "{}", describe(&output));
    let diff: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let impacts = diff["complaints"].as_array().unwrap();
    let find = |what: &str| {
        impacts
            .iter()
            .find(|i| i["what"] == what)
            .unwrap_or_else(|| panic!("{what} in {diff}"))
    };
    assert_eq!(find("handle due")["old"], "2026-11-27T00:00:00+08:00");
    assert_eq!(find("handle due")["new"], "2026-11-26T00:00:00+08:00");
    assert_eq!(find("handle status")["old"], "at_risk");
    assert_eq!(find("handle status")["new"], "breached");
}

#[test]
fn rules_diff_of_an_unchanged_rulebook_exits_0() {
    let book = book_for_diff();
    let output = book.output(&[
        "rules",
        "diff",
        "HEAD",
        "--now",
        "2026-11-26T09:00:00+08:00",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "0 rule change(s); 0 open complaint(s) affected\n"
    );
}

/// `rules show`: what a desk types from — channels, categories, tiers, grades, the ladder with
/// its authority, the clocks and the book's staff — each code beside its name, in the
/// rulebook's language.
#[test]
fn rules_show_prints_the_codes_a_desk_types() {
    let book = Book::new();
    book.set_staff(&[("李娜", &["dept_head"]), ("赵敏", &["cs_director"])]);
    // In the book's language when the environment does not choose one.
    let mut show = book.run(&["rules", "show"]);
    show.env_remove("COMPLAINT_LANG");
    assert_cmd_snapshot!("rules_show_enterprise", show);
    // A shipped rulebook by name: the English one.
    let output = book
        .run(&["rules", "show", "uk-fca"])
        .env_remove("COMPLAINT_LANG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("Categories"),
        "{stdout}"
    );
}

/// `rules list` and `rules test` give programs JSON (and YAML, CSV) when asked, and `explain`
/// refuses the CSV it cannot write rather than print something else.
#[test]
fn rules_list_and_rules_test_honour_format_and_explain_refuses_csv() {
    let json = |args: &[&str]| -> serde_json::Value {
        let output = complaint(repo()).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", describe(&output));
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let list = json(&["rules", "list", "--format", "json"]);
    let names: Vec<&str> = list["rulebooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"enterprise") && names.contains(&"uk-fca"),
        "{names:?}"
    );
    assert!(list["rulebooks"][0]["version"].is_string());

    let tested = json(&[
        "rules",
        "test",
        "fixtures/scenarios/samr",
        "--format",
        "json",
    ]);
    let rows = tested["scenarios"].as_array().unwrap();
    assert!(rows.len() >= 10, "{tested}");
    for row in rows {
        assert_eq!(row["passed"], true, "{row}");
        assert!(row["scenario"].as_str().is_some_and(|s| !s.is_empty()));
        assert_eq!(row["failures"], serde_json::json!([]));
    }
    let csv = complaint(repo())
        .args([
            "rules",
            "test",
            "fixtures/scenarios/uk-fca",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(
        text.starts_with("file,scenario,passed,failures\n"),
        "{text}"
    );

    let book = Book::new();
    let id = book.new_complaint("2026-11-02T09:00:00+08:00");
    // Offered only the formats it writes: CSV is refused by the command line (exit 2), and
    // before the command by the same list (exit 1).
    let explain = book.output(&["explain", &id, "--format", "csv"]);
    assert_eq!(explain.status.code(), Some(2), "{}", describe(&explain));
    assert!(explain.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&explain.stderr);
    assert!(
        stderr.contains("[possible values: table, json, yaml]"),
        "{stderr}"
    );
    let before = book.output(&["--format", "csv", "explain", &id]);
    assert_eq!(before.status.code(), Some(1), "{}", describe(&before));
    assert!(before.stdout.is_empty());
}

/// `rules check --verbose` says which format a file is written in; a sound file stays silent
/// without it.
#[test]
fn rules_check_verbose_says_the_rulebook_format() {
    for (file, said) in [
        (
            "rules/workflow.yaml",
            "workflow 2026.2 is written in rulebook format 2\n",
        ),
        (
            "rules/enterprise.yaml",
            "enterprise 2026.2 is written in rulebook format 2\n",
        ),
    ] {
        let mut cmd = check(file);
        cmd.args(["--verbose", "--now", "2026-11-02"]);
        let output = cmd.output().unwrap();
        assert!(output.status.success(), "{}", describe(&output));
        assert_eq!(String::from_utf8_lossy(&output.stdout), said);
        let mut quiet = check(file);
        quiet.args(["--now", "2026-11-02"]);
        assert!(quiet.output().unwrap().stdout.is_empty());
    }
}

/// `rules diff` reads a format-1 file and a format-2 one alike: the format and the new keys are
/// changes like any other.
#[test]
fn rules_diff_compares_a_format_1_file_with_a_format_2_one() {
    let dir = tempfile::tempdir().unwrap();
    let v2 = std::fs::read_to_string(repo().join("rules/enterprise.yaml")).unwrap();
    let v1: String = v2
        .lines()
        .filter(|l| !l.starts_with("format:") && l.trim() != "at_least_standard: true")
        .map(|l| format!("{l}\n"))
        .collect();
    let old = dir.path().join("v1.yaml");
    std::fs::write(&old, v1).unwrap();
    let mut v1_check = check(old.to_str().unwrap());
    v1_check.args(["--verbose", "--now", "2026-11-02"]);
    let said = v1_check.output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&said.stdout),
        "enterprise 2026.2 is written in rulebook format 1\n"
    );
    let output = complaint(repo())
        .args([
            "rules",
            "diff",
            old.to_str().unwrap(),
            "rules/enterprise.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", describe(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("added format: 2"), "{stdout}");
    assert!(
        stdout.contains("added compensation.at_least_standard: true"),
        "{stdout}"
    );
}
