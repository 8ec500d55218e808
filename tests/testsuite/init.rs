//! `complaint init`, and how every other command finds its book.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, walk};

const NOW: &str = "2026-09-30T10:00:00+08:00";

#[test]
fn init_makes_a_book_with_config_rulebook_records_and_one_commit() {
    let book = Book::empty();
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["init", "book"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        Made a complaint book in book (rulebook enterprise 2026.2: 企业客户服务中心)

        ----- stderr -----
        "
    );

    let root = book.root();
    assert!(root.join("complaint.yaml").is_file());
    assert!(root.join("rulebook.yaml").is_file());
    assert!(root.join("records").is_dir());
    assert!(root.join(".git").is_dir(), "init runs git init");
    insta::assert_snapshot!(
        std::fs::read_to_string(root.join("complaint.yaml")).unwrap(),
        @"
        # A complaint book. See `complaint --help` and `man complaint`.
        format: 1
        rulebook: rulebook.yaml
        records: records
        commit: true
        "
    );
    assert_eq!(
        std::fs::read_to_string(root.join("rulebook.yaml")).unwrap(),
        include_str!("../../rules/enterprise.yaml"),
        "the default rulebook is the shipped enterprise one, copied as it is"
    );
    assert_eq!(book.commits(), 1);
    assert_eq!(
        book.log(),
        ["complaint|New complaint book (rulebook enterprise 2026.2)"]
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
    assert_cmd_snapshot!(
        book.run(&["init"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        Made a complaint book in . (rulebook enterprise 2026.2: 企业客户服务中心)

        ----- stderr -----
        "
    );
    assert!(book.root().join("complaint.yaml").is_file());
    assert_eq!(book.commits(), 1);
}

#[test]
fn init_honours_dir_when_no_path_is_given() {
    let book = Book::empty();
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["--dir", "book", "init"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        Made a complaint book in book (rulebook enterprise 2026.2: 企业客户服务中心)

        ----- stderr -----
        "
    );
    assert!(book.root().join("complaint.yaml").is_file());
}

#[test]
fn init_twice_is_refused_and_changes_nothing() {
    let book = Book::new();
    let config = std::fs::read(book.root().join("complaint.yaml")).unwrap();
    assert_cmd_snapshot!(
        book.run(&["init"]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::book_exists

          × . is already a complaint book
          help: use it as it is, or choose another folder
        "
    );
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["init", "book"]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::book_exists

          × book is already a complaint book
          help: use it as it is, or choose another folder
        "
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
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["init", "book", "--rulebook", "nonexistent"]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × there is no shipped rulebook called `nonexistent`
          help: shipped rulebooks: enterprise, mall, ecommerce, workflow, finance, samr, uk-fca
        "
    );
    assert!(!book.root().exists(), "nothing is made");
}

#[test]
fn init_with_a_misspelt_rulebook_suggests_the_right_one() {
    let book = Book::empty();
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["init", "book", "--rulebook", "enterprize"]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::invalid

          × there is no shipped rulebook called `enterprize`
          help: did you mean `enterprise`? (`complaint rules list` shows them all)
        "
    );
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
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["init", "book", "--rulebook", "mine.yaml"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        Made a complaint book in book (rulebook enterprise 2026.2: 测试客服中心)

        ----- stderr -----
        "
    );
    assert_eq!(
        std::fs::read_to_string(book.root().join("rulebook.yaml")).unwrap(),
        custom
    );
}

#[test]
fn init_no_commit_makes_no_repository_and_turns_commits_off() {
    let book = Book::empty();
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["init", "book", "--no-commit"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        Made a complaint book in book (rulebook enterprise 2026.2: 企业客户服务中心)

        ----- stderr -----
        "
    );
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
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["list"]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::no_book

          × no complaint book in [TMP] or any folder above it
          help: create one with `complaint init`, or point at one with --dir or COMPLAINT_DIR
        "
    );
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["new", "--now", NOW, "--channel", "hotline"]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::no_book

          × no complaint book in [TMP] or any folder above it
          help: create one with `complaint init`, or point at one with --dir or COMPLAINT_DIR
        "
    );
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["show", "C-20260930"]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::no_book

          × no complaint book in [TMP] or any folder above it
          help: create one with `complaint init`, or point at one with --dir or COMPLAINT_DIR
        "
    );
}

#[test]
fn dir_pointing_at_a_folder_that_is_not_a_book_is_an_error() {
    let book = Book::new();
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["--dir", ".", "list"]),
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::not_a_book

          × . is not a complaint book: it has no complaint.yaml
          help: check --dir / COMPLAINT_DIR, or run `complaint init` there
        "
    );
    let mut cmd = book.run_in(book.tmp(), &["list"]);
    cmd.env("COMPLAINT_DIR", "nowhere");
    assert_cmd_snapshot!(
        cmd,
        @"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        complaint::not_a_book

          × nowhere is not a complaint book: it has no complaint.yaml
          help: check --dir / COMPLAINT_DIR, or run `complaint init` there
        "
    );
}

#[test]
fn dir_flag_and_complaint_dir_env_both_find_the_book() {
    let book = Book::new();
    book.new_complaint(NOW);
    assert_cmd_snapshot!(
        book.run_in(book.tmp(), &["--dir", "book", "list", "--format", "csv"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        id,received_at,status,level,tier,grade,category,channel,customer,subject,merchant,assignee
        C-20260930-[ID_1],2026-09-30 10:00 +08:00,new,投诉处理专员,,ordinary,CQ01 商品质量问题,hotline,张*,手机,,

        ----- stderr -----
        "
    );
    let mut cmd = book.run_in(book.tmp(), &["list", "--format", "csv"]);
    cmd.env("COMPLAINT_DIR", "book");
    assert_cmd_snapshot!(
        cmd,
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        id,received_at,status,level,tier,grade,category,channel,customer,subject,merchant,assignee
        C-20260930-[ID_1],2026-09-30 10:00 +08:00,new,投诉处理专员,,ordinary,CQ01 商品质量问题,hotline,张*,手机,,

        ----- stderr -----
        "
    );

    // A write through COMPLAINT_DIR lands in the book.
    let mut cmd = book.run_in(
        book.tmp(),
        &["note", "C-20260930", "经 COMPLAINT_DIR 记录", "--now", NOW],
    );
    cmd.env("COMPLAINT_DIR", "book");
    assert_cmd_snapshot!(
        cmd,
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        C-20260930-[ID_1] note by 王芳

        ----- stderr -----
        "
    );
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
    assert_cmd_snapshot!(
        book.run_in(&deep, &["list", "--format", "csv"]),
        @"
        success: true
        exit_code: 0
        ----- stdout -----
        id,received_at,status,level,tier,grade,category,channel,customer,subject,merchant,assignee
        C-20260930-[ID_1],2026-09-30 10:00 +08:00,new,投诉处理专员,,ordinary,CQ01 商品质量问题,hotline,张*,手机,,

        ----- stderr -----
        "
    );
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

/// `init` in a folder inside another repository does not make one of its own: it says which
/// repository its commits go into, so nobody is surprised to find complaints in a project's
/// history.
#[test]
fn init_inside_a_repository_says_which_repository_it_commits_into() {
    let book = Book::empty();
    crate::support::git(book.tmp(), &["init", "--quiet"]);
    let output = book.run_in(book.tmp(), &["init", "book"]).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        crate::support::describe(&output)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let top = std::fs::canonicalize(book.tmp()).unwrap();
    assert!(
        stdout.contains(&format!(
            "It is inside the git repository {}: its changes are committed there",
            top.display()
        )),
        "{stdout}"
    );
    assert!(
        !book.root().join(".git").exists(),
        "no repository of its own"
    );

    // A book of its own says nothing more.
    let alone = Book::empty();
    let output = alone
        .run_in(alone.tmp(), &["init", "book"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains("inside the git repository"));
}
