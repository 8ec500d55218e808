//! `show` and `list`: formats and filters, over a book of four complaints received on four days.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, describe};

/// Four complaints, one a day, in four states:
///
/// | ID     | received         | channel | category | customer | status       | assignee |
/// |--------|------------------|---------|----------|----------|--------------|----------|
/// | [ID_1] | 2026-09-28 09:00 | hotline | CQ01     | 张三     | closed       | 王芳     |
/// | [ID_2] | 2026-09-29 14:30 | wechat  | CQ02     | 李四     | acknowledged | 李雷     |
/// | [ID_3] | 2026-09-30 10:00 | hotline | CQ01     | 张三     | new          |          |
/// | [ID_4] | 2026-10-01 08:15 | online  | CQ03     | 王五     | reopened     | 王芳     |
///
/// [ID_2] was escalated once (部门负责人); the others are at the entry level (投诉处理专员).
fn four_complaints() -> Book {
    let book = Book::new();
    book.new_complaint_with(
        "2026-09-28T09:00:00+08:00",
        &[("--received-at", "2026-09-28T09:00:00+08:00")],
    );
    book.ok(&[
        "ack",
        "20260928",
        "--contact",
        "8001",
        "--now",
        "2026-09-28T09:30:00+08:00",
    ]);
    book.ok(&[
        "close",
        "20260928",
        "--outcome",
        "已换新机",
        "--satisfaction",
        "5",
        "--now",
        "2026-09-28T17:00:00+08:00",
    ]);

    book.new_complaint_with(
        "2026-09-29T15:00:00+08:00",
        &[
            ("--received-at", "2026-09-29 14:30"),
            ("--channel", "wechat"),
            ("--category", "CQ02"),
            ("--customer", "李四"),
            ("--phone", "13900001111"),
            ("--subject-kind", "service"),
            ("--subject", "配送"),
            ("--order", "O-2002"),
            ("--description", "快递延误五天"),
            ("--demand", "道歉并退运费"),
            ("--evidence", "chat.png"),
        ],
    );
    book.ok(&[
        "ack",
        "20260929",
        "--contact",
        "8002",
        "--promised",
        "2026-10-06",
        "--now",
        "2026-09-29T15:10:00+08:00",
    ]);
    book.ok(&[
        "assign",
        "20260929",
        "李雷",
        "--now",
        "2026-09-29T15:20:00+08:00",
    ]);
    book.ok(&[
        "escalate",
        "20260929",
        "-r",
        "客户要求主管回复",
        "--now",
        "2026-09-30T09:00:00+08:00",
    ]);

    book.new_complaint("2026-09-30T10:00:00+08:00");

    book.new_complaint_with(
        "2026-10-01T08:15:00+08:00",
        &[
            ("--channel", "online"),
            ("--category", "CQ03"),
            ("--customer", "王五"),
            ("--phone", "13700002222"),
            ("--subject", "售后维修"),
            ("--subject-kind", "service"),
            ("--order", "O-3003"),
            ("--description", "维修后仍无法开机"),
            ("--demand", "重新维修"),
        ],
    );
    book.ok(&[
        "ack",
        "20261001",
        "--contact",
        "8001",
        "--now",
        "2026-10-01T09:00:00+08:00",
    ]);
    book.ok(&[
        "close",
        "20261001",
        "--outcome",
        "已重新维修",
        "--now",
        "2026-10-01T16:00:00+08:00",
    ]);
    book.ok(&[
        "reopen",
        "20261001",
        "-r",
        "仍无法开机",
        "--now",
        "2026-10-02T09:00:00+08:00",
    ]);
    book
}

/// The IDs `list ARGS` selects, as placeholders (`1` for [ID_1] …), in the order listed.
fn selected(book: &Book, args: &[&str]) -> Vec<usize> {
    let mut all = vec!["list"];
    all.extend(args);
    let rows = book.json(&all);
    let on_disk = book.ids_on_disk();
    rows["complaints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            1 + on_disk
                .iter()
                .position(|id| row["id"] == id.as_str())
                .expect("a listed ID is on disk")
        })
        .collect()
}

#[test]
fn list_shows_every_complaint_oldest_first_as_a_table() {
    let book = four_complaints();
    assert_cmd_snapshot!(book.run(&["list"]));
}

#[test]
fn list_as_json() {
    let book = four_complaints();
    assert_cmd_snapshot!(book.run(&["list", "--format", "json"]));
    let rows = book.json(&["list"]);
    let rows = &rows["complaints"];
    let statuses: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["closed", "acknowledged", "new", "reopened"]);
    assert_eq!(rows[1]["level"]["name"], "部门负责人");
    assert_eq!(rows[1]["assignee"], "李雷");
}

#[test]
fn list_as_csv() {
    let book = four_complaints();
    assert_cmd_snapshot!(
        book.run(&["list", "--format", "csv"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        id,received_at,status,level,tier,grade,category,channel,customer,subject,merchant,assignee
        C-20260928-[ID_1],2026-09-28 09:00 +08:00,closed,投诉处理专员,,ordinary,CQ01 商品质量问题,hotline,张*,手机,,王芳
        C-20260929-[ID_2],2026-09-29 14:30 +08:00,acknowledged,部门负责人,,ordinary,CQ02 物流配送问题,wechat,李*,配送,,李雷
        C-20260930-[ID_3],2026-09-30 10:00 +08:00,new,投诉处理专员,,ordinary,CQ01 商品质量问题,hotline,张*,手机,,
        C-20261001-[ID_4],2026-10-01 08:15 +08:00,reopened,投诉处理专员,,ordinary,CQ03 售后服务问题,online,王*,售后维修,,王芳

        ----- stderr -----
        "
    );
}

#[test]
fn list_as_yaml() {
    let book = four_complaints();
    assert_cmd_snapshot!(book.run(&["list", "--format", "yaml"]));
}

#[test]
fn list_of_an_empty_book() {
    let book = Book::new();
    assert_cmd_snapshot!(
        book.run(&["list"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        ┌────┬──────────┬────────┬───────┬───────┬──────────┬─────────┬──────────┬─────────┬──────────┐
        │ ID ┆ Received ┆ Status ┆ Level ┆ Grade ┆ Category ┆ Channel ┆ Customer ┆ Subject ┆ Assignee │
        ╞════╪══════════╪════════╪═══════╪═══════╪══════════╪═════════╪══════════╪═════════╪══════════╡
        └────┴──────────┴────────┴───────┴───────┴──────────┴─────────┴──────────┴─────────┴──────────┘
        0 complaint(s)

        ----- stderr -----
        "
    );
    assert_cmd_snapshot!(
        book.run(&["list", "--format", "json"]),
        @r#"
        success: true
        exit_code: 0
        ----- stdout -----
        {
          "format": 1,
          "complaints": []
        }

        ----- stderr -----
        "#
    );
}

#[test]
fn list_as_csv_prints_the_header_even_with_no_rows() {
    let book = Book::new();
    let stdout = book.ok(&["list", "--format", "csv"]);
    assert!(stdout.starts_with("id,received_at,status,"), "{stdout:?}");
    assert_eq!(stdout.lines().count(), 1, "{stdout:?}");
}

#[test]
fn list_filters_by_status() {
    let book = four_complaints();
    assert_eq!(selected(&book, &["--status", "new"]), [3]);
    assert_eq!(selected(&book, &["--status", "closed"]), [1]);
    assert_eq!(
        selected(&book, &["--status", "acknowledged", "--status", "reopened"]),
        [2, 4]
    );
    assert_cmd_snapshot!(
        book.run(&[
        "list",
        "--format",
        "csv",
        "--status",
        "acknowledged",
        "--status",
        "reopened"
    ]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        id,received_at,status,level,tier,grade,category,channel,customer,subject,merchant,assignee
        C-20260929-[ID_2],2026-09-29 14:30 +08:00,acknowledged,部门负责人,,ordinary,CQ02 物流配送问题,wechat,李*,配送,,李雷
        C-20261001-[ID_4],2026-10-01 08:15 +08:00,reopened,投诉处理专员,,ordinary,CQ03 售后服务问题,online,王*,售后维修,,王芳

        ----- stderr -----
        "
    );
    assert_cmd_snapshot!(
        book.run(&["list", "--status", "opened"]),
        @"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: invalid value 'opened' for '--status <STATUS>'
          [possible values: new, acknowledged, closed, reopened]

          tip: a similar value exists: 'reopened'

        For more information, try '--help'.
        "
    );
}

#[test]
fn list_filters_open_and_closed() {
    let book = four_complaints();
    assert_eq!(selected(&book, &["--open"]), [2, 3, 4], "reopened is open");
    assert_eq!(selected(&book, &["--closed"]), [1]);
    assert_cmd_snapshot!(
        book.run(&["list", "--closed"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        ┌───────────────────┬─────────────────────────┬────────┬──────────────┬──────────┬───────────────────┬─────────┬──────────┬─────────┬──────────┐
        │ ID                ┆ Received                ┆ Status ┆ Level        ┆ Grade    ┆ Category          ┆ Channel ┆ Customer ┆ Subject ┆ Assignee │
        ╞═══════════════════╪═════════════════════════╪════════╪══════════════╪══════════╪═══════════════════╪═════════╪══════════╪═════════╪══════════╡
        │ C-20260928-[ID_1] ┆ 2026-09-28 09:00 +08:00 ┆ closed ┆ 投诉处理专员 ┆ ordinary ┆ CQ01 商品质量问题 ┆ hotline ┆ 张*      ┆ 手机    ┆ 王芳     │
        └───────────────────┴─────────────────────────┴────────┴──────────────┴──────────┴───────────────────┴─────────┴──────────┴─────────┴──────────┘
        1 complaint(s)

        ----- stderr -----
        "
    );
    assert_cmd_snapshot!(
        book.run(&["list", "--open", "--closed"]),
        @"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: the argument '--open' cannot be used with '--closed'

        Usage: complaint list --open --by <NAME>

        For more information, try '--help'.
        "
    );
}

#[test]
fn list_filters_by_category_channel_and_assignee() {
    let book = four_complaints();
    assert_eq!(selected(&book, &["--category", "CQ01"]), [1, 3]);
    assert_eq!(
        selected(&book, &["--category", "CQ09"]),
        Vec::<usize>::new()
    );
    assert_eq!(selected(&book, &["--channel", "wechat"]), [2]);
    assert_eq!(selected(&book, &["--channel", "hotline"]), [1, 3]);
    assert_eq!(selected(&book, &["--assignee", "李雷"]), [2]);
    assert_eq!(
        selected(&book, &["--assignee", "王芳"]),
        [1, 4],
        "the handler is the assignee until someone else is assigned"
    );
    assert_eq!(
        selected(&book, &["--channel", "hotline", "--open"]),
        [3],
        "filters combine"
    );
    assert_eq!(selected(&book, &["--subject-kind", "service"]), [2, 4]);
    assert_cmd_snapshot!(
        book.run(&["list", "--format", "csv", "--category", "CQ01"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        id,received_at,status,level,tier,grade,category,channel,customer,subject,merchant,assignee
        C-20260928-[ID_1],2026-09-28 09:00 +08:00,closed,投诉处理专员,,ordinary,CQ01 商品质量问题,hotline,张*,手机,,王芳
        C-20260930-[ID_3],2026-09-30 10:00 +08:00,new,投诉处理专员,,ordinary,CQ01 商品质量问题,hotline,张*,手机,,

        ----- stderr -----
        "
    );
    assert_cmd_snapshot!(
        book.run(&["list", "--format", "csv", "--channel", "wechat"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        id,received_at,status,level,tier,grade,category,channel,customer,subject,merchant,assignee
        C-20260929-[ID_2],2026-09-29 14:30 +08:00,acknowledged,部门负责人,,ordinary,CQ02 物流配送问题,wechat,李*,配送,,李雷

        ----- stderr -----
        "
    );
    assert_cmd_snapshot!(
        book.run(&["list", "--format", "csv", "--assignee", "王芳"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        id,received_at,status,level,tier,grade,category,channel,customer,subject,merchant,assignee
        C-20260928-[ID_1],2026-09-28 09:00 +08:00,closed,投诉处理专员,,ordinary,CQ01 商品质量问题,hotline,张*,手机,,王芳
        C-20261001-[ID_4],2026-10-01 08:15 +08:00,reopened,投诉处理专员,,ordinary,CQ03 售后服务问题,online,王*,售后维修,,王芳

        ----- stderr -----
        "
    );
}

#[test]
fn list_filters_by_days_received() {
    let book = four_complaints();
    assert_eq!(selected(&book, &["--from", "2026-09-29"]), [2, 3, 4]);
    assert_eq!(selected(&book, &["--to", "2026-09-29"]), [1, 2]);
    assert_eq!(
        selected(&book, &["--from", "2026-09-29", "--to", "2026-09-30"]),
        [2, 3],
        "both ends are included"
    );
    assert_eq!(
        selected(&book, &["--from", "2026-09-30", "--to", "2026-09-30"]),
        [3]
    );
    assert_eq!(
        selected(&book, &["--from", "2026-10-02"]),
        Vec::<usize>::new()
    );
    assert_cmd_snapshot!(
        book.run(&["list", "--from", "2026-09-29", "--to", "2026-09-30"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        ┌───────────────────┬─────────────────────────┬──────────────┬──────────────┬──────────┬───────────────────┬─────────┬──────────┬─────────┬──────────┐
        │ ID                ┆ Received                ┆ Status       ┆ Level        ┆ Grade    ┆ Category          ┆ Channel ┆ Customer ┆ Subject ┆ Assignee │
        ╞═══════════════════╪═════════════════════════╪══════════════╪══════════════╪══════════╪═══════════════════╪═════════╪══════════╪═════════╪══════════╡
        │ C-20260929-[ID_2] ┆ 2026-09-29 14:30 +08:00 ┆ acknowledged ┆ 部门负责人   ┆ ordinary ┆ CQ02 物流配送问题 ┆ wechat  ┆ 李*      ┆ 配送    ┆ 李雷     │
        │ C-20260930-[ID_3] ┆ 2026-09-30 10:00 +08:00 ┆ new          ┆ 投诉处理专员 ┆ ordinary ┆ CQ01 商品质量问题 ┆ hotline ┆ 张*      ┆ 手机    ┆          │
        └───────────────────┴─────────────────────────┴──────────────┴──────────────┴──────────┴───────────────────┴─────────┴──────────┴─────────┴──────────┘
        2 complaint(s)

        ----- stderr -----
        "
    );
    assert_cmd_snapshot!(
        book.run(&["list", "--from", "2026-9-31"]),
        @"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: invalid value '2026-9-31' for '--from <DATE>': `2026-9-31` is not a date; write it as 2026-09-30

        For more information, try '--help'.
        "
    );
}

#[test]
fn show_as_a_table() {
    let book = four_complaints();
    assert_cmd_snapshot!(book.run(&["show", "20260929", "--now", "2026-10-12T09:00:00+08:00"]));
}

#[test]
fn show_as_json() {
    let book = four_complaints();
    assert_cmd_snapshot!(book.run(&[
        "show",
        "20260929",
        "--format",
        "json",
        "--now",
        "2026-10-12T09:00:00+08:00"
    ]));
    let shown = book.json(&["show", "20260929"]);
    assert_eq!(shown["state"]["status"], "acknowledged");
    assert_eq!(shown["state"]["level"], "dept_head");
    assert_eq!(shown["state"]["escalations"], 1);
}

#[test]
fn show_as_yaml() {
    let book = four_complaints();
    assert_cmd_snapshot!(book.run(&[
        "show",
        "20261001",
        "--format",
        "yaml",
        "--now",
        "2026-10-12T09:00:00+08:00"
    ]));
}

#[test]
fn show_as_csv_is_one_list_row() {
    let book = four_complaints();
    assert_cmd_snapshot!(
        book.run(&["show", "20261001", "--format", "csv"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        id,received_at,status,level,tier,grade,category,channel,customer,subject,merchant,assignee
        C-20261001-[ID_4],2026-10-01 08:15 +08:00,reopened,投诉处理专员,,ordinary,CQ03 售后服务问题,online,王*,售后维修,,王芳

        ----- stderr -----
        "
    );
}

#[test]
fn list_is_oldest_first_within_a_day() {
    let book = Book::new();
    let times = [
        "2026-09-30T09:00:00+08:00",
        "2026-09-30T10:00:00+08:00",
        "2026-09-30T11:00:00+08:00",
        "2026-09-30T12:00:00+08:00",
        "2026-09-30T13:00:00+08:00",
        "2026-09-30T14:00:00+08:00",
    ];
    for now in times {
        book.new_complaint(now);
    }
    let rows = book.json(&["list"]);
    let received: Vec<&str> = rows["complaints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["received_at"].as_str().unwrap())
        .collect();
    // 6 random suffixes happen to sort in time order once in 720 runs.
    assert_eq!(received, times, "{}", describe(&book.output(&["list"])));
}

/// A caller is found whatever way the phone number was written: three complaints from one
/// phone (13812345678, 138-1234-5678, +86 138 1234 5678) are all found by the phone, by the
/// customer's name and by a word of a description, masked as `list` masks; registering again
/// warns, naming the open complaints of the same customer.
#[test]
fn find_the_caller_by_phone_name_and_words() {
    let book = Book::new();
    let phones = ["13812345678", "138-1234-5678", "+86 138 1234 5678"];
    let descriptions = ["手机屏幕碎裂", "耳机没有声音", "充电器发烫"];
    // `new` with the standard intake, but this phone and description.
    let new = |phone: &str, description: &str| {
        let mut args = vec![
            "new",
            "--now",
            "2026-11-02T09:00:00+08:00",
            "--format",
            "json",
        ];
        args.extend(crate::support::intake_args_with(&[
            ("--phone", phone),
            ("--description", description),
        ]));
        book.run(&args).output().unwrap()
    };
    let mut ids = Vec::new();
    for (n, (phone, description)) in phones.iter().zip(descriptions).enumerate() {
        let output = new(phone, description);
        assert!(output.status.success(), "{}", describe(&output));
        let record: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        ids.push(record["id"].as_str().unwrap().to_string());
        let stderr = String::from_utf8_lossy(&output.stderr);
        if n == 0 {
            assert!(!stderr.contains("warning"), "{stderr}");
        } else {
            assert!(
                stderr.contains(&format!("has {n} other open complaint(s)")),
                "{stderr}"
            );
        }
    }
    let again = new("138 1234 5678", "又来电催促");
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        ids.iter().all(|id| stderr.contains(id.as_str())),
        "the warning names the open complaints: {stderr}"
    );
    let found = |args: &[&str]| -> Vec<String> {
        let rows = book.json(args);
        rows["complaints"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    for phone in phones {
        let by_phone = found(&["list", "--phone", phone]);
        assert!(
            ids.iter().all(|id| by_phone.contains(id)),
            "{phone}: {by_phone:?}"
        );
    }
    let by_name = found(&["list", "--customer", "张三"]);
    assert!(ids.iter().all(|id| by_name.contains(id)), "{by_name:?}");
    assert_eq!(found(&["search", "耳机"]), vec![ids[1].clone()]);
    assert_eq!(found(&["search", "屏幕", "碎裂"]), vec![ids[0].clone()]);
    assert!(
        found(&["search", "屏幕", "声音"]).is_empty(),
        "every word must appear"
    );
    // Masked as `list` masks.
    let rows = book.json(&["search", "充电器"]);
    assert_eq!(rows["complaints"][0]["customer"]["name"], "张*");
}

/// Codes by name too: `new --category 商品质量问题 --channel 400投诉专席` records the codes,
/// filters take a code in any case or the name, and a value that names nothing is an error
/// with a suggestion, never an empty table.
#[test]
fn codes_by_name_or_in_any_case() {
    let book = Book::new();
    let mut args = vec![
        "new",
        "--now",
        "2026-11-02T09:00:00+08:00",
        "--format",
        "json",
    ];
    args.extend(crate::support::intake_args_with(&[
        ("--category", "商品质量问题"),
        ("--channel", "400投诉专席"),
    ]));
    let record = book.json(&args);
    assert_eq!(record["category"]["code"], "CQ01");
    assert_eq!(record["channel"]["code"], "hotline");
    let count = |args: &[&str]| book.json(args)["complaints"].as_array().unwrap().len();
    assert_eq!(count(&["list", "--category", "cq01"]), 1);
    assert_eq!(count(&["list", "--category", "商品质量问题"]), 1);
    assert_eq!(count(&["list", "--channel", "HOTLINE"]), 1);
    assert_eq!(
        count(&["list", "--grade", "普通投诉"]),
        1,
        "graded ordinary by the rules"
    );
    for (flag, typed, suggestion) in [
        ("--category", "CQ99", "categor"),
        ("--channel", "hotlin", "did you mean hotline 400投诉专席?"),
        ("--grade", "ordnary", "did you mean ordinary 普通投诉?"),
    ] {
        let output = book.run(&["list", flag, typed]).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{flag} {typed}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("`{typed}` is not a")) && stderr.contains(suggestion),
            "{stderr}"
        );
    }
}

/// Tables fit the terminal: at 80 columns (`COLUMNS=80`) no line of `list`, `sla`, `show` or
/// `rules show` is wider than 80 display columns (CJK counted double), the least important
/// columns going first; at 200 columns, or with `--wide`, every column is there.
#[test]
fn tables_fit_80_columns_and_wide_shows_everything() {
    use unicode_width::UnicodeWidthStr;
    let book = Book::new();
    let id = book.new_complaint("2026-11-02T09:00:00+08:00");
    book.steps(&id)
        .ack("2026-11-02T09:30:00+08:00")
        .note("已联系仓库核实，等待回复", "2026-11-02T10:00:00+08:00");
    let now = "2026-11-05T20:00:00+08:00";
    let run = |columns: &str, args: &[&str]| -> String {
        let output = book
            .run(args)
            .args(["--now", now])
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let commands: [&[&str]; 4] = [
        &["list"],
        &["sla", "--all"],
        &["show", &id],
        &["rules", "show"],
    ];
    for args in commands {
        let text = run("80", args);
        assert!(!text.is_empty(), "{args:?}");
        for line in text.lines() {
            assert!(
                line.width() <= 80,
                "{args:?}: {} columns: {line}",
                line.width()
            );
        }
    }
    let narrow = run("80", &["list"]);
    assert!(
        narrow.contains("Customer") && !narrow.contains("Channel"),
        "{narrow}"
    );
    for wide in [run("200", &["list"]), run("80", &["list", "--wide"])] {
        assert!(
            wide.contains("Channel") && wide.contains("Received"),
            "{wide}"
        );
    }
}
