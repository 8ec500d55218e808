//! The rulebook document as written: what the YAML reads into, each value a check may underline
//! kept with its place in the file. It lives only while a rulebook is loaded: `compile` checks
//! it and makes the `Rulebook` the program uses. The meaning of each key is documented
//! on the type it compiles into. The types keep the names they had as the public API, since
//! serde names them in some messages (`expected struct Rulebook`).
//!
//! The same types describe the document as JSON Schema ([`super::json_schema`]): each derives
//! `schemars::JsonSchema`, so the schema follows the parser. A value kept with its place
//! (`Spanned<T>`) is described as the `T` it holds, and where the checks allow only certain
//! values (durations, event names, intake fields) the schema says so.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Dimension, Language, MediationSpec, When};
use crate::calendar::{HolidaySpan, MakeupDay};
use crate::duration::Duration;
use crate::model::{Action, Intake};
use crate::money::Money;
use crate::yaml::unlocated;

/// A rulebook: an organisation's complaint procedure as data.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Rulebook {
    /// The rulebook format the file is written in: 2 for combined conditions (`all`, `any`,
    /// `not`), gates and recurring clocks; 1, the default, otherwise.
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1, max = 2))]
    pub format: Option<Spanned<u32>>,
    /// Short name, as in `complaint init --rulebook NAME`.
    pub rulebook: String,
    /// Recorded on every complaint received under this rulebook (`"2026.1"`; quote it).
    #[schemars(with = "String", regex(pattern = r"\S"))]
    pub version: Spanned<String>,
    /// The organisation whose procedure it is, as forms print it.
    pub organisation: String,
    /// One line, shown by `complaint rules list`.
    pub description: String,
    /// The IANA zone deadlines are computed in (`Asia/Shanghai`, `Europe/London`).
    #[serde(default = "default_timezone")]
    #[schemars(with = "String")]
    pub timezone: Spanned<String>,
    /// The language of forms and reports.
    #[serde(default)]
    pub language: Language,
    /// Intake fields that must be present (see `complaint new --help`).
    #[serde(default = "default_required")]
    #[schemars(with = "Vec<IntakeField>")]
    pub required: Vec<Spanned<String>>,
    /// The channels complaints come in through (`hotline`, `online`).
    #[schemars(length(min = 1))]
    pub channels: Vec<Code>,
    /// The complaint categories (`CQ01` …).
    #[schemars(length(min = 1))]
    pub categories: Vec<Code>,
    /// The tiers, if the rulebook sorts complaints by cause (`t1` …); often none.
    #[serde(default)]
    pub tiers: Vec<Code>,
    /// The grades, by seriousness (`ordinary`, `complex`); they set clock limits.
    #[serde(default)]
    pub grades: Vec<Code>,
    /// Flags intake may set (`safety`, `privacy`, …) for classification to read.
    #[serde(default)]
    pub flags: Vec<Code>,
    /// Who an investigation may find responsible (enterprise, customer, third party …).
    #[serde(default)]
    pub responsibilities: Vec<Code>,
    /// The escalation ladder, from the first level a complaint enters at to the top.
    #[schemars(length(min = 1))]
    pub ladder: Vec<Level>,
    /// The working-day calendar deadlines run on, with the rulebook's own days and hours.
    pub calendar: CalendarSpec,
    /// The ordered rules that give each complaint its tier and grade.
    #[serde(default)]
    pub classify: Classification,
    /// The deadlines complaints are held to.
    #[serde(default)]
    pub clocks: Vec<ClockSpec>,
    /// Compensation standards, uplift limits and approvals.
    #[serde(default)]
    pub compensation: CompensationSpec,
    /// How a mall's mediation between customer and merchant decides who pays (S1).
    #[serde(default)]
    pub mediation: Option<MediationSpec>,
    /// What must have happened before a move (format 2): reviews, approvals in order, an
    /// apology, a disciplinary record.
    #[serde(default)]
    pub gates: Vec<Gate>,
    /// Who may read complaints carrying a flag (format 2): the readers named, and those
    /// handling each complaint; everyone else is refused it by every read command.
    #[serde(default)]
    pub confidential: Vec<Confidential>,
}

fn default_timezone() -> Spanned<String> {
    unlocated("Asia/Shanghai".to_string())
}

fn default_required() -> Vec<Spanned<String>> {
    [
        "channel",
        "category",
        "customer",
        "subject",
        "description",
        "demand",
    ]
    .into_iter()
    .map(|f| unlocated(f.to_string()))
    .collect()
}

/// A code and its display name (`{code: CQ01, name: 商品质量问题}`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Code {
    /// The code records and rules use (`CQ01`, `ordinary`); unique in its list.
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    /// The name shown to people (`商品质量问题`).
    pub name: String,
    /// For grades: such complaints jump the queue (`sla` lists them first).
    #[serde(default)]
    pub urgent: bool,
}

/// One level of the escalation ladder.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Level {
    /// The level's code, as escalation events and approvals name it (`dept_head`); unique.
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    /// The level's name for people (`部门负责人`).
    pub name: String,
    /// The role that staffs this level (e.g. `room_head`).
    #[serde(default)]
    pub role: Option<String>,
    /// The most this level may promise or approve (yuan); none means it may approve nothing.
    #[serde(default)]
    pub limit: Option<Money>,
}

/// Which calendar deadlines run on, with the organisation's own days and hours (compiled into a
/// `Calendar`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CalendarSpec {
    /// A shipped calendar (`cn`, `gb-eaw`) or a calendar file relative to the rulebook.
    #[schemars(with = "String")]
    pub base: Spanned<String>,
    /// Opening hours on working days (`{open: "09:00", close: "18:00"}`): business-hour clocks
    /// count within them, and working-day periods end at closing time instead of 24:00.
    #[serde(default)]
    #[schemars(with = "Option<HoursSpec>")]
    pub business_hours: Option<Spanned<HoursSpec>>,
    /// Whether a period of calendar days whose last day is not a working day runs on to the
    /// next working day (Civil Code art. 203; default true). UK periods such as DISP's eight
    /// weeks do not.
    #[serde(default = "yes")]
    pub roll_to_working_day: bool,
    /// The organisation's own days off, on top of the base calendar (same form as in
    /// calendar files: `{name: 店庆, from: 2026-06-18, to: 2026-06-19}`).
    #[serde(default)]
    pub holidays: Vec<HolidaySpan>,
    /// The organisation's own make-up working days (`{date: 2026-06-21, for: 店庆}`).
    #[serde(default)]
    pub makeup_workdays: Vec<MakeupDay>,
}

fn yes() -> bool {
    true
}

/// A time of day as business hours are read (`%H:%M`: `09:00`, `9:00`).
const TIME_OF_DAY: &str = r"^\s*([01]?[0-9]|2[0-3]):\s*[0-5]?[0-9]$";

/// Opening hours on working days, local to the rulebook's time zone; open before close.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct HoursSpec {
    /// Opening time (`"09:00"`).
    #[schemars(regex(pattern = TIME_OF_DAY))]
    pub open: String,
    /// Close of business (`"18:00"`); day-counted deadlines end here.
    #[schemars(regex(pattern = TIME_OF_DAY))]
    pub close: String,
}

/// A gate: what must have happened before a move (compiled into a [`super::GateSpec`]).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Gate {
    /// What the gate is, as refusals name it.
    pub name: String,
    /// The moves it guards (`close`, `agree`, `pay`, …).
    #[schemars(with = "Vec<EventName>")]
    pub before: Vec<Spanned<String>>,
    /// Only complaints of these grades (any, when none are given).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub grades: Vec<Spanned<String>>,
    /// Only complaints of these tiers (any, when none are given).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tiers: Vec<Spanned<String>>,
    /// Only complaints meeting these conditions.
    #[serde(default)]
    pub when: When,
    /// What must have happened, in this order (at least one thing).
    #[schemars(length(min = 1))]
    pub require: Vec<GateRequirement>,
}

/// A flag that restricts who may read a complaint (compiled into a
/// [`super::ConfidentialSpec`]).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Confidential {
    /// The flag (a declared one) that makes a complaint confidential.
    #[schemars(with = "String")]
    pub flag: Spanned<String>,
    /// The ladder level codes or roles who may read such a complaint, besides those handling
    /// it (its assignee, its handler, whoever recorded an event on it).
    #[schemars(with = "Vec<String>", length(min = 1))]
    pub readers: Vec<Spanned<String>>,
}

/// One requirement of a gate.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct GateRequirement {
    /// The event (`review`, `pay.apology`, `corrective.disciplinary`).
    #[schemars(with = "EventName")]
    pub event: Spanned<String>,
    /// The ladder level or role it must be given in (only for `review` and `approve`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub role: Option<Spanned<String>>,
    /// Or any one of these ladder levels or roles (`roles: [deputy_gm, gm]`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub roles: Vec<Spanned<String>>,
}

/// One classification rule: the first rule whose conditions hold decides.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Rule {
    /// What the rule is, shown by `explain`.
    pub name: String,
    /// The conditions on the complaint; all that are given must hold (none: every complaint).
    #[serde(default)]
    pub when: When,
    /// The tier or grade code it gives (a declared one).
    #[schemars(with = "String")]
    pub then: Spanned<String>,
    /// The ladder level a complaint so classified starts at (urgent ones start higher).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub level: Option<Spanned<String>>,
}

/// The ordered rules for tiers and grades.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Classification {
    /// Rules giving the tier (the cause of a complaint, where a rulebook sorts by it), in order.
    #[serde(default)]
    pub tier: Vec<Rule>,
    /// Rules giving the grade (how serious a complaint is: `ordinary`, `complex`), in order.
    #[serde(default)]
    pub grade: Vec<Rule>,
}

/// A deadline: from a start event to a stop event, within a limit; or a recurring duty
/// (`every`, rulebook format 2), restarted by each stop event until an `until` event.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend(
    "oneOf" = [{"required": ["limit"]}, {"required": ["every"]}],
    "dependentRequired" = {"every": ["until"], "until": ["every"]}
))]
pub(super) struct ClockSpec {
    /// The clock's id, as `extend` and `delay` name it (`acknowledge`, `handle`); unique.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The clock's name for people (`受理确认`).
    pub name: String,
    /// Only complaints matching these conditions have this clock (all, when left out).
    #[serde(default)]
    pub when: When,
    /// The event that starts it (`received`, `ack`, `close`, …).
    #[schemars(with = "EventName")]
    pub start: Spanned<String>,
    /// The events that stop it; the first after the start counts. For a recurring clock,
    /// each one restarts the interval (the customer was told of progress).
    #[schemars(with = "Vec<EventName>")]
    pub stop: Vec<Spanned<String>>,
    /// The limit (`2h`, `3wd`), and the default where `limits` has no entry; every clock but a
    /// recurring one has one.
    #[serde(default)]
    #[schemars(with = "Option<Duration>")]
    pub limit: Option<Spanned<String>>,
    /// A recurring duty (format 2): the interval within which each stop event must follow the
    /// start or the stop event before it (`3wd`), instead of a `limit`; give `until` too.
    #[serde(default)]
    #[schemars(with = "Option<Duration>")]
    pub every: Option<Spanned<String>>,
    /// For a recurring clock (format 2): the events that end the duty; the first after the
    /// start counts.
    #[serde(default)]
    #[schemars(with = "Vec<EventName>")]
    pub until: Vec<Spanned<String>>,
    /// What `limits` is keyed by (needed for `limits`).
    #[serde(default)]
    pub by: Option<Dimension>,
    /// Limits per grade, tier or category code (as `by` says).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Duration>")]
    pub limits: BTreeMap<String, Spanned<String>>,
    /// The share of the time after which the clock is at risk (0.8 = 80 %).
    #[serde(default = "default_warn")]
    #[schemars(range(max = 1), extend("exclusiveMinimum" = 0))]
    pub warn: f64,
    /// Events that pause the clock (waiting for the customer, say); give `resume` too.
    #[serde(default)]
    #[schemars(with = "Vec<EventName>")]
    pub pause: Vec<Spanned<String>>,
    /// Events that let a paused clock run again; paused time does not count.
    #[serde(default)]
    #[schemars(with = "Vec<EventName>")]
    pub resume: Vec<Spanned<String>>,
    /// Whether, and how far, the limit may be extended, and who approves.
    #[serde(default)]
    pub extend: Option<ExtendSpec>,
    /// `sla --escalate` passes a complaint one level up when this clock is breached.
    #[serde(default)]
    pub escalate_on_breach: bool,
    /// A stop event counts only once the money owed is paid in full (a "pay within" clock).
    #[serde(default)]
    pub until_paid: bool,
}

fn default_warn() -> f64 {
    0.8
}

/// How far a clock may be extended and who may approve it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ExtendSpec {
    /// The longest the limit may become (`30wd`), in the unit of the clock's limit.
    #[schemars(with = "Duration")]
    pub max: Spanned<String>,
    /// Ladder level codes or roles that may approve.
    #[schemars(with = "Vec<String>")]
    pub approvers: Vec<Spanned<String>>,
    /// Only complaints of these grades may be extended (any grade, when none are given).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub grades: Vec<Spanned<String>>,
}

/// The compensation standards and the limits on offers.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CompensationSpec {
    /// Ordered: the first standard whose conditions hold gives the standard remedy.
    #[serde(default)]
    pub standards: Vec<StandardSpec>,
    /// Offers above the standard: how much more, and whose approvals (in order) it takes.
    #[serde(default)]
    pub uplift: Option<UpliftSpec>,
    /// How many times an offer may be revised after the customer disputes it.
    #[serde(default)]
    pub revisions: Option<u32>,
    /// An offer may not go below the standard: the standard is the base plan (format 2).
    #[serde(default)]
    pub at_least_standard: bool,
}

/// One compensation standard.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct StandardSpec {
    /// The standard's name for people, shown on offers.
    pub name: String,
    /// The conditions on the complaint under which it applies.
    #[serde(default)]
    pub when: When,
    /// Applies only when this clock ran (or is running) over its due time by more than `over`.
    #[serde(default)]
    pub delay: Option<DelaySpec>,
    /// What the customer is given (at least one thing).
    pub remedy: RemedySpec,
    /// Applies on top of the first standard that holds, rather than instead of it.
    #[serde(default)]
    pub also: bool,
}

/// A standard's condition on a delay.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct DelaySpec {
    /// The clock whose delay counts: how far past its due time it ran (give this or `fact`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub clock: Option<Spanned<String>>,
    /// `service_delay`: the delay of the service complained about, as the findings measured it
    /// (`find --service-delay`; format 2).
    #[serde(default)]
    #[schemars(with = "Option<DelayFact>")]
    pub fact: Option<Spanned<String>>,
    /// How far past its due time the clock must have run (`24h`).
    #[schemars(with = "Duration")]
    pub over: Spanned<String>,
}

/// The facts a standard's delay may measure.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub(super) enum DelayFact {
    /// How late the service complained about was (`find --service-delay`).
    ServiceDelay,
}

/// A remedy, declared: money parts add up; the rest are things done.
#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RemedySpec {
    /// Refund the price paid.
    #[serde(default)]
    pub refund: bool,
    /// Compensation of this many times the price paid…
    #[serde(default)]
    pub multiple: Option<u32>,
    /// …but at least this much.
    #[serde(default)]
    pub floor: Option<Money>,
    /// A fixed sum of money.
    #[serde(default)]
    pub fixed: Option<Money>,
    /// A coupon of this value (not cash).
    #[serde(default)]
    pub coupon: Option<Money>,
    /// Exchange the goods.
    #[serde(default)]
    pub exchange: bool,
    /// Repair them free of charge.
    #[serde(default)]
    pub repair: bool,
    /// A service given free of charge.
    #[serde(default)]
    pub free_service: bool,
    /// An apology by this ladder level or role.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub apology: Option<Spanned<String>>,
    /// Compensation equal to the loss the investigation verified (`find --loss`; format 2).
    #[serde(default)]
    pub loss: bool,
}

/// How far an offer may go above the standard, and who approves it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct UpliftSpec {
    /// At most this many percent above the standard.
    pub max_percent: u32,
    /// Ladder levels or roles that must approve an uplift, in this order.
    #[schemars(with = "Vec<String>")]
    pub approvals: Vec<Spanned<String>>,
}

/// A schema for a string that is one of `names`.
fn one_of<'a>(names: impl IntoIterator<Item = &'a str>, description: &str) -> Schema {
    let names: Vec<&str> = names.into_iter().collect();
    schemars::json_schema!({
        "type": "string",
        "enum": names,
        "description": description,
    })
}

/// The schema of an event a clock starts, stops, pauses or resumes on: the names the checks
/// accept ([`Action::names`]).
pub(super) struct EventName;

impl JsonSchema for EventName {
    fn schema_name() -> Cow<'static, str> {
        "Event".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        one_of(
            Action::names(),
            "An event as rulebooks name it (`received`, `ack`, `close`, …)",
        )
    }
}

/// The schema of an intake field a rulebook may require: those the checks accept
/// ([`Intake::requirable`]).
pub(super) struct IntakeField;

impl JsonSchema for IntakeField {
    fn schema_name() -> Cow<'static, str> {
        "IntakeField".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        one_of(
            Intake::requirable(),
            "An intake field a rulebook may require (`channel`, `subject`, `known_at`, …)",
        )
    }
}
