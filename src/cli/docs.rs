//! `completions` and the hidden `man` command: both generated from the clap definitions, so
//! they never disagree with `--help`.

use std::path::PathBuf;

use clap::CommandFactory;
use complaint::Error;

use super::{Cli, Exit};

/// Print a shell completion script: `complaint completions bash > /etc/bash_completion.d/complaint`
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

pub fn completions(args: &CompletionsArgs) -> Result<Exit, Error> {
    let mut command = Cli::command();
    clap_complete::generate(
        args.shell,
        &mut command,
        "complaint",
        &mut std::io::stdout(),
    );
    Ok(Exit::Ok)
}

pub fn man(args: &ManArgs) -> Result<Exit, Error> {
    std::fs::create_dir_all(&args.dir).map_err(|e| Error::io(&args.dir, e))?;
    let command = Cli::command();
    write_page(&args.dir, "complaint", &command)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(&args.dir, "complaint", sub)?;
    }
    Ok(Exit::Ok)
}

/// A page for `command` and each of its subcommands (`complaint-rules-check.1`).
fn write_pages(dir: &std::path::Path, parent: &str, command: &clap::Command) -> Result<(), Error> {
    let name = format!("{parent}-{}", command.get_name());
    let named = command
        .clone()
        .name(name.clone())
        .display_name(name.replace('-', " "));
    write_page(dir, &name, &named)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(dir, &name, sub)?;
    }
    Ok(())
}

fn write_page(dir: &std::path::Path, name: &str, command: &clap::Command) -> Result<(), Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .map_err(|e| Error::Internal(format!("man page: {e}")))?;
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, page).map_err(|e| Error::io(&path, e))
}
