//! A report laid out as labelled tables in the rulebook's language, with its title and
//! subtitle: what the terminal prints and the HTML page shows under its charts.

use super::{Group, Report, Role};
use crate::duration::Unit;
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
    match unit {
        Unit::Minutes => language.pick("分钟", "minutes"),
        Unit::Hours => language.pick("小时", "hours"),
        Unit::Days => language.pick("日", "days"),
        Unit::WorkingDays => language.pick("工作日", "working days"),
        Unit::BusinessHours => language.pick("工作小时", "business hours"),
    }
}

/// A group's label: `CQ01 商品质量问题`, the name alone, or "(not recorded)".
pub fn group_label(group: &Group, language: Language) -> String {
    match (group.code.as_str(), group.name.as_str()) {
        ("", _) => language.pick("（未记录）", "(not recorded)").to_string(),
        (code, "") => code.to_string(),
        (code, name) => format!("{code} {name}"),
    }
}

/// One table of the report, labelled in the rulebook's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// A stable identifier (`overview`, `clocks`, …), for HTML anchors and CSS.
    pub id: &'static str,
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The report's title: what, which days, as of when.
pub fn title(report: &Report) -> String {
    let l = report.language;
    format!(
        "{} {} – {}",
        l.pick("投诉统计报告", "Complaints report"),
        report.period.from,
        report.period.to
    )
}

/// The line under the title: the instant, the rulebook, the comparison period.
pub fn subtitle(report: &Report) -> String {
    let l = report.language;
    format!(
        "{} {} · {} {} · {} {} – {}",
        l.pick("统计时点", "as of"),
        report.now.format("%Y-%m-%d %H:%M %:z"),
        l.pick("规则", "rulebook"),
        report.rulebook,
        l.pick("对比上期", "compared with"),
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
    let v = &report.volume;
    let s = &report.satisfaction;
    let overview = Section {
        id: "overview",
        title: l.pick("概况", "Overview").to_string(),
        header: strings([l.pick("指标", "Figure"), l.pick("数值", "Value")]),
        rows: vec![
            vec![
                l.pick("受理量", "Received").to_string(),
                v.received.to_string(),
            ],
            vec![l.pick("未结", "Open").to_string(), v.open.to_string()],
            vec![l.pick("已结", "Closed").to_string(), v.closed.to_string()],
            vec![
                l.pick("解决率", "Resolution rate").to_string(),
                format!(
                    "{} ({}/{})",
                    percent(v.closed, v.received),
                    v.closed,
                    v.received
                ),
            ],
            vec![
                l.pick("满意度均值", "Mean satisfaction").to_string(),
                format!(
                    "{} ({} {})",
                    number(s.mean),
                    s.rated,
                    l.pick("条评价", "rated")
                ),
            ],
            vec![
                l.pick("重复投诉客户", "Repeat complainants").to_string(),
                report.repeat_complainants.len().to_string(),
            ],
        ],
    };
    let clocks = Section {
        id: "clocks",
        title: l.pick("时限达成", "Deadlines").to_string(),
        header: strings([
            l.pick("时限", "Clock"),
            l.pick("按时", "Met"),
            l.pick("超时办结", "Met late"),
            l.pick("超时未办", "Breached"),
            l.pick("进行中", "Open"),
            l.pick("按时率", "On time"),
            l.pick("中位数", "Median"),
            l.pick("P90", "P90"),
            l.pick("单位", "Unit"),
            l.pick("暂定", "Provisional"),
        ]),
        rows: report
            .clocks
            .iter()
            .map(|c| {
                let role = match c.role {
                    Some(Role::Acknowledge) => l.pick("（受理）", " (acknowledge)"),
                    Some(Role::Resolve) => l.pick("（办结）", " (resolve)"),
                    None => "",
                };
                vec![
                    format!("{}{role}", c.name),
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
        title: l.pick("满意度分布", "Satisfaction").to_string(),
        header: strings([
            l.pick("评分", "Score"),
            l.pick("数量", "Count"),
            l.pick("占比", "Share"),
        ]),
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
        title: format!(
            "{}{}",
            l.pick("按", "By "),
            report.by.label(l).to_lowercase()
        ),
        header: strings([
            report.by.label(l),
            l.pick("本期", "This period"),
            l.pick("上期", "Previous"),
            l.pick("变化", "Change"),
            l.pick("已结", "Closed"),
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
        title: l
            .pick("热点（增长最多）", "Hot spots (grew most)")
            .to_string(),
        header: strings([
            "#",
            report.by.label(l),
            l.pick("本期", "This period"),
            l.pick("上期", "Previous"),
            l.pick("增长", "Growth"),
        ]),
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
        title: l.pick("重复投诉客户", "Repeat complainants").to_string(),
        header: strings([
            l.pick("客户", "Customer"),
            l.pick("联系方式", "Contact"),
            l.pick("投诉数", "Complaints"),
            l.pick("投诉编号", "IDs"),
        ]),
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
        title: l
            .pick("赔付（按方式）", "Compensation paid by kind")
            .to_string(),
        header: strings([
            l.pick("方式", "Kind"),
            l.pick("笔数", "Payments"),
            l.pick("金额", "Amount"),
        ]),
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
        title: l
            .pick("先行赔付待追偿（按商户）", "Advance payments outstanding")
            .to_string(),
        header: strings([
            l.pick("商户", "Merchant"),
            l.pick("投诉数", "Complaints"),
            l.pick("先行赔付", "Advanced"),
            l.pick("已追回", "Recovered"),
            l.pick("待追偿", "Outstanding"),
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
    language.pick("（无）", "(none)")
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
