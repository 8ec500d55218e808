//! `calendar add-notice` and `calendar diff`: an official holiday schedule, pasted in as the
//! State Council publishes it (or as an iCalendar file), checked, shown, and written into the
//! book's calendar supplement beside the rulebook as one commit.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use complaint::calendar::{self, Calendar, HolidaySpan, MakeupDay, Schedule};
use complaint::{Error, ReadSource, Source};
use serde::Serialize;

use super::render::{self, when};
use super::{Exit, Format, Global};

/// Add an official holiday schedule (a State Council notice, or an .ics file) to the book's
/// calendar; deadlines in its years stop being provisional
#[derive(Debug, clap::Args)]
pub struct AddNoticeArgs {
    #[command(flatten)]
    pub notice: NoticeArgs,
    /// Show what would be added and which deadlines would move, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// What an official schedule would change: the days it adds and the open complaints whose
/// deadlines move
#[derive(Debug, clap::Args)]
pub struct NoticeArgs {
    /// The notice's text (国务院办公厅关于XXXX年部分节假日安排的通知, as published), or an
    /// iCalendar file (.ics) of holidays and make-up working days; `-` reads standard input
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// The notice's year, if its title does not say
    #[arg(long)]
    pub year: Option<i32>,
    /// Accept a schedule that leaves out a statutory holiday (a change by special notice)
    #[arg(long)]
    pub force: bool,
}

/// One holiday of the schedule as understood.
#[derive(Serialize, Default)]
struct Understood {
    name: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    days: usize,
    makeup_workdays: Vec<NaiveDate>,
}

/// A deadline that moves.
#[derive(Serialize)]
struct Move {
    id: String,
    clock: String,
    old: String,
    new: String,
    moved_minutes: Option<i64>,
}

pub fn add_notice(global: &Global, args: &AddNoticeArgs) -> Result<Exit, Error> {
    run(global, &args.notice, args.dry_run)
}

pub fn diff(global: &Global, args: &NoticeArgs) -> Result<Exit, Error> {
    run(global, args, true)
}

fn run(global: &Global, args: &NoticeArgs, dry_run: bool) -> Result<Exit, Error> {
    let book = global.book()?;
    let rb = book.rulebook();
    let calendar = rb.calendar();
    let source = read(&args.file)?;
    let schedule = parse(&source, args.year, calendar)?;
    let missing = missing_statutory(calendar, &schedule);
    if !missing.is_empty() && !args.force {
        return Err(Error::invalid(
            complaint::Problem::Request,
            format!(
                "{} leaves out statutory holidays: {}",
                source.name(),
                missing.join(", ")
            ),
            Some(
                "check the notice's dates; if a special notice moved the holiday, pass --force"
                    .to_string(),
            ),
        ));
    }
    let updated = calendar
        .with_schedule(&schedule)
        .map_err(|problems| located(&source, problems))?;
    let now = global.now(&book)?;
    let scan = book.scan()?;
    let open: Vec<&complaint::Complaint> = scan
        .records
        .iter()
        .map(|r| &r.complaint)
        .filter(|c| complaint::State::of(c).status.is_open())
        .collect();
    let moves: Vec<Move> = complaint::rulediff::impacts(&open, rb, &rb.with_calendar(updated), now)
        .into_iter()
        .filter_map(|i| {
            let clock = i.what.strip_suffix(" due")?.to_string();
            Some(Move {
                id: i.id,
                clock,
                old: i.old,
                new: i.new,
                moved_minutes: i.moved_minutes,
            })
        })
        .collect();
    let understood = understood(&schedule);
    match global.format {
        Format::Json | Format::Yaml | Format::Csv => {
            #[derive(Serialize)]
            struct Out<'a> {
                calendar: &'a str,
                years: (i32, i32),
                holidays: &'a [Understood],
                missing_statutory: &'a [String],
                moves: &'a [Move],
                written: bool,
            }
            let out = Out {
                calendar: &calendar.id,
                years: schedule.years,
                holidays: &understood,
                missing_statutory: &missing,
                moves: &moves,
                written: !dry_run,
            };
            if global.format == Format::Yaml {
                render::yaml(&out)?;
            } else {
                render::json(&out)?;
            }
        }
        Format::Table | Format::Html => print(
            rb.language,
            &schedule,
            &understood,
            &missing,
            &moves,
            calendar,
        ),
    }
    if dry_run {
        if global.format == Format::Table {
            println!("dry run: nothing written");
        }
        return Ok(Exit::Ok);
    }
    let name = calendar::supplement_name(&calendar.id);
    let relative = rulebook_dir(&book).join(&name);
    let text = supplement_text(&book, &relative, calendar, &schedule)?;
    // The days were checked against the calendar above; the file is checked to read back.
    calendar::supplement_schedule(&Source::new(name.clone(), text.clone()))?;
    let by = global.actor(&book)?;
    let (first, last) = schedule.years;
    let years = if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    };
    let message = format!(
        "calendar {}: official schedule for {years} added by {by} ({} deadline(s) moved)",
        calendar.id,
        moves.len()
    );
    book.save_file(&relative, &text, &message, &by, now)?;
    if global.format == Format::Table {
        println!(
            "wrote {}: deadlines in {years} are official",
            relative.display()
        );
    }
    Ok(Exit::Ok)
}

/// The calendar's problems with the schedule, pointing into the notice where they can.
fn located(source: &Source, problems: Vec<calendar::DayProblem>) -> Error {
    let problems: Vec<_> = problems.into_iter().map(|p| p.located(source)).collect();
    complaint::error::Problems {
        summary: format!(
            "{} cannot be added: {} problem(s)",
            source.name(),
            problems.len()
        ),
        problems,
    }
    .into()
}

fn read(path: &std::path::Path) -> Result<Source, Error> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| Error::io(path, e))?;
        Ok(Source::new("<stdin>", text))
    } else {
        Source::read(path, path.display().to_string())
    }
}

/// The schedule in the file, for the years after the calendar's official ones. An iCalendar
/// subscription also repeats years the calendar has: days that agree with it are left out,
/// and any other day is kept so that adding it reports the clash.
fn parse(source: &Source, year: Option<i32>, calendar: &Calendar) -> Result<Schedule, Error> {
    let is_ics = source
        .text()
        .trim_start_matches('\u{feff}')
        .trim_start()
        .get(..15)
        .is_some_and(|head| head.eq_ignore_ascii_case("BEGIN:VCALENDAR"));
    let parsed = if is_ics {
        complaint::notice::parse_ics(source)?
    } else {
        complaint::notice::parse_notice(source, year)?
    };
    if parsed.dated_years().is_none() {
        return Err(Error::invalid(
            complaint::Problem::Request,
            format!("{} names no days", source.name()),
            Some("give the notice's whole text".to_string()),
        ));
    }
    if !is_ics {
        return Ok(parsed);
    }
    let last = parsed.years.1;
    if last <= calendar.covers().1 {
        return Err(Error::invalid(
            complaint::Problem::Request,
            format!(
                "{} has nothing to add: the calendar `{}` has the official schedule to {} already",
                source.name(),
                calendar.id,
                calendar.covers().1
            ),
            Some("a subscription adds the years after the calendar's last".to_string()),
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

/// The statutory days of the schedule's years that it does not give off. A statutory day on a
/// weekend that the schedule does not make a working day is off anyway (a feed lists only its
/// substitute weekday).
fn missing_statutory(calendar: &Calendar, schedule: &Schedule) -> Vec<String> {
    let Some(law) = calendar.law() else {
        return Vec::new();
    };
    let off = |date: NaiveDate| {
        schedule
            .holidays
            .iter()
            .any(|s| s.from <= date && date <= s.to.unwrap_or(s.from))
    };
    let worked = |date: NaiveDate| schedule.makeup_workdays.iter().any(|d| d.date == date);
    let weekend =
        |date: NaiveDate| matches!(date.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
    (schedule.years.0..=schedule.years.1)
        .flat_map(|year| law.statutory(year))
        .filter(|(date, _)| !off(*date) && (worked(*date) || !weekend(*date)))
        .map(|(date, name)| format!("{name} {date}"))
        .collect()
}

fn understood(schedule: &Schedule) -> Vec<Understood> {
    let mut rows: Vec<Understood> = schedule
        .holidays
        .iter()
        .map(|span| {
            let to = span.to.unwrap_or(span.from);
            Understood {
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
            None => rows.push(Understood {
                name: day.serves.clone(),
                makeup_workdays: vec![day.date],
                ..Understood::default()
            }),
        }
    }
    rows
}

fn print(
    language: complaint::rulebook::Language,
    schedule: &Schedule,
    understood: &[Understood],
    missing: &[String],
    moves: &[Move],
    calendar: &Calendar,
) {
    let day = |d: NaiveDate| format!("{d} {}", render::weekday(d, language));
    let mut table = render::table(&["Holiday", "From", "To", "Days", "Make-up working days"]);
    for r in understood {
        table.add_row([
            r.name.clone(),
            r.from.map(day).unwrap_or_default(),
            r.to.map(day).unwrap_or_default(),
            if r.days > 0 {
                r.days.to_string()
            } else {
                String::new()
            },
            r.makeup_workdays
                .iter()
                .map(|d| day(*d))
                .collect::<Vec<_>>()
                .join("、"),
        ]);
    }
    let (first, last) = schedule.years;
    println!(
        "official schedule for {} of the calendar `{}` ({}):",
        if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        },
        calendar.id,
        calendar.name
    );
    println!("{table}");
    for m in missing {
        println!("warning: the statutory holiday {m} is not given off (accepted with --force)");
    }
    if moves.is_empty() {
        println!("no open complaint's deadline moves");
        return;
    }
    let mut table = render::table(&[
        "Complaint",
        "Clock",
        "Provisional due",
        "Official due",
        "Moved",
    ]);
    for m in moves {
        let at = |text: &str| {
            chrono::DateTime::parse_from_rfc3339(text)
                .map_or_else(|_| text.to_string(), |t| when(&t))
        };
        table.add_row([
            m.id.clone(),
            m.clock.clone(),
            at(&m.old),
            at(&m.new),
            m.moved_minutes.map(signed).unwrap_or_default(),
        ]);
    }
    println!("{table}");
    println!("{} deadline(s) move", moves.len());
}

/// `+2d`, `-1d 3h`: how far a deadline moves.
fn signed(minutes: i64) -> String {
    let text = render::minutes(minutes);
    if minutes > 0 {
        format!("+{text}")
    } else {
        text
    }
}

/// The folder the rulebook is in, relative to the book (where the supplement goes).
fn rulebook_dir(book: &complaint::Book) -> PathBuf {
    book.config()
        .rulebook
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or_default()
}

/// The supplement file with this schedule added to what it had.
fn supplement_text(
    book: &complaint::Book,
    relative: &std::path::Path,
    calendar: &Calendar,
    schedule: &Schedule,
) -> Result<String, Error> {
    let path = book.root().join(relative);
    let mut all = Schedule {
        years: schedule.years,
        ..Schedule::default()
    };
    if path.is_file() {
        let source = Source::read(&path, relative.display().to_string())?;
        let before = calendar::supplement_schedule(&source)?;
        all.years.0 = before.years.0;
        all.holidays = before.holidays;
        all.makeup_workdays = before.makeup_workdays;
    }
    all.holidays.extend(schedule.holidays.iter().cloned());
    all.makeup_workdays
        .extend(schedule.makeup_workdays.iter().cloned());
    Ok(calendar.supplement_text(&all))
}
