//! Complaint IDs: `C-20260930-7KQX2M`.
//!
//! An ID is the date the complaint was received (so IDs sort by date and a record's shard is
//! known from its ID) and six random characters in Crockford's base 32 (digits and capital
//! letters without I, L, O and U, so nothing is misheard or misread over the phone).
//!
//! # Why IDs do not collide across clones
//! Two desks working offline never coordinate, so IDs cannot be sequence numbers (desk A's
//! `0042` and desk B's `0042` would clash at merge). Instead the six characters are 30 bits from
//! the operating system's random source. Two IDs can only clash when both complaints were
//! received on the same day; among `n` complaints of one day the chance that any two clash is
//! below n²/2³¹: for 300 complaints a day about 1 in 24,000 per day, for 3,000 about 1 in 240.
//! Within one clone a clash is impossible: `new` draws again while the book lock is held if the
//! file already exists. Across clones a clash is *detected*, never silent: both records live at
//! the same path (`records/2026/09/C-20260930-7KQX2M.yaml`), so git reports an add/add conflict
//! at merge instead of overwriting, and `complaint check` reports any two records with one ID.
//!
//! People type IDs back in any case and by any unique part (`7kqx`), see [`matches()`].

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Error;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_CHARS: usize = 6;

/// A complaint's ID.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schemars(with = "String")]
pub struct ComplaintId(String);

impl ComplaintId {
    /// A fresh ID for a complaint received on `date`.
    pub fn generate(date: NaiveDate) -> Result<ComplaintId, Error> {
        let mut bytes = [0u8; RANDOM_CHARS];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::Internal(format!("no random source: {e}")))?;
        let suffix: String = bytes
            .iter()
            .map(|b| ALPHABET[usize::from(b % 32)] as char)
            .collect();
        Ok(ComplaintId(format!("C-{}-{suffix}", date.format("%Y%m%d"))))
    }

    /// The ID as written (`C-20261110-5AWX5K`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The date part: the day the complaint was received.
    pub fn date(&self) -> NaiveDate {
        NaiveDate::parse_from_str(&self.0[2..10], "%Y%m%d").expect("validated on construction")
    }

    /// The random part that staff read out (`7KQX2M`).
    pub fn suffix(&self) -> &str {
        &self.0[11..]
    }
}

impl fmt::Display for ComplaintId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ComplaintId {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a complaint ID (like C-20260930-7KQX2M)");
        let rest = text.strip_prefix("C-").ok_or_else(bad)?;
        let (date, suffix) = rest.split_once('-').ok_or_else(bad)?;
        let date_ok = date.len() == 8 && NaiveDate::parse_from_str(date, "%Y%m%d").is_ok();
        let suffix_ok =
            suffix.len() == RANDOM_CHARS && suffix.bytes().all(|b| ALPHABET.contains(&b));
        if date_ok && suffix_ok {
            Ok(ComplaintId(text))
        } else {
            Err(bad())
        }
    }
}

impl From<ComplaintId> for String {
    fn from(id: ComplaintId) -> String {
        id.0
    }
}

/// Normalises what a person typed: upper case, and Crockford's look-alikes (I, L → 1; O → 0).
pub fn normalise_query(query: &str) -> String {
    query
        .trim()
        .to_ascii_uppercase()
        .chars()
        .map(|c| match c {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        })
        .collect()
}

/// Whether `id` is meant by the (normalised) query: any part of it (`7KQX`, `1230`,
/// `20261230-7K`, the whole ID).
pub fn matches(id: &ComplaintId, query: &str) -> bool {
    id.as_str().contains(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_round_trip_and_sort_by_date() {
        let a = ComplaintId::generate(NaiveDate::from_ymd_opt(2026, 9, 30).unwrap()).unwrap();
        let b = ComplaintId::generate(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()).unwrap();
        assert!(a < b);
        assert_eq!(ComplaintId::try_from(a.to_string()), Ok(a.clone()));
        assert_eq!(a.date(), NaiveDate::from_ymd_opt(2026, 9, 30).unwrap());
        assert_eq!(a.suffix().len(), 6);
    }

    #[test]
    fn rejects_malformed_ids() {
        for text in [
            "",
            "C-2026-ABCDEF",
            "C-20261332-ABCDEF",
            "C-20260930-ABCDEI",
            "X-20260930-ABCDEF",
        ] {
            assert!(ComplaintId::try_from(text.to_string()).is_err(), "{text}");
        }
    }

    /// Any part of an ID finds it (`show 0930` as well as `show 7KQX`), typed as people read it
    /// aloud (`i`/`l` for 1, `o` for 0).
    #[test]
    fn matches_what_people_type() {
        let id = ComplaintId::try_from("C-20260930-7KQX2M".to_string()).unwrap();
        for q in [
            "7kqx",
            "7KQX2M",
            "c-20260930-7k",
            "2026093",
            "20260930-7KQ",
            "KQX",
            "0930",
            "X2M",
            "c-2o26",
            "C",
        ] {
            assert!(matches(&id, &normalise_query(q)), "{q}");
        }
        for q in ["C-2025", "7KQX2MM", "0931", "2M-"] {
            assert!(!matches(&id, &normalise_query(q)), "{q}");
        }
        assert_eq!(normalise_query("7kqx2m"), "7KQX2M");
        assert_eq!(normalise_query("io"), "10");
    }
}
