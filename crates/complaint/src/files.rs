//! Reading the files a book is made of: texts as [`Source`]s, a rulebook with the calendar
//! files it names, and the `--rulebook NAME|PATH` choice. The core reads no files; this is
//! where its [`Files`] are answered from a folder, or from a folder at a git revision.

use std::path::{Path, PathBuf};

use crate::calendar::Calendar;
use crate::error::Error;
use crate::rulebook::{self, Rulebook};
use crate::source::{Files, Source};

/// Reading a [`Source`] from a file.
pub trait ReadSource: Sized {
    /// Reads a file; `shown_as` is the name diagnostics print (usually a path relative to the
    /// book). A file that is not UTF-8 is told where it stops being UTF-8.
    fn read(path: &Path, shown_as: impl Into<String>) -> Result<Self, Error>;
}

impl ReadSource for Source {
    fn read(path: &Path, shown_as: impl Into<String>) -> Result<Self, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Source::from_bytes(bytes, shown_as)
    }
}

/// The files of a folder, by their names relative to it; with no folder, relative to the
/// working directory.
#[derive(Debug, Clone)]
pub struct Folder(Option<PathBuf>);

impl Folder {
    /// The files in `dir` (`None`: the working directory).
    pub fn new(dir: Option<&Path>) -> Folder {
        Folder(dir.map(Path::to_path_buf))
    }
}

impl Files for Folder {
    fn read(&self, name: &str) -> Result<Option<Source>, Error> {
        let path = match &self.0 {
            Some(dir) => dir.join(name),
            None => PathBuf::from(name),
        };
        if !path.is_file() {
            return Ok(None);
        }
        <Source as ReadSource>::read(&path, name).map(Some)
    }
}

/// The files of a folder of a git repository as they were at a revision, by their names
/// relative to it: a rulebook's calendar files as they were when it was (an official schedule
/// added since is not there).
#[derive(Debug, Clone)]
pub struct GitFolder {
    root: PathBuf,
    rev: String,
    folder: PathBuf,
}

impl GitFolder {
    /// The files in `folder` (relative to the repository at `root`) at revision `rev`.
    pub fn new(root: &Path, rev: &str, folder: &Path) -> GitFolder {
        GitFolder {
            root: root.to_path_buf(),
            rev: rev.to_string(),
            folder: folder.to_path_buf(),
        }
    }
}

impl Files for GitFolder {
    fn read(&self, name: &str) -> Result<Option<Source>, Error> {
        let text = crate::git::text_at(&self.root, &self.rev, &self.folder.join(name));
        Ok(text.map(|text| Source::new(name, text)))
    }
}

/// A rulebook's text, not yet loaded, and where the files it names are read from: what `rules
/// diff` compares as text before loading it.
pub struct RulebookText {
    /// The rulebook's text.
    pub source: Source,
    files: Box<dyn Files>,
}

impl RulebookText {
    /// A rulebook whose calendar files are named relative to `dir` (`None`: the working
    /// directory).
    pub fn in_folder(source: Source, dir: Option<&Path>) -> RulebookText {
        RulebookText::new(source, Folder::new(dir))
    }

    /// A rulebook whose calendar files are read from `files`.
    pub fn new(source: Source, files: impl Files + 'static) -> RulebookText {
        RulebookText {
            source,
            files: Box::new(files),
        }
    }

    /// Loads and checks the rulebook, with the calendar files it names.
    pub fn load(self) -> Result<Rulebook, Error> {
        Rulebook::load_in(self.source, Some(self.files.as_ref()))
    }
}

/// Loads a rulebook whose calendar files are named relative to `dir` (`None`: the working
/// directory).
pub fn load_rulebook(source: Source, dir: Option<&Path>) -> Result<Rulebook, Error> {
    Rulebook::load_in(source, Some(&Folder::new(dir)))
}

/// Loads a calendar by shipped id or file name relative to `dir`, with its supplement there.
pub fn load_calendar(
    choice: &str,
    dir: Option<&Path>,
    zone: chrono_tz::Tz,
) -> Result<Calendar, Error> {
    Calendar::load(choice, Some(&Folder::new(dir)), zone)
}

/// The rulebook text a `--rulebook NAME|PATH` option names: a file if one exists at that path,
/// else a shipped rulebook of that name.
pub fn choose_rulebook(choice: &str) -> Result<Source, Error> {
    let path = Path::new(choice);
    if path.is_file() {
        return <Source as ReadSource>::read(path, choice);
    }
    rulebook::shipped_source(choice)
}
