//! Printable documents made from a record: the forms the seeds file and sign.
//!
//! Every form is one [`Document`] — a title, sections of labelled rows, and lines to sign by
//! hand — built by one small function per kind ([`acceptance`], [`report`], [`approval`],
//! [`resolution`], [`opinion`]) and written out by one renderer per [`Style`]. So a form is
//! only its content: layout, escaping and the print stylesheet live in one place each.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | the [`Document`] model, [`document`], the words the forms share |
//! | `acceptance.rs`, `report.rs`, `approval.rs`, `resolution.rs`, `opinion.rs` | one kind each |
//! | `events.rs` | one event of a history in words |
//! | `render.rs` | Markdown, text and HTML |
//!
//! The library returns the text; the caller decides where it goes. The functions take the
//! complaint as given: masking personal data ([`crate::privacy::complaint`]) is the caller's
//! decision. Labels are in the rulebook's [`Language`]; what people recorded (descriptions,
//! reasons, names from the rulebook) is shown as they wrote it.

mod acceptance;
mod approval;
mod events;
mod opinion;
mod render;
mod report;
mod resolution;

pub use acceptance::acceptance;
pub use approval::approval;
pub use events::describe_in;
pub use opinion::opinion;
pub use render::{html, markdown, render, text};
pub use report::report;
pub use resolution::resolution;

use crate::error::Error;
use crate::labels::{fill, labels};
use crate::model::{Action, Answer, Complaint, Facts, Timestamp};
use crate::money::Money;
use crate::rulebook::{Language, Rulebook};

/// Which document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Kind {
    /// S4's complaint acceptance form (客户投诉受理单): the complaint, each ladder level's
    /// opinion, signer and date, and the result
    Acceptance,
    /// S1's complaint report form (客户投诉报告单), signed by customer, merchant and mall
    Report,
    /// S0's special-case approval form (特殊案例审批表) for the current offer: the standard, the
    /// formula, the uplift and cap, the approvals given and still needed
    Approval,
    /// S2's formal resolution report (投诉处理报告) sent to the customer once it is closed
    Resolution,
    /// S1's handling opinion (处理意见书) after a mediation
    Opinion,
}

impl Kind {
    /// The kind as `--kind` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Acceptance => "acceptance",
            Kind::Report => "report",
            Kind::Approval => "approval",
            Kind::Resolution => "resolution",
            Kind::Opinion => "opinion",
        }
    }
}

/// How a document is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Style {
    /// Markdown tables, for reading and for converting
    Markdown,
    /// Plain lines of `label：value`
    Text,
    /// One self-contained HTML page with a print stylesheet (open it and print)
    Html,
}

/// A printable document: what it says, not how it looks.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The language of its labels (HTML's `lang`).
    pub language: Language,
    /// The document's title (`客户投诉受理单`).
    pub title: String,
    /// Its parts, in order.
    pub sections: Vec<Section>,
    /// Lines signed by hand at the foot, each with its label (`顾客（签字）：`).
    pub signatures: Vec<String>,
}

/// A part of a document: an optional heading, a table of labelled rows, then paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading above the table, if any.
    pub heading: Option<String>,
    /// The table's two column heads (`项目`, `内容`).
    pub columns: [String; 2],
    /// The table's rows, in order; empty for a section of paragraphs only.
    pub rows: Vec<Row>,
    /// Text below the table, one paragraph each.
    pub paragraphs: Vec<String>,
}

/// One labelled row. A value of `None` is a blank line to fill in by hand (a level that has
/// not handled the complaint yet signs there on paper).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What the row gives (`投诉编号`).
    pub label: String,
    /// The value; `None` leaves a blank to fill in by hand.
    pub value: Option<String>,
}

impl Section {
    fn new(language: Language, heading: Option<&str>) -> Section {
        Section {
            heading: heading.map(str::to_string),
            columns: [
                labels(language).item.to_string(),
                labels(language).details.to_string(),
            ],
            rows: Vec::new(),
            paragraphs: Vec::new(),
        }
    }

    /// A row that is left out when there is nothing to say.
    fn row(&mut self, label: &str, value: impl Into<String>) -> &mut Section {
        let value = value.into();
        if !value.is_empty() {
            self.rows.push(Row {
                label: label.to_string(),
                value: Some(value),
            });
        }
        self
    }

    /// A row that is always there: blank, to fill in by hand, when `value` is `None`.
    fn field(&mut self, label: &str, value: Option<String>) -> &mut Section {
        self.rows.push(Row {
            label: label.to_string(),
            value: value.filter(|v| !v.is_empty()),
        });
        self
    }
}

/// Makes the document of `kind`.
pub fn document(
    kind: Kind,
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
) -> Result<Document, Error> {
    match kind {
        Kind::Acceptance => Ok(acceptance(complaint, rulebook, now)),
        Kind::Report => Ok(report(complaint, rulebook)),
        Kind::Approval => approval(complaint, rulebook, now),
        Kind::Resolution => resolution(complaint, rulebook),
        Kind::Opinion => opinion(complaint, rulebook, now),
    }
}

// ---------------------------------------------------------------------------------------------
// Words shared by the forms
// ---------------------------------------------------------------------------------------------

fn datetime(language: Language, t: Timestamp) -> String {
    t.format(labels(language).datetime_format).to_string()
}

fn date(language: Language, t: Timestamp) -> String {
    t.format(labels(language).date_format).to_string()
}

/// The organisation, then the form's name.
fn title(language: Language, organisation: &str, form: &str) -> String {
    fill(
        labels(language).form_title,
        &[("organisation", &organisation), ("form", &form)],
    )
}

fn yuan(m: Money) -> String {
    format!("¥{m}")
}

/// Pieces joined by `sep`, the missing ones left out.
fn join(parts: impl IntoIterator<Item = Option<String>>, sep: &str) -> String {
    parts
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The customer's name and phone (as given: masked when the caller masked them).
fn customer(facts: &Facts) -> String {
    join(
        [facts.customer.name.clone(), facts.customer.phone.clone()],
        "  ",
    )
}

/// What was complained about, with the order number.
fn subject(language: Language, facts: &Facts) -> String {
    join(
        [
            facts.subject.name.clone(),
            facts
                .subject
                .order
                .as_ref()
                .map(|o| format!("{} {o}", labels(language).order)),
        ],
        "  ",
    )
}

fn answer(language: Language, a: Answer) -> &'static str {
    match a {
        Answer::Accept => labels(language).accepts,
        Answer::Refuse => labels(language).refuses,
    }
}

/// `2026年11月02日 调解：顾客接受，商户不接受`; without the date where the line stands beside
/// the event's own time (the handling process), which would say it twice.
fn mediation(
    language: Language,
    at: Option<Timestamp>,
    customer: Answer,
    merchant: Answer,
) -> String {
    let line = fill(
        labels(language).mediation_line,
        &[
            ("customer", &answer(language, customer)),
            ("merchant", &answer(language, merchant)),
        ],
    );
    match at {
        Some(at) => format!("{} {line}", date(language, at)),
        None => line,
    }
}

/// A code's name from the rulebook's list, or the code itself.
fn name_of(codes: &[crate::rulebook::Code], code: &str) -> String {
    crate::rulebook::code_name(codes, code)
        .unwrap_or(code)
        .to_string()
}

/// What people call a kind of payment (`pay --kind` is free text; the usual ones are named).
fn pay_kind(language: Language, kind: &str) -> String {
    let t = labels(language);
    match kind {
        "refund" => t.pay_refund,
        "coupon" => t.pay_coupon,
        "goods" => t.pay_goods,
        "exchange" => t.pay_exchange,
        "repair" => t.pay_repair,
        "apology" => t.pay_apology,
        "compensation" => t.pay_compensation,
        other => other,
    }
    .to_string()
}

/// A remark with the customer's score after it, where they gave one.
fn rated(language: Language, text: String, score: Option<u8>) -> String {
    match score {
        Some(s) => fill(
            labels(language).with_score,
            &[("text", &text), ("score", &s)],
        ),
        None => text,
    }
}

/// The latest findings: (responsibility, facts).
fn findings(complaint: &Complaint) -> Option<(&str, &str)> {
    complaint
        .history
        .iter()
        .rev()
        .find_map(|e| match &e.action {
            Action::Find(crate::event::Find {
                responsibility,
                facts,
                ..
            }) => Some((responsibility.as_str(), facts.as_str())),
            _ => None,
        })
}

/// The first rows of most forms: which complaint, when, who. (The mall's forms say 顾客, a
/// shopper; the others 客户, a client.)
fn intake(section: &mut Section, complaint: &Complaint, rulebook: &Rulebook, shopper: bool) {
    let l = rulebook.language;
    let t = labels(l);
    section
        .row(t.reference, complaint.id.to_string())
        .row(t.received_at, datetime(l, complaint.received_at))
        .row(
            if shopper { t.shopper } else { t.customer },
            customer(&complaint.facts),
        );
}
