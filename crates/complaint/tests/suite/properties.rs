//! Property tests of the library against hostile text (issue: hostile text).
//!
//! 1. No parser panics or hangs, whatever it is given: intake documents, records (alone, in a
//!    merge, and as a file of a book), rulebooks, column mappings, CSV files, durations,
//!    amounts of money, holiday notices, .ics files, calendar files, times. Inputs mix
//!    arbitrary Unicode, YAML's special words and marks, control characters, deep nesting, and
//!    valid documents from `rules/` and `fixtures/` with text inserted, deleted, replaced and
//!    repeated at character boundaries. Every error must render as the command line renders
//!    it, and underline whole characters of its file.
//! 2. A YAML alias bomb ("billion laughs") is refused or read in bounded time.
//! 3. A complaint registered with arbitrary text reads back exactly (`new` → `show --format
//!    json`).
//! 4. Money and durations read back what they print; money arithmetic does not panic.
//!
//! The bugs these properties found (fixed in 3d1d995) are kept as regression properties of
//! their own, each with the minimal input it failed on: an empty key hung every YAML parser,
//! a wrong key at the end of a file panicked cutting a character in half, an underline split
//! a multi-byte space, a calendar's `covers: {to: 2147483647}` overflowed, and a span of days
//! off outside the covered years gave one problem per day.
//!
//! Each property runs 64 cases; `COMPLAINT_PROPTEST_CASES=5000 cargo test -p complaint --test
//! suite properties` runs more. Failures are not persisted (no `proptest-regressions/` file): the report of a
//! failing property prints its minimal input. The fuzz targets in `fuzz/` call the same parsers.

use std::collections::HashSet;
use std::fmt;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, OnceLock};
use std::time::Duration as Elapsed;

use chrono::{Days, NaiveDate};
use complaint::calendar::{self, Calendar};
use complaint::duration::{Duration, Unit};
use complaint::import::{self, Mapping};
use complaint::model::SubjectKind;
use complaint::notice::{parse_ics, parse_notice};
use complaint::{Book, Error, ErrorKind, Intake, Money, Rulebook, Source, Timestamp};
use miette::Diagnostic;
use proptest::prelude::*;
use proptest::sample::Index;

// -------------------------------------------------------------------------------------------
// Configuration and guards.

/// 64 cases, or `COMPLAINT_PROPTEST_CASES`.
fn config() -> ProptestConfig {
    let cases = std::env::var("COMPLAINT_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        // A failure is reported with its minimal input; nothing is written next to the tests.
        failure_persistence: None,
        max_shrink_time: 120_000,
        ..ProptestConfig::with_cases(cases)
    }
}

/// How long one parser call may take before it counts as hung: generous (a debug build on two
/// busy cores), since each input is at most a few kilobytes and parses in milliseconds.
const HUNG: Elapsed = Elapsed::from_secs(10);

/// Runs `f` on a thread of its own and returns what it returns; a panic in it is re-raised
/// here, and a call that does not return within [`HUNG`] fails the case (the thread is left
/// behind).
fn returns<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(HUNG) {
        Ok(value) => {
            let _ = worker.join();
            value
        }
        Err(RecvTimeoutError::Timeout) => panic!("{what} did not return within {HUNG:?}"),
        Err(RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the worker sends before it ends"),
        },
    }
}

/// What is wrong with an error a parser returned: it must render as the command line renders
/// it (miette's graphical report), and (for parsers that read no files) it must not be an I/O
/// failure or an internal error, which would say "this is a bug".
fn bad_error(err: &Error, reads_files: bool) -> Option<String> {
    let _ = err.to_string();
    let Some(rendered) = render(err) else {
        return Some(format!("the error does not render: {err:?}"));
    };
    if !reads_files && err.kind() == ErrorKind::Failure {
        return Some(format!(
            "a parser failed with a failure, not a refusal: {rendered}"
        ));
    }
    None
}

/// The error as the command line shows it; `None` if it cannot be rendered.
fn render(err: &Error) -> Option<String> {
    let mut rendered = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    handler.render_report(&mut rendered, err).ok()?;
    Some(rendered)
}

/// A span of an error that does not underline whole characters of its file, if there is one.
fn misplaced_underline(err: &Error) -> Option<String> {
    let related = err.related().into_iter().flatten();
    for diagnostic in std::iter::once(err as &dyn Diagnostic).chain(related) {
        let (Some(code), Some(labels)) = (diagnostic.source_code(), diagnostic.labels()) else {
            continue;
        };
        for label in labels {
            // miette reads from the span's start to its end (one byte at least): both ends
            // must fall between characters.
            let (start, end) = (label.offset(), label.offset() + label.len());
            let whole =
                |from: usize, to: usize| match code.read_span(&(from, to - from).into(), 0, 0) {
                    Ok(span) => std::str::from_utf8(span.data()).is_ok(),
                    Err(_) => false,
                };
            let fits = if start == end {
                start == 0 || whole(0, start)
            } else {
                whole(start, end)
            };
            if !fits {
                return Some(format!(
                    "the error underlines bytes {start}..{end}, which are not whole characters of its file:\n{}",
                    render(err).unwrap_or_default()
                ));
            }
        }
    }
    None
}

/// [`bad_error`] of a result, if it is an error.
fn bad_result<T>(result: &Result<T, Error>, reads_files: bool) -> Option<String> {
    result
        .as_ref()
        .err()
        .and_then(|e| bad_error(e, reads_files))
}

fn t(text: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(text).unwrap()
}

fn now() -> Timestamp {
    t("2026-10-01T09:00:00+08:00")
}

const ZONES: [chrono_tz::Tz; 4] = [
    chrono_tz::Asia::Shanghai,
    chrono_tz::Europe::London,
    chrono_tz::America::New_York,
    chrono_tz::UTC,
];

// -------------------------------------------------------------------------------------------
// Hostile text.

/// Words and marks that mean something to YAML (or to the other formats read here).
#[rustfmt::skip]
const SPECIAL: &[&str] = &[
    // YAML 1.1 and 1.2 scalars that are not strings.
    "yes", "no", "on", "off", "y", "~", "null", "Null", "true", "0123", "0o17", "0x1F", "1e3",
    "1_000", ".inf", "-.nan", "+1",
    // Indicators, tags, anchors, merge keys, directives, document markers, empty keys.
    "- ", "-", ": ", ":", "? ", "&a ", "*a", "&a *a", "!!binary ", "!!str ", "!!map ", "!tag ",
    "<<: ", "<<: *a", "---\n", "...\n", "%YAML 1.2\n", "%TAG ! x\n", "#", " #", "\"\": ", "'': ",
    "\"", "'", "\\", "\\u", "|", "|-\n", ">+\n", "{", "}", "[", "]", ",", "@", "`", "%",
    // Whitespace and line breaks, YAML's and Unicode's; a byte-order mark; control characters.
    "\t", "\n", "\r\n", "\r", "  ", "    ", " ", "\u{feff}", "\u{85}", "\u{2028}", "\u{3000}",
    "\u{0}", "\u{1b}", "\u{7f}", "\u{fffe}",
    // Words of the documents read here.
    "key", "x", "张三", "：", "，", "。", "、", "😀", "é", "2026-09-30",
    "2026-09-30T10:00:00+08:00", "10:00", "500.00", "¥", "元", "3wd", "8bh",
    "BEGIN:VCALENDAR\n", "BEGIN:VEVENT\n", "END:VEVENT\n", "DTSTART:20261001\n",
    "SUMMARY:国庆节\n", "放假", "上班", "补休", "至", "1月1日", "12月31日", "共3天", "（周六）",
    "2027年", "\"\"", ",,", "\"a,b\"",
];

/// Arbitrary text of a few kinds, each at most a few kilobytes.
fn hostile() -> impl Strategy<Value = String> {
    let fragments =
        prop::collection::vec(prop::sample::select(SPECIAL), 0..64).prop_map(|v| v.concat());
    let lines = prop::collection::vec(
        prop_oneof![
            prop::collection::vec(prop::sample::select(SPECIAL), 0..8).prop_map(|v| v.concat()),
            "\\PC{0,16}",
            "[ \\-:a-z0-9\"'\\[\\]{}&*!|>#,.\\x{feff}\\t]{0,24}",
        ],
        0..24,
    )
    .prop_map(|v| v.join("\n"));
    let control = "[\\x00-\\x1f\\x7f\\x{80}-\\x{9f}\\x{2028}\\x{2029}\\x{feff}\\x{fffe}\\x{ffff} a:\\-\\[{]{0,64}";
    // Deep nesting: flow collections and block sequences opened thousands of times, block
    // mappings indented hundreds of times.
    let flow = (
        prop::sample::select(&["[", "{a: ", "- ", "[{a: ", "{? "][..]),
        0usize..3000,
        prop::sample::select(&["", "x", "]", "}"][..]),
    )
        .prop_map(|(open, depth, close)| format!("{}{close}", open.repeat(depth)));
    let block = (0usize..300).prop_map(|depth| {
        (0..depth)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect::<String>()
    });
    prop_oneof![
        any::<String>(),
        "\\PC{0,200}",
        fragments,
        lines,
        control,
        flow,
        block,
    ]
}

/// A change made to a seed document: `removed` (the text at `at`) replaced by `inserted`.
#[derive(Clone)]
struct Applied {
    at: usize,
    removed: String,
    inserted: String,
}

impl fmt::Debug for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "at byte {}: {:?} → {:?}",
            self.at, self.removed, self.inserted
        )
    }
}

/// An edit before it is placed in a document (positions are fractions of its length).
#[derive(Debug, Clone)]
enum Edit {
    Insert(Index, String),
    Delete(Index, usize),
    Replace(Index, usize, String),
    /// The text at a place repeated a few times.
    Repeat(Index, usize, usize),
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(SPECIAL).prop_map(str::to_string),
        "\\PC{0,8}",
        any::<char>().prop_map(String::from),
        "[\\x00-\\x1f]",
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), piece()).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<Index>(), 1usize..64).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<Index>(), 1usize..16, piece()).prop_map(|(at, n, s)| Edit::Replace(at, n, s)),
        (any::<Index>(), 1usize..32, 2usize..6).prop_map(|(at, n, k)| Edit::Repeat(at, n, k)),
    ]
}

/// An edit that keeps the document's shape: a few letters or digits typed over or into it.
fn gentle_edit() -> impl Strategy<Value = Edit> {
    let typed = "[a-z0-9]{1,6}";
    prop_oneof![
        (any::<Index>(), typed).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<Index>(), 1usize..6, typed).prop_map(|(at, n, s)| Edit::Replace(at, n, s)),
    ]
}

/// Applies the edits at character boundaries; returns the text and what was done.
fn apply(seed: &str, edits: &[Edit]) -> (String, Vec<Applied>) {
    let mut text = seed.to_string();
    let mut done = Vec::new();
    for edit in edits {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let place = |at: &Index, n: usize| {
            let k = at.index(bounds.len());
            (bounds[k], bounds[(k + n).min(bounds.len() - 1)])
        };
        let (start, end, inserted) = match edit {
            Edit::Insert(at, s) => {
                let (start, _) = place(at, 0);
                (start, start, s.clone())
            }
            Edit::Delete(at, n) => {
                let (start, end) = place(at, *n);
                (start, end, String::new())
            }
            Edit::Replace(at, n, s) => {
                let (start, end) = place(at, *n);
                (start, end, s.clone())
            }
            Edit::Repeat(at, n, k) => {
                let (start, end) = place(at, *n);
                (start, end, text[start..end].repeat(*k))
            }
        };
        done.push(Applied {
            at: start,
            removed: text[start..end].to_string(),
            inserted: inserted.clone(),
        });
        text.replace_range(start..end, &inserted);
    }
    (text, done)
}

/// One input: hostile text, or a seed document with edits.
#[derive(Clone)]
struct Doc {
    origin: String,
    edits: Vec<Applied>,
    text: String,
}

impl fmt::Debug for Doc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Doc");
        s.field("origin", &self.origin);
        if !self.edits.is_empty() {
            s.field("edits", &self.edits);
        }
        if self.text.len() <= 1500 {
            s.field("text", &self.text);
        } else {
            s.field(
                "text",
                &format_args!("<{} bytes: the seed with the edits>", self.text.len()),
            );
        }
        s.finish()
    }
}

/// Hostile text, or one of `seeds` (name, text) changed by an edit or two (gentle ones mostly
/// leave a document that parses, and reaches the checks after parsing) or by several.
fn input(seeds: Vec<(String, String)>) -> impl Strategy<Value = Doc> {
    let raw = hostile().prop_map(|text| Doc {
        origin: "hostile text".into(),
        edits: Vec::new(),
        text,
    });
    let mutated = |edit: BoxedStrategy<Edit>, edits: std::ops::Range<usize>| {
        (
            prop::sample::select(seeds.clone()),
            prop::collection::vec(edit, edits),
        )
            .prop_map(|((name, seed), edits)| {
                let (text, edits) = apply(&seed, &edits);
                Doc {
                    origin: name,
                    edits,
                    text,
                }
            })
    };
    prop_oneof![
        1 => raw,
        1 => mutated(gentle_edit().boxed(), 1..3),
        1 => mutated(edit().boxed(), 1..3),
        1 => mutated(edit().boxed(), 3..9),
    ]
}

/// A seed document, shown by its name.
#[derive(Clone)]
struct Seed(String, String);

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One of `list`, shown by name.
fn seed(list: Vec<(String, String)>) -> impl Strategy<Value = Seed> {
    prop::sample::select(list).prop_map(|(name, text)| Seed(name, text))
}

fn seeds(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect()
}

// -------------------------------------------------------------------------------------------
// Seeds: valid (and a few broken) documents of each kind.

const INTAKE_JSON: &str = r#"{
    "channel": "hotline", "category": "CQ01",
    "customer": {"name": "张三", "phone": "13812345678"},
    "subject": {"kind": "product", "name": "手机", "order": "O-1001"},
    "description": "收到的手机屏幕碎裂", "demand": "退货并赔偿"
}"#;

const INTAKE_YAML: &str = "\
channel: hotline
category: CQ01
customer:
  name: 张三
  phone: \"13812345678\"
  account: A-1
  email: zhang3@example.com
  address: 上海市浦东新区
subject:
  kind: product
  name: 手机
  order: O-1001
merchant: 某旗舰店
happened: 上周五下午
place: 门店
known_at: 2026-09-28
description: |
  收到的手机屏幕碎裂
  第二行
demand: 退货并赔偿
evidence: [a.jpg, b.png]
price: \"3999.00\"
claimed: \"500\"
flags: [safety]
source: hotline:HL-0001
received_at: 2026-09-30T10:00:00+08:00
";

const RECORDS: [(&str, &str); 4] = [
    (
        "fixtures/demo/records/2026/11/C-20261110-5AWX5K.yaml",
        include_str!("../../../../fixtures/demo/records/2026/11/C-20261110-5AWX5K.yaml"),
    ),
    (
        "fixtures/demo/records/2026/11/C-20261120-M5QZJ8.yaml",
        include_str!("../../../../fixtures/demo/records/2026/11/C-20261120-M5QZJ8.yaml"),
    ),
    (
        "fixtures/demo/records/2026/11/C-20261124-76B65K.yaml",
        include_str!("../../../../fixtures/demo/records/2026/11/C-20261124-76B65K.yaml"),
    ),
    (
        "fixtures/demo/records/2026/11/C-20261126-CRCV90.yaml",
        include_str!("../../../../fixtures/demo/records/2026/11/C-20261126-CRCV90.yaml"),
    ),
];

fn rulebooks() -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = complaint::rulebook::shipped()
        .iter()
        .map(|s| (format!("rules/{}.yaml", s.name), s.text.to_string()))
        .collect();
    list.extend(seeds(&[
        (
            "fixtures/rulebooks/extendable.yaml",
            include_str!("../../../../fixtures/rulebooks/extendable.yaml"),
        ),
        (
            "fixtures/rulebooks/broken/many.yaml",
            include_str!("../../../../fixtures/rulebooks/broken/many.yaml"),
        ),
        (
            "fixtures/rulebooks/broken/syntax.yaml",
            include_str!("../../../../fixtures/rulebooks/broken/syntax.yaml"),
        ),
    ]));
    list
}

/// The column mapping of `tests/testsuite/import.rs`.
const MAPPING: &str = include_str!("../../../../fixtures/import/hotline.yaml");

const CSV_HEADER: &str = "工单号,来电时间,客户姓名,联系电话,问题类型,对象,商品,投诉内容,诉求";

/// The good and bad files of `tests/testsuite/import.rs`.
const CSV_GOOD: &str = "\
\u{feff}工单号,来电时间,客户姓名,联系电话,问题类型,对象,商品,投诉内容,诉求
HL-0001,2026/09/30 10:00,张三,13812345678,产品质量,product,手机,屏幕碎裂,退货
HL-0002,2026-09-30 10:30,李四,13700002222,物流,service,配送,\"快递延误, 五天\",道歉并退运费
";

const CSV_BAD: &str = "\
工单号,来电时间,客户姓名,联系电话,问题类型,对象,商品,投诉内容,诉求
HL-0001,2026/09/30 10:00,张三,13812345678,产品质量,product,手机,屏幕碎裂,退货
HL-0002,2026-09-31 10:00,李四,,质量,product,耳机,没有声音,换货
HL-0001,2026-09-30 11:00,王五,13900001111,物流,service,配送,快递延误,道歉
HL-0004,2026-09-30 12:00,赵六,138****5678,物流,thing,配送,,退运费
";

/// A file as `complaint export --reveal` writes it (imported without a mapping).
const CSV_EXPORT: &str = "\
id,received_at,channel,category,customer_name,customer_phone,customer_account,customer_email,customer_address,subject_kind,subject_name,order,merchant,happened,place,known_at,description,demand,evidence,price,claimed,flags
C-20260930-7KQX2M,2026-09-30T10:00:00+08:00,hotline,CQ01,张三,13812345678,,,,product,手机,O-1001,,,,2026-09-28,'=屏幕碎裂,退货,a.jpg; b.png,3999.00,500,
";

const NOTICES: [(&str, &str); 4] = [
    (
        "fixtures/notices/cn-2026.txt",
        include_str!("../../../../fixtures/notices/cn-2026.txt"),
    ),
    (
        "fixtures/notices/cn-2008.txt",
        include_str!("../../../../fixtures/notices/cn-2008.txt"),
    ),
    (
        "fixtures/notices/cn-2015.txt",
        include_str!("../../../../fixtures/notices/cn-2015.txt"),
    ),
    (
        "fixtures/notices/hypothetical-2027.txt",
        include_str!("../../../../fixtures/notices/hypothetical-2027.txt"),
    ),
];

const ICS: [(&str, &str); 3] = [
    (
        "fixtures/notices/cn-2026.ics",
        include_str!("../../../../fixtures/notices/cn-2026.ics"),
    ),
    (
        "fixtures/notices/gb-eaw-2027.ics",
        include_str!("../../../../fixtures/notices/gb-eaw-2027.ics"),
    ),
    (
        "fixtures/notices/hypothetical-2027.ics",
        include_str!("../../../../fixtures/notices/hypothetical-2027.ics"),
    ),
];

/// A small calendar file, and the shipped ones.
const SMALL_CALENDAR: &str = "\
calendar: test
name: 测试日历
weekend: [saturday, sunday]
covers: {from: 2026, to: 2026}
provisional: cn-statutory
holidays:
  - {name: 国庆节, from: 2026-10-01, to: 2026-10-07}
  - {name: 元旦, from: 2026-01-01}
makeup_workdays:
  - {date: 2026-10-10, for: 国庆节}
";

fn calendars() -> Vec<(String, String)> {
    let mut list = vec![("a small calendar".to_string(), SMALL_CALENDAR.to_string())];
    list.extend(
        calendar::shipped()
            .iter()
            .map(|(name, text)| (format!("rules/calendars/{name}.yaml"), text.to_string())),
    );
    list
}

const TIMES: &[(&str, &str)] = &[
    ("time", "2026-09-30 10:00"),
    ("time", "2026/09/30 10:00:00"),
    ("time", "2026-09-30T10:00"),
    ("time", "2026-09-30T10:00:00+08:00"),
    ("time", "2026-09-30T02:00:00Z"),
    ("time", "2026-03-29 01:30"),
    ("time", "2026-11-01 01:30"),
    ("time", "2026-09-30"),
];

const DURATIONS: &[(&str, &str)] = &[
    ("duration", "2h"),
    ("duration", "30m"),
    ("duration", "30min"),
    ("duration", "7d"),
    ("duration", "3wd"),
    ("duration", "8bh"),
    ("duration", "4294967295m"),
];

const AMOUNTS: &[(&str, &str)] = &[
    ("money", "500"),
    ("money", "500.5"),
    ("money", "¥1,234.50"),
    ("money", "￥500"),
    ("money", "650元"),
    ("money", "92233720368547758.07"),
    ("money", "0.01"),
];

// -------------------------------------------------------------------------------------------
// Fixtures shared by the cases of one property.

fn enterprise() -> &'static Rulebook {
    static RULEBOOK: OnceLock<Rulebook> = OnceLock::new();
    RULEBOOK.get_or_init(|| Rulebook::load_shipped("enterprise").unwrap())
}

fn hotline() -> &'static Mapping {
    static MAPPING_PARSED: OnceLock<Mapping> = OnceLock::new();
    MAPPING_PARSED.get_or_init(|| Mapping::parse(&Source::new("hotline.yaml", MAPPING)).unwrap())
}

fn cn() -> &'static Calendar {
    static CN: OnceLock<Calendar> = OnceLock::new();
    CN.get_or_init(|| Calendar::load("cn", None, chrono_tz::Asia::Shanghai).unwrap())
}

/// A new book (enterprise rulebook, no git) in a temporary folder.
fn new_book() -> (tempfile::TempDir, Arc<Book>) {
    let dir = tempfile::tempdir().unwrap();
    let shipped = complaint::rulebook::shipped()[0];
    let book = Book::init(
        &dir.path().join("book"),
        &Source::new("rulebook.yaml", shipped.text),
        false,
    )
    .unwrap();
    (dir, Arc::new(book))
}

fn intake(name: &str, subject: &str, description: &str, demand: &str) -> Intake {
    let mut intake = Intake::default();
    let facts = &mut intake.facts;
    facts.channel = Some("hotline".into());
    facts.category = Some("CQ01".into());
    facts.customer.name = Some(name.into());
    facts.customer.phone = Some("13812345678".into());
    facts.subject.kind = Some(SubjectKind::Product);
    facts.subject.name = Some(subject.into());
    facts.description = Some(description.into());
    facts.demand = Some(demand.into());
    intake
}

// -------------------------------------------------------------------------------------------
// 1. No parser panics or hangs.

/// The YAML parsers, each as the library calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Yaml {
    Intake,
    Record,
    Rulebook,
    Mapping,
    Calendar,
}

const YAML_PARSERS: [Yaml; 5] = [
    Yaml::Intake,
    Yaml::Record,
    Yaml::Rulebook,
    Yaml::Mapping,
    Yaml::Calendar,
];

impl Yaml {
    fn parse(self, text: String) -> Option<Error> {
        let source = Source::new("file.yaml", text);
        match self {
            Yaml::Intake => complaint::parse_intake(&source).err(),
            // `merge_records` parses each side as the book parses records.
            Yaml::Record => complaint::merge::merge_records(None, &source, &source).err(),
            Yaml::Rulebook => Rulebook::load(source).err(),
            Yaml::Mapping => Mapping::parse(&source).err(),
            Yaml::Calendar => Calendar::from_file(&source, chrono_tz::Asia::Shanghai).err(),
        }
    }

    /// What is wrong with parsing `text`, if anything (a panic or a hang fails the case).
    fn check(self, text: String) -> Option<String> {
        // A rulebook may name a calendar file: reading it may fail as I/O.
        let reads_files = self == Yaml::Rulebook;
        returns(&format!("{self:?}"), move || {
            self.parse(text).and_then(|e| bad_error(&e, reads_files))
        })
    }

    fn seeds(self) -> Vec<(String, String)> {
        match self {
            Yaml::Intake => seeds(&[("intake.json", INTAKE_JSON), ("intake.yaml", INTAKE_YAML)]),
            Yaml::Record => seeds(&RECORDS),
            Yaml::Rulebook => rulebooks(),
            Yaml::Mapping => seeds(&[("hotline.yaml", MAPPING)]),
            Yaml::Calendar => calendars(),
        }
    }
}

fn every_yaml_seed() -> Vec<(String, String)> {
    YAML_PARSERS.iter().flat_map(|p| p.seeds()).collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_intake_parser_never_panics_or_hangs(doc in input(Yaml::Intake.seeds())) {
        let bad = Yaml::Intake.check(doc.text.clone());
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
    }

    #[test]
    fn the_record_parser_never_panics_or_hangs(doc in input(Yaml::Record.seeds())) {
        let bad = Yaml::Record.check(doc.text.clone());
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
    }

    #[test]
    fn the_record_merge_never_panics_or_hangs(
        ours in input(Yaml::Record.seeds()),
        theirs in input(Yaml::Record.seeds()),
    ) {
        let (a, b) = (ours.text.clone(), theirs.text.clone());
        let bad = returns("merge_records", move || {
            let (a, b) = (Source::new("ours.yaml", a), Source::new("theirs.yaml", b));
            let base = Source::new("base.yaml", RECORDS[0].1);
            bad_result(&complaint::merge::merge_records(Some(&base), &a, &b), false)
        });
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
    }

    #[test]
    fn the_rulebook_parser_never_panics_or_hangs(doc in input(Yaml::Rulebook.seeds())) {
        let bad = Yaml::Rulebook.check(doc.text.clone());
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
    }

    #[test]
    fn the_mapping_parser_never_panics_or_hangs(doc in input(Yaml::Mapping.seeds())) {
        let bad = Yaml::Mapping.check(doc.text.clone());
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
    }

    #[test]
    fn the_calendar_file_parser_never_panics_or_hangs(doc in input(Yaml::Calendar.seeds())) {
        let bad = Yaml::Calendar.check(doc.text.clone());
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
    }

    #[test]
    fn the_csv_importer_never_panics_or_hangs(
        doc in prop_oneof![
            input(seeds(&[("good.csv", CSV_GOOD), ("bad.csv", CSV_BAD), ("export.csv", CSV_EXPORT)])),
            hostile().prop_map(|body| Doc {
                origin: "the hotline header and hostile rows".into(),
                edits: Vec::new(),
                text: format!("{CSV_HEADER}\n{body}"),
            }),
        ],
        known in prop::sample::select(vec![vec![], vec!["hotline:HL-0001".to_string()]]),
    ) {
        let text = doc.text.clone();
        let bad = returns("import::read", move || {
            let csv = Source::new("in.csv", text);
            let known: HashSet<String> = known.into_iter().collect();
            [hotline().clone(), Mapping::export()].iter().find_map(|mapping| {
                bad_result(&import::read(&csv, mapping, enterprise(), now(), &known), false)
            })
        });
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
    }

    #[test]
    fn the_duration_parser_never_panics_or_hangs(doc in input(seeds(DURATIONS))) {
        let text = doc.text.clone();
        returns("Duration::from_str", move || {
            let _ = text.parse::<Duration>();
        });
    }

    #[test]
    fn the_money_parser_never_panics_or_hangs(doc in input(seeds(AMOUNTS))) {
        let text = doc.text.clone();
        returns("Money::from_str", move || {
            let _ = text.parse::<Money>().map_err(|e| e.to_string());
        });
    }

    #[test]
    fn the_notice_parser_never_panics_or_hangs(
        doc in input(seeds(&NOTICES)),
        year in prop_oneof![Just(None), (2000..2030).prop_map(Some), any::<i32>().prop_map(Some)],
    ) {
        let text = doc.text.clone();
        let bad = returns("parse_notice", move || {
            bad_result(&parse_notice(&Source::new("notice.txt", text), year), false)
        });
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
    }

    #[test]
    fn the_ics_parser_never_panics_or_hangs(doc in input(seeds(&ICS))) {
        let text = doc.text.clone();
        let bad = returns("parse_ics", move || {
            bad_result(&parse_ics(&Source::new("holidays.ics", text)), false)
        });
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
    }

    #[test]
    fn the_time_parser_never_panics_or_hangs(
        doc in input(seeds(TIMES)),
        zone in prop::sample::select(&ZONES[..]),
    ) {
        let text = doc.text.clone();
        returns("parse_time", move || calendar::parse_time(&text, zone));
    }
}

/// Records are read by `Book::load`: a record's file overwritten with hostile text loads or
/// is refused, and never brings the book down.
#[test]
fn the_book_never_panics_or_hangs_on_a_hostile_record_file() {
    let (_dir, book) = new_book();
    let created = book
        .create(intake("张三", "手机", "屏幕碎裂", "退货"), "王芳", now())
        .unwrap();
    let id = created.id.clone();
    let path = book.root().join(book.record_path(&id));
    let own = std::fs::read_to_string(&path).unwrap();
    // The demo records under this record's ID, so that their file name matches.
    let mut list = vec![("the record just created".to_string(), own)];
    list.extend(RECORDS.iter().map(|(name, text)| {
        let demo_id = text.lines().next().unwrap().trim_start_matches("id: ");
        (name.to_string(), text.replace(demo_id, id.as_str()))
    }));
    proptest!(config(), |(doc in input(list.clone()))| {
        std::fs::write(&path, &doc.text).unwrap();
        let (book, id) = (Arc::clone(&book), id.clone());
        let bad = returns("Book::load", move || bad_result(&book.load(&id), false));
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
    });
}

/// Properties whose failures hang fail fast: each failing case that hangs takes [`HUNG`] and
/// leaves a thread spinning, so they shrink little (or not at all).
fn few_shrinks(iterations: u32) -> ProptestConfig {
    ProptestConfig {
        max_shrink_iters: iterations,
        ..config()
    }
}

proptest! {
    #![proptest_config(few_shrinks(0))]

    /// Regression: `"": x` (or any key that is the empty string) made every YAML parser loop
    /// forever: the error names the unknown field ``, and `yaml::find_key` searched for the
    /// empty string without moving on. Minimal input: `"": x`.
    #[test]
    fn an_empty_key_is_refused_not_looped_on(
        parser in prop::sample::select(&YAML_PARSERS[..]),
        seed in seed(every_yaml_seed()),
        key in prop::sample::select(vec!["\"\": x", "'': x", "!!str : x", "? |\n: x", "{\"\": 1}"]),
    ) {
        let text = format!("{}\n{key}\n", seed.1);
        let bad = parser.check(text);
        prop_assert!(bad.is_none(), "{parser:?} on {seed:?} + {key:?}: {}", bad.unwrap_or_default());
    }
}

proptest! {
    #![proptest_config(few_shrinks(64))]

    /// Regression: a wrong key whose nested block ends the file without a line break, on a
    /// multi-byte character, panicked in `yaml::blank_entry` (`text[keep..end]`, byte index
    /// not a char boundary: the line break after the key's own line was skipped uncounted).
    /// Minimal input: `Rulebook::load` of `a:\n  张`; an intake reached it too (`r:\n \u{fffd}`,
    /// found by the `intake` fuzz target).
    #[test]
    fn a_wrong_key_at_the_end_of_a_file_is_reported(
        parser in prop::sample::select(&YAML_PARSERS[..]),
        seed in seed(every_yaml_seed()),
        key in "[a-z]{1,8}",
        value in "\\PC{0,12}[^\\x00-\\x7f]",
        crlf in any::<bool>(),
    ) {
        let text = format!("{}\nzz{key}:\n  {value}", seed.1);
        let text = if crlf { text.replace('\n', "\r\n") } else { text };
        let bad = parser.check(text);
        prop_assert!(bad.is_none(), "{parser:?} on {seed:?} + zz{key}: {value:?}: {}", bad.unwrap_or_default());
    }
}

/// A calendar file of a few lines: `covers` years, the law for later years or none, and one
/// span of days off.
fn small_calendar(covers: (i32, i32), provisional: bool, span: (NaiveDate, NaiveDate)) -> String {
    let law = if provisional {
        "provisional: cn-statutory\n"
    } else {
        ""
    };
    format!(
        "calendar: t\nname: t\nweekend: [saturday, sunday]\ncovers: {{from: {}, to: {}}}\n{law}holidays:\n  - {{name: x, from: {}, to: {}}}\n",
        covers.0, covers.1, span.0, span.1
    )
}

/// A span of days off between the years 1 and 9999, of up to two centuries.
fn span() -> impl Strategy<Value = (NaiveDate, NaiveDate)> {
    (1i32..=9999, 1u32..=365, 0u64..73_000).prop_map(|(year, day, length)| {
        let from = NaiveDate::from_yo_opt(year, day).unwrap();
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        (
            from,
            from.checked_add_days(Days::new(length))
                .unwrap_or(last)
                .min(last),
        )
    })
}

/// How many problems an error lists.
fn problems(err: &Error) -> usize {
    err.related().map_or(1, |related| related.count())
}

proptest! {
    #![proptest_config(few_shrinks(64))]

    /// Regression: `covers: {…, to: 2147483647}` with `provisional:` panicked with `attempt
    /// to add with overflow` in `Calendar::set_provisional`, and a `to` far before 2000 made
    /// it allocate a slot for every year up to 2099 (-2000000000: 64 GB). The same years in a
    /// supplement file (`calendar.cn.yaml`, official schedules added to a shipped calendar).
    #[test]
    fn a_calendar_files_years_are_read_or_refused(
        from in any::<i32>(),
        to in prop_oneof![1890i32..2210, Just(i32::MAX - 1), Just(i32::MAX), any::<i32>()],
        provisional in any::<bool>(),
        span in span(),
    ) {
        let text = small_calendar((from, to), provisional, span);
        let bad = Yaml::Calendar.check(text.clone());
        prop_assert!(bad.is_none(), "{text}\n{}", bad.unwrap_or_default());
        let supplement = small_calendar((2027, to), provisional, span).replace("calendar: t", "calendar: cn");
        let shown = supplement.clone();
        let bad = returns("Calendar::with_supplement", move || {
            bad_result(&cn().with_supplement(&Source::new("calendar.cn.yaml", supplement)), false)
        });
        prop_assert!(bad.is_none(), "{shown}\n{}", bad.unwrap_or_default());
    }

    /// Regression: a span of days off outside the years a calendar covers gave one problem per
    /// day (0001-01-01 to 9999-12-31 in a file of 150 bytes: 3.6 million problems, 1.5 GB,
    /// 6 s). Minimal input: `covers: {from: 2026, to: 2026}` and a span of 51 days in the year 1.
    /// The same holds for the days off a rulebook adds to its calendar.
    #[test]
    fn a_span_outside_the_covered_years_is_one_problem(
        span in span(),
        in_rulebook in any::<bool>(),
    ) {
        let text = if in_rulebook {
            let enterprise = complaint::rulebook::shipped()[0].text;
            let text = enterprise.replace(
                "\ncalendar:\n",
                &format!("\ncalendar:\n  holidays: [{{name: x, from: {}, to: {}}}]\n", span.0, span.1),
            );
            prop_assert_ne!(&text, enterprise, "the enterprise rulebook has no `calendar:` line");
            text
        } else {
            small_calendar((2026, 2026), false, span)
        };
        let parser = if in_rulebook { Yaml::Rulebook } else { Yaml::Calendar };
        let shown = text.clone();
        let listed = returns("parsing", move || parser.parse(text).map_or(0, |e| problems(&e)));
        // The other readers list at most 50 problems (`yaml::parse_reporting_all`, the notice
        // reader); a file of a few lines has no more than that to say.
        let most = 50;
        prop_assert!(listed <= most, "{parser:?}: {listed} problems for a span {} to {} in\n{shown}", span.0, span.1);
    }
}

/// The parsers whose errors point into their file.
#[derive(Debug, Clone, Copy)]
enum Located {
    Yaml(Yaml),
    Csv,
    Notice,
    Ics,
}

impl Located {
    fn error(self, text: String) -> Option<Error> {
        let source = || Source::new("file", text.clone());
        match self {
            Located::Yaml(parser) => parser.parse(text),
            Located::Csv => {
                import::read(&source(), hotline(), enterprise(), now(), &HashSet::new()).err()
            }
            Located::Notice => parse_notice(&source(), Some(2026)).err(),
            Located::Ics => parse_ics(&source()).err(),
        }
    }
}

fn every_seed() -> Vec<(String, String)> {
    let mut list = every_yaml_seed();
    list.extend(seeds(&[("good.csv", CSV_GOOD), ("bad.csv", CSV_BAD)]));
    list.extend(seeds(&NOTICES));
    list.extend(seeds(&ICS));
    list
}

proptest! {
    #![proptest_config(config())]

    /// An error underlines whole characters of its file: what the terminal shows under the
    /// caret is what the file says. (Regression: `Source::scalar_len` underlined 1 byte of a
    /// multi-byte space that `trim_end` removes; minimal input: `parse_intake` of
    /// `\u{85}\nyes`, bytes 0..1 of the 2-byte U+0085.)
    #[test]
    fn every_error_underlines_whole_characters(
        parser in prop::sample::select(vec![
            Located::Yaml(Yaml::Intake), Located::Yaml(Yaml::Record),
            Located::Yaml(Yaml::Rulebook), Located::Yaml(Yaml::Mapping),
            Located::Yaml(Yaml::Calendar), Located::Csv, Located::Notice, Located::Ics,
        ]),
        doc in prop_oneof![
            input(every_seed()),
            // Whitespace of several bytes where an error is reported.
            (
                prop::sample::select(vec!["\u{85}", "\u{a0}", "\u{2028}", "\u{3000}"]),
                prop::sample::select(vec![",,", "\nyes", "]", " #x", "\n- x", ""]),
            )
                .prop_map(|(space, rest)| Doc {
                    origin: "a multi-byte space".into(),
                    edits: Vec::new(),
                    text: format!("{space}{rest}"),
                }),
        ],
    ) {
        let text = doc.text.clone();
        let bad = returns("a parser", move || {
            parser.error(text).and_then(|e| misplaced_underline(&e))
        });
        prop_assert!(bad.is_none(), "{parser:?}: {}", bad.unwrap_or_default());
    }
}

// -------------------------------------------------------------------------------------------
// 2. Alias bombs.

/// A "billion laughs" document: `depth` anchors, each a list of `width` aliases of the one
/// before, defined under `defs` and the last used under `uses`.
fn alias_bomb(width: usize, depth: usize, defs: &str, uses: &str) -> String {
    let mut text = format!("{defs}:\n");
    for level in 0..depth {
        let item = if level == 0 {
            "lol".to_string()
        } else {
            format!("*l{}", level - 1)
        };
        let items = vec![item; width].join(", ");
        text.push_str(&format!("  - &l{level} [{items}]\n"));
    }
    text.push_str(&format!("{uses}: *l{}\n", depth - 1));
    text
}

/// Bounded, not timed: exponential expansion would take minutes (or all the memory), while
/// serde-saphyr's alias budget stops a bomb after a million replayed events (about 0.4 s of
/// CPU in a debug build). The bound is generous, and counts the CPU time of the parsing thread
/// only, so a busy machine does not make it flaky.
const BOMB_BOUND: Elapsed = Elapsed::from_secs(5);

/// The CPU time the calling thread has used.
#[cfg(unix)]
fn thread_cpu_time() -> Elapsed {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for clock_gettime to write.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Elapsed::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Elsewhere, wall time since the first call (a coarser bound).
#[cfg(not(unix))]
fn thread_cpu_time() -> Elapsed {
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn an_alias_bomb_is_read_in_bounded_time(
        width in 2usize..=10,
        depth in 1usize..=9,
        (defs, uses) in prop::sample::select(vec![
            ("evidence", "flags"),
            ("evidence", "description"),
            ("zz", "evidence"),
            ("channels", "categories"),
            ("ladder", "channels"),
            ("holidays", "makeup_workdays"),
            ("history", "description"),
            ("columns", "values"),
            ("zz", "zy"),
        ]),
    ) {
        let text = alias_bomb(width, depth, defs, uses);
        for parser in YAML_PARSERS {
            let source = text.clone();
            let (bad, took) = returns(&format!("{parser:?}"), move || {
                let started = thread_cpu_time();
                let reads_files = parser == Yaml::Rulebook;
                let bad = parser.parse(source).and_then(|e| bad_error(&e, reads_files));
                (bad, thread_cpu_time() - started)
            });
            prop_assert!(took < BOMB_BOUND, "{parser:?} took {took:?} of CPU on\n{text}");
            prop_assert!(bad.is_none(), "{parser:?}: {}", bad.unwrap_or_default());
        }
    }
}

// -------------------------------------------------------------------------------------------
// 3. Round trip: `new` → `show --format json`.

/// Field values YAML could misread or a writer could mangle.
#[rustfmt::skip]
const FIELD_VALUES: &[&str] = &[
    "yes", "no", "~", "null", "0123", "1e3", "0x10", ".5", "true", "- x", "? x", ": x", "x: y",
    "&a *a", "!!binary aGk=", "@x", "`x", "%x", "#x", "x #y", "'", "\"", "|", ">", "[x]", "{x}",
    " leading", "trailing ", "a\n", "\n\nb", "multi\nline\n", "x\ty", "\tx", "x\r\ny", "x\ry",
    "\u{feff}x", "x\u{85}y", "x\u{2028}y", "x\u{0}y", "x\u{1b}[31my", "x\u{7f}", "\u{fffe}",
    "x\\ny", "---", "...", "2026-09-30", "12:30", "1_000", "+1", "张三", "😀",
];

/// Text a person (or another system) may type into a field: anything not blank.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{1,40}",
        prop::collection::vec(prop::sample::select(SPECIAL), 1..12).prop_map(|v| v.concat()),
        prop::sample::select(FIELD_VALUES).prop_map(str::to_string),
    ]
    .prop_filter("a required field is not blank", |s| !s.trim().is_empty())
}

/// Registers complaints in one book and reads each back.
#[test]
fn a_complaint_reads_back_exactly_what_was_registered() {
    let (_dir, book) = new_book();
    proptest!(config(), |(
        name in field_text(),
        subject in field_text(),
        description in field_text(),
        demand in field_text(),
    )| {
        let given = intake(&name, &subject, &description, &demand);
        let created = book.create(given.clone(), "王芳", now());
        prop_assert!(created.is_ok(), "new refused {given:?}: {:?}", created.err());
        let created = created.unwrap();
        let path = book.root().join(book.record_path(&created.id));
        let file = std::fs::read_to_string(&path).unwrap_or_default();
        let loaded = book.load(&created.id);
        prop_assert!(loaded.is_ok(), "show cannot read what new wrote:\n{file}\n{:?}", loaded.err());
        let loaded = loaded.unwrap().complaint;
        prop_assert_eq!(&loaded.facts, &given.facts, "the record as written:\n{}", file);
        let json = |c: &complaint::Complaint| serde_json::to_string(c).unwrap();
        prop_assert_eq!(json(&loaded), json(&created));
        let shown: serde_json::Value = serde_json::from_str(&json(&loaded)).unwrap();
        prop_assert_eq!(shown["customer"]["name"].as_str(), Some(name.as_str()));
        prop_assert_eq!(shown["subject"]["name"].as_str(), Some(subject.as_str()));
        prop_assert_eq!(shown["description"].as_str(), Some(description.as_str()));
        prop_assert_eq!(shown["demand"].as_str(), Some(demand.as_str()));
    });
}

// -------------------------------------------------------------------------------------------
// 4. Money and durations.

/// Amounts staff may handle: up to ten billion yuan, in fen.
const SANE_FEN: i64 = 1_000_000_000_000;

/// `1234567.89` as `1,234,567.89`.
fn grouped(money: Money) -> String {
    let plain = money.to_string();
    let (whole, fraction) = plain.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{fraction}")
}

fn unit() -> impl Strategy<Value = Unit> {
    prop::sample::select(vec![
        Unit::Minutes,
        Unit::Hours,
        Unit::Days,
        Unit::WorkingDays,
        Unit::BusinessHours,
    ])
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn money_reads_back_what_it_prints(fen in 0..=i64::MAX) {
        let money = Money::from_fen(fen);
        let shown = money.to_string();
        prop_assert_eq!(shown.parse::<Money>(), Ok(money), "{}", shown);
        for written in [
            grouped(money),
            format!("¥{shown}"),
            format!("￥{}", grouped(money)),
            format!("{shown}元"),
            format!("  {shown}\t"),
        ] {
            prop_assert_eq!(written.parse::<Money>(), Ok(money), "{}", written);
        }
        // JSON and YAML carry amounts as the same text.
        let json = serde_json::to_string(&money).unwrap();
        prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), money);
    }

    #[test]
    fn money_arithmetic_never_panics_in_a_sane_range(
        a in 0..=SANE_FEN,
        b in 0..=SANE_FEN,
        yuan in 0..=SANE_FEN / 100,
        numerator in 0i64..=1_000_000,
        denominator in -1_000_000i64..=1_000_000,
    ) {
        let (x, y) = (Money::from_fen(a), Money::from_fen(b));
        prop_assert_eq!(x.checked_add(y), Some(Money::from_fen(a + b)));
        prop_assert_eq!(x.checked_add(y), y.checked_add(x));
        prop_assert_eq!(x.saturating_sub(y), Money::from_fen((a - b).max(0)));
        prop_assert_eq!(Money::from_yuan(yuan).fen(), yuan * 100);
        let down = x.scale_down(numerator, denominator);
        let near = x.scale(numerator, denominator);
        prop_assert_eq!(down.is_none(), denominator <= 0);
        prop_assert_eq!(near.is_none(), denominator <= 0);
        if let (Some(down), Some(near)) = (down, near) {
            // Rounding down never gives more than rounding half up, and they differ by a fen
            // at most.
            prop_assert!(down <= near, "{down:?} > {near:?}");
            prop_assert!(near.fen() - down.fen() <= 1, "{down:?} and {near:?}");
        }
        if denominator > 0 {
            prop_assert_eq!(x.scale(denominator, denominator), Some(x));
            prop_assert_eq!(x.scale_down(denominator, denominator), Some(x));
        }
    }

    #[test]
    fn money_that_parses_prints_as_it_parses(doc in input(seeds(AMOUNTS))) {
        if let Ok(money) = doc.text.parse::<Money>() {
            prop_assert!(money.fen() >= 0);
            prop_assert_eq!(money.to_string().parse::<Money>(), Ok(money));
        }
    }

    #[test]
    fn a_duration_reads_back_what_it_prints(amount in any::<u32>(), unit in unit()) {
        let duration = Duration::new(amount, unit);
        let shown = duration.to_string();
        prop_assert_eq!(shown.parse::<Duration>(), Ok(duration), "{}", shown);
        prop_assert_eq!(format!(" {shown} ").parse::<Duration>(), Ok(duration));
    }

    #[test]
    fn a_duration_that_parses_prints_as_it_parses(doc in input(seeds(DURATIONS))) {
        if let Ok(duration) = doc.text.parse::<Duration>() {
            prop_assert_eq!(duration.to_string().parse::<Duration>(), Ok(duration));
        }
    }
}
