//! The man pages in `man/` are generated from the command-line definitions; this fails when
//! they are out of date (regenerate with `cargo run -- man man`).

use crate::support::*;

/// Every committed man page has the sections a reader looks for, names in SEE ALSO only pages
/// that exist, and (where groff is installed) renders without a single warning.
#[test]
fn every_man_page_is_complete_and_renders_cleanly() {
    let dir = repo().join("man");
    let pages: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(pages.len() > 40, "{pages:?}");
    for page in &pages {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH \"EXIT STATUS\"",
            ".SH \"SEE ALSO\"",
        ] {
            assert!(text.contains(section), "{page} has no {section}");
        }
        assert!(
            !text.contains(".SH EXTRA"),
            "{page}: exit codes under EXTRA"
        );
        let see_also = text.split(".SH \"SEE ALSO\"\n").nth(1).unwrap();
        let see_also = see_also.lines().next().unwrap();
        for reference in see_also.split(", ") {
            let name = reference
                .trim_start_matches("\\fB")
                .trim_end_matches("\\fR(1)")
                .replace("\\-", "-");
            assert!(
                pages.contains(&format!("{name}.1")),
                "{page} refers to {name}(1), which does not exist"
            );
        }
    }
    let top = std::fs::read_to_string(dir.join("complaint.1")).unwrap();
    for section in [
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
        "COMPLAINT_LANG",
    ] {
        assert!(top.contains(section), "complaint.1 has no {section}");
    }
    let sla = std::fs::read_to_string(dir.join("complaint-sla.1")).unwrap();
    assert!(
        sla.contains("\\fB\\-\\-clock\\fR \\fICLOCK\\fR"),
        "the synopsis names values"
    );
    assert!(
        sla.contains("complaint sla \\-\\-escalate"),
        "a crontab line"
    );
    // groff's own check, where it is installed: preconv reads the UTF-8 (Chinese examples).
    let groff = std::process::Command::new("sh")
        .args(["-c", "command -v groff && command -v preconv"])
        .output()
        .is_ok_and(|o| o.status.success());
    if groff {
        for page in &pages {
            let output = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "preconv '{}' | groff -man -Tutf8 -ww -z",
                    dir.join(page).display()
                ))
                .output()
                .unwrap();
            assert!(
                output.status.success() && output.stderr.is_empty(),
                "{page}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

#[test]
fn the_committed_man_pages_are_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    let output = complaint(repo())
        .arg("man")
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    let names = |dir: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let committed = repo().join("man");
    assert_eq!(
        names(tmp.path()),
        names(&committed),
        "regenerate with `cargo run -- man man`"
    );
    for name in names(tmp.path()) {
        let fresh = std::fs::read_to_string(tmp.path().join(&name)).unwrap();
        let old = std::fs::read_to_string(committed.join(&name)).unwrap();
        assert!(
            fresh == old,
            "man/{name} is out of date: regenerate with `cargo run -- man man`"
        );
    }
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in [
        (
            "bash",
            "complete -o nospace -o bashdefault -o nosort -F _clap_complete_complaint complaint",
        ),
        ("zsh", "#compdef complaint"),
        (
            "fish",
            "complete --keep-order --exclusive --command complaint",
        ),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "set edit:completion:arg-completer[complaint]"),
    ] {
        let output = complaint(repo())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(output.status.success(), "{shell}: {}", describe(&output));
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(
            script.contains(marker),
            "{shell} script has {marker}:\n{script}"
        );
        assert!(
            script.contains("COMPLAINT_COMPLETE"),
            "{shell} script asks the program"
        );
    }
}

/// What bash completes at the end of `words`, through the script `completions bash` prints,
/// in `book`.
fn bash_completes(book: &Book, words: &[&str]) -> Vec<String> {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_complaint"))
        .parent()
        .unwrap();
    let words: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source <(complaint completions bash)
COMP_WORDS=(complaint {words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_TYPE=9
_clap_complete_complaint complaint \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"
printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = words.join(" ")
    );
    let output = std::process::Command::new("bash")
        .args(["-c", &script])
        .current_dir(book.root())
        .env_clear()
        .env(
            "PATH",
            format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display()),
        )
        .env("HOME", HOME)
        .env("COMPLAINT_LANG", "en")
        .env("COMPLAINT_NOW", "2026-11-27T10:00:00+08:00")
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{words:?}: {}", describe(&output));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Bash completes what only the book knows: complaint IDs (open or recent, newest first),
/// category and channel codes, staff, clock ids; and per command only the formats it writes,
/// never a hidden command.
#[test]
fn bash_completes_ids_codes_staff_clocks_and_formats_from_the_book() {
    let book = Book::new();
    book.set_staff(&[("李娜", &["dept_head"]), ("赵敏", &["cs_director"])]);
    let old = book.new_complaint("2026-11-23T09:00:00+08:00");
    let new = book.new_complaint("2026-11-26T09:00:00+08:00");
    let ids = bash_completes(&book, &["show", ""]);
    assert_eq!(ids[..2], [new.clone(), old.clone()], "{ids:?}");
    assert_eq!(
        bash_completes(&book, &["ack", "C-20261126"]),
        std::slice::from_ref(&new)
    );
    let categories = bash_completes(&book, &["list", "--category", ""]);
    assert_eq!(
        categories.first().map(String::as_str),
        Some("CQ01"),
        "{categories:?}"
    );
    assert!(bash_completes(&book, &["new", "--channel", ""]).contains(&"hotline".to_string()));
    // A positional value comes first, the options after it.
    assert_eq!(
        bash_completes(&book, &["assign", &old, ""])[..2],
        ["李娜", "赵敏"]
    );
    assert_eq!(bash_completes(&book, &["--by", ""]), ["李娜", "赵敏"]);
    assert_eq!(
        bash_completes(&book, &["sla", "--clock", ""]),
        [
            "acknowledge",
            "handle",
            "pay",
            "result_feedback",
            "promised"
        ]
    );
    assert_eq!(
        bash_completes(&book, &["explain", &old, "--format", ""]),
        ["table", "json", "yaml"]
    );
    assert_eq!(
        bash_completes(&book, &["export", "--format", ""]),
        ["csv", "json", "yaml", "xlsx"]
    );
    assert_eq!(bash_completes(&book, &["rules", "li"]), ["list"]);
    // From outside the book, --dir on the line names it.
    let elsewhere = tempfile::tempdir().unwrap();
    let root = book.root().to_str().unwrap().to_string();
    let asked = complaint(elsewhere.path())
        .env("COMPLAINT_COMPLETE", "fish")
        .env("COMPLAINT_NOW", "2026-11-27T10:00:00+08:00")
        .args(["--", "complaint", "show", "--dir", &root, "C-2026112"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&asked.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or_default())
            .collect::<Vec<_>>(),
        [new.as_str(), old.as_str()],
        "{}",
        describe(&asked)
    );
    for hidden in ["man", "merge-driver", "hook"] {
        assert!(
            bash_completes(&book, &[&hidden[..2]])
                .iter()
                .all(|c| c != hidden),
            "{hidden} is offered"
        );
    }
}

/// The README's examples for programs (`## For programs`) run as written on a copy of the demo
/// book, through `sh` and `jq`, and print what the README says they print.
#[test]
fn the_readme_jq_examples_work_as_written() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let section = readme
        .split("## For programs")
        .nth(1)
        .expect("README has a section for programs");
    let block = section
        .split("```console\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section has a console example");
    let demo = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("fixtures/demo"), demo.path());
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_complaint"))
        .parent()
        .unwrap();
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display());
    let mut examples = 0;
    for example in block.split("$ ").skip(1) {
        let (command, expected) = example.split_once('\n').unwrap();
        let output = std::process::Command::new("sh")
            .args(["-c", command])
            .current_dir(repo())
            .env_clear()
            .env("PATH", &path)
            .env("COMPLAINT_DIR", demo.path())
            .env("COMPLAINT_NOW", "2026-11-27 09:00")
            .env("COMPLAINT_LANG", "en")
            .env("HOME", HOME)
            .output()
            .expect("sh runs (and jq is installed)");
        assert!(output.status.success(), "{command}: {}", describe(&output));
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            expected,
            "{command}"
        );
        examples += 1;
    }
    assert!(examples >= 5, "{examples} examples");
}
