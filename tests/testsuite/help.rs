//! `--help` speaks the interface's language: Chinese when `COMPLAINT_LANG`, a Chinese locale or
//! the book's rulebook asks for it, English otherwise. Help is wrapped to `COLUMNS`, so every
//! command here fixes it.

use std::process::{Command, Output};

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, complaint, describe};

/// `complaint ARGS` in `dir` at a fixed width, with `COMPLAINT_LANG` as given (`None`: unset).
fn help(dir: &std::path::Path, lang: Option<&str>, args: &[&str]) -> Command {
    let mut cmd = complaint(dir);
    cmd.env("COLUMNS", "80").args(args);
    match lang {
        Some(lang) => cmd.env("COMPLAINT_LANG", lang),
        None => cmd.env_remove("COMPLAINT_LANG"),
    };
    cmd
}

fn output(mut cmd: Command) -> Output {
    cmd.output().expect("complaint runs")
}

fn stdout(cmd: Command) -> String {
    let output = output(cmd);
    assert!(output.status.success(), "{}", describe(&output));
    String::from_utf8(output.stdout).expect("help is UTF-8")
}

#[test]
fn help_speaks_chinese_when_complaint_lang_says_zh() {
    let book = Book::empty();
    assert_cmd_snapshot!(help(book.tmp(), Some("zh"), &["--help"]));
}

#[test]
fn a_command_s_long_help_speaks_chinese_when_complaint_lang_says_zh() {
    let book = Book::empty();
    assert_cmd_snapshot!(help(book.tmp(), Some("zh"), &["sla", "--help"]));
}

#[test]
fn short_help_speaks_chinese_and_lists_a_command_s_options_with_their_notes() {
    let book = Book::empty();
    assert_cmd_snapshot!(help(book.tmp(), Some("zh"), &["new", "-h"]));
}

#[test]
fn help_speaks_chinese_in_a_chinese_locale() {
    let book = Book::empty();
    let mut cmd = help(book.tmp(), None, &["sla", "--help"]);
    cmd.env("LANG", "zh_CN.UTF-8");
    assert_eq!(
        stdout(cmd),
        stdout(help(book.tmp(), Some("zh"), &["sla", "--help"]))
    );
}

#[test]
fn help_speaks_chinese_when_the_rulebook_does() {
    // The shipped rulebook's language is zh; a locale that is not Chinese leaves it the choice.
    let book = Book::new();
    let zh = stdout(help(book.tmp(), Some("zh"), &["sla", "--help"]));
    let mut in_book = help(book.root(), None, &["sla", "--help"]);
    in_book.env("LANG", "C.UTF-8");
    assert_eq!(stdout(in_book), zh, "in the book");
    assert_eq!(
        stdout(help(book.tmp(), None, &["--dir", "book", "sla", "--help"])),
        zh,
        "the book named by --dir"
    );
    let mut by_env = help(book.tmp(), None, &["sla", "--help"]);
    by_env.env("COMPLAINT_DIR", "book");
    assert_eq!(stdout(by_env), zh, "the book named by COMPLAINT_DIR");
    // Outside any book nothing asks for Chinese.
    let outside = stdout(help(book.tmp(), None, &["sla", "--help"]));
    assert!(
        outside.starts_with("List the deadlines that are breached or at risk"),
        "{outside}"
    );
}

#[test]
fn help_speaks_english_when_complaint_lang_says_en_even_in_a_chinese_book() {
    let book = Book::new();
    assert_cmd_snapshot!(help(book.root(), Some("en"), &["sla", "--help"]));
}

#[test]
fn the_help_command_speaks_chinese_too() {
    let book = Book::empty();
    assert_eq!(
        stdout(help(book.tmp(), Some("zh"), &["help", "sla"])),
        stdout(help(book.tmp(), Some("zh"), &["sla", "--help"]))
    );
}

#[test]
fn a_command_missing_its_subcommand_shows_chinese_help_on_stderr_and_exits_2() {
    let book = Book::empty();
    assert_cmd_snapshot!(help(book.tmp(), Some("zh"), &["rules"]), @"
    success: false
    exit_code: 2
    ----- stdout -----

    ----- stderr -----
    检查和列出规则手册

    用法：complaint rules [OPTIONS] <COMMAND>

    命令：
      check  检查规则手册：没有问题时不输出、退出码为 0；否则列出全部问题
      list   列出程序内置的规则手册
      show   查看坐席录入时用到的代码：规则手册的渠道、类别、层级、等级、升级阶梯和
             时限，以及台账的人员，每个代码旁附名称
      diff   规则手册改动的影响：改了哪些规则，每件未结投诉会有什么变化
      test   运行场景测试：每个场景打印一行，失败的说明差异；有失败时退出码为 1
      help   显示本帮助，或指定命令的帮助

    选项：
          --dir <DIR>   台账所在文件夹 [默认：当前文件夹或其上级中最近的、含
                        complaint.yaml 的文件夹] [环境变量：COMPLAINT_DIR]
          --by <NAME>   操作人，记入处理历史并作为 git 作者 [默认：git 的 user.name]
                        [环境变量：COMPLAINT_USER]
          --now <TIME>  按此时刻办理（RFC 3339，或规则手册时区的 `YYYY-MM-DD
                        HH:MM`） [环境变量：COMPLAINT_NOW]
          --no-commit   写入记录，但不做 git 提交
          --no-index    不用索引（.complaint/index.sqlite），逐个读取记录文件：较
                        慢，结果相同
          --wide        表格按完整宽度显示（默认适应终端或 COLUMNS 的宽度，先省去最
                        次要的列）
      -h, --help        显示帮助
    ");
}

#[test]
fn errors_versions_man_pages_and_completions_stay_as_they_were_in_chinese() {
    let book = Book::empty();
    // A wrong command line is clap's English error, exit 2, as before.
    let wrong = output(help(book.tmp(), Some("zh"), &["sla", "--bogus", "-h"]));
    assert_eq!(wrong.status.code(), Some(2), "{}", describe(&wrong));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("unexpected argument '--bogus'"),
        "{}",
        describe(&wrong)
    );
    assert_eq!(
        stdout(help(book.tmp(), Some("zh"), &["--version"])),
        "complaint 0.1.0\n"
    );
    let man = book.tmp().join("man");
    let mut cmd = help(book.tmp(), Some("zh"), &["man"]);
    cmd.arg(&man);
    stdout(cmd);
    let page = std::fs::read_to_string(man.join("complaint-sla.1")).expect("a man page");
    assert!(page.contains("List the deadlines"), "{page}");
    // Completions are asked of the program, and answer in the interface's language.
    let mut asked = help(book.tmp(), Some("zh"), &["--", "complaint", "sla", "--a"]);
    asked.env("COMPLAINT_COMPLETE", "fish");
    assert_eq!(
        stdout(asked),
        "--all\t也列出未超时的进行中时限和已暂停的时限\n"
    );
}
