//! The book: a folder of complaint records, its configuration and rulebook, usually in git.
//!
//! ```text
//! book/
//!   complaint.yaml           configuration (this module's Config)
//!   rulebook.yaml            the rulebook in force
//!   records/2026/09/C-20260930-7KQX2M.yaml   one file per complaint, sharded by month received
//!   .complaint/              the write lock and the index of records (ignored by git)
//! ```
//!
//! Writes take the lock, write to a temporary file in the same folder, flush it to disk and
//! rename it over the record (so a record is never half-written), then make one git commit.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::calendar::{self, Schedule};
use crate::error::{Error, Result};
use crate::event::{self, Request};
use crate::files::ReadSource;
use crate::id::{self, ComplaintId};
use crate::index::{self, Depth, Index, Narrow};
use crate::journal::{self, Change};
use crate::keys::Identity;
use crate::lock::BookLock;
use crate::model::{Complaint, Event, Intake, Timestamp};
use crate::roster::{FILE as ROSTER, Roster};
use crate::rulebook::Rulebook;
use crate::source::{Source, shown};
use crate::{git, intake, parallel, sla, yaml};
use complaint_core::said;

/// The name of the configuration file that marks a book's root.
pub const CONFIG_FILE: &str = "complaint.yaml";
/// Local, disposable state (lock, index), ignored by git.
const LOCAL_DIR: &str = ".complaint";
const LOCK_FILE: &str = ".complaint/lock";
/// Records merge as records (see [`crate::merge`]), through the driver every command registers.
const GITATTRIBUTES: &str = "# Complaint records merge as records: events united, facts must agree.\nrecords/** merge=complaint\n";

/// The book's configuration file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Layout version, for future migrations.
    pub format: u32,
    /// The rulebook file, relative to the book.
    #[serde(default = "default_rulebook")]
    pub rulebook: PathBuf,
    /// The records folder, relative to the book.
    #[serde(default = "default_records")]
    pub records: PathBuf,
    /// Whether each change is committed to git.
    #[serde(default = "yes")]
    pub commit: bool,
    /// Who holds which roles (ladder level codes or roles of the rulebook), for approvals:
    /// `staff: {李娜: [dept_head]}`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub staff: std::collections::BTreeMap<String, Vec<String>>,
    /// How big a text, a record and a history may grow.
    #[serde(default, skip_serializing_if = "Limits::is_default")]
    pub limits: Limits,
    /// Who the cron job's automatic escalations (`sla --escalate`) are recorded as, when no
    /// one is named.
    #[serde(
        default = "default_cron_user",
        skip_serializing_if = "is_default_cron_user"
    )]
    pub cron_user: String,
}

/// The cron job's name in histories and commits unless `complaint.yaml` gives another.
pub const CRON_USER: &str = "complaint-sla";

fn default_cron_user() -> String {
    CRON_USER.to_string()
}

fn is_default_cron_user(user: &str) -> bool {
    user == CRON_USER
}

/// How big what people and other systems type may be: a bound on every text field and on a
/// record, and on the number of events, so that nothing grows until it hangs a terminal, a
/// parser or a spreadsheet. Set in `complaint.yaml` (`limits: {field: 65536}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Bytes in one text field (a description, a note, a name).
    pub field: usize,
    /// Bytes in one record file.
    pub record: usize,
    /// Events in one history.
    pub events: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            field: 64 * 1024,
            record: 1024 * 1024,
            events: 1000,
        }
    }
}

impl Limits {
    fn is_default(&self) -> bool {
        *self == Limits::default()
    }

    /// Refuses a complaint whose text (as written) or any of whose fields or whose history is
    /// over the limits, naming the field.
    pub fn check(&self, complaint: &Complaint, text: &str) -> Result<()> {
        // A complaint being registered has no ID anyone knows yet.
        let whose = if complaint.history.len() <= 1 {
            said!("the new complaint's", "新投诉的")
        } else {
            let id = &complaint.id;
            said!("{id}", "{id} 的")
        };
        let over = |what: said::Said, size: usize, limit: usize, key: &str| {
            Error::invalid(
                crate::Problem::TooLarge,
                said!(
                    "{whose} {what} is {size} bytes, over the limit of {limit}",
                    "{whose}{what}有 {size} 字节，超过上限 {limit}";
                    whose,
                    what
                ),
                said!(
                    "shorten it (attach long texts as evidence files), or raise `limits.{key}` in complaint.yaml",
                    "请缩短它（长文本可作为证据文件附上），或在 complaint.yaml 中调高 `limits.{key}`"
                ),
            )
        };
        if let Ok(value) = serde_json::to_value(complaint)
            && let Some((path, size)) = longest_text(&value, String::new())
            && size > self.field
        {
            return Err(over(
                said!("`{path}`", " `{path}` "),
                size,
                self.field,
                "field",
            ));
        }
        if complaint.history.len() > self.events {
            let (id, events, limit) = (&complaint.id, complaint.history.len(), self.events);
            return Err(Error::invalid(
                crate::Problem::TooLarge,
                said!(
                    "{id} would have {events} events, over the limit of {limit}",
                    "{id} 将有 {events} 个事件，超过上限 {limit}"
                ),
                said!(
                    "raise `limits.events` in complaint.yaml",
                    "请在 complaint.yaml 中调高 `limits.events`"
                ),
            ));
        }
        if text.len() > self.record {
            return Err(over(
                said!("record", "记录"),
                text.len(),
                self.record,
                "record",
            ));
        }
        Ok(())
    }
}

/// The longest string in a value, and where it is (`facts.description`, `history[3].text`).
fn longest_text(value: &serde_json::Value, path: String) -> Option<(String, usize)> {
    use serde_json::Value;
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::String(s) => Some((path, s.len())),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| longest_text(v, format!("{path}[{i}]")))
            .max_by_key(|(_, size)| *size),
        Value::Object(map) => map
            .iter()
            .filter_map(|(k, v)| longest_text(v, join(k)))
            .max_by_key(|(_, size)| *size),
        _ => None,
    }
}

fn default_rulebook() -> PathBuf {
    PathBuf::from("rulebook.yaml")
}
fn default_records() -> PathBuf {
    PathBuf::from("records")
}
fn yes() -> bool {
    true
}

/// One record and where it lives.
#[derive(Debug, Clone)]
pub struct Record {
    /// The file, relative to the book's root.
    pub path: PathBuf,
    /// The complaint the file holds.
    pub complaint: Complaint,
}

/// Every record of the book that could be read, and an error for each that could not.
#[derive(Debug, Default)]
pub struct Scan {
    /// The records read, with their files.
    pub records: Vec<Record>,
    /// One error per file that could not be read or parsed, located in it.
    pub errors: Vec<Error>,
}

/// What an import did: the complaints registered, and the rows skipped as imported before
/// (line, `source:key`).
#[derive(Debug, Default)]
pub struct Imported {
    /// The complaints registered, in the file's order.
    pub created: Vec<Complaint>,
    /// Rows not imported because the book has their key already: (line in the CSV file, `source:key`).
    pub skipped: Vec<(u64, String)>,
}

/// What a batch of requests did.
#[derive(Debug, Default)]
pub struct Batch {
    /// The complaints changed, each with its new event.
    pub applied: Vec<Complaint>,
    /// The requests refused, each with why; nothing was written for them.
    pub refused: Vec<(ComplaintId, Error)>,
}

/// When an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Now, read once the book's lock is held: clerks racing on one complaint queue for the
    /// lock, and each one's event comes after the one before.
    Now,
    /// At this instant (a `--now` given, a replay, a test).
    At(Timestamp),
}

impl When {
    /// The instant, in `zone` when it is now.
    pub fn at(self, zone: chrono_tz::Tz) -> Timestamp {
        match self {
            When::Now => chrono::Utc::now().with_timezone(&zone).fixed_offset(),
            When::At(at) => at,
        }
    }
}

impl From<Timestamp> for When {
    fn from(at: Timestamp) -> When {
        When::At(at)
    }
}

/// The cron job's answer: the rows `sla` lists, in order, and the records it could not read.
#[derive(Debug)]
pub struct Sla {
    /// The rows `sla` lists, in its order.
    pub rows: Vec<sla::Row>,
    /// One error per record that could not be read.
    pub errors: Vec<Error>,
}

/// An open book.
#[derive(Debug)]
pub struct Book {
    root: PathBuf,
    config: Config,
    rulebook: Rulebook,
    commit: bool,
    /// Whether reads go through the index ([`crate::index`]).
    indexed: bool,
    /// `staff.yaml`, if the book has one.
    roster: Option<Roster>,
    /// Who holds which roles: the roster's, else `complaint.yaml`'s `staff:`.
    staff: std::collections::BTreeMap<String, Vec<String>>,
    /// The key this process acts with, and its owner on the roster.
    identity: std::sync::OnceLock<(Identity, String)>,
    /// The book's match key once opened ([`crate::seal`]).
    pub(crate) match_key: std::sync::OnceLock<Vec<u8>>,
    /// The audit of signatures once made ([`crate::signed`]).
    pub(crate) verified: std::sync::OnceLock<crate::signed::Verified>,
}

impl Book {
    /// Finds the book: `dir` itself if given, else the nearest folder at or above `start`
    /// holding a `complaint.yaml` (the way git finds `.git`).
    pub fn locate(dir: Option<&Path>, start: &Path) -> Result<PathBuf> {
        if let Some(dir) = dir {
            return if dir.join(CONFIG_FILE).is_file() {
                Ok(dir.to_path_buf())
            } else {
                Err(Error::NotABook {
                    path: dir.to_path_buf(),
                })
            };
        }
        start
            .ancestors()
            .find(|d| d.join(CONFIG_FILE).is_file())
            .map(Path::to_path_buf)
            .ok_or_else(|| Error::NoBook {
                start: start.to_path_buf(),
            })
    }

    /// Opens the book at `root`, loading and checking its rulebook.
    pub fn open(root: &Path) -> Result<Book> {
        let config_path = root.join(CONFIG_FILE);
        if !config_path.is_file() {
            return Err(Error::NotABook {
                path: root.to_path_buf(),
            });
        }
        let config: Config = yaml::parse(&Source::read(&config_path, shown(&config_path, root))?)?;
        let rulebook_path = root.join(&config.rulebook);
        let rulebook = crate::files::load_rulebook(
            Source::read(&rulebook_path, shown(&rulebook_path, root))?,
            rulebook_path.parent(),
        )?;
        let roster = Roster::read(root)?;
        let staff = match &roster {
            Some(_) if !config.staff.is_empty() => {
                return Err(Error::invalid(
                    crate::Problem::Key,
                    said!(
                        "staff are listed both in {CONFIG_FILE} and in {ROSTER}",
                        "人员同时列在 {CONFIG_FILE} 和 {ROSTER} 中"
                    ),
                    said!(
                        "keep the roster in {ROSTER} only: move each person there (`complaint staff add`) and delete `staff:` from {CONFIG_FILE}",
                        "名册只保留在 {ROSTER} 中：把每个人移过去（`complaint staff add`），并删除 {CONFIG_FILE} 中的 `staff:`"
                    ),
                ));
            }
            Some(roster) => roster.roles(),
            None => config.staff.clone(),
        };
        Ok(Book {
            root: root.to_path_buf(),
            commit: config.commit,
            config,
            rulebook,
            indexed: true,
            roster,
            staff,
            identity: Default::default(),
            match_key: Default::default(),
            verified: Default::default(),
        })
    }

    /// Makes a new book in `dir` with the given rulebook text, and `git init`s it unless it is
    /// already inside a repository.
    pub fn init(dir: &Path, rulebook: &Source, commit: bool) -> Result<Book> {
        if dir.join(CONFIG_FILE).exists() {
            return Err(Error::BookExists {
                path: dir.to_path_buf(),
            });
        }
        let checked = Rulebook::load(rulebook.clone())?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let config = Config {
            format: 1,
            rulebook: default_rulebook(),
            records: default_records(),
            commit,
            staff: Default::default(),
            limits: Limits::default(),
            cron_user: default_cron_user(),
        };
        let records = dir.join(&config.records);
        std::fs::create_dir_all(&records).map_err(|e| Error::io(&records, e))?;
        let header = "# A complaint book. See `complaint --help` and `man complaint`.\n";
        write_atomic(
            &dir.join(CONFIG_FILE),
            &format!("{header}{}", yaml::write(&config)?),
        )?;
        write_atomic(&dir.join(&config.rulebook), rulebook.text())?;
        write_atomic(&records.join(".gitkeep"), "")?;
        write_atomic(&dir.join(".gitignore"), &format!("{LOCAL_DIR}/\n.tmp-*\n"))?;
        write_atomic(&dir.join(".gitattributes"), GITATTRIBUTES)?;
        if commit {
            if !git::in_repo(dir) {
                git::init(dir)?;
            }
            let files = [
                Path::new(CONFIG_FILE),
                &config.rulebook,
                Path::new(".gitignore"),
                Path::new(".gitattributes"),
                &config.records.join(".gitkeep"),
            ];
            let message = format!(
                "New complaint book (rulebook {} {})",
                checked.rulebook,
                checked.version()
            );
            git::commit(dir, &files, &message, "complaint", None).map_err(|err| {
                git::with_help(
                    err,
                    said!(
                        "the book was made but not committed: commit it by hand (`git add -A && git commit`)",
                        "投诉簿已建好但未提交：请手动提交（`git add -A && git commit`）"
                    ),
                )
            })?;
        }
        Book::open(dir)
    }

    /// The book's folder, where `complaint.yaml` is.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The book's configuration (`complaint.yaml`).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Who holds which roles (from `staff.yaml`, else `complaint.yaml`'s `staff:`).
    pub fn staff(&self) -> &std::collections::BTreeMap<String, Vec<String>> {
        &self.staff
    }

    /// The roster (`staff.yaml`), if the book has one.
    pub fn roster(&self) -> Option<&Roster> {
        self.roster.as_ref()
    }

    /// Whether every write must be a commit signed by its actor's key.
    pub fn signs(&self) -> bool {
        self.roster.as_ref().is_some_and(|r| r.signed)
    }

    /// Whether customers' personal data is stored encrypted.
    pub fn encrypts(&self) -> bool {
        self.roster.as_ref().is_some_and(|r| r.encryption.is_some())
    }

    /// Acts with `identity` from now on: its commits are signed with it and what is encrypted
    /// to it can be opened. Returns its owner on the roster; a key the roster does not list is
    /// refused.
    pub fn use_identity(&self, identity: Identity) -> Result<String> {
        if let Some((_, owner)) = self.identity.get() {
            return Ok(owner.clone());
        }
        let public = identity.public();
        let owner = self
            .roster
            .as_ref()
            .and_then(|r| r.owner_of(&public))
            .map(str::to_string)
            .ok_or_else(|| {
                let (path, fingerprint) = (
                    identity.path().display().to_string(),
                    public.fingerprint(),
                );
                crate::keys::key_error(
                    said!(
                        "the key {path} ({fingerprint}) is not on the book's roster",
                        "密钥 {path}（{fingerprint}）不在本簿的人员名册上"
                    ),
                    said!(
                        "ask an admin to add it (`complaint staff add NAME --key-file KEY.pub`), or point COMPLAINT_IDENTITY at your key on the roster",
                        "请管理员添加它（`complaint staff add NAME --key-file KEY.pub`），或让 COMPLAINT_IDENTITY 指向名册上你的密钥"
                    ),
                )
            })?;
        let _ = self.identity.set((identity, owner.clone()));
        Ok(owner)
    }

    /// The key this process acts with, once [`Book::use_identity`] gave one.
    pub fn identity(&self) -> Option<&Identity> {
        self.identity.get().map(|(identity, _)| identity)
    }

    /// Whose key this process acts with, once [`Book::use_identity`] gave one.
    pub fn key_owner(&self) -> Option<&str> {
        self.identity.get().map(|(_, owner)| owner.as_str())
    }

    /// The key commits are signed with: the actor's.
    fn signer(&self) -> Option<&Identity> {
        // Whenever there is a key: also the commit that turns signing on is signed.
        self.identity()
    }

    /// The book's rulebook, loaded and checked when the book was opened.
    pub fn rulebook(&self) -> &Rulebook {
        &self.rulebook
    }

    /// The book's rulebook as it was at git revision `rev` (`HEAD~1`, `main`), with the
    /// calendar files beside it as they were then, not as they are now.
    pub fn rulebook_at(&self, rev: &str) -> Result<crate::files::RulebookText> {
        let relative = &self.config.rulebook;
        let text = git::show(&self.root, rev, relative)?;
        let folder = relative.parent().unwrap_or(Path::new(""));
        Ok(crate::files::RulebookText::new(
            Source::new(format!("{rev}:{}", relative.display()), text),
            crate::files::GitFolder::new(&self.root, rev, folder),
        ))
    }

    /// Turns git commits off for this session (`--no-commit`).
    pub fn set_commit(&mut self, commit: bool) {
        self.commit = commit && self.config.commit;
    }

    /// Where a complaint's record lives, relative to the root.
    pub fn record_path(&self, id: &ComplaintId) -> PathBuf {
        let date = id.date();
        self.config
            .records
            .join(date.format("%Y").to_string())
            .join(date.format("%m").to_string())
            .join(format!("{id}.yaml"))
    }

    /// Every record file in the book, sorted (so by date received), with the ID its name gives.
    pub fn files(&self) -> Result<Vec<(ComplaintId, PathBuf)>> {
        let mut files = Vec::new();
        let records = self.root.join(&self.config.records);
        for year in read_dir_sorted(&records)?
            .into_iter()
            .filter(|p| p.is_dir())
        {
            for month in read_dir_sorted(&year)?.into_iter().filter(|p| p.is_dir()) {
                files.extend(month_files(&self.root, &month)?);
            }
        }
        Ok(files)
    }

    /// The one complaint a person's query names (a whole ID or a unique part of one).
    pub fn resolve(&self, query: &str) -> Result<ComplaintId> {
        let wanted = id::normalise_query(query);
        if wanted.is_empty() {
            return Err(Error::NotFound {
                query: query.to_string(),
            });
        }
        // IDs are file names: the folders that changed are enough to know them all.
        let found: Vec<(ComplaintId, PathBuf)> = match self.index(Depth::Folders) {
            // The index holds every ID: one query, whatever the size of the book.
            Some(index) => index
                .ids_containing(&wanted)?
                .into_iter()
                .filter_map(|(id, path)| Some((ComplaintId::try_from(id).ok()?, path)))
                .filter(|(id, _)| id::matches(id, &wanted))
                .collect(),
            None => self
                .files()?
                .into_iter()
                .filter(|(id, _)| id::matches(id, &wanted))
                .collect(),
        };
        let mut ids: Vec<&ComplaintId> = found.iter().map(|(id, _)| id).collect();
        ids.dedup();
        match ids.as_slice() {
            [] => Err(Error::NotFound {
                query: query.to_string(),
            }),
            [one] if found.len() > 1 => Err(Error::DuplicateId {
                id: one.to_string(),
                first: found[0].1.clone(),
                second: found[1].1.clone(),
            }),
            [one] => Ok((*one).clone()),
            many => match many.iter().find(|id| id.as_str() == wanted) {
                Some(exact) => Ok((*exact).clone()),
                // A part as short as `C` matches the whole book: a few are enough to go on.
                None => Err(Error::Ambiguous {
                    query: query.to_string(),
                    matched: many.len(),
                    candidates: many.iter().take(8).map(ToString::to_string).collect(),
                }),
            },
        }
    }

    /// Loads one record by ID.
    pub fn load(&self, id: &ComplaintId) -> Result<Record> {
        self.load_file(&self.record_path(id))
    }

    /// One record file (relative to the root), read and parsed.
    pub(crate) fn load_file(&self, relative: &Path) -> Result<Record> {
        self.read_record(relative).map(|(record, _)| record)
    }

    /// A record and the text it was read from (kept by writers, to put it back on failure).
    fn read_record(&self, relative: &Path) -> Result<(Record, Source)> {
        let path = self.root.join(relative);
        // Checked before reading: a record grown by hand past any sense is named, not parsed.
        let limit = self.config.limits.record;
        if let Ok(meta) = std::fs::metadata(&path)
            && meta.len() > limit as u64
        {
            let (file, size) = (relative.display(), meta.len());
            return Err(Error::invalid(
                crate::Problem::TooLarge,
                said!(
                    "{file} is {size} bytes, over the limit of {limit} for a record",
                    "{file} 有 {size} 字节，超过记录的上限 {limit}"
                ),
                said!(
                    "restore it from git (`git log -p` on the file), or raise `limits.record` in complaint.yaml",
                    "请从 git 恢复它（对该文件运行 `git log -p`），或在 complaint.yaml 中调高 `limits.record`"
                ),
            ));
        }
        let source = Source::read(&path, relative.display().to_string())?.private();
        self.record_from(relative, source)
    }

    /// The record `source` holds, read as the file `relative` (its name must be its ID).
    fn record_from(&self, relative: &Path, source: Source) -> Result<(Record, Source)> {
        let complaint: Complaint = match yaml::parse_with_keys(&source, &Complaint::keys()) {
            Ok(complaint) => complaint,
            Err(err) => {
                let Some(offset) = crate::merge::conflict_marker(source.text()) else {
                    return Err(err);
                };
                return Err(source
                    .error(
                        format!("{} is in the middle of an unfinished git merge", relative.display()),
                        Some((offset, 7)),
                        "git's conflict marker",
                    )
                    .with_help(Some(format!(
                        "two desks changed the same facts. Keep the right version between the markers and delete the markers (`git mergetool`, or edit it), then `git add {0}` and `git commit`; or give up the merge with `git merge --abort`. Records whose only differences are events merge by themselves once the driver is registered (any complaint command registers it)",
                        relative.display()
                    )))
                    .into());
            }
        };
        let stem = relative
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if complaint.id.as_str() != stem {
            let offset = source.text().find(complaint.id.as_str());
            return Err(source
                .error(
                    format!(
                        "the record's id {} does not match its file name {stem}.yaml",
                        complaint.id
                    ),
                    offset.map(|o| (o, complaint.id.as_str().len())),
                    "this id",
                )
                .with_help(Some(
                    "a record's file is named after its id; restore one of them".to_string(),
                ))
                .into());
        }
        let record = Record {
            path: relative.to_path_buf(),
            complaint,
        };
        Ok((record, source))
    }

    /// Loads every record; unreadable records are reported, not fatal. Records unchanged since
    /// the last scan come from the index (see [`crate::index`]), the rest are parsed in parallel.
    pub fn scan(&self) -> Result<Scan> {
        self.select(&Narrow::default())
    }

    /// The records `narrow` may choose, at least (unreadable records and every record of a
    /// shared ID always come too): what a command needs before its own filter, read from the
    /// index so that the cron job reads what is open, not what was ever received. Without an
    /// index (`--no-index`, or one that cannot be written) every file is read.
    pub fn select(&self, narrow: &Narrow) -> Result<Scan> {
        match self.index(Depth::Files) {
            Some(index) => index.select(self, narrow),
            None => self.scan_files(),
        }
    }

    /// As [`Book::select`], trusting that records not renamed into place since the last read
    /// are unchanged (an edit in place is seen by the next whole read): for what the desk
    /// needs at once and can live without for a moment, the caller's other complaints.
    pub fn select_recent(&self, narrow: &Narrow) -> Result<Scan> {
        match self.index(Depth::Folders) {
            Some(index) => index.select(self, narrow),
            None => self.scan_files(),
        }
    }

    /// The index, when the book uses one and it can be had, refreshed to `depth`.
    fn index(&self, depth: Depth) -> Option<Index> {
        if self.indexed {
            Index::open(self, depth)
        } else {
            None
        }
    }

    /// Whether commands read through the index (the default) or every file (`--no-index`).
    pub fn set_index(&mut self, indexed: bool) {
        self.indexed = indexed;
    }

    /// Reads and parses every record file, in parallel: the audit's way, and the way without
    /// an index.
    pub fn scan_files(&self) -> Result<Scan> {
        let files = self.files()?;
        let read = parallel::map(&files, |(_, path)| self.load_file(path));
        Ok(scanned(read))
    }

    /// The record in `text`, read from the file `relative` (for a reader that has the text
    /// already); over the book's limit for a record, refused as [`Book::load`] refuses it.
    pub(crate) fn record_from_text(&self, relative: &Path, text: String) -> Result<Record> {
        if text.len() > self.config.limits.record {
            return self.load_file(relative);
        }
        let source = Source::new(relative.display().to_string(), text).private();
        self.record_from(relative, source).map(|(record, _)| record)
    }

    /// Checks every record: that it parses, that its ID is its own, and that its history
    /// replays under the rulebook (see [`crate::audit`]). Each problem points into the file.
    pub fn check(&self) -> Result<Vec<Error>> {
        // An interrupted write is finished first: it is not a problem, only unfinished.
        let (uncommitted, drift) = self.repository_state()?;
        // The audit reads every file, never the index.
        let scan = self.scan_files()?;
        let mut problems = scan.errors;
        for record in uncommitted {
            let who = match record.authors.as_slice() {
                [] => said::Said::new("", ""),
                authors => {
                    let (en, zh) = (authors.join(", "), authors.join("、"));
                    said::Said::new(format!(" (events by {en})"), format!("（事件由{zh}记录）"))
                }
            };
            let file = record.path.display();
            let (state, help) = if record.untracked {
                (
                    said!("not tracked by git", "未纳入 git 管理"),
                    said!(
                        "commit it with `complaint repair --adopt` (authored by whoever wrote its events), or delete the file if it should not exist",
                        "请用 `complaint repair --adopt` 提交它（作者为记录其事件的人），如果它本不该存在，就删除该文件"
                    ),
                )
            } else {
                (
                    said!("changed but not committed", "已修改但未提交"),
                    said!(
                        "commit it with `complaint repair --adopt` (authored by whoever wrote its events), or undo it with `git checkout -- PATH`",
                        "请用 `complaint repair --adopt` 提交它（作者为记录其事件的人），或用 `git checkout -- PATH` 撤销修改"
                    ),
                )
            };
            problems.push(Error::invalid(
                crate::Problem::Repository,
                said!(
                    "{file} is {state}{who}: a clone does not have it, and `git clean` or `git checkout` would lose it",
                    "{file} {state}{who}：克隆的仓库中没有它，`git clean` 或 `git checkout` 会把它丢掉";
                    state,
                    who
                ),
                help,
            ));
        }
        for path in drift {
            let file = path.display();
            problems.push(Error::invalid(
                crate::Problem::Repository,
                said!(
                    "git's index holds an older {file} than the last commit: a plain `git commit` would undo it",
                    "git 索引中的 {file} 比最近一次提交的旧：直接 `git commit` 会撤销它"
                ),
                said!("run `complaint repair`", "请运行 `complaint repair`"),
            ));
        }
        if self.encrypts() {
            for record in scan
                .records
                .iter()
                .filter(|r| r.complaint.facts.customer.sealed.is_none())
            {
                let c = &record.complaint.facts.customer;
                if [&c.name, &c.phone, &c.account, &c.email, &c.address]
                    .iter()
                    .all(|f| f.is_none())
                {
                    continue;
                }
                let file = record.path.display();
                problems.push(Error::invalid(
                    crate::Problem::Key,
                    said!(
                        "{file} holds personal data in clear in a book that encrypts it",
                        "{file} 在加密的投诉簿中以明文保存了个人信息"
                    ),
                    said!(
                        "run `complaint encrypt` (written by a desk that had not synced encryption yet)",
                        "请运行 `complaint encrypt`（由尚未同步加密设置的坐席写入）"
                    ),
                ));
            }
        }
        problems.extend(
            self.verify_signatures()?
                .violations
                .iter()
                .map(crate::signed::Violation::error),
        );
        for record in &scan.records {
            let (findings, _) = self.findings(record);
            if findings.is_empty() {
                continue;
            }
            let path = self.root.join(&record.path);
            let source = Source::read(&path, record.path.display().to_string())?.private();
            for finding in findings {
                let span = event_span(source.text(), finding.event);
                let help = "a record's history must replay under the rulebook: restore it from git (`git log -p` on the file)";
                problems.push(
                    source
                        .error(finding.message, span, "this event")
                        .with_help(Some(help.to_string()))
                        .into(),
                );
            }
        }
        Ok(problems)
    }

    /// The semantic conflicts of every record: moves that were legal when their desk wrote
    /// them and that two desks' merged histories make illegal, each waiting for `complaint
    /// resolve`.
    pub fn conflicts(&self) -> Result<Vec<(Record, Vec<crate::audit::Finding>)>> {
        Ok(self
            .scan()?
            .records
            .into_iter()
            .filter_map(|record| {
                let (_, found) = self.findings(&record);
                (!found.is_empty()).then_some((record, found))
            })
            .collect())
    }

    /// The semantic conflicts of one record not yet resolved.
    pub fn conflicts_of(&self, record: &Record) -> Vec<crate::audit::Finding> {
        self.findings(record).1
    }

    /// The request that settles a semantic conflict of `record`: the one on its event number
    /// `event` (1-based, as `show` counts), or its first; `keep` lets that event stand, else it
    /// leaves the replay. Refused when there is no such conflict, naming the events in conflict.
    pub fn resolution(
        &self,
        record: &Record,
        event: Option<usize>,
        keep: bool,
        reason: &str,
    ) -> Result<Request> {
        let conflicts = self.conflicts_of(record);
        let chosen = match event {
            Some(n) => conflicts.iter().find(|c| c.event + 1 == n),
            None => conflicts.first(),
        };
        let id = &record.complaint.id;
        let Some(conflict) = chosen else {
            let listed: Vec<String> = conflicts
                .iter()
                .map(|c| (c.event + 1).to_string())
                .collect();
            let listed = listed.join(", ");
            return Err(Error::invalid(
                crate::Problem::Request,
                match event {
                    Some(n) => said!(
                        "event {n} of {id} is not in conflict",
                        "{id} 的第 {n} 个事件没有冲突"
                    ),
                    None => said!("{id} has no conflict to resolve", "{id} 没有待解决的冲突"),
                },
                (!listed.is_empty())
                    .then(|| said!("events in conflict: {listed}", "有冲突的事件：{listed}")),
            ));
        };
        let event = &record.complaint.history[conflict.event];
        Ok(Request::Resolve(crate::event::Resolve {
            conflict: event.action.name().to_string(),
            conflict_at: event.at,
            conflict_by: event.by.clone(),
            keep,
            reason: reason.to_string(),
        }))
    }

    /// A record's audit findings, split into problems (the record is wrong) and semantic
    /// conflicts (each event was legal where it was written; merged, one is not).
    fn findings(
        &self,
        record: &Record,
    ) -> (Vec<crate::audit::Finding>, Vec<crate::audit::Finding>) {
        self.audit(&record.path, &record.complaint)
            .into_iter()
            .partition(|f| {
                !(f.refused
                    && self.legal_when_written(&record.path, &record.complaint.history[f.event]))
            })
    }

    /// The replay of a record's history ([`crate::audit`]), each event judged with the roles
    /// its maker held when they made it where the audit of signatures knows them (a book that
    /// signs), else with today's.
    fn audit(&self, path: &Path, complaint: &Complaint) -> Vec<crate::audit::Finding> {
        let then = self.verified.get().and_then(|v| v.roles.get(path));
        crate::audit::audit_with(complaint, &self.rulebook, |event| {
            then.and_then(|events| events.iter().find(|(e, _)| e == event))
                .map(|(_, roles)| roles.clone())
                .or_else(|| self.staff.get(&event.by).cloned())
                .unwrap_or_default()
        })
    }

    /// Whether `event` replays cleanly in the version of the record committed with it: the
    /// first commit whose version holds it. A move illegal already there was written wrong (by
    /// hand); one legal there was made illegal by a merge.
    fn legal_when_written(&self, path: &Path, event: &Event) -> bool {
        if !self.commit || !git::in_repo(&self.root) {
            return false;
        }
        for commit in git::commits_touching(&self.root, path) {
            let Some(version) = parsed(path, git::text_at(&self.root, &commit, path)) else {
                continue;
            };
            let Some(index) = version.history.iter().position(|e| e == event) else {
                continue;
            };
            return self.audit(path, &version).iter().all(|f| f.event != index);
        }
        false
    }

    /// Registers a new complaint.
    pub fn create(&self, intake: Intake, by: &str, now: Timestamp) -> Result<Complaint> {
        let _lock = self.lock_and_recover()?;
        let (change, complaint) = self.new_record(intake, by, now, &[])?;
        let message = event::describe(
            &complaint,
            complaint.history.last().expect("received"),
            &self.rulebook,
        );
        self.transact(vec![change], &message, by, now)?;
        Ok(complaint)
    }

    /// The source keys (`SYSTEM:KEY`) of the book's imported complaints.
    pub fn sources(&self) -> Result<std::collections::HashSet<String>> {
        Ok(self
            .scan()?
            .records
            .into_iter()
            .filter_map(|r| r.complaint.facts.source)
            .collect())
    }

    /// Registers the rows of a CSV file (see [`crate::import`]) as one commit, all or none;
    /// rows whose source key the book already has were imported before and are skipped.
    pub fn import(
        &self,
        csv: &Source,
        mapping: &crate::import::Mapping,
        by: &str,
        now: Timestamp,
    ) -> Result<Imported> {
        let _lock = self.lock_and_recover()?;
        let records = self.scan()?.records;
        let known = records
            .iter()
            .filter_map(|r| r.complaint.facts.source.clone())
            .collect();
        let read = crate::import::read(csv, mapping, &self.rulebook, now, &known)?;
        let mut imported = Imported {
            skipped: read.skipped,
            ..Imported::default()
        };
        let mut changes: Vec<Change> = Vec::new();
        for row in read.rows {
            let (change, complaint) =
                self.new_record(row.intake, by, now, &changes)
                    .map_err(|err| {
                        let (name, line) = (csv.name(), row.line);
                        let err = said::Said::new(
                            err.message(crate::rulebook::Language::En),
                            err.message(crate::rulebook::Language::Zh),
                        );
                        Error::invalid(
                            crate::Problem::Import,
                            said!(
                                "{name} line {line}: {err}",
                                "{name} 第 {line} 行：{err}";
                                err
                            ),
                            said!(
                                "nothing was imported; fix the row and import again",
                                "未导入任何内容；请改正该行后重新导入"
                            ),
                        )
                    })?;
            changes.push(change);
            imported.created.push(complaint);
        }
        if !changes.is_empty() {
            let message = format!(
                "import {}: {} complaint(s) by {by}",
                csv.name(),
                imported.created.len()
            );
            self.transact(changes, &message, by, now)?;
        }
        Ok(imported)
    }

    /// Registers one complaint: its new record, not yet written, at a path that neither the
    /// book nor `pending` has.
    fn new_record(
        &self,
        intake: Intake,
        by: &str,
        now: Timestamp,
        pending: &[Change],
    ) -> Result<(Change, Complaint)> {
        loop {
            let complaint = intake::register(intake.clone(), &self.rulebook, now, by)?;
            let relative = self.record_path(&complaint.id);
            // Drawn an ID that exists already: draw again (see the `id` module).
            if self.root.join(&relative).exists() || pending.iter().any(|c| c.path == relative) {
                continue;
            }
            let mut complaint = complaint;
            self.seal_new(&mut complaint)?;
            let text = yaml::write(&complaint)?;
            self.config.limits.check(&complaint, &text)?;
            let change = Change {
                path: relative,
                text,
                previous: None,
            };
            return Ok((change, complaint));
        }
    }

    /// Applies a request to a complaint: checks it, appends one event, writes, commits.
    pub fn act(
        &self,
        id: &ComplaintId,
        request: Request,
        by: &str,
        now: impl Into<When>,
    ) -> Result<Complaint> {
        let mut batch = self.act_all(vec![(id.clone(), request)], by, now, None)?;
        match batch.refused.pop() {
            Some((_, err)) => Err(err),
            None => batch
                .applied
                .pop()
                .ok_or_else(|| Error::Internal("a batch of one applied nothing".into())),
        }
    }

    /// One complaint as it stands at `now`: the record, and its state, standing and clocks.
    pub fn view(&self, id: &ComplaintId, now: Timestamp) -> Result<(Record, sla::View)> {
        let record = self.load(id)?;
        let view = sla::view(&record.complaint, &self.rulebook, now);
        Ok((record, view))
    }

    /// The cron job's rows at `now`: every clock `filter` lists, most urgent first, with the
    /// records that could not be read.
    ///
    /// ```
    /// use complaint::{Book, sla};
    ///
    /// # fn main() -> Result<(), complaint::Error> {
    /// let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/demo");
    /// let book = Book::open(std::path::Path::new(demo))?;
    /// let now = "2026-11-27T09:00:00+08:00".parse().unwrap();
    /// let due = book.sla(now, &sla::Filter::default())?;
    /// // Breached first: C-20261120's `handle` clock ran out on 11-25 at 24:00.
    /// assert_eq!(due.rows[0].id.to_string(), "C-20261120-M5QZJ8");
    /// assert_eq!(due.rows[0].deadline.clock.code, "handle");
    /// assert!(due.errors.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn sla(&self, now: Timestamp, filter: &sla::Filter) -> Result<Sla> {
        let filter = filter.clone().checked(&self.rulebook)?;
        // Only what may show: complaints with a live clock for --all, else those whose clocks
        // need attention by now (the index keeps from when each will).
        let narrow = if filter.all {
            Narrow {
                live_at: Some(now),
                ..Narrow::default()
            }
        } else {
            Narrow {
                attention_at: Some(now),
                ..Narrow::default()
            }
        };
        let scan = self.select(&narrow)?;
        let mut rows: Vec<sla::Row> = scan
            .records
            .iter()
            .flat_map(|r| sla::rows(&r.complaint, &self.rulebook, now, &filter))
            .collect();
        sla::sort(&mut rows, &self.rulebook);
        Ok(Sla {
            rows,
            errors: scan.errors,
        })
    }

    /// The escalations the cron job makes on its own at `now` ([`sla::escalation_due`]).
    pub fn escalations_due(&self, now: Timestamp) -> Result<Vec<(ComplaintId, Request)>> {
        let narrow = Narrow {
            attention_at: Some(now),
            ..Narrow::default()
        };
        Ok(self
            .select(&narrow)?
            .records
            .iter()
            .filter_map(|r| {
                sla::escalation_due(&r.complaint, &self.rulebook, now)
                    .map(|request| (r.complaint.id.clone(), request))
            })
            .collect())
    }

    /// Makes the escalations the cron job makes on its own at `now`, as one commit by `by`
    /// (nothing when none is due).
    pub fn escalate_breached(&self, now: Timestamp, by: &str) -> Result<Batch> {
        let due = self.escalations_due(now)?;
        self.escalate(due, by, now)
    }

    /// Applies escalations found by [`Book::escalations_due`] as one commit.
    pub fn escalate(
        &self,
        due: Vec<(ComplaintId, Request)>,
        by: &str,
        now: impl Into<When>,
    ) -> Result<Batch> {
        if due.is_empty() {
            return Ok(Batch::default());
        }
        let message = format!(
            "sla: {} complaint(s) escalated for breached deadlines",
            due.len()
        );
        self.act_all(due, by, now, Some(&message))
    }

    /// Applies several requests under one lock as one commit (`message`, or the one event's
    /// description). Refused requests are reported and skipped; if the commit fails, every
    /// record is put back as it was.
    pub fn act_all(
        &self,
        requests: Vec<(ComplaintId, Request)>,
        by: &str,
        now: impl Into<When>,
        message: Option<&str>,
    ) -> Result<Batch> {
        self.apply(requests, by, now.into(), message, false)
    }

    /// Applies several requests as one change: all of them as one commit, or, if any is
    /// refused, none (its error is returned and every record is put back as it was).
    pub fn act_together(
        &self,
        requests: Vec<(ComplaintId, Request)>,
        by: &str,
        now: impl Into<When>,
        message: &str,
    ) -> Result<Vec<Complaint>> {
        let mut batch = self.apply(requests, by, now.into(), Some(message), true)?;
        match batch.refused.pop() {
            Some((_, err)) => Err(err),
            None => Ok(batch.applied),
        }
    }

    fn apply(
        &self,
        requests: Vec<(ComplaintId, Request)>,
        by: &str,
        when: When,
        message: Option<&str>,
        all_or_nothing: bool,
    ) -> Result<Batch> {
        let _lock = self.lock_and_recover()?;
        // Read under the lock: writers queued on one complaint record their events in the
        // order they get it, so none is later than the next one's.
        let now = when.at(self.rulebook.zone());
        let roles = self.staff.get(by).cloned().unwrap_or_default();
        let actor = event::Actor {
            name: by,
            roles: &roles,
        };
        let mut batch = Batch::default();
        let mut changes: Vec<Change> = Vec::new();
        for (id, request) in requests {
            let attempt = (|| {
                let path = self.record_path(&id);
                // A record already changed in this batch is changed again, not read afresh.
                let (mut complaint, previous) = match changes.iter().find(|c| c.path == path) {
                    Some(change) => {
                        let source =
                            Source::new(path.display().to_string(), change.text.clone()).private();
                        let complaint: Complaint =
                            yaml::parse_with_keys(&source, &Complaint::keys())?;
                        (complaint, change.previous.clone())
                    }
                    None => {
                        let (record, source) = self.read_record(&path)?;
                        (record.complaint, Some(source.text().to_string()))
                    }
                };
                // Appending to a history out of order would bury the disorder under a new event.
                if let Some(pair) = complaint.history.windows(2).position(|w| w[0].at > w[1].at) {
                    let (later, later_at) = (
                        pair + 2,
                        crate::model::to_second(&complaint.history[pair + 1].at),
                    );
                    let (earlier, earlier_at) = (
                        pair + 1,
                        crate::model::to_second(&complaint.history[pair].at),
                    );
                    let file = path.display();
                    return Err(Error::invalid(
                        crate::Problem::Time,
                        said!(
                            "{id}'s history is out of time order: event {later} ({later_at}) is before event {earlier} ({earlier_at})",
                            "{id} 的历史时间顺序错乱：第 {later} 个事件（{later_at}）早于第 {earlier} 个事件（{earlier_at}）"
                        ),
                        said!(
                            "a hand edit moved it: restore the record from git (`git log -p {file}`), then `complaint check`",
                            "这是手工编辑造成的：请从 git 恢复记录（`git log -p {file}`），然后运行 `complaint check`"
                        ),
                    ));
                }
                if let Some(last) = complaint.history.last().filter(|last| last.at > now) {
                    let (last, now) = (
                        crate::model::to_second(&last.at),
                        crate::model::to_second(&now),
                    );
                    return Err(Error::invalid(
                        crate::Problem::Time,
                        said!(
                            "{id}'s last event is at {last}, after now ({now})",
                            "{id} 的最后一个事件在 {last}，晚于现在（{now}）"
                        ),
                        said!(
                            "history only moves forward; check the clock or --now",
                            "历史只能向前记录；请检查时钟或 --now"
                        ),
                    ));
                }
                let action = event::decide_gated(&complaint, &self.rulebook, actor, now, request)?;
                complaint.history.push(Event {
                    at: now,
                    by: by.to_string(),
                    action,
                });
                let text = yaml::write(&complaint)?;
                self.config.limits.check(&complaint, &text)?;
                let change = Change {
                    text,
                    path,
                    previous,
                };
                Ok((change, complaint))
            })();
            match attempt {
                Ok((change, complaint)) => {
                    changes.retain(|c| c.path != change.path);
                    changes.push(change);
                    batch.applied.push(complaint);
                }
                Err(err) => batch.refused.push((id, err)),
            }
        }
        if changes.is_empty() || (all_or_nothing && !batch.refused.is_empty()) {
            return Ok(batch);
        }
        let message = match (message, batch.applied.as_slice()) {
            (Some(message), _) => message.to_string(),
            (None, [one]) => event::describe(
                one,
                one.history.last().expect("an event was appended"),
                &self.rulebook,
            ),
            (None, many) => format!("{} complaints changed by {by}", many.len()),
        };
        self.transact(changes, &message, by, now)?;
        Ok(batch)
    }

    /// Records in each complaint's history that its personal data was shown unmasked to `by`
    /// by `command`, as one commit; nothing may be shown unless this succeeds.
    pub fn reveal(
        &self,
        ids: &[ComplaintId],
        command: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        // An access is on file only once committed: uncommitted, `git checkout` discards it.
        if !self.commit && git::in_repo(&self.root) {
            return Err(Error::invalid(
                crate::Problem::Request,
                said!(
                    "personal data is not shown without committing the record of who saw it",
                    "不提交查看记录，就不显示个人信息"
                ),
                said!(
                    "drop --no-commit (or `commit: false` in complaint.yaml) to use --reveal",
                    "要使用 --reveal，请去掉 --no-commit（或 complaint.yaml 中的 `commit: false`）"
                ),
            ));
        }
        let requests = ids
            .iter()
            .map(|id| {
                let request = Request::Reveal(crate::event::Reveal {
                    command: command.to_string(),
                });
                (id.clone(), request)
            })
            .collect();
        let message = format!(
            "personal data of {} complaint(s) shown to {by} by `complaint {command}`",
            ids.len()
        );
        self.act_together(requests, by, now, &message).map(drop)
    }

    /// Makes sure the book's git files say what this version needs (`.gitattributes` naming
    /// the record merge driver, `.gitignore` ignoring temporary files), for a book made by an
    /// older version; commits what it adds. Returns the files it changed.
    pub fn upgrade_git_files(&self, by: &str, now: Timestamp) -> Result<Vec<PathBuf>> {
        let wanted = [
            (".gitattributes", GITATTRIBUTES.to_string()),
            (".gitignore", format!("{LOCAL_DIR}/\n.tmp-*\n")),
        ];
        let _lock = self.lock_and_recover()?;
        let mut changes = Vec::new();
        for (name, lines) in wanted {
            let path = self.root.join(name);
            let previous = std::fs::read_to_string(&path).ok();
            let have = previous.clone().unwrap_or_default();
            let missing: Vec<&str> = lines
                .lines()
                .filter(|l| !l.starts_with('#') && !have.lines().any(|h| h.trim() == *l))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let mut text = have.clone();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            if previous.is_none() {
                text = lines.clone();
            } else {
                for line in missing {
                    text.push_str(line);
                    text.push('\n');
                }
            }
            changes.push(Change {
                path: PathBuf::from(name),
                text,
                previous,
            });
        }
        let paths = changes.iter().map(|c| c.path.clone()).collect();
        if !changes.is_empty() {
            self.transact(
                changes,
                "book: records merge as records; temporary files ignored",
                by,
                now,
            )?;
        }
        Ok(paths)
    }

    /// Writes one of the book's own files (not a record: a calendar supplement, say) and
    /// commits it, under the lock; if the commit fails the file is as it was.
    pub fn save_file(
        &self,
        relative: &Path,
        text: &str,
        message: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<()> {
        let _lock = self.lock_and_recover()?;
        let path = self.root.join(relative);
        let previous = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(&path, e)),
        };
        let change = Change {
            path: relative.to_path_buf(),
            text: text.to_string(),
            previous,
        };
        self.transact(vec![change], message, by, now)
    }

    /// Adds an official schedule of the rulebook's calendar to its supplement file beside the
    /// rulebook, after what the file has, as one commit; `moved` is how many deadlines it moves
    /// (said in the commit message). Returns the file, relative to the book. The schedule is
    /// expected to have been checked against the calendar ([`Calendar::with_schedule`]).
    ///
    /// [`Calendar::with_schedule`]: crate::calendar::Calendar::with_schedule
    pub fn add_schedule(
        &self,
        schedule: &Schedule,
        moved: usize,
        by: &str,
        now: Timestamp,
    ) -> Result<PathBuf> {
        let calendar = self.rulebook.calendar();
        let name = calendar::supplement_name(&calendar.id);
        let relative = self
            .config
            .rulebook
            .parent()
            .unwrap_or(Path::new(""))
            .join(&name);
        let path = self.root.join(&relative);
        let mut all = Schedule {
            years: schedule.years,
            ..Schedule::default()
        };
        if path.is_file() {
            let before = calendar::supplement_schedule(&Source::read(
                &path,
                relative.display().to_string(),
            )?)?;
            all.years.0 = before.years.0;
            all.holidays = before.holidays;
            all.makeup_workdays = before.makeup_workdays;
        }
        all.holidays.extend(schedule.holidays.iter().cloned());
        all.makeup_workdays
            .extend(schedule.makeup_workdays.iter().cloned());
        let text = calendar.supplement_text(&all);
        // The days were checked against the calendar; the file is checked to read back.
        calendar::supplement_schedule(&Source::new(name, text.clone()))?;
        let message = format!(
            "calendar {}: official schedule for {} added by {by} ({moved} deadline(s) moved)",
            calendar.id,
            schedule.years_shown(),
        );
        self.save_file(&relative, &text, &message, by, now)?;
        Ok(relative)
    }

    fn lock(&self) -> Result<BookLock> {
        let local = self.root.join(LOCAL_DIR);
        std::fs::create_dir_all(&local).map_err(|e| Error::io(&local, e))?;
        BookLock::acquire(&self.root.join(LOCK_FILE))
    }

    /// The write lock for a sync, after finishing what an interrupted write left: a merge
    /// must not interleave with a write.
    pub(crate) fn lock_for_sync(&self) -> Result<BookLock> {
        self.lock_and_recover()
    }

    /// Takes the write lock and first finishes what an interrupted write left (see
    /// [`Book::repair`]).
    pub(crate) fn lock_and_recover(&self) -> Result<BookLock> {
        let lock = self.lock()?;
        self.recover_locked()?;
        Ok(lock)
    }

    /// Finishes what an interrupted write left: its files written and committed as its own
    /// commit, with its author and message (see [`crate::journal`]); its temporary files
    /// removed; git's index entries it could not update, and every record's entry that is
    /// behind HEAD however it got there, brought up to date (`complaint repair`; every write
    /// does the first part itself).
    pub fn repair(&self) -> Result<Recovered> {
        let _lock = self.lock()?;
        let mut recovered = self.recover_locked()?;
        let drift = self.index_drift()?;
        if !drift.is_empty() {
            git::refresh_index(&self.root, &drift)?;
            recovered.index_repaired.extend(drift);
        }
        Ok(recovered)
    }

    /// What a commit staged in git's index would do to the records that the history forbids:
    /// delete a record, or drop events from a history (the `pre-commit` hook refuses it).
    pub fn guard_staged(&self) -> Result<Vec<String>> {
        if !git::has_head(&self.root) {
            return Ok(Vec::new());
        }
        let mut refused = Vec::new();
        for (status, path) in git::staged(&self.root, &self.config.records)? {
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            if status == 'D' {
                refused.push(format!(
                    "{} would be deleted: complaints are closed, never removed",
                    path.display()
                ));
                continue;
            }
            let Some(before) = parsed(&path, git::head_text(&self.root, &path)) else {
                continue;
            };
            let Some(after) = parsed(&path, git::staged_text(&self.root, &path)) else {
                refused.push(format!("{} would be committed unreadable", path.display()));
                continue;
            };
            let dropped = before
                .history
                .iter()
                .filter(|e| !after.history.contains(e))
                .count();
            if dropped > 0 {
                refused.push(format!(
                    "{} would lose {dropped} event(s) of its history, which only grows",
                    path.display()
                ));
            }
        }
        Ok(refused)
    }

    /// Under the lock (so that no write is caught half way), after finishing an interrupted
    /// write: the records not committed, and those whose index entry is behind HEAD.
    pub fn repository_state(&self) -> Result<(Vec<Uncommitted>, Vec<PathBuf>)> {
        let _lock = self.lock()?;
        self.recover_locked()?;
        Ok((self.uncommitted()?, self.index_drift()?))
    }

    /// Record files whose text is not committed, and who wrote what they add.
    pub fn uncommitted(&self) -> Result<Vec<Uncommitted>> {
        if !git::in_repo(&self.root) || !git::has_head(&self.root) {
            return Ok(Vec::new());
        }
        let records = &self.config.records;
        let untracked = git::untracked(&self.root, records)?;
        let mut paths: Vec<(PathBuf, bool)> = untracked
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .map(|p| (p, true))
            .collect();
        paths.extend(
            git::changed_since_head(&self.root, records)?
                .into_iter()
                .filter(|(status, _)| *status != 'D')
                .map(|(_, p)| (p, false)),
        );
        paths.sort();
        let mut found = Vec::new();
        for (path, untracked) in paths {
            let Ok(record) = self.load_file(&path) else {
                // Unreadable: `check` reports it as such.
                continue;
            };
            let before = parsed(&path, git::head_text(&self.root, &path))
                .map(|c| c.history)
                .unwrap_or_default();
            let mut authors: Vec<String> = Vec::new();
            for event in record
                .complaint
                .history
                .iter()
                .filter(|e| !before.contains(e))
            {
                if !authors.contains(&event.by) {
                    authors.push(event.by.clone());
                }
            }
            found.push(Uncommitted {
                path,
                untracked,
                authors,
            });
        }
        Ok(found)
    }

    /// Commits record files that no write explains (written with `--no-commit`, or by a
    /// crashed version without the journal), so that the log says who acted: each run of
    /// events by one person is its own commit under their name, in the order they were written
    /// (a record with events by two people is committed in two steps). The steps are committed
    /// from their texts, the file is left as it is: a crash between them loses nothing, and
    /// the next `--adopt` goes on from where HEAD stopped. A record that lost committed events
    /// or is over the limits is refused, with the reason.
    pub fn adopt(&self) -> Result<Adopted> {
        let _lock = self.lock_and_recover()?;
        let mut adopted = Vec::new();
        let mut refused = Vec::new();
        let mut steps: Vec<(Timestamp, String, PathBuf, String)> = Vec::new();
        for record in self.uncommitted()? {
            match self.adoption_steps(&record.path) {
                Ok(found) => {
                    steps.extend(found);
                    adopted.push(record);
                }
                Err(err) => refused.push((record.path, err.to_string())),
            }
        }
        // Oldest first across records; a record's own steps keep their order.
        steps.sort_by_key(|(at, _, _, _)| *at);
        // In a book that signs, a step is committed only with its author's own key.
        if self.signs()
            && let Some((_, author, path, _)) = steps
                .iter()
                .find(|(_, author, _, _)| Some(author.as_str()) != self.key_owner())
        {
            let file = path.display();
            return Err(crate::keys::key_error(
                said!(
                    "{file} holds events by {author}, and only {author}'s key may commit them",
                    "{file} 中有 {author} 的事件，只有 {author} 本人的密钥可以提交它们"
                ),
                said!(
                    "{author} runs `complaint repair --adopt` with their key, or the edit is undone with `git checkout -- {file}`",
                    "请 {author} 用本人的密钥运行 `complaint repair --adopt`，或用 `git checkout -- {file}` 撤销修改"
                ),
            ));
        }
        for (_, author, path, text) in &steps {
            let message = format!(
                "{} written by {author} but never committed, committed now",
                path.display()
            );
            git::commit_texts(
                &self.root,
                &[path],
                &[text],
                &message,
                author,
                self.signer(),
            )?;
        }
        let paths: Vec<PathBuf> = adopted.iter().map(|r| r.path.clone()).collect();
        if !paths.is_empty() {
            git::refresh_index(&self.root, &paths)?;
        }
        Ok(Adopted { adopted, refused })
    }

    /// The commits that bring one record from HEAD's version to the file: one per run of
    /// events by one person, each with the history up to the end of its run.
    fn adoption_steps(&self, path: &Path) -> Result<Vec<(Timestamp, String, PathBuf, String)>> {
        let file = self.root.join(path);
        let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
        let record = self.load_file(path)?;
        self.config.limits.check(&record.complaint, &text)?;
        let committed = parsed(path, git::head_text(&self.root, path))
            .map(|c| c.history)
            .unwrap_or_default();
        let history = &record.complaint.history;
        if let Some(lost) = committed.iter().find(|e| !history.contains(e)) {
            let (file, event, at, by) = (
                path.display(),
                lost.action.name(),
                crate::model::to_second(&lost.at),
                &lost.by,
            );
            return Err(Error::invalid(
                crate::Problem::History,
                said!(
                    "{file} has lost its `{event}` event of {at} by {by}: a history only grows",
                    "{file} 丢失了 {by} 于 {at} 记录的 `{event}` 事件：历史只能增加"
                ),
                said!(
                    "restore it with `git checkout HEAD -- {file}`",
                    "请用 `git checkout HEAD -- {file}` 恢复"
                ),
            ));
        }
        let added: Vec<usize> = (0..history.len())
            .filter(|&i| !committed.contains(&history[i]))
            .collect();
        let mut steps = Vec::new();
        let mut start = 0;
        while start < added.len() {
            let author = &history[added[start]].by;
            let mut end = start;
            while end + 1 < added.len() && history[added[end + 1]].by == *author {
                end += 1;
            }
            let step_text = if end + 1 == added.len() {
                text.clone()
            } else {
                let mut partial = record.complaint.clone();
                let keep = &added[..=end];
                partial.history = history
                    .iter()
                    .enumerate()
                    .filter(|(i, e)| committed.contains(e) || keep.contains(i))
                    .map(|(_, e)| e.clone())
                    .collect();
                yaml::write(&partial)?
            };
            let at = history[added[start]].at;
            steps.push((at, author.clone(), path.to_path_buf(), step_text));
            start = end + 1;
        }
        if steps.is_empty() {
            // Changed without new events (a fact edited by hand): committed as it is.
            steps.push((
                record.complaint.received_at,
                "complaint".to_string(),
                path.to_path_buf(),
                text,
            ));
        }
        Ok(steps)
    }

    /// Record paths whose entry in git's index differs from HEAD while the file itself is
    /// HEAD's: the index is behind a commit this program made.
    fn index_drift(&self) -> Result<Vec<PathBuf>> {
        if !git::in_repo(&self.root) || !git::has_head(&self.root) {
            return Ok(Vec::new());
        }
        let changed: std::collections::HashSet<PathBuf> =
            git::unstaged(&self.root, &self.config.records)?
                .into_iter()
                .map(|(_, p)| p)
                .collect();
        let staged = git::staged(&self.root, &self.config.records)?;
        // Staged and also different from the file: the file is HEAD's, the index is not.
        Ok(staged
            .into_iter()
            .map(|(_, p)| p)
            .filter(|p| {
                changed.contains(p)
                    && git::head_text(&self.root, p)
                        == std::fs::read_to_string(self.root.join(p)).ok()
            })
            .collect())
    }

    fn recover_locked(&self) -> Result<Recovered> {
        let mut recovered = Recovered::default();
        if let Some(intent) = journal::pending(&self.root)? {
            let committing = intent.commit && git::in_repo(&self.root);
            if committing && self.signs() && self.key_owner() != Some(intent.by.as_str()) {
                let committed = self.undo(&intent)?;
                if committed {
                    recovered.completed = Some(intent);
                } else {
                    recovered.undone = Some(intent);
                }
            } else {
                self.finish(&intent, committing)?;
                recovered.completed = Some(intent);
            }
        }
        let stale = journal::stale_index(&self.root)?.paths;
        if !stale.is_empty() && git::in_repo(&self.root) {
            git::refresh_index(&self.root, &stale).map_err(|err| {
                git::add_help(
                    err,
                    said!(
                        "git's index is behind the last commit and cannot be updated: a plain `git commit` now would undo records. Once git's index is free, run `complaint repair`",
                        "git 索引落后于最近一次提交且无法更新：现在直接 `git commit` 会撤销记录。等 git 索引空闲后，请运行 `complaint repair`"
                    ),
                )
            })?;
            journal::index_repaired(&self.root)?;
            recovered.index_repaired = stale;
        }
        Ok(recovered)
    }

    /// Finishes an interrupted write: its files written and committed as its own commit. Only
    /// where a file is as the write left it or found it: one that moved on since (a merge, a
    /// checkout) is not overwritten with the old intent.
    fn finish(&self, intent: &journal::Intent, committing: bool) -> Result<()> {
        let mut finishing = Vec::new();
        for change in &intent.changes {
            let path = self.root.join(&change.path);
            remove_temporary_files(path.parent());
            let now = std::fs::read_to_string(&path).ok();
            if now.as_deref() == Some(change.text.as_str()) {
                finishing.push(change.clone());
            } else if now == change.previous {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                }
                write_atomic(&path, &change.text)?;
                finishing.push(change.clone());
            }
        }
        if committing && !finishing.is_empty() {
            self.commit_changes(&finishing, &intent.message, &intent.by)
                .map_err(|err| {
                    let (by, what) = (
                        &intent.by,
                        intent.message.lines().next().unwrap_or_default(),
                    );
                    git::add_help(
                        err,
                        said!(
                            "an interrupted write by {by} ({what}) could not be committed and is still pending; once git works again, the next command completes it (or `complaint repair`)",
                            "{by} 一次中断的写入（{what}）无法提交，仍在等待完成；git 恢复正常后，下一条命令会完成它（或运行 `complaint repair`）"
                        ),
                    )
                })?;
        }
        journal::finish(&self.root)
    }

    /// Undoes an interrupted write that only its author's key may sign (a book that signs, and
    /// another key or none acting now): each file the write left and no commit holds is put
    /// back as it was. Says whether a commit already held all of it (then it was complete, and
    /// nothing is undone). A crash in between repeats it: a file put back is no longer as the
    /// write left it.
    fn undo(&self, intent: &journal::Intent) -> Result<bool> {
        let mut undo = Vec::new();
        let mut committed = true;
        for change in &intent.changes {
            let path = self.root.join(&change.path);
            remove_temporary_files(path.parent());
            if git::head_text(&self.root, &change.path).as_deref() == Some(change.text.as_str()) {
                continue;
            }
            committed = false;
            if std::fs::read_to_string(&path).ok().as_deref() == Some(change.text.as_str()) {
                undo.push(change.clone());
            }
        }
        self.restore(&undo);
        journal::finish(&self.root)?;
        Ok(committed)
    }

    /// Writes the changes and commits them as one commit authored by `by`, all or nothing:
    /// the intent is noted first, so that a crash at any step is finished by the next command;
    /// if git refuses the commit, every file is put back as it was.
    pub(crate) fn transact(
        &self,
        changes: Vec<Change>,
        message: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<()> {
        let commit = self.commit && git::in_repo(&self.root);
        self.authorise(by, commit, &changes)?;
        let intent = journal::Intent {
            by: by.to_string(),
            message: message.to_string(),
            at: now,
            commit,
            changes,
        };
        // The index follows the write in the same step (its folders' times are taken first).
        let mut following = self.indexed.then(|| {
            index::Following::start(self, intent.changes.iter().map(|c| c.path.as_path()))
        });
        journal::begin(&self.root, &intent)?;
        crash_point("after-intent");
        for (i, change) in intent.changes.iter().enumerate() {
            let path = self.root.join(&change.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            let written = if change.previous.is_none() {
                write_new(&path, &change.text)
            } else {
                write_atomic(&path, &change.text)
            };
            if let Err(err) = written {
                self.restore(&intent.changes[..i]);
                journal::finish(&self.root)?;
                return Err(err);
            }
            if i == 0 {
                crash_point("after-first-file");
            }
        }
        if let Some(following) = following.as_mut() {
            following.landed(self);
        }
        crash_point("after-files");
        if commit && let Err(err) = self.commit_changes(&intent.changes, message, by) {
            self.restore(&intent.changes);
            journal::finish(&self.root)?;
            return Err(git::add_help(
                err,
                said!(
                    "nothing was written: the change was undone; fix git (`git status`) and try again, or use --no-commit",
                    "未写入任何内容：修改已撤销；请修好 git（`git status`）后重试，或使用 --no-commit"
                ),
            ));
        }
        crash_point("after-commit");
        journal::finish(&self.root)?;
        crash_point("before-derived-index");
        if let Some(following) = following {
            let files: Vec<(&Path, &str)> = intent
                .changes
                .iter()
                .map(|c| (c.path.as_path(), c.text.as_str()))
                .collect();
            Index::written(self, following, &files);
        }
        Ok(())
    }

    /// Commits the changed files; notes index entries git could not update.
    fn commit_changes(&self, changes: &[Change], message: &str, by: &str) -> Result<()> {
        let paths: Vec<&Path> = changes.iter().map(|c| c.path.as_path()).collect();
        let committed = git::commit(&self.root, &paths, message, by, self.signer())?;
        if !committed.index_updated {
            let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
            journal::mark_stale_index(&self.root, &paths)?;
        }
        Ok(())
    }

    /// Puts changed files back as they were: their previous text, or removed when new. Best
    /// effort: it runs after a failure, to leave nothing half done.
    fn restore(&self, changes: &[Change]) {
        for change in changes.iter().rev() {
            let path = self.root.join(&change.path);
            let _ = match &change.previous {
                None => std::fs::remove_file(&path).map_err(|e| Error::io(&path, e)),
                Some(previous) => write_atomic(&path, previous),
            };
        }
    }
}

/// A record file whose text is not the one committed at HEAD, with no write under way to
/// explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncommitted {
    /// The record's file, relative to the book.
    pub path: PathBuf,
    /// Git does not track it at all (a new record never committed).
    pub untracked: bool,
    /// Who wrote the events HEAD does not have, in order, each once.
    pub authors: Vec<String>,
}

/// What [`Book::adopt`] did: the records committed, and those refused with the reason.
#[derive(Debug, Default)]
pub struct Adopted {
    /// The records committed.
    pub adopted: Vec<Uncommitted>,
    /// The files left uncommitted, each with why.
    pub refused: Vec<(PathBuf, String)>,
}

/// What [`Book::repair`] did.
#[derive(Debug, Default)]
pub struct Recovered {
    /// The interrupted write it completed, if any.
    pub completed: Option<journal::Intent>,
    /// The interrupted write it undid instead, if any: in a book that signs, only its author's
    /// key may commit it.
    pub undone: Option<journal::Intent>,
    /// The paths whose git index entry it brought up to the last commit.
    pub index_repaired: Vec<PathBuf>,
}

/// Test-only: with `COMPLAINT_TEST_CRASH=STEP`, the process dies at that step of a write, as a
/// `kill -9` would, so that tests can show what the next command finishes.
pub(crate) fn crash_point(step: &str) {
    if std::env::var_os("COMPLAINT_TEST_CRASH").is_some_and(|s| s == step) {
        std::process::abort();
    }
}

/// Removes the temporary files a killed write left in a folder (`.tmp-*`, ours).
fn remove_temporary_files(dir: Option<&Path>) {
    let Some(Ok(entries)) = dir.map(std::fs::read_dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(".tmp-"))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A record's text from git (a version at some commit, or staged), read if it can be.
fn parsed(path: &Path, text: Option<String>) -> Option<Complaint> {
    let source = Source::new(path.display().to_string(), text?).private();
    yaml::parse_with_keys(&source, &Complaint::keys()).ok()
}

/// Where the `index`-th event of a record's history is written: its first line.
fn event_span(text: &str, index: usize) -> Option<(usize, usize)> {
    let start = text.find("\nhistory:")? + 1;
    let mut offset = start;
    let mut seen = 0;
    for line in text[start..].split_inclusive('\n') {
        if line.starts_with("- ") {
            if seen == index {
                return Some((offset, line.trim_end().len()));
            }
            seen += 1;
        }
        offset += line.len();
    }
    None
}

/// Sorts records oldest first and takes out any second record with an ID already seen (a file
/// copied by hand, or an ID clash between clones), reporting each as an error.
fn duplicates(records: &mut Vec<Record>) -> Vec<Error> {
    records.sort_by(|a, b| {
        (a.complaint.received_at, &a.complaint.id, &a.path).cmp(&(
            b.complaint.received_at,
            &b.complaint.id,
            &b.path,
        ))
    });
    let mut first_seen: std::collections::HashMap<ComplaintId, PathBuf> =
        std::collections::HashMap::new();
    let mut errors = Vec::new();
    records.retain(|r| match first_seen.get(&r.complaint.id) {
        Some(first) => {
            errors.push(Error::DuplicateId {
                id: r.complaint.id.to_string(),
                first: first.clone(),
                second: r.path.clone(),
            });
            false
        }
        None => {
            first_seen.insert(r.complaint.id.clone(), r.path.clone());
            true
        }
    });
    errors
}

/// The record files of one month folder (relative to `root`), sorted, with the IDs their
/// names give; other files are not records.
fn month_files(root: &Path, month: &Path) -> Result<Vec<(ComplaintId, PathBuf)>> {
    Ok(read_dir_sorted(month)?
        .into_iter()
        .filter_map(|file| {
            let stem = file.file_name()?.to_str()?.strip_suffix(".yaml")?;
            let id = ComplaintId::try_from(stem.to_string()).ok()?;
            let relative = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
            Some((id, relative))
        })
        .collect())
}

/// Records read in file order, as a scan gives them: the errors apart, sorted oldest first,
/// each ID once.
pub(crate) fn scanned(read: Vec<Result<Record>>) -> Scan {
    let mut scan = Scan::default();
    for record in read {
        match record {
            Ok(record) => scan.records.push(record),
            Err(err) => scan.errors.push(err),
        }
    }
    scan.errors.extend(duplicates(&mut scan.records));
    scan
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| !is_hidden(p))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(Error::io(dir, e)),
    };
    // Names, not paths: comparing paths component by component is slow on big folders.
    entries.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(entries)
}

/// Dot-files (`.gitkeep`, leftover `.tmp-*` files of a crashed write) are not records.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Writes through a temporary file in the same folder, flushed to disk, then renamed into place:
/// a reader sees the old file or the new one, never half of one. Also for files outside a book
/// (a form written with `-o`).
pub fn write_atomic(path: &Path, text: &str) -> Result<()> {
    persist(path, text.as_bytes(), false, false)
}

/// [`write_atomic`] for a binary document (a spreadsheet).
pub fn write_atomic_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    persist(path, bytes, false, false)
}

/// Like [`write_atomic`], but fails with `AlreadyExists` rather than replace an existing file.
fn write_new(path: &Path, text: &str) -> Result<()> {
    persist(path, text.as_bytes(), true, false)
}

/// Like [`write_atomic`], for a file only its owner may read (the journal, which holds whole
/// records).
pub(crate) fn write_private(path: &Path, text: &str) -> Result<()> {
    persist(path, text.as_bytes(), false, true)
}

fn persist(path: &Path, bytes: &[u8], no_clobber: bool, private: bool) -> Result<()> {
    use std::io::Write;
    // A bare file name's parent is the empty path: the temporary file goes beside it, here.
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // An ordinary file is created with mode 0666 less the process's umask, like any new file,
    // so that staff sharing a book on a server can read each other's records (tempfile's
    // default is 0600); a private one keeps that. The kernel applies the umask at creation:
    // the library never reads or changes it (umask is process-wide, a hazard in a
    // multi-threaded host).
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tmp-");
    #[cfg(unix)]
    if !private {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = private;
    // The temporary file is ours; a failure to make it is told about the file asked for.
    let mut temp = builder.tempfile_in(dir).map_err(|e| {
        if dir.is_dir() {
            Error::io(path, e)
        } else {
            let (file, folder) = (path.display(), dir.display());
            Error::invalid(
                crate::Problem::Path,
                said!(
                    "cannot write {file}: the folder {folder} does not exist",
                    "无法写入 {file}：文件夹 {folder} 不存在"
                ),
                said!(
                    "create the folder first, or name a file in one that exists",
                    "请先创建该文件夹，或指定一个已有文件夹中的文件"
                ),
            )
        }
    })?;
    temp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    let persisted = if no_clobber {
        temp.persist_noclobber(path)
    } else {
        temp.persist(path)
    };
    persisted.map_err(|e| Error::io(path, e.error))?;
    // The rename itself is durable only once the folder is flushed too.
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A new book under the first shipped rulebook, without git, and an intake for it.
    pub(crate) fn book_and_intake(dir: &Path) -> (Book, Intake) {
        let shipped = crate::rulebook::shipped()[0];
        let book = Book::init(dir, &Source::new("rulebook.yaml", shipped.text), false).unwrap();
        let intake: Intake = serde_json::from_str(
            r#"{"channel": "hotline", "category": "CQ01", "customer": {"name": "张三", "phone": "13812345678"},
                "subject": {"kind": "product", "name": "手机"}, "description": "坏了", "demand": "退货"}"#,
        )
        .unwrap();
        (book, intake)
    }

    /// A second scan comes from the index, each record with its own file, oldest first; a
    /// record changed on disk is read again.
    #[test]
    fn the_index_pairs_each_record_with_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let (book, intake) = book_and_intake(dir.path());
        // Received in an order unrelated to the IDs' random parts.
        for hour in [15, 9, 12, 10, 14, 11] {
            let now = format!("2026-09-30T{hour}:00:00+08:00").parse().unwrap();
            book.create(intake.clone(), "王芳", now).unwrap();
        }
        let first = book.scan().unwrap();
        assert!(book.root.join(crate::index::INDEX_FILE).is_file());
        let second = book.scan().unwrap();
        assert_eq!(second.records.len(), 6);
        for record in &second.records {
            assert_eq!(record.path, book.record_path(&record.complaint.id));
        }
        let ids =
            |scan: &Scan| -> Vec<_> { scan.records.iter().map(|r| r.complaint.clone()).collect() };
        assert_eq!(ids(&first), ids(&second));
        let received: Vec<_> = second
            .records
            .iter()
            .map(|r| r.complaint.received_at)
            .collect();
        assert!(received.windows(2).all(|w| w[0] <= w[1]), "oldest first");
        // A note written by the book is seen at once (its folder's time moved).
        let id = second.records[0].complaint.id.clone();
        let now = "2026-09-30T16:00:00+08:00".parse().unwrap();
        let request = Request::Note(crate::event::Note {
            text: "补记".into(),
            public: false,
        });
        book.act(&id, request, "王芳", When::At(now)).unwrap();
        let third = book.scan().unwrap();
        let noted = third.records.iter().find(|r| r.complaint.id == id).unwrap();
        assert_eq!(noted.complaint.history.len(), 2);
    }

    /// A schedule added as a commit is in the book's calendar from then on; the rulebook at
    /// the revision before is read with its calendar files as they were, without it.
    #[test]
    fn a_revision_s_rulebook_has_the_calendar_of_its_time() {
        let dir = tempfile::tempdir().unwrap();
        let book = Book::init(
            dir.path(),
            &crate::rulebook::shipped_source("enterprise").unwrap(),
            true,
        )
        .unwrap();
        assert_eq!(book.rulebook().calendar().covers().1, 2026);
        let day = |text: &str| text.parse().unwrap();
        let schedule = Schedule {
            years: (2027, 2027),
            holidays: vec![calendar::HolidaySpan {
                name: "元旦".to_string(),
                from: day("2027-01-01"),
                to: Some(day("2027-01-03")),
            }],
            makeup_workdays: vec![calendar::MakeupDay {
                date: day("2027-01-09"),
                serves: "元旦".to_string(),
            }],
        };
        let now = "2026-12-01T09:00:00+08:00".parse().unwrap();
        let written = book.add_schedule(&schedule, 0, "王芳", now).unwrap();
        assert_eq!(written, Path::new("calendar.cn.yaml"));
        let covers = |rb: Rulebook| rb.calendar().covers().1;
        assert_eq!(
            covers(Book::open(dir.path()).unwrap().rulebook().clone()),
            2027
        );
        assert_eq!(
            covers(book.rulebook_at("HEAD").unwrap().load().unwrap()),
            2027
        );
        assert_eq!(
            covers(book.rulebook_at("HEAD~1").unwrap().load().unwrap()),
            2026
        );
    }
}
