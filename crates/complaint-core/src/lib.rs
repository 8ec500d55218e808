#![deny(missing_docs)]
//! `complaint-core`: the pure domain of complaint handling.
//!
//! Records and events, rulebooks, working-day calendars, classification, clocks, the money
//! ledger, compensation and lifecycle decisions — as functions of data. This crate reads no
//! files, runs no git, prints nothing and never exits: the `complaint` crate puts a book on
//! disk around it, and the `complaint` command renders it. Everything a rule decides is
//! reachable from here.
//!
//! ```
//! use complaint_core::{Rulebook, Source, Status, clock::ClockStatus, sla};
//! use complaint_core::model::Complaint;
//!
//! let shipped = complaint_core::rulebook::shipped()[0];
//! let rulebook = Rulebook::load(Source::new("enterprise.yaml", shipped.text)).unwrap();
//! let record = r#"
//! id: C-20261110-5AWX5K
//! received_at: "2026-11-10T11:00:00+08:00"
//! rulebook: {name: enterprise, version: "2026.1"}
//! channel: online
//! category: CQ03
//! customer: {name: 赵六, email: zhao6@example.com}
//! subject: {kind: product, name: 洗衣机, order: O-0877}
//! description: 退货申请被拒
//! demand: 退货
//! history:
//! - {at: "2026-11-10T11:00:00+08:00", by: 王芳, event: received}
//! "#;
//! let complaint: Complaint = complaint_core::yaml::parse(&Source::new("C.yaml", record)).unwrap();
//! let now = "2026-11-10T12:00:00+08:00".parse().unwrap();
//! let view = sla::view(&complaint, &rulebook, now);
//! assert_eq!(view.state.status, Status::New);
//! let acknowledge = &view.clocks[0];
//! assert_eq!(acknowledge.status, ClockStatus::Running); // at risk from 12:30 (warn: 0.75)
//! // Two hours from receipt (an ordinary complaint, enterprise rulebook).
//! assert_eq!(acknowledge.due.as_ref().unwrap().at.to_rfc3339(), "2026-11-10T13:00:00+08:00");
//! ```
//!
//! | module | owns |
//! |---|---|
//! | [`access`] | who may read a complaint: confidential flags, their readers, those handling it |
//! | [`audit`] | `check`: every history replayed under the rulebook |
//! | [`calendar`] | working days, holidays, business hours, deadlines (Civil Code art. 201, 203) |
//! | [`classify`] | tiers, grades and the entry level from ordered rules |
//! | [`clock`] | each clock's due time and status for one complaint |
//! | [`compensation`] | standard remedies, caps, how an offer came about |
//! | [`duration`] | `2h`, `7d`, `3wd`, `8bh` |
//! | [`error`] | every failure, as a `miette` diagnostic, and shown in either interface language |
//! | [`gate`] | what must have happened before a move: reviews and approvals in order, an apology, a disciplinary record |
//! | [`id`] | complaint IDs and why they do not collide |
//! | [`event`] | the kinds of event, one module each: request, decision, effect on the state, descriptions, replay |
//! | [`intake`] | registering a complaint |
//! | [`ledger`] | the money ledger of a history (offers, approvals, payments, advances) and who may approve what |
//! | [`model`] | records, intake facts, events |
//! | [`money`] | exact amounts in yuan |
//! | [`notice`] | the State Council's yearly holiday notices and .ics holiday calendars, read into holiday spans and make-up days; the schedule such a file adds to a calendar |
//! | [`output`] | the shapes programs read (`--format json|yaml`), one per thing, published as JSON Schema |
//! | [`privacy`] | masking names, phones, accounts, e-mails, addresses |
//! | [`query`] | filters for listing |
//! | [`rulebook`] | the rulebook: loaded, checked and compiled (durations, zone, calendar parsed once); shipped rulebooks |
//! | [`rulediff`] | `rules diff`: what a rulebook change does to the rules and to open complaints; the deadlines an official schedule moves |
//! | [`said`](mod@said) | texts for people in English and Chinese at once (`said!`), as errors give their reasons |
//! | [`sla`] | one complaint's view (state, standing, clocks); the cron job's rules: which clocks are flagged, urgency order, automatic escalation |
//! | [`source`] | a loaded text and its name, for diagnostics that underline the place; `Files`, where a rulebook's named files come from |
//! | [`state`] | the state a history leads to |
//! | [`statutory`] | holidays computed from the law, for the years after a published schedule |
//! | [`suggest`] | the nearest name to a misspelt one, for "did you mean" hints |
//! | [`visible`] | text made safe for terminals, forms and git: control characters and bidi overrides shown, not obeyed |
//! | [`yaml`] | reading YAML with every problem located, writing it the way records are written |

pub mod access;
pub mod audit;
pub mod calendar;
pub mod classify;
pub mod clock;
pub mod compensation;
pub mod duration;
pub mod error;
pub mod event;
pub mod gate;
pub mod id;
pub mod intake;
pub mod ledger;
pub mod model;
pub mod money;
pub mod notice;
pub mod output;
pub mod pattern;
pub mod privacy;
pub mod query;
pub mod rulebook;
pub mod rulediff;
pub mod said;
pub mod sla;
pub mod source;
pub mod state;
pub mod statutory;
pub mod suggest;
pub mod visible;
pub mod yaml;

pub use error::{Error, ErrorKind, Localised, Problem, Refusal, Result};
pub use event::Request;
pub use id::ComplaintId;
pub use model::{Action, Complaint, Event, Facts, Intake, Timestamp};
pub use money::Money;
pub use rulebook::Rulebook;
pub use said::Said;
pub use source::{Files, Source};
pub use state::{State, Status};

/// Parses an intake document, YAML or JSON (YAML is a superset of JSON).
pub fn parse_intake(source: &Source) -> Result<Intake> {
    yaml::parse_with_keys(source, Intake::KEYS)
}

/// Writes a value as YAML the way records are written.
pub fn to_yaml<T: serde::Serialize>(value: &T) -> Result<String> {
    yaml::write(value)
}
