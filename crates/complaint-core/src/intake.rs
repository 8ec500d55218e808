//! Registering a complaint: checking an [`Intake`] against the rulebook and turning it into a
//! new record. Every missing, unknown or malformed value is reported in one error, so the
//! person on the phone can ask the customer for all of them at once.

use chrono::{Datelike, Offset};

use crate::error::Error;
use crate::id::ComplaintId;
use crate::model::{Action, Complaint, Event, Facts, Intake, RulebookRef, Timestamp};
use crate::privacy;
use crate::rulebook::Rulebook;
use crate::source::Source;

/// How a phone number may be written, for messages.
const PHONE_FORMS: &str = "13900001234, +86 139 0000 1234 or 010-8888 6666";

/// What is wrong with a phone number, if anything: only digits, `+`, `-`, spaces and
/// parentheses, and at least five digits.
pub fn phone_problem(phone: &str) -> Option<String> {
    let phone = phone.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let stray: Vec<char> = phone
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '+' | '-' | ' ' | '(' | ')'))
        .collect();
    let why = if let Some(c) = stray.first() {
        format!("`{c}` is not allowed in one")
    } else if digits < 5 {
        format!("it has {digits} digit(s), fewer than 5")
    } else {
        return None;
    };
    Some(format!(
        "`{phone}` is not a phone number ({why}); write it with digits and `+`, `-`, spaces or parentheses, as {PHONE_FORMS}"
    ))
}

/// What is wrong with an e-mail address, if anything: it must look like `local@domain.tld`
/// (one `@`, a dot in the domain, no spaces).
pub fn email_problem(email: &str) -> Option<String> {
    let email = email.trim();
    let why = match email.split_once('@') {
        _ if email.chars().any(char::is_whitespace) => "it has a space",
        None => "it has no `@`",
        Some((_, domain)) if domain.contains('@') => "it has more than one `@`",
        Some(("", _)) => "nothing is before the `@`",
        Some((_, domain)) if !domain.contains('.') => "its domain has no dot",
        Some((_, domain)) if domain.split('.').any(str::is_empty) => {
            "its domain has an empty part (a dot at its start or end, or two dots)"
        }
        Some(_) => return None,
    };
    Some(format!(
        "`{email}` is not an e-mail address ({why}); write it as name@example.com"
    ))
}

/// Whether `value` is what masking writes (`138****5678`): import refuses masked cells on
/// its own, so [`problems`] does not report them a second time; [`register`] does.
fn is_masked(value: &str, mask: fn(&str) -> String) -> bool {
    value.contains('*') && mask(value) == value
}

/// Checks the intake; returns one line per problem (empty when it is complete and valid):
/// missing and unknown values, phone numbers and e-mail addresses that cannot reach anyone.
/// A masked phone or e-mail (`138****5678`) is left to [`register`], since `import` reports
/// masked cells itself.
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
        rulebook.channels.iter().map(|c| c.code.as_str()).collect(),
    );
    unknown(
        "category",
        &facts.category,
        rulebook
            .categories
            .iter()
            .map(|c| c.code.as_str())
            .collect(),
    );
    let flags: Vec<&str> = rulebook.flags.iter().map(|c| c.code.as_str()).collect();
    for flag in &facts.flags {
        unknown("flags", &Some(flag.clone()), flags.clone());
    }
    problems.extend(contact_problems(&facts.customer, false));
    for (field, id) in facts
        .links
        .iter()
        .map(|id| ("links", id))
        .chain(facts.duplicate_of.iter().map(|id| ("duplicate_of", id)))
    {
        if crate::id::ComplaintId::try_from(id.clone()).is_err() {
            problems.push(format!(
                "{field}: `{id}` is not a complaint ID (C-YYYYMMDD-XXXXXX)"
            ));
        }
    }
    problems
}

/// The channel and category as codes, where the desk typed a code in another case (`cq01`) or
/// the rulebook's name (`商品质量问题`, `400投诉专席`); values that name nothing are left for the
/// checks to report.
fn by_code(facts: &mut crate::model::Facts, rulebook: &Rulebook) {
    use crate::rulebook::CodeList;
    for (value, list) in [
        (&mut facts.channel, CodeList::Channel),
        (&mut facts.category, CodeList::Category),
    ] {
        if let Some(code) = value
            .as_deref()
            .and_then(|typed| rulebook.code_for(list, typed).ok())
        {
            *value = Some(code);
        }
    }
}

/// Phone numbers and e-mail addresses that cannot reach the customer: malformed ones, or
/// (`masked`) those written masked (`138****5678`), as `export` writes them.
fn contact_problems(c: &crate::model::Customer, masked: bool) -> Vec<String> {
    type Check = fn(&str) -> Option<String>;
    let mut problems = Vec::new();
    for (field, value, mask, check) in [
        (
            "customer.phone",
            &c.phone,
            privacy::phone as fn(&str) -> String,
            phone_problem as Check,
        ),
        ("customer.email", &c.email, privacy::email, email_problem),
    ] {
        let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
            continue;
        };
        match (is_masked(value, mask), masked) {
            (true, true) => problems.push(format!(
                "{field}: `{value}` is masked; give it in full (ask the customer again)"
            )),
            (false, false) => problems.extend(check(value).map(|p| format!("{field}: {p}"))),
            _ => {}
        }
    }
    problems
}

/// What is wrong with the time a complaint was received, if anything. Before 1970 the time
/// zone database gives local mean time (Shanghai `+08:05:43`), which a record cannot hold;
/// an offset with seconds cannot be written either.
fn received_at_problem(received_at: Timestamp, zone: chrono_tz::Tz) -> Option<String> {
    let shown = received_at.to_rfc3339();
    if received_at.date_naive().year() < 1970 {
        return Some(format!(
            "received_at {shown} is before 1970: check the year (times before 1970-01-01 are not accepted)"
        ));
    }
    if received_at.offset().local_minus_utc() % 60 != 0 {
        return Some(format!(
            "received_at {} has a UTC offset that is not a whole number of minutes: write it as ±HH:MM, e.g. +08:00",
            received_at.format("%Y-%m-%dT%H:%M:%S%::z")
        ));
    }
    let local = received_at.with_timezone(&zone);
    if local.offset().fix().local_minus_utc() % 60 != 0 {
        return Some(format!(
            "received_at {shown} falls when {} kept local mean time ({}), which a record cannot hold: check the year",
            zone.name(),
            local.offset().fix()
        ));
    }
    None
}

/// Why [`crate::calendar::parse_time`] refused `text`, for whoever typed it: what is wrong,
/// and how to write it.
pub fn time_problem(text: &str) -> (String, String) {
    let text = text.trim();
    let year = text
        .get(..4)
        .filter(|_| matches!(text.as_bytes().get(4), Some(b'-' | b'/')))
        .and_then(|y| y.parse::<i32>().ok());
    if year.is_some_and(|y| y < 1970) {
        return (
            format!("`{text}` is before 1970"),
            "check the year: times before 1970-01-01 are not accepted".to_string(),
        );
    }
    // `+08:05:43`: an offset with seconds.
    let offset = text.rsplit(['+', '-']).next().unwrap_or_default();
    if text.len() > 10 && offset.len() == 8 && offset.matches(':').count() == 2 {
        return (
            format!("`{text}` has a UTC offset that is not a whole number of minutes"),
            "write the offset as ±HH:MM, e.g. +08:00".to_string(),
        );
    }
    (
        format!("`{text}` is not a time"),
        "write it as 2026-09-30T10:00:00+08:00, or 2026-09-30 10:00 in the rulebook's time zone"
            .to_string(),
    )
}

/// An intake document read as bytes (a file, standard input): text that is not UTF-8 is
/// reported at its line and column, with a hint, instead of as a bare I/O error.
pub fn document(name: impl Into<String>, bytes: Vec<u8>) -> Result<Source, Error> {
    let name = name.into();
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text).private()),
        Err(err) => Err(crate::yaml::invalid_utf8(&name, err.as_bytes())),
    }
}

/// Builds the new record, or lists everything wrong with the intake.
pub fn register(
    mut intake: Intake,
    rulebook: &Rulebook,
    now: Timestamp,
    by: &str,
) -> Result<Complaint, Error> {
    by_code(&mut intake.facts, rulebook);
    let zone = rulebook.zone();
    let mut problems = problems(&intake.facts, rulebook);
    problems.extend(contact_problems(&intake.facts.customer, true));
    problems.extend(
        intake
            .received_at
            .and_then(|t| received_at_problem(t, zone)),
    );
    if !problems.is_empty() {
        // Missing or unknown values make it incomplete; otherwise values are malformed.
        let incomplete = problems
            .iter()
            .any(|p| p.contains(": missing (") || p.contains("is not in the rulebook"));
        let (headline, help) = if incomplete {
            (
                "the complaint is incomplete",
                "nothing was written; give the missing values as flags or in the --from document",
            )
        } else {
            (
                "the complaint cannot be registered as given",
                "nothing was written; correct the values as flags or in the --from document",
            )
        };
        return Err(Error::invalid(
            crate::error::Problem::Intake,
            format!("{headline}:\n  - {}", problems.join("\n  - ")),
            Some(help.to_string()),
        ));
    }
    // Dates (the ID, the shard, date filters) are the rulebook's local dates.
    let received_at = intake
        .received_at
        .map_or(now, |t| t.with_timezone(&zone).fixed_offset());
    if received_at > now {
        return Err(Error::invalid(
            crate::error::Problem::Time,
            format!(
                "received_at {} is in the future (now is {})",
                crate::model::to_second(&received_at),
                crate::model::to_second(&now)
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
