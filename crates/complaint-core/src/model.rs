//! What a complaint is: the intake facts, and the append-only history of what was done.
//!
//! A record ([`Complaint`]) is written once at intake and afterwards only grows by [`Event`]s
//! appended to its `history`; its current state is derived from that history (see
//! [`crate::state`]), so nothing is ever overwritten and git's diff of a record is always an
//! addition. These types do no I/O.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::id::ComplaintId;
use crate::money::Money;

/// An instant with the offset it was observed at (RFC 3339 in files).
pub type Timestamp = DateTime<FixedOffset>;

/// The customer: who complained and how to reach them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The customer's name as given (`张三`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A phone number, as given; only its digits identify the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A customer or member account number in the organisation's systems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// An e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A postal address, for replies by letter and home visits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// In a book that encrypts personal data: the five fields above as given, encrypted (age,
    /// armored) to the keys of those who may read the complaint; the fields above then hold
    /// only their masked forms. Written by the book, never by an intake. A record read through
    /// the book's index may carry it empty: the seal stays in the record's file, where opening
    /// it (`Book::unsealed`) reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<String>,
    /// In a book that encrypts personal data: a keyed hash of who the customer is
    /// ([`Customer::identity`] of the clear fields), so complaints of one customer still match
    /// without anyone reading the number. Written by the book, never by an intake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matching: Option<String>,
}

impl Customer {
    /// Who this customer is, for telling one complaint's customer from another's: the phone
    /// number (digits only), else the account, else the e-mail, else the name; `None` when the
    /// record names nobody. Two complaints with the same identity are the same customer
    /// (repeat complainants, key customers). In a book that encrypts, the keyed hash stored
    /// with the record ([`Customer::matching`]).
    pub fn identity(&self) -> Option<String> {
        if let Some(matching) = &self.matching {
            return Some(matching.clone());
        }
        let present = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let digits = present(&self.phone)
            .map(|p| phone_digits(&p))
            .filter(|d| !d.is_empty());
        digits
            .map(|d| format!("phone:{d}"))
            .or_else(|| present(&self.account).map(|a| format!("account:{a}")))
            .or_else(|| present(&self.email).map(|e| format!("email:{}", e.to_lowercase())))
            .or_else(|| present(&self.name).map(|n| format!("name:{n}")))
    }
}

/// A phone number as digits, however it was written (`138-1234-5678`, `+86 138 1234 5678`,
/// `13812345678` are one number): separators dropped, and China's country code (`86`, `0086`)
/// before an 11-digit mobile number.
pub fn phone_digits(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let mobile = |d: &str| d.len() == 11 && d.starts_with('1');
    ["0086", "86"]
        .iter()
        .find_map(|code| digits.strip_prefix(code).filter(|rest| mobile(rest)))
        .map_or_else(|| digits.clone(), str::to_string)
}

/// What kind of thing the complaint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// A product the customer bought.
    Product,
    /// A service the customer received.
    Service,
    /// A store or branch.
    Store,
    /// A member of staff.
    Employee,
    /// A merchant, such as one trading in a mall.
    Merchant,
}

impl SubjectKind {
    /// Every kind, in the order the intake form lists them.
    pub const ALL: [SubjectKind; 5] = [
        SubjectKind::Product,
        SubjectKind::Service,
        SubjectKind::Store,
        SubjectKind::Employee,
        SubjectKind::Merchant,
    ];

    /// The kind written `text`, in any case.
    pub fn parse(text: &str) -> Option<SubjectKind> {
        SubjectKind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The kind as written in records and intake documents (`product`).
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Product => "product",
            SubjectKind::Service => "service",
            SubjectKind::Store => "store",
            SubjectKind::Employee => "employee",
            SubjectKind::Merchant => "merchant",
        }
    }
}

/// The complained object (S0's second element).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// What kind of thing it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SubjectKind>,
    /// Its name (`洗衣机`, a store's or an employee's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Order number, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
}

/// The facts taken at intake: the five elements (contact, object, what happened, demand,
/// evidence) plus how the complaint came in. Every field is optional here so that a document
/// missing several of them can be told about all of them at once (see [`crate::intake`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// How the complaint came in: a channel id the rulebook declares (`hotline`, `online`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The complaint category: a category code the rulebook declares (`CQ01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Who complained and how to reach them.
    #[serde(default)]
    pub customer: Customer,
    /// What the complaint is about.
    #[serde(default)]
    pub subject: Subject,
    /// The mall merchant complained about, where there is one (S1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant: Option<String>,
    /// When it happened, as the customer said it (it may be vague: "上周五下午").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub happened: Option<String>,
    /// Where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The day the customer knew (or should have known) of the harm, for limitation periods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_at: Option<NaiveDate>,
    /// What happened, in the customer's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What the customer wants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demand: Option<String>,
    /// Paths or references to evidence (screenshots, chat logs, photos).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The price paid, for compensation standards that multiply it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// The amount the customer claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed: Option<Money>,
    /// Flags declared by the rulebook (e.g. `safety`, `privacy`) that classification reads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// Where the complaint came from in another system, as `SYSTEM:KEY` (`hotline:HL-0001`):
    /// set by `import`, which registers nothing twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Complaints this one is linked to (the same matter, a caller chasing an earlier one),
    /// by full ID.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// The complaint this one repeats, by full ID: registered again by mistake or by another
    /// desk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// The department that handed the complaint over, where the customer raised it elsewhere in
    /// the organisation first (S4 "诉求到公司其他部门").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_by: Option<String>,
}

/// The intake document: the public interface other systems use to register a complaint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intake {
    /// The intake facts, at the top level of the document.
    #[serde(flatten)]
    pub facts: Facts,
    /// When the complaint was received; defaults to now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<Timestamp>,
}

const FACT_KEYS: [&str; 19] = [
    "channel",
    "category",
    "customer",
    "subject",
    "merchant",
    "happened",
    "place",
    "known_at",
    "description",
    "demand",
    "evidence",
    "price",
    "claimed",
    "flags",
    "source",
    "links",
    "duplicate_of",
    "referred_by",
    "received_at",
];

impl Intake {
    /// The keys an intake document may have.
    pub const KEYS: &'static [&'static str] = &FACT_KEYS;

    /// The fields a rulebook may require (`required:`): every key but those that are never
    /// missing (flags, the amount claimed, the source system, the time received, which
    /// defaults to now).
    pub fn requirable() -> Vec<&'static str> {
        FACT_KEYS
            .into_iter()
            .filter(|k| {
                !matches!(
                    *k,
                    "claimed"
                        | "flags"
                        | "source"
                        | "links"
                        | "duplicate_of"
                        | "referred_by"
                        | "received_at"
                )
            })
            .collect()
    }
}

impl Complaint {
    /// The complaint as it stood at `now`: the events after it are not known yet (a report
    /// or a scenario checkpoint taken at an earlier instant).
    pub fn as_of(&self, now: Timestamp) -> Complaint {
        let mut seen = self.clone();
        seen.history.retain(|e| e.at <= now);
        seen
    }

    /// Whether a later `resolve` event took `event` out of the replay (a semantic conflict
    /// decided against it).
    pub fn is_dropped(&self, event: &Event) -> bool {
        self.history.iter().any(|e| match &e.action {
            Action::Resolve(crate::event::Resolve {
                conflict,
                conflict_at,
                conflict_by,
                keep: false,
                ..
            }) => {
                *conflict_at == event.at
                    && *conflict_by == event.by
                    && conflict == event.action.name()
            }
            _ => false,
        })
    }

    /// Whether a `resolve` event already decided on `event`.
    pub fn is_resolved(&self, event: &Event) -> bool {
        self.history.iter().any(|e| {
            matches!(&e.action, Action::Resolve(crate::event::Resolve { conflict, conflict_at, conflict_by, .. })
                if *conflict_at == event.at && *conflict_by == event.by && conflict == event.action.name())
        })
    }

    /// The events that count, in order: the history without those a `resolve` dropped.
    pub fn in_force(&self) -> impl DoubleEndedIterator<Item = &Event> {
        let dropped: Vec<bool> = if self.history.iter().any(|e| {
            matches!(
                e.action,
                Action::Resolve(crate::event::Resolve { keep: false, .. })
            )
        }) {
            self.history.iter().map(|e| self.is_dropped(e)).collect()
        } else {
            vec![false; self.history.len()]
        };
        self.history
            .iter()
            .zip(dropped)
            .filter(|(_, dropped)| !dropped)
            .map(|(e, _)| e)
    }

    /// The top-level keys of a record: the intake's, and its own.
    pub fn keys() -> Vec<&'static str> {
        ["id", "rulebook", "history"]
            .into_iter()
            .chain(FACT_KEYS)
            .collect()
    }
}

/// A party's answer to a mediation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Accepts the proposed settlement.
    Accept,
    /// Refuses the proposed settlement.
    Refuse,
}

/// What a mediation decides (S1's advance-payment rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Both accept: the merchant pays the customer directly.
    MerchantPays,
    /// The customer accepts, the merchant refuses: a written handling opinion orders the
    /// merchant to pay by a deadline; if the merchant does not, the mall pays in advance.
    Opinion,
    /// The customer refuses: the consumer association or a court decides; the mall pays in
    /// advance what they decide if the merchant does not.
    Referral,
}

impl Decision {
    /// The decision as written in records (`merchant_pays`, `opinion`, `referral`).
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::MerchantPays => "merchant_pays",
            Decision::Opinion => "opinion",
            Decision::Referral => "referral",
        }
    }
}

/// Which rulebook a complaint was received under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulebookRef {
    /// The rulebook's name (`enterprise`).
    pub name: String,
    /// The rulebook's version at intake (`2026.1`).
    pub version: String,
}

/// One complaint record: one YAML file in the book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Complaint {
    /// The complaint's ID (`C-20261110-5AWX5K`), unique in the book; the record's file is `ID.yaml`.
    pub id: ComplaintId,
    /// When the complaint was received; its clocks start here.
    pub received_at: Timestamp,
    /// The rulebook it was received under.
    pub rulebook: RulebookRef,
    /// The intake facts, at the top level of the record; never changed after intake.
    #[serde(flatten)]
    pub facts: Facts,
    /// Everything done to it, in time order; only ever appended to.
    pub history: Vec<Event>,
}

/// One thing that happened to a complaint: when, who, and what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Event {
    /// When it was done.
    pub at: Timestamp,
    /// Who did it: the handler's name as recorded (`王芳`).
    pub by: String,
    /// What was done: the `event:` key and that event's fields, at the top level of the event.
    #[serde(flatten)]
    pub action: Action,
}

pub use crate::event::Action;

/// An instant as messages write it: RFC 3339 to the second, with its offset
/// (`2026-11-27T10:00:00+08:00`); the clock's nanoseconds are noise to a reader.
pub fn to_second(t: &Timestamp) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}
