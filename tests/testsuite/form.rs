//! `complaint form`: each seed's document made from a record built with the real binary, in
//! the rulebook the seed belongs to — acceptance (S4, finance), report (S1, mall), approval
//! (S0, enterprise), resolution (S2, ecommerce) — plus English (uk-fca), HTML, the masking of
//! personal data, escaping, the refusals, and `-o FILE`.
//!
//! 2026-11-02 is a Monday; every command passes `--now`.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, complaint, describe};

/// The only complaint of 2026-11-02 in these books.
const IT: &str = "C-20261102";
const RECEIVED: &str = "2026-11-02T09:00:00+08:00";
/// When the forms are made: after everything in the records.
const LATER: &str = "2026-11-05T10:00:00+08:00";

/// A fresh book under the shipped rulebook `name`, as `complaint init book --rulebook NAME`.
fn book(name: &str) -> Book {
    let book = Book::empty();
    let output = complaint(book.tmp())
        .args(["init", "book", "--rulebook", name])
        .output()
        .expect("complaint runs");
    assert!(output.status.success(), "init: {}", describe(&output));
    book
}

/// S4: a tier-2 complaint (the agent's attitude) passed up twice by the first agent and the
/// room manager, then answered by the maintenance room; the two managers above never saw it.
fn finance_book() -> Book {
    let book = book("finance");
    book.new_complaint_with(
        RECEIVED,
        &[
            ("--channel", "phone"),
            ("--category", "service"),
            ("--subject-kind", "employee"),
            ("--subject", "客服 1024 号"),
            ("--description", "客服态度恶劣，中途挂断电话"),
            ("--demand", "道歉并说明处理结果"),
        ],
    );
    book.steps(IT)
        .by("王芳")
        .ack_contact("400-800-1234", "2026-11-02T09:10:00+08:00")
        .find(
            "agent",
            "调取录音核实，客服态度不当",
            "2026-11-02T10:00:00+08:00",
        )
        .step("pay", &["--kind", "apology"], "2026-11-02T10:05:00+08:00")
        .escalate("第二级投诉，报室经理", "2026-11-02T10:10:00+08:00")
        .by("李娜")
        .step(
            "corrective",
            &[
                "已警告涉事客服",
                "--measure",
                "disciplinary",
                "--staff",
                "客服 1024 号",
            ],
            "2026-11-02T11:00:00+08:00",
        )
        .escalate("请客户维护室答复客户", "2026-11-02T11:30:00+08:00")
        .by("赵敏")
        .close_rated(
            "已向客户诚恳道歉并说明处理结果",
            "4",
            "2026-11-02T15:00:00+08:00",
        );
    book
}

#[test]
fn acceptance_form_has_each_levels_opinion_and_blanks_for_the_levels_not_reached() {
    let book = finance_book();
    assert_cmd_snapshot!(
        "acceptance_markdown",
        book.run(&["form", IT, "--kind", "acceptance", "--now", LATER])
    );
}

/// S1: a merchant's tiles, mediated, both accept, the merchant pays.
fn mall_book(description: &str) -> Book {
    let book = book("mall");
    book.new_complaint_with(
        RECEIVED,
        &[
            ("--channel", "counter"),
            ("--category", "aftersale"),
            ("--merchant", "美家瓷砖"),
            ("--subject", "瓷砖"),
            ("--description", description),
            ("--demand", "返工并赔偿损失"),
            ("--happened", "10月28日铺贴后"),
            ("--place", "三楼 A12 展位"),
        ],
    );
    book.steps(IT)
        .by("王芳")
        .ack_contact("0313-1234567", "2026-11-02T09:10:00+08:00")
        .find("merchant", "商户铺贴工艺不当", "2026-11-02T10:00:00+08:00");
    book.steps(IT)
        .by("王芳")
        .step(
            "mediate",
            &[
                "--customer",
                "accept",
                "--merchant",
                "accept",
                "--amount",
                "800",
            ],
            "2026-11-02T11:00:00+08:00",
        )
        .step(
            "pay",
            &[
                "--kind",
                "compensation",
                "--amount",
                "800",
                "--payer",
                "merchant",
            ],
            "2026-11-02T14:00:00+08:00",
        );
    book.steps(IT)
        .by("王芳")
        .close("商户赔付 800 元并返工", "2026-11-02T15:00:00+08:00");
    book
}

#[test]
fn report_form_is_signed_by_customer_merchant_and_mall() {
    let book = mall_book("铺贴后瓷砖大面积空鼓");
    assert_cmd_snapshot!(
        "report_markdown",
        book.run(&["form", IT, "--kind", "report", "--now", LATER])
    );
    assert_cmd_snapshot!(
        "report_html",
        book.run(&[
            "form", IT, "--kind", "report", "--as", "html", "--now", LATER
        ])
    );
}

#[test]
fn html_shows_recorded_markup_as_text() {
    let book = mall_book("<script>alert('空鼓')</script> & \"更多\"");
    let page = book.ok(&[
        "form", IT, "--kind", "report", "--as", "html", "--now", LATER,
    ]);
    assert!(!page.contains("<script>"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(&#39;空鼓&#39;)&lt;/script&gt; &amp; &quot;更多&quot;"),
        "{page}"
    );
    let markdown = book.ok(&["form", IT, "--kind", "report", "--now", LATER]);
    assert!(!markdown.contains("<script>"), "{markdown}");
}

#[test]
fn personal_data_is_masked_in_every_form_unless_revealed() {
    let book = mall_book("铺贴后瓷砖大面积空鼓");
    let commits = book.commits();
    let report = book.ok(&["form", IT, "--kind", "report", "--now", LATER]);
    assert!(report.contains("| 顾客 | 张*  138****5678 |"), "{report}");
    assert!(!report.contains("张三") && !report.contains("13812345678"));
    let form = book.ok(&["form", IT, "--kind", "opinion", "--now", LATER]);
    assert!(form.contains("| 顾客 | 张*  138****5678 |"), "{form}");
    let opinion = book.ok(&["opinion", IT, "--now", LATER]);
    assert_eq!(form, opinion, "form --kind opinion is the opinion");
    assert_eq!(book.commits(), commits, "a masked form writes nothing");
    // The copy the parties sign shows the customer in full, and that is on file.
    let signed = book.ok(&["opinion", IT, "--reveal", "--now", LATER]);
    assert!(signed.contains("| 顾客 | 张三  13812345678 |"), "{signed}");
    assert_eq!(
        form.replace("张*  138****5678", "张三  13812345678"),
        signed
    );
    assert!(
        book.log()[0].ends_with("shown to 王芳 by `complaint opinion`"),
        "{:?}",
        book.log()
    );
    book.ok(&["form", IT, "--kind", "report", "--reveal", "--now", LATER]);
    assert!(
        book.log()[0].ends_with("shown to 王芳 by `complaint form --kind report`"),
        "{:?}",
        book.log()
    );
}

/// S0: a quality complaint about a phone bought for 120; the standard is 620
/// (120 + max(3 × 120, 500)); the cap raises the 500 by 30 %: 120 + 650 = 770.
fn enterprise_book() -> Book {
    let book = book("enterprise");
    book.set_staff(&[("李娜", &["dept_head"]), ("赵敏", &["cs_director"])]);
    book.new_complaint_with(RECEIVED, &[("--price", "120")]);
    book.steps(IT)
        .by("王芳")
        .ack_contact("400-800-1234", "2026-11-02T09:30:00+08:00")
        .find("enterprise", "屏幕出厂缺陷", "2026-11-02T10:00:00+08:00");
    book
}

#[test]
fn approval_form_is_refused_before_an_offer_then_lists_approvals_given_and_needed() {
    let book = enterprise_book();
    assert_cmd_snapshot!(
        book.run(&["form", IT, "--kind", "approval", "--now", LATER]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::illegal_move

          × cannot write an approval form for C-20261102-[ID_1]: nothing has been offered
          help: propose the remedy with `complaint offer` first
        "
    );
    // 700 is above the standard 620: the department head, then the director.
    book.steps(IT)
        .by("王芳")
        .offer_amount("700", "2026-11-02T10:10:00+08:00")
        .by("李娜")
        .approve("2026-11-02T10:30:00+08:00");
    assert_cmd_snapshot!(
        "approval_markdown",
        book.run(&["form", IT, "--kind", "approval", "--now", LATER])
    );
}

/// S2: a broken phone, the supplier's packing; an ex gratia ¥100 approved by the department
/// head, the phone exchanged, closed and visited.
fn ecommerce_book() -> Book {
    let book = book("ecommerce");
    book.set_staff(&[("李娜", &["dept_head"])]);
    book.new_complaint(RECEIVED);
    book.steps(IT)
        .by("王芳")
        .ack_contact("400-800-1234", "2026-11-02T09:20:00+08:00")
        .find(
            "supplier",
            "供应商包装不当导致运输破损",
            "2026-11-02T11:00:00+08:00",
        );
    book.steps(IT).by("王芳").step(
        "plan",
        &["换新并补偿 100 元；要求供应商改进包装"],
        "2026-11-02T11:30:00+08:00",
    );
    book.steps(IT)
        .by("王芳")
        .offer_amount("100", "2026-11-02T11:40:00+08:00")
        .by("李娜")
        .approve("2026-11-02T13:00:00+08:00")
        .by("王芳")
        .agree("2026-11-02T14:00:00+08:00")
        .pay_ref("compensation", "100", "RF-1", "2026-11-02T15:00:00+08:00");
    book.steps(IT).by("王芳").step(
        "pay",
        &["--kind", "goods", "--reference", "SF123"],
        "2026-11-02T15:10:00+08:00",
    );
    book
}

#[test]
fn resolution_report_is_refused_while_open_then_has_every_part_the_seed_lists() {
    let book = ecommerce_book();
    assert_cmd_snapshot!(
        book.run(&["form", IT, "--kind", "resolution", "--now", LATER]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::illegal_move

          × cannot write a resolution report for C-20261102-[ID_1]: it is still open
          help: the report gives the result: close it with `complaint close ID --outcome …` first
        "
    );
    book.steps(IT)
        .by("王芳")
        .close_rated("换新并补偿 100 元", "5", "2026-11-02T17:00:00+08:00");
    book.steps(IT).by("王芳").step(
        "followup",
        &["客户表示满意", "--satisfaction", "5"],
        "2026-11-04T10:00:00+08:00",
    );
    assert_cmd_snapshot!(
        "resolution_markdown",
        book.run(&["form", IT, "--kind", "resolution", "--now", LATER])
    );
}

#[test]
fn resolution_report_in_english_under_uk_fca_with_dashes_for_what_was_not_recorded() {
    let book = book("uk-fca");
    book.new_complaint_with(
        "2026-11-02T09:00:00+00:00",
        &[
            ("--channel", "phone"),
            ("--category", "banking"),
            ("--customer", "Jane Smith"),
            ("--phone", "07700900123"),
            ("--subject-kind", "service"),
            ("--subject", "Card payment"),
            ("--description", "A card payment was taken twice"),
            ("--demand", "Refund of the second payment"),
        ],
    );
    book.steps(IT)
        .by("Ann Lee")
        .ack_contact("0800 000 0000", "2026-11-02T09:30:00+00:00")
        .close("Duplicate payment reversed", "2026-11-02T12:00:00+00:00");
    assert_cmd_snapshot!(
        "resolution_english",
        book.run(&[
            "form",
            IT,
            "--kind",
            "resolution",
            "--now",
            "2026-11-05T10:00:00+00:00"
        ])
    );
}

#[test]
fn output_file_is_written_whole_and_nothing_else_is_left() {
    let book = finance_book();
    let stdout = book.ok(&["form", IT, "--kind", "acceptance", "--now", LATER]);
    let out = book.tmp().join("forms");
    std::fs::create_dir(&out).expect("a folder");
    let printed = book.ok(&[
        "form",
        IT,
        "--kind",
        "acceptance",
        "--now",
        LATER,
        "-o",
        "../forms/acceptance.md",
    ]);
    assert_eq!(printed, "", "nothing on stdout when writing a file");
    let written = std::fs::read_to_string(out.join("acceptance.md")).expect("written");
    assert_eq!(written, stdout);
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "no temporary file left beside it");
    assert_eq!(book.status(), "", "the book is untouched");
}

/// The resolution report goes to the customer: it shows what was done for them — public notes,
/// the plan, the final offer — and not the desk's internal work: internal notes, the
/// assignment, approvals; improvements recorded as such (`plan --improvement`) are listed
/// under 后续改进, not the remedy plan.
#[test]
fn customer_facing_documents_show_only_what_the_customer_should_see() {
    let book = crate::support::Book::new();
    let id = book.new_complaint("2026-11-02T09:00:00+08:00");
    let steps = book.steps(&id);
    steps
        .ack("2026-11-02T09:30:00+08:00")
        .step("assign", &["李娜"], "2026-11-02T09:40:00+08:00")
        .note("已联系仓库核实", "2026-11-02T10:00:00+08:00")
        .step(
            "note",
            &["已为您安排换货，明日送达", "--public"],
            "2026-11-02T10:10:00+08:00",
        )
        .step("plan", &["换新机"], "2026-11-02T10:20:00+08:00")
        .step(
            "plan",
            &["加强出库前的屏幕检验", "--improvement"],
            "2026-11-02T10:30:00+08:00",
        )
        .step(
            "corrective",
            &[
                "对出库质检员通报批评",
                "--measure",
                "disciplinary",
                "--staff",
                "质检员甲",
            ],
            "2026-11-02T10:40:00+08:00",
        )
        .close("已换新", "2026-11-03T10:00:00+08:00");
    let report = book.resolution_text(&id, "2026-11-03T11:00:00+08:00");
    for shown in [
        "已为您安排换货，明日送达",
        "换新机",
        "改进措施：加强出库前的屏幕检验",
    ] {
        assert!(report.contains(shown), "missing {shown}: {report}");
    }
    for hidden in ["已联系仓库核实", "交由处理", "李娜", "通报批评", "质检员甲"]
    {
        assert!(!report.contains(hidden), "shows {hidden}: {report}");
    }
}
