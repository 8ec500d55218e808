//! `complaint::report` on small books built through the library, every figure worked out by
//! hand from the rules (in the comments), never copied from the program's output.
//!
//! Facts used throughout:
//! * The period is November 2026 (30 days); the previous period of the same length is
//!   2026-10-02 to 2026-10-31. The report is taken at Mon 2026-11-30 18:00 +08:00.
//! * November 2026 has no public holidays in the `cn` calendar; 2026-11-02 is a Monday, so
//!   the weekends are 7/8, 14/15, 21/22, 28/29.
//! * S0 (`enterprise`): `acknowledge` runs from `received` to `ack`, 2 h (ordinary) or 6 h
//!   (complex: flag multi_department); `handle` runs from `ack` to `close`, 3 wd (ordinary),
//!   7 wd (complex), paused by `pause`. A period of working days does not count the day it
//!   starts and ends at 24:00 of its last day; the time it took counts the same way: the
//!   working days after the starting day up to the stopping day.
//! * Nearest-rank percentiles: of n sorted values, the p-th is the value at rank ⌈p·n/100⌉.
//!
//! Run it alone: `cargo test -p complaint --test suite report::`.

use complaint::model::Answer;
use complaint::report::{self, By, Options, Period, Role};
use complaint::{Book, Complaint, Intake, Money, Request, Source, Timestamp};
use serde_json::json;

fn t(text: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(text).expect("an RFC 3339 time")
}

const NOW: &str = "2026-11-30T18:00:00+08:00";

fn november(by: By, reveal: bool) -> Options {
    Options {
        period: Period::parse_month("2026-11").unwrap(),
        by,
        now: t(NOW),
        reveal,
    }
}

fn book(name: &str) -> (tempfile::TempDir, Book) {
    let dir = tempfile::tempdir().unwrap();
    let shipped = complaint::rulebook::shipped()
        .iter()
        .find(|s| s.name == name)
        .expect("a shipped rulebook");
    let book = Book::init(
        dir.path(),
        &Source::new("rulebook.yaml", shipped.text),
        false,
    )
    .unwrap();
    (dir, book)
}

/// A complaint received at `at` (the intake's defaults changed by `changes`).
fn receive(book: &Book, at: &str, changes: serde_json::Value) -> Complaint {
    let mut intake = json!({
        "channel": "hotline", "category": "CQ01",
        "customer": {"name": "张三", "phone": "13812345678"},
        "subject": {"kind": "product", "name": "手机"},
        "description": "收到的手机屏幕碎裂", "demand": "退货并赔偿",
    });
    for (key, value) in changes.as_object().unwrap() {
        intake[key] = value.clone();
    }
    let intake: Intake = serde_json::from_value(intake).unwrap();
    book.create(intake, "王芳", t(at)).unwrap()
}

fn act(book: &Book, c: &Complaint, at: &str, request: Request) {
    book.act(&c.id, request, "王芳", t(at)).unwrap();
}

fn ack(book: &Book, c: &Complaint, at: &str) {
    act(
        book,
        c,
        at,
        Request::Ack(complaint::event::ack::Request {
            handler: None,
            contact: "8001".into(),
            promised: None,
        }),
    );
}

fn close(book: &Book, c: &Complaint, at: &str, satisfaction: Option<u8>) {
    act(
        book,
        c,
        at,
        Request::Close(complaint::event::Close {
            outcome: "已处理".into(),
            satisfaction,
        }),
    );
}

fn everything(book: &Book) -> Vec<Complaint> {
    book.scan()
        .unwrap()
        .records
        .into_iter()
        .map(|r| r.complaint)
        .collect()
}

fn customer(name: &str, contact: serde_json::Value) -> serde_json::Value {
    let mut c = contact;
    c["name"] = json!(name);
    json!({ "customer": c })
}

/// The S0 book: two complaints in October, one in September, seven in November (A–G).
struct S0 {
    _dir: tempfile::TempDir,
    book: Book,
    a: Complaint,
    b: Complaint,
    e: Complaint,
    f: Complaint,
    g: Complaint,
}

fn s0() -> S0 {
    let (dir, book) = book("enterprise");
    let li = || customer("李四", json!({"phone": "13900001111"}));
    let zhang = || customer("张三", json!({"phone": "13812345678"}));
    let qian = |email: &str| customer("钱七", json!({"email": email}));
    let with = |base: serde_json::Value, category: &str| {
        let mut v = base;
        v["category"] = json!(category);
        v
    };
    // Before the previous period (Sep 30): in neither period.
    receive(&book, "2026-09-30T10:00:00+08:00", with(li(), "CQ02"));
    // The previous period: one CQ02, one CQ01.
    receive(&book, "2026-10-12T10:00:00+08:00", with(li(), "CQ02"));
    receive(
        &book,
        "2026-10-20T10:00:00+08:00",
        with(customer("赵六", json!({"phone": "13700002222"})), "CQ01"),
    );

    // A: Mon 11-02 09:00, acked 10:00 (60 min, due 11:00: met). handle from the ack: 3 wd are
    // 11-03, 04, 05, due 11-06 00:00; closed Wed 11-04 15:00: met, 2 wd (11-03, 11-04).
    let a = receive(&book, "2026-11-02T09:00:00+08:00", with(zhang(), "CQ01"));
    ack(&book, &a, "2026-11-02T10:00:00+08:00");
    close(&book, &a, "2026-11-04T15:00:00+08:00", Some(5));

    // B: Fri 11-06 16:00, acked 19:00 (180 min, due 18:00: met late). handle from Fri 19:00:
    // Mon 11-09, 10, 11, due 11-12 00:00; closed Thu 11-12 11:00: met late, 4 wd (9, 10, 11,
    // 12). Scored 2 at closing, then 3 at the return visit: 3 counts.
    let b = receive(
        &book,
        "2026-11-06T16:00:00+08:00",
        customer("张三", json!({"phone": "138-1234-5678"})),
    );
    ack(&book, &b, "2026-11-06T19:00:00+08:00");
    close(&book, &b, "2026-11-12T11:00:00+08:00", Some(2));
    act(
        &book,
        &b,
        "2026-11-13T10:00:00+08:00",
        Request::Followup(complaint::event::Followup {
            comment: "基本满意".into(),
            satisfaction: Some(3),
            key_customer: false,
        }),
    );

    // C: Tue 11-10 09:00, acked 09:30 (30 min: met). handle from 11-10, paused Wed 11-11 10:00
    // to Fri 11-13 10:00: the working days 12 and 13 do not count, so 3 + 2 = 5 wd: 11, 12, 13,
    // 16, 17, due 11-18 00:00; closed Tue 11-17 17:00: met. Time: 11, 12, 13, 16, 17 = 5 wd,
    // less the 2 paused = 3.
    let c = receive(&book, "2026-11-10T09:00:00+08:00", with(li(), "CQ02"));
    ack(&book, &c, "2026-11-10T09:30:00+08:00");
    act(
        &book,
        &c,
        "2026-11-11T10:00:00+08:00",
        Request::Pause(complaint::event::Pause {
            reason: "等待客户补充证据".into(),
        }),
    );
    act(
        &book,
        &c,
        "2026-11-13T10:00:00+08:00",
        Request::Resume(complaint::event::Resume { reason: None }),
    );
    close(&book, &c, "2026-11-17T17:00:00+08:00", Some(4));

    // D: Mon 11-16 10:00, complex (several departments): acknowledge within 6 h, due 16:00;
    // acked 15:00 (300 min: met). handle 7 wd: 17, 18, 19, 20, 23, 24, 25, due 11-26 00:00;
    // open at 11-30: breached.
    let mut d_intake = with(customer("王五", json!({"phone": "13600003333"})), "CQ02");
    d_intake["flags"] = json!(["multi_department"]);
    let d = receive(&book, "2026-11-16T10:00:00+08:00", d_intake);
    ack(&book, &d, "2026-11-16T15:00:00+08:00");

    // E: 张三 again, Wed 11-18 20:00, acked Thu 09:00 (780 min, due 22:00: met late). handle:
    // 20, 23, 24, due 11-25 00:00; open: breached.
    let e = receive(&book, "2026-11-18T20:00:00+08:00", with(zhang(), "CQ02"));
    ack(&book, &e, "2026-11-19T09:00:00+08:00");

    // F: 钱七 (e-mail only), Mon 11-23 09:00, acked 09:45 (45 min: met), closed the same day:
    // handle met, 0 wd.
    let f = receive(
        &book,
        "2026-11-23T09:00:00+08:00",
        with(qian("qian7@example.com"), "CQ05"),
    );
    ack(&book, &f, "2026-11-23T09:45:00+08:00");
    close(&book, &f, "2026-11-23T16:00:00+08:00", Some(5));

    // G: 钱七 again (the e-mail in capitals is the same customer), Fri 11-27 10:00, never
    // acknowledged: acknowledge due 12:00, breached; handle not started.
    let g = receive(
        &book,
        "2026-11-27T10:00:00+08:00",
        with(qian("QIAN7@example.com"), "CQ02"),
    );

    S0 {
        _dir: dir,
        book,
        a,
        b,
        e,
        f,
        g,
    }
}

#[test]
fn volume_and_resolution() {
    let s = s0();
    let report = report::build(
        &everything(&s.book),
        s.book.rulebook(),
        &november(By::Category, false),
    );
    // A–G received in November; A, B, C, F closed; D, E, G open. 4 / 7 = 57.1 %.
    assert_eq!(
        (
            report.volume.received,
            report.volume.closed,
            report.volume.open
        ),
        (7, 4, 3)
    );
    assert_eq!(
        report::percent(report.volume.closed, report.volume.received),
        "57.1%"
    );
    assert_eq!(report.daily.len(), 30);
    let on = |day: &str| {
        report
            .daily
            .iter()
            .find(|d| d.date.to_string() == day)
            .unwrap()
            .received
    };
    assert_eq!(
        (on("2026-11-02"), on("2026-11-03"), on("2026-11-27")),
        (1, 0, 1)
    );
    assert_eq!(report.daily.iter().map(|d| d.received).sum::<usize>(), 7);
}

#[test]
fn on_time_rates_and_percentiles_per_clock() {
    let s = s0();
    let report = report::build(
        &everything(&s.book),
        s.book.rulebook(),
        &november(By::Category, false),
    );
    let ack = &report.clocks[0];
    assert_eq!(
        (ack.clock.code.as_str(), ack.role),
        ("acknowledge", Some(Role::Acknowledge))
    );
    // Met: A, C, D, F; late: B, E; breached: G. On time 4 / 7.
    assert_eq!(
        (ack.met, ack.met_late, ack.breached, ack.open),
        (4, 2, 1, 0)
    );
    assert_eq!(report::percent(ack.met, ack.decided()), "57.1%");
    // Minutes to acknowledge, sorted: 30 (C), 45 (F), 60 (A), 180 (B), 300 (D), 780 (E).
    // Median: rank ⌈3⌉ = 3 → 60 min = 1 h; p90: rank ⌈5.4⌉ = 6 → 780 min = 13 h.
    assert_eq!((ack.median, ack.p90), (Some(1.0), Some(13.0)));

    let handle = &report.clocks[1];
    assert_eq!(
        (handle.clock.code.as_str(), handle.role),
        ("handle", Some(Role::Resolve))
    );
    // Met: A, C, F; late: B; breached: D, E; G never started. On time 3 / 6.
    assert_eq!(
        (handle.met, handle.met_late, handle.breached, handle.open),
        (3, 1, 2, 0)
    );
    assert_eq!(report::percent(handle.met, handle.decided()), "50.0%");
    // Working days to resolve, sorted: 0 (F), 2 (A), 3 (C, paused 2), 4 (B).
    // Median: rank 2 → 2; p90: rank ⌈3.6⌉ = 4 → 4.
    assert_eq!((handle.median, handle.p90), (Some(2.0), Some(4.0)));

    // Nothing was agreed or paid: the money clocks never started.
    for clock in &report.clocks[2..] {
        assert_eq!(clock.decided() + clock.open, 0, "{}", clock.clock.code);
        assert_eq!(clock.median, None);
    }
}

#[test]
fn satisfaction_counts_the_latest_score() {
    let s = s0();
    let report = report::build(
        &everything(&s.book),
        s.book.rulebook(),
        &november(By::Category, false),
    );
    // A 5, B 3 (the return visit's, not the 2 at closing), C 4, F 5: mean 17 / 4 = 4.25.
    let sat = report.satisfaction;
    assert_eq!(sat.rated, 4);
    assert_eq!(sat.distribution, [0, 0, 1, 1, 2]);
    assert_eq!(sat.mean, Some(4.25));
}

#[test]
fn repeat_complainants_are_masked_unless_revealed() {
    let s = s0();
    let all = everything(&s.book);
    let report = report::build(&all, s.book.rulebook(), &november(By::Category, false));
    // 张三 (phone 13812345678, also written 138-1234-5678): A, B, E. 钱七 (one e-mail in two
    // cases): F, G. 李四 complained in October and November, once in the period: no repeat.
    let r = &report.repeat_complainants;
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(
        (
            r[0].customer.as_str(),
            r[0].contact.as_str(),
            r[0].complaints
        ),
        ("张*", "138****5678", 3)
    );
    assert_eq!(
        r[0].ids,
        vec![s.a.id.clone(), s.b.id.clone(), s.e.id.clone()]
    );
    assert_eq!(
        (
            r[1].customer.as_str(),
            r[1].contact.as_str(),
            r[1].complaints
        ),
        ("钱*", "q****@example.com", 2)
    );
    assert_eq!(r[1].ids, vec![s.f.id.clone(), s.g.id.clone()]);
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        !json.contains("13812345678") && !json.contains("张三"),
        "{json}"
    );

    let revealed = report::build(&all, s.book.rulebook(), &november(By::Category, true));
    let r = &revealed.repeat_complainants;
    assert_eq!(
        (r[0].customer.as_str(), r[0].contact.as_str()),
        ("张三", "13812345678")
    );
}

#[test]
fn groups_and_hot_spots_against_the_previous_period() {
    let s = s0();
    let report = report::build(
        &everything(&s.book),
        s.book.rulebook(),
        &november(By::Category, false),
    );
    assert_eq!(
        (
            report.previous.from.to_string(),
            report.previous.to.to_string()
        ),
        ("2026-10-02".into(), "2026-10-31".into())
    );
    // November: CQ02 C, D, E, G (C closed); CQ01 A, B (both closed); CQ05 F (closed).
    // October 2–31: CQ02 one, CQ01 one (the September one is in neither period).
    let groups: Vec<(&str, &str, usize, usize, i64, usize)> = report
        .groups
        .iter()
        .map(|g| {
            (
                g.code.as_str(),
                g.name.as_str(),
                g.received,
                g.previous,
                g.growth,
                g.closed,
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("CQ02", "物流配送问题", 4, 1, 3, 1),
            ("CQ01", "商品质量问题", 2, 1, 1, 2),
            ("CQ05", "客服服务问题", 1, 0, 1, 1),
        ]
    );
    // Growth: CQ02 +3 first; CQ01 and CQ05 both +1, the bigger (CQ01, 2) first.
    let hot: Vec<(&str, i64)> = report
        .hot_spots
        .iter()
        .map(|g| (g.code.as_str(), g.growth))
        .collect();
    assert_eq!(hot, [("CQ02", 3), ("CQ01", 1), ("CQ05", 1)]);

    // By grade: November has one complex (D) and six ordinary; October two ordinary.
    let by_grade = report::build(
        &everything(&s.book),
        s.book.rulebook(),
        &november(By::Grade, false),
    );
    let groups: Vec<(&str, usize, usize)> = by_grade
        .groups
        .iter()
        .map(|g| (g.code.as_str(), g.received, g.previous))
        .collect();
    assert_eq!(groups, [("ordinary", 6, 2), ("complex", 1, 0)]);
}

#[test]
fn a_report_as_of_an_earlier_instant_knows_only_what_had_happened() {
    let s = s0();
    // At Wed 11-04 12:00 only A (acked, not yet closed) had been received: no score yet.
    let mut options = november(By::Category, false);
    options.now = t("2026-11-04T12:00:00+08:00");
    let report = report::build(&everything(&s.book), s.book.rulebook(), &options);
    assert_eq!((report.volume.received, report.volume.closed), (1, 0));
    assert_eq!(report.satisfaction.rated, 0);
    // handle from 11-02 10:00, due 11-06 00:00: running (not at risk before 80 %).
    assert_eq!(report.clocks[1].open, 1);
    assert_eq!(report.clocks[1].median, None);
}

#[test]
fn compensation_paid_by_kind_and_advances_outstanding() {
    let (_dir, book) = book("mall");
    let intake = |merchant: &str| {
        json!({
            "channel": "counter", "category": "aftersale", "merchant": merchant,
            "subject": {"kind": "merchant", "name": merchant},
        })
    };
    let mediate = |c: &Complaint, at: &str, merchant: Answer, amount: &str| {
        act(
            &book,
            c,
            at,
            Request::Mediate(complaint::event::mediate::Request {
                customer: Answer::Accept,
                merchant,
                amount: Some(amount.parse().unwrap()),
            }),
        );
    };
    let pay = |c: &Complaint, at: &str, kind: &str, amount: Option<&str>, advance: bool| {
        act(
            &book,
            c,
            at,
            Request::Pay(complaint::event::pay::Request {
                kind: kind.into(),
                amount: amount.map(|a| a.parse().unwrap()),
                reference: None,
                payer: (!advance && amount.is_some()).then(|| "merchant".to_string()),
                advance,
            }),
        );
    };
    // M3 (October): 美家地板 refused; the mall advanced 300 on 10-29 — outside November's
    // payments, but still owed back at 11-30.
    let m3 = receive(&book, "2026-10-20T10:00:00+08:00", intake("美家地板"));
    mediate(&m3, "2026-10-21T10:00:00+08:00", Answer::Refuse, "300");
    pay(
        &m3,
        "2026-10-29T10:00:00+08:00",
        "refund",
        Some("300"),
        true,
    );
    // M1: both accept, 金牌瓷砖 refunds 800 on 11-03 and an apology is made; closed 11-04,
    // return visit 11-06 scoring 4. return_visit runs 3 wd from the close: 11-05, 06, 09 → due
    // 11-10 00:00; visited 11-06: met, 2 wd (11-05, 11-06).
    let m1 = receive(&book, "2026-11-02T09:00:00+08:00", intake("金牌瓷砖"));
    mediate(&m1, "2026-11-02T11:00:00+08:00", Answer::Accept, "800");
    pay(
        &m1,
        "2026-11-03T10:00:00+08:00",
        "refund",
        Some("800"),
        false,
    );
    pay(&m1, "2026-11-03T11:00:00+08:00", "apology", None, false);
    ack(&book, &m1, "2026-11-04T09:00:00+08:00");
    close(&book, &m1, "2026-11-04T10:00:00+08:00", None);
    act(
        &book,
        &m1,
        "2026-11-06T10:00:00+08:00",
        Request::Followup(complaint::event::Followup {
            comment: "满意".into(),
            satisfaction: Some(4),
            key_customer: false,
        }),
    );
    // M2: 金牌瓷砖 refuses 1200 on 11-05: a handling opinion, merchant_pay due 7 days later:
    // 11-12 is a Thursday, so 11-13 00:00. The mall advances 1200 on 11-13 10:00 (late) and
    // recovers 500 on 11-20: 700 outstanding.
    let m2 = receive(&book, "2026-11-05T09:00:00+08:00", intake("金牌瓷砖"));
    mediate(&m2, "2026-11-05T10:00:00+08:00", Answer::Refuse, "1200");
    pay(
        &m2,
        "2026-11-13T10:00:00+08:00",
        "refund",
        Some("1200"),
        true,
    );
    act(
        &book,
        &m2,
        "2026-11-20T10:00:00+08:00",
        Request::Recover(complaint::event::recover::Request {
            amount: "500".parse().unwrap(),
        }),
    );

    let report = report::build(
        &everything(&book),
        book.rulebook(),
        &november(By::Merchant, false),
    );
    // November's payments: refunds 800 + 1200 = 2000 in 2; one apology, no money.
    let paid: Vec<(&str, usize, Money)> = report
        .compensation
        .iter()
        .map(|p| (p.kind.as_str(), p.payments, p.amount))
        .collect();
    assert_eq!(
        paid,
        [
            ("apology", 1, Money::ZERO),
            ("refund", 2, Money::from_yuan(2000))
        ]
    );
    // Outstanding at 11-30: 美家地板 300 − 0; 金牌瓷砖 1200 − 500 = 700 (M1 was not advanced).
    let owed: Vec<(&str, usize, Money)> = report
        .advances
        .iter()
        .map(|r| (r.merchant.as_str(), r.complaints, r.outstanding))
        .collect();
    assert_eq!(
        owed,
        [
            ("美家地板", 1, Money::from_yuan(300)),
            ("金牌瓷砖", 1, Money::from_yuan(700))
        ]
    );
    // By merchant: 金牌瓷砖 2 in November, 美家地板 1 in October.
    let groups: Vec<(&str, usize, usize, i64)> = report
        .groups
        .iter()
        .map(|g| (g.code.as_str(), g.received, g.previous, g.growth))
        .collect();
    assert_eq!(groups, [("金牌瓷砖", 2, 0, 2), ("美家地板", 0, 1, -1)]);
    assert_eq!(report.hot_spots.len(), 1);
    // Clocks: merchant_pay (M2) met late; return_visit (M1) met in 2 wd; the followup's 4.
    let clock = |id: &str| report.clocks.iter().find(|c| c.clock.code == id).unwrap();
    assert_eq!(
        (clock("merchant_pay").met, clock("merchant_pay").met_late),
        (0, 1)
    );
    assert_eq!(
        (clock("return_visit").met, clock("return_visit").median),
        (1, Some(2.0))
    );
    assert_eq!(report.satisfaction.mean, Some(4.0));
}

#[test]
fn html_escapes_the_rulebooks_names() {
    let (_dir, book) = book("enterprise");
    // A category named like a script, as a careless rulebook might.
    let path = book.root().join("rulebook.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("商品质量问题", "<script>alert(1)</script>");
    std::fs::write(&path, text).unwrap();
    let book = Book::open(book.root()).unwrap();
    receive(
        &book,
        "2026-11-02T09:00:00+08:00",
        json!({"description": "<b>坏了</b> & \"碎了\""}),
    );
    let report = report::build(
        &everything(&book),
        book.rulebook(),
        &november(By::Category, false),
    );
    let page = report::html(&report);
    assert!(!page.contains("<script>"), "no live script");
    assert!(page.contains("CQ01 &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<html lang=\"zh-CN\">"));
    // Self-contained: nothing is fetched.
    for outside in ["http://", "https://", "<link", "<script", "src="] {
        assert!(!page.contains(outside), "{outside}");
    }
    assert_eq!(page.matches("<svg").count(), 3, "three charts");
}

/// S3 (`workflow`): `resolve` runs from `received` to `close`, 10 wd (general) but 24 h for
/// urgent-major cases. Every instance is measured in the clock's base unit, working days, so
/// the urgent case is not left out:
/// * A, general: received Mon 11-02 10:00, closed Thu 11-05 15:00 → Tue 3, Wed 4, Thu 5 = 3 wd
///   (limit 10 wd: met);
/// * B, urgent-major (personal_safety): received Tue 11-03 09:00, closed Wed 11-04 08:00 →
///   Wed 4 = 1 wd (23 h against its 24 h: met).
///
/// Sorted [1, 3]: median at rank ⌈50·2/100⌉ = 1 → 1; p90 at rank ⌈90·2/100⌉ = 2 → 3.
#[test]
fn a_clock_with_limits_in_other_units_measures_every_case_in_its_own_unit() {
    let (_dir, book) = book("workflow");
    let s3 = json!({"category": "product", "happened": "昨天", "place": "门店"});
    let a = receive(&book, "2026-11-02T10:00:00+08:00", s3.clone());
    ack(&book, &a, "2026-11-02T11:00:00+08:00");
    close(&book, &a, "2026-11-05T15:00:00+08:00", None);
    let mut urgent = s3;
    urgent["flags"] = json!(["personal_safety"]);
    let b = receive(&book, "2026-11-03T09:00:00+08:00", urgent);
    ack(&book, &b, "2026-11-03T09:30:00+08:00");
    close(&book, &b, "2026-11-04T08:00:00+08:00", None);

    let report = report::build(
        &everything(&book),
        book.rulebook(),
        &november(By::Category, false),
    );
    let resolve = report
        .clocks
        .iter()
        .find(|c| c.clock.code == "resolve")
        .expect("the resolve clock");
    assert_eq!(resolve.unit, complaint::duration::Unit::WorkingDays);
    assert_eq!((resolve.met, resolve.met_late, resolve.breached), (2, 0, 0));
    assert_eq!((resolve.median, resolve.p90), (Some(1.0), Some(3.0)));
}

/// S3's review of hot spots by product model: `--group-by subject` groups by `subject.name`.
/// November: 手机 X1 twice, 耳机 once; October (the previous period): 耳机 once. So 手机 X1
/// grew by 2 and 耳机 by 0: only 手机 X1 is a hot spot.
#[test]
fn hot_spots_by_what_is_complained_about() {
    let (_dir, book) = book("enterprise");
    let about = |name: &str| json!({"subject": {"kind": "product", "name": name}});
    receive(&book, "2026-10-20T10:00:00+08:00", about("耳机"));
    receive(&book, "2026-11-03T10:00:00+08:00", about("手机 X1"));
    receive(&book, "2026-11-04T10:00:00+08:00", about("耳机"));
    receive(&book, "2026-11-05T10:00:00+08:00", about("手机 X1"));
    let report = report::build(
        &everything(&book),
        book.rulebook(),
        &november(By::Subject, false),
    );
    let groups: Vec<(&str, usize, usize, i64)> = report
        .groups
        .iter()
        .map(|g| (g.code.as_str(), g.received, g.previous, g.growth))
        .collect();
    assert_eq!(groups, [("手机 X1", 2, 0, 2), ("耳机", 1, 1, 0)]);
    let hot: Vec<&str> = report.hot_spots.iter().map(|g| g.code.as_str()).collect();
    assert_eq!(hot, ["手机 X1"]);
}

/// A month in progress: on Thu 2026-11-05 the November report covers 11-01 to 11-05 and is
/// compared with the 5 days before (10-27 to 10-31), not with 30. CQ02: 11-03 now; 10-28 before
/// (10-10 is outside those 5 days): growth 0, so no hot spot; against the whole of October it
/// would have been −1.
#[test]
fn a_month_in_progress_is_compared_with_as_many_days_before_it() {
    let (_dir, book) = book("enterprise");
    for day in ["2026-10-10", "2026-10-28", "2026-11-03"] {
        receive(
            &book,
            &format!("{day}T10:00:00+08:00"),
            json!({"category": "CQ02"}),
        );
    }
    let options = Options {
        now: t("2026-11-05T18:00:00+08:00"),
        ..november(By::Category, false)
    };
    let report = report::build(&everything(&book), book.rulebook(), &options);
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        (report.period.from, report.period.to),
        (day("2026-11-01"), day("2026-11-05"))
    );
    assert_eq!(
        (report.previous.from, report.previous.to),
        (day("2026-10-27"), day("2026-10-31"))
    );
    let cq02 = report.groups.iter().find(|g| g.code == "CQ02").unwrap();
    assert_eq!((cq02.received, cq02.previous, cq02.growth), (1, 1, 0));
    assert!(report.hot_spots.is_empty());
}
