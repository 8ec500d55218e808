//! The report as one self-contained HTML page: inline style, inline SVG charts, no script and
//! nothing fetched from the network, so a manager can open it, mail it, or print it.

use super::svg::{self, Bar, Column};
use super::{Report, Section, percent, sections, subtitle, title};
use crate::html::escape;
use crate::labels::{fill, labels};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif;
  margin: 2em auto; max-width: 1000px; padding: 0 1.5em; color: #1f2328; line-height: 1.5; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em; }
.sub { color: #57606a; margin-top: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 0.8em; margin: 1em 0; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6em 1em; min-width: 9em; }
.card b { display: block; font-size: 1.6em; }
.card span { color: #57606a; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #d0d7de; padding: 0.3em 0.7em; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f6f8fa; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 0.5em 0; }
svg.chart text { font-family: inherit; font-size: 13px; fill: #1f2328; }
svg.chart .bar { fill: #2f81f7; }
svg.chart .axis { stroke: #8c959f; stroke-width: 1; }
.none { color: #57606a; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } svg.chart, table { break-inside: avoid; } }
"#;

/// The whole page.
pub fn html(report: &Report) -> String {
    let l = report.language;
    let t = labels(l);
    let title = title(report);
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{t}</h1>\n<p class=\"sub\">{sub}</p>\n",
        lang = t.report_html_lang,
        t = escape(&title),
        sub = escape(&subtitle(report)),
    );
    page.push_str(&cards(report));
    let by = groups_title(report);
    let charts = [
        (t.received_over_time, volume_chart(report)),
        (by.as_str(), groups_chart(report)),
        (t.on_time_per_clock, on_time_chart(report)),
    ];
    for (heading, chart) in charts {
        page.push_str(&format!("<h2>{}</h2>\n{chart}\n", escape(heading)));
    }
    for section in sections(report) {
        page.push_str(&table(&section, super::none(l)));
    }
    page.push_str("</body>\n</html>\n");
    page
}

fn cards(report: &Report) -> String {
    let t = labels(report.language);
    let v = &report.volume;
    let mean = report
        .satisfaction
        .mean
        .map_or_else(|| "—".to_string(), |m| format!("{m}"));
    let cards = [
        (v.received.to_string(), t.received),
        (v.open.to_string(), t.open),
        (percent(v.closed, v.received), t.resolution_rate),
        (mean, t.mean_satisfaction_of_5),
    ];
    let mut out = String::from("<div class=\"cards\">");
    for (value, label) in cards {
        out.push_str(&format!(
            "<div class=\"card\"><b>{}</b><span>{}</span></div>",
            escape(&value),
            escape(label)
        ));
    }
    out.push_str("</div>\n");
    out
}

/// At most this many columns: longer periods are shown by week.
const MAX_COLUMNS: usize = 62;

fn volume_chart(report: &Report) -> String {
    let t = labels(report.language);
    let days = &report.daily;
    let columns: Vec<Column> = if days.len() <= MAX_COLUMNS {
        days.iter()
            .enumerate()
            // Every 5th day and the first are labelled, so labels never overlap.
            .map(|(i, d)| {
                let date = d.date.format("%m-%d").to_string();
                Column {
                    label: if i == 0 || (i + 1) % 5 == 0 {
                        date.clone()
                    } else {
                        String::new()
                    },
                    tip: date,
                    value: d.received,
                }
            })
            .collect()
    } else {
        let weeks = days.chunks(7).count();
        let every = weeks.div_ceil(12).max(1);
        days.chunks(7)
            .enumerate()
            .map(|(i, week)| {
                let first = week[0].date.format("%m-%d").to_string();
                Column {
                    label: if i % every == 0 {
                        first.clone()
                    } else {
                        String::new()
                    },
                    tip: first,
                    value: week.iter().map(|d| d.received).sum(),
                }
            })
            .collect()
    };
    svg::columns(t.received_over_time, &columns)
}

fn groups_title(report: &Report) -> String {
    let l = report.language;
    fill(
        labels(l).received_by,
        &[("by", &report.by.label(l).to_lowercase())],
    )
}

fn groups_chart(report: &Report) -> String {
    let l = report.language;
    let max = report
        .groups
        .iter()
        .map(|g| g.received)
        .max()
        .unwrap_or(0)
        .max(1);
    let bars: Vec<Bar> = report
        .groups
        .iter()
        .filter(|g| g.received > 0)
        .map(|g| Bar {
            label: super::group_label(g, l),
            share: g.received as f64 / max as f64,
            shown: g.received.to_string(),
        })
        .collect();
    svg::bars(&groups_title(report), &bars)
}

fn on_time_chart(report: &Report) -> String {
    let t = labels(report.language);
    let bars: Vec<Bar> = report
        .clocks
        .iter()
        .filter(|c| c.decided() > 0)
        .map(|c| Bar {
            label: c.clock.name.clone().unwrap_or_default(),
            share: c.met as f64 / c.decided() as f64,
            shown: format!(
                "{} ({}/{})",
                percent(c.met, c.decided()),
                c.met,
                c.decided()
            ),
        })
        .collect();
    svg::bars(t.on_time_per_clock, &bars)
}

fn table(section: &Section, none: &str) -> String {
    let mut out = format!(
        "<h2 id=\"{}\">{}</h2>\n",
        section.id,
        escape(&section.title)
    );
    if section.rows.is_empty() {
        out.push_str(&format!("<p class=\"none\">{}</p>\n", escape(none)));
        return out;
    }
    // Columns whose every cell is a number (or money, or a percentage) are right-aligned.
    let numeric: Vec<bool> = (0..section.header.len())
        .map(|i| {
            section.rows.iter().all(|row| {
                row.get(i).is_some_and(|cell| {
                    let cell = cell.trim_start_matches(['¥', '+', '-']);
                    cell.chars().next().is_some_and(|c| c.is_ascii_digit()) || cell == "—"
                })
            })
        })
        .collect();
    let class = |i: usize| if numeric[i] { " class=\"n\"" } else { "" };
    out.push_str("<table>\n<thead><tr>");
    for (i, h) in section.header.iter().enumerate() {
        out.push_str(&format!("<th{}>{}</th>", class(i), escape(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &section.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            out.push_str(&format!("<td{}>{}</td>", class(i), escape(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}
