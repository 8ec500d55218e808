//! Printable documents made from a record: the forms the seeds file and sign.
//!
//! Every form is one [`Document`] — a title, sections of labelled rows, and lines to sign by
//! hand — built by one small function per kind ([`acceptance`], [`report`], [`approval`],
//! [`resolution`], [`opinion`]) and written out by one renderer per [`Style`]. So a form is
//! only its content: layout, escaping and the print stylesheet live in one place each.
//!
//! The library returns the text; the caller decides where it goes. The functions take the
//! complaint as given: masking personal data ([`crate::privacy::complaint`]) is the caller's
//! decision. Labels are in the rulebook's [`Language`]; what people recorded (descriptions,
//! reasons, names from the rulebook) is shown as they wrote it.

use crate::classify;
use crate::clock;
use crate::compensation::{self, Ledger, Needed};
use crate::error::Error;
use crate::model::{Action, Answer, Complaint, Decision, Event, Facts, Timestamp};
use crate::money::Money;
use crate::rulebook::{Language, Rulebook};
use crate::state::{State, Status};

/// Which document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Kind {
    /// S4's complaint acceptance form (客户投诉受理单): the complaint, each ladder level's
    /// opinion, signer and date, and the result
    Acceptance,
    /// S1's complaint report form (客户投诉报告单), signed by customer, merchant and mall
    Report,
    /// S0's special-case approval form (特殊案例审批表) for the current offer: the standard, the
    /// formula, the uplift and cap, the approvals given and still needed
    Approval,
    /// S2's formal resolution report (投诉处理报告) sent to the customer once it is closed
    Resolution,
    /// S1's handling opinion (处理意见书) after a mediation
    Opinion,
}

impl Kind {
    /// The kind as `--kind` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Acceptance => "acceptance",
            Kind::Report => "report",
            Kind::Approval => "approval",
            Kind::Resolution => "resolution",
            Kind::Opinion => "opinion",
        }
    }
}

/// How a document is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Style {
    /// Markdown tables, for reading and for converting
    Markdown,
    /// Plain lines of `label：value`
    Text,
    /// One self-contained HTML page with a print stylesheet (open it and print)
    Html,
}

/// A printable document: what it says, not how it looks.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The language of its labels (HTML's `lang`).
    pub language: Language,
    pub title: String,
    pub sections: Vec<Section>,
    /// Lines signed by hand at the foot, each with its label (`顾客（签字）：`).
    pub signatures: Vec<String>,
}

/// A part of a document: an optional heading, a table of labelled rows, then paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: Option<String>,
    /// The table's two column heads (`项目`, `内容`).
    pub columns: [String; 2],
    pub rows: Vec<Row>,
    pub paragraphs: Vec<String>,
}

/// One labelled row. A value of `None` is a blank line to fill in by hand (a level that has
/// not handled the complaint yet signs there on paper).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub value: Option<String>,
}

impl Section {
    fn new(language: Language, heading: Option<&str>) -> Section {
        Section {
            heading: heading.map(str::to_string),
            columns: [
                language.pick("项目", "Item").to_string(),
                language.pick("内容", "Details").to_string(),
            ],
            rows: Vec::new(),
            paragraphs: Vec::new(),
        }
    }

    /// A row that is left out when there is nothing to say.
    fn row(&mut self, label: &str, value: impl Into<String>) -> &mut Section {
        let value = value.into();
        if !value.is_empty() {
            self.rows.push(Row {
                label: label.to_string(),
                value: Some(value),
            });
        }
        self
    }

    /// A row that is always there: blank, to fill in by hand, when `value` is `None`.
    fn field(&mut self, label: &str, value: Option<String>) -> &mut Section {
        self.rows.push(Row {
            label: label.to_string(),
            value: value.filter(|v| !v.is_empty()),
        });
        self
    }
}

/// Makes the document of `kind`.
pub fn document(
    kind: Kind,
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
) -> Result<Document, Error> {
    match kind {
        Kind::Acceptance => Ok(acceptance(complaint, rulebook, now)),
        Kind::Report => Ok(report(complaint, rulebook)),
        Kind::Approval => approval(complaint, rulebook, now),
        Kind::Resolution => resolution(complaint, rulebook),
        Kind::Opinion => opinion(complaint, rulebook, now),
    }
}

/// Writes a document out in `style`.
pub fn render(document: &Document, style: Style) -> String {
    match style {
        Style::Markdown => markdown(document),
        Style::Text => text(document),
        Style::Html => html(document),
    }
}

// ---------------------------------------------------------------------------------------------
// Words shared by the forms
// ---------------------------------------------------------------------------------------------

fn datetime(language: Language, t: Timestamp) -> String {
    t.format(language.pick("%Y年%m月%d日 %H:%M", "%Y-%m-%d %H:%M"))
        .to_string()
}

fn date(language: Language, t: Timestamp) -> String {
    t.format(language.pick("%Y年%m月%d日", "%Y-%m-%d"))
        .to_string()
}

/// A deadline as people write it: midnight is 24:00 of the day before (the end of the last day
/// of the period), not 00:00 of the next.
fn end_of_day_style(t: Timestamp) -> String {
    if t.time() == chrono::NaiveTime::MIN {
        let day = t.date_naive().pred_opt().unwrap_or(t.date_naive());
        format!("{} 24:00", day.format("%Y年%m月%d日"))
    } else {
        t.format("%Y年%m月%d日 %H:%M").to_string()
    }
}

/// The organisation, then the form's name: two spaces between them in Chinese (as the mall's
/// opinion has always printed), a dash in English.
fn title(rulebook: &Rulebook, zh: &str, en: &str) -> String {
    let l = rulebook.language;
    format!(
        "{}{}{}",
        rulebook.organisation,
        l.pick("  ", " — "),
        l.pick(zh, en)
    )
}

fn yuan(m: Money) -> String {
    format!("¥{m}")
}

/// Pieces joined by `sep`, the missing ones left out.
fn join(parts: impl IntoIterator<Item = Option<String>>, sep: &str) -> String {
    parts
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The customer's name and phone (as given: masked when the caller masked them).
fn customer(facts: &Facts) -> String {
    join(
        [facts.customer.name.clone(), facts.customer.phone.clone()],
        "  ",
    )
}

/// What was complained about, with the order number.
fn subject(language: Language, facts: &Facts) -> String {
    join(
        [
            facts.subject.name.clone(),
            facts
                .subject
                .order
                .as_ref()
                .map(|o| format!("{} {o}", language.pick("订单", "order"))),
        ],
        "  ",
    )
}

fn answer(language: Language, a: Answer) -> &'static str {
    match a {
        Answer::Accept => language.pick("接受", "accepts"),
        Answer::Refuse => language.pick("不接受", "refuses"),
    }
}

/// `2026年11月02日 调解：顾客接受，商户不接受`
fn mediation(language: Language, at: Timestamp, customer: Answer, merchant: Answer) -> String {
    let (c, m) = (answer(language, customer), answer(language, merchant));
    match language {
        Language::Zh => format!("{} 调解：顾客{c}，商户{m}", date(language, at)),
        Language::En => format!(
            "{} mediation: customer {c}, merchant {m}",
            date(language, at)
        ),
    }
}

/// A code's name from the rulebook's list, or the code itself.
fn name_of(codes: &[crate::rulebook::Code], code: &str) -> String {
    crate::rulebook::code_name(codes, code)
        .unwrap_or(code)
        .to_string()
}

/// What people call a kind of payment (`pay --kind` is free text; the usual ones are named).
fn pay_kind(language: Language, kind: &str) -> String {
    let zh = match kind {
        "refund" => "退款",
        "coupon" => "优惠券",
        "goods" => "发货",
        "exchange" => "换货",
        "repair" => "维修",
        "apology" => "致歉",
        "compensation" => "赔偿金",
        other => other,
    };
    language.pick(zh, kind).to_string()
}

/// A remark with the customer's score after it, where they gave one.
fn rated(language: Language, text: String, score: Option<u8>) -> String {
    match score {
        Some(s) => format!(
            "{text}{}{s}/5{}",
            language.pick("（满意度 ", " (satisfaction "),
            language.pick("）", ")")
        ),
        None => text,
    }
}

/// The latest findings: (responsibility, facts).
fn findings(complaint: &Complaint) -> Option<(&str, &str)> {
    complaint
        .history
        .iter()
        .rev()
        .find_map(|e| match &e.action {
            Action::Find(crate::event::Find {
                responsibility,
                facts,
                ..
            }) => Some((responsibility.as_str(), facts.as_str())),
            _ => None,
        })
}

/// One event in words, for the handling process and each level's opinion.
fn describe(event: &Event, rulebook: &Rulebook) -> String {
    let l = rulebook.language;
    let p = |zh, en| l.pick(zh, en);
    let with = |text: String, extra: Option<String>| match extra {
        Some(extra) => format!("{text}{}{extra}", p("：", ": ")),
        None => text,
    };
    match &event.action {
        Action::Received => p("登记投诉", "Complaint registered").into(),
        Action::Reveal(_) => p("查阅个人信息", "Personal data shown").into(),
        Action::Ack(crate::event::Ack {
            handler,
            contact,
            promised,
        }) => join(
            [
                Some(format!(
                    "{}{handler}",
                    p("受理确认，处理人 ", "Acknowledged; handler ")
                )),
                Some(format!("{}{contact}", p("联系方式 ", "contact "))),
                promised.map(|d| {
                    format!(
                        "{}{}",
                        p("承诺答复日期 ", "answer promised by "),
                        d.format(p("%Y年%m月%d日", "%Y-%m-%d"))
                    )
                }),
            ],
            p("，", ", "),
        ),
        Action::Assign(crate::event::Assign { to }) => {
            format!("{}{to}", p("交由处理：", "Assigned to "))
        }
        Action::Escalate(crate::event::Escalate {
            from, to, reason, ..
        }) => format!(
            "{}{}{}{}{}{reason}",
            p("由", "Passed up from "),
            rulebook.level_name(from),
            p("上报", " to "),
            rulebook.level_name(to),
            p("：", ": "),
        ),
        Action::Plan(crate::event::Plan { summary }) => {
            format!("{}{summary}", p("处理方案：", "Plan: "))
        }
        Action::Feedback(crate::event::Feedback { message }) => {
            format!("{}{message}", p("向客户反馈：", "Fed back: "))
        }
        Action::Find(crate::event::Find {
            responsibility,
            facts,
            ..
        }) => format!(
            "{}{}{}{facts}",
            p("调查结论（", "Findings ("),
            name_of(&rulebook.responsibilities, responsibility),
            p("）：", "): "),
        ),
        Action::Offer(crate::event::Offer {
            revision, amount, ..
        }) => format!(
            "{}{revision}{}{}",
            p("提出赔偿方案（第", "Offer (revision "),
            p("版）", "): "),
            yuan(*amount)
        ),
        Action::Approve(crate::event::Approve {
            revision,
            role,
            amount,
            ..
        }) => format!(
            "{}{}{revision}{}{}",
            compensation::level_of(rulebook, role).map_or(role.as_str(), |lv| lv.name.as_str()),
            p("批准方案（第", " approved the offer (revision "),
            p("版）", "): "),
            yuan(*amount)
        ),
        Action::Dispute(crate::event::Dispute { reason }) => {
            format!("{}{reason}", p("客户对方案有异议：", "Disputed: "))
        }
        Action::Mediate(crate::event::Mediate {
            customer,
            merchant,
            amount,
            ..
        }) => join(
            [
                Some(mediation(l, event.at, *customer, *merchant)),
                amount.map(|a| format!("{}{}", p("赔付 ", "amount "), yuan(a))),
            ],
            p("，", ", "),
        ),
        Action::Ruling(crate::event::Ruling {
            body,
            decision,
            amount,
        }) => format!(
            "{body}{}{decision}{}{}",
            p("裁决：", " ruled: "),
            p("，", ", "),
            yuan(*amount)
        ),
        Action::Recover(crate::event::Recover { merchant, amount }) => format!(
            "{merchant}{}{}",
            p("归还先行赔付 ", " repaid "),
            yuan(*amount)
        ),
        Action::Agree(crate::event::Agree { note, .. }) => with(
            p("客户同意处理方案", "The customer agreed").into(),
            note.clone(),
        ),
        Action::Pay(crate::event::Pay {
            kind,
            amount,
            reference,
            advance,
            ..
        }) => join(
            [
                Some(format!(
                    "{}{}",
                    p("执行：", "Carried out: "),
                    pay_kind(l, kind)
                )),
                amount.map(yuan),
                reference.clone(),
                advance.then(|| p("先行赔付", "paid in advance").to_string()),
            ],
            " ",
        ),
        Action::Followup(crate::event::Followup {
            comment,
            satisfaction: score,
            ..
        }) => rated(
            l,
            format!("{}{comment}", p("回访：", "Follow-up: ")),
            *score,
        ),
        Action::Pause(crate::event::Pause { reason }) => {
            format!("{}{reason}", p("暂停处理：", "Paused: "))
        }
        Action::Resume(crate::event::Resume { reason }) => {
            with(p("恢复处理", "Resumed").into(), reason.clone())
        }
        Action::Extend(crate::event::Extend { clock, to, reason }) => format!(
            "{}{}{}{to}{}{reason}",
            p("延长", "Extended "),
            rulebook
                .clock(clock)
                .map_or(clock.as_str(), |c| c.name.as_str()),
            p("至 ", " to "),
            p("：", ": "),
        ),
        Action::Note(crate::event::Note { text }) => text.clone(),
        Action::Close(crate::event::Close {
            outcome,
            satisfaction: score,
        }) => rated(l, format!("{}{outcome}", p("结案：", "Closed: ")), *score),
        Action::Reopen(crate::event::Reopen { reason }) => {
            format!("{}{reason}", p("重新处理：", "Reopened: "))
        }
        Action::Resolve(crate::event::Resolve {
            conflict,
            conflict_by,
            keep,
            reason,
            ..
        }) => format!(
            "{}{conflict_by} {conflict} {}{}{reason}",
            p("冲突处理：", "Conflict resolved: "),
            if *keep {
                p("保留", "kept")
            } else {
                p("撤销", "dropped")
            },
            p("；", "; ")
        ),
        Action::Classify(crate::event::Classify {
            tier,
            grade,
            reason,
        }) => with(
            format!(
                "{}{}",
                p("分级：", "Classified: "),
                join(
                    [
                        tier.as_deref().map(|t| name_of(&rulebook.tiers, t)),
                        grade.as_deref().map(|g| name_of(&rulebook.grades, g)),
                    ],
                    " / ",
                )
            ),
            reason.clone(),
        ),
    }
}

/// The first rows of most forms: which complaint, when, who. (The mall's forms say 顾客, a
/// shopper; the others 客户, a client.)
fn intake(section: &mut Section, complaint: &Complaint, rulebook: &Rulebook, shopper: bool) {
    let l = rulebook.language;
    let f = &complaint.facts;
    section
        .row(l.pick("投诉编号", "Reference"), complaint.id.to_string())
        .row(
            l.pick("受理时间", "Received"),
            datetime(l, complaint.received_at),
        )
        .row(
            l.pick(if shopper { "顾客" } else { "客户" }, "Customer"),
            customer(f),
        );
}

// ---------------------------------------------------------------------------------------------
// The forms
// ---------------------------------------------------------------------------------------------

/// S4's complaint acceptance form (客户投诉受理单): the form's fields, then for each level of the
/// ladder its opinion (what it did, in words), who signed and when — blank lines for the levels
/// the complaint has not reached, signed by hand — then the result.
pub fn acceptance(complaint: &Complaint, rulebook: &Rulebook, now: Timestamp) -> Document {
    let l = rulebook.language;
    let f = &complaint.facts;
    let state = State::of(complaint);
    let standing = classify::standing(complaint, &state, rulebook);
    let mut head = Section::new(l, None);
    head.row(l.pick("投诉编号", "Reference"), complaint.id.to_string())
        .row(l.pick("填表日期", "Form date"), date(l, now))
        .field(l.pick("填表人", "Filled in by"), None)
        .row(
            l.pick("投诉人真实姓名", "Complainant"),
            f.customer.name.clone().unwrap_or_default(),
        )
        .row(
            l.pick("联系电话", "Phone"),
            f.customer.phone.clone().unwrap_or_default(),
        )
        .row(
            l.pick("用户名", "Account"),
            f.customer.account.clone().unwrap_or_default(),
        )
        .row(
            l.pick("电子邮箱", "E-mail"),
            f.customer.email.clone().unwrap_or_default(),
        )
        .row(l.pick("被投诉对象", "Complained about"), subject(l, f))
        .row(
            l.pick("投诉途径", "Channel"),
            f.channel
                .as_deref()
                .map(|c| name_of(&rulebook.channels, c))
                .unwrap_or_default(),
        )
        .row(
            l.pick("投诉类型", "Category"),
            f.category
                .as_deref()
                .map(|c| name_of(&rulebook.categories, c))
                .unwrap_or_default(),
        )
        .row(
            l.pick("投诉级别", "Tier"),
            standing
                .tier()
                .map(|t| name_of(&rulebook.tiers, t))
                .unwrap_or_default(),
        )
        .row(
            l.pick("投诉时间", "Received"),
            datetime(l, complaint.received_at),
        )
        .row(
            l.pick("投诉内容", "What happened"),
            f.description.clone().unwrap_or_default(),
        )
        .row(
            l.pick("客户诉求", "Demand"),
            f.demand.clone().unwrap_or_default(),
        );
    let mut sections = vec![head];
    for (level, events) in by_level(complaint, rulebook, &standing.level) {
        let heading = format!(
            "{}{}",
            rulebook.level_name(&level),
            l.pick("处理意见", ": opinion")
        );
        let mut section = Section::new(l, Some(&heading));
        let opinion = events
            .iter()
            .map(|e| describe(e, rulebook))
            .collect::<Vec<_>>();
        let mut signers: Vec<&str> = Vec::new();
        for e in &events {
            if !signers.contains(&e.by.as_str()) {
                signers.push(&e.by);
            }
        }
        section
            .field(
                l.pick("处理意见", "Opinion"),
                (!opinion.is_empty()).then(|| opinion.join("\n")),
            )
            .field(
                l.pick("签名", "Signed"),
                (!signers.is_empty()).then(|| signers.join(l.pick("、", ", "))),
            )
            .field(l.pick("日期", "Date"), events.last().map(|e| date(l, e.at)));
        sections.push(section);
    }
    let mut result = Section::new(l, Some(l.pick("处理结果", "Result")));
    result
        .field(l.pick("处理结果", "Result"), state.outcome.clone())
        .field(l.pick("日期", "Date"), state.closed_at.map(|t| date(l, t)));
    sections.push(result);
    Document {
        language: l,
        title: title(rulebook, "客户投诉受理单", "Complaint acceptance form"),
        sections,
        signatures: Vec::new(),
    }
}

/// The events of a history grouped by the ladder level that acted, every level of the ladder
/// in order (empty for those not reached). An approval belongs to the approver's level, an
/// escalation to the level that passed the complaint up, anything else to the level the
/// complaint was at. Levels a history names that the rulebook no longer has come last, so
/// nothing recorded is dropped.
fn by_level<'c>(
    complaint: &'c Complaint,
    rulebook: &Rulebook,
    now_at: &str,
) -> Vec<(String, Vec<&'c Event>)> {
    let mut levels: Vec<(String, Vec<&Event>)> = rulebook
        .ladder
        .iter()
        .map(|l| (l.code.clone(), Vec::new()))
        .collect();
    // Where it started: the first escalation says where from; without one it is still there.
    let mut current = complaint
        .history
        .iter()
        .find_map(|e| match &e.action {
            Action::Escalate(crate::event::Escalate { from, .. }) => Some(from.clone()),
            _ => None,
        })
        .unwrap_or_else(|| now_at.to_string());
    for event in complaint.in_force() {
        let level = match &event.action {
            // Looking at a record is not handling it: no level's opinion.
            Action::Received | Action::Reveal(_) => continue,
            Action::Approve(crate::event::Approve { role, .. }) => {
                compensation::level_of(rulebook, role)
                    .map_or_else(|| current.clone(), |l| l.code.clone())
            }
            Action::Escalate(crate::event::Escalate { from, .. }) => from.clone(),
            _ => current.clone(),
        };
        match levels.iter_mut().find(|(code, _)| *code == level) {
            Some((_, events)) => events.push(event),
            None => levels.push((level, vec![event])),
        }
        if let Action::Escalate(crate::event::Escalate { to, .. }) = &event.action {
            current = to.clone();
        }
    }
    levels
}

/// S1's complaint report form (客户投诉报告单): customer, merchant, what happened and what
/// they want, what was found, the mediation and the result, signed by customer, merchant and
/// mall.
pub fn report(complaint: &Complaint, rulebook: &Rulebook) -> Document {
    let l = rulebook.language;
    let f = &complaint.facts;
    let state = State::of(complaint);
    let ledger = Ledger::of(complaint);
    let mut section = Section::new(l, None);
    intake(&mut section, complaint, rulebook, true);
    section
        .row(
            l.pick("被投诉商户", "Merchant"),
            f.merchant.clone().unwrap_or_default(),
        )
        .row(l.pick("投诉事项", "About"), subject(l, f))
        .row(
            l.pick("发生时间", "When it happened"),
            f.happened.clone().unwrap_or_default(),
        )
        .row(
            l.pick("发生地点", "Where"),
            f.place.clone().unwrap_or_default(),
        )
        .row(
            l.pick("投诉内容", "What happened"),
            f.description.clone().unwrap_or_default(),
        )
        .row(
            l.pick("顾客诉求", "Demand"),
            f.demand.clone().unwrap_or_default(),
        )
        .row(
            l.pick("证据", "Evidence"),
            f.evidence.join(l.pick("、", ", ")),
        )
        .field(
            l.pick("调查结果", "Findings"),
            findings(complaint).map(|(who, facts)| {
                format!(
                    "{facts}{}{}{}",
                    l.pick("（", " ("),
                    name_of(&rulebook.responsibilities, who),
                    l.pick("）", ")")
                )
            }),
        )
        .field(
            l.pick("调解情况", "Mediation"),
            complaint
                .history
                .iter()
                .rev()
                .find_map(|e| match &e.action {
                    Action::Mediate(_) => Some(describe(e, rulebook)),
                    _ => None,
                }),
        )
        .field(l.pick("处理结果", "Result"), state.outcome.clone())
        .row(
            l.pick("赔付情况", "Paid"),
            if ledger.paid > Money::ZERO {
                yuan(ledger.paid)
            } else {
                String::new()
            },
        );
    Document {
        language: l,
        title: title(rulebook, "客户投诉报告单", "Complaint report form"),
        sections: vec![section],
        signatures: [
            ("顾客（签字）：", "Customer (signature):"),
            ("商户（签字）：", "Merchant (signature):"),
            ("商场（盖章）：", "Mall (stamp):"),
            ("日期：", "Date:"),
        ]
        .into_iter()
        .map(|(zh, en)| l.pick(zh, en).to_string())
        .collect(),
    }
}

/// An approval an offer has, or still needs.
enum Approver {
    /// Given: the role, by whom, when.
    Given(String, String, Timestamp),
    /// Still needed, from this role.
    Pending(String),
    /// Nobody on the ladder may approve this much.
    Beyond(Money),
}

/// S0's special-case approval form (特殊案例审批表): the current offer against the standard
/// (rule, formula, amount, uplift, cap), the approvals given and those still needed in the
/// order the rulebook requires, and a signature line for each approver.
pub fn approval(
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
) -> Result<Document, Error> {
    let l = rulebook.language;
    let f = &complaint.facts;
    let ledger = Ledger::of(complaint);
    // The latest offer, and the approvals since it (an offer replaces the one before).
    let latest = complaint
        .history
        .iter()
        .enumerate()
        .rev()
        .find_map(|(at, e)| match &e.action {
            Action::Offer(crate::event::Offer {
                revision,
                standard_rule,
                standard,
                amount,
                coupon,
                remedies,
                formula,
                ..
            }) => Some((
                at,
                revision,
                standard_rule,
                standard,
                amount,
                coupon,
                remedies,
                formula,
            )),
            _ => None,
        });
    let (
        Some(terms),
        Some((at, revision, standard_rule, standard, amount, coupon, remedies, formula)),
    ) = (ledger.offer, latest)
    else {
        return Err(Error::Illegal {
            refusal: complaint_core::Refusal::NoDocument,
            id: complaint.id.to_string(),
            action: "write an approval form for",
            reason: "nothing has been offered".into(),
            help: Some("propose the remedy with `complaint offer` first".into()),
        });
    };
    let mut about = Section::new(l, None);
    intake(&mut about, complaint, rulebook, false);
    about
        .row(l.pick("投诉事项", "About"), subject(l, f))
        .row(
            l.pick("投诉内容", "What happened"),
            f.description.clone().unwrap_or_default(),
        )
        .row(
            l.pick("客户诉求", "Demand"),
            f.demand.clone().unwrap_or_default(),
        )
        .row(
            l.pick("调查结论", "Findings"),
            findings(complaint)
                .map(|(who, facts)| {
                    format!(
                        "{}{}{facts}",
                        name_of(&rulebook.responsibilities, who),
                        l.pick("：", ": ")
                    )
                })
                .unwrap_or_default(),
        );
    let mut offer = Section::new(l, Some(l.pick("赔偿方案", "Offer")));
    let uplift = amount.saturating_sub(*standard);
    // The cap is worked out again from the standard that applies now: the offer records the
    // standard's figures but not the cap.
    let cap = compensation::standard(complaint, rulebook, now)
        .ok()
        .flatten()
        .map(|s| compensation::cap(&s.amounts, rulebook));
    offer
        .row(
            l.pick("方案版本", "Revision"),
            format!("{}{revision}{}", l.pick("第", ""), l.pick("版", "")),
        )
        .row(
            l.pick("赔偿标准", "Standard"),
            standard_rule
                .clone()
                .unwrap_or_else(|| l.pick("无（酌情赔付）", "none (ex gratia)").into()),
        )
        .row(l.pick("计算方式", "Formula"), formula.clone())
        .row(l.pick("标准金额", "Standard amount"), yuan(*standard))
        .row(l.pick("申请金额", "Amount proposed"), yuan(*amount))
        .row(
            l.pick("上浮金额", "Above the standard"),
            if uplift > Money::ZERO {
                yuan(uplift)
            } else {
                l.pick("无", "none").into()
            },
        )
        .row(
            l.pick("上浮上限", "Cap"),
            match (cap, &rulebook.compensation.uplift) {
                (Some(cap), Some(up)) => format!(
                    "{}{}{}%{}",
                    yuan(cap),
                    l.pick("（补偿部分上浮不超过 ", " (compensation raised by at most "),
                    up.max_percent,
                    l.pick("）", ")")
                ),
                (Some(cap), None) => yuan(cap),
                (None, _) => String::new(),
            },
        )
        .row(
            l.pick("优惠券", "Coupon"),
            coupon.map(yuan).unwrap_or_default(),
        )
        .row(
            l.pick("其他措施", "Also"),
            remedies.join(l.pick("、", ", ")),
        );
    let mut approvers: Vec<Approver> = complaint.history[at..]
        .iter()
        .filter_map(|e| match &e.action {
            Action::Approve(crate::event::Approve { role, .. }) => {
                Some(Approver::Given(role.clone(), e.by.clone(), e.at))
            }
            _ => None,
        })
        .collect();
    approvers.extend(still_needed(terms, &ledger.approvals, rulebook));
    let level = |role: &str| {
        compensation::level_of(rulebook, role).map_or(role.to_string(), |lv| lv.name.clone())
    };
    let mut approvals = Section::new(l, Some(l.pick("审批", "Approvals")));
    let mut signatures = vec![
        l.pick("经办人（签字）：", "Prepared by (signature):")
            .to_string(),
    ];
    for approver in &approvers {
        match approver {
            Approver::Given(role, by, when) => {
                approvals.row(
                    &level(role),
                    format!(
                        "{}{by}  {}",
                        l.pick("已批准：", "approved: "),
                        datetime(l, *when)
                    ),
                );
            }
            Approver::Pending(role) => {
                approvals.row(&level(role), l.pick("待审批", "pending"));
            }
            Approver::Beyond(amount) => {
                approvals.row(
                    l.pick("审批权限", "Authority"),
                    format!(
                        "{}{}",
                        l.pick("阶梯上无人有权批准 ", "nobody on the ladder may approve "),
                        yuan(*amount)
                    ),
                );
            }
        }
        if let Approver::Given(role, ..) | Approver::Pending(role) = approver {
            signatures.push(format!(
                "{}{}",
                level(role),
                l.pick("（签字）：", " (signature):")
            ));
        }
    }
    signatures.push(l.pick("日期：", "Date:").to_string());
    Ok(Document {
        language: l,
        title: title(rulebook, "特殊案例审批表", "Special-case approval form"),
        sections: vec![about, offer, approvals],
        signatures,
    })
}

/// The approvals an offer still needs, in order: what [`compensation::next_approval`] asks
/// for next, supposing each is given, until nothing more is needed. Where only authority is
/// needed, the lowest level whose limit covers the amount is named.
fn still_needed(
    offer: compensation::OfferTerms,
    given: &[(String, String)],
    rulebook: &Rulebook,
) -> Vec<Approver> {
    let mut given = given.to_vec();
    let mut needed = Vec::new();
    // Each round adds an approval, so this ends; the bound guards against a rulebook whose
    // approvers never satisfy the rule.
    let rounds = rulebook.ladder.len()
        + rulebook
            .compensation
            .uplift
            .as_ref()
            .map_or(0, |u| u.approvals.len());
    for _ in 0..=rounds {
        let role = match compensation::next_approval(offer, &given, rulebook) {
            None => break,
            Some(Needed::InOrder(role)) => role,
            Some(Needed::Authority(amount)) => {
                match rulebook
                    .ladder
                    .iter()
                    .find(|lv| lv.limit.is_some_and(|limit| limit >= amount))
                {
                    Some(lv) => lv.role.clone().unwrap_or_else(|| lv.code.clone()),
                    None => {
                        needed.push(Approver::Beyond(amount));
                        break;
                    }
                }
            }
        };
        given.push((role.clone(), String::new()));
        needed.push(Approver::Pending(role));
    }
    needed
}

/// S2's formal resolution report (投诉处理报告), the feedback sent once a complaint is closed:
/// summary, handling process, result and responsibility, compensation, improvements, a
/// satisfaction survey, contact details, and an apology with thanks. Where nothing was recorded
/// it says "—" rather than inventing.
pub fn resolution(complaint: &Complaint, rulebook: &Rulebook) -> Result<Document, Error> {
    let l = rulebook.language;
    let f = &complaint.facts;
    let state = State::of(complaint);
    if state.status != Status::Closed {
        return Err(Error::Illegal {
            refusal: complaint_core::Refusal::NoDocument,
            id: complaint.id.to_string(),
            action: "write a resolution report for",
            reason: "it is still open".into(),
            help: Some(
                "the report gives the result: close it with `complaint close ID --outcome …` first"
                    .into(),
            ),
        });
    }
    let dash = || "—".to_string();
    let or_dash = |v: Option<String>| v.filter(|v| !v.is_empty()).unwrap_or_else(dash);

    let mut summary = Section::new(l, Some(l.pick("一、投诉概述", "1. Summary")));
    intake(&mut summary, complaint, rulebook, false);
    summary
        .row(
            l.pick("投诉类别", "Category"),
            f.category
                .as_deref()
                .map(|c| name_of(&rulebook.categories, c))
                .unwrap_or_default(),
        )
        .row(l.pick("投诉对象", "About"), subject(l, f))
        .row(
            l.pick("投诉内容", "What happened"),
            f.description.clone().unwrap_or_default(),
        )
        .row(
            l.pick("客户诉求", "Demand"),
            f.demand.clone().unwrap_or_default(),
        );

    let mut process = Section::new(l, Some(l.pick("二、处理过程", "2. How it was handled")));
    process.columns = [
        l.pick("时间", "When").to_string(),
        l.pick("经过", "What was done").to_string(),
    ];
    // The customer's report of how it was handled: who looked at the record is not part of it.
    let handling = complaint
        .history
        .iter()
        .filter(|e| !matches!(e.action, Action::Reveal(_)));
    for event in handling {
        process.row(
            &datetime(l, event.at),
            format!(
                "{}{}{}",
                event.by,
                l.pick("：", ": "),
                describe(event, rulebook)
            ),
        );
    }

    let found = findings(complaint);
    let mut result = Section::new(
        l,
        Some(l.pick("三、处理结果与责任", "3. Result and responsibility")),
    );
    result
        .row(l.pick("处理结果", "Result"), or_dash(state.outcome.clone()))
        .row(
            l.pick("结案时间", "Closed"),
            or_dash(state.closed_at.map(|t| datetime(l, t))),
        )
        .row(
            l.pick("责任归属", "Responsibility"),
            or_dash(found.map(|(who, _)| name_of(&rulebook.responsibilities, who))),
        )
        .row(
            l.pick("调查结论", "Findings"),
            or_dash(found.map(|(_, facts)| facts.to_string())),
        );

    let mut money = Section::new(l, Some(l.pick("四、赔偿与补偿", "4. Compensation")));
    let mut kinds: Vec<(String, Money, Vec<String>)> = Vec::new();
    for event in complaint.in_force() {
        if let Action::Pay(crate::event::Pay {
            kind,
            amount,
            reference,
            ..
        }) = &event.action
        {
            let index = match kinds.iter().position(|(k, ..)| k == kind) {
                Some(i) => i,
                None => {
                    kinds.push((kind.clone(), Money::ZERO, Vec::new()));
                    kinds.len() - 1
                }
            };
            let entry = &mut kinds[index];
            if let Some(amount) = amount {
                entry.1 = entry.1.checked_add(*amount).unwrap_or(entry.1);
            }
            entry.2.extend(reference.clone());
        }
    }
    if kinds.is_empty() {
        money.row(l.pick("已执行", "Carried out"), dash());
    }
    for (kind, amount, references) in &kinds {
        // Goods sent or an apology made carry no amount: that they were done is the content.
        let value = join(
            [
                (*amount > Money::ZERO).then(|| yuan(*amount)),
                (!references.is_empty()).then(|| references.join(", ")),
            ],
            "  ",
        );
        money.row(
            &pay_kind(l, kind),
            if value.is_empty() {
                l.pick("已执行", "done").to_string()
            } else {
                value
            },
        );
    }

    let plans: Vec<String> = complaint
        .history
        .iter()
        .filter_map(|e| match &e.action {
            Action::Plan(crate::event::Plan { summary }) => Some(summary.clone()),
            _ => None,
        })
        .collect();
    let mut improve = Section::new(l, Some(l.pick("五、后续改进", "5. Improvements")));
    improve.row(
        l.pick("改进措施", "Measures"),
        or_dash(Some(plans.join("\n"))),
    );

    let followup = complaint
        .history
        .iter()
        .rev()
        .find_map(|e| match &e.action {
            Action::Followup(crate::event::Followup {
                comment,
                satisfaction: score,
                ..
            }) => Some(rated(l, comment.clone(), *score)),
            _ => None,
        });
    let mut survey = Section::new(l, Some(l.pick("六、满意度调查", "6. Satisfaction survey")));
    survey
        .field(
            l.pick("对本次处理的满意度（1–5）", "Your satisfaction (1–5)"),
            state.satisfaction.map(|s| format!("{s}/5")),
        )
        .field(l.pick("回访", "Follow-up"), followup)
        .field(l.pick("意见与建议", "Comments"), None);

    let mut contact = Section::new(l, Some(l.pick("七、联系方式", "7. Contact")));
    contact
        .row(l.pick("处理人", "Handler"), or_dash(state.handler.clone()))
        .row(
            l.pick("联系方式", "Contact"),
            or_dash(state.handler_contact.clone()),
        );

    let mut thanks = Section::new(l, Some(l.pick("八、致歉与感谢", "8. Apology and thanks")));
    thanks.paragraphs.push(
        l.pick(
            "对于此次给您带来的不便，我们深表歉意。感谢您提出投诉，让我们有机会发现并改正问题；我们将持续改进服务质量，欢迎您继续监督并提出宝贵意见。",
            "We are sorry for the trouble this has caused you. Thank you for telling us: your complaint gave us the chance to find the problem and put it right. We will keep improving our service, and we welcome your comments at any time.",
        )
        .to_string(),
    );

    Ok(Document {
        language: l,
        title: title(rulebook, "投诉处理报告", "Complaint resolution report"),
        sections: vec![
            summary, process, result, money, improve, survey, contact, thanks,
        ],
        signatures: [
            ("处理人（签字）：", "Handler (signature):"),
            ("日期：", "Date:"),
        ]
        .into_iter()
        .map(|(zh, en)| l.pick(zh, en).to_string())
        .collect(),
    })
}

/// The handling opinion (处理意见书) a mall issues after a mediation (S1): who, what happened,
/// what was found, what the mediation decided, what the merchant must pay and by when, and
/// lines for the signatures. It is the mall's own document and is written in Chinese.
pub fn opinion(
    complaint: &Complaint,
    rulebook: &Rulebook,
    now: Timestamp,
) -> Result<Document, Error> {
    let ledger = Ledger::of(complaint);
    let mediated = complaint
        .history
        .iter()
        .rev()
        .find_map(|e| match &e.action {
            Action::Mediate(crate::event::Mediate {
                customer,
                merchant,
                decision,
                amount,
                ..
            }) => Some((e.at, *customer, *merchant, *decision, *amount)),
            _ => None,
        });
    let Some((mediated_at, customer_answer, merchant_answer, decision, amount)) = mediated else {
        return Err(Error::Illegal {
            refusal: complaint_core::Refusal::NoDocument,
            id: complaint.id.to_string(),
            action: "write a handling opinion for",
            reason: "it has not been mediated".into(),
            help: Some("record the mediation with `complaint mediate` first".into()),
        });
    };
    let zh = Language::Zh;
    let f = &complaint.facts;
    let merchant = f.merchant.as_deref().unwrap_or("");
    let standing = classify::standing(complaint, &State::of(complaint), rulebook);
    // The deadline is the clock that runs from this decision, if the rulebook has one.
    let from_decision = |id: &str| {
        rulebook
            .clock(id)
            .is_some_and(|spec| spec.start == format!("mediate.{}", decision.as_str()))
    };
    let deadline = clock::evaluate(complaint, &standing, rulebook, now)
        .into_iter()
        .find(|state| from_decision(&state.clock))
        .and_then(|state| state.due.map(|d| d.at));
    let rmb = |m: Money| format!("人民币 {m} 元");
    let decided = match decision {
        Decision::MerchantPays => format!("双方接受调解，由商户{merchant}直接向顾客赔付{}。", amount.map(rmb).unwrap_or_default()),
        Decision::Opinion => {
            let by = deadline.map(|d| format!("于 {} 前", end_of_day_style(d))).unwrap_or_default();
            format!(
                "顾客接受调解，商户{merchant}不接受。本商场责令商户{merchant}{by}向顾客支付{}；逾期不付，或商户拒绝、逃避、无力赔付的，由本商场按规定先行赔付，并向商户追偿。",
                amount.map(rmb).unwrap_or_default()
            )
        }
        Decision::Referral => "顾客不接受调解，可向区消费者协会投诉或向人民法院起诉；商户应按其裁决赔付，商户拒绝、逃避或无力赔付的，由本商场按裁决先行赔付。".to_string(),
    };
    let mut section = Section::new(zh, None);
    section
        .row("投诉编号", complaint.id.to_string())
        .row("受理时间", datetime(zh, complaint.received_at))
        .row("顾客", customer(f))
        .row("被投诉商户", merchant)
        .row("投诉事项", subject(zh, f))
        .row("投诉内容", f.description.clone().unwrap_or_default())
        .row("顾客诉求", f.demand.clone().unwrap_or_default())
        .row(
            "调查结果",
            findings(complaint)
                .map(|(_, facts)| facts.to_string())
                .unwrap_or_default(),
        )
        .row(
            "调解情况",
            mediation(zh, mediated_at, customer_answer, merchant_answer),
        )
        .row("处理意见", decided)
        .row(
            "赔付情况",
            if ledger.paid > Money::ZERO {
                format!("已赔付 {} 元", ledger.paid)
            } else {
                String::new()
            },
        );
    Ok(Document {
        language: zh,
        title: format!("{}  顾客投诉处理意见书", rulebook.organisation),
        sections: vec![section],
        signatures: [
            "顾客（签字）：",
            "商户（签字）：",
            "商场（盖章）：",
            "日期：",
        ]
        .into_iter()
        .map(str::to_string)
        .collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// Renderers
// ---------------------------------------------------------------------------------------------

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
    let separator = document.language.pick("：", ": ");
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
    let lang = document.language.pick("zh", "en");
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
    use super::*;

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
