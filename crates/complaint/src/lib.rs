#![deny(missing_docs)]
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
//! let later: complaint::Timestamp = "2026-09-30T10:30:00+08:00".parse().unwrap();
//! let ack = Request::Ack(complaint::event::ack::Request { handler: None, contact: "400-800-1234".into(), promised: None });
//! book.act(&complaint.id, ack, "王芳", later)?;
//! assert_eq!(book.load(&complaint.id)?.complaint.history.len(), 2);
//! # Ok(()) }
//! ```
//!
//! # Shape
//! Read commands: [`Book::open`] (config and rulebook, loaded and checked once) →
//! [`Book::scan`] or [`Book::load`] → [`sla::view`] (the state a history leads to, its tier,
//! grade and level, every clock) → the caller renders. [`Book::view`] and [`Book::sla`] do it
//! in one call for one complaint and for the cron job.
//! Write commands: [`Book::act`] takes the lock, loads the record, asks [`event::decide`]
//! whether the move is legal, appends one event, writes atomically, commits, unlocks.
//!
//! The library is three crates, re-exported here so that one dependency is enough:
//! `complaint-core` (the pure domain: every module not listed below), `complaint-docs`
//! (forms, reports, CSV) and this crate, the book on disk:
//!
//! | module | owns |
//! |---|---|
//! | [`book`] | the folder: discovery, records, atomic writes, lock, git |
//! | [`files`] | texts from files; a rulebook's calendar files from a folder, or from git at a revision |
//! | [`git`] | commits that rewrite only the folders they touch, merge driver and hooks, the plumbing of sync |
//! | [`import`] | CSV import: column mappings, every row checked first, all or nothing |
//! | [`index`] | the derived index of records: what a command needs without reading the book |
//! | [`journal`] | the write-ahead intent that lets the next command finish a write a crash interrupted |
//! | [`keys`] | SSH keys: the roster's public keys, the key a desk acts with, commit signatures |
//! | [`merge`] | the three-way merge of one record for git's merge driver: events united, facts must agree |
//! | [`roster`] | `staff.yaml`: people, roles, keys; whether writes are signed and personal data encrypted |
//! | [`scenario`] | `rules test`: scenarios as data |
//! | [`schema`] | the published JSON Schema of every output document, the intake and the rulebook |
//! | [`seal`] | personal data encrypted at rest: masked in clear, sealed with age to the readers' keys, matched by a keyed hash |
//! | [`signed`] | `check`'s audit of signatures: who added which events, under which roster |
//! | [`staff`] | the roster maintained: people added and removed, signed writes turned on, records sealed again |
//! | [`sync`] | many desks, one book: fetch, merge records as records, push |
//!
//! # Stability
//! The record format, the intake document, the command line and the output documents (see
//! [`schema`]) are public interfaces and change only with a migration path. The Rust API is young and may change between minor
//! versions until 1.0.

pub mod book;
pub mod files;
pub mod git;
mod hex;
pub mod import;
pub mod index;
pub mod journal;
pub mod keys;
mod lock;
pub mod merge;
mod parallel;
pub mod roster;
pub mod scenario;
pub mod schema;
pub mod seal;
pub mod signed;
pub mod staff;
pub mod sync;

pub use complaint_core::*;
pub use complaint_docs::{form, html, interchange, report};

pub use book::{Book, Record, Scan, Sla, When};
pub use files::ReadSource;
