//! Writing a [`Document`] out: Markdown, plain text, or one printable HTML page.

use super::{Document, Style};
use crate::labels::labels;

/// Writes a document out in `style`.
pub fn render(document: &Document, style: Style) -> String {
    match style {
        Style::Markdown => markdown(document),
        Style::Text => text(document),
        Style::Html => html(document),
    }
}

/// The blank a signature or an unfilled row gets: long enough to sign on.
const BLANK: &str = "____________";

/// Text for a Markdown table cell or paragraph: `|` would end the cell, a line break the row,
/// and `<` would let recorded text become raw HTML where the Markdown is rendered.
fn markdown_escape(text: &str) -> String {
    // Backslashes first, so the escapes added after them stay escapes; `[` `]` so recorded
    // text never becomes a link or an image that a viewer would fetch; every kind of line
    // break (CommonMark ends a table row at a lone `\r` too) as `<br>`.
    normalise_breaks(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('\n', "<br>")
}

/// `\r\n` and `\r` as `\n`.
fn normalise_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Markdown: a `#` title, a `##` heading and a two-column table per section, and signature
/// lines (underscores escaped so they stay lines rather than emphasis).
pub fn markdown(document: &Document) -> String {
    let blank = BLANK.replace('_', "\\_");
    let mut out = format!("# {}\n\n", markdown_escape(&document.title));
    for section in &document.sections {
        if let Some(heading) = &section.heading {
            out.push_str(&format!("## {}\n\n", markdown_escape(heading)));
        }
        if !section.rows.is_empty() {
            let [left, right] = &section.columns;
            out.push_str(&format!(
                "| {} | {} |\n|---|---|\n",
                markdown_escape(left),
                markdown_escape(right)
            ));
            for row in &section.rows {
                let value = row
                    .value
                    .as_deref()
                    .map_or_else(|| blank.clone(), markdown_escape);
                out.push_str(&format!("| {} | {value} |\n", markdown_escape(&row.label)));
            }
            out.push('\n');
        }
        for paragraph in &section.paragraphs {
            out.push_str(&format!("{}\n\n", markdown_escape(paragraph)));
        }
    }
    for line in &document.signatures {
        out.push_str(&format!("{}{blank}\n\n", markdown_escape(line)));
    }
    out
}

/// Plain text: `label：value` lines, a blank line after each section, then the signature lines.
pub fn text(document: &Document) -> String {
    let separator = labels(document.language).colon;
    let mut out = format!("{}\n\n", document.title);
    for section in &document.sections {
        if let Some(heading) = &section.heading {
            out.push_str(&format!("{heading}\n"));
        }
        for row in &section.rows {
            out.push_str(&format!(
                "{}{separator}{}\n",
                row.label,
                row.value.as_deref().unwrap_or(BLANK)
            ));
        }
        for paragraph in &section.paragraphs {
            out.push_str(&format!("{paragraph}\n"));
        }
        out.push('\n');
    }
    for line in &document.signatures {
        out.push_str(&format!("{line}{BLANK}\n"));
    }
    out
}

/// The print stylesheet: A4, black on white, tables ruled like the paper forms, rows and
/// sections not split across pages, and a CJK font stack that every usual system has one of.
const CSS: &str = r#"@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #000; background: #fff; font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 11pt; line-height: 1.6; }
main { max-width: 180mm; margin: 0 auto; padding: 12mm 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 8mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 1.5mm 3mm; text-align: left; vertical-align: top; }
thead th { background: #eee; }
tbody th { width: 30%; font-weight: normal; background: #f6f6f6; }
td.blank { height: 10mm; }
p { margin: 2mm 0; }
section, tr { break-inside: avoid; page-break-inside: avoid; }
.signatures { margin-top: 10mm; display: grid; grid-template-columns: 1fr 1fr; gap: 8mm 12mm; break-inside: avoid; page-break-inside: avoid; }
.signatures p { display: flex; align-items: flex-end; margin: 0; }
.signatures .line { flex: 1; min-height: 8mm; margin-left: 2mm; border-bottom: 1px solid #000; }
@media print { main { padding: 0; } th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"#;

/// One self-contained HTML page (inline stylesheet, no scripts, nothing fetched), every piece
/// of text escaped.
pub fn html(document: &Document) -> String {
    let e = crate::html::escape;
    // Line breaks in recorded text are kept as breaks; the text around them is escaped first.
    let lines = |text: &str| e(&normalise_breaks(text)).replace('\n', "<br>");
    let lang = labels(document.language).form_html_lang;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n",
        title = e(&document.title)
    );
    for section in &document.sections {
        out.push_str("<section>\n");
        if let Some(heading) = &section.heading {
            out.push_str(&format!("<h2>{}</h2>\n", e(heading)));
        }
        if !section.rows.is_empty() {
            let [left, right] = &section.columns;
            out.push_str(&format!(
                "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
                e(left),
                e(right)
            ));
            for row in &section.rows {
                let cell = match &row.value {
                    Some(value) => format!("<td>{}</td>", lines(value)),
                    None => "<td class=\"blank\"></td>".to_string(),
                };
                out.push_str(&format!(
                    "<tr><th scope=\"row\">{}</th>{cell}</tr>\n",
                    e(&row.label)
                ));
            }
            out.push_str("</tbody>\n</table>\n");
        }
        for paragraph in &section.paragraphs {
            out.push_str(&format!("<p>{}</p>\n", lines(paragraph)));
        }
        out.push_str("</section>\n");
    }
    if !document.signatures.is_empty() {
        out.push_str("<div class=\"signatures\">\n");
        for line in &document.signatures {
            out.push_str(&format!(
                "<p><span>{}</span><span class=\"line\"></span></p>\n",
                e(line)
            ));
        }
        out.push_str("</div>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::Section;
    use super::*;
    use crate::rulebook::Language;

    fn sample() -> Document {
        let mut section = Section::new(Language::Zh, Some("<b>标题</b>"));
        section
            .row("描述", "<script>alert(1)</script>\n第二行")
            .row("备注", "一行\r\n二行\r三行 ![图](http://x.example/a.png)")
            .field("签名", None);
        section.paragraphs.push("a | b".into());
        Document {
            language: Language::Zh,
            title: "T & <T>".into(),
            sections: vec![section],
            signatures: vec!["顾客（签字）：".into()],
        }
    }

    #[test]
    fn html_escapes_every_text_and_keeps_line_breaks() {
        let page = html(&sample());
        assert!(!page.contains("<script>"), "{page}");
        assert!(!page.contains("<b>"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;<br>第二行"));
        assert!(page.contains("<title>T &amp; &lt;T&gt;</title>"));
        assert!(page.contains("<html lang=\"zh\">"));
        assert!(page.contains("<td class=\"blank\"></td>"));
        assert!(page.contains("一行<br>二行<br>三行"), "{page}");
    }

    #[test]
    fn markdown_keeps_cells_whole_and_text_inert() {
        let md = markdown(&sample());
        assert!(
            md.contains("| 描述 | &lt;script>alert(1)&lt;/script><br>第二行 |"),
            "{md}"
        );
        assert!(md.contains("| 签名 | \\_\\_\\_"), "{md}");
        assert!(md.contains("a \\| b"), "{md}");
        // Windows and old-Mac line breaks do not cut the row; no link or image is made.
        assert!(
            md.contains("| 备注 | 一行<br>二行<br>三行 !\\[图\\](http://x.example/a.png) |"),
            "{md}"
        );
    }
}
