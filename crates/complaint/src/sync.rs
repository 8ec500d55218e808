//! `complaint sync`: one book shared by many desks through a git remote (a bare repository on
//! a shared server, or a forge). Fetch, merge (records through the record merge driver: events
//! united), push; when another desk pushed first, again. Semantic conflicts the merge brings
//! (an event no longer legal given the other desk's events) are the caller's to show, from
//! [`crate::Book::conflicts`].

use crate::book::Book;
use crate::error::Error;
use crate::git;
use complaint_core::said;

/// How many times sync fetches again when another desk pushed in between.
const ATTEMPTS: u32 = 12;

/// What a sync did.
#[derive(Debug, Default)]
pub struct Synced {
    /// The remote synced with (`origin`, unless given or the branch's upstream is another).
    pub remote: String,
    /// The branch synced, the book's current branch.
    pub branch: String,
    /// The subjects of the commits that came in, oldest first.
    pub received: Vec<String>,
    /// The subjects of the commits that went out, oldest first.
    pub sent: Vec<String>,
}

/// Brings the book up to date with `remote` (default: the branch's upstream, else `origin`)
/// and sends it its own commits, under the book's lock so no write interleaves.
pub fn sync(book: &Book, remote: Option<&str>, by: &str) -> Result<Synced, Error> {
    let root = book.root();
    if !git::in_repo(root) {
        return Err(Error::invalid(
            crate::Problem::Sync,
            said!(
                "the book is not in a git repository",
                "投诉簿不在 git 仓库中"
            ),
            said!(
                "desks share a book through git: `git init`, then `git remote add origin URL`",
                "各服务台通过 git 共用投诉簿：先 `git init`，再 `git remote add origin URL`"
            ),
        ));
    }
    let _lock = book.lock_for_sync()?;
    let branch = git::current_branch(root)?;
    let remote = remote
        .map(str::to_string)
        .or_else(|| git::upstream_remote(root, &branch))
        .unwrap_or_else(|| "origin".to_string());
    let mut synced = Synced {
        remote: remote.clone(),
        branch: branch.clone(),
        ..Synced::default()
    };
    let theirs = format!("refs/remotes/{remote}/{branch}");
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            backoff(attempt);
        }
        if git::fetch(root, &remote, &format!("{branch}:{theirs}"))? {
            // This desk's own commits, before a merge mixes the two lines.
            synced.sent = git::subjects(root, &format!("{theirs}..HEAD"))?;
            let incoming = git::subjects(root, &format!("HEAD..{theirs}"))?;
            if !incoming.is_empty() {
                let message = format!("sync: merge {remote}/{branch}");
                let conflicted = git::merge(root, &theirs, &message, by)?;
                if !conflicted.is_empty() {
                    let conflicted = conflicted.join(", ");
                    return Err(Error::invalid(
                        crate::Problem::Sync,
                        said!(
                            "{remote} cannot be merged: the desks changed the same facts differently: {conflicted}",
                            "无法合并 {remote}：各服务台对相同的事实作了不同的修改：{conflicted}"
                        ),
                        said!(
                            "nothing was changed here. Merge by hand: `git pull {remote} {branch}`, keep the right facts in each record (the events merge by themselves), `git commit`, then sync again",
                            "本地没有任何改动。请手动合并：`git pull {remote} {branch}`，在每份记录中保留正确的事实（事件会自动合并），`git commit`，然后再次同步"
                        ),
                    ));
                }
                synced.received.extend(incoming);
            }
        } else {
            // The remote has no such branch yet: everything goes out.
            synced.sent = git::subjects(root, "HEAD")?;
        }
        if synced.sent.is_empty() || git::push(root, &remote, &branch)? {
            return Ok(synced);
        }
    }
    Err(Error::invalid(
        crate::Problem::Sync,
        said!(
            "{remote} kept moving: other desks pushed {ATTEMPTS} times while this one synced",
            "{remote} 一直在变：本服务台同步期间，其他服务台推送了 {ATTEMPTS} 次"
        ),
        said!("run `complaint sync` again", "请再次运行 `complaint sync`"),
    ))
}

/// Waits a little longer after each lost race, with jitter, so that desks pushing at the same
/// moment do not collide again in step.
fn backoff(attempt: u32) {
    let mut byte = [0u8; 1];
    let jitter = getrandom::fill(&mut byte).map_or(0, |()| u64::from(byte[0]));
    let millis = 20 * u64::from(attempt) + jitter / 2;
    std::thread::sleep(std::time::Duration::from_millis(millis));
}
