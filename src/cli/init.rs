//! `complaint init`

use std::path::PathBuf;

use complaint::{Book, Error, rulebook};

use super::messages::{say, t};
use super::{Exit, Global};

/// Make a new complaint book: config, rulebook, records folder, and a git repository
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to make it [default: the current folder]
    pub path: Option<PathBuf>,
    /// A shipped rulebook's name (see `complaint rules list`) or a rulebook file
    #[arg(long, value_name = "NAME|PATH", default_value = rulebook::DEFAULT)]
    pub rulebook: String,
    /// In an existing book: install the git hook and merge driver, and add what this version
    /// needs to .gitattributes and .gitignore (as one commit)
    #[arg(long, conflicts_with = "rulebook")]
    pub hooks: bool,
}

pub fn run(global: &Global, args: &Args) -> Result<Exit, Error> {
    if args.hooks {
        return hooks(global);
    }
    let dir = args
        .path
        .clone()
        .or_else(|| global.dir.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    let source = complaint::files::choose_rulebook(&args.rulebook)?;
    let book = Book::init(&dir, &source, !global.no_commit)?;
    super::repository::prepare(&book);
    let rb = book.rulebook();
    super::lang::book_speaks(rb.language);
    println!(
        "{}",
        say!(
            t().init_made,
            dir = dir.display(),
            rulebook = rb.rulebook,
            version = rb.version(),
            organisation = rb.organisation,
        )
    );
    // A book made inside another project's repository commits into it: say so, once.
    if let Some(top) = complaint::git::toplevel(book.root())
        && book.config().commit
        && std::fs::canonicalize(&top).ok() != std::fs::canonicalize(book.root()).ok()
    {
        println!(
            "{}",
            say!(t().init_inside, top = top.display(), dir = dir.display())
        );
    }
    Ok(Exit::Ok)
}

/// `init --hooks`: an existing book gets what a new one has.
fn hooks(global: &Global) -> Result<Exit, Error> {
    let book = global.book()?;
    if !complaint::git::in_repo(book.root()) {
        return Err(Error::invalid(
            complaint::Problem::Sync,
            complaint::said!(
                "the book is not in a git repository",
                "投诉簿不在 git 仓库中"
            ),
            complaint::said!("run `git init` in it first", "请先在其中运行 `git init`"),
        ));
    }
    let program = super::repository::program();
    if complaint::git::install_hook(book.root(), &program)? == complaint::git::Hook::Foreign {
        eprintln!("{}", say!(t().init_foreign_hook, program = program));
    }
    let by = global.actor(&book)?;
    let changed = book.upgrade_git_files(&by, global.now(&book)?)?;
    for path in &changed {
        println!("{}", say!(t().init_updated, path = path.display()));
    }
    println!("{}", t().init_hooks);
    Ok(Exit::Ok)
}
