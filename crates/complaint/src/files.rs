//! Reading the files a book is made of: texts as [`Source`]s, a rulebook with the calendar
//! files it names, and the `--rulebook NAME|PATH` choice. The core reads no files; this is
//! where its [`Files`] are answered from a folder.

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
