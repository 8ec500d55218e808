//! Holiday schedules as they are announced, read into the calendar's structures: the State
//! Council General Office's yearly notice (国务院办公厅关于XXXX年部分节假日安排的通知) as plain
//! text ([`parse_notice`]), and iCalendar holiday subscriptions ([`parse_ics`]).
//!
//! Both give a [`Schedule`] (a notice, of its year; a subscription, of the years its dates are in): the days off as [`HolidaySpan`]s and the make-up working days
//! (调休上班) as [`MakeupDay`]s, the shapes `rules/calendars/*.yaml` uses, so that a new year
//! can be added to a calendar file, or a calendar file checked against the notices.
//! [`parse_schedule`] takes either, and keeps what it would add to a calendar.
//!
//! # Notices
//! A notice is read item by item. An item is a holiday's name, a colon, and what the notice
//! says of it, up to the end of the line or the next item (so items may be one per line or run
//! together): `二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。`
//! Numbering (`一、`, `（一）`, `1.`) may be there or not. Everything outside items (title,
//! document number, addressees, preamble, closing paragraph, signature, date) is passed over,
//! but a day off or working day written outside any item is an error.
//!
//! Inside an item, each clause (up to `，` `。` `；` or their ASCII forms) is read on its own:
//! - `…放假` (also `放假调休`, `放假公休`, `调休放假`) after one date or a span — `1月1日`,
//!   `1月1日至3日`, `9月29日至10月5日`, `2007年12月30日至2008年1月1日`, with `至`, `到`, or a
//!   dash — declares the days off;
//! - `…补休` after a date moves the end of the item's days off to it (`4月5日放假，4月7日（星期一）补休`
//!   is 5 to 7 April, as `cn.yaml` writes such years);
//! - `…上班` (or `补班`) after dates separated by `、` declares make-up working days, each for
//!   the item's name (`国庆节、中秋节` is kept as written);
//! - `共N天`, or `放假N天`, must count the item's days off;
//! - a clause without any of these words (`与周末连休`, `不调休`, `其中1月1日为法定假日`,
//!   `将…调至…`, `安排职工在除夕（2月9日）休息`) is passed over, unless it is nothing but dates.
//!
//! A date may carry a note in brackets: a weekday (`星期四`, `周四`), a lunar date, or both
//! (`（农历除夕、周二）`). A date written without its year is in the year of the item's first
//! date — the notice's year for that first date — except that a December date in an item that
//! starts in January is in the year before, and a January date in an item that starts in
//! December in the year after (`12月31日（星期六）上班` in the 元旦 item of the 2006 notice is
//! 2005-12-31); one written without its month takes the month of the date before it.
//!
//! Every date that is read must exist and lie in the notice's year or next to it, every weekday
//! written beside it must be its weekday, and a make-up working day must be a Saturday or Sunday.
//! All problems are reported together, each underlining its place in the text.
//!
//! # What is not checked
//! Only what the text shows by itself. Whether the schedule keeps the law (which holidays
//! there are and how many statutory days each has, 全国年节及纪念日放假办法), and whether spans
//! overlap or a day is both off and worked, is for the caller: [`crate::calendar::Calendar`]
//! checks the latter when the schedule is declared.

use std::ops::Range;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::calendar::{Calendar, HolidaySpan, MakeupDay, Schedule};
use crate::error::{Error, Problem, Problems, SourceError};
use crate::source::Source;

/// Reads a State Council holiday notice (see the module documentation for the wording).
///
/// `year` is the notice's year if the caller knows it; otherwise it is read from the title
/// (`国务院办公厅关于2027年部分节假日安排的通知`).
pub fn parse_notice(source: &Source, year: Option<i32>) -> Result<Schedule, Error> {
    let text = source.text();
    let items = items(text);
    let Some(first) = items.first() else {
        let help = "an item is a holiday's name, a colon and its days: 春节：2月15日至23日放假调休，共9天。2月14日（周六）上班。";
        return Err(source
            .error("no holiday items found", None, "")
            .with_help(Some(help.into()))
            .into());
    };
    let mut report = Report::new(source);
    let year = match (year, title_year(&text[..first.whole.start])) {
        (Some(given), Some((titled, at))) if given != titled => {
            let message = format!("the title says {titled}, but the year given is {given}");
            report.add(
                &at,
                message,
                "the title's year",
                "drop --year, or give the notice's own year",
            );
            given
        }
        (Some(given), _) => given,
        (None, Some((titled, _))) => titled,
        (None, None) => {
            let help = "give the year with --year, or keep the notice's title (国务院办公厅关于2027年部分节假日安排的通知)";
            return Err(source
                .error(
                    "cannot tell which year the notice is for: it has no title with the year",
                    None,
                    "",
                )
                .with_help(Some(help.into()))
                .into());
        }
    };
    let mut reading = Reading::new(text, year, report);
    for item in &items {
        reading.item(item);
    }
    outside_items(text, &items, &mut reading.report);
    reading.schedule.years = (year, year);
    reading.report.finish(reading.schedule)
}

/// Reads an iCalendar (.ics) holiday subscription.
///
/// Each VEVENT is a run of days from DTSTART to DTEND (exclusive; or DURATION in days or weeks;
/// or one day). An event whose SUMMARY says it is a working day (班, as in 补班 or 上班;
/// "workday"; "working day") gives make-up working days, named by the summary without those
/// words; any other event gives days off, named by the summary without 放假, 假期, 调休, 休 or
/// nothing else. Days off with the same name that follow each other become one span; spans and
/// make-up days come out in date order.
pub fn parse_ics(source: &Source) -> Result<Schedule, Error> {
    let lines = unfold(source.text());
    let calendar = lines
        .iter()
        .filter_map(|line| property(&line.text))
        .any(|p| p.name == "BEGIN" && line_value(&p).eq_ignore_ascii_case("VCALENDAR"));
    if !calendar {
        return Err(source
            .error("not an iCalendar file: it has no BEGIN:VCALENDAR", None, "")
            .with_help(Some(
                "give an .ics file (BEGIN:VCALENDAR … END:VCALENDAR)".into(),
            ))
            .into());
    }
    let mut ics = Ics {
        report: Report::new(source),
        event: None,
        off: Vec::new(),
        work: Vec::new(),
    };
    for line in &lines {
        ics.line(line);
    }
    if let Some(event) = ics.event.take() {
        let help = "close it with END:VEVENT";
        ics.report
            .add(&event.begin, "this VEVENT never ends", "begins here", help);
    }
    let mut schedule = Schedule {
        years: (0, 0),
        holidays: spans(ics.off),
        makeup_workdays: makeup_days(ics.work),
    };
    schedule.years = schedule.dated_years().unwrap_or_default();
    ics.report.finish(schedule)
}

/// At most this many problems are shown (all are counted).
const MOST: usize = 50;

/// Problems found so far, each underlining its place in the source.
struct Report<'a> {
    source: &'a Source,
    problems: Vec<SourceError>,
    count: usize,
}

impl<'a> Report<'a> {
    fn new(source: &'a Source) -> Self {
        Report {
            source,
            problems: Vec::new(),
            count: 0,
        }
    }

    fn add(
        &mut self,
        at: &Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.count += 1;
        if self.problems.len() < MOST {
            let error = self
                .source
                .error(message, Some((at.start, at.len())), label);
            self.problems.push(error.with_help(Some(help.into())));
        }
    }

    fn finish(self, schedule: Schedule) -> Result<Schedule, Error> {
        if self.count == 0 {
            return Ok(schedule);
        }
        let shown = if self.count > self.problems.len() {
            format!("; the first {} are shown", self.problems.len())
        } else {
            String::new()
        };
        Err(Problems {
            summary: format!(
                "{} has {} problem(s){shown}",
                self.source.name(),
                self.count
            ),
            problems: self.problems,
        }
        .into())
    }
}

// ---------------------------------------------------------------------------------------------
// Notices: finding the items.

/// One holiday's item: its name and what the notice says of it, in clauses.
struct Item {
    /// From the start of the numbering or name to the end of what the item says.
    whole: Range<usize>,
    name: Range<usize>,
    clauses: Vec<Clause>,
}

/// A name and its colon: where an item may begin.
struct Head {
    start: usize,
    name: Range<usize>,
    body: usize,
}

/// The longest holiday name read (the 2015 anniversary's name has 25 characters).
const NAME_CHARS: usize = 40;
/// Characters that end what comes before a name.
const ENDS_NAME: [char; 15] = [
    '\n', '\r', '。', '.', '．', '，', ',', '；', ';', '：', ':', '！', '!', '？', '?',
];
/// Names followed by a colon that are not holidays (`其中：1月1日为法定节假日…`).
const NOT_NAMES: [&str; 1] = ["其中"];

fn items(text: &str) -> Vec<Item> {
    let heads: Vec<Head> = text
        .match_indices(['：', ':'])
        .filter_map(|(at, colon)| head(text, at, colon.len()))
        .collect();
    let mut items = Vec::new();
    for (i, head) in heads.iter().enumerate() {
        let limit = heads.get(i + 1).map_or(text.len(), |next| next.start);
        let end = text[head.body..limit]
            .find('\n')
            .map_or(limit, |n| head.body + n);
        let clauses = lex(text, head.body..end);
        if is_item(&text[head.name.clone()], &clauses) {
            items.push(Item {
                whole: head.start..end,
                name: head.name.clone(),
                clauses,
            });
        }
    }
    items
}

/// The name before the colon at `colon`, if it can be a holiday's name.
fn head(text: &str, colon: usize, colon_len: usize) -> Option<Head> {
    let before = &text[..colon];
    let start = before
        .char_indices()
        .rev()
        .take(NAME_CHARS + 8)
        .take_while(|(_, c)| !ENDS_NAME.contains(c))
        .last()
        .map_or(colon, |(i, _)| i);
    if before[..start]
        .chars()
        .next_back()
        .is_some_and(|c| !ENDS_NAME.contains(&c))
    {
        return None; // longer than any name
    }
    let named = strip_numbering(&text[start..colon]);
    let name_start = colon - named.len();
    let name = name_start..name_start + named.trim_end().len();
    let written = &text[name.clone()];
    let plausible = written.chars().count() <= NAME_CHARS
        && written.chars().any(char::is_alphabetic)
        && !NOT_NAMES.contains(&written)
        && !lex(text, name.clone())
            .iter()
            .flat_map(|c| &c.tokens)
            .any(|t| matches!(t.tok, Tok::Date(_)) || t.tok.is_keyword());
    plausible.then_some(Head {
        start,
        name,
        body: colon + colon_len,
    })
}

/// `region` without its item numbering (`一、`, `（一）`, `1、`) and leading spaces.
fn strip_numbering(region: &str) -> &str {
    let text = region.trim_start();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let stripped = match text.strip_prefix(['（', '(']) {
        Some(inside) => inside.trim_start_matches(numeral).strip_prefix(['）', ')']),
        None => Some(text.trim_start_matches(numeral))
            .filter(|rest| rest.len() < text.len())
            .and_then(|rest| rest.strip_prefix(['、', '．', '.'])),
    };
    stripped.unwrap_or(text).trim_start()
}

/// Whether a name and what follows its colon are a holiday's item: the text says 放假 or 上班,
/// and it has a date or the name is a holiday's (ends in 节, 旦 or 日).
fn is_item(name: &str, clauses: &[Clause]) -> bool {
    let tokens = || clauses.iter().flat_map(|c| &c.tokens);
    tokens().any(|t| t.tok.is_keyword())
        && (tokens().any(|t| matches!(t.tok, Tok::Date(_))) || name.ends_with(['节', '旦', '日']))
}

/// The year in the title (`关于2027年部分节假日安排`, `关于调整2019年…`), and where it is.
fn title_year(text: &str) -> Option<(i32, Range<usize>)> {
    text.match_indices("关于").find_map(|(at, word)| {
        let after = at + word.len();
        let skip = text[after..]
            .char_indices()
            .take(8)
            .find(|(_, c)| c.is_ascii_digit())?
            .0;
        let mut cursor = Cursor {
            text,
            at: after + skip,
        };
        let year = cursor.number().filter(|y| *y >= 1000)?;
        let digits = after + skip..cursor.at;
        cursor
            .eat("年")
            .then_some((i32::try_from(year).ok()?, digits))
    })
}

/// A day off or working day written outside every item would be lost: it is an error.
fn outside_items(text: &str, items: &[Item], report: &mut Report) {
    let mut gaps = Vec::new();
    let mut from = 0;
    for item in items {
        gaps.push(from..item.whole.start);
        from = item.whole.end;
    }
    gaps.push(from..text.len());
    for clause in gaps.into_iter().flat_map(|gap| lex(text, gap)) {
        let dated = clause.tokens.iter().any(|t| matches!(t.tok, Tok::Date(_)));
        if let Some(word) = clause
            .tokens
            .iter()
            .find(|t| t.tok.is_keyword())
            .filter(|_| dated)
        {
            let help = "an item is a holiday's name, a colon and its days, on one line: 春节：2月15日至23日放假调休，共9天。";
            report.add(
                &word.at,
                "a day off or working day outside any item",
                "not in an item",
                help,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Notices: words.

/// The words a clause is read by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// 放假: the dates before it are days off.
    Off,
    /// 补休: the days off run on to the date before it.
    Extra,
    /// 上班, 补班: the dates before it are make-up working days.
    Work,
    /// 至, 到, a dash: a span from the date before to the date after.
    To,
}

const WORDS: [(&str, Word); 12] = [
    ("放假", Word::Off),
    ("补休", Word::Extra),
    ("上班", Word::Work),
    ("补班", Word::Work),
    ("至", Word::To),
    ("到", Word::To),
    ("—", Word::To),
    ("–", Word::To),
    ("－", Word::To),
    ("-", Word::To),
    ("～", Word::To),
    ("~", Word::To),
];
/// Characters that end a clause.
const BREAKS: [char; 9] = ['，', ',', '。', '.', '．', '；', ';', '\n', '\r'];
/// Characters that separate without meaning anything.
const SPACES: [char; 4] = [' ', '\t', '\u{3000}', '、'];
/// The longest note in brackets after a date that is read (`（农历腊月二十八、周日）`).
const NOTE_CHARS: usize = 40;

#[derive(Debug)]
enum Tok {
    Date(Written),
    /// 共N天, N天.
    Count(u32),
    Word(Word),
}

impl Tok {
    fn is_keyword(&self) -> bool {
        matches!(self, Tok::Word(Word::Off | Word::Extra | Word::Work))
    }
}

#[derive(Debug)]
struct Token {
    tok: Tok,
    /// What to underline: the date itself, without its note.
    at: Range<usize>,
}

/// A clause: its tokens, and whether it has other words too.
#[derive(Debug, Default)]
struct Clause {
    tokens: Vec<Token>,
    words: bool,
}

/// A date as written, with the weekdays written beside it.
#[derive(Debug)]
struct Written {
    year: Option<i32>,
    month: Option<u32>,
    day: u32,
    weekdays: Vec<Note>,
}

/// A weekday in a date's note: `None` when it starts like one (星期, 周) but is none.
#[derive(Debug)]
struct Note {
    weekday: Option<Weekday>,
    at: Range<usize>,
}

/// Splits `span` of `text` into clauses.
fn lex(text: &str, span: Range<usize>) -> Vec<Clause> {
    let text = &text[..span.end];
    let mut clauses = Vec::new();
    let mut clause = Clause::default();
    let mut at = span.start;
    while let Some(c) = text[at..].chars().next() {
        if let Some((token, next)) = token(text, at) {
            clause.tokens.push(token);
            at = next;
            continue;
        }
        let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
        at += digits.max(c.len_utf8());
        if BREAKS.contains(&c) {
            clauses.push(std::mem::take(&mut clause));
        } else if !SPACES.contains(&c) {
            clause.words = true;
        }
    }
    clauses.push(clause);
    clauses
}

/// The token at `at`, and where the text after it starts.
fn token(text: &str, at: usize) -> Option<(Token, usize)> {
    let rest = &text[at..];
    if let Some((written, word)) = WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
        let end = at + written.len();
        let token = Token {
            tok: Tok::Word(*word),
            at: at..end,
        };
        return Some((token, end));
    }
    let mut cursor = Cursor { text, at };
    if let Some(days) = count(&mut cursor) {
        let token = Token {
            tok: Tok::Count(days),
            at: at..cursor.at,
        };
        return Some((token, cursor.at));
    }
    let mut cursor = Cursor { text, at };
    let (year, month, day) = date(&mut cursor)?;
    let end = cursor.at;
    let weekdays = notes(&mut cursor);
    let written = Written {
        year,
        month,
        day,
        weekdays,
    };
    let token = Token {
        tok: Tok::Date(written),
        at: at..end,
    };
    Some((token, cursor.at))
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.rest().starts_with(word);
        if found {
            self.at += word.len();
        }
        found
    }

    fn spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t', '\u{3000}']).len();
    }

    /// A number of one to four digits (longer runs are no date or count).
    fn number(&mut self) -> Option<u32> {
        let digits = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        let n = self
            .rest()
            .get(..digits)
            .filter(|_| (1..=4).contains(&digits))?;
        let n = n.parse().ok()?;
        self.at += digits;
        Some(n)
    }
}

/// `共3天`, `3天`.
fn count(cursor: &mut Cursor) -> Option<u32> {
    cursor.eat("共");
    cursor.spaces();
    let days = cursor.number()?;
    cursor.spaces();
    cursor.eat("天").then_some(days)
}

/// `2007年12月30日`, `12月30日`, `30日`.
fn date(cursor: &mut Cursor) -> Option<(Option<i32>, Option<u32>, u32)> {
    let first = cursor.number()?;
    if cursor.eat("年") {
        let month = cursor.number().filter(|_| cursor.eat("月"))?;
        let day = cursor.number().filter(|_| cursor.eat("日"))?;
        Some((Some(i32::try_from(first).ok()?), Some(month), day))
    } else if cursor.eat("月") {
        let day = cursor.number().filter(|_| cursor.eat("日"))?;
        Some((None, Some(first), day))
    } else {
        cursor.eat("日").then_some((None, None, first))
    }
}

/// The weekdays in a note in brackets right after a date (`（周四）`, `（农历除夕、周二）`).
fn notes(cursor: &mut Cursor) -> Vec<Note> {
    let mut look = Cursor {
        text: cursor.text,
        at: cursor.at,
    };
    look.spaces();
    if !(look.eat("（") || look.eat("(")) {
        return Vec::new();
    }
    let open = look.at;
    let close = look
        .rest()
        .char_indices()
        .take(NOTE_CHARS)
        .find(|(_, c)| matches!(c, '）' | ')' | '（' | '(' | '\n'))
        .filter(|(_, c)| matches!(c, '）' | ')'));
    let Some((len, bracket)) = close else {
        return Vec::new();
    };
    cursor.at = open + len + bracket.len_utf8();
    let inside = &cursor.text[open..open + len];
    let mut notes = Vec::new();
    let mut from = 0;
    for (i, c) in inside.char_indices().chain([(inside.len(), '、')]) {
        if !matches!(c, '、' | ',' | '，') {
            continue;
        }
        let part = &inside[from..i];
        let lead = part.len() - part.trim_start().len();
        let start = open + from + lead;
        if let Some(weekday) = weekday(part.trim()) {
            let at = start..start + part.trim().len();
            notes.push(Note { weekday, at });
        }
        from = i + c.len_utf8();
    }
    notes
}

/// `星期四`, `周四`, `礼拜四` → Thursday; `Some(None)` for a note that starts like a weekday
/// but is none; `None` for any other note.
fn weekday(note: &str) -> Option<Option<Weekday>> {
    let day = ["星期", "礼拜", "周"]
        .iter()
        .find_map(|prefix| note.strip_prefix(prefix))?;
    Some(match day {
        "一" => Some(Weekday::Mon),
        "二" => Some(Weekday::Tue),
        "三" => Some(Weekday::Wed),
        "四" => Some(Weekday::Thu),
        "五" => Some(Weekday::Fri),
        "六" => Some(Weekday::Sat),
        "日" | "天" => Some(Weekday::Sun),
        _ => None,
    })
}

const DAY_NAMES: [(&str, &str); 7] = [
    ("Monday", "星期一"),
    ("Tuesday", "星期二"),
    ("Wednesday", "星期三"),
    ("Thursday", "星期四"),
    ("Friday", "星期五"),
    ("Saturday", "星期六"),
    ("Sunday", "星期日"),
];

/// `Friday (星期五)`.
fn day_name(day: NaiveDate) -> String {
    let (english, chinese) = DAY_NAMES[day.weekday().num_days_from_monday() as usize];
    format!("{english} ({chinese})")
}

/// `2027年1月1日`.
fn chinese(day: NaiveDate) -> String {
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}

// ---------------------------------------------------------------------------------------------
// Notices: reading the items.

/// A clause's token with its date resolved.
enum Step {
    Day(NaiveDate),
    Count(u32),
    Word(Word),
}

/// A date or span waiting for the word that says what it is.
struct Pending {
    from: NaiveDate,
    to: NaiveDate,
    at: Range<usize>,
}

/// The reading of one notice.
struct Reading<'a> {
    text: &'a str,
    year: i32,
    schedule: Schedule,
    report: Report<'a>,
    /// The item being read: its name, its first date, its last span of days off, and whether
    /// a date or span of it could not be read (then a count or 补休 that finds no span, or the
    /// wrong one, says nothing more).
    name: String,
    anchor: Option<NaiveDate>,
    span: Option<usize>,
    broken: bool,
}

impl<'a> Reading<'a> {
    fn new(text: &'a str, year: i32, report: Report<'a>) -> Self {
        Reading {
            text,
            year,
            schedule: Schedule::default(),
            report,
            name: String::new(),
            anchor: None,
            span: None,
            broken: false,
        }
    }

    fn item(&mut self, item: &Item) {
        self.name = self.text[item.name.clone()].to_string();
        self.anchor = None;
        self.span = None;
        self.broken = false;
        let mut month = None;
        let mut clauses = Vec::with_capacity(item.clauses.len());
        for clause in &item.clauses {
            clauses.push(self.resolve(clause, &mut month));
        }
        for (clause, steps) in item.clauses.iter().zip(clauses) {
            match steps {
                Some(steps) if clause.tokens.iter().any(|t| t.tok.is_keyword()) => {
                    self.statement(steps)
                }
                Some(steps) => self.remark(clause, steps),
                None => {} // a date could not be read, and was reported
            }
        }
    }

    /// The clause's tokens with their dates; `None` if a date that matters cannot be read.
    /// Dates in clauses that are passed over are not checked.
    fn resolve(
        &mut self,
        clause: &Clause,
        month: &mut Option<u32>,
    ) -> Option<Vec<(Step, Range<usize>)>> {
        let read = clause.tokens.iter().any(|t| t.tok.is_keyword()) || !clause.words;
        let mut steps = Vec::new();
        let mut readable = true;
        for token in &clause.tokens {
            let step = match &token.tok {
                Tok::Date(written) => {
                    *month = written.month.or(*month);
                    if !read {
                        continue;
                    }
                    match self.date(written, *month, &token.at) {
                        Some(day) => Step::Day(day),
                        None => {
                            readable = false;
                            continue;
                        }
                    }
                }
                Tok::Count(days) => Step::Count(*days),
                Tok::Word(word) => Step::Word(*word),
            };
            steps.push((step, token.at.clone()));
        }
        self.broken |= !readable;
        readable.then_some(steps)
    }

    /// A clause without 放假, 补休 or 上班: its count is checked, and a clause of bare dates is
    /// an error (what are they?); anything else is passed over.
    fn remark(&mut self, clause: &Clause, steps: Vec<(Step, Range<usize>)>) {
        for (step, at) in steps {
            match step {
                Step::Count(days) => self.count(days, &at),
                Step::Day(day) if !clause.words => self.unexplained(day, &at),
                _ => {}
            }
        }
    }

    /// A clause with 放假, 补休 or 上班, read left to right.
    fn statement(&mut self, steps: Vec<(Step, Range<usize>)>) {
        let mut pending: Vec<Pending> = Vec::new();
        let mut dash: Option<Range<usize>> = None;
        for (step, at) in steps {
            match step {
                Step::Day(day) => match (dash.take(), pending.last_mut()) {
                    (Some(_), Some(open)) if day >= open.from => {
                        open.to = day;
                        open.at.end = at.end;
                    }
                    (Some(_), Some(open)) => {
                        let message = format!(
                            "the span ends on {} before it starts on {}",
                            chinese(day),
                            chinese(open.from)
                        );
                        let help = "a span into the next year gives both years: 2018年12月30日至2019年1月1日";
                        self.report.add(&at, message, "ends here", help);
                        self.broken = true;
                    }
                    _ => pending.push(Pending {
                        from: day,
                        to: day,
                        at,
                    }),
                },
                Step::Word(Word::To) if pending.is_empty() => {
                    let help = "write the first day before it: 1月1日至3日";
                    self.report
                        .add(&at, "a span with no date before 至", "from when?", help);
                }
                Step::Word(Word::To) => dash = Some(at),
                Step::Count(days) => self.count(days, &at),
                Step::Word(word) => {
                    if let Some(dash) = dash.take() {
                        self.open_span(&dash);
                    }
                    let dates = std::mem::take(&mut pending);
                    match word {
                        Word::Off => self.off(dates, &at),
                        Word::Extra => self.extra(dates, &at),
                        _ => self.work(dates, &at),
                    }
                }
            }
        }
        if let Some(dash) = dash {
            self.open_span(&dash);
        }
        if let Some(left) = pending.first() {
            self.unexplained(left.from, &left.at);
        }
    }

    /// The date a written date stands for (see the module documentation), checked.
    fn date(
        &mut self,
        written: &Written,
        month: Option<u32>,
        at: &Range<usize>,
    ) -> Option<NaiveDate> {
        let Some(month) = month else {
            let message = format!("{} has no month", &self.text[at.clone()]);
            self.report
                .add(at, message, "which month?", "write the month, as in 1月3日");
            return None;
        };
        let year = written.year.unwrap_or_else(|| self.implied_year(month));
        let Some(day) = NaiveDate::from_ymd_opt(year, month, written.day) else {
            let message = format!("{year}年{month}月{}日 does not exist", written.day);
            self.report
                .add(at, message, "no such day", "check the month and the day");
            return None;
        };
        if year.abs_diff(self.year) > 1 {
            let message = format!(
                "{} is not in or next to {}, the notice's year",
                chinese(day),
                self.year
            );
            self.report.add(at, message, "this year", "check the year");
            return None;
        }
        self.anchor.get_or_insert(day);
        for note in &written.weekdays {
            self.check_weekday(day, note, written.year.is_none());
        }
        Some(day)
    }

    fn implied_year(&self, month: u32) -> i32 {
        match self.anchor {
            None => self.year,
            Some(first) if first.month() == 1 && month == 12 => first.year() - 1,
            Some(first) if first.month() == 12 && month == 1 => first.year() + 1,
            Some(first) => first.year(),
        }
    }

    fn check_weekday(&mut self, day: NaiveDate, note: &Note, yearless: bool) {
        let written = &self.text[note.at.clone()];
        match note.weekday {
            None => {
                let message = format!("{written} is not a weekday");
                self.report.add(
                    &note.at,
                    message,
                    "not a weekday",
                    "write 星期一…星期日 or 周一…周日",
                );
            }
            Some(weekday) if weekday != day.weekday() => {
                let message = format!("{} is a {}, not {written}", chinese(day), day_name(day));
                let help = if yearless {
                    "correct the weekday or the date; a date in another year than the item's first date is written with its year, as in 2025年12月31日"
                } else {
                    "correct the weekday or the date"
                };
                let label = format!(
                    "{} is a {}",
                    chinese(day),
                    DAY_NAMES[day.weekday().num_days_from_monday() as usize].1
                );
                self.report.add(&note.at, message, label, help);
            }
            Some(_) => {}
        }
    }

    /// 放假: one day or one span is off.
    fn off(&mut self, dates: Vec<Pending>, at: &Range<usize>) {
        match dates.as_slice() {
            [] => {
                let help = "write the days off before 放假, as in 1月1日至3日放假";
                self.report
                    .add(at, "放假 with no date before it", "which days?", help);
            }
            [days] => {
                self.schedule.holidays.push(HolidaySpan {
                    name: self.name.clone(),
                    from: days.from,
                    to: (days.to > days.from).then_some(days.to),
                });
                self.span = Some(self.schedule.holidays.len() - 1);
            }
            [_, second, ..] => {
                let help =
                    "give the days off as one span (1月1日至3日放假), or each in its own clause";
                self.report.add(
                    &second.at,
                    "more than one day or span before one 放假",
                    "a second one",
                    help,
                );
                self.broken = true;
            }
        }
    }

    /// 补休: the item's days off run on to this day.
    fn extra(&mut self, dates: Vec<Pending>, at: &Range<usize>) {
        let Some(span) = self.span.and_then(|i| self.schedule.holidays.get_mut(i)) else {
            if self.broken {
                return;
            }
            let help = "write the days off first: 4月5日放假，4月7日（星期一）补休";
            self.report.add(
                at,
                "补休 with no days off (放假) before it in this item",
                "no 放假 before",
                help,
            );
            return;
        };
        let end = span.to.unwrap_or(span.from);
        match dates.as_slice() {
            [day] if day.to > end => span.to = Some(day.to),
            [day] => {
                let message = format!("the 补休 day {} is not after the days off", chinese(day.to));
                self.report
                    .add(&day.at, message, "not after them", "check the date");
            }
            [] => {
                let help = "write the day before 补休, as in 4月7日（星期一）补休";
                self.report
                    .add(at, "补休 with no date before it", "which day?", help);
            }
            [_, second, ..] => {
                self.report.add(
                    &second.at,
                    "more than one date before 补休",
                    "a second one",
                    "give one day",
                );
            }
        }
    }

    /// 上班: make-up working days, each a Saturday or Sunday.
    fn work(&mut self, dates: Vec<Pending>, at: &Range<usize>) {
        if dates.is_empty() {
            let help = "write the days before 上班, as in 2月14日（周六）、2月28日（周六）上班";
            self.report
                .add(at, "上班 with no date before it", "which days?", help);
        }
        for days in dates {
            let all = days.from.iter_days().take_while(|d| *d <= days.to);
            let (weekend, weekdays): (Vec<_>, Vec<_>) =
                all.partition(|d| matches!(d.weekday(), Weekday::Sat | Weekday::Sun));
            if let Some(date) = weekdays.first() {
                let message = format!(
                    "{} is a {}: a make-up working day (上班) must be a Saturday or Sunday",
                    chinese(*date),
                    day_name(*date)
                );
                let help = "check the date: Monday to Friday are working days anyway";
                self.report
                    .add(&days.at, message, "not a weekend day", help);
            }
            let name = &self.name;
            let served = weekend.into_iter().map(|date| MakeupDay {
                date,
                serves: name.clone(),
            });
            self.schedule.makeup_workdays.extend(served);
        }
    }

    /// 共N天: the item's last span of days off has N days.
    fn count(&mut self, days: u32, at: &Range<usize>) {
        if self.broken {
            return;
        }
        let written = &self.text[at.clone()];
        let Some(span) = self.span.and_then(|i| self.schedule.holidays.get(i)) else {
            let message = format!("{written} with no days off (放假) before it");
            let help = "write the days off before the count, as in 1月1日至3日放假，共3天";
            self.report.add(at, message, "counts what?", help);
            return;
        };
        let to = span.to.unwrap_or(span.from);
        let span_days = (to - span.from).num_days() + 1;
        if span_days != i64::from(days) {
            let message = format!(
                "{written}, but {} to {} is {span_days} day(s)",
                chinese(span.from),
                chinese(to)
            );
            self.report
                .add(at, message, "wrong count", "correct the count or the dates");
        }
    }

    fn open_span(&mut self, dash: &Range<usize>) {
        let help = "write the last day after it: 1月1日至3日";
        self.report
            .add(dash, "a span with no date after 至", "until when?", help);
        self.broken = true;
    }

    fn unexplained(&mut self, day: NaiveDate, at: &Range<usize>) {
        let message = format!(
            "{} is neither a day off (放假) nor a working day (上班)",
            chinese(day)
        );
        let help = "say what the day is: …放假 or …上班";
        self.report.add(at, message, "what is this day?", help);
    }
}

// ---------------------------------------------------------------------------------------------
// iCalendar.

/// The longest event read, in days.
const EVENT_DAYS: i64 = 366;
/// Words that make an event's summary a working day's, and are dropped from its name.
const WORK_WORDS: [&str; 7] = [
    "调休上班",
    "补班",
    "上班",
    "调休",
    "班",
    "working day",
    "workday",
];
/// Words dropped from a day off's name. English "holiday" stays: it is part of the names
/// ("Early May bank holiday").
const OFF_WORDS: [&str; 4] = ["放假", "假期", "调休", "休"];
const BRACKETS: [char; 8] = ['(', ')', '（', '）', '[', ']', '【', '】'];
const NAME_TRIM: [char; 9] = [',', ';', '，', '；', ':', '：', '-', '—', '·'];

/// A line after unfolding, with where its pieces are in the file.
struct Line {
    text: String,
    /// (offset in `text`, offset in the file) where each physical line starts.
    pieces: Vec<(usize, usize)>,
}

impl Line {
    /// Where `range` of the unfolded line is in the file.
    fn span(&self, range: Range<usize>) -> Range<usize> {
        self.offset(range.start, false)..self.offset(range.end, true)
    }

    fn offset(&self, at: usize, end: bool) -> usize {
        let inside = |start: usize| if end { start < at } else { start <= at };
        let piece = self.pieces.iter().rev().find(|(start, _)| inside(*start));
        piece
            .or(self.pieces.first())
            .map_or(0, |(start, file)| file + at.saturating_sub(*start))
    }
}

/// Joins continuation lines (RFC 5545 3.1: a line starting with a space or tab continues the
/// line before it).
fn unfold(text: &str) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        match (content.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(line)) => {
                line.pieces.push((line.text.len(), start + 1));
                line.text.push_str(rest);
            }
            _ => lines.push(Line {
                text: content.to_string(),
                pieces: vec![(0, start)],
            }),
        }
    }
    lines
}

/// `NAME;PARAM=…:value`: the name in capitals and where the value is.
struct Property<'a> {
    name: String,
    line: &'a str,
    value: Range<usize>,
}

fn property(line: &str) -> Option<Property<'_>> {
    let mut quoted = false;
    let (colon, _) = line.char_indices().find(|&(_, c)| {
        quoted ^= c == '"';
        c == ':' && !quoted
    })?;
    let head = &line[..colon];
    let name = head.split_once(';').map_or(head, |(name, _)| name);
    Some(Property {
        name: name.trim().to_ascii_uppercase(),
        line,
        value: colon + 1..line.len(),
    })
}

fn line_value<'a>(property: &Property<'a>) -> &'a str {
    property.line[property.value.clone()].trim()
}

/// A DTSTART or DTEND: its date, and whether it has a time other than midnight.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    date: NaiveDate,
    timed: bool,
}

/// `20270101`, `20270101T090000`, `20270101T090000Z`.
fn stamp(value: &str) -> Option<Stamp> {
    let (day, time) = value.split_at_checked(8)?;
    if !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        day[..4].parse().ok()?,
        day[4..6].parse().ok()?,
        day[6..].parse().ok()?,
    )?;
    let timed = match time.strip_suffix('Z').unwrap_or(time) {
        "" => false,
        time => {
            let clock = time.strip_prefix('T')?;
            if clock.len() != 6 || !clock.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            clock != "000000"
        }
    };
    Some(Stamp { date, timed })
}

/// `P3D`, `P1W` in days.
fn duration_days(value: &str) -> Option<u32> {
    let rest = value.strip_prefix('P')?;
    let (n, unit) = rest.split_at_checked(rest.len().checked_sub(1)?)?;
    let n: u32 = n.parse().ok()?;
    match unit {
        "D" => Some(n),
        "W" => n.checked_mul(7),
        _ => None,
    }
}

/// A TEXT value with its escapes (`\,` `\;` `\n` `\\`) undone.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(escaped) => out.push(escaped),
            None => out.push('\\'),
        }
    }
    out
}

/// Whether a summary is a working day's, and the holiday's name in it.
fn classify(summary: &str) -> (bool, String) {
    let lower = summary.to_ascii_lowercase();
    let work = summary.contains('班') || lower.contains("workday") || lower.contains("working day");
    let words: &[&str] = if work { &WORK_WORDS } else { &OFF_WORDS };
    let name = words
        .iter()
        .fold(summary.to_string(), |name, word| without(&name, word));
    let name: String = name.chars().filter(|c| !BRACKETS.contains(c)).collect();
    let name = name.trim_matches(|c: char| c.is_whitespace() || NAME_TRIM.contains(&c));
    (work, name.to_string())
}

/// `text` without `word` (lower-case ASCII words match in any case).
fn without(text: &str, word: &str) -> String {
    let lower = text.to_ascii_lowercase(); // same byte offsets as `text`
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, _) in lower.match_indices(word) {
        out.push_str(&text[from..at]);
        from = at + word.len();
    }
    out.push_str(&text[from..]);
    out
}

/// A VEVENT as far as it has been read.
#[derive(Debug, Default)]
struct Event {
    begin: Range<usize>,
    start: Option<Stamp>,
    end: Option<(Stamp, Range<usize>)>,
    days: Option<u32>,
    summary: Option<(String, Range<usize>)>,
    /// Whether a line of it could not be read (and was reported).
    unread: bool,
    /// How deep inside components of its own (VALARM) the reading is: their properties are
    /// not the event's.
    nested: usize,
}

/// The reading of one calendar file.
struct Ics<'a> {
    report: Report<'a>,
    event: Option<Event>,
    off: Vec<(NaiveDate, String)>,
    work: Vec<(NaiveDate, String)>,
}

impl Ics<'_> {
    fn line(&mut self, line: &Line) {
        if line.text.trim().is_empty() {
            return;
        }
        let whole = line.span(0..line.text.len());
        let Some(property) = property(&line.text) else {
            let help = "each line is NAME:value, or a continuation starting with a space";
            self.report
                .add(&whole, "not an iCalendar line", "no colon", help);
            return;
        };
        let value = line_value(&property);
        let at = line.span(property.value.clone());
        let vevent = value.eq_ignore_ascii_case("VEVENT");
        if let Some(event) = self.event.as_mut().filter(|_| !vevent) {
            match property.name.as_str() {
                "BEGIN" => event.nested += 1,
                "END" => event.nested = event.nested.saturating_sub(1),
                _ if event.nested > 0 => {}
                _ => self.property(&property, value, at),
            }
            return;
        }
        match property.name.as_str() {
            "BEGIN" if vevent => {
                if self.event.is_some() {
                    let help = "end the event before it with END:VEVENT";
                    let message = "a VEVENT inside another VEVENT";
                    self.report.add(&whole, message, "begins here", help);
                }
                self.event = Some(Event {
                    begin: whole,
                    ..Event::default()
                });
            }
            "END" if vevent => match self.event.take() {
                Some(event) => self.finish(event),
                None => {
                    let help = "remove it, or add the BEGIN:VEVENT it closes";
                    let message = "END:VEVENT with no BEGIN:VEVENT";
                    self.report.add(&whole, message, "ends nothing", help);
                }
            },
            _ => {}
        }
    }

    /// A property of the event being read.
    fn property(&mut self, property: &Property, value: &str, at: Range<usize>) {
        let Some(event) = self.event.as_mut() else {
            return;
        };
        match property.name.as_str() {
            name @ ("DTSTART" | "DTEND") => match stamp(value) {
                Some(stamp) if name == "DTSTART" => event.start = Some(stamp),
                Some(stamp) => event.end = Some((stamp, at)),
                None => {
                    let message = format!("cannot read {name} {value} as a date");
                    let help =
                        "write a date as YYYYMMDD (20270101), or a date and time (20270101T090000)";
                    self.report.add(&at, message, "not a date", help);
                    event.unread = true;
                }
            },
            "DURATION" => match duration_days(value) {
                Some(days) => event.days = Some(days),
                None => {
                    let message = format!("cannot read DURATION {value} as days");
                    let help = "give whole days or weeks (P3D, P1W), or a DTEND";
                    self.report.add(&at, message, "not days", help);
                    event.unread = true;
                }
            },
            "SUMMARY" => event.summary = Some((unescape(value), at)),
            "RRULE" => {
                let help = "list each holiday as its own event";
                let message = "repeating events (RRULE) are not read";
                self.report.add(&at, message, "repeats", help);
                event.unread = true;
            }
            _ => {}
        }
    }

    /// The days of a whole VEVENT, as days off or make-up working days.
    fn finish(&mut self, event: Event) {
        if event.unread {
            return; // its problem is reported already
        }
        let Some(start) = event.start else {
            let help = "give its first day: DTSTART;VALUE=DATE:20270101";
            self.report
                .add(&event.begin, "a VEVENT without DTSTART", "this event", help);
            return;
        };
        let Some((summary, summary_at)) = event.summary else {
            let help = "name the holiday: SUMMARY:春节";
            self.report
                .add(&event.begin, "a VEVENT without SUMMARY", "this event", help);
            return;
        };
        let last = match (event.end, event.days) {
            (Some((end, at)), _) if end.date < start.date => {
                let message = format!("DTEND {} is before DTSTART {}", end.date, start.date);
                self.report.add(
                    &at,
                    message,
                    "ends before it starts",
                    "swap or correct the dates",
                );
                return;
            }
            (Some((end, _)), _) if end.timed => end.date,
            (Some((end, _)), _) => end.date.pred_opt().unwrap_or(end.date).max(start.date),
            (None, days) => {
                let more = u64::from(days.unwrap_or(1).max(1) - 1);
                start
                    .date
                    .checked_add_days(Days::new(more))
                    .unwrap_or(NaiveDate::MAX)
            }
        };
        let length = (last - start.date).num_days() + 1;
        if length > EVENT_DAYS {
            let message =
                format!("this VEVENT lasts {length} days; a holiday lasts at most {EVENT_DAYS}");
            self.report.add(
                &event.begin,
                message,
                "this event",
                "check DTEND or DURATION",
            );
            return;
        }
        let (work, name) = classify(&summary);
        if name.is_empty() {
            let message = format!("cannot tell which holiday “{summary}” is");
            self.report.add(
                &summary_at,
                message,
                "no name",
                "name the holiday: SUMMARY:春节",
            );
            return;
        }
        let days = start.date.iter_days().take_while(|d| *d <= last);
        let days = days.map(|day| (day, name.clone()));
        if work {
            self.work.extend(days);
        } else {
            self.off.extend(days);
        }
    }
}

/// Days off as spans: following days with the same name make one span.
fn spans(mut days: Vec<(NaiveDate, String)>) -> Vec<HolidaySpan> {
    days.sort();
    days.dedup();
    let mut spans: Vec<HolidaySpan> = Vec::new();
    for (day, name) in days {
        if let Some(span) = spans.last_mut()
            && span.name == name
            && span.to.unwrap_or(span.from).succ_opt() == Some(day)
        {
            span.to = Some(day);
            continue;
        }
        spans.push(HolidaySpan {
            name,
            from: day,
            to: None,
        });
    }
    spans
}

fn makeup_days(mut days: Vec<(NaiveDate, String)>) -> Vec<MakeupDay> {
    days.sort();
    days.dedup();
    days.into_iter()
        .map(|(date, serves)| MakeupDay { date, serves })
        .collect()
}

/// The schedule in `source` (a notice's text, or an iCalendar file) to add to `calendar`: the
/// years after its official ones. An iCalendar subscription also repeats years the calendar
/// has: days that agree with it are left out, and any other day is kept so that adding it
/// reports the clash. `year` is the notice's year if its title does not say.
pub fn parse_schedule(
    source: &Source,
    year: Option<i32>,
    calendar: &Calendar,
) -> Result<Schedule, Error> {
    let is_ics = source
        .text()
        .trim_start_matches('\u{feff}')
        .trim_start()
        .get(..15)
        .is_some_and(|head| head.eq_ignore_ascii_case("BEGIN:VCALENDAR"));
    let parsed = if is_ics {
        parse_ics(source)?
    } else {
        parse_notice(source, year)?
    };
    if parsed.dated_years().is_none() {
        let name = source.name();
        return Err(Error::invalid(
            Problem::Request,
            crate::said!("{name} names no days", "{name} 中没有写明任何日期"),
            crate::said!("give the notice's whole text", "请给出通知的全文"),
        ));
    }
    if !is_ics {
        return Ok(parsed);
    }
    let last = parsed.years.1;
    if last <= calendar.covers().1 {
        let (name, id, to) = (source.name(), &calendar.id, calendar.covers().1);
        return Err(Error::invalid(
            Problem::Request,
            crate::said!(
                "{name} has nothing to add: the calendar `{id}` has the official schedule to {to} already",
                "{name} 没有可添加的内容：日历 `{id}` 已有到 {to} 年的官方放假安排"
            ),
            crate::said!(
                "a subscription adds the years after the calendar's last",
                "订阅的日历只能添加日历最后一年之后的年份"
            ),
        ));
    }
    let known = |date: NaiveDate, working: bool| {
        !calendar.is_provisional(date)
            && calendar
                .day(date)
                .is_ok_and(|kind| kind.is_working() == working)
    };
    let holidays: Vec<HolidaySpan> = parsed
        .holidays
        .into_iter()
        .filter(|span| {
            let to = span.to.unwrap_or(span.from);
            !span
                .from
                .iter_days()
                .take_while(|d| *d <= to)
                .all(|d| known(d, false))
        })
        .collect();
    let makeup_workdays: Vec<MakeupDay> = parsed
        .makeup_workdays
        .into_iter()
        .filter(|day| !known(day.date, true))
        .collect();
    let first = calendar.covers().1 + 1;
    Ok(Schedule {
        years: (first.min(last), last),
        holidays,
        makeup_workdays,
    })
}

/// One holiday of a schedule as read: its days off and the make-up working days that serve it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Holiday {
    /// The holiday's name (`国庆节`).
    pub name: String,
    /// Its first day off; `null` when the schedule gives only make-up days for it.
    pub from: Option<NaiveDate>,
    /// Its last day off.
    pub to: Option<NaiveDate>,
    /// How many days off.
    pub days: usize,
    /// The weekend days worked for it (调休).
    pub makeup_workdays: Vec<NaiveDate>,
}

/// What `calendar add-notice` and `calendar diff` found in a notice, and what it moves.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ScheduleChange {
    /// The calendar it adds to (`cn`).
    pub calendar: String,
    /// The first and last year it is the schedule of.
    pub years: (i32, i32),
    /// Its holidays, as understood.
    pub holidays: Vec<Holiday>,
    /// Statutory holidays it leaves out (added only with `--force`).
    pub missing_statutory: Vec<String>,
    /// The deadlines of open complaints it moves.
    pub moves: Vec<crate::rulediff::Move>,
    /// Whether it was written to the book (not with `--dry-run` or `diff`).
    pub written: bool,
}

/// The holidays of `schedule`, each with its make-up working days, in the schedule's order.
pub fn holidays(schedule: &Schedule) -> Vec<Holiday> {
    let mut rows: Vec<Holiday> = schedule
        .holidays
        .iter()
        .map(|span| {
            let to = span.to.unwrap_or(span.from);
            Holiday {
                name: span.name.clone(),
                from: Some(span.from),
                to: Some(to),
                days: span.from.iter_days().take_while(|d| *d <= to).count(),
                makeup_workdays: Vec::new(),
            }
        })
        .collect();
    for day in &schedule.makeup_workdays {
        match rows.iter_mut().find(|r| r.name == day.serves) {
            Some(row) => row.makeup_workdays.push(day.date),
            None => rows.push(Holiday {
                name: day.serves.clone(),
                makeup_workdays: vec![day.date],
                ..Holiday::default()
            }),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CalendarFile;

    const CN_YAML: &str = include_str!("../../../rules/calendars/cn.yaml");
    const NOTICES: [(i32, &str); 23] = [
        (2004, include_str!("../../../fixtures/notices/cn-2004.txt")),
        (2005, include_str!("../../../fixtures/notices/cn-2005.txt")),
        (2006, include_str!("../../../fixtures/notices/cn-2006.txt")),
        (2007, include_str!("../../../fixtures/notices/cn-2007.txt")),
        (2008, include_str!("../../../fixtures/notices/cn-2008.txt")),
        (2009, include_str!("../../../fixtures/notices/cn-2009.txt")),
        (2010, include_str!("../../../fixtures/notices/cn-2010.txt")),
        (2011, include_str!("../../../fixtures/notices/cn-2011.txt")),
        (2012, include_str!("../../../fixtures/notices/cn-2012.txt")),
        (2013, include_str!("../../../fixtures/notices/cn-2013.txt")),
        (2014, include_str!("../../../fixtures/notices/cn-2014.txt")),
        (2015, include_str!("../../../fixtures/notices/cn-2015.txt")),
        (2016, include_str!("../../../fixtures/notices/cn-2016.txt")),
        (2017, include_str!("../../../fixtures/notices/cn-2017.txt")),
        (2018, include_str!("../../../fixtures/notices/cn-2018.txt")),
        (2019, include_str!("../../../fixtures/notices/cn-2019.txt")),
        (2020, include_str!("../../../fixtures/notices/cn-2020.txt")),
        (2021, include_str!("../../../fixtures/notices/cn-2021.txt")),
        (2022, include_str!("../../../fixtures/notices/cn-2022.txt")),
        (2023, include_str!("../../../fixtures/notices/cn-2023.txt")),
        (2024, include_str!("../../../fixtures/notices/cn-2024.txt")),
        (2025, include_str!("../../../fixtures/notices/cn-2025.txt")),
        (2026, include_str!("../../../fixtures/notices/cn-2026.txt")),
    ];
    const ICS_2026: &str = include_str!("../../../fixtures/notices/cn-2026.ics");

    type Spans = Vec<(String, NaiveDate, Option<NaiveDate>)>;
    type Workdays = Vec<(NaiveDate, String)>;

    fn tuples(schedule: &Schedule) -> (Spans, Workdays) {
        let spans = schedule.holidays.iter();
        let spans = spans.map(|s| (s.name.clone(), s.from, s.to)).collect();
        let days = schedule.makeup_workdays.iter();
        (spans, days.map(|d| (d.date, d.serves.clone())).collect())
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// The year of each entry of a cn.yaml list, from the `# 2008: …` comments above them.
    fn entry_years(text: &str, list: &str) -> Vec<i32> {
        let mut years = Vec::new();
        let (mut inside, mut year) = (false, 0);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let entry = line.trim_start();
            if !line.starts_with([' ', '#']) {
                inside = line.starts_with(&format!("{list}:"));
            } else if !inside {
            } else if let Some(comment) = entry.strip_prefix("# ") {
                year = comment
                    .get(..4)
                    .and_then(|y| y.parse().ok())
                    .unwrap_or(year);
            } else if entry.starts_with("- ") {
                years.push(year);
            }
        }
        years
    }

    /// cn.yaml's spans and make-up days for one year.
    fn cn_yaml(year: i32) -> (Spans, Workdays) {
        let file: CalendarFile = crate::yaml::parse(&Source::new("cn.yaml", CN_YAML)).unwrap();
        let all = tuples(&Schedule {
            years: (file.covers.from, file.covers.to),
            holidays: file.holidays,
            makeup_workdays: file.makeup_workdays,
        });
        let (span_years, day_years) = (
            entry_years(CN_YAML, "holidays"),
            entry_years(CN_YAML, "makeup_workdays"),
        );
        assert_eq!(
            span_years.len(),
            all.0.len(),
            "a holiday without a year comment above it"
        );
        assert_eq!(
            day_years.len(),
            all.1.len(),
            "a make-up day without a year comment above it"
        );
        let spans = of_year(all.0, &span_years, year);
        let days = of_year(all.1, &day_years, year);
        (spans, days)
    }

    fn of_year<T>(entries: Vec<T>, years: &[i32], year: i32) -> Vec<T> {
        let entries = entries.into_iter().zip(years);
        entries
            .filter(|(_, y)| **y == year)
            .map(|(e, _)| e)
            .collect()
    }

    fn notice(year: i32) -> &'static str {
        NOTICES.iter().find(|(y, _)| *y == year).unwrap().1
    }

    fn problems(err: Error) -> Vec<SourceError> {
        match err {
            Error::Problems(problems) => problems.problems,
            Error::Source(error) => vec![*error],
            other => panic!("not a located error: {other}"),
        }
    }

    /// (message, underlined text) of each problem.
    fn explained(text: &str, err: Error) -> Vec<(String, String)> {
        let problems = problems(err).into_iter();
        problems
            .map(|p| {
                let span = p.span.map(|s| &text[s.offset()..s.offset() + s.len()]);
                (p.message().to_string(), span.unwrap_or("").to_string())
            })
            .collect()
    }

    #[test]
    fn every_fixture_notice_gives_back_cn_yaml_for_its_year() {
        for (year, text) in NOTICES {
            let source = Source::new(format!("cn-{year}.txt"), text);
            let parsed = parse_notice(&source, None).unwrap_or_else(|e| panic!("{year}: {e:?}"));
            let (spans, days) = tuples(&parsed);
            let (want_spans, want_days) = cn_yaml(year);
            assert!(!want_spans.is_empty(), "{year}: no spans in cn.yaml");
            assert_eq!(spans, want_spans, "{year}: holidays");
            assert_eq!(days, want_days, "{year}: make-up working days");
        }
    }

    #[test]
    fn the_year_given_is_used_and_checked_against_the_title() {
        let text = notice(2026);
        let parsed = parse_notice(&Source::new("n.txt", text), Some(2026)).unwrap();
        assert_eq!(parsed.years, (2026, 2026));
        let wrong = parse_notice(&Source::new("n.txt", text), Some(2027)).unwrap_err();
        let explained = explained(text, wrong);
        let said = "the title says 2026, but the year given is 2027";
        assert!(
            explained.contains(&(said.to_string(), "2026".to_string())),
            "{explained:?}"
        );

        let untitled = "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。";
        let parsed = parse_notice(&Source::new("n.txt", untitled), Some(2026)).unwrap();
        assert_eq!(parsed.holidays.len(), 1);
        let err = parse_notice(&Source::new("n.txt", untitled), None).unwrap_err();
        assert!(err.to_string().contains("cannot tell which year"), "{err}");
        let help = miette::Diagnostic::help(&err)
            .map(|h| h.to_string())
            .unwrap_or_default();
        assert!(help.contains("--year"), "{help}");
    }

    #[test]
    fn years_span_the_dates_of_a_schedule() {
        let parsed = parse_notice(&Source::new("n.txt", notice(2008)), None).unwrap();
        assert_eq!(parsed.dated_years(), Some((2007, 2008)));
        assert_eq!(parsed.years, (2008, 2008), "the notice's own year");
        assert_eq!(Schedule::default().dated_years(), None);
    }

    /// One item under a 2027 title: what it is read as.
    #[test]
    fn wordings_that_are_accepted() {
        let cases: [(&str, Spans, Workdays); 9] = [
            (
                "元旦：1月1日放假，与周末连休。",
                vec![("元旦".into(), day("2027-01-01"), None)],
                vec![],
            ),
            (
                "清明节：4月4日放假，4月6日（星期二）补休。",
                vec![("清明节".into(), day("2027-04-04"), Some(day("2027-04-06")))],
                vec![],
            ),
            (
                "国庆节、中秋节：10月1日至8日放假调休，共8天。9月26日（星期日）、10月9日（星期六）上班。",
                vec![(
                    "国庆节、中秋节".into(),
                    day("2027-10-01"),
                    Some(day("2027-10-08")),
                )],
                vec![
                    (day("2027-09-26"), "国庆节、中秋节".into()),
                    (day("2027-10-09"), "国庆节、中秋节".into()),
                ],
            ),
            (
                "1. 春节: 2月6日(周六)-2月12日(周五)放假调休,共7天.2月20日(周六)上班.",
                vec![("春节".into(), day("2027-02-06"), Some(day("2027-02-12")))],
                vec![(day("2027-02-20"), "春节".into())],
            ),
            (
                "（一）元旦：2026年12月31日至2027年1月2日放假，共 3 天；12月26日（周六）上班。",
                vec![("元旦".into(), day("2026-12-31"), Some(day("2027-01-02")))],
                vec![(day("2026-12-26"), "元旦".into())],
            ),
            (
                // Run together, unnumbered, with lunar notes and a remark between.
                "元旦：1月1日（周五）放假1天，不调休。春节：2月6日（农历除夕、周六）到12日（农历正月初六、周五）放假，共7天。安排职工在除夕（2月5日）休息。",
                vec![
                    ("元旦".into(), day("2027-01-01"), None),
                    ("春节".into(), day("2027-02-06"), Some(day("2027-02-12"))),
                ],
                vec![],
            ),
            (
                // The long form of the 2000s: 其中 and 调至 clauses are remarks.
                "一、元旦：1月1日—3日放假，共3天。其中1月1日为法定假日，将12月26日（星期六）、27日（星期日）两个公休日调至1月2日、3日，12月26日（星期六）、27日（星期日）上班。",
                vec![("元旦".into(), day("2027-01-01"), Some(day("2027-01-03")))],
                vec![
                    (day("2026-12-26"), "元旦".into()),
                    (day("2026-12-27"), "元旦".into()),
                ],
            ),
            (
                "五、端午节:6月9日-11日放假,共3天。其中:6月9日(农历五月初五,端午节)为法定节假日,6月12日(星期六)补班。",
                vec![("端午节".into(), day("2027-06-09"), Some(day("2027-06-11")))],
                vec![(day("2027-06-12"), "端午节".into())],
            ),
            (
                "十一、劳动节：5月1日至5日放假调休，共5天。4月25日（礼拜天）、5月8日（周六）上班。\n国务院办公厅\n2026年11月4日\n",
                vec![("劳动节".into(), day("2027-05-01"), Some(day("2027-05-05")))],
                vec![
                    (day("2027-04-25"), "劳动节".into()),
                    (day("2027-05-08"), "劳动节".into()),
                ],
            ),
        ];
        for (item, spans, days) in cases {
            let text = format!(
                "国务院办公厅关于2027年部分节假日安排的通知\n各省、自治区、直辖市人民政府：\n{item}\n"
            );
            let parsed = parse_notice(&Source::new("n.txt", text), None);
            let parsed = parsed.unwrap_or_else(|e| panic!("{item}: {e:?}"));
            assert_eq!(tuples(&parsed), (spans, days), "{item}");
        }
    }

    /// One item under a 2027 title (2027-01-01 is a Friday): the one problem it has, and the
    /// text underlined.
    #[test]
    fn what_does_not_add_up_is_refused_where_it_is_written() {
        let cases = [
            (
                "元旦：1月1日（周四）至3日（周日）放假，共3天。",
                "2027年1月1日 is a Friday (星期五), not 周四",
                "周四",
            ),
            (
                "元旦：1月1日（周八）放假。",
                "周八 is not a weekday",
                "周八",
            ),
            (
                "元旦：1月1日至3日放假，共4天。",
                "共4天, but 2027年1月1日 to 2027年1月3日 is 3 day(s)",
                "共4天",
            ),
            (
                "春节：2月6日至12日放假调休，共7天。2月15日（周一）上班。",
                "2027年2月15日 is a Monday (星期一): a make-up working day (上班) must be a Saturday or Sunday",
                "2月15日",
            ),
            (
                "春节：2月30日至3月2日放假，共3天。",
                "2027年2月30日 does not exist",
                "2月30日",
            ),
            ("元旦：3日放假。", "3日 has no month", "3日"),
            (
                "元旦：2030年1月1日放假。",
                "2030年1月1日 is not in or next to 2027, the notice's year",
                "2030年1月1日",
            ),
            (
                "元旦：1月3日至1月1日放假，共3天。",
                "the span ends on 2027年1月1日 before it starts on 2027年1月3日",
                "1月1日",
            ),
            ("元旦：放假三天。", "放假 with no date before it", "放假"),
            (
                "春节：2月1日至7日上班。",
                "2027年2月1日 is a Monday (星期一): a make-up working day (上班) must be a Saturday or Sunday",
                "2月1日至7日",
            ),
            ("元旦：1月1日至放假。", "a span with no date after 至", "至"),
            (
                "元旦：1月1日放假。1月4日（周一）。",
                "2027年1月4日 is neither a day off (放假) nor a working day (上班)",
                "1月4日",
            ),
            (
                "元旦：1月1日放假1月4日。",
                "2027年1月4日 is neither a day off (放假) nor a working day (上班)",
                "1月4日",
            ),
            (
                "清明节：4月5日放假，4月4日补休。",
                "the 补休 day 2027年4月4日 is not after the days off",
                "4月4日",
            ),
            (
                "元旦：1月1日、1月2日放假。",
                "more than one day or span before one 放假",
                "1月2日",
            ),
            (
                "元旦：1月1日放假。\n2月6日至12日放假。",
                "a day off or working day outside any item",
                "放假",
            ),
        ];
        for (item, message, underlined) in cases {
            let text = format!("国务院办公厅关于2027年部分节假日安排的通知\n{item}\n");
            let err = parse_notice(&Source::new("n.txt", text.clone()), None).expect_err(item);
            let explained = explained(&text, err);
            assert_eq!(
                explained,
                [(message.to_string(), underlined.to_string())],
                "{item}"
            );
        }
    }

    #[test]
    fn all_problems_are_reported_together() {
        let text = "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周四）放假。\n二、春节：2月6日至12日放假，共8天。2月15日上班。\n";
        let err = parse_notice(&Source::new("n.txt", text), None).unwrap_err();
        assert_eq!(err.to_string(), "n.txt has 3 problem(s)");
        assert_eq!(problems(err).len(), 3);
    }

    #[test]
    fn garbage_is_no_notice_and_nothing_panics() {
        let garbage = [
            String::new(),
            "hello world".into(),
            "\u{0}\u{1}\u{fffd}".into(),
            "：：:::：".repeat(1000),
            "元旦：".into(),
            "放假上班补休至".repeat(1000),
            "国务院办公厅关于2027年部分节假日安排的通知".into(),
        ];
        for text in garbage {
            for year in [None, Some(2027)] {
                let err = parse_notice(&Source::new("n.txt", text.clone()), year).unwrap_err();
                assert_eq!(err.to_string(), "no holiday items found", "{text:.40}");
            }
        }
        // Every prefix and suffix of real notices, and long hostile inputs, in linear time.
        for text in [notice(2012), notice(2015), notice(2026)] {
            for (i, _) in text.char_indices() {
                for part in [&text[..i], &text[i..]] {
                    let _ = parse_notice(&Source::new("n.txt", part), None);
                    let _ = parse_notice(&Source::new("n.txt", part), Some(2026));
                }
            }
        }
        let hostile = [
            format!("元旦：{}放假", "1月1日至".repeat(20_000)),
            format!("元旦：{}", "1月1日（周四）、".repeat(20_000)),
            format!("元旦：1月1日（{}）放假", "（".repeat(50_000)),
            "9".repeat(200_000),
            format!("春节：{}上班", "12月31日至".repeat(20_000)),
            format!("国务院办公厅关于{}", "关于".repeat(50_000)),
        ];
        for text in hostile {
            let _ = parse_notice(&Source::new("n.txt", text.clone()), None);
            let _ = parse_notice(&Source::new("n.txt", text), Some(2026));
        }
    }

    #[test]
    fn crlf_reads_like_lf() {
        let crlf = notice(2026).replace('\n', "\r\n");
        let parsed = parse_notice(&Source::new("n.txt", crlf), None).unwrap();
        assert_eq!(tuples(&parsed), cn_yaml(2026));
    }

    #[test]
    fn the_ics_fixture_gives_back_cn_yaml_for_2026() {
        let parsed = parse_ics(&Source::new("cn-2026.ics", ICS_2026)).unwrap();
        assert_eq!(tuples(&parsed), cn_yaml(2026));
        let lf = ICS_2026.replace("\r\n", "\n");
        let parsed = parse_ics(&Source::new("cn-2026.ics", lf)).unwrap();
        assert_eq!(tuples(&parsed), cn_yaml(2026));
    }

    #[test]
    fn ics_problems_are_all_reported_where_they_are() {
        let text = "BEGIN:VCALENDAR\r\n\
            BEGIN:VEVENT\r\nSUMMARY:元旦\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2027013\r\nSUMMARY:春节\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270105\r\nDTEND;VALUE=DATE:\r\n 20270103\r\nSUMMARY:元旦\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nDTSTART:20270501\r\nDURATION:PT3H\r\nSUMMARY:劳动节\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nDTSTART:20270501\r\nSUMMARY:（休）\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nDTSTART:20270101\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:元旦\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nDTSTART:20270601\r\nSUMMARY:端午节\r\n\
            END:VCALENDAR\r\n";
        let err = parse_ics(&Source::new("h.ics", text)).unwrap_err();
        let explained = explained(text, err);
        let want = [
            ("a VEVENT without DTSTART", "BEGIN:VEVENT"),
            ("cannot read DTSTART 2027013 as a date", "2027013"),
            ("DTEND 2027-01-03 is before DTSTART 2027-01-05", "20270103"),
            ("cannot read DURATION PT3H as days", "PT3H"),
            ("cannot tell which holiday “（休）” is", "（休）"),
            ("repeating events (RRULE) are not read", "FREQ=YEARLY"),
            ("this VEVENT never ends", "BEGIN:VEVENT"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(m, u)| (m.to_string(), u.to_string()))
            .collect();
        assert_eq!(explained, want);

        let err = parse_ics(&Source::new(
            "h.ics",
            "BEGIN:VEVENT\nDTSTART:20270101\nEND:VEVENT\n",
        ))
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "not an iCalendar file: it has no BEGIN:VCALENDAR"
        );
    }

    #[test]
    fn ics_summaries_name_days_off_and_working_days() {
        let cases = [
            ("春节 假期", false, "春节"),
            ("国庆节（休）", false, "国庆节"),
            ("劳动节, 放假", false, "劳动节"),
            ("Early May bank holiday", false, "Early May bank holiday"),
            ("春节 补班", true, "春节"),
            ("国庆节（班）", true, "国庆节"),
            ("元旦调休上班", true, "元旦"),
            ("劳动节 Working Day", true, "劳动节"),
            ("WORKDAY 端午节", true, "端午节"),
        ];
        for (summary, work, name) in cases {
            assert_eq!(classify(summary), (work, name.to_string()), "{summary}");
        }
        assert_eq!(unescape(r"a\, b\; c\nd\\e\N"), "a, b; c\nd\\e\n");
    }
}
