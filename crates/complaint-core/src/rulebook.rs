//! The rulebook: an organisation's complaint procedure as data.
//!
//! A rulebook is a YAML file (see `rules/enterprise.yaml` for a complete annotated example and
//! the README for the reference). It is loaded and checked once per command; every problem is a
//! [`SourceError`] that underlines the offending value. The rulebooks shipped in `rules/` are
//! embedded in the binary ([`shipped`]). This module describes and checks; evaluation lives in
//! the modules for each concept.

use std::collections::HashSet;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::calendar::{BusinessHours, Calendar};
use crate::duration::Duration;
use crate::error::{Error, Problems, SourceError};
use crate::model::Intake;
use crate::source::{Files, Source};

/// A code and its display name (`{code: CQ01, name: 商品质量问题}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub code: Spanned<String>,
    pub name: String,
    /// For grades: such complaints jump the queue (`sla` lists them first).
    #[serde(default)]
    pub urgent: bool,
}

/// The name the rulebook gives `code` among `codes` (its categories, grades, …), if declared.
pub fn code_name<'a>(codes: &'a [Code], code: &str) -> Option<&'a str> {
    codes
        .iter()
        .find(|c| c.code.value == code)
        .map(|c| c.name.as_str())
}

/// One level of the escalation ladder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub code: Spanned<String>,
    pub name: String,
    /// The role that staffs this level (e.g. `room_head`).
    #[serde(default)]
    pub role: Option<String>,
    /// The most this level may promise or approve (yuan); none means it may approve nothing.
    #[serde(default)]
    pub limit: Option<crate::money::Money>,
}

/// Which calendar deadlines run on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
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
    pub holidays: Vec<crate::calendar::HolidaySpan>,
    /// The organisation's own make-up working days (`{date: 2026-06-21, for: 店庆}`).
    #[serde(default)]
    pub makeup_workdays: Vec<crate::calendar::MakeupDay>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursSpec {
    pub open: String,
    pub close: String,
}

/// Conditions on a complaint's facts; all that are given must hold, and a list matches any of
/// its items.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    #[serde(default)]
    pub category: Vec<String>,
    #[serde(default)]
    pub channel: Vec<String>,
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
    pub claimed_at_least: Option<crate::money::Money>,
    /// A merchant is named (or not).
    #[serde(default)]
    pub merchant: Option<bool>,
    /// The investigation found one of these responsible.
    #[serde(default)]
    pub responsibility: Vec<String>,
    /// The price paid is at least this.
    #[serde(default)]
    pub price_at_least: Option<crate::money::Money>,
    /// The complaint came more than this many years after the customer knew of the harm
    /// (`known_at`): a limitation period.
    #[serde(default)]
    pub known_years_before: Option<u32>,
}

/// One classification rule: the first rule whose conditions hold decides.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// What the rule is, shown by `explain`.
    pub name: String,
    #[serde(default)]
    pub when: When,
    /// The tier or grade code it gives.
    pub then: Spanned<String>,
    /// The ladder level a complaint so classified starts at (urgent ones start higher).
    #[serde(default)]
    pub level: Option<Spanned<String>>,
}

/// The ordered rules for tiers and grades.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    #[serde(default)]
    pub tier: Vec<Rule>,
    #[serde(default)]
    pub grade: Vec<Rule>,
}

/// What a clock's limit depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Grade,
    Tier,
    Category,
}

/// A deadline: from a start event to a stop event, within a limit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockSpec {
    pub id: Spanned<String>,
    pub name: String,
    /// Only complaints matching these conditions have this clock (all, when left out).
    #[serde(default)]
    pub when: When,
    /// The event that starts it (`received`, `ack`, `close`, …).
    pub start: Spanned<String>,
    /// The events that stop it; the first after the start counts.
    pub stop: Vec<Spanned<String>>,
    /// The limit (`2h`, `3wd`), and the default where `limits` has no entry.
    pub limit: Spanned<String>,
    /// What `limits` is keyed by.
    #[serde(default)]
    pub by: Option<Dimension>,
    /// Limits per grade, tier or category code.
    #[serde(default)]
    pub limits: std::collections::BTreeMap<String, Spanned<String>>,
    /// The share of the time after which the clock is at risk (0.8 = 80 %).
    #[serde(default = "default_warn")]
    pub warn: f64,
    /// Events that pause the clock (waiting for the customer, say)…
    #[serde(default)]
    pub pause: Vec<Spanned<String>>,
    /// …and events that let it run again. Paused time does not count.
    #[serde(default)]
    pub resume: Vec<Spanned<String>>,
    /// Whether, and how far, the limit may be extended, and who approves.
    #[serde(default)]
    pub extend: Option<ExtendSpec>,
    /// `sla --escalate` passes a complaint one level up when this clock is breached.
    #[serde(default)]
    pub escalate_on_breach: bool,
    /// A stop event counts only once the money owed (by an agreed offer, a mediation or a
    /// ruling) is paid in full: a part payment does not stop a "pay within" clock.
    #[serde(default)]
    pub until_paid: bool,
}

/// The compensation standards and the limits on offers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompensationSpec {
    /// Ordered: the first standard whose conditions hold gives the standard remedy.
    #[serde(default)]
    pub standards: Vec<StandardSpec>,
    /// Offers above the standard: how much more, and whose approvals (in order) it takes.
    #[serde(default)]
    pub uplift: Option<UpliftSpec>,
    /// How many times an offer may be revised after the customer disputes it.
    #[serde(default)]
    pub revisions: Option<u32>,
}

/// One compensation standard.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardSpec {
    pub name: String,
    #[serde(default)]
    pub when: When,
    /// Applies only when this clock ran (or is running) over its due time by more than `over`.
    #[serde(default)]
    pub delay: Option<DelaySpec>,
    pub remedy: RemedySpec,
    /// Applies on top of the first standard that holds, rather than instead of it (S0: the
    /// coupon for a handling delay beside the compensation for a faulty product). Standards
    /// without it are alternatives: only the first that holds applies.
    #[serde(default)]
    pub also: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DelaySpec {
    pub clock: Spanned<String>,
    pub over: Spanned<String>,
}

/// A remedy, declared: money parts add up; the rest are things done.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemedySpec {
    /// Refund the price paid.
    #[serde(default)]
    pub refund: bool,
    /// Compensation of this many times the price paid…
    #[serde(default)]
    pub multiple: Option<u32>,
    /// …but at least this much.
    #[serde(default)]
    pub floor: Option<crate::money::Money>,
    /// A fixed sum of money.
    #[serde(default)]
    pub fixed: Option<crate::money::Money>,
    /// A coupon of this value (not cash).
    #[serde(default)]
    pub coupon: Option<crate::money::Money>,
    #[serde(default)]
    pub exchange: bool,
    #[serde(default)]
    pub repair: bool,
    #[serde(default)]
    pub free_service: bool,
    /// An apology by this ladder level or role.
    #[serde(default)]
    pub apology: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpliftSpec {
    /// At most this many percent above the standard.
    pub max_percent: u32,
    /// Ladder levels or roles that must approve an uplift, in this order.
    pub approvals: Vec<Spanned<String>>,
}

/// The consequence of each combination of answers to a mediation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediationSpec {
    /// Ordered: the first outcome matching both answers decides (an answer left out matches
    /// either).
    pub outcomes: Vec<OutcomeSpec>,
    /// Who pays in advance when the merchant refuses, evades or cannot pay (S1: the mall).
    pub advance_payer: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeSpec {
    #[serde(default)]
    pub customer: Option<crate::model::Answer>,
    #[serde(default)]
    pub merchant: Option<crate::model::Answer>,
    pub then: crate::model::Decision,
}

/// How far a clock may be extended and who may approve it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtendSpec {
    /// The longest the limit may become (`30wd`).
    pub max: Spanned<String>,
    /// Ladder level codes or roles that may approve.
    pub approvers: Vec<Spanned<String>>,
    /// Only complaints of these grades may be extended (any grade, when left out).
    #[serde(default)]
    pub grades: Vec<Spanned<String>>,
}

/// A clock's extension rule, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Extension {
    pub max: Duration,
    pub approvers: Vec<String>,
    pub grades: Vec<String>,
}

fn default_warn() -> f64 {
    0.8
}

/// The rulebook document as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rulebook {
    /// Short name, as in `complaint init --rulebook NAME`.
    pub rulebook: String,
    /// Recorded on every complaint received under this rulebook.
    pub version: Spanned<String>,
    pub organisation: String,
    /// One line, shown by `complaint rules list`.
    pub description: String,
    /// IANA zone deadlines are computed in.
    #[serde(default = "default_timezone")]
    pub timezone: Spanned<String>,
    /// The language of forms and reports (`zh`, the default, or `en`).
    #[serde(default)]
    pub language: Language,
    /// Intake fields that must be present (see `complaint new --help`).
    #[serde(default = "default_required")]
    pub required: Vec<Spanned<String>>,
    pub channels: Vec<Code>,
    pub categories: Vec<Code>,
    #[serde(default)]
    pub tiers: Vec<Code>,
    #[serde(default)]
    pub grades: Vec<Code>,
    /// Flags intake may set (`safety`, `privacy`, …) for classification to read.
    #[serde(default)]
    pub flags: Vec<Code>,
    /// Who an investigation may find responsible (enterprise, customer, third party …).
    #[serde(default)]
    pub responsibilities: Vec<Code>,
    /// From the first level a complaint enters at, to the top.
    pub ladder: Vec<Level>,
    pub calendar: CalendarSpec,
    #[serde(default)]
    pub classify: Classification,
    #[serde(default)]
    pub clocks: Vec<ClockSpec>,
    #[serde(default)]
    pub compensation: CompensationSpec,
    /// How a mall's mediation between customer and merchant decides who pays (S1).
    #[serde(default)]
    pub mediation: Option<MediationSpec>,
    #[serde(skip)]
    zone: Option<chrono_tz::Tz>,
    #[serde(skip)]
    loaded_calendar: Option<Calendar>,
    /// Each clock's limits, parsed.
    #[serde(skip)]
    durations: Vec<(Duration, std::collections::BTreeMap<String, Duration>)>,
    /// Each clock's extension rule, parsed.
    #[serde(skip)]
    extensions: Vec<Option<Extension>>,
}

/// The language documents made from a record are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
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

/// A rulebook that ships inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct Shipped {
    pub name: &'static str,
    pub text: &'static str,
}

/// The shipped rulebooks, each `rules/NAME.yaml` compiled in; the first is the default.
pub fn shipped() -> &'static [Shipped] {
    macro_rules! shipped {
        ($($name:literal),* $(,)?) => {
            &[$(Shipped {
                name: $name,
                text: include_str!(concat!("../../../rules/", $name, ".yaml")),
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

impl Rulebook {
    /// Parses and checks a rulebook; all problems are reported together. Calendar files it
    /// names are read from `files` (`None`: only the shipped calendars).
    pub fn load_in(source: Source, files: Option<&dyn Files>) -> Result<Rulebook, Error> {
        let mut book: Rulebook =
            crate::yaml::parse_reporting_all(&source).map_err(|problems| Problems {
                summary: format!("{} has {} problem(s)", source.name(), problems.len()),
                problems,
            })?;
        let mut problems = book.problems(&source);
        let zone = book
            .timezone
            .value
            .parse()
            .unwrap_or(chrono_tz::Asia::Shanghai);
        match Calendar::load(&book.calendar.base.value, files, zone) {
            Ok(calendar) => {
                let hours = book.calendar.business_hours.as_ref().and_then(|h| {
                    match parse_hours(&h.value) {
                        Ok(hours) => Some(hours),
                        Err(message) => {
                            problems.push(located(&source, h, message).with_help(Some(
                                "write times as \"09:00\", with open before close".into(),
                            )));
                            None
                        }
                    }
                });
                let mut calendar = calendar
                    .with_business_hours(hours)
                    .with_roll(book.calendar.roll_to_working_day);
                let declared =
                    calendar.declare(&book.calendar.holidays, &book.calendar.makeup_workdays);
                problems.extend(declared.into_iter().map(|p| p.located(&source)));
                book.loaded_calendar = Some(calendar);
            }
            Err(Error::Problems(inner)) => problems.extend(inner.problems),
            Err(err) => problems.push(
                located(&source, &book.calendar.base, err.to_string())
                    .with_help(Some("use cn, gb-eaw, or a calendar file's path".into())),
            ),
        }
        let mut durations = Vec::new();
        let mut extensions = Vec::new();
        for clock in &book.clocks {
            let mut parse = |spanned: &Spanned<String>| match spanned.value.parse::<Duration>() {
                Ok(d) => d,
                Err(message) => {
                    problems.push(located(&source, spanned, message));
                    Duration::new(0, crate::duration::Unit::Minutes)
                }
            };
            let limit = parse(&clock.limit);
            let limits = clock
                .limits
                .iter()
                .map(|(k, v)| (k.clone(), parse(v)))
                .collect();
            let extension = clock.extend.as_ref().map(|e| Extension {
                max: parse(&e.max),
                approvers: e.approvers.iter().map(|a| a.value.clone()).collect(),
                grades: e.grades.iter().map(|g| g.value.clone()).collect(),
            });
            if let (Some(rule), Some(spec)) = (&extension, &clock.extend)
                && rule.max.unit != limit.unit
            {
                let message = format!(
                    "clock `{}` counts in {limit}, but may be extended to {}",
                    clock.id.value, rule.max
                );
                problems.push(
                    located(&source, &spec.max, message)
                        .with_help(Some("count the maximum in the limit's unit".into())),
                );
            }
            durations.push((limit, limits));
            extensions.push(extension);
        }
        book.durations = durations;
        book.extensions = extensions;
        if !problems.is_empty() {
            return Err(Problems {
                summary: format!("{} has {} problem(s)", source.name(), problems.len()),
                problems,
            }
            .into());
        }
        book.zone = Some(zone);
        Ok(book)
    }

    /// [`Rulebook::load_in`] for a rulebook that names only shipped calendars.
    pub fn load(source: Source) -> Result<Rulebook, Error> {
        Rulebook::load_in(source, None)
    }

    /// This rulebook running on another calendar (the same one with an official schedule
    /// added, to see what it changes).
    pub fn with_calendar(&self, calendar: Calendar) -> Rulebook {
        let mut rulebook = self.clone();
        rulebook.loaded_calendar = Some(calendar);
        rulebook
    }

    /// The working-day calendar deadlines run on.
    pub fn calendar(&self) -> &Calendar {
        self.loaded_calendar
            .as_ref()
            .expect("a loaded rulebook has its calendar")
    }

    /// The names staff roles may take: ladder level codes and the roles staffing them, each once.
    pub fn roles(&self) -> Vec<String> {
        let mut roles: Vec<String> = Vec::new();
        for name in self
            .ladder
            .iter()
            .flat_map(|l| std::iter::once(l.code.value.clone()).chain(l.role.clone()))
        {
            if !roles.contains(&name) {
                roles.push(name);
            }
        }
        roles
    }

    /// The clock with this id.
    pub fn clock(&self, id: &str) -> Option<&ClockSpec> {
        self.clocks.iter().find(|c| c.id.value == id)
    }

    /// Whether complaints of this grade jump the queue.
    pub fn is_urgent(&self, grade: Option<&str>) -> bool {
        grade.is_some_and(|g| self.grades.iter().any(|c| c.code.value == g && c.urgent))
    }

    /// A clock's extension rule, if it may be extended.
    pub fn extension(&self, clock: usize) -> Option<&Extension> {
        self.extensions.get(clock)?.as_ref()
    }

    /// A clock's limit for a complaint of this grade, tier and category.
    pub fn limit(
        &self,
        clock: usize,
        grade: Option<&str>,
        tier: Option<&str>,
        category: Option<&str>,
    ) -> Duration {
        let (default, limits) = &self.durations[clock];
        let key = match self.clocks[clock].by {
            Some(Dimension::Grade) => grade,
            Some(Dimension::Tier) => tier,
            Some(Dimension::Category) => category,
            None => None,
        };
        key.and_then(|k| limits.get(k)).copied().unwrap_or(*default)
    }

    /// A shipped rulebook by name.
    pub fn load_shipped(name: &str) -> Result<Rulebook, Error> {
        Rulebook::load(shipped_source(name)?)
    }

    pub fn version(&self) -> &str {
        &self.version.value
    }

    pub fn zone(&self) -> chrono_tz::Tz {
        self.zone.unwrap_or(chrono_tz::Asia::Shanghai)
    }

    pub fn channel(&self, code: &str) -> Option<&Code> {
        self.channels.iter().find(|c| c.code.value == code)
    }

    pub fn category(&self, code: &str) -> Option<&Code> {
        self.categories.iter().find(|c| c.code.value == code)
    }

    pub fn is_required(&self, field: &str) -> bool {
        self.required.iter().any(|r| r.value == field)
    }

    /// The ladder level with this code, and its position (0 = entry level).
    pub fn level(&self, code: &str) -> Option<(usize, &Level)> {
        self.ladder
            .iter()
            .enumerate()
            .find(|(_, l)| l.code.value == code)
    }

    /// The display name of a ladder level, or the code itself if the rulebook lacks it.
    pub fn level_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.level(code).map_or(code, |(_, l)| l.name.as_str())
    }

    fn problems(&self, source: &Source) -> Vec<SourceError> {
        let mut problems = Vec::new();
        let mut at = |spanned: &Spanned<String>, message: String, help: Option<String>| {
            problems.push(located(source, spanned, message).with_help(help));
        };
        for (what, codes) in [
            ("channel", &self.channels),
            ("category", &self.categories),
            ("tier", &self.tiers),
            ("grade", &self.grades),
            ("flag", &self.flags),
        ] {
            let mut seen = HashSet::new();
            for code in codes {
                if !seen.insert(code.code.value.as_str()) {
                    at(
                        &code.code,
                        format!("{what} `{}` is declared twice", code.code.value),
                        Some("codes must be unique; rename or remove one".into()),
                    );
                }
            }
        }
        let mut seen = HashSet::new();
        for level in &self.ladder {
            if !seen.insert(level.code.value.as_str()) {
                at(
                    &level.code,
                    format!("ladder level `{}` is declared twice", level.code.value),
                    Some("level codes must be unique".into()),
                );
            }
        }
        if self.timezone.value.parse::<chrono_tz::Tz>().is_err() {
            at(
                &self.timezone,
                format!("`{}` is not a time zone", self.timezone.value),
                Some("use an IANA name such as Asia/Shanghai or Europe/London".into()),
            );
        }
        if self.version.value.trim().is_empty() {
            at(
                &self.version,
                "the version is empty".into(),
                Some("give the rulebook a version such as 2026.1".into()),
            );
        }
        for field in &self.required {
            let fields = Intake::requirable();
            if !fields.contains(&field.value.as_str()) {
                let help = crate::suggest::closest(&field.value, fields.iter().copied())
                    .map(|best| format!("did you mean `{best}`?"))
                    .or_else(|| Some(format!("intake fields: {}", fields.join(", "))));
                at(
                    field,
                    format!("`{}` is not an intake field", field.value),
                    help,
                );
            }
        }
        let codes = |list: &[Code]| {
            list.iter()
                .map(|c| c.code.value.clone())
                .collect::<Vec<_>>()
        };
        let (tiers, grades, categories) = (
            codes(&self.tiers),
            codes(&self.grades),
            codes(&self.categories),
        );
        let levels: Vec<String> = self.ladder.iter().map(|l| l.code.value.clone()).collect();
        let undeclared = |spanned: &Spanned<String>, what: &str, known: &[String]| {
            (!known.contains(&spanned.value)).then(|| {
                let help =
                    match crate::suggest::closest(&spanned.value, known.iter().map(String::as_str))
                    {
                        Some(best) => format!("did you mean `{best}`?"),
                        None if known.is_empty() => format!("declare {what}s first"),
                        None => format!("declared {what}s: {}", known.join(", ")),
                    };
                located(
                    source,
                    spanned,
                    format!("`{}` is not a declared {what}", spanned.value),
                )
                .with_help(Some(help))
            })
        };
        for (rules, known, what) in [
            (&self.classify.tier, &tiers, "tier"),
            (&self.classify.grade, &grades, "grade"),
        ] {
            for rule in rules {
                problems.extend(undeclared(&rule.then, what, known));
                if let Some(level) = &rule.level {
                    problems.extend(undeclared(level, "ladder level", &levels));
                }
            }
        }
        let events: Vec<String> = crate::model::Action::names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        for clock in &self.clocks {
            problems.extend(undeclared(&clock.start, "event", &events));
            for event in clock.stop.iter().chain(&clock.pause).chain(&clock.resume) {
                problems.extend(undeclared(event, "event", &events));
            }
            if clock.pause.is_empty() != clock.resume.is_empty() {
                problems.push(
                    located(
                        source,
                        &clock.id,
                        format!(
                            "clock `{}` can pause but not resume, or the other way round",
                            clock.id.value
                        ),
                    )
                    .with_help(Some(
                        "give both `pause` and `resume` events, or neither".into(),
                    )),
                );
            }
            if let Some(extend) = &clock.extend {
                let roles = self.roles();
                for approver in &extend.approvers {
                    problems.extend(undeclared(approver, "ladder level or role", &roles));
                }
                for grade in &extend.grades {
                    problems.extend(undeclared(grade, "grade", &grades));
                }
            }
            let known = match clock.by {
                Some(Dimension::Grade) => &grades,
                Some(Dimension::Tier) => &tiers,
                Some(Dimension::Category) => &categories,
                None => &Vec::new(),
            };
            for (key, value) in &clock.limits {
                if !known.contains(key) {
                    let what = match clock.by {
                        Some(Dimension::Grade) => "grade",
                        Some(Dimension::Tier) => "tier",
                        Some(Dimension::Category) => "category",
                        None => "`by` dimension (set `by: grade|tier|category`)",
                    };
                    problems.push(located(
                        source,
                        value,
                        format!(
                            "clock `{}` has a limit for `{key}`, which is not a declared {what}",
                            clock.id.value
                        ),
                    ));
                }
            }
            if !(clock.warn > 0.0 && clock.warn <= 1.0) {
                problems.push(
                    located(
                        source,
                        &clock.id,
                        format!(
                            "clock `{}` warns at {}, which is not a share between 0 and 1",
                            clock.id.value, clock.warn
                        ),
                    )
                    .with_help(Some(
                        "write e.g. `warn: 0.8` for at risk after 80 % of the time".into(),
                    )),
                );
            }
        }
        let mut seen = HashSet::new();
        for clock in &self.clocks {
            if !seen.insert(clock.id.value.as_str()) {
                problems.push(located(
                    source,
                    &clock.id,
                    format!("clock `{}` is declared twice", clock.id.value),
                ));
            }
        }
        for (rules, what) in [
            (&self.classify.tier, "tier"),
            (&self.classify.grade, "grade"),
        ] {
            for (i, rule) in rules.iter().enumerate() {
                let earlier = &rules[..i];
                if let Some(catch_all) = earlier.iter().find(|r| r.when == When::default()) {
                    problems.push(located(source, &rule.then, format!("{what} rule `{}` is unreachable: `{}` before it matches every complaint", rule.name, catch_all.name)).with_help(Some("move the catch-all rule last".into())));
                } else if let Some(same) = earlier.iter().find(|r| r.when == rule.when) {
                    problems.push(located(source, &rule.then, format!("{what} rule `{}` overlaps `{}`: same conditions, so it never decides", rule.name, same.name)).with_help(Some("give it different conditions or remove it".into())));
                }
            }
        }
        let responsibilities = codes(&self.responsibilities);
        let roles = self.roles();
        let comp = &self.compensation;
        for (i, standard) in comp.standards.iter().enumerate() {
            let name = &standard.name;
            for code in &standard.when.responsibility {
                if !responsibilities.contains(code) {
                    let message = format!(
                        "standard `{name}` names responsibility `{code}`, which is not declared"
                    );
                    let offset = source.text().find(code.as_str()).map(|o| (o, code.len()));
                    problems.push(
                        source
                            .error(message, offset, "here")
                            .with_help(Some(format!("declared: {}", responsibilities.join(", ")))),
                    );
                }
            }
            if let Some(delay) = &standard.delay {
                let clocks: Vec<String> = self.clocks.iter().map(|c| c.id.value.clone()).collect();
                problems.extend(undeclared(&delay.clock, "clock", &clocks));
                if let Err(message) = delay.over.value.parse::<Duration>() {
                    problems.push(located(source, &delay.over, message));
                }
            }
            if let Some(apology) = &standard.remedy.apology {
                problems.extend(undeclared(apology, "ladder level or role", &roles));
            }
            if standard.remedy == RemedySpec::default() {
                let offset = source.text().find(name.as_str()).map(|o| (o, name.len()));
                problems.push(source.error(format!("standard `{name}` gives no remedy"), offset, "here").with_help(Some("give at least one of refund, multiple, fixed, coupon, exchange, repair, free_service, apology".into())));
            }
            if let Some(catch_all) = comp.standards[..i]
                .iter()
                .find(|s| s.when == When::default() && s.delay.is_none())
            {
                let offset = source.text().find(name.as_str()).map(|o| (o, name.len()));
                problems.push(source.error(format!("standard `{name}` is unreachable: `{}` before it applies to every complaint", catch_all.name), offset, "here").with_help(Some("move the catch-all standard last".into())));
            }
        }
        if let Some(uplift) = &comp.uplift {
            for approver in &uplift.approvals {
                problems.extend(undeclared(approver, "ladder level or role", &roles));
            }
        }
        let empty = |list: &str| format!("the rulebook declares no {list}");
        if self.channels.is_empty() {
            problems.push(
                source
                    .error(empty("channels"), None, "")
                    .with_help(Some("add at least one channel".into())),
            );
        }
        if self.categories.is_empty() {
            problems.push(
                source
                    .error(empty("categories"), None, "")
                    .with_help(Some("add at least one category".into())),
            );
        }
        if self.ladder.is_empty() {
            problems.push(
                source
                    .error(empty("ladder levels"), None, "")
                    .with_help(Some("add at least one ladder level".into())),
            );
        }
        problems
    }
}

fn parse_hours(spec: &HoursSpec) -> Result<BusinessHours, String> {
    let time = |t: &str| {
        chrono::NaiveTime::parse_from_str(t, "%H:%M")
            .map_err(|_| format!("`{t}` is not a time of day"))
    };
    let hours = BusinessHours {
        open: time(&spec.open)?,
        close: time(&spec.close)?,
    };
    if hours.open >= hours.close {
        return Err(format!(
            "business hours open at {} but close at {}",
            spec.open, spec.close
        ));
    }
    Ok(hours)
}

fn yes() -> bool {
    true
}

/// A default value, which has no place in the file.
pub fn unlocated<T>(value: T) -> Spanned<T> {
    Spanned::new(
        value,
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

/// An error underlining a spanned value in the rulebook.
pub fn located<T>(source: &Source, spanned: &Spanned<T>, message: String) -> SourceError {
    let loc = spanned.referenced;
    let span = (loc.line() > 0)
        .then(|| source.offset_of(loc.line() as usize, loc.column() as usize))
        .flatten()
        .map(|offset| (offset, source.scalar_len(offset)));
    source.error(message, span, "here")
}

/// The text of the shipped rulebook `name`, or an error suggesting the nearest name.
pub fn shipped_source(name: &str) -> Result<Source, Error> {
    let found = shipped().iter().find(|s| s.name == name).ok_or_else(|| {
        let names: Vec<&str> = shipped().iter().map(|s| s.name).collect();
        Error::invalid(
            crate::error::Problem::Unknown,
            format!("there is no shipped rulebook called `{name}`"),
            Some(match crate::suggest::closest(name, names.iter().copied()) {
                Some(best) => {
                    format!("did you mean `{best}`? (`complaint rules list` shows them all)")
                }
                None => format!("shipped rulebooks: {}", names.join(", ")),
            }),
        )
    })?;
    Ok(Source::new(
        format!("<shipped>/{}.yaml", found.name),
        found.text,
    ))
}
