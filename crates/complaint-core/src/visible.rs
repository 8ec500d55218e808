//! Text made safe for where people read it: a terminal, a text or Markdown form, a git author
//! or commit message, a log. Complaints carry text typed by customers and by other systems;
//! a control character or a bidi override in it must be shown, never obeyed (an `ESC ] 0;…`
//! retitles the terminal, `ESC [2J` clears it, a carriage return overwrites a line, U+202E
//! turns the rest of a line around). Each such character is written as a Rust-style escape,
//! `\u{1b}`. Machine formats (JSON, YAML, CSV) keep the exact text and do not come here.

use std::borrow::Cow;

/// Whether a character is shown escaped: control characters (C0, DEL, C1), and the invisible
/// formatting characters that reorder or hide text (bidi embeddings, overrides and isolates,
/// zero-width joiners and marks, the word joiner family, the byte order mark).
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{00ad}'
            | '\u{180e}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}')
}

fn escape(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| hidden(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) && !keep(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for a terminal or a document: line breaks and tabs kept, every other hidden character
/// escaped.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, |c| c == '\n' || c == '\t')
}

/// Text for one line (a git author, a table cell, a commit subject): line breaks escaped too.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape(text, |_| false)
}

/// Whether diagnostics are coloured: standard error is a terminal and `NO_COLOR` is not set.
pub fn colour() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// [`visible`], but where diagnostics are coloured ([`colour`]) the colour codes
/// (`ESC [ … m`) a diagnostic printer writes are kept, so that they stay coloured on a
/// terminal; elsewhere (a pipe, a log, cron mail) no code passes, whoever wrote it.
pub fn visible_keeping_colour(text: &str) -> Cow<'_, str> {
    if colour() {
        keeping_colour_codes(text)
    } else {
        visible(text)
    }
}

/// [`visible`] with the colour codes kept.
fn keeping_colour_codes(text: &str) -> Cow<'_, str> {
    if !text.contains('\u{1b}') {
        return visible(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&visible(&rest[..at]));
        let after = &rest[at + 1..];
        let colour = after.strip_prefix('[').and_then(|codes| {
            let end = codes.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            (codes[end..].starts_with('m')).then_some(end + 2)
        });
        match colour {
            Some(len) => {
                out.push_str(&rest[at..at + 1 + len]);
                rest = &rest[at + 1 + len..];
            }
            None => {
                out.push_str("\\u{1b}");
                rest = after;
            }
        }
    }
    out.push_str(&visible(rest));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_are_shown_not_obeyed() {
        let cases = [
            ("张三", "张三"),
            ("title\u{1b}]0;pwned\u{7}", "title\\u{1b}]0;pwned\\u{7}"),
            ("\u{1b}[2Jclear", "\\u{1b}[2Jclear"),
            ("over\rwrite", "over\\u{d}write"),
            ("back\u{8}space", "back\\u{8}space"),
            ("abc\u{202e}fed", "abc\\u{202e}fed"),
            ("zero\u{200b}width", "zero\\u{200b}width"),
            ("two\nlines\tand tab", "two\nlines\tand tab"),
            ("c1\u{9b}31m", "c1\\u{9b}31m"),
        ];
        for (text, want) in cases {
            assert_eq!(visible(text), want, "{text:?}");
        }
        assert_eq!(one_line("a\nb\tc"), "a\\u{a}b\\u{9}c");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn colour_codes_are_kept_and_nothing_else() {
        let report = "\u{1b}[31m×\u{1b}[0m bad \u{1b}]0;pwned\u{7} \u{1b}[2J";
        assert_eq!(
            keeping_colour_codes(report),
            "\u{1b}[31m×\u{1b}[0m bad \\u{1b}]0;pwned\\u{7} \\u{1b}[2J"
        );
        assert_eq!(keeping_colour_codes("a\u{1b}"), "a\\u{1b}");
        // Not on a terminal (as under `cargo test`): no code passes.
        assert_eq!(visible_keeping_colour("\u{1b}[8mx"), "\\u{1b}[8mx");
    }
}
