//! `complaint init`

use std::path::PathBuf;

use complaint::{Book, Error, rulebook};

use super::{Exit, Global};

/// Make a new complaint book: config, rulebook, records folder, and a git repository
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to make it [default: the current folder]
    pub path: Option<PathBuf>,
    /// A shipped rulebook's name (see `complaint rules list`) or a rulebook file
    #[arg(long, value_name = "NAME|PATH", default_value = rulebook::DEFAULT)]
    pub rulebook: String,
}

pub fn run(global: &Global, args: &Args) -> Result<Exit, Error> {
    let dir = args
        .path
        .clone()
        .or_else(|| global.dir.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    let source = rulebook::choose(&args.rulebook)?;
    let book = Book::init(&dir, &source, !global.no_commit)?;
    let rb = book.rulebook();
    println!(
        "Made a complaint book in {} (rulebook {} {}: {})",
        dir.display(),
        rb.rulebook,
        rb.version(),
        rb.organisation
    );
    Ok(Exit::Ok)
}
