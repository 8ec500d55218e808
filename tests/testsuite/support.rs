//! The shared fixture: a fresh book per test, and the binary run the way a user runs it, but
//! hermetically.
//!
//! * Each [`Book`] lives in its own temporary folder `<tmp>/book`; `<tmp>` itself is not a
//!   book, so tests can run commands from outside one.
//! * Commands run with a cleared environment: only `PATH` (reduced to the folder holding `git`),
//!   `HOME` (a folder that does not exist, so no user's `~/.gitconfig` is read),
//!   `GIT_CONFIG_NOSYSTEM=1`, and `COMPLAINT_USER=王芳` unless a test asks otherwise. Every
//!   mutating call passes `--now`; nothing sleeps or reads the real clock.
//! * While a `Book` is alive its insta filters are bound to the test's thread: the book's path
//!   reads `[BOOK]`, the temporary folder `[TMP]`, the IDs the test registered read
//!   `C-YYYYMMDD-[ID_1]`, `[ID_2]`, … in the order they were registered, and any other ID reads
//!   `C-YYYYMMDD-[ID_?]` (six characters, like the random part, so tables stay aligned).
//!
//! `insta_cmd` records a command's arguments and environment in each snapshot's header. So that
//! the header is stable too, tests never pass a temporary path or a random ID on the command
//! line of a snapshotted command: they run in the book (or in `<tmp>`, with `--dir book`), and
//! name complaints by a unique date prefix (`C-20260930`) instead of the random suffix.

#![allow(dead_code)] // Not every test module uses every helper.

use std::cell::RefCell;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use insta::internals::SettingsBindDropGuard;
use tempfile::TempDir;

/// The actor of every command unless a test says otherwise.
pub const USER: &str = "王芳";

/// `HOME` for every command: a folder that does not exist, so git reads no user configuration.
/// (It is a constant rather than the temporary folder so that snapshot headers, which record the
/// environment, stay free of temporary paths.)
pub const HOME: &str = "/nonexistent/complaint-testsuite-home";

/// The standard intake, as `new` flags.
pub const INTAKE: &[(&str, &str)] = &[
    ("--channel", "hotline"),
    ("--category", "CQ01"),
    ("--customer", "张三"),
    ("--phone", "13812345678"),
    ("--subject-kind", "product"),
    ("--subject", "手机"),
    ("--order", "O-1001"),
    ("--description", "收到的手机屏幕碎裂"),
    ("--demand", "退货并赔偿"),
    ("--evidence", "photo-1.jpg"),
];

/// The standard intake as a flag list, ready to pass after `new`.
pub fn intake_args() -> Vec<&'static str> {
    intake_args_with(&[])
}

/// The standard intake as a flag list with some flags replaced or added (e.g.
/// `("--channel", "wechat")`).
pub fn intake_args_with<'a>(changes: &[(&'a str, &'a str)]) -> Vec<&'a str> {
    let mut pairs: Vec<(&str, &str)> = INTAKE.to_vec();
    for &(flag, value) in changes {
        match pairs.iter_mut().find(|(f, _)| *f == flag) {
            Some(pair) => pair.1 = value,
            None => pairs.push((flag, value)),
        }
    }
    pairs.iter().flat_map(|(f, v)| [*f, *v]).collect()
}

/// The repository's root (where `fixtures/` and `rules/` are): tests that check files shipped
/// with the sources run there and name the files by relative paths, so snapshot headers are the
/// same on every machine.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The folder holding `git`, the only program the binary runs; `PATH` is reduced to it so that
/// snapshot headers do not carry the whole of the developer's `PATH`.
fn path() -> &'static str {
    static PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        let inherited = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&inherited)
            .find(|dir| dir.join("git").is_file())
            .map(|dir| dir.display().to_string())
            .expect("git is on PATH")
    })
}

/// The `complaint` binary in `cwd`, with the hermetic environment and no actor.
pub fn complaint(cwd: &Path) -> Command {
    let mut cmd = Command::new(insta_cmd::get_cargo_bin("complaint"));
    cmd.current_dir(cwd)
        .env_clear()
        .env("PATH", path())
        .env("HOME", HOME)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        // The shipped rulebooks are Chinese, so the interface would be; tests that are not
        // about the language read English, and those that are set `COMPLAINT_LANG` again.
        .env("COMPLAINT_LANG", "en")
        .stdin(Stdio::null());
    cmd
}

/// `git` in `dir`, with the same environment as the binary.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .env_clear()
        .env("PATH", path())
        .env("HOME", HOME)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("git prints UTF-8")
}

/// Stdout and stderr of a finished command, for assertion messages.
pub fn describe(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs `cmd` with `input` on its standard input.
pub fn output_with_stdin(mut cmd: Command, input: &str) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("complaint runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(input.as_bytes())
        .expect("stdin is written");
    child.wait_with_output().expect("complaint finishes")
}

/// A regular expression matching `text` literally, also where miette wrapped it onto the next
/// line of a diagnostic (it breaks long paths after `/` and `-`, at a fixed width of 100).
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 4);
    for (i, c) in text.chars().enumerate() {
        if i > 0 {
            out.push_str("(?:\n[ │]*)?");
        }
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A temporary folder holding (usually) one complaint book.
pub struct Book {
    /// Bound insta settings; replaced whenever an ID is registered.
    filters: RefCell<Option<SettingsBindDropGuard>>,
    /// Complaint IDs in the order the test registered them.
    ids: RefCell<Vec<String>>,
    /// `COMPLAINT_LANG` for the commands run in it: `en` unless a test speaks another.
    language: std::cell::Cell<&'static str>,
    root: PathBuf,
    tmp: TempDir,
}

impl Book {
    /// A fresh book, made with `complaint init` (which also makes its git repository).
    pub fn new() -> Book {
        let book = Book::empty();
        let output = complaint(book.tmp())
            .args(["init", "book"])
            .output()
            .expect("complaint runs");
        assert!(output.status.success(), "init: {}", describe(&output));
        book
    }

    /// A fresh book made with `complaint init book --rulebook PATH`, `rulebook` being a path
    /// relative to the repository (e.g. `fixtures/rulebooks/extendable.yaml`).
    pub fn with_rulebook(rulebook: &str) -> Book {
        let book = Book::empty();
        let path = repo().join(rulebook);
        let output = complaint(book.tmp())
            .args(["init", "book", "--rulebook"])
            .arg(&path)
            .output()
            .expect("complaint runs");
        assert!(output.status.success(), "init: {}", describe(&output));
        book
    }

    /// Lists who holds which roles (`staff:` in complaint.yaml) and commits it, so that the
    /// book's git status stays clean.
    pub fn set_staff(&self, staff: &[(&str, &[&str])]) {
        let config = self.root.join("complaint.yaml");
        let mut text = std::fs::read_to_string(&config).expect("complaint.yaml");
        assert!(!text.contains("staff:"), "staff is set once");
        text.push_str("staff:\n");
        for (name, roles) in staff {
            text.push_str(&format!("  {name}: [{}]\n", roles.join(", ")));
        }
        std::fs::write(&config, text).expect("complaint.yaml is written");
        self.git(&[
            "-c",
            "user.name=testsuite",
            "-c",
            "user.email=testsuite@example.invalid",
            "commit",
            "--quiet",
            "-m",
            "Staff and their roles",
            "--",
            "complaint.yaml",
        ]);
    }

    /// A temporary folder with no book yet; [`Book::root`] is where `init book` would make one.
    pub fn empty() -> Book {
        let tmp = tempfile::Builder::new()
            .prefix("complaint-test-")
            .tempdir()
            .expect("a temporary folder");
        let book = Book {
            filters: RefCell::new(None),
            language: std::cell::Cell::new("en"),
            ids: RefCell::new(Vec::new()),
            root: tmp.path().join("book"),
            tmp,
        };
        book.bind_filters();
        book
    }

    /// The book's folder (`<tmp>/book`).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder around the book, itself not a book.
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// `complaint ARGS` in the book's folder, as 王芳.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        self.run_in(&self.root, args)
    }

    /// The commands run from now on speak `language` (`zh`, `en`).
    pub fn speak(&self, language: &'static str) -> &Self {
        self.language.set(language);
        self
    }

    /// `complaint ARGS` in `cwd`, as 王芳.
    pub fn run_in<S: AsRef<OsStr>>(&self, cwd: &Path, args: &[S]) -> Command {
        let mut cmd = self.run_anonymous_in(cwd, args);
        cmd.env("COMPLAINT_USER", USER);
        cmd
    }

    /// `complaint ARGS` in the book's folder with nobody named as the actor.
    pub fn run_anonymous<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        self.run_anonymous_in(&self.root, args)
    }

    fn run_anonymous_in<S: AsRef<OsStr>>(&self, cwd: &Path, args: &[S]) -> Command {
        let mut cmd = complaint(cwd);
        cmd.env("COMPLAINT_LANG", self.language.get()).args(args);
        cmd
    }

    /// Runs `complaint ARGS` in the book and returns its output, whatever the exit code.
    pub fn output<S: AsRef<OsStr>>(&self, args: &[S]) -> Output {
        self.run(args).output().expect("complaint runs")
    }

    /// Runs `complaint ARGS` in the book, asserts it succeeded, and returns its stdout.
    pub fn ok<S: AsRef<OsStr>>(&self, args: &[S]) -> String {
        let output = self.output(args);
        assert!(
            output.status.success(),
            "complaint {:?}: {}",
            args.iter().map(|a| a.as_ref()).collect::<Vec<_>>(),
            describe(&output)
        );
        String::from_utf8(output.stdout).expect("complaint prints UTF-8")
    }

    /// Runs `complaint --format json ARGS` in the book, asserts success, and parses its stdout.
    pub fn json<S: AsRef<OsStr>>(&self, args: &[S]) -> serde_json::Value {
        let mut all: Vec<&OsStr> = vec![OsStr::new("--format"), OsStr::new("json")];
        all.extend(args.iter().map(AsRef::as_ref));
        let stdout = self.ok(&all);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
    }

    /// Registers the standard intake, received at `now`, and returns the new ID.
    pub fn new_complaint(&self, now: &str) -> String {
        self.new_complaint_with(now, &[])
    }

    /// Registers the standard intake with some flags replaced or added (e.g.
    /// `("--received-at", …)`, `("--channel", "wechat")`), and returns the new ID.
    pub fn new_complaint_with(&self, now: &str, changes: &[(&str, &str)]) -> String {
        let mut args = vec!["new", "--now", now];
        args.extend(intake_args_with(changes));
        let record = self.json(&args);
        let id = record["id"].as_str().expect("new prints an id").to_string();
        self.register_id(&id);
        id
    }

    /// Gives `id` the next placeholder (`[ID_1]`, `[ID_2]`, …) in snapshots.
    pub fn register_id(&self, id: &str) {
        let mut ids = self.ids.borrow_mut();
        if !ids.iter().any(|known| known == id) {
            ids.push(id.to_string());
        }
        drop(ids);
        self.bind_filters();
    }

    /// Every record file's ID, in the order `list` shows them (by file name).
    pub fn ids_on_disk(&self) -> Vec<String> {
        let mut ids = Vec::new();
        let records = self.root.join("records");
        for entry in walk(&records) {
            if let Some(stem) = entry
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".yaml"))
                .filter(|n| n.starts_with("C-"))
            {
                ids.push(stem.to_string());
            }
        }
        ids.sort();
        ids
    }

    /// Where the record of `id` lives: `records/YYYY/MM/<id>.yaml`.
    pub fn record_path(&self, id: &str) -> PathBuf {
        let (year, month) = (&id[2..6], &id[6..8]);
        self.root
            .join("records")
            .join(year)
            .join(month)
            .join(format!("{id}.yaml"))
    }

    /// The text of the record of `id`.
    pub fn record(&self, id: &str) -> String {
        std::fs::read_to_string(self.record_path(id)).expect("the record exists")
    }

    /// The resolution report of `id` as plain text, made at `now`.
    pub fn resolution_text(&self, id: &str, now: &str) -> String {
        self.ok(&[
            "form",
            id,
            "--kind",
            "resolution",
            "--as",
            "text",
            "--now",
            now,
        ])
    }

    /// `git ARGS` in the book.
    pub fn git(&self, args: &[&str]) -> String {
        git(&self.root, args)
    }

    /// How many commits the book's repository has.
    pub fn commits(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .expect("a count")
    }

    /// `author|subject` of each commit, newest first.
    pub fn log(&self) -> Vec<String> {
        self.git(&["log", "--format=%an|%s"])
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// What `git status --porcelain` says (empty when everything is committed).
    pub fn status(&self) -> String {
        self.git(&["status", "--porcelain", "--untracked-files=all"])
    }

    /// The insta settings for this book: path and ID filters.
    fn settings(&self) -> insta::Settings {
        let mut settings = insta::Settings::clone_current();
        let mut paths = vec![
            (self.root.clone(), "[BOOK]"),
            (self.tmp.path().to_path_buf(), "[TMP]"),
        ];
        for (path, name) in paths.clone() {
            if let Ok(canonical) = path.canonicalize() {
                paths.push((canonical, name));
            }
        }
        // Longest first, so the book's path is not half-replaced by the folder around it.
        paths.sort_by_key(|(p, _)| std::cmp::Reverse(p.as_os_str().len()));
        for (path, name) in paths {
            settings.add_filter(&literal(&path.display().to_string()), name);
        }
        for (n, id) in self.ids.borrow().iter().enumerate() {
            settings.add_filter(&literal(id), format!("{}-[ID_{}]", &id[..10], n + 1));
        }
        settings.add_filter(r"C-(\d{8})-[0-9A-Z]{6}\b", "C-${1}-[ID_?]");
        settings
    }

    fn bind_filters(&self) {
        // Drop the old guard first: it restores the settings from before it was bound.
        self.filters.borrow_mut().take();
        let guard = self.settings().bind_to_scope();
        *self.filters.borrow_mut() = Some(guard);
    }
}

/// A sequence of commands on one complaint, made with [`Book::steps`]. Each step runs at once
/// (`complaint CMD ID … --now NOW`, plus `--by WHO` after [`Steps::by`]) and asserts that it
/// succeeded; steps chain, so a test reads as the complaint's life:
///
/// ```ignore
/// book.steps(IT)
///     .ack("2026-11-02T09:30:00+08:00")
///     .find("enterprise", "经调查，投诉属实", "2026-11-02T10:00:00+08:00");
/// book.steps(IT).by("李娜").approve("2026-11-02T10:30:00+08:00");
/// ```
#[derive(Clone)]
pub struct Steps<'a> {
    book: &'a Book,
    id: String,
    by: Option<String>,
}

impl Book {
    /// Steps on the complaint `id` (a full ID or a unique prefix such as `C-20261102`), as 王芳
    /// without `--by`.
    pub fn steps(&self, id: &str) -> Steps<'_> {
        Steps {
            book: self,
            id: id.to_string(),
            by: None,
        }
    }
}

impl Steps<'_> {
    /// The same steps, each passing `--by WHO`.
    pub fn by(&self, who: &str) -> Self {
        Steps {
            by: Some(who.to_string()),
            ..self.clone()
        }
    }

    /// `complaint CMD ID ARGS --now NOW [--by WHO]`, asserted to succeed; returns its stdout.
    pub fn ok(&self, cmd: &str, args: &[&str], now: &str) -> String {
        let mut all = vec![cmd, self.id.as_str()];
        all.extend_from_slice(args);
        all.extend(["--now", now]);
        if let Some(by) = &self.by {
            all.extend(["--by", by.as_str()]);
        }
        self.book.ok(&all)
    }

    /// Any other command, as [`Steps::ok`], for chaining.
    pub fn step(&self, cmd: &str, args: &[&str], now: &str) -> &Self {
        self.ok(cmd, args, now);
        self
    }

    /// `ack --contact 8001`.
    pub fn ack(&self, now: &str) -> &Self {
        self.ack_contact("8001", now)
    }

    /// `ack --contact CONTACT`.
    pub fn ack_contact(&self, contact: &str, now: &str) -> &Self {
        self.step("ack", &["--contact", contact], now)
    }

    /// `find --responsibility RESPONSIBILITY --facts FACTS`.
    pub fn find(&self, responsibility: &str, facts: &str, now: &str) -> &Self {
        self.step(
            "find",
            &["--responsibility", responsibility, "--facts", facts],
            now,
        )
    }

    /// `offer`, at the standard.
    pub fn offer(&self, now: &str) -> &Self {
        self.step("offer", &[], now)
    }

    /// `offer --amount AMOUNT`.
    pub fn offer_amount(&self, amount: &str, now: &str) -> &Self {
        self.step("offer", &["--amount", amount], now)
    }

    /// `approve`.
    pub fn approve(&self, now: &str) -> &Self {
        self.step("approve", &[], now)
    }

    /// `agree`.
    pub fn agree(&self, now: &str) -> &Self {
        self.step("agree", &[], now)
    }

    /// `dispute -r REASON`.
    pub fn dispute(&self, reason: &str, now: &str) -> &Self {
        self.step("dispute", &["-r", reason], now)
    }

    /// `pay --kind KIND --amount AMOUNT`.
    pub fn pay(&self, kind: &str, amount: &str, now: &str) -> &Self {
        self.step("pay", &["--kind", kind, "--amount", amount], now)
    }

    /// `pay --kind KIND --amount AMOUNT --reference REFERENCE`.
    pub fn pay_ref(&self, kind: &str, amount: &str, reference: &str, now: &str) -> &Self {
        self.step(
            "pay",
            &["--kind", kind, "--amount", amount, "--reference", reference],
            now,
        )
    }

    /// `feedback TEXT`.
    pub fn feedback(&self, text: &str, now: &str) -> &Self {
        self.step("feedback", &[text], now)
    }

    /// `note TEXT`.
    pub fn note(&self, text: &str, now: &str) -> &Self {
        self.step("note", &[text], now)
    }

    /// `escalate --reason REASON`.
    pub fn escalate(&self, reason: &str, now: &str) -> &Self {
        self.step("escalate", &["--reason", reason], now)
    }

    /// `assign WHO`.
    pub fn assign(&self, who: &str, now: &str) -> &Self {
        self.step("assign", &[who], now)
    }

    /// `pause -r REASON`.
    pub fn pause(&self, reason: &str, now: &str) -> &Self {
        self.step("pause", &["-r", reason], now)
    }

    /// `resume`.
    pub fn resume(&self, now: &str) -> &Self {
        self.step("resume", &[], now)
    }

    /// `close --outcome OUTCOME`.
    pub fn close(&self, outcome: &str, now: &str) -> &Self {
        self.step("close", &["--outcome", outcome], now)
    }

    /// `close --outcome OUTCOME --satisfaction SCORE`.
    pub fn close_rated(&self, outcome: &str, score: &str, now: &str) -> &Self {
        self.step(
            "close",
            &["--outcome", outcome, "--satisfaction", score],
            now,
        )
    }
}

/// Every file below `dir`, recursively (dot-files included).
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The standard intake as an intake document (the spec's example), in YAML.
pub const INTAKE_YAML: &str = "\
channel: hotline
category: CQ01
customer: {name: 张三, phone: \"13812345678\"}
subject: {kind: product, name: 手机, order: O-1001}
description: 收到的手机屏幕碎裂
demand: 退货并赔偿
evidence: [photo-1.jpg]
received_at: 2026-09-30T10:00:00+08:00
";

/// Copies a folder and everything in it (git's repository included).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
