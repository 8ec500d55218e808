//! Output: tables for people, YAML/JSON/CSV for programs.

use comfy_table::{ContentArrangement, presets};
use complaint::Error;
use serde::Serialize;

use super::messages::{say, t};

/// The most characters a table cell shows, per line, and the most lines: a 2 MB description
/// is cut with an ellipsis (`show --format yaml|json` gives the whole text), so drawing a
/// table costs time in proportion to what is shown.
const CELL_CHARS: usize = 200;
const CELL_LINES: usize = 20;

/// A table in the house style. comfy-table measures display width, so Chinese text lines up;
/// every cell is cut to [`CELL_CHARS`] characters a line and [`CELL_LINES`] lines, and its
/// hidden characters are shown escaped (see [`complaint::visible`]).
///
/// It fits the terminal: where the width is known ([`set_width`]) and the table is wider, the
/// columns a table names as least important go first ([`Table::drop_first`]), then the cells
/// wrap, so that no line is wider than the terminal (`--wide` turns this off).
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Column indices, the least important first, that may be left out to fit.
    droppable: Vec<usize>,
}

/// The width tables fit, when known: `--wide` leaves it unset.
static WIDTH: std::sync::OnceLock<Option<u16>> = std::sync::OnceLock::new();

/// The width tables fit: `COLUMNS` if set, else the terminal's when standard output is one;
/// `None` (no limit) with `--wide`, in a pipe or a file.
pub fn set_width(wide: bool) {
    use std::io::IsTerminal;
    let width = (!wide)
        .then(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse::<u16>().ok())
                .or_else(|| {
                    std::io::stdout()
                        .is_terminal()
                        .then(|| comfy_table::Table::new().width())
                        .flatten()
                })
        })
        .flatten()
        .filter(|w| *w >= 20);
    let _ = WIDTH.set(width);
}

impl Table {
    pub fn add_row<I, S>(&mut self, row: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.rows
            .push(row.into_iter().map(|cell| bounded(cell.as_ref())).collect());
        self
    }

    /// The columns (by index) that may be left out when the table does not fit, the least
    /// important first.
    pub fn drop_first(&mut self, columns: &[usize]) -> &mut Self {
        self.droppable = columns.to_vec();
        self
    }

    /// The comfy table of these columns.
    fn draw(&self, keep: &[usize], width: Option<u16>) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        match width {
            Some(width) => table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width),
            None => table.set_content_arrangement(ContentArrangement::Disabled),
        };
        let pick = |cells: &[String]| -> Vec<String> {
            keep.iter().filter_map(|&i| cells.get(i).cloned()).collect()
        };
        if !self.header.is_empty() {
            table.set_header(pick(&self.header));
        }
        for row in &self.rows {
            table.add_row(pick(row));
        }
        table
    }
}

/// How wide a table is drawn without limits: its widest line, in display columns.
fn natural_width(table: &comfy_table::Table) -> usize {
    table
        .to_string()
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let columns = self
            .header
            .len()
            .max(self.rows.iter().map(Vec::len).max().unwrap_or(0));
        let mut keep: Vec<usize> = (0..columns).collect();
        let Some(width) = WIDTH.get().copied().flatten() else {
            return self.draw(&keep, None).fmt(f);
        };
        // Leave out the least important columns until it fits (or none may go), then wrap.
        for column in &self.droppable {
            if natural_width(&self.draw(&keep, None)) <= usize::from(width) {
                break;
            }
            keep.retain(|k| k != column);
        }
        self.draw(&keep, Some(width)).fmt(f)
    }
}

/// A cell's text cut to what a table shows, with `…` where it was cut.
fn bounded(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.split('\n');
    for (i, line) in lines.by_ref().take(CELL_LINES).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = complaint::visible::visible(line);
        match line.char_indices().nth(CELL_CHARS) {
            Some((cut, _)) => {
                out.push_str(&line[..cut]);
                out.push('…');
            }
            None => out.push_str(&line),
        }
    }
    if lines.next().is_some() {
        out.push_str("\n…");
    }
    out
}

pub fn table(header: &[&str]) -> Table {
    Table {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: Vec::new(),
        droppable: Vec::new(),
    }
}

/// Rows as CSV text, every cell guarded against formula injection (see
/// [`complaint::interchange::csv_text`]).
pub fn csv_text<T: Serialize + Default>(rows: &[T]) -> Result<String, Error> {
    complaint::interchange::csv_text(rows)
}

/// Prints rows as CSV (see [`csv_text`]).
pub fn csv<T: Serialize + Default>(rows: &[T]) -> Result<(), Error> {
    print!("{}", for_terminal(&csv_text(rows)?));
    Ok(())
}

/// A document for standard output: exact, unless a person is looking at it on a terminal,
/// where control characters are shown, not obeyed (CSV and forms keep their text in pipes
/// and files).
fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        complaint::visible::visible(text)
    } else {
        text.into()
    }
}

/// Writes `body` as a JSON or YAML document of the published output shapes (see
/// [`complaint::output`]: a `format` version, then its fields) and returns true; for any other
/// format returns false, and the caller writes it.
pub fn document<T: Serialize>(format: super::Format, body: T) -> Result<bool, Error> {
    let Some(text) = document_text(format, body)? else {
        return Ok(false);
    };
    // Exact text: JSON and YAML escape control characters themselves.
    print!("{text}");
    Ok(true)
}

/// The text of [`document`]; `None` for formats other than JSON and YAML.
pub fn document_text<T: Serialize>(
    format: super::Format,
    body: T,
) -> Result<Option<String>, Error> {
    let document = complaint::output::Document::new(body);
    Ok(Some(match format {
        super::Format::Json => {
            let mut text = serde_json::to_string_pretty(&document)
                .map_err(|e| Error::Internal(format!("JSON output: {e}")))?;
            text.push('\n');
            text
        }
        super::Format::Yaml => complaint::to_yaml(&document)?,
        _ => return Ok(None),
    }))
}

/// Writes `body` (made only if needed) as a JSON or YAML document, or `rows` as CSV, and
/// returns true; for a table returns false, and the caller draws it.
pub fn machine<B: Serialize, R: Serialize + Default>(
    format: super::Format,
    body: impl FnOnce() -> B,
    rows: &[R],
) -> Result<bool, Error> {
    match format {
        super::Format::Json | super::Format::Yaml => document(format, body()),
        super::Format::Csv => csv(rows).map(|()| true),
        super::Format::Table | super::Format::Html | super::Format::Xlsx => Ok(false),
    }
}

/// Writes a whole document to `output` (atomically: a reader sees the old file or the new
/// one) or, without one, to standard output.
pub fn emit(text: &str, output: Option<&std::path::Path>) -> Result<(), Error> {
    use std::io::Write;
    match output {
        Some(path) => complaint::book::write_atomic(path, text),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(for_terminal(text).as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Error::io(std::path::Path::new("<stdout>"), e))
        }
    }
}

/// Writes a binary document (a spreadsheet) to `output` atomically or, without one, to
/// standard output, but never to a terminal, where it would be noise.
pub fn emit_bytes(bytes: &[u8], output: Option<&std::path::Path>) -> Result<(), Error> {
    use std::io::{IsTerminal, Write};
    match output {
        Some(path) => complaint::book::write_atomic_bytes(path, bytes),
        None if std::io::stdout().is_terminal() => Err(Error::invalid(
            complaint::Problem::Request,
            complaint::said!(
                "a spreadsheet is not for the terminal",
                "电子表格不能输出到终端"
            ),
            complaint::said!(
                "write it to a file with -o FILE.xlsx, or redirect it (> FILE.xlsx)",
                "请用 -o 文件.xlsx 写入文件，或重定向（> 文件.xlsx）"
            ),
        )),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io(std::path::Path::new("<stdout>"), e))
        }
    }
}

/// An error as a diagnostic for people, in the interface's language (see [`super::lang`]), with
/// the control characters of what it quotes shown, not obeyed.
pub fn report(err: Error) -> String {
    let report = format!(
        "{:?}",
        miette::Report::new(err.localised(super::lang::current()))
    );
    // What a message quotes from records (a name, a note) is shown, never obeyed.
    complaint::visible::visible_keeping_colour(&report).into_owned()
}

/// A timestamp as people read it: `2026-09-30 10:00 +08:00`.
pub fn when(t: &complaint::Timestamp) -> String {
    t.format("%Y-%m-%d %H:%M %:z").to_string()
}

/// A day of the week, short, in the interface's language (`六`, `Sat`).
pub fn weekday(day: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    let i = day.weekday().num_days_from_monday() as usize;
    super::lang::current().pick(
        ["一", "二", "三", "四", "五", "六", "日"][i],
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    )
}

/// A due time for a table cell: marked when it counted provisional days, or why it is unknown.
pub fn due_text(
    due: Option<&complaint::Timestamp>,
    provisional: bool,
    error: Option<&str>,
) -> String {
    match (due, error) {
        (Some(at), _) if provisional => say!(t().provisional, due = due_at(at)),
        (Some(at), _) => due_at(at),
        (None, error) => error.unwrap_or_default().to_string(),
    }
}

/// A due time as tables show it, with its offset; a period of days ends at 24:00 of its last
/// day, so midnight is written as the day before at 24:00 (`2026-11-25 24:00 +08:00`), as forms
/// and what the desk tells the customer say it. Machine formats keep the instant.
pub fn due_at(at: &complaint::Timestamp) -> String {
    match complaint::calendar::ends_day(at) {
        Some(day) => format!("{} 24:00 {}", day.format("%Y-%m-%d"), at.format("%:z")),
        None => when(at),
    }
}

/// A deadline as people tell it: a period of days ends at 24:00 of its last day, so an instant
/// at midnight is written as the day before at 24:00 (`2026年11月05日24时`, `2026-11-05 24:00`).
pub fn deadline(at: &complaint::Timestamp) -> String {
    match complaint::calendar::ends_day(at) {
        Some(day) => day.format(t().deadline_day_end).to_string(),
        None => at.format(t().deadline_time).to_string(),
    }
}

/// The line that tells the desk what to tell the customer: the next deadline, by when.
pub fn next_deadline(
    complaint: &complaint::Complaint,
    rulebook: &complaint::Rulebook,
    now: complaint::Timestamp,
) -> Option<String> {
    let view = complaint::sla::view(complaint, rulebook, now);
    let clock = view.next_deadline()?;
    let at = deadline(&clock.due.as_ref()?.at);
    Some(say!(t().tell_customer, clock = clock.name, at = at))
}

/// `-1d 3h 20m` style (`-1天3小时20分`): days of 24 hours, for "time left" columns.
pub fn minutes(total: i64) -> String {
    let sign = if total < 0 { "-" } else { "" };
    let m = total.abs();
    let t = t();
    let (d, h, min) = (m / 1440, (m % 1440) / 60, m % 60);
    let parts: String = [(d, t.left_days), (h, t.left_hours), (min, t.left_minutes)]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| say!(unit, n = n))
        .collect();
    if parts.is_empty() {
        say!(t.left_minutes, n = 0).trim_end().to_string()
    } else {
        format!("{sign}{}", parts.trim_end())
    }
}
