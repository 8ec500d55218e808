//! Tiers and grades from the rulebook's ordered rules: the first rule whose conditions hold
//! decides. Staff may override with a reason (a `classify` event), and the override stands.

use serde::Serialize;

use crate::model::{Action, Complaint};
use crate::rulebook::{Rule, Rulebook, When};
use crate::state::State;

/// Whether a rule's conditions hold for a complaint: its facts, and the responsibility its
/// latest investigation found.
pub fn holds(when: &When, complaint: &Complaint) -> bool {
    let facts = &complaint.facts;
    let any = |wanted: &[String], have: Option<&str>| {
        wanted.is_empty() || have.is_some_and(|h| wanted.iter().any(|w| w == h))
    };
    any(&when.category, facts.category.as_deref())
        && any(&when.channel, facts.channel.as_deref())
        && any(&when.responsibility, responsibility(complaint))
        && (when.subject.is_empty()
            || facts
                .subject
                .kind
                .is_some_and(|k| when.subject.contains(&k)))
        && (when.flags.is_empty() || when.flags.iter().any(|f| facts.flags.contains(f)))
        && (when.words.is_empty() || {
            // Built only for rules with words: this runs for every rule and every record.
            let text = format!(
                "{} {}",
                facts.description.as_deref().unwrap_or_default(),
                facts.demand.as_deref().unwrap_or_default()
            );
            when.words.iter().any(|w| text.contains(w.as_str()))
        })
        && when
            .claimed_at_least
            .is_none_or(|min| facts.claimed.is_some_and(|c| c >= min))
        && when
            .price_at_least
            .is_none_or(|min| facts.price.is_some_and(|p| p >= min))
        && when
            .merchant
            .is_none_or(|named| facts.merchant.is_some() == named)
        && when
            .referred
            .is_none_or(|referred| facts.referred_by.is_some() == referred)
        && when.all.iter().all(|w| holds(w, complaint))
        && (when.any.is_empty() || when.any.iter().any(|w| holds(w, complaint)))
        && when.not.as_deref().is_none_or(|w| !holds(w, complaint))
        && when.known_years_before.is_none_or(|years| {
            // The complaint came after the limitation period from the day the harm was known.
            let received = complaint.received_at.date_naive();
            facts.known_at.is_some_and(|known| {
                known
                    .checked_add_months(chrono::Months::new(12 * years))
                    .is_some_and(|limit| received > limit)
            })
        })
}

/// Who the latest investigation found responsible.
pub fn responsibility(complaint: &Complaint) -> Option<&str> {
    complaint.in_force().rev().find_map(|e| match &e.action {
        Action::Find(crate::event::Find { responsibility, .. }) => Some(responsibility.as_str()),
        _ => None,
    })
}

/// The first rule that holds, with its position.
pub fn first_match<'r>(rules: &'r [Rule], complaint: &Complaint) -> Option<(usize, &'r Rule)> {
    rules
        .iter()
        .enumerate()
        .find(|(_, rule)| holds(&rule.when, complaint))
}

/// How a tier or grade was decided.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum Basis {
    /// By the rulebook rule with this name (1-based position).
    Rule {
        /// The rule's 1-based position among the tier or grade rules.
        number: usize,
        /// The rule's name.
        name: String,
    },
    /// Set by a person, with a reason.
    Override {
        /// Who set it: the `classify` event's actor.
        who: String,
        /// Why, as they wrote it.
        reason: String,
    },
}

/// A tier or grade with how it was decided.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Decided {
    /// The tier or grade code the rulebook declares (`ordinary`, `t2`).
    pub code: String,
    /// Whether a rule or a person decided it.
    pub basis: Basis,
}

/// Where a complaint stands under the rulebook: tier, grade and ladder level.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Standing {
    /// The tier, if the rulebook has tiers and a rule or an override gave one.
    pub tier: Option<Decided>,
    /// The grade, if the rulebook has grades and a rule or an override gave one.
    pub grade: Option<Decided>,
    /// The current ladder level's code.
    pub level: String,
}

impl Standing {
    /// The tier's code, if any.
    pub fn tier(&self) -> Option<&str> {
        self.tier.as_ref().map(|d| d.code.as_str())
    }

    /// The grade's code, if any.
    pub fn grade(&self) -> Option<&str> {
        self.grade.as_ref().map(|d| d.code.as_str())
    }
}

/// Decides tier, grade and level: the latest override where there is one, else the rules.
pub fn standing(complaint: &Complaint, state: &State, rulebook: &Rulebook) -> Standing {
    // Each list of rules is matched once: for the decision and for the entry level.
    let grade_rule = first_match(&rulebook.classify.grade, complaint);
    let tier_rule = first_match(&rulebook.classify.tier, complaint);
    let by_rule = |matched: Option<(usize, &Rule)>| {
        matched.map(|(i, rule)| Decided {
            code: rule.then.clone(),
            basis: Basis::Rule {
                number: i + 1,
                name: rule.name.clone(),
            },
        })
    };
    let overridden = |pick: fn(&Action) -> Option<&String>| {
        complaint.in_force().rev().find_map(|event| {
            let code = pick(&event.action)?;
            let Action::Classify(crate::event::Classify {
                reason: Some(reason),
                ..
            }) = &event.action
            else {
                return None;
            };
            Some(Decided {
                code: code.clone(),
                basis: Basis::Override {
                    who: event.by.clone(),
                    reason: reason.clone(),
                },
            })
        })
    };
    let tier = overridden(|a| match a {
        Action::Classify(crate::event::Classify { tier, .. }) => tier.as_ref(),
        _ => None,
    })
    .or_else(|| by_rule(tier_rule));
    let grade = overridden(|a| match a {
        Action::Classify(crate::event::Classify { grade, .. }) => grade.as_ref(),
        _ => None,
    })
    .or_else(|| by_rule(grade_rule));
    // Urgent complaints can start higher up: the deciding rule may name an entry level. A grade
    // or tier a person sets sends the complaint where the rules send complaints of that grade,
    // but never lower than the rules already put it: only escalation moves a complaint.
    let rule_level = |rules: &[Rule], pick: &dyn Fn(&Rule) -> bool| {
        rules
            .iter()
            .find(|r| pick(r) && r.level.is_some())
            .and_then(|r| r.level.as_ref())
            .cloned()
    };
    let by_rules = [grade_rule, tier_rule]
        .into_iter()
        .find_map(|matched| matched.and_then(|(_, r)| r.level.as_ref()))
        .cloned();
    let overridden_to = |decided: &Option<Decided>, rules: &[Rule]| match decided {
        Some(Decided {
            code,
            basis: Basis::Override { .. },
        }) => rule_level(rules, &|r: &Rule| r.then == *code),
        _ => None,
    };
    let by_override = overridden_to(&grade, &rulebook.classify.grade)
        .or_else(|| overridden_to(&tier, &rulebook.classify.tier));
    let position = |level: &Option<String>| {
        level
            .as_deref()
            .and_then(|l| rulebook.level(l))
            .map_or(0, |(i, _)| i)
    };
    let entry = if position(&by_override) > position(&by_rules) {
        by_override
    } else {
        by_rules
    };
    let entry = entry
        .or_else(|| rulebook.ladder.first().map(|l| l.code.clone()))
        .unwrap_or_default();
    Standing {
        tier,
        grade,
        level: state.level.clone().unwrap_or(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    const RULEBOOK: &str = "rulebook: t\nversion: '1'\norganisation: t\ndescription: t\n\
        channels: [{code: chat, name: 在线客服}]\ncategories: [{code: CQ01, name: 商品质量问题}, {code: CQ08, name: 个人信息保护问题}]\n\
        grades: [{code: general, name: 一般}, {code: major, name: 重大}, {code: urgent, name: 紧急}]\n\
        flags: [{code: safety, name: 产品安全}, {code: privacy, name: 隐私泄露}]\n\
        ladder: [{code: agent, name: 客服}, {code: dept, name: 部门负责人}, {code: senior, name: 高级管理层}]\n\
        calendar: {base: cn}\n\
        classify: {grade: [\
          {name: 安全或隐私, when: {flags: [safety, privacy]}, then: urgent, level: dept}, \
          {name: 大额索赔, when: {claimed_at_least: '10000'}, then: major}, \
          {name: 其他, then: general}]}\n";

    fn complaint(flags: &[&str], claimed: Option<&str>) -> Complaint {
        let facts = crate::model::Facts {
            category: Some("CQ01".into()),
            flags: flags.iter().map(|f| f.to_string()).collect(),
            claimed: claimed.map(|c| c.parse().unwrap()),
            ..crate::model::Facts::default()
        };
        let at = "2026-09-30T10:00:00+08:00".parse().unwrap();
        Complaint {
            id: crate::id::ComplaintId::generate(
                chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
            )
            .unwrap(),
            received_at: at,
            rulebook: crate::model::RulebookRef {
                name: "t".into(),
                version: "1".into(),
            },
            facts,
            history: vec![crate::model::Event {
                at,
                by: "王芳".into(),
                action: Action::Received,
            }],
        }
    }

    /// Asserts the grade and entry level of a complaint with each case's flags and claim.
    fn assert_grades(rulebook: &Rulebook, cases: &[(Vec<&str>, Option<&str>, &str, &str)]) {
        for (flags, claimed, grade, level) in cases {
            let c = complaint(flags, *claimed);
            let standing = standing(&c, &State::of(&c), rulebook);
            assert_eq!(
                (standing.grade(), standing.level.as_str()),
                (Some(*grade), *level),
                "{flags:?} {claimed:?}"
            );
        }
    }

    #[test]
    fn the_first_matching_rule_decides_and_urgent_ones_start_higher() {
        let rulebook = Rulebook::load(Source::new("t.yaml", RULEBOOK)).unwrap();
        let cases = [
            (vec!["privacy"], None, "urgent", "dept"),
            (vec!["safety"], Some("50000"), "urgent", "dept"),
            (vec![], Some("10000"), "major", "agent"),
            (vec![], Some("9999.99"), "general", "agent"),
            (vec![], None, "general", "agent"),
        ];
        assert_grades(&rulebook, &cases);
    }

    /// `all`, `any` and `not` (rulebook format 2) at any depth, against the flags and the
    /// amount claimed: each case worked out from the rule by hand.
    #[test]
    fn combined_conditions_hold_as_their_logic_says() {
        let rules = "format: 2\n".to_string()
            + &RULEBOOK.replace(
                "{name: 安全或隐私, when: {flags: [safety, privacy]}, then: urgent, level: dept}, ",
                "{name: 安全且隐私, when: {all: [{flags: [safety]}, {flags: [privacy]}]}, then: urgent, level: senior}, \
                 {name: 安全但未索赔, when: {flags: [safety], not: {claimed_at_least: '0.01'}}, then: urgent, level: dept}, \
                 {name: 隐私或大额, when: {any: [{flags: [privacy]}, {all: [{claimed_at_least: '5000'}, {not: {flags: [safety]}}]}]}, then: major}, ",
            );
        let rulebook = Rulebook::load(Source::new("t.yaml", rules.as_str())).unwrap();
        let cases = [
            // Both flags: the first rule, whatever is claimed.
            (vec!["safety", "privacy"], Some("50000"), "urgent", "senior"),
            // Safety alone, nothing claimed: the second rule.
            (vec!["safety"], None, "urgent", "dept"),
            // Safety alone with a claim: not the second; the third wants privacy, or a claim of
            // 5000 without safety: neither. The old 大额索赔 (10000) holds.
            (vec!["safety"], Some("20000"), "major", "agent"),
            (vec!["safety"], Some("6000"), "general", "agent"),
            // Privacy alone: the third rule's first branch.
            (vec!["privacy"], None, "major", "agent"),
            // No flag, 5000 claimed: the third rule's second branch (5000 and not safety).
            (vec![], Some("5000"), "major", "agent"),
            (vec![], Some("4999.99"), "general", "agent"),
        ];
        assert_grades(&rulebook, &cases);
    }

    /// `referred` (format 2): a complaint another department handed over, by `referred_by`.
    #[test]
    fn a_referred_complaint_meets_referred() {
        let rules = "format: 2\n".to_string()
            + &RULEBOOK.replace(
                "{name: 大额索赔, when: {claimed_at_least: '10000'}, then: major}, ",
                "{name: 他部门转来, when: {referred: true}, then: major}, ",
            );
        let rulebook = Rulebook::load(Source::new("t.yaml", rules.as_str())).unwrap();
        let mut referred = complaint(&[], None);
        referred.facts.referred_by = Some("财务部".into());
        let direct = complaint(&[], None);
        for (c, grade) in [(&referred, "major"), (&direct, "general")] {
            let standing = standing(c, &State::of(c), &rulebook);
            assert_eq!(standing.grade(), Some(grade), "{:?}", c.facts.referred_by);
        }
    }

    #[test]
    fn combined_conditions_need_format_2_and_a_rule_that_cannot_hold_is_found() {
        let combined = RULEBOOK.replace(
            "when: {flags: [safety, privacy]}",
            "when: {all: [{flags: [safety]}, {flags: [privacy]}]}",
        );
        let err = Rulebook::load(Source::new("t.yaml", combined.as_str())).unwrap_err();
        let text = format!("{:?}", miette::Report::new(err));
        assert!(
            text.contains("`all` is a key of rulebook format 2, and this file is format 1")
                && text.contains("add `format: 2`"),
            "{text}"
        );
        let unknown = format!("format: 3\n{RULEBOOK}");
        let err = Rulebook::load(Source::new("t.yaml", unknown.as_str())).unwrap_err();
        let text = format!("{:?}", miette::Report::new(err));
        assert!(
            text.contains("rulebook format 3 is not one this program reads"),
            "{text}"
        );
        // A condition and its denial together: no complaint meets it.
        let never = format!(
            "format: 2\n{}",
            RULEBOOK.replace(
                "when: {flags: [safety, privacy]}",
                "when: {all: [{flags: [safety]}, {not: {flags: [safety]}}]}",
            )
        );
        let err = Rulebook::load(Source::new("t.yaml", never.as_str())).unwrap_err();
        let text = format!("{:?}", miette::Report::new(err));
        assert!(
            text.contains("grade rule `安全或隐私` can never decide"),
            "{text}"
        );
        let v1 = Rulebook::load(Source::new("t.yaml", RULEBOOK)).unwrap();
        assert_eq!(v1.format, 1);
    }

    #[test]
    fn an_override_with_a_reason_stands_over_the_rules() {
        let rulebook = Rulebook::load(Source::new("t.yaml", RULEBOOK)).unwrap();
        let mut c = complaint(&[], None);
        let at = "2026-09-30T11:00:00+08:00".parse().unwrap();
        let action = Action::Classify(crate::event::Classify {
            tier: None,
            grade: Some("major".into()),
            reason: Some("媒体关注".into()),
        });
        c.history.push(crate::model::Event {
            at,
            by: "李娜".into(),
            action,
        });
        let standing = standing(&c, &State::of(&c), &rulebook);
        assert_eq!(standing.grade(), Some("major"));
        assert_eq!(
            standing.grade.unwrap().basis,
            Basis::Override {
                who: "李娜".into(),
                reason: "媒体关注".into()
            }
        );
    }
}
