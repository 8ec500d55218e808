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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Customer {
    /// Who this customer is, for telling one complaint's customer from another's: the phone
    /// number (digits only), else the account, else the e-mail, else the name; `None` when the
    /// record names nobody. Two complaints with the same identity are the same customer
    /// (repeat complainants, key customers).
    pub fn identity(&self) -> Option<String> {
        let present = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let digits = present(&self.phone)
            .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>())
            .filter(|d| !d.is_empty());
        digits
            .map(|d| format!("phone:{d}"))
            .or_else(|| present(&self.account).map(|a| format!("account:{a}")))
            .or_else(|| present(&self.email).map(|e| format!("email:{}", e.to_lowercase())))
            .or_else(|| present(&self.name).map(|n| format!("name:{n}")))
    }
}

/// What kind of thing the complaint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Product,
    Service,
    Store,
    Employee,
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SubjectKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Order number, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
}

/// The facts taken at intake: the five elements (contact, object, what happened, demand,
/// evidence) plus how the complaint came in. Every field is optional here so that a document
/// missing several of them can be told about all of them at once (see [`crate::intake`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default)]
    pub customer: Customer,
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
}

/// The intake document: the public interface other systems use to register a complaint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intake {
    #[serde(flatten)]
    pub facts: Facts,
    /// When the complaint was received; defaults to now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<Timestamp>,
}

const FACT_KEYS: [&str; 16] = [
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
            .filter(|k| !matches!(*k, "claimed" | "flags" | "source" | "received_at"))
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
            Action::Resolve {
                conflict,
                conflict_at,
                conflict_by,
                keep: false,
                ..
            } => {
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
            matches!(&e.action, Action::Resolve { conflict, conflict_at, conflict_by, .. }
                if *conflict_at == event.at && *conflict_by == event.by && conflict == event.action.name())
        })
    }

    /// The events that count, in order: the history without those a `resolve` dropped.
    pub fn in_force(&self) -> impl DoubleEndedIterator<Item = &Event> {
        let dropped: Vec<bool> = if self
            .history
            .iter()
            .any(|e| matches!(e.action, Action::Resolve { keep: false, .. }))
        {
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Accept,
    Refuse,
}

/// What a mediation decides (S1's advance-payment rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::MerchantPays => "merchant_pays",
            Decision::Opinion => "opinion",
            Decision::Referral => "referral",
        }
    }
}

/// Which rulebook a complaint was received under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulebookRef {
    pub name: String,
    pub version: String,
}

/// One complaint record: one YAML file in the book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complaint {
    pub id: ComplaintId,
    pub received_at: Timestamp,
    pub rulebook: RulebookRef,
    #[serde(flatten)]
    pub facts: Facts,
    pub history: Vec<Event>,
}

/// One thing that happened to a complaint: when, who, and what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub at: Timestamp,
    pub by: String,
    #[serde(flatten)]
    pub action: Action,
}

/// What was done. Each variant is one kind of event in a record's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// The complaint was registered.
    Received,
    /// The customer was told it is being handled, by whom, and by when.
    Ack {
        handler: String,
        contact: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        promised: Option<NaiveDate>,
    },
    /// The complaint was given to someone to handle.
    Assign { to: String },
    /// Passed one level up the ladder; `clock` names the breached clock when `sla --escalate`
    /// did it.
    Escalate {
        from: String,
        to: String,
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        clock: Option<String>,
    },
    /// The solution plan was made (S2: feedback is due within 3 working days after it).
    Plan { summary: String },
    /// The result, or progress, was fed back to the customer.
    Feedback { message: String },
    /// The investigation's findings (S0's written report by the "1+N" team).
    Find {
        responsibility: String,
        facts: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        evidence: Vec<String>,
        /// The lead handler.
        lead: String,
        /// The departments involved.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        departments: Vec<String>,
    },
    /// A proposed remedy: a proposal until approved (nobody promises before the decision).
    Offer {
        /// 1 for the first offer, 2 after the first dispute, …
        revision: u32,
        /// The compensation standard that applied, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        standard_rule: Option<String>,
        /// What the standard gives in money.
        standard: Money,
        /// What is offered in money.
        amount: Money,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        coupon: Option<Money>,
        /// Things done besides money (exchange, repair, apology by …).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        remedies: Vec<String>,
        /// How the standard was computed.
        formula: String,
        /// The rulebook version the offer was computed under.
        rulebook: String,
    },
    /// An approval of the current offer, in the approver's role.
    Approve {
        revision: u32,
        role: String,
        amount: Money,
        rulebook: String,
    },
    /// The customer disputes the current offer.
    Dispute { reason: String },
    /// The mall's mediation between customer and merchant, and what the rulebook decided.
    Mediate {
        customer: Answer,
        merchant: Answer,
        decision: Decision,
        /// The amount the merchant is to pay.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
        rulebook: String,
    },
    /// The consumer association's or a court's decision after a referral.
    Ruling {
        body: String,
        decision: String,
        amount: Money,
    },
    /// The merchant repaid the mall part of what it paid in advance.
    Recover { merchant: String, amount: Money },
    /// The customer agreed to the solution (money is due within the rulebook's limit of it).
    Agree {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// The offer agreed to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        revision: Option<u32>,
    },
    /// The solution was carried out: a refund or coupon paid, goods sent, an apology made.
    Pay {
        kind: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
        /// A payment reference or tracking number.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rulebook: Option<String>,
        /// Who paid, where it is not the organisation itself (`merchant`, or `mall` in advance).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        payer: Option<String>,
        /// Paid in advance for the merchant, who now owes it back.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        advance: bool,
    },
    /// The return visit after resolution, with the customer's view of the solution.
    Followup {
        comment: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        satisfaction: Option<u8>,
        /// The customer is to be watched from now on (S1: a dissatisfied customer becomes a
        /// key customer).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        key_customer: bool,
    },
    /// Personal data of this complaint was shown unmasked (`--reveal`), to `by`, by a command:
    /// S4 forbids telling a complaint to people not involved, so every disclosure is on file.
    Reveal { command: String },
    /// Handling waits (e.g. for the customer's evidence): clocks that pause on it stop counting.
    Pause { reason: String },
    /// Handling goes on again.
    Resume {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A clock's limit extended, with approval (S2: 15 → at most 30 working days).
    Extend {
        clock: String,
        to: crate::duration::Duration,
        reason: String,
    },
    /// A remark for the file.
    Note { text: String },
    /// Closed with an outcome.
    Close {
        outcome: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        satisfaction: Option<u8>,
    },
    /// Opened again after closing.
    Reopen { reason: String },
    /// A semantic conflict settled: after two desks' histories were merged, the `conflict`
    /// event written at `conflict_at` by `conflict_by` was no longer legal given the other
    /// desk's events. `keep: false` takes it out of the replay (it stays in the history);
    /// `keep: true` lets it stand.
    Resolve {
        conflict: String,
        conflict_at: Timestamp,
        conflict_by: String,
        keep: bool,
        reason: String,
    },
    /// Tier and grade decided. Without a reason it records what the rulebook's rules decided;
    /// with one it is a person's override, which stands over the rules.
    Classify {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tier: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        grade: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

impl Action {
    /// The tier and grade codes a `classify` event sets.
    pub fn classified(&self) -> Vec<&str> {
        match self {
            Action::Classify { tier, grade, .. } => [tier, grade]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The event's name as written in records and rulebooks (`ack`, `escalate`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Action::Received => "received",
            Action::Ack { .. } => "ack",
            Action::Assign { .. } => "assign",
            Action::Escalate { .. } => "escalate",
            Action::Note { .. } => "note",
            Action::Close { .. } => "close",
            Action::Reopen { .. } => "reopen",
            Action::Resolve { .. } => "resolve",
            Action::Classify { .. } => "classify",
            Action::Plan { .. } => "plan",
            Action::Find { .. } => "find",
            Action::Offer { .. } => "offer",
            Action::Approve { .. } => "approve",
            Action::Dispute { .. } => "dispute",
            Action::Mediate { .. } => "mediate",
            Action::Ruling { .. } => "ruling",
            Action::Recover { .. } => "recover",
            Action::Agree { .. } => "agree",
            Action::Pay { .. } => "pay",
            Action::Feedback { .. } => "feedback",
            Action::Followup { .. } => "followup",
            Action::Reveal { .. } => "reveal",
            Action::Pause { .. } => "pause",
            Action::Resume { .. } => "resume",
            Action::Extend { .. } => "extend",
        }
    }

    /// Whether this event is of `kind`: its name, or for a mediation also `mediate.DECISION`,
    /// so that a clock can run from one decision (`mediate.opinion`).
    pub fn is(&self, kind: &str) -> bool {
        match (self, kind.split_once('.')) {
            (Action::Mediate { decision, .. }, Some(("mediate", which))) => {
                decision.as_str() == which
            }
            _ => self.name() == kind,
        }
    }

    /// Every event name, for rulebooks to refer to and be checked against.
    pub const NAMES: &'static [&'static str] = &[
        "received",
        "ack",
        "assign",
        "escalate",
        "note",
        "close",
        "reopen",
        "classify",
        "plan",
        "find",
        "offer",
        "approve",
        "dispute",
        "mediate",
        "mediate.merchant_pays",
        "mediate.opinion",
        "mediate.referral",
        "ruling",
        "recover",
        "agree",
        "pay",
        "feedback",
        "followup",
        "reveal",
        "pause",
        "resume",
        "extend",
    ];
}
