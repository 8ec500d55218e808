//! The few git operations a book needs, through the git command-line program.

use std::path::Path;
use std::process::Command;

use crate::error::Error;
use crate::keys::Identity;
use complaint_core::said;
use complaint_core::said::Said;

fn run(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Result<String, Error> {
    run_with_input(dir, args, envs, None)
}

/// Runs git with `input` on its standard input (a list of paths too long for a command line).
fn run_with_input(
    dir: &Path,
    args: &[&str],
    envs: &[(&str, &str)],
    input: Option<&[u8]>,
) -> Result<String, Error> {
    use std::io::Write;
    use std::process::Stdio;
    let cannot = |e: std::io::Error| Error::Git {
        args: args.join(" "),
        stderr: format!("cannot run git: {e}"),
        help: Some(said!(
            "install git, or use --no-commit",
            "请安装 git，或使用 --no-commit"
        )),
    };
    let mut child = Command::new("git")
        .current_dir(dir)
        .args(args)
        .envs(envs.iter().copied())
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(cannot)?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        // Dropped at the end of this block: git sees the end of the list.
        stdin.write_all(input).map_err(cannot)?;
    }
    let output = child.wait_with_output().map_err(cannot)?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
        let help = stale_lock(&stderr).map(|lock| {
            said!(
                "git's lock file {lock} is in the way. If no git command (and no editor or IDE running git) is working in this repository, a crashed one left it: remove it with `rm '{lock}'` and run the command again",
                "git 的锁文件 {lock} 挡住了操作。如果没有 git 命令（也没有运行 git 的编辑器或 IDE）正在这个仓库中工作，它就是中途崩溃的命令留下的：请用 `rm '{lock}'` 删除它，然后重新运行命令"
            )
        });
        Err(Error::Git {
            args: args.join(" "),
            stderr,
            help,
        })
    }
}

/// The lock file named by git's "Unable to create '…/X.lock': File exists" message.
fn stale_lock(stderr: &str) -> Option<&str> {
    let start = stderr.find("Unable to create '")? + "Unable to create '".len();
    let rest = &stderr[start..];
    let end = rest.find("': File exists")?;
    Some(&rest[..end])
}

/// The text of `path` (relative to `dir`) at revision `rev`.
pub fn show(dir: &Path, rev: &str, path: &Path) -> Result<String, Error> {
    let spec = format!("{rev}:./{}", path.display());
    run(dir, &["show", &spec], &[]).map_err(|err| {
        with_help(
            err,
            said!(
                "name a revision that has the rulebook, such as HEAD~1 or main",
                "请指定一个含有该规则的版本，如 HEAD~1 或 main"
            ),
        )
    })
}

/// The error with a hint for where it happened added before any hint git's message gave (a
/// lock file in the way).
pub(crate) fn add_help(err: Error, help: Said) -> Error {
    match err {
        Error::Git {
            args,
            stderr,
            help: Some(earlier),
        } => Error::Git {
            args,
            stderr,
            help: Some(said!("{help}. {earlier}", "{help}。{earlier}"; help, earlier)),
        },
        other => with_help(other, help),
    }
}

/// The error with a hint for where it happened.
pub(crate) fn with_help(err: Error, help: Said) -> Error {
    match err {
        Error::Git { args, stderr, .. } => Error::Git {
            args,
            stderr,
            help: Some(help),
        },
        other => other,
    }
}

/// Whether `dir` is inside a git work tree.
pub fn in_repo(dir: &Path) -> bool {
    run(dir, &["rev-parse", "--is-inside-work-tree"], &[]).is_ok_and(|out| out == "true")
}

/// The top folder of the git work tree `dir` is in, if it is in one.
pub fn toplevel(dir: &Path) -> Option<std::path::PathBuf> {
    run(dir, &["rev-parse", "--show-toplevel"], &[])
        .ok()
        .map(std::path::PathBuf::from)
}

/// Makes `dir` a git repository (`git init`).
pub fn init(dir: &Path) -> Result<(), Error> {
    run(dir, &["init", "--quiet"], &[]).map(drop)
}

/// The files under `path` (relative to `dir`) that git does not track and does not ignore,
/// relative to `dir`.
pub fn untracked(
    dir: &Path,
    path: &Path,
) -> Result<std::collections::HashSet<std::path::PathBuf>, Error> {
    let path = path.to_str().unwrap_or(".");
    let out = run(
        dir,
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--",
            path,
        ],
        &[],
    )?;
    Ok(out
        .split('\0')
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
        .collect())
}

/// A git configuration value, if set.
pub fn config(dir: &Path, key: &str) -> Option<String> {
    run(dir, &["config", "--get", key], &[])
        .ok()
        .filter(|v| !v.is_empty())
}

/// Commits exactly `paths` (relative to `dir`), authored by `author`. Other staged or unstaged
/// changes in the repository are left alone, and if git refuses, the index is as it was.
///
/// The commit's tree is built from HEAD's by rewriting only the folders on the paths
/// ([`rebuild_tree`]), and then `HEAD` is moved, rather than by `git add` and `git commit --
/// PATHS` (git matches every file against every pathspec, minutes for an import of tens of
/// thousands of records) or by a private index of HEAD's whole tree (as big as the book): a
/// commit costs the months it touches. The paths go to git on its standard input, so no
/// command line grows with them.
/// With a `signer`, the commit is signed as git signs with SSH keys (`gpg.format=ssh`).
pub fn commit(
    dir: &Path,
    paths: &[&Path],
    message: &str,
    author: &str,
    signer: Option<&Identity>,
) -> Result<Committed, Error> {
    commit_staged(dir, paths, None, message, author, signer)
}

/// Commits `texts` as the contents of `paths` without touching the work tree or git's index
/// (a record committed in steps, each under its own author, while the file holds the last).
pub fn commit_texts(
    dir: &Path,
    paths: &[&Path],
    texts: &[&str],
    message: &str,
    author: &str,
    signer: Option<&Identity>,
) -> Result<bool, Error> {
    commit_staged(dir, paths, Some(texts), message, author, signer).map(|c| c.made)
}

fn commit_staged(
    dir: &Path,
    paths: &[&Path],
    texts: Option<&[&str]>,
    message: &str,
    author: &str,
    signer: Option<&Identity>,
) -> Result<Committed, Error> {
    let mut list = Vec::new();
    for path in paths.iter().filter_map(|p| p.to_str()) {
        list.extend_from_slice(path.as_bytes());
        list.push(0);
    }
    let head = run(dir, &["rev-parse", "--verify", "--quiet", "HEAD"], &[]).ok();
    // Typed by people and other systems: shown in `git log`, never obeyed by its terminal.
    let author = crate::visible::one_line(author);
    let message = crate::visible::visible(message);
    let identity = identity(dir, &author);
    let envs: Vec<(&str, &str)> = identity.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let made = (|| {
        // What each path becomes: a blob of the file (or text), or nothing (a file deleted).
        let blobs: Vec<Option<String>> = match texts {
            Some(texts) => texts
                .iter()
                .map(|text| {
                    run_with_input(
                        dir,
                        &["hash-object", "-w", "--stdin"],
                        &[],
                        Some(text.as_bytes()),
                    )
                    .map(Some)
                })
                .collect::<Result<_, _>>()?,
            None => {
                let present: Vec<&&Path> = paths.iter().filter(|p| dir.join(p).is_file()).collect();
                let mut input = Vec::new();
                // Absolute: git reads these from the top of the work tree, not this folder.
                for path in &present {
                    let file = dir.join(path);
                    let file = std::path::absolute(&file).unwrap_or(file);
                    input.extend_from_slice(file.to_string_lossy().as_bytes());
                    input.push(b'\n');
                }
                let written = if present.is_empty() {
                    String::new()
                } else {
                    run_with_input(
                        dir,
                        &["hash-object", "-w", "--stdin-paths"],
                        &[],
                        Some(&input),
                    )?
                };
                let mut written = written.lines();
                paths
                    .iter()
                    .map(|p| {
                        dir.join(p)
                            .is_file()
                            .then(|| written.next().map(str::to_string))
                            .flatten()
                    })
                    .collect()
            }
        };
        // Paths are from this folder; trees are from the top of the repository.
        let prefix = run_raw(dir, &["rev-parse", "--show-prefix"]).unwrap_or_default();
        let prefix = prefix.trim_end_matches('\n').to_string();
        let changes: Vec<TreeChange> = paths
            .iter()
            .zip(blobs)
            .map(|(path, blob)| {
                let full = format!("{prefix}{}", path.to_string_lossy());
                (full.split('/').map(str::to_string).collect(), blob)
            })
            .collect();
        let mut trees = Trees::new(dir);
        let base = match &head {
            Some(head) => Some(trees.tree(&format!("{head}^{{tree}}"))?),
            None => None,
        };
        let base_id = base.as_ref().map(|tree| tree.id.clone());
        let tree = match rebuild_tree(dir, &mut trees, base, changes)? {
            Some(tree) => tree,
            None => run_with_input(dir, &["mktree", "-z"], &[], Some(b""))?,
        };
        // Nothing to commit: a write completed again after it had been committed.
        if base_id.as_deref() == Some(tree.as_str()) {
            return Ok(false);
        }
        let mut commit_tree = vec!["commit-tree", tree.as_str(), "-F", "-"];
        if let Some(head) = &head {
            commit_tree.extend(["-p", head.as_str()]);
        }
        let mut commit = run_with_input(dir, &commit_tree, &envs, Some(message.as_bytes()))?;
        if let Some(signer) = signer {
            commit = sign(dir, &mut trees, &commit, signer)?;
        }
        let reflog = format!("commit: {}", message.lines().next().unwrap_or_default());
        let mut move_head = vec!["update-ref", "-m", reflog.as_str(), "HEAD", commit.as_str()];
        // Only if nobody moved HEAD meanwhile.
        if let Some(head) = &head {
            move_head.push(head.as_str());
        }
        crate::book::crash_point("before-head");
        run(dir, &move_head, &[]).map(|_| true)
    })();
    let made = made?;
    if texts.is_some() {
        return Ok(Committed {
            made,
            index_updated: true,
        });
    }
    crate::book::crash_point("before-index");
    // The real index learns the committed files, so `git status` is clean for them. Another
    // git command may hold the index for a moment, so it is tried a few times. Past that the
    // caller is told: the commit is made, and undoing the files now would lose it.
    let index_updated = update_index(dir, &list).is_ok();
    Ok(Committed {
        made,
        index_updated,
    })
}

/// The commit `commit` again, signed by `signer` the way git signs with an SSH key: the
/// signature of the commit's text goes into a `gpgsig` header after the others.
fn sign(dir: &Path, trees: &mut Trees, commit: &str, signer: &Identity) -> Result<String, Error> {
    let Some(text) = trees.objects()?.get(commit)? else {
        return Err(Error::Internal(format!(
            "the commit {commit} just made is missing"
        )));
    };
    let signature = signer.sign(&text)?;
    let (headers, body) = split_headers(&text);
    let mut signed = headers.to_vec();
    // A SHA-256 repository (IDs of 64 hex digits) keeps the signature of the commit's SHA-256
    // form under its own name.
    let sha256 = commit.len() == 64;
    signed.extend_from_slice(if sha256 {
        b"gpgsig-sha256 "
    } else {
        b"gpgsig "
    });
    signed.extend_from_slice(signature.trim_end().replace('\n', "\n ").as_bytes());
    signed.push(b'\n');
    signed.extend_from_slice(body);
    run_with_input(
        dir,
        &["hash-object", "-t", "commit", "-w", "--stdin"],
        &[],
        Some(&signed),
    )
}

/// A commit's headers (each line with its newline) and the rest (the blank line, the message).
fn split_headers(text: &[u8]) -> (&[u8], &[u8]) {
    let end = text
        .windows(2)
        .position(|w| w == b"\n\n")
        .map_or(text.len(), |at| at + 1);
    text.split_at(end)
}

/// A commit's signature and the text it signs (the commit without its `gpgsig` or, in a
/// SHA-256 repository, `gpgsig-sha256` header); `None` for an unsigned commit.
pub fn signature_of(text: &[u8]) -> Option<(String, Vec<u8>)> {
    let (headers, body) = split_headers(text);
    let mut payload = Vec::with_capacity(text.len());
    let mut signature = None::<String>;
    let mut in_signature = false;
    for line in headers.split_inclusive(|b| *b == b'\n') {
        if let Some(rest) = line
            .strip_prefix(b"gpgsig ")
            .or_else(|| line.strip_prefix(b"gpgsig-sha256 "))
        {
            signature = Some(String::from_utf8_lossy(rest).into_owned());
            in_signature = true;
        } else if in_signature && line.starts_with(b" ") {
            if let Some(signature) = signature.as_mut() {
                signature.push_str(&String::from_utf8_lossy(&line[1..]));
            }
        } else {
            in_signature = false;
            payload.extend_from_slice(line);
        }
    }
    payload.extend_from_slice(body);
    signature.map(|s| (s, payload))
}

/// A path's components (from some tree) and the blob it now holds, or `None` for removed.
type TreeChange = (Vec<String>, Option<String>);

/// A tree read from git: its object ID and its entries, by name (names are bytes to git).
struct Tree {
    id: String,
    entries: std::collections::BTreeMap<Vec<u8>, TreeEntry>,
}

/// One entry of a tree: its mode (octal, as git writes it: `100644`, `40000`) and object.
#[derive(Clone)]
struct TreeEntry {
    mode: u32,
    object: Vec<u8>,
}

impl TreeEntry {
    fn is_tree(&self) -> bool {
        self.mode == 0o40000
    }

    /// A file (not a folder, nor a submodule's commit).
    fn is_blob(&self) -> bool {
        !self.is_tree() && self.mode != 0o160000
    }
}

/// The trees of a commit (and the commit, to sign it), read through one `git cat-file --batch`
/// (started when first asked) instead of a `git ls-tree` per folder on the changed paths.
struct Trees<'a> {
    dir: &'a Path,
    objects: Option<Objects>,
}

impl<'a> Trees<'a> {
    fn new(dir: &'a Path) -> Trees<'a> {
        Trees { dir, objects: None }
    }

    /// The reader of objects, started when first asked.
    fn objects(&mut self) -> Result<&mut Objects, Error> {
        Ok(match &mut self.objects {
            Some(objects) => objects,
            none => none.insert(Objects::open(self.dir)?),
        })
    }

    /// The tree `name` names (an object ID, or `REV^{tree}`), parsed.
    fn tree(&mut self, name: &str) -> Result<Tree, Error> {
        let failed = |stderr: String| Error::Git {
            args: "cat-file --batch".into(),
            stderr,
            help: None,
        };
        let Some((id, kind, raw)) = self.objects()?.read(name)? else {
            return Err(failed(format!("{name} is missing")));
        };
        if kind != "tree" {
            return Err(failed(format!("{name} is not a tree but a {kind}")));
        }
        let entries = parse_tree(&raw, id.len() / 2)
            .ok_or_else(|| failed(format!("tree {id} cannot be read")))?;
        Ok(Tree { id, entries })
    }
}

/// A tree object's entries: `MODE NAME\0ID` each, the ID `id_len` bytes (20 for SHA-1, 32
/// for SHA-256).
fn parse_tree(
    mut raw: &[u8],
    id_len: usize,
) -> Option<std::collections::BTreeMap<Vec<u8>, TreeEntry>> {
    let mut entries = std::collections::BTreeMap::new();
    while !raw.is_empty() {
        let space = raw.iter().position(|&b| b == b' ')?;
        let mode = u32::from_str_radix(std::str::from_utf8(&raw[..space]).ok()?, 8).ok()?;
        raw = &raw[space + 1..];
        let nul = raw.iter().position(|&b| b == 0)?;
        let name = raw[..nul].to_vec();
        let object = raw.get(nul + 1..nul + 1 + id_len)?.to_vec();
        raw = &raw[nul + 1 + id_len..];
        entries.insert(name, TreeEntry { mode, object });
    }
    Some(entries)
}

/// The tree `base` (none: empty) with `changes` made: each a path (components from this tree)
/// and the blob it now holds, or `None` for a file removed. Only the trees on the changed paths
/// are read and written, so a commit costs the folders it touches, not the repository: one
/// month of records, not every record ever received. Trees are read raw (`git cat-file`) and
/// written as git stores them (`git hash-object -t tree`, which checks them): `git mktree`
/// looked up every entry's object, 77 ms for a month of 16,000 records, against 5 ms.
/// `None` when the tree ends up empty (git keeps no empty folders).
fn rebuild_tree(
    dir: &Path,
    trees: &mut Trees<'_>,
    base: Option<Tree>,
    changes: Vec<TreeChange>,
) -> Result<Option<String>, Error> {
    let mut entries = base.map(|tree| tree.entries).unwrap_or_default();
    let bad = |what: &str| Error::Git {
        args: "hash-object".into(),
        stderr: format!("not an object ID: {what}"),
        help: None,
    };
    let mut below: std::collections::BTreeMap<Vec<u8>, Vec<TreeChange>> = Default::default();
    for (mut components, blob) in changes {
        if components.len() > 1 {
            let first = components.remove(0);
            below
                .entry(first.into_bytes())
                .or_default()
                .push((components, blob));
            continue;
        }
        let Some(name) = components.pop() else {
            continue;
        };
        let name = name.into_bytes();
        match blob {
            Some(blob) => {
                // An executable file stays executable.
                let mode = entries
                    .get(&name)
                    .filter(|entry| entry.is_blob())
                    .map_or(0o100644, |entry| entry.mode);
                let object = crate::hex::decode(&blob).ok_or_else(|| bad(&blob))?;
                entries.insert(name, TreeEntry { mode, object });
            }
            None => {
                entries.remove(&name);
            }
        }
    }
    for (name, changes) in below {
        let base = match entries.get(&name).filter(|entry| entry.is_tree()) {
            Some(entry) => Some(trees.tree(&crate::hex::encode(&entry.object))?),
            None => None,
        };
        match rebuild_tree(dir, trees, base, changes)? {
            Some(tree) => {
                let object = crate::hex::decode(&tree).ok_or_else(|| bad(&tree))?;
                entries.insert(
                    name,
                    TreeEntry {
                        mode: 0o40000,
                        object,
                    },
                )
            }
            None => entries.remove(&name),
        };
    }
    if entries.is_empty() {
        return Ok(None);
    }
    // Git's order: by name, a folder's as if it ended in '/'.
    let mut sorted: Vec<(Vec<u8>, &TreeEntry)> = entries
        .iter()
        .map(|(name, entry)| {
            let mut key = name.clone();
            if entry.is_tree() {
                key.push(b'/');
            }
            (key, entry)
        })
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut raw = Vec::new();
    for (key, entry) in sorted {
        let name = key
            .strip_suffix(b"/")
            .filter(|_| entry.is_tree())
            .unwrap_or(&key);
        raw.extend_from_slice(format!("{:o} ", entry.mode).as_bytes());
        raw.extend_from_slice(name);
        raw.push(0);
        raw.extend_from_slice(&entry.object);
    }
    run_with_input(
        dir,
        &["hash-object", "-t", "tree", "-w", "--stdin"],
        &[],
        Some(&raw),
    )
    .map(Some)
}

/// The author of a commit made for `author`; the committer is whoever runs the command, but
/// where git lacks a whole identity (a fresh CI machine, a name without an e-mail), the actor
/// stands in so the commit is not refused.
fn identity(dir: &Path, author: &str) -> Vec<(&'static str, String)> {
    let email = config(dir, "user.email");
    let address = email.clone().unwrap_or_default();
    let mut envs = vec![
        ("GIT_AUTHOR_NAME", author.to_string()),
        ("GIT_AUTHOR_EMAIL", address.clone()),
    ];
    if config(dir, "user.name").is_none() || email.is_none() {
        envs.extend([
            ("GIT_COMMITTER_NAME", author.to_string()),
            ("GIT_COMMITTER_EMAIL", address),
        ]);
    }
    envs
}

/// What [`commit`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Committed {
    /// Whether a commit was made (not when HEAD had the files already).
    pub made: bool,
    /// Whether git's index was brought up to the commit; if not, it still holds the files as
    /// they were, and a plain `git commit` would put them back.
    pub index_updated: bool,
}

/// Brings git's index entries for `paths` (NUL-separated) up to the files, trying a few times
/// while another git command holds the index.
fn update_index(dir: &Path, list: &[u8]) -> Result<(), Error> {
    let update = ["update-index", "--add", "--remove", "-z", "--stdin"];
    let mut last = Ok(String::new());
    for _ in 0..5 {
        last = run_with_input(dir, &update, &[], Some(list));
        if last.is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    last.map(drop)
}

/// Brings git's index entries for these paths up to the files in the work tree.
pub fn refresh_index(dir: &Path, paths: &[std::path::PathBuf]) -> Result<(), Error> {
    let mut list = Vec::new();
    for path in paths.iter().filter_map(|p| p.to_str()) {
        list.extend_from_slice(path.as_bytes());
        list.push(0);
    }
    update_index(dir, &list)
}

/// Paths under `path` whose file differs from HEAD (staged or not).
pub fn changed_since_head(
    dir: &Path,
    path: &Path,
) -> Result<Vec<(char, std::path::PathBuf)>, Error> {
    name_status(
        dir,
        &["diff", "HEAD", "--name-status", "-z", "--no-renames"],
        path,
    )
}

/// Paths under `path` whose entry in git's index differs from HEAD (staged changes).
pub fn staged(dir: &Path, path: &Path) -> Result<Vec<(char, std::path::PathBuf)>, Error> {
    name_status(
        dir,
        &["diff", "--cached", "--name-status", "-z", "--no-renames"],
        path,
    )
}

/// Paths under `path` whose file differs from git's index (unstaged changes).
pub fn unstaged(dir: &Path, path: &Path) -> Result<Vec<(char, std::path::PathBuf)>, Error> {
    name_status(dir, &["diff", "--name-status", "-z", "--no-renames"], path)
}

fn name_status(
    dir: &Path,
    args: &[&str],
    path: &Path,
) -> Result<Vec<(char, std::path::PathBuf)>, Error> {
    let mut all = args.to_vec();
    let path = path.to_str().unwrap_or(".");
    // Paths relative to the book, also where the book is a folder of a larger repository.
    all.extend(["--relative", "--", path]);
    let out = run(dir, &all, &[])?;
    let mut parts = out.split('\0').filter(|p| !p.is_empty());
    let mut found = Vec::new();
    while let (Some(status), Some(file)) = (parts.next(), parts.next()) {
        found.push((status.chars().next().unwrap_or('M'), file.into()));
    }
    Ok(found)
}

/// Whether HEAD exists (the repository has a first commit).
pub fn has_head(dir: &Path) -> bool {
    run(dir, &["rev-parse", "--verify", "--quiet", "HEAD"], &[]).is_ok()
}

/// The text of `path` in git's index (`:path`), if it is there.
pub fn staged_text(dir: &Path, path: &Path) -> Option<String> {
    run_raw(dir, &["show", &format!(":./{}", path.display())])
}

/// The branch HEAD is on.
pub fn current_branch(dir: &Path) -> Result<String, Error> {
    run(dir, &["symbolic-ref", "--short", "HEAD"], &[]).map_err(|err| {
        with_help(
            err,
            said!(
                "check out a branch first (`git switch main`)",
                "请先切换到一个分支（`git switch main`）"
            ),
        )
    })
}

/// The remote a branch tracks, if it tracks one.
pub fn upstream_remote(dir: &Path, branch: &str) -> Option<String> {
    config(dir, &format!("branch.{branch}.remote"))
}

/// Fetches `branch` from `remote`; false when the remote does not have it yet.
pub fn fetch(dir: &Path, remote: &str, branch: &str) -> Result<bool, Error> {
    match run(dir, &["fetch", "--quiet", remote, branch], &[]) {
        Ok(_) => Ok(true),
        Err(Error::Git { stderr, .. }) if stderr.contains("couldn't find remote ref") => Ok(false),
        Err(err) => Err(with_help(
            err,
            said!(
                "check the remote's name and address (`git remote -v`) and that it can be reached",
                "请检查远程仓库的名称和地址（`git remote -v`），以及它能否连通"
            ),
        )),
    }
}

/// The subjects of the commits in `range` (`A..B`), oldest first.
pub fn subjects(dir: &Path, range: &str) -> Result<Vec<String>, Error> {
    Ok(run(
        dir,
        &["log", "--reverse", "--no-merges", "--format=%s", range],
        &[],
    )?
    .lines()
    .map(str::to_string)
    .collect())
}

/// Merges `rev` into the current branch (records through the merge driver). On a conflict
/// the merge is given up, leaving the work tree as it was, and the conflicting paths are
/// returned.
pub fn merge(dir: &Path, rev: &str, message: &str, author: &str) -> Result<Vec<String>, Error> {
    let identity = identity(dir, author);
    let envs: Vec<(&str, &str)> = identity.iter().map(|(k, v)| (*k, v.as_str())).collect();
    match run(dir, &["merge", "--no-edit", "-m", message, rev], &envs) {
        Ok(_) => Ok(Vec::new()),
        Err(err) => {
            let conflicted = run(dir, &["diff", "--name-only", "--diff-filter=U"], &[])
                .map(|out| out.lines().map(str::to_string).collect::<Vec<_>>())
                .unwrap_or_default();
            if conflicted.is_empty() {
                return Err(err);
            }
            run(dir, &["merge", "--abort"], &[])?;
            Ok(conflicted)
        }
    }
}

/// Pushes the current branch to `remote`; false when the remote moved on (another desk
/// pushed first).
pub fn push(dir: &Path, remote: &str, branch: &str) -> Result<bool, Error> {
    match run(
        dir,
        &["push", "--quiet", remote, &format!("HEAD:{branch}")],
        &[],
    ) {
        Ok(_) => Ok(true),
        Err(Error::Git { stderr, .. })
            if stderr.contains("non-fast-forward")
                || stderr.contains("fetch first")
                || stderr.contains("rejected") =>
        {
            Ok(false)
        }
        Err(err) => Err(err),
    }
}

/// The commits that changed `path`, oldest first.
pub fn commits_touching(dir: &Path, path: &Path) -> Vec<String> {
    let path = path.display().to_string();
    run(dir, &["log", "--reverse", "--format=%H", "--", &path], &[])
        .map(|out| out.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The text of `path` at commit `rev`, if it is there.
pub fn text_at(dir: &Path, rev: &str, path: &Path) -> Option<String> {
    run_raw(dir, &["show", &format!("{rev}:./{}", path.display())])
}

/// The text of `path` at HEAD, if it is there.
pub fn head_text(dir: &Path, path: &Path) -> Option<String> {
    text_at(dir, "HEAD", path)
}

/// Output exactly as git printed it (a file's text keeps its last newline).
fn run_raw(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The merge driver's name in `.gitattributes` (`records/** merge=complaint`).
pub const MERGE_DRIVER: &str = "complaint";

/// Registers the record merge driver in the repository's configuration (it is not cloned), so
/// that `git pull` and `git merge` merge records as records: `program` is the command to run.
pub fn ensure_merge_driver(dir: &Path, program: &str) -> Result<(), Error> {
    let key = format!("merge.{MERGE_DRIVER}.driver");
    let driver = format!("{} merge-driver %O %A %B %P", shell_quote(program));
    if config(dir, &key).as_deref() != Some(driver.as_str()) {
        run(dir, &["config", &key, &driver], &[])?;
        let name = format!("merge.{MERGE_DRIVER}.name");
        run(
            dir,
            &["config", &name, "complaint records: events united"],
            &[],
        )?;
    }
    Ok(())
}

/// How a hook stands after [`install_hook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    /// Ours, now in place.
    Installed,
    /// Someone else's hook is there; it was left alone.
    Foreign,
}

/// Marks our hooks, so that they are told from a person's own.
const HOOK_MARK: &str = "# installed by complaint";

/// Installs the `pre-commit` hook that refuses commits deleting records or dropping events
/// (`program hook pre-commit`); a hook that is not ours is left alone.
pub fn install_hook(dir: &Path, program: &str) -> Result<Hook, Error> {
    let hooks = std::path::PathBuf::from(run(dir, &["rev-parse", "--git-path", "hooks"], &[])?);
    let hooks = if hooks.is_absolute() {
        hooks
    } else {
        dir.join(hooks)
    };
    let path = hooks.join("pre-commit");
    let text = format!(
        "#!/bin/sh\n{HOOK_MARK}: refuses a commit that deletes a complaint record or drops events\n\
         # from a history. `complaint init --hooks` writes it again.\n\
         exec {} hook pre-commit\n",
        shell_quote(program)
    );
    match std::fs::read_to_string(&path) {
        Ok(existing) if existing == text => return Ok(Hook::Installed),
        Ok(existing) if !existing.contains(HOOK_MARK) => return Ok(Hook::Foreign),
        _ => {}
    }
    std::fs::create_dir_all(&hooks).map_err(|e| Error::io(&hooks, e))?;
    crate::book::write_atomic(&path, &text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| Error::io(&path, e))?;
    }
    Ok(Hook::Installed)
}

fn shell_quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// A commit and what it changed against its first parent (all of it for a root commit).
#[derive(Debug, Clone)]
pub struct CommitChanges {
    /// The commit.
    pub commit: String,
    /// Its parents, first parent first.
    pub parents: Vec<String>,
    /// Each file changed: the blob before (`None`: added), after (`None`: deleted), and its
    /// path from the top of the repository.
    pub files: Vec<(Option<String>, Option<String>, String)>,
}

/// Every commit reachable from HEAD, parents before children, with the files it changed
/// under `paths` (from the top of the repository) against its first parent: two git
/// processes for the whole history.
pub fn history(dir: &Path, paths: &[String]) -> Result<Vec<CommitChanges>, Error> {
    if !has_head(dir) {
        return Ok(Vec::new());
    }
    let listed = run(
        dir,
        &["rev-list", "--reverse", "--topo-order", "--parents", "HEAD"],
        &[],
    )?;
    let mut commits: Vec<CommitChanges> = Vec::new();
    let mut input = String::new();
    for line in listed.lines() {
        let mut ids = line.split(' ').map(str::to_string);
        let Some(commit) = ids.next() else { continue };
        let parents: Vec<String> = ids.collect();
        match parents.first() {
            Some(first) => input.push_str(&format!("{commit} {first}\n")),
            None => input.push_str(&format!("{commit}\n")),
        }
        commits.push(CommitChanges {
            commit,
            parents,
            files: Vec::new(),
        });
    }
    let mut args = vec![
        "diff-tree",
        "--stdin",
        "-r",
        "--root",
        "--no-renames",
        "--no-abbrev",
        "-z",
        "--",
    ];
    args.extend(paths.iter().map(String::as_str));
    let out = run_with_input(dir, &args, &[], Some(input.as_bytes()))?;
    let position: std::collections::HashMap<String, usize> = commits
        .iter()
        .enumerate()
        .map(|(i, c)| (c.commit.clone(), i))
        .collect();
    let mut fields = out.split('\0').filter(|f| !f.is_empty());
    let mut current = None;
    while let Some(field) = fields.next() {
        if let Some(meta) = field.strip_prefix(':') {
            let Some(path) = fields.next() else { break };
            let meta: Vec<&str> = meta.split(' ').collect();
            let blob = |i: usize| {
                meta.get(i)
                    .filter(|b| !b.bytes().all(|c| c == b'0'))
                    .map(|b| b.to_string())
            };
            if let Some(i) = current {
                let commit: &mut CommitChanges = &mut commits[i];
                commit.files.push((blob(2), blob(3), path.to_string()));
            }
        } else {
            current = position.get(field.trim()).copied();
        }
    }
    Ok(commits)
}

/// Reads many objects through one `git cat-file --batch`.
pub struct Objects {
    child: std::process::Child,
    input: std::process::ChildStdin,
    output: std::io::BufReader<std::process::ChildStdout>,
}

impl Objects {
    /// Starts the reader in `dir`.
    pub fn open(dir: &Path) -> Result<Objects, Error> {
        use std::process::Stdio;
        let failed = |e: std::io::Error| Error::Git {
            args: "cat-file --batch".into(),
            stderr: format!("cannot run git: {e}"),
            help: None,
        };
        let mut child = Command::new("git")
            .current_dir(dir)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(failed)?;
        let input = child
            .stdin
            .take()
            .ok_or_else(|| failed(std::io::ErrorKind::BrokenPipe.into()))?;
        let output = child
            .stdout
            .take()
            .ok_or_else(|| failed(std::io::ErrorKind::BrokenPipe.into()))?;
        Ok(Objects {
            child,
            input,
            output: std::io::BufReader::new(output),
        })
    }

    /// The content of an object (`<id>`, or `<commit>:<path>`), `None` if there is none.
    pub fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        Ok(self.read(name)?.map(|(_, _, content)| content))
    }

    /// An object's ID, type and content, `None` if there is none.
    pub fn read(&mut self, name: &str) -> Result<Option<(String, String, Vec<u8>)>, Error> {
        use std::io::{BufRead, Read, Write};
        let failed = |e: std::io::Error| Error::Git {
            args: "cat-file --batch".into(),
            stderr: e.to_string(),
            help: None,
        };
        if name.contains('\n') {
            return Ok(None);
        }
        writeln!(self.input, "{name}").map_err(failed)?;
        self.input.flush().map_err(failed)?;
        let mut header = String::new();
        self.output.read_line(&mut header).map_err(failed)?;
        let mut parts = header.split_whitespace();
        // `<id> <type> <size>`, or `<name> missing`.
        let (Some(id), Some(kind), Some(size)) = (parts.next(), parts.next(), parts.next()) else {
            return Ok(None);
        };
        let (id, kind) = (id.to_string(), kind.to_string());
        let size: usize = size
            .parse()
            .map_err(|_| failed(std::io::ErrorKind::InvalidData.into()))?;
        let mut content = vec![0; size + 1];
        self.output.read_exact(&mut content).map_err(failed)?;
        content.pop();
        Ok(Some((id, kind, content)))
    }
}

impl Drop for Objects {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The path of the book's folder from the top of its repository (`""`, or `desk/`).
pub fn prefix(dir: &Path) -> String {
    run_raw(dir, &["rev-parse", "--show-prefix"])
        .unwrap_or_default()
        .trim_end_matches('\n')
        .to_string()
}

/// Whether any commit reachable from HEAD added or removed `text` in `path`.
pub fn ever_held(dir: &Path, text: &str, path: &Path) -> bool {
    let pickaxe = format!("-S{text}");
    run(
        dir,
        &[
            "log",
            "-1",
            "--format=%H",
            &pickaxe,
            "--",
            &path.to_string_lossy(),
        ],
        &[],
    )
    .is_ok_and(|found| !found.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trees a commit writes by hand are the ones git writes from its own index, in git's
    /// order (a folder sorts as if its name ended in '/': `a.b` before `a/`, `a/` before `a0`),
    /// through files added, changed and removed at several depths.
    #[test]
    fn commit_trees_are_gits() {
        let dir = std::env::temp_dir().join(format!("complaint-git-trees-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        init(&dir).unwrap();
        let files = [
            "a.b",
            "a/x",
            "a0",
            "a-/y",
            "b/c/d.yaml",
            "sub dir/ü.txt",
            "z",
        ];
        for (n, file) in files.iter().enumerate() {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("{n}\n")).unwrap();
        }
        let same = |dir: &Path| {
            assert_eq!(
                run(dir, &["write-tree"], &[]).unwrap(),
                run(dir, &["rev-parse", "HEAD^{tree}"], &[]).unwrap()
            );
        };
        let paths: Vec<&Path> = files.iter().map(Path::new).collect();
        assert!(commit(&dir, &paths, "first", "tester", None).unwrap().made);
        same(&dir);
        std::fs::write(dir.join("b/c/d.yaml"), "changed\n").unwrap();
        std::fs::remove_file(dir.join("a/x")).unwrap();
        std::fs::write(dir.join("b/e"), "new\n").unwrap();
        let changed = [Path::new("b/c/d.yaml"), Path::new("a/x"), Path::new("b/e")];
        assert!(
            commit(&dir, &changed, "second", "tester", None)
                .unwrap()
                .made
        );
        same(&dir);
        assert_eq!(
            run(&dir, &["ls-tree", "--name-only", "HEAD"], &[]).unwrap(),
            "a-\na.b\na0\nb\nsub dir\nz",
            "the emptied folder a/ is gone"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
