//! CSV in: complaints registered in bulk from another system's export (a hotline, a chat
//! system, or another book's `complaint export --reveal`).
//!
//! A [`Mapping`] says which column gives which intake field. [`read`] checks every row before
//! anything is written and reports every bad cell at once (line and column, underlined in the
//! file), so an import is all or nothing. Each row's key in its source system is recorded on
//! the complaint (`source: hotline:HL-0001`), so importing the same file again creates nothing
//! twice (see [`crate::Book::import`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::{Error, Problems, SourceError};
use crate::intake;
use crate::model::{Facts, Intake, SubjectKind, Timestamp};
use crate::privacy;
use crate::rulebook::Rulebook;
use crate::source::Source;

/// The intake fields a column can give, as a mapping names them.
pub const FIELDS: &[&str] = &[
    "received_at",
    "channel",
    "category",
    "customer.name",
    "customer.phone",
    "customer.account",
    "customer.email",
    "customer.address",
    "subject.kind",
    "subject.name",
    "subject.order",
    "merchant",
    "happened",
    "place",
    "known_at",
    "description",
    "demand",
    "evidence",
    "price",
    "claimed",
    "flags",
];

/// Which column gives which field, written as YAML (`--map`):
///
/// ```yaml
/// source: hotline            # the other system; recorded as source: hotline:<key>
/// key: 工单号                 # the column that identifies a row there
/// columns:                   # intake field: column header
///   received_at: 来电时间
///   customer.name: 客户姓名
///   customer.phone: 联系电话
///   category: 问题类型
///   description: 投诉内容
/// values:                    # optional: the other system's words for our codes
///   category: {产品质量: CQ01, 物流: CQ02}
/// defaults:                  # optional: a field no column gives, or an empty cell
///   channel: hotline
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The other system's name (`hotline`); each complaint records `source: hotline:<key>`.
    pub source: String,
    /// The column that identifies a row in the source system: recorded on each complaint, so
    /// that importing the same rows again registers nothing twice.
    pub key: Spanned<String>,
    /// Which column gives which field: intake field (one of [`FIELDS`]) to column header.
    pub columns: BTreeMap<String, Spanned<String>>,
    /// Per field, the other system's words for our codes (`category: {产品质量: CQ01}`).
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// Per field, the value where no column gives it or its cell is empty.
    #[serde(default)]
    pub defaults: BTreeMap<String, Spanned<String>>,
    #[serde(skip)]
    file: Option<Source>,
}

/// One row ready to register: where it was, its key in the source system, the intake.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its line in the CSV file, for messages.
    pub line: u64,
    /// The intake document it makes, with `source` set to `source:key`.
    pub intake: Intake,
}

impl Row {
    /// `source:key`, as recorded on the complaint.
    pub fn source(&self) -> Option<&str> {
        self.intake.facts.source.as_deref()
    }
}

fn plain(value: &str) -> Spanned<String> {
    crate::yaml::unlocated(value.to_string())
}

impl Mapping {
    /// The columns `complaint export` writes, keyed by the exported ID: another book's export
    /// (with `--reveal`) imports without a mapping.
    pub fn export() -> Mapping {
        let columns = [
            ("received_at", "received_at"),
            ("channel", "channel"),
            ("category", "category"),
            ("customer.name", "customer_name"),
            ("customer.phone", "customer_phone"),
            ("customer.account", "customer_account"),
            ("customer.email", "customer_email"),
            ("customer.address", "customer_address"),
            ("subject.kind", "subject_kind"),
            ("subject.name", "subject_name"),
            ("subject.order", "order"),
            ("merchant", "merchant"),
            ("happened", "happened"),
            ("place", "place"),
            ("known_at", "known_at"),
            ("description", "description"),
            ("demand", "demand"),
            ("evidence", "evidence"),
            ("price", "price"),
            ("claimed", "claimed"),
            ("flags", "flags"),
        ];
        Mapping {
            source: "complaint".to_string(),
            key: plain("id"),
            columns: columns
                .into_iter()
                .map(|(field, column)| (field.to_string(), plain(column)))
                .collect(),
            values: BTreeMap::new(),
            defaults: BTreeMap::new(),
            file: None,
        }
    }

    /// Reads a mapping file; unknown fields are errors that point at them.
    pub fn parse(source: &Source) -> Result<Mapping, Error> {
        let headline = || format!("{} cannot be used as a column mapping", source.name());
        let mut mapping: Mapping = crate::yaml::parse_with_keys(
            source,
            &["source", "key", "columns", "values", "defaults"],
        )
        .map_err(|err| match err {
            Error::Source(problem) => Problems {
                summary: headline(),
                problems: vec![*problem],
            }
            .into(),
            other => other,
        })?;
        let mut problems = Vec::new();
        let named = mapping
            .columns
            .iter()
            .chain(&mapping.defaults)
            .map(|(field, at)| (field.as_str(), Some(at)))
            .chain(mapping.values.keys().map(|f| (f.as_str(), None)))
            .filter(|(field, _)| !FIELDS.contains(field));
        for (field, at) in named {
            let hint = crate::suggest::closest(field, FIELDS.iter().copied())
                .map_or(format!("fields: {}", FIELDS.join(", ")), |f| {
                    format!("did you mean `{f}`?")
                });
            let message = format!("`{field}` is not an intake field");
            let error = match at {
                Some(at) => crate::yaml::located(source, at, message),
                None => source.error(message, None, ""),
            };
            problems.push(error.with_help(Some(hint)));
        }
        if !problems.is_empty() {
            return Err(Problems {
                summary: headline(),
                problems,
            }
            .into());
        }
        mapping.file = Some(source.clone());
        Ok(mapping)
    }
}

/// What an import did (or, with `dry_run`, would do), as `import` gives it to programs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Outcome {
    /// Whether nothing was written (`--dry-run`).
    pub dry_run: bool,
    /// The rows good to import (with `dry_run`) or imported.
    pub good: usize,
    /// The complaints registered, in the file's order (none with `dry_run`).
    pub imported: Vec<Imported>,
    /// The rows the book had already.
    pub skipped: Vec<Skipped>,
}

/// A complaint an import registered.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Imported {
    /// Its ID in the book.
    pub id: crate::ComplaintId,
    /// Where it came from (`SYSTEM:KEY`).
    pub source: String,
}

/// A row the book had already, so not registered again.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Skipped {
    /// Its line in the CSV file.
    pub line: u64,
    /// Where it came from (`SYSTEM:KEY`).
    pub source: String,
}

impl Outcome {
    /// The outcome of registering `created` (none with `dry_run`, where `good` rows would be),
    /// the rows `skipped` as (line, `source:key`).
    pub fn new(
        dry_run: bool,
        good: usize,
        created: &[crate::Complaint],
        skipped: &[(u64, String)],
    ) -> Outcome {
        Outcome {
            dry_run,
            good,
            imported: created
                .iter()
                .map(|c| Imported {
                    id: c.id.clone(),
                    source: c.facts.source.clone().unwrap_or_default(),
                })
                .collect(),
            skipped: skipped
                .iter()
                .map(|(line, source)| Skipped {
                    line: *line,
                    source: source.clone(),
                })
                .collect(),
        }
    }
}

/// What [`read`] found: the rows to register, and those whose key the book has already
/// (line, `source:key`).
#[derive(Debug, Default)]
pub struct Read {
    /// The rows to register, in the file's order.
    pub rows: Vec<Row>,
    /// Rows the book has already: (line in the CSV file, `source:key`).
    pub skipped: Vec<(u64, String)>,
}

/// Whether a customer cell is what `export` writes in place of personal data: masking it
/// again changes nothing (`王*`, `138****5678`, `a*@b.cn`).
fn masked(field: &str, cell: &str) -> bool {
    let mask: fn(&str) -> String = match field {
        "customer.name" => privacy::name,
        "customer.phone" => privacy::phone,
        "customer.email" => privacy::email,
        "customer.account" | "customer.address" => privacy::text,
        _ => return false,
    };
    cell.contains('*') && mask(cell) == cell
}

/// Several values in one cell (evidence, flags): separated by `;` or `；` (not `、`, which
/// may be part of one value).
fn list(cell: &str) -> Vec<String> {
    cell.split([';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Sets one field of the intake from a cell's text; says what is wrong with the text if it
/// cannot be that field.
fn set(intake: &mut Intake, field: &str, text: &str, zone: chrono_tz::Tz) -> Result<(), String> {
    let f: &mut Facts = &mut intake.facts;
    // One kind of line break in records, whatever the other system wrote.
    let some = || Some(text.replace("\r\n", "\n").replace('\r', "\n"));
    match field {
        "received_at" => intake.received_at = Some(parse_time(text, zone)?),
        "channel" => f.channel = some(),
        "category" => f.category = some(),
        "customer.name" => f.customer.name = some(),
        "customer.phone" => f.customer.phone = some(),
        "customer.account" => f.customer.account = some(),
        "customer.email" => f.customer.email = some(),
        "customer.address" => f.customer.address = some(),
        "subject.kind" => {
            f.subject.kind = Some(SubjectKind::parse(text).ok_or_else(|| {
                format!(
                    "`{text}` is not a subject kind (product, service, store, employee or merchant)"
                )
            })?)
        }
        "subject.name" => f.subject.name = some(),
        "subject.order" => f.subject.order = some(),
        "merchant" => f.merchant = some(),
        "happened" => f.happened = some(),
        "place" => f.place = some(),
        "known_at" => {
            f.known_at = Some(
                chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| format!("`{text}` is not a date; write it as 2026-09-30"))?,
            )
        }
        "description" => f.description = some(),
        "demand" => f.demand = some(),
        "evidence" => f.evidence = list(text),
        "price" => f.price = Some(text.parse().map_err(|e| format!("{e}"))?),
        "claimed" => f.claimed = Some(text.parse().map_err(|e| format!("{e}"))?),
        "flags" => f.flags = list(text),
        other => return Err(format!("`{other}` is not an intake field")),
    }
    Ok(())
}

/// A time as other systems write it (see [`crate::calendar::parse_time`]).
fn parse_time(text: &str, zone: chrono_tz::Tz) -> Result<Timestamp, String> {
    crate::calendar::parse_time(text, zone).ok_or_else(|| {
        format!("`{text}` is not a time; write it as 2026-09-30 10:00 or 2026-09-30T10:00:00+08:00")
    })
}

/// Where a quoted cell opens that no quote closes, if one does. Only a quote that starts a
/// cell opens one (`24" 显示器` unquoted is text).
fn unclosed_quote(text: &str) -> Option<usize> {
    let mut opened = None;
    let mut cell_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (c, opened) {
            // `""` inside a quoted cell is a quote, and leaves the cell open.
            ('"', Some(_)) if chars.peek().is_some_and(|(_, n)| *n == '"') => {
                chars.next();
            }
            ('"', Some(_)) => opened = None,
            ('"', None) if cell_start => opened = Some(i),
            _ => {}
        }
        cell_start = opened.is_none() && matches!(c, ',' | '\n' | '\r');
    }
    opened
}

/// Where each cell of the record starting at `start` lies in `text`: (offset, length),
/// quotes included.
fn cells(text: &str, start: usize) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut cell_start = start;
    let mut quoted = false;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        match c {
            '"' if quoted && chars.peek().is_some_and(|(_, n)| *n == '"') => {
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => {
                spans.push((cell_start, at - cell_start));
                cell_start = at + 1;
            }
            '\n' | '\r' if !quoted => break,
            _ => {}
        }
        if chars.peek().is_none() {
            spans.push((cell_start, at + c.len_utf8() - cell_start));
            return spans;
        }
    }
    let end = text[cell_start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |n| cell_start + n);
    spans.push((cell_start, end - cell_start));
    spans
}

/// Reads every row of `csv` through `mapping`, checking each against the rulebook as `new`
/// would. Returns the rows only if every one is good; otherwise one error listing every bad
/// cell by line and column.
pub fn read(
    csv: &Source,
    mapping: &Mapping,
    rulebook: &Rulebook,
    now: Timestamp,
    known: &HashSet<String>,
) -> Result<Read, Error> {
    let zone = rulebook.zone();
    let text = csv.text();
    // Spreadsheet software saves a byte-order mark; the reader must not take it for a header.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(&text.as_bytes()[bom..]);
    // A quote never closed would swallow every row after it into one cell, silently.
    if let Some(open) = unclosed_quote(&text[bom..]) {
        let line = 1 + text[..bom + open].matches('\n').count();
        return Err(csv
            .error(
                format!("line {line}: the quote opened here is never closed"),
                Some((bom + open, 1)),
                "opened here",
            )
            .with_help(Some(
                "close the quoted cell with `\"`; a quote inside a cell is written twice (`\"\"`)"
                    .into(),
            ))
            .into());
    }
    let headers = reader
        .headers()
        .map_err(|e| Error::from(csv.error(format!("cannot read the header row: {e}"), None, "")))?
        .clone();
    let mut problems: Vec<SourceError> = Vec::new();
    if headers.is_empty() {
        return Err(csv
            .error(
                format!("{} is empty: it has no header row", csv.name()),
                None,
                "",
            )
            .with_help(Some("the first row names the columns".into()))
            .into());
    }
    let header_names: Vec<&str> = headers.iter().collect();
    let columns_help = format!("the columns are: {}", header_names.join(", "));

    // Every mapped column must be in the file.
    let mut column_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut missing: Vec<&str> = Vec::new();
    for (field, header) in mapping
        .columns
        .iter()
        .map(|(f, h)| (f.as_str(), h))
        .chain([("key", &mapping.key)])
    {
        match headers.iter().position(|h| h.trim() == header.value) {
            Some(i) => {
                column_of.insert(field, i);
            }
            // A mapping file is told where it names the missing column.
            None => match &mapping.file {
                Some(file) => {
                    let message = format!(
                        "the mapping's column `{}` (for {field}) is not in the header of {}",
                        header.value,
                        csv.name()
                    );
                    let error = crate::yaml::located(file, header, message);
                    problems.push(error.with_help(Some(columns_help.clone())));
                }
                None => missing.push(&header.value),
            },
        }
    }
    if !missing.is_empty() {
        let message = format!("{} lacks the columns {}", csv.name(), missing.join(", "));
        let help = format!(
            "without --map a file must have the columns of `complaint export`; for another system's file, write a mapping (--map); {}",
            columns_help
        );
        let error = csv.error(
            message,
            Some((bom, text[bom..].find(['\n', '\r']).unwrap_or(0))),
            "the header",
        );
        problems.push(error.with_help(Some(help)));
    }
    if !problems.is_empty() {
        return Err(Problems {
            summary: format!(
                "{} does not have the columns {}; nothing was imported",
                csv.name(),
                if mapping.file.is_some() {
                    "the mapping names"
                } else {
                    "of a `complaint export` file"
                }
            ),
            problems,
        }
        .into());
    }

    let mut rows = Vec::new();
    let mut seen_keys: HashMap<String, u64> = HashMap::new();
    let mut record = csv::StringRecord::new();
    let mut count = 0;
    let mut bad_rows = 0;
    let mut skipped = Vec::new();
    let mut unmapped: HashSet<String> = HashSet::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map(|p| (bom + p.byte() as usize, 1));
                problems.push(csv.error(format!("not CSV: {e}"), at, "here"));
                break;
            }
        }
        count += 1;
        let problems_before = problems.len();
        // The reader gives every record it read a position: where the line break before it
        // ends, with `\r\n` at the `\n`. The record starts after it, on the line counted here.
        let byte = record.position().map_or(0, |p| p.byte() as usize);
        let start = bom
            + byte
            + text[bom + byte..]
                .find(|c| c != '\r' && c != '\n')
                .unwrap_or(0);
        let line = 1 + text[..start].matches('\n').count() as u64;
        let spans = cells(text, start);
        let span_of = |column: usize| spans.get(column).copied().or_else(|| spans.last().copied());
        let header_of = |column: usize| headers.get(column).unwrap_or("?").to_string();
        let mut bad = |column: Option<usize>, message: String| {
            let (span, label) = match column {
                Some(c) => (span_of(c), format!("column {}", header_of(c))),
                None => (spans.first().copied(), "this row".to_string()),
            };
            let place = match column {
                Some(c) => format!("line {line}, column `{}`", header_of(c)),
                None => format!("line {line}"),
            };
            problems.push(csv.error(format!("{place}: {message}"), span, label));
        };
        let cell =
            |column: usize| crate::interchange::unguard(record.get(column).unwrap_or("").trim());
        if record.len() != headers.len() {
            bad(
                None,
                format!(
                    "the row has {} cell(s), the header {}: a comma too many or too few",
                    record.len(),
                    headers.len()
                ),
            );
        }

        let mut intake = Intake::default();
        let key_column = column_of.get("key").copied().unwrap_or_default();
        let key = cell(key_column);
        let source = format!("{}:{key}", mapping.source);
        if key.is_empty() {
            bad(Some(key_column), "the key is empty; every row needs one, so that importing again does not register it twice".into());
        } else if let Some(first) = seen_keys.insert(key.to_string(), line) {
            bad(
                Some(key_column),
                format!("the key `{key}` is also on line {first}"),
            );
        } else if known.contains(&source) {
            // Imported before: not checked again, so a row the rulebook has since come to
            // refuse does not block the new rows of a growing file.
            skipped.push((line, source));
            continue;
        }
        intake.facts.source = Some(source);
        // Fields whose cell could not be read: they are not "missing" as well.
        let mut unreadable: Vec<&str> = Vec::new();
        for (field, default) in &mapping.defaults {
            if let Err(message) = set(&mut intake, field, &default.value, zone) {
                bad(None, format!("the default for {field}: {message}"));
            }
        }
        for (field, &column) in column_of.iter().filter(|(f, _)| **f != "key") {
            let raw = cell(column);
            if raw.is_empty() {
                continue;
            }
            if masked(field, raw) {
                let help = "export with --reveal to import personal data";
                bad(Some(column), format!("`{raw}` is masked ({help})"));
            }
            let value = mapping
                .values
                .get(*field)
                .and_then(|words| words.get(raw))
                .map_or(raw, String::as_str);
            if let Err(message) = set(&mut intake, field, value, zone) {
                bad(Some(column), message);
                unreadable.push(*field);
            }
        }
        // Located in the file, import's problems are in English (see `Error::Source`).
        let missing = intake::problems(&intake.facts, rulebook);
        for problem in missing.iter().map(ToString::to_string) {
            let field = problem.split(':').next().unwrap_or_default();
            let within = |f: &str| f == field || f.starts_with(&format!("{field}."));
            if unreadable.iter().any(|f| within(f)) {
                continue;
            }
            // "customer: missing (customer.phone, …)" → the column of the first field the
            // problem names, else of any field under it.
            let column = column_of
                .iter()
                .find(|(f, _)| **f != field && problem.contains(**f))
                .or_else(|| column_of.iter().find(|(f, _)| within(f)))
                .map(|(_, c)| *c);
            let message = match column {
                Some(_) => problem.clone(),
                // The mapping's gap, not the row's: said once, not for every row.
                None if !unmapped.insert(problem.clone()) => continue,
                None => format!(
                    "{problem}; no column gives it (add it to the mapping's columns or defaults; it is missing on every row)"
                ),
            };
            bad(column, message);
        }
        if let Some(received) = intake.received_at.filter(|t| *t > now) {
            bad(
                column_of.get("received_at").copied(),
                format!(
                    "received_at {} is in the future",
                    crate::model::to_second(&received)
                ),
            );
        }
        bad_rows += usize::from(problems.len() > problems_before);
        rows.push(Row { line, intake });
    }
    if problems.is_empty() {
        return Ok(Read { rows, skipped });
    }
    Err(Problems {
        summary: format!(
            "{} problem(s) in {bad_rows} of {count} row(s) of {}; nothing was imported",
            problems.len(),
            csv.name()
        ),
        problems,
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_found_where_they_are_written() {
        let text = "a,b\nx,\"y, \"\"z\"\"\",,汉字\nnext";
        let start = text.find('x').unwrap();
        let spans: Vec<&str> = cells(text, start)
            .into_iter()
            .map(|(at, len)| &text[at..at + len])
            .collect();
        assert_eq!(spans, ["x", "\"y, \"\"z\"\"\"", "", "汉字"]);
        // The last record, with no line break after it.
        let last = text.find("next").unwrap();
        assert_eq!(cells(text, last), [(last, 4)]);
    }

    #[test]
    fn a_quote_left_open_is_found_where_it_opens() {
        assert_eq!(unclosed_quote("a,b\n1,\"ok\"\n"), None);
        assert_eq!(unclosed_quote("a,b\n1,\"多\nline\"\n"), None);
        assert_eq!(unclosed_quote("a,b\n1,\"say \"\"hi\"\"\"\n"), None);
        assert_eq!(unclosed_quote("a,b\n1,24\" 显示器\n"), None);
        assert_eq!(unclosed_quote("a,b\n1,\"坏了\n2,又坏了\n"), Some(6));
    }

    #[test]
    fn the_export_formula_guard_is_undone_and_nothing_else() {
        for (cell, read) in [
            ("'=1+1", "=1+1"),
            ("'-退款", "-退款"),
            ("'@SUM(A1)", "@SUM(A1)"),
            ("'quoted", "'quoted"),
            ("it's", "it's"),
            ("", ""),
        ] {
            assert_eq!(crate::interchange::unguard(cell), read, "{cell:?}");
        }
    }

    #[test]
    fn several_values_in_one_cell() {
        assert_eq!(list("a.jpg; b.png"), ["a.jpg", "b.png"]);
        // `、` lists words inside one value; it does not separate values.
        assert_eq!(list("截图1；聊天记录、订单"), ["截图1", "聊天记录、订单"]);
        assert!(list(" ; ").is_empty());
    }

    #[test]
    fn times_as_other_systems_write_them() {
        let zone: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
        for text in [
            "2026-09-30 10:00",
            "2026/09/30 10:00",
            "2026-09-30 10:00:00",
            "2026-09-30T10:00:00",
            "2026-09-30T10:00:00+08:00",
            "2026-09-30T02:00:00Z",
        ] {
            let t = parse_time(text, zone).unwrap();
            assert_eq!(t.timestamp(), 1_790_733_600, "{text}");
        }
        assert!(parse_time("2026-09-31 10:00", zone).is_err());
    }
}
