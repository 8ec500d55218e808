//! Many desks, one book: clones of a book share it through a bare repository with
//! `complaint sync`, acting at the same time, on the same complaints.

use std::path::{Path, PathBuf};

use crate::support::*;

/// A hub (a bare repository) holding `book`, and `n` desks cloned from it, each with its own
/// git identity.
fn hub_and_desks(book: &Book, n: usize) -> Vec<PathBuf> {
    let tmp = book.tmp();
    git(tmp, &["init", "--quiet", "--bare", "hub.git"]);
    git(book.root(), &["remote", "add", "origin", "../hub.git"]);
    let out = book.output(&["sync"]);
    assert!(out.status.success(), "{}", describe(&out));
    (0..n)
        .map(|i| {
            let name = format!("desk-{i}");
            git(tmp, &["clone", "--quiet", "hub.git", &name]);
            let desk = tmp.join(&name);
            git(&desk, &["config", "user.name", &name]);
            git(
                &desk,
                &["config", "user.email", &format!("{name}@example.com")],
            );
            desk
        })
        .collect()
}

/// Runs `complaint ARGS` in `desk` as `who`; returns the exit code and what it said.
fn at(desk: &Path, who: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = complaint(desk)
        .env("COMPLAINT_USER", who)
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), describe(&out))
}

/// The events of a record, as `time by event` lines.
fn events(desk: &Path, id: &str) -> Vec<String> {
    let (code, said) = at(desk, "王芳", &["show", id, "--format", "json"]);
    assert_eq!(code, Some(0), "{said}");
    let start = said.find('{').unwrap();
    let end = said.rfind('}').unwrap();
    let shown: serde_json::Value = serde_json::from_str(&said[start..=end]).unwrap();
    shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {} {}", e["at"], e["by"], e["event"]))
        .collect()
}

/// Three desks act at once, on new complaints and on one shared complaint, each syncing after
/// every step; at the end every desk has the same book, with every event from every desk
/// exactly once, and `check` is clean.
#[test]
fn three_desks_acting_at_once_end_with_one_book() {
    let book = Book::new();
    let shared = book.new_complaint("2026-12-01T09:00:00+08:00");
    book.ok(&[
        "ack",
        &shared,
        "--contact",
        "8001",
        "--now",
        "2026-12-01T09:30:00+08:00",
    ]);
    let desks = hub_and_desks(&book, 3);
    let rounds: usize = std::env::var("COMPLAINT_SYNC_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4);
    let names = ["李娜", "赵敏", "张伟"];
    // One clock for all desks, as if they shared the time of day: each note is later than
    // every event any desk wrote before it.
    let clock = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for (d, desk) in desks.iter().enumerate() {
            let (shared, clock) = (shared.clone(), &clock);
            scope.spawn(move || {
                for round in 0..rounds {
                    let minute = clock.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let now = format!("2026-12-02T10:{minute:02}:00+08:00");
                    let text = format!("desk {d} round {round}");
                    let (code, said) = at(desk, names[d], &["note", &shared, &text, "--now", &now]);
                    assert_eq!(code, Some(0), "{said}");
                    let (code, said) = at(desk, names[d], &["sync"]);
                    assert_eq!(code, Some(0), "{said}");
                }
            });
        }
    });
    // Two quiet rounds: everything reaches everyone.
    for _ in 0..2 {
        for (d, desk) in desks.iter().enumerate() {
            let (code, said) = at(desk, names[d], &["sync"]);
            assert_eq!(code, Some(0), "{said}");
        }
    }
    let tree = |desk: &Path| git(desk, &["rev-parse", "HEAD^{tree}"]);
    for desk in &desks[1..] {
        assert_eq!(tree(desk), tree(&desks[0]), "every desk has the same book");
    }
    let history = events(&desks[0], &shared);
    // received, ack, and one note per desk per round, each once.
    assert_eq!(history.len(), 2 + 3 * rounds, "{history:#?}");
    let mut unique = history.clone();
    unique.dedup();
    assert_eq!(unique, history, "no event twice");
    let mut sorted = history.clone();
    sorted.sort();
    assert_eq!(sorted, history, "in time order");
    for desk in &desks {
        let (code, said) = at(desk, "王芳", &["check"]);
        assert_eq!(code, Some(0), "{said}");
        assert!(
            git(desk, &["status", "--porcelain"]).is_empty(),
            "nothing left uncommitted"
        );
    }
}

/// Two desks make moves that cannot both stand: one closes the complaint, the other, not
/// knowing, escalates it later. The merge keeps both events; the escalation is a conflict
/// that `check` and `sync` list (exit 3); `resolve` settles it and the desks agree again.
#[test]
fn moves_that_cannot_both_stand_are_a_conflict_to_resolve() {
    let book = Book::new();
    let shared = book.new_complaint("2026-12-01T09:00:00+08:00");
    book.ok(&[
        "ack",
        &shared,
        "--contact",
        "8001",
        "--now",
        "2026-12-01T09:30:00+08:00",
    ]);
    let desks = hub_and_desks(&book, 2);
    let (a, b) = (&desks[0], &desks[1]);
    let close = [
        "close",
        &shared,
        "--outcome",
        "退货退款",
        "--now",
        "2026-12-02T10:00:00+08:00",
    ];
    assert_eq!(at(a, "李娜", &close).0, Some(0));
    let escalate = [
        "escalate",
        &shared,
        "--reason",
        "客户要求上级处理",
        "--now",
        "2026-12-02T11:00:00+08:00",
    ];
    assert_eq!(at(b, "赵敏", &escalate).0, Some(0));
    assert_eq!(at(a, "李娜", &["sync"]).0, Some(0));
    let (code, said) = at(b, "赵敏", &["sync"]);
    assert_eq!(code, Some(3), "{said}");
    assert!(
        said.contains("conflict:") && said.contains("escalate by 赵敏"),
        "{said}"
    );
    // The book keeps working: list and sla read it as usual.
    assert_eq!(at(b, "赵敏", &["list"]).0, Some(0));
    let (code, said) = at(b, "赵敏", &["check"]);
    assert_eq!(code, Some(3), "{said}");
    assert!(said.contains("1 event(s) in conflict"), "{said}");
    let (code, said) = at(
        b,
        "赵敏",
        &[
            "resolve",
            &shared,
            "--drop",
            "--reason",
            "已结案，升级作废",
            "--now",
            "2026-12-02T12:00:00+08:00",
        ],
    );
    assert_eq!(code, Some(0), "{said}");
    assert_eq!(at(b, "赵敏", &["check"]).0, Some(0));
    assert_eq!(at(b, "赵敏", &["sync"]).0, Some(0));
    assert_eq!(at(a, "李娜", &["sync"]).0, Some(0));
    assert_eq!(at(a, "李娜", &["check"]).0, Some(0));
    let shown = {
        let (_, said) = at(a, "李娜", &["show", &shared, "--format", "json"]);
        let start = said.find('{').unwrap();
        let end = said.rfind('}').unwrap();
        serde_json::from_str::<serde_json::Value>(&said[start..=end]).unwrap()
    };
    assert_eq!(
        shown["state"]["status"], "closed",
        "the escalation was dropped"
    );
    assert_eq!(shown["state"]["escalations"], 0);
}

/// A desk that changed a fact differently from another cannot be merged silently: sync says
/// which record, changes nothing, and exits 1.
#[test]
fn facts_changed_differently_on_two_desks_stop_the_sync() {
    let book = Book::new();
    let shared = book.new_complaint("2026-12-01T09:00:00+08:00");
    let desks = hub_and_desks(&book, 2);
    let path = |desk: &Path| {
        let day = &shared[2..10];
        desk.join(format!(
            "records/{}/{}/{shared}.yaml",
            &day[..4],
            &day[4..6]
        ))
    };
    for (desk, phone) in [(&desks[0], "13900000001"), (&desks[1], "13900000002")] {
        let file = path(desk);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replace("13812345678", phone)).unwrap();
        git(desk, &["commit", "--quiet", "-am", "phone corrected"]);
    }
    assert_eq!(at(&desks[0], "李娜", &["sync"]).0, Some(0));
    let before = git(&desks[1], &["rev-parse", "HEAD"]);
    let (code, said) = at(&desks[1], "赵敏", &["sync"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("the desks changed the same facts differently"),
        "{said}"
    );
    assert_eq!(git(&desks[1], &["rev-parse", "HEAD"]), before);
    assert!(git(&desks[1], &["status", "--porcelain"]).is_empty());
}
