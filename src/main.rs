//! The `complaint` command: parses arguments, calls the library, renders, maps errors to exit
//! codes. All decisions live in the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

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
    let cli = cli::Cli::parse();
    match cli.run() {
        Ok(code) => code.into(),
        Err(err) => {
            let err = cli::hints::worded(err);
            let code = cli::exit_code(&err);
            // In the interface's language, which the book's rulebook may have chosen by now.
            let err = err.localised(cli::lang::current());
            let report = format!("{:?}", miette::Report::new(err));
            eprintln!("{}", complaint::visible::visible_keeping_colour(&report));
            code.into()
        }
    }
}
