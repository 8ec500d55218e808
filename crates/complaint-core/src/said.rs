//! Texts for people in both interface languages, written together where they are said.
//!
//! An error's reason and help are composed where the library decides (a refusal, a request it
//! cannot carry out), from values only that place knows. So each is written there in English
//! and Chinese at once, with [`said!`](crate::said!), and the caller that shows it picks the
//! language ([`crate::Error::localised`]). Shown with `{}`, a [`Said`] is English: the library's
//! default does not change.
//!
//! ```
//! use complaint_core::said;
//! use complaint_core::rulebook::Language;
//!
//! let amount = "600.00";
//! let why = said!("the standard 300.00", "标准 300.00");
//! let reason = said!("¥{amount} is above the cap ({why})", "¥{amount} 超出上限（{why}）"; why);
//! assert_eq!(reason.to_string(), "¥600.00 is above the cap (the standard 300.00)");
//! assert_eq!(reason.get(Language::Zh), "¥600.00 超出上限（标准 300.00）");
//! ```
//!
//! A text that leaves out a value the other names does not compile:
//!
//! ```compile_fail
//! let amount = "600.00";
//! let reason = complaint_core::said!("¥{amount} is above the cap", "超出上限");
//! ```

use std::fmt;

use crate::rulebook::Language;

/// A text for people in English and in Chinese. `Display` writes the English.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Said {
    /// English, then Chinese; boxed, so that an error holding a few stays small.
    texts: Box<(String, String)>,
}

impl Said {
    /// A text from its English and its Chinese. Prefer [`said!`](crate::said!), which checks
    /// at compile time that both are written and name the same values.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Said {
        Said {
            texts: Box::new((en.into(), zh.into())),
        }
    }

    /// The text in `language`.
    pub fn get(&self, language: Language) -> &str {
        language.pick(self.zh(), self.en())
    }

    /// The English text.
    pub fn en(&self) -> &str {
        &self.texts.0
    }

    /// The Chinese text.
    pub fn zh(&self) -> &str {
        &self.texts.1
    }

    /// Texts joined, with a separator for each language (`", "` and `"、"`).
    pub fn join<'a>(parts: impl IntoIterator<Item = &'a Said>, en: &str, zh: &str) -> Said {
        let (ens, zhs): (Vec<&str>, Vec<&str>) =
            parts.into_iter().map(|p| (p.en(), p.zh())).unzip();
        Said::new(ens.join(en), zhs.join(zh))
    }
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.en())
    }
}

/// A [`Said`](crate::said::Said): `said!("english {value}", "中文{value}")` formats both texts with the values in
/// scope (as `format!` does), and fails to compile unless both are written and name the same
/// `{values}`. A value that is itself a `Said` is named after a `;` and is written in each
/// text's own language: `said!("the {what} is empty", "{what}为空"; what)`, or
/// `…; what = expression`.
#[macro_export]
macro_rules! said {
    (@value $name:ident) => {
        &$name
    };
    (@value $name:ident = $value:expr) => {
        &$value
    };
    ($en:literal, $zh:literal $(;)?) => {{
        const _: () = $crate::said::check($en, $zh);
        $crate::said::Said::new(::std::format!($en), ::std::format!($zh))
    }};
    ($en:literal, $zh:literal; $($name:ident $(= $value:expr)?),+ $(,)?) => {{
        const _: () = $crate::said::check($en, $zh);
        $(let $name: &$crate::said::Said = $crate::said!(@value $name $(= $value)?);)+
        $crate::said::Said::new(
            {
                $(let $name = $name.en();)+
                ::std::format!($en)
            },
            {
                $(let $name = $name.zh();)+
                ::std::format!($zh)
            },
        )
    }};
}

/// Stops the build unless both texts are written and name the same `{values}`
/// ([`said!`](crate::said!) calls it at compile time).
#[doc(hidden)]
pub const fn check(en: &str, zh: &str) {
    assert!(
        !en.is_empty() && !zh.is_empty(),
        "said!: write the text in both languages"
    );
    assert!(
        agree(en, zh),
        "said!: the English and the Chinese must name the same {{values}}"
    );
}

/// Whether two texts name the same `{values}` (each of one is in the other; `{{` is a brace).
pub const fn agree(a: &str, b: &str) -> bool {
    covered(a.as_bytes(), b.as_bytes()) && covered(b.as_bytes(), a.as_bytes())
}

/// Whether every value `a` names is named in `b`.
const fn covered(a: &[u8], b: &[u8]) -> bool {
    let mut at = 0;
    while let Some((start, end, next)) = placeholder(a, at) {
        if !names(b, a, start, end) {
            return false;
        }
        at = next;
    }
    true
}

/// Whether `text` names the value `name[start..end]`.
const fn names(text: &[u8], name: &[u8], start: usize, end: usize) -> bool {
    let mut at = 0;
    while let Some((s, e, next)) = placeholder(text, at) {
        if e - s == end - start {
            let mut i = 0;
            while i < e - s && text[s + i] == name[start + i] {
                i += 1;
            }
            if i == e - s {
                return true;
            }
        }
        at = next;
    }
    false
}

/// The next `{value}` (or `{value:spec}`) from `at`: where its name starts and ends, and where
/// to look on.
const fn placeholder(text: &[u8], mut at: usize) -> Option<(usize, usize, usize)> {
    while at < text.len() {
        if text[at] == b'{' {
            if at + 1 < text.len() && text[at + 1] == b'{' {
                at += 2;
                continue;
            }
            let start = at + 1;
            let mut end = start;
            while end < text.len() && text[end] != b'}' && text[end] != b':' {
                end += 1;
            }
            let mut close = end;
            while close < text.len() && text[close] != b'}' {
                close += 1;
            }
            return Some((start, end, close + 1));
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_texts_must_name_the_same_values() {
        assert!(agree("¥{amount} of {what}", "{what}¥{amount}"));
        assert!(agree("{customer:?} said", "{customer:?} 说"));
        assert!(agree("{{literal}} {x}", "{x}"));
        assert!(agree("no values", "没有值"));
        assert!(!agree("{amount}", "金额"));
        assert!(!agree("amount", "{amount}"));
        assert!(!agree("{amount}", "{amuont}"));
        assert!(!agree("{a}", "{ab}"));
    }

    #[test]
    fn said_formats_each_language_with_its_own_words() {
        let what = said!("handler's name", "处理人姓名");
        let count = 3;
        let text = said!("the {what} is empty ({count})", "{what}为空（{count}）"; what);
        assert_eq!(text.to_string(), "the handler's name is empty (3)");
        assert_eq!(text.get(Language::Zh), "处理人姓名为空（3）");
        let text = said!("{x}!", "{x}！"; x = said!("yes", "是"));
        assert_eq!((text.en(), text.zh()), ("yes!", "是！"));
        let joined = Said::join([&said!("a", "甲"), &said!("b", "乙")], ", ", "、");
        assert_eq!((joined.en(), joined.zh()), ("a, b", "甲、乙"));
    }
}
