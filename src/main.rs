//! The `complaint` command: parses arguments, calls the library, renders, maps errors to exit
//! codes. All decisions live in the library.

mod cli;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use complaint::rulebook::Language;

fn main() -> ExitCode {
    // Like other Unix filters, stop quietly when the reader goes away (`complaint list | head`)
    // instead of panicking on a closed pipe.
    #[cfg(unix)]
    // SAFETY: restores the default disposition of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let color = complaint::visible::colour();
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(
            miette::MietteHandlerOpts::new()
                .terminal_links(false)
                .unicode(true)
                .color(color)
                .width(if color { 120 } else { 100 })
                .build(),
        )
    }));
    cli::lang::init();
    // The shell asking for completions is answered before anything else runs.
    cli::complete::answer_shell();
    let cli = parse();
    match cli.run() {
        Ok(code) => code.into(),
        Err(err) => {
            let err = cli::hints::worded(err);
            let code = cli::exit_code(&err);
            // In the interface's language, which the book's rulebook may have chosen by now.
            eprintln!("{}", cli::render::report(err));
            code.into()
        }
    }
}

/// Parses the command line as `Cli::parse` does, except that help (`-h`, `--help`, `help`, a
/// command without its arguments) is shown in the interface's language. The language is only
/// decided then (which may mean reading the book's rulebook), so a command pays nothing for it.
fn parse() -> cli::Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let err = match cli::Cli::try_parse_with_path(&args) {
        Ok(cli) => return cli,
        Err(err) => err,
    };
    let help = matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if help && speaks_chinese(&args) {
        cli::help::exit_localised(&args, err);
    }
    err.exit()
}

/// Whether the interface speaks Chinese: as the environment says, else as the rulebook of the
/// book the command would open does (`--dir`, `COMPLAINT_DIR`, or the folder around the
/// working directory); English where there is no book, or it cannot be read.
fn speaks_chinese(args: &[OsString]) -> bool {
    if !cli::lang::environment_chose() {
        let dir = cli::dir_argument(args).or_else(|| {
            std::env::var_os("COMPLAINT_DIR")
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from)
        });
        if let Ok(cwd) = std::env::current_dir()
            && let Ok(root) = complaint::Book::locate(dir.as_deref(), &cwd)
            && let Ok(book) = complaint::Book::open(&root)
        {
            cli::lang::book_speaks(book.rulebook().language);
        }
    }
    cli::lang::current() == Language::Zh
}
