//! The man pages in `man/` are generated from the command-line definitions; this fails when
//! they are out of date (regenerate with `cargo run -- man man`).

use crate::support::*;

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
        ("bash", "_complaint()"),
        ("zsh", "#compdef complaint"),
        ("fish", "complete -c complaint"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = complaint(repo())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(output.status.success(), "{shell}: {}", describe(&output));
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(script.contains(marker), "{shell} script has {marker}");
        assert!(
            script.contains("escalate"),
            "{shell} script knows the subcommands"
        );
    }
}
