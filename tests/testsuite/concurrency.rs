//! Many writers at once: the book lock serialises them, and nothing is lost.

use std::collections::BTreeSet;
use std::process::Child;
use std::time::Instant;

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, USER, complaint, describe, intake_args};

const DESKS: usize = 2;
const PER_DESK: usize = 50;

#[test]
fn a_hundred_parallel_news_all_succeed_with_distinct_records_and_commits() {
    let book = Book::new();
    let root = book.root().to_path_buf();
    let started = Instant::now();
    // Two desks, each starting fifty `new`s at once: a hundred processes racing for the lock.
    let outputs: Vec<(String, std::process::Output)> = std::thread::scope(|scope| {
        let desks: Vec<_> = (0..DESKS)
            .map(|desk| {
                let root = root.clone();
                scope.spawn(move || {
                    let children: Vec<(String, Child)> = (0..PER_DESK)
                        .map(|n| {
                            let description = format!("第{desk}号台第{n}件：屏幕碎裂");
                            // The standard intake with a description of its own.
                            let mut args = intake_args();
                            let at = args.iter().position(|a| *a == "--description").unwrap();
                            args.remove(at + 1);
                            args.remove(at);
                            let mut cmd = complaint(&root);
                            cmd.env("COMPLAINT_USER", format!("{USER}{desk}"))
                                .env("COMPLAINT_LOCK_WAIT", "60")
                                .args(["new", "--now", "2026-09-30T10:00:00+08:00"])
                                .args(args)
                                .args(["--description", &description, "--format", "json"])
                                .stdout(std::process::Stdio::piped())
                                .stderr(std::process::Stdio::piped());
                            (description, cmd.spawn().expect("complaint starts"))
                        })
                        .collect();
                    children
                        .into_iter()
                        .map(|(d, child)| (d, child.wait_with_output().expect("finishes")))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        desks
            .into_iter()
            .flat_map(|d| d.join().expect("desk thread"))
            .collect()
    });
    let elapsed = started.elapsed();
    eprintln!("{} parallel `new`s took {elapsed:?}", outputs.len());

    let mut printed_ids = BTreeSet::new();
    for (description, output) in &outputs {
        assert!(
            output.status.success(),
            "{description}: {}",
            describe(output)
        );
        let record: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(record["description"], description.as_str());
        printed_ids.insert(record["id"].as_str().unwrap().to_string());
    }
    assert_eq!(
        printed_ids.len(),
        DESKS * PER_DESK,
        "a hundred distinct IDs"
    );

    let on_disk: BTreeSet<String> = book.ids_on_disk().into_iter().collect();
    assert_eq!(on_disk, printed_ids, "one record file per complaint");

    // Every file parses, and holds what its writer sent.
    let rows = book.json(&["list"]);
    assert_eq!(
        rows["complaints"].as_array().unwrap().len(),
        DESKS * PER_DESK
    );
    let descriptions: BTreeSet<String> = on_disk
        .iter()
        .map(|id| {
            let record: serde_json::Value = serde_saphyr::from_str(&book.record(id)).unwrap();
            record["description"].as_str().unwrap().to_string()
        })
        .collect();
    let sent: BTreeSet<String> = outputs.iter().map(|(d, _)| d.clone()).collect();
    assert_eq!(descriptions, sent);

    assert_eq!(book.commits(), 1 + DESKS * PER_DESK, "one commit per new");
    assert_eq!(book.status(), "", "everything is committed");
    let authors: BTreeSet<String> = book
        .log()
        .iter()
        .map(|l| l.split('|').next().unwrap().to_string())
        .collect();
    assert_eq!(
        authors,
        BTreeSet::from([
            "complaint".to_string(),
            format!("{USER}0"),
            format!("{USER}1")
        ])
    );
    let leftovers: Vec<_> = crate::support::walk(&book.root().join("records"))
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert_eq!(
        leftovers,
        Vec::<std::path::PathBuf>::new(),
        "no temporary files left"
    );
}

#[test]
fn a_writer_gives_up_with_exit_4_when_the_book_stays_locked() {
    let book = Book::new();
    let id = book.new_complaint("2026-09-30T10:00:00+08:00");
    let before = book.record(&id);
    // Hold the book's lock as another writer would.
    let lock_path = book.root().join(".complaint").join("lock");
    std::fs::create_dir_all(lock_path.parent().unwrap()).unwrap();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .unwrap();
    lock.lock().unwrap();

    let mut cmd = book.run(&[
        "ack",
        "C-20260930",
        "--contact",
        "8001",
        "--now",
        "2026-09-30T10:30:00+08:00",
    ]);
    cmd.env("COMPLAINT_LOCK_WAIT", "1");
    assert_cmd_snapshot!(
        cmd,
        @"
        success: false
        exit_code: 4
        ----- stdout -----

        ----- stderr -----
        complaint::busy

          × the book is busy: another command has held its lock for 1 s
          help: try again in a moment; if no other `complaint` is running, a crashed one may have left [BOOK]/.complaint/lock open
        "
    );
    assert_eq!(book.record(&id), before, "nothing written");
    assert_eq!(book.commits(), 2, "no commit");

    // Readers do not take the lock.
    let output = book.output(&["list", "--format", "csv"]);
    assert!(output.status.success(), "{}", describe(&output));

    // Once the lock is free the same command goes through.
    drop(lock);
    book.ok(&[
        "ack",
        "C-20260930",
        "--contact",
        "8001",
        "--now",
        "2026-09-30T10:30:00+08:00",
    ]);
    assert_eq!(book.commits(), 3);
}

/// Eight clerks add a note to one complaint at the same moment, on the real clock (no
/// `--now`): each takes the time of its event once it holds the lock, so they queue and all
/// succeed, instead of the later ones finding "the last event is after now".
#[test]
fn eight_writers_on_one_complaint_queue_and_all_succeed() {
    const WRITERS: usize = 8;
    let book = Book::new();
    let id = book.new_complaint("2026-09-30T10:00:00+08:00");
    let children: Vec<Child> = (0..WRITERS)
        .map(|n| {
            let mut cmd = complaint(book.root());
            cmd.env("COMPLAINT_LOCK_WAIT", "60")
                .env("COMPLAINT_USER", format!("{USER}{n}"))
                .args(["note", &id, &format!("第{n}位同事：已联系客户")])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().expect("complaint starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("finishes");
        assert!(output.status.success(), "{}", describe(&output));
    }
    let record: serde_json::Value = serde_saphyr::from_str(&book.record(&id)).unwrap();
    let history = record["history"].as_array().unwrap();
    let notes: BTreeSet<&str> = history
        .iter()
        .filter(|e| e["event"] == "note")
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), WRITERS, "every note is in the history once");
    let times: Vec<chrono::DateTime<chrono::FixedOffset>> = history
        .iter()
        .map(|e| e["at"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "the history is in time order: {times:?}"
    );
    assert_eq!(
        book.commits(),
        2 + WRITERS,
        "init, new, and one commit per note"
    );
}
