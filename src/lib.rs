//! `complaint`: customer-complaint handling from flat files.
//!
//! A *book* is a folder (usually a git repository) of YAML records, one per complaint, and a
//! *rulebook* that says how complaints are handled: channels, categories, grades, the
//! escalation ladder, and (as the rulebook grows) deadlines on an official working-day
//! calendar. This library owns all of that; the `complaint` binary is a thin command-line layer
//! over it. The library never prints and never exits: every failure is an [`Error`], a
//! [`miette::Diagnostic`] that says where and how to fix it.
//!
//! ```
//! use complaint::{Book, Intake, Request, Source, Rulebook};
//!
//! # fn main() -> Result<(), complaint::Error> {
//! let dir = tempfile::tempdir().unwrap();
//! let shipped = complaint::rulebook::shipped()[0];
//! let book = Book::init(dir.path(), &Source::new("rulebook.yaml", shipped.text), false)?;
//!
//! let intake: Intake = serde_json::from_str(r#"{
//!     "channel": "hotline", "category": "CQ01",
//!     "customer": {"name": "张三", "phone": "13812345678"},
//!     "subject": {"kind": "product", "name": "手机", "order": "O-1001"},
//!     "description": "收到的手机屏幕碎裂", "demand": "退货并赔偿"
//! }"#).unwrap();
//! let now = "2026-09-30T10:00:00+08:00".parse().unwrap();
//! let complaint = book.create(intake, "王芳", now)?;
//!
//! let later = "2026-09-30T10:30:00+08:00".parse().unwrap();
//! let ack = Request::Ack { handler: None, contact: "400-800-1234".into(), promised: None };
//! book.act(&complaint.id, ack, "王芳", later)?;
//! assert_eq!(book.load(&complaint.id)?.complaint.history.len(), 2);
//! # Ok(()) }
//! ```
//!
//! # Shape
//! Read commands: [`Book::open`] (config and rulebook, loaded and checked once) →
//! [`Book::scan`] or [`Book::load`] → [`State::of`] folds each history → the caller renders.
//! Write commands: [`Book::act`] takes the lock, loads the record, asks [`lifecycle::decide`]
//! whether the move is legal, appends one event, writes atomically, commits, unlocks.
//!
//! | module | owns |
//! |---|---|
//! | [`model`] | records, intake facts, events |
//! | [`form`] | printable documents: acceptance form, report form, approval form, resolution report, handling opinion; Markdown, text, HTML |
//! | [`html`] | escaping text for the HTML pages of forms and reports |
//! | [`id`] | complaint IDs and why they do not collide |
//! | [`interchange`] | CSV export: stable columns, formula-injection guard |
//! | [`import`] | CSV import: column mappings, every row checked first, all or nothing |
//! | [`privacy`] | masking names, phones, accounts, e-mails, addresses |
//! | [`money`] | exact amounts in yuan |
//! | [`state`] | the state a history leads to |
//! | [`lifecycle`] | which moves are legal |
//! | [`intake`] | registering a complaint |
//! | [`calendar`] | working days, holidays, business hours, deadlines (Civil Code art. 201, 203) |
//! | [`notice`] | the State Council's yearly holiday notices and .ics holiday calendars, read into holiday spans and make-up days |
//! | [`statutory`] | holidays computed from the law, for the years after a published schedule |
//! | [`classify`] | tiers, grades and the entry level from ordered rules |
//! | [`clock`] | each clock's due time and status for one complaint |
//! | [`compensation`] | standard remedies, caps, approvals and authority, the money ledger |
//! | [`duration`] | `2h`, `7d`, `3wd`, `8bh` |
//! | [`rulebook`] | the rulebook schema, loading and checks, shipped rulebooks |
//! | [`audit`] | `check`: every history replayed under the rulebook |
//! | [`book`] | the folder: discovery, records, atomic writes, lock, git, the record cache |
//! | [`visible`] | text made safe for terminals, forms and git: control characters and bidi overrides shown, not obeyed |
//! | [`sync`] | many desks, one book: fetch, merge records as records, push |
//! | [`journal`] | the write-ahead intent that lets the next command finish a write a crash interrupted |
//! | [`merge`] | the three-way merge of one record for git's merge driver: events united, facts must agree |
//! | [`rulediff`] | `rules diff`: what a rulebook change does to the rules and to open complaints |
//! | [`scenario`] | `rules test`: scenarios as data |
//! | [`query`] | filters for listing |
//! | [`report`] | `report`: a period's figures (volume, deadlines, satisfaction, money, hot spots) as data, tables, CSV rows and a self-contained HTML page |
//!
//! # Stability
//! The record format, the intake document and the command line are public interfaces and
//! change only with a migration path. The Rust API is young and may change between minor
//! versions until 1.0.

pub mod audit;
pub mod book;
mod cache;
pub mod calendar;
pub mod classify;
pub mod clock;
pub mod compensation;
pub mod duration;
pub mod error;
pub mod form;
pub mod git;
pub mod html;
pub mod id;
pub mod import;
pub mod intake;
pub mod interchange;
pub mod journal;
pub mod lifecycle;
mod lock;
pub mod merge;
pub mod model;
pub mod money;
pub mod notice;
pub mod privacy;
pub mod query;
pub mod report;
pub mod rulebook;
pub mod rulediff;
pub mod scenario;
pub mod source;
pub mod state;
pub mod statutory;
mod suggest;
pub mod sync;
pub mod visible;
mod yaml;

pub use book::{Book, Record, Scan};
pub use error::{Error, ErrorKind, Result};
pub use id::ComplaintId;
pub use lifecycle::Request;
pub use model::{Action, Complaint, Event, Facts, Intake, Timestamp};
pub use money::Money;
pub use rulebook::Rulebook;
pub use source::Source;
pub use state::{State, Status};

/// Parses an intake document, YAML or JSON (YAML is a superset of JSON).
pub fn parse_intake(source: &Source) -> Result<Intake> {
    yaml::parse_with_keys(source, Intake::KEYS)
}

/// Writes a value as YAML the way records are written.
pub fn to_yaml<T: serde::Serialize>(value: &T) -> Result<String> {
    yaml::write(value)
}
