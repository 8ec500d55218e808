//! Which language the command line speaks to people: Chinese or English.
//!
//! `COMPLAINT_LANG` decides when it is set (`zh`, `en`, or a locale such as `zh_CN.UTF-8`).
//! Otherwise a Chinese locale (the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set) asks
//! for Chinese, and so does a rulebook whose `language` is `zh` once a book is open; anything
//! else is English. Machine formats (JSON, YAML, CSV, exit codes) never change with it.

use std::sync::atomic::{AtomicU8, Ordering};

use complaint::rulebook::Language;

/// The language chosen so far: unset, or a [`Language`] and whether the environment named it.
static CHOSEN: AtomicU8 = AtomicU8::new(UNSET);

const UNSET: u8 = 0;
const ZH: u8 = 1;
const EN: u8 = 2;
/// Added to a language the environment asked for: a rulebook does not override it.
const ASKED: u8 = 4;

/// What a locale value (`zh_CN.UTF-8`, `en`, `C`) asks for; `None` for an empty one.
fn of_locale(value: &str) -> Option<Language> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    Some(if value.to_ascii_lowercase().starts_with("zh") {
        Language::Zh
    } else {
        Language::En
    })
}

/// The language the environment asks for. A locale that is not Chinese (`C.UTF-8`, the
/// default of many servers) does not count as asking for English: a Chinese rulebook still
/// makes the interface Chinese.
fn asked(var: impl Fn(&str) -> Option<String>) -> Option<Language> {
    if let Some(language) = var("COMPLAINT_LANG").as_deref().and_then(of_locale) {
        return Some(language);
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| var(name).as_deref().and_then(of_locale))
        .filter(|language| *language == Language::Zh)
}

fn code(language: Language) -> u8 {
    match language {
        Language::Zh => ZH,
        Language::En => EN,
    }
}

/// Reads the environment once, at start.
pub fn init() {
    if let Some(language) = asked(|name| std::env::var(name).ok()) {
        CHOSEN.store(code(language) | ASKED, Ordering::Relaxed);
    }
}

/// A book was opened: its rulebook's language is the interface's, unless the environment chose.
pub fn book_speaks(language: Language) {
    let _ = CHOSEN.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |now| {
        (now & ASKED == 0).then_some(code(language))
    });
}

/// The language to speak now.
pub fn current() -> Language {
    if CHOSEN.load(Ordering::Relaxed) & !ASKED == ZH {
        Language::Zh
    } else {
        Language::En
    }
}

/// Whether the environment chose the language (`COMPLAINT_LANG`, or a Chinese locale): a
/// rulebook then does not change it.
pub fn environment_chose() -> bool {
    CHOSEN.load(Ordering::Relaxed) & ASKED != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complaint_lang_then_a_chinese_locale_choose_the_language() {
        type Vars<'a> = &'a [(&'a str, &'a str)];
        let cases: &[(Vars, Option<Language>)] = &[
            (&[], None),
            (&[("COMPLAINT_LANG", "en")], Some(Language::En)),
            (
                &[("COMPLAINT_LANG", "zh"), ("LANG", "en_US.UTF-8")],
                Some(Language::Zh),
            ),
            (
                &[("COMPLAINT_LANG", "en"), ("LANG", "zh_CN.UTF-8")],
                Some(Language::En),
            ),
            (&[("LANG", "zh_CN.UTF-8")], Some(Language::Zh)),
            (
                &[("LC_ALL", "zh_TW.UTF-8"), ("LANG", "C")],
                Some(Language::Zh),
            ),
            // A non-Chinese locale leaves the choice to the rulebook.
            (&[("LANG", "C.UTF-8")], None),
            (&[("LANG", "en_GB.UTF-8")], None),
            (
                &[("COMPLAINT_LANG", " "), ("LANG", "zh_CN")],
                Some(Language::Zh),
            ),
        ];
        for (vars, expected) in cases {
            let got = asked(|name| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            });
            assert_eq!(got, *expected, "{vars:?}");
        }
    }
}
