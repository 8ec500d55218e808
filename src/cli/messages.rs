//! Every fixed text the command line says to people, in English and in Chinese, side by side.
//!
//! A small table rather than an i18n crate: two languages, no plural forms in Chinese (the
//! English keeps its `(s)`), and a missing or misspelt message is a compile error instead of
//! a runtime fallback. A message with `{name}` in it is a pattern ([`say`] fills it), so each
//! language orders the words its own way; a test checks that both name the same values.
//! Machine formats (JSON, YAML, CSV) never come here: their keys and codes are the same in
//! every language. What people recorded and the rulebook's names are shown as written.

use complaint::Status;
use complaint::calendar::DayKind;
use complaint::clock::ClockStatus;
use complaint::model::SubjectKind;
use complaint::rulebook::Language;

/// The struct of messages and both tables, from one list of `name: "English" | "中文"`.
macro_rules! messages {
    ($($(#[$doc:meta])* $name:ident: $en:literal | $zh:literal,)*) => {
        /// Every fixed text of the command line in one language.
        pub struct Messages {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        const EN: Messages = Messages { $($name: $en,)* };
        const ZH: Messages = Messages { $($name: $zh,)* };

        #[cfg(test)]
        fn each() -> Vec<(&'static str, &'static str, &'static str)> {
            vec![$((stringify!($name), $en, $zh),)*]
        }
    };
}

messages! {
    // Statuses of a complaint
    status_new: "new" | "新登记",
    status_acknowledged: "acknowledged" | "已受理",
    status_closed: "closed" | "已结案",
    status_reopened: "reopened" | "已重开",
    // Statuses of a clock
    clock_unknown: "unknown" | "无法计算",
    clock_breached: "breached" | "已超时",
    clock_at_risk: "at_risk" | "将超时",
    clock_running: "running" | "计时中",
    clock_paused: "paused" | "已暂停",
    clock_pending: "pending" | "未开始",
    clock_met_late: "met_late" | "逾期完成",
    clock_met: "met" | "按时完成",
    // Kinds of day
    day_workday: "workday" | "工作日",
    day_weekend: "weekend" | "周末",
    day_holiday: "holiday" | "节假日",
    day_makeup_workday: "makeup_workday" | "调休上班",

    // Kinds of thing complained about
    subject_product: "product" | "商品",
    subject_service: "service" | "服务",
    subject_store: "store" | "门店",
    subject_employee: "employee" | "员工",
    subject_merchant: "merchant" | "商户",
    // Time left: days of 24 hours, hours, minutes (English puts a space after each)
    left_days: "{n}d " | "{n}天",
    left_hours: "{n}h " | "{n}小时",
    left_minutes: "{n}m " | "{n}分",

    // Column headers and labels
    id: "ID" | "编号",
    received: "Received" | "受理时间",
    status: "Status" | "状态",
    level: "Level" | "处理层级",
    grade: "Grade" | "等级",
    tier: "Tier" | "级别",
    category: "Category" | "类别",
    channel: "Channel" | "渠道",
    customer: "Customer" | "客户",
    subject: "Subject" | "投诉对象",
    assignee: "Assignee" | "承办人",
    clock: "Clock" | "时限",
    due: "Due" | "到期",
    left: "Left" | "剩余",
    deadline: "Deadline" | "时限",
    merchant: "Merchant" | "商户",
    happened: "Happened" | "发生",
    description: "Description" | "投诉内容",
    demand: "Demand" | "客户诉求",
    evidence: "Evidence" | "证据",
    price: "Price" | "价格",
    claimed: "Claimed" | "索赔金额",
    flags: "Flags" | "标记",
    source: "Source" | "来源",
    linked_to: "Linked to" | "关联投诉",
    duplicate_of: "Duplicate of" | "重复投诉",
    referred_by: "Referred by" | "转来部门",
    handler: "Handler" | "处理人",
    promised: "Promised" | "承诺答复",
    key_customer: "Key customer" | "重点客户",
    key_customer_yes: "yes (flagged at a return visit)" | "是（回访时标记）",
    rulebook: "Rulebook" | "规则书",
    at: "At" | "时间",
    by: "By" | "经办人",
    event: "Event" | "事件",
    details: "Details" | "详情",
    date: "Date" | "日期",
    day: "Day" | "星期",
    kind: "Kind" | "类型",
    name: "Name" | "名称",
    complaints: "Complaints" | "投诉数",
    advanced: "Advanced" | "先行赔付",
    recovered: "Recovered" | "已追偿",
    outstanding: "Outstanding" | "待追偿",
    /// Before an order number.
    order: "order {order}" | "订单 {order}",
    /// A due time that counts days the official schedule does not cover yet.
    provisional: "{due} (provisional)" | "{due}（暂定）",
    /// The line that tells the desk what to tell the customer.
    tell_customer: "Tell the customer: {clock}, by {at}" | "请告知客户：{clock}，{at}前",
    /// A deadline on that line, ending a day.
    deadline_day_end: "%Y-%m-%d 24:00" | "%Y年%m月%d日24时",
    /// A deadline on that line, at a time of day.
    deadline_time: "%Y-%m-%d %H:%M" | "%Y年%m月%d日%H时%M分",

    // list, search
    complaints_count: "{count} complaint(s)" | "共 {count} 件投诉",
    // every read command: confidential complaints the reader may not read
    withheld: "{count} confidential complaint(s) withheld from {who}: flag `{flag}` may be read only by {readers} and those handling each complaint" | "已对{who}隐去 {count} 件保密投诉：标记 `{flag}` 的投诉只有 {readers} 及其处理人员可以查阅",
    withheld_deadlines: "{count} deadline(s) of confidential complaints withheld from {who} ({breached} breached, {at_risk} at risk): flag `{flag}` may be read only by {readers} and those handling each complaint" | "已对{who}隐去保密投诉的 {count} 个时限（{breached} 项已超时，{at_risk} 项将超时）：标记 `{flag}` 的投诉只有 {readers} 及其处理人员可以查阅",
    withheld_escalations: "{count} confidential complaint(s) escalated, not shown to {who}" | "已升级 {count} 件保密投诉，未向{who}显示",
    /// Who reads, when nobody is named.
    nobody_named: "a reader nobody named (--by)" | "未指明的读者（--by）",
    // show
    merge_conflict: "conflict: event {event} ({message}) is no longer legal after the desks' histories were merged; settle it with `complaint resolve {id} --event {event} --keep|--drop --reason …`" | "冲突：合并各坐席的记录后，第 {event} 项事件（{message}）已不再合规；请用 `complaint resolve {id} --event {event} --keep|--drop --reason …` 处理",
    // new
    /// The customer of a complaint without a name.
    this_customer: "this customer" | "该客户",
    other_open: "warning: {who} has {count} other open complaint(s): {ids} (`complaint show ID`)" | "注意：{who}另有 {count} 件未结投诉：{ids}（`complaint show 编号` 查看）",
    /// What the command line says after an event in a language other than the library's
    /// English: the complaint, the event in words as the forms tell it, who.
    recorded: "{id} {what} (by {by})" | "{id} {what}（{by}）",
    // offer
    offer_standard: "  standard  ¥{amount} by `{rule}`: {formula} (price paid {price})" | "  赔偿标准  ¥{amount}，依 `{rule}`：{formula}（实付价格 {price}）",
    offer_no_price: "none" | "无",
    offer_ex_gratia: "  standard  none applies: an ex gratia offer" | "  赔偿标准  无适用标准：酌情赔付",
    offer_cap: "  cap       ¥{cap}" | "  上限      ¥{cap}",
    offer_needs_level: "{level} ({role}) first" | "先由{level}（{role}）审批",
    offer_needs_authority: "someone who may approve ¥{amount}" | "有权审批 ¥{amount} 的人员",
    offer_proposal: "  a proposal until approved: needs {who}" | "  审批前仅为方案：需要{who}",

    // sla
    sla_summary: "{breached} breached, {at_risk} at risk at {at}" | "{at}：{breached} 项已超时，{at_risk} 项将超时",
    sla_provisional: "{count} due time(s) provisional: they count days after the official schedule of `{calendar}` ({until}), taken from the law until the notice is added (`complaint calendar add-notice`)" | "{count} 个到期时间为暂定：其计算用到了 `{calendar}` 官方安排（至 {until}）之后的日子，在发布通知补入之前按法定节假日推算（`complaint calendar add-notice`）",
    sla_unknown: "error: {count} deadline(s) cannot be computed; see the Due column and extend the rulebook's calendar" | "错误：{count} 个时限无法计算；请查看“到期”一列，并补充规则书的日历",
    not_escalated: "{id} not escalated: {why}" | "{id} 未升级：{why}",

    // explain
    explain_heading: "{id} at {at} (rulebook {rulebook} {version}, calendar {calendar})" | "{id}，{at}（规则书 {rulebook} {version}，日历 {calendar}）",
    basis_none: "{what}: none (no rule matched)" | "{what}：无（没有规则适用）",
    basis_rule: "{what}: {code}, by rule {number} `{name}`" | "{what}：{code}，依第 {number} 条规则 `{name}`",
    basis_override: "{what}: {code}, set by {who}: {reason}" | "{what}：{code}，由{who}指定：{reason}",
    explain_tier: "tier" | "级别",
    explain_grade: "grade" | "等级",
    explain_category: "category" | "类别",
    explain_level: "  level: {name} ({code})" | "  处理层级：{name}（{code}）",
    explain_clock: "{name} `{clock}`: {status}" | "{name} `{clock}`：{status}",
    explain_keyed: " (by {by}: {value})" | "（按{by}：{value}）",
    explain_limit: "  limit   {limit}{keyed}" | "  时限    {limit}{keyed}",
    explain_waits: "  start   not yet: waits for `{event}`" | "  开始    尚未开始：等待 `{event}`",
    explain_start: "  start   {at} (`{event}`)" | "  开始    {at}（`{event}`）",
    explain_every: "  every   {every} until `{until}`, restarted by `{stop}`: updated {updates} time(s), {missed} late" | "  周期    每 {every}，`{stop}` 重新起算，至 `{until}` 为止：已告知 {updates} 次，其中逾期 {missed} 次",
    explain_since: "  since   {at} (this interval)" | "  本期    自 {at} 起",
    explain_extended: "  extended by approval to {limit}" | "  经审批延长至 {limit}",
    explain_paused: "  paused  {from} – {to} (does not count)" | "  暂停    {from} – {to}（不计时）",
    explain_paused_since: "  paused  since {from} (does not count)" | "  暂停    自 {from} 起（不计时）",
    explain_incomputable: "  due     cannot be computed: {why}" | "  到期    无法计算：{why}",
    explain_stopped: "  stopped {at}" | "  停止    {at}",
    explain_left: "  left    {left}" | "  剩余    {left}",
    explain_due: "  due     {due}" | "  到期    {due}",
    explain_due_provisional: "          counts days after the official schedule of `{calendar}` (to {until}): days off from the law; the official schedule may move it" | "          计入 `{calendar}` 官方安排（至 {until}）之后的日子：按法定节假日推算，官方安排发布后可能变动",
    explain_counted: "  counted {days}" | "  计入    {days}",
    explain_paused_days: "  paused  {days} (not counted: the due time moved later)" | "  暂停    {days}（不计入：到期时间顺延）",
    explain_skipped: "  skipped {day} {weekday} {kind}{name}{provisional}" | "  跳过    {day} 星期{weekday} {kind}{name}{provisional}",
    /// After a skipped day the official schedule does not cover yet.
    provisional_mark: " (provisional)" | "（暂定）",

    // due, calendar
    due_heading: "{within} from {from} ({calendar})" | "自 {from} 起 {within}（{calendar}）",
    calendar_summary: "{working} working days of {days} ({calendar})" | "{days} 天中有 {working} 个工作日（{calendar}）",
    calendar_provisional: "provisional: no official schedule after {until} yet; days off are the law's (statutory days, and a weekday for each that falls on a weekend); days the government adds or moves are not known yet. Add the official schedule with `complaint calendar add-notice`." | "暂定：{until} 之后尚无官方放假安排；休息日按法定节假日推算（法定假日，逢周末则补一个工作日）；政府增加或调整的日子尚不可知。官方安排发布后请用 `complaint calendar add-notice` 补入。",

    // calendar add-notice, calendar diff
    holiday: "Holiday" | "节日",
    from: "From" | "起",
    to: "To" | "止",
    days: "Days" | "天数",
    makeup_workdays: "Make-up working days" | "调休上班日",
    complaint: "Complaint" | "投诉",
    provisional_due: "Provisional due" | "暂定到期",
    official_due: "Official due" | "正式到期",
    moved: "Moved" | "变动",
    notice_heading: "official schedule for {years} of the calendar `{calendar}` ({name}):" | "日历 `{calendar}`（{name}）{years} 年官方放假安排：",
    notice_not_off: "warning: the statutory holiday {name} is not given off (accepted with --force)" | "注意：法定节日{name}未放假（已凭 --force 接受）",
    notice_no_moves: "no open complaint's deadline moves" | "没有未结投诉的时限发生变动",
    notice_moves: "{count} deadline(s) move" | "{count} 个时限变动",
    dry_run: "dry run: nothing written" | "试运行：未写入任何内容",
    notice_wrote: "wrote {path}: deadlines in {years} are official" | "已写入 {path}：{years} 年的时限按官方安排计算",

    // rules
    version: "Version" | "版本",
    rulebook_description: "Description" | "说明",
    code: "Code" | "代码",
    channels: "Channels" | "投诉渠道",
    categories: "Categories" | "投诉类别",
    tiers: "Tiers" | "层级",
    grades: "Grades" | "等级",
    ladder: "Ladder" | "升级阶梯",
    role: "Role" | "角色",
    authority: "Authority" | "审批权限",
    clocks: "Clocks" | "处理时限",
    starts_at: "Starts at" | "起算",
    stops_at: "Stops at" | "止于",
    recurs_until: "every {every} until {until}" | "每 {every}，至 {until} 为止",
    limit: "Limit" | "时限",
    staff: "Staff" | "人员",
    roles: "Roles" | "角色",
    warning: "warning: {text}" | "注意：{text}",
    note: "note: {text}" | "提示：{text}",
    calendar_ends: "the calendar `{calendar}` ends with {last}: deadlines that run into {next} cannot be computed; add its official schedule (`complaint calendar add-notice`)" | "日历 `{calendar}` 止于 {last} 年：延续到 {next} 年的时限无法计算；请补入官方放假安排（`complaint calendar add-notice`）",
    rulebook_format: "{name} {version} is written in rulebook format {format}" | "{name} {version} 采用规则手册格式 {format}",
    calendar_provisional_from: "the calendar `{calendar}` has the official schedule to {official}; deadlines that run into {next} are provisional (days off from the law) until its notice is added with `complaint calendar add-notice`" | "日历 `{calendar}` 的官方放假安排截至 {official} 年；延续到 {next} 年的时限为暂定（按法定节假日推算），待用 `complaint calendar add-notice` 补入通知后确定",
    no_clocks: "the rulebook declares no clocks: `complaint sla` will never flag anything" | "规则书未定义任何时限：`complaint sla` 永远不会提示任何事项",
    no_scenarios: "no scenarios: the book has no scenarios/ folder" | "没有场景：投诉簿中没有 scenarios/ 文件夹",
    scenario_ok: "ok   {file}  {name}" | "通过 {file}  {name}",
    scenario_failed: "FAIL {file}  {name}" | "失败 {file}  {name}",
    scenario_not_run: "FAIL {file}  (could not run)" | "失败 {file}（无法运行）",
    scenarios_summary: "{passed} passed, {failed} failed" | "{passed} 个通过，{failed} 个失败",
    what: "What" | "项目",
    old: "Old" | "原值",
    new: "New" | "新值",
    rules_diff_summary: "{changes} rule change(s); {affected} open complaint(s) affected" | "{changes} 处规则变动；影响 {affected} 件未结投诉",

    // staff and encrypt
    keys: "Keys" | "密钥",
    staff_signed: "every write is a commit signed by its actor's key" | "每次写入都是由操作人密钥签名的提交",
    staff_encrypted: "personal data is encrypted to the staff's keys" | "个人信息已加密给人员的密钥",
    encrypt_sealed: "sealed the personal data of {count} complaint(s)" | "已加密 {count} 件投诉的个人信息",
    encrypt_unreadable: "warning: {count} complaint(s) left sealed to their old readers (your key cannot open them; one of their readers runs `complaint encrypt`): {ids}" | "注意：{count} 件投诉仍只加密给原来的查看人（你的密钥打不开；请由其查看人之一运行 `complaint encrypt`）：{ids}",
    repair_undone: "undid an interrupted write by {by} ({count} file(s)): only their key may sign it — {message}" | "已撤销{by}中断的写入（{count} 个文件）：只有其本人的密钥才能签名——{message}",

    // sync, repair, resolve, and what git runs
    sync_received: "received from {remote}/{branch}: {count} commit(s)" | "从 {remote}/{branch} 收到 {count} 个提交：",
    sync_sent: "sent: {count} commit(s)" | "已发送 {count} 个提交：",
    sync_conflict: "conflict: {id} event {event}: {message} — `complaint resolve {id} --event {event} --keep|--drop --reason …`" | "冲突：{id} 第 {event} 项事件：{message}——`complaint resolve {id} --event {event} --keep|--drop --reason …`",
    repair_completed: "completed an interrupted write by {by} ({count} file(s)): {message}" | "已完成{by}中断的写入（{count} 个文件）：{message}",
    repair_index: "git's index entry for {path} brought up to the last commit" | "{path} 的 git 索引已更新到最新提交",
    repair_adopted: "committed {path} ({how}), by {authors}" | "已提交 {path}（{how}），作者 {authors}",
    repair_was_untracked: "was untracked" | "原未纳入版本管理",
    repair_was_changed: "was changed" | "原有改动",
    repair_refused: "not committed: {path}: {why}" | "未提交：{path}：{why}",
    repair_uncommitted: "{count} record(s) are not committed and no interrupted command explains them; `complaint repair --adopt` commits them" | "{count} 份记录未提交，且不是中断的命令留下的；`complaint repair --adopt` 可提交它们",
    repair_nothing: "nothing to repair" | "无需修复",
    merge_customer_differs: "{field} (the two desks wrote different values)" | "{field}（两个坐席写入的值不同）",
    merge_differs: "{field} (ours {ours}, theirs {theirs})" | "{field}（本地 {ours}，对方 {theirs}）",
    merge_facts: "the two desks changed the same facts differently: {fields}" | "两个坐席对同一事实作了不同修改：{fields}",
    merge_unreadable: "cannot be merged as a record: {why}" | "无法按记录合并：{why}",
    hook_refused: "commit refused. Records change only by appending events (`complaint …` commands); unstage the records with `git restore --staged PATH` (or `git reset`), or restore them with `git checkout HEAD -- PATH`" | "提交被拒绝。记录只能通过追加事件（`complaint …` 命令）修改；请用 `git restore --staged PATH`（或 `git reset`）撤出暂存，或用 `git checkout HEAD -- PATH` 恢复",

    // import
    import_dry_run: "{good} row(s) of {file} are good, {skipped} already in the book; nothing was written (--dry-run)" | "{file} 中 {good} 行无误，{skipped} 行已在投诉簿中；未写入任何内容（--dry-run）",
    import_done: "{imported} imported, {skipped} already in the book" | "已导入 {imported} 件，{skipped} 件已在投诉簿中",
    import_skipped: "line {line}: {source} was imported before; skipped" | "第 {line} 行：{source} 之前已导入，跳过",

    // receivables
    receivables_total: "¥{total} outstanding from {count} merchant(s)" | "{count} 家商户共待追偿 ¥{total}",

    // check
    check_conflict: "conflict: {path} event {event}: {message} — settle it with `complaint resolve {id} --event {event} --keep|--drop --reason …`" | "冲突：{path} 第 {event} 项事件：{message}——请用 `complaint resolve {id} --event {event} --keep|--drop --reason …` 处理",
    check_problems: "{count} problem(s)" | "{count} 个问题",
    check_conflicts: "{events} event(s) in conflict in {complaints} complaint(s) after merging desks' histories" | "合并各坐席的记录后，{complaints} 件投诉中有 {events} 项事件冲突",

    // init
    init_made: "Made a complaint book in {dir} (rulebook {rulebook} {version}: {organisation})" | "已在 {dir} 建立投诉簿（规则书 {rulebook} {version}：{organisation}）",
    init_inside: "It is inside the git repository {top}: its changes are committed there (run `git init` in {dir} first for a repository of its own)" | "它位于 git 仓库 {top} 之内：改动将提交到该仓库（如需独立仓库，请先在 {dir} 中运行 `git init`）",
    init_foreign_hook: "warning: a pre-commit hook that is not ours is in place and was left alone; to guard the records, have it run `{program} hook pre-commit`" | "注意：已有一个非本程序的 pre-commit 钩子，未作改动；如需保护记录，请让它运行 `{program} hook pre-commit`",
    init_updated: "updated {path}" | "已更新 {path}",
    init_hooks: "git hook and record merge driver in place" | "git 钩子和记录合并程序已就位",

    // What every command may say last
    index_behind: "warning: committed, but git's index could not be updated for {paths} (another git command, or a stale .git/index.lock, held it); a plain `git commit` now would undo the change. The next command mends it, or run `complaint repair`" | "注意：已提交，但 git 索引未能更新 {paths}（另一个 git 命令或遗留的 .git/index.lock 占用了它）；此时直接 `git commit` 会撤销这次改动。下一个命令会自动修复，也可运行 `complaint repair`",
}

/// The messages of the interface's language now (see [`super::lang`]).
pub fn t() -> &'static Messages {
    match super::lang::current() {
        Language::Zh => &ZH,
        Language::En => &EN,
    }
}

/// `say!(pattern, name = value, …)`: the pattern with each `{name}` replaced by its value.
macro_rules! say {
    ($pattern:expr $(, $name:ident = $value:expr)* $(,)?) => {
        complaint::pattern::fill(
            $pattern,
            &[$((stringify!($name), &$value as &dyn std::fmt::Display)),*],
        )
    };
}
pub(crate) use say;

/// A complaint's status in words.
pub fn status(status: Status) -> &'static str {
    let t = t();
    match status {
        Status::New => t.status_new,
        Status::Acknowledged => t.status_acknowledged,
        Status::Closed => t.status_closed,
        Status::Reopened => t.status_reopened,
    }
}

/// A clock's status in words.
pub fn clock_status(status: ClockStatus) -> &'static str {
    let t = t();
    match status {
        ClockStatus::Unknown => t.clock_unknown,
        ClockStatus::Breached => t.clock_breached,
        ClockStatus::AtRisk => t.clock_at_risk,
        ClockStatus::Running => t.clock_running,
        ClockStatus::Paused => t.clock_paused,
        ClockStatus::Pending => t.clock_pending,
        ClockStatus::MetLate => t.clock_met_late,
        ClockStatus::Met => t.clock_met,
    }
}

/// A kind of thing complained about in words.
pub fn subject_kind(kind: SubjectKind) -> &'static str {
    let t = t();
    match kind {
        SubjectKind::Product => t.subject_product,
        SubjectKind::Service => t.subject_service,
        SubjectKind::Store => t.subject_store,
        SubjectKind::Employee => t.subject_employee,
        SubjectKind::Merchant => t.subject_merchant,
    }
}

/// A kind of day in words.
pub fn day_kind(kind: &DayKind) -> &'static str {
    let t = t();
    match kind {
        DayKind::Workday => t.day_workday,
        DayKind::Weekend => t.day_weekend,
        DayKind::Holiday(_) => t.day_holiday,
        DayKind::MakeupWorkday(_) => t.day_makeup_workday,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use complaint::pattern::placeholders;

    #[test]
    fn every_message_is_there_in_both_languages_with_the_same_placeholders() {
        for (name, en, zh) in each() {
            assert!(!en.trim().is_empty(), "{name} is empty in English");
            assert!(!zh.trim().is_empty(), "{name} is empty in Chinese");
            assert_eq!(placeholders(en), placeholders(zh), "{name}");
        }
    }

    #[test]
    fn every_english_word_of_a_machine_format_keeps_its_code() {
        // The English statuses are the codes JSON and CSV carry, so an English table and a
        // CSV agree; the Chinese ones are words. (A unit test speaks English: nothing chose.)
        assert_eq!(EN.status_acknowledged, Status::Acknowledged.as_str());
        assert_eq!(EN.clock_at_risk, ClockStatus::AtRisk.as_str());
        assert_eq!(EN.clock_met_late, ClockStatus::MetLate.as_str());
        assert_eq!(
            EN.day_makeup_workday,
            DayKind::MakeupWorkday(String::new()).label()
        );
    }
}
