//! `sla`, `explain`, `calendar`, `due`: deadlines and the calendar they run on.

use chrono::NaiveDate;
use complaint::calendar::Due;
use complaint::classify::{Basis, Decided};
use complaint::clock::ClockStatus;
use complaint::duration::Duration;
use complaint::rulebook::Dimension;
use complaint::{Error, Rulebook, Sla, sla};
use serde::Serialize;

use super::messages::{self, say, t};
use super::render::{self, minutes, when};
use super::{Exit, Format, Global, parse_time};

/// List the deadlines that are breached or at risk, most urgent first — the cron job
///
/// Exit code 3 when a clock is breached (or, with --fail-on at-risk, at risk), 0 otherwise.
#[derive(Debug, clap::Args)]
pub struct SlaArgs {
    /// Also list clocks that are running within their time, or paused
    #[arg(long)]
    pub all: bool,
    /// Only this clock (its id in the rulebook)
    #[arg(long)]
    pub clock: Option<String>,
    /// What makes the exit code 3
    #[arg(long, value_enum, default_value_t = FailOn::Breached)]
    pub fail_on: FailOn,
    /// Escalate, one level, every complaint whose breached clock says `escalate_on_breach`,
    /// as one commit. Running it again changes nothing: each clock escalates a complaint once.
    /// The escalations are recorded as --by / COMPLAINT_USER, else `cron_user` in
    /// complaint.yaml (default `complaint-sla`).
    #[arg(long)]
    pub escalate: bool,
    /// Print the summary line even when nothing needs attention (by default `sla` then prints
    /// nothing, so that cron sends no mail)
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Breached,
    AtRisk,
}

/// Explain a complaint's classification and how each deadline was computed
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The complaint (its ID or a unique part)
    pub id: String,
}

/// List days as working day, weekend, holiday or make-up working day; add an official schedule
///
/// Past the years of its official schedule a calendar takes its days off from the law, marked
/// provisional; `calendar add-notice` adds the year's official schedule when it is published.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct CalendarArgs {
    #[command(subcommand)]
    pub action: Option<CalendarAction>,
    /// A year (2026), or the first day (2026-09-28) with TO
    #[arg(required = true)]
    pub from: Option<String>,
    /// The last day (2026-10-11)
    pub to: Option<String>,
    /// Use this rulebook's calendar instead of the book's (a shipped name or a file)
    #[arg(long, value_name = "NAME|PATH")]
    pub rulebook: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum CalendarAction {
    AddNotice(super::notice::AddNoticeArgs),
    Diff(super::notice::NoticeArgs),
}

/// When is a period due? "When will I hear back?"
#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// Start of the period [default: now]
    #[arg(long, value_name = "TIME")]
    pub from: Option<String>,
    /// The period: 2h, 7d, 3wd (working days), 8bh (business hours)
    #[arg(long, value_name = "DURATION")]
    pub within: Duration,
    /// Use this rulebook's calendar instead of the book's (a shipped name or a file)
    #[arg(long, value_name = "NAME|PATH")]
    pub rulebook: Option<String>,
}

pub fn sla(global: &Global, args: &SlaArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    let now = global.now(&book)?;
    let rb = book.rulebook();
    let filter = sla::Filter {
        all: args.all,
        clock: args.clock.clone(),
    }
    .checked(rb)?;
    if args.escalate {
        escalate_breached(global, &book, now)?;
    }
    let Sla { rows: all, errors } = book.sla(now, &filter)?;
    // The deadlines of confidential complaints the reader may not read are left out of what
    // is shown, counted on stderr, and still decide the exit code (so cron still mails).
    let reader = super::access::Reader::of(global, &book);
    let mut withheld: std::collections::BTreeMap<String, (String, Vec<ClockStatus>)> =
        Default::default();
    let mut rows = Vec::new();
    let mut seen: std::collections::HashMap<String, Option<(String, String)>> = Default::default();
    for row in &all {
        let key = row.id.to_string();
        let why = match seen.get(&key) {
            Some(why) => why.clone(),
            None => {
                let complaint = book.load(&row.id)?.complaint;
                let why = reader
                    .withheld(&book, &complaint)
                    .map(|w| (w.rule.flag.clone(), w.readers(rb)));
                seen.insert(key, why.clone());
                why
            }
        };
        match why {
            Some((flag, readers)) => withheld
                .entry(flag)
                .or_insert_with(|| (readers, Vec::new()))
                .1
                .push(row.deadline.status),
            None => rows.push(row.clone()),
        }
    }
    if global.format == Format::Csv {
        render::csv(&rows.iter().map(SlaCsv::from).collect::<Vec<_>>())?;
    } else if !render::document(
        global.format,
        complaint::output::Deadlines {
            now,
            deadlines: rows.clone(),
        },
    )? {
        let t = t();
        let mut table = render::table(&[
            t.id, t.clock, t.status, t.due, t.left, t.grade, t.level, t.assignee,
        ]);
        // At 80 columns the level, grade and assignee go first; ID, clock, status, due stay.
        table.drop_first(&[6, 5, 7, 4]);
        for r in &rows {
            let d = &r.deadline;
            table.add_row([
                r.id.to_string(),
                d.clock.name.clone().unwrap_or_default(),
                messages::clock_status(d.status).to_string(),
                render::due_text(d.at().as_ref(), d.provisional(), d.error.as_deref()),
                d.minutes_left.map(minutes).unwrap_or_default(),
                [&r.tier, &r.grade]
                    .into_iter()
                    .flatten()
                    .map(|c| c.code.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                rb.level_name(&r.level.code).to_string(),
                r.assignee.clone().unwrap_or_default(),
            ]);
        }
        if !rows.is_empty() {
            println!("{table}");
        }
        // Silence when nothing needs attention: cron mails whatever a job prints.
        let quiet = rows.is_empty() && withheld.is_empty() && !args.verbose;
        let count = |s: ClockStatus| rows.iter().filter(|r| r.deadline.status == s).count();
        if !quiet {
            println!(
                "{}",
                say!(
                    t.sla_summary,
                    breached = count(ClockStatus::Breached),
                    at_risk = count(ClockStatus::AtRisk),
                    at = when(&now),
                )
            );
        }
        let provisional = rows.iter().filter(|r| r.deadline.provisional()).count();
        if provisional > 0 {
            println!(
                "{}",
                say!(
                    t.sla_provisional,
                    count = provisional,
                    calendar = rb.calendar().id,
                    until = rb.calendar().covers().1,
                )
            );
        }
    }
    for (flag, (readers, statuses)) in &withheld {
        let count = |s: ClockStatus| statuses.iter().filter(|x| **x == s).count();
        eprintln!(
            "{}",
            say!(
                t().withheld_deadlines,
                count = statuses.len(),
                who = reader.who(),
                breached = count(ClockStatus::Breached),
                at_risk = count(ClockStatus::AtRisk),
                flag = flag,
                readers = readers,
            )
        );
    }
    let rows = all;
    let failed = !errors.is_empty();
    for err in errors {
        eprintln!("{}", super::render::report(err));
    }
    let unknown = rows
        .iter()
        .filter(|r| r.deadline.status == ClockStatus::Unknown)
        .count();
    if unknown > 0 {
        eprintln!("{}", say!(t().sla_unknown, count = unknown));
    }
    let failed = failed || unknown > 0;
    let breached = rows
        .iter()
        .any(|r| r.deadline.status == ClockStatus::Breached);
    let at_risk = rows
        .iter()
        .any(|r| r.deadline.status == ClockStatus::AtRisk);
    Ok(if failed {
        Exit::Error
    } else if breached || (args.fail_on == FailOn::AtRisk && at_risk) {
        Exit::Findings
    } else {
        Exit::Ok
    })
}

/// An `sla` row as a CSV line: codes only, the due instant in RFC 3339.
#[derive(Serialize, Default)]
struct SlaCsv {
    id: String,
    clock: String,
    name: String,
    status: &'static str,
    due: Option<complaint::Timestamp>,
    provisional: bool,
    minutes_left: Option<i64>,
    grade: Option<String>,
    tier: Option<String>,
    assignee: Option<String>,
    level: String,
    error: Option<String>,
}

impl From<&sla::Row> for SlaCsv {
    fn from(r: &sla::Row) -> SlaCsv {
        let d = &r.deadline;
        let code = |c: &Option<complaint::output::Code>| c.as_ref().map(|c| c.code.clone());
        SlaCsv {
            id: r.id.to_string(),
            clock: d.clock.code.clone(),
            name: d.clock.name.clone().unwrap_or_default(),
            status: d.status.as_str(),
            due: d.at(),
            provisional: d.provisional(),
            minutes_left: d.minutes_left,
            grade: code(&r.grade),
            tier: code(&r.tier),
            assignee: r.assignee.clone(),
            level: r.level.code.clone(),
            error: d.error.clone(),
        }
    }
}

/// Applies the automatic escalations that are due, as one commit, and says what it did.
fn escalate_breached(
    global: &Global,
    book: &complaint::Book,
    now: complaint::Timestamp,
) -> Result<(), Error> {
    let due = book.escalations_due(now)?;
    if due.is_empty() {
        return Ok(());
    }
    let by = global.cron_actor(book)?;
    let batch = book.escalate(due, &by, global.when(book)?)?;
    // The cron job escalates every complaint whose clock says so; a confidential one the
    // person it runs as may not read is counted, not named.
    let reader = super::access::Reader::of(global, book);
    let hidden = batch
        .applied
        .iter()
        .filter(|c| reader.withheld(book, c).is_some())
        .count();
    if hidden > 0 {
        eprintln!(
            "{}",
            say!(t().withheld_escalations, count = hidden, who = reader.who())
        );
    }
    for complaint in &batch.applied {
        if reader.withheld(book, complaint).is_some() {
            continue;
        }
        if let Some(event) = complaint.history.last() {
            eprintln!(
                "{}",
                super::act::recorded(complaint, event, book.rulebook())
            );
        }
    }
    for (id, err) in &batch.refused {
        eprintln!(
            "{}",
            say!(
                t().not_escalated,
                id = id,
                why = err.message(super::lang::current())
            )
        );
    }
    Ok(())
}

pub fn explain(global: &Global, args: &ExplainArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    let now = global.now(&book)?;
    let rb = book.rulebook();
    let id = book.resolve(&args.id)?;
    let (record, view) = book.view(&id, now)?;
    let complaint = record.complaint;
    super::access::Reader::of(global, &book).check(&book, &complaint)?;
    let (standing, clocks) = (&view.standing, &view.clocks);
    if render::document(
        global.format,
        complaint::output::Explanation::new(&id, now, &view),
    )? {
        return Ok(Exit::Ok);
    }
    let t = t();
    println!(
        "{}",
        say!(
            t.explain_heading,
            id = id,
            at = when(&now),
            rulebook = rb.rulebook,
            version = rb.version(),
            calendar = rb.calendar().name,
        )
    );
    let basis = |d: &Option<Decided>, what: &str| match d {
        None => say!(t.basis_none, what = what),
        Some(Decided {
            code,
            basis: Basis::Rule { number, name },
        }) => say!(
            t.basis_rule,
            what = what,
            code = code,
            number = number,
            name = name
        ),
        Some(Decided {
            code,
            basis: Basis::Override { who, reason },
        }) => say!(
            t.basis_override,
            what = what,
            code = code,
            who = who,
            reason = reason
        ),
    };
    if !rb.tiers.is_empty() {
        println!("  {}", basis(&standing.tier, t.explain_tier));
    }
    if !rb.grades.is_empty() {
        println!("  {}", basis(&standing.grade, t.explain_grade));
    }
    println!(
        "{}",
        say!(
            t.explain_level,
            name = rb.level_name(&standing.level),
            code = standing.level,
        )
    );
    for (spec, c) in clocks.iter().filter_map(|c| Some((rb.clock(&c.clock)?, c))) {
        println!();
        println!(
            "{}",
            say!(
                t.explain_clock,
                name = c.name,
                clock = c.clock,
                status = messages::clock_status(c.status),
            )
        );
        let keyed = sla::keyed_by(spec, &complaint, standing)
            .map(|(by, value)| {
                let by = match by {
                    Dimension::Grade => t.explain_grade,
                    Dimension::Tier => t.explain_tier,
                    Dimension::Category => t.explain_category,
                };
                say!(t.explain_keyed, by = by, value = value)
            })
            .unwrap_or_default();
        match &c.recurring {
            None => println!("{}", say!(t.explain_limit, limit = c.limit, keyed = keyed)),
            Some(r) => println!(
                "{}",
                say!(
                    t.explain_every,
                    every = c.limit,
                    until = r.until.join("`, `"),
                    stop = spec.stop.join("`, `"),
                    updates = r.updates,
                    missed = r.missed,
                )
            ),
        }
        match c.started {
            None => println!("{}", say!(t.explain_waits, event = spec.start)),
            Some(start) => println!(
                "{}",
                say!(t.explain_start, at = when(&start), event = spec.start)
            ),
        }
        if let Some(r) = c.recurring.as_ref().filter(|r| r.updates > 0) {
            println!("{}", say!(t.explain_since, at = when(&r.since)));
        }
        if c.extended {
            println!("{}", say!(t.explain_extended, limit = c.limit));
        }
        for pause in &c.pauses {
            match pause.to {
                Some(to) => println!(
                    "{}",
                    say!(t.explain_paused, from = when(&pause.from), to = when(&to))
                ),
                None => println!("{}", say!(t.explain_paused_since, from = when(&pause.from))),
            }
        }
        if let Some(due) = &c.due {
            print_due(due, rb);
        }
        if let Some(err) = &c.error {
            println!("{}", say!(t.explain_incomputable, why = err));
        }
        if let Some(stopped) = c.stopped {
            println!("{}", say!(t.explain_stopped, at = when(&stopped)));
        } else if let Some(left) = c.minutes_left {
            println!("{}", say!(t.explain_left, left = minutes(left)));
        }
    }
    Ok(Exit::Ok)
}

fn print_due(due: &Due, rb: &Rulebook) {
    let (t, calendar) = (t(), rb.calendar());
    println!(
        "{}",
        say!(
            t.explain_due,
            due = render::due_text(Some(&due.at), due.provisional, None),
        )
    );
    if due.provisional {
        println!(
            "{}",
            say!(
                t.explain_due_provisional,
                calendar = calendar.id,
                until = calendar.covers().1,
            )
        );
    }
    let days = |days: &[NaiveDate]| {
        days.iter()
            .map(|d| d.format("%m-%d").to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !due.counted.is_empty() && due.counted.len() <= 40 {
        println!("{}", say!(t.explain_counted, days = days(&due.counted)));
    }
    if !due.paused.is_empty() {
        println!("{}", say!(t.explain_paused_days, days = days(&due.paused)));
    }
    for (day, kind) in &due.skipped {
        let name = kind.name().map(|n| format!(" {n}")).unwrap_or_default();
        let provisional = if calendar.is_provisional(*day) {
            t.provisional_mark
        } else {
            ""
        };
        println!(
            "{}",
            say!(
                t.explain_skipped,
                day = day,
                weekday = render::weekday(*day),
                kind = messages::day_kind(kind),
                name = name,
                provisional = provisional,
            )
        );
    }
}

/// The rulebook named by --rulebook, else the book's.
fn rulebook(global: &Global, choice: &Option<String>) -> Result<Rulebook, Error> {
    match choice {
        Some(choice) => {
            let rulebook =
                complaint::files::load_rulebook(complaint::files::choose_rulebook(choice)?, None)?;
            super::lang::book_speaks(rulebook.language);
            Ok(rulebook)
        }
        None => Ok(global.book()?.rulebook().clone()),
    }
}

pub fn calendar(global: &Global, args: &CalendarArgs) -> Result<Exit, Error> {
    match &args.action {
        Some(CalendarAction::AddNotice(notice)) => {
            return super::notice::add_notice(global, notice);
        }
        Some(CalendarAction::Diff(notice)) => return super::notice::diff(global, notice),
        None => {}
    }
    let from = args.from.as_deref().unwrap_or_default();
    let rb = rulebook(global, &args.rulebook)?;
    let date = |t: &str| {
        super::parse_date(t).map_err(|e| {
            let zh = format!("`{t}` 不是日期；请写成 2026-09-30");
            Error::invalid(
                complaint::Problem::Request,
                complaint::Said::new(e, zh),
                None,
            )
        })
    };
    let (from, to) = match (&args.to, from.parse::<i32>()) {
        (None, Ok(year)) => (
            NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| {
                Error::invalid(
                    complaint::Problem::Request,
                    complaint::said!("{year} is not a year", "{year} 不是有效的年份"),
                    None,
                )
            })?,
            NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| {
                Error::invalid(
                    complaint::Problem::Request,
                    complaint::said!("{year} is not a year", "{year} 不是有效的年份"),
                    None,
                )
            })?,
        ),
        (Some(to), _) => (date(from)?, date(to)?),
        (None, Err(_)) => {
            return Err(Error::invalid(
                complaint::Problem::Request,
                complaint::said!("`{from}` is not a year", "`{from}` 不是年份"),
                complaint::said!(
                    "give a year (2026) or two dates (2026-09-28 2026-10-11)",
                    "请给出一个年份（2026）或两个日期（2026-09-28 2026-10-11）"
                ),
            ));
        }
    };
    let calendar = rb.calendar();
    let days = calendar.days(from, to)?;
    let rows: Vec<complaint::output::CalendarDay> = days
        .iter()
        .map(|(date, kind)| complaint::output::CalendarDay {
            day: complaint::calendar::Day::new(*date, kind),
            provisional: calendar.is_provisional(*date),
        })
        .collect();
    if global.format == Format::Csv {
        #[derive(Serialize, Default)]
        struct Flat {
            date: Option<NaiveDate>,
            weekday: u32,
            kind: &'static str,
            name: Option<String>,
            provisional: bool,
        }
        let flat: Vec<Flat> = rows
            .iter()
            .zip(&days)
            .map(|(r, (_, kind))| Flat {
                date: Some(r.day.date),
                weekday: r.day.weekday,
                kind: kind.label(),
                name: r.day.name.clone(),
                provisional: r.provisional,
            })
            .collect();
        render::csv(&flat)?;
    } else if !render::document(
        global.format,
        complaint::output::CalendarDays {
            calendar: calendar.id.clone(),
            official_until: calendar.covers().1,
            days: rows.clone(),
        },
    )? {
        let t = t();
        let mut table = render::table(&[t.date, t.day, t.kind, t.name]);
        for (r, (_, kind)) in rows.iter().zip(&days) {
            let kind = messages::day_kind(kind);
            table.add_row([
                r.day.date.to_string(),
                render::weekday(r.day.date).to_string(),
                if r.provisional {
                    format!("{kind}{}", t.provisional_mark)
                } else {
                    kind.to_string()
                },
                r.day.name.clone().unwrap_or_default(),
            ]);
        }
        println!("{table}");
        let working = days.iter().filter(|(_, k)| k.is_working()).count();
        println!(
            "{}",
            say!(
                t.calendar_summary,
                working = working,
                days = days.len(),
                calendar = calendar.name,
            )
        );
        if rows.iter().any(|r| r.provisional) {
            println!(
                "{}",
                say!(t.calendar_provisional, until = calendar.covers().1)
            );
        }
    }
    Ok(Exit::Ok)
}

pub fn due(global: &Global, args: &DueArgs) -> Result<Exit, Error> {
    let rb = rulebook(global, &args.rulebook)?;
    let start = match &args.from {
        Some(text) => parse_time(text, rb.zone())?,
        None => global.now_in(rb.zone())?,
    };
    let due = rb.calendar().due(start, args.within)?;
    let answer = complaint::output::DueTime {
        from: start,
        within: args.within,
        calendar: rb.calendar().id.clone(),
        due,
    };
    if !render::document(global.format, &answer)? {
        println!(
            "{}",
            say!(
                t().due_heading,
                within = args.within,
                from = when(&start),
                calendar = rb.calendar().name,
            )
        );
        print_due(&answer.due, &rb);
    }
    Ok(Exit::Ok)
}
