//! Every fixed text of the documents, one table per language: [`ZH`] and [`EN`] hold the same
//! labels in the same order, so a translator edits one table and the compiler checks that no
//! label is missing from the other.
//!
//! A label with `{name}` in it is a pattern: [`fill`] puts the values in, so each language
//! orders the words its own way. Dates are `chrono` formats. What people recorded and the
//! rulebook's names are never labels: they are shown as written. (One event in words,
//! `form/events.rs`, still has its own texts: it is to be replaced as a whole.)

use std::fmt::{Display, Write};

use crate::rulebook::Language;

/// The struct of labels, and (for the tests) each label by its field's name, from one list.
macro_rules! labels {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// Every fixed text of the documents in one language.
        pub(crate) struct Labels {
            $($(#[$doc])* pub(crate) $name: &'static str,)*
        }

        #[cfg(test)]
        impl Labels {
            fn each(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }
        }
    };
}

labels! {
    // Shared by the forms
    item,
    details,
    /// A date and time, as `chrono` formats it.
    datetime_format,
    /// A date, as `chrono` formats it.
    date_format,
    /// `{organisation}`, `{form}`: two spaces in Chinese, as the mall's opinion has always printed.
    form_title,
    /// Between a label or a name and what follows it.
    colon,
    list_separator,
    /// Before an order number.
    order,
    accepts,
    refuses,
    /// `{customer}`'s and `{merchant}`'s answers (`accepts`, `refuses`) to a mediation.
    mediation_line,
    /// `{text}` with the customer's `{score}` out of 5.
    with_score,
    /// The usual kinds of payment (`pay --kind`); others are shown as given.
    pay_refund,
    pay_coupon,
    pay_goods,
    pay_exchange,
    pay_repair,
    pay_apology,
    pay_compensation,
    reference,
    received_at,
    /// A client (most seeds' word).
    customer,
    /// A shopper (the mall's word).
    shopper,
    /// The merchant complained about.
    merchant,
    about,
    description,
    customer_demand,
    shopper_demand,
    findings,
    conclusion,
    mediation,
    opinion,
    result,
    paid,
    date,
    handler,
    contact,
    sign_customer,
    sign_merchant,
    sign_mall,
    sign_date,
    /// The HTML page's `lang`.
    form_html_lang,

    // The acceptance form
    acceptance_title,
    form_date,
    filled_in_by,
    complainant,
    phone,
    account,
    email,
    complained_about,
    channel,
    complaint_type,
    tier,
    complained_at,
    /// A ladder level's section: the `{level}`'s name.
    level_opinion,
    signed,

    // The report form
    report_form_title,
    happened,
    place,
    evidence,
    /// The `{facts}` found and `{who}` is responsible.
    found,

    // The approval form
    approval_title,
    offer,
    revision_row,
    /// The offer's `{revision}` number.
    revision,
    standard,
    ex_gratia,
    formula,
    standard_amount,
    proposed,
    uplift,
    no_uplift,
    cap,
    /// The `{cap}` and the `{percent}` the compensation may be raised by.
    cap_rule,
    coupon,
    also,
    approvals,
    /// Approved `{by}` whom, `{at}` when.
    approved,
    pending,
    authority,
    /// Nobody may approve the `{amount}`.
    beyond,
    sign_prepared,
    /// The approving `{role}`'s signature line.
    sign_role,

    // The resolution report
    resolution_title,
    summary,
    complaint_category,
    complained_of,
    process,
    when,
    what_was_done,
    outcome,
    closed_at,
    responsibility,
    compensation_heading,
    /// The row when nothing was paid or done.
    carried_out,
    /// A payment or remedy carried out without an amount or a reference.
    done,
    improvements,
    measures,
    survey,
    your_satisfaction,
    followup,
    comments,
    contact_heading,
    thanks,
    apology,
    sign_handler,

    // The period's report
    report_title,
    as_of,
    rulebook,
    compared_with,
    /// A table with nothing in it.
    none,
    /// A group whose value was not recorded.
    not_recorded,
    /// What a report groups by (`--group-by`).
    by_category,
    by_channel,
    by_tier,
    by_grade,
    by_merchant,
    by_assignee,
    by_responsibility,
    by_subject,
    /// The units a clock counts in.
    minutes,
    hours,
    days,
    working_days,
    business_hours,
    overview,
    figure,
    value,
    received,
    open,
    closed,
    resolution_rate,
    mean_satisfaction,
    /// After how many gave a score.
    rated,
    repeat_complainants,
    deadlines,
    clock,
    met,
    met_late,
    breached,
    in_progress,
    on_time,
    median,
    p90,
    unit,
    provisional,
    /// After the name of the clock that measures the time to acknowledge.
    role_acknowledge,
    /// After the name of the clock that measures the time to resolve.
    role_resolve,
    satisfaction,
    score,
    count,
    share,
    /// The groups' table: what they are grouped `{by}`.
    by,
    this_period,
    previous,
    change,
    hot_spots,
    growth,
    complaints,
    ids,
    compensation,
    kind,
    payments,
    amount,
    advances,
    advanced,
    recovered,
    outstanding,
    /// The HTML page's `lang`.
    report_html_lang,
    received_over_time,
    /// The groups' chart: what they are grouped `{by}`.
    received_by,
    on_time_per_clock,
    mean_satisfaction_of_5,
}

/// The labels in Simplified Chinese.
pub(crate) const ZH: Labels = Labels {
    // Shared by the forms
    item: "项目",
    details: "内容",
    datetime_format: "%Y年%m月%d日 %H:%M",
    date_format: "%Y年%m月%d日",
    form_title: "{organisation}  {form}",
    colon: "：",
    list_separator: "、",
    order: "订单",
    accepts: "接受",
    refuses: "不接受",
    mediation_line: "调解：顾客{customer}，商户{merchant}",
    with_score: "{text}（满意度 {score}/5）",
    pay_refund: "退款",
    pay_coupon: "优惠券",
    pay_goods: "发货",
    pay_exchange: "换货",
    pay_repair: "维修",
    pay_apology: "致歉",
    pay_compensation: "赔偿金",
    reference: "投诉编号",
    received_at: "受理时间",
    customer: "客户",
    shopper: "顾客",
    merchant: "被投诉商户",
    about: "投诉事项",
    description: "投诉内容",
    customer_demand: "客户诉求",
    shopper_demand: "顾客诉求",
    findings: "调查结果",
    conclusion: "调查结论",
    mediation: "调解情况",
    opinion: "处理意见",
    result: "处理结果",
    paid: "赔付情况",
    date: "日期",
    handler: "处理人",
    contact: "联系方式",
    sign_customer: "顾客（签字）：",
    sign_merchant: "商户（签字）：",
    sign_mall: "商场（盖章）：",
    sign_date: "日期：",
    form_html_lang: "zh",

    // The acceptance form
    acceptance_title: "客户投诉受理单",
    form_date: "填表日期",
    filled_in_by: "填表人",
    complainant: "投诉人真实姓名",
    phone: "联系电话",
    account: "用户名",
    email: "电子邮箱",
    complained_about: "被投诉对象",
    channel: "投诉途径",
    complaint_type: "投诉类型",
    tier: "投诉级别",
    complained_at: "投诉时间",
    level_opinion: "{level}处理意见",
    signed: "签名",

    // The report form
    report_form_title: "客户投诉报告单",
    happened: "发生时间",
    place: "发生地点",
    evidence: "证据",
    found: "{facts}（{who}）",

    // The approval form
    approval_title: "特殊案例审批表",
    offer: "赔偿方案",
    revision_row: "方案版本",
    revision: "第{revision}版",
    standard: "赔偿标准",
    ex_gratia: "无（酌情赔付）",
    formula: "计算方式",
    standard_amount: "标准金额",
    proposed: "申请金额",
    uplift: "上浮金额",
    no_uplift: "无",
    cap: "上浮上限",
    cap_rule: "{cap}（补偿部分上浮不超过 {percent}%）",
    coupon: "优惠券",
    also: "其他措施",
    approvals: "审批",
    approved: "已批准：{by}  {at}",
    pending: "待审批",
    authority: "审批权限",
    beyond: "阶梯上无人有权批准 {amount}",
    sign_prepared: "经办人（签字）：",
    sign_role: "{role}（签字）：",

    // The resolution report
    resolution_title: "投诉处理报告",
    summary: "一、投诉概述",
    complaint_category: "投诉类别",
    complained_of: "投诉对象",
    process: "二、处理过程",
    when: "时间",
    what_was_done: "经过",
    outcome: "三、处理结果与责任",
    closed_at: "结案时间",
    responsibility: "责任归属",
    compensation_heading: "四、赔偿与补偿",
    carried_out: "已执行",
    done: "已执行",
    improvements: "五、后续改进",
    measures: "改进措施",
    survey: "六、满意度调查",
    your_satisfaction: "对本次处理的满意度（1–5）",
    followup: "回访",
    comments: "意见与建议",
    contact_heading: "七、联系方式",
    thanks: "八、致歉与感谢",
    apology: "对于此次给您带来的不便，我们深表歉意。感谢您提出投诉，让我们有机会发现并改正问题；我们将持续改进服务质量，欢迎您继续监督并提出宝贵意见。",
    sign_handler: "处理人（签字）：",

    // The period's report
    report_title: "投诉统计报告",
    as_of: "统计时点",
    rulebook: "规则",
    compared_with: "对比上期",
    none: "（无）",
    not_recorded: "（未记录）",
    by_category: "类别",
    by_channel: "渠道",
    by_tier: "层级",
    by_grade: "等级",
    by_merchant: "商户",
    by_assignee: "处理人",
    by_responsibility: "责任",
    by_subject: "投诉对象",
    minutes: "分钟",
    hours: "小时",
    days: "日",
    working_days: "工作日",
    business_hours: "工作小时",
    overview: "概况",
    figure: "指标",
    value: "数值",
    received: "受理量",
    open: "未结",
    closed: "已结",
    resolution_rate: "解决率",
    mean_satisfaction: "满意度均值",
    rated: "条评价",
    repeat_complainants: "重复投诉客户",
    deadlines: "时限达成",
    clock: "时限",
    met: "按时",
    met_late: "超时办结",
    breached: "超时未办",
    in_progress: "进行中",
    on_time: "按时率",
    median: "中位数",
    p90: "P90",
    unit: "单位",
    provisional: "暂定",
    role_acknowledge: "（受理）",
    role_resolve: "（办结）",
    satisfaction: "满意度分布",
    score: "评分",
    count: "数量",
    share: "占比",
    by: "按{by}",
    this_period: "本期",
    previous: "上期",
    change: "变化",
    hot_spots: "热点（增长最多）",
    growth: "增长",
    complaints: "投诉数",
    ids: "投诉编号",
    compensation: "赔付（按方式）",
    kind: "方式",
    payments: "笔数",
    amount: "金额",
    advances: "先行赔付待追偿（按商户）",
    advanced: "先行赔付",
    recovered: "已追回",
    outstanding: "待追偿",
    report_html_lang: "zh-CN",
    received_over_time: "受理量趋势",
    received_by: "受理量：按{by}",
    on_time_per_clock: "各时限按时率",
    mean_satisfaction_of_5: "满意度均值（5分制）",
};

/// The labels in English.
pub(crate) const EN: Labels = Labels {
    // Shared by the forms
    item: "Item",
    details: "Details",
    datetime_format: "%Y-%m-%d %H:%M",
    date_format: "%Y-%m-%d",
    form_title: "{organisation} — {form}",
    colon: ": ",
    list_separator: ", ",
    order: "order",
    accepts: "accepts",
    refuses: "refuses",
    mediation_line: "mediation: customer {customer}, merchant {merchant}",
    with_score: "{text} (satisfaction {score}/5)",
    pay_refund: "refund",
    pay_coupon: "coupon",
    pay_goods: "goods",
    pay_exchange: "exchange",
    pay_repair: "repair",
    pay_apology: "apology",
    pay_compensation: "compensation",
    reference: "Reference",
    received_at: "Received",
    customer: "Customer",
    shopper: "Customer",
    merchant: "Merchant",
    about: "About",
    description: "What happened",
    customer_demand: "Demand",
    shopper_demand: "Demand",
    findings: "Findings",
    conclusion: "Findings",
    mediation: "Mediation",
    opinion: "Opinion",
    result: "Result",
    paid: "Paid",
    date: "Date",
    handler: "Handler",
    contact: "Contact",
    sign_customer: "Customer (signature):",
    sign_merchant: "Merchant (signature):",
    sign_mall: "Mall (stamp):",
    sign_date: "Date:",
    form_html_lang: "en",

    // The acceptance form
    acceptance_title: "Complaint acceptance form",
    form_date: "Form date",
    filled_in_by: "Filled in by",
    complainant: "Complainant",
    phone: "Phone",
    account: "Account",
    email: "E-mail",
    complained_about: "Complained about",
    channel: "Channel",
    complaint_type: "Category",
    tier: "Tier",
    complained_at: "Received",
    level_opinion: "{level}: opinion",
    signed: "Signed",

    // The report form
    report_form_title: "Complaint report form",
    happened: "When it happened",
    place: "Where",
    evidence: "Evidence",
    found: "{facts} ({who})",

    // The approval form
    approval_title: "Special-case approval form",
    offer: "Offer",
    revision_row: "Revision",
    revision: "{revision}",
    standard: "Standard",
    ex_gratia: "none (ex gratia)",
    formula: "Formula",
    standard_amount: "Standard amount",
    proposed: "Amount proposed",
    uplift: "Above the standard",
    no_uplift: "none",
    cap: "Cap",
    cap_rule: "{cap} (compensation raised by at most {percent}%)",
    coupon: "Coupon",
    also: "Also",
    approvals: "Approvals",
    approved: "approved: {by}  {at}",
    pending: "pending",
    authority: "Authority",
    beyond: "nobody on the ladder may approve {amount}",
    sign_prepared: "Prepared by (signature):",
    sign_role: "{role} (signature):",

    // The resolution report
    resolution_title: "Complaint resolution report",
    summary: "1. Summary",
    complaint_category: "Category",
    complained_of: "About",
    process: "2. How it was handled",
    when: "When",
    what_was_done: "What was done",
    outcome: "3. Result and responsibility",
    closed_at: "Closed",
    responsibility: "Responsibility",
    compensation_heading: "4. Compensation",
    carried_out: "Carried out",
    done: "done",
    improvements: "5. Improvements",
    measures: "Measures",
    survey: "6. Satisfaction survey",
    your_satisfaction: "Your satisfaction (1–5)",
    followup: "Follow-up",
    comments: "Comments",
    contact_heading: "7. Contact",
    thanks: "8. Apology and thanks",
    apology: "We are sorry for the trouble this has caused you. Thank you for telling us: your complaint gave us the chance to find the problem and put it right. We will keep improving our service, and we welcome your comments at any time.",
    sign_handler: "Handler (signature):",

    // The period's report
    report_title: "Complaints report",
    as_of: "as of",
    rulebook: "rulebook",
    compared_with: "compared with",
    none: "(none)",
    not_recorded: "(not recorded)",
    by_category: "Category",
    by_channel: "Channel",
    by_tier: "Tier",
    by_grade: "Grade",
    by_merchant: "Merchant",
    by_assignee: "Assignee",
    by_responsibility: "Responsibility",
    by_subject: "Subject",
    minutes: "minutes",
    hours: "hours",
    days: "days",
    working_days: "working days",
    business_hours: "business hours",
    overview: "Overview",
    figure: "Figure",
    value: "Value",
    received: "Received",
    open: "Open",
    closed: "Closed",
    resolution_rate: "Resolution rate",
    mean_satisfaction: "Mean satisfaction",
    rated: "rated",
    repeat_complainants: "Repeat complainants",
    deadlines: "Deadlines",
    clock: "Clock",
    met: "Met",
    met_late: "Met late",
    breached: "Breached",
    in_progress: "Open",
    on_time: "On time",
    median: "Median",
    p90: "P90",
    unit: "Unit",
    provisional: "Provisional",
    role_acknowledge: " (acknowledge)",
    role_resolve: " (resolve)",
    satisfaction: "Satisfaction",
    score: "Score",
    count: "Count",
    share: "Share",
    by: "By {by}",
    this_period: "This period",
    previous: "Previous",
    change: "Change",
    hot_spots: "Hot spots (grew most)",
    growth: "Growth",
    complaints: "Complaints",
    ids: "IDs",
    compensation: "Compensation paid by kind",
    kind: "Kind",
    payments: "Payments",
    amount: "Amount",
    advances: "Advance payments outstanding",
    advanced: "Advanced",
    recovered: "Recovered",
    outstanding: "Outstanding",
    report_html_lang: "en",
    received_over_time: "Complaints received over time",
    received_by: "Received by {by}",
    on_time_per_clock: "On-time rate per clock",
    mean_satisfaction_of_5: "Mean satisfaction (of 5)",
};

/// The labels of `language`.
pub(crate) fn labels(language: Language) -> &'static Labels {
    match language {
        Language::Zh => &ZH,
        Language::En => &EN,
    }
}

/// `pattern` with each `{name}` replaced by its value in `values`. One pass from left to
/// right: a value is never searched again, so recorded text that happens to hold `{…}` is
/// shown as written. A `{name}` not in `values` is left as it is.
pub(crate) fn fill(pattern: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (value, close))
        });
        match found {
            Some((value, close)) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}`s of a pattern, sorted.
    fn placeholders(pattern: &str) -> Vec<&str> {
        let mut names: Vec<&str> = pattern
            .split('{')
            .skip(1)
            .filter_map(|piece| piece.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn every_label_is_there_in_both_languages_with_the_same_placeholders() {
        for ((name, zh), (_, en)) in ZH.each().into_iter().zip(EN.each()) {
            assert!(!zh.trim().is_empty(), "{name} is empty in Chinese");
            assert!(!en.trim().is_empty(), "{name} is empty in English");
            assert_eq!(placeholders(zh), placeholders(en), "{name}");
        }
    }

    #[test]
    fn fill_puts_each_value_in_once() {
        let text = "{score} and {text}";
        assert_eq!(
            fill(ZH.with_score, &[("text", &text), ("score", &4)]),
            "{score} and {text}（满意度 4/5）"
        );
        assert_eq!(fill("{a}{b}{", &[("a", &"x")]), "x{b}{");
    }
}
