//! Records broken by hand: the others stay readable, and the broken one is named with its line
//! and column.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, describe};

/// Three complaints on three days; [ID_2] (2026-09-29) is the one the tests break.
fn three_complaints() -> (Book, String) {
    let book = Book::new();
    book.new_complaint("2026-09-28T09:00:00+08:00");
    let broken = book.new_complaint("2026-09-29T09:00:00+08:00");
    book.new_complaint("2026-09-30T09:00:00+08:00");
    (book, broken)
}

/// Rewrites the record of `id` with `edit`, asserting the edit changed something.
fn corrupt(book: &Book, id: &str, edit: impl Fn(&str) -> String) {
    let path = book.record_path(id);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit applies");
    std::fs::write(&path, edited).unwrap();
}

#[test]
fn list_skips_an_unknown_event_reports_it_with_line_and_column_and_exits_1() {
    let (book, broken) = three_complaints();
    // A first list caches the good version; the cache must not hide the broken one.
    book.ok(&["list"]);
    corrupt(&book, &broken, |t| {
        t.replace("event: received", "event: acked")
    });
    assert_cmd_snapshot!(book.run(&["list"]));
    // Programs reading JSON still get a valid document of the readable records.
    let output = book.output(&["list", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows["complaints"].as_array().unwrap().len(), 2);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("records/2026/09/{broken}.yaml:")),
        "the diagnostic names the file: {stderr}"
    );
}

#[test]
fn show_of_a_record_with_an_unknown_event_gives_the_diagnostic() {
    let (book, broken) = three_complaints();
    corrupt(&book, &broken, |t| {
        t.replace("event: received", "event: acked")
    });
    assert_cmd_snapshot!(book.run(&["show", "20260929"]));
    // The others still show.
    assert!(book.output(&["show", "20260928"]).status.success());
}

#[test]
fn a_badly_indented_record_is_reported_and_the_others_listed() {
    let (book, broken) = three_complaints();
    corrupt(&book, &broken, |t| t.replacen("  phone:", "   phone:", 1));
    assert_cmd_snapshot!(book.run(&["list", "--format", "csv"]));
    assert_cmd_snapshot!("badly_indented_show", book.run(&["show", "20260929"]));
}

#[test]
fn a_record_whose_id_differs_from_its_file_name_is_reported() {
    let (book, broken) = three_complaints();
    // A valid ID, but not this file's: it reads `C-20260929-[ID_?]` in the snapshot.
    let other = format!("{}000000", &broken[..11]);
    corrupt(&book, &broken, |t| {
        t.replacen(&format!("id: {broken}"), &format!("id: {other}"), 1)
    });
    assert_cmd_snapshot!(book.run(&["list", "--format", "csv"]));
    assert_cmd_snapshot!("id_mismatch_show", book.run(&["show", "20260929"]));
}

#[test]
fn a_record_missing_a_required_key_is_reported() {
    let (book, broken) = three_complaints();
    corrupt(&book, &broken, |t| {
        t.lines()
            .filter(|l| !l.starts_with("received_at:"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    assert_cmd_snapshot!(book.run(&["list", "--format", "csv"]));
}

#[test]
fn a_misspelt_key_in_a_record_is_located_and_corrected() {
    let (book, broken) = three_complaints();
    corrupt(&book, &broken, |t| t.replacen("demand:", "demmand:", 1));
    assert_cmd_snapshot!(book.run(&["show", "20260929"]));
}

#[test]
fn acting_on_a_broken_record_is_refused_and_writes_nothing() {
    let (book, broken) = three_complaints();
    corrupt(&book, &broken, |t| {
        t.replace("event: received", "event: acked")
    });
    let before = book.record(&broken);
    let commits = book.commits();
    assert_cmd_snapshot!(book.run(&[
        "ack",
        "20260929",
        "--contact",
        "8001",
        "--now",
        "2026-09-30T12:00:00+08:00"
    ]));
    assert_eq!(book.record(&broken), before);
    assert_eq!(book.commits(), commits);
}

#[test]
fn a_record_edited_by_hand_is_read_again_even_with_the_same_size() {
    let (book, edited) = three_complaints();
    let customers = |book: &Book| -> Vec<String> {
        let rows = book.json(&["list"]);
        rows["complaints"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["customer"]["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(customers(&book), ["张*", "张*", "张*"]); // masked: the surname tells them apart
    let path = book.record_path(&edited);
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    // 张三 and 李四 are both six bytes: only the modification time tells the cache.
    corrupt(&book, &edited, |t| t.replace("name: 张三", "name: 李四"));
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified + std::time::Duration::from_secs(1))
        .unwrap();
    assert_eq!(customers(&book), ["张*", "李*", "张*"]);
}

#[test]
fn leftover_temporary_files_are_not_records() {
    let (book, broken) = three_complaints();
    let folder = book.record_path(&broken);
    let folder = folder.parent().unwrap();
    // What a write interrupted before its rename leaves behind.
    std::fs::write(folder.join(".tmp-Ab12Cd"), "id: C-2026").unwrap();
    let output = book.output(&["list", "--format", "json"]);
    assert!(output.status.success(), "{}", describe(&output));
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows["complaints"].as_array().unwrap().len(), 3);
}

#[test]
fn two_records_with_one_id_are_reported() {
    let (book, broken) = three_complaints();
    let misfiled = book.root().join("records/2026/10");
    std::fs::create_dir_all(&misfiled).unwrap();
    std::fs::copy(
        book.record_path(&broken),
        misfiled.join(format!("{broken}.yaml")),
    )
    .unwrap();
    let output = book.output(&["list", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(stderr.contains("two records have the ID"), "{stderr}");
}
