//! The example `examples/sla.rs` (the cron job through the library alone), run on a copy of
//! the demo book (fixtures/demo, made by fixtures/make-demo.sh) at a fixed time. The example's
//! own `run` is compiled in here, so this is the code `cargo run --example sla` runs.
//!
//! Worked by hand (rules/enterprise.yaml; 2026-11-27 is a Friday, November has no holidays):
//! * C-20261120-M5QZJ8, ordinary, acknowledged Fri 11-20 10:00: `handle` is 3 working days,
//!   Mon 23, Tue 24, Wed 25, due 24:00 Wed 11-25 (11-26 00:00); at Fri 11-27 09:00 it is 33 h
//!   = 1980 min overdue. It was escalated once (11-23) to dept_head, and `handle` escalates on
//!   breach, so the cron job moves it to cs_director. The customer was promised an answer by
//!   11-25: that date, too, ran out at 11-26 00:00 (listed after `handle`, the same instant).
//! * C-20261126-CRCV90, received Thu 11-26 16:30, never acknowledged: `acknowledge` (2 h) was
//!   due 18:30, 14 h 30 min = 870 min ago; that clock does not escalate.
//! * C-20261124-76B65K: `handle` runs from Wed 11-25 to 12-01 00:00, about a third used: not
//!   listed. C-20261110-5AWX5K is closed.

#[allow(dead_code)] // `main` is the example's, not called here.
#[path = "../../examples/sla.rs"]
mod example;

use std::path::Path;

use complaint::{Action, Book};

const NOW: &str = "2026-11-27T09:00:00+08:00";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the example with `args` after the book's folder and returns what it printed.
fn run(book: &Path, args: &[&str]) -> String {
    let mut argv = vec![book.display().to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let mut out = Vec::new();
    example::run(argv.into_iter(), &mut out).expect("the example runs");
    String::from_utf8(out).unwrap()
}

#[test]
fn the_example_lists_the_breached_clocks_most_urgent_first_and_escalates() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/demo");
    let book = tmp.path().join("demo");
    copy_dir(&demo, &book);

    let rows = "\
C-20261120-M5QZJ8\thandle\tbreached\t2026-11-26T00:00:00+08:00\t-1980\tdept_head
C-20261120-M5QZJ8\tpromised\tbreached\t2026-11-26T00:00:00+08:00\t-1980\tdept_head
C-20261126-CRCV90\tacknowledge\tbreached\t2026-11-26T18:30:00+08:00\t-870\thandler
";
    assert_eq!(run(&book, &["--now", NOW]), rows);

    // With --escalate the same rows, then the one escalation; the record now says so.
    assert_eq!(
        run(&book, &["--now", NOW, "--escalate", "王芳"]),
        format!("{rows}escalated\tC-20261120-M5QZJ8\n")
    );
    let opened = Book::open(&book).unwrap();
    let id = opened.resolve("C-20261120").unwrap();
    let last = opened.load(&id).unwrap().complaint.history.pop().unwrap();
    assert_eq!(last.at.to_rfc3339(), NOW);
    assert_eq!(last.by, "王芳");
    match last.action {
        Action::Escalate(complaint::event::Escalate {
            from, to, clock, ..
        }) => {
            assert_eq!((from.as_str(), to.as_str()), ("dept_head", "cs_director"));
            assert_eq!(clock.as_deref(), Some("handle"));
        }
        other => panic!("not an escalation: {other:?}"),
    }
    // The row now shows the level reached.
    let first = run(&book, &["--now", NOW]);
    assert!(
        first.starts_with(
            "C-20261120-M5QZJ8\thandle\tbreached\t2026-11-26T00:00:00+08:00\t-1980\tcs_director\n"
        ),
        "{first}"
    );
}

#[test]
fn the_example_refuses_a_folder_that_is_not_a_book() {
    let tmp = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    let err = example::run([tmp.path().display().to_string()].into_iter(), &mut out).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("is not a complaint book: it has no complaint.yaml"),
        "{err}"
    );
    assert!(out.is_empty());
}
