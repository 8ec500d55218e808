//! Exact amounts of money in yuan.
//!
//! A [`Money`] is a whole number of fen (0.01 yuan), never a float. It is written as a decimal
//! string with two places (`"500.00"`) so no YAML or JSON reader turns it into a float.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount in yuan, exact to the fen. Never negative.
///
/// ```
/// use complaint_core::money::Money;
///
/// let price: Money = "¥1,299.50".parse().unwrap();
/// assert_eq!(price.fen(), 129_950);
/// assert_eq!(price.to_string(), "1299.50");
/// assert!("-5".parse::<Money>().is_err()); // the event says which way money goes
/// assert!("0.005".parse::<Money>().is_err()); // finer than the fen
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    /// Nothing: 0.00 yuan.
    pub const ZERO: Money = Money(0);

    /// An amount of `fen` hundredths of a yuan; `fen` must not be negative.
    pub fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    /// An amount of whole yuan.
    pub fn from_yuan(yuan: i64) -> Money {
        Money(yuan * 100)
    }

    /// The amount in fen (hundredths of a yuan).
    pub fn fen(self) -> i64 {
        self.0
    }

    /// The sum, or `None` if it overflows.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// `self − other`, or zero where `other` is more.
    pub fn saturating_sub(self, other: Money) -> Money {
        Money((self.0 - other.0).max(0))
    }

    /// `self × numerator / denominator`, rounded down to the fen (for limits: "at most 30 %"
    /// must never allow a fen more).
    pub fn scale_down(self, numerator: i64, denominator: i64) -> Option<Money> {
        let product = i128::from(self.0) * i128::from(numerator);
        let denominator = i128::from(denominator);
        if denominator <= 0 {
            return None;
        }
        i64::try_from(product.div_euclid(denominator))
            .ok()
            .map(Money)
    }

    /// `self × numerator / denominator`, rounded half up to the fen (for multiples and percents).
    pub fn scale(self, numerator: i64, denominator: i64) -> Option<Money> {
        let product = i128::from(self.0) * i128::from(numerator);
        let denominator = i128::from(denominator);
        if denominator <= 0 {
            return None;
        }
        let rounded = (product * 2 + denominator) / (denominator * 2);
        i64::try_from(rounded).ok().map(Money)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// Why an amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not a number of yuan in any accepted spelling.
    #[error("`{0}` is not an amount of money: write it like 500, 500.00, ¥500 or 1,234.50")]
    Malformed(String),
    /// Below zero; the event says which way the money goes.
    #[error("`{0}` is negative: amounts are always positive, the direction is in the event")]
    Negative(String),
    /// Finer than the fen.
    #[error("`{0}` has more than two decimal places: amounts are exact to the fen (0.01)")]
    TooPrecise(String),
    /// Beyond what the library can hold.
    #[error("`{0}` is too large")]
    TooLarge(String),
}

impl FromStr for Money {
    type Err = MoneyError;

    /// Accepts `500`, `500.5`, `500.00`, `¥500`, `￥500`, `1,234.50`, `500元`. Rejects signs,
    /// thousands separators in the wrong places, and more than two decimals.
    fn from_str(input: &str) -> Result<Money, MoneyError> {
        let malformed = || MoneyError::Malformed(input.to_string());
        let text = input.trim();
        if text.starts_with('-') || text.starts_with("¥-") || text.starts_with("￥-") {
            return Err(MoneyError::Negative(input.to_string()));
        }
        let text = text
            .strip_prefix('¥')
            .or_else(|| text.strip_prefix('￥'))
            .unwrap_or(text);
        let text = text.strip_suffix('元').unwrap_or(text).trim();
        let (whole, fraction) = match text.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (text, None),
        };
        let digits = if whole.contains(',') {
            let groups: Vec<&str> = whole.split(',').collect();
            let first_ok = (1..=3).contains(&groups[0].len());
            if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
                return Err(malformed());
            }
            groups.concat()
        } else {
            whole.to_string()
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        let fen_part = match fraction {
            None => 0,
            Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(malformed());
            }
            Some(f) if f.len() > 2 => return Err(MoneyError::TooPrecise(input.to_string())),
            Some(f) if f.len() == 1 => f.parse::<i64>().map_err(|_| malformed())? * 10,
            Some(f) => f.parse::<i64>().map_err(|_| malformed())?,
        };
        let yuan: i64 = digits
            .parse()
            .map_err(|_| MoneyError::TooLarge(input.to_string()))?;
        yuan.checked_mul(100)
            .and_then(|fen| fen.checked_add(fen_part))
            .map(Money)
            .ok_or_else(|| MoneyError::TooLarge(input.to_string()))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A decimal string in outputs (`"500.00"`); rulebooks and intake documents may also write a
/// whole number of yuan, or the amount as staff type it (as `FromStr` reads it: `¥1,234.50`,
/// `650元`).
impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        if generator.contract().is_serialize() {
            return schemars::json_schema!({
                "type": "string",
                "pattern": "^[0-9]+(\\.[0-9]{1,2})?$",
                "description": "An amount in yuan, a decimal string with up to two places (\"500.00\")"
            });
        }
        let typed = schemars::json_schema!({
            "type": "string",
            "pattern": "^\\s*[¥￥]?\\s*([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]{1,2})?\\s*元?\\s*$",
            "description": "An amount in yuan with up to two decimal places, quoted (\"500.00\"); it may be written ¥1,234.50 or 650元"
        });
        schemars::json_schema!({
            "anyOf": [
                typed,
                {"type": "integer", "minimum": 0, "description": "A whole number of yuan (500)"}
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount in yuan such as \"500.00\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Money, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Money, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(|y| y.checked_mul(100))
                    .map(Money)
                    .ok_or_else(|| E::custom("amount too large"))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Money, E> {
                if v < 0 {
                    return Err(E::custom(MoneyError::Negative(v.to_string())));
                }
                self.visit_u64(v as u64)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Money, E> {
                Err(E::custom(format!(
                    "{v} was read as a floating-point number; quote amounts with decimals, like \"{v}\""
                )))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Amounts as staff type them, and what they are in fen.
    const TYPED: [(&str, i64); 10] = [
        ("500", 50_000),
        ("500.00", 50_000),
        ("500.5", 50_050),
        ("¥500", 50_000),
        ("￥1,234.50", 123_450),
        ("1,234,567.01", 123_456_701),
        ("0.01", 1),
        ("650元", 65_000),
        (" ¥ 650 元 ", 65_000),
        ("\t500", 50_000),
    ];

    /// Ambiguous or negative amounts.
    const REFUSED: [&str; 13] = [
        "",
        "-5",
        "¥-5",
        "5.001",
        "1,23",
        "12,345,67",
        "1.2.3",
        "abc",
        "5e3",
        ",500",
        "500.",
        "1234,567",
        "元500",
    ];

    #[test]
    fn parses_the_forms_staff_type() {
        for (text, fen) in TYPED {
            assert_eq!(text.parse::<Money>(), Ok(Money::from_fen(fen)), "{text}");
        }
    }

    #[test]
    fn the_input_schema_accepts_what_parses() {
        let schema = schemars::generate::SchemaSettings::draft2020_12()
            .for_deserialize()
            .into_generator()
            .into_root_schema_for::<Money>()
            .to_value();
        let validator = jsonschema::validator_for(&schema).unwrap();
        for (text, _) in TYPED {
            assert!(
                validator.is_valid(&text.into()),
                "{text} should fit {schema}"
            );
        }
        for text in REFUSED {
            assert!(
                !validator.is_valid(&text.into()),
                "{text} should not fit {schema}"
            );
        }
        assert!(validator.is_valid(&500.into()));
        assert!(!validator.is_valid(&(-5).into()));
        assert!(!validator.is_valid(&500.5.into()));
    }

    #[test]
    fn rejects_ambiguous_or_negative_amounts() {
        for text in REFUSED {
            assert!(text.parse::<Money>().is_err(), "{text} should be refused");
        }
        assert_eq!(
            "-1".parse::<Money>(),
            Err(MoneyError::Negative("-1".into()))
        );
        assert_eq!(
            "1.234".parse::<Money>(),
            Err(MoneyError::TooPrecise("1.234".into()))
        );
    }

    #[test]
    fn scales_exactly() {
        let base = Money::from_yuan(500);
        assert_eq!(base.scale(130, 100), Some(Money::from_yuan(650)));
        assert_eq!(Money::from_fen(1).scale(1, 2), Some(Money::from_fen(1)));
        assert_eq!(
            Money::from_yuan(120).scale(3, 1),
            Some(Money::from_yuan(360))
        );
        assert_eq!(Money::from_fen(123_450).to_string(), "1234.50");
    }
}
