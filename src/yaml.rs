//! The one place YAML is read and written.
//!
//! Everything else goes through [`parse`] and [`write`], so the YAML crate (serde-saphyr, chosen
//! over the archived serde_yaml) could be swapped by changing this file alone. Parse errors come
//! back as [`crate::error::SourceError`]s that point at the line and column of the offending value.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::source::Source;

/// Parses `source` as one YAML document of type `T`.
pub fn parse<T: DeserializeOwned>(source: &Source) -> Result<T, Error> {
    parse_with_keys(source, &[])
}

/// Like [`parse`], for a type with a flattened part, whose unknown-key errors do not name the
/// keys expected: `keys` are offered as suggestions instead.
pub fn parse_with_keys<T: DeserializeOwned>(source: &Source, keys: &[&str]) -> Result<T, Error> {
    serde_saphyr::from_str(source.text()).map_err(|err| {
        let message = err.without_snippet().to_string();
        // serde-saphyr appends " at line L, column C" to its message; the snippet shows that.
        let message = match message.find(" at line ") {
            Some(cut) => message[..cut].to_string(),
            None => message,
        };
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
                .or_else(|| at.map(|o| (o, token_len(&source.text()[o..])))),
            (None, Some(o)) => Some((o, token_len(&source.text()[o..]))),
            (None, None) => None,
        };
        source
            .error(message.clone(), span, "here")
            .with_help(help_for(&message, keys))
            .into()
    })
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
                None => format!("known keys here: {}", expected.join(", ")),
            },
        );
    }
    if message.contains("missing field") {
        return Some("add the missing key".to_string());
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

/// How much of the text at an error's location to underline: up to the end of the token.
fn token_len(rest: &str) -> usize {
    let line = rest.lines().next().unwrap_or("");
    let token = line
        .split([':', ',', ']', '}', '#'])
        .next()
        .unwrap_or(line)
        .trim_end();
    token.len().max(1)
}
