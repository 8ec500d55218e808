//! Registering a complaint: checking an [`Intake`] against the rulebook and turning it into a
//! new record. Every missing or unknown value is reported in one error, so the person on the
//! phone can ask the customer for all of them at once.

use crate::error::Error;
use crate::id::ComplaintId;
use crate::model::{Action, Complaint, Event, Facts, Intake, RulebookRef, Timestamp};
use crate::rulebook::Rulebook;

/// Checks the intake; returns one line per problem (empty when it is complete and valid).
pub fn problems(facts: &Facts, rulebook: &Rulebook) -> Vec<String> {
    let mut problems = Vec::new();
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    let mut need = |field: &str, missing: bool, what: &str| {
        if rulebook.is_required(field) && missing {
            problems.push(format!("{field}: missing ({what})"));
        }
    };
    need(
        "channel",
        blank(&facts.channel),
        "how the complaint came in",
    );
    need(
        "category",
        blank(&facts.category),
        "what kind of problem it is",
    );
    let c = &facts.customer;
    need(
        "customer",
        blank(&c.name),
        "customer.name, the customer's name",
    );
    need(
        "customer",
        blank(&c.phone) && blank(&c.account) && blank(&c.email),
        "customer.phone, customer.account or customer.email, to reach them",
    );
    need(
        "subject",
        facts.subject.kind.is_none(),
        "subject.kind: product, service, store, employee or merchant",
    );
    need(
        "subject",
        blank(&facts.subject.name),
        "subject.name, what exactly is complained about",
    );
    need("happened", blank(&facts.happened), "when it happened");
    need("place", blank(&facts.place), "where it happened");
    need(
        "known_at",
        facts.known_at.is_none(),
        "the day the customer knew of the harm",
    );
    need("description", blank(&facts.description), "what happened");
    need("demand", blank(&facts.demand), "what the customer wants");
    need(
        "evidence",
        facts.evidence.is_empty(),
        "order screenshots, chat logs, photos",
    );
    need(
        "merchant",
        blank(&facts.merchant),
        "the merchant complained about",
    );
    need("price", facts.price.is_none(), "the price paid");

    let mut unknown = |what: &str, value: &Option<String>, known: Vec<&str>| {
        if let Some(v) = value
            .as_deref()
            .filter(|v| !v.trim().is_empty() && !known.contains(v))
        {
            let hint = match crate::suggest::closest(v, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("known: {}", known.join(", ")),
            };
            problems.push(format!("{what}: `{v}` is not in the rulebook ({hint})"));
        }
    };
    unknown(
        "channel",
        &facts.channel,
        rulebook
            .channels
            .iter()
            .map(|c| c.code.value.as_str())
            .collect(),
    );
    unknown(
        "category",
        &facts.category,
        rulebook
            .categories
            .iter()
            .map(|c| c.code.value.as_str())
            .collect(),
    );
    let flags: Vec<&str> = rulebook
        .flags
        .iter()
        .map(|c| c.code.value.as_str())
        .collect();
    for flag in &facts.flags {
        unknown("flags", &Some(flag.clone()), flags.clone());
    }
    problems
}

/// Builds the new record, or lists everything wrong with the intake.
pub fn register(
    intake: Intake,
    rulebook: &Rulebook,
    now: Timestamp,
    by: &str,
) -> Result<Complaint, Error> {
    let problems = problems(&intake.facts, rulebook);
    if !problems.is_empty() {
        return Err(Error::invalid(
            format!(
                "the complaint is incomplete:\n  - {}",
                problems.join("\n  - ")
            ),
            Some(
                "nothing was written; give the missing values as flags or in the --from document"
                    .to_string(),
            ),
        ));
    }
    // Dates (the ID, the shard, date filters) are the rulebook's local dates.
    let zone = rulebook.zone();
    let received_at = intake
        .received_at
        .map_or(now, |t| t.with_timezone(&zone).fixed_offset());
    if received_at > now {
        return Err(Error::invalid(
            format!(
                "received_at {} is in the future (now is {})",
                received_at.to_rfc3339(),
                now.to_rfc3339()
            ),
            Some("check the date, or pass --now".to_string()),
        ));
    }
    Ok(Complaint {
        id: ComplaintId::generate(received_at.date_naive())?,
        received_at,
        rulebook: RulebookRef {
            name: rulebook.rulebook.clone(),
            version: rulebook.version().to_string(),
        },
        facts: intake.facts,
        history: vec![Event {
            at: received_at,
            by: by.to_string(),
            action: Action::Received,
        }],
    })
}
