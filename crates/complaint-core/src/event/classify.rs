//! `classify`: tier and grade decided, by the rulebook's rules or by a person's override.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::classify;
use crate::error::{Error, Refusal};
use crate::said;
use crate::rulebook::Rulebook;

/// Tier and grade decided. Without a reason it records what the rulebook's rules decided; with
/// one it is a person's override, which stands over the rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Classify {
    /// The tier code; in a request, the tier to override with (neither tier nor grade: apply the rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// The grade code; in a request, the grade to override with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// Why a person overrode the rules; required with an override, refused without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Classify {
    /// The tier and grade codes it sets.
    pub fn classified(&self) -> Vec<&str> {
        [&self.tier, &self.grade]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect()
    }
}

impl Kind for Classify {
    const NAME: &'static str = "classify";
    const VERB: &'static str = "classify";
    const VERB_ZH: &'static str = "定级";
    /// Apply the rulebook's rules (no values), or override tier and/or grade with a reason.
    type Request = Classify;

    fn decide(request: Classify, cx: &Context) -> Result<Classify, Error> {
        let Classify {
            tier,
            grade,
            reason,
        } = request;
        // A tier or grade typed as its name or in another case means its code.
        let code = |typed: Option<String>, list| {
            typed.map(|t| cx.rulebook.code_for(list, &t).unwrap_or(t))
        };
        let tier = code(tier, crate::rulebook::CodeList::Tier);
        let grade = code(grade, crate::rulebook::CodeList::Grade);
        let overriding = tier.is_some() || grade.is_some();
        if overriding && reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(cx.refuse(
                Refusal::OverrideWithoutReason,
                said!("an override needs a reason", "人工改定需要说明原因"),
                said!("say why; the reason is recorded", "请说明原因；原因会被记录"),
            ));
        }
        if !overriding && reason.is_some() {
            return Err(cx.refuse(
                Refusal::ReasonWithoutOverride,
                said!(
                    "a reason was given but nothing to override",
                    "给出了原因，却没有要改定的内容"
                ),
                said!(
                    "give a tier and/or grade with a reason, or neither to apply the rules",
                    "请连同原因给出层级和/或等级，或两者都不给以按规则判定"
                ),
            ));
        }
        let rulebook = cx.rulebook;
        for (value, declared, what, whats) in [
            (
                &tier,
                &rulebook.tiers,
                said!("tier", "层级"),
                said!("tiers", "层级"),
            ),
            (
                &grade,
                &rulebook.grades,
                said!("grade", "等级"),
                said!("grades", "等级"),
            ),
        ] {
            if let Some(value) = value
                .as_deref()
                .filter(|v| !declared.iter().any(|c| c.code == *v))
            {
                let known: Vec<&str> = declared.iter().map(|c| c.code.as_str()).collect();
                let known = known.join(", ");
                return Err(cx.refuse(
                    Refusal::Unknown,
                    said!(
                        "`{value}` is not a {what} of the rulebook",
                        "`{value}` 不是规则中的{what}";
                        what
                    ),
                    said!("{whats}: {known}", "{whats}：{known}"; whats),
                ));
            }
        }
        if overriding {
            return Ok(Classify {
                tier,
                grade,
                reason,
            });
        }
        let standing = classify::standing(cx.complaint, &cx.state, rulebook);
        Ok(Classify {
            tier: standing.tier().map(str::to_string),
            grade: standing.grade().map(str::to_string),
            reason: None,
        })
    }

    fn request(&self) -> Classify {
        match &self.reason {
            Some(_) => self.clone(),
            // Applying the rules again is what recorded it.
            None => Classify {
                tier: None,
                grade: None,
                reason: None,
            },
        }
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        let what = self.classified();
        let how = if self.reason.is_some() {
            "reclassified"
        } else {
            "classified"
        };
        let what = if what.is_empty() {
            "unclassified".to_string()
        } else {
            what.join("/")
        };
        format!("{how} as {what} by {by}")
    }

    fn details(&self, _: &Rulebook) -> String {
        let what = self.classified().join(" · ");
        match &self.reason {
            Some(reason) => format!("{what} (override: {reason})"),
            None => format!("{what} (by the rules)"),
        }
    }
}
