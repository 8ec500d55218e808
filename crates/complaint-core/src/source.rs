//! A loaded text file kept beside what was parsed from it, so that any later error (syntax or
//! meaning) can underline the exact place in the file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};

use crate::error::{Error, SourceError};

/// The text of one file and the name to show for it.
#[derive(Debug, Clone)]
pub struct Source {
    name: String,
    text: Arc<String>,
    /// Holds personal data (a record, an intake, an import file): the lines a diagnostic
    /// echoes from it are masked (see [`redacted`]).
    private: bool,
}

/// Where the files a rulebook names (calendar files, their supplements) come from. The core
/// reads no files itself: the `complaint` crate answers from a folder, a program may answer
/// from memory, and `None` means only what ships inside the library.
pub trait Files {
    /// The file `name` (as written in the rulebook), or `None` when there is no such file.
    fn read(&self, name: &str) -> Result<Option<Source>, Error>;
}

/// Files held in memory, by name.
impl Files for std::collections::BTreeMap<String, String> {
    fn read(&self, name: &str) -> Result<Option<Source>, Error> {
        Ok(self.get(name).map(|text| Source::new(name, text.clone())))
    }
}

/// Lines longer than this are not echoed by a diagnostic: a line of a megabyte would be
/// printed whole into a terminal, a cron mail or a CI log.
const LONGEST_ECHOED_LINE: usize = 400;

impl Source {
    /// A source from its name (shown in diagnostics, usually a path) and its text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            text: Arc::new(text.into()),
            private: false,
        }
    }

    /// The same source, marked as holding personal data.
    pub fn private(mut self) -> Self {
        self.private = true;
        self
    }

    /// Another text under this source's name and privacy (a corrected attempt at parsing).
    pub fn with_text(&self, text: impl Into<String>) -> Self {
        Source {
            name: self.name.clone(),
            text: Arc::new(text.into()),
            private: self.private,
        }
    }

    /// A source from bytes read elsewhere; `shown_as` is the name diagnostics print (usually a
    /// path relative to the book). Text that is not UTF-8 is told where it stops being UTF-8.
    pub fn from_bytes(bytes: Vec<u8>, shown_as: impl Into<String>) -> Result<Self, Error> {
        let shown_as = shown_as.into();
        let text = String::from_utf8(bytes)
            .map_err(|e| crate::yaml::invalid_utf8(&shown_as, e.as_bytes()))?;
        Ok(Source::new(shown_as, text))
    }

    /// The name diagnostics show.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// An error about this file; `span` is (byte offset, length) of what to underline.
    pub fn error(
        &self,
        message: impl Into<String>,
        span: Option<(usize, usize)>,
        label: impl Into<String>,
    ) -> SourceError {
        let text = self.text.as_str();
        let span = span.map(|(offset, len)| {
            // Whole characters only: an underline never splits one.
            let mut start = offset.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = offset.saturating_add(len).min(text.len()).max(start);
            while !text.is_char_boundary(end) {
                end += 1;
            }
            SourceSpan::from((start, end - start))
        });
        let mut message = message.into();
        // Where the lines around the place are too long to echo, the place is given in words.
        let (text, span) = match span.filter(|s| self.too_long_around(s.offset())) {
            Some(span) => {
                let (line, column) = self.line_column(span.offset());
                message.push_str(&format!(
                    " (at line {line}, column {column}; the line is too long to show)"
                ));
                (Arc::new(String::new()), None)
            }
            None if self.private => (Arc::new(redacted(&self.text)), span),
            None => (Arc::clone(&self.text), span),
        };
        if self.private {
            message = redacted(&message);
        }
        SourceError {
            message,
            src: NamedSource::new(self.name.clone(), text),
            span,
            label: label.into(),
            help: None,
            private: self.private,
        }
    }

    /// Whether the line at `offset`, or one beside it, is longer than a diagnostic echoes.
    fn too_long_around(&self, offset: usize) -> bool {
        let text = self.text.as_str();
        let offset = offset.min(text.len());
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let before = text[..start.saturating_sub(1)]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        text[before..]
            .split('\n')
            .take(if start == 0 { 2 } else { 3 })
            .any(|line| line.len() > LONGEST_ECHOED_LINE)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let text = self.text.as_str();
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[start..].chars().count() + 1)
    }

    /// How many bytes to underline for the key or value at `offset`: a quoted string to its
    /// closing quote; otherwise up to a key's `: `, a comment, the end of the line, or (inside
    /// `[…]` and `{…}`) the next separator.
    pub fn scalar_len(&self, offset: usize) -> usize {
        let line = self
            .text
            .get(offset..)
            .and_then(|rest| rest.lines().next())
            .unwrap_or("");
        if let Some(quote) = line.chars().next().filter(|c| *c == '"' || *c == '\'') {
            return line[1..].find(quote).map_or(line.len(), |end| end + 2);
        }
        // A flow collection (`{open: …}`) is no key: its `: ` does not end it.
        let key_stop = if line.starts_with(['{', '[']) {
            None
        } else {
            line.find(": ")
        };
        let end = [",", "]", "}", " #"]
            .iter()
            .filter_map(|stop| line.find(stop))
            .chain(key_stop)
            .min()
            .unwrap_or(line.len());
        let trimmed = line[..end].trim_end();
        // A key at the end of its line (`history:`) is underlined without its colon.
        trimmed.strip_suffix(':').unwrap_or(trimmed).len().max(1)
    }

    /// The byte offset where 1-based `line` and `column` (in characters) fall.
    pub fn offset_of(&self, line: usize, column: usize) -> Option<usize> {
        let start: usize = self
            .text
            .split_inclusive('\n')
            .take(line.checked_sub(1)?)
            .map(str::len)
            .sum();
        let rest = self.text.get(start..)?;
        let col = rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map(|(i, _)| i)?;
        Some(start + col)
    }
}

/// A path relative to `base` where possible, for messages that users read.
pub fn shown(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .map(PathBuf::from)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Keys whose values are personal data wherever they appear in a record or an intake.
const PERSONAL_KEYS: [&str; 5] = ["name", "phone", "account", "email", "address"];

/// A text with its personal data masked, byte for byte (so every offset still points at the
/// same place): the values of personal keys (`name:`, `phone:`, …), digit runs of seven or
/// more (phone and account numbers, in any column of a CSV row) but their last four digits,
/// and e-mail addresses but their first character and domain.
pub fn redacted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(&mask_numbers_and_emails(&mask_personal_value(line)));
    }
    out
}

/// A YAML line `  name: 张三` (or `- {name: 张三, phone: …}`) with the values of personal keys
/// replaced by `*`, one per byte.
fn mask_personal_value(line: &str) -> String {
    let mut out = line.to_string();
    // As YAML writes the key, and as JSON does (`"name":`).
    let patterns = PERSONAL_KEYS
        .iter()
        .flat_map(|key| [format!("{key}:"), format!("\"{key}\":")]);
    for pattern in patterns {
        let mut from = 0;
        while let Some(found) = out[from..].find(&pattern) {
            let at = from + found;
            let starts_key = out[..at]
                .chars()
                .next_back()
                .is_none_or(|c| c == ' ' || c == '{' || c == ',' || c == '-' || c == '\t');
            let value_start = at + pattern.len();
            from = value_start;
            if !starts_key {
                continue;
            }
            let rest = &out[value_start..];
            let end = rest.find([',', '}', '\n', '\r', '#']).unwrap_or(rest.len());
            let value = &rest[..end];
            let masked: String = value
                .chars()
                .map(|c| {
                    if c == ' ' || c == '"' || c == '\'' {
                        c.to_string()
                    } else {
                        "*".repeat(c.len_utf8())
                    }
                })
                .collect();
            out.replace_range(value_start..value_start + end, &masked);
        }
    }
    out
}

fn mask_numbers_and_emails(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            // One number: digits, also in groups joined by a single `-` or space
            // (`138-1234-5678`, `138 1234 5678`).
            let start = i;
            let mut digits = Vec::new();
            while i < bytes.len() {
                if bytes[i].is_ascii_digit() {
                    digits.push(i);
                    i += 1;
                } else if matches!(bytes[i], b'-' | b' ')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                {
                    i += 1;
                } else {
                    break;
                }
            }
            // A complaint ID's date (C-20260930-…) and a date (2026-09-30 10:00) are no
            // personal numbers.
            let in_id = start >= 2 && &bytes[start - 2..start] == b"C-";
            let groups: Vec<usize> = bytes[start..i]
                .split(|b| !b.is_ascii_digit())
                .map(<[u8]>::len)
                .collect();
            let dated = groups.len() >= 3 && groups[0] == 4 && groups[1] == 2 && groups[2] == 2;
            let personal = digits.len() >= 7 && !in_id;
            if personal && !dated {
                for &at in &digits[..digits.len() - 4] {
                    out[at] = b'*';
                }
            }
        } else {
            i += 1;
        }
    }
    // E-mail addresses: the local part but its first character.
    let mut at = 0;
    while let Some(found) = line[at..].find('@') {
        let pos = at + found;
        let local_start = line[..pos]
            .rfind(|c: char| c.is_whitespace() || ",;:\"'<({[".contains(c))
            .map_or(0, |i| i + 1);
        for b in out.iter_mut().take(pos).skip(local_start + 1) {
            if b.is_ascii() {
                *b = b'*';
            }
        }
        at = pos + 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_is_masked_byte_for_byte() {
        let record = "customer:\n  name: 张三\n  phone: '13812345678'\n  email: zhang.san@example.com\nsubject:\n  order: O-1001\n";
        let masked = redacted(record);
        assert_eq!(masked.len(), record.len());
        assert!(!masked.contains("张三"), "{masked}");
        assert!(!masked.contains("13812345678"), "{masked}");
        assert!(!masked.contains("zhang.san"), "{masked}");
        assert!(masked.contains("O-1001"), "{masked}");
        let row = "HL-1,2026-09-30 10:00,李四,13912345678,wang@x.cn\n";
        let masked = redacted(row);
        assert_eq!(masked.len(), row.len());
        assert!(
            masked.contains("*******5678") && !masked.contains("wang@"),
            "{masked}"
        );
        assert!(masked.contains("2026-09-30 10:00"), "{masked}");
        for (line, want) in [
            ("phone 138-1234-5678\n", "phone ***-****-5678\n"),
            ("+86 138 1234 5678,x\n", "+** *** **** 5678,x\n"),
            (
                "{\"name\": \"张三\", \"order\": \"O-1\"}\n",
                "{\"name\": \"******\", \"order\": \"O-1\"}\n",
            ),
            ("id: C-20260930-7KQX2M\n", "id: C-20260930-7KQX2M\n"),
        ] {
            assert_eq!(redacted(line), want, "{line:?}");
        }
    }

    #[test]
    fn a_line_too_long_is_not_echoed() {
        let text = format!("a: 1\nb: {}\nc: 3\n", "x".repeat(100_000));
        let source = Source::new("big.yaml", text);
        let err = source.error("wrong", Some((5, 1)), "here");
        assert!(
            err.message().contains("line 2, column 1"),
            "{}",
            err.message()
        );
        let short = Source::new("ok.yaml", "a: 1\nb: 2\n");
        assert_eq!(
            short.error("wrong", Some((5, 1)), "here").message(),
            "wrong"
        );
    }
}
