//! The one place YAML is read and written.
//!
//! Everything else goes through [`parse`] and [`write()`], so the YAML crate (serde-saphyr, chosen
//! over the archived serde_yaml) could be swapped by changing this file alone. Parse errors come
//! back as [`crate::error::SourceError`]s that point at the line and column of the offending value.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, SourceError};
use crate::source::Source;

/// Parses `source` as one YAML document of type `T`.
pub fn parse<T: DeserializeOwned>(source: &Source) -> Result<T, Error> {
    parse_with_keys(source, &[])
}

/// Like [`parse`], but reports every unknown key and wrong value, not just the first: after
/// each such error the offending key (with anything nested under it) is blanked out and the
/// text parsed again. Blanking keeps every byte offset, so each error still points into the
/// original text. Syntax errors stop the search, since what follows them cannot be trusted.
pub fn parse_reporting_all<T: DeserializeOwned>(source: &Source) -> Result<T, Vec<SourceError>> {
    const MOST: usize = 50;
    let mut text = source.text().to_string();
    let mut errors: Vec<SourceError> = Vec::new();
    let mut blanked: Vec<String> = Vec::new();
    loop {
        let attempt = source.with_text(text.clone());
        let err = match serde_saphyr::from_str::<T>(&text) {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => return Err(errors),
            Err(err) => err,
        };
        let found = relocate::<T>(&text, &err);
        let located = match located_error(&attempt, &err, &[], found) {
            Error::Source(e) => *e,
            other => return Err(vec![source.error(other.to_string(), None, "")]),
        };
        let message = located.message().to_string();
        // A required key is "missing" only because we blanked it, or because it was misspelt
        // and the misspelling was already reported with a "did you mean".
        let missing = message.starts_with("missing field");
        let explained = |k: &String| message.contains(&format!("`{k}`"));
        let self_inflicted = missing
            && (blanked.iter().any(explained)
                || errors.iter().filter_map(|e| e.help.as_deref()).any(|h| {
                    message
                        .split('`')
                        .nth(1)
                        .is_some_and(|f| h == format!("did you mean `{f}`?"))
                }));
        let offset = located.span.map(|s| s.offset());
        let repeated = offset.is_some()
            && errors
                .iter()
                .any(|e| e.span.map(|s| s.offset()) == offset && e.message == message);
        let recoverable = !missing && !repeated;
        if !self_inflicted && !repeated {
            errors.push(
                Source::new(source.name(), source.text())
                    .error(
                        message.clone(),
                        located.span.map(|s| (s.offset(), s.len())),
                        "here",
                    )
                    .with_help(located.help.clone()),
            );
        }
        let Some(offset) = offset.filter(|_| recoverable && errors.len() < MOST) else {
            return Err(errors);
        };
        match blank_entry(&text, offset) {
            Some((next, key)) if next != text => {
                blanked.push(key);
                text = next;
            }
            _ => return Err(errors),
        }
    }
}

/// The text with the mapping entry on the line at `offset` (and the lines nested under it)
/// replaced by spaces, and that entry's key.
fn blank_entry(text: &str, offset: usize) -> Option<(String, String)> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?;
    let indent = line.len() - line.trim_start_matches([' ', '-']).len();
    let key = line
        .trim_start_matches([' ', '-'])
        .split(':')
        .next()?
        .trim()
        .trim_matches('"')
        .to_string();
    let mut end = line_start + line.len();
    // The key's own line ends with its line break (`\n` or `\r\n`), then come its children.
    end += text[end..].split_inclusive('\n').next().map_or(0, str::len);
    for next in text[end..].split_inclusive('\n') {
        let content = next.trim_end();
        let next_indent = next.len() - next.trim_start().len();
        if !content.trim().is_empty() && next_indent <= indent {
            break;
        }
        end += next.len();
    }
    // Keep a list item's dash, so the list stays a list.
    let keep = if line.trim_start().starts_with('-') {
        line_start + line.find('-')? + 1
    } else {
        line_start
    };
    // Same byte length: a character of n bytes becomes n spaces.
    let blanked: String = text[keep..end]
        .chars()
        .map(|c| {
            if c == '\n' {
                "\n".to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    Some((format!("{}{}{}", &text[..keep], blanked, &text[end..]), key))
}

/// Like [`parse`], for a type with a flattened part, whose unknown-key errors do not name the
/// keys expected: `keys` are offered as suggestions instead.
pub fn parse_with_keys<T: DeserializeOwned>(source: &Source, keys: &[&str]) -> Result<T, Error> {
    serde_saphyr::from_str(source.text()).map_err(|err| {
        let found = relocate::<T>(source.text(), &err);
        located_error(source, &err, keys, found)
    })
}

/// An error's message without the " at line L, column C" serde-saphyr appends to it (the
/// snippet shows that).
fn bare_message(err: &serde_saphyr::Error) -> String {
    let message = err.without_snippet().to_string();
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

/// A serde-saphyr error as a diagnostic that underlines the offending key or value; `found`
/// is where [`relocate`] found the value when serde-saphyr could not say.
fn located_error(
    source: &Source,
    err: &serde_saphyr::Error,
    keys: &[&str],
    found: Option<(usize, usize)>,
) -> Error {
    let message = bare_message(err);
    // The parser's advice is about its own options, not about the file.
    let message = match message
        .strip_prefix("duplicate mapping key: ")
        .and_then(|rest| rest.split_once(", set DuplicateKeyPolicy"))
    {
        Some((key, _)) => format!("the key `{key}` is given twice"),
        None => message,
    };
    if source.text().trim().is_empty() {
        return source
            .error(format!("{} is empty", source.name()), None, "")
            .with_help(Some("write the document in it (see the README)".into()))
            .into();
    }
    let unknown = unknown_key(&message);
    let at = err
        .location()
        .and_then(|loc| source.offset_of(loc.line() as usize, loc.column() as usize));
    // Unknown keys inside a flattened part come back located at their parent, or not at
    // all: look for the key itself from there.
    let span = match (unknown, at) {
        (Some(key), _) => find_key(source.text(), at.unwrap_or(0), key)
            .or_else(|| find_key(source.text(), 0, key))
            .map(|o| (o, key.len()))
            .or_else(|| at.map(|o| (o, source.scalar_len(o)))),
        (None, _) if found.is_some() => found,
        (None, Some(o)) => Some((o, source.scalar_len(o))),
        (None, None) => None,
    };
    let value = span
        .and_then(|(o, len)| source.text().get(o..o + len))
        .map(|v| v.trim_matches(['"', '\'']));
    if let Some((message, help)) = value.and_then(|v| time_error(&message, v)) {
        return source
            .error(message, span, "here")
            .with_help(Some(help))
            .into();
    }
    let help = unquoted_help(&message, value).or_else(|| help_for(&message, keys));
    source
        .error(message.clone(), span, "here")
        .with_help(help)
        .into()
}

/// chrono's words for a date or time it could not read (they name no value).
const CHRONO_MESSAGES: [&str; 7] = [
    "input is out of range",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
    "bad or unsupported format string",
];

/// A date or time that could not be read (`value`, chrono's `message`), said as what is
/// wrong with it and how to write it.
fn time_error(message: &str, value: &str) -> Option<(String, String)> {
    if !CHRONO_MESSAGES.contains(&message) || value.is_empty() || !value.is_ascii() {
        return None;
    }
    let b = value.as_bytes();
    let digits = |from: usize, to: usize| {
        b.get(from..to)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let dash = |at: usize| b.get(at) == Some(&b'-');
    let date = digits(0, 4) && dash(4) && digits(5, 7) && dash(7) && digits(8, 10);
    // 2026-12-03
    if date && b.len() == 10 && message == "premature end of input" {
        return Some((
            format!("`{value}` is a date without a time of day"),
            format!(
                "a time is expected here: add the time and the UTC offset, as {value}T09:00:00+08:00"
            ),
        ));
    }
    let hours_minutes = date
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && digits(11, 13)
        && b.get(13) == Some(&b':')
        && digits(14, 16);
    // …+08:05:43
    let offset = value.rsplit(['+', '-']).next().unwrap_or_default();
    if hours_minutes && offset.len() == 8 && offset.matches(':').count() == 2 {
        return Some((
            format!("`{value}` has a UTC offset that is not a whole number of minutes"),
            "write the offset as ±HH:MM, e.g. +08:00".to_string(),
        ));
    }
    // 2026-12-03T09:00+08:00: no seconds.
    if hours_minutes && b.len() > 16 && b[16] != b':' && b[16] != b'.' {
        return Some((
            format!("`{value}` is not a time: the seconds are missing"),
            format!(
                "write the seconds too, as {}:00{}",
                &value[..16],
                &value[16..]
            ),
        ));
    }
    Some((
        format!("`{value}` is not a valid date or time ({message})"),
        "write a time as 2026-09-30T10:00:00+08:00 (with its UTC offset) and a date as 2026-09-30"
            .to_string(),
    ))
}

/// Where the value an error is about really is, when serde-saphyr could not tell.
///
/// Serde reads a `#[serde(flatten)]` part (the facts of an intake or of a record, an event's
/// action) into a buffer of its own first, and only then into its type; an error in a value
/// there is raised after the parser has read the whole mapping, so it carries the position of
/// the last key the parser read (`phone: 13812345678` unquoted, an integer, was underlined at
/// `description:`). An error about a value that points at a key is such an error. The value
/// is then found by its text in the message (``integer `13812345678` ``), trying each place
/// the text occurs with the value changed if it occurs more than once; else by blanking one
/// entry at a time until the error goes away.
fn relocate<T: DeserializeOwned>(text: &str, err: &serde_saphyr::Error) -> Option<(usize, usize)> {
    use serde_saphyr::Error as E;
    // Errors about a value; serde's own carry a best-effort position, others none.
    let about_a_value = matches!(
        err.without_snippet(),
        E::Message { .. }
            | E::SerdeInvalidType { .. }
            | E::SerdeInvalidValue { .. }
            | E::SerdeInvalidLength { .. }
            | E::SerdeUnknownVariant { .. }
    );
    let message = bare_message(err);
    if !about_a_value || message.starts_with("missing field") {
        return None;
    }
    let at = err.location().and_then(|loc| {
        Source::new("", text).offset_of(loc.line() as usize, loc.column() as usize)
    });
    if at.is_some_and(|o| !is_key_at(text, o)) {
        return None;
    }
    by_text::<T>(text, &message).or_else(|| by_blanking::<T>(text, &message))
}

/// Whether a mapping key starts at `offset` (`key: …`, `key:` at the end of a line, `"key": …`).
fn is_key_at(text: &str, offset: usize) -> bool {
    let line = text
        .get(offset..)
        .and_then(|rest| rest.lines().next())
        .unwrap_or("");
    let quoted = line.starts_with(['"', '\'']);
    let key_end = if quoted {
        line[1..].find(&line[..1]).map(|end| end + 2)
    } else {
        line.char_indices()
            .find(|&(i, c)| {
                c == ':'
                    && line[i + 1..]
                        .chars()
                        .next()
                        .is_none_or(|n| n == ' ' || n == '\t')
            })
            .map(|(i, _)| i)
    };
    let Some(key_end) = key_end else {
        return false;
    };
    let key = &line[..key_end];
    !key.is_empty()
        && (quoted || !key.contains(['{', '}', '[', ']', ',', '#']))
        && line[key_end..].trim_start().starts_with(':')
}

/// The value an error names, and whether it is written plain (a number or a boolean, never
/// quoted) or may be quoted (a string).
fn value_in(message: &str) -> Option<(String, bool)> {
    let named = [
        ("integer `", true),
        ("floating point `", true),
        ("boolean `", true),
        ("unknown variant `", false),
        ("character `", false),
    ];
    for (prefix, plain) in named {
        if let Some(rest) = message.split(prefix).nth(1) {
            let value = rest.split('`').next().filter(|v| !v.is_empty())?;
            return Some((value.to_string(), plain));
        }
    }
    let value = message.split("string \"").nth(1)?.split('"').next()?;
    (!value.is_empty() && !value.contains('\\')).then(|| (value.to_string(), false))
}

/// Where `value` is written as a value (not a key): after `key: `, `- `, `[` or `,`, and
/// before the end of the line, a comment, `,`, `]` or `}`; quoted too unless `plain`.
/// Spans include the quotes.
fn value_spans(text: &str, value: &str, plain: bool) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(value) {
        let (start, end) = (from + i, from + i + value.len());
        from = end;
        let quote = text[..start]
            .chars()
            .next_back()
            .filter(|c| matches!(c, '"' | '\''));
        let (start, end) = match quote {
            Some(q) if !plain && text[end..].starts_with(q) => (start - 1, end + 1),
            Some(_) => continue,
            None => (start, end),
        };
        let before = &text[..start];
        let lead = before.trim_end_matches([' ', '\t']);
        let spaced = lead.len() < before.len();
        let after_ok = {
            let after = &text[end..];
            let rest = after.trim_start_matches([' ', '\t']);
            rest.is_empty()
                || rest.starts_with(['\n', '\r', ',', ']', '}'])
                || (rest.starts_with('#') && rest.len() < after.len())
        };
        let before_ok = match lead.chars().next_back() {
            Some(':' | '-') => spaced,
            Some('[' | ',') => true,
            _ => false,
        };
        if before_ok && after_ok {
            found.push((start, end - start));
        }
    }
    found
}

/// The value an error names, found by its text (see [`relocate`]).
fn by_text<T: DeserializeOwned>(text: &str, message: &str) -> Option<(usize, usize)> {
    let (value, plain) = value_in(message)?;
    let found = value_spans(text, &value, plain);
    if found.len() < 2 {
        return found.first().copied();
    }
    // The text is there more than once: the one that, changed, changes the error.
    let marker = match value.as_str() {
        "true" => "`false`",
        "false" => "`true`",
        _ if plain && value.parse::<i64>().is_ok() => "918273645",
        _ if plain => "9182.75",
        _ => "zqx918273645",
    };
    let replacement = marker.trim_matches('`');
    found
        .iter()
        .copied()
        .find(|&(start, len)| {
            let quoted = len > value.len();
            let (from, to) = if quoted {
                (start + 1, start + len - 1)
            } else {
                (start, start + len)
            };
            let changed = format!("{}{replacement}{}", &text[..from], &text[to..]);
            serde_saphyr::from_str::<T>(&changed).is_err_and(|e| bare_message(&e).contains(marker))
        })
        .or(found.first().copied())
}

/// The entry whose value an error is about, found by blanking entries one at a time, the
/// innermost whose blanking makes the error go away (see [`relocate`]); its value, or its key
/// when the value is nested under it.
fn by_blanking<T: DeserializeOwned>(text: &str, message: &str) -> Option<(usize, usize)> {
    const MOST: usize = 200;
    let mut best: Option<usize> = None;
    let mut within = 0..text.len();
    let mut tries = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start < within.start {
            continue;
        }
        if start >= within.end || tries == MOST {
            break;
        }
        let content = line.trim_start_matches(' ');
        let key = start + line.len() - content.len();
        // A list item blanked leaves a null item behind: a different error, not no error.
        if content.starts_with(['-', '#']) || !is_key_at(text, key) {
            continue;
        }
        tries += 1;
        let Some((blanked, _)) = blank_entry(text, key) else {
            continue;
        };
        let gone = match serde_saphyr::from_str::<T>(&blanked) {
            Ok(_) => true,
            Err(e) => {
                let other = bare_message(&e);
                other != message && !other.starts_with("missing field")
            }
        };
        if gone {
            best = Some(key);
            let end = text
                .bytes()
                .zip(blanked.bytes())
                .rposition(|(a, b)| a != b)
                .map_or(offset, |i| i + 1);
            within = key..end.max(offset);
        }
    }
    let key = best?;
    let line = text[key..].lines().next().unwrap_or("");
    let colon = line.find(": ").map_or(line.len(), |i| i + 1);
    let value = line[colon..].trim_start();
    if value.is_empty() || value.starts_with('#') {
        let source = Source::new("", text);
        return Some((key, source.scalar_len(key)));
    }
    let at = key + line.len() - value.len();
    let len = if value.starts_with(['{', '[']) {
        value.split(" #").next().unwrap_or(value).trim_end().len()
    } else {
        Source::new("", text).scalar_len(at)
    };
    Some((at, len))
}

/// The diagnostic for a file that is not UTF-8 text (`bytes`, shown as `name`): the first
/// byte that is not UTF-8 underlined, at its line and column, with its byte offset, and how
/// to convert the file. Call it where a file's bytes fail to convert to text.
pub fn invalid_utf8(name: &str, bytes: &[u8]) -> Error {
    let Err(err) = std::str::from_utf8(bytes) else {
        return Error::Internal(format!("{name} was reported not to be UTF-8, but it is"));
    };
    let at = err.valid_up_to();
    let valid = String::from_utf8_lossy(&bytes[..at]);
    let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
    let line = valid.matches('\n').count() + 1;
    let column = valid[line_start..].chars().count() + 1;
    let bad_len = err.error_len().unwrap_or(bytes.len() - at);
    let bad: Vec<String> = bytes[at..at + bad_len]
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let bytes_word = if bad.len() == 1 { "byte" } else { "bytes" };
    // The text as far as it can be shown: every bad sequence one U+FFFD, the first where the
    // bad bytes began.
    let source = Source::new(name, String::from_utf8_lossy(bytes).into_owned()).private();
    source
        .error(
            format!(
                "{name} is not UTF-8 text: line {line}, column {column} (byte offset {at}) has the {bytes_word} {}, which UTF-8 does not allow",
                bad.join(" ")
            ),
            Some((at, '\u{FFFD}'.len_utf8())),
            "not UTF-8",
        )
        .with_help(Some(format!(
            "save the file as UTF-8 (the file may be in GB18030/GBK, as Windows saves Chinese text: convert it with `iconv -f GB18030 -t UTF-8 {name}` and put the output in its place, or choose UTF-8 when saving it{})",
            if name.ends_with(".csv") {
                "; in Excel, save as \"CSV UTF-8\""
            } else {
                " in an editor"
            }
        )))
        .into()
}

/// Serializes `value` as YAML: keys in declaration order, text written as text (not escapes),
/// and strings that a YAML 1.1 reader could misread (`yes`, `0123`) quoted.
pub fn write<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_saphyr::to_string(value).map_err(|err| Error::Internal(format!("YAML output: {err}")))
}

/// [`write`], but a long line of text stays one line (an SSH key is copied and compared as the
/// one line `ssh-keygen` wrote); text of several lines is still a block.
pub fn write_unfolded<T: Serialize>(value: &T) -> Result<String, Error> {
    let options =
        serde_saphyr::ser_options! { min_fold_chars: usize::MAX, folded_wrap_chars: usize::MAX };
    serde_saphyr::to_string_with_options(value, options)
        .map_err(|err| Error::Internal(format!("YAML output: {err}")))
}

/// The hint for text written unquoted that YAML reads as a number or a yes/no value
/// (`phone: 13812345678`); `value` is what is underlined.
fn unquoted_help(message: &str, value: Option<&str>) -> Option<String> {
    if !message.starts_with("invalid type: ") || !message.ends_with("expected a string") {
        return None;
    }
    let read_as = if message.contains("invalid type: boolean") {
        "a yes/no value"
    } else if message.contains("invalid type: integer")
        || message.contains("invalid type: floating point")
    {
        "a number"
    } else {
        return None;
    };
    Some(
        match value.filter(|v| !v.is_empty() && !v.starts_with(['{', '['])) {
            Some(v) => format!(
                "text is expected here: write it in quotes, \"{v}\" (unquoted, YAML reads it as {read_as})"
            ),
            None => format!(
                "text is expected here: write the value in quotes (unquoted, YAML reads it as {read_as})"
            ),
        },
    )
}

/// A hint for the commonest mistakes, so the diagnostic says how to fix them.
fn help_for(message: &str, keys: &[&str]) -> Option<String> {
    if let Some(unknown) = unknown_key(message) {
        let expected: Vec<&str> = message
            .split("expected one of ")
            .nth(1)
            .map(|list| list.split(", ").map(|k| k.trim_matches('`')).collect())
            .unwrap_or_else(|| keys.to_vec());
        return Some(
            match crate::suggest::closest(unknown, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None if expected.is_empty() => "remove this key".to_string(),
                None if message.contains("expected one of") => {
                    "remove it, or rename it to one of the keys expected here".to_string()
                }
                None => format!("known keys here: {}", expected.join(", ")),
            },
        );
    }
    if message.ends_with("is given twice") {
        return Some("keep one of the two".to_string());
    }
    if message == "expected mapping start" {
        return Some("a map is expected here: `key: value` lines, or `{key: value}`".to_string());
    }
    if message == "expected string scalar" {
        return Some("a single value is expected here, not a list or a map".to_string());
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        return Some(format!("add `{field}:` to this mapping; it is required"));
    }
    None
}

/// The key named by an "unknown field `x`" message.
fn unknown_key(message: &str) -> Option<&str> {
    message.split("unknown field `").nth(1)?.split('`').next()
}

/// The byte offset of the first `key:` (YAML) or `"key":` (JSON) at or after `from`.
fn find_key(text: &str, from: usize, key: &str) -> Option<usize> {
    // An empty key is found everywhere and nowhere: searching for it would never advance.
    if key.is_empty() {
        return None;
    }
    let rest = text.get(from..)?;
    let is_key_end = |after: &str| after.trim_start().starts_with(':');
    let mut search = 0;
    while let Some(found) = rest[search..].find(key) {
        let start = search + found;
        let before = rest[..start].chars().next_back();
        let after = &rest[start + key.len()..];
        let quoted = matches!(before, Some('"' | '\'')) && after.starts_with(['"', '\'']);
        let bare = matches!(before, None | Some(' ' | '\n' | '{' | ',' | '-' | '\t'));
        if quoted && is_key_end(&after[1..]) {
            return Some(from + start - 1);
        }
        if bare && is_key_end(after) {
            return Some(from + start);
        }
        search = start + key.len();
    }
    None
}

/// A default value, which has no place in the file.
pub fn unlocated<T>(value: T) -> serde_saphyr::Spanned<T> {
    serde_saphyr::Spanned::new(
        value,
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

/// An error underlining a spanned value of a document read from `source`.
pub fn located<T>(
    source: &Source,
    spanned: &serde_saphyr::Spanned<T>,
    message: String,
) -> SourceError {
    let loc = spanned.referenced;
    let span = (loc.line() > 0)
        .then(|| source.offset_of(loc.line() as usize, loc.column() as usize))
        .flatten()
        .map(|offset| (offset, source.scalar_len(offset)));
    source.error(message, span, "here")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The underlined text of the error parsing `text` as an intake gives.
    fn underlined(text: &str) -> String {
        let source = Source::new("intake.yaml", text);
        match parse_with_keys::<crate::Intake>(&source, crate::Intake::KEYS) {
            Err(Error::Source(e)) => {
                let span = e.span.expect("a span");
                text[span.offset()..span.offset() + span.len()].to_string()
            }
            other => panic!("not a located error: {other:?}"),
        }
    }

    /// Errors in an intake's facts (a flattened part) are underlined at the value, not at the
    /// last key the parser read.
    #[test]
    fn a_wrong_value_in_a_flattened_part_is_underlined_where_it_is() {
        let cases = [
            (
                "customer:\n  phone: 13812345678\ndescription: x\n",
                "13812345678",
            ),
            (
                "customer: {name: 张三, phone: 13812345678}\ndescription: x\n",
                "13812345678",
            ),
            ("channel: 5\ncategory: CQ01\ndescription: x\n", "5"),
            // The same text twice: the one that is wrong (`price` takes a number).
            ("price: 5\nchannel: 5\ndescription: x\n", "5"),
            ("subject: {kind: thing}\ndescription: x\n", "thing"),
            ("channel: true\ndescription: x\n", "true"),
            ("channel: {a: 1}\ndescription: x\n", "{a: 1}"),
            ("known_at: 2026-13-01\ndescription: x\n", "2026-13-01"),
            ("{\"channel\": 5, \"description\": \"x\"}", "5"),
        ];
        for (text, value) in cases {
            assert_eq!(underlined(text), value, "{text}");
        }
        // Two wrong values with the same text: the first, as serde reports it.
        let text = "channel: 5\ncategory: 5\n";
        let source = Source::new("intake.yaml", text);
        let Err(Error::Source(e)) = parse_with_keys::<crate::Intake>(&source, &[]) else {
            panic!("an error")
        };
        assert_eq!(e.span.unwrap().offset(), text.find('5').unwrap());
    }

    #[test]
    fn text_that_is_not_utf8_is_reported_at_its_line_and_column() {
        let bytes = b"channel: hotline\ncustomer: {name: \xd5\xc5\xc8\xfd}\n";
        let Error::Source(e) = invalid_utf8("intake.yaml", bytes) else {
            panic!("a located error")
        };
        assert_eq!(
            e.message(),
            "intake.yaml is not UTF-8 text: line 2, column 18 (byte offset 34) has the byte 0xD5, which UTF-8 does not allow"
        );
        assert_eq!(e.span.unwrap().offset(), 34);
        assert!(e.help.as_deref().unwrap().contains("GB18030"));
    }
}
