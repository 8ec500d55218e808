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
use crate::keys::PublicKey;
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
        let mut verified = Verified::default();
        if !git::in_repo(root) || !git::ever_held(root, "signed: true", Path::new(roster::FILE)) {
            return Ok(verified);
        }
        let prefix = git::prefix(root);
        let records = format!("{prefix}{}", self.config().records.display());
        let roster_path = format!("{prefix}{}", roster::FILE);
        let history = git::history(root, &[records.clone(), roster_path.clone()])?;
        let mut objects = Objects::open(root)?;
        let mut rosters: HashMap<String, Option<Roster>> = HashMap::new();
        for commit in history {
            let Some(parent) = commit.parents.first() else {
                continue;
            };
            let roster = roster_at(
                &mut objects,
                &mut rosters,
                &format!("{parent}:{roster_path}"),
            )?;
            let Some(roster) = roster.filter(|r| r.signed) else {
                continue;
            };
            let text = objects.get(&commit.commit)?.unwrap_or_default();
            let signature = git::signature_of(&text);
            let signed = signature.is_some();
            let signer = signature.and_then(|(signature, payload)| {
                roster.staff.iter().find_map(|(name, member)| {
                    member
                        .keys
                        .iter()
                        .filter_map(|k| PublicKey::parse(k).ok())
                        .any(|k| k.verifies(&payload, &signature))
                        .then(|| name.clone())
                })
            });
            let merge = commit.parents.len() > 1;
            let mut violation = |path: &str, message: complaint_core::said::Said| {
                verified.violations.push(Violation {
                    commit: commit.commit.clone(),
                    path: PathBuf::from(path.strip_prefix(prefix.as_str()).unwrap_or(path)),
                    message,
                });
            };
            for (before, after, path) in &commit.files {
                if *path == roster_path {
                    // A merge that takes the other side's roster changes nothing itself.
                    let theirs = if merge {
                        let spec = format!("{}:{path}", commit.parents[1]);
                        objects.get(&spec)?
                    } else {
                        None
                    };
                    let now = after
                        .as_deref()
                        .map(|b| objects.get(b))
                        .transpose()?
                        .flatten();
                    if merge && theirs == now {
                        continue;
                    }
                    match &signer {
                        Some(name) if roster.is_admin(name) => {}
                        Some(name) => violation(
                            path,
                            said!(
                                "the roster was changed by {name}, who is not an admin of it",
                                "名册由 {name} 修改，但其不是名册管理员"
                            ),
                        ),
                        None => violation(path, unsigned(signed, said!("the roster", "名册"))),
                    }
                    continue;
                }
                if !path.ends_with(".yaml") {
                    continue;
                }
                let old = complaint_at(&mut objects, before.as_deref(), path)?;
                let Some(new) = complaint_at(&mut objects, after.as_deref(), path)? else {
                    continue;
                };
                let old_history = old.map(|c| c.history).unwrap_or_default();
                let added: Vec<&Event> = new
                    .history
                    .iter()
                    .filter(|e| !old_history.contains(e))
                    .collect();
                for removed in old_history.iter().filter(|e| !new.history.contains(e)) {
                    let (what, by) = (removed.action.name(), &removed.by);
                    violation(
                        path,
                        said!(
                            "removes an event ({what} by {by}): histories only grow",
                            "删除了一个事件（{by} 的 {what}）：历史只能增加"
                        ),
                    );
                }
                if added.is_empty() {
                    continue;
                }
                if merge {
                    let mut theirs = Vec::new();
                    for other in &commit.parents[1..] {
                        if let Some(c) =
                            complaint_at(&mut objects, Some(&format!("{other}:{path}")), path)?
                        {
                            theirs.extend(c.history);
                        }
                    }
                    for event in added.iter().filter(|e| !theirs.contains(e)) {
                        let (what, by) = (event.action.name(), &event.by);
                        violation(
                            path,
                            said!(
                                "a merge adds an event neither side had ({what} by {by})",
                                "合并时加入了双方都没有的事件（{by} 的 {what}）"
                            ),
                        );
                    }
                    continue;
                }
                let book_path = PathBuf::from(path.strip_prefix(prefix.as_str()).unwrap_or(path));
                for event in added {
                    let (what, by) = (event.action.name(), event.by.clone());
                    match &signer {
                        Some(name) if *name == by => {}
                        Some(name) => violation(
                            path,
                            said!(
                                "adds {what} by {by}, but is signed with {name}'s key",
                                "加入了 {by} 的 {what}，但签名用的是 {name} 的密钥"
                            ),
                        ),
                        None => violation(
                            path,
                            unsigned(signed, said!("{what} by {by}", "{by} 的 {what}")),
                        ),
                    }
                    let roles = roster
                        .staff
                        .get(&by)
                        .map(|m| m.roles.clone())
                        .unwrap_or_default();
                    verified
                        .roles
                        .entry(book_path.clone())
                        .or_default()
                        .push((event.clone(), roles));
                }
            }
        }
        Ok(verified)
    }
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

/// The roster in the blob `spec` names (`<commit>:staff.yaml`), read once per blob.
fn roster_at(
    objects: &mut Objects,
    seen: &mut HashMap<String, Option<Roster>>,
    spec: &str,
) -> Result<Option<Roster>> {
    let Some(text) = objects.get(spec)? else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(&text).into_owned();
    if let Some(roster) = seen.get(&text) {
        return Ok(roster.clone());
    }
    let roster = Roster::parse(&Source::new(roster::FILE, text.clone())).ok();
    seen.insert(text, roster.clone());
    Ok(roster)
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
