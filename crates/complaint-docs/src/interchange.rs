//! CSV out: one row per complaint (or per event) with documented, stable columns, and cells
//! made safe for spreadsheet software.

use serde::Serialize;

use crate::classify::Standing;
use crate::model::{Complaint, Event};
use crate::privacy;
use crate::state::State;

/// Characters a spreadsheet reads as the start of a formula, in their ASCII and full-width
/// forms (Excel and WPS take `＝` for `=`), and the white space it skips before one.
const FORMULA_START: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];
const SKIPPED: [char; 5] = ['\t', '\r', '\n', ' ', '\u{3000}'];

/// Whether a spreadsheet could take `cell` for a formula: it starts with `= + - @` (or their
/// full-width forms), or with tabs, line breaks or spaces before one, or with a tab or line
/// break at all. A plain number (`-3`, `-12.50`) is no formula and stays a number.
pub fn needs_guard(cell: &str) -> bool {
    if is_plain_number(cell) {
        return false;
    }
    let rest = cell.trim_start_matches(SKIPPED);
    cell.starts_with(['\t', '\r', '\n']) || rest.starts_with(FORMULA_START)
}

fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A cell that a spreadsheet would run as a formula (see [`needs_guard`]) gets a leading `'`,
/// so it is shown as text (OWASP's CSV-injection advice); the one guard of every CSV this
/// program writes ([`csv_text`]).
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if guarded_or_formula(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A formula, or text that looks guarded already (`'=x`): guarded again, so that reading the
/// guard back gives the text as it was.
fn guarded_or_formula(cell: &str) -> bool {
    needs_guard(cell) || cell.strip_prefix('\'').is_some_and(needs_guard)
}

/// A cell [`neutralise`] guarded, as it was.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if guarded_or_formula(rest) => rest,
        _ => cell,
    }
}

/// Rows as CSV text with a header line (also when there are no rows: the header comes from an
/// empty row then), every cell guarded against formula injection.
pub fn csv_text<T: Serialize + Default>(rows: &[T]) -> Result<String, crate::Error> {
    let failed = |e: csv::Error| crate::Error::Internal(format!("CSV output: {e}"));
    // Cell by cell: the guard sees every cell, whatever the row.
    let mut guarded = csv::Writer::from_writer(Vec::new());
    for record in cells(rows)? {
        guarded
            .write_record(record.iter().map(|cell| neutralise(cell).into_owned()))
            .map_err(failed)?;
    }
    let bytes = guarded
        .into_inner()
        .map_err(|e| crate::Error::Internal(format!("CSV output: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The header and every row's cells as text, in the columns' order (a header only for no rows).
fn cells<T: Serialize + Default>(rows: &[T]) -> Result<Vec<Vec<String>>, crate::Error> {
    let failed = |e: csv::Error| crate::Error::Internal(format!("CSV output: {e}"));
    let mut plain = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        plain.serialize(T::default()).map_err(failed)?;
    }
    for row in rows {
        plain.serialize(row).map_err(failed)?;
    }
    let bytes = plain
        .into_inner()
        .map_err(|e| crate::Error::Internal(format!("CSV output: {e}")))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(failed)?;
        if rows.is_empty() && i > 0 {
            break;
        }
        out.push(record.iter().map(str::to_string).collect());
    }
    Ok(out)
}

/// How a column is written to a spreadsheet: as text unless named here, so that phone
/// numbers keep their leading digits and `+86`, and versions such as `2026.1` stay text.
fn column_kind(name: &str) -> ColumnKind {
    match name {
        "received_at" | "closed_at" | "at" => ColumnKind::DateTime,
        "known_at" => ColumnKind::Date,
        "price" | "claimed" => ColumnKind::Money,
        "satisfaction" => ColumnKind::Count,
        // A report's figures (long format): numbers where they are numbers.
        "value" => ColumnKind::Count,
        _ => ColumnKind::Text,
    }
}

enum ColumnKind {
    Text,
    DateTime,
    Date,
    Money,
    Count,
}

/// The most characters a spreadsheet cell holds (Excel's limit).
const CELL_CHARS: usize = 32_767;

/// Text cut to what a cell holds, with `…` where it was cut (the CSV keeps the whole text).
fn fits_a_cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(CELL_CHARS - 1) {
        Some((cut, _)) if text.chars().count() > CELL_CHARS => format!("{}…", &text[..cut]).into(),
        _ => text.into(),
    }
}

/// Rows as an Excel workbook (`.xlsx`) of one sheet: the header row frozen and filtered, text
/// as text (never a number, never a formula), times as date-times in their own offset (the
/// header says so), days as dates, money as numbers shown with two decimals. Through
/// `rust_xlsxwriter`: a spreadsheet no longer guesses what a CSV cell is.
pub fn xlsx<T: Serialize + Default>(rows: &[T], sheet: &str) -> Result<Vec<u8>, crate::Error> {
    use rust_xlsxwriter::{Format, Workbook};
    let failed =
        |e: rust_xlsxwriter::XlsxError| crate::Error::Internal(format!("xlsx output: {e}"));
    let table = cells(rows)?;
    let Some((header, body)) = table.split_first() else {
        return Err(crate::Error::Internal("xlsx output: no header".into()));
    };
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet).map_err(failed)?;
    let bold = Format::new().set_bold();
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("0.00");
    let kinds: Vec<ColumnKind> = header.iter().map(|h| column_kind(h)).collect();
    for (col, name) in header.iter().enumerate() {
        let col = u16::try_from(col)
            .map_err(|_| crate::Error::Internal("xlsx: too many columns".into()))?;
        worksheet
            .write_string_with_format(0, col, name, &bold)
            .map_err(failed)?;
    }
    for (row, record) in body.iter().enumerate() {
        let row = u32::try_from(row + 1)
            .map_err(|_| crate::Error::Internal("xlsx: too many rows".into()))?;
        for (col, (cell, kind)) in record.iter().zip(&kinds).enumerate() {
            let col = col as u16;
            if cell.is_empty() {
                continue;
            }
            let written = match kind {
                ColumnKind::DateTime => chrono::DateTime::parse_from_rfc3339(cell).ok().map(|t| {
                    worksheet.write_datetime_with_format(row, col, t.naive_local(), &datetime)
                }),
                ColumnKind::Date => chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d")
                    .ok()
                    .map(|d| worksheet.write_datetime_with_format(row, col, d, &date)),
                // Excel keeps numbers as doubles: exact to the fen for any amount a complaint has.
                ColumnKind::Money => cell
                    .parse::<f64>()
                    .ok()
                    .map(|n| worksheet.write_number_with_format(row, col, n, &money)),
                ColumnKind::Count => cell
                    .parse::<f64>()
                    .ok()
                    .map(|n| worksheet.write_number(row, col, n)),
                ColumnKind::Text => None,
            };
            match written {
                Some(result) => result.map(drop).map_err(failed)?,
                None => worksheet
                    .write_string(row, col, fits_a_cell(cell))
                    .map(drop)
                    .map_err(failed)?,
            }
        }
    }
    let last_col = header.len().saturating_sub(1) as u16;
    worksheet.set_freeze_panes(1, 0).map_err(failed)?;
    worksheet
        .autofilter(0, 0, body.len() as u32, last_col)
        .map_err(failed)?;
    workbook.save_to_buffer().map_err(failed)
}

/// One complaint as a CSV row. The columns and their order are a public interface: add new
/// ones at the end, never rename or reorder.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ComplaintRow {
    /// The complaint's ID (`C-20261110-5AWX5K`).
    pub id: String,
    /// When it was received, RFC 3339.
    pub received_at: String,
    /// The channel code (`hotline`).
    pub channel: String,
    /// The category code (`CQ01`).
    pub category: String,
    /// The status (`new`, `acknowledged`, `closed`, `reopened`).
    pub status: String,
    /// The current ladder level's code (`handler`).
    pub level: String,
    /// The tier code; empty without one.
    pub tier: String,
    /// The grade code; empty without one.
    pub grade: String,
    /// The customer's name; masked unless revealed.
    pub customer_name: String,
    /// The customer's phone number; masked unless revealed.
    pub customer_phone: String,
    /// The customer's account number; masked unless revealed.
    pub customer_account: String,
    /// The customer's e-mail address; masked unless revealed.
    pub customer_email: String,
    /// What kind of thing it is about (`product`).
    pub subject_kind: String,
    /// The name of what it is about (`洗衣机`).
    pub subject_name: String,
    /// The order number.
    pub order: String,
    /// The merchant complained about.
    pub merchant: String,
    /// What happened, in the customer's words.
    pub description: String,
    /// What the customer wants.
    pub demand: String,
    /// The price paid, in yuan (`1299.00`).
    pub price: String,
    /// The amount the customer claims, in yuan.
    pub claimed: String,
    /// Who it is assigned to.
    pub assignee: String,
    /// When it was closed, RFC 3339; empty while open.
    pub closed_at: String,
    /// The outcome recorded at the close.
    pub outcome: String,
    /// The satisfaction score at the close, 1–5.
    pub satisfaction: String,
    /// The version of the rulebook it was received under (`2026.1`).
    pub rulebook_version: String,
    /// The customer's postal address; masked unless revealed.
    pub customer_address: String,
    /// When it happened, as the customer said it.
    pub happened: String,
    /// Where it happened.
    pub place: String,
    /// The day the customer knew of the harm (`2026-11-03`).
    pub known_at: String,
    /// Several values joined by `; `.
    pub evidence: String,
    /// Several values joined by `; `.
    pub flags: String,
    /// `SYSTEM:KEY` for an imported complaint.
    pub source: String,
}

/// One event as a CSV row: the complaint, when, who, what, and the event's values as JSON.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EventRow {
    /// The complaint's ID.
    pub id: String,
    /// When the event happened, RFC 3339.
    pub at: String,
    /// Who did it.
    pub by: String,
    /// The kind of event (`ack`, `close`).
    pub event: String,
    /// The event's other fields, as compact JSON.
    pub values: String,
}

/// A complaint's row; personal data masked unless `reveal`.
pub fn complaint_row(
    c: &Complaint,
    state: &State,
    standing: &Standing,
    reveal: bool,
) -> ComplaintRow {
    let f = &c.facts;
    let customer = if reveal {
        f.customer.clone()
    } else {
        privacy::customer(&f.customer)
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    ComplaintRow {
        id: c.id.to_string(),
        received_at: c.received_at.to_rfc3339(),
        channel: text(&f.channel),
        category: text(&f.category),
        status: state.status.as_str().to_string(),
        level: standing.level.clone(),
        tier: standing.tier().unwrap_or_default().to_string(),
        grade: standing.grade().unwrap_or_default().to_string(),
        customer_name: text(&customer.name),
        customer_phone: text(&customer.phone),
        customer_account: text(&customer.account),
        customer_email: text(&customer.email),
        subject_kind: f
            .subject
            .kind
            .map(|k| k.as_str().to_string())
            .unwrap_or_default(),
        subject_name: text(&f.subject.name),
        order: text(&f.subject.order),
        merchant: text(&f.merchant),
        description: text(&f.description),
        demand: text(&f.demand),
        price: f.price.map(|p| p.to_string()).unwrap_or_default(),
        claimed: f.claimed.map(|p| p.to_string()).unwrap_or_default(),
        assignee: text(&state.assignee),
        closed_at: state.closed_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        outcome: text(&state.outcome),
        satisfaction: state
            .satisfaction
            .map(|s| s.to_string())
            .unwrap_or_default(),
        rulebook_version: c.rulebook.version.clone(),
        customer_address: text(&customer.address),
        happened: text(&f.happened),
        place: text(&f.place),
        known_at: f.known_at.map(|d| d.to_string()).unwrap_or_default(),
        evidence: f.evidence.join("; "),
        flags: f.flags.join("; "),
        source: text(&f.source),
    }
}

/// An event's row, its values as compact JSON.
pub fn event_row(c: &Complaint, event: &Event) -> EventRow {
    let mut values = serde_json::to_value(&event.action).unwrap_or_default();
    if let Some(map) = values.as_object_mut() {
        map.remove("event");
    }
    EventRow {
        id: c.id.to_string(),
        at: event.at.to_rfc3339(),
        by: event.by.clone(),
        event: event.action.name().to_string(),
        values: values.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_holds_32767_characters_and_says_where_it_was_cut() {
        let at_limit = "字".repeat(CELL_CHARS);
        assert_eq!(fits_a_cell("短"), "短");
        assert_eq!(fits_a_cell(&at_limit), at_limit);
        let over = fits_a_cell(&"a".repeat(40_000)).into_owned();
        assert_eq!(over.chars().count(), CELL_CHARS);
        assert!(over.ends_with("a…"));
    }

    #[test]
    fn formula_cells_are_shown_as_text() {
        for (cell, safe) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+86 138", "'+86 138"),
            // A plain number is no formula: a negative growth stays a number.
            ("-1", "-1"),
            ("-12.50", "-12.50"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\nx", "'\nx"),
            ("\rx", "'\rx"),
            ("  =1+1", "'  =1+1"),
            ("＝1+1", "'＝1+1"),
            ("＋86 138", "'＋86 138"),
            ("－1", "'－1"),
            ("＠SUM(A1)", "'＠SUM(A1)"),
            ("\u{3000}=1", "'\u{3000}=1"),
            ("退货并赔偿", "退货并赔偿"),
            ("a=b", "a=b"),
            ("'=x", "''=x"),
            ("'abc", "'abc"),
            ("500.00", "500.00"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), safe, "{cell:?}");
            assert_eq!(unguard(&neutralise(cell)), cell, "{cell:?} reads back");
        }
    }

    /// Every CSV this program writes goes through one writer, which guards every cell,
    /// whichever row type it is and whichever column the text is in.
    #[test]
    fn every_csv_cell_is_guarded() {
        #[derive(Default, serde::Serialize)]
        struct Row {
            a: String,
            b: String,
            n: i64,
        }
        let rows = [Row {
            a: "=HYPERLINK(\"http://x\")".into(),
            b: "+86 138 1234 5678".into(),
            n: -3,
        }];
        let text = csv_text(&rows).unwrap();
        assert_eq!(
            text,
            "a,b,n\n\"'=HYPERLINK(\"\"http://x\"\")\",'+86 138 1234 5678,-3\n"
        );
        assert_eq!(csv_text::<Row>(&[]).unwrap(), "a,b,n\n");
    }
}
