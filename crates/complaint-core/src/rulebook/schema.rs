//! The rulebook document as written: what the YAML reads into, each value a check may underline
//! kept with its place in the file. It lives only while a rulebook is loaded: `compile` checks
//! it and makes the `Rulebook` the program uses. The meaning of each key is documented
//! on the type it compiles into. The types keep the names they had as the public API, since
//! serde names them in some messages (`expected struct Rulebook`).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Dimension, Language, MediationSpec, When};
use crate::calendar::{HolidaySpan, MakeupDay};
use crate::money::Money;
use crate::yaml::unlocated;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Rulebook {
    pub rulebook: String,
    pub version: Spanned<String>,
    pub organisation: String,
    pub description: String,
    #[serde(default = "default_timezone")]
    pub timezone: Spanned<String>,
    #[serde(default)]
    pub language: Language,
    #[serde(default = "default_required")]
    pub required: Vec<Spanned<String>>,
    pub channels: Vec<Code>,
    pub categories: Vec<Code>,
    #[serde(default)]
    pub tiers: Vec<Code>,
    #[serde(default)]
    pub grades: Vec<Code>,
    #[serde(default)]
    pub flags: Vec<Code>,
    #[serde(default)]
    pub responsibilities: Vec<Code>,
    pub ladder: Vec<Level>,
    pub calendar: CalendarSpec,
    #[serde(default)]
    pub classify: Classification,
    #[serde(default)]
    pub clocks: Vec<ClockSpec>,
    #[serde(default)]
    pub compensation: CompensationSpec,
    #[serde(default)]
    pub mediation: Option<MediationSpec>,
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Code {
    pub code: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub urgent: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Level {
    pub code: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub limit: Option<Money>,
}

/// Which calendar deadlines run on (compiled into a [`crate::calendar::Calendar`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CalendarSpec {
    /// A shipped calendar (`cn`, `gb-eaw`) or a calendar file relative to the rulebook.
    pub base: Spanned<String>,
    /// Opening hours on working days (`{open: "09:00", close: "18:00"}`): business-hour clocks
    /// count within them, and working-day periods end at closing time instead of 24:00.
    #[serde(default)]
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HoursSpec {
    pub open: String,
    pub close: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Rule {
    pub name: String,
    #[serde(default)]
    pub when: When,
    pub then: Spanned<String>,
    #[serde(default)]
    pub level: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Classification {
    #[serde(default)]
    pub tier: Vec<Rule>,
    #[serde(default)]
    pub grade: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClockSpec {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub when: When,
    pub start: Spanned<String>,
    pub stop: Vec<Spanned<String>>,
    pub limit: Spanned<String>,
    #[serde(default)]
    pub by: Option<Dimension>,
    #[serde(default)]
    pub limits: BTreeMap<String, Spanned<String>>,
    #[serde(default = "default_warn")]
    pub warn: f64,
    #[serde(default)]
    pub pause: Vec<Spanned<String>>,
    #[serde(default)]
    pub resume: Vec<Spanned<String>>,
    #[serde(default)]
    pub extend: Option<ExtendSpec>,
    #[serde(default)]
    pub escalate_on_breach: bool,
    #[serde(default)]
    pub until_paid: bool,
}

fn default_warn() -> f64 {
    0.8
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExtendSpec {
    pub max: Spanned<String>,
    pub approvers: Vec<Spanned<String>>,
    #[serde(default)]
    pub grades: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CompensationSpec {
    #[serde(default)]
    pub standards: Vec<StandardSpec>,
    #[serde(default)]
    pub uplift: Option<UpliftSpec>,
    #[serde(default)]
    pub revisions: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StandardSpec {
    pub name: String,
    #[serde(default)]
    pub when: When,
    #[serde(default)]
    pub delay: Option<DelaySpec>,
    pub remedy: RemedySpec,
    #[serde(default)]
    pub also: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DelaySpec {
    pub clock: Spanned<String>,
    pub over: Spanned<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RemedySpec {
    #[serde(default)]
    pub refund: bool,
    #[serde(default)]
    pub multiple: Option<u32>,
    #[serde(default)]
    pub floor: Option<Money>,
    #[serde(default)]
    pub fixed: Option<Money>,
    #[serde(default)]
    pub coupon: Option<Money>,
    #[serde(default)]
    pub exchange: bool,
    #[serde(default)]
    pub repair: bool,
    #[serde(default)]
    pub free_service: bool,
    #[serde(default)]
    pub apology: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UpliftSpec {
    pub max_percent: u32,
    pub approvals: Vec<Spanned<String>>,
}
