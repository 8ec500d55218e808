//! `calendar add-notice` and `calendar diff`: an official holiday schedule, pasted in as the
//! State Council publishes it (or as an iCalendar file), checked, shown, and written into the
//! book's calendar supplement beside the rulebook as one commit.

use std::path::PathBuf;

use chrono::NaiveDate;
use complaint::calendar::{self, Calendar, Schedule};
use complaint::rulediff::Move;
use complaint::{Error, ReadSource, Source};

use super::messages::{say, t};
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
    let schedule = complaint::notice::parse_schedule(&source, args.year, calendar)?;
    let missing = schedule.missing_statutory(calendar);
    if !missing.is_empty() && !args.force {
        return Err(Error::invalid(
            complaint::Problem::Request,
            {
                let (name, missing) = (source.name(), missing.join(", "));
                complaint::said!(
                    "{name} leaves out statutory holidays: {missing}",
                    "{name} 漏掉了法定节假日：{missing}"
                )
            },
            complaint::said!(
                "check the notice's dates; if a special notice moved the holiday, pass --force",
                "请核对通知中的日期；如果有专门通知调整了该节日，请使用 --force"
            ),
        ));
    }
    let updated = calendar
        .with_schedule(&schedule)
        .map_err(|problems| located(&source, problems))?;
    let now = global.now(&book)?;
    let scan = book.scan()?;
    let complaints: Vec<&complaint::Complaint> =
        scan.records.iter().map(|r| &r.complaint).collect();
    let moves = complaint::rulediff::deadline_moves(&complaints, rb, updated, now);
    let mut change = complaint::notice::ScheduleChange {
        calendar: calendar.id.clone(),
        years: schedule.years,
        holidays: complaint::notice::holidays(&schedule),
        missing_statutory: missing,
        moves,
        written: false,
    };
    let table = global.format == Format::Table;
    if table {
        print(
            &schedule,
            &change.holidays,
            &change.missing_statutory,
            &change.moves,
            calendar,
        );
    }
    if dry_run {
        if table {
            println!("{}", t().dry_run);
        }
    } else {
        let by = global.actor(&book)?;
        let written = book.add_schedule(&schedule, change.moves.len(), &by, now)?;
        change.written = true;
        if table {
            println!(
                "{}",
                say!(
                    t().notice_wrote,
                    path = written.display(),
                    years = schedule.years_shown()
                )
            );
        }
    }
    render::document(global.format, &change)?;
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

fn print(
    schedule: &Schedule,
    understood: &[complaint::notice::Holiday],
    missing: &[String],
    moves: &[Move],
    calendar: &Calendar,
) {
    let day = |d: NaiveDate| format!("{d} {}", render::weekday(d));
    let t = t();
    let mut table = render::table(&[t.holiday, t.from, t.to, t.days, t.makeup_workdays]);
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
    println!(
        "{}",
        say!(
            t.notice_heading,
            years = schedule.years_shown(),
            calendar = calendar.id,
            name = calendar.name
        )
    );
    println!("{table}");
    for m in missing {
        println!("{}", say!(t.notice_not_off, name = m));
    }
    if moves.is_empty() {
        println!("{}", t.notice_no_moves);
        return;
    }
    let mut table = render::table(&[
        t.complaint,
        t.clock,
        t.provisional_due,
        t.official_due,
        t.moved,
    ]);
    for m in moves {
        let at = |t: &Option<complaint::Timestamp>| t.as_ref().map_or_else(|| "none".into(), when);
        table.add_row([
            m.id.clone(),
            m.clock.code.clone(),
            at(&m.old),
            at(&m.new),
            m.moved_minutes.map(signed).unwrap_or_default(),
        ]);
    }
    println!("{table}");
    println!("{}", say!(t.notice_moves, count = moves.len()));
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
