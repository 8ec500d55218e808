//! The snippets of docs/library.md, compiled and run. Each test's body is a snippet of that
//! page, character for character (indented by four spaces here);
//! `every_snippet_of_the_page_is_a_test_here` checks that they have not drifted apart.
//!
//! `demo()` is the demo book shipped with the sources (fixtures/demo, four complaints of
//! November 2026 under the enterprise rulebook; its `commit: false` keeps it out of git).

use std::error::Error;
use std::path::{Path, PathBuf};

use complaint::clock::ClockStatus;
use complaint::event::ack;
use complaint::{Book, Complaint, Intake, Request, Rulebook, State, Timestamp, sla};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/demo")
}

#[test]
fn open_a_book() -> Result<(), Box<dyn Error>> {
    // The book is the folder holding complaint.yaml; `locate` finds it the way git finds .git
    // (from a folder inside it), `open` reads its configuration and checks its rulebook.
    let root = Book::locate(None, &demo().join("records/2026"))?;
    let book = Book::open(&root)?;
    assert_eq!(book.rulebook().rulebook, "enterprise");

    // Every record, and an error for each that could not be read.
    let scan = book.scan()?;
    assert_eq!(scan.records.len(), 4);
    assert!(scan.errors.is_empty());
    Ok(())
}

#[test]
fn list_the_sla_rows() -> Result<(), Box<dyn Error>> {
    let book = Book::open(&demo())?;
    let now: Timestamp = "2026-11-27T09:00:00+08:00".parse()?;

    // The clocks that need attention (breached, at risk, unknown), most urgent first.
    let report = book.sla(now, &sla::Filter::default())?;
    let rows: Vec<String> = report
        .rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {:?}",
                r.id,
                r.deadline.clock.code,
                r.deadline.status.as_str(),
                r.deadline.minutes_left
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "C-20261120-M5QZJ8 handle breached Some(-1980)",
            // The answer promised for 11-25 is overdue since the same instant.
            "C-20261120-M5QZJ8 promised breached Some(-1980)",
            "C-20261126-CRCV90 acknowledge breached Some(-870)",
        ]
    );

    // `all` adds the clocks running within their time; `clock` keeps one clock id.
    let filter = sla::Filter {
        all: true,
        clock: Some("handle".into()),
    };
    let handle = book.sla(now, &filter)?;
    assert_eq!(handle.rows.len(), 2);
    assert_eq!(handle.rows[1].id.to_string(), "C-20261124-76B65K");
    assert_eq!(handle.rows[1].deadline.status, ClockStatus::Running);
    Ok(())
}

#[test]
fn register_and_acknowledge_a_complaint() -> Result<(), Box<dyn Error>> {
    // A new book under a shipped rulebook; `true`: every change is a git commit.
    let dir = tempfile::tempdir()?;
    let enterprise = complaint::rulebook::shipped_source("enterprise")?;
    let book = Book::init(dir.path(), &enterprise, true)?;

    // The intake document is what `complaint new --from FILE` reads (YAML or JSON).
    let intake: Intake = serde_json::from_str(
        r#"{
            "channel": "hotline", "category": "CQ01",
            "customer": {"name": "张三", "phone": "13812345678"},
            "subject": {"kind": "product", "name": "手机", "order": "O-1001"},
            "description": "收到的手机屏幕碎裂", "demand": "退货并赔偿"
        }"#,
    )?;
    let received: Timestamp = "2026-11-23T10:00:00+08:00".parse()?;
    let complaint = book.create(intake, "王芳", received)?;

    // Every later step is a Request, checked against the rulebook and the history first.
    let ack = Request::Ack(ack::Request {
        handler: None,
        contact: "400-800-1234".into(),
        promised: None,
    });
    let acknowledged: Timestamp = "2026-11-23T11:30:00+08:00".parse()?;
    book.act(&complaint.id, ack, "王芳", acknowledged)?;

    let record = book.load(&complaint.id)?;
    let state = State::of(&record.complaint);
    assert_eq!(state.status.as_str(), "acknowledged");
    assert_eq!(state.handler.as_deref(), Some("王芳"));
    assert_eq!(record.complaint.history.len(), 2);

    // A move the history does not allow is refused, and nothing is written. A program tells
    // refusals apart by their code; a person reads why in English, or in Chinese.
    let again = Request::Ack(ack::Request {
        handler: None,
        contact: "400-800-1234".into(),
        promised: None,
    });
    let refused = book
        .act(&complaint.id, again, "王芳", acknowledged)
        .expect_err("a complaint is acknowledged once");
    let code = refused.refusal();
    assert_eq!(code, Some(complaint::Refusal::AlreadyAcknowledged));
    let english = refused.to_string();
    assert!(english.starts_with("cannot acknowledge C-20261123-"));
    let chinese = refused
        .localised(complaint::rulebook::Language::Zh)
        .to_string();
    assert!(chinese.starts_with("无法受理 C-20261123-"));
    assert_eq!(book.load(&complaint.id)?.complaint.history.len(), 2);
    Ok(())
}

#[test]
fn evaluate_a_rulebook_on_a_complaint_in_memory() -> Result<(), Box<dyn Error>> {
    // Any rulebook text: a shipped one, or your own file read into a Source.
    let rulebook = Rulebook::load(complaint::rulebook::shipped_source("enterprise")?)?;

    // A complaint as a record holds it, never written to disk: received on a Friday evening,
    // flagged for a technical appraisal, not yet acknowledged.
    let complaint: Complaint = serde_json::from_value(serde_json::json!({
        "id": "C-20261127-7KQX2M",
        "received_at": "2026-11-27T19:30:00+08:00",
        "rulebook": {"name": "enterprise", "version": "2026.1"},
        "channel": "hotline",
        "category": "CQ01",
        "flags": ["appraisal"],
        "history": [
            {"at": "2026-11-27T19:30:00+08:00", "by": "王芳", "event": "received"}
        ]
    }))?;

    // Grade, ladder level and every clock at `now`.
    let now: Timestamp = "2026-11-28T02:00:00+08:00".parse()?;
    let view = sla::view(&complaint, &rulebook, now);
    assert_eq!(view.standing.grade(), Some("complex"));
    assert_eq!(view.standing.level, "handler");

    // A complex complaint is acknowledged within 6 hours, elapsed: due 01:30, 30 minutes ago.
    let ack = view
        .clocks
        .iter()
        .find(|c| c.clock == "acknowledge")
        .unwrap();
    assert_eq!(ack.status, ClockStatus::Breached);
    assert_eq!(
        ack.due.as_ref().unwrap().at.to_rfc3339(),
        "2026-11-28T01:30:00+08:00"
    );
    assert_eq!(ack.minutes_left, Some(-30));
    // Handling runs from the acknowledgement, which has not happened.
    let handle = view.clocks.iter().find(|c| c.clock == "handle").unwrap();
    assert_eq!(handle.status, ClockStatus::Pending);
    Ok(())
}

/// Every ```rust block of docs/library.md, indented by four spaces, is in this file.
#[test]
fn every_snippet_of_the_page_is_a_test_here() {
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/library.md"),
    )
    .unwrap();
    let here = include_str!("library.rs");
    let mut blocks = 0;
    for block in page.split("```rust\n").skip(1) {
        let code = block.split("```").next().unwrap();
        let indented: String = code
            .lines()
            .map(|l| {
                if l.is_empty() {
                    "\n".to_string()
                } else {
                    format!("    {l}\n")
                }
            })
            .collect();
        assert!(
            here.contains(&indented),
            "not a test in library.rs:\n{code}"
        );
        blocks += 1;
    }
    assert_eq!(blocks, 4, "the page's snippets");
}
