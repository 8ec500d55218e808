//! `complaint init`, and how every other command finds its book.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, walk};

const NOW: &str = "2026-09-30T10:00:00+08:00";

#[test]
fn init_makes_a_book_with_config_rulebook_records_and_one_commit() {
    let book = Book::empty();
    assert_cmd_snapshot!(book.run_in(book.tmp(), &["init", "book"]));

    let root = book.root();
    assert!(root.join("complaint.yaml").is_file());
    assert!(root.join("rulebook.yaml").is_file());
    assert!(root.join("records").is_dir());
    assert!(root.join(".git").is_dir(), "init runs git init");
    insta::assert_snapshot!(
        "init_config",
        std::fs::read_to_string(root.join("complaint.yaml")).unwrap()
    );
    assert_eq!(
        std::fs::read_to_string(root.join("rulebook.yaml")).unwrap(),
        include_str!("../../rules/enterprise.yaml"),
        "the default rulebook is the shipped enterprise one, copied as it is"
    );
    assert_eq!(book.commits(), 1);
    assert_eq!(
        book.log(),
        ["complaint|New complaint book (rulebook enterprise 2026.1)"]
    );
    assert_eq!(book.status(), "", "init leaves nothing uncommitted");
    assert_eq!(
        book.git(&["ls-files"]),
        ".gitattributes\n.gitignore\ncomplaint.yaml\nrecords/.gitkeep\nrulebook.yaml\n"
    );
}

#[test]
fn init_without_a_path_makes_the_book_in_the_current_folder() {
    let book = Book::empty();
    std::fs::create_dir(book.root()).unwrap();
    assert_cmd_snapshot!(book.run(&["init"]));
    assert!(book.root().join("complaint.yaml").is_file());
    assert_eq!(book.commits(), 1);
}

#[test]
fn init_honours_dir_when_no_path_is_given() {
    let book = Book::empty();
    assert_cmd_snapshot!(book.run_in(book.tmp(), &["--dir", "book", "init"]));
    assert!(book.root().join("complaint.yaml").is_file());
}

#[test]
fn init_twice_is_refused_and_changes_nothing() {
    let book = Book::new();
    let config = std::fs::read(book.root().join("complaint.yaml")).unwrap();
    assert_cmd_snapshot!(book.run(&["init"]));
    assert_cmd_snapshot!(
        "init_twice_by_path",
        book.run_in(book.tmp(), &["init", "book"])
    );
    assert_eq!(
        std::fs::read(book.root().join("complaint.yaml")).unwrap(),
        config
    );
    assert_eq!(book.commits(), 1);
}

#[test]
fn init_with_an_unknown_rulebook_lists_the_shipped_ones_and_makes_nothing() {
    let book = Book::empty();
    assert_cmd_snapshot!(book.run_in(book.tmp(), &["init", "book", "--rulebook", "nonexistent"]));
    assert!(!book.root().exists(), "nothing is made");
}

#[test]
fn init_with_a_misspelt_rulebook_suggests_the_right_one() {
    let book = Book::empty();
    assert_cmd_snapshot!(book.run_in(book.tmp(), &["init", "book", "--rulebook", "enterprize"]));
    assert!(!book.root().exists(), "nothing is made");
}

/// The unknown-rulebook hint points at `complaint rules list`: it exists and names the rulebook.
#[test]
fn the_rules_list_command_named_in_hints_exists() {
    let book = Book::new();
    let output = book.output(&["rules", "list"]);
    assert!(
        output.status.success(),
        "{}",
        crate::support::describe(&output)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("enterprise"));
}

#[test]
fn init_with_a_rulebook_file_copies_it() {
    let book = Book::empty();
    let custom = include_str!("../../rules/enterprise.yaml").replace(
        "organisation: 企业客户服务中心",
        "organisation: 测试客服中心",
    );
    std::fs::write(book.tmp().join("mine.yaml"), &custom).unwrap();
    assert_cmd_snapshot!(book.run_in(book.tmp(), &["init", "book", "--rulebook", "mine.yaml"]));
    assert_eq!(
        std::fs::read_to_string(book.root().join("rulebook.yaml")).unwrap(),
        custom
    );
}

#[test]
fn init_no_commit_makes_no_repository_and_turns_commits_off() {
    let book = Book::empty();
    assert_cmd_snapshot!(book.run_in(book.tmp(), &["init", "book", "--no-commit"]));
    assert!(!book.root().join(".git").exists(), "no git init");
    let config = std::fs::read_to_string(book.root().join("complaint.yaml")).unwrap();
    assert!(config.contains("commit: false"), "{config}");
    // The book works without git.
    let id = book.new_complaint(NOW);
    assert!(book.record_path(&id).is_file());
}

#[test]
fn commands_outside_any_book_say_there_is_none() {
    let book = Book::new();
    // <tmp> holds the book but is not one, and nothing above it is.
    assert_cmd_snapshot!(book.run_in(book.tmp(), &["list"]));
    assert_cmd_snapshot!(
        "outside_book_new",
        book.run_in(book.tmp(), &["new", "--now", NOW, "--channel", "hotline"])
    );
    assert_cmd_snapshot!(
        "outside_book_show",
        book.run_in(book.tmp(), &["show", "C-20260930"])
    );
}

#[test]
fn dir_pointing_at_a_folder_that_is_not_a_book_is_an_error() {
    let book = Book::new();
    assert_cmd_snapshot!(book.run_in(book.tmp(), &["--dir", ".", "list"]));
    let mut cmd = book.run_in(book.tmp(), &["list"]);
    cmd.env("COMPLAINT_DIR", "nowhere");
    assert_cmd_snapshot!("not_a_book_env", cmd);
}

#[test]
fn dir_flag_and_complaint_dir_env_both_find_the_book() {
    let book = Book::new();
    book.new_complaint(NOW);
    assert_cmd_snapshot!(book.run_in(book.tmp(), &["--dir", "book", "list", "--format", "csv"]));
    let mut cmd = book.run_in(book.tmp(), &["list", "--format", "csv"]);
    cmd.env("COMPLAINT_DIR", "book");
    assert_cmd_snapshot!("complaint_dir_env", cmd);

    // A write through COMPLAINT_DIR lands in the book.
    let mut cmd = book.run_in(
        book.tmp(),
        &["note", "C-20260930", "经 COMPLAINT_DIR 记录", "--now", NOW],
    );
    cmd.env("COMPLAINT_DIR", "book");
    assert_cmd_snapshot!("complaint_dir_env_write", cmd);
    assert_eq!(book.commits(), 3);
}

#[test]
fn commands_walk_up_from_a_subfolder_to_find_the_book() {
    let book = Book::new();
    let deep = book.root().join("attachments").join("photos");
    std::fs::create_dir_all(&deep).unwrap();
    let mut args = vec!["new", "--now", NOW];
    args.extend(crate::support::intake_args());
    let output = book.run_in(&deep, &args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        crate::support::describe(&output)
    );
    let ids = book.ids_on_disk();
    assert_eq!(ids.len(), 1);
    book.register_id(&ids[0]);
    assert!(
        book.record_path(&ids[0]).is_file(),
        "the record is written in the book, not below the working folder: {:?}",
        walk(book.root())
    );
    assert_cmd_snapshot!(book.run_in(&deep, &["list", "--format", "csv"]));
}

#[test]
fn files_are_written_with_the_users_umask() {
    use std::os::unix::fs::PermissionsExt;
    let book = Book::new();
    let id = book.new_complaint(NOW);
    // What an ordinary file gets under this process's umask.
    let probe = book.tmp().join("probe");
    std::fs::write(&probe, "").unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let expected = mode(&probe);
    for file in [
        book.root().join("complaint.yaml"),
        book.root().join("rulebook.yaml"),
        book.record_path(&id),
    ] {
        assert_eq!(
            format!("{:o}", mode(&file)),
            format!("{expected:o}"),
            "{}",
            file.display()
        );
    }
}
