#![deny(missing_docs)]
//! `complaint-docs`: documents made from complaints.
//!
//! Printable forms, a period's report (tables, CSV rows, a self-contained HTML page with SVG
//! charts) and the CSV interchange format, each computed from `complaint-core`'s records and
//! rulebook and returned as data or strings. Nothing here reads files or prints.
//!
//! | module | owns |
//! |---|---|
//! | [`form`] | printable documents: acceptance form, report form, approval form, resolution report, handling opinion; Markdown, text, HTML |
//! | [`report`] | `report`: a period's figures (volume, deadlines, satisfaction, money, hot spots) as data, tables, CSV rows and a self-contained HTML page |
//! | [`html`] | escaping text for the HTML pages of forms and reports |
//! | [`interchange`] | CSV export: stable columns, formula-injection guard |
//! | `labels` | every fixed text of the forms and reports, one table per language |

pub mod form;
pub mod html;
pub mod interchange;
mod labels;
pub mod report;

// The core's modules under the names the documents use for them.
use complaint_core::{
    Error, calendar, classify, clock, compensation, duration, error, event, id, ledger, model,
    money, output, privacy, rulebook, state, visible,
};
