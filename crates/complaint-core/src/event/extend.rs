//! `extend`: a clock's limit lengthened, with approval (S2: 15 → at most 30 working days).

use serde::{Deserialize, Serialize};

use super::{Actor, Context, Kind};
use crate::classify;
use crate::clock::{self, ClockStatus};
use crate::duration::Duration;
use crate::error::{Error, Refusal};
use crate::model::{Complaint, Timestamp};
use crate::rulebook::Rulebook;
use crate::state::State;

/// A clock's limit extended, with approval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    type Request = Extend;

    fn decide(request: Extend, cx: &Context) -> Result<Extend, Error> {
        cx.open()?;
        cx.blank("reason", &request.reason)?;
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
) -> Result<(), (Refusal, String, Option<String>)> {
    let Some(spec) = rulebook.clock(clock) else {
        let ids: Vec<&str> = rulebook.clocks.iter().map(|c| c.id.as_str()).collect();
        return Err((
            Refusal::Unknown,
            format!("the rulebook has no clock `{clock}`"),
            Some(format!("clocks: {}", ids.join(", "))),
        ));
    };
    let Some(rule) = &spec.extend else {
        return Err((
            Refusal::NotExtendable,
            format!("clock `{clock}` ({}) cannot be extended", spec.name),
            None,
        ));
    };
    let standing = classify::standing(complaint, state, rulebook);
    if !rule.grades.is_empty()
        && !standing
            .grade()
            .is_some_and(|g| rule.grades.iter().any(|r| r == g))
    {
        return Err((
            Refusal::NotExtendable,
            format!("`{clock}` may be extended only for grades {}, and this complaint is {}", rule.grades.join(", "), standing.grade().unwrap_or("ungraded")),
            Some("reclassify it first if its grade is wrong".into()),
        ));
    }
    if to.unit != rule.max.unit || to.amount > rule.max.amount {
        return Err((
            Refusal::ExtensionOutOfRange,
            format!(
                "{to} is beyond what `{clock}` may be extended to ({})",
                rule.max
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
        return Err((
            Refusal::NotAuthorised,
            format!("{} may not approve an extension", actor.name),
            Some(format!(
                "it takes {}; staff roles are listed under `staff:` in complaint.yaml",
                who.join(" or ")
            )),
        ));
    }
    let Some(current) = clock::evaluate(complaint, &standing, rulebook, now)
        .into_iter()
        .find(|c| c.clock == clock)
    else {
        return Err((
            Refusal::NotExtendable,
            format!("clock `{clock}` does not apply to this complaint"),
            None,
        ));
    };
    if to.amount <= current.limit.amount {
        return Err((
            Refusal::ExtensionOutOfRange,
            format!("the limit is already {}", current.limit),
            Some("an extension must lengthen it".into()),
        ));
    }
    match current.status {
        ClockStatus::Breached => Err((
            Refusal::DeadlinePassed,
            format!(
                "`{clock}` was due at {} and has run out",
                current.due.map(|d| crate::model::to_second(&d.at)).unwrap_or_default()
            ),
            Some("an extension must be approved before the deadline".into()),
        )),
        ClockStatus::Met | ClockStatus::MetLate => {
            Err((
                Refusal::DeadlinePassed,
                format!("`{clock}` has already stopped"),
                None,
            ))
        }
        _ => Ok(()),
    }
}
