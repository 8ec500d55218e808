//! The write-ahead journal and the book as a git repository: a write killed at any step is
//! finished by the next command as its own commit, under its own author; git's index is never
//! left behind a commit without a way back; leftovers (temporary files, private indexes, the
//! intent) do not outlive the next command; stale git locks are named, never removed; the
//! `pre-commit` hook refuses commits that lose events; and two desks' clones merge records as
//! records.
//!
//! Crashes are made with `COMPLAINT_TEST_CRASH=STEP`: the process aborts at that step of a
//! write, as `kill -9` would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::support::{Book, INTAKE, copy_dir, describe, git, walk};

const RECEIVED: &str = "2026-09-30T10:00:00+08:00";
/// When the crashed command runs, and when the next one does.
const CRASH_AT: &str = "2026-09-30T11:00:00+08:00";
const NEXT_AT: &str = "2026-09-30T12:00:00+08:00";

/// The one who is interrupted, and the one who comes next (the fixture's default user, 王芳,
/// registered the complaints before).
const CRASHER: &str = "李娜";
const NEXT: &str = "赵敏";

/// Every step of a write at which `COMPLAINT_TEST_CRASH` can kill it, in order.
const STEPS: &[&str] = &[
    "after-intent",
    "after-first-file",
    "after-files",
    "before-head",
    "before-index",
    "after-commit",
];

const INTENT: &str = ".complaint/intent.json";
const STALE_INDEX: &str = ".complaint/index-stale.json";

/// A hotline's column mapping and a file of two good rows (the minimal parts of import.rs).
const MAPPING: &str = include_str!("../../fixtures/import/hotline.yaml");

const GOOD: &str = "\
工单号,来电时间,客户姓名,联系电话,问题类型,对象,商品,投诉内容,诉求
HL-0001,2026/09/30 10:00,张三,13812345678,产品质量,product,手机,屏幕碎裂,退货
HL-0002,2026-09-30 10:30,李四,13700002222,物流,service,配送,\"快递延误, 五天\",道歉并退运费
";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The folder holding `git` (the support module keeps its own copy private).
fn git_folder() -> PathBuf {
    let inherited = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&inherited)
        .find(|dir| dir.join("git").is_file())
        .expect("git is on PATH")
}

/// `git ARGS` in `dir` with the fixture's hermetic environment, whatever its exit code (for
/// commands expected to fail, such as a commit the hook refuses).
fn git_output(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .env_clear()
        .env("PATH", git_folder())
        .env("HOME", crate::support::HOME)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(args)
        .output()
        .expect("git runs")
}

/// A plain `git commit` by a person (not by complaint), with an identity.
fn plain_commit(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "-c",
        "user.name=柜台",
        "-c",
        "user.email=desk@example.invalid",
        "commit",
        "--quiet",
    ];
    args.extend(extra);
    git_output(dir, &args)
}

/// `complaint ARGS` in the book as `who`.
fn run_as(book: &Book, who: &str, args: &[&str]) -> Output {
    book.run(args)
        .env("COMPLAINT_USER", who)
        .output()
        .expect("complaint runs")
}

/// `complaint ARGS` in the book as `who`, asserting success.
fn ok_as(book: &Book, who: &str, args: &[&str]) -> String {
    let output = run_as(book, who, args);
    assert!(
        output.status.success(),
        "complaint {args:?} as {who}: {}",
        describe(&output)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Text without whitespace and miette's frame characters, so that a path or command wrapped
/// onto the next line of a diagnostic is still found whole.
fn unwrapped(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

/// Asserts a process was killed (by the crash point's abort), not ended normally: a crash
/// point that is never reached would make every crash test pass vacuously.
fn assert_killed(output: &Output, what: &str) {
    assert!(
        !output.status.success() && output.status.code().is_none(),
        "{what}: expected the process to be killed at its crash point: {}",
        describe(output)
    );
}

/// A record's history as JSON values (empty when the text is not a record).
fn history_of(text: &str) -> Vec<Value> {
    serde_saphyr::from_str::<Value>(text)
        .ok()
        .and_then(|v| v["history"].as_array().cloned())
        .unwrap_or_default()
}

/// The history of `path` at revision `rev` in `dir` (empty when it is not there).
fn history_at(dir: &Path, rev: &str, path: &str) -> Vec<Value> {
    let output = git_output(dir, &["show", &format!("{rev}:{path}")]);
    if !output.status.success() {
        return Vec::new();
    }
    history_of(&String::from_utf8_lossy(&output.stdout))
}

/// One commit that changes records: who made it, what it says, the events it adds to the
/// records and how many it drops.
#[derive(Debug)]
struct RecordCommit {
    sha: String,
    author: String,
    subject: String,
    added: Vec<Value>,
    dropped: usize,
}

/// Every commit but merges, newest first, that changes a record.
fn record_commits(dir: &Path) -> Vec<RecordCommit> {
    let mut found = Vec::new();
    for sha in git(dir, &["rev-list", "--no-merges", "HEAD"]).lines() {
        let meta = git(dir, &["show", "-s", "--format=%an%x00%s", sha]);
        let (author, subject) = meta.trim_end().split_once('\0').unwrap();
        let files = git(
            dir,
            &[
                "diff-tree",
                "--root",
                "--no-commit-id",
                "--name-only",
                "-r",
                "-z",
                sha,
                "--",
                "records",
            ],
        );
        let paths: Vec<&str> = files.split('\0').filter(|p| p.ends_with(".yaml")).collect();
        if paths.is_empty() {
            continue;
        }
        let mut commit = RecordCommit {
            sha: sha.to_string(),
            author: author.to_string(),
            subject: subject.to_string(),
            added: Vec::new(),
            dropped: 0,
        };
        for path in paths {
            let after = history_at(dir, sha, path);
            let before = history_at(dir, &format!("{sha}^"), path);
            commit
                .added
                .extend(after.iter().filter(|e| !before.contains(e)).cloned());
            commit.dropped += before.iter().filter(|e| !after.contains(e)).count();
        }
        found.push(commit);
    }
    found
}

/// Problems with who is named for what: a commit adding an event someone else wrote, or
/// dropping events.
fn authorship_problems(dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for commit in record_commits(dir) {
        for event in &commit.added {
            if event["by"] != commit.author.as_str() {
                problems.push(format!(
                    "commit {} `{}` is authored by {} but adds an event by {}: {event}",
                    &commit.sha[..8],
                    commit.subject,
                    commit.author,
                    event["by"]
                ));
            }
        }
        if commit.dropped > 0 {
            problems.push(format!(
                "commit {} `{}` drops {} event(s)",
                &commit.sha[..8],
                commit.subject,
                commit.dropped
            ));
        }
    }
    problems
}

/// Every event of every record file in the book's folder.
fn events_on_disk(root: &Path) -> Vec<Value> {
    walk(&root.join("records"))
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("C-") && n.ends_with(".yaml"))
        })
        .flat_map(|p| history_of(&std::fs::read_to_string(p).unwrap()))
        .collect()
}

/// Temporary files (`.tmp-*`) anywhere under records/.
fn temporary_files(root: &Path) -> Vec<PathBuf> {
    walk(&root.join("records"))
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".tmp-"))
        })
        .collect()
}

/// The private index files (`.git/complaint-*`) in the book's git folder.
fn private_indexes(root: &Path) -> Vec<String> {
    std::fs::read_dir(root.join(".git"))
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.starts_with("complaint-"))
        .collect()
}

/// `git show HEAD:PATH` of a record, `path` being absolute.
fn at_head(book: &Book, path: &Path) -> String {
    let relative = path.strip_prefix(book.root()).unwrap();
    book.git(&["show", &format!("HEAD:{}", relative.display())])
}

/// The record's path relative to the book, as git names it.
fn relative(book: &Book, id: &str) -> String {
    book.record_path(id)
        .strip_prefix(book.root())
        .unwrap()
        .display()
        .to_string()
}

/// Everything that must hold once a crashed write has been finished: git agrees with the
/// files, no one's events are committed under another's name, no leftovers, and `check` is
/// content. Returns what does not hold.
fn settled_problems(book: &Book) -> Vec<String> {
    let root = book.root();
    let mut problems = Vec::new();
    let status = book.status();
    if !status.is_empty() {
        problems.push(format!("git status is not clean:\n{status}"));
    }
    problems.extend(authorship_problems(root));
    let temporary = temporary_files(root);
    if !temporary.is_empty() {
        problems.push(format!("temporary files left: {temporary:?}"));
    }
    let indexes = private_indexes(root);
    if !indexes.is_empty() {
        problems.push(format!("private index files left: {indexes:?}"));
    }
    for file in [INTENT, STALE_INDEX] {
        if root.join(file).exists() {
            problems.push(format!("{file} is left"));
        }
    }
    let check = book.output(&["check"]);
    if !check.status.success() {
        problems.push(format!("complaint check: {}", describe(&check)));
    }
    // The derived index answers as reading every file does, whatever step was killed.
    let list = |extra: &[&str]| {
        let mut args = vec!["--format", "json", "--now", NEXT_AT];
        args.extend(extra);
        args.push("list");
        String::from_utf8_lossy(&book.output(&args).stdout).into_owned()
    };
    let (indexed, scanned) = (list(&[]), list(&["--no-index"]));
    if indexed != scanned {
        problems.push(format!(
            "the index lists\n{indexed}\nbut the files\n{scanned}"
        ));
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// 1. Every write, killed at every step, finished by the next command
// ---------------------------------------------------------------------------------------------

/// The write that is killed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Write {
    New,
    Note,
    Import,
}

/// The command that comes next, by someone else.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Next {
    /// A lifecycle command on another complaint.
    NoteOther,
    Check,
    Repair,
}

/// A book with two complaints registered by 王芳: `it` (received 2026-09-30) and `other`
/// (received 2026-09-29), and the import's files beside it.
fn crash_book() -> (Book, String, String) {
    let book = Book::new();
    std::fs::write(book.tmp().join("hotline.yaml"), MAPPING).unwrap();
    std::fs::write(book.tmp().join("good.csv"), GOOD).unwrap();
    let it = book.new_complaint(RECEIVED);
    let other = book.new_complaint_with(
        "2026-09-30T10:05:00+08:00",
        &[("--received-at", "2026-09-29 09:00")],
    );
    (book, it, other)
}

/// The write as 李娜, killed at `step`.
fn crash(book: &Book, write: Write, it: &str, step: &str) -> Output {
    let mut cmd = match write {
        Write::New => {
            let mut args = vec![
                "new",
                "--now",
                CRASH_AT,
                "--received-at",
                "2026-09-28 09:00",
            ];
            args.extend(INTAKE.iter().flat_map(|(f, v)| [*f, *v]));
            book.run(&args)
        }
        Write::Note => book.run(&["note", it, "李娜的补记", "--now", CRASH_AT]),
        Write::Import => book.run_in(
            book.tmp(),
            &[
                "--dir",
                "book",
                "import",
                "good.csv",
                "--map",
                "hotline.yaml",
                "--now",
                CRASH_AT,
            ],
        ),
    };
    cmd.env("COMPLAINT_USER", CRASHER)
        .env("COMPLAINT_TEST_CRASH", step)
        .output()
        .expect("complaint runs")
}

/// A copy of the template's book in a fresh temporary folder (copying is much quicker than
/// making the book and its two complaints again for each of the many crash scenarios).
fn crash_book_from(template: &(Book, String, String)) -> (Book, String, String) {
    let (from, it, other) = template;
    let book = Book::empty();
    copy_dir(from.tmp(), book.tmp());
    (book, it.clone(), other.clone())
}

/// One scenario: the write killed at the step, the next command by 赵敏, then every
/// guarantee. Returns what went wrong.
fn crash_scenario(
    template: &(Book, String, String),
    write: Write,
    step: &str,
    next: Next,
) -> Vec<String> {
    let (book, it, other) = crash_book_from(template);
    let root = book.root().to_path_buf();
    let commits_before = book.commits();

    let crashed = crash(&book, write, &it, step);
    assert_killed(&crashed, &format!("{write:?} at {step}"));
    // Every step leaves the intent, readable by its owner only (it holds whole records).
    assert!(
        root.join(INTENT).is_file(),
        "{write:?} at {step}: no intent"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(root.join(INTENT))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "{write:?} at {step}: the intent's mode"
        );
    }

    let mut problems = Vec::new();
    let next_output = match next {
        Next::NoteOther => run_as(
            &book,
            NEXT,
            &["note", &other, "赵敏的跟进", "--now", NEXT_AT],
        ),
        Next::Check => run_as(&book, NEXT, &["check"]),
        Next::Repair => run_as(&book, NEXT, &["repair"]),
    };
    if !next_output.status.success() {
        problems.push(format!(
            "the next command failed: {}",
            describe(&next_output)
        ));
    }
    if next == Next::Repair
        && !stdout(&next_output).contains(&format!("completed an interrupted write by {CRASHER}"))
    {
        problems.push(format!(
            "repair does not say it completed the write: {}",
            describe(&next_output)
        ));
    }
    problems.extend(settled_problems(&book));

    // The crashed command's events are there exactly once, and nobody else's but the next
    // command's were added.
    let events = events_on_disk(&root);
    let by = |who: &str| -> Vec<&Value> { events.iter().filter(|e| e["by"] == who).collect() };
    let crashed_events = by(CRASHER);
    let expected = match write {
        Write::New => 1,
        Write::Note => 1,
        Write::Import => 2,
    };
    let right_kind = crashed_events.iter().all(|e| match write {
        Write::Note => e["event"] == "note" && e["text"] == "李娜的补记",
        Write::New | Write::Import => e["event"] == "received",
    });
    if crashed_events.len() != expected || !right_kind {
        problems.push(format!(
            "expected {expected} event(s) by {CRASHER}, found {crashed_events:?}"
        ));
    }
    let next_events = by(NEXT).len();
    let expected_next = usize::from(next == Next::NoteOther);
    if next_events != expected_next {
        problems.push(format!(
            "expected {expected_next} event(s) by {NEXT}, found {next_events}"
        ));
    }

    // One commit by the crasher, with the write's own message, before the next command's.
    let log = book.log();
    let crasher_commits: Vec<&String> = log
        .iter()
        .filter(|l| l.starts_with(&format!("{CRASHER}|")))
        .collect();
    let subject_ok = |line: &str| match write {
        Write::New => line.contains(" received (") && line.ends_with(&format!("by {CRASHER}")),
        Write::Note => line == format!("{CRASHER}|{it} note by {CRASHER}"),
        Write::Import => line == format!("{CRASHER}|import good.csv: 2 complaint(s) by {CRASHER}"),
    };
    if crasher_commits.len() != 1 || !subject_ok(crasher_commits[0]) {
        problems.push(format!(
            "expected one commit by {CRASHER} with the write's message, log: {log:#?}"
        ));
    }
    let expected_commits = commits_before + 1 + usize::from(next == Next::NoteOther);
    if book.commits() != expected_commits {
        problems.push(format!(
            "expected {expected_commits} commits, log: {log:#?}"
        ));
    }
    if next == Next::NoteOther && !log[0].starts_with(&format!("{NEXT}|{other} note by {NEXT}")) {
        problems.push(format!(
            "the next command's commit should come last, log: {log:#?}"
        ));
    }
    problems
        .into_iter()
        .map(|p| format!("{write:?} killed {step}, then {next:?} by {NEXT}: {p}"))
        .collect()
}

/// Runs every step × next command for one write and reports every failure at once.
fn crash_matrix(write: Write) {
    let template = crash_book();
    let mut failures = Vec::new();
    for step in STEPS {
        for next in [Next::NoteOther, Next::Check, Next::Repair] {
            failures.extend(crash_scenario(&template, write, step, next));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_new_killed_at_any_step_is_committed_under_its_author_by_the_next_command() {
    crash_matrix(Write::New);
}

#[test]
fn a_note_killed_at_any_step_is_committed_under_its_author_by_the_next_command() {
    crash_matrix(Write::Note);
}

#[test]
fn an_import_killed_at_any_step_is_committed_under_its_author_by_the_next_command() {
    crash_matrix(Write::Import);
}

/// The finishing itself can be killed (its commit has crash points too): the intent is only
/// forgotten once it is committed, so the command after that finishes it.
#[test]
fn a_finishing_killed_midway_is_finished_by_the_command_after() {
    for step in ["before-head", "before-index"] {
        let (book, it, other) = crash_book();
        assert_killed(&crash(&book, Write::Note, &it, "after-files"), "the note");
        // 赵敏's note dies while it commits 李娜's: it never gets to its own write.
        let output = book
            .run(&["note", &other, "赵敏的跟进", "--now", NEXT_AT])
            .env("COMPLAINT_USER", NEXT)
            .env("COMPLAINT_TEST_CRASH", step)
            .output()
            .unwrap();
        assert_killed(&output, &format!("the finishing at {step}"));
        ok_as(&book, "王芳", &["check"]);
        let problems = settled_problems(&book);
        assert!(problems.is_empty(), "{step}: {problems:#?}");
        let events = events_on_disk(book.root());
        assert_eq!(
            events.iter().filter(|e| e["by"] == CRASHER).count(),
            1,
            "{step}: 李娜's note once"
        );
        assert_eq!(
            events.iter().filter(|e| e["by"] == NEXT).count(),
            0,
            "{step}: 赵敏's note never began"
        );
        assert_eq!(book.log()[0], format!("{CRASHER}|{it} note by {CRASHER}"));
    }
}

/// A write killed once it is committed and its intent forgotten, before it brings the derived
/// index along, is whole: the index catches up at the next look and answers as the files do.
#[test]
fn a_write_killed_before_its_index_step_leaves_the_index_to_catch_up() {
    for write in [Write::New, Write::Note, Write::Import] {
        let (book, it, _) = crash_book();
        // An index to bring along, made before the write.
        book.ok(&["list"]);
        assert_killed(
            &crash(&book, write, &it, "before-derived-index"),
            &format!("{write:?}"),
        );
        assert!(
            !book.root().join(INTENT).exists(),
            "{write:?}: nothing to finish"
        );
        let problems = settled_problems(&book);
        assert!(problems.is_empty(), "{write:?}: {problems:#?}");
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Regressions, one per numbered problem
// ---------------------------------------------------------------------------------------------

/// Problem 1: a record written but never committed was not in any clone. The next `new`
/// commits it first, so a clone made afterwards has it.
#[test]
fn problem_1_a_new_killed_after_writing_its_record_is_committed_by_the_next_new_and_cloned() {
    let book = Book::new();
    assert_killed(
        &crash(&book, Write::New, "", "after-files"),
        "the first new",
    );
    let ids = book.ids_on_disk();
    assert_eq!(ids.len(), 1, "the record is written");
    let lost = ids[0].clone();
    book.register_id(&lost);
    assert!(
        book.status().starts_with("?? records/"),
        "and not committed: {}",
        book.status()
    );

    let mut args = vec!["--format", "json", "new", "--now", NEXT_AT];
    args.extend(INTAKE.iter().flat_map(|(f, v)| [*f, *v]));
    let second: Value = serde_json::from_str(&ok_as(&book, NEXT, &args)).unwrap();
    let second = second["id"].as_str().unwrap().to_string();
    book.register_id(&second);

    assert_eq!(book.status(), "");
    let log: Vec<String> = book
        .log()
        .iter()
        .map(|l| {
            l.replace(&lost, "C-20260928-[LOST]")
                .replace(&second, "C-20260930-[NEXT]")
        })
        .collect();
    assert_eq!(
        log,
        [
            "赵敏|C-20260930-[NEXT] received (CQ01 商品质量问题) by 赵敏",
            "李娜|C-20260928-[LOST] received (CQ01 商品质量问题) by 李娜",
            "complaint|New complaint book (rulebook enterprise 2026.2)",
        ]
    );
    assert!(authorship_problems(book.root()).is_empty());

    git(book.tmp(), &["clone", "--quiet", "book", "clone"]);
    let cloned = book.tmp().join("clone").join(relative(&book, &lost));
    assert_eq!(
        std::fs::read_to_string(&cloned).expect("the clone has the record"),
        book.record(&lost)
    );
}

/// Problem 2: 赵敏's command used to commit 李娜's interrupted note with its own, under 赵敏's
/// name. Now there are two commits, each by its author with its own message.
#[test]
fn problem_2_a_killed_note_and_the_next_note_on_the_same_complaint_are_two_commits() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    assert_killed(
        &crash(&book, Write::Note, &it, "after-files"),
        "李娜's note",
    );
    ok_as(&book, NEXT, &["note", &it, "赵敏的跟进", "--now", NEXT_AT]);

    assert_eq!(book.status(), "");
    let log: Vec<String> = book
        .log()
        .iter()
        .map(|l| l.replace(&it, "C-20260930-[ID_1]"))
        .collect();
    insta::assert_snapshot!(log.join("\n"), @"
    赵敏|C-20260930-[ID_1] note by 赵敏
    李娜|C-20260930-[ID_1] note by 李娜
    王芳|C-20260930-[ID_1] received (CQ01 商品质量问题) by 王芳
    complaint|New complaint book (rulebook enterprise 2026.2)
    ");
    // Each commit adds exactly its author's event.
    let commits = record_commits(book.root());
    let added: Vec<(String, Value, Value)> = commits
        .iter()
        .take(2)
        .map(|c| {
            assert_eq!(c.added.len(), 1, "{c:?}");
            (
                c.author.clone(),
                c.added[0]["by"].clone(),
                c.added[0]["text"].clone(),
            )
        })
        .collect();
    assert_eq!(
        added,
        [
            (NEXT.to_string(), NEXT.into(), "赵敏的跟进".into()),
            (CRASHER.to_string(), CRASHER.into(), "李娜的补记".into()),
        ]
    );
    let history = history_of(&book.record(&it));
    let who: Vec<&str> = history.iter().map(|e| e["by"].as_str().unwrap()).collect();
    assert_eq!(who, ["王芳", CRASHER, NEXT]);
}

/// Problem 3: a note whose commit was made while `.git/index.lock` was in the way left git's
/// index holding the record before the note, so a plain `git commit` of anything undid the
/// note. Now the command says so (exit 5), and `complaint check` mends the index first.
#[test]
fn problem_3_a_blocked_index_update_exits_5_and_check_mends_it_before_a_plain_commit() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    let path = book.record_path(&it);
    let lock = book.root().join(".git/index.lock");
    std::fs::write(&lock, "").unwrap();

    let output = run_as(
        &book,
        "王芳",
        &["note", &it, "索引被占用时的补记", "--now", NEXT_AT],
    );
    assert_eq!(output.status.code(), Some(5), "{}", describe(&output));
    let err = stderr(&output);
    assert!(
        err.contains("warning: committed, but git's index could not be updated for records/"),
        "{err}"
    );
    assert!(
        at_head(&book, &path).contains("索引被占用时的补记"),
        "committed"
    );
    let stale = std::fs::read_to_string(book.root().join(STALE_INDEX)).unwrap();
    assert!(stale.contains(&relative(&book, &it)), "{stale}");

    std::fs::remove_file(&lock).unwrap();
    let check = book.output(&["check"]);
    assert!(
        check.status.success(),
        "check mends it: {}",
        describe(&check)
    );
    assert_eq!(book.status(), "", "index, HEAD and file agree");
    assert!(!book.root().join(STALE_INDEX).exists());

    // A person's plain commit of something else now keeps the note.
    let config = book.root().join("complaint.yaml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("# x\n");
    std::fs::write(&config, text).unwrap();
    book.git(&["add", "complaint.yaml"]);
    let commit = plain_commit(book.root(), &["-m", "config"]);
    assert!(commit.status.success(), "{}", describe(&commit));
    assert!(at_head(&book, &path).contains("索引被占用时的补记"));
    assert_eq!(book.status(), "");
}

/// Problem 3, the same without the note of which entries are stale (lost, or the index
/// changed by hand): `check` reports the drift, the hook refuses the plain commit that would
/// undo the note, and `complaint repair` mends the index.
#[test]
fn problem_3_index_drift_is_reported_by_check_refused_by_the_hook_and_mended_by_repair() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    ok_as(&book, "王芳", &["note", &it, "补记", "--now", NEXT_AT]);
    let rel = relative(&book, &it);
    // The index goes back to the record before the note; HEAD and the file have it.
    book.git(&["reset", "--quiet", "HEAD~1", "--", &rel]);

    let check = book.output(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", describe(&check));
    let err = unwrapped(&stderr(&check));
    assert!(
        err.contains(&unwrapped(&format!(
            "git's index holds an older {rel} than the last commit"
        ))),
        "{}",
        describe(&check)
    );
    assert!(err.contains("`complaintrepair`"), "{err}");

    // A plain commit now would drop the note: the hook refuses it.
    let commit = plain_commit(book.root(), &["--allow-empty", "-m", "anything"]);
    assert!(!commit.status.success(), "{}", describe(&commit));
    assert!(
        stderr(&commit).contains(&format!("{rel} would lose 1 event(s)")),
        "{}",
        describe(&commit)
    );
    assert!(at_head(&book, &book.record_path(&it)).contains("补记"));

    let repair = book.output(&["repair"]);
    assert!(repair.status.success(), "{}", describe(&repair));
    assert!(
        stdout(&repair).contains(&format!(
            "git's index entry for {rel} brought up to the last commit"
        )),
        "{}",
        describe(&repair)
    );
    assert_eq!(book.status(), "");
    let commit = plain_commit(book.root(), &["--allow-empty", "-m", "anything"]);
    assert!(commit.status.success(), "{}", describe(&commit));
    assert!(at_head(&book, &book.record_path(&it)).contains("补记"));
    assert!(book.output(&["check"]).status.success());
}

/// Problem 3, the hook: a plain commit that puts back an older version of a record (dropping
/// events) is refused, naming the record.
#[test]
fn problem_3_the_hook_refuses_a_plain_commit_of_an_older_record() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    ok_as(&book, "王芳", &["note", &it, "补记", "--now", NEXT_AT]);
    let rel = relative(&book, &it);
    let head = book.git(&["rev-parse", "HEAD"]);
    let older = book.git(&["show", &format!("HEAD~1:{rel}")]);
    std::fs::write(book.record_path(&it), older).unwrap();
    book.git(&["add", &rel]);

    let commit = plain_commit(book.root(), &["-m", "older"]);
    assert!(!commit.status.success(), "{}", describe(&commit));
    let err = stderr(&commit);
    assert!(
        err.contains(&format!(
            "complaint: {rel} would lose 1 event(s) of its history"
        )),
        "{err}"
    );
    // Git runs the hook without COMPLAINT_LANG: it speaks the book's rulebook's language.
    assert!(err.contains("complaint: 提交被拒绝。"), "{err}");
    assert_eq!(book.git(&["rev-parse", "HEAD"]), head, "nothing committed");
}

/// Problem 3, the hook: a plain commit that deletes a record is refused, naming it.
#[test]
fn problem_3_the_hook_refuses_a_plain_commit_deleting_a_record() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    let rel = relative(&book, &it);
    let head = book.git(&["rev-parse", "HEAD"]);
    book.git(&["rm", "--quiet", &rel]);

    let commit = plain_commit(book.root(), &["-m", "delete"]);
    assert!(!commit.status.success(), "{}", describe(&commit));
    let err = stderr(&commit);
    assert!(
        err.contains(&format!("complaint: {rel} would be deleted")),
        "{err}"
    );
    assert_eq!(book.git(&["rev-parse", "HEAD"]), head, "nothing committed");
}

/// Problem 4: a write killed while it wrote a temporary file left it behind. The next command
/// removes it. (A crash point cannot be inside the write of one file, so the leftover is
/// planted beside the record, where a kill in the middle of the write leaves it.)
#[test]
fn problem_4_a_killed_write_leaves_no_temporary_file_after_the_next_command() {
    let (book, it, other) = crash_book();
    assert_killed(&crash(&book, Write::Note, &it, "after-intent"), "the note");
    let planted = book.record_path(&it).with_file_name(".tmp-Kill9x");
    std::fs::write(&planted, "id: half a recor").unwrap();
    assert_eq!(book.status(), "", "git ignores temporary files");

    ok_as(
        &book,
        NEXT,
        &["note", &other, "赵敏的跟进", "--now", NEXT_AT],
    );
    assert!(!planted.exists(), "the temporary file is removed");
    let problems = settled_problems(&book);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Problem 4: temporary files are ignored by git and are not records.
#[test]
fn problem_4_a_temporary_file_in_records_is_ignored_by_git_and_by_check() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    let planted = book.record_path(&it).with_file_name(".tmp-byhand");
    std::fs::write(&planted, "not a record").unwrap();
    assert_eq!(book.status(), "");
    assert!(book.output(&["check"]).status.success());
    assert_eq!(
        book.json(&["list"])["complaints"].as_array().unwrap().len(),
        1
    );
}

/// Problem 4: a stale `.git/HEAD.lock` (a crashed git) makes the write fail whole, and the
/// help names the exact command to remove it; the program never removes it itself.
#[test]
fn problem_4_a_stale_head_lock_fails_the_note_with_the_rm_command_and_changes_nothing() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    let before = std::fs::read(book.record_path(&it)).unwrap();
    let head = book.git(&["rev-parse", "HEAD"]);
    let lock = book.root().join(".git/HEAD.lock");
    std::fs::write(&lock, "").unwrap();

    let output = run_as(&book, "王芳", &["note", &it, "补记", "--now", NEXT_AT]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let err = unwrapped(&stderr(&output));
    let named = [lock.clone(), lock.canonicalize().unwrap()]
        .iter()
        .any(|l| err.contains(&unwrapped(&format!("rm '{}'", l.display()))));
    assert!(
        named,
        "the help names `rm '…/HEAD.lock'`: {}",
        describe(&output)
    );
    assert!(lock.exists(), "the lock is never removed by us");
    assert_eq!(std::fs::read(book.record_path(&it)).unwrap(), before);
    assert_eq!(book.git(&["rev-parse", "HEAD"]), head);
    assert!(!book.root().join(INTENT).exists(), "no intent left");
    assert!(temporary_files(book.root()).is_empty());
    assert!(private_indexes(book.root()).is_empty());
    assert_eq!(book.status(), "");

    std::fs::remove_file(&lock).unwrap();
    ok_as(&book, "王芳", &["note", &it, "补记", "--now", NEXT_AT]);
    assert!(at_head(&book, &book.record_path(&it)).contains("补记"));
    assert!(settled_problems(&book).is_empty());
}

/// Problem 4: private index files left by commits whose process died. A commit now builds its
/// tree from HEAD's by rewriting the folders it touches (`git mktree`), with no private index
/// to leave behind; the commit holds the change and git's own index agrees with it.
#[test]
fn problem_4_a_commit_leaves_no_private_index() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    ok_as(&book, "王芳", &["note", &it, "补记", "--now", NEXT_AT]);
    assert!(private_indexes(book.root()).is_empty());
    assert!(at_head(&book, &book.record_path(&it)).contains("补记"));
    assert_eq!(book.status(), "");
    // The rest of the tree is HEAD's as it was: the configuration and the rulebook are there.
    let files = book.git(&["ls-tree", "-r", "--name-only", "HEAD"]);
    for file in ["complaint.yaml", "rulebook.yaml", ".gitattributes"] {
        assert!(files.lines().any(|f| f == file), "{file} in {files}");
    }
}

/// Sets up a desk: a clone of the book with its own git identity, made ready by one complaint
/// command (the merge driver and the hook are not cloned).
fn desk(book: &Book, name: &str) -> PathBuf {
    git(book.tmp(), &["clone", "--quiet", "book", name]);
    let dir = book.tmp().join(name);
    git(&dir, &["config", "user.name", name]);
    git(
        &dir,
        &["config", "user.email", &format!("{name}@example.invalid")],
    );
    let output = book
        .run_in(book.tmp(), &["--dir", name, "list"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    let driver = git(&dir, &["config", "--get", "merge.complaint.driver"]);
    assert!(
        driver.trim_end().ends_with(" merge-driver %O %A %B %P"),
        "{driver}"
    );
    assert!(dir.join(".git/hooks/pre-commit").is_file());
    dir
}

/// `complaint --dir DESK ARGS` as `who`, asserting success.
fn at_desk(book: &Book, desk: &str, who: &str, args: &[&str]) -> String {
    let mut all = vec!["--dir", desk];
    all.extend(args);
    let output = book
        .run_in(book.tmp(), &all)
        .env("COMPLAINT_USER", who)
        .output()
        .unwrap();
    assert!(output.status.success(), "{all:?}: {}", describe(&output));
    String::from_utf8(output.stdout).unwrap()
}

/// Problem 5: two desks appending events to one record made a git conflict every time. The
/// driver unites the histories: no conflict, every event once, in time order.
#[test]
fn problem_5_two_desks_acting_on_one_complaint_merge_without_conflict() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    ok_as(
        &book,
        "王芳",
        &[
            "ack",
            &it,
            "--contact",
            "8001",
            "--now",
            "2026-09-30T10:30:00+08:00",
        ],
    );
    let a = desk(&book, "A");
    let b = desk(&book, "B");
    let rel = relative(&book, &it);

    at_desk(
        &book,
        "A",
        "李雷",
        &[
            "escalate",
            &it,
            "-r",
            "超出专员权限",
            "--now",
            "2026-10-01T12:00:00+08:00",
        ],
    );
    at_desk(
        &book,
        "B",
        "王芳",
        &[
            "note",
            &it,
            "已联系客户",
            "--now",
            "2026-10-01T11:00:00+08:00",
        ],
    );
    at_desk(
        &book,
        "B",
        "王芳",
        &[
            "close",
            &it,
            "--outcome",
            "退货退款",
            "--now",
            "2026-10-01T13:00:00+08:00",
        ],
    );
    let ours = history_of(&std::fs::read_to_string(b.join(&rel)).unwrap());
    let theirs = history_of(&std::fs::read_to_string(a.join(&rel)).unwrap());

    let pull = git_output(
        &b,
        &[
            "pull",
            "--quiet",
            "--no-rebase",
            "--no-edit",
            "../A",
            "HEAD",
        ],
    );
    assert!(pull.status.success(), "{}", describe(&pull));
    assert_eq!(
        git(&b, &["status", "--porcelain", "--untracked-files=all"]),
        ""
    );

    let merged = history_of(&std::fs::read_to_string(b.join(&rel)).unwrap());
    let steps: Vec<(&str, &str)> = merged
        .iter()
        .map(|e| (e["by"].as_str().unwrap(), e["event"].as_str().unwrap()))
        .collect();
    assert_eq!(
        steps,
        [
            ("王芳", "received"),
            ("王芳", "ack"),
            ("王芳", "note"),
            ("李雷", "escalate"),
            ("王芳", "close"),
        ],
        "{merged:#?}"
    );
    // Every event of both sides, each once.
    for event in ours.iter().chain(&theirs) {
        assert_eq!(merged.iter().filter(|e| *e == event).count(), 1, "{event}");
    }
    assert_eq!(merged.len(), 5);
    let times: Vec<&str> = merged.iter().map(|e| e["at"].as_str().unwrap()).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "in time order");

    let shown = at_desk(&book, "B", "王芳", &["--format", "json", "show", &it]);
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["state"]["status"], "closed");
    at_desk(&book, "B", "王芳", &["check"]);
    assert!(
        authorship_problems(&b).is_empty(),
        "{:#?}",
        authorship_problems(&b)
    );
}

/// Problem 5: a fact changed differently at the two desks is a real conflict; the record then
/// holds git's markers, and `complaint show` says it is in the middle of a merge and how out.
#[test]
fn problem_5_a_fact_changed_differently_at_two_desks_conflicts_and_show_says_so() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    let a = desk(&book, "A");
    let b = desk(&book, "B");
    let rel = relative(&book, &it);
    for (dir, phone) in [(&a, "13900000001"), (&b, "13900000002")] {
        let path = dir.join(&rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("phone: \"13812345678\""), "{text}");
        std::fs::write(&path, text.replace("13812345678", phone)).unwrap();
        let commit = plain_commit(dir, &["-am", "客户换了电话"]);
        assert!(
            commit.status.success(),
            "a fact edit is not refused: {}",
            describe(&commit)
        );
    }

    let pull = git_output(&b, &["pull", "--no-rebase", "--no-edit", "../A", "HEAD"]);
    assert!(!pull.status.success(), "{}", describe(&pull));
    assert!(stdout(&pull).contains("CONFLICT"), "{}", describe(&pull));
    assert!(
        stderr(&pull).contains("facts.customer.phone (the two desks wrote different values)"),
        "the driver names the field: {}",
        describe(&pull)
    );

    insta_cmd::assert_cmd_snapshot!(book.run_in(&b, &["show", "C-20260930"]), @r"
    success: false
    exit_code: 1
    ----- stdout -----

    ----- stderr -----
      × records/2026/09/C-20260930-[ID_1].yaml is in the middle of an unfinished git merge
       ╭─[records/2026/09/C-20260930-[ID_1].yaml:1:1]
     1 │ <<<<<<< ours
       · ───┬───
       ·    ╰── git's conflict marker
     2 │ id: C-20260930-[ID_1]
       ╰────
      help: two desks changed the same facts. Keep the right version between the markers and delete
            the markers (`git mergetool`, or edit it), then `git add records/2026/09/C-20260930-[ID_1].yaml` and `git commit`; or give up the merge with `git merge --abort`. Records
            whose only differences are events merge by themselves once the driver is registered (any
            complaint command registers it)
    ");
}

// ---------------------------------------------------------------------------------------------
// More: where the index, the hook and adopting meet
// ---------------------------------------------------------------------------------------------

/// While `.git/index.lock` stays, the next write cannot mend the index and refuses; its help
/// must name the command that mends it, `complaint repair` (`complaint recover` records money
/// a merchant repaid).
#[test]
fn while_the_index_stays_locked_the_next_write_refuses_and_names_complaint_repair() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    std::fs::write(book.root().join(".git/index.lock"), "").unwrap();
    let first = run_as(&book, "王芳", &["note", &it, "一", "--now", NEXT_AT]);
    assert_eq!(first.status.code(), Some(5), "{}", describe(&first));

    let second = run_as(
        &book,
        "王芳",
        &["note", &it, "二", "--now", "2026-09-30T12:30:00+08:00"],
    );
    assert_eq!(second.status.code(), Some(1), "{}", describe(&second));
    let err = unwrapped(&stderr(&second));
    assert!(
        !err.contains("complaintrecover"),
        "names the wrong command: {}",
        describe(&second)
    );
    assert!(err.contains("complaintrepair"), "{}", describe(&second));
    assert!(!at_head(&book, &book.record_path(&it)).contains("text: 二"));
}

/// After a blocked index update the user may stage the record by hand (`git add`), which makes
/// the index right. The pre-commit hook must then let an unrelated commit through; the leftover
/// note of stale entries is no reason to refuse it.
#[test]
fn a_plain_commit_is_not_refused_once_the_index_was_put_right_by_hand() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    let lock = book.root().join(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    let note = run_as(&book, "王芳", &["note", &it, "补记", "--now", NEXT_AT]);
    assert_eq!(note.status.code(), Some(5), "{}", describe(&note));
    std::fs::remove_file(&lock).unwrap();
    book.git(&["add", &relative(&book, &it)]);
    assert_eq!(book.status(), "", "index, HEAD and file agree");

    let config = book.root().join("complaint.yaml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("# x\n");
    std::fs::write(&config, text).unwrap();
    book.git(&["add", "complaint.yaml"]);
    let commit = plain_commit(book.root(), &["-m", "config"]);
    assert!(commit.status.success(), "{}", describe(&commit));
    assert!(at_head(&book, &book.record_path(&it)).contains("补记"));
}

/// Exit 5 means "done and committed, but git's index is behind". A read-only command after a
/// blocked index update committed nothing: it may warn, but it must not fail a script that
/// only reads (`complaint list --format json | …`).
#[test]
fn a_read_command_after_a_blocked_index_update_still_exits_0() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    let lock = book.root().join(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    let note = run_as(&book, "王芳", &["note", &it, "补记", "--now", NEXT_AT]);
    assert_eq!(note.status.code(), Some(5), "{}", describe(&note));
    std::fs::remove_file(&lock).unwrap();

    let show = book.output(&["--format", "json", "show", &it]);
    assert_eq!(show.status.code(), Some(0), "{}", describe(&show));
    let shown: Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(shown["history"].as_array().unwrap().len(), 2);
}

/// Records written with --no-commit by two people: `repair --adopt` commits them so that the
/// log says who acted: each event in a commit authored by whoever wrote it.
#[test]
fn adopt_commits_each_persons_events_under_their_own_name() {
    let book = Book::new();
    let it = book.new_complaint(RECEIVED);
    ok_as(
        &book,
        CRASHER,
        &["--no-commit", "note", &it, "李娜的补记", "--now", CRASH_AT],
    );
    ok_as(
        &book,
        NEXT,
        &["--no-commit", "note", &it, "赵敏的跟进", "--now", NEXT_AT],
    );
    let check = book.output(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", describe(&check));
    assert!(
        stderr(&check).contains("is changed but not committed (events by 李娜, 赵敏)"),
        "{}",
        describe(&check)
    );
    assert!(stderr(&check).contains("complaint repair --adopt"));

    let adopt = book.output(&["repair", "--adopt", "--now", "2026-09-30T13:00:00+08:00"]);
    assert!(adopt.status.success(), "{}", describe(&adopt));
    assert_eq!(book.status(), "");
    let problems = authorship_problems(book.root());
    assert!(problems.is_empty(), "{problems:#?}\nlog: {:#?}", book.log());
}

/// A book in a folder of a larger repository (`init` makes no repository inside one), with one
/// complaint: the folder around it (kept alive), the book's root, and the complaint's ID.
fn book_in_a_folder() -> (Book, PathBuf, String) {
    let outer = Book::empty();
    let repo = outer.tmp().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "--quiet"]);
    let output = crate::support::complaint(&repo)
        .args(["init", "book"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    let root = repo.join("book");
    let mut args = vec!["--format", "json", "new", "--now", RECEIVED];
    args.extend(INTAKE.iter().flat_map(|(f, v)| [*f, *v]));
    let new = run_in_folder(&root, &args);
    assert!(new.status.success(), "{}", describe(&new));
    let id = serde_json::from_slice::<Value>(&new.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    outer.register_id(&id);
    (outer, root, id)
}

fn run_in_folder(root: &Path, args: &[&str]) -> Output {
    crate::support::complaint(root)
        .env("COMPLAINT_USER", "王芳")
        .args(args)
        .output()
        .unwrap()
}

/// A book may live in a folder of a larger repository. `check` must still see a record that
/// is written but not committed, and `repair --adopt` commit it.
#[test]
fn a_book_in_a_folder_of_a_repository_reports_and_adopts_an_uncommitted_record() {
    let (_outer, root, id) = book_in_a_folder();
    let note = run_in_folder(
        &root,
        &["--no-commit", "note", &id, "补记", "--now", NEXT_AT],
    );
    assert!(note.status.success(), "{}", describe(&note));
    assert!(!git(&root, &["status", "--porcelain"]).is_empty());

    let check = run_in_folder(&root, &["check"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "the uncommitted record is reported: {}",
        describe(&check)
    );
    assert!(
        stderr(&check).contains("is changed but not committed (events by 王芳)"),
        "{}",
        describe(&check)
    );
    let adopt = run_in_folder(&root, &["repair", "--adopt", "--now", NEXT_AT]);
    assert!(adopt.status.success(), "{}", describe(&adopt));
    assert_eq!(
        git(&root, &["status", "--porcelain", "--untracked-files=all"]),
        "",
        "adopt commits it: {}",
        describe(&adopt)
    );
}

/// A book may live in a folder of a larger repository. `check` must still see git's index
/// behind the last commit, and `repair` mend it.
#[test]
fn a_book_in_a_folder_of_a_repository_reports_and_repairs_index_drift() {
    let (_outer, root, id) = book_in_a_folder();
    let note = run_in_folder(&root, &["note", &id, "补记", "--now", NEXT_AT]);
    assert!(note.status.success(), "{}", describe(&note));
    let file = walk(&root.join("records"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "yaml"))
        .unwrap();
    let rel = file.strip_prefix(&root).unwrap().display().to_string();
    // git's index goes back to the record before the note; HEAD and the file have it.
    git(&root, &["reset", "--quiet", "HEAD~1", "--", &rel]);

    let check = run_in_folder(&root, &["check"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "the index drift is reported: {}",
        describe(&check)
    );
    let repair = run_in_folder(&root, &["repair"]);
    assert!(repair.status.success(), "{}", describe(&repair));
    assert_eq!(
        git(&root, &["status", "--porcelain", "--untracked-files=all"]),
        "",
        "repair mends it: {}",
        describe(&repair)
    );
}
