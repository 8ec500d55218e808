//! A disposable cache of parsed records, so whole-book commands on a big book do not re-parse
//! every YAML file every time.
//!
//! The cache (`.complaint/cache.jsonl`, ignored by git) holds each record's path, size and
//! modification time with the record parsed. A record whose file has another size or time than
//! cached (edited by hand, changed by `git pull`) is parsed again; a missing or unreadable cache
//! is simply rebuilt. The records stay the only truth: deleting the cache loses nothing.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::model::Complaint;

/// What identifies one version of a record file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub modified_ns: u128,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let modified_ns = meta
            .modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            len: meta.len(),
            modified_ns,
        })
    }
}

#[derive(Deserialize)]
struct Entry {
    path: PathBuf,
    stamp: Stamp,
    complaint: Complaint,
}

#[derive(Serialize)]
struct EntryRef<'a> {
    path: &'a Path,
    stamp: Stamp,
    complaint: &'a Complaint,
}

/// The cached records, by path relative to the book.
#[derive(Debug, Default)]
pub struct Cache {
    entries: HashMap<PathBuf, (Stamp, Complaint)>,
}

impl Cache {
    /// Reads the cache; anything unreadable counts as not cached.
    pub fn read(file: &Path) -> Cache {
        let Ok(text) = std::fs::read_to_string(file) else {
            return Cache::default();
        };
        let lines: Vec<&str> = text.lines().collect();
        let parsed = crate::parallel::map(&lines, |l| serde_json::from_str::<Entry>(l).ok());
        let mut entries = HashMap::with_capacity(lines.len());
        for entry in parsed {
            let Some(e) = entry else {
                return Cache::default();
            };
            entries.insert(e.path, (e.stamp, e.complaint));
        }
        Cache { entries }
    }

    /// Takes the cached record at `path` out of the cache, if the file still has this stamp.
    pub fn take(&mut self, path: &Path, stamp: Stamp) -> Option<Complaint> {
        match self.entries.remove(path) {
            Some((cached, complaint)) if cached == stamp => Some(complaint),
            _ => None,
        }
    }

    /// Whether every cached record has been taken (so nothing in it is stale).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Replaces the cache with these records.
    pub fn write<'a>(file: &Path, records: impl Iterator<Item = (&'a Path, Stamp, &'a Complaint)>) {
        let Some(dir) = file.parent() else { return };
        // Best effort: a cache that cannot be written only costs speed next time.
        let _ = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(dir)?;
            let temp = tempfile::NamedTempFile::new_in(dir)?;
            let mut out = BufWriter::new(temp.as_file());
            for (path, stamp, complaint) in records {
                serde_json::to_writer(
                    &mut out,
                    &EntryRef {
                        path,
                        stamp,
                        complaint,
                    },
                )?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
            drop(out);
            temp.persist(file).map_err(|e| e.error)?;
            Ok(())
        })();
    }
}
