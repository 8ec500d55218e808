//! The rulebook: an organisation's complaint procedure as data.
//!
//! A rulebook is a YAML file (see `rules/enterprise.yaml` for a complete annotated example and
//! the README for the reference). It is loaded and checked once per command; every problem is a
//! [`SourceError`] that underlines the offending value. The rulebooks shipped in `rules/` are
//! embedded in the binary ([`shipped`]). This module describes and checks; evaluation lives in
//! the modules for each concept.

use std::collections::HashSet;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::{Error, Problems, SourceError};
use crate::source::Source;

/// A code and its display name (`{code: CQ01, name: 商品质量问题}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub code: Spanned<String>,
    pub name: String,
}

/// One level of the escalation ladder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub code: Spanned<String>,
    pub name: String,
    /// The role that staffs this level (e.g. `room_head`).
    #[serde(default)]
    pub role: Option<String>,
}

/// The rulebook document as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rulebook {
    /// Short name, as in `complaint init --rulebook NAME`.
    pub rulebook: String,
    /// Recorded on every complaint received under this rulebook.
    pub version: Spanned<String>,
    pub organisation: String,
    /// One line, shown by `complaint rules list`.
    pub description: String,
    /// IANA zone deadlines are computed in.
    #[serde(default = "default_timezone")]
    pub timezone: Spanned<String>,
    /// Intake fields that must be present (see `complaint new --help`).
    #[serde(default = "default_required")]
    pub required: Vec<Spanned<String>>,
    pub channels: Vec<Code>,
    pub categories: Vec<Code>,
    #[serde(default)]
    pub tiers: Vec<Code>,
    #[serde(default)]
    pub grades: Vec<Code>,
    /// Flags intake may set (`safety`, `privacy`, …) for classification to read.
    #[serde(default)]
    pub flags: Vec<Code>,
    /// From the first level a complaint enters at, to the top.
    pub ladder: Vec<Level>,
    #[serde(skip)]
    source: Option<Source>,
    #[serde(skip)]
    zone: Option<chrono_tz::Tz>,
}

fn default_timezone() -> Spanned<String> {
    unlocated("Asia/Shanghai".to_string())
}

/// The intake fields a rulebook can require.
pub const INTAKE_FIELDS: &[&str] = &[
    "channel",
    "category",
    "customer",
    "subject",
    "happened",
    "place",
    "description",
    "demand",
    "evidence",
    "merchant",
    "price",
];

fn default_required() -> Vec<Spanned<String>> {
    [
        "channel",
        "category",
        "customer",
        "subject",
        "description",
        "demand",
    ]
    .into_iter()
    .map(|f| unlocated(f.to_string()))
    .collect()
}

/// A rulebook that ships inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct Shipped {
    pub name: &'static str,
    pub text: &'static str,
}

/// The shipped rulebooks; the first is the default.
pub fn shipped() -> &'static [Shipped] {
    &[Shipped {
        name: "enterprise",
        text: include_str!("../rules/enterprise.yaml"),
    }]
}

/// The rulebook a new book gets when none is named.
pub const DEFAULT: &str = "enterprise";

impl Rulebook {
    /// Parses and checks a rulebook; all problems are reported together.
    pub fn load(source: Source) -> Result<Rulebook, Error> {
        let mut book: Rulebook = crate::yaml::parse(&source)?;
        let problems = book.problems(&source);
        if !problems.is_empty() {
            return Err(Problems {
                summary: format!("{} has {} problem(s)", source.name(), problems.len()),
                problems,
            }
            .into());
        }
        book.zone = book.timezone.value.parse().ok();
        book.source = Some(source);
        Ok(book)
    }

    /// A shipped rulebook by name.
    pub fn load_shipped(name: &str) -> Result<Rulebook, Error> {
        let shipped = shipped().iter().find(|s| s.name == name).ok_or_else(|| {
            let names: Vec<&str> = shipped().iter().map(|s| s.name).collect();
            Error::invalid(
                format!("there is no shipped rulebook called `{name}`"),
                Some(match crate::suggest::closest(name, names.iter().copied()) {
                    Some(best) => {
                        format!("did you mean `{best}`? (`complaint rules list` shows them all)")
                    }
                    None => format!("shipped rulebooks: {}", names.join(", ")),
                }),
            )
        })?;
        Rulebook::load(Source::new(
            format!("<shipped>/{}.yaml", shipped.name),
            shipped.text,
        ))
    }

    /// The text it was loaded from.
    pub fn source(&self) -> Option<&Source> {
        self.source.as_ref()
    }

    pub fn version(&self) -> &str {
        &self.version.value
    }

    pub fn zone(&self) -> chrono_tz::Tz {
        self.zone.unwrap_or(chrono_tz::Asia::Shanghai)
    }

    pub fn channel(&self, code: &str) -> Option<&Code> {
        self.channels.iter().find(|c| c.code.value == code)
    }

    pub fn category(&self, code: &str) -> Option<&Code> {
        self.categories.iter().find(|c| c.code.value == code)
    }

    pub fn is_required(&self, field: &str) -> bool {
        self.required.iter().any(|r| r.value == field)
    }

    /// The ladder level with this code, and its position (0 = entry level).
    pub fn level(&self, code: &str) -> Option<(usize, &Level)> {
        self.ladder
            .iter()
            .enumerate()
            .find(|(_, l)| l.code.value == code)
    }

    /// The display name of a ladder level, or the code itself if the rulebook lacks it.
    pub fn level_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.level(code).map_or(code, |(_, l)| l.name.as_str())
    }

    fn problems(&self, source: &Source) -> Vec<SourceError> {
        let mut problems = Vec::new();
        let mut at = |spanned: &Spanned<String>, message: String, help: Option<String>| {
            problems.push(located(source, spanned, message).with_help(help));
        };
        for (what, codes) in [
            ("channel", &self.channels),
            ("category", &self.categories),
            ("tier", &self.tiers),
            ("grade", &self.grades),
            ("flag", &self.flags),
        ] {
            let mut seen = HashSet::new();
            for code in codes {
                if !seen.insert(code.code.value.as_str()) {
                    at(
                        &code.code,
                        format!("{what} `{}` is declared twice", code.code.value),
                        Some("codes must be unique; rename or remove one".into()),
                    );
                }
            }
        }
        let mut seen = HashSet::new();
        for level in &self.ladder {
            if !seen.insert(level.code.value.as_str()) {
                at(
                    &level.code,
                    format!("ladder level `{}` is declared twice", level.code.value),
                    Some("level codes must be unique".into()),
                );
            }
        }
        if self.timezone.value.parse::<chrono_tz::Tz>().is_err() {
            at(
                &self.timezone,
                format!("`{}` is not a time zone", self.timezone.value),
                Some("use an IANA name such as Asia/Shanghai or Europe/London".into()),
            );
        }
        if self.version.value.trim().is_empty() {
            at(
                &self.version,
                "the version is empty".into(),
                Some("give the rulebook a version such as 2026.1".into()),
            );
        }
        for field in &self.required {
            if !INTAKE_FIELDS.contains(&field.value.as_str()) {
                let help = crate::suggest::closest(&field.value, INTAKE_FIELDS.iter().copied())
                    .map(|best| format!("did you mean `{best}`?"))
                    .or_else(|| Some(format!("intake fields: {}", INTAKE_FIELDS.join(", "))));
                at(
                    field,
                    format!("`{}` is not an intake field", field.value),
                    help,
                );
            }
        }
        let empty = |list: &str| format!("the rulebook declares no {list}");
        if self.channels.is_empty() {
            problems.push(
                source
                    .error(empty("channels"), None, "")
                    .with_help(Some("add at least one channel".into())),
            );
        }
        if self.categories.is_empty() {
            problems.push(
                source
                    .error(empty("categories"), None, "")
                    .with_help(Some("add at least one category".into())),
            );
        }
        if self.ladder.is_empty() {
            problems.push(
                source
                    .error(empty("ladder levels"), None, "")
                    .with_help(Some("add at least one ladder level".into())),
            );
        }
        problems
    }
}

/// A default value, which has no place in the file.
fn unlocated<T>(value: T) -> Spanned<T> {
    Spanned::new(
        value,
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

/// An error underlining a spanned value in the rulebook.
pub fn located<T>(source: &Source, spanned: &Spanned<T>, message: String) -> SourceError {
    let loc = spanned.referenced;
    let span = (loc.line() > 0).then_some(()).and_then(|()| {
        source
            .offset_of(loc.line() as usize, loc.column() as usize)
            .map(|offset| {
                (
                    offset,
                    source.text()[offset..]
                        .lines()
                        .next()
                        .map_or(1, |l| l.trim_end().len().max(1)),
                )
            })
    });
    source.error(message, span, "here")
}

/// The rulebook text a `--rulebook NAME|PATH` option names: a file if one exists at that path,
/// else a shipped rulebook of that name.
pub fn choose(choice: &str) -> Result<Source, Error> {
    let path = std::path::Path::new(choice);
    if path.is_file() {
        return Source::read(path, choice);
    }
    Rulebook::load_shipped(choice)?;
    let shipped = shipped()
        .iter()
        .find(|s| s.name == choice)
        .expect("load_shipped found it");
    Ok(Source::new(
        format!("<shipped>/{choice}.yaml"),
        shipped.text,
    ))
}
