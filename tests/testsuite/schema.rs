//! The published schemas (`complaint schema`, `schema/*.json`): committed copies up to date,
//! every command that prints data printing documents that follow them, and one complaint
//! having the same values in every command that shows it.

use serde_json::Value;

use crate::support::{Book, complaint, describe, repo};

/// The names `complaint schema` lists.
fn names() -> Vec<String> {
    let output = complaint(repo()).arg("schema").output().unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn the_committed_schemas_are_up_to_date() {
    let names = names();
    assert!(names.len() >= 17, "{names:?}");
    for name in &names {
        let output = complaint(repo()).args(["schema", name]).output().unwrap();
        assert!(output.status.success(), "{}", describe(&output));
        let path = repo().join("schema").join(format!("{name}.json"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == String::from_utf8_lossy(&output.stdout),
            "{} is out of date: regenerate with `cargo run -- schema --write schema`",
            path.display()
        );
        let schema: Value = serde_json::from_str(&committed).unwrap();
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("schema/{name}.json is not a valid JSON Schema: {e}");
        }
    }
    let files = std::fs::read_dir(repo().join("schema")).unwrap().count();
    assert_eq!(files, names.len(), "schema/ holds a file no schema writes");
}

/// Asserts that `document` follows the published schema `name`.
fn follows(name: &str, document: &Value) {
    let path = repo().join("schema").join(format!("{name}.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not a `{name}` document:\n{}\n{document:#}",
        errors.join("\n")
    );
    assert_eq!(document["format"], 1, "every document says its format");
}

/// What `complaint ARGS --format FORMAT` prints (exiting 0, or 3 for findings).
fn printed(book: &Book, args: &[&str], format: &str) -> String {
    let mut all = args.to_vec();
    all.extend(["--format", format]);
    let output = book.output(&all);
    assert!(
        matches!(output.status.code(), Some(0 | 3)),
        "{args:?}: {}",
        describe(&output)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `complaint ARGS --format json`, as JSON.
fn json(book: &Book, args: &[&str]) -> Value {
    let text = printed(book, args, "json");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?} is not JSON ({e}):\n{text}"))
}

/// `complaint ARGS --format yaml`, read as JSON would be.
fn yaml(book: &Book, args: &[&str]) -> Value {
    let text = printed(book, args, "yaml");
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{args:?} is not YAML ({e}):\n{text}"))
}

const NOW: &str = "2026-11-27T10:00:00+08:00";

/// A book with complaints in several states: new, acknowledged (and escalated), paused,
/// closed with an offer paid.
fn book() -> (Book, Vec<String>) {
    let book = Book::new();
    book.set_staff(&[("李娜", &["dept_head"])]);
    let ids = vec![
        book.new_complaint("2026-11-23T09:00:00+08:00"),
        book.new_complaint_with(
            "2026-11-24T09:00:00+08:00",
            &[("--phone", "+86 138-1234-5678"), ("--flag", "food")],
        ),
        book.new_complaint("2026-11-25T09:00:00+08:00"),
        book.new_complaint_with("2026-11-26T09:00:00+08:00", &[("--price", "1299.50")]),
    ];
    book.steps(&ids[1])
        .ack("2026-11-24T09:30:00+08:00")
        .assign("李雷", "2026-11-24T09:40:00+08:00")
        .escalate("客户要求上级处理", "2026-11-24T10:00:00+08:00");
    book.steps(&ids[2])
        .ack("2026-11-25T09:30:00+08:00")
        .pause("等待客户补充照片", "2026-11-25T10:00:00+08:00");
    book.steps(&ids[3])
        .ack("2026-11-26T09:10:00+08:00")
        .find("customer", "客户使用不当", "2026-11-26T09:20:00+08:00")
        .offer_amount("500", "2026-11-26T09:30:00+08:00");
    book.steps(&ids[3])
        .by("李娜")
        .approve("2026-11-26T09:40:00+08:00");
    book.steps(&ids[3])
        .agree("2026-11-26T09:50:00+08:00")
        .pay("refund", "500", "2026-11-26T10:00:00+08:00")
        .close_rated("退货退款", "5", "2026-11-26T11:00:00+08:00");
    (book, ids)
}

#[test]
fn every_command_that_prints_data_follows_its_published_schema() {
    let (book, ids) = book();
    let at = ["--now", NOW];
    let with = |args: &[&'static str]| -> Vec<&str> { args.iter().copied().chain(at).collect() };
    for (schema, args) in [
        ("complaints", with(&["list"])),
        ("complaints", with(&["list", "--reveal"])),
        ("complaints", with(&["search", "屏幕"])),
        ("complaint", vec!["show", ids[3].as_str(), at[0], at[1]]),
        ("complaint", vec!["show", ids[1].as_str(), at[0], at[1]]),
        ("export", with(&["export"])),
        ("sla", with(&["sla", "--all"])),
        (
            "explanation",
            vec!["explain", ids[2].as_str(), at[0], at[1]],
        ),
        ("due", with(&["due", "--within", "15wd"])),
        ("calendar", with(&["calendar", "2026-09-28", "2026-10-11"])),
        ("report", with(&["report", "--period", "2026-11"])),
        ("receivables", with(&["receivables", "--all"])),
        (
            "schedule-change",
            vec!["calendar", "diff", "fixtures/notices/hypothetical-2027.txt"],
        ),
        ("rulebooks", vec!["rules", "list"]),
        ("rulebook-codes", vec!["rules", "show"]),
        ("rulebook-codes", vec!["rules", "show", "mall"]),
        ("staff", vec!["staff", "list"]),
        (
            "scenario-results",
            vec!["rules", "test", "fixtures/scenarios/samr"],
        ),
        (
            "rules-diff",
            vec![
                "rules",
                "diff",
                "rules/enterprise.yaml",
                "rules/ecommerce.yaml",
            ],
        ),
    ] {
        // Paths in the arguments are the repository's.
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                if a.starts_with("fixtures/") || a.starts_with("rules/") {
                    repo().join(a).display().to_string()
                } else {
                    a.to_string()
                }
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        follows(schema, &json(&book, &args));
        follows(schema, &yaml(&book, &args));
    }
    // What writes prints: the new complaint, the event recorded, the import.
    let mut new = vec!["new", "--now", "2026-11-27T11:00:00+08:00"];
    new.extend(crate::support::intake_args());
    follows("complaint", &json(&book, &new));
    let note = [
        "note",
        &ids[0],
        "客户来电催办",
        "--now",
        "2026-11-27T11:10:00+08:00",
    ];
    follows("complaint", &json(&book, &note));
    let csv = book.tmp().join("all.csv");
    let csv = csv.to_str().unwrap();
    let later = "2026-11-27T12:00:00+08:00";
    book.ok(&["export", "--reveal", "-o", csv, "--now", later]);
    let other = Book::new();
    follows(
        "import",
        &json(&other, &["import", csv, "--dry-run", "--now", later]),
    );
    follows("import", &json(&other, &["import", csv, "--now", later]));
}

#[test]
fn one_complaint_has_the_same_values_in_list_show_sla_and_export() {
    let (book, ids) = book();
    let id = ids[1].as_str();
    let at = ["--now", NOW];
    let find = |document: Value, key: &str| -> Value {
        document[key]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("{id} not in {document}"))
            .clone()
    };
    let listed = find(json(&book, &["list", at[0], at[1]]), "complaints");
    let shown = json(&book, &["show", id, at[0], at[1]]);
    let exported = find(json(&book, &["export", at[0], at[1]]), "complaints");
    let deadline = find(json(&book, &["sla", "--all", at[0], at[1]]), "deadlines");
    // Every field of the summary, in show and export alike.
    for (key, value) in listed.as_object().unwrap() {
        assert_eq!(&shown[key], value, "show's {key}");
        assert_eq!(&exported[key], value, "export's {key}");
    }
    assert_eq!(exported, {
        let mut shown = shown.clone();
        shown.as_object_mut().unwrap().remove("format");
        shown
    });
    for key in ["id", "level", "tier", "grade", "assignee"] {
        assert_eq!(deadline[key], listed[key], "sla's {key}");
    }
    let handle = shown["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["clock"] == deadline["clock"])
        .expect("show lists the clock sla lists");
    for key in ["clock", "status", "due", "minutes_left", "error"] {
        assert_eq!(handle[key], deadline[key], "the deadline's {key}");
    }
    // The values themselves, worked out from the steps: escalated once from the handler.
    assert_eq!(listed["level"]["code"], "dept_head");
    assert_eq!(listed["level"]["name"], "部门负责人");
    assert_eq!(listed["category"]["code"], "CQ01");
    assert_eq!(listed["customer"]["phone"], "+86 138-****-5678");
    assert_eq!(listed["received_at"], "2026-11-24T09:00:00+08:00");
    assert_eq!(shown["flags"][0]["code"], "food");
}
