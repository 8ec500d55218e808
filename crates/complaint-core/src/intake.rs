//! Registering a complaint: checking an [`Intake`] against the rulebook and turning it into a
//! new record. Every missing, unknown or malformed value is reported in one error, so the
//! person on the phone can ask the customer for all of them at once.

use chrono::{Datelike, Offset};

use crate::error::Error;
use crate::id::ComplaintId;
use crate::model::{Action, Complaint, Event, Facts, Intake, RulebookRef, Timestamp};
use crate::privacy;
use crate::rulebook::Rulebook;
use crate::said;
use crate::said::Said;
use crate::source::Source;

/// What is wrong with a phone number, if anything: only digits, `+`, `-`, spaces and
/// parentheses, and at least five digits.
pub fn phone_problem(phone: &str) -> Option<Said> {
    let phone = phone.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let stray: Vec<char> = phone
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '+' | '-' | ' ' | '(' | ')'))
        .collect();
    let why = if let Some(c) = stray.first() {
        said!("`{c}` is not allowed in one", "其中不能有 `{c}`")
    } else if digits < 5 {
        said!(
            "it has {digits} digit(s), fewer than 5",
            "只有 {digits} 位数字，少于 5 位"
        )
    } else {
        return None;
    };
    // How a phone number may be written.
    let forms = said!(
        "13900001234, +86 139 0000 1234 or 010-8888 6666",
        "13900001234、+86 139 0000 1234 或 010-8888 6666"
    );
    Some(said!(
        "`{phone}` is not a phone number ({why}); write it with digits and `+`, `-`, spaces or parentheses, as {forms}",
        "`{phone}` 不是电话号码（{why}）；请只用数字和 `+`、`-`、空格或括号书写，如 {forms}";
        why,
        forms
    ))
}

/// What is wrong with an e-mail address, if anything: it must look like `local@domain.tld`
/// (one `@`, a dot in the domain, no spaces).
pub fn email_problem(email: &str) -> Option<Said> {
    let email = email.trim();
    let why = match email.split_once('@') {
        _ if email.chars().any(char::is_whitespace) => said!("it has a space", "其中有空格"),
        None => said!("it has no `@`", "其中没有 `@`"),
        Some((_, domain)) if domain.contains('@') => {
            said!("it has more than one `@`", "其中有不止一个 `@`")
        }
        Some(("", _)) => said!("nothing is before the `@`", "`@` 前面没有内容"),
        Some((_, domain)) if !domain.contains('.') => {
            said!("its domain has no dot", "域名中没有点")
        }
        Some((_, domain)) if domain.split('.').any(str::is_empty) => said!(
            "its domain has an empty part (a dot at its start or end, or two dots)",
            "域名中有空的部分（开头或结尾是点，或有两个连续的点）"
        ),
        Some(_) => return None,
    };
    Some(said!(
        "`{email}` is not an e-mail address ({why}); write it as name@example.com",
        "`{email}` 不是电子邮箱地址（{why}）；请写成 name@example.com 的形式";
        why
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
pub fn problems(facts: &Facts, rulebook: &Rulebook) -> Vec<Said> {
    let mut problems = Vec::new();
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    // Each field the rulebook may require: whether it is missing, and what it is.
    let c = &facts.customer;
    if c.sealed.is_some() || c.matching.is_some() {
        problems.push(said!(
            "customer.sealed and customer.matching are written by a book that encrypts, never by an intake",
            "customer.sealed 和 customer.matching 由加密的投诉簿写入，不能出现在受理单中"
        ));
    }
    let fields: [(&str, bool, Said); 14] = [
        (
            "channel",
            blank(&facts.channel),
            said!("how the complaint came in", "投诉途径"),
        ),
        (
            "category",
            blank(&facts.category),
            said!("what kind of problem it is", "问题类别"),
        ),
        (
            "customer",
            blank(&c.name),
            said!(
                "customer.name, the customer's name",
                "customer.name，客户姓名"
            ),
        ),
        (
            "customer",
            blank(&c.phone) && blank(&c.account) && blank(&c.email),
            said!(
                "customer.phone, customer.account or customer.email, to reach them",
                "customer.phone、customer.account 或 customer.email，用于联系客户"
            ),
        ),
        (
            "subject",
            facts.subject.kind.is_none(),
            said!(
                "subject.kind: product, service, store, employee or merchant",
                "subject.kind：product、service、store、employee 或 merchant"
            ),
        ),
        (
            "subject",
            blank(&facts.subject.name),
            said!(
                "subject.name, what exactly is complained about",
                "subject.name，具体投诉的对象"
            ),
        ),
        (
            "happened",
            blank(&facts.happened),
            said!("when it happened", "发生时间"),
        ),
        (
            "place",
            blank(&facts.place),
            said!("where it happened", "发生地点"),
        ),
        (
            "known_at",
            facts.known_at.is_none(),
            said!(
                "the day the customer knew of the harm",
                "客户知道受到损害的日期"
            ),
        ),
        (
            "description",
            blank(&facts.description),
            said!("what happened", "事情经过"),
        ),
        (
            "demand",
            blank(&facts.demand),
            said!("what the customer wants", "客户诉求"),
        ),
        (
            "evidence",
            facts.evidence.is_empty(),
            said!(
                "order screenshots, chat logs, photos",
                "订单截图、聊天记录、照片"
            ),
        ),
        (
            "merchant",
            blank(&facts.merchant),
            said!("the merchant complained about", "被投诉的商户"),
        ),
        (
            "price",
            facts.price.is_none(),
            said!("the price paid", "实付价格"),
        ),
    ];
    for (field, missing, what) in fields {
        if rulebook.is_required(field) && missing {
            problems.push(said!(
                "{field}: missing ({what})",
                "{field}：缺少（{what}）";
                what
            ));
        }
    }

    let mut unknown = |what: &str, value: &Option<String>, known: Vec<&str>| {
        if let Some(v) = value
            .as_deref()
            .filter(|v| !v.trim().is_empty() && !known.contains(v))
        {
            let hint = match crate::suggest::closest(v, known.iter().copied()) {
                Some(best) => said!("did you mean `{best}`?", "是不是 `{best}`？"),
                None => {
                    let known = known.join(", ");
                    said!("known: {known}", "可用的值：{known}")
                }
            };
            problems.push(said!(
                "{what}: `{v}` is not in the rulebook ({hint})",
                "{what}：规则中没有 `{v}`（{hint}）";
                hint
            ));
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
            problems.push(said!(
                "{field}: `{id}` is not a complaint ID (C-YYYYMMDD-XXXXXX)",
                "{field}：`{id}` 不是投诉编号（C-YYYYMMDD-XXXXXX）"
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
fn contact_problems(c: &crate::model::Customer, masked: bool) -> Vec<Said> {
    type Check = fn(&str) -> Option<Said>;
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
            (true, true) => problems.push(said!(
                "{field}: `{value}` is masked; give it in full (ask the customer again)",
                "{field}：`{value}` 是打码后的值；请给出完整的值（再问一次客户）"
            )),
            (false, false) => {
                problems.extend(check(value).map(|p| said!("{field}: {p}", "{field}：{p}"; p)))
            }
            _ => {}
        }
    }
    problems
}

/// What is wrong with the time a complaint was received, if anything. Before 1970 the time
/// zone database gives local mean time (Shanghai `+08:05:43`), which a record cannot hold;
/// an offset with seconds cannot be written either.
fn received_at_problem(received_at: Timestamp, zone: chrono_tz::Tz) -> Option<Said> {
    let shown = received_at.to_rfc3339();
    if received_at.date_naive().year() < 1970 {
        return Some(said!(
            "received_at {shown} is before 1970: check the year (times before 1970-01-01 are not accepted)",
            "received_at {shown} 早于 1970 年：请检查年份（不接受 1970-01-01 之前的时间）"
        ));
    }
    if received_at.offset().local_minus_utc() % 60 != 0 {
        let written = received_at.format("%Y-%m-%dT%H:%M:%S%::z");
        return Some(said!(
            "received_at {written} has a UTC offset that is not a whole number of minutes: write it as ±HH:MM, e.g. +08:00",
            "received_at {written} 的 UTC 偏移不是整分钟：请写成 ±HH:MM，如 +08:00"
        ));
    }
    let local = received_at.with_timezone(&zone);
    if local.offset().fix().local_minus_utc() % 60 != 0 {
        let (name, offset) = (zone.name(), local.offset().fix());
        return Some(said!(
            "received_at {shown} falls when {name} kept local mean time ({offset}), which a record cannot hold: check the year",
            "received_at {shown} 落在 {name} 使用地方平时（{offset}）的年代，记录无法保存这样的时间：请检查年份"
        ));
    }
    None
}

/// Why [`crate::calendar::parse_time`] refused `text`, for whoever typed it: what is wrong,
/// and how to write it.
pub fn time_problem(text: &str) -> (Said, Said) {
    let text = text.trim();
    let year = text
        .get(..4)
        .filter(|_| matches!(text.as_bytes().get(4), Some(b'-' | b'/')))
        .and_then(|y| y.parse::<i32>().ok());
    if year.is_some_and(|y| y < 1970) {
        return (
            said!("`{text}` is before 1970", "`{text}` 早于 1970 年"),
            said!(
                "check the year: times before 1970-01-01 are not accepted",
                "请检查年份：不接受 1970-01-01 之前的时间"
            ),
        );
    }
    // `+08:05:43`: an offset with seconds.
    let offset = text.rsplit(['+', '-']).next().unwrap_or_default();
    if text.len() > 10 && offset.len() == 8 && offset.matches(':').count() == 2 {
        return (
            said!(
                "`{text}` has a UTC offset that is not a whole number of minutes",
                "`{text}` 的 UTC 偏移不是整分钟"
            ),
            said!(
                "write the offset as ±HH:MM, e.g. +08:00",
                "请把偏移写成 ±HH:MM，如 +08:00"
            ),
        );
    }
    (
        said!("`{text}` is not a time", "`{text}` 不是时间"),
        said!(
            "write it as 2026-09-30T10:00:00+08:00, or 2026-09-30 10:00 in the rulebook's time zone",
            "请写成 2026-09-30T10:00:00+08:00，或按规则的时区写成 2026-09-30 10:00"
        ),
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
            .any(|p| p.en().contains(": missing (") || p.en().contains("is not in the rulebook"));
        let (headline, help) = if incomplete {
            (
                said!("the complaint is incomplete", "投诉信息不完整"),
                said!(
                    "nothing was written; give the missing values as flags or in the --from document",
                    "未写入任何内容；请用选项或在 --from 文档中补上缺少的值"
                ),
            )
        } else {
            (
                said!(
                    "the complaint cannot be registered as given",
                    "投诉无法按所给信息登记"
                ),
                said!(
                    "nothing was written; correct the values as flags or in the --from document",
                    "未写入任何内容；请用选项或在 --from 文档中更正这些值"
                ),
            )
        };
        let problems = Said::join(&problems, "\n  - ", "\n  - ");
        return Err(Error::invalid(
            crate::error::Problem::Intake,
            said!(
                "{headline}:\n  - {problems}",
                "{headline}：\n  - {problems}";
                headline,
                problems
            ),
            help,
        ));
    }
    // Dates (the ID, the shard, date filters) are the rulebook's local dates.
    let received_at = intake
        .received_at
        .map_or(now, |t| t.with_timezone(&zone).fixed_offset());
    if received_at > now {
        let (at, now) = (
            crate::model::to_second(&received_at),
            crate::model::to_second(&now),
        );
        return Err(Error::invalid(
            crate::error::Problem::Time,
            said!(
                "received_at {at} is in the future (now is {now})",
                "received_at {at} 晚于现在（现在是 {now}）"
            ),
            said!("check the date, or pass --now", "请检查日期，或使用 --now"),
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
