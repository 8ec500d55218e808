//! `completions`, `schema` and the hidden `man` command: each generated from the definitions
//! (clap's, the output types'), so they never disagree with `--help` or with what is printed.

use std::path::PathBuf;

use clap::CommandFactory;
use complaint::Error;

use super::{Cli, Exit};

/// Print the script that sets up shell completion: `source <(complaint completions bash)` in ~/.bashrc
///
/// The shell then asks the program as you type, so completion knows the book: complaint IDs
/// (open or received in the last 30 days, with status, subject and masked customer), the
/// rulebook's codes with their names, the staff and the clock ids, as well as every command,
/// option and value. Shells: bash, zsh (`source <(complaint completions zsh)` in ~/.zshrc),
/// fish (`complaint completions fish | source` in config.fish), elvish, powershell.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

/// Write the man pages (complaint.1 and one per command) into a folder
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Where to write them
    #[arg(default_value = "man")]
    pub dir: PathBuf,
}

/// Print the JSON Schema of an output document, the intake document or the rulebook
///
/// Without NAME, lists the schemas and what writes or reads each. Every `--format json|yaml`
/// document follows one of them: fields are only ever added, never renamed or removed, and
/// each document's `format` says which version of the shapes it follows.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The schema (`complaints`, `sla`, `intake`, `rulebook`, …)
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(complaint::schema::ALL.iter().map(|p| p.name)))]
    pub name: Option<String>,
    /// Write every schema as NAME.json into this folder instead
    #[arg(long, value_name = "DIR", conflicts_with = "name", hide = true)]
    pub write: Option<PathBuf>,
}

pub fn schema(args: &SchemaArgs) -> Result<Exit, Error> {
    use complaint::schema;
    if let Some(dir) = &args.write {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        for published in schema::ALL {
            let path = dir.join(format!("{}.json", published.name));
            complaint::book::write_atomic(&path, &schema::text(&published.schema()))?;
        }
        return Ok(Exit::Ok);
    }
    match args.name.as_deref().and_then(schema::find) {
        Some(published) => print!("{}", schema::text(&published.schema())),
        None => {
            let width = schema::ALL.iter().map(|p| p.name.len()).max().unwrap_or(0);
            for published in schema::ALL {
                println!("{:width$}  {}", published.name, published.about);
            }
        }
    }
    Ok(Exit::Ok)
}

pub fn completions(args: &CompletionsArgs) -> Result<Exit, Error> {
    let mut out = std::io::stdout().lock();
    super::complete::registration(args.shell, &mut out)
        .map_err(|e| Error::io(std::path::Path::new("<stdout>"), e))?;
    Ok(Exit::Ok)
}

pub fn man(args: &ManArgs) -> Result<Exit, Error> {
    std::fs::create_dir_all(&args.dir).map_err(|e| Error::io(&args.dir, e))?;
    let command = Cli::command();
    write_pages(&args.dir, None, &command)?;
    Ok(Exit::Ok)
}

/// The page of `command` (`complaint-rules-check.1`) and of each of its subcommands; `parent`
/// is the page name of the command above it.
fn write_pages(
    dir: &std::path::Path,
    parent: Option<&str>,
    command: &clap::Command,
) -> Result<(), Error> {
    let name = match parent {
        Some(parent) => format!("{parent}-{}", command.get_name()),
        None => command.get_name().to_string(),
    };
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, page(&name, parent, command)?).map_err(|e| Error::io(&path, e))?;
    for sub in visible(command) {
        write_pages(dir, Some(&name), sub)?;
    }
    Ok(())
}

/// A command's subcommands that have pages: neither hidden nor clap's own `help`.
fn visible(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// Text for roff: backslashes and hyphens escaped, and a line never starting a request.
fn roff(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One man page: clap_mangen's title, name, description and options, and our own synopsis
/// (with the values options take), commands (by their pages' names), exit status, and for the
/// top page the environment, files and examples; see also names only pages that exist.
fn page(name: &str, parent: Option<&str>, command: &clap::Command) -> Result<Vec<u8>, Error> {
    let shown = name.replace('-', " ");
    let command = command
        .clone()
        .name(name.to_string())
        .display_name(shown.clone());
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    let fail = |e: std::io::Error| Error::Internal(format!("man page: {e}"));
    man.render_title(&mut out).map_err(fail)?;
    man.render_name_section(&mut out).map_err(fail)?;
    out.extend_from_slice(format!(".SH SYNOPSIS\n{}\n", synopsis(&shown, &command)).as_bytes());
    man.render_description_section(&mut out).map_err(fail)?;
    man.render_options_section(&mut out).map_err(fail)?;
    let subs: Vec<&clap::Command> = visible(&command).collect();
    if !subs.is_empty() {
        out.extend_from_slice(b".SH COMMANDS\n");
        for sub in &subs {
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            out.extend_from_slice(
                format!(
                    ".TP\n\\fB{}\\fR\n{}\nSee \\fB{}\\fR(1).\n",
                    roff(sub.get_name()),
                    roff(&about),
                    roff(&format!("{name}-{}", sub.get_name()))
                )
                .as_bytes(),
            );
        }
    }
    if let Some(after) = command.get_after_long_help().filter(|_| parent.is_some()) {
        out.extend_from_slice(
            format!(".SH NOTES\n{}\n", paragraphs(&after.to_string())).as_bytes(),
        );
    }
    out.extend_from_slice(format!(".SH \"EXIT STATUS\"\n{}\n", exit_status()).as_bytes());
    if parent.is_none() {
        out.extend_from_slice(ENVIRONMENT.as_bytes());
        out.extend_from_slice(FILES.as_bytes());
    }
    if let Some(examples) = examples(name) {
        out.extend_from_slice(format!(".SH EXAMPLES\n{examples}").as_bytes());
    }
    let mut see: Vec<String> = parent
        .map(|p| format!("\\fB{}\\fR(1)", roff(p)))
        .into_iter()
        .collect();
    see.extend(
        subs.iter()
            .map(|sub| format!("\\fB{}\\fR(1)", roff(&format!("{name}-{}", sub.get_name())))),
    );
    if parent.is_some_and(|p| p != "complaint") {
        see.insert(0, "\\fBcomplaint\\fR(1)".to_string());
    }
    if !see.is_empty() {
        out.extend_from_slice(format!(".SH \"SEE ALSO\"\n{}\n", see.join(", ")).as_bytes());
    }
    if command.get_version().is_some() {
        man.render_version_section(&mut out).map_err(fail)?;
    }
    Ok(out)
}

/// `complaint sla [--all] [--clock CLOCK] … ` with the value each option takes; positionals
/// as `<NAME>`, a command's subcommand as `<COMMAND>`.
fn synopsis(shown: &str, command: &clap::Command) -> String {
    let mut parts = vec![format!("\\fB{}\\fR", roff(shown))];
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        let value = || {
            arg.get_value_names()
                .and_then(|names| names.first())
                .map_or_else(|| id.to_uppercase(), |n| n.to_string())
        };
        let takes_value = arg.get_action().takes_values();
        let many = matches!(arg.get_action(), clap::ArgAction::Append)
            || arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        let text = if arg.is_positional() {
            format!(
                "\\fI<{}>\\fR{}",
                roff(&value()),
                if many { "..." } else { "" }
            )
        } else {
            let flag = arg
                .get_long()
                .map(|l| format!("\\fB\\-\\-{}\\fR", roff(l)))
                .or_else(|| arg.get_short().map(|s| format!("\\fB\\-{s}\\fR")))
                .unwrap_or_default();
            if takes_value {
                format!("{flag} \\fI{}\\fR", roff(&value()))
            } else {
                flag
            }
        };
        parts.push(if arg.is_required_set() {
            text
        } else {
            format!("[{text}]")
        });
    }
    if visible(command).next().is_some() {
        parts.push("\\fI<COMMAND>\\fR".to_string());
    }
    parts.join(" ")
}

/// Paragraphs of plain text as roff (blank lines between them).
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(roff)
        .collect::<Vec<_>>()
        .join("\n.PP\n")
}

/// The exit codes, one tagged paragraph each (from the same table `--help` shows).
fn exit_status() -> String {
    let mut out = String::new();
    for line in super::EXIT_CODES.lines().skip(1) {
        let line = line.trim();
        match line.split_once("  ") {
            Some((code, meaning)) if code.chars().all(|c| c.is_ascii_digit()) => {
                out.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", roff(meaning.trim())));
            }
            _ => out.push_str(&format!("{}\n", roff(line))),
        }
    }
    out
}

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBCOMPLAINT_DIR\fR
The book (as \fB\-\-dir\fR).
.TP
\fBCOMPLAINT_USER\fR
Who is acting (as \fB\-\-by\fR); otherwise git's \fBuser.name\fR.
.TP
\fBCOMPLAINT_NOW\fR
Act as if it were this instant (as \fB\-\-now\fR).
.TP
\fBCOMPLAINT_LANG\fR
The language of the interface: \fBzh\fR or \fBen\fR. Unset, a Chinese locale (\fBLC_ALL\fR, \fBLC_MESSAGES\fR, \fBLANG\fR) or a rulebook whose \fBlanguage\fR is \fBzh\fR makes it Chinese. Machine formats never change with it.
.TP
\fBCOMPLAINT_IDENTITY\fR
The SSH private key the actor acts with (default \fB~/.ssh/id_ed25519\fR): in a book that signs, it names the actor and signs every write; in a book that encrypts, it opens personal data for \fB\-\-reveal\fR and forms, and hashes new customers.
.TP
\fBCOMPLAINT_PASSPHRASE\fR
The passphrase of a key protected by one.
.TP
\fBCOMPLAINT_LOCK_WAIT\fR
Seconds a write waits for another writer's lock before it gives up with exit status 4 (default 10).
.TP
\fBCOMPLAINT_COMPLETE\fR
Set by the script \fBcomplaint completions\fR prints, when the shell asks for completions: the program then answers with candidates instead of running a command.
.TP
\fBCOLUMNS\fR
The width tables fit when standard output is not a terminal (\fB\-\-wide\fR: no limit).
"#;

const FILES: &str = r#".SH FILES
.TP
\fBcomplaint.yaml\fR
The book's configuration: rulebook, records folder, commits, staff and their roles, limits, \fBcron_user\fR.
.TP
\fBstaff.yaml\fR
The roster: each person's roles and SSH public keys, whether writes are signed, and the sealed key of the customers' keyed hash (see \fBcomplaint\-staff\fR(1), \fBcomplaint\-encrypt\fR(1)).
.TP
\fBrulebook.yaml\fR
The rulebook in force (with its calendar files beside it).
.TP
\fBrecords/YYYY/MM/C\-YYYYMMDD\-XXXXXX.yaml\fR
One record per complaint, in the month it was received.
.TP
\fB.complaint/\fR
Local and disposable, ignored by git: the write lock, the journal of a write under way, and the index of records (\fBindex.sqlite\fR, rebuilt when missing).
"#;

/// Examples for the pages that have them.
fn examples(name: &str) -> Option<&'static str> {
    Some(match name {
        "complaint" => {
            r#"Register a complaint, acknowledge it, and see what is due:
.PP
.nf
complaint new \-\-channel hotline \-\-category CQ01 \-\-customer 张三 \e
    \-\-phone 13812345678 \-\-subject\-kind product \-\-subject 手机 \e
    \-\-description "收到的手机屏幕碎裂" \-\-demand "退货并赔偿"
complaint ack 7KQX \-\-contact 8001
complaint sla \-\-all
.fi
"#
        }
        "complaint-staff" => {
            r#"Three desks: 王芳 (admin) adds everyone with their public keys, then turns signing and encryption on:
.PP
.nf
complaint staff add 王芳 \-\-role admin \-\-key\-file ~/.ssh/id_ed25519.pub
complaint staff add 李娜 \-\-role dept_head \-\-key\-file lina.pub
complaint staff add 赵敏 \-\-key\-file zhaomin.pub
complaint staff require\-signatures
complaint encrypt
.fi
"#
        }
        "complaint-sla" => {
            r#"The cron job of a desk, every five minutes in working hours; cron mails only when something is breached or at risk:
.PP
.nf
*/5 8\-20 * * 1\-6  cd /srv/desk && complaint sla \-\-escalate \-\-fail\-on at\-risk
.fi
"#
        }
        "complaint-schema" => {
            r#"Check a program's input against the intake schema, and read the breached deadlines with jq:
.PP
.nf
complaint schema intake > intake.schema.json
complaint sla \-\-format json | jq \-r '.deadlines[] | select(.status == "breached") | .id'
.fi
"#
        }
        "complaint-completions" => {
            r#"Set up completion for bash (in ~/.bashrc) and fish:
.PP
.nf
source <(complaint completions bash)
complaint completions fish | source
.fi
"#
        }
        "complaint-rules" => {
            r#"What CI runs on every change to a rulebook:
.PP
.nf
complaint rules check \-\-strict
complaint rules test
complaint check
base=$(git merge\-base HEAD "${BASE_REF:\-origin/HEAD}" 2>/dev/null || true)
if [ \-n "$base" ]; then complaint rules diff "$base" || [ $? \-eq 3 ]; fi
.fi
"#
        }
        "complaint-import" => {
            r#"A mapping for another system's export, then a dry run and the import:
.PP
.nf
source: hotline
key: 工单号
columns:
  received_at: 来电时间
  customer.name: 客户姓名
  customer.phone: 联系电话
  description: 问题描述
defaults:
  channel: hotline
.fi
.PP
.nf
complaint import calls.csv \-\-map hotline.yaml \-\-dry\-run
complaint import calls.csv \-\-map hotline.yaml
.fi
"#
        }
        _ => return None,
    })
}
