//! Text for the HTML pages the library writes (forms, reports): one escape, so that recorded
//! text (a description with `<script>` in it) is only ever shown, never run.

/// Text made safe inside HTML elements and attribute values alike: `&`, `<`, `>`, `"` and `'`
/// written as entities, control characters and bidi overrides shown as escapes (see
/// [`crate::visible`]: a U+202E would turn a customer's document around), everything else
/// (Chinese included) as it is.
pub fn escape(text: &str) -> String {
    let text = crate::visible::visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup() {
        for (text, want) in [
            (
                r#"<script>alert("x")</script> & 'y'"#,
                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
            ),
            ("商品质量问题", "商品质量问题"),
            // Already-escaped text is escaped again: it is text, not markup.
            ("&amp;", "&amp;amp;"),
            ("a\u{1b}[2J\u{202e}b", "a\\u{1b}[2J\\u{202e}b"),
            ("", ""),
        ] {
            assert_eq!(escape(text), want, "{text:?}");
        }
    }
}
