//! Durations as rulebooks write them: `2h`, `30m` (elapsed), `7d` (calendar days), `3wd`
//! (working days), `8bh` (business hours).

use std::fmt;
use std::str::FromStr;

/// How a duration is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Elapsed minutes, whatever the calendar says.
    Minutes,
    /// Elapsed hours.
    Hours,
    /// Calendar days, ending at the end of a working day (Civil Code art. 201, 203).
    Days,
    /// Working days on the rulebook's calendar.
    WorkingDays,
    /// Hours within business hours on working days.
    BusinessHours,
}

/// A length of time in one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    /// How many units (`3` in `3wd`).
    pub amount: u32,
    /// The unit (`wd` in `3wd`: working days).
    pub unit: Unit,
}

impl Duration {
    /// `amount` of `unit` (`Duration::new(3, Unit::WorkingDays)` is `3wd`).
    pub fn new(amount: u32, unit: Unit) -> Duration {
        Duration { amount, unit }
    }
}

impl Duration {
    /// The length as elapsed time, for units that have one (minutes, hours, days of 24 h).
    pub fn elapsed(self) -> Option<chrono::Duration> {
        let n = i64::from(self.amount);
        match self.unit {
            Unit::Minutes => Some(chrono::Duration::minutes(n)),
            Unit::Hours => Some(chrono::Duration::hours(n)),
            Unit::Days => Some(chrono::Duration::days(n)),
            Unit::WorkingDays | Unit::BusinessHours => None,
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let suffix = match self.unit {
            Unit::Minutes => "m",
            Unit::Hours => "h",
            Unit::Days => "d",
            Unit::WorkingDays => "wd",
            Unit::BusinessHours => "bh",
        };
        write!(f, "{}{suffix}", self.amount)
    }
}

impl FromStr for Duration {
    type Err = String;

    fn from_str(text: &str) -> Result<Duration, String> {
        let text = text.trim();
        let split = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (number, suffix) = text.split_at(split);
        let unit = match suffix.trim() {
            "m" | "min" => Unit::Minutes,
            "h" => Unit::Hours,
            "d" => Unit::Days,
            "wd" => Unit::WorkingDays,
            "bh" => Unit::BusinessHours,
            _ => {
                return Err(format!(
                    "`{text}` is not a duration: write a number and a unit, e.g. 2h, 30m, 7d, 3wd (working days) or 8bh (business hours)"
                ));
            }
        };
        let amount = number.parse().map_err(|_| {
            format!("`{text}` is not a duration: it needs a whole number first, e.g. 3wd")
        })?;
        Ok(Duration { amount, unit })
    }
}

impl<'de> serde::Deserialize<'de> for Duration {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Written as text: a whole number and a unit (`2h`, `30m`, `7d`, `3wd`, `8bh`).
impl schemars::JsonSchema for Duration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^\\s*[0-9]+\\s*(m|min|h|d|wd|bh)\\s*$",
            "description": "A length of time: minutes (30m), hours (2h), calendar days (7d), working days (3wd) or business hours (8bh)"
        })
    }
}

impl serde::Serialize for Duration {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_unit() {
        let cases = [
            ("2h", Duration::new(2, Unit::Hours)),
            ("30m", Duration::new(30, Unit::Minutes)),
            ("7d", Duration::new(7, Unit::Days)),
            ("3wd", Duration::new(3, Unit::WorkingDays)),
            ("8bh", Duration::new(8, Unit::BusinessHours)),
        ];
        for (text, want) in cases {
            assert_eq!(text.parse::<Duration>(), Ok(want), "{text}");
            assert_eq!(want.to_string(), text);
        }
        for bad in ["", "wd", "3", "3w", "-1d", "1.5h", "3 weeks"] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
    }
}
