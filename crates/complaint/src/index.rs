//! A derived index of the book's records, so that the cron job costs what is open and one
//! complaint costs the same in any book.
//!
//! The index (`.complaint/index.sqlite`, ignored by git) holds, for each record file, its
//! identity on disk (size, modification time, inode), what commands ask of it without reading
//! it: its ID, the day it was received, whether it is open, the customer's identity, its last
//! event, and the first instant a clock of it needs attention ([`sla::attention`], under the
//! rulebook and calendar it was computed with); and, for a live record (open, or with a clock
//! to watch), the record parsed. The rest are read from their files when asked for. It is
//! disposable: a missing, unreadable or older index is rebuilt from the records, which stay the
//! only truth, and a book whose index cannot be written is read without one.
//!
//! **Knowing what changed without reading everything.** Every write is a rename into a month
//! folder (`records/2026/09`), and so is a `git pull` or checkout, so a folder whose time is
//! unchanged has the same files. Finding an ID ([`Depth::Folders`]) looks into only the folders
//! whose time moved: it costs the months, not the records. Reading records' contents
//! ([`Depth::Files`]) also compares each folder's files' identities (a `stat` each, relative to
//! the folder), as a digest per folder, because an edit that rewrites a file in place (`>>`, a
//! truncating editor) changes the file's time, not its folder's. Only records whose identity
//! changed are parsed again; a refresh that finds nothing changed writes nothing. A folder
//! that changed in the last moments is not trusted by its time ([`SETTLING`]). A write of this
//! program brings the index along itself ([`Index::written`]). The parsed records are kept
//! apart from the small rows the queries run over.
//!
//! SQLite (bundled through `rusqlite`) rather than another file of our own: it updates a
//! row in place, answers range queries by an index, and keeps a reader and a writer apart.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::book::{Book, Record, Scan};
use crate::error::{Error, Result};
use crate::model::{Complaint, Timestamp};
use crate::{parallel, sla};

mod quick;

/// Where the index lives, relative to the book.
pub(crate) const INDEX_FILE: &str = ".complaint/index.sqlite";

/// The layout of the index and of what it derives; another value rebuilds it.
const LAYOUT: &str = concat!("9 ", env!("CARGO_PKG_VERSION"));

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- A month folder: its time when last looked into, and a digest of its files' identities.
CREATE TABLE folders (path TEXT PRIMARY KEY, modified INTEGER NOT NULL, digest TEXT);
-- (Its rowids key `ids`: the index is never vacuumed, which could renumber them.)
CREATE TABLE records (
    path TEXT PRIMARY KEY,
    folder TEXT NOT NULL,
    len INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    -- 1: the file could not be read as a record; it is read again whenever it is asked for.
    broken INTEGER NOT NULL,
    id TEXT,
    received_day TEXT,
    open INTEGER,
    customer TEXT,
    last_event INTEGER,
    attention INTEGER,
    -- 1: a payment is recorded (it counts in the month paid, and an advance until recovered).
    paid INTEGER
);
-- The live records parsed, apart, so that a query over the small rows above reads no bodies.
CREATE TABLE bodies (path TEXT PRIMARY KEY, complaint TEXT NOT NULL);
-- Every ID by its three-letter pieces, so that any part of one of three letters or more is
-- found without reading every row; kept by the records' own changes. Only which IDs hold a
-- piece (not where), and the IDs themselves stay in `records`: a third of the size and time.
CREATE VIRTUAL TABLE ids USING fts5 (
    id, tokenize = 'trigram', detail = none, columnsize = 0,
    content = 'records', content_rowid = 'rowid'
);
CREATE TRIGGER records_removed AFTER DELETE ON records BEGIN
    INSERT INTO ids (ids, rowid, id) VALUES ('delete', old.rowid, old.id);
    DELETE FROM bodies WHERE path = old.path;
END;
";

/// The columns of `records` the queries look up by, each with an index of its own (a new index
/// makes them after its rows: one sort each, not a tree updated at every row); a column asked
/// only for its few rows of one value (a flag, a time most records lack) indexes only those.
const LOOKED_UP: &[(&str, &str)] = &[
    ("folder", ""),
    ("id", ""),
    ("broken", "WHERE broken = 1"),
    ("received_day", ""),
    ("open", "WHERE open = 1"),
    ("customer", ""),
    ("last_event", ""),
    ("attention", "WHERE attention IS NOT NULL"),
    ("paid", "WHERE paid = 1"),
];

/// The statements that make (`make`) or drop the indexes on [`LOOKED_UP`].
fn lookups(make: bool) -> String {
    LOOKED_UP
        .iter()
        .map(|(column, only)| match make {
            true => format!("CREATE INDEX records_{column} ON records ({column}) {only};"),
            false => format!("DROP INDEX records_{column};"),
        })
        .collect()
}

/// Keeps the pieces of IDs with the records; a new index fills them in one pass instead.
const ADDED_TRIGGER: &str = "
CREATE TRIGGER records_added AFTER INSERT ON records BEGIN
    INSERT INTO ids (rowid, id) VALUES (new.rowid, new.id);
END;
";

/// What narrows the records read: every condition given must hold. The index answers it
/// loosely (a record it cannot judge is always read), and the caller's own filter decides.
#[derive(Debug, Clone, Default)]
pub struct Narrow {
    /// Only records open at this instant.
    pub open_at: Option<Timestamp>,
    /// Only records with a clock that needs attention at this instant ([`sla::attention`]).
    pub attention_at: Option<Timestamp>,
    /// Only records with a clock that runs, is paused or needs attention at this instant
    /// (a closed complaint's return visit runs too).
    pub live_at: Option<Timestamp>,
    /// Only records received on or after this day (in the offset it was recorded with).
    pub from: Option<NaiveDate>,
    /// Only records received on or before this day.
    pub to: Option<NaiveDate>,
    /// Only records of the customer with this identity ([`crate::model::Customer::identity`]).
    pub customer: Option<String>,
    /// Only records with a payment (advances to recover are payments).
    pub paid: bool,
    /// Besides those chosen, every record with a payment, whenever received: a report counts
    /// the payments of its period and the advances still owed, of any month's complaints.
    pub or_paid: bool,
}

/// How closely a refresh looks before a command reads the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// Only month folders whose time moved: files came, went or were replaced by a rename
    /// (every write of this program, a `git pull`, a checkout). Enough to find an ID, and
    /// costs the folders, not the records.
    Folders,
    /// Every record file's identity too, so that an edit in place is seen: what commands
    /// that read records' contents from the index need.
    Files,
}

/// How long after a folder's last change its time is trusted, in nanoseconds: well past the
/// tick of a file system's clock (a few milliseconds on Linux before 6.13, two seconds on FAT).
const SETTLING: i64 = 2_500_000_000;

/// A file's identity on disk: another size, time or inode means another version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: i64,
    modified: i64,
    inode: i64,
}

impl Stamp {
    /// The identity a row of `records` holds, from its column `first` on (len, modified, inode).
    fn from_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Stamp> {
        Ok(Stamp {
            len: row.get(first)?,
            modified: row.get(first + 1)?,
            inode: row.get(first + 2)?,
        })
    }
}

fn nanos(time: std::time::SystemTime) -> i64 {
    time.duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// The record files of a month folder (`folder`, relative to the book; `dir`, where it is),
/// sorted, each with its identity on disk; other files are not records. Read from the folder's
/// entries, so each file costs one `stat` relative to the folder, not a walk of its path.
fn record_stamps(folder: &str, dir: &Path) -> Vec<(PathBuf, Stamp)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Stamp)> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            is_record_name(&name).then_some(())?;
            let stamp = stamp_of(&entry.metadata().ok()?)?;
            Some((name, stamp))
        })
        .collect();
    // By name: in one folder the order of the paths, without comparing paths component by
    // component (a sort of paths was a fifth of a refresh).
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let folder = Path::new(folder);
    files
        .into_iter()
        .map(|(name, stamp)| (folder.join(name), stamp))
        .collect()
}

/// Whether a file's name is a record's: an ID, then `.yaml`.
fn is_record_name(name: &str) -> bool {
    name.strip_suffix(".yaml")
        .is_some_and(|stem| crate::ComplaintId::try_from(stem.to_string()).is_ok())
}

/// The identity of the file at `path`, if there is one.
fn stamp_at(path: &Path) -> Option<Stamp> {
    stamp_of(&std::fs::metadata(path).ok()?)
}

fn stamp_of(meta: &std::fs::Metadata) -> Option<Stamp> {
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(meta) as i64;
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        len: i64::try_from(meta.len()).unwrap_or(i64::MAX),
        modified: nanos(meta.modified().ok()?),
        inode,
    })
}

/// A digest of a folder's files and their identities: equal digests, same files. A sum of
/// each file's hash, so that a write can take out a file's old identity and put in its new one
/// without listing the folder ([`Index::written`]).
fn digest(files: &[(PathBuf, Stamp)]) -> String {
    let sum = files.iter().fold(0u64, |sum, (path, stamp)| {
        sum.wrapping_add(file_hash(path, stamp))
    });
    format!("{sum:016x}")
}

fn file_hash(path: &Path, stamp: &Stamp) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (path, stamp.len, stamp.modified, stamp.inode).hash(&mut hasher);
    hasher.finish()
}

/// An instant as the index stores it: nanoseconds since 1970 (UTC).
fn instant(t: &Timestamp) -> i64 {
    t.timestamp_nanos_opt().unwrap_or(i64::MAX)
}

/// What the index derives from a record, under `book`'s rulebook.
struct Derived {
    received_day: String,
    open: bool,
    customer: Option<String>,
    last_event: i64,
    attention: Option<i64>,
    paid: bool,
}

fn derive(complaint: &Complaint, book: &Book) -> Derived {
    let last = complaint
        .history
        .iter()
        .map(|e| e.at)
        .max()
        .unwrap_or(complaint.received_at)
        .max(complaint.received_at);
    // One view gives both the state and the clocks.
    let view = sla::view(complaint, book.rulebook(), last);
    Derived {
        received_day: complaint.received_at.date_naive().to_string(),
        open: view.state.status.is_open(),
        customer: complaint.facts.customer.identity(),
        last_event: instant(&last),
        attention: view.attention(book.rulebook(), last).map(|at| instant(&at)),
        paid: complaint
            .history
            .iter()
            .any(|e| matches!(e.action, crate::Action::Pay(_))),
    }
}

/// The rulebook and calendar the derived columns were computed under: another one recomputes
/// them. The compiled rulebook (calendar and added schedules included) in full, hashed.
fn fingerprint(book: &Book) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    format!("{:?}", book.rulebook()).hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// What is on disk: the month folders, and the files of those looked into (see [`Depth`]).
struct Look {
    /// Each folder: its path relative to the book, where it is, and its time.
    folders: Vec<(String, PathBuf, i64)>,
    /// The folders looked into, by path: their time (read before their files), the digest
    /// of their files' identities, and the files.
    listed: HashMap<String, Listed>,
}

struct Listed {
    modified: i64,
    digest: String,
    files: Vec<(PathBuf, Stamp)>,
    /// A time a little before the folder was listed, less [`SETTLING`]: a folder changed
    /// after it may change again unseen.
    settled: i64,
}

/// The index's folders: their time and digest when last looked into.
type Known = HashMap<String, (i64, Option<String>)>;

/// What a refresh found to do.
struct Survey<'a> {
    /// The folders whose files changed, with their files now.
    changed: Vec<(&'a str, &'a Listed)>,
    gone: Vec<String>,
    /// The rulebook's fingerprint now, and the one the index was computed under.
    print: String,
    computed_under: Option<String>,
    stale_rules: bool,
}

/// A changed folder's work: the files to read (the rows of files gone are deleted at once).
struct Plan<'a> {
    folder: &'a str,
    read: Vec<&'a (PathBuf, Stamp)>,
}

/// A record file read for the index: what it derives and, for a live record, the record as
/// JSON; or nothing when it cannot be read as a record.
type Parsed = Option<(Derived, Option<String>)>;

fn parse(book: &Book, file: &Path) -> Parsed {
    // Read once: what the quick reader leaves goes to the book's reader as text.
    parse_text(book, file, text_of(book, file)?)
}

/// A record file's text, if it is within the book's limit for a record and is UTF-8: anything
/// else is for the book's reader, which says what is wrong without reading a huge file whole.
fn text_of(book: &Book, file: &Path) -> Option<String> {
    let path = book.root().join(file);
    let limit = book.config().limits.record as u64;
    std::fs::metadata(&path).ok().filter(|m| m.len() <= limit)?;
    std::fs::read_to_string(&path).ok()
}

fn parse_text(book: &Book, file: &Path, text: String) -> Parsed {
    let mut complaint = record_in(book, file, text).ok()?.complaint;
    let derived = derive(&complaint, book);
    // Only a live record (open, or with a clock to watch) is kept parsed, for the cron job and
    // the open lists; the rest of the book, nearly all of it, is read from its file when asked
    // for (a month's list, a report), which keeps a new index small and quick to make.
    if !derived.open && derived.attention.is_none() {
        return Some((derived, None));
    }
    // A seal is opened from its file (`Book::unsealed`): the index keeps only that there is one,
    // so the rows a list or the cron job reads are no bigger in a book that encrypts.
    if let Some(sealed) = complaint.facts.customer.sealed.as_mut() {
        sealed.clear();
    }
    let json = serde_json::to_string(&complaint).ok();
    Some((derived, json))
}

/// The record `file` holds: read by the quick reader when it can, else by the book's (which
/// also says what is wrong).
fn read(book: &Book, file: &Path) -> Result<Record> {
    match text_of(book, file) {
        Some(text) => record_in(book, file, text),
        // Too big, unreadable or not UTF-8: told as a scan tells it.
        None => book.load_file(file),
    }
}

fn record_in(book: &Book, file: &Path, text: String) -> Result<Record> {
    match read_quickly(book, file, &text) {
        Some(record) => Ok(record),
        None => book.record_from_text(file, text),
    }
}

/// The record `file` holds, read with the quick reader ([`quick`]) as the book would read it,
/// when it is plain enough; `None` leaves it to the book (which also says what is wrong).
fn read_quickly(book: &Book, file: &Path, text: &str) -> Option<Record> {
    if text.len() > book.config().limits.record {
        return None;
    }
    let complaint = quick::complaint(text)?;
    // A record's file is named after its ID.
    (file.file_stem()?.to_str()? == complaint.id.as_str()).then(|| Record {
        path: file.to_path_buf(),
        complaint,
    })
}

/// The open index, brought up to date with the records.
pub(crate) struct Index {
    conn: Connection,
}

impl Index {
    /// Opens (or builds) the index of `book` and refreshes it; `None` when it cannot be had
    /// (a read-only book, a broken file that cannot be replaced): the caller reads the files.
    pub(crate) fn open(book: &Book, depth: Depth) -> Option<Index> {
        let file = book.root().join(INDEX_FILE);
        let index = match Index::connect(&file) {
            Ok(index) => index,
            // A corrupt or foreign file: start again. (Anything else, a lock held too long,
            // leaves the file to the command using it: this one reads the records instead.)
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
                ) =>
            {
                let _ = std::fs::remove_file(&file);
                Index::connect(&file).ok()?
            }
            Err(_) => return None,
        };
        index.refresh(book, depth).ok()?;
        Some(index)
    }

    fn connect(file: &Path) -> rusqlite::Result<Index> {
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let conn = Connection::open(file)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // The index is disposable: a crash may lose its last changes, never corrupt the book.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A row replaced by INSERT OR REPLACE goes through the delete trigger too.
        conn.pragma_update(None, "recursive_triggers", "ON")?;
        let layout = |conn: &Connection| -> Option<String> {
            conn.query_row("SELECT value FROM meta WHERE key = 'layout'", [], |r| {
                r.get(0)
            })
            .optional()
            .unwrap_or(None)
        };
        if layout(&conn).as_deref() != Some(LAYOUT) {
            // Under the write lock, and looked at again there: two commands making a new index
            // at once make it once, and neither drops what the other has just filled.
            let tx = immediate(&conn)?;
            if layout(&tx).as_deref() != Some(LAYOUT) {
                tx.execute_batch(
                    "DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS folders;
                     DROP TABLE IF EXISTS records; DROP TABLE IF EXISTS bodies;
                     DROP TABLE IF EXISTS ids;",
                )?;
                tx.execute_batch(SCHEMA)?;
                tx.execute_batch(&lookups(true))?;
                tx.execute_batch(ADDED_TRIGGER)?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('layout', ?1)",
                    params![LAYOUT],
                )?;
            }
            tx.commit()?;
        }
        Ok(Index { conn })
    }

    /// Brings the index up to date to `depth` (see [`Depth`]), re-reading the records whose
    /// identity on disk changed, and recomputes what depends on the rulebook when it changed.
    fn refresh(&self, book: &Book, depth: Depth) -> Result<()> {
        // A look without the lock first: most refreshes find nothing to do and wait for no one.
        let print = fingerprint(book);
        let known = self.known()?;
        let look = look(book, depth, &known, None);
        if self.survey(&look, &known, &print).is_none() {
            return Ok(());
        }
        // Under the write lock: of two commands refreshing at once, the second compares again
        // and finds the first one's work done. The files listed are listed again only
        // in folders whose time moved since, so that a refresh never puts back an older list.
        let tx = immediate(&self.conn).map_err(sql)?;
        let known = self.known()?;
        let look = self::look(book, depth, &known, Some(look));
        if let Some(survey) = self.survey(&look, &known, &print) {
            self.apply(&tx, book, survey)?;
        }
        tx.commit().map_err(sql)
    }

    /// The index's folders, with their time and digest.
    fn known(&self) -> Result<Known> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, modified, digest FROM folders")
            .map_err(sql)?;
        stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .map_err(sql)?
            .collect::<rusqlite::Result<_>>()
            .map_err(sql)
    }

    /// What a refresh has to do to bring the index from `known` to `look`, if anything.
    fn survey<'a>(&self, look: &'a Look, known: &Known, print: &str) -> Option<Survey<'a>> {
        // Kept only if their digest changed: a folder's time also moves when a file is
        // replaced by the same.
        let changed: Vec<(&str, &Listed)> = look
            .folders
            .iter()
            .filter_map(|(path, _, _)| look.listed.get_key_value(path))
            .filter(|(path, listed)| {
                known.get(*path) != Some(&(listed.modified, Some(listed.digest.clone())))
            })
            .map(|(path, listed)| (path.as_str(), listed))
            .collect();
        let gone: Vec<String> = known
            .keys()
            .filter(|path| !look.folders.iter().any(|(p, _, _)| p == *path))
            .cloned()
            .collect();
        let computed_under = self.meta("fingerprint");
        let stale_rules = computed_under.as_deref() != Some(print);
        if changed.is_empty() && gone.is_empty() && !stale_rules {
            return None;
        }
        Some(Survey {
            changed,
            gone,
            print: print.to_string(),
            computed_under,
            stale_rules,
        })
    }

    /// Does what `survey` found to do, in the transaction `tx`.
    fn apply(&self, tx: &rusqlite::Transaction<'_>, book: &Book, survey: Survey) -> Result<()> {
        let Survey {
            changed,
            gone,
            print,
            computed_under,
            stale_rules,
        } = survey;
        for folder in gone {
            tx.execute("DELETE FROM records WHERE folder = ?1", params![folder])
                .map_err(sql)?;
            tx.execute("DELETE FROM folders WHERE path = ?1", params![folder])
                .map_err(sql)?;
        }
        // A new index is filled in bulk: the pieces of IDs and the lookups are made in one
        // pass each at the end, not a row at a time, in a bigger cache (the default 2 MB
        // spills the growing tables to the file again and again).
        let fresh = computed_under.is_none();
        if fresh {
            tx.execute_batch(&format!(
                "DROP TRIGGER records_added; {} PRAGMA cache_size = -65536;",
                lookups(false)
            ))
            .map_err(sql)?;
        }
        let mut plans = Vec::new();
        for (folder, listed) in &changed {
            plans.push(self.plan(tx, folder, &listed.files, fresh)?);
        }
        let written = self.fill(tx, book, &plans)?;
        for (folder, listed) in &changed {
            // A folder that changed a moment ago may change again within the same tick of the
            // file system's clock and keep its time (as git has it with racy files): its time
            // is not kept, so the next look lists it again.
            let modified = if listed.modified > listed.settled {
                0
            } else {
                listed.modified
            };
            tx.execute(
                "INSERT OR REPLACE INTO folders (path, modified, digest) VALUES (?1, ?2, ?3)",
                params![folder, modified, listed.digest],
            )
            .map_err(sql)?;
        }
        // IDs two files share (a record copied into another month's folder), kept so that a
        // narrow read need not group the whole table: a new index groups it once.
        if fresh {
            tx.execute_batch(&format!(
                "{} INSERT INTO ids (rowid, id) SELECT rowid, id FROM records; {ADDED_TRIGGER}",
                lookups(true)
            ))
            .map_err(sql)?;
            let mut stmt = tx
                .prepare("SELECT id FROM records GROUP BY id HAVING COUNT(*) > 1")
                .map_err(sql)?;
            let shared: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .map_err(sql)?
                .collect::<rusqlite::Result<_>>()
                .map_err(sql)?;
            set_shared(tx, &shared)?;
        } else {
            self.share(tx, written)?;
        }
        if stale_rules {
            // A new index has derived every row just now, under this rulebook.
            if !fresh {
                self.rederive(tx, book)?;
            }
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?1)",
                params![print],
            )
            .map_err(sql)?;
        }
        Ok(())
    }

    /// Keeps the IDs two files share up to date after `written` were written: those shared
    /// before and those written now are counted again, by the index on IDs.
    fn share(&self, tx: &rusqlite::Transaction<'_>, written: Vec<String>) -> Result<()> {
        let mut candidates: std::collections::BTreeSet<String> = self
            .meta("shared")
            .and_then(|text| serde_json::from_str::<Vec<String>>(&text).ok())
            .unwrap_or_default()
            .into_iter()
            .collect();
        candidates.extend(written);
        let mut count = tx
            .prepare("SELECT COUNT(*) FROM records WHERE id = ?1")
            .map_err(sql)?;
        let mut shared = Vec::new();
        for id in candidates {
            if count
                .query_row(params![id], |r| r.get::<_, i64>(0))
                .map_err(sql)?
                > 1
            {
                shared.push(id);
            }
        }
        set_shared(tx, &shared)
    }

    /// What bringing one folder's rows to its files (`present`, with their identities) takes:
    /// the files whose identity changed are to be read; the rows of files gone are deleted
    /// now. A new index (`fresh`) has no rows to compare with.
    fn plan<'a>(
        &self,
        tx: &rusqlite::Transaction<'_>,
        folder: &'a str,
        present: &'a [(PathBuf, Stamp)],
        fresh: bool,
    ) -> Result<Plan<'a>> {
        if fresh {
            return Ok(Plan {
                folder,
                read: present.iter().collect(),
            });
        }
        let known: HashMap<String, Stamp> = {
            let mut stmt = tx
                .prepare("SELECT path, len, modified, inode FROM records WHERE folder = ?1")
                .map_err(sql)?;
            stmt.query_map(params![folder], |r| Ok((r.get(0)?, Stamp::from_row(r, 1)?)))
                .map_err(sql)?
                .collect::<rusqlite::Result<_>>()
                .map_err(sql)?
        };
        let mut on_disk = std::collections::HashSet::new();
        let mut read = Vec::new();
        for entry in present {
            let key = entry.0.to_string_lossy().into_owned();
            if known.get(&key) != Some(&entry.1) {
                read.push(entry);
            }
            on_disk.insert(key);
        }
        for path in known.keys().filter(|p| !on_disk.contains(*p)) {
            tx.execute("DELETE FROM records WHERE path = ?1", params![path])
                .map_err(sql)?;
        }
        Ok(Plan { folder, read })
    }

    /// Reads the files the plans name and writes their rows; returns the IDs it wrote. The
    /// files are parsed on every core a folder ahead of the rows being written, so that the
    /// writing (one thread, SQLite's) and the parsing overlap.
    fn fill(
        &self,
        tx: &rusqlite::Transaction<'_>,
        book: &Book,
        plans: &[Plan<'_>],
    ) -> Result<Vec<String>> {
        let mut rows = Rows::prepare(tx)?;
        let mut written = Vec::new();
        std::thread::scope(|scope| {
            // Two folders ahead at most: memory holds a few months, not the book.
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Parsed>>(2);
            scope.spawn(move || {
                for plan in plans {
                    let parsed = parallel::map(&plan.read, |(file, _)| parse(book, file));
                    // The writer stopped (an error): nothing more is wanted.
                    if send.send(parsed).is_err() {
                        break;
                    }
                }
            });
            for (plan, parsed) in plans.iter().zip(receive) {
                for ((file, stamp), parsed) in plan.read.iter().zip(parsed) {
                    written.extend(rows.put(file, plan.folder, stamp, &parsed)?);
                }
            }
            Ok::<(), Error>(())
        })?;
        Ok(written)
    }

    fn meta(&self, key: &str) -> Option<String> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
                r.get(0)
            })
            .optional()
            .ok()
            .flatten()
    }

    /// Recomputes what depends on the rulebook and its calendar (the attention instant) for
    /// every readable record: the live ones from their bodies, the rest from their files, so a
    /// changed rulebook or calendar costs about what a new index does, once.
    fn rederive(&self, tx: &rusqlite::Transaction<'_>, book: &Book) -> Result<()> {
        // A thousand records at a time, so that memory does not grow with the book.
        let mut update = tx
            .prepare("UPDATE records SET attention = ?2 WHERE path = ?1")
            .map_err(sql)?;
        let mut page = tx
            .prepare(
                "SELECT path, complaint FROM records LEFT JOIN bodies USING (path)
                 WHERE broken = 0 AND path > ?1 ORDER BY path LIMIT 1000",
            )
            .map_err(sql)?;
        let mut after = String::new();
        loop {
            let rows: Vec<(String, Option<String>)> = page
                .query_map(params![after], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql)?
                .collect::<rusqlite::Result<_>>()
                .map_err(sql)?;
            let Some((last, _)) = rows.last() else {
                return Ok(());
            };
            after = last.clone();
            let attention = parallel::map(&rows, |(path, json)| {
                complaint(book, path, json.as_deref())
                    .ok()
                    .map(|c| derive(&c, book).attention)
            });
            for ((path, _), attention) in rows.iter().zip(attention) {
                update
                    .execute(params![path, attention.flatten()])
                    .map_err(sql)?;
            }
        }
    }

    /// The records `narrow` may choose (all of them without conditions), read from the index,
    /// with the unreadable ones read again for their errors; sorted and de-duplicated as a
    /// scan is.
    pub(crate) fn select(&self, book: &Book, narrow: &Narrow) -> Result<Scan> {
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        let mut value = |v: rusqlite::types::Value| {
            values.push(v);
            format!("?{}", values.len())
        };
        // A history is read up to `now`: a record with events after it is judged by the caller.
        if let Some(at) = narrow.open_at {
            let at = value(instant(&at).into());
            conditions.push(format!("(open = 1 OR last_event > {at})"));
        }
        if let Some(at) = narrow.attention_at {
            let at = value(instant(&at).into());
            conditions.push(format!("(attention <= {at} OR last_event > {at})"));
        }
        if let Some(at) = narrow.live_at {
            // A clock that runs at the last event runs, or needs attention, until another.
            let at = value(instant(&at).into());
            conditions.push(format!("(attention IS NOT NULL OR last_event > {at})"));
        }
        if let Some(from) = narrow.from {
            let from = value(from.to_string().into());
            conditions.push(format!("received_day >= {from}"));
        }
        if let Some(to) = narrow.to {
            let to = value(to.to_string().into());
            conditions.push(format!("received_day <= {to}"));
        }
        if narrow.paid {
            conditions.push("paid = 1".to_string());
        }
        if let Some(customer) = &narrow.customer {
            let customer = value(customer.clone().into());
            conditions.push(format!("customer = {customer}"));
        }
        // Narrowed, the rows are found by the lookups and sorted after (`+path`); the path's
        // own order would walk every row of the book to avoid that sort.
        let order = if conditions.is_empty() {
            "path"
        } else {
            "+path"
        };
        let mut chosen = if conditions.is_empty() {
            "1".to_string()
        } else {
            conditions.join(" AND ")
        };
        if narrow.or_paid {
            chosen = format!("({chosen}) OR paid = 1");
        }
        // Unreadable files are always read again (for their error), and every record of an ID
        // that two files share, so that the scan's duplicate check says the same.
        let shared = value(self.meta("shared").unwrap_or_else(|| "[]".into()).into());
        let query = format!(
            "SELECT path, complaint FROM records LEFT JOIN bodies USING (path)
             WHERE broken = 1 OR ({chosen})
             OR id IN (SELECT value FROM json_each({shared}))
             ORDER BY {order}"
        );
        let rows: Vec<(String, Option<String>)> = {
            let mut stmt = self.conn.prepare(&query).map_err(sql)?;
            stmt.query_map(rusqlite::params_from_iter(values), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(sql)?
            .collect::<rusqlite::Result<_>>()
            .map_err(sql)?
        };
        let read = parallel::map(&rows, |(path, json)| {
            complaint(book, path, json.as_deref()).map(|complaint| Record {
                path: PathBuf::from(path),
                complaint,
            })
        });
        Ok(crate::book::scanned(read))
    }

    /// Every record whose ID contains `part` (already normalised), with its file.
    pub(crate) fn ids_containing(&self, part: &str) -> Result<Vec<(String, PathBuf)>> {
        // Three letters or more: by the trigram index; fewer match much of the book anyway.
        let query = if part.chars().count() >= 3 {
            "SELECT records.id, path FROM ids JOIN records ON records.rowid = ids.rowid
             WHERE ids.id LIKE '%' || ?1 || '%' AND instr(records.id, ?1) > 0 ORDER BY path"
        } else {
            "SELECT id, path FROM records WHERE instr(id, ?1) > 0 ORDER BY path"
        };
        let mut stmt = self.conn.prepare(query).map_err(sql)?;
        stmt.query_map(params![part], |r| {
            Ok((
                r.get::<_, String>(0)?,
                PathBuf::from(r.get::<_, String>(1)?),
            ))
        })
        .map_err(sql)?
        .collect::<rusqlite::Result<_>>()
        .map_err(sql)
    }
}

/// The month folders of `book` and, to `depth`, their files: at [`Depth::Folders`] only those
/// whose time differs from the index's (`known`), at [`Depth::Files`] every one. A folder an
/// earlier look (`before`) listed at the same time is not listed again.
fn look(book: &Book, depth: Depth, known: &Known, before: Option<Look>) -> Look {
    let records = book.root().join(&book.config().records);
    // Each folder's time is read before its files, so a write that lands meanwhile changes
    // it again and is seen next time.
    let mut folders: Vec<(String, PathBuf, i64)> = Vec::new();
    for year in sorted_dirs(&records) {
        for month in sorted_dirs(&year) {
            let Some(modified) = std::fs::metadata(&month)
                .ok()
                .and_then(|m| m.modified().ok())
                .map(nanos)
            else {
                continue;
            };
            let relative = month
                .strip_prefix(book.root())
                .unwrap_or(&month)
                .to_string_lossy()
                .into_owned();
            folders.push((relative, month, modified));
        }
    }
    let mut earlier = before.map(|look| look.listed).unwrap_or_default();
    let mut listed = HashMap::new();
    let mut to_list = Vec::new();
    for (path, dir, modified) in &folders {
        if depth == Depth::Folders && known.get(path).map(|(m, _)| m) == Some(modified) {
            continue;
        }
        match earlier.remove(path) {
            Some(seen) if seen.modified == *modified => {
                listed.insert(path.clone(), seen);
            }
            _ => to_list.push((path, dir, *modified)),
        }
    }
    let settled = nanos(std::time::SystemTime::now()) - SETTLING;
    let files = parallel::map(&to_list, |(path, dir, _)| {
        let files = record_stamps(path, dir);
        (digest(&files), files)
    });
    for ((path, _, modified), (digest, files)) in to_list.into_iter().zip(files) {
        listed.insert(
            path.clone(),
            Listed {
                modified,
                digest,
                files,
                settled,
            },
        );
    }
    Look { folders, listed }
}

/// The statements that write a record file's rows.
struct Rows<'t> {
    insert: rusqlite::Statement<'t>,
    body: rusqlite::Statement<'t>,
}

impl<'t> Rows<'t> {
    fn prepare(tx: &'t rusqlite::Transaction<'_>) -> Result<Rows<'t>> {
        Ok(Rows {
            insert: tx
                .prepare(
                    "INSERT OR REPLACE INTO records (path, folder, len, modified, inode, broken,
                     id, received_day, open, customer, last_event, attention, paid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .map_err(sql)?,
            body: tx
                .prepare("INSERT OR REPLACE INTO bodies (path, complaint) VALUES (?1, ?2)")
                .map_err(sql)?,
        })
    }

    /// Writes the rows of `file` (in `folder`, with identity `stamp`) as `parsed`; returns the
    /// ID its name gives, by which even an unreadable record is found.
    fn put(
        &mut self,
        file: &Path,
        folder: &str,
        stamp: &Stamp,
        parsed: &Parsed,
    ) -> Result<Option<String>> {
        let path = file.to_string_lossy();
        let named = file
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned());
        let d = parsed.as_ref().map(|(d, _)| d);
        self.insert
            .execute(params![
                path,
                folder,
                stamp.len,
                stamp.modified,
                stamp.inode,
                d.is_none(),
                named,
                d.map(|d| d.received_day.as_str()),
                d.map(|d| d.open),
                d.and_then(|d| d.customer.as_deref()),
                d.map(|d| d.last_event),
                d.and_then(|d| d.attention),
                d.map(|d| d.paid),
            ])
            .map_err(sql)?;
        // (A replaced row's body went with it, by the delete trigger.)
        if let Some((_, Some(json))) = parsed {
            self.body.execute(params![path, json]).map_err(sql)?;
        }
        Ok(named)
    }
}

/// A write of this program as the index follows it ([`Index::written`]): the month folders it
/// writes into, with their times before the write and just after its last file landed, and
/// each record file with its identity just after it landed.
pub(crate) struct Following {
    /// By the folder's path relative to the book.
    folders: HashMap<String, FolderTimes>,
    /// By the path the write names the file with.
    files: HashMap<PathBuf, Landing>,
}

struct FolderTimes {
    before: Option<i64>,
    after: Option<i64>,
}

struct Landing {
    /// The file's path as the look names it, and its folder's.
    relative: PathBuf,
    folder: String,
    stamp: Option<Stamp>,
}

impl Following {
    /// Before a write of the files `paths` (relative to the book): their folders' times.
    pub(crate) fn start<'a>(book: &Book, paths: impl IntoIterator<Item = &'a Path>) -> Following {
        let files: HashMap<PathBuf, Landing> = paths
            .into_iter()
            .filter_map(|path| {
                let (relative, folder) = record_folder(book, path)?;
                let landing = Landing {
                    relative,
                    folder,
                    stamp: None,
                };
                Some((path.to_path_buf(), landing))
            })
            .collect();
        let folders = files
            .values()
            .map(|landing| {
                let before = folder_time(&book.root().join(&landing.folder));
                let times = FolderTimes {
                    before,
                    after: None,
                };
                (landing.folder.clone(), times)
            })
            .collect();
        Following { folders, files }
    }

    /// Once every file is written: each file's identity and its folder's time, taken at once,
    /// so that what someone else changes afterwards is told apart from this write.
    pub(crate) fn landed(&mut self, book: &Book) {
        for landing in self.files.values_mut() {
            landing.stamp = stamp_at(&book.root().join(&landing.relative));
        }
        for (folder, times) in self.folders.iter_mut() {
            times.after = folder_time(&book.root().join(folder));
        }
    }
}

/// A record file's path relative to the book as the look names it, and its month folder's: a
/// file named by an ID two folders below the records folder. `None` for any other file.
fn record_folder(book: &Book, path: &Path) -> Option<(PathBuf, String)> {
    is_record_name(path.file_name()?.to_str()?).then_some(())?;
    // Through the book's root, as the look's paths are: `./records` is `records`.
    let full = book.root().join(path);
    let relative = full.strip_prefix(book.root()).ok()?.to_path_buf();
    let folder = relative.parent()?;
    let records = book.root().join(&book.config().records);
    (book.root().join(folder.parent()?.parent()?) == records).then_some(())?;
    let folder = folder.to_string_lossy().into_owned();
    Some((relative, folder))
}

fn folder_time(dir: &Path) -> Option<i64> {
    std::fs::metadata(dir).ok()?.modified().ok().map(nanos)
}

impl Index {
    /// Brings an index that was up to date before a write of this program up to it, under the
    /// book's lock, so that the next command finds nothing to read: each record file written
    /// (relative to the book, with its text) gets its rows, unless it changed again since it
    /// landed; and each folder the index knew as it was before the write gets the time it had
    /// just after and its digest, unless its time moved again since (someone else's file).
    /// Best effort and brief: an index that cannot be had at once is left to the next look.
    pub(crate) fn written(book: &Book, following: Following, files: &[(&Path, &str)]) {
        let file = book.root().join(INDEX_FILE);
        if following.files.is_empty() || !file.is_file() {
            return;
        }
        let _ = Index::connect(&file)
            .and_then(|index| {
                // The write is done: it does not wait long for a refresh under way.
                index
                    .conn
                    .busy_timeout(std::time::Duration::from_millis(200))?;
                Ok(index)
            })
            .map_err(sql)
            .and_then(|index| index.follow(book, following, files));
    }

    fn follow(&self, book: &Book, following: Following, files: &[(&Path, &str)]) -> Result<()> {
        let tx = immediate(&self.conn).map_err(sql)?;
        // An index computed under another rulebook (or still empty) is for the next refresh.
        if self.meta("fingerprint").as_deref() != Some(fingerprint(book).as_str()) {
            return Ok(());
        }
        let known = self.known()?;
        // Each folder's digest as the index knew it, where that was the folder just before.
        let mut sums: HashMap<&str, u64> = HashMap::new();
        for (folder, times) in &following.folders {
            match known.get(folder) {
                Some((modified, Some(digest))) if Some(*modified) == times.before => {
                    if let Ok(sum) = u64::from_str_radix(digest, 16) {
                        sums.insert(folder, sum);
                    }
                }
                Some(_) => {}
                // A new folder is known from now on (to be looked into, and to be seen gone).
                None => {
                    tx.execute(
                        "INSERT OR IGNORE INTO folders (path, modified, digest) VALUES (?1, 0, NULL)",
                        params![folder],
                    )
                    .map_err(sql)?;
                }
            }
        }
        let mut rows = Rows::prepare(&tx)?;
        let mut old = tx
            .prepare("SELECT len, modified, inode FROM records WHERE path = ?1")
            .map_err(sql)?;
        let mut written = Vec::new();
        for (path, text) in files {
            let Some(Landing {
                relative,
                folder,
                stamp: Some(stamp),
            }) = following.files.get(*path)
            else {
                continue;
            };
            if stamp_at(&book.root().join(relative)).as_ref() != Some(stamp) {
                // Changed again since it landed: not this text; the next look reads it.
                sums.remove(folder.as_str());
                continue;
            }
            if let Some(sum) = sums.get_mut(folder.as_str()) {
                let was = old
                    .query_row(params![relative.to_string_lossy()], |r| {
                        Stamp::from_row(r, 0)
                    })
                    .optional()
                    .map_err(sql)?;
                if let Some(was) = was {
                    *sum = sum.wrapping_sub(file_hash(relative, &was));
                }
                *sum = sum.wrapping_add(file_hash(relative, stamp));
            }
            let parsed = parse_text(book, relative, text.to_string());
            written.extend(rows.put(relative, folder, stamp, &parsed)?);
        }
        drop((rows, old));
        for (folder, sum) in sums {
            let after = following.folders.get(folder).and_then(|times| times.after);
            if after.is_none() || folder_time(&book.root().join(folder)) != after {
                continue;
            }
            tx.execute(
                "UPDATE folders SET modified = ?2, digest = ?3 WHERE path = ?1",
                params![folder, after, format!("{sum:016x}")],
            )
            .map_err(sql)?;
        }
        self.share(&tx, written)?;
        tx.commit().map_err(sql)
    }
}

fn set_shared(tx: &rusqlite::Transaction<'_>, shared: &[String]) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('shared', ?1)",
        params![serde_json::to_string(shared).unwrap_or_default()],
    )
    .map(drop)
    .map_err(sql)
}

/// The record of the row for `path`: its body when the index keeps one, else its file.
fn complaint(book: &Book, path: &str, json: Option<&str>) -> Result<Complaint> {
    match json.and_then(|j| serde_json::from_str::<Complaint>(j).ok()) {
        Some(complaint) => Ok(complaint),
        None => read(book, Path::new(path)).map(|record| record.complaint),
    }
}

/// A transaction holding the write lock from the start: two commands writing at once take
/// turns (the busy timeout) instead of one failing to upgrade a read into a write.
fn immediate(conn: &Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
}

/// A failure of the index's store, as the library's error.
fn sql(e: rusqlite::Error) -> Error {
    Error::Internal(format!("the index: {e}"))
}

/// The folders in `dir`, sorted, dot-folders left out.
fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path())
                .filter(|p| {
                    !p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'))
                })
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Request, When};

    /// Whether a command reading records' contents would find anything to refresh.
    fn up_to_date(book: &Book) -> bool {
        let index = Index::connect(&book.root().join(INDEX_FILE)).unwrap();
        let known = index.known().unwrap();
        let look = look(book, Depth::Files, &known, None);
        index.survey(&look, &known, &fingerprint(book)).is_none()
    }

    fn book_of_three(dir: &Path) -> (Book, Vec<crate::ComplaintId>) {
        let (book, intake) = crate::book::tests::book_and_intake(dir);
        let ids = [9, 10, 11]
            .map(|hour| {
                let now = format!("2026-09-30T{hour}:00:00+08:00").parse().unwrap();
                book.create(intake.clone(), "王芳", now).unwrap().id
            })
            .to_vec();
        settle(&book);
        (book, ids)
    }

    /// Moves the month folder's time an hour back, as if its last change were long past.
    fn settle(book: &Book) -> std::time::SystemTime {
        let folder = book.root().join("records/2026/09");
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let dir = std::fs::File::open(&folder).unwrap();
        dir.set_modified(hour_ago).unwrap();
        hour_ago
    }

    fn note(book: &Book, id: &crate::ComplaintId, text: &str) {
        let request = Request::Note(crate::event::Note {
            text: text.into(),
            public: false,
        });
        let now = "2026-09-30T16:00:00+08:00".parse().unwrap();
        book.act(id, request, "王芳", When::At(now)).unwrap();
    }

    /// A folder that changed a moment ago is listed again by the next look, whatever its time
    /// says then; one that has settled is trusted by its time.
    #[test]
    fn a_folder_just_changed_is_looked_into_again() {
        let dir = tempfile::tempdir().unwrap();
        let (book, ids) = book_of_three(dir.path());
        let kept = |book: &Book| {
            let index = Index::connect(&book.root().join(INDEX_FILE)).unwrap();
            index.known().unwrap()["records/2026/09"].0
        };
        book.scan().unwrap();
        // A hand edit that renames a file into the folder: its time is now.
        let path = book.root().join(book.record_path(&ids[0]));
        let moved = path.with_extension("tmp");
        std::fs::rename(&path, &moved).unwrap();
        std::fs::rename(&moved, &path).unwrap();
        book.scan().unwrap();
        assert_eq!(kept(&book), 0, "changed just now: its time is not kept");
        assert!(!up_to_date(&book));
        let settled = settle(&book);
        book.scan().unwrap();
        assert_eq!(kept(&book), nanos(settled));
        assert!(up_to_date(&book));
    }

    /// The first record of a month goes into a folder the index did not know: the folder is
    /// known from then on, so that it is seen gone (a `git reset` that takes the month away)
    /// and its rows with it.
    #[test]
    fn a_new_month_written_then_taken_away_leaves_no_rows() {
        let dir = tempfile::tempdir().unwrap();
        let (book, intake) = crate::book::tests::book_and_intake(dir.path());
        book.create(
            intake.clone(),
            "王芳",
            "2026-09-30T09:00:00+08:00".parse().unwrap(),
        )
        .unwrap();
        settle(&book);
        book.scan().unwrap();
        book.create(intake, "王芳", "2026-10-08T09:00:00+08:00".parse().unwrap())
            .unwrap();
        std::fs::remove_dir_all(book.root().join("records/2026/10")).unwrap();
        let scan = book.scan().unwrap();
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.records.len(), 1);
    }

    /// A records folder given as `./records` names each file as the look does: one row each.
    #[test]
    fn a_records_folder_written_with_a_dot_is_one_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (book, ids) = book_of_three(dir.path());
        let config = book.root().join("complaint.yaml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(
            &config,
            text.replace("records: records", "records: ./records"),
        )
        .unwrap();
        let book = Book::open(book.root()).unwrap();
        book.scan().unwrap();
        note(&book, &ids[0], "补记");
        let scan = book.scan().unwrap();
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.records.len(), 3);
        let index = Index::connect(&book.root().join(INDEX_FILE)).unwrap();
        let rows: i64 = index
            .conn
            .query_row("SELECT COUNT(*) FROM records", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 3);
    }

    /// A write of this program brings the index along in the same step: the next command has
    /// nothing to read again, and finds the new history in the index.
    #[test]
    fn a_write_leaves_the_index_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        let (book, ids) = book_of_three(dir.path());
        book.scan().unwrap();
        assert!(up_to_date(&book));
        note(&book, &ids[1], "补记");
        assert!(up_to_date(&book), "a note leaves nothing to refresh");
        let scan = book.scan().unwrap();
        let noted = scan.records.iter().find(|r| r.complaint.id == ids[1]);
        assert_eq!(noted.unwrap().complaint.history.len(), 2);
    }

    /// A record edited in place by hand in the same month before a write is still read again:
    /// the write adds only its own file to the folder's digest, which then differs from the
    /// folder's files.
    #[test]
    fn a_hand_edit_beside_a_write_is_still_seen() {
        let dir = tempfile::tempdir().unwrap();
        let (book, ids) = book_of_three(dir.path());
        book.scan().unwrap();
        let edited = book.root().join(book.record_path(&ids[0]));
        let text = std::fs::read_to_string(&edited).unwrap();
        // In place: the file's identity changes, its folder's time does not.
        std::fs::write(&edited, text.replace("坏了", "屏幕坏了")).unwrap();
        note(&book, &ids[2], "补记");
        assert!(!up_to_date(&book));
        let scan = book.scan().unwrap();
        let first = scan.records.iter().find(|r| r.complaint.id == ids[0]);
        assert_eq!(
            first.unwrap().complaint.facts.description.as_deref(),
            Some("屏幕坏了")
        );
    }
}
