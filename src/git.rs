//! The few git operations a book needs, through the git command-line program.

use std::path::Path;
use std::process::Command;

use crate::error::Error;

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
        help: Some("install git, or use --no-commit".into()),
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
        Err(Error::Git {
            args: args.join(" "),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_string(),
            help: None,
        })
    }
}

/// The text of `path` (relative to `dir`) at revision `rev`.
pub fn show(dir: &Path, rev: &str, path: &Path) -> Result<String, Error> {
    let spec = format!("{rev}:./{}", path.display());
    run(dir, &["show", &spec], &[]).map_err(|err| {
        with_help(
            err,
            "name a revision that has the rulebook, such as HEAD~1 or main",
        )
    })
}

/// The error with a hint for where it happened.
pub(crate) fn with_help(err: Error, help: &str) -> Error {
    match err {
        Error::Git { args, stderr, .. } => Error::Git {
            args,
            stderr,
            help: Some(help.to_string()),
        },
        other => other,
    }
}

/// Whether `dir` is inside a git work tree.
pub fn in_repo(dir: &Path) -> bool {
    run(dir, &["rev-parse", "--is-inside-work-tree"], &[]).is_ok_and(|out| out == "true")
}

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
/// The commit is built on a private index (HEAD's tree plus `paths`) and then `HEAD` is moved,
/// rather than by `git add` and `git commit -- PATHS`: git matches every file against every
/// pathspec, which takes minutes for an import or a reveal of tens of thousands of records,
/// while this costs one pass. The paths go to git on its standard input, so no command line
/// grows with them.
pub fn commit(dir: &Path, paths: &[&Path], message: &str, author: &str) -> Result<(), Error> {
    let mut list = Vec::new();
    for path in paths.iter().filter_map(|p| p.to_str()) {
        list.extend_from_slice(path.as_bytes());
        list.push(0);
    }
    let head = run(dir, &["rev-parse", "--verify", "--quiet", "HEAD"], &[]).ok();
    let git_dir = run(dir, &["rev-parse", "--absolute-git-dir"], &[])?;
    let index =
        std::path::PathBuf::from(git_dir).join(format!("complaint-{}.index", std::process::id()));
    let index_env = index.display().to_string();
    let private = [("GIT_INDEX_FILE", index_env.as_str())];
    let update = ["update-index", "--add", "--remove", "-z", "--stdin"];

    let email = config(dir, "user.email");
    let address = email.clone().unwrap_or_default();
    let mut envs = vec![
        ("GIT_AUTHOR_NAME", author),
        ("GIT_AUTHOR_EMAIL", address.as_str()),
    ];
    // The committer is whoever runs the command; where git lacks a whole identity (a fresh CI
    // machine, a name without an e-mail), the actor stands in so the commit is not refused.
    if config(dir, "user.name").is_none() || email.is_none() {
        envs.extend([
            ("GIT_COMMITTER_NAME", author),
            ("GIT_COMMITTER_EMAIL", address.as_str()),
        ]);
    }
    let made = (|| {
        if let Some(head) = &head {
            run(dir, &["read-tree", head], &private)?;
        }
        run_with_input(dir, &update, &private, Some(&list))?;
        let tree = run(dir, &["write-tree"], &private)?;
        let mut commit_tree = vec!["commit-tree", tree.as_str(), "-F", "-"];
        if let Some(head) = &head {
            commit_tree.extend(["-p", head.as_str()]);
        }
        let commit = run_with_input(dir, &commit_tree, &envs, Some(message.as_bytes()))?;
        let reflog = format!("commit: {}", message.lines().next().unwrap_or_default());
        let mut move_head = vec!["update-ref", "-m", reflog.as_str(), "HEAD", commit.as_str()];
        // Only if nobody moved HEAD meanwhile.
        if let Some(head) = &head {
            move_head.push(head.as_str());
        }
        run(dir, &move_head, &[])
    })();
    let _ = std::fs::remove_file(&index);
    made.map_err(|err| {
        with_help(err, "nothing was written: the change was undone; fix git (`git status`) and try again, or use --no-commit")
    })?;
    // The real index learns the committed files, so `git status` is clean for them. Another
    // git command may hold the index for a moment, so it is tried a few times. Past that it is
    // left: the commit is made, and undoing the files now would lose it; a stale index shows in
    // `git status`, and `git reset -- PATHS` mends it.
    for _ in 0..20 {
        if run_with_input(dir, &update, &[], Some(&list)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Ok(())
}
