//! A report laid out as labelled tables in the rulebook's language, with its title and
//! subtitle: what the terminal prints and the HTML page shows under its charts.

use super::{Group, Report, Role};
use crate::duration::Unit;
use crate::labels::{fill, labels};
use crate::rulebook::Language;

/// `count` of `of` as a percentage with one decimal (`75.0%`), or `—` when `of` is 0.
pub fn percent(count: usize, of: usize) -> String {
    if of == 0 {
        return "—".to_string();
    }
    let tenths = (count * 1000 + of / 2) / of;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// A unit's short name in the report's language.
pub fn unit_label(unit: Unit, language: Language) -> &'static str {
    let t = labels(language);
    match unit {
        Unit::Minutes => t.minutes,
        Unit::Hours => t.hours,
        Unit::Days => t.days,
        Unit::WorkingDays => t.working_days,
        Unit::BusinessHours => t.business_hours,
    }
}

/// A group's label: `CQ01 商品质量问题`, the name alone, or "(not recorded)".
pub fn group_label(group: &Group, language: Language) -> String {
    match (group.code.as_str(), group.name.as_str()) {
        ("", _) => labels(language).not_recorded.to_string(),
        (code, "") => code.to_string(),
        (code, name) => format!("{code} {name}"),
    }
}

/// One table of the report, labelled in the rulebook's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// A stable identifier (`overview`, `clocks`, …), for HTML anchors and CSS.
    pub id: &'static str,
    /// The table's title, in the rulebook's language.
    pub title: String,
    /// The column heads.
    pub header: Vec<String>,
    /// The cells, row by row, as many as the header has columns.
    pub rows: Vec<Vec<String>>,
}

/// The report's title: what, which days, as of when.
pub fn title(report: &Report) -> String {
    let t = labels(report.language);
    format!(
        "{} {} – {}",
        t.report_title, report.period.from, report.period.to
    )
}

/// The line under the title: the instant, the rulebook, the comparison period.
pub fn subtitle(report: &Report) -> String {
    let t = labels(report.language);
    format!(
        "{} {} · {} {} {} · {} {} – {}",
        t.as_of,
        report.now.format("%Y-%m-%d %H:%M %:z"),
        t.rulebook,
        report.rulebook.name,
        report.rulebook.version,
        t.compared_with,
        report.previous.from,
        report.previous.to
    )
}

fn strings<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v}"))
}

/// The report as labelled tables, in the order a reader wants them.
pub fn sections(report: &Report) -> Vec<Section> {
    let l = report.language;
    let t = labels(l);
    let v = &report.volume;
    let s = &report.satisfaction;
    let overview = Section {
        id: "overview",
        title: t.overview.to_string(),
        header: strings([t.figure, t.value]),
        rows: vec![
            vec![t.received.to_string(), v.received.to_string()],
            vec![t.open.to_string(), v.open.to_string()],
            vec![t.closed.to_string(), v.closed.to_string()],
            vec![
                t.resolution_rate.to_string(),
                format!(
                    "{} ({}/{})",
                    percent(v.closed, v.received),
                    v.closed,
                    v.received
                ),
            ],
            vec![
                t.mean_satisfaction.to_string(),
                format!("{} ({} {})", number(s.mean), s.rated, t.rated),
            ],
            vec![
                t.repeat_complainants.to_string(),
                report.repeat_complainants.len().to_string(),
            ],
        ],
    };
    let clocks = Section {
        id: "clocks",
        title: t.deadlines.to_string(),
        header: strings([
            t.clock,
            t.met,
            t.met_late,
            t.breached,
            t.in_progress,
            t.on_time,
            t.median,
            t.p90,
            t.unit,
            t.provisional,
        ]),
        rows: report
            .clocks
            .iter()
            .map(|c| {
                let role = match c.role {
                    Some(Role::Acknowledge) => t.role_acknowledge,
                    Some(Role::Resolve) => t.role_resolve,
                    None => "",
                };
                vec![
                    format!("{}{role}", c.clock.name.as_deref().unwrap_or_default()),
                    c.met.to_string(),
                    c.met_late.to_string(),
                    c.breached.to_string(),
                    c.open.to_string(),
                    percent(c.met, c.decided()),
                    number(c.median),
                    number(c.p90),
                    unit_label(c.unit, l).to_string(),
                    c.provisional.to_string(),
                ]
            })
            .collect(),
    };
    let scores = Section {
        id: "satisfaction",
        title: t.satisfaction.to_string(),
        header: strings([t.score, t.count, t.share]),
        rows: (1..=5)
            .rev()
            .map(|score| {
                let n = s.distribution[score - 1];
                vec![score.to_string(), n.to_string(), percent(n, s.rated)]
            })
            .collect(),
    };
    let groups = Section {
        id: "groups",
        title: fill(t.by, &[("by", &report.by.label(l).to_lowercase())]),
        header: strings([
            report.by.label(l),
            t.this_period,
            t.previous,
            t.change,
            t.closed,
        ]),
        rows: report
            .groups
            .iter()
            .map(|g| {
                vec![
                    group_label(g, l),
                    g.received.to_string(),
                    g.previous.to_string(),
                    format!("{:+}", g.growth),
                    g.closed.to_string(),
                ]
            })
            .collect(),
    };
    let hot = Section {
        id: "hot_spots",
        title: t.hot_spots.to_string(),
        header: strings(["#", report.by.label(l), t.this_period, t.previous, t.growth]),
        rows: report
            .hot_spots
            .iter()
            .enumerate()
            .map(|(i, g)| {
                vec![
                    (i + 1).to_string(),
                    group_label(g, l),
                    g.received.to_string(),
                    g.previous.to_string(),
                    format!("{:+}", g.growth),
                ]
            })
            .collect(),
    };
    let repeat = Section {
        id: "repeat_complainants",
        title: t.repeat_complainants.to_string(),
        header: strings([t.customer, t.contact, t.complaints, t.ids]),
        rows: report
            .repeat_complainants
            .iter()
            .map(|r| {
                let ids: Vec<String> = r.ids.iter().map(ToString::to_string).collect();
                vec![
                    r.customer.clone(),
                    r.contact.clone(),
                    r.complaints.to_string(),
                    ids.join(" "),
                ]
            })
            .collect(),
    };
    let compensation = Section {
        id: "compensation",
        title: t.compensation.to_string(),
        header: strings([t.kind, t.payments, t.amount]),
        rows: report
            .compensation
            .iter()
            .map(|p| {
                vec![
                    p.kind.clone(),
                    p.payments.to_string(),
                    format!("¥{}", p.amount),
                ]
            })
            .collect(),
    };
    let advances = Section {
        id: "advances",
        title: t.advances.to_string(),
        header: strings([
            t.by_merchant,
            t.complaints,
            t.advanced,
            t.recovered,
            t.outstanding,
        ]),
        rows: report
            .advances
            .iter()
            .map(|r| {
                vec![
                    r.merchant.clone(),
                    r.complaints.to_string(),
                    format!("¥{}", r.advanced),
                    format!("¥{}", r.recovered),
                    format!("¥{}", r.outstanding),
                ]
            })
            .collect(),
    };
    vec![
        overview,
        clocks,
        scores,
        groups,
        hot,
        repeat,
        compensation,
        advances,
    ]
}

/// "Nothing to show" in the report's language.
pub fn none(language: Language) -> &'static str {
    labels(language).none
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_to_one_decimal() {
        let cases = [
            (0, 0, "—"),
            (1, 3, "33.3%"),
            (2, 3, "66.7%"),
            (3, 4, "75.0%"),
            (5, 5, "100.0%"),
        ];
        for (count, of, want) in cases {
            assert_eq!(percent(count, of), want);
        }
    }
}
