//! The rulebook: an organisation's complaint procedure as data.
//!
//! A rulebook is a YAML file (see `rules/enterprise.yaml` for a complete annotated example and
//! the README for the reference). It is loaded and checked once per command; every problem is a
//! [`SourceError`](crate::error::SourceError) that underlines the offending value. What loading
//! gives is a [`Rulebook`] with every value checked and parsed (durations, the time zone, the
//! calendar), so nothing is parsed again where it is used. The rulebooks shipped in `rules/`
//! are embedded in the binary ([`shipped`]). This module describes and checks; evaluation lives
//! in the modules for each concept.

mod compile;
mod schema;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::calendar::Calendar;
use crate::duration::Duration;
use crate::error::{Error, Problems};
use crate::money::Money;
use crate::source::{Files, Source};

/// A code and its display name (`{code: CQ01, name: 商品质量问题}`).
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// The code records and rules use (`CQ01`, `ordinary`).
    pub code: String,
    /// The name shown to people (`商品质量问题`).
    pub name: String,
    /// For grades: such complaints jump the queue (`sla` lists them first).
    pub urgent: bool,
}

/// The name the rulebook gives `code` among `codes` (its categories, grades, …), if declared.
pub fn code_name<'a>(codes: &'a [Code], code: &str) -> Option<&'a str> {
    codes
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.name.as_str())
}

/// A list of the rulebook's codes that people type values from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeList {
    /// The channels complaints come in by.
    Channel,
    /// The categories of complaint.
    Category,
    /// The grades (severity).
    Grade,
    /// The tiers.
    Tier,
    /// The levels of the escalation ladder.
    Level,
}

impl CodeList {
    /// The list's name in messages (`category`).
    pub fn as_str(self) -> &'static str {
        match self {
            CodeList::Channel => "channel",
            CodeList::Category => "category",
            CodeList::Grade => "grade",
            CodeList::Tier => "tier",
            CodeList::Level => "ladder level",
        }
    }

    /// The list's name for people, in both languages (`channel`, `投诉途径`).
    pub fn said(self) -> crate::said::Said {
        match self {
            CodeList::Channel => crate::said!("channel", "投诉途径"),
            CodeList::Category => crate::said!("category", "投诉类别"),
            CodeList::Grade => crate::said!("grade", "等级"),
            CodeList::Tier => crate::said!("tier", "层级"),
            CodeList::Level => crate::said!("ladder level", "阶梯级别"),
        }
    }
}

/// One level of the escalation ladder.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    /// The level's code, as escalation events and approvals name it (`dept_head`).
    pub code: String,
    /// The level's name for people (`部门负责人`).
    pub name: String,
    /// The role that staffs this level (e.g. `room_head`).
    pub role: Option<String>,
    /// The most this level may promise or approve (yuan); none means it may approve nothing.
    pub limit: Option<Money>,
}

/// The rulebook formats this program reads. Format 2 adds combined conditions (`all`, `any`,
/// `not`), gates, recurring clocks and confidential flags; a format-1 file reads as it always did.
pub const FORMATS: std::ops::RangeInclusive<u32> = 1..=2;

/// Conditions on a complaint's facts; all that are given must hold, and a list matches any of
/// its items. `all`, `any` and `not` combine whole conditions, to any depth (rulebook format 2).
/// Read from the rulebook as it is: it holds nothing to check or parse.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The complaint's category is one of these codes.
    #[serde(default)]
    pub category: Vec<String>,
    /// The complaint came in through one of these channels.
    #[serde(default)]
    pub channel: Vec<String>,
    /// The complaint is about one of these kinds of subject.
    #[serde(default)]
    pub subject: Vec<crate::model::SubjectKind>,
    /// Any of these flags is set.
    #[serde(default)]
    pub flags: Vec<String>,
    /// Any of these words appears in the description or demand.
    #[serde(default)]
    pub words: Vec<String>,
    /// The amount claimed is at least this.
    #[serde(default)]
    pub claimed_at_least: Option<Money>,
    /// A merchant is named (or not).
    #[serde(default)]
    pub merchant: Option<bool>,
    /// The investigation found one of these responsible.
    #[serde(default)]
    pub responsibility: Vec<String>,
    /// The price paid is at least this.
    #[serde(default)]
    pub price_at_least: Option<Money>,
    /// The complaint came more than this many years after the customer knew of the harm
    /// (`known_at`): a limitation period.
    #[serde(default)]
    pub known_years_before: Option<u32>,
    /// The complaint was handed over by another department (or not): `referred_by` is set.
    #[serde(default)]
    pub referred: Option<bool>,
    /// Every one of these conditions holds (`all: [{flags: [urgent]}, {flags: [widespread]}]`).
    #[serde(default)]
    pub all: Vec<When>,
    /// At least one of these conditions holds.
    #[serde(default)]
    pub any: Vec<When>,
    /// This condition does not hold.
    #[serde(default)]
    pub not: Option<Box<When>>,
}

impl When {
    /// Whether it uses the keys of rulebook format 2 (`all`, `any`, `not`).
    pub fn combines(&self) -> bool {
        !self.all.is_empty() || !self.any.is_empty() || self.not.is_some()
    }

    /// Whether no complaint can meet it: it asks for a condition and its opposite together,
    /// or denies what every complaint meets (`not: {}`), or offers only such choices.
    pub fn never(&self) -> bool {
        let denies = |a: &When, b: &When| b.not.as_deref() == Some(a);
        let parts: Vec<&When> = self.all.iter().collect();
        self.not.as_deref().is_some_and(|n| *n == When::default())
            || self.all.iter().any(When::never)
            || (!self.any.is_empty() && self.any.iter().all(When::never))
            || parts.iter().any(|a| parts.iter().any(|b| denies(a, b)))
    }
}

/// A gate: what must have happened before a move (rulebook format 2). It holds for complaints
/// of its grades and tiers that meet its conditions, and asks for its requirements in order.
#[derive(Debug, Clone, PartialEq)]
pub struct GateSpec {
    /// What the gate is, as refusals name it.
    pub name: String,
    /// The moves it guards (`close`, `agree`, `pay`, …).
    pub before: Vec<String>,
    /// Only complaints of these grades (any grade, when none are given).
    pub grades: Vec<String>,
    /// Only complaints of these tiers (any tier, when none are given).
    pub tiers: Vec<String>,
    /// Only complaints meeting these conditions.
    pub when: When,
    /// What must have happened, in this order.
    pub require: Vec<Requirement>,
}

/// One thing a gate requires: an event, given in a role where it says so.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The event (`review`, `pay.apology`, `corrective.disciplinary`, `feedback`).
    pub event: String,
    /// The ladder levels or roles it may be given in, any one of them, for events that record
    /// one (`review`, `approve`); none: given by anyone.
    #[serde(default)]
    pub roles: Vec<String>,
}

/// A flag that restricts who may read a complaint (rulebook format 2): a complaint carrying it
/// may be read only by staff holding one of `readers` and by those handling it (see
/// [`crate::access`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ConfidentialSpec {
    /// The flag (`confidential`).
    pub flag: String,
    /// The ladder level codes or roles who may read such a complaint.
    pub readers: Vec<String>,
}

/// One classification rule: the first rule whose conditions hold decides.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// What the rule is, shown by `explain`.
    pub name: String,
    /// The conditions on the complaint; all that are given must hold.
    pub when: When,
    /// The tier or grade code it gives.
    pub then: String,
    /// The ladder level a complaint so classified starts at (urgent ones start higher).
    pub level: Option<String>,
}

/// The ordered rules for tiers and grades.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Classification {
    /// Rules giving the tier (the cause of a complaint, where a rulebook sorts by it), in order.
    pub tier: Vec<Rule>,
    /// Rules giving the grade (how serious a complaint is: `ordinary`, `complex`), in order.
    pub grade: Vec<Rule>,
}

/// What a clock's limit depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// The complaint's grade (`by: grade`).
    Grade,
    /// The complaint's tier (`by: tier`).
    Tier,
    /// The complaint's category (`by: category`).
    Category,
}

/// A deadline: from a start event to a stop event, within a limit; or a recurring duty
/// (`every`, rulebook format 2): the start begins the first interval, each stop event after it
/// begins the next, and the first `until` event ends the duty.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockSpec {
    /// The clock's id, as `extend` and `delay` name it (`acknowledge`, `handle`).
    pub id: String,
    /// The clock's name for people (`受理确认`).
    pub name: String,
    /// Only complaints matching these conditions have this clock (all, when left out).
    pub when: When,
    /// The event that starts it (`received`, `ack`, `close`, …).
    pub start: String,
    /// The events that stop it; the first after the start counts. For a recurring clock, the
    /// events that restart its interval.
    pub stop: Vec<String>,
    /// The limit (`2h`, `3wd`), and the default where `limits` has no entry; for a recurring
    /// clock, the interval (`every`).
    pub limit: Duration,
    /// For a recurring clock (`every`), the events that end the duty, the first after the
    /// start counting; empty for a clock that runs once ([`ClockSpec::recurs`]).
    pub until: Vec<String>,
    /// What `limits` is keyed by.
    pub by: Option<Dimension>,
    /// Limits per grade, tier or category code.
    pub limits: BTreeMap<String, Duration>,
    /// The share of the time after which the clock is at risk (0.8 = 80 %).
    pub warn: f64,
    /// Events that pause the clock (waiting for the customer, say)…
    pub pause: Vec<String>,
    /// …and events that let it run again. Paused time does not count.
    pub resume: Vec<String>,
    /// Whether, and how far, the limit may be extended, and who approves.
    pub extend: Option<Extension>,
    /// `sla --escalate` passes a complaint one level up when this clock is breached.
    pub escalate_on_breach: bool,
    /// A stop event counts only once the money owed (by an agreed offer, a mediation or a
    /// ruling) is paid in full: a part payment does not stop a "pay within" clock.
    pub until_paid: bool,
}

impl ClockSpec {
    /// Whether it is a recurring duty (`every` … `until`), restarted by each stop event.
    pub fn recurs(&self) -> bool {
        !self.until.is_empty()
    }

    /// The limit for a complaint of this grade, tier and category: its entry in `limits` by
    /// the clock's dimension, else the default.
    pub fn limit_for(
        &self,
        grade: Option<&str>,
        tier: Option<&str>,
        category: Option<&str>,
    ) -> Duration {
        self.key(grade, tier, category)
            .and_then(|(_, k)| self.limits.get(k?))
            .copied()
            .unwrap_or(self.limit)
    }

    /// The dimension this clock's limit is keyed by, and the complaint's value of it (its
    /// grade, tier or category, if it has one); `None` for a clock with one limit.
    pub fn key<'a>(
        &self,
        grade: Option<&'a str>,
        tier: Option<&'a str>,
        category: Option<&'a str>,
    ) -> Option<(Dimension, Option<&'a str>)> {
        let by = self.by?;
        let value = match by {
            Dimension::Grade => grade,
            Dimension::Tier => tier,
            Dimension::Category => category,
        };
        Some((by, value))
    }
}

/// How far a clock may be extended and who may approve it.
#[derive(Debug, Clone, PartialEq)]
pub struct Extension {
    /// The longest the limit may become (`30wd`), in the unit of the clock's limit.
    pub max: Duration,
    /// Ladder level codes or roles that may approve.
    pub approvers: Vec<String>,
    /// Only complaints of these grades may be extended (any grade, when empty).
    pub grades: Vec<String>,
}

/// The compensation standards and the limits on offers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompensationSpec {
    /// Ordered: the first standard whose conditions hold gives the standard remedy.
    pub standards: Vec<StandardSpec>,
    /// Offers above the standard: how much more, and whose approvals (in order) it takes.
    pub uplift: Option<UpliftSpec>,
    /// How many times an offer may be revised after the customer disputes it.
    pub revisions: Option<u32>,
    /// An offer may not go below the standard where one applies: the standard is the base
    /// plan, and only an uplift is negotiable (format 2; by default a lower offer is allowed).
    pub at_least_standard: bool,
}

/// One compensation standard.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardSpec {
    /// The standard's name for people, shown on offers.
    pub name: String,
    /// The conditions on the complaint under which it applies.
    pub when: When,
    /// Applies only when this clock ran (or is running) over its due time by more than `over`.
    pub delay: Option<DelaySpec>,
    /// What the customer is given.
    pub remedy: RemedySpec,
    /// Applies on top of the first standard that holds, rather than instead of it (S0: the
    /// coupon for a handling delay beside the compensation for a faulty product). Standards
    /// without it are alternatives: only the first that holds applies.
    pub also: bool,
}

/// A standard's condition on a delay.
#[derive(Debug, Clone, PartialEq)]
pub struct DelaySpec {
    /// What ran late: a clock of the complaint's handling, or the service complained about.
    pub of: Late,
    /// How far late it must be (`24h`).
    pub over: Duration,
}

/// What a standard's delay measures (S0's "服务延迟超24小时" read either way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Late {
    /// A clock of the complaint, by id: how far past its due time it ran (or is running).
    Clock(String),
    /// The service complained about, as the findings measured it (`find --service-delay 30h`;
    /// `delay: {fact: service_delay}`, format 2).
    ServiceDelay,
}

/// A remedy, declared: money parts add up; the rest are things done.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemedySpec {
    /// Refund the price paid.
    pub refund: bool,
    /// Compensation of this many times the price paid…
    pub multiple: Option<u32>,
    /// …but at least this much.
    pub floor: Option<Money>,
    /// A fixed sum of money.
    pub fixed: Option<Money>,
    /// A coupon of this value (not cash).
    pub coupon: Option<Money>,
    /// Exchange the goods.
    pub exchange: bool,
    /// Repair them free of charge.
    pub repair: bool,
    /// A service given free of charge.
    pub free_service: bool,
    /// An apology by this ladder level or role.
    pub apology: Option<String>,
    /// Compensation equal to the loss the investigation verified (`find --loss`; format 2).
    pub loss: bool,
}

/// How far an offer may go above the standard, and who approves it.
#[derive(Debug, Clone, PartialEq)]
pub struct UpliftSpec {
    /// At most this many percent above the standard.
    pub max_percent: u32,
    /// Ladder levels or roles that must approve an uplift, in this order.
    pub approvals: Vec<String>,
}

/// The consequence of each combination of answers to a mediation. Read from the rulebook as it
/// is: it holds nothing to check or parse.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediationSpec {
    /// Ordered: the first outcome matching both answers decides (an answer left out matches
    /// either).
    pub outcomes: Vec<OutcomeSpec>,
    /// Who pays in advance when the merchant refuses, evades or cannot pay (S1: the mall).
    pub advance_payer: String,
}

/// One combination of answers to a mediation and what it decides.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeSpec {
    /// The customer's answer it needs; left out, it matches either.
    #[serde(default)]
    pub customer: Option<crate::model::Answer>,
    /// The merchant's answer it needs; left out, it matches either.
    #[serde(default)]
    pub merchant: Option<crate::model::Answer>,
    /// What the mediation then decides.
    pub then: crate::model::Decision,
}

/// A rulebook, loaded and checked: codes and names, the ladder, the classification rules, the
/// clocks with their limits parsed, the compensation standards, and the calendar and time zone
/// deadlines are computed in. Only [`Rulebook::load_in`] (and [`Rulebook::load`],
/// [`Rulebook::load_shipped`]) make one, so everything in it has passed the checks.
#[derive(Debug, Clone)]
pub struct Rulebook {
    /// The rulebook format the file is written in (1 or 2; see [`FORMATS`]).
    pub format: u32,
    /// Short name, as in `complaint init --rulebook NAME`.
    pub rulebook: String,
    /// Recorded on every complaint received under this rulebook.
    version: String,
    /// The organisation whose procedure it is, as forms print it.
    pub organisation: String,
    /// One line, shown by `complaint rules list`.
    pub description: String,
    /// The IANA zone deadlines are computed in.
    zone: chrono_tz::Tz,
    /// The language of forms and reports.
    pub language: Language,
    /// Intake fields that must be present (see `complaint new --help`).
    required: Vec<String>,
    /// The channels complaints come in through (`hotline`, `online`).
    pub channels: Vec<Code>,
    /// The complaint categories (`CQ01` …).
    pub categories: Vec<Code>,
    /// The tiers, if the rulebook sorts complaints by cause (`t1` …); often empty.
    pub tiers: Vec<Code>,
    /// The grades, by seriousness (`ordinary`, `complex`); they set clock limits.
    pub grades: Vec<Code>,
    /// Flags intake may set (`safety`, `privacy`, …) for classification to read.
    pub flags: Vec<Code>,
    /// Who an investigation may find responsible (enterprise, customer, third party …).
    pub responsibilities: Vec<Code>,
    /// From the first level a complaint enters at, to the top.
    pub ladder: Vec<Level>,
    /// The working-day calendar deadlines run on, with the rulebook's own days and hours.
    calendar: Calendar,
    /// The ordered rules that give each complaint its tier and grade.
    pub classify: Classification,
    /// The deadlines complaints are held to.
    pub clocks: Vec<ClockSpec>,
    /// Compensation standards, uplift limits and approvals.
    pub compensation: CompensationSpec,
    /// How a mall's mediation between customer and merchant decides who pays (S1).
    pub mediation: Option<MediationSpec>,
    /// What must have happened before a move, per grade, tier or condition (format 2).
    pub gates: Vec<GateSpec>,
    /// Flags that restrict who may read a complaint, each with its readers (format 2).
    pub confidential: Vec<ConfidentialSpec>,
}

/// The language documents made from a record are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Simplified Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

impl Language {
    /// `zh` or `en`: one text per language, chosen here so callers need not match.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Zh => zh,
            Language::En => en,
        }
    }
}

/// A rulebook that ships inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct Shipped {
    /// Its short name (`enterprise`), as `complaint init --rulebook NAME` takes it.
    pub name: &'static str,
    /// The rulebook's YAML text.
    pub text: &'static str,
}

/// The shipped rulebooks, each `rules/NAME.yaml` compiled in; the first is the default.
pub fn shipped() -> &'static [Shipped] {
    macro_rules! shipped {
        ($($name:literal),* $(,)?) => {
            &[$(Shipped {
                name: $name,
                text: include_str!(concat!("../../../../rules/", $name, ".yaml")),
            }),*]
        };
    }
    shipped![
        "enterprise",
        "mall",
        "ecommerce",
        "workflow",
        "finance",
        "samr",
        "uk-fca"
    ]
}

/// The rulebook a new book gets when none is named.
pub const DEFAULT: &str = "enterprise";

/// JSON Schema (draft 2020-12) of the rulebook document, for editors and `complaint schema
/// rulebook`.
///
/// It is derived from the types the YAML is read into, so it follows the parser: unknown keys
/// are refused, keys with defaults may be left out, durations, event names and intake fields
/// are described by what the checks accept. What depends on other values of the document
/// (codes declared once, rules naming declared codes, `limits` keyed by what `by` names) is
/// left to `complaint rules check`. It has no `$id` and refers to nothing outside itself.
pub fn json_schema() -> schemars::Schema {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<schema::Rulebook>();
    schema.insert("title".into(), "complaint rulebook".into());
    schema
}

impl Rulebook {
    /// Parses and checks a rulebook; all problems are reported together. Calendar files it
    /// names are read from `files` (`None`: only the shipped calendars).
    pub fn load_in(source: Source, files: Option<&dyn Files>) -> Result<Rulebook, Error> {
        let problems = |problems: Vec<_>| Problems {
            summary: format!("{} has {} problem(s)", source.name(), problems.len()),
            problems,
        };
        let written = crate::yaml::parse_reporting_all(&source).map_err(problems)?;
        compile::compile(written, &source, files).map_err(|found| problems(found).into())
    }

    /// [`Rulebook::load_in`] for a rulebook that names only shipped calendars.
    pub fn load(source: Source) -> Result<Rulebook, Error> {
        Rulebook::load_in(source, None)
    }

    /// A shipped rulebook by name.
    pub fn load_shipped(name: &str) -> Result<Rulebook, Error> {
        Rulebook::load(shipped_source(name)?)
    }

    /// This rulebook running on another calendar (the same one with an official schedule
    /// added, to see what it changes).
    pub fn with_calendar(&self, calendar: Calendar) -> Rulebook {
        Rulebook {
            calendar,
            ..self.clone()
        }
    }

    /// The working-day calendar deadlines run on.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Recorded on every complaint received under this rulebook.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The time zone deadlines are computed in.
    pub fn zone(&self) -> chrono_tz::Tz {
        self.zone
    }

    /// The names staff roles may take: ladder level codes and the roles staffing them, each once.
    pub fn roles(&self) -> Vec<String> {
        roles(
            self.ladder
                .iter()
                .map(|l| (l.code.as_str(), l.role.as_deref())),
        )
    }

    /// The clock with this id.
    pub fn clock(&self, id: &str) -> Option<&ClockSpec> {
        self.clocks.iter().find(|c| c.id == id)
    }

    /// Whether complaints of this grade jump the queue.
    pub fn is_urgent(&self, grade: Option<&str>) -> bool {
        grade.is_some_and(|g| self.grades.iter().any(|c| c.code == g && c.urgent))
    }

    /// The channel with this code.
    pub fn channel(&self, code: &str) -> Option<&Code> {
        self.channels.iter().find(|c| c.code == code)
    }

    /// The (code, name) pairs of one of the rulebook's lists, in its order.
    pub fn codes(&self, list: CodeList) -> Vec<(&str, &str)> {
        fn pairs(codes: &[Code]) -> Vec<(&str, &str)> {
            codes
                .iter()
                .map(|c| (c.code.as_str(), c.name.as_str()))
                .collect()
        }
        match list {
            CodeList::Channel => pairs(&self.channels),
            CodeList::Category => pairs(&self.categories),
            CodeList::Grade => pairs(&self.grades),
            CodeList::Tier => pairs(&self.tiers),
            CodeList::Level => self
                .ladder
                .iter()
                .map(|l| (l.code.as_str(), l.name.as_str()))
                .collect(),
        }
    }

    /// The code a person means by `typed`: the code in any case (`cq01`), or its name as the
    /// rulebook writes it (`商品质量问题`). An unknown value is an error that suggests the
    /// nearest and lists them all with their names, so that a filter never silently matches
    /// nothing.
    pub fn code_for(&self, list: CodeList, typed: &str) -> Result<String, Error> {
        let typed = typed.trim();
        let codes = self.codes(list);
        if let Some((code, _)) = codes
            .iter()
            .find(|(code, name)| code.eq_ignore_ascii_case(typed) || *name == typed)
        {
            return Ok(code.to_string());
        }
        let candidates = codes.iter().flat_map(|(code, name)| [*code, *name]);
        let near = crate::suggest::closest(typed, candidates).and_then(|best| {
            codes
                .iter()
                .find(|(code, name)| *code == best || *name == best)
        });
        let all: Vec<String> = codes.iter().map(|(c, n)| format!("{c} {n}")).collect();
        let all = all.join(", ");
        let what = list.said();
        Err(Error::invalid(
            crate::error::Problem::Unknown,
            crate::said!(
                "`{typed}` is not a {what} of the rulebook",
                "`{typed}` 不是规则中的{what}";
                what
            ),
            match near {
                Some((code, name)) => crate::said!(
                    "did you mean {code} {name}? ({what}: {all})",
                    "是不是 {code} {name}？（{what}：{all}）";
                    what
                ),
                None => crate::said!("{what}: {all}", "{what}：{all}"; what),
            },
        ))
    }

    /// The category with this code.
    pub fn category(&self, code: &str) -> Option<&Code> {
        self.categories.iter().find(|c| c.code == code)
    }

    /// Whether intake must give this field.
    pub fn is_required(&self, field: &str) -> bool {
        self.required.iter().any(|r| r == field)
    }

    /// The ladder level with this code, and its position (0 = entry level).
    pub fn level(&self, code: &str) -> Option<(usize, &Level)> {
        self.ladder.iter().enumerate().find(|(_, l)| l.code == code)
    }

    /// The display name of a ladder level, or the code itself if the rulebook lacks it.
    pub fn level_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.level(code).map_or(code, |(_, l)| l.name.as_str())
    }

    /// A ladder level code or role as people read it: the name of the level it is, or that
    /// it staffs, with the code (`高級管理層 (senior)`); the code alone when no level has it.
    pub fn role_name(&self, role: &str) -> String {
        crate::ledger::level_of(self, role)
            .map_or_else(|| role.to_string(), |l| format!("{} ({role})", l.name))
    }
}

/// The ladder's level codes and the roles staffing them (`(code, role)` per level), each once.
fn roles<'a>(ladder: impl Iterator<Item = (&'a str, Option<&'a str>)>) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    for name in ladder.flat_map(|(code, role)| std::iter::once(code).chain(role)) {
        if !roles.iter().any(|r| r == name) {
            roles.push(name.to_string());
        }
    }
    roles
}

/// The text of the shipped rulebook `name`, or an error suggesting the nearest name.
pub fn shipped_source(name: &str) -> Result<Source, Error> {
    let found = shipped().iter().find(|s| s.name == name).ok_or_else(|| {
        let names: Vec<&str> = shipped().iter().map(|s| s.name).collect();
        Error::invalid(
            crate::error::Problem::Unknown,
            crate::said!(
                "there is no shipped rulebook called `{name}`",
                "没有名为 `{name}` 的内置规则"
            ),
            match crate::suggest::closest(name, names.iter().copied()) {
                Some(best) => crate::said!(
                    "did you mean `{best}`? (`complaint rules list` shows them all)",
                    "是不是 `{best}`？（`complaint rules list` 列出全部）"
                ),
                None => {
                    let names = names.join(", ");
                    crate::said!("shipped rulebooks: {names}", "内置规则：{names}")
                }
            },
        )
    })?;
    Ok(Source::new(
        format!("<shipped>/{}.yaml", found.name),
        found.text,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::duration::Unit;

    #[test]
    fn a_loaded_rulebook_holds_its_values_parsed() {
        let uk = Rulebook::load_shipped("uk-fca").unwrap();
        assert_eq!(uk.zone(), chrono_tz::Europe::London);
        let wd = |n| Duration::new(n, Unit::WorkingDays);
        let payments = uk.clock("payment_services").unwrap();
        assert_eq!(payments.extend.as_ref().map(|e| e.max), Some(wd(35)));
        // The enterprise handling clock is keyed by grade: a tier does not pick its limit.
        let enterprise = Rulebook::load_shipped("enterprise").unwrap();
        let handle = enterprise.clock("handle").unwrap();
        assert_eq!(handle.limit_for(Some("complex"), None, None), wd(7));
        assert_eq!(handle.limit_for(None, Some("complex"), None), wd(3));
        assert_eq!(handle.extend, None);
    }

    /// The rulebook schema as JSON, and a validator for it.
    fn schema() -> (serde_json::Value, jsonschema::Validator) {
        let schema = json_schema().to_value();
        let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
        (schema, validator)
    }

    /// What the schema finds wrong with `document`, one line per problem.
    fn schema_errors(
        validator: &jsonschema::Validator,
        document: &serde_json::Value,
    ) -> Vec<String> {
        validator
            .iter_errors(document)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect()
    }

    /// A shipped rulebook read as plain data, the way an editor sees it.
    fn shipped_document(name: &str) -> serde_json::Value {
        let text = shipped().iter().find(|s| s.name == name).unwrap().text;
        serde_saphyr::from_str(text).unwrap()
    }

    #[test]
    fn the_schema_is_a_self_contained_draft_2020_12_schema() {
        let (schema, _) = schema();
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("not a valid JSON Schema: {e}\n{schema:#}");
        }
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["title"], "complaint rulebook");
        let text = schema.to_string();
        assert!(!text.contains("\"$id\""), "{text}");
        // Every reference is to a definition inside the schema.
        for reference in text.split("\"$ref\":\"").skip(1) {
            assert!(reference.starts_with("#/$defs/"), "{reference}");
        }
    }

    #[test]
    fn every_shipped_rulebook_fits_the_schema() {
        let (_, validator) = schema();
        for shipped in shipped() {
            let errors = schema_errors(&validator, &shipped_document(shipped.name));
            assert!(
                errors.is_empty(),
                "rules/{}.yaml does not fit the schema:\n{}",
                shipped.name,
                errors.join("\n")
            );
        }
    }

    #[test]
    fn the_schema_reads_times_of_day_as_the_parser_does() {
        let (_, validator) = schema();
        for (open, valid) in [
            ("09:00", true),
            ("9:00", true),
            ("9:5", true),
            (" 09:00", true),
            ("0:00", true),
            ("09:00 ", false),
            ("9 :00", false),
            ("0900", false),
            ("24:00", false),
            ("23:60", false),
            ("09:00:00", false),
        ] {
            let mut document = shipped_document("enterprise");
            document["calendar"]["business_hours"] =
                serde_json::json!({"open": open, "close": "23:59"});
            let errors = schema_errors(&validator, &document);
            assert_eq!(errors.is_empty(), valid, "open: {open:?}: {errors:?}");
            let text = serde_json::to_string(&document).unwrap();
            let loaded = Rulebook::load(Source::new("hours.yaml", text));
            assert_eq!(loaded.is_ok(), valid, "open: {open:?}: {loaded:?}");
        }
    }

    #[test]
    fn the_schema_refuses_what_the_parser_refuses() {
        let (_, validator) = schema();
        // Written back as JSON (which is YAML), the document as shipped still loads.
        let text = serde_json::to_string(&shipped_document("enterprise")).unwrap();
        if let Err(e) = Rulebook::load(Source::new("as-json.yaml", text)) {
            panic!("the enterprise rulebook as JSON does not load: {e:?}");
        }
        let mut unknown_key = shipped_document("enterprise");
        unknown_key["colour"] = "blue".into();
        let mut misspelt_in_a_clock = shipped_document("enterprise");
        let clock = misspelt_in_a_clock["clocks"][0].as_object_mut().unwrap();
        let limit = clock.remove("limit").unwrap();
        clock.insert("limt".into(), limit);
        let mut string_for_a_list = shipped_document("enterprise");
        string_for_a_list["channels"] = "hotline".into();
        let mut unknown_event = shipped_document("enterprise");
        unknown_event["clocks"][0]["start"] = "recieved".into();
        for (what, document, expected) in [
            ("an unknown top-level key", unknown_key, "colour"),
            ("a misspelt key in a clock", misspelt_in_a_clock, "limt"),
            ("a string for a list", string_for_a_list, "/channels"),
            ("an unknown event", unknown_event, "recieved"),
        ] {
            let errors = schema_errors(&validator, &document);
            assert!(
                errors.iter().any(|e| e.contains(expected)),
                "{what}: expected an error mentioning `{expected}`, got:\n{}",
                errors.join("\n")
            );
            // The schema agrees with the parser and its checks: they refuse it too (JSON is YAML).
            let text = serde_json::to_string(&document).unwrap();
            assert!(
                Rulebook::load(Source::new("changed.yaml", text)).is_err(),
                "{what}: the schema refuses it ({}), but the rulebook loads",
                errors.join("; ")
            );
        }
    }
}
