//! The shapes programs read. Every `--format json|yaml` document is one of these (or one made
//! of them), so the same thing has the same shape wherever it appears: times are RFC 3339 with
//! their offset, a rulebook's code comes with its name beside it (`{"code": "CQ01", "name":
//! "商品质量问题"}`), money is a decimal string, and what is absent is `null`.
//!
//! The shapes are published as JSON Schema (`complaint schema`) and only ever grow: a field
//! may be added, none is renamed or removed, and every top-level document says which
//! [`FORMAT`] it follows.

use chrono::NaiveDate;
use serde::Serialize;

use crate::classify::Standing;
use crate::id::ComplaintId;
use crate::model::{self, Complaint, Event, RulebookRef, SubjectKind, Timestamp};
use crate::money::Money;
use crate::rulebook::{self, Rulebook};
use crate::sla::Deadline;
use crate::state::{State, Status};

/// The version of these shapes, in every top-level document: raised only if a field ever had
/// to change meaning (adding fields does not raise it).
pub const FORMAT: u32 = 1;

/// A top-level document: the shapes' [`FORMAT`] and the document's own fields.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Document<T> {
    /// The version of the output shapes this document follows (see `complaint schema`).
    pub format: u32,
    /// The document's fields.
    #[serde(flatten)]
    pub body: T,
}

impl<T> Document<T> {
    /// `body` as a document of the current [`FORMAT`].
    pub fn new(body: T) -> Document<T> {
        Document {
            format: FORMAT,
            body,
        }
    }
}

/// A code from the rulebook with its name for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Code {
    /// The code records and rules use (`CQ01`, `hotline`, `dept_head`).
    pub code: String,
    /// Its name in the rulebook (`商品质量问题`); `null` when the rulebook does not declare
    /// the code (a record from an older rulebook).
    pub name: Option<String>,
}

impl Code {
    /// `code`, named by `name` if the rulebook knows it.
    pub fn new(code: &str, name: Option<&str>) -> Code {
        Code {
            code: code.to_string(),
            name: name.map(str::to_string),
        }
    }

    /// `code` among the rulebook's `codes` (its grades, tiers, flags, …).
    pub fn among(code: &str, codes: &[rulebook::Code]) -> Code {
        Code::new(code, rulebook::code_name(codes, code))
    }

    /// A ladder level.
    pub fn level(code: &str, rulebook: &Rulebook) -> Code {
        Code::new(code, rulebook.level(code).map(|(_, l)| l.name.as_str()))
    }

    /// A category.
    pub fn category(code: &str, rulebook: &Rulebook) -> Code {
        Code::new(code, rulebook.category(code).map(|c| c.name.as_str()))
    }

    /// A channel.
    pub fn channel(code: &str, rulebook: &Rulebook) -> Code {
        Code::new(code, rulebook.channel(code).map(|c| c.name.as_str()))
    }
}

/// Who complained, as outputs give it: masked (`张*`, `138****5678`) unless revealed.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Customer {
    /// The name.
    pub name: Option<String>,
    /// A phone number.
    pub phone: Option<String>,
    /// An account number.
    pub account: Option<String>,
    /// An e-mail address.
    pub email: Option<String>,
    /// A postal address.
    pub address: Option<String>,
}

impl From<&model::Customer> for Customer {
    fn from(c: &model::Customer) -> Customer {
        Customer {
            name: c.name.clone(),
            phone: c.phone.clone(),
            account: c.account.clone(),
            email: c.email.clone(),
            address: c.address.clone(),
        }
    }
}

/// What the complaint is about.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Subject {
    /// What kind of thing it is.
    pub kind: Option<SubjectKind>,
    /// Its name.
    pub name: Option<String>,
    /// The order number.
    pub order: Option<String>,
}

impl From<&model::Subject> for Subject {
    fn from(s: &model::Subject) -> Subject {
        Subject {
            kind: s.kind,
            name: s.name.clone(),
            order: s.order.clone(),
        }
    }
}

/// A complaint in brief: one element of `list` and `search`, and the first fields of a
/// complaint in full ([`Full`]), with the same values.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// The complaint's ID.
    pub id: ComplaintId,
    /// When it was received.
    pub received_at: Timestamp,
    /// The rulebook it was received under.
    pub rulebook: RulebookRef,
    /// Where it stands in its lifecycle.
    pub status: Status,
    /// The ladder level it has reached.
    pub level: Code,
    /// Its tier, where the rulebook has tiers.
    pub tier: Option<Code>,
    /// Its grade, where the rulebook has grades.
    pub grade: Option<Code>,
    /// Its category.
    pub category: Option<Code>,
    /// How it came in.
    pub channel: Option<Code>,
    /// Who complained (masked unless revealed).
    pub customer: Customer,
    /// What it is about.
    pub subject: Subject,
    /// The mall merchant complained about.
    pub merchant: Option<String>,
    /// Who it is assigned to.
    pub assignee: Option<String>,
}

impl Summary {
    /// `complaint` (already masked, or revealed) with its state and standing under `rulebook`.
    pub fn new(
        complaint: &Complaint,
        state: &State,
        standing: &Standing,
        rulebook: &Rulebook,
    ) -> Summary {
        let f = &complaint.facts;
        Summary {
            id: complaint.id.clone(),
            received_at: complaint.received_at,
            rulebook: complaint.rulebook.clone(),
            status: state.status,
            level: Code::level(&standing.level, rulebook),
            tier: standing.tier().map(|t| Code::among(t, &rulebook.tiers)),
            grade: standing.grade().map(|g| Code::among(g, &rulebook.grades)),
            category: f.category.as_deref().map(|c| Code::category(c, rulebook)),
            channel: f.channel.as_deref().map(|c| Code::channel(c, rulebook)),
            customer: Customer::from(&f.customer),
            subject: Subject::from(&f.subject),
            merchant: f.merchant.clone(),
            assignee: state.assignee.clone(),
        }
    }
}

/// A complaint in full, as `show` and `export --format json` give it: the [`Summary`], the
/// rest of the facts, what the history leads to, and the history itself.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Full {
    /// The complaint in brief.
    #[serde(flatten)]
    pub summary: Summary,
    /// When it happened, as the customer said it.
    pub happened: Option<String>,
    /// Where it happened.
    pub place: Option<String>,
    /// The day the customer knew of the harm (for limitation periods).
    pub known_at: Option<NaiveDate>,
    /// What happened, in the customer's words.
    pub description: Option<String>,
    /// What the customer wants.
    pub demand: Option<String>,
    /// References to evidence.
    pub evidence: Vec<String>,
    /// The price paid.
    pub price: Option<Money>,
    /// The amount the customer claims.
    pub claimed: Option<Money>,
    /// The rulebook's flags set on it.
    pub flags: Vec<Code>,
    /// Where it came from in another system (`SYSTEM:KEY`).
    pub source: Option<String>,
    /// Complaints it is linked to.
    pub links: Vec<String>,
    /// The complaint it repeats.
    pub duplicate_of: Option<String>,
    /// The department that handed it over.
    pub referred_by: Option<String>,
    /// What its history leads to.
    pub state: State,
    /// Its tier, grade and level, each with the rule or override that decided it.
    pub standing: Standing,
    /// The clocks that have started.
    pub deadlines: Vec<Deadline>,
    /// Everything done to it, in time order, as the record holds it.
    pub history: Vec<Event>,
}

impl Full {
    /// `complaint` (already masked, or revealed) as seen at `now` under `rulebook`.
    pub fn new(complaint: &Complaint, rulebook: &Rulebook, now: Timestamp) -> Full {
        Full::of(
            complaint,
            crate::sla::view(complaint, rulebook, now),
            rulebook,
        )
    }

    /// `complaint` (already masked, or revealed) with its `view`.
    pub fn of(complaint: &Complaint, view: crate::sla::View, rulebook: &Rulebook) -> Full {
        let f = &complaint.facts;
        Full {
            summary: Summary::new(complaint, &view.state, &view.standing, rulebook),
            happened: f.happened.clone(),
            place: f.place.clone(),
            known_at: f.known_at,
            description: f.description.clone(),
            demand: f.demand.clone(),
            evidence: f.evidence.clone(),
            price: f.price,
            claimed: f.claimed,
            flags: f
                .flags
                .iter()
                .map(|c| Code::among(c, &rulebook.flags))
                .collect(),
            source: f.source.clone(),
            links: f.links.clone(),
            duplicate_of: f.duplicate_of.clone(),
            referred_by: f.referred_by.clone(),
            deadlines: view.deadlines(),
            state: view.state,
            standing: view.standing,
            history: complaint.history.clone(),
        }
    }
}

/// A rulebook in brief, as `rules list` gives it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RulebookSummary {
    /// The rulebook's name and version.
    #[serde(flatten)]
    pub rulebook: RulebookRef,
    /// The organisation whose procedure it is.
    pub organisation: String,
    /// What it is, in a line.
    pub description: String,
}

impl From<&Rulebook> for RulebookSummary {
    fn from(rb: &Rulebook) -> RulebookSummary {
        RulebookSummary {
            rulebook: RulebookRef {
                name: rb.rulebook.clone(),
                version: rb.version().to_string(),
            },
            organisation: rb.organisation.clone(),
            description: rb.description.clone(),
        }
    }
}

/// A day of the calendar, as `calendar` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CalendarDay {
    /// The day.
    #[serde(flatten)]
    pub day: crate::calendar::Day,
    /// Whether the day lies after the calendar's official schedule: the law's days off,
    /// which the official notice may still change.
    pub provisional: bool,
}

/// Why a complaint's classification and deadlines are what they are at an instant, as
/// `explain` gives it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Explanation {
    /// The complaint.
    pub id: ComplaintId,
    /// The instant explained.
    pub at: Timestamp,
    /// Tier, grade and level, each with the rule or override that decided it.
    pub standing: Standing,
    /// Every clock, with the days that produced its due time.
    pub clocks: Vec<Clock>,
}

impl Explanation {
    /// The explanation of `view`, the complaint `id` at `at`.
    pub fn new(id: &ComplaintId, at: Timestamp, view: &crate::sla::View) -> Explanation {
        Explanation {
            id: id.clone(),
            at,
            standing: view.standing.clone(),
            clocks: view.clocks.iter().map(Clock::new).collect(),
        }
    }
}

/// A clock as `explain` gives it: the deadline, and what produced it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Clock {
    /// The deadline, as `show` and `sla` give it.
    #[serde(flatten)]
    pub deadline: Deadline,
    /// The limit in force (after any extension).
    pub limit: crate::duration::Duration,
    /// Whether an approved extension replaced the rulebook's limit.
    pub extended: bool,
    /// When its start event happened; `null` while pending.
    pub started: Option<Timestamp>,
    /// When a stop event stopped it; `null` while it runs.
    pub stopped: Option<Timestamp>,
    /// The stretches it was paused, in order.
    pub pauses: Vec<crate::clock::Pause>,
    /// For a recurring clock (`every` … `until`): when the current interval began, how often
    /// it was restarted and how many restarts came late; `null` for a clock that runs once.
    pub recurring: Option<crate::clock::Recurring>,
}

impl Clock {
    /// `clock`, one of a complaint's.
    pub fn new(clock: &crate::clock::ClockState) -> Clock {
        Clock {
            deadline: Deadline::from(clock),
            limit: clock.limit,
            extended: clock.extended,
            started: clock.started,
            stopped: clock.stopped,
            pauses: clock.pauses.clone(),
            recurring: clock.recurring.clone(),
        }
    }
}

/// `list` and `search`: complaints in brief, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Complaints {
    /// The complaints chosen.
    pub complaints: Vec<Summary>,
}

/// `export --format json|yaml`: complaints in full, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Export {
    /// The complaints chosen.
    pub complaints: Vec<Full>,
}

/// `sla`: the deadlines that need attention (all running ones with `--all`), most urgent
/// first.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Deadlines {
    /// The instant they were judged at.
    pub now: Timestamp,
    /// One element per clock of a complaint.
    pub deadlines: Vec<crate::sla::Row>,
}

/// `due`: when a period from an instant ends.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DueTime {
    /// Where the period starts.
    pub from: Timestamp,
    /// The period.
    pub within: crate::duration::Duration,
    /// The calendar it was counted on (`cn`).
    pub calendar: String,
    /// When it ends, and the days that made it so.
    pub due: crate::calendar::Due,
}

/// `calendar`: what each day of a span is.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CalendarDays {
    /// The calendar (`cn`).
    pub calendar: String,
    /// The last year of its official schedule; the days after it are provisional.
    pub official_until: i32,
    /// The days, in order.
    pub days: Vec<CalendarDay>,
}

/// `rules list`: the rulebooks shipped inside the program.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Rulebooks {
    /// One per rulebook.
    pub rulebooks: Vec<RulebookSummary>,
}

/// `rules show`: what a desk types from, each code with its name.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RulebookCodes {
    /// The rulebook.
    #[serde(flatten)]
    pub rulebook: RulebookSummary,
    /// How complaints come in.
    pub channels: Vec<Code>,
    /// What they are about.
    pub categories: Vec<Code>,
    /// The tiers, where the rulebook has them.
    pub tiers: Vec<Code>,
    /// The grades, where the rulebook has them.
    pub grades: Vec<Code>,
    /// The flags an intake may set.
    pub flags: Vec<Code>,
    /// Who may be found responsible.
    pub responsibilities: Vec<Code>,
    /// The escalation ladder, from the entry level up.
    pub ladder: Vec<LevelSummary>,
    /// The clocks.
    pub clocks: Vec<ClockSummary>,
    /// The book's staff and their roles (empty for a rulebook outside a book).
    pub staff: Vec<StaffMember>,
}

/// A level of the escalation ladder.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LevelSummary {
    /// The level.
    #[serde(flatten)]
    pub level: Code,
    /// The role that staffs it.
    pub role: Option<String>,
    /// The most it may promise or approve; `null`: nothing.
    pub limit: Option<Money>,
}

/// A clock of the rulebook.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ClockSummary {
    /// The clock.
    #[serde(flatten)]
    pub clock: Code,
    /// The event that starts it.
    pub start: String,
    /// The events that stop it (for a recurring clock, that restart its interval).
    pub stop: Vec<String>,
    /// Its limit where `limits` has no entry; for a recurring clock, its interval.
    pub limit: crate::duration::Duration,
    /// Limits per grade, tier or category code.
    pub limits: std::collections::BTreeMap<String, crate::duration::Duration>,
    /// For a recurring clock (`every`), the events that end the duty; empty for a clock that
    /// runs once.
    pub until: Vec<String>,
}

/// A member of the staff.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StaffMember {
    /// Their name, as `--by` gives it.
    pub name: String,
    /// Their roles (`dept_head`).
    pub roles: Vec<String>,
    /// The SHA-256 fingerprints of their SSH keys on the roster (`SHA256:…`), as `staff list`
    /// gives them; empty where the book keeps no keys, and in `rules show`.
    pub keys: Vec<String>,
}

/// `staff list`: the roster.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Staff {
    /// Every write is a commit signed by its actor's key.
    pub signed: bool,
    /// Customers' personal data is stored encrypted to the staff's keys.
    pub encrypted: bool,
    /// Each person, by name.
    pub staff: Vec<StaffMember>,
}

impl RulebookCodes {
    /// The codes of `rulebook`, and `staff` (name → roles).
    pub fn new(
        rulebook: &Rulebook,
        staff: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> RulebookCodes {
        let codes = |list: &[rulebook::Code]| {
            list.iter()
                .map(|c| Code::new(&c.code, Some(&c.name)))
                .collect()
        };
        RulebookCodes {
            rulebook: RulebookSummary::from(rulebook),
            channels: codes(&rulebook.channels),
            categories: codes(&rulebook.categories),
            tiers: codes(&rulebook.tiers),
            grades: codes(&rulebook.grades),
            flags: codes(&rulebook.flags),
            responsibilities: codes(&rulebook.responsibilities),
            ladder: rulebook
                .ladder
                .iter()
                .map(|l| LevelSummary {
                    level: Code::new(&l.code, Some(&l.name)),
                    role: l.role.clone(),
                    limit: l.limit,
                })
                .collect(),
            clocks: rulebook
                .clocks
                .iter()
                .map(|c| ClockSummary {
                    clock: Code::new(&c.id, Some(&c.name)),
                    start: c.start.clone(),
                    stop: c.stop.clone(),
                    limit: c.limit,
                    limits: c.limits.clone(),
                    until: c.until.clone(),
                })
                .collect(),
            staff: staff
                .iter()
                .map(|(name, roles)| StaffMember {
                    name: name.clone(),
                    roles: roles.clone(),
                    keys: Vec::new(),
                })
                .collect(),
        }
    }
}
