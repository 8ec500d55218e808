//! Output: tables for people, YAML/JSON/CSV for programs.

use comfy_table::{ContentArrangement, Table, presets};
use complaint::Error;
use serde::Serialize;

/// A table in the house style. comfy-table measures display width, so Chinese text lines up.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    if !header.is_empty() {
        table.set_header(header);
    }
    table
}

pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Internal(format!("JSON output: {e}")))?;
    println!("{text}");
    Ok(())
}

pub fn yaml<T: Serialize>(value: &T) -> Result<(), Error> {
    print!("{}", complaint::to_yaml(value)?);
    Ok(())
}

/// Rows as CSV text with a header line (also when there are no rows: the header comes from
/// an empty row then).
pub fn csv_text<T: Serialize + Default>(rows: &[T]) -> Result<String, Error> {
    let failed = |e: csv::Error| Error::Internal(format!("CSV output: {e}"));
    let mut writer = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        writer.serialize(T::default()).map_err(failed)?;
    }
    for row in rows {
        writer.serialize(row).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Internal(format!("CSV output: {e}")))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(if rows.is_empty() {
        format!("{}\n", text.lines().next().unwrap_or_default())
    } else {
        text
    })
}

/// Prints rows as CSV (see [`csv_text`]).
pub fn csv<T: Serialize + Default>(rows: &[T]) -> Result<(), Error> {
    print!("{}", csv_text(rows)?);
    Ok(())
}

/// Writes `rows` as JSON, YAML or CSV and returns true; for a table returns false, and the
/// caller draws it.
pub fn machine<T: Serialize + Default>(format: super::Format, rows: &[T]) -> Result<bool, Error> {
    match format {
        super::Format::Json => json(rows)?,
        super::Format::Yaml => yaml(&rows)?,
        super::Format::Csv => csv(rows)?,
        // HTML is refused before any command but `report` runs (see `Cli::run`).
        super::Format::Table | super::Format::Html => return Ok(false),
    }
    Ok(true)
}

/// Writes a whole document to `output` (atomically: a reader sees the old file or the new
/// one) or, without one, to standard output.
pub fn emit(text: &str, output: Option<&std::path::Path>) -> Result<(), Error> {
    use std::io::Write;
    match output {
        Some(path) => complaint::book::write_atomic(path, text),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Error::io(std::path::Path::new("<stdout>"), e))
        }
    }
}

/// A timestamp as people read it: `2026-09-30 10:00 +08:00`.
pub fn when(t: &complaint::Timestamp) -> String {
    t.format("%Y-%m-%d %H:%M %:z").to_string()
}

/// A day of the week, short, in the rulebook's language (`六`, `Sat`).
pub fn weekday(day: chrono::NaiveDate, language: complaint::rulebook::Language) -> &'static str {
    use chrono::Datelike;
    let i = day.weekday().num_days_from_monday() as usize;
    language.pick(
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
        (Some(at), _) if provisional => format!("{} (provisional)", when(at)),
        (Some(at), _) => when(at),
        (None, error) => error.unwrap_or_default().to_string(),
    }
}

/// `-1d 3h 20m` style: days of 24 hours, for "time left" columns.
pub fn minutes(total: i64) -> String {
    let sign = if total < 0 { "-" } else { "" };
    let m = total.abs();
    let (d, h, min) = (m / 1440, (m % 1440) / 60, m % 60);
    let parts: Vec<String> = [(d, "d"), (h, "h"), (min, "m")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, u)| format!("{n}{u}"))
        .collect();
    if parts.is_empty() {
        "0m".to_string()
    } else {
        format!("{sign}{}", parts.join(" "))
    }
}
