//! A quick reader of records as this program writes them, for building the index: parsing YAML
//! with serde-saphyr was two thirds of building an index from scratch.
//!
//! It reads only the plainest YAML: block mappings and sequences indented with spaces, keys
//! that are field names, double-quoted text without escapes, single-quoted text, and plain
//! text that no YAML reader could take for anything else (a letter first and not a yes/no or
//! null word, or digits joined by dashes such as `400-800-1234`) or small whole numbers.
//! Anything else (comments, escapes, anchors, tags, flow collections, text running on to the
//! next line, a key given twice, `null`, `yes`, `1.5`, …) makes it give up, and the caller reads
//! the file with serde-saphyr, which says what is wrong if anything is. What it reads is
//! turned into the record by the record's own `Deserialize`, so every check on the values is
//! the same; a property test holds it to serde-saphyr's answer on hostile edits of records.

use serde_json::{Map, Value};

use crate::model::Complaint;

/// The record `text` holds, if it is plain enough to be read quickly; `None` means "ask
/// serde-saphyr", never "not a record".
pub(crate) fn complaint(text: &str) -> Option<Complaint> {
    // Characters whose meaning depends on more YAML than is read here.
    if text.contains(['\r', '\t', '#', '\\', '\u{feff}']) || text.chars().any(unusual) {
        return None;
    }
    let lines: Vec<Line> = text
        .split('\n')
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let content = line.trim_start_matches(' ');
            Line {
                indent: line.len() - content.len(),
                content,
            }
        })
        .collect();
    let mut reader = Reader { lines, at: 0 };
    let first = reader.lines.first()?;
    if first.indent != 0 {
        return None;
    }
    let value = reader.mapping(0, None)?;
    if reader.at != reader.lines.len() {
        return None;
    }
    serde_json::from_value(value).ok()
}

/// A character YAML does not allow, treats as a line break, or that this reader leaves to
/// serde-saphyr: controls (but the newline), DEL, C1 controls, and the Unicode line and
/// paragraph separators.
fn unusual(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}')
}

struct Line<'a> {
    indent: usize,
    content: &'a str,
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    at: usize,
}

impl Reader<'_> {
    /// A block mapping whose keys are at `indent`; `first` is its first line's content when
    /// it begins after a sequence's `- ` on a line already taken.
    fn mapping(&mut self, indent: usize, first: Option<&str>) -> Option<Value> {
        let mut map = Map::new();
        let mut pending = first;
        loop {
            let content = match pending.take() {
                Some(content) => content,
                None => match self.lines.get(self.at) {
                    Some(line) if line.indent == indent && !is_item(line.content) => {
                        self.at += 1;
                        line.content
                    }
                    Some(line) if line.indent > indent => return None,
                    _ => break,
                },
            };
            let (key, rest) = content.split_once(':')?;
            if !is_field_name(key) || map.contains_key(key) {
                return None;
            }
            let value = if rest.is_empty() {
                self.nested(indent)?
            } else {
                let value = scalar(rest.strip_prefix(' ')?)?;
                // Text running on to a more indented line is one scalar to YAML.
                if self.lines.get(self.at).is_some_and(|l| l.indent > indent) {
                    return None;
                }
                value
            };
            map.insert(key.to_string(), value);
        }
        (!map.is_empty()).then_some(Value::Object(map))
    }

    /// The block a key without a value on its line holds: a mapping or a sequence indented
    /// more than the key, or a sequence at the key's own indent. Nothing (null) is left to
    /// serde-saphyr.
    fn nested(&mut self, indent: usize) -> Option<Value> {
        let line = self.lines.get(self.at)?;
        match line.indent {
            deeper if deeper > indent && is_item(line.content) => self.sequence(deeper),
            deeper if deeper > indent => self.mapping(deeper, None),
            same if same == indent && is_item(line.content) => self.sequence(same),
            _ => None,
        }
    }

    /// A block sequence whose `- ` marks are at `indent`: each item a scalar or a mapping.
    fn sequence(&mut self, indent: usize) -> Option<Value> {
        let mut items = Vec::new();
        while let Some(line) = self.lines.get(self.at) {
            if line.indent != indent || !is_item(line.content) {
                break;
            }
            self.at += 1;
            let item = line.content.strip_prefix("- ")?;
            let is_mapping = item.split_once(':').is_some_and(|(key, rest)| {
                is_field_name(key) && (rest.is_empty() || rest.starts_with(' '))
            });
            if is_mapping {
                items.push(self.mapping(indent + 2, Some(item))?);
            } else {
                items.push(scalar(item)?);
                if self.lines.get(self.at).is_some_and(|l| l.indent > indent) {
                    return None;
                }
            }
        }
        Some(Value::Array(items))
    }
}

fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

fn is_field_name(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A scalar on the rest of a line: quoted text, plain text that can only be text, or a small
/// whole number.
fn scalar(text: &str) -> Option<Value> {
    if text.is_empty() || text.ends_with(' ') {
        return None;
    }
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains('"')).then(|| Value::String(inner.to_string()));
    }
    if let Some(inner) = text.strip_prefix('\'') {
        // Inside, a quote is written twice; a lone one ends the text early.
        let mut unquoted = String::with_capacity(inner.len());
        let mut chars = inner.strip_suffix('\'')?.chars();
        while let Some(c) = chars.next() {
            if c == '\'' && chars.next() != Some('\'') {
                return None;
            }
            unquoted.push(c);
        }
        return Some(Value::String(unquoted));
    }
    // A colon followed by a space (or ending the text) starts a mapping.
    if text.contains(": ") || text.ends_with(':') {
        return None;
    }
    if is_whole_number(text) {
        return text.parse::<u64>().ok().map(Value::from);
    }
    plain_text(text).then(|| Value::String(text.to_string()))
}

/// `0`, or digits without a leading zero, small enough for any integer type's parse.
fn is_whole_number(text: &str) -> bool {
    text == "0"
        || (text.len() <= 18
            && text.starts_with(|c: char| matches!(c, '1'..='9'))
            && text.chars().all(|c| c.is_ascii_digit()))
}

/// Plain text that YAML can read only as text: a letter first (no mark of YAML's starts
/// with one) and not a word YAML 1.1 reads as yes, no or null, nor a spelling of infinity
/// or not-a-number; or digit groups joined by dashes (`400-800-1234`, `2026-11-10`), which
/// are neither numbers nor anything else to serde-saphyr.
fn plain_text(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if first.is_alphabetic() {
        let lower = text.to_lowercase();
        let words = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"];
        return !words.contains(&lower.as_str())
            && !lower.starts_with("inf")
            && !lower.starts_with("nan");
    }
    first.is_ascii_digit()
        && text.split('-').count() > 1
        && text
            .split('-')
            .all(|group| !group.is_empty() && group.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What serde-saphyr reads, as the book reads a record.
    fn saphyr(text: &str) -> Option<Complaint> {
        let source = crate::Source::new("C-20261110-5AWX5K.yaml", text.to_string());
        complaint_core::yaml::parse_with_keys::<Complaint>(&source, &Complaint::keys()).ok()
    }

    /// Records as the program writes them, in every state the fixtures and a few hand-made
    /// histories reach.
    fn seeds() -> Vec<String> {
        let mut seeds: Vec<String> = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("C-") && n.ends_with(".yaml"))
                {
                    seeds.extend(std::fs::read_to_string(&path).ok());
                }
            }
        }
        assert!(!seeds.is_empty(), "the fixtures have records");
        seeds
    }

    /// Every fixture record is read quickly, and the same as serde-saphyr reads it.
    #[test]
    fn reads_every_fixture_as_serde_saphyr_does() {
        for seed in seeds() {
            let quick = complaint(&seed);
            assert!(quick.is_some(), "not read quickly:\n{seed}");
            assert_eq!(quick, saphyr(&seed), "{seed}");
        }
    }

    /// Pieces that hostile edits insert: YAML's marks and words, numbers of every spelling,
    /// quotes, indentation and line breaks.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "",
                " ",
                "  ",
                "\n",
                "\n  ",
                "\n- ",
                "- ",
                ": ",
                ":",
                "'",
                "''",
                "\"",
                "#",
                "&a ",
                "*a",
                "!!str ",
                "[",
                "]",
                "{}",
                "[]",
                "|",
                ">",
                "~",
                "null",
                "yes",
                "No",
                "on",
                "true",
                "0",
                "07",
                "1",
                "1.5",
                "-1",
                "+1",
                "0x1F",
                "1e3",
                ".inf",
                "inf",
                "NaN",
                "1_000",
                "12:30",
                "2026-11-10",
                "400-800-1234",
                "1-",
                "-1-2",
                "a: b",
                "a:",
                "by",
                "event",
                "at",
                "history",
                "id",
                "customer",
                "name",
                "phone",
                "\t",
                "\r",
                "\\n",
                "王",
                "é",
                "\u{2028}",
                "\u{85}",
                "received",
                "close",
                "satisfaction: 3",
                "---",
                "...",
                "%YAML 1.2",
                "?",
                ",",
                "@",
                "`",
            ])
            .prop_map(str::to_string),
            "[ -~]{0,6}",
        ]
    }

    /// A seed with a piece put in place of a stretch of it, at character boundaries.
    fn edited() -> impl Strategy<Value = String> {
        let seeds = seeds();
        (
            prop::sample::select(seeds),
            prop::collection::vec((any::<prop::sample::Index>(), 0usize..8, piece()), 1..4),
        )
            .prop_map(|(seed, edits)| {
                let mut text = seed;
                for (at, len, piece) in edits {
                    let bounds: Vec<usize> = text
                        .char_indices()
                        .map(|(i, _)| i)
                        .chain([text.len()])
                        .collect();
                    let start = bounds[at.index(bounds.len())];
                    let end = bounds
                        .iter()
                        .copied()
                        .find(|&b| b >= start + len)
                        .unwrap_or(text.len());
                    text.replace_range(start..end, &piece);
                }
                text
            })
    }

    /// A seed with the value of one of its lines replaced by text that looks like a number, a
    /// date, a word YAML knows, or text, plain or quoted: where the quick reader has to tell
    /// text from anything else.
    fn revalued() -> impl Strategy<Value = String> {
        (
            prop::sample::select(seeds()),
            any::<prop::sample::Index>(),
            prop_oneof![
                "[0-9a-zA-Z .:_+~-]{0,10}",
                "[0-9.eE+-]{1,8}",
                "(0|[1-9][0-9]{0,20})",
                "[0-9]{1,4}(-[0-9]{0,4}){0,3}",
                "\"[ -~]{0,8}\"",
                "'[ -~]{0,8}'",
                prop::sample::select(vec![
                    "Yes", "OFF", "Null", "~", "y", "nan", "Infinity", ".Inf", "0o17", "0X1F",
                    "1:30"
                ])
                .prop_map(str::to_string),
            ],
        )
            .prop_map(|(seed, at, value)| {
                let lines: Vec<&str> = seed.lines().collect();
                let chosen = at.index(lines.len());
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, line)| match line.split_once(": ") {
                        Some((key, _)) if i == chosen => format!("{key}: {value}\n"),
                        _ => format!("{line}\n"),
                    })
                    .collect()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("COMPLAINT_PROPTEST_CASES")
                .ok()
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or(2000),
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Whatever the quick reader reads, serde-saphyr reads too, the same.
        #[test]
        fn reads_only_what_serde_saphyr_reads_the_same(
            text in prop_oneof![edited(), revalued()]
        ) {
            if let Some(quick) = complaint(&text) {
                prop_assert_eq!(Some(quick), saphyr(&text), "{}", text);
            }
        }
    }
}
