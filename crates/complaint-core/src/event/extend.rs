//! `extend`: a clock's limit lengthened, with approval (S2: 15 → at most 30 working days).

use serde::{Deserialize, Serialize};

use super::{Actor, Context, Kind};
use crate::classify;
use crate::clock::{self, ClockStatus};
use crate::duration::Duration;
use crate::error::{Error, Refusal};
use crate::said;
use crate::said::Said;
use crate::model::{Complaint, Timestamp};
use crate::rulebook::Rulebook;
use crate::state::State;

/// A clock's limit extended, with approval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Extend {
    /// The id of the clock extended (`handle`).
    pub clock: String,
    /// Its new limit (`30wd`): within the clock's maximum, in the same unit, and longer than before.
    pub to: Duration,
    /// Why it needs longer; must not be empty.
    pub reason: String,
}

impl Kind for Extend {
    const NAME: &'static str = "extend";
    const VERB: &'static str = "extend a deadline of";
    const VERB_ZH: &'static str = "延长时限";
    type Request = Extend;

    fn decide(request: Extend, cx: &Context) -> Result<Extend, Error> {
        cx.open()?;
        cx.blank(said!("reason", "原因"), &request.reason)?;
        allowed(
            cx.complaint,
            &cx.state,
            cx.rulebook,
            cx.actor,
            cx.now,
            &request.clock,
            request.to,
        )
        .map_err(|(refusal, reason, help)| cx.refuse(refusal, reason, help))?;
        Ok(request)
    }

    fn request(&self) -> Extend {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("{} extended to {} by {by}", self.clock, self.to)
    }

    fn details(&self, _: &Rulebook) -> String {
        format!("{} → {}: {}", self.clock, self.to, self.reason)
    }
}

/// Whether `actor` may extend `clock` to `to` now: the clock allows it, the new limit is
/// within its maximum and counted the same way, the actor holds an approving role, and the
/// clock has not already run out.
fn allowed(
    complaint: &Complaint,
    state: &State,
    rulebook: &Rulebook,
    actor: Actor,
    now: Timestamp,
    clock: &str,
    to: Duration,
) -> Result<(), (Refusal, Said, Option<Said>)> {
    let Some(spec) = rulebook.clock(clock) else {
        let ids: Vec<&str> = rulebook.clocks.iter().map(|c| c.id.as_str()).collect();
        let ids = ids.join(", ");
        return Err((
            Refusal::Unknown,
            said!(
                "the rulebook has no clock `{clock}`",
                "规则中没有时限 `{clock}`"
            ),
            Some(said!("clocks: {ids}", "时限：{ids}")),
        ));
    };
    let name = &spec.name;
    let Some(rule) = &spec.extend else {
        return Err((
            Refusal::NotExtendable,
            said!(
                "clock `{clock}` ({name}) cannot be extended",
                "时限 `{clock}`（{name}）不能延长"
            ),
            None,
        ));
    };
    let standing = classify::standing(complaint, state, rulebook);
    if !rule.grades.is_empty()
        && !standing
            .grade()
            .is_some_and(|g| rule.grades.iter().any(|r| r == g))
    {
        let grades = rule.grades.join(", ");
        let grade = match standing.grade() {
            Some(grade) => Said::new(grade, grade),
            None => said!("ungraded", "未定级"),
        };
        return Err((
            Refusal::NotExtendable,
            said!(
                "`{clock}` may be extended only for grades {grades}, and this complaint is {grade}",
                "`{clock}` 只能为等级 {grades} 的投诉延长，而本投诉是 {grade}";
                grade
            ),
            Some(said!(
                "reclassify it first if its grade is wrong",
                "如果等级有误，请先重新定级"
            )),
        ));
    }
    if to.unit != rule.max.unit || to.amount > rule.max.amount {
        let max = rule.max;
        return Err((
            Refusal::ExtensionOutOfRange,
            said!(
                "{to} is beyond what `{clock}` may be extended to ({max})",
                "{to} 超出了 `{clock}` 可延长到的上限（{max}）"
            ),
            None,
        ));
    }
    if !actor.roles.iter().any(|r| rule.approvers.contains(r)) {
        let who: Vec<String> = rule
            .approvers
            .iter()
            .map(|a| format!("{} ({a})", rulebook.level_name(a)))
            .collect();
        let name = actor.name;
        let who = Said::new(who.join(" or "), who.join(" 或 "));
        return Err((
            Refusal::NotAuthorised,
            said!(
                "{name} may not approve an extension",
                "{name}无权批准延长时限"
            ),
            Some(said!(
                "it takes {who}; staff roles are listed in staff.yaml (or under `staff:` in complaint.yaml)",
                "须由{who}批准；员工的角色列在 staff.yaml（或 complaint.yaml 的 `staff:`）中";
                who
            )),
        ));
    }
    let Some(current) = clock::evaluate(complaint, &standing, rulebook, now)
        .into_iter()
        .find(|c| c.clock == clock)
    else {
        return Err((
            Refusal::NotExtendable,
            said!(
                "clock `{clock}` does not apply to this complaint",
                "时限 `{clock}` 不适用于本投诉"
            ),
            None,
        ));
    };
    if to.amount <= current.limit.amount {
        let limit = current.limit;
        return Err((
            Refusal::ExtensionOutOfRange,
            said!("the limit is already {limit}", "时限已是 {limit}"),
            Some(said!(
                "an extension must lengthen it",
                "延长后的时限必须更长"
            )),
        ));
    }
    match current.status {
        ClockStatus::Breached => {
            let due = current
                .due
                .map(|d| crate::model::to_second(&d.at))
                .unwrap_or_default();
            Err((
                Refusal::DeadlinePassed,
                said!(
                    "`{clock}` was due at {due} and has run out",
                    "`{clock}` 已于 {due} 到期，时限已过"
                ),
                Some(said!(
                    "an extension must be approved before the deadline",
                    "延长须在期限届满前批准"
                )),
            ))
        }
        ClockStatus::Met | ClockStatus::MetLate => Err((
            Refusal::DeadlinePassed,
            said!("`{clock}` has already stopped", "`{clock}` 已经停止计时"),
            None,
        )),
        _ => Ok(()),
    }
}
