//! Which `--format` values each command takes. Each command that prints data has its own
//! `--format`, whose values (in help, man pages and completions) are the ones it writes; a
//! command that prints no data takes none. A `--format` given before the command is checked
//! against the same list ([`check`]).

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Arg, Command, ValueEnum};
use complaint::Error;

use super::Format;

/// The formats of the command at `path` (`["rules", "list"]`), its default first; empty for a
/// command that prints no data.
pub fn of(path: &[&str]) -> &'static [Format] {
    use Format::*;
    match path {
        ["new" | "show" | "list" | "search" | "sla" | "calendar" | "receivables" | "import"]
        | ["rules", "list" | "test"] => &[Table, Json, Yaml, Csv],
        ["explain" | "due"]
        | ["rules", "diff" | "show"]
        | ["calendar", "add-notice" | "diff"]
        | ["staff", "list"] => &[Table, Json, Yaml],
        // The commands that record an event print the complaint as written.
        [
            "ack" | "assign" | "escalate" | "note" | "close" | "reopen" | "classify" | "plan"
            | "find" | "offer" | "approve" | "dispute" | "agree" | "mediate" | "ruling" | "recover"
            | "pay" | "feedback" | "followup" | "pause" | "resume" | "extend" | "review"
            | "corrective" | "delay-notice",
        ] => &[Table, Json, Yaml],
        ["export"] => &[Csv, Json, Yaml, Xlsx],
        ["report"] => &[Table, Json, Yaml, Csv, Html, Xlsx],
        _ => &[],
    }
}

/// Gives a command (and each of its commands) its own `--format` with its values.
pub fn offered_to(command: Command) -> Command {
    let name = command.get_name().to_string();
    let command = command.arg(option(&[&name]));
    command.mut_subcommands(|sub| {
        let option = option(&[name.as_str(), sub.get_name()]);
        sub.arg(option)
    })
}

/// The `--format` option of the command at `path`: hidden, and taking only `table`, where the
/// command prints no data.
fn option(path: &[&str]) -> Arg {
    let formats = of(path);
    let arg = Arg::new("format")
        .long("format")
        .global(true)
        .value_name("FORMAT")
        .help("Output format");
    match formats.first() {
        None => arg.hide(true).value_parser(Formats(&[Format::Table])),
        Some(default) => arg
            .value_parser(Formats(formats))
            .default_value(name(*default)),
    }
}

/// `format`'s name on the command line (`json`).
fn name(format: Format) -> &'static str {
    match format {
        Format::Table => "table",
        Format::Yaml => "yaml",
        Format::Json => "json",
        Format::Csv => "csv",
        Format::Html => "html",
        Format::Xlsx => "xlsx",
    }
}

/// Refuses a `--format` the command at `path` does not write (given before the command, where
/// every value parses), naming those it does.
pub fn check(path: &[&str], format: Format) -> Result<(), Error> {
    let formats = of(path);
    if format == Format::Table || formats.contains(&format) {
        return Ok(());
    }
    let command = path.join(" ");
    let given = name(format);
    let offered = formats.iter().map(|f| name(*f)).collect::<Vec<_>>();
    let help = if offered.is_empty() {
        complaint::said!(
            "leave out --format: `complaint {command}` prints no data",
            "请去掉 --format：`complaint {command}` 不输出数据"
        )
    } else {
        let offered = offered.join(", ");
        complaint::said!("use --format {offered}", "请使用 --format {offered}")
    };
    Err(Error::invalid(
        complaint::Problem::Request,
        complaint::said!(
            "`complaint {command}` does not write {given}",
            "`complaint {command}` 不能输出 {given}"
        ),
        help,
    ))
}

/// Parses the formats of one command, and offers only them.
#[derive(Clone)]
struct Formats(&'static [Format]);

impl TypedValueParser for Formats {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Format, clap::Error> {
        let text = value.to_string_lossy();
        self.0
            .iter()
            .copied()
            .find(|f| name(*f).eq_ignore_ascii_case(&text))
            .ok_or_else(|| {
                let mut err = clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd);
                use clap::error::{ContextKind, ContextValue};
                if let Some(arg) = arg {
                    err.insert(
                        ContextKind::InvalidArg,
                        ContextValue::String(arg.to_string()),
                    );
                }
                err.insert(
                    ContextKind::InvalidValue,
                    ContextValue::String(text.into_owned()),
                );
                err.insert(
                    ContextKind::ValidValue,
                    ContextValue::Strings(self.0.iter().map(|f| name(*f).to_string()).collect()),
                );
                err
            })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            self.0.iter().filter_map(|f| f.to_possible_value()),
        ))
    }
}
