//! Charts as inline SVG strings: no script, no external file, so a report opens and prints
//! anywhere. Every text is escaped; sizes are in SVG user units and scale with the page.

use crate::html::escape;

/// One bar: its label, its length as a share of the longest (0.0–1.0), and the value shown.
pub struct Bar {
    pub label: String,
    pub share: f64,
    pub shown: String,
}

const WIDTH: f64 = 720.0;
const LABEL: f64 = 220.0;
const ROW: f64 = 26.0;

/// Horizontal bars with their labels on the left and values at their ends.
pub fn bars(title: &str, bars: &[Bar]) -> String {
    let height = ROW * bars.len().max(1) as f64 + 10.0;
    let span = WIDTH - LABEL - 110.0;
    let mut svg = open(title, height);
    for (i, bar) in bars.iter().enumerate() {
        let y = 5.0 + ROW * i as f64;
        let length = (bar.share.clamp(0.0, 1.0) * span).max(1.0);
        svg.push_str(&format!(
            r#"<text x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect class="bar" x="{LABEL}" y="{y}" width="{length:.1}" height="{h}"/><text x="{vx:.1}" y="{ty}">{shown}</text>"#,
            lx = LABEL - 8.0,
            ty = y + ROW * 0.62,
            label = escape(&bar.label),
            h = ROW - 8.0,
            vx = LABEL + length + 6.0,
            shown = escape(&bar.shown),
        ));
    }
    if bars.is_empty() {
        svg.push_str(&format!(r#"<text x="{LABEL}" y="{}">—</text>"#, ROW * 0.62));
    }
    svg.push_str("</svg>");
    svg
}

/// One column: its label under the axis (may be empty, so labels do not crowd), what its
/// tooltip names it by (always set), and its value.
pub struct Column {
    pub label: String,
    pub tip: String,
    pub value: usize,
}

/// Columns over time with a baseline, the highest value marked on the axis, and a label
/// under every column that has one.
pub fn columns(title: &str, columns: &[Column]) -> String {
    let (height, top, bottom, left) = (220.0, 12.0, 40.0, 40.0);
    let plot = height - top - bottom;
    let max = columns.iter().map(|c| c.value).max().unwrap_or(0).max(1);
    let step = (WIDTH - left - 10.0) / columns.len().max(1) as f64;
    let mut svg = open(title, height);
    let base = height - bottom;
    svg.push_str(&format!(
        r#"<line class="axis" x1="{left}" y1="{base}" x2="{WIDTH}" y2="{base}"/><line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{base}"/><text x="{lx}" y="{ty}" text-anchor="end">{max}</text><text x="{lx}" y="{base}" text-anchor="end">0</text>"#,
        lx = left - 6.0,
        ty = top + 10.0,
    ));
    for (i, column) in columns.iter().enumerate() {
        let x = left + step * i as f64;
        let h = plot * column.value as f64 / max as f64;
        if column.value > 0 {
            svg.push_str(&format!(
                r#"<rect class="bar" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}"><title>{tip}: {value}</title></rect>"#,
                x = x + step * 0.15,
                y = base - h,
                w = step * 0.7,
                tip = escape(&column.tip),
                value = column.value,
            ));
        }
        if !column.label.is_empty() {
            svg.push_str(&format!(
                r#"<text x="{cx:.1}" y="{ly}" text-anchor="middle">{label}</text>"#,
                cx = x + step / 2.0,
                ly = base + 16.0,
                label = escape(&column.label),
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

fn open(title: &str, height: f64) -> String {
    format!(
        r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"><title>{}</title>"#,
        escape(title)
    )
}
