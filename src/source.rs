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
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            text: Arc::new(text.into()),
        }
    }

    /// Reads a file; `shown_as` is the name diagnostics print (usually a path relative to the book).
    pub fn read(path: &Path, shown_as: impl Into<String>) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Ok(Source::new(shown_as, text))
    }

    pub fn name(&self) -> &str {
        &self.name
    }

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
        let span = span.map(|(offset, len)| {
            let offset = offset.min(self.text.len());
            SourceSpan::from((offset, len.min(self.text.len() - offset)))
        });
        SourceError {
            message: message.into(),
            src: NamedSource::new(self.name.clone(), Arc::clone(&self.text)),
            span,
            label: label.into(),
            help: None,
        }
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
