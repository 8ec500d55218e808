//! The book: a folder of complaint records, its configuration and rulebook, usually in git.
//!
//! ```text
//! book/
//!   complaint.yaml           configuration (this module's Config)
//!   rulebook.yaml            the rulebook in force
//!   records/2026/09/C-20260930-7KQX2M.yaml   one file per complaint, sharded by month received
//!   .complaint/              the write lock and a cache of parsed records (ignored by git)
//! ```
//!
//! Writes take the lock, write to a temporary file in the same folder, flush it to disk and
//! rename it over the record (so a record is never half-written), then make one git commit.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cache::{Cache, Stamp};
use crate::error::{Error, Result};
use crate::id::{self, ComplaintId};
use crate::lifecycle::{self, Request};
use crate::lock::BookLock;
use crate::model::{Complaint, Event, Intake, Timestamp};
use crate::rulebook::Rulebook;
use crate::source::{Source, shown};
use crate::{git, intake, yaml};

/// The name of the configuration file that marks a book's root.
pub const CONFIG_FILE: &str = "complaint.yaml";
/// Local, disposable state (lock, cache), ignored by git.
const LOCAL_DIR: &str = ".complaint";
const LOCK_FILE: &str = ".complaint/lock";
const CACHE_FILE: &str = ".complaint/cache.jsonl";

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
    pub complaint: Complaint,
}

/// Every record of the book that could be read, and an error for each that could not.
#[derive(Debug, Default)]
pub struct Scan {
    pub records: Vec<Record>,
    pub errors: Vec<Error>,
}

/// What an import did: the complaints registered, the rows skipped as imported before
/// (line, `source:key`), and the records an interrupted import had left uncommitted.
#[derive(Debug, Default)]
pub struct Imported {
    pub created: Vec<Complaint>,
    pub skipped: Vec<(u64, String)>,
    pub recovered: Vec<ComplaintId>,
}

/// What a batch of requests did.
#[derive(Debug, Default)]
pub struct Batch {
    pub applied: Vec<Complaint>,
    pub refused: Vec<(ComplaintId, Error)>,
}

/// An open book.
#[derive(Debug)]
pub struct Book {
    root: PathBuf,
    config: Config,
    rulebook: Rulebook,
    commit: bool,
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
        let rulebook = Rulebook::load_in(
            Source::read(&rulebook_path, shown(&rulebook_path, root))?,
            rulebook_path.parent(),
        )?;
        Ok(Book {
            root: root.to_path_buf(),
            commit: config.commit,
            config,
            rulebook,
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
        write_atomic(&dir.join(".gitignore"), &format!("{LOCAL_DIR}/\n"))?;
        if commit {
            if !git::in_repo(dir) {
                git::init(dir)?;
            }
            let files = [
                Path::new(CONFIG_FILE),
                &config.rulebook,
                Path::new(".gitignore"),
                &config.records.join(".gitkeep"),
            ];
            let message = format!(
                "New complaint book (rulebook {} {})",
                checked.rulebook,
                checked.version()
            );
            git::commit(dir, &files, &message, "complaint").map_err(|err| {
                git::with_help(err, "the book was made but not committed: commit it by hand (`git add -A && git commit`)")
            })?;
        }
        Book::open(dir)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn rulebook(&self) -> &Rulebook {
        &self.rulebook
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
                for file in read_dir_sorted(&month)? {
                    let Some(stem) = file
                        .file_name()
                        .and_then(|n| n.to_str())
                        .and_then(|n| n.strip_suffix(".yaml"))
                    else {
                        continue;
                    };
                    if let Ok(id) = ComplaintId::try_from(stem.to_string()) {
                        let relative = file.strip_prefix(&self.root).unwrap_or(&file).to_path_buf();
                        files.push((id, relative));
                    }
                }
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
        let found: Vec<(ComplaintId, PathBuf)> = self
            .files()?
            .into_iter()
            .filter(|(id, _)| id::matches(id, &wanted))
            .collect();
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
                None => Err(Error::Ambiguous {
                    query: query.to_string(),
                    candidates: many.iter().map(ToString::to_string).collect(),
                }),
            },
        }
    }

    /// Loads one record by ID.
    pub fn load(&self, id: &ComplaintId) -> Result<Record> {
        self.load_file(&self.record_path(id))
    }

    fn load_file(&self, relative: &Path) -> Result<Record> {
        self.read_record(relative).map(|(record, _)| record)
    }

    /// A record and the text it was read from (kept by writers, to put it back on failure).
    fn read_record(&self, relative: &Path) -> Result<(Record, Source)> {
        let path = self.root.join(relative);
        let source = Source::read(&path, relative.display().to_string())?;
        let complaint: Complaint = yaml::parse_with_keys(&source, &Complaint::keys())?;
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
    /// the last scan come from the cache, the rest are parsed in parallel.
    pub fn scan(&self) -> Result<Scan> {
        let files = self.files()?;
        let cache_file = self.root.join(CACHE_FILE);
        let mut cache = Cache::read(&cache_file);
        let stamps: Vec<Option<Stamp>> =
            parallel(&files, |(_, path)| Stamp::of(&self.root.join(path)));
        let mut slots: Vec<Option<Record>> = files
            .iter()
            .zip(&stamps)
            .map(|((_, path), stamp)| {
                let complaint = cache.take(path, (*stamp)?)?;
                Some(Record {
                    path: path.clone(),
                    complaint,
                })
            })
            .collect();
        let misses: Vec<&PathBuf> = files
            .iter()
            .zip(&slots)
            .filter(|(_, s)| s.is_none())
            .map(|((_, p), _)| p)
            .collect();
        let mut parsed = parallel(&misses, |path| self.load_file(path)).into_iter();
        let mut scan = Scan::default();
        let mut kept_stamps = Vec::with_capacity(files.len());
        for (slot, stamp) in slots.iter_mut().zip(&stamps) {
            let record = match slot.take() {
                Some(hit) => Ok(hit),
                None => parsed
                    .next()
                    .unwrap_or_else(|| Err(Error::Internal("scan lost a record".into()))),
            };
            match record {
                Ok(record) => {
                    kept_stamps.push(*stamp);
                    scan.records.push(record);
                }
                Err(err) => scan.errors.push(err),
            }
        }
        if !misses.is_empty() || !cache.is_empty() {
            let entries = scan
                .records
                .iter()
                .zip(&kept_stamps)
                .filter_map(|(r, s)| Some((r.path.as_path(), (*s)?, &r.complaint)));
            Cache::write(&cache_file, entries);
        }
        // Sorted only now: the stamps above pair with the records in file order.
        scan.errors.extend(duplicates(&mut scan.records));
        Ok(scan)
    }

    /// Checks every record: that it parses, that its ID is its own, and that its history
    /// replays under the rulebook (see [`crate::audit`]). Each problem points into the file.
    pub fn check(&self) -> Result<Vec<Error>> {
        let scan = self.scan()?;
        let mut problems = scan.errors;
        for record in &scan.records {
            let findings =
                crate::audit::audit(&record.complaint, &self.rulebook, &self.config.staff);
            if findings.is_empty() {
                continue;
            }
            let path = self.root.join(&record.path);
            let source = Source::read(&path, record.path.display().to_string())?;
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

    /// Registers a new complaint.
    pub fn create(&self, intake: Intake, by: &str, now: Timestamp) -> Result<Complaint> {
        let _lock = self.lock()?;
        let (relative, complaint) = self.write_new_record(intake, by, now)?;
        let message = lifecycle::describe(
            &complaint,
            complaint.history.last().expect("received"),
            &self.rulebook,
        );
        self.commit_or_undo(&[(relative, String::new())], &message, by)?;
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
    /// Records an interrupted import wrote but never committed are committed with them.
    pub fn import(
        &self,
        csv: &Source,
        mapping: &crate::import::Mapping,
        by: &str,
        now: Timestamp,
    ) -> Result<Imported> {
        let _lock = self.lock()?;
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
        let mut written: Vec<(PathBuf, String)> = Vec::new();
        if self.commit && git::in_repo(&self.root) {
            let untracked = git::untracked(&self.root, &self.config.records)?;
            for record in records
                .iter()
                .filter(|r| r.complaint.facts.source.is_some() && untracked.contains(&r.path))
            {
                let path = self.root.join(&record.path);
                let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                written.push((record.path.clone(), text));
                imported.recovered.push(record.complaint.id.clone());
            }
        }
        let recovered = written.len();
        for row in read.rows {
            match self.write_new_record(row.intake, by, now) {
                Ok((relative, complaint)) => {
                    written.push((relative, String::new()));
                    imported.created.push(complaint);
                }
                Err(err) => {
                    self.restore(&written[recovered..]);
                    return Err(err);
                }
            }
        }
        if !written.is_empty() {
            let message = format!(
                "import {}: {} complaint(s) by {by}",
                csv.name(),
                imported.created.len() + recovered
            );
            self.commit_or_undo(&written, &message, by)?;
        }
        Ok(imported)
    }

    /// Registers one complaint and writes its new record (not committed); the caller holds
    /// the lock.
    fn write_new_record(
        &self,
        intake: Intake,
        by: &str,
        now: Timestamp,
    ) -> Result<(PathBuf, Complaint)> {
        loop {
            let complaint = intake::register(intake.clone(), &self.rulebook, now, by)?;
            let relative = self.record_path(&complaint.id);
            match self.write_record(&relative, &complaint, true) {
                // Drawn an ID that exists already: draw again (see the `id` module).
                Err(Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::AlreadyExists =>
                {
                    continue;
                }
                Err(err) => return Err(err),
                Ok(()) => return Ok((relative, complaint)),
            }
        }
    }

    /// Applies a request to a complaint: checks it, appends one event, writes, commits.
    pub fn act(
        &self,
        id: &ComplaintId,
        request: Request,
        by: &str,
        now: Timestamp,
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

    /// Applies several requests under one lock as one commit (`message`, or the one event's
    /// description). Refused requests are reported and skipped; if the commit fails, every
    /// record is put back as it was.
    pub fn act_all(
        &self,
        requests: Vec<(ComplaintId, Request)>,
        by: &str,
        now: Timestamp,
        message: Option<&str>,
    ) -> Result<Batch> {
        self.apply(requests, by, now, message, false)
    }

    /// Applies several requests as one change: all of them as one commit, or, if any is
    /// refused, none (its error is returned and every record is put back as it was).
    pub fn act_together(
        &self,
        requests: Vec<(ComplaintId, Request)>,
        by: &str,
        now: Timestamp,
        message: &str,
    ) -> Result<Vec<Complaint>> {
        let mut batch = self.apply(requests, by, now, Some(message), true)?;
        match batch.refused.pop() {
            Some((_, err)) => Err(err),
            None => Ok(batch.applied),
        }
    }

    fn apply(
        &self,
        requests: Vec<(ComplaintId, Request)>,
        by: &str,
        now: Timestamp,
        message: Option<&str>,
        all_or_nothing: bool,
    ) -> Result<Batch> {
        let _lock = self.lock()?;
        let roles = self.config.staff.get(by).cloned().unwrap_or_default();
        let actor = lifecycle::Actor {
            name: by,
            roles: &roles,
        };
        let mut batch = Batch::default();
        let mut written: Vec<(PathBuf, String)> = Vec::new();
        for (id, request) in requests {
            let attempt = (|| {
                let (
                    Record {
                        path,
                        mut complaint,
                    },
                    source,
                ) = self.read_record(&self.record_path(&id))?;
                if let Some(last) = complaint.history.last().filter(|last| last.at > now) {
                    return Err(Error::invalid(
                        format!(
                            "{id}'s last event is at {}, after now ({})",
                            last.at.to_rfc3339(),
                            now.to_rfc3339()
                        ),
                        Some("history only moves forward; check the clock or --now".to_string()),
                    ));
                }
                let action = lifecycle::decide(&complaint, &self.rulebook, actor, now, request)?;
                complaint.history.push(Event {
                    at: now,
                    by: by.to_string(),
                    action,
                });
                let previous = source.text().to_string();
                self.write_record(&path, &complaint, false)?;
                Ok((path, previous, complaint))
            })();
            match attempt {
                Ok((path, previous, complaint)) => {
                    written.push((path, previous));
                    batch.applied.push(complaint);
                }
                Err(err) => batch.refused.push((id, err)),
            }
        }
        if all_or_nothing && !batch.refused.is_empty() {
            self.restore(&written);
            return Ok(batch);
        }
        if written.is_empty() {
            return Ok(batch);
        }
        let message = match (message, batch.applied.as_slice()) {
            (Some(message), _) => message.to_string(),
            (None, [one]) => lifecycle::describe(
                one,
                one.history.last().expect("an event was appended"),
                &self.rulebook,
            ),
            (None, many) => format!("{} complaints changed by {by}", many.len()),
        };
        self.commit_or_undo(&written, &message, by)?;
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
        let requests = ids
            .iter()
            .map(|id| {
                let request = Request::Reveal {
                    command: command.to_string(),
                };
                (id.clone(), request)
            })
            .collect();
        let message = format!(
            "personal data of {} complaint(s) shown to {by} by `complaint {command}`",
            ids.len()
        );
        self.act_together(requests, by, now, &message).map(drop)
    }

    fn lock(&self) -> Result<BookLock> {
        let local = self.root.join(LOCAL_DIR);
        std::fs::create_dir_all(&local).map_err(|e| Error::io(&local, e))?;
        BookLock::acquire(&self.root.join(LOCK_FILE))
    }

    fn write_record(&self, relative: &Path, complaint: &Complaint, new: bool) -> Result<()> {
        let path = self.root.join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let text = yaml::write(complaint)?;
        if new {
            write_new(&path, &text)
        } else {
            write_atomic(&path, &text)
        }
    }

    /// Commits the written records; if git refuses, puts each back as it was (its previous
    /// text; an empty text means the record is new and is removed), so a failed command has
    /// written nothing.
    fn commit_or_undo(&self, written: &[(PathBuf, String)], message: &str, by: &str) -> Result<()> {
        if !(self.commit && git::in_repo(&self.root)) {
            return Ok(());
        }
        let paths: Vec<&Path> = written.iter().map(|(p, _)| p.as_path()).collect();
        let Err(err) = git::commit(&self.root, &paths, message, by) else {
            return Ok(());
        };
        self.restore(written);
        Err(err)
    }

    /// Puts written records back as they were: their previous text, or removed when new (an
    /// empty previous text). Best effort: it runs after a failure, to leave nothing half done.
    fn restore(&self, written: &[(PathBuf, String)]) {
        // Backwards: a record written twice in one batch ends as its first previous text.
        for (relative, previous) in written.iter().rev() {
            let path = self.root.join(relative);
            let _ = if previous.is_empty() {
                std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))
            } else {
                write_atomic(&path, previous)
            };
        }
    }
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

/// How many threads whole-book work uses.
pub(crate) fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8)
}

/// Maps `f` over `items` on all cores, keeping the order.
fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let chunk = items.len().div_ceil(threads()).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a scan worker panicked"))
            .collect()
    })
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
    persist(path, text, false)
}

/// Like [`write_atomic`], but fails with `AlreadyExists` rather than replace an existing file.
fn write_new(path: &Path, text: &str) -> Result<()> {
    persist(path, text, true)
}

fn persist(path: &Path, text: &str, no_clobber: bool) -> Result<()> {
    use std::io::Write;
    // A bare file name's parent is the empty path: the temporary file goes beside it, here.
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tmp-");
    #[cfg(unix)]
    builder.permissions(file_permissions());
    // The temporary file is ours; a failure to make it is told about the file asked for.
    let mut temp = builder.tempfile_in(dir).map_err(|e| {
        if dir.is_dir() {
            Error::io(path, e)
        } else {
            Error::invalid(
                format!(
                    "cannot write {}: the folder {} does not exist",
                    path.display(),
                    dir.display()
                ),
                Some("create the folder first, or name a file in one that exists".to_string()),
            )
        }
    })?;
    temp.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))?;
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

/// The mode an ordinary new file gets (0666 less the umask), so that staff sharing a book on a
/// server can read each other's records; temporary files would otherwise be 0600.
#[cfg(unix)]
fn file_permissions() -> std::fs::Permissions {
    {
        use std::os::unix::fs::PermissionsExt;
        static MODE: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
        let mode = *MODE.get_or_init(|| {
            // SAFETY: umask only reads and sets this process's mask; it is set back at once.
            let mask = unsafe {
                let mask = libc::umask(0o022);
                libc::umask(mask);
                mask
            };
            #[allow(clippy::useless_conversion)] // mode_t is u16 on some systems
            let mask = u32::from(mask);
            0o666 & !mask
        });
        std::fs::Permissions::from_mode(mode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: sorting records by received time before writing the cache paired records
    /// with other files' stamps, so every later scan missed the cache and parsed everything.
    #[test]
    fn the_cache_pairs_each_record_with_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let shipped = crate::rulebook::shipped()[0];
        let book = Book::init(
            dir.path(),
            &Source::new("rulebook.yaml", shipped.text),
            false,
        )
        .unwrap();
        let intake: Intake = serde_json::from_str(
            r#"{"channel": "hotline", "category": "CQ01", "customer": {"name": "张三", "phone": "1"},
                "subject": {"kind": "product", "name": "手机"}, "description": "坏了", "demand": "退货"}"#,
        )
        .unwrap();
        // Received in an order unrelated to the IDs' random parts.
        for hour in [15, 9, 12, 10, 14, 11] {
            let now = format!("2026-09-30T{hour}:00:00+08:00").parse().unwrap();
            book.create(intake.clone(), "王芳", now).unwrap();
        }
        let first = book.scan().unwrap();
        assert_eq!(first.records.len(), 6);
        let mut cache = Cache::read(&book.root.join(CACHE_FILE));
        for record in &first.records {
            let stamp = Stamp::of(&book.root.join(&record.path)).unwrap();
            assert!(
                cache.take(&record.path, stamp).is_some(),
                "{} is cached with its own stamp",
                record.path.display()
            );
        }
        let received: Vec<_> = first
            .records
            .iter()
            .map(|r| r.complaint.received_at)
            .collect();
        assert!(received.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    }
}
