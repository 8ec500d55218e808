//! Working days: a work week, dated holidays, make-up working days (调休), optional business
//! hours — and deadlines counted on them, each with the days it skipped.
//!
//! Periods counted in days follow the Civil Code of the PRC, articles 201 and 203: the day the
//! period starts is not counted; if the last day is not a working day the period runs to the
//! next working day; the period ends at 24:00 of its last day, or at the close of business where
//! business hours are declared. Knows nothing of complaints.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::duration::{Duration, Unit};
use crate::error::{Error, Problems};
use crate::model::Timestamp;
use crate::source::{Files, Source};
use crate::statutory::Law;

/// The years a calendar file may cover.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Named days, by date.
type NamedDays = BTreeMap<NaiveDate, String>;

/// A span of days off, as calendar files write it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HolidaySpan {
    /// The holiday's name, as the notice gives it (`春节`); make-up days refer to it.
    pub name: String,
    /// The first day off.
    pub from: NaiveDate,
    /// The last day off, inclusive; left out for a single day.
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

/// A weekend day that is a working day.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MakeupDay {
    /// The weekend day that is worked.
    pub date: NaiveDate,
    /// The name of the holiday it makes up for (`for:` in the file).
    #[serde(rename = "for")]
    pub serves: String,
}

/// A range of years, both inclusive (`covers: {from: 2004, to: 2026}`).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Years {
    /// The first year.
    pub from: i32,
    /// The last year.
    pub to: i32,
}

/// A calendar file (`rules/calendars/*.yaml`; see `rules/calendars/FORMAT.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    /// The calendar's short id (`cn`), which rulebooks name in `calendar: {base: cn}`.
    pub calendar: String,
    /// The display name (`中国大陆法定节假日`).
    pub name: String,
    /// Where the dates come from (the official notices), for people checking them.
    #[serde(default)]
    pub source: Option<String>,
    /// The days of the week that are off unless declared make-up working days.
    pub weekend: Vec<WeekdayName>,
    /// The years of the official schedule the file holds; dates must fall inside them.
    pub covers: Years,
    /// The law that gives provisional days off in the years after `covers`, until the
    /// official schedule for them is added.
    #[serde(default)]
    pub provisional: Option<Law>,
    /// Days off, each span with its holiday's name; spans list weekend days inside them too.
    #[serde(default)]
    pub holidays: Vec<HolidaySpan>,
    /// Weekend days that are working days (调休), each with the holiday it serves.
    #[serde(default)]
    pub makeup_workdays: Vec<MakeupDay>,
}

/// A weekday as written in files (`saturday`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WeekdayName {
    /// `monday`
    Monday,
    /// `tuesday`
    Tuesday,
    /// `wednesday`
    Wednesday,
    /// `thursday`
    Thursday,
    /// `friday`
    Friday,
    /// `saturday`
    Saturday,
    /// `sunday`
    Sunday,
}

impl From<WeekdayName> for Weekday {
    fn from(day: WeekdayName) -> Weekday {
        match day {
            WeekdayName::Monday => Weekday::Mon,
            WeekdayName::Tuesday => Weekday::Tue,
            WeekdayName::Wednesday => Weekday::Wed,
            WeekdayName::Thursday => Weekday::Thu,
            WeekdayName::Friday => Weekday::Fri,
            WeekdayName::Saturday => Weekday::Sat,
            WeekdayName::Sunday => Weekday::Sun,
        }
    }
}

/// Opening hours on working days, for business-hour clocks and close-of-business deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BusinessHours {
    /// Opening time, local to the calendar's zone.
    pub open: NaiveTime,
    /// Close of business, local to the calendar's zone; day-counted deadlines end here.
    pub close: NaiveTime,
}

/// What a day is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary working day of the work week.
    Workday,
    /// A weekend day that is not a make-up working day.
    Weekend,
    /// A day off of the named holiday.
    Holiday(String),
    /// A weekend day worked (调休) for the named holiday.
    MakeupWorkday(String),
}

impl DayKind {
    /// Whether deadlines count the day: a workday or a make-up working day.
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeupWorkday(_))
    }

    /// The kind as written in output and tests: `workday`, `weekend`, `holiday`, `makeup_workday`.
    pub fn label(&self) -> &'static str {
        match self {
            DayKind::Workday => "workday",
            DayKind::Weekend => "weekend",
            DayKind::Holiday(_) => "holiday",
            DayKind::MakeupWorkday(_) => "makeup_workday",
        }
    }

    /// The holiday's name for a holiday or make-up working day; `None` otherwise.
    pub fn name(&self) -> Option<&str> {
        match self {
            DayKind::Holiday(n) | DayKind::MakeupWorkday(n) => Some(n),
            _ => None,
        }
    }
}

/// What a day is, as outputs write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayType {
    /// An ordinary working day of the work week.
    Workday,
    /// A weekend day that is not a make-up working day.
    Weekend,
    /// A day off of a holiday.
    Holiday,
    /// A weekend day worked (调休) for a holiday.
    MakeupWorkday,
}

/// A day as every output gives it (`calendar`, the days a due time skipped): the same four
/// fields wherever it appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Day {
    /// The date (`2026-10-01`).
    pub date: NaiveDate,
    /// The day of the week, ISO 8601: 1 is Monday, 7 is Sunday.
    pub weekday: u32,
    /// What the day is.
    pub kind: DayType,
    /// The holiday's name for a holiday or make-up working day; `null` otherwise.
    pub name: Option<String>,
}

impl Day {
    /// `date`, which is of `kind`.
    pub fn new(date: NaiveDate, kind: &DayKind) -> Day {
        Day {
            date,
            weekday: date.weekday().number_from_monday(),
            kind: match kind {
                DayKind::Workday => DayType::Workday,
                DayKind::Weekend => DayType::Weekend,
                DayKind::Holiday(_) => DayType::Holiday,
                DayKind::MakeupWorkday(_) => DayType::MakeupWorkday,
            },
            name: kind.name().map(str::to_string),
        }
    }
}

/// The skipped days of a due time as [`Day`]s.
fn skipped_days<S: serde::Serializer>(
    skipped: &[(NaiveDate, DayKind)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(skipped.iter().map(|(date, kind)| Day::new(*date, kind)))
}

/// A working-day calendar in a time zone.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The calendar's short id (`cn`), as rulebooks name it.
    pub id: String,
    /// The display name.
    pub name: String,
    zone: Tz,
    weekend: Vec<Weekday>,
    covers: (i32, i32),
    /// The law for the years after `covers`, and its days off, computed once per year.
    provisional: Option<(Law, Arc<[OnceLock<NamedDays>]>)>,
    holidays: BTreeMap<NaiveDate, String>,
    makeup: BTreeMap<NaiveDate, String>,
    hours: Option<BusinessHours>,
    /// Whether a period of calendar days whose last day is not a working day runs on to the
    /// next working day (the Civil Code's rule, the default).
    roll: bool,
}

/// Something wrong with a declared day.
#[derive(Debug, Clone)]
pub struct DayProblem {
    /// The day declared wrongly.
    pub date: NaiveDate,
    /// What is wrong with it.
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
}

impl DayProblem {
    /// The problem as an error underlining the date where it is written in `source`.
    pub fn located(self, source: &Source) -> crate::error::SourceError {
        let needle = self.date.to_string();
        // Where the date is declared (`from:`, `to:`, `date:`), not where a comment mentions it.
        let declared = ["from: ", "to: ", "date: "]
            .iter()
            .filter_map(|key| {
                source
                    .text()
                    .find(&format!("{key}{needle}"))
                    .map(|o| o + key.len())
            })
            .min();
        let offset = declared.or_else(|| source.text().find(&needle));
        source
            .error(self.message, offset.map(|o| (o, needle.len())), "here")
            .with_help(Some(self.help.to_string()))
    }
}

/// A computed deadline and how it was reached: the one shape of a due time in every output.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Due {
    /// When it falls due, in the calendar's zone.
    pub at: Timestamp,
    /// Days counted towards the limit (for day-based durations).
    pub counted: Vec<NaiveDate>,
    /// Days passed over because they were not working days.
    #[serde(serialize_with = "skipped_days")]
    #[schemars(with = "Vec<Day>")]
    pub skipped: Vec<(NaiveDate, DayKind)>,
    /// Days that did not count because the clock was paused (they moved the due time later).
    pub paused: Vec<NaiveDate>,
    /// Whether a day it counted or skipped lies after the published schedule, where the days
    /// off are the law's and the official notice may still move the deadline.
    pub provisional: bool,
}

/// An official schedule for some years: the days off and the make-up working days.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    /// The first and last year it is the schedule of.
    pub years: (i32, i32),
    /// Days off, each span with its holiday's name.
    pub holidays: Vec<HolidaySpan>,
    /// Weekend days that are working days (调休), each with the holiday it serves.
    pub makeup_workdays: Vec<MakeupDay>,
}

impl Schedule {
    /// The first and last year of any date in it; `None` when it declares nothing.
    pub fn dated_years(&self) -> Option<(i32, i32)> {
        let spans = self.holidays.iter().flat_map(|s| [Some(s.from), s.to]);
        let days = spans
            .flatten()
            .chain(self.makeup_workdays.iter().map(|d| d.date));
        days.map(|day| day.year())
            .fold(None, |years, year| match years {
                None => Some((year, year)),
                Some((first, last)) => Some((first.min(year), last.max(year))),
            })
    }

    /// Its years as a notice names them: `2027`, or `2027–2028`.
    pub fn years_shown(&self) -> String {
        let (first, last) = self.years;
        if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        }
    }

    /// The statutory days of its years, under `calendar`'s law, that it does not give off, as
    /// `劳动节 2027-05-01`. A statutory day on a weekend that it does not make a working day is
    /// off anyway (a feed lists only its substitute weekday). A calendar with no law has none.
    pub fn missing_statutory(&self, calendar: &Calendar) -> Vec<String> {
        let Some(law) = calendar.law() else {
            return Vec::new();
        };
        let off = |date: NaiveDate| {
            self.holidays
                .iter()
                .any(|s| s.from <= date && date <= s.to.unwrap_or(s.from))
        };
        let worked = |date: NaiveDate| self.makeup_workdays.iter().any(|d| d.date == date);
        let weekend = |date: NaiveDate| matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        (self.years.0..=self.years.1)
            .flat_map(|year| law.statutory(year))
            .filter(|(date, _)| !off(*date) && (worked(*date) || !weekend(*date)))
            .map(|(date, name)| format!("{name} {date}"))
            .collect()
    }
}

/// The schedule a supplement file holds.
pub fn supplement_schedule(source: &Source) -> Result<Schedule, Error> {
    let file: CalendarFile = crate::yaml::parse(source)?;
    Ok(Schedule {
        years: (file.covers.from, file.covers.to),
        holidays: file.holidays,
        makeup_workdays: file.makeup_workdays,
    })
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// The file beside a rulebook that holds official schedules added to its calendar `id`.
pub fn supplement_name(id: &str) -> String {
    format!("calendar.{id}.yaml")
}

fn problems_error(source: &Source, problems: Vec<crate::error::SourceError>) -> Error {
    Problems {
        summary: format!("{} has {} problem(s)", source.name(), problems.len()),
        problems,
    }
    .into()
}

/// The calendars that ship inside the binary.
pub fn shipped() -> &'static [(&'static str, &'static str)] {
    &[
        ("cn", include_str!("../../../rules/calendars/cn.yaml")),
        (
            "gb-eaw",
            include_str!("../../../rules/calendars/gb-eaw.yaml"),
        ),
    ]
}

impl Calendar {
    /// Builds a calendar from a file, checking it; all problems are reported together.
    pub fn from_file(source: &Source, zone: Tz) -> Result<Calendar, Error> {
        let file: CalendarFile = crate::yaml::parse(source)?;
        let Years { from, to } = file.covers;
        if !(YEARS.contains(&from) && YEARS.contains(&to) && from <= to) {
            let at = source.text().find("covers");
            return Err(source
                .error(
                    format!("`covers` is {from}–{to}: a calendar covers years from {} to {}, the first not after the last", YEARS.start(), YEARS.end()),
                    at.map(|o| (o, "covers".len())),
                    "here",
                )
                .with_help(Some("write the years of the schedule the file holds: covers: {from: 2004, to: 2026}".into()))
                .into());
        }
        let mut calendar = Calendar {
            id: file.calendar,
            name: file.name,
            zone,
            weekend: file.weekend.iter().map(|&d| d.into()).collect(),
            covers: (file.covers.from, file.covers.to),
            provisional: None,
            holidays: BTreeMap::new(),
            makeup: BTreeMap::new(),
            hours: None,
            roll: true,
        };
        calendar.set_provisional(file.provisional);
        let problems = calendar.declare(&file.holidays, &file.makeup_workdays);
        if !problems.is_empty() {
            let problems = problems.into_iter().map(|p| p.located(source)).collect();
            return Err(problems_error(source, problems));
        }
        Ok(calendar)
    }

    /// Adds days off and make-up working days, checking each: inside the covered years, spans
    /// in order, no day in two holidays, no day both off and worked, make-up days on weekends.
    pub fn declare(&mut self, holidays: &[HolidaySpan], makeup: &[MakeupDay]) -> Vec<DayProblem> {
        let (first, last) = (self.covers.0, self.horizon());
        let mut problems = Vec::new();
        let mut problem = |date: NaiveDate, message: String, help: &'static str| {
            problems.push(DayProblem {
                date,
                message,
                help,
            })
        };
        let outside = |day: NaiveDate| {
            format!("{day} is outside the years the calendar can cover ({first}–{last})")
        };
        for span in holidays {
            let to = span.to.unwrap_or(span.from);
            if to < span.from {
                problem(
                    to,
                    format!("{} ends ({to}) before it starts ({})", span.name, span.from),
                    "swap `from` and `to`",
                );
                continue;
            }
            // One problem per span, not per day: a span of years would list every day.
            if let Some(day) = [span.from, to]
                .into_iter()
                .find(|d| !(first..=last).contains(&d.year()))
            {
                problem(day, outside(day), "widen `covers`, or remove the day");
                continue;
            }
            if (to - span.from).num_days() > 366 {
                problem(
                    to,
                    format!(
                        "{} lasts from {} to {to}, more than a year",
                        span.name, span.from
                    ),
                    "a holiday is a few days: check the dates",
                );
                continue;
            }
            for day in span.from.iter_days().take_while(|d| *d <= to) {
                if !(first..=last).contains(&day.year()) {
                    problem(day, outside(day), "widen `covers`, or remove the day");
                } else if self.makeup.contains_key(&day) {
                    problem(
                        day,
                        format!("{day} is declared both a holiday and a make-up working day"),
                        "remove it from one of the two lists",
                    );
                } else if let Some(other) = self.holidays.insert(day, span.name.clone()) {
                    problem(
                        day,
                        format!("{day} is in two holidays: {other} and {}", span.name),
                        "a day can be in one holiday only",
                    );
                }
            }
        }
        for day in makeup {
            let date = day.date;
            if self.holidays.contains_key(&date) {
                problem(
                    date,
                    format!("{date} is declared both a holiday and a make-up working day"),
                    "remove it from one of the two lists",
                );
            } else if !self.weekend.contains(&date.weekday()) {
                problem(
                    date,
                    format!(
                        "{date} is a make-up working day but not a weekend day ({})",
                        date.weekday()
                    ),
                    "make-up working days are weekend days that are worked",
                );
            } else if !(first..=last).contains(&date.year()) {
                problem(date, outside(date), "widen `covers`, or remove the day");
            } else {
                self.makeup.insert(date, day.serves.clone());
            }
        }
        problems
    }

    /// A shipped calendar by id (`cn`, `gb-eaw`), or a calendar file at `path`; with the
    /// official schedules added in `base` ([`supplement_name`]), if any.
    pub fn load(choice: &str, files: Option<&dyn Files>, zone: Tz) -> Result<Calendar, Error> {
        let calendar = Calendar::load_base(choice, files, zone)?;
        let Some(files) = files else {
            return Ok(calendar);
        };
        match files.read(&supplement_name(&calendar.id))? {
            Some(source) => calendar.with_supplement(&source),
            None => Ok(calendar),
        }
    }

    fn load_base(choice: &str, files: Option<&dyn Files>, zone: Tz) -> Result<Calendar, Error> {
        if let Some((name, text)) = shipped().iter().find(|(name, _)| *name == choice) {
            return Calendar::from_file(
                &Source::new(format!("<shipped>/calendars/{name}.yaml"), *text),
                zone,
            );
        }
        if let Some(source) = files.map(|f| f.read(choice)).transpose()?.flatten() {
            return Calendar::from_file(&source, zone);
        }
        let names: Vec<&str> = shipped().iter().map(|(n, _)| *n).collect();
        let names = names.join(", ");
        Err(Error::invalid(
            crate::error::Problem::Unknown,
            crate::said!(
                "there is no calendar `{choice}`",
                "没有名为 `{choice}` 的日历"
            ),
            crate::said!(
                "use a shipped calendar ({names}) or a calendar file's path",
                "请使用内置日历（{names}）或日历文件的路径"
            ),
        ))
    }

    /// This calendar with the official schedules of a supplement file (written by `complaint
    /// calendar add-notice`) added: the years it covers stop being provisional.
    pub fn with_supplement(&self, source: &Source) -> Result<Calendar, Error> {
        let file: CalendarFile = crate::yaml::parse(source)?;
        let mut problems = Vec::new();
        let schedule = Schedule {
            years: (file.covers.from, file.covers.to),
            holidays: file.holidays,
            makeup_workdays: file.makeup_workdays,
        };
        if file.calendar != self.id {
            let offset = source.text().find(&file.calendar);
            problems.push(
                source
                    .error(
                        format!(
                            "this file adds to the calendar `{}`, but the rulebook's is `{}`",
                            file.calendar, self.id
                        ),
                        offset.map(|o| (o, file.calendar.len())),
                        "here",
                    )
                    .with_help(Some(format!(
                        "name it {} or change `calendar:`",
                        supplement_name(&file.calendar)
                    ))),
            );
        }
        match self.with_schedule(&schedule) {
            Ok(calendar) if problems.is_empty() => Ok(calendar),
            Ok(_) => Err(problems_error(source, problems)),
            Err(found) => {
                problems.extend(found.into_iter().map(|p| p.located(source)));
                Err(problems_error(source, problems))
            }
        }
    }

    /// The text of a supplement file holding `schedule` for this calendar, grouped by year.
    pub fn supplement_text(&self, schedule: &Schedule) -> String {
        use std::fmt::Write;
        let weekend: Vec<&str> = self.weekend.iter().map(|d| weekday_name(*d)).collect();
        let quoted = |text: &str| serde_json::to_string(text).unwrap_or_default();
        let mut out = format!(
            "# Official schedules added to the calendar `{id}` with `complaint calendar add-notice`.\n\
             # Deadlines in these years are official; after them they are provisional.\n\
             calendar: {id}\nname: {name}\nweekend: [{weekend}]\ncovers: {{from: {from}, to: {to}}}\n",
            id = self.id,
            name = quoted(&self.name),
            weekend = weekend.join(", "),
            from = schedule.years.0,
            to = schedule.years.1,
        );
        let mut year = None;
        // An empty list is written `[]`: a bare `key:` reads back as null, not a list.
        out.push_str(if schedule.holidays.is_empty() {
            "holidays: []\n"
        } else {
            "holidays:\n"
        });
        for span in &schedule.holidays {
            let to = span.to.unwrap_or(span.from);
            if year != Some(to.year()) {
                year = Some(to.year());
                let _ = writeln!(out, "  # {}", to.year());
            }
            let _ = writeln!(
                out,
                "  - {{name: {}, from: {}, to: {to}}}",
                quoted(&span.name),
                span.from
            );
        }
        year = None;
        out.push_str(if schedule.makeup_workdays.is_empty() {
            "makeup_workdays: []\n"
        } else {
            "makeup_workdays:\n"
        });
        for day in &schedule.makeup_workdays {
            if year != Some(day.date.year()) {
                year = Some(day.date.year());
                let _ = writeln!(out, "  # {}", day.date.year());
            }
            let _ = writeln!(
                out,
                "  - {{date: {}, for: {}}}",
                day.date,
                quoted(&day.serves)
            );
        }
        out
    }

    /// This calendar with an official schedule added for the years after it: those years
    /// stop being provisional. The years must follow on from the calendar's last.
    pub fn with_schedule(&self, schedule: &Schedule) -> Result<Calendar, Vec<DayProblem>> {
        let (from, to) = schedule.years;
        let first_day = |year: i32| NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        if from <= self.covers.1 {
            return Err(vec![DayProblem {
                date: first_day(from),
                message: format!(
                    "the calendar `{}` has the official schedule for {from} already",
                    self.id
                ),
                help: "add only years after the calendar's last; correct a year by editing its file",
            }]);
        }
        if from > self.covers.1 + 1 {
            return Err(vec![DayProblem {
                date: first_day(from),
                message: format!(
                    "the calendar `{}` ends with {}: the schedule for {} comes before {from}",
                    self.id,
                    self.covers.1,
                    self.covers.1 + 1
                ),
                help: "add the years in order",
            }]);
        }
        let mut calendar = self.clone();
        calendar.extend_official(to);
        let problems = calendar.declare(&schedule.holidays, &schedule.makeup_workdays);
        if problems.is_empty() {
            Ok(calendar)
        } else {
            Err(problems)
        }
    }

    /// The calendar with these opening hours (`None`: none, days end at 24:00).
    pub fn with_business_hours(mut self, hours: Option<BusinessHours>) -> Calendar {
        self.hours = hours;
        self
    }

    /// Sets whether calendar-day periods roll on to the next working day.
    pub fn with_roll(mut self, roll: bool) -> Calendar {
        self.roll = roll;
        self
    }

    /// The opening hours, if the rulebook declares them.
    pub fn business_hours(&self) -> Option<BusinessHours> {
        self.hours
    }

    /// The time zone its days and deadlines are reckoned in.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The years of the official schedule this calendar holds.
    pub fn covers(&self) -> (i32, i32) {
        self.covers
    }

    /// The last year any day can be told: the law's last year where the calendar has one,
    /// otherwise the last year of the official schedule.
    pub fn horizon(&self) -> i32 {
        match &self.provisional {
            Some((law, _)) => law.years().1.max(self.covers.1),
            None => self.covers.1,
        }
    }

    /// The law that gives the days off after the official schedule, if any.
    pub fn law(&self) -> Option<Law> {
        self.provisional.as_ref().map(|(law, _)| *law)
    }

    fn set_provisional(&mut self, law: Option<Law>) {
        self.provisional = law.map(|law| {
            let years = (self.covers.1.saturating_add(1)..=law.years().1.max(self.covers.1))
                .map(|_| OnceLock::new())
                .collect();
            (law, years)
        });
    }

    /// Extends the official schedule to `last` (an official notice added for later years):
    /// those years stop being provisional.
    fn extend_official(&mut self, last: i32) {
        if last > self.covers.1 {
            let law = self.law();
            self.covers.1 = last;
            self.set_provisional(law);
        }
    }

    /// Whether `date` is after the official schedule, where only the law says what it is.
    pub fn is_provisional(&self, date: NaiveDate) -> bool {
        date.year() > self.covers.1
    }

    /// The law's days off in a provisional year, computed the first time they are asked for.
    fn provisional_days(&self, year: i32) -> Option<&NamedDays> {
        let (law, years) = self.provisional.as_ref()?;
        let slot = years.get(usize::try_from(year - self.covers.1 - 1).ok()?)?;
        Some(slot.get_or_init(|| {
            law.days_off(year)
                .into_iter()
                .map(|day| (day.date, day.name))
                .collect()
        }))
    }

    /// What `date` is. Days outside the years the calendar can tell are an error, never a
    /// guess; after the official schedule the law's days off are used (see
    /// [`Calendar::is_provisional`]).
    pub fn day(&self, date: NaiveDate) -> Result<DayKind, Error> {
        let (first, last) = (self.covers.0, self.horizon());
        if !(first..=last).contains(&date.year()) {
            let (id, year) = (&self.id, date.year());
            return Err(Error::invalid(
                crate::error::Problem::Calendar,
                crate::said!(
                    "{date} is outside the years the calendar `{id}` knows ({first}–{last})",
                    "{date} 不在日历 `{id}` 所知的年份内（{first}–{last}）"
                ),
                crate::said!(
                    "add the official schedule for {year} with `complaint calendar add-notice`",
                    "请用 `complaint calendar add-notice` 添加 {year} 年的官方放假安排"
                ),
            ));
        }
        let provisional = || {
            if self.is_provisional(date) {
                self.provisional_days(date.year())?.get(&date)
            } else {
                None
            }
        };
        Ok(if let Some(name) = self.holidays.get(&date) {
            DayKind::Holiday(name.clone())
        } else if let Some(name) = self.makeup.get(&date) {
            DayKind::MakeupWorkday(name.clone())
        } else if let Some(name) = provisional() {
            DayKind::Holiday(name.clone())
        } else if self.weekend.contains(&date.weekday()) {
            DayKind::Weekend
        } else {
            DayKind::Workday
        })
    }

    /// The instant in this calendar's zone for a local date and time.
    fn at(&self, date: NaiveDate, time: NaiveTime) -> Timestamp {
        let local = NaiveDateTime::new(date, time);
        match self.zone.from_local_datetime(&local).earliest() {
            Some(t) => t.fixed_offset(),
            // A time skipped by a daylight-saving jump: the moment the clocks jumped to.
            None => self.zone.from_utc_datetime(&local).fixed_offset(),
        }
    }

    /// The end of `date`: 24:00 (midnight starting the next day), or close of business.
    fn end_of(&self, date: NaiveDate) -> Timestamp {
        match self.hours {
            Some(hours) => self.at(date, hours.close),
            None => self.at(date + Days::new(1), NaiveTime::MIN),
        }
    }

    /// When a period of `duration` that starts at `start` ends.
    pub fn due(&self, start: Timestamp, duration: Duration) -> Result<Due, Error> {
        let amount = i64::from(duration.amount);
        let local_start = start.with_timezone(&self.zone);
        let first_day = local_start.date_naive();
        let mut due = Due {
            at: start,
            counted: Vec::new(),
            skipped: Vec::new(),
            paused: Vec::new(),
            provisional: false,
        };
        match duration.unit {
            Unit::Minutes => due.at = start + chrono::Duration::minutes(amount),
            Unit::Hours => due.at = start + chrono::Duration::hours(amount),
            Unit::Days => {
                // The starting day is not counted; the last day moves past days off.
                let mut last = first_day + Days::new(u64::from(duration.amount));
                due.counted = first_day
                    .iter_days()
                    .skip(1)
                    .take(duration.amount as usize)
                    .collect();
                loop {
                    let kind = self.day(last)?;
                    if kind.is_working() || !self.roll {
                        break;
                    }
                    due.skipped.push((last, kind));
                    last = last + Days::new(1);
                }
                due.at = self.end_of(last);
                due.provisional = self.is_provisional(last);
            }
            Unit::WorkingDays => {
                let mut day = first_day;
                while due.counted.len() < duration.amount as usize {
                    day = day + Days::new(1);
                    let kind = self.day(day)?;
                    if kind.is_working() {
                        due.counted.push(day);
                    } else {
                        due.skipped.push((day, kind));
                    }
                }
                due.at = self.end_of(day);
                due.provisional = self.is_provisional(day);
            }
            Unit::BusinessHours => due = self.after_business_minutes(start, amount * 60)?,
        }
        Ok(due)
    }

    fn hours_or_error(&self) -> Result<BusinessHours, Error> {
        self.hours.ok_or_else(|| {
            Error::invalid(
                crate::error::Problem::Calendar,
                crate::said!(
                    "a clock counts business hours, but the calendar has none",
                    "有时限按营业时间计算，但日历中没有营业时间"
                ),
                crate::said!(
                    "declare `business_hours: {{open: \"09:00\", close: \"18:00\"}}` in the rulebook's calendar",
                    "请在规则的日历中声明 `business_hours: {{open: \"09:00\", close: \"18:00\"}}`"
                ),
            )
        })
    }

    /// The instant `minutes` of business time after `start`.
    pub fn after_business_minutes(&self, start: Timestamp, minutes: i64) -> Result<Due, Error> {
        let hours = self.hours_or_error()?;
        let local_start = start.with_timezone(&self.zone);
        let mut due = Due {
            at: start,
            counted: Vec::new(),
            skipped: Vec::new(),
            paused: Vec::new(),
            provisional: false,
        };
        let mut left = chrono::Duration::minutes(minutes);
        let mut day = local_start.date_naive();
        let mut from = local_start.time();
        loop {
            let kind = self.day(day)?;
            if kind.is_working() {
                let open = from.max(hours.open);
                if open < hours.close {
                    let available = hours.close - open;
                    due.counted.push(day);
                    if available >= left {
                        due.at = self.at(day, open + left);
                        due.provisional = self.is_provisional(day);
                        return Ok(due);
                    }
                    left -= available;
                }
            } else {
                due.skipped.push((day, kind));
            }
            day = day + Days::new(1);
            from = NaiveTime::MIN;
        }
    }

    /// Minutes of business time between two instants.
    pub fn business_minutes_between(&self, from: Timestamp, to: Timestamp) -> Result<i64, Error> {
        let hours = self.hours_or_error()?;
        let (from, to) = (from.with_timezone(&self.zone), to.with_timezone(&self.zone));
        let mut total = 0;
        for day in from
            .date_naive()
            .iter_days()
            .take_while(|d| *d <= to.date_naive())
        {
            if !self.day(day)?.is_working() {
                continue;
            }
            let start = if day == from.date_naive() {
                from.time().max(hours.open)
            } else {
                hours.open
            };
            let end = if day == to.date_naive() {
                to.time().min(hours.close)
            } else {
                hours.close
            };
            total += (end - start).num_minutes().max(0);
        }
        Ok(total)
    }

    /// Days of the kind `unit` counts, after the day of `from` up to the day of `to`: how far a
    /// pause from `from` to `to` moves a deadline counted in those units.
    pub fn days_between(
        &self,
        from: Timestamp,
        to: Timestamp,
        working_only: bool,
    ) -> Result<u32, Error> {
        let (first, last) = (
            from.with_timezone(&self.zone).date_naive(),
            to.with_timezone(&self.zone).date_naive(),
        );
        let mut count = 0;
        for day in first.iter_days().skip(1).take_while(|d| *d <= last) {
            if !working_only || self.day(day)?.is_working() {
                count += 1;
            }
        }
        Ok(count)
    }

    /// Every day from `from` to `to` with what it is.
    pub fn days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, DayKind)>, Error> {
        from.iter_days()
            .take_while(|d| *d <= to)
            .map(|d| Ok((d, self.day(d)?)))
            .collect()
    }
}

/// The day an instant ends, when it is midnight: a period of days ends at 24:00 of its last
/// day, which people say as that day's 24:00 (`2026-11-05 24:00`), not the next day's 00:00.
pub fn ends_day(at: &Timestamp) -> Option<NaiveDate> {
    (at.time() == NaiveTime::MIN).then(|| at.date_naive().pred_opt())?
}

/// Reads a time as people, scripts and other systems write it: RFC 3339 with its offset (also
/// without the seconds, `2026-09-30T10:00+08:00`), or a local `YYYY-MM-DD HH:MM[:SS]` (also
/// with `T`, or `/` between the date's parts, as spreadsheets write it), or a bare
/// `YYYY-MM-DD` (its midnight), in `zone`.
///
/// Refuses times before 1970 (for those the time-zone database gives local mean time, such
/// as Shanghai's `+08:05:43`) and offsets that are not a whole number of minutes: a record
/// cannot hold them. [`crate::intake::time_problem`] says why a text was refused.
pub fn parse_time(text: &str, zone: Tz) -> Option<Timestamp> {
    let usable = |t: Timestamp| {
        (chrono::Datelike::year(&t) >= 1970 && t.offset().local_minus_utc() % 60 == 0).then_some(t)
    };
    let text = text.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return usable(t);
    }
    let text = text.replace('/', "-");
    if let Some(t) = ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M%:z"]
        .iter()
        .find_map(|f| chrono::DateTime::parse_from_str(&text, f).ok())
    {
        return usable(t);
    }
    let local = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(NaiveTime::MIN))
    })?;
    zone.from_local_datetime(&local)
        .earliest()
        .map(|t| t.fixed_offset())
        .and_then(usable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn() -> Calendar {
        Calendar::load("cn", None, chrono_tz::Asia::Shanghai).unwrap()
    }

    fn t(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// Deadlines worked out by hand from the 2026 schedule (国办发明电〔2025〕7号): National Day
    /// 10-01..10-07 off, make-up Sun 09-20 and Sat 10-10; Spring Festival 02-15..02-23 off,
    /// make-up Sat 02-14 and Sat 02-28.
    #[test]
    fn deadlines_follow_the_civil_code_on_the_official_calendar() {
        let cases = [
            // Wed 09-30: 10-01..07 skipped; Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 make-up (3);
            // ends 24:00 of 10-10.
            (
                "2026-09-30T10:00:00+08:00",
                "3wd",
                "2026-10-11T00:00:00+08:00",
                7,
            ),
            // 10-08 (1) 09 (2) 10 (3) 12..16 (4-8) 19..23 (9-13) 26 (14) 27 (15); 24:00 of 10-27.
            (
                "2026-09-30T10:00:00+08:00",
                "15wd",
                "2026-10-28T00:00:00+08:00",
                12,
            ),
            // Received Friday evening: Sat and Sun skipped; Mon 11-30 (1) … Wed 12-02 (3).
            (
                "2026-11-27T19:30:00+08:00",
                "3wd",
                "2026-12-03T00:00:00+08:00",
                2,
            ),
            // Fri 02-13: Sat 02-14 is a make-up working day (1); 02-15..23 off; Tue 02-24 (2).
            (
                "2026-02-13T15:00:00+08:00",
                "2wd",
                "2026-02-25T00:00:00+08:00",
                9,
            ),
            // The starting day never counts, even at 00:01 on a working day.
            (
                "2026-11-23T00:01:00+08:00",
                "1wd",
                "2026-11-25T00:00:00+08:00",
                0,
            ),
            // Calendar days: Mon 09-28 + 7 = Mon 10-05, a holiday; runs on past 10-06, 10-07 to
            // the next working day, Thu 10-08.
            (
                "2026-09-28T09:00:00+08:00",
                "7d",
                "2026-10-09T00:00:00+08:00",
                3,
            ),
            // Elapsed hours ignore the calendar.
            (
                "2026-09-30T23:00:00+08:00",
                "2h",
                "2026-10-01T01:00:00+08:00",
                0,
            ),
            (
                "2026-09-30T23:00:00+08:00",
                "90m",
                "2026-10-01T00:30:00+08:00",
                0,
            ),
        ];
        let calendar = cn();
        for (start, limit, want, skipped) in cases {
            let due = calendar.due(t(start), limit.parse().unwrap()).unwrap();
            assert_eq!(due.at, t(want), "{limit} from {start}");
            assert_eq!(
                due.skipped.len(),
                skipped,
                "{limit} from {start}: skipped {:?}",
                due.skipped
            );
        }
    }

    #[test]
    fn business_hours_count_only_opening_time() {
        let hours = BusinessHours {
            open: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            close: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        };
        let calendar = cn().with_business_hours(Some(hours));
        let cases = [
            // Fri 15:00-18:00 is 3 h; 5 h left on Mon 11-30 from 09:00: 14:00.
            (
                "2026-11-27T15:00:00+08:00",
                "8bh",
                "2026-11-30T14:00:00+08:00",
            ),
            // Before opening: counting starts at 09:00.
            (
                "2026-11-30T07:00:00+08:00",
                "2bh",
                "2026-11-30T11:00:00+08:00",
            ),
            // Exactly a full day ends at closing time.
            (
                "2026-11-30T09:00:00+08:00",
                "9bh",
                "2026-11-30T18:00:00+08:00",
            ),
            // Working-day periods end at close of business of the last day.
            (
                "2026-11-27T10:00:00+08:00",
                "1wd",
                "2026-11-30T18:00:00+08:00",
            ),
            // Across National Day: Wed 09-30 17:00-18:00 (1 h), then Thu 10-08 09:00 + 1 h.
            (
                "2026-09-30T17:00:00+08:00",
                "2bh",
                "2026-10-08T10:00:00+08:00",
            ),
        ];
        for (start, limit, want) in cases {
            assert_eq!(
                calendar.due(t(start), limit.parse().unwrap()).unwrap().at,
                t(want),
                "{limit} from {start}"
            );
        }
        assert!(
            cn().due(t("2026-11-27T15:00:00+08:00"), "8bh".parse().unwrap())
                .is_err()
        );
    }

    /// Past the official schedule the law's days are used and the deadline says so. By hand:
    /// from Sun 2026-12-20, working days 12-21..25 (1-5), 12-28..31 (6-9); Fri 2027-01-01 is
    /// 元旦 (provisional), 01-02/03 weekend; 01-04..08 (10-14); 01-09/10 weekend; Mon 01-11
    /// (15): due at 24:00 of 2027-01-11.
    #[test]
    fn past_the_schedule_the_law_gives_provisional_days() {
        let due = cn()
            .due(t("2026-12-20T10:00:00+08:00"), "15wd".parse().unwrap())
            .unwrap();
        assert_eq!(due.at, t("2027-01-12T00:00:00+08:00"));
        assert!(due.provisional);
        assert!(
            due.skipped
                .contains(&(d("2027-01-01"), DayKind::Holiday("元旦".into())))
        );
        // Inside the schedule nothing is provisional, even at its last day.
        let due = cn()
            .due(t("2026-12-28T10:00:00+08:00"), "3wd".parse().unwrap())
            .unwrap();
        assert_eq!(due.at, t("2027-01-01T00:00:00+08:00"));
        assert!(!due.provisional);
        assert!(cn().is_provisional(d("2027-01-01")));
        assert!(!cn().is_provisional(d("2026-12-31")));
    }

    #[test]
    fn running_past_the_law_is_an_error() {
        let err = cn()
            .due(t("2099-12-10T10:00:00+08:00"), "30wd".parse().unwrap())
            .unwrap_err();
        assert!(err.to_string().contains("outside the years"), "{err}");
        assert!(cn().day(d("2003-12-31")).is_err());
        // A calendar without a law stops at its schedule.
        let text =
            "calendar: x\nname: x\nweekend: [saturday, sunday]\ncovers: {from: 2026, to: 2026}\n";
        let own =
            Calendar::from_file(&Source::new("x.yaml", text), chrono_tz::Asia::Shanghai).unwrap();
        assert!(own.day(d("2027-01-04")).is_err());
    }

    #[test]
    fn kinds_of_days() {
        let calendar = cn();
        assert_eq!(
            calendar.day(d("2026-02-14")).unwrap(),
            DayKind::MakeupWorkday("春节".into())
        );
        assert_eq!(
            calendar.day(d("2026-10-01")).unwrap(),
            DayKind::Holiday("国庆节".into())
        );
        assert_eq!(calendar.day(d("2026-11-28")).unwrap(), DayKind::Weekend);
        assert_eq!(calendar.day(d("2026-11-27")).unwrap(), DayKind::Workday);
    }

    /// Compares every day 2004-2026 against an export from an independent library.
    fn check_against_reference(calendar: &Calendar, csv: &str, exceptions: &[&str]) {
        let mut rows = 0;
        for line in csv.lines().skip(1) {
            let mut cells = line.splitn(3, ',');
            let (date, kind) = (d(cells.next().unwrap()), cells.next().unwrap());
            rows += 1;
            if exceptions.contains(&date.to_string().as_str()) {
                continue;
            }
            assert_eq!(calendar.day(date).unwrap().label(), kind, "{date}");
        }
        assert_eq!(rows, 8401, "every day of 2004-2026");
    }

    #[test]
    fn china_matches_the_reference_every_day() {
        let csv = include_str!("../../../fixtures/calendars/cn-reference.csv");
        // Kept as the State Council notices give them (see the header of cn.yaml): the reference
        // misses the 2005-12-31 make-up day; the others are weekend days inside a notice's
        // holiday span that the reference calls weekend (off either way).
        let exceptions = [
            "2005-12-31",
            "2011-06-05",
            "2012-06-23",
            "2015-06-21",
            "2015-09-05",
        ];
        check_against_reference(&cn(), csv, &exceptions);
        assert!(cn().day(d("2005-12-31")).unwrap().is_working());
        for day in &exceptions[1..] {
            assert!(
                !cn().day(d(day)).unwrap().is_working(),
                "{day} is a day off"
            );
        }
    }

    #[test]
    fn england_and_wales_matches_the_reference_every_day() {
        let calendar = Calendar::load("gb-eaw", None, chrono_tz::Europe::London).unwrap();
        check_against_reference(
            &calendar,
            include_str!("../../../fixtures/calendars/gb-eaw-reference.csv"),
            &[],
        );
    }

    #[test]
    fn bad_calendar_files_are_reported_with_every_problem() {
        let text = "calendar: x\nname: x\nweekend: [saturday, sunday]\ncovers: {from: 2026, to: 2026}\n\
            holidays:\n  - {name: a, from: 2026-10-01, to: 2026-10-03}\n  - {name: b, from: 2026-10-03}\n\
            makeup_workdays:\n  - {date: 2026-10-02, for: a}\n  - {date: 2026-10-05, for: a}\n";
        let err = Calendar::from_file(&Source::new("bad.yaml", text), chrono_tz::Asia::Shanghai)
            .unwrap_err();
        let Error::Problems(problems) = err else {
            panic!("{err}")
        };
        let messages: Vec<&str> = problems.problems.iter().map(|p| p.message()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("two holidays"));
        assert!(messages[1].contains("both a holiday and a make-up"));
        assert!(messages[2].contains("not a weekend day"));
    }

    /// A 2027 schedule worked by hand against the law (see `statutory`'s 2027 test): every
    /// statutory day given off except 劳动节 (Sat 05-01, Sun 05-02) and 国庆节 Fri 10-01.
    /// 10-01 is a weekday, so it is missing; the weekend days of 劳动节 are off anyway, until
    /// the schedule makes Sat 05-01 a make-up working day.
    #[test]
    fn a_schedule_that_leaves_out_statutory_days_is_told_which() {
        let span = |name: &str, from: &str, to: &str| HolidaySpan {
            name: name.to_string(),
            from: d(from),
            to: Some(d(to)),
        };
        let mut schedule = Schedule {
            years: (2027, 2027),
            holidays: vec![
                span("元旦", "2027-01-01", "2027-01-01"),
                span("春节", "2027-02-05", "2027-02-11"),
                span("清明节", "2027-04-05", "2027-04-05"),
                span("端午节", "2027-06-09", "2027-06-09"),
                span("中秋节", "2027-09-15", "2027-09-15"),
                span("国庆节", "2027-10-02", "2027-10-07"),
            ],
            makeup_workdays: Vec::new(),
        };
        assert_eq!(schedule.missing_statutory(&cn()), ["国庆节 2027-10-01"]);
        schedule.makeup_workdays.push(MakeupDay {
            date: d("2027-05-01"),
            serves: "劳动节".to_string(),
        });
        assert_eq!(
            schedule.missing_statutory(&cn()),
            ["劳动节 2027-05-01", "国庆节 2027-10-01"]
        );
        assert_eq!(schedule.years_shown(), "2027");
    }

    /// A schedule without make-up days (England and Wales never have them) writes a file
    /// that reads back: regression, `makeup_workdays:` alone read as null and was refused.
    #[test]
    fn a_supplement_without_makeup_days_reads_back() {
        let gb = Calendar::load("gb-eaw", None, chrono_tz::Europe::London).unwrap();
        let next = gb.covers().1 + 1;
        let day = NaiveDate::from_ymd_opt(next, 12, 25).unwrap();
        let schedule = Schedule {
            years: (next, next),
            holidays: vec![HolidaySpan {
                name: "Christmas Day".into(),
                from: day,
                to: None,
            }],
            makeup_workdays: Vec::new(),
        };
        let text = gb.supplement_text(&schedule);
        assert!(text.contains("makeup_workdays: []"), "{text}");
        let read = supplement_schedule(&Source::new("calendar.gb-eaw.yaml", text)).unwrap();
        let read: Vec<(NaiveDate, Option<NaiveDate>)> =
            read.holidays.iter().map(|s| (s.from, s.to)).collect();
        assert_eq!(read, vec![(day, Some(day))]);
    }
}
