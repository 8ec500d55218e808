//! `--help` in Chinese: the command line's texts in Simplified Chinese, and the command tree that
//! shows them.
//!
//! The English texts are the doc comments clap derives [`super::Cli`] from; man pages and shell
//! completions are made from that English tree and never change with the language. When help
//! is asked for and the interface speaks Chinese ([`super::lang`]), `main` parses again with
//! [`localised`] (the same tree with the texts of [`CATALOGUE`], Chinese headings and clap's
//! own texts in Chinese) and [`exit_localised`] prints what that parse shows.
//!
//! # The catalogue's keys
//!
//! A key says where its text belongs, in the words a user types:
//!
//! | key | the text of |
//! |---|---|
//! | `""` | the top command (`complaint`) |
//! | `"sla"`, `"rules check"` | a command, by its path |
//! | `"--dir"` | an option of the top command (the global options) |
//! | `"sla --all"`, `"sla -v"` | an option, by its long name (its short one if it has none) |
//! | `"explain <id>"` | a positional argument, by its id |
//! | `"sla --fail-on=at-risk"` | one possible value of an option (a `ValueEnum` variant's doc) |
//! | `"[after-help]"`, `"import [after-long-help]"` | text after a command's help |
//! | `"* --reveal"`, `"* --status=new"` | the same option in every command that has it (see below) |
//!
//! An about or help text is read as clap reads a doc comment: its first paragraph is the short
//! text (`-h`), the whole text the long one (`--help`). A `*` key serves every command that has
//! the option and no key of its own; a test sees to it that all the options one `*` key serves
//! have the same English text, so it cannot quietly translate an option that means something
//! else. The test also fails for every English text without its Chinese, and for every key that
//! names nothing, so the catalogue cannot fall behind the code.
//!
//! # Layout
//!
//! clap writes a few words itself: the headings (`Usage`, `Commands`, `Arguments`, `Options`),
//! the `-h`/`--help`/`-V` flags and the `help` command, and the `[default: …]`, `[env: …]`,
//! `[possible values: …]` notes. The headings come from a [`Command::help_template`] per
//! command, clap's own texts from [`CLAP`], and the notes are hidden
//! ([`Arg::hide_default_value`] and friends) and written into the help text in Chinese instead.
//! clap wraps help only at spaces, and Chinese has none, so the Chinese tree is laid out
//! unwrapped ([`Command::term_width`] 0) and [`wrap`] breaks it to the terminal's width.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};

use clap::builder::PossibleValue;
use clap::{Arg, Command, CommandFactory};
use unicode_width::UnicodeWidthChar;

/// The headings of a help page, and the notes clap would write in English.
const USAGE: &str = "用法：";
const COMMANDS: &str = "命令：";
const ARGUMENTS: &str = "参数：";
const OPTIONS: &str = "选项：";
const DEFAULT: &str = "默认";
const ENV: &str = "环境变量";
const VALUES: &str = "可选值";

/// clap's own texts: the help and version flags and the `help` command.
const CLAP: &[(&str, &str)] = &[
    ("Print help", "显示帮助"),
    (
        "Print help (see more with '--help')",
        "显示帮助（用 --help 查看详细说明）",
    ),
    (
        "Print help (see a summary with '-h')",
        "显示帮助（用 -h 查看摘要）",
    ),
    ("Print version", "显示版本"),
    (CLAP_HELP_ABOUT, "显示本帮助，或指定命令的帮助"),
    ("Print help for the subcommand(s)", "显示指定命令的帮助"),
];

/// The about of the `help` command clap adds.
const CLAP_HELP_ABOUT: &str = "Print this message or the help of the given subcommand(s)";

/// One text shared by `calendar add-notice` and `calendar diff`.
const NOTICE_FILE: &str = "通知全文（国务院办公厅关于XXXX年部分节假日安排的通知，按原文），或节假日及调休上班日的 iCalendar 文件（.ics）；`-` 表示从标准输入读取";
/// One text shared by `calendar --rulebook` and `due --rulebook`.
const CALENDAR_OF: &str = "使用此规则手册的日历，而不是台账的（内置名称或文件）";
/// The complaint a command acts on, as `ack`, `show` name it.
const COMPLAINT_ID: &str = "投诉（编号或其中唯一的一段，如 7KQX）";

/// The Chinese texts, keyed by where they belong (see the module's documentation).
const CATALOGUE: &[(&str, &str)] = &[
    // The top command and the global options.
    (
        "",
        "客户投诉处理：每件投诉一个 YAML 记录文件，存放在由 git 管理的文件夹中",
    ),
    (
        "[after-help]",
        "退出码：
  0  成功
  1  出错：输入有误、操作不允许、文件无法读取、找不到对象（未写入任何内容）
  2  命令行有误（未知选项、缺少参数）
  3  命令已执行，但发现需要处理的情况（sla：有时限已超时）
  4  台账正由其他人写入（已加锁），请稍后重试
  5  已完成并提交，但 git 索引落后于提交（被 git 锁挡住）；
     下一条命令或 `complaint repair` 会修复",
    ),
    (
        "--dir",
        "台账所在文件夹 [默认：当前文件夹或其上级中最近的、含 complaint.yaml 的文件夹]",
    ),
    (
        "--by",
        "操作人，记入处理历史并作为 git 作者 [默认：git 的 user.name]",
    ),
    (
        "--now",
        "按此时刻办理（RFC 3339，或规则手册时区的 `YYYY-MM-DD HH:MM`）",
    ),
    (
        "--format",
        "输出格式",
    ),
    ("--no-commit", "写入记录，但不做 git 提交"),
    (
        "--no-index",
        "不用索引（.complaint/index.sqlite），逐个读取记录文件：较慢，结果相同",
    ),
    (
        "--wide",
        "表格按完整宽度显示（默认适应终端或 COLUMNS 的宽度，先省去最次要的列）",
    ),
    // Options several commands share.
    ("* --subject-kind", "投诉对象的类型"),
    ("* --subject-kind=product", "客户购买的商品"),
    ("* --subject-kind=service", "客户接受的服务"),
    ("* --subject-kind=store", "门店或网点"),
    ("* --subject-kind=employee", "员工"),
    ("* --subject-kind=merchant", "商户，如商场内的经营商户"),
    ("* --evidence", "证据：文件路径或编号（可重复）"),
    ("* --as=markdown", "Markdown 表格，便于阅读和转换"),
    ("* --as=text", "纯文本，每行 `标签：值`"),
    (
        "* --as=html",
        "独立的 HTML 页面，带打印样式（打开即可打印）",
    ),
    (
        "* --reveal",
        "不脱敏显示姓名、电话、账号、电子邮箱和地址；显示之前记入每件所显示投诉的处理历史（并提交）",
    ),
    ("* --status", "只列这些状态（可重复）"),
    ("* --status=new", "已登记，尚未向客户确认受理"),
    ("* --status=acknowledged", "已确认受理，正在处理"),
    ("* --status=closed", "已结案"),
    ("* --status=reopened", "结案后重新打开"),
    ("* --open", "只列未结案的投诉"),
    ("* --closed", "只列已结案的投诉"),
    ("* --assignee", "处理人"),
    ("* --from", "受理日期不早于此日（YYYY-MM-DD）"),
    ("* --to", "受理日期不晚于此日（YYYY-MM-DD）"),
    (
        "* --key-customers",
        "只列重点客户（回访时标记）的投诉，含其全部投诉",
    ),
    ("* --customer", "只列客户姓名包含 NAME 的投诉"),
    (
        "* --phone",
        "只列来自此电话号码的投诉，按数字比对（138-1234-5678、+86 138 1234 5678 和 13812345678 是同一个号码）",
    ),
    ("* --year", "通知所属年份（标题中没有写明时）"),
    (
        "* --force",
        "接受缺少某个法定节假日的安排（经特别通知调整的情况）",
    ),
    // Setting up.
    (
        "init",
        "新建投诉台账：配置、规则手册、记录文件夹和 git 仓库",
    ),
    ("init <path>", "新建位置 [默认：当前文件夹]"),
    (
        "init --rulebook",
        "内置规则手册的名称（见 `complaint rules list`）或规则手册文件",
    ),
    (
        "init --hooks",
        "用于已有台账：安装 git 钩子和合并驱动，并在 .gitattributes 和 .gitignore 中补上本版本所需的内容（一次提交）",
    ),
    // Registering.
    (
        "new",
        "登记投诉：来自选项、登记文件（--from），或两者兼用（以选项为准）

必填字段由规则手册规定；缺少的字段一次全部列出，且不写入任何内容。登记成功后打印新记录（请向客户复述确认）。",
    ),
    (
        "new --from",
        "登记文件，YAML 或 JSON（`-` 表示从标准输入读取）",
    ),
    ("new --channel", "投诉渠道（规则手册中的渠道代码）"),
    (
        "new --category",
        "问题类别（规则手册中的类别代码，如 CQ01）",
    ),
    ("new --customer", "客户姓名"),
    ("new --account", "客户的账号或用户名"),
    (
        "new --subject",
        "具体的投诉对象（商品、服务、门店、人员）",
    ),
    ("new --order", "订单号"),
    ("new --merchant", "被投诉的商场商户"),
    ("new --happened", "发生时间，按客户的说法"),
    ("new --place", "发生地点"),
    (
        "new --known-at",
        "客户知道受到损害的日期（YYYY-MM-DD），用于计算时效",
    ),
    ("new --description", "事情经过"),
    ("new --demand", "客户诉求"),
    (
        "new --price",
        "支付价格（元：500、500.00、¥500、1,234.50）",
    ),
    ("new --claimed", "客户索赔金额"),
    (
        "new --flag",
        "规则手册声明的标记，如 safety（可重复）",
    ),
    ("new --received-at", "受理时间 [默认：现在]"),
    (
        "new --link",
        "与之关联的投诉（编号或其中唯一的一段；可重复）",
    ),
    (
        "new --duplicate-of",
        "本投诉所重复的投诉（编号或其中唯一的一段）",
    ),
    // Handling.
    ("ack", "确认受理：告知客户由谁处理、何时答复"),
    ("ack <id>", COMPLAINT_ID),
    ("ack --handler", "处理人 [默认：操作人本人]"),
    (
        "ack --contact",
        "客户联系处理人的方式（电话、分机、账号）",
    ),
    (
        "ack --promised",
        "向客户承诺的答复日期（YYYY-MM-DD）",
    ),
    ("assign", "将投诉交给他人处理"),
    ("assign <to>", "接手处理的人（或小组）"),
    ("escalate", "将投诉沿升级阶梯上报一级"),
    ("escalate --reason", "升级原因"),
    ("note", "在投诉的处理历史中添加备注"),
    ("note <text>", "备注内容"),
    (
        "note --public",
        "也给客户看：写入投诉处理报告（否则备注只供内部查看）",
    ),
    ("close", "结案，并记录处理结果"),
    ("close --outcome", "处理结果，一句话说明"),
    (
        "close --satisfaction",
        "客户满意度，1（非常不满意）至 5（非常满意）",
    ),
    ("reopen", "重新打开已结案的投诉"),
    ("reopen --reason", "原因"),
    (
        "classify",
        "投诉定级：按规则手册的层级和等级规则判定，或说明理由后人工调整",
    ),
    ("classify --tier", "人工指定层级"),
    ("classify --grade", "人工指定等级"),
    (
        "classify --reason",
        "调整理由（使用 --tier 或 --grade 时必填）",
    ),
    ("plan", "记录处理方案（反馈时限可能从此起算）"),
    ("plan <summary>", "处理方案，一两句话"),
    (
        "plan --improvement",
        "这是对服务的改进（后续改进），而不是对本投诉的补救：投诉处理报告将其列入改进措施",
    ),
    (
        "find",
        "记录调查结论：责任归属、查明的事实、证据、处理小组",
    ),
    (
        "find --responsibility",
        "责任方（规则手册中的责任代码）",
    ),
    ("find --facts", "查明的事实"),
    (
        "find --lead",
        "主办人（1+N 中的“1”）[默认：操作人本人]",
    ),
    (
        "find --department",
        "协办部门（1+N 中的“N”；可重复）",
    ),
    (
        "find --loss",
        "调查核实的客户损失（元）；赔偿标准可据此给付：`remedy: {loss: true}`",
    ),
    (
        "find --service-delay",
        "被投诉的服务延误了多久，按自然时间计（30h、2d）；赔偿标准可据此判断：`delay: {fact: service_delay, over: 24h}`",
    ),
    // Remedies and money.
    (
        "offer",
        "提出赔偿方案：按规则手册的赔偿标准，或用 --amount 在上限以内提出（审批通过前只是提议）",
    ),
    (
        "offer --amount",
        "按此金额（元）而不按标准赔偿；超出标准须经上浮审批",
    ),
    (
        "offer --replace",
        "替换当前方案（录入有误且尚无人审批时），不占用规则手册允许的修订次数",
    ),
    (
        "approve",
        "以你的角色审批当前方案（角色见台账的人员名单）",
    ),
    (
        "dispute",
        "记录客户对当前方案有异议（之后可以修订方案）",
    ),
    ("dispute --reason", "客户不同意的地方"),
    ("agree", "记录客户已同意处理方案"),
    (
        "mediate",
        "记录商场对顾客与商户的调解；由规则手册决定谁来赔付",
    ),
    ("mediate --customer", "顾客对调解方案的答复"),
    ("mediate --customer=accept", "接受调解方案"),
    ("mediate --customer=refuse", "不接受调解方案"),
    ("mediate --merchant", "商户的答复"),
    ("mediate --merchant=accept", "接受调解方案"),
    ("mediate --merchant=refuse", "不接受调解方案"),
    ("mediate --amount", "商户应付给顾客的金额（元）"),
    (
        "ruling",
        "记录移交后消费者协会或法院作出的决定",
    ),
    (
        "ruling --body",
        "作出决定的机构：consumer_association、court……",
    ),
    ("ruling --decision", "决定内容"),
    ("ruling --amount", "商户应付的金额（元）"),
    (
        "recover",
        "记录商户已偿还（部分）先行赔付的款项",
    ),
    ("recover --amount", "偿还金额（元）"),
    (
        "receivables",
        "各商户因先行赔付所欠的款项，以及已追回的金额",
    ),
    ("receivables --all", "也列出目前没有欠款的商户"),
    (
        "pay",
        "记录处理方案已执行（退款、发券、发货、致歉等）",
    ),
    (
        "pay --kind",
        "执行方式：refund、coupon、goods、repair、apology……",
    ),
    ("pay --amount", "金额（元），用于款项"),
    ("pay --reference", "付款凭证号或物流单号"),
    (
        "pay --payer",
        "付款方，不是本单位时填写（如 merchant）",
    ),
    (
        "pay --advance",
        "替未付款的商户先行赔付（由规则手册规定谁来先行赔付）",
    ),
    // Talking to the customer.
    ("feedback", "记录已向客户反馈处理结果或进度"),
    ("feedback <message>", "告诉客户的内容"),
    ("followup", "记录结案后的回访"),
    ("followup <comment>", "客户的意见"),
    (
        "followup --satisfaction",
        "客户对处理方案的评价，1（非常不满意）至 5（非常满意）",
    ),
    (
        "followup --key-customer",
        "将客户标为重点客户，持续关注（`list --key-customers`）",
    ),
    (
        "followup --reopen",
        "客户不满意：重新打开投诉，以回访意见为原因",
    ),
    // Clocks.
    ("pause", "暂停等待类时限（如等待客户补充证据）"),
    ("pause --reason", "等待的事项"),
    ("resume", "恢复已暂停的时限"),
    (
        "extend",
        "延长时限，须由规则手册允许的审批人操作（如 15wd 延至 30wd）",
    ),
    (
        "extend --clock",
        "时限（规则手册中的 id；`complaint explain ID` 会列出）",
    ),
    ("extend --to", "新的时限，如 30wd"),
    ("extend --reason", "需要延长的原因"),
    // Reading.
    ("show", "查看一件投诉：基本信息、当前状态和处理历史"),
    ("show <id>", COMPLAINT_ID),
    ("list", "列出投诉，最早的在前，可筛选"),
    (
        "search",
        "按记录的文字查找投诉：描述、诉求、备注、调查结论、方案、反馈、处理结果、回访

每个词都必须出现（不区分大小写；中文不必用空格分词：文本中的任何片段都算一个词）。也可使用 `list` 的筛选条件，输出及脱敏方式与 `list` 相同。",
    ),
    ("search <words>", "要查找的词"),
    (
        "explain",
        "说明投诉的定级依据和各项时限的计算过程",
    ),
    ("explain <id>", "投诉（编号或其中唯一的一段）"),
    (
        "sla",
        "列出已超时或临近超时的时限，最紧急的在前（供定时任务使用）

有时限超时时退出码为 3（使用 --fail-on at-risk 时，临近超时也算），否则为 0。",
    ),
    (
        "sla --all",
        "也列出未超时的进行中时限和已暂停的时限",
    ),
    ("sla --clock", "只看这一项时限（规则手册中的 id）"),
    ("sla --fail-on", "什么情况下退出码为 3"),
    (
        "sla --escalate",
        "超时时限标有 `escalate_on_breach` 的投诉各升级一级，合并为一次提交。再次运行不会重复升级：每项时限对一件投诉只升级一次。升级记在 --by / COMPLAINT_USER 名下，否则记在 complaint.yaml 的 `cron_user`（默认 `complaint-sla`）名下",
    ),
    (
        "sla --verbose",
        "没有需要处理的情况时也打印汇总行（默认此时 `sla` 什么也不输出，cron 就不会发邮件）",
    ),
    (
        "calendar",
        "列出每天是工作日、周末、节假日还是调休上班日；添加官方放假安排

超出官方放假安排所覆盖的年份时，日历按法律规定推算休息日，并标为暂定；当年的官方安排公布后，用 `calendar add-notice` 添加。",
    ),
    (
        "calendar <from>",
        "年份（2026），或与 TO 一起使用时的起始日（2026-09-28）",
    ),
    ("calendar <to>", "结束日（2026-10-11）"),
    ("calendar --rulebook", CALENDAR_OF),
    (
        "calendar add-notice",
        "将官方放假安排（国务院办公厅的通知，或 .ics 文件）加入台账的日历；这些年份的时限不再是暂定",
    ),
    ("calendar add-notice <file>", NOTICE_FILE),
    (
        "calendar add-notice --dry-run",
        "显示将添加的内容和将变动的时限，不写入任何内容",
    ),
    (
        "calendar diff",
        "官方放假安排会带来的变化：新增的日子，以及时限会变动的未结投诉",
    ),
    ("calendar diff <file>", NOTICE_FILE),
    ("due", "计算期限何时到期：“我什么时候能收到答复？”"),
    ("due --from", "起算时间 [默认：现在]"),
    (
        "due --within",
        "期限：2h、7d、3wd（工作日）、8bh（工作小时）",
    ),
    ("due --rulebook", CALENDAR_OF),
    // Rulebooks.
    ("rules", "检查和列出规则手册"),
    (
        "rules check",
        "检查规则手册：没有问题时不输出、退出码为 0；否则列出全部问题",
    ),
    (
        "rules check <file>",
        "规则手册文件 [默认：台账的规则手册]",
    ),
    (
        "rules check --strict",
        "警告也算失败（如日历未覆盖下一年）",
    ),
    (
        "rules check --verbose",
        "说明文件采用哪种规则手册格式（1；或 2：组合条件、关卡和周期时限），即使规则无误",
    ),
    ("rules list", "列出程序内置的规则手册"),
    (
        "rules show",
        "查看坐席录入时用到的代码：规则手册的渠道、类别、层级、等级、升级阶梯和时限，以及台账的人员，每个代码旁附名称",
    ),
    (
        "rules show <rulebook>",
        "内置规则手册的名称或规则手册文件 [默认：台账的规则手册]",
    ),
    (
        "rules diff",
        "规则手册改动的影响：改了哪些规则，每件未结投诉会有什么变化

OLD 和 NEW 是规则手册文件，或台账规则手册的 git 版本（HEAD~1、main）。没有变化时退出码为 0，有变化时为 3。",
    ),
    ("rules diff <new>", "[默认：台账现在的规则手册]"),
    (
        "rules test",
        "运行场景测试：每个场景打印一行，失败的说明差异；有失败时退出码为 1",
    ),
    (
        "rules test <paths>",
        "场景文件或其所在的文件夹 [默认：台账的 `scenarios` 文件夹]",
    ),
    // The book.
    (
        "check",
        "检查每条记录：能否解析、编号是否与文件相符、处理历史能否按规则手册重演

找出手工编辑后违反规则的记录：付款超过约定金额、无权限者的审批、超过上限的方案、修订次数超过允许、没有已同意方案的付款。台账没有问题时不输出、退出码为 0；否则在各文件中指出全部问题、退出码为 1。按之前的事件来看不合规的操作（两个坐席的处理历史合并后出现，如重复受理、结案后升级）是冲突，要用 `complaint resolve` 处理：会列出，退出码为 3。先完成被中断的写入；未提交的记录、git 索引落后于 HEAD 都算问题。",
    ),
    (
        "staff",
        "人员名册：谁可以操作、担任哪些角色、使用哪些 SSH 密钥（`staff.yaml`）

每次修改都是一次提交。本簿要求签名之后，只有担任 `admin` 角色的人才能用自己的密钥修改名册。",
    ),
    ("staff add", "添加一个人，或为其增加角色和密钥"),
    ("staff add <name>", "其姓名，与事件中记录的一致（李娜）"),
    (
        "staff add --role",
        "角色：规则手册的升级层级代码或角色，或 `admin`（可重复）",
    ),
    (
        "staff add --key",
        "SSH 公钥，即 .pub 文件中的那一行（可重复）",
    ),
    ("staff add --key-file", "存放其 SSH 公钥的 .pub 文件（可重复）"),
    (
        "staff remove",
        "把一个人从名册中移除（在加密的投诉簿中，其原来能查看的内容会重新加密、不再包含其密钥，匹配密钥也会更换）",
    ),
    ("staff remove <name>", "其姓名"),
    ("staff list", "列出名册：姓名、角色、密钥指纹"),
    (
        "staff require-signatures",
        "从现在起，每次写入都是由操作人密钥签名的提交，`check` 会逐一核验",
    ),
    (
        "encrypt",
        "用名册上的密钥加密客户的个人信息（已加密的，按今天的查看人重新加密）

姓名、电话、账号、电子邮箱和地址在记录中只以掩码形式（张*、138****5678）保留明文，因此列表、时限、报表和导出都不需要密钥；明文用 age 加密给有权查看该投诉的人的 SSH 密钥。一次提交。需要你在名册上的密钥（COMPLAINT_IDENTITY，默认 ~/.ssh/id_ed25519）。",
    ),
    (
        "repair",
        "完成被中断的命令留下的工作：写入记录并以原作者名义提交、删除临时文件、让 git 索引跟上最新提交

每条命令在需要时都会先做这些；`repair` 专门来做，并说明做了什么。加 --adopt 时，还会提交任何命令都解释不了的记录文件（用 --no-commit 或手工写入的），作者为写下其中事件的人。",
    ),
    (
        "repair --adopt",
        "也提交已修改或未跟踪、且不是中断的命令留下的记录",
    ),
    (
        "resolve",
        "处理语义冲突：两个坐席的处理历史合并后变得不合规的事件（如重复受理、结案后升级），决定保留或作废，连同理由记为一条新事件

处理历史保持原样；作废的事件不再计入状态、时限、表单和报告。`complaint check` 和 `complaint show` 会列出冲突。",
    ),
    ("resolve <id>", "投诉（编号或其中唯一的一段）"),
    (
        "resolve --event",
        "哪一条事件（`show` 处理历史中的序号，从 1 起）[默认：第一条冲突的事件]",
    ),
    ("resolve --keep", "保留该事件"),
    ("resolve --drop", "作废该事件，重演时不再计入"),
    ("resolve --reason", "理由，记入存档"),
    (
        "sync",
        "与其他坐席共享台账：拉取、合并（按记录合并：事件取并集）、推送

其他坐席先推送时自动重试。打印收到和发出的内容。合并带来需要用 `complaint resolve` 处理的语义冲突时，退出码为 3（会列出）；两个坐席对同一记录的同一事实改得不一样时，退出码为 1，且不做任何改动。",
    ),
    (
        "sync <remote>",
        "远程仓库 [默认：当前分支的上游，否则为 origin]",
    ),
    (
        "merge-driver",
        "合并投诉记录的两个版本（由 git 调用：`merge-driver %O %A %B %P`）",
    ),
    ("merge-driver <base>", "共同祖先的内容（没有时为空）"),
    ("merge-driver <ours>", "我方版本；合并结果写回这里"),
    ("merge-driver <theirs>", "对方版本"),
    ("merge-driver <path>", "记录在仓库中的路径"),
    ("hook", "台账安装的 git 钩子（由 git 调用）"),
    (
        "hook <hook>=pre-commit",
        "拒绝删除记录或删去处理历史中事件的提交",
    ),
    // Documents and data.
    (
        "opinion",
        "生成调解后投诉的处理意见书，供打印",
    ),
    ("opinion --as", "输出格式"),
    (
        "form",
        "根据投诉记录生成表单，供打印或存档

每种表单是某项流程要求存档的文书：字段取自登记信息和处理历史，需要手写签名的地方（或某一级尚未处理时）留出空行。标签使用规则手册的语言。客户的姓名、电话、账号、电子邮箱和地址会脱敏（张*、138****5678），除非使用 --reveal。

记录还不具备条件的表单会被拒绝，并提示先运行哪条命令：审批表要先有赔偿方案，投诉处理报告要先结案，处理意见书要先有调解。--now 是表单的日期。",
    ),
    ("form <id>", "投诉：编号，或其中任何唯一的一段"),
    ("form --kind", "哪种表单"),
    (
        "form --kind=acceptance",
        "S4 的客户投诉受理单：投诉内容、各级处理意见、签名和日期，以及处理结果",
    ),
    (
        "form --kind=report",
        "S1 的客户投诉报告单，由顾客、商户和商场签字",
    ),
    (
        "form --kind=approval",
        "S0 的特殊案例审批表（针对当前方案）：赔偿标准、计算方式、上浮金额和上限、已有及尚缺的审批",
    ),
    (
        "form --kind=resolution",
        "S2 的正式投诉处理报告，结案后发给客户",
    ),
    ("form --kind=opinion", "S1 调解之后的处理意见书"),
    (
        "form --as",
        "输出格式：Markdown、纯文本，或可打印的独立 HTML 页面",
    ),
    (
        "form --output",
        "写入文件 FILE（整体替换，不会只写一半），而不是标准输出",
    ),
    (
        "export",
        "将投诉导出为 CSV（用 --format xlsx 则为电子表格）：每件投诉一行（用 --events 则每个事件一行），列固定不变

姓名、电话、账号、电子邮箱和地址会脱敏，除非使用 --reveal；表格软件会当作公式执行的单元格（以 =、+、-、@ 开头）前面加上 '，按文本显示。",
    ),
    ("export --events", "每个事件一行，而不是每件投诉一行"),
    (
        "export --bom",
        "以 UTF-8 字节序标记（BOM）开头，让表格软件正确识别中文",
    ),
    (
        "export --output",
        "将 CSV 或电子表格写入此文件（原子写入：不会只写一半），而不是标准输出",
    ),
    (
        "import",
        "从 CSV 文件（其他系统的导出）登记投诉，要么全部导入，要么一条也不导入

写入之前，先像 `new` 那样检查每一行；只要有一行有误，就按行号和列列出每个有误的单元格，什么也不导入。每行的键会记在对应的投诉上（`source: SYSTEM:KEY`），所以再次导入同一文件时，只登记之前没有导入过的行。不用 --map 时，文件必须有 `complaint export` 的各列（从另一个台账用 --reveal 导出），以 `id` 列为键。",
    ),
    (
        "import [after-long-help]",
        "映射文件（--map）指明每个登记字段取自哪一列：

  source: hotline          # 对方系统；记为 source: hotline:<key>
  key: 工单号               # 在对方系统中标识一行的列（必填）
  columns:                 # 登记字段: 列标题
    received_at: 来电时间    # 2026-09-30 10:00、2026/09/30 10:00 或 RFC 3339
    customer.name: 客户姓名
    customer.phone: 联系电话
    category: 问题类型
    description: 投诉内容
  values:                  # 可选：对方系统对规则手册代码的叫法
    category: {产品质量: CQ01, 物流: CQ02}
  defaults:                # 可选：没有列提供的字段，或空单元格的取值
    channel: hotline

字段：received_at、channel、category、customer.name|phone|account|email|address、
subject.kind|name|order、merchant、happened、place、known_at、description、demand、
evidence、flags（多个值用 ; 或 ； 分隔）、price、claimed。",
    ),
    (
        "import <file>",
        "CSV 文件（UTF-8，带标题行；可以有字节序标记）",
    ),
    (
        "import --map",
        "YAML 列映射：source、key、columns、values、defaults（见 README）",
    ),
    (
        "import --dry-run",
        "检查每一行并说明会导入哪些，但不写入任何内容",
    ),
    (
        "report",
        "一段时期的统计：受理量、未结和已结、解决率和按时率、确认受理及解决的用时、满意度、重复投诉客户、已付赔偿、待追偿的先行赔付，以及比上期增长最多的热点

统计这段时期内受理的投诉在 --now 时刻的状况。`--format html` 生成一个带图表的独立页面，可在浏览器中打开、用邮件发送或打印。",
    ),
    (
        "report --period",
        "统计的月份（YYYY-MM）[默认：--now 所在的月份]",
    ),
    (
        "report --from",
        "统计的第一天（YYYY-MM-DD），与 --to 一起使用",
    ),
    (
        "report --to",
        "统计的最后一天（YYYY-MM-DD），与 --from 一起使用",
    ),
    ("report --group-by", "分类统计和热点按什么分组"),
    ("report --group-by=category", "投诉类别"),
    ("report --group-by=channel", "投诉渠道"),
    ("report --group-by=tier", "层级（按报告时刻的定级）"),
    ("report --group-by=grade", "等级（按报告时刻的定级）"),
    ("report --group-by=merchant", "涉及的商户"),
    ("report --group-by=assignee", "处理人"),
    (
        "report --group-by=responsibility",
        "最近一次调查认定的责任方",
    ),
    (
        "report --group-by=subject",
        "投诉对象（`subject.name`：商品型号、服务环节），供 S3 复盘热点",
    ),
    (
        "report --output",
        "将报告写入此文件（原子写入），而不是标准输出",
    ),
    (
        "completions",
        "打印设置 shell 补全的脚本：在 ~/.bashrc 中写入 `source <(complaint completions bash)`

之后 shell 在输入时询问本程序，因此补全了解投诉台账：投诉编号（未结案的或最近 30 天受理的，附状态、对象和脱敏后的客户）、规则手册中的代码及其名称、工作人员和时限编号，以及所有命令、选项和取值。支持的 shell：bash、zsh（在 ~/.zshrc 中写入 `source <(complaint completions zsh)`）、fish（在 config.fish 中写入 `complaint completions fish | source`）、elvish、powershell。",
    ),
    (
        "review",
        "以你的角色审核投诉的处理情况：规则手册的关卡可能要求在某一步之前完成的审核或审批（如重大投诉结案前）",
    ),
    ("review --opinion", "审核意见"),
    (
        "review --as",
        "以哪个角色审核 [默认：你所担任的角色中，下一个关卡所要求的那个]",
    ),
    (
        "new --referred-by",
        "转来投诉的部门：客户先向公司其他部门提出诉求、再转交客服处理时填写",
    ),
    (
        "delay-notice",
        "提前告知客户投诉为何不能按时完成、预计何时完成：新日期即向客户承诺的答复日期，由 `sla` 监控",
    ),
    ("delay-notice --reason", "告知客户的延期原因"),
    ("delay-notice --expected", "预计完成日期（YYYY-MM-DD）"),
    (
        "corrective",
        "记录内部处理措施：对有过失的工作人员给予警告或惩罚，或对流程进行整改（从不出现在发给客户的文书上）",
    ),
    ("corrective <text>", "采取了什么措施"),
    (
        "corrective --measure",
        "处分（针对工作人员）或整改（针对流程）",
    ),
    ("corrective --measure=disciplinary", "对工作人员的警告或惩罚"),
    (
        "corrective --measure=corrective",
        "对流程、产品或规定的修改，避免再次发生",
    ),
    ("corrective --staff", "所涉及的工作人员"),
    (
        "schema",
        "打印输出文档、受理文档或规则手册的 JSON Schema

不给 NAME 时，列出所有模式及其由哪个命令输出或读取。每个 `--format json|yaml` 文档都遵循其中之一：字段只增不改、不删，每个文档的 `format` 表明它遵循的格式版本。",
    ),
    (
        "schema <name>",
        "模式名称（`complaints`、`sla`、`intake`、`rulebook` 等）",
    ),
    (
        "man",
        "将 man 手册页（complaint.1，以及每个命令一页）写入文件夹",
    ),
    ("man <dir>", "写入的文件夹"),
];

/// The catalogue, by key.
type Catalogue = BTreeMap<&'static str, &'static str>;

fn catalogue() -> Catalogue {
    CATALOGUE.iter().copied().collect()
}

/// The Chinese text for `key`: its own, else that of the `*` key for the same option.
fn lookup(catalogue: &Catalogue, key: &str) -> Option<&'static str> {
    catalogue
        .get(key)
        .or_else(|| wildcard(key).and_then(|any| catalogue.get(any.as_str())))
        .copied()
}

/// The `*` key that stands for `key` in every command: `* --reveal` for `show --reveal`.
fn wildcard(key: &str) -> Option<String> {
    let item = key.rsplit(' ').next()?;
    (item.starts_with('-') || item.starts_with('<')).then(|| format!("* {item}"))
}

/// A text as clap's derive reads a doc comment: the first paragraph is the short text, the
/// whole the long one (when there is more than one paragraph).
fn paragraphs(text: &str) -> (&str, Option<&str>) {
    match text.split_once("\n\n") {
        Some((first, _)) => (first, Some(text)),
        None => (text, None),
    }
}

/// The Chinese of one of clap's own texts.
fn clap_text(english: &str) -> Option<&'static str> {
    CLAP.iter()
        .find(|(text, _)| *text == english)
        .map(|(_, zh)| *zh)
}

fn join(path: &str, item: &str) -> String {
    if path.is_empty() {
        item.to_string()
    } else {
        format!("{path} {item}")
    }
}

/// An argument as a key names it: `--long`, else `-s`, else `<id>`.
fn arg_item(arg: &Arg) -> String {
    if let Some(long) = arg.get_long() {
        format!("--{long}")
    } else if let Some(short) = arg.get_short() {
        format!("-{short}")
    } else {
        format!("<{}>", arg.get_id())
    }
}

/// The key of `arg` in the command at `path`; a global option's is the top command's, in
/// every command clap copied it into.
fn arg_key(path: &str, arg: &Arg) -> String {
    join(if arg.is_global_set() { "" } else { path }, &arg_item(arg))
}

/// Whether `cmd` is the `help` command clap adds (its subcommands copy the real ones).
fn is_clap_help(cmd: &Command) -> bool {
    cmd.get_name() == "help"
        && cmd
            .get_about()
            .is_some_and(|about| about.to_string() == CLAP_HELP_ABOUT)
}

/// The command tree with its help in Chinese, for showing help only: it parses as `cmd` does.
///
/// It is built (so that clap's own flags and `help` command exist to be translated), laid out
/// unwrapped (see [`wrap`]), and every text of the catalogue replaces its English; a text
/// missing from the catalogue stays English.
pub fn localised(cmd: Command) -> Command {
    let mut cmd = cmd.term_width(0);
    cmd.build();
    localise_command(cmd, "", &catalogue())
}

fn localise_command(mut cmd: Command, path: &str, catalogue: &Catalogue) -> Command {
    if let Some(about) = cmd.get_about().map(ToString::to_string) {
        if let Some(zh) = clap_text(&about) {
            cmd = cmd.about(zh);
        } else if let Some(text) = catalogue.get(path) {
            let (short, long) = paragraphs(text);
            if cmd.get_long_about().is_some() {
                cmd = cmd.long_about(long.unwrap_or(short));
            }
            cmd = cmd.about(short);
        }
    }
    if cmd.get_after_help().is_some()
        && let Some(text) = catalogue.get(join(path, "[after-help]").as_str())
    {
        cmd = cmd.after_help(*text);
    }
    if cmd.get_after_long_help().is_some()
        && let Some(text) = catalogue.get(join(path, "[after-long-help]").as_str())
    {
        cmd = cmd.after_long_help(*text);
    }
    cmd = cmd.mut_args(|arg| localise_arg(arg, path, catalogue));
    cmd = cmd.mut_subcommands(|sub| {
        // The `help` command's subcommands are copies of this command's: the same keys.
        let sub_path = if is_clap_help(&sub) {
            path.to_string()
        } else {
            join(path, sub.get_name())
        };
        localise_command(sub, &sub_path, catalogue)
    });
    let template = template(&cmd);
    cmd.help_template(template)
}

fn localise_arg(arg: Arg, path: &str, catalogue: &Catalogue) -> Arg {
    if arg.is_hide_set() {
        return arg;
    }
    let key = arg_key(path, &arg);
    let english_long = arg.get_long_help().map(ToString::to_string);
    let (help, long_help) = match arg.get_help().map(ToString::to_string) {
        None => (None, english_long),
        Some(english) => {
            if let Some(zh) = clap_text(&english) {
                let long = english_long.as_deref().and_then(clap_text);
                (Some(zh.to_string()), long.map(str::to_string))
            } else if let Some(text) = lookup(catalogue, &key) {
                let (short, long) = paragraphs(text);
                let long = english_long.is_some().then(|| long.unwrap_or(short));
                (Some(short.to_string()), long.map(str::to_string))
            } else {
                (Some(english), english_long)
            }
        }
    };

    // The notes clap would add in English: the environment variable, the default, the values.
    let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values());
    let mut notes = Vec::new();
    if let Some(env) = arg.get_env() {
        notes.push(format!("[{ENV}：{}]", env.to_string_lossy()));
    }
    if takes_values && !arg.get_default_values().is_empty() {
        let values: Vec<_> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy())
            .collect();
        notes.push(format!("[{DEFAULT}：{}]", values.join(" ")));
    }
    let values: Vec<PossibleValue> = if takes_values {
        arg.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    } else {
        Vec::new()
    };
    // `--help` lists values that have help one a line, like clap; `-h` names them.
    let listed = values.iter().any(|v| v.get_help().is_some());
    let named = (!values.is_empty()).then(|| {
        let names: Vec<_> = values.iter().map(PossibleValue::get_name).collect();
        format!("[{VALUES}：{}]", names.join(", "))
    });
    if help.is_none() && notes.is_empty() && named.is_none() {
        return arg;
    }

    let short: Vec<&str> = help
        .iter()
        .map(String::as_str)
        .chain(notes.iter().map(String::as_str))
        .chain(named.as_deref())
        .collect();
    let mut long: Vec<String> = long_help.or_else(|| help.clone()).into_iter().collect();
    if listed {
        let width = values
            .iter()
            .map(|v| columns(v.get_name()))
            .max()
            .unwrap_or(0);
        let mut list = format!("{VALUES}：");
        for value in &values {
            let name = value.get_name();
            let text = match value.get_help() {
                None => String::new(),
                Some(english) => lookup(catalogue, &format!("{key}={name}"))
                    .map_or_else(|| english.to_string(), str::to_string),
            };
            let pad = width - columns(name);
            list.push_str(&format!("\n- {name}{:pad$}  {text}", ""));
        }
        long.push(list.trim_end().to_string());
    }
    let mut last: Vec<&str> = notes.iter().map(String::as_str).collect();
    if !listed {
        last.extend(named.as_deref());
    }
    if !last.is_empty() {
        long.push(last.join("\n"));
    }
    arg.help(short.join(" "))
        .long_help(long.join("\n\n"))
        .hide_env(true)
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// clap's page layout with Chinese headings: about, usage, then commands, arguments and
/// options, each where it has something to show.
fn template(cmd: &Command) -> String {
    let styles = cmd.get_styles();
    let (header, usage) = (styles.get_header(), styles.get_usage());
    let mut sections = Vec::new();
    if cmd
        .get_subcommands()
        .any(|sub| sub.get_name() != "help" && !sub.is_hide_set())
    {
        sections.push(format!("{header}{COMMANDS}{header:#}\n{{subcommands}}"));
    }
    if cmd.get_positionals().any(|arg| !arg.is_hide_set()) {
        sections.push(format!("{header}{ARGUMENTS}{header:#}\n{{positionals}}"));
    }
    if cmd
        .get_arguments()
        .any(|arg| !arg.is_positional() && !arg.is_hide_set())
    {
        sections.push(format!("{header}{OPTIONS}{header:#}\n{{options}}"));
    }
    let usage = format!("{usage}{USAGE}{usage:#}{{usage}}");
    if sections.is_empty() {
        format!("{{before-help}}{{about-with-newline}}\n{usage}{{after-help}}")
    } else {
        format!(
            "{{before-help}}{{about-with-newline}}\n{usage}\n\n{}{{after-help}}",
            sections.join("\n\n")
        )
    }
}

/// Shows the help the command line `args` asks for in Chinese, and exits as clap does (0 after
/// help asked for, 2 after a command missing its arguments). `english` is the English parse's
/// error, shown instead should the Chinese tree not ask for the same.
pub fn exit_localised(args: &[OsString], english: clap::Error) -> ! {
    let mut cmd = super::Cli::command();
    if let Some(name) = args
        .first()
        .and_then(|program| std::path::Path::new(program).file_name())
        .and_then(|name| name.to_str())
    {
        cmd = cmd.bin_name(name);
    }
    let err = match localised(cmd).try_get_matches_from(args) {
        Err(err) if err.kind() == english.kind() => err,
        _ => english.exit(),
    };
    let to_stderr = err.use_stderr();
    let terminal = if to_stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let colour = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let styled = err.render();
    let text = if colour {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    let text = wrap(&text, width());
    let _ = if to_stderr {
        std::io::stderr().lock().write_all(text.as_bytes())
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|()| out.flush())
    };
    std::process::exit(err.exit_code())
}

/// The width help is wrapped to, as clap measures it: the terminal's, else `COLUMNS`, else
/// 100; at most the command line's `max_term_width`.
fn width() -> usize {
    let terminal = std::io::stdout()
        .is_terminal()
        .then(|| comfy_table::Table::new().width())
        .flatten()
        .map(usize::from);
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
    };
    terminal
        .or_else(columns)
        .unwrap_or(100)
        .clamp(20, super::MAX_TERM_WIDTH)
}

/// The display width of `text`: Chinese characters count two, colour codes nothing.
fn columns(text: &str) -> usize {
    let mut width = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // `ESC [ … m`: up to and including the final letter.
            chars.by_ref().find(char::is_ascii_alphabetic);
        } else {
            width += c.width().unwrap_or(0);
        }
    }
    width
}

/// `text` with each line wider than `width` columns broken: at spaces, and also between Chinese
/// characters (never before a closing mark such as `，` `）` or after an opening one), never
/// inside a word of Latin letters, a colour code or a note in square brackets (`[默认：…]`)
/// but at its spaces. A broken line goes on at its hanging indent ([`indent`]), so that help
/// stays in its column. Trailing spaces go.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        wrap_line(line.trim_end_matches(' '), width, &mut out);
    }
    out
}

fn wrap_line(line: &str, width: usize, out: &mut String) {
    if columns(line) <= width {
        out.push_str(line);
        return;
    }
    let hang = indent(line).min(width / 2);
    let mut rest = line;
    let mut lead = 0;
    loop {
        if lead + columns(rest) <= width {
            break;
        }
        // Where `rest` may break: byte index and the width of the text before it. The first
        // line breaks only within its text column, never among its option names.
        let breaks: Vec<(usize, usize)> = breaks(rest)
            .into_iter()
            .filter(|&(_, before)| lead > 0 || before >= hang)
            .collect();
        let Some(&(at, _)) = breaks
            .iter()
            .rev()
            .find(|&&(_, before)| lead + before <= width)
            .or(breaks.first())
        else {
            break;
        };
        out.push_str(&" ".repeat(lead));
        out.push_str(rest[..at].trim_end_matches(' '));
        out.push('\n');
        rest = rest[at..].trim_start_matches(' ');
        lead = hang;
    }
    out.push_str(&" ".repeat(lead));
    out.push_str(rest);
}

/// The places `line` may break, as (byte index, width of the text before it without the spaces
/// the break drops).
fn breaks(line: &str) -> Vec<(usize, usize)> {
    let mut points = Vec::new();
    let mut width = 0;
    let mut before_spaces = 0;
    let mut previous: Option<char> = None;
    let mut codes_from: Option<usize> = None;
    let mut brackets = 0usize;
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\u{1b}' {
            codes_from.get_or_insert(i);
            chars.by_ref().find(|(_, c)| c.is_ascii_alphabetic());
            continue;
        }
        if let Some(p) = previous
            && may_break(p, c)
            && (brackets == 0 || p == ' ')
        {
            // Before the colour codes that start this character's style, if any.
            points.push((codes_from.unwrap_or(i), before_spaces));
        }
        codes_from = None;
        match c {
            '[' => brackets += 1,
            ']' => brackets = brackets.saturating_sub(1),
            _ => {}
        }
        width += c.width().unwrap_or(0);
        if c != ' ' {
            before_spaces = width;
        }
        previous = Some(c);
    }
    points
}

/// Whether a line may break between `previous` and `next`.
fn may_break(previous: char, next: char) -> bool {
    const CLOSING: &str = "，。、；：？！）》」』】”’…·,.;:!?)]}'\"%";
    const OPENING: &str = "（《「『【“‘([{";
    let wide = |c: char| c.width() == Some(2);
    if next == ' ' {
        false
    } else if previous == ' ' {
        true
    } else {
        (wide(previous) || wide(next)) && !CLOSING.contains(next) && !OPENING.contains(previous)
    }
}

/// The column a long line goes on at: for an entry of a two-column list (`  --all  也列出…`,
/// `  sla  列出…`, `  3  命令已执行…`) where its second column starts, after the first gap of
/// two or more spaces; after a list's dash (`- `); else the line's own indentation.
fn indent(line: &str) -> usize {
    let plain = plain(line);
    let body = plain.trim_start_matches(' ');
    let lead = plain.len() - body.len();
    if let Some(gap) = body.find("  ") {
        let text = body[gap..].trim_start_matches(' ');
        if !text.is_empty() {
            return columns(&plain[..plain.len() - text.len()]);
        }
    }
    if body.starts_with("- ") {
        return lead + 2;
    }
    lead
}

/// `line` without its colour codes.
fn plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(char::is_ascii_alphabetic);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use clap::ArgAction;

    use super::*;

    /// One English text a person reads in `--help`, and the key of its Chinese.
    struct Place {
        key: String,
        /// The short text (`-h`), and the long one (`--help`) where it differs.
        english: String,
        long: Option<String>,
        /// An about or help text (read by paragraphs), not text after the help.
        paragraphs: bool,
    }

    /// Every English text of the command at `path`, and of its subcommands.
    fn places(cmd: &Command, path: &str, out: &mut Vec<Place>) {
        let text = |s: &clap::builder::StyledStr| s.to_string();
        if let Some(about) = cmd.get_about() {
            out.push(Place {
                key: path.to_string(),
                english: text(about),
                long: cmd
                    .get_long_about()
                    .map(text)
                    .filter(|long| *long != text(about)),
                paragraphs: true,
            });
        }
        assert!(
            cmd.get_before_help().is_none() && cmd.get_before_long_help().is_none(),
            "`{path}` has a before_help: give it a key"
        );
        for (item, after) in [
            ("[after-help]", cmd.get_after_help()),
            ("[after-long-help]", cmd.get_after_long_help()),
        ] {
            if let Some(after) = after {
                out.push(Place {
                    key: join(path, item),
                    english: text(after),
                    long: None,
                    paragraphs: false,
                });
            }
        }
        for arg in cmd.get_arguments() {
            let builtin = matches!(
                arg.get_action(),
                ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version
            );
            // A global option is the top command's, copied into every other; but each command
            // declares its own `--format`, with its own values (one text for all).
            let copied = arg.is_global_set() && !path.is_empty() && arg.get_id() != "format";
            if arg.is_hide_set() || builtin || copied {
                continue;
            }
            let key = arg_key(path, arg);
            if let Some(help) = arg.get_help() {
                out.push(Place {
                    key: key.clone(),
                    english: text(help),
                    long: arg
                        .get_long_help()
                        .map(text)
                        .filter(|long| *long != text(help)),
                    paragraphs: true,
                });
            }
            for value in arg.get_possible_values() {
                if let Some(help) = value.get_help().filter(|_| !value.is_hide_set()) {
                    out.push(Place {
                        key: format!("{key}={}", value.get_name()),
                        english: text(help),
                        long: None,
                        paragraphs: false,
                    });
                }
            }
        }
        for sub in cmd.get_subcommands().filter(|sub| !is_clap_help(sub)) {
            places(sub, &join(path, sub.get_name()), out);
        }
    }

    fn english_places() -> Vec<Place> {
        let mut cmd = super::super::Cli::command();
        cmd.build();
        let mut out = Vec::new();
        places(&cmd, "", &mut out);
        out
    }

    #[test]
    fn every_help_text_has_its_chinese_and_every_key_names_a_text() {
        let catalogue = catalogue();
        let places = english_places();
        let mut problems = Vec::new();

        let mut seen = BTreeSet::new();
        for (key, _) in CATALOGUE {
            if !seen.insert(*key) {
                problems.push(format!("`{key}` is in the catalogue twice"));
            }
        }

        let mut used = BTreeSet::new();
        // The English texts each `*` key serves.
        let mut served: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
        for place in &places {
            let any = wildcard(&place.key).filter(|_| !catalogue.contains_key(place.key.as_str()));
            let Some(zh) = lookup(&catalogue, &place.key) else {
                problems.push(format!(
                    "`{}` has no Chinese: {:?}",
                    place.key, place.english
                ));
                continue;
            };
            match any {
                Some(any) => {
                    served
                        .entry(any.clone())
                        .or_default()
                        .insert((place.english.clone(), place.key.clone()));
                    used.insert(any);
                }
                None => {
                    used.insert(place.key.clone());
                }
            }
            let (short, long) = if place.paragraphs {
                paragraphs(zh)
            } else {
                (zh, None)
            };
            if short.trim() == place.english.trim() {
                problems.push(format!("`{}`: the Chinese is the English", place.key));
            }
            if place.long.is_some() && long.is_none() {
                problems.push(format!(
                    "`{}` has a long English text (more than one paragraph) but its Chinese has one paragraph",
                    place.key
                ));
            }
            if place.long.is_none() && long.is_some() {
                problems.push(format!(
                    "`{}`: the Chinese has more than one paragraph, the English one",
                    place.key
                ));
            }
        }
        for (any, texts) in &served {
            let english: BTreeSet<&String> = texts.iter().map(|(english, _)| english).collect();
            if english.len() > 1 {
                let list: Vec<String> = texts
                    .iter()
                    .map(|(english, key)| format!("`{key}`: {english:?}"))
                    .collect();
                problems.push(format!(
                    "`{any}` serves options whose English differs; give them keys of their own:\n    {}",
                    list.join("\n    ")
                ));
            }
        }
        for (key, _) in CATALOGUE {
            if !used.contains(*key) {
                problems.push(format!(
                    "`{key}` names no text of the command line (a command, option or value that is gone, or has no help)"
                ));
            }
        }
        assert!(
            problems.is_empty(),
            "the Chinese help (src/cli/help.rs) is behind the command line:\n  {}",
            problems.join("\n  ")
        );
    }

    /// Renders the short and long help of `cmd` and of every command under it.
    fn render_all(cmd: &mut Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((path.to_string(), cmd.render_help().to_string()));
        out.push((format!("{path} (long)"), cmd.render_long_help().to_string()));
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|sub| sub.get_name().to_string())
            .collect();
        for name in names {
            let sub = cmd.find_subcommand_mut(&name).expect("a subcommand");
            render_all(sub, &join(path, &name), out);
        }
    }

    #[test]
    fn the_chinese_help_leaves_no_english_of_clap() {
        let mut cmd = localised(super::super::Cli::command());
        let mut pages = Vec::new();
        render_all(&mut cmd, "complaint", &mut pages);
        let english = [
            "Usage:",
            "Commands:",
            "Arguments:",
            "Options:",
            "Print help",
            "Print version",
            "Print this message",
            "[default:",
            "[env:",
            "[possible values:",
            "Possible values:",
        ];
        let mut problems = Vec::new();
        for (page, text) in &pages {
            for word in english {
                if text.contains(word) {
                    problems.push(format!("{page}: {word}"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        let sla = &pages
            .iter()
            .find(|(page, _)| page == "complaint sla (long)")
            .unwrap()
            .1;
        assert!(sla.contains("用法：complaint sla [OPTIONS]"), "{sla}");
        assert!(sla.contains("[默认：breached]"), "{sla}");
        assert!(sla.contains("[可选值：breached, at-risk]"), "{sla}");
        assert!(sla.contains("[环境变量：COMPLAINT_DIR]"), "{sla}");
    }

    #[test]
    fn wrap_breaks_chinese_between_characters_and_keeps_the_text_column() {
        let line =
            "      --all        也列出未超时的进行中时限和已暂停的时限，以及其他需要说明的情况";
        assert_eq!(
            wrap(line, 60),
            "      --all        也列出未超时的进行中时限和已暂停的时限，\n                   以及其他需要说明的情况"
        );
    }

    #[test]
    fn wrap_keeps_latin_words_and_colour_codes_whole() {
        // A line of a paragraph breaks at the last place that fits, before a colour code.
        let text = "请用 \u{1b}[1mcomplaint repair\u{1b}[0m 修复";
        assert_eq!(
            wrap(text, 12),
            "请用\n\u{1b}[1mcomplaint\nrepair\u{1b}[0m 修复"
        );
        // Lines that fit are left alone, whatever they hold.
        assert_eq!(wrap("a  b\n\nc", 10), "a  b\n\nc");
        // No break before a closing mark, nor after an opening one.
        assert_eq!(wrap("甲乙丙（丁）。", 8), "甲乙丙\n（丁）。");
        // A note in brackets breaks only at its spaces.
        assert_eq!(
            wrap("甲乙丙丁 [默认：甲乙丙丁, 戊己庚辛]", 16),
            "甲乙丙丁\n[默认：甲乙丙丁,\n戊己庚辛]"
        );
        // Continuation lines of a list entry go on after its dash.
        assert_eq!(
            wrap("  - 甲乙丙丁戊己庚辛", 12),
            "  - 甲乙丙丁\n    戊己庚辛"
        );
    }
}
