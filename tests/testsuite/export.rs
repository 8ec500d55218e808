//! `complaint export`: stable columns, masking, the formula-injection guard, the BOM.

use crate::support::*;

#[test]
fn export_masks_personal_data_and_neutralises_formulas() {
    let book = Book::new();
    // A description a spreadsheet would run as a formula, and a demand starting with `-`.
    book.new_complaint_with(
        "2026-09-30T10:00:00+08:00",
        &[
            (
                "--description",
                "=HYPERLINK(\"http://evil.example\",\"点我\")",
            ),
            ("--demand", "-退款"),
        ],
    );
    let csv = book.ok(&["export"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,received_at,channel,category,status,level,tier,grade,customer_name,customer_phone,customer_account,customer_email,subject_kind,subject_name,order,merchant,description,demand,price,claimed,assignee,closed_at,outcome,satisfaction,rulebook_version,customer_address,happened,place,known_at,evidence,flags,source"
    );
    let row = lines.next().unwrap();
    // 张三 → 张*, 13812345678 → 138****5678 (the standard intake's customer).
    assert!(row.contains(",张*,138****5678,"), "{row}");
    assert!(
        !row.contains("13812345678") && !row.contains("张三"),
        "{row}"
    );
    assert!(
        row.contains(r#""'=HYPERLINK(""http://evil.example"",""点我"")""#),
        "{row}"
    );
    assert!(row.contains(",'-退款,"), "{row}");
    assert_eq!(lines.next(), None);
}

#[test]
fn export_of_events_and_an_empty_export_keep_their_header() {
    let book = Book::new();
    assert_eq!(book.ok(&["export"]).lines().count(), 1, "the header alone");
    assert_eq!(book.ok(&["export", "--events"]), "id,at,by,event,values\n");
    let id = book.new_complaint("2026-09-30T10:00:00+08:00");
    book.ok(&[
        "ack",
        &id,
        "--contact",
        "8001",
        "--now",
        "2026-09-30T10:30:00+08:00",
    ]);
    let events = book.ok(&["export", "--events"]);
    let rows: Vec<&str> = events.lines().collect();
    assert_eq!(rows.len(), 3, "{events}");
    assert!(rows[1].ends_with(",received,{}"), "{events}");
    assert!(rows[2].contains(",ack,"), "{events}");
}

#[test]
fn export_with_a_bom_starts_with_one() {
    let book = Book::new();
    book.new_complaint("2026-09-30T10:00:00+08:00");
    let output = book.output(&["export", "--bom"]);
    assert!(output.status.success(), "{}", describe(&output));
    assert!(
        output.stdout.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 BOM first"
    );
    assert!(output.stdout[3..].starts_with(b"id,received_at,"));
}

#[test]
fn export_to_a_file_writes_it_whole_and_prints_nothing() {
    let book = Book::new();
    book.new_complaint("2026-09-30T10:00:00+08:00");
    let printed = book.output(&["export", "--bom"]).stdout;
    let output = book.output(&["export", "--bom", "-o", "out.csv"]);
    assert!(output.status.success(), "{}", describe(&output));
    assert!(output.stdout.is_empty(), "{}", describe(&output));
    let written = std::fs::read(book.root().join("out.csv")).unwrap();
    assert_eq!(written, printed, "the file is what would have been printed");
    let leftovers: Vec<_> = std::fs::read_dir(book.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left");
}

#[test]
fn export_into_a_folder_that_does_not_exist_names_the_folder() {
    let book = Book::new();
    let output = book.output(&["export", "-o", "missing/out.csv"]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot write missing/out.csv: the folder missing does not exist"),
        "{stderr}"
    );
    assert!(!book.root().join("missing").exists());
}

/// The satisfaction a complaint shows is the customer's latest score: a return visit's after
/// the close's, in `export`, `show` and the resolution report alike.
#[test]
fn satisfaction_is_the_latest_score_everywhere() {
    let book = Book::new();
    let id = book.new_complaint("2026-11-02T09:00:00+08:00");
    book.steps(&id)
        .ack("2026-11-02T09:30:00+08:00")
        .close_rated("已换新", "3", "2026-11-03T10:00:00+08:00");
    book.ok(&[
        "followup",
        &id,
        "客户表示满意",
        "--satisfaction",
        "5",
        "--now",
        "2026-11-05T10:00:00+08:00",
    ]);
    let csv = book.ok(&["export", "--now", "2026-11-06T10:00:00+08:00"]);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "satisfaction")
        .expect("a satisfaction column");
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[column], "5");
    let shown = book.json(&["show", &id]);
    assert_eq!(shown["state"]["satisfaction"], 5);
    let report = book.ok(&["form", &id, "--kind", "resolution", "--as", "text"]);
    // The handling process keeps the close's 3/5 as it happened; the survey gives the latest.
    assert!(
        report.contains("对本次处理的满意度（1–5）：5/5"),
        "{report}"
    );
}

/// A spreadsheet keeps what a CSV loses to the spreadsheet's guesses: a phone number written
/// `+86 138…` and the version `2026.1` stay text, money is a number, times are date-times.
#[test]
fn export_as_xlsx_keeps_phone_numbers_and_versions_as_text() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let book = Book::new();
    let id = book.new_complaint_with(
        "2026-11-02T09:00:00+08:00",
        &[("--phone", "+86 138 1234 5678"), ("--price", "1299.50")],
    );
    let file = book.tmp().join("complaints.xlsx");
    let output = book
        .run(&["export", "--format", "xlsx", "--reveal", "-o"])
        .arg(&file)
        .args(["--now", "2026-11-03T09:00:00+08:00"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    assert!(output.stdout.is_empty());
    let mut workbook: Xlsx<_> = open_workbook(&file).unwrap();
    let sheet = workbook.worksheet_range("complaints").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let cell = |name: &str| -> Data {
        let col = header.iter().position(|h| h == name).unwrap();
        sheet.get((1, col)).unwrap().clone()
    };
    assert_eq!(cell("id"), Data::String(id.clone()));
    assert_eq!(
        cell("customer_phone"),
        Data::String("+86 138 1234 5678".into())
    );
    assert_eq!(cell("rulebook_version"), Data::String("2026.2".into()));
    assert_eq!(cell("price"), Data::Float(1299.5));
    match cell("received_at") {
        Data::DateTime(t) => {
            assert_eq!(t.as_datetime().unwrap().to_string(), "2026-11-02 09:00:00")
        }
        other => panic!("received_at is {other:?}"),
    }
    // A spreadsheet is only what export writes.
    let list = book.output(&["list", "--format", "xlsx"]);
    assert_eq!(list.status.code(), Some(2), "{}", describe(&list));
}

/// `report --format xlsx`: the figures in long format, as CSV gives them, numbers as numbers.
#[test]
fn report_as_xlsx_has_its_figures_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let book = Book::new();
    book.new_complaint("2026-11-02T09:00:00+08:00");
    book.new_complaint("2026-11-03T09:00:00+08:00");
    let file = book.tmp().join("report.xlsx");
    let output = book
        .run(&["report", "--period", "2026-11", "--format", "xlsx", "-o"])
        .arg(&file)
        .args(["--now", "2026-11-05T09:00:00+08:00"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    let mut workbook: Xlsx<_> = open_workbook(&file).unwrap();
    let sheet = workbook.worksheet_range("report").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(
        rows[0],
        ["section", "item", "measure", "value"].map(|h| Data::String(h.into()))
    );
    let figure = |section: &str, measure: &str| {
        rows.iter()
            .find(|r| r[0] == Data::String(section.into()) && r[2] == Data::String(measure.into()))
            .map(|r| r[3].clone())
    };
    assert_eq!(figure("volume", "received"), Some(Data::Float(2.0)));
    assert_eq!(
        figure("period", "from"),
        Some(Data::String("2026-11-01".into()))
    );
}
