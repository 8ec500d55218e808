//! `complaint new`: from flags, from an intake document, and everything it refuses.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, INTAKE_YAML, describe, intake_args, output_with_stdin};

const NOW: &str = "2026-09-30T10:00:00+08:00";
const LATER: &str = "2026-09-30T10:05:00+08:00";

/// `new --now NOW <standard intake> EXTRA…`
fn new_args<'a>(now: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["new", "--now", now];
    args.extend(intake_args());
    args.extend(extra);
    args
}

/// Asserts that nothing was written: no record, no commit beyond init's, nothing uncommitted.
fn assert_nothing_written(book: &Book) {
    assert_eq!(book.ids_on_disk(), Vec::<String>::new(), "no record file");
    assert_eq!(book.commits(), 1, "no commit beyond init's");
    assert_eq!(book.status(), "", "nothing uncommitted");
}

/// The record of the only complaint in the book, parsed.
fn only_record(book: &Book) -> (String, serde_json::Value) {
    let ids = book.ids_on_disk();
    assert_eq!(ids.len(), 1, "{ids:?}");
    book.register_id(&ids[0]);
    let text = book.record(&ids[0]);
    let value = serde_saphyr::from_str(&text).expect("the record is YAML");
    (ids[0].clone(), value)
}

#[test]
fn new_from_flags_prints_the_record_as_a_table() {
    let book = Book::new();
    assert_cmd_snapshot!(book.run(&new_args(NOW, &[])));
    let (id, record) = only_record(&book);
    assert_eq!(record["id"], id.as_str());
    assert_eq!(book.commits(), 2);
    assert_eq!(
        book.log()[0],
        format!("王芳|{id} received (CQ01 商品质量问题) by 王芳")
    );
    assert_eq!(book.status(), "", "the record is committed");
}

#[test]
fn new_json_prints_an_object_with_the_id_and_the_facts() {
    let book = Book::new();
    let output = book.output(&new_args(NOW, &["--format", "json"]));
    assert!(output.status.success(), "{}", describe(&output));
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let id = printed["id"].as_str().expect("an id field").to_string();
    assert!(
        id.starts_with("C-20260930-") && id.len() == 17,
        "the ID is the day received and six characters: {id}"
    );
    assert_eq!(book.ids_on_disk(), std::slice::from_ref(&id));
    book.register_id(&id);
    assert_eq!(printed["received_at"], NOW);
    assert_eq!(printed["channel"]["code"], "hotline");
    assert_eq!(printed["category"]["code"], "CQ01");
    assert_eq!(printed["category"]["name"], "商品质量问题");
    assert_eq!(printed["customer"]["name"], "张三");
    assert_eq!(printed["customer"]["phone"], "13812345678");
    assert_eq!(printed["subject"]["kind"], "product");
    assert_eq!(printed["subject"]["order"], "O-1001");
    assert_eq!(printed["evidence"], serde_json::json!(["photo-1.jpg"]));
    assert_eq!(printed["state"]["status"], "new");
    assert_eq!(
        printed["state"]["level"],
        serde_json::Value::Null,
        "the entry level"
    );
    assert_eq!(printed["history"][0]["event"], "received");
    assert_eq!(printed["history"][0]["by"], "王芳");
    insta::assert_json_snapshot!(printed);
}

#[test]
fn the_record_on_disk_is_sharded_by_month_readable_and_starts_with_received() {
    let book = Book::new();
    book.ok(&new_args(
        "2026-10-02T09:00:00+08:00",
        &["--received-at", "2026-09-30 10:00"],
    ));
    let (id, record) = only_record(&book);
    let path = book.record_path(&id);
    assert!(
        path.ends_with(format!("records/2026/09/{id}.yaml")),
        "{}",
        path.display()
    );
    let text = book.record(&id);
    assert!(
        text.contains("name: 张三"),
        "Chinese is written as text:\n{text}"
    );
    assert!(!text.contains("\\u"), "no \\u escapes:\n{text}");
    assert_eq!(
        record["received_at"], "2026-09-30T10:00:00+08:00",
        "RFC 3339 in the rulebook's zone"
    );
    let history = record["history"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["event"], "received");
    assert_eq!(history[0]["at"], "2026-09-30T10:00:00+08:00");
    assert_eq!(history[0]["by"], "王芳");
    insta::assert_snapshot!(text);
}

#[test]
fn new_from_the_spec_intake_document_in_yaml() {
    let book = Book::new();
    std::fs::write(book.tmp().join("intake.yaml"), INTAKE_YAML).unwrap();
    assert_cmd_snapshot!(book.run(&["new", "--from", "../intake.yaml", "--now", LATER]));
    let (id, record) = only_record(&book);
    assert_eq!(record["received_at"], "2026-09-30T10:00:00+08:00");
    assert_eq!(record["subject"]["name"], "手机");
    assert_eq!(record["evidence"], serde_json::json!(["photo-1.jpg"]));
    assert_eq!(book.commits(), 2);
    assert!(book.log()[0].starts_with(&format!("王芳|{id} received")));
}

#[test]
fn new_from_json_on_stdin() {
    let book = Book::new();
    let intake = serde_json::json!({
        "channel": "wechat",
        "category": "CQ02",
        "customer": {"name": "李四", "account": "lisi_88"},
        "subject": {"kind": "service", "name": "配送"},
        "description": "快递延误五天",
        "demand": "道歉并退运费",
        "price": "1,234.50",
        "received_at": "2026-09-30T09:30:00+08:00"
    });
    assert_cmd_snapshot!(
        book.run(&["new", "--from", "-", "--now", NOW, "--format", "json"])
            .pass_stdin(serde_json::to_string_pretty(&intake).unwrap())
    );
    let (_, record) = only_record(&book);
    assert_eq!(record["customer"]["account"], "lisi_88");
    assert_eq!(record["price"], "1234.50");
}

#[test]
fn flags_override_the_intake_document() {
    let book = Book::new();
    std::fs::write(book.tmp().join("intake.yaml"), INTAKE_YAML).unwrap();
    book.ok(&[
        "new",
        "--from",
        "../intake.yaml",
        "--now",
        LATER,
        "--channel",
        "store",
        "--evidence",
        "receipt.jpg",
    ]);
    let (_, record) = only_record(&book);
    assert_eq!(record["channel"], "store");
    assert_eq!(
        record["evidence"],
        serde_json::json!(["photo-1.jpg", "receipt.jpg"]),
        "evidence flags add to the document's"
    );
}

#[test]
fn missing_fields_are_all_listed_in_one_error_and_nothing_is_written() {
    let book = Book::new();
    assert_cmd_snapshot!(book.run(&["new", "--now", NOW, "--customer", "张三"]));
    assert_nothing_written(&book);
}

#[test]
fn an_empty_intake_lists_every_required_field() {
    let book = Book::new();
    assert_cmd_snapshot!(book.run(&["new", "--now", NOW]));
    assert_nothing_written(&book);
}

#[test]
fn an_unknown_channel_or_category_gets_a_did_you_mean() {
    let book = Book::new();
    let mut args = vec!["new", "--now", NOW];
    for (flag, value) in crate::support::INTAKE {
        args.extend(match *flag {
            "--channel" => ["--channel", "hotlin"],
            "--category" => ["--category", "CQ1"],
            _ => [*flag, *value],
        });
    }
    assert_cmd_snapshot!(
        book.run(&args),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × the complaint is incomplete:
          │   - channel: `hotlin` is not in the rulebook (did you mean `hotline`?)
          │   - category: `CQ1` is not in the rulebook (did you mean `CQ01`?)
          help: nothing was written; give the missing values as flags or in the --from document
        "
    );
    assert_nothing_written(&book);
}

#[test]
fn a_misspelt_key_in_the_document_is_located_and_corrected() {
    let book = Book::new();
    let document = INTAKE_YAML.replace("subject:", "subjekt:");
    std::fs::write(book.tmp().join("intake.yaml"), document).unwrap();
    assert_cmd_snapshot!(book.run(&["new", "--from", "../intake.yaml", "--now", LATER]));
    assert_nothing_written(&book);
}

#[test]
fn a_misspelt_key_in_a_json_document_is_located() {
    let book = Book::new();
    let document = "{\n  \"channel\": \"hotline\",\n  \"subjekt\": {\"kind\": \"product\"}\n}\n";
    let output = output_with_stdin(book.run(&["new", "--from", "-", "--now", NOW]), document);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("did you mean `subject`?"), "{stderr}");
    assert!(stderr.contains("<stdin>:3:3"), "{stderr}");
    assert_nothing_written(&book);
}

#[test]
fn a_misspelt_nested_key_is_located_at_the_key() {
    let book = Book::new();
    let document = "channel: hotline\ncustomer:\n  nmae: 张三\n  phone: \"13812345678\"\n";
    let output = output_with_stdin(book.run(&["new", "--from", "-", "--now", NOW]), document);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("unknown field `nmae`"), "{stderr}");
    assert!(stderr.contains("<stdin>:3:3"), "{stderr}");
}

#[test]
fn a_misspelt_nested_key_names_the_keys_that_are_allowed() {
    let book = Book::new();
    let document = "channel: hotline\ncustomer:\n  nmae: 张三\n  phone: \"13812345678\"\n";
    assert_cmd_snapshot!(
        book.run(&["new", "--from", "-", "--now", NOW])
            .pass_stdin(document)
    );
    assert_nothing_written(&book);
}

#[test]
fn received_at_in_the_future_is_refused() {
    let book = Book::new();
    std::fs::write(book.tmp().join("intake.yaml"), INTAKE_YAML).unwrap();
    assert_cmd_snapshot!(
        book.run(&[
        "new",
        "--from",
        "../intake.yaml",
        "--now",
        "2026-09-30T09:59:00+08:00"
    ]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × received_at 2026-09-30T10:00:00+08:00 is in the future (now is 2026-09-30T09:59:00+08:00)
          help: check the date, or pass --now
        "
    );
    assert_nothing_written(&book);
}

#[test]
fn received_at_and_now_accept_local_times_in_the_rulebook_zone() {
    let book = Book::new();
    let record = book.json(&new_args(
        "2026-10-01 09:00",
        &["--received-at", "2026-09-30 18:45"],
    ));
    assert_eq!(record["received_at"], "2026-09-30T18:45:00+08:00");
}

#[test]
fn a_utc_received_at_is_dated_and_stored_in_the_rulebook_zone() {
    let book = Book::new();
    let record = book.json(&new_args(
        "2026-10-01T08:00:00+08:00",
        &["--received-at", "2026-09-30T23:30:00Z"],
    ));
    assert_eq!(record["received_at"], "2026-10-01T07:30:00+08:00");
    assert!(
        record["id"].as_str().unwrap().starts_with("C-20261001-"),
        "{}",
        record["id"]
    );
}

#[test]
fn a_time_that_is_not_a_time_is_refused() {
    let book = Book::new();
    assert_cmd_snapshot!(
        book.run(&new_args("yesterday", &[])),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × `yesterday` is not a time
          help: write it as 2026-09-30T10:00:00+08:00, or 2026-09-30 10:00 in the rulebook's time zone
        "
    );
    assert_nothing_written(&book);
}

#[test]
fn money_with_thousands_separators_is_stored_exactly() {
    let book = Book::new();
    let printed = book.json(&new_args(
        NOW,
        &["--price", "1,234.50", "--claimed", "¥500"],
    ));
    assert_eq!(printed["price"], "1234.50");
    assert_eq!(printed["claimed"], "500.00");
    let (id, _) = only_record(&book);
    let text = book.record(&id);
    assert!(text.contains("price: \"1234.50\""), "{text}");
    assert!(text.contains("claimed: \"500.00\""), "{text}");
    let table = book.ok(&["show", "C-20260930"]);
    assert!(table.contains("¥1234.50"), "{table}");
}

#[test]
fn a_negative_price_is_refused_with_a_clear_message() {
    let book = Book::new();
    assert_cmd_snapshot!(
        book.run(&new_args(NOW, &["--price=-5"])),
        @"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: invalid value '-5' for '--price <AMOUNT>': `-5` is negative: amounts are always positive, the direction is in the event

        For more information, try '--help'.
        "
    );
    assert_nothing_written(&book);
}

#[test]
fn a_negative_price_after_a_space_is_refused_with_a_clear_message() {
    let book = Book::new();
    let output = book.output(&new_args(NOW, &["--price", "-5"]));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("`-5` is negative"), "{stderr}");
    assert_nothing_written(&book);
}

#[test]
fn a_price_with_three_decimals_is_refused() {
    let book = Book::new();
    assert_cmd_snapshot!(
        book.run(&new_args(NOW, &["--price", "1.234"])),
        @"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: invalid value '1.234' for '--price <AMOUNT>': `1.234` has more than two decimal places: amounts are exact to the fen (0.01)

        For more information, try '--help'.
        "
    );
    assert_nothing_written(&book);
}

#[test]
fn an_unquoted_decimal_price_in_a_document_is_refused() {
    let book = Book::new();
    let document = format!("{INTAKE_YAML}price: 1234.5\n");
    assert_cmd_snapshot!(
        book.run(&["new", "--from", "-", "--now", LATER])
            .pass_stdin(document),
        @r#"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
          × 1234.5 was read as a floating-point number; quote amounts with decimals, like "1234.5"
           ╭─[<stdin>:9:8]
         8 │ received_at: 2026-09-30T10:00:00+08:00
         9 │ price: 1234.5
           ·        ───┬──
           ·           ╰── here
           ╰────
        "#
    );
    assert_nothing_written(&book);
}

#[test]
fn an_unknown_flag_is_refused() {
    let book = Book::new();
    assert_cmd_snapshot!(
        book.run(&new_args(NOW, &["--flag", "safety"])),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × the complaint is incomplete:
          │   - flags: `safety` is not in the rulebook (known: multi_department, appraisal, food)
          help: nothing was written; give the missing values as flags or in the --from document
        "
    );
    assert_nothing_written(&book);
}

#[test]
fn new_with_no_commit_writes_the_record_but_commits_nothing() {
    let book = Book::new();
    book.ok(&new_args(NOW, &["--no-commit"]));
    let (id, _) = only_record(&book);
    assert_eq!(book.commits(), 1);
    assert_eq!(
        book.status(),
        format!("?? records/2026/09/{id}.yaml\n"),
        "the record is left for the user to commit"
    );
}

/// A message with the real clock's time in it gives it to the second, not to the nanosecond
/// (`now is 2026-12-03T10:00:00+08:00`).
#[test]
fn messages_give_times_to_the_second() {
    let book = Book::new();
    let mut args = vec!["new", "--received-at", "2099-01-01T10:00:00+08:00"];
    args.extend(crate::support::intake_args());
    let output = book.run(&args).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let now = stderr
        .split("now is ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        chrono::DateTime::parse_from_rfc3339(now).is_ok() && !now.contains('.'),
        "{now}"
    );
}

/// `new --link ID` and `--duplicate-of ID` record the relation to earlier complaints, named as
/// the desk types IDs (any unique part) and written whole; `show` lists them; an ID that names
/// nothing is refused and nothing is registered.
#[test]
fn new_records_links_and_duplicates() {
    let book = Book::new();
    let first = book.new_complaint("2026-11-02T09:00:00+08:00");
    let part = &first[11..15];
    let mut args = vec![
        "new",
        "--now",
        "2026-11-03T09:00:00+08:00",
        "--format",
        "json",
    ];
    args.extend(intake_args());
    args.extend(["--link", part, "--duplicate-of", part]);
    let record = book.json(&args);
    assert_eq!(record["links"], serde_json::json!([first]));
    assert_eq!(record["duplicate_of"], first.as_str());
    let shown = book.ok(&["show", record["id"].as_str().unwrap()]);
    assert!(
        shown.contains("Duplicate of") && shown.contains(&first),
        "{shown}"
    );

    let before = book.ids_on_disk().len();
    let mut args = vec!["new", "--now", "2026-11-03T09:00:00+08:00"];
    args.extend(intake_args());
    args.extend(["--link", "ZZZZZZ"]);
    let output = book.run(&args).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert_eq!(book.ids_on_disk().len(), before, "nothing registered");
}
