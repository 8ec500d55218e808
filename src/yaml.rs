//! The one place YAML is read and written.
//!
//! Everything else goes through [`parse`] and [`write`], so the YAML crate (serde-saphyr, chosen
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
        let attempt = Source::new(source.name(), text.clone());
        let err = match serde_saphyr::from_str::<T>(&text) {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => return Err(errors),
            Err(err) => err,
        };
        let located = match located_error(&attempt, &err, &[]) {
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
    for next in text[end..].split_inclusive('\n').skip(1) {
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
    serde_saphyr::from_str(source.text()).map_err(|err| located_error(source, &err, keys))
}

/// A serde-saphyr error as a diagnostic that underlines the offending key or value.
fn located_error(source: &Source, err: &serde_saphyr::Error, keys: &[&str]) -> Error {
    let message = err.without_snippet().to_string();
    // serde-saphyr appends " at line L, column C" to its message; the snippet shows that.
    let message = match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    };
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
        (None, Some(o)) => Some((o, source.scalar_len(o))),
        (None, None) => None,
    };
    source
        .error(message.clone(), span, "here")
        .with_help(help_for(&message, keys))
        .into()
}

/// Serializes `value` as YAML: keys in declaration order, text written as text (not escapes),
/// and strings that a YAML 1.1 reader could misread (`yes`, `0123`) quoted.
pub fn write<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_saphyr::to_string(value).map_err(|err| Error::Internal(format!("YAML output: {err}")))
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
