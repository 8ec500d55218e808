//! Texts with `{name}` holes: a message catalogue's pattern, filled with values, so that each
//! language orders the words its own way.

use std::fmt::{Display, Write};

/// `pattern` with each `{name}` replaced by its value in `values`. One pass from left to
/// right: a value is never searched again, so recorded text that happens to hold `{…}` is
/// shown as written. A `{name}` not in `values` is left as it is.
pub fn fill(pattern: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (value, close))
        });
        match found {
            Some((value, close)) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s of a pattern, sorted: two languages' patterns of one message must name the
/// same values.
pub fn placeholders(pattern: &str) -> Vec<&str> {
    let mut names: Vec<&str> = pattern
        .split('{')
        .skip(1)
        .filter_map(|piece| piece.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_each_value_in_once() {
        let text = "{score} and {text}";
        assert_eq!(
            fill(
                "{text}（满意度 {score}/5）",
                &[("text", &text), ("score", &4)]
            ),
            "{score} and {text}（满意度 4/5）"
        );
        assert_eq!(fill("{a}{b}{", &[("a", &"x")]), "x{b}{");
    }

    #[test]
    fn placeholders_are_the_names_in_braces() {
        assert_eq!(placeholders("{b} of {a}"), ["a", "b"]);
    }
}
