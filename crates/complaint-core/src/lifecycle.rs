//! Which moves are legal: a [`Request`] is checked against the complaint's derived state, the
//! rulebook and the actor's roles before it becomes an event. A refused move is an
//! [`Error::Illegal`] and nothing is written.

use crate::classify;
use crate::clock::{self, ClockStatus};
use crate::compensation::{self, Ledger};
use crate::duration::Duration;
use crate::error::Error;
use crate::model::{Action, Complaint, Decision, Timestamp};
use crate::rulebook::Rulebook;
use crate::state::{State, Status};

/// What a user asks for; the library fills in what only it knows (ladder levels, the rules'
/// classification). Scenario files write requests as `do: NAME` with the fields beside it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(tag = "do", rename_all = "snake_case", deny_unknown_fields)]
pub enum Request {
    Ack {
        /// Who handles it; the actor when not given.
        #[serde(default)]
        handler: Option<String>,
        contact: String,
        promised: Option<chrono::NaiveDate>,
    },
    Assign {
        to: String,
    },
    /// One level up; `clock` when a breached clock escalates it automatically.
    Escalate {
        reason: String,
        clock: Option<String>,
    },
    Note {
        text: String,
    },
    Close {
        outcome: String,
        satisfaction: Option<u8>,
    },
    Reopen {
        reason: String,
    },
    /// Apply the rulebook's rules (no values), or override tier and/or grade with a reason.
    Classify {
        tier: Option<String>,
        grade: Option<String>,
        reason: Option<String>,
    },
    Plan {
        summary: String,
    },
    Find {
        responsibility: String,
        facts: String,
        #[serde(default)]
        evidence: Vec<String>,
        /// The lead handler; the actor when not given.
        #[serde(default)]
        lead: Option<String>,
        #[serde(default)]
        departments: Vec<String>,
    },
    /// Offer the standard remedy, or `amount` (within the rulebook's cap).
    Offer {
        amount: Option<crate::money::Money>,
    },
    Approve,
    Dispute {
        reason: String,
    },
    Agree {
        note: Option<String>,
    },
    Pay {
        kind: String,
        amount: Option<crate::money::Money>,
        reference: Option<String>,
        /// Who pays where it is not the organisation (`merchant`), or `None`.
        payer: Option<String>,
        /// Paid in advance for the merchant by the rulebook's advance payer.
        #[serde(default)]
        advance: bool,
    },
    /// The mall's mediation: both parties' answers, and the amount the merchant is to pay.
    Mediate {
        customer: crate::model::Answer,
        merchant: crate::model::Answer,
        amount: Option<crate::money::Money>,
    },
    /// The consumer association's or court's decision after a referral.
    Ruling {
        body: String,
        decision: String,
        amount: crate::money::Money,
    },
    /// The merchant repaid what was paid in advance for it.
    Recover {
        amount: crate::money::Money,
    },
    Feedback {
        message: String,
    },
    Followup {
        comment: String,
        satisfaction: Option<u8>,
        #[serde(default)]
        key_customer: bool,
    },
    /// Record that personal data was shown unmasked, and by which command.
    Reveal {
        command: String,
    },
    Pause {
        reason: String,
    },
    Resume {
        reason: Option<String>,
    },
    Extend {
        clock: String,
        to: Duration,
        reason: String,
    },
    /// Settle a semantic conflict: keep or drop the event of this kind, time and author.
    Resolve {
        conflict: String,
        conflict_at: crate::model::Timestamp,
        conflict_by: String,
        keep: bool,
        reason: String,
    },
}

impl Request {
    pub fn verb(&self) -> &'static str {
        match self {
            Request::Ack { .. } => "acknowledge",
            Request::Assign { .. } => "assign",
            Request::Escalate { .. } => "escalate",
            Request::Note { .. } => "add a note to",
            Request::Resolve { .. } => "resolve a conflict on",
            Request::Close { .. } => "close",
            Request::Reopen { .. } => "reopen",
            Request::Classify { .. } => "classify",
            Request::Plan { .. } => "record a plan for",
            Request::Find { .. } => "record findings for",
            Request::Offer { .. } => "make an offer on",
            Request::Approve => "approve the offer on",
            Request::Dispute { .. } => "record a dispute on",
            Request::Agree { .. } => "record the customer's agreement to",
            Request::Pay { .. } => "record the execution of",
            Request::Mediate { .. } => "record a mediation of",
            Request::Ruling { .. } => "record a ruling on",
            Request::Recover { .. } => "record a recovery for",
            Request::Feedback { .. } => "record feedback on",
            Request::Followup { .. } => "record a return visit for",
            Request::Reveal { .. } => "reveal the personal data of",
            Request::Pause { .. } => "pause",
            Request::Resume { .. } => "resume",
            Request::Extend { .. } => "extend a deadline of",
        }
    }
}

/// Who acts, and what they may do.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub name: &'a str,
    /// The actor's roles in the book's staff list (ladder level codes or roles).
    pub roles: &'a [String],
}

/// Checks `request` and turns it into the action to record at `now`, or says why not.
pub fn decide(
    complaint: &Complaint,
    rulebook: &Rulebook,
    actor: Actor,
    now: Timestamp,
    request: Request,
) -> Result<Action, Error> {
    let state = State::of(complaint);
    let verb = request.verb();
    let refuse = |reason: String, help: Option<String>| Error::Illegal {
        id: complaint.id.to_string(),
        action: verb,
        reason,
        help,
    };
    let blank = |what: &str, text: &str| {
        if text.trim().is_empty() {
            Err(refuse(
                format!("the {what} is empty"),
                Some("give it some text".into()),
            ))
        } else {
            Ok(())
        }
    };
    let open = || {
        if state.status.is_open() {
            Ok(())
        } else {
            Err(refuse(
                "it is closed".into(),
                Some("reopen it first with `complaint reopen`".into()),
            ))
        }
    };
    let satisfaction_ok = |s: Option<u8>| match s {
        Some(s) if !(1..=5).contains(&s) => Err(refuse(
            "satisfaction must be from 1 (very unhappy) to 5 (very happy)".into(),
            None,
        )),
        _ => Ok(()),
    };
    Ok(match request {
        Request::Ack {
            handler,
            contact,
            promised,
        } => {
            match state.status {
                Status::New => {}
                Status::Closed => open()?,
                _ => {
                    let when = state
                        .acknowledged_at
                        .map(|t| t.to_rfc3339())
                        .unwrap_or_default();
                    return Err(refuse(
                        format!("it was already acknowledged at {when}"),
                        Some("a complaint is acknowledged once; use `complaint note` to tell the customer more".into()),
                    ));
                }
            }
            let handler = handler.unwrap_or_else(|| actor.name.to_string());
            blank("handler's name", &handler)?;
            blank("handler's contact", &contact)?;
            Action::Ack {
                handler,
                contact,
                promised,
            }
        }
        Request::Assign { to } => {
            open()?;
            blank("assignee", &to)?;
            Action::Assign { to }
        }
        Request::Escalate { reason, clock } => {
            open()?;
            blank("reason", &reason)?;
            let from = classify::standing(complaint, &state, rulebook).level;
            let position = rulebook.level(&from).map_or(0, |(i, _)| i);
            let Some(next) = rulebook.ladder.get(position + 1) else {
                return Err(refuse(
                    format!("it is already at the top of the ladder ({})", rulebook.level_name(&from)),
                    Some("the top level gives the final answer; record it with `complaint note` or `complaint close`".into()),
                ));
            };
            Action::Escalate {
                from,
                to: next.code.clone(),
                reason,
                clock,
            }
        }
        Request::Note { text } => {
            blank("note", &text)?;
            Action::Note { text }
        }
        Request::Resolve {
            conflict,
            conflict_at,
            conflict_by,
            keep,
            reason,
        } => {
            blank("reason", &reason)?;
            let Some(event) = complaint.history.iter().find(|e| {
                e.at == conflict_at && e.by == conflict_by && e.action.name() == conflict
            }) else {
                return Err(refuse(
                    format!(
                        "it has no `{conflict}` event by {conflict_by} at {}",
                        conflict_at.to_rfc3339()
                    ),
                    Some("`complaint check` lists the conflicts to resolve".into()),
                ));
            };
            if complaint.is_resolved(event) {
                return Err(refuse(
                    format!("the conflict on its `{conflict}` event is already resolved"),
                    None,
                ));
            }
            Action::Resolve {
                conflict,
                conflict_at,
                conflict_by,
                keep,
                reason,
            }
        }
        Request::Close {
            outcome,
            satisfaction,
        } => {
            match state.status {
                Status::New => {
                    return Err(refuse(
                        "it has not been acknowledged".into(),
                        Some("acknowledge it first with `complaint ack`".into()),
                    ));
                }
                Status::Closed => return Err(refuse("it is already closed".into(), None)),
                _ => {}
            }
            blank("outcome", &outcome)?;
            satisfaction_ok(satisfaction)?;
            Action::Close {
                outcome,
                satisfaction,
            }
        }
        Request::Reopen { reason } => {
            if state.status != Status::Closed {
                return Err(refuse("it is not closed".into(), None));
            }
            blank("reason", &reason)?;
            Action::Reopen { reason }
        }
        Request::Classify {
            tier,
            grade,
            reason,
        } => {
            let overriding = tier.is_some() || grade.is_some();
            if overriding && reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return Err(refuse(
                    "an override needs a reason".into(),
                    Some("say why with --reason; it is recorded".into()),
                ));
            }
            if !overriding && reason.is_some() {
                return Err(refuse(
                    "a reason was given but nothing to override".into(),
                    Some(
                        "give --tier and/or --grade with --reason, or neither to apply the rules"
                            .into(),
                    ),
                ));
            }
            for (value, declared, what) in [
                (&tier, &rulebook.tiers, "tier"),
                (&grade, &rulebook.grades, "grade"),
            ] {
                if let Some(value) = value
                    .as_deref()
                    .filter(|v| !declared.iter().any(|c| c.code == *v))
                {
                    let known: Vec<&str> = declared.iter().map(|c| c.code.as_str()).collect();
                    return Err(refuse(
                        format!("`{value}` is not a {what} of the rulebook"),
                        Some(format!("{what}s: {}", known.join(", "))),
                    ));
                }
            }
            if overriding {
                Action::Classify {
                    tier,
                    grade,
                    reason,
                }
            } else {
                let standing = classify::standing(complaint, &state, rulebook);
                Action::Classify {
                    tier: standing.tier().map(str::to_string),
                    grade: standing.grade().map(str::to_string),
                    reason: None,
                }
            }
        }
        Request::Plan { summary } => {
            open()?;
            blank("plan", &summary)?;
            Action::Plan { summary }
        }
        Request::Find {
            responsibility,
            facts,
            evidence,
            lead,
            departments,
        } => {
            open()?;
            if !rulebook
                .responsibilities
                .iter()
                .any(|r| r.code == responsibility)
            {
                let known: Vec<&str> = rulebook
                    .responsibilities
                    .iter()
                    .map(|r| r.code.as_str())
                    .collect();
                return Err(refuse(
                    format!("`{responsibility}` is not a responsibility of the rulebook"),
                    Some(format!("responsibilities: {}", known.join(", "))),
                ));
            }
            blank("facts found", &facts)?;
            let lead = lead.unwrap_or_else(|| actor.name.to_string());
            blank("lead handler", &lead)?;
            Action::Find {
                responsibility,
                facts,
                evidence,
                lead,
                departments,
            }
        }
        Request::Offer { amount } => {
            open()?;
            let ledger = Ledger::of(complaint);
            let cap_revisions = rulebook.compensation.revisions;
            if ledger.offers > 0 {
                if ledger.disputes < ledger.offers {
                    return Err(refuse(
                        "the current offer stands until the customer disputes it".into(),
                        Some(
                            "record the customer's objection with `complaint dispute` first".into(),
                        ),
                    ));
                }
                if let Some(most) = cap_revisions.filter(|most| ledger.offers > *most) {
                    return Err(refuse(
                        format!(
                            "the offer was already adjusted {most} time(s), the most the rulebook allows; it is final"
                        ),
                        None,
                    ));
                }
            }
            let standard = compensation::standard(complaint, rulebook, now).map_err(|e| {
                refuse(
                    e,
                    Some("record the price paid with the intake (--price)".into()),
                )
            })?;
            let (standard_rule, standard_amount, coupon, remedies, formula) = match &standard {
                Some(s) => (
                    Some(s.name.clone()),
                    s.amounts.total,
                    s.amounts.coupon,
                    s.amounts.remedies.clone(),
                    s.amounts.formula.clone(),
                ),
                None => (
                    None,
                    crate::money::Money::ZERO,
                    None,
                    Vec::new(),
                    "no standard applies".to_string(),
                ),
            };
            let amount = match amount {
                Some(a) => a,
                None if standard.is_some() => standard_amount,
                None => {
                    return Err(refuse(
                        "no compensation standard of the rulebook applies".into(),
                        Some("give the amount with --amount".into()),
                    ));
                }
            };
            // Without a standard, money is ex gratia: bounded by who may approve it.
            let cap = standard
                .as_ref()
                .map(|s| compensation::cap(&s.amounts, rulebook));
            if let Some(cap) = cap.filter(|cap| amount > *cap) {
                let why = match &rulebook.compensation.uplift {
                    Some(u) => format!(
                        "the standard {standard_amount}, its compensation raised by at most {} %",
                        u.max_percent
                    ),
                    None => {
                        format!("the standard {standard_amount}; the rulebook allows no uplift")
                    }
                };
                return Err(refuse(
                    format!("¥{amount} is above the cap of ¥{cap} ({why})"),
                    Some("offer at most the cap; a special case needs another rulebook".into()),
                ));
            }
            Action::Offer {
                revision: ledger.offers + 1,
                standard_rule,
                standard: standard_amount,
                amount,
                coupon,
                remedies,
                formula,
                rulebook: rulebook.version().to_string(),
            }
        }
        Request::Approve => {
            open()?;
            let ledger = Ledger::of(complaint);
            let Some(offer) = ledger.offer else {
                return Err(refuse(
                    "there is no offer to approve".into(),
                    Some("make one with `complaint offer`".into()),
                ));
            };
            if ledger.agreed == Some(offer.revision) {
                return Err(refuse("the customer has already agreed to it".into(), None));
            }
            let Some(needed) = compensation::next_approval(offer, &ledger.approvals, rulebook)
            else {
                return Err(refuse(
                    format!(
                        "offer {} already has every approval it needs",
                        offer.revision
                    ),
                    None,
                ));
            };
            if ledger.approvals.iter().any(|(_, who)| who == actor.name) {
                return Err(refuse(
                    format!("{} has already approved this offer", actor.name),
                    Some("each approval must come from another person".into()),
                ));
            }
            let role =
                compensation::approver_role(&needed, actor.roles, rulebook).map_err(|who| {
                    refuse(
                        format!("{} may not give this approval", actor.name),
                        Some(format!(
                            "{who}; staff roles are listed under `staff:` in complaint.yaml"
                        )),
                    )
                })?;
            Action::Approve {
                revision: offer.revision,
                role,
                amount: offer.amount,
                rulebook: rulebook.version().to_string(),
            }
        }
        Request::Dispute { reason } => {
            open()?;
            blank("reason", &reason)?;
            let ledger = Ledger::of(complaint);
            if ledger.offer.is_none() || ledger.disputes >= ledger.offers {
                return Err(refuse("there is no offer to dispute".into(), None));
            }
            if let Some(agreed) = ledger
                .agreed
                .filter(|r| ledger.offer.is_some_and(|o| o.revision == *r))
            {
                return Err(refuse(
                    format!("the customer agreed to offer #{agreed}"),
                    Some("an agreed solution is carried out; record what the customer says now with `complaint note`, or reopen the complaint once it is closed".into()),
                ));
            }
            if let Some(most) = rulebook
                .compensation
                .revisions
                .filter(|most| ledger.offers > *most)
            {
                return Err(refuse(
                    format!(
                        "the offer was already adjusted {most} time(s), the most the rulebook allows; it is final"
                    ),
                    None,
                ));
            }
            Action::Dispute { reason }
        }
        Request::Agree { note } => {
            open()?;
            let ledger = Ledger::of(complaint);
            if let Some(offer) = ledger.offer {
                if ledger.disputes >= ledger.offers {
                    return Err(refuse(
                        "the customer disputed the current offer".into(),
                        Some("make a revised offer first".into()),
                    ));
                }
                if !ledger.approved(rulebook) {
                    return Err(refuse(format!("offer {} is a proposal until it is approved", offer.revision), Some("nothing may be promised before the decision: get the approvals with `complaint approve`".into())));
                }
            }
            Action::Agree {
                note,
                revision: ledger.offer.map(|o| o.revision),
            }
        }
        Request::Pay {
            kind,
            amount,
            reference,
            payer,
            advance,
        } => {
            open()?;
            blank("kind of execution", &kind)?;
            let ledger = Ledger::of(complaint);
            let decision = ledger.mediation.map(|(d, _)| d);
            let payer = if advance {
                let Some(mediation) = &rulebook.mediation else {
                    return Err(refuse("the rulebook has no advance payment".into(), None));
                };
                if !matches!(decision, Some(Decision::Opinion | Decision::Referral))
                    || ledger.owed().is_none()
                {
                    return Err(refuse(
                        "an advance payment follows a handling opinion or a ruling the merchant did not honour".into(),
                        Some("record the mediation (and, after a referral, the ruling) first".into()),
                    ));
                }
                Some(mediation.advance_payer.clone())
            } else {
                payer
            };
            if payer.as_deref() == Some("merchant") && decision.is_none() {
                return Err(refuse(
                    "the merchant pays by a mediation's decision, and there is none".into(),
                    Some("record it with `complaint mediate`".into()),
                ));
            }
            if let Some(amount) = amount {
                let Some(owed) = ledger.owed() else {
                    return Err(refuse(
                        format!("nothing was agreed, so ¥{amount} cannot be paid"),
                        Some("money is paid only on an approved offer the customer agreed to, or by a mediation or ruling".into()),
                    ));
                };
                let (limit, so_far, what) = if kind == "coupon" {
                    (
                        ledger.offer.and_then(|o| o.coupon).unwrap_or_default(),
                        ledger.coupons,
                        "coupon",
                    )
                } else {
                    (owed, ledger.paid, "money")
                };
                let total = so_far.checked_add(amount);
                if total.is_none_or(|total| total > limit) {
                    let total = total.unwrap_or(amount);
                    return Err(refuse(
                        format!(
                            "¥{amount} would make ¥{total} of {what} paid, above the ¥{limit} owed"
                        ),
                        None,
                    ));
                }
            }
            Action::Pay {
                kind,
                amount,
                reference,
                rulebook: Some(rulebook.version().to_string()),
                payer,
                advance,
            }
        }
        Request::Mediate {
            customer,
            merchant,
            amount,
        } => {
            open()?;
            let Some(mediation) = &rulebook.mediation else {
                return Err(refuse("the rulebook has no mediation rules".into(), None));
            };
            if complaint.facts.merchant.is_none() {
                return Err(refuse("it names no merchant to mediate with".into(), None));
            }
            let Some(outcome) = mediation.outcomes.iter().find(|o| {
                o.customer.is_none_or(|c| c == customer) && o.merchant.is_none_or(|m| m == merchant)
            }) else {
                return Err(refuse(
                    format!(
                        "the rulebook decides nothing for customer {customer:?}, merchant {merchant:?}"
                    ),
                    None,
                ));
            };
            if outcome.then != Decision::Referral && amount.is_none() {
                return Err(refuse(
                    "the mediation sets what the merchant pays".into(),
                    Some("give it with --amount".into()),
                ));
            }
            Action::Mediate {
                customer,
                merchant,
                decision: outcome.then,
                amount,
                rulebook: rulebook.version().to_string(),
            }
        }
        Request::Ruling {
            body,
            decision,
            amount,
        } => {
            open()?;
            if Ledger::of(complaint).mediation.map(|(d, _)| d) != Some(Decision::Referral) {
                return Err(refuse(
                    "a ruling follows a mediation the customer refused".into(),
                    None,
                ));
            }
            blank("body", &body)?;
            blank("decision", &decision)?;
            Action::Ruling {
                body,
                decision,
                amount,
            }
        }
        Request::Recover { amount } => {
            let ledger = Ledger::of(complaint);
            let Some(merchant) = complaint.facts.merchant.clone() else {
                return Err(refuse("it names no merchant".into(), None));
            };
            let owed = ledger.receivable();
            if amount > owed {
                return Err(refuse(
                    format!("¥{amount} is more than the ¥{owed} {merchant} still owes"),
                    None,
                ));
            }
            Action::Recover { merchant, amount }
        }
        Request::Feedback { message } => {
            blank("feedback", &message)?;
            Action::Feedback { message }
        }
        Request::Followup {
            comment,
            satisfaction,
            key_customer,
        } => {
            if state.status.is_open() {
                return Err(refuse(
                    "it is not resolved yet".into(),
                    Some("the return visit follows the close".into()),
                ));
            }
            blank("comment", &comment)?;
            satisfaction_ok(satisfaction)?;
            Action::Followup {
                comment,
                satisfaction,
                key_customer,
            }
        }
        Request::Reveal { command } => {
            blank("command", &command)?;
            Action::Reveal { command }
        }
        Request::Pause { reason } => {
            open()?;
            if let Some(since) = state.paused_since {
                return Err(refuse(
                    format!("it has been paused since {}", since.to_rfc3339()),
                    Some("resume it first".into()),
                ));
            }
            blank("reason", &reason)?;
            Action::Pause { reason }
        }
        Request::Resume { reason } => {
            if state.paused_since.is_none() {
                return Err(refuse("it is not paused".into(), None));
            }
            Action::Resume { reason }
        }
        Request::Extend { clock, to, reason } => {
            open()?;
            blank("reason", &reason)?;
            extend(complaint, &state, rulebook, actor, now, &clock, to)
                .map_err(|(reason, help)| refuse(reason, help))?;
            Action::Extend { clock, to, reason }
        }
    })
}

/// Whether `actor` may extend `clock` to `to` now: the clock allows it, the new limit is
/// within its maximum and counted the same way, the actor holds an approving role, and the
/// clock has not already run out.
fn extend(
    complaint: &Complaint,
    state: &State,
    rulebook: &Rulebook,
    actor: Actor,
    now: Timestamp,
    clock: &str,
    to: Duration,
) -> Result<(), (String, Option<String>)> {
    let Some(spec) = rulebook.clock(clock) else {
        let ids: Vec<&str> = rulebook.clocks.iter().map(|c| c.id.as_str()).collect();
        return Err((
            format!("the rulebook has no clock `{clock}`"),
            Some(format!("clocks: {}", ids.join(", "))),
        ));
    };
    let Some(rule) = &spec.extend else {
        return Err((
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
            format!("`{clock}` may be extended only for grades {}, and this complaint is {}", rule.grades.join(", "), standing.grade().unwrap_or("ungraded")),
            Some("reclassify it first if its grade is wrong (`complaint classify --grade … --reason …`)".into()),
        ));
    }
    if to.unit != rule.max.unit || to.amount > rule.max.amount {
        return Err((
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
            format!("clock `{clock}` does not apply to this complaint"),
            None,
        ));
    };
    if to.amount <= current.limit.amount {
        return Err((
            format!("the limit is already {}", current.limit),
            Some("an extension must lengthen it".into()),
        ));
    }
    match current.status {
        ClockStatus::Breached => Err((
            format!(
                "`{clock}` was due at {} and has run out",
                current.due.map(|d| d.at.to_rfc3339()).unwrap_or_default()
            ),
            Some("an extension must be approved before the deadline".into()),
        )),
        ClockStatus::Met | ClockStatus::MetLate => {
            Err((format!("`{clock}` has already stopped"), None))
        }
        _ => Ok(()),
    }
}

pub fn describe(complaint: &Complaint, event: &crate::model::Event, rulebook: &Rulebook) -> String {
    let id = &complaint.id;
    let by = &event.by;
    match &event.action {
        Action::Received => {
            let category = complaint.facts.category.as_deref().unwrap_or_default();
            let name = rulebook
                .category(category)
                .map_or(category, |c| c.name.as_str());
            format!("{id} received ({category} {name}) by {by}")
        }
        Action::Ack { handler, .. } => format!("{id} acknowledged by {by} (handler {handler})"),
        Action::Assign { to } => format!("{id} assigned to {to} by {by}"),
        Action::Escalate { to, .. } => {
            format!("{id} escalated to {} by {by}", rulebook.level_name(to))
        }
        Action::Note { .. } => format!("{id} note by {by}"),
        Action::Resolve {
            conflict,
            conflict_by,
            keep,
            ..
        } => format!(
            "{id} conflict resolved by {by}: {conflict_by}'s {conflict} {}",
            if *keep { "kept" } else { "dropped" }
        ),
        Action::Close { .. } => format!("{id} closed by {by}"),
        Action::Reopen { .. } => format!("{id} reopened by {by}"),
        Action::Classify { reason, .. } => {
            let what = event.action.classified();
            let how = if reason.is_some() {
                "reclassified"
            } else {
                "classified"
            };
            let what = if what.is_empty() {
                "unclassified".to_string()
            } else {
                what.join("/")
            };
            format!("{id} {how} as {what} by {by}")
        }
        Action::Plan { .. } => format!("{id} plan made by {by}"),
        Action::Find { responsibility, .. } => {
            format!("{id} findings recorded by {by} (responsibility: {responsibility})")
        }
        Action::Offer {
            revision,
            amount,
            coupon,
            remedies,
            ..
        } => {
            let coupon = coupon
                .map(|c| format!(" and a ¥{c} coupon"))
                .unwrap_or_default();
            let others: Vec<&String> = remedies
                .iter()
                .filter(|r| !r.starts_with("coupon"))
                .collect();
            let others = if others.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    others
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            format!("{id} offer {revision} of ¥{amount}{coupon}{others} proposed by {by}")
        }
        Action::Approve { revision, role, .. } => format!(
            "{id} offer {revision} approved by {by} as {}",
            rulebook.level_name(role)
        ),
        Action::Dispute { .. } => format!("{id} offer disputed, recorded by {by}"),
        Action::Mediate { decision, .. } => format!("{id} mediated by {by}: {}", decision.as_str()),
        Action::Ruling { body, amount, .. } => {
            format!("{id} ruling of {body} (¥{amount}) recorded by {by}")
        }
        Action::Recover { merchant, amount } => {
            format!("{id} ¥{amount} recovered from {merchant}, recorded by {by}")
        }
        Action::Agree { .. } => format!("{id} solution agreed, recorded by {by}"),
        Action::Pay {
            kind,
            amount,
            payer,
            advance,
            ..
        } => {
            let amount = amount.map(|a| format!(" ¥{a}")).unwrap_or_default();
            match (payer, advance) {
                (Some(payer), true) => {
                    format!("{id} {kind}{amount} paid in advance by {payer}, recorded by {by}")
                }
                (Some(payer), false) => {
                    format!("{id} {kind}{amount} paid by {payer}, recorded by {by}")
                }
                (None, _) => format!("{id} {kind}{amount} executed by {by}"),
            }
        }
        Action::Feedback { .. } => format!("{id} feedback given by {by}"),
        Action::Followup { key_customer, .. } => {
            let key = if *key_customer { " (key customer)" } else { "" };
            format!("{id} return visit by {by}{key}")
        }
        Action::Reveal { command } => {
            format!("{id} personal data shown to {by} by `complaint {command}`")
        }
        Action::Pause { .. } => format!("{id} paused by {by}"),
        Action::Resume { .. } => format!("{id} resumed by {by}"),
        Action::Extend { clock, to, .. } => format!("{id} {clock} extended to {to} by {by}"),
    }
}

/// The request that would have produced a recorded action, so a written history can be
/// replayed through [`decide`] (`complaint check`). `None` for the intake event.
pub fn request_for(action: &Action) -> Option<Request> {
    Some(match action.clone() {
        Action::Received => return None,
        Action::Ack {
            handler,
            contact,
            promised,
        } => Request::Ack {
            handler: Some(handler),
            contact,
            promised,
        },
        Action::Assign { to } => Request::Assign { to },
        Action::Escalate { reason, clock, .. } => Request::Escalate { reason, clock },
        Action::Note { text } => Request::Note { text },
        Action::Resolve {
            conflict,
            conflict_at,
            conflict_by,
            keep,
            reason,
        } => Request::Resolve {
            conflict,
            conflict_at,
            conflict_by,
            keep,
            reason,
        },
        Action::Close {
            outcome,
            satisfaction,
        } => Request::Close {
            outcome,
            satisfaction,
        },
        Action::Reopen { reason } => Request::Reopen { reason },
        Action::Classify {
            tier,
            grade,
            reason: Some(reason),
        } => Request::Classify {
            tier,
            grade,
            reason: Some(reason),
        },
        Action::Classify { reason: None, .. } => Request::Classify {
            tier: None,
            grade: None,
            reason: None,
        },
        Action::Find {
            responsibility,
            facts,
            evidence,
            lead,
            departments,
        } => Request::Find {
            responsibility,
            facts,
            evidence,
            lead: Some(lead),
            departments,
        },
        Action::Offer { amount, .. } => Request::Offer {
            amount: Some(amount),
        },
        Action::Approve { .. } => Request::Approve,
        Action::Dispute { reason } => Request::Dispute { reason },
        Action::Plan { summary } => Request::Plan { summary },
        Action::Agree { note, .. } => Request::Agree { note },
        Action::Pay {
            kind,
            amount,
            reference,
            payer,
            advance,
            ..
        } => Request::Pay {
            kind,
            amount,
            reference,
            payer: if advance { None } else { payer },
            advance,
        },
        Action::Mediate {
            customer,
            merchant,
            amount,
            ..
        } => Request::Mediate {
            customer,
            merchant,
            amount,
        },
        Action::Ruling {
            body,
            decision,
            amount,
        } => Request::Ruling {
            body,
            decision,
            amount,
        },
        Action::Recover { amount, .. } => Request::Recover { amount },
        Action::Feedback { message } => Request::Feedback { message },
        Action::Followup {
            comment,
            satisfaction,
            key_customer,
        } => Request::Followup {
            comment,
            satisfaction,
            key_customer,
        },
        Action::Reveal { command } => Request::Reveal { command },
        Action::Pause { reason } => Request::Pause { reason },
        Action::Resume { reason } => Request::Resume { reason },
        Action::Extend { clock, to, reason } => Request::Extend { clock, to, reason },
    })
}
