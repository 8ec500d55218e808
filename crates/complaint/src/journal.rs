//! The book's write-ahead journal: what a write is about to do, noted before it touches a
//! record, so that a crash at any later step can be finished by the next command.
//!
//! A write under the book's lock goes: note the intent (who, the commit message, every file
//! with its new text and its text before) → write the files → commit → forget the intent. A
//! process killed between two steps leaves the intent behind; the next writer (or `check`, or
//! `complaint repair`) finds it first and completes it as its own commit, with the original
//! author and message, before it does its own work. So no record is left uncommitted, and no
//! one's events are committed under another person's name.
//!
//! The journal lives in the book's private folder (`.complaint/`, ignored by git), is written
//! atomically and readable by its owner only (it holds whole records). It knows nothing of git.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::Timestamp;

/// Where the intent of the write under way is kept, relative to the book.
pub const INTENT_FILE: &str = ".complaint/intent.json";

/// Where the paths whose git index entry could not be updated are kept, relative to the book.
pub const STALE_INDEX_FILE: &str = ".complaint/index-stale.json";

/// One file a write changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The file, relative to the book.
    pub path: PathBuf,
    /// Its new text.
    pub text: String,
    /// Its text before; `None` when the write creates it.
    pub previous: Option<String>,
}

/// A write that has begun and may not have finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intent {
    /// Who acts: the commit's author, the `by` of the events the write adds.
    pub by: String,
    /// The commit message.
    pub message: String,
    /// When the write was asked for (the command's `now`).
    pub at: Timestamp,
    /// Whether the write is committed to git (not with `--no-commit`).
    pub commit: bool,
    /// Every file the write changes, with its text before and after.
    pub changes: Vec<Change>,
}

/// Notes the intent, durably, before anything it names is written.
pub fn begin(root: &Path, intent: &Intent) -> Result<(), Error> {
    let text = serde_json::to_string(intent)
        .map_err(|e| Error::Internal(format!("cannot write the journal: {e}")))?;
    crate::book::write_private(&root.join(INTENT_FILE), &text)
}

/// The intent an interrupted write left, if any.
pub fn pending(root: &Path) -> Result<Option<Intent>, Error> {
    let path = root.join(INTENT_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        Error::invalid(
            crate::Problem::Journal,
            complaint_core::said!(
                "{INTENT_FILE} cannot be read: {e}",
                "无法读取 {INTENT_FILE}：{e}"
            ),
            complaint_core::said!(
                "an interrupted write left it damaged; compare the records with `git status`, then remove {INTENT_FILE}",
                "一次中断的写入损坏了它；请用 `git status` 核对记录，然后删除 {INTENT_FILE}"
            ),
        )
    })
}

/// Forgets the intent: the write is complete (or undone).
pub fn finish(root: &Path) -> Result<(), Error> {
    remove(&root.join(INTENT_FILE))
}

/// Paths whose entry in git's index is behind the last commit, and the process that left
/// them so (it says so when it ends; the next command mends them).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct StaleIndex {
    /// The id of the process that left the index behind.
    pub pid: u32,
    /// The paths, relative to the book.
    pub paths: Vec<PathBuf>,
}

/// Notes paths whose entry in git's index could not be brought up to the commit.
pub fn mark_stale_index(root: &Path, paths: &[PathBuf]) -> Result<(), Error> {
    let mut stale = stale_index(root)?;
    stale.pid = std::process::id();
    stale.paths.extend(paths.iter().cloned());
    stale.paths.sort();
    stale.paths.dedup();
    let text = serde_json::to_string(&stale)
        .map_err(|e| Error::Internal(format!("cannot write the journal: {e}")))?;
    crate::book::write_private(&root.join(STALE_INDEX_FILE), &text)
}

/// The paths whose git index entry is behind the last commit, noted by an earlier write.
pub fn stale_index(root: &Path) -> Result<StaleIndex, Error> {
    let path = root.join(STALE_INDEX_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(serde_json::from_str(&text).unwrap_or_default()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(StaleIndex::default()),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// Forgets the stale index entries: they were brought up to date.
pub fn index_repaired(root: &Path) -> Result<(), Error> {
    remove(&root.join(STALE_INDEX_FILE))
}

fn remove(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}
