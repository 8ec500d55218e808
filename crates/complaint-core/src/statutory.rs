//! Holidays computed from the law, for years whose official schedule is not yet published.
//!
//! Mainland China: the statutory days of 《全国年节及纪念日放假办法》 in the version in force for
//! the year (1999, 2007, 2013, 2024 revisions), with lunar dates and the 清明 solar term from
//! `tyme4rs`. England and Wales: the Banking and Financial Dealings Act 1971 days, Good Friday
//! and Christmas Day. In both, a holiday that falls on a weekend is made up on the next weekday
//! that is not already off (China's 补休, the UK's substitute day).
//!
//! What the law cannot say is not guessed: China's make-up working days (调休) and the extra days
//! of its week-long breaks are chosen each year by the State Council; one-off UK holidays are
//! proclaimed. Knows nothing of complaints or files.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

/// A body of holiday law a calendar can fall back on past its published years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Law {
    /// 《全国年节及纪念日放假办法》: days off for all citizens.
    #[serde(rename = "cn-statutory")]
    CnStatutory,
    /// Bank holidays in England and Wales.
    #[serde(rename = "gb-eaw-bank-holidays")]
    GbEawBankHolidays,
}

/// The last year the law is computed for: beyond it lunar tables and the law itself are too
/// uncertain to stand in for a schedule.
pub const LAST_YEAR: i32 = 2099;

/// The first year each body of law is implemented from.
const FIRST_YEAR: i32 = 2000;

/// One day off the law gives, named as a schedule names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalDay {
    /// The day off.
    pub date: NaiveDate,
    /// The holiday's name, as a schedule names it (`春节`).
    pub name: String,
    /// A weekday off in place of a holiday that fell on a weekend.
    pub substitute: bool,
}

impl Law {
    /// The years this law is computed for.
    pub fn years(self) -> (i32, i32) {
        (FIRST_YEAR, LAST_YEAR)
    }

    /// The statutory holidays of `year`, each on its own date (weekend dates included).
    pub fn statutory(self, year: i32) -> Vec<(NaiveDate, &'static str)> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Vec::new();
        }
        match self {
            Law::CnStatutory => cn_statutory(year),
            Law::GbEawBankHolidays => gb_eaw_statutory(year),
        }
    }

    /// Every day off in `year`: the statutory days plus a substitute for each that falls on a
    /// weekend, in date order.
    pub fn days_off(self, year: i32) -> Vec<LegalDay> {
        let statutory = self.statutory(year);
        let mut days: Vec<LegalDay> = statutory
            .iter()
            .map(|&(date, name)| LegalDay {
                date,
                name: name.to_string(),
                substitute: false,
            })
            .collect();
        let taken = |days: &[LegalDay], date: NaiveDate| days.iter().any(|d| d.date == date);
        for &(date, name) in &statutory {
            if !is_weekend(date) {
                continue;
            }
            let mut substitute = date;
            while is_weekend(substitute) || taken(&days, substitute) {
                substitute = substitute + Days::new(1);
            }
            days.push(LegalDay {
                date: substitute,
                name: self.substitute_name(name),
                substitute: true,
            });
        }
        days.sort_by_key(|d| d.date);
        days
    }

    fn substitute_name(self, name: &str) -> String {
        match self {
            Law::CnStatutory => format!("{name}（补休）"),
            Law::GbEawBankHolidays => format!("{name} (substitute day)"),
        }
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a fixed holiday date exists in every year")
}

fn from_tyme(day: SolarDay) -> NaiveDate {
    ymd(
        day.get_year() as i32,
        day.get_month() as u32,
        day.get_day() as u32,
    )
}

/// The Gregorian date of a lunar month and day in lunar year `year` (never a leap month).
fn lunar(year: i32, month: isize, day: usize) -> NaiveDate {
    from_tyme(LunarDay::from_ymd(year as isize, month, day).get_solar_day())
}

/// China's statutory days for all citizens, by the revision in force in `year`:
/// - 1999 (from 2000): 元旦 1; 春节 初一–初三; 劳动节 5-1–5-3; 国庆节 10-1–10-3.
/// - 2007 (from 2008): 春节 除夕–初二; 清明节, 端午节, 中秋节 1 day each; 劳动节 5-1 only.
/// - 2013 (from 2014): 春节 初一–初三.
/// - 2024 (from 2025): 春节 除夕–初三; 劳动节 5-1, 5-2.
fn cn_statutory(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let new_year = lunar(year, 1, 1);
    let eve = new_year - Days::new(1);
    let spring: Vec<NaiveDate> = match year {
        ..2008 | 2014..2025 => vec![new_year, new_year + Days::new(1), new_year + Days::new(2)],
        2008..2014 => vec![eve, new_year, new_year + Days::new(1)],
        _ => (0..4).map(|n| eve + Days::new(n)).collect(),
    };
    let labour: &[u32] = match year {
        ..2008 => &[1, 2, 3],
        2008..2025 => &[1],
        _ => &[1, 2],
    };
    let mut days = vec![(ymd(year, 1, 1), "元旦")];
    days.extend(spring.into_iter().map(|d| (d, "春节")));
    if year >= 2008 {
        let qingming = SolarTerm::from_name(year as isize, "清明").get_solar_day();
        days.push((from_tyme(qingming), "清明节"));
    }
    days.extend(labour.iter().map(|&d| (ymd(year, 5, d), "劳动节")));
    if year >= 2008 {
        days.push((lunar(year, 5, 5), "端午节"));
        days.push((lunar(year, 8, 15), "中秋节"));
    }
    days.extend((1..=3).map(|d| (ymd(year, 10, d), "国庆节")));
    days.sort_by_key(|(d, _)| *d);
    days
}

/// Easter Sunday (the anonymous Gregorian computus).
fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

/// The first Monday of a month, or with `last`, its last Monday.
fn monday(year: i32, month: u32, last: bool) -> NaiveDate {
    if last {
        let next = if month == 12 {
            ymd(year + 1, 1, 1)
        } else {
            ymd(year, month + 1, 1)
        };
        let mut day = next - Days::new(1);
        while day.weekday() != Weekday::Mon {
            day = day - Days::new(1);
        }
        day
    } else {
        NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
            .expect("every month has a first Monday")
    }
}

fn gb_eaw_statutory(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let easter = easter(year);
    vec![
        (ymd(year, 1, 1), "New Year's Day"),
        (easter - Days::new(2), "Good Friday"),
        (easter + Days::new(1), "Easter Monday"),
        (monday(year, 5, false), "Early May bank holiday"),
        (monday(year, 5, true), "Spring bank holiday"),
        (monday(year, 8, true), "Summer bank holiday"),
        (ymd(year, 12, 25), "Christmas Day"),
        (ymd(year, 12, 26), "Boxing Day"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendar, DayKind};

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// 2027 worked by hand: 春节 is 2027-02-06 (正月初一), so 除夕 02-05 (Fri) to 初三 02-08 (Mon);
    /// Sat 02-06 and Sun 02-07 are made up on Tue 02-09 and Wed 02-10. 清明 04-05 (Mon);
    /// 劳动节 Sat 05-01, Sun 05-02 → Mon 05-03, Tue 05-04; 端午 (五月初五) 06-09 (Wed);
    /// 中秋 (八月十五) 09-15 (Wed); 国庆节 Fri 10-01, Sat 10-02, Sun 10-03 → Mon 10-04, Tue 10-05.
    #[test]
    fn china_2027_from_the_law() {
        let days: Vec<(String, String)> = Law::CnStatutory
            .days_off(2027)
            .into_iter()
            .map(|d| (d.date.to_string(), d.name))
            .collect();
        let want = [
            ("2027-01-01", "元旦"),
            ("2027-02-05", "春节"),
            ("2027-02-06", "春节"),
            ("2027-02-07", "春节"),
            ("2027-02-08", "春节"),
            ("2027-02-09", "春节（补休）"),
            ("2027-02-10", "春节（补休）"),
            ("2027-04-05", "清明节"),
            ("2027-05-01", "劳动节"),
            ("2027-05-02", "劳动节"),
            ("2027-05-03", "劳动节（补休）"),
            ("2027-05-04", "劳动节（补休）"),
            ("2027-06-09", "端午节"),
            ("2027-09-15", "中秋节"),
            ("2027-10-01", "国庆节"),
            ("2027-10-02", "国庆节"),
            ("2027-10-03", "国庆节"),
            ("2027-10-04", "国庆节（补休）"),
            ("2027-10-05", "国庆节（补休）"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(days, want);
    }

    /// Every statutory day the law gave in 2004–2026 is a day off in the official schedules
    /// (`cn.yaml`): the law computed as if no notice existed never puts a working day where the
    /// State Council gave a holiday. 2025 and 2026 are the years of the law the provisional
    /// calendar uses.
    #[test]
    fn china_statutory_days_are_in_every_official_schedule() {
        let cn = Calendar::load("cn", None, chrono_tz::Asia::Shanghai).unwrap();
        for year in 2004..=2026 {
            for (date, name) in Law::CnStatutory.statutory(year) {
                assert!(
                    matches!(cn.day(date).unwrap(), DayKind::Holiday(_)),
                    "{name} {date} is a statutory day but not off in cn.yaml"
                );
            }
        }
        assert_eq!(Law::CnStatutory.statutory(2025).len(), 13);
        assert_eq!(Law::CnStatutory.statutory(2024).len(), 11);
    }

    /// `cn.yaml` agrees day by day with the official schedules `tyme4rs` carries, an oracle
    /// independent of the reference export. The crate misses two make-up working days the
    /// 2013 notice (国办发明电〔2012〕33号) gives: 4月7日（星期日）and 10月12日（星期六）上班.
    #[test]
    fn china_schedule_matches_the_lunar_crate() {
        use tyme4rs::tyme::holiday::LegalHoliday;
        let cn = Calendar::load("cn", None, chrono_tz::Asia::Shanghai).unwrap();
        let mut differ = Vec::new();
        for (date, kind) in cn.days(d("2004-01-01"), d("2026-12-31")).unwrap() {
            let theirs = LegalHoliday::from_ymd(
                date.year() as isize,
                date.month() as usize,
                date.day() as usize,
            );
            let same = match (&kind, theirs) {
                (DayKind::Holiday(_), Some(h)) => !h.is_work(),
                (DayKind::MakeupWorkday(_), Some(h)) => h.is_work(),
                (DayKind::Workday | DayKind::Weekend, None) => true,
                // The crate also lists weekdays inside a break's working days.
                (DayKind::Workday, Some(h)) => h.is_work(),
                (DayKind::Weekend, Some(h)) => !h.is_work(),
                _ => false,
            };
            if !same {
                differ.push(date.to_string());
            }
        }
        assert_eq!(differ, ["2013-04-07", "2013-10-12"]);
    }

    /// The computed bank holidays equal the published ones in every year without a royal
    /// proclamation; in proclamation years only the proclaimed changes differ.
    #[test]
    fn england_and_wales_rules_match_the_published_years() {
        let gb = Calendar::load("gb-eaw", None, chrono_tz::Europe::London).unwrap();
        // Days proclaimed (added or moved to) and days moved away from, by year.
        let added = [
            "2011-04-29",
            "2012-06-04",
            "2012-06-05",
            "2020-05-08",
            "2022-06-02",
            "2022-06-03",
            "2022-09-19",
            "2023-05-08",
        ];
        let moved_away = ["2012-05-28", "2020-05-04", "2022-05-30"];
        for year in 2004..=2026 {
            let computed: Vec<NaiveDate> = Law::GbEawBankHolidays
                .days_off(year)
                .iter()
                .map(|d| d.date)
                .filter(|d| !moved_away.contains(&d.to_string().as_str()))
                .collect();
            let published: Vec<NaiveDate> = gb
                .days(d(&format!("{year}-01-01")), d(&format!("{year}-12-31")))
                .unwrap()
                .into_iter()
                .filter(|(date, kind)| {
                    matches!(kind, DayKind::Holiday(_))
                        && !added.contains(&date.to_string().as_str())
                })
                .map(|(date, _)| date)
                .collect();
            assert_eq!(computed, published, "{year}");
        }
    }

    #[test]
    fn easter_dates() {
        for (year, want) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter(year), d(want), "{year}");
        }
    }

    /// 2027 by hand: New Year's Day Fri; Easter 03-28, so Good Friday 03-26, Easter Monday
    /// 03-29; early May 05-03; spring 05-31; summer 08-30; Christmas Sat 12-25 and Boxing Day
    /// Sun 12-26, made up on Mon 12-27 and Tue 12-28.
    #[test]
    fn england_and_wales_2027() {
        let days: Vec<String> = Law::GbEawBankHolidays
            .days_off(2027)
            .iter()
            .map(|d| format!("{} {}", d.date, d.name))
            .collect();
        assert_eq!(
            days,
            [
                "2027-01-01 New Year's Day",
                "2027-03-26 Good Friday",
                "2027-03-29 Easter Monday",
                "2027-05-03 Early May bank holiday",
                "2027-05-31 Spring bank holiday",
                "2027-08-30 Summer bank holiday",
                "2027-12-25 Christmas Day",
                "2027-12-26 Boxing Day",
                "2027-12-27 Christmas Day (substitute day)",
                "2027-12-28 Boxing Day (substitute day)",
            ]
        );
    }
}
