//! From the rulebook as written to the [`Rulebook`] the program uses: one check per rule family,
//! run in turn into one list of problems, so that a rulebook's problems are all reported at
//! once; and, if there are none, the values compiled (durations parsed, the zone and the
//! calendar loaded, names without their places in the file).
//!
//! The checks run in the order their problems have always been reported in, which `rules
//! check` shows; the calendar and the clocks' limits come last.

use std::collections::HashSet;

use serde_saphyr::Spanned;

use super::schema;
use super::{
    Classification, ClockSpec, Code, CompensationSpec, ConfidentialSpec, DelaySpec, Extension,
    GateSpec, Late, Level, RemedySpec, Requirement, Rule, Rulebook, StandardSpec, UpliftSpec, When,
};
use crate::calendar::{BusinessHours, Calendar};
use crate::duration::{Duration, Unit};
use crate::error::{Error, SourceError};
use crate::model::{Action, Intake};
use crate::source::{Files, Source};
use crate::yaml::located;

/// Checks a rulebook as written and compiles it, or gives every problem found.
pub(super) fn compile(
    written: schema::Rulebook,
    source: &Source,
    files: Option<&dyn Files>,
) -> Result<Rulebook, Vec<SourceError>> {
    let known = Known::of(&written);
    let mut check = Check {
        source,
        problems: Vec::new(),
    };
    check.unique_codes(&written);
    let format = check.format(&written);
    let zone = check.header(&written);
    check.rule_targets(&written.classify, &known);
    check.clocks(&written.clocks, &known);
    check.rule_order(&written.classify);
    check.gates(&written.gates, &known);
    check.confidential(&written.confidential, &known);
    let compensation = check.compensation(&written.compensation, &known);
    check.lists_declared(&written);
    let calendar = check.calendar(&written.calendar, files, zone);
    let clocks = check.clock_limits(written.clocks);
    let calendar = match calendar {
        Some(calendar) if check.problems.is_empty() => calendar,
        _ => return Err(check.problems),
    };
    Ok(Rulebook {
        format,
        rulebook: written.rulebook,
        version: written.version.value,
        organisation: written.organisation,
        description: written.description,
        zone,
        language: written.language,
        required: values(written.required),
        channels: codes(written.channels),
        categories: codes(written.categories),
        tiers: codes(written.tiers),
        grades: codes(written.grades),
        flags: codes(written.flags),
        responsibilities: codes(written.responsibilities),
        ladder: written
            .ladder
            .into_iter()
            .map(|level| Level {
                code: level.code.value,
                name: level.name,
                role: level.role,
                limit: level.limit,
            })
            .collect(),
        calendar,
        classify: Classification {
            tier: rules(written.classify.tier),
            grade: rules(written.classify.grade),
        },
        clocks,
        compensation,
        mediation: written.mediation,
        gates: written.gates.into_iter().map(gate).collect(),
        confidential: written
            .confidential
            .into_iter()
            .map(|c| ConfidentialSpec {
                flag: c.flag.value,
                readers: values(c.readers),
            })
            .collect(),
    })
}

/// The keys of format 2 that `written` uses, each once, in the order met.
fn format_2_keys(written: &schema::Rulebook) -> Vec<&'static str> {
    let whens = written
        .classify
        .tier
        .iter()
        .chain(&written.classify.grade)
        .map(|r| &r.when)
        .chain(written.clocks.iter().map(|c| &c.when))
        .chain(written.compensation.standards.iter().map(|s| &s.when))
        .chain(written.gates.iter().map(|g| &g.when));
    let mut keys = Vec::new();
    if !written.gates.is_empty() {
        keys.push("gates");
    }
    if !written.confidential.is_empty() {
        keys.push("confidential");
    }
    if written.compensation.at_least_standard {
        keys.push("at_least_standard");
    }
    for standard in &written.compensation.standards {
        if standard.remedy.loss && !keys.contains(&"loss") {
            keys.push("loss");
        }
        if standard.delay.as_ref().is_some_and(|d| d.fact.is_some()) && !keys.contains(&"fact") {
            keys.push("fact");
        }
    }
    for when in whens {
        for (used, key) in [
            (!when.all.is_empty(), "all"),
            (!when.any.is_empty(), "any"),
            (when.not.is_some(), "not"),
            (when.referred.is_some(), "referred"),
        ] {
            if used && !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    for clock in &written.clocks {
        for (used, key) in [
            (clock.every.is_some(), "every"),
            (!clock.until.is_empty(), "until"),
        ] {
            if used && !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

fn gate(gate: schema::Gate) -> GateSpec {
    GateSpec {
        name: gate.name,
        before: values(gate.before),
        grades: values(gate.grades),
        tiers: values(gate.tiers),
        when: gate.when,
        require: gate
            .require
            .into_iter()
            .map(|r| Requirement {
                event: r.event.value,
                roles: r.role.into_iter().chain(r.roles).map(|r| r.value).collect(),
            })
            .collect(),
    }
}

fn values(list: Vec<Spanned<String>>) -> Vec<String> {
    list.into_iter().map(|s| s.value).collect()
}

fn codes(list: Vec<schema::Code>) -> Vec<Code> {
    list.into_iter()
        .map(|c| Code {
            code: c.code.value,
            name: c.name,
            urgent: c.urgent,
        })
        .collect()
}

fn rules(list: Vec<schema::Rule>) -> Vec<Rule> {
    list.into_iter()
        .map(|r| Rule {
            name: r.name,
            when: r.when,
            then: r.then.value,
            level: r.level.map(|l| l.value),
        })
        .collect()
}

/// The names a rulebook declares, which other values must be among.
struct Known {
    tiers: Vec<String>,
    grades: Vec<String>,
    categories: Vec<String>,
    responsibilities: Vec<String>,
    flags: Vec<String>,
    /// Ladder level codes.
    levels: Vec<String>,
    /// Ladder level codes and the roles staffing them.
    roles: Vec<String>,
    events: Vec<String>,
    clocks: Vec<String>,
}

impl Known {
    fn of(written: &schema::Rulebook) -> Known {
        let codes = |list: &[schema::Code]| -> Vec<String> {
            list.iter().map(|c| c.code.value.clone()).collect()
        };
        Known {
            tiers: codes(&written.tiers),
            grades: codes(&written.grades),
            categories: codes(&written.categories),
            responsibilities: codes(&written.responsibilities),
            flags: codes(&written.flags),
            levels: written
                .ladder
                .iter()
                .map(|l| l.code.value.clone())
                .collect(),
            roles: super::roles(
                written
                    .ladder
                    .iter()
                    .map(|l| (l.code.value.as_str(), l.role.as_deref())),
            ),
            events: Action::names().iter().map(|n| n.to_string()).collect(),
            clocks: written.clocks.iter().map(|c| c.id.value.clone()).collect(),
        }
    }
}

/// The problems found so far in one rulebook.
struct Check<'s> {
    source: &'s Source,
    problems: Vec<SourceError>,
}

impl Check<'_> {
    /// A problem underlining a value.
    fn at<T>(&mut self, spanned: &Spanned<T>, message: String, help: Option<String>) {
        self.problems
            .push(located(self.source, spanned, message).with_help(help));
    }

    /// A problem underlining the first place `text` appears, for values read without their
    /// place.
    fn at_text(&mut self, text: &str, message: String, help: String) {
        let offset = self.source.text().find(text).map(|o| (o, text.len()));
        self.problems.push(
            self.source
                .error(message, offset, "here")
                .with_help(Some(help)),
        );
    }

    /// A problem unless `spanned` is among the `known` names of `what` it must be.
    fn undeclared(&mut self, spanned: &Spanned<String>, what: &str, known: &[String]) {
        if known.contains(&spanned.value) {
            return;
        }
        let help = match crate::suggest::closest(&spanned.value, known.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None if known.is_empty() => format!("declare {what}s first"),
            None => format!("declared {what}s: {}", known.join(", ")),
        };
        self.at(
            spanned,
            format!("`{}` is not a declared {what}", spanned.value),
            Some(help),
        );
    }

    /// A duration, or a problem (and a stand-in, so that checking goes on).
    fn duration(&mut self, spanned: &Spanned<String>) -> Duration {
        spanned.value.parse().unwrap_or_else(|message| {
            self.at(spanned, message, None);
            Duration::new(0, Unit::Minutes)
        })
    }

    /// The format the file declares (1 when it declares none), which the keys it uses need:
    /// a key of format 2 in a format-1 file is refused, so that an older program reading it
    /// is never silently wrong.
    fn format(&mut self, written: &schema::Rulebook) -> u32 {
        let format = written.format.as_ref().map_or(1, |f| f.value);
        if let Some(declared) = &written.format
            && !super::FORMATS.contains(&format)
        {
            self.at(
                declared,
                format!(
                    "rulebook format {format} is not one this program reads ({} to {})",
                    super::FORMATS.start(),
                    super::FORMATS.end()
                ),
                Some("write `format: 2`, or leave it out for format 1".into()),
            );
        }
        if format < 2 {
            for key in format_2_keys(written) {
                self.at_text(
                    &format!("{key}:"),
                    format!("`{key}` is a key of rulebook format 2, and this file is format 1"),
                    "add `format: 2` at the top of the rulebook".into(),
                );
            }
        }
        format
    }

    /// Codes and ladder levels are declared once each.
    fn unique_codes(&mut self, written: &schema::Rulebook) {
        for (what, codes) in [
            ("channel", &written.channels),
            ("category", &written.categories),
            ("tier", &written.tiers),
            ("grade", &written.grades),
            ("flag", &written.flags),
        ] {
            let mut seen = HashSet::new();
            for code in codes {
                if !seen.insert(code.code.value.as_str()) {
                    self.at(
                        &code.code,
                        format!("{what} `{}` is declared twice", code.code.value),
                        Some("codes must be unique; rename or remove one".into()),
                    );
                }
            }
        }
        let mut seen = HashSet::new();
        for level in &written.ladder {
            if !seen.insert(level.code.value.as_str()) {
                self.at(
                    &level.code,
                    format!("ladder level `{}` is declared twice", level.code.value),
                    Some("level codes must be unique".into()),
                );
            }
        }
    }

    /// The time zone, the version and the required intake fields; gives the zone (the default
    /// one where it is wrong, so that the calendar can still be checked).
    fn header(&mut self, written: &schema::Rulebook) -> chrono_tz::Tz {
        let zone = written.timezone.value.parse::<chrono_tz::Tz>();
        if zone.is_err() {
            self.at(
                &written.timezone,
                format!("`{}` is not a time zone", written.timezone.value),
                Some("use an IANA name such as Asia/Shanghai or Europe/London".into()),
            );
        }
        if written.version.value.trim().is_empty() {
            self.at(
                &written.version,
                "the version is empty".into(),
                Some("give the rulebook a version such as 2026.1".into()),
            );
        }
        let fields = Intake::requirable();
        for field in &written.required {
            if !fields.contains(&field.value.as_str()) {
                let help = crate::suggest::closest(&field.value, fields.iter().copied())
                    .map(|best| format!("did you mean `{best}`?"))
                    .or_else(|| Some(format!("intake fields: {}", fields.join(", "))));
                self.at(
                    field,
                    format!("`{}` is not an intake field", field.value),
                    help,
                );
            }
        }
        zone.unwrap_or(chrono_tz::Asia::Shanghai)
    }

    /// Classification rules give declared tiers and grades, and start at declared levels.
    fn rule_targets(&mut self, classify: &schema::Classification, known: &Known) {
        for (rules, declared, what) in [
            (&classify.tier, &known.tiers, "tier"),
            (&classify.grade, &known.grades, "grade"),
        ] {
            for rule in rules {
                self.undeclared(&rule.then, what, declared);
                if let Some(level) = &rule.level {
                    self.undeclared(level, "ladder level", &known.levels);
                }
            }
        }
    }

    /// Every classification rule can decide: none comes after a catch-all, or after a rule
    /// with the same conditions.
    fn rule_order(&mut self, classify: &schema::Classification) {
        for (rules, what) in [(&classify.tier, "tier"), (&classify.grade, "grade")] {
            for (i, rule) in rules.iter().enumerate() {
                let earlier = &rules[..i];
                if rule.when.never() {
                    self.at(
                        &rule.then,
                        format!(
                            "{what} rule `{}` can never decide: no complaint meets its conditions",
                            rule.name
                        ),
                        Some("a condition and its `not` cannot hold together; fix or remove the rule".into()),
                    );
                } else if let Some(catch_all) = earlier.iter().find(|r| r.when == When::default()) {
                    self.at(&rule.then, format!("{what} rule `{}` is unreachable: `{}` before it matches every complaint", rule.name, catch_all.name), Some("move the catch-all rule last".into()));
                } else if let Some(same) = earlier.iter().find(|r| r.when == rule.when) {
                    self.at(
                        &rule.then,
                        format!(
                            "{what} rule `{}` overlaps `{}`: same conditions, so it never decides",
                            rule.name, same.name
                        ),
                        Some("give it different conditions or remove it".into()),
                    );
                }
            }
        }
    }

    /// Gates guard declared moves, for declared grades and tiers, and require declared events,
    /// in declared roles where the event records one.
    fn gates(&mut self, gates: &[schema::Gate], known: &Known) {
        for gate in gates {
            for event in &gate.before {
                self.undeclared(event, "event", &known.events);
            }
            for grade in &gate.grades {
                self.undeclared(grade, "grade", &known.grades);
            }
            for tier in &gate.tiers {
                self.undeclared(tier, "tier", &known.tiers);
            }
            for requirement in &gate.require {
                self.undeclared(&requirement.event, "event", &known.events);
                let roles: Vec<&Spanned<String>> =
                    requirement.role.iter().chain(&requirement.roles).collect();
                if requirement.role.is_some() && !requirement.roles.is_empty() {
                    self.at(
                        &requirement.event,
                        format!(
                            "gate `{}` gives both `role` and `roles` for `{}`",
                            gate.name, requirement.event.value
                        ),
                        Some("write one role as `role: X`, or several as `roles: [X, Y]`".into()),
                    );
                }
                for role in roles {
                    if ["review", "approve"].contains(&requirement.event.value.as_str()) {
                        self.undeclared(role, "ladder level or role", &known.roles);
                    } else {
                        self.at(
                            role,
                            format!(
                                "`{}` records no role, so gate `{}` cannot ask for one",
                                requirement.event.value, gate.name
                            ),
                            Some("ask for a role only with `review` or `approve`".into()),
                        );
                    }
                }
            }
        }
    }

    /// Confidential flags are declared flags, each named once, read by declared ladder levels
    /// or roles.
    fn confidential(&mut self, confidential: &[schema::Confidential], known: &Known) {
        let mut seen = HashSet::new();
        for rule in confidential {
            self.undeclared(&rule.flag, "flag", &known.flags);
            if !seen.insert(rule.flag.value.as_str()) {
                self.at(
                    &rule.flag,
                    format!("flag `{}` is made confidential twice", rule.flag.value),
                    Some("name each flag once, with all its readers".into()),
                );
            }
            if rule.readers.is_empty() {
                self.at(
                    &rule.flag,
                    format!("confidential flag `{}` names no readers", rule.flag.value),
                    Some("name the ladder levels or roles who may read such complaints, e.g. `readers: [gm]`".into()),
                );
            }
            for reader in &rule.readers {
                self.undeclared(reader, "ladder level or role", &known.roles);
            }
        }
    }

    /// Clocks run between declared events, pause only if they can resume, are extended by
    /// declared roles for declared grades, have limits only for declared codes, warn at a
    /// share of their time, and are declared once each. (Their limits are read last, in
    /// [`Check::clock_limits`].)
    fn clocks(&mut self, clocks: &[schema::ClockSpec], known: &Known) {
        for clock in clocks {
            self.undeclared(&clock.start, "event", &known.events);
            for event in clock
                .stop
                .iter()
                .chain(&clock.pause)
                .chain(&clock.resume)
                .chain(&clock.until)
            {
                self.undeclared(event, "event", &known.events);
            }
            self.recurrence(clock);
            if clock.pause.is_empty() != clock.resume.is_empty() {
                self.at(
                    &clock.id,
                    format!(
                        "clock `{}` can pause but not resume, or the other way round",
                        clock.id.value
                    ),
                    Some("give both `pause` and `resume` events, or neither".into()),
                );
            }
            if let Some(extend) = &clock.extend {
                for approver in &extend.approvers {
                    self.undeclared(approver, "ladder level or role", &known.roles);
                }
                for grade in &extend.grades {
                    self.undeclared(grade, "grade", &known.grades);
                }
            }
            let (declared, what): (&[String], &str) = match clock.by {
                Some(super::Dimension::Grade) => (&known.grades, "grade"),
                Some(super::Dimension::Tier) => (&known.tiers, "tier"),
                Some(super::Dimension::Category) => (&known.categories, "category"),
                None => (&[], "`by` dimension (set `by: grade|tier|category`)"),
            };
            for (key, value) in &clock.limits {
                if !declared.contains(key) {
                    self.at(
                        value,
                        format!(
                            "clock `{}` has a limit for `{key}`, which is not a declared {what}",
                            clock.id.value
                        ),
                        None,
                    );
                }
            }
            if !(clock.warn > 0.0 && clock.warn <= 1.0) {
                self.at(
                    &clock.id,
                    format!(
                        "clock `{}` warns at {}, which is not a share between 0 and 1",
                        clock.id.value, clock.warn
                    ),
                    Some("write e.g. `warn: 0.8` for at risk after 80 % of the time".into()),
                );
            }
        }
        let mut seen = HashSet::new();
        for clock in clocks {
            if !seen.insert(clock.id.value.as_str()) {
                self.at(
                    &clock.id,
                    format!("clock `{}` is declared twice", clock.id.value),
                    None,
                );
            }
        }
    }

    /// A clock has a `limit`, or recurs `every` so often `until` an event ends the duty. A
    /// recurring clock has one interval for every complaint, never extended, restarted by its
    /// stop events whatever was paid: `limit`, `limits`, `by`, `extend` and `until_paid` make
    /// no sense with it, and an event cannot both restart and end it.
    fn recurrence(&mut self, clock: &schema::ClockSpec) {
        let id = &clock.id.value;
        let (every, until) = match (&clock.every, clock.until.first()) {
            (None, None) => {
                if clock.limit.is_none() {
                    self.at(
                        &clock.id,
                        format!("clock `{id}` has no `limit`"),
                        Some("give a `limit` such as `3wd`, or `every` and `until` for a duty that recurs".into()),
                    );
                }
                return;
            }
            (Some(every), None) => {
                self.at(
                    every,
                    format!(
                        "clock `{id}` recurs every {}, but nothing ends the duty",
                        every.value
                    ),
                    Some("add `until` with the events that end it, e.g. `until: [close]`".into()),
                );
                return;
            }
            (None, Some(until)) => {
                self.at(
                    until,
                    format!("clock `{id}` has `until` but does not recur"),
                    Some(
                        "add `every` with the interval (e.g. `every: 3wd`), or remove `until`"
                            .into(),
                    ),
                );
                return;
            }
            (Some(every), Some(_)) => (every, &clock.until),
        };
        let recurs = |what: &str| {
            format!(
                "clock `{id}` recurs every {}, so it takes no {what}",
                every.value
            )
        };
        if let Some(limit) = &clock.limit {
            self.at(
                limit,
                recurs("`limit`"),
                Some("remove `limit`: `every` is the time each interval has".into()),
            );
        }
        if clock.by.is_some() || !clock.limits.is_empty() {
            let message = recurs("`by` or `limits`");
            let help = Some("remove them: a recurring clock has one interval".into());
            match clock.limits.values().next() {
                Some(value) => self.at(value, message, help),
                None => self.at(every, message, help),
            }
        }
        if let Some(extend) = &clock.extend {
            self.at(
                &extend.max,
                recurs("`extend`"),
                Some("remove `extend`: an interval is not extended".into()),
            );
        }
        if clock.until_paid {
            self.at(
                every,
                recurs("`until_paid`"),
                Some("remove `until_paid`: its stop events restart it whatever was paid".into()),
            );
        }
        for event in until {
            if clock.stop.iter().any(|s| s.value == event.value) {
                self.at(
                    event,
                    format!(
                        "clock `{id}` both restarts and ends at `{}`",
                        event.value
                    ),
                    Some("an event is in `stop` (restarts the interval) or in `until` (ends the duty), not both".into()),
                );
            }
        }
    }

    /// Compensation standards name declared responsibilities, clocks and roles, give a remedy
    /// and can apply; uplifts are approved by declared roles. Gives the standards compiled.
    fn compensation(
        &mut self,
        written: &schema::CompensationSpec,
        known: &Known,
    ) -> CompensationSpec {
        let mut standards = Vec::new();
        for (i, standard) in written.standards.iter().enumerate() {
            let name = &standard.name;
            for code in &standard.when.responsibility {
                if !known.responsibilities.contains(code) {
                    self.at_text(
                        code,
                        format!(
                            "standard `{name}` names responsibility `{code}`, which is not declared"
                        ),
                        format!("declared: {}", known.responsibilities.join(", ")),
                    );
                }
            }
            let delay = standard.delay.as_ref().map(|delay| {
                let of = match (&delay.clock, &delay.fact) {
                    (Some(clock), None) => {
                        self.undeclared(clock, "clock", &known.clocks);
                        Late::Clock(clock.value.clone())
                    }
                    (None, Some(fact)) if fact.value == "service_delay" => Late::ServiceDelay,
                    (None, Some(fact)) => {
                        self.at(
                            fact,
                            format!("`{}` is not a fact a delay can measure", fact.value),
                            Some("write `fact: service_delay`".into()),
                        );
                        Late::ServiceDelay
                    }
                    _ => {
                        self.at_text(
                            name,
                            format!("the delay of standard `{name}` must name a `clock` or a `fact`, not both or neither"),
                            "write `delay: {clock: handle, over: 24h}` or `delay: {fact: service_delay, over: 24h}`".into(),
                        );
                        Late::ServiceDelay
                    }
                };
                DelaySpec {
                    of,
                    over: self.duration(&delay.over),
                }
            });
            let remedy = &standard.remedy;
            if let Some(apology) = &remedy.apology {
                self.undeclared(apology, "ladder level or role", &known.roles);
            }
            if *remedy == schema::RemedySpec::default() {
                self.at_text(name, format!("standard `{name}` gives no remedy"), "give at least one of refund, multiple, fixed, coupon, exchange, repair, free_service, apology, loss".into());
            }
            if let Some(catch_all) = written.standards[..i]
                .iter()
                .find(|s| s.when == When::default() && s.delay.is_none())
            {
                self.at_text(name, format!("standard `{name}` is unreachable: `{}` before it applies to every complaint", catch_all.name), "move the catch-all standard last".into());
            }
            standards.push(StandardSpec {
                name: name.clone(),
                when: standard.when.clone(),
                delay,
                remedy: RemedySpec {
                    refund: remedy.refund,
                    multiple: remedy.multiple,
                    floor: remedy.floor,
                    fixed: remedy.fixed,
                    coupon: remedy.coupon,
                    exchange: remedy.exchange,
                    repair: remedy.repair,
                    free_service: remedy.free_service,
                    apology: remedy.apology.as_ref().map(|a| a.value.clone()),
                    loss: remedy.loss,
                },
                also: standard.also,
            });
        }
        let uplift = written.uplift.as_ref().map(|uplift| {
            for approver in &uplift.approvals {
                self.undeclared(approver, "ladder level or role", &known.roles);
            }
            UpliftSpec {
                max_percent: uplift.max_percent,
                approvals: uplift.approvals.iter().map(|a| a.value.clone()).collect(),
            }
        });
        CompensationSpec {
            standards,
            uplift,
            revisions: written.revisions,
            at_least_standard: written.at_least_standard,
        }
    }

    /// A rulebook declares at least one channel, category and ladder level.
    fn lists_declared(&mut self, written: &schema::Rulebook) {
        for (empty, list, help) in [
            (written.channels.is_empty(), "channels", "channel"),
            (written.categories.is_empty(), "categories", "category"),
            (written.ladder.is_empty(), "ladder levels", "ladder level"),
        ] {
            if empty {
                self.problems.push(
                    self.source
                        .error(format!("the rulebook declares no {list}"), None, "")
                        .with_help(Some(format!("add at least one {help}"))),
                );
            }
        }
    }

    /// The calendar: its base loaded in `zone`, with the business hours and the rulebook's own
    /// days off and make-up days, each checked.
    fn calendar(
        &mut self,
        written: &schema::CalendarSpec,
        files: Option<&dyn Files>,
        zone: chrono_tz::Tz,
    ) -> Option<Calendar> {
        match Calendar::load(&written.base.value, files, zone) {
            Ok(calendar) => {
                let hours = written.business_hours.as_ref().and_then(|h| {
                    parse_hours(&h.value)
                        .map_err(|message| {
                            self.at(
                                h,
                                message,
                                Some("write times as \"09:00\", with open before close".into()),
                            )
                        })
                        .ok()
                });
                let mut calendar = calendar
                    .with_business_hours(hours)
                    .with_roll(written.roll_to_working_day);
                let declared = calendar.declare(&written.holidays, &written.makeup_workdays);
                self.problems
                    .extend(declared.into_iter().map(|p| p.located(self.source)));
                Some(calendar)
            }
            Err(Error::Problems(inner)) => {
                self.problems.extend(inner.problems);
                None
            }
            Err(err) => {
                self.at(
                    &written.base,
                    err.to_string(),
                    Some("use cn, gb-eaw, or a calendar file's path".into()),
                );
                None
            }
        }
    }

    /// The clocks with their limits parsed; an extension counts in the unit of the limit.
    fn clock_limits(&mut self, clocks: Vec<schema::ClockSpec>) -> Vec<ClockSpec> {
        let mut compiled = Vec::new();
        for clock in clocks {
            // A clock with neither was reported by `Check::recurrence`.
            let limit = match (&clock.every, &clock.limit) {
                (Some(every), _) => self.duration(every),
                (None, Some(limit)) => self.duration(limit),
                (None, None) => Duration::new(0, Unit::Minutes),
            };
            let mut limits = std::collections::BTreeMap::new();
            for (key, value) in &clock.limits {
                limits.insert(key.clone(), self.duration(value));
            }
            let extend = clock.extend.map(|spec| {
                let max = self.duration(&spec.max);
                if max.unit != limit.unit {
                    self.at(
                        &spec.max,
                        format!(
                            "clock `{}` counts in {limit}, but may be extended to {max}",
                            clock.id.value
                        ),
                        Some("count the maximum in the limit's unit".into()),
                    );
                }
                Extension {
                    max,
                    approvers: values(spec.approvers),
                    grades: values(spec.grades),
                }
            });
            compiled.push(ClockSpec {
                id: clock.id.value,
                name: clock.name,
                when: clock.when,
                start: clock.start.value,
                stop: values(clock.stop),
                limit,
                until: values(clock.until),
                by: clock.by,
                limits,
                warn: clock.warn,
                pause: values(clock.pause),
                resume: values(clock.resume),
                extend,
                escalate_on_breach: clock.escalate_on_breach,
                until_paid: clock.until_paid,
            });
        }
        compiled
    }
}

fn parse_hours(spec: &schema::HoursSpec) -> Result<BusinessHours, String> {
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
