//! `complaint import`: the round trip through `export --reveal`, a hotline's CSV through a
//! column mapping, all or nothing with every bad cell named, and no duplicates on re-import.

use std::process::Command;

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, describe};

/// The columns of an export that depend on the book rather than on the complaint's facts: the
/// ID is drawn afresh, the handling starts again, and the source is the import's.
const NOT_FACTS: &[&str] = &[
    "id",
    "status",
    "level",
    "assignee",
    "closed_at",
    "outcome",
    "satisfaction",
    "source",
];

/// An export's rows as maps of column → cell, without [`NOT_FACTS`].
fn facts(csv: &str) -> Vec<Vec<(String, String)>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            headers
                .iter()
                .zip(record.unwrap().iter())
                .filter(|(h, _)| !NOT_FACTS.contains(h))
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn export_then_import_into_a_fresh_book_gives_the_same_records() {
    let a = Book::new();
    a.new_complaint("2026-09-28T09:00:00+08:00");
    a.new_complaint_with(
        "2026-09-29T15:00:00+08:00",
        &[
            ("--received-at", "2026-09-29 14:30"),
            ("--channel", "wechat"),
            ("--category", "CQ02"),
            ("--customer", "欧阳娜娜"),
            ("--phone", "+86 139-0000-1111"),
            ("--email", "nana@example.com"),
            ("--address", "北京市朝阳区建国路88号"),
            ("--subject-kind", "service"),
            ("--subject", "配送"),
            ("--description", "=1+1 快递延误五天, \"加急\"也没用"),
            ("--demand", "-退运费"),
            ("--evidence", "chat.png"),
            ("--evidence", "物流截图.jpg"),
            ("--price", "1299.50"),
            ("--claimed", "300"),
            ("--happened", "上周五下午"),
            ("--place", "小区门口"),
            ("--known-at", "2026-09-26"),
        ],
    );
    a.ok(&[
        "ack",
        "20260928",
        "--contact",
        "8001",
        "--now",
        "2026-09-28T09:30:00+08:00",
    ]);
    let exported = a.ok(&["export", "--reveal", "--now", "2026-10-01T09:00:00+08:00"]);
    // The formula guard is on in the file …
    assert!(exported.contains("\"'=1+1 快递延误五天"), "{exported}");
    let file = a.tmp().join("a.csv");
    std::fs::write(&file, &exported).unwrap();

    let b = Book::new();
    let out = b.ok(&[
        "import".as_ref(),
        file.as_os_str(),
        "--now".as_ref(),
        "2026-10-01T10:00:00+08:00".as_ref(),
    ]);
    assert!(
        out.ends_with("2 imported, 0 already in the book\n"),
        "{out}"
    );
    let again = b.ok(&["export", "--reveal", "--now", "2026-10-01T11:00:00+08:00"]);
    assert_eq!(facts(&again), facts(&exported));
    // … and undone on the way in: the record holds what the customer said.
    let imported = b.json(&[
        "list",
        "--reveal",
        "--channel",
        "wechat",
        "--now",
        "2026-10-01T12:00:00+08:00",
    ]);
    let id = imported["complaints"][0]["id"].as_str().unwrap();
    let record = b.record(id);
    assert!(
        record.contains("description: =1+1 快递延误五天, \"加急\"也没用\n"),
        "{record}"
    );
    assert!(record.contains("phone: +86 139-0000-1111"), "{record}");
    // Each records where it came from: the other book's ID.
    let source_ids: Vec<String> = facts_source(&again);
    let a_ids: Vec<String> = a.json(&["list"])["complaints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("complaint:{}", r["id"].as_str().unwrap()))
        .collect();
    assert_eq!(source_ids, a_ids);
    // One commit for the whole import.
    assert_eq!(
        b.log()[2],
        format!("王芳|import {}: 2 complaint(s) by 王芳", file.display())
    );
}

fn facts_source(csv: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "source")
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap()[column].to_string())
        .collect()
}

const MAPPING: &str = include_str!("../../fixtures/import/hotline.yaml");

/// Rows 3 and 5 (lines 3 and 5) are bad, in five cells; row 4 repeats row 2's key.
const BAD: &str = "\
工单号,来电时间,客户姓名,联系电话,问题类型,对象,商品,投诉内容,诉求
HL-0001,2026/09/30 10:00,张三,13812345678,产品质量,product,手机,屏幕碎裂,退货
HL-0002,2026-09-31 10:00,李四,,质量,product,耳机,没有声音,换货
HL-0001,2026-09-30 11:00,王五,13900001111,物流,service,配送,快递延误,道歉
HL-0004,2026-09-30 12:00,赵六,138****5678,物流,thing,配送,,退运费
";

const GOOD: &str = "\
\u{feff}工单号,来电时间,客户姓名,联系电话,问题类型,对象,商品,投诉内容,诉求
HL-0001,2026/09/30 10:00,张三,13812345678,产品质量,product,手机,屏幕碎裂,退货
HL-0002,2026-09-30 10:30,李四,13700002222,物流,service,配送,\"快递延误, 五天\",道歉并退运费
";

fn hotline_book() -> Book {
    let book = Book::new();
    std::fs::write(book.tmp().join("hotline.yaml"), MAPPING).unwrap();
    std::fs::write(book.tmp().join("bad.csv"), BAD).unwrap();
    std::fs::write(book.tmp().join("good.csv"), GOOD).unwrap();
    book
}

/// `complaint --dir book import FILE [--map MAPPING] --now 2026-10-01 09:00 EXTRA…`, run in the
/// book's temporary folder so that the files are named by relative paths in snapshots.
fn import_in(book: &Book, file: &str, mapping: Option<&str>, extra: &[&str]) -> Command {
    let mut args = vec!["--dir", "book", "import", file];
    if let Some(mapping) = mapping {
        args.extend(["--map", mapping]);
    }
    args.extend(["--now", "2026-10-01T09:00:00+08:00"]);
    args.extend(extra);
    book.run_in(book.tmp(), &args)
}

#[test]
fn a_file_with_bad_rows_imports_nothing_and_names_every_bad_cell() {
    let book = hotline_book();
    let commits = book.commits();
    assert_cmd_snapshot!(
        "import_bad_rows",
        import_in(&book, "bad.csv", Some("hotline.yaml"), &[])
    );
    assert_eq!(book.commits(), commits);
    assert!(book.ids_on_disk().is_empty());
}

#[test]
fn a_hotline_file_imports_through_its_mapping_once() {
    let book = hotline_book();
    let out = import_in(&book, "good.csv", Some("hotline.yaml"), &[])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    for id in book.ids_on_disk() {
        book.register_id(&id);
    }
    let listed = book.json(&["list", "--reveal", "--now", "2026-10-01T09:30:00+08:00"]);
    let rows: Vec<(String, String, String, String)> = listed["complaints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |v: &serde_json::Value| v.as_str().unwrap().to_string();
            (
                s(&r["received_at"]),
                s(&r["category"]["code"]),
                s(&r["channel"]["code"]),
                s(&r["customer"]["name"]),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "2026-09-30T10:00:00+08:00".into(),
                "CQ01".into(),
                "hotline".into(),
                "张三".into()
            ),
            (
                "2026-09-30T10:30:00+08:00".into(),
                "CQ02".into(),
                "hotline".into(),
                "李四".into()
            ),
        ]
    );
    let commits = book.commits();
    assert_cmd_snapshot!(
        import_in(&book, "good.csv", Some("hotline.yaml"), &[]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        0 imported, 2 already in the book

        ----- stderr -----
        line 2: hotline:HL-0001 was imported before; skipped
        line 3: hotline:HL-0002 was imported before; skipped
        "
    );
    assert_eq!(book.commits(), commits);
}

#[test]
fn a_dry_run_checks_every_row_and_writes_nothing() {
    let book = hotline_book();
    let commits = book.commits();
    let dry_run = |file| {
        import_in(&book, file, Some("hotline.yaml"), &["--dry-run"])
            .output()
            .unwrap()
    };
    let out = dry_run("good.csv");
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2 row(s) of good.csv are good, 0 already in the book; nothing was written (--dry-run)\n"
    );
    assert!(book.ids_on_disk().is_empty());
    assert_eq!(book.commits(), commits);
    // A bad file fails the dry run the same way.
    let out = dry_run("bad.csv");
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
}

#[test]
fn a_mapping_must_name_the_key_column() {
    let book = hotline_book();
    std::fs::write(
        book.tmp().join("keyless.yaml"),
        MAPPING.replace("key: 工单号\n", ""),
    )
    .unwrap();
    let out = import_in(&book, "good.csv", Some("keyless.yaml"), &[])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing field `key`"), "{stderr}");
}

#[test]
fn a_mapping_naming_an_unknown_field_is_refused_where_it_says_so() {
    let book = hotline_book();
    std::fs::write(
        book.tmp().join("typo.yaml"),
        MAPPING.replace("customer.phone", "customer.fone"),
    )
    .unwrap();
    assert_cmd_snapshot!(
        "import_mapping_typo",
        import_in(&book, "good.csv", Some("typo.yaml"), &[])
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_how_to_convert_it() {
    let book = hotline_book();
    // "张三" in GBK.
    std::fs::write(book.tmp().join("gbk.csv"), b"id\n\xd5\xc5\xc8\xfd\n").unwrap();
    assert_cmd_snapshot!("import_not_utf8", import_in(&book, "gbk.csv", None, &[]));
}

/// Windows line endings, as Excel saves: the bad cell is still named by its own line, and a
/// quoted cell spanning lines moves the rows after it down.
#[test]
fn a_crlf_file_names_the_right_line_and_cell() {
    let book = hotline_book();
    let crlf = "工单号,来电时间,客户姓名,联系电话,问题类型,对象,商品,投诉内容,诉求\r\n\
HL-0001,2026-09-30 10:00,张三,13812345678,产品质量,product,手机,\"屏幕碎裂\r\n第二行\",退货\r\n\
HL-0002,2026-09-31 10:00,李四,13700002222,物流,service,配送,快递延误,道歉\r\n";
    std::fs::write(book.tmp().join("crlf.csv"), crlf).unwrap();
    assert_cmd_snapshot!(
        "import_crlf",
        import_in(&book, "crlf.csv", Some("hotline.yaml"), &[])
    );
}

#[test]
fn masked_cells_are_refused_however_short() {
    let book = hotline_book();
    let masked = "工单号,来电时间,客户姓名,联系电话,问题类型,对象,商品,投诉内容,诉求\n\
HL-0001,2026-09-30 10:00,王*,13812345678,产品质量,product,手机,屏幕碎裂,退货\n\
HL-0002,2026-09-30 10:00,李四,**01,物流,service,配送,快递延误,道歉\n\
HL-0003,2026-09-30 10:00,吴*,13700002222,物流,service,配送,快递延误,道歉\n";
    std::fs::write(book.tmp().join("masked.csv"), masked).unwrap();
    let out = import_in(&book, "masked.csv", Some("hotline.yaml"), &[])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 problem(s) in 3 of 3 row(s)"), "{stderr}");
    for cell in ["`王*` is masked", "`**01` is masked", "`吴*` is masked"] {
        assert!(stderr.contains(cell), "{cell}: {stderr}");
    }
}

#[test]
fn rows_imported_before_are_not_checked_again() {
    let book = hotline_book();
    let import = |file| {
        import_in(&book, file, Some("hotline.yaml"), &[])
            .output()
            .unwrap()
    };
    let out = import("good.csv");
    assert!(out.status.success(), "{}", describe(&out));
    // The other system's file grew by a row; an old row now says something the rulebook
    // refuses (as if the rulebook had changed): it was imported before, so it does not matter.
    let grown = GOOD.replace("产品质量", "质量")
        + "HL-0003,2026-09-30 11:00,王五,13900003333,物流,service,配送,少发一件,补发\n";
    std::fs::write(book.tmp().join("grown.csv"), grown).unwrap();
    let out = import("grown.csv");
    assert!(out.status.success(), "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.ends_with("1 imported, 2 already in the book\n"),
        "{stdout}"
    );
    assert_eq!(book.ids_on_disk().len(), 3);
}

#[test]
fn an_import_killed_before_its_commit_is_committed_by_the_next_command() {
    let book = hotline_book();
    // Killed after writing every record, before the commit (as `kill -9` would).
    let out = import_in(&book, "good.csv", Some("hotline.yaml"), &[])
        .env("COMPLAINT_TEST_CRASH", "after-files")
        .output()
        .unwrap();
    assert!(!out.status.success(), "{}", describe(&out));
    assert!(
        !book.status().is_empty(),
        "the records are written, not committed"
    );
    let commits = book.commits();
    // The next command, by someone else, finishes the import as its own commit, under the
    // importer's name, before its own work: a re-import then finds every row imported.
    let out = import_in(&book, "good.csv", Some("hotline.yaml"), &[])
        .env("COMPLAINT_USER", "赵敏")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 imported, 2 already in the book"));
    assert_eq!(book.commits(), commits + 1);
    assert!(book.log()[0].starts_with(&format!(
        "{}|import good.csv: 2 complaint(s)",
        crate::support::USER
    )));
    assert!(book.status().is_empty(), "{}", book.status());
}

#[test]
fn a_quote_never_closed_or_a_row_of_the_wrong_width_is_refused() {
    let book = hotline_book();
    let header = "工单号,来电时间,客户姓名,联系电话,问题类型,对象,商品,投诉内容,诉求\n";
    // Without the check, the open quote would swallow HL-0002 into HL-0001's description.
    let open = format!(
        "{header}HL-0001,2026-09-30 10:00,张三,13812345678,产品质量,product,手机,\"屏幕碎裂,退货\n\
         HL-0002,2026-09-30 10:30,李四,13700002222,物流,service,配送,快递延误,道歉\n"
    );
    std::fs::write(book.tmp().join("open.csv"), open).unwrap();
    let out = import_in(&book, "open.csv", Some("hotline.yaml"), &[])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2: the quote opened here is never closed"),
        "{stderr}"
    );

    let wide = format!(
        "{header}HL-0001,2026-09-30 10:00,张三,13812345678,产品质量,product,手机,屏幕碎裂,退货,多余\n"
    );
    std::fs::write(book.tmp().join("wide.csv"), wide).unwrap();
    let out = import_in(&book, "wide.csv", Some("hotline.yaml"), &[])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2: the row has 10 cell(s), the header 9"),
        "{stderr}"
    );
    assert!(book.ids_on_disk().is_empty());
}

#[test]
fn a_field_no_column_gives_is_reported_once_not_per_row() {
    let book = hotline_book();
    std::fs::write(
        book.tmp().join("nodemand.yaml"),
        MAPPING.replace("  demand: 诉求\n", ""),
    )
    .unwrap();
    let out = import_in(&book, "good.csv", Some("nodemand.yaml"), &[])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("no column gives it").count(), 1, "{stderr}");
    assert!(stderr.contains("1 problem(s) in 1 of 2 row(s)"), "{stderr}");
}

#[test]
fn a_broken_mapping_file_is_named_and_located() {
    let book = hotline_book();
    for (file, text, said) in [
        ("empty.yaml", "", "empty.yaml is empty"),
        (
            "twice.yaml",
            "source: a\nsource: b\nkey: 工单号\ncolumns: {}\n",
            "the key `source` is given twice",
        ),
        (
            "list.yaml",
            "source: a\nkey: 工单号\ncolumns: [投诉内容]\n",
            "a map is expected here",
        ),
    ] {
        std::fs::write(book.tmp().join(file), text).unwrap();
        let out = import_in(&book, "good.csv", Some(file), &[])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{file} cannot be used as a column mapping")),
            "{stderr}"
        );
        assert!(stderr.contains(said), "{file}: {stderr}");
    }
    assert!(book.ids_on_disk().is_empty());
}

/// `import --format json` says what was registered and what was skipped, for a script; a dry
/// run says how many rows are good.
#[test]
fn import_tells_programs_what_it_did_as_json() {
    let book = hotline_book();
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = extra.to_vec();
        args.extend(["--format", "json"]);
        let out = import_in(&book, "good.csv", Some("hotline.yaml"), &args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", describe(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let dry = json(&["--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["good"], 2);
    assert_eq!(dry["imported"], serde_json::json!([]));
    let done = json(&[]);
    let sources: Vec<&str> = done["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["hotline:HL-0001", "hotline:HL-0002"]);
    assert!(
        done["imported"][0]["id"]
            .as_str()
            .unwrap()
            .starts_with("C-20260930-")
    );
    let again = json(&[]);
    assert_eq!(again["imported"], serde_json::json!([]));
    assert_eq!(
        again["skipped"],
        serde_json::json!([
            {"line": 2, "source": "hotline:HL-0001"},
            {"line": 3, "source": "hotline:HL-0002"}
        ])
    );
}
