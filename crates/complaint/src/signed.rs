//! `check`'s audit of who did what, in a book that signs: every commit that adds events to a
//! record is signed by a key of the events' `by` on the roster as it stood before the commit;
//! a merge adds no event that neither side had; the roster itself is changed only by an admin
//! of it. The roles each event was made under are the roster's at its commit, so the replay
//! judges an approval by the authority its maker held then, not now.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::book::Book;
use crate::error::{Error, Result};
use crate::git::{self, Objects};
use crate::journal::Change;
use crate::model::{Complaint, Event};
use crate::roster::{self, Roster};
use crate::source::Source;
use complaint_core::said;

/// What the audit of signatures found.
#[derive(Debug, Default)]
pub struct Verified {
    /// Each commit that breaks the rules, and how.
    pub violations: Vec<Violation>,
    /// For each record (path from the book), the events added under a roster that signs, with
    /// the roles their maker held then.
    pub roles: HashMap<PathBuf, Vec<(Event, Vec<String>)>>,
}

/// One commit that breaks the rules of a book that signs.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The commit.
    pub commit: String,
    /// The file it concerns, from the book's folder.
    pub path: PathBuf,
    /// What is wrong.
    pub message: complaint_core::said::Said,
}

impl Violation {
    /// As an error for `check` to report.
    pub fn error(&self) -> Error {
        let (commit, file, message) = (
            &self.commit[..self.commit.len().min(12)],
            self.path.display(),
            &self.message,
        );
        Error::invalid(
            crate::Problem::Key,
            said!(
                "commit {commit}, {file}: {message}",
                "提交 {commit}，{file}：{message}";
                message
            ),
            said!(
                "see it with `git show {commit}`; a change made outside `complaint` or with another's name is undone with `git revert {commit}` and made again by its author",
                "用 `git show {commit}` 查看；在 `complaint` 之外或冒用他人名义做出的修改，请用 `git revert {commit}` 撤销，再由本人重新操作"
            ),
        )
    }
}

impl Book {
    /// In a book that signs, a write by `by` needs `by`'s own key and a commit to sign.
    pub(crate) fn authorise(&self, by: &str, commit: bool, changes: &[Change]) -> Result<()> {
        if !self.signs() {
            return Ok(());
        }
        // The roster acted on is the one committed: an edit by hand would be trusted here
        // before `check` could report it.
        let on_disk = std::fs::read_to_string(self.root().join(roster::FILE)).ok();
        if on_disk != git::head_text(self.root(), Path::new(roster::FILE)) {
            let roster = roster::FILE;
            return Err(crate::keys::key_error(
                said!(
                    "{roster} differs from the last commit",
                    "{roster} 与最近一次提交不一致"
                ),
                said!(
                    "the roster changes only as a signed commit (`complaint staff`): undo the edit with `git checkout -- {roster}`",
                    "名册只能以签名提交的方式修改（`complaint staff`）：请用 `git checkout -- {roster}` 撤销手工修改"
                ),
            ));
        }
        let records = &self.config().records;
        let rules = changes.iter().find(|c| {
            !c.path.starts_with(records)
                && c.path != Path::new(roster::FILE)
                && governs(&c.path.to_string_lossy())
        });
        let admin = self.roster().is_some_and(|r| r.is_admin(by));
        if let (Some(change), false) = (rules, admin) {
            let file = change.path.display();
            return Err(crate::keys::key_error(
                said!(
                    "{file} is one of the book's rules, which only an admin changes",
                    "{file} 属于本簿的规则，只有管理员可以修改"
                ),
                said!(
                    "ask someone with the role `admin` on the roster",
                    "请找名册上担任 `admin` 角色的人"
                ),
            ));
        }
        if !commit {
            return Err(crate::keys::key_error(
                said!(
                    "this book signs every write, and an uncommitted write cannot be signed",
                    "本簿的每次写入都要签名，不提交的写入无法签名"
                ),
                said!(
                    "drop --no-commit (or `commit: false` in complaint.yaml)",
                    "请去掉 --no-commit（或 complaint.yaml 中的 `commit: false`）"
                ),
            ));
        }
        match self.key_owner() {
            None => Err(crate::keys::key_error(
                said!(
                    "this book signs every write, and no key is given to sign {by}'s",
                    "本簿的每次写入都要签名，但没有提供为 {by} 签名的密钥"
                ),
                said!(
                    "set COMPLAINT_IDENTITY to your SSH private key (default ~/.ssh/id_ed25519)",
                    "请把 COMPLAINT_IDENTITY 设为你的 SSH 私钥（默认 ~/.ssh/id_ed25519）"
                ),
            )),
            Some(owner) if owner != by => Err(crate::keys::key_error(
                said!(
                    "the key given is {owner}'s, so {by} cannot act with it",
                    "所给的密钥属于 {owner}，{by} 不能用它操作"
                ),
                said!(
                    "act as yourself: drop --by (the key names you), or use {by}'s own key",
                    "请以本人身份操作：去掉 --by（密钥即表明身份），或使用 {by} 本人的密钥"
                ),
            )),
            Some(_) => Ok(()),
        }
    }

    /// Audits the book's history of signatures ([`Verified`]); nothing when no roster of it
    /// ever asked for signed writes. Kept for the replay of `check` and `conflicts`.
    pub fn verify_signatures(&self) -> Result<&Verified> {
        if let Some(verified) = self.verified.get() {
            return Ok(verified);
        }
        let verified = self.audit_history()?;
        Ok(self.verified.get_or_init(|| verified))
    }

    fn audit_history(&self) -> Result<Verified> {
        let root = self.root();
        let mut audit = Audit::default();
        if !git::in_repo(root) || !git::ever_held(root, "signed: true", Path::new(roster::FILE)) {
            return Ok(audit.verified);
        }
        let prefix = git::prefix(root);
        let records = format!("{prefix}{}/", self.config().records.display());
        let roster_path = format!("{prefix}{}", roster::FILE);
        // The whole book's folder, named from the top of the repository.
        let history = git::history(root, &[format!(":(top){prefix}")])?;
        let mut objects = Objects::open(root)?;
        for commit in history {
            // A root commit has no roster before it: the book's first state.
            let Some(parent) = commit.parents.first() else {
                continue;
            };
            let spec = format!("{parent}:{roster_path}");
            let Some(roster) = audit.roster_at(&mut objects, &spec, &commit.commit)? else {
                continue;
            };
            let text = objects.get(&commit.commit)?.unwrap_or_default();
            let signature = git::signature_of(&text);
            let judged = Judged {
                commit: &commit.commit,
                parents: &commit.parents,
                signed: signature.is_some(),
                signer: signature.and_then(|(signature, payload)| {
                    roster.signer_of(&payload, &signature).map(str::to_string)
                }),
                roster: &roster,
                prefix: &prefix,
            };
            for (before, after, path) in &commit.files {
                if path.starts_with(&records) {
                    if path.ends_with(".yaml") {
                        audit.record(
                            &mut objects,
                            &judged,
                            before.as_deref(),
                            after.as_deref(),
                            path,
                        )?;
                    }
                } else if *path == roster_path
                    || governs(path.strip_prefix(prefix.as_str()).unwrap_or(path))
                {
                    audit.governing(&judged, after.as_deref(), path);
                }
            }
        }
        Ok(audit.verified)
    }
}

/// The audit under way: what it found, and what signed commits vouch for.
#[derive(Default)]
struct Audit {
    verified: Verified,
    /// Events added by commits signed by their makers under a roster that signs, with who
    /// signed them: a merge may bring in only these.
    vouched_events: HashMap<(String, String), String>,
    /// The blobs of the roster and the rules an admin's signed commit made: a merge may bring
    /// in only these.
    vouched_files: std::collections::HashSet<String>,
    /// Rosters read, by text.
    rosters: HashMap<String, Option<Roster>>,
    /// The last roster that read, for the commits after one that does not.
    last_good: Option<Roster>,
}

/// One commit under judgement.
struct Judged<'a> {
    commit: &'a str,
    parents: &'a [String],
    signed: bool,
    /// The person on the roster whose key signed it.
    signer: Option<String>,
    /// The roster before it (its first parent's), which signs.
    roster: &'a Roster,
    prefix: &'a str,
}

impl Judged<'_> {
    fn merge(&self) -> bool {
        self.parents.len() > 1
    }

    /// Whether an admin of the roster before signed it.
    fn by_admin(&self) -> bool {
        self.signer
            .as_deref()
            .is_some_and(|n| self.roster.is_admin(n))
    }
}

impl Audit {
    fn violation(&mut self, judged: &Judged, path: &str, message: complaint_core::said::Said) {
        self.verified.violations.push(Violation {
            commit: judged.commit.to_string(),
            path: PathBuf::from(path.strip_prefix(judged.prefix).unwrap_or(path)),
            message,
        });
    }

    /// The roster before a commit (in `spec`), if it signs. One that does not read is a
    /// violation, and the last that did judges in its place: a broken roster does not turn
    /// the audit off.
    fn roster_at(
        &mut self,
        objects: &mut Objects,
        spec: &str,
        commit: &str,
    ) -> Result<Option<Roster>> {
        let Some(text) = objects.get(spec)? else {
            return Ok(None);
        };
        let text = String::from_utf8_lossy(&text).into_owned();
        let roster = match self.rosters.get(&text) {
            Some(roster) => roster.clone(),
            None => {
                let roster = Roster::parse(&Source::new(roster::FILE, text.clone())).ok();
                if roster.is_none() && self.last_good.as_ref().is_some_and(|r| r.signed) {
                    self.verified.violations.push(Violation {
                        commit: commit.to_string(),
                        path: PathBuf::from(roster::FILE),
                        message: said!(
                            "the roster before it does not read; judged by the last one that did",
                            "其之前的名册无法读取；按最近一份可读的名册核验"
                        ),
                    });
                }
                self.rosters.insert(text, roster.clone());
                roster
            }
        };
        if let Some(roster) = &roster {
            self.last_good = Some(roster.clone());
        }
        Ok(roster
            .or_else(|| self.last_good.clone())
            .filter(|r| r.signed))
    }

    /// The roster, the configuration or the rules changed: only an admin's signed commit may,
    /// and a merge may bring in only what such a commit made.
    fn governing(&mut self, judged: &Judged, after: Option<&str>, path: &str) {
        let blob = after.unwrap_or_default().to_string();
        if judged.merge() {
            if !self.vouched_files.contains(&blob) {
                self.violation(
                    judged,
                    path,
                    said!(
                        "a merge brings in a version no admin's signed commit made",
                        "合并时带入了一个不是由管理员签名提交的版本"
                    ),
                );
            }
            return;
        }
        if judged.by_admin() {
            self.vouched_files.insert(blob);
            return;
        }
        let message = match &judged.signer {
            Some(name) => said!(
                "changed by {name}, who is not an admin: the roster, the configuration and the rules are an admin's",
                "由 {name} 修改，但其不是管理员：名册、配置和规则只能由管理员修改"
            ),
            None => unsigned(
                judged.signed,
                said!("the book's rules or roster", "本簿的规则或名册"),
            ),
        };
        self.violation(judged, path, message);
    }

    /// A record changed: every event added signed by its maker (or, by a merge, vouched for
    /// by such a commit), nothing removed, the facts changed only by an admin's re-sealing.
    fn record(
        &mut self,
        objects: &mut Objects,
        judged: &Judged,
        before: Option<&str>,
        after: Option<&str>,
        path: &str,
    ) -> Result<()> {
        let old = complaint_at(objects, before, path)?;
        let Some(after) = after else {
            self.violation(
                judged,
                path,
                said!(
                    "deletes the record: complaints are never removed",
                    "删除了记录：投诉记录不能删除"
                ),
            );
            return Ok(());
        };
        let Some(new) = complaint_at(objects, Some(after), path)? else {
            self.violation(
                judged,
                path,
                said!("leaves the record unreadable", "使记录无法读取"),
            );
            return Ok(());
        };
        if let Some(old) = &old {
            self.facts(objects, judged, old, &new, path)?;
        }
        let mut old_history = old.map(|c| c.history).unwrap_or_default();
        // Each event counted: a copy of an event already there is an event added.
        let mut added: Vec<&Event> = Vec::new();
        for event in &new.history {
            match old_history.iter().position(|e| e == event) {
                Some(i) => {
                    old_history.remove(i);
                }
                None => added.push(event),
            }
        }
        for removed in &old_history {
            let (what, by) = (removed.action.name(), &removed.by);
            self.violation(
                judged,
                path,
                said!(
                    "removes an event ({what} by {by}): histories only grow",
                    "删除了一个事件（{by} 的 {what}）：历史只能增加"
                ),
            );
        }
        let book_path = PathBuf::from(path.strip_prefix(judged.prefix).unwrap_or(path));
        for event in added {
            let (what, by) = (event.action.name(), event.by.clone());
            let key = (
                path.to_string(),
                serde_json::to_string(event).unwrap_or_default(),
            );
            if judged.merge() {
                // Vouched for by its maker's signed commit, and they are still on the roster.
                let vouched = self
                    .vouched_events
                    .get(&key)
                    .is_some_and(|signer| *signer == by && !judged.roster.keys_of(&by).is_empty());
                if !vouched {
                    self.violation(
                        judged,
                        path,
                        said!(
                            "a merge brings in {what} by {by}, which no commit signed by {by} on this roster made",
                            "合并时带入了 {by} 的 {what}，但它不是由名册上的 {by} 签名提交的"
                        ),
                    );
                }
                continue;
            }
            match &judged.signer {
                Some(name) if *name == by => {
                    self.vouched_events.insert(key, by.clone());
                }
                Some(name) => self.violation(
                    judged,
                    path,
                    said!(
                        "adds {what} by {by}, but is signed with {name}'s key",
                        "加入了 {by} 的 {what}，但签名用的是 {name} 的密钥"
                    ),
                ),
                None => self.violation(
                    judged,
                    path,
                    unsigned(judged.signed, said!("{what} by {by}", "{by} 的 {what}")),
                ),
            }
            let roles = judged
                .roster
                .staff
                .get(&by)
                .map(|m| m.roles.clone())
                .unwrap_or_default();
            self.verified
                .roles
                .entry(book_path.clone())
                .or_default()
                .push((event.clone(), roles));
        }
        Ok(())
    }

    /// The facts of a record (all but its history) changed: by a merge, each field as one side
    /// had it; else only its seal and hash (sealed again to the roster, by anyone on it), or
    /// anything by an admin.
    fn facts(
        &mut self,
        objects: &mut Objects,
        judged: &Judged,
        old: &Complaint,
        new: &Complaint,
        path: &str,
    ) -> Result<()> {
        let facts = |c: &Complaint| {
            let mut c = c.clone();
            c.history.clear();
            serde_json::to_value(c).unwrap_or_default()
        };
        let (before, after) = (facts(old), facts(new));
        if before == after {
            return Ok(());
        }
        if judged.merge() {
            let spec = format!("{}:{path}", judged.parents[1]);
            let theirs = complaint_at(objects, Some(&spec), path)?.map(|c| facts(&c));
            let fields = after.as_object().into_iter().flatten();
            let merged = fields.into_iter().all(|(key, value)| {
                before.get(key) == Some(value)
                    || theirs.as_ref().and_then(|t| t.get(key)) == Some(value)
            });
            if !merged {
                self.violation(
                    judged,
                    path,
                    said!(
                        "a merge changes the record's facts beyond what either side had",
                        "合并时对记录事实的修改超出了任何一方的内容"
                    ),
                );
            }
            return Ok(());
        }
        let resealed = {
            let unseal = |v: &serde_json::Value| {
                let mut v = v.clone();
                if let Some(customer) = v.pointer_mut("/customer").and_then(|c| c.as_object_mut()) {
                    customer.remove("sealed");
                    customer.remove("matching");
                }
                v
            };
            unseal(&before) == unseal(&after) && judged.signer.is_some()
        };
        if !(resealed || judged.by_admin()) {
            self.violation(
                judged,
                path,
                said!(
                    "changes the record's facts, which only an admin may",
                    "修改了记录的事实，这只有管理员可以做"
                ),
            );
        }
        Ok(())
    }
}

/// Whether a file of the book (a path from its folder) governs it: the configuration, the
/// rulebook, its calendars, scenarios. Records, the roster, git's own files and local state
/// are judged elsewhere or not at all.
pub(crate) fn governs(path: &str) -> bool {
    !(path.starts_with(".complaint/")
        || path == ".gitignore"
        || path == ".gitattributes"
        || path.ends_with("/.gitkeep"))
}

/// Why a change without a valid signature of someone on the roster is refused.
fn unsigned(signed: bool, what: complaint_core::said::Said) -> complaint_core::said::Said {
    if signed {
        said!(
            "changes {what} under a signature of no key on the roster",
            "修改了{what}，但签名不属于名册上的任何密钥";
            what
        )
    } else {
        said!(
            "changes {what} in a commit nobody signed",
            "修改了{what}，但提交没有签名";
            what
        )
    }
}

/// The complaint in a blob (an ID or `<commit>:<path>`), if it is there and reads.
fn complaint_at(
    objects: &mut Objects,
    spec: Option<&str>,
    path: &str,
) -> Result<Option<Complaint>> {
    let Some(spec) = spec else { return Ok(None) };
    let Some(bytes) = objects.get(spec)? else {
        return Ok(None);
    };
    let source = Source::new(path, String::from_utf8_lossy(&bytes).into_owned()).private();
    Ok(crate::yaml::parse_with_keys::<Complaint>(&source, &Complaint::keys()).ok())
}
