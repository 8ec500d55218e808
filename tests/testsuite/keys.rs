//! Keys and signatures (#17): a roster of people, roles and SSH keys (`staff.yaml`); in a book
//! that signs, the key names the actor and every write is a signed commit that `check`
//! verifies; in a book that encrypts, personal data is sealed to the keys and stays masked in
//! clear. The keys are the test keys of `fixtures/keys` (王芳 admin, 李娜 department head,
//! 赵敏 a clerk, with no role).
//!
//! The offer path is the enterprise S0 one: a ¥120 phone, the enterprise responsible, an offer of
//! 120 + max(3 × 120, 500) = ¥620, which a `dept_head` may approve (up to ¥2000) and a clerk
//! may not. 2026-11-02 is a Monday; every command passes `--now`.

use std::path::{Path, PathBuf};
use std::process::Output;

use insta_cmd::assert_cmd_snapshot;

use crate::support::{Book, describe, repo};

const KEYS: &str = "fixtures/keys";

/// The private key file of a test person (`lina`).
fn key(name: &str) -> PathBuf {
    repo().join(KEYS).join(name)
}

/// `complaint ARGS` in the book with `who`'s key and nobody named: the key says who acts.
fn with_key(book: &Book, who: &str, args: &[&str]) -> Output {
    book.run_anonymous(args)
        .env("COMPLAINT_IDENTITY", key(who))
        .output()
        .expect("complaint runs")
}

fn ok_with_key(book: &Book, who: &str, args: &[&str]) -> String {
    let output = with_key(book, who, args);
    assert!(
        output.status.success(),
        "{who}: complaint {args:?}: {}",
        describe(&output)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// What a command said on stderr, its wrapped lines joined again (miette wraps at 80 columns).
fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(|l| l.trim().trim_start_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `git ARGS` in the book as someone working by hand, outside `complaint`, with no key.
fn by_hand(book: &Book, args: &[&str]) {
    let mut all = vec!["-c", "user.name=x", "-c", "user.email=x@x"];
    all.extend(args);
    book.git(&all);
}

/// Registers the standard complaint at `now` with `who`'s key.
fn register(book: &Book, who: &str, now: &str) -> Output {
    let mut args = vec!["new", "--now", now];
    args.extend(crate::support::intake_args());
    with_key(book, who, &args)
}

/// Asserts that a command said `text` on stderr.
fn says(output: &Output, text: &str) {
    // Wrapping may split a line anywhere, also between two Chinese characters.
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    assert!(
        bare(&stderr(output)).contains(&bare(text)),
        "{}",
        describe(output)
    );
}

/// Asserts that `check` finds nothing wrong.
fn checks_clean(book: &Book) {
    let check = book.output(&["check"]);
    assert!(check.status.success(), "{}", describe(&check));
}

/// `ssh-keygen`, which git signs with (the tests' `PATH` holds only git's folder).
fn ssh_keygen() -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .chain([PathBuf::from("/usr/bin")])
        .map(|dir| dir.join("ssh-keygen"))
        .find(|p| p.is_file())
        .expect("ssh-keygen (OpenSSH) is needed to make a commit signed by git itself")
}

/// Git's arguments `args` with SSH signatures made and checked by `ssh-keygen`, and the setting
/// `setting` (`name=value`) that names the key or the allowed signers.
fn with_ssh(setting: &str, args: &[&str]) -> Vec<String> {
    let program = format!("gpg.ssh.program={}", ssh_keygen().display());
    ["-c", setting, "-c", program.as_str()]
        .into_iter()
        .chain(args.iter().copied())
        .map(str::to_string)
        .collect()
}

/// A fresh enterprise book with the three on its roster (added by 王芳 before anything is
/// signed), then signing required by 王芳 with her key.
fn signed_book() -> Book {
    let book = Book::new();
    let people = [
        ("王芳", "admin", "wangfang"),
        ("李娜", "dept_head", "lina"),
        ("赵敏", "", "zhaomin"),
    ];
    for (name, role, file) in people {
        let public = format!("{}.pub", key(file).display());
        let mut args = vec!["staff", "add", name, "--key-file", &public];
        if !role.is_empty() {
            args.extend(["--role", role]);
        }
        book.ok(&args);
    }
    ok_with_key(&book, "wangfang", &["staff", "require-signatures"]);
    book
}

/// Registers the ¥120 phone complaint as 赵敏 and takes it to an offer of ¥620; gives its ID.
fn offered(book: &Book) -> String {
    let mut args = vec![
        "new",
        "--now",
        "2026-11-02T09:00:00+08:00",
        "--price",
        "120",
    ];
    args.extend(crate::support::intake_args());
    let out = ok_with_key(book, "zhaomin", &args);
    let id = out
        .split_whitespace()
        .find(|w| w.starts_with("C-"))
        .expect("an ID")
        .to_string();
    book.register_id(&id);
    let steps: [&[&str]; 3] = [
        &[
            "ack",
            &id,
            "--contact",
            "400-800-1234",
            "--now",
            "2026-11-02T09:10:00+08:00",
        ],
        &[
            "find",
            &id,
            "--responsibility",
            "enterprise",
            "--facts",
            "经调查，投诉属实",
            "--now",
            "2026-11-02T09:20:00+08:00",
        ],
        &["offer", &id, "--now", "2026-11-02T09:30:00+08:00"],
    ];
    for step in steps {
        ok_with_key(book, "zhaomin", step);
    }
    id
}

const APPROVE_AT: &str = "2026-11-02T09:40:00+08:00";

#[test]
fn in_a_signed_book_the_key_names_the_actor_and_authority_follows_the_roster() {
    let book = signed_book();
    let id = offered(&book);
    let approve = ["approve", id.as_str(), "--now", APPROVE_AT];
    // 赵敏's key: she is a clerk, and may not approve ¥620.
    assert_cmd_snapshot!(
        book.run_anonymous(&approve).env("COMPLAINT_IDENTITY", key("zhaomin")),
        @r"
    success: false
    exit_code: 1
    ----- stdout -----

    ----- stderr -----
    complaint::illegal_move

      × cannot approve the offer on C-20261102-[ID_1]: 赵敏 may not give this approval
      help: approving ¥620.00 takes 部门负责人 (dept_head, up to ¥2000.00) or 客服总监 (cs_director,
            up to ¥20000.00); staff roles are listed in staff.yaml (or under `staff:` in
            complaint.yaml)
    "
    );
    // Naming the department head does not make 赵敏's key hers.
    let forged = book
        .run_anonymous(&approve)
        .args(["--by", "李娜"])
        .env("COMPLAINT_IDENTITY", key("zhaomin"))
        .output()
        .unwrap();
    assert!(!forged.status.success());
    says(&forged, "--by names 李娜, but the key is 赵敏's");
    // No key at all: refused, and told where the key is looked for.
    let keyless = book.run(&approve).output().unwrap();
    assert!(!keyless.status.success());
    says(&keyless, "COMPLAINT_IDENTITY");
    // A key not on the roster (the cron job's, never added).
    let stranger = with_key(&book, "cron", &approve);
    says(&stranger, "is not on the book's roster");
    // An uncommitted write could not be signed.
    let unsigned = with_key(
        &book,
        "lina",
        &["--no-commit", "approve", &id, "--now", APPROVE_AT],
    );
    says(&unsigned, "cannot be signed");
    let before = book.commits();
    let out = ok_with_key(&book, "lina", &approve);
    assert!(out.contains("approved by 李娜"), "{out}");
    assert_eq!(book.commits(), before + 1, "one signed commit");
    // git itself verifies the signature with an allowed-signers file naming 李娜's key.
    let public = std::fs::read_to_string(format!("{}.pub", key("lina").display())).unwrap();
    let allowed = book.tmp().join("allowed_signers");
    std::fs::write(&allowed, format!("李娜 namespaces=\"git\" {public}")).unwrap();
    let allowed = format!("gpg.ssh.allowedSignersFile={}", allowed.display());
    let args = with_ssh(&allowed, &["log", "-1", "--format=%G? %GS"]);
    let signer = book.git(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(signer.trim(), "G 李娜");
    checks_clean(&book);
}

/// Appends a `note` event by `by` to the record of `id` by hand.
fn hand_note(book: &Book, id: &str, by: &str, at: &str) {
    let path = book.record_path(id);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!(
        "- at: {at}\n  by: {by}\n  event: note\n  text: 已电话回访\n"
    ));
    std::fs::write(&path, text).unwrap();
}

#[test]
fn check_reports_events_committed_without_their_makers_signature() {
    let book = signed_book();
    let id = offered(&book);
    // By hand, unsigned, in 李娜's name.
    hand_note(&book, &id, "李娜", "2026-11-02T10:00:00+08:00");
    by_hand(&book, &["commit", "-qam", "a note"]);
    // Signed by git with 王芳's key (ssh-keygen wants the key readable by its owner only).
    let wang = book.tmp().join("wangfang");
    std::fs::copy(key("wangfang"), &wang).unwrap();
    set_private(&wang);
    hand_note(&book, &id, "李娜", "2026-11-02T10:05:00+08:00");
    let signing = format!("user.signingkey={}", wang.display());
    let args = with_ssh(
        &signing,
        &[
            "-c",
            "gpg.format=ssh",
            "commit",
            "-S",
            "-qam",
            "another note",
        ],
    );
    by_hand(&book, &args.iter().map(String::as_str).collect::<Vec<_>>());
    // A name that would clear the terminal, committed by hand: named, not obeyed.
    hand_note(&book, &id, r#""李娜\e[2J""#, "2026-11-02T10:10:00+08:00");
    by_hand(&book, &["commit", "-qam", "a hostile note"]);
    let check = book.output(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", describe(&check));
    assert!(!check.stderr.contains(&0x1b), "{}", describe(&check));
    let said = stderr(&check);
    assert!(
        said.contains("changes note by 李娜 in a commit nobody signed"),
        "{said}"
    );
    assert!(
        said.contains("adds note by 李娜, but is signed with 王芳's key"),
        "{said}"
    );
    assert!(said.contains("3 problem(s)"), "{said}");
}

#[cfg(unix)]
fn set_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn check_judges_an_approval_by_the_roles_its_maker_held_then() {
    let book = signed_book();
    let id = offered(&book);
    ok_with_key(&book, "lina", &["approve", &id, "--now", APPROVE_AT]);
    // 李娜 becomes a clerk afterwards: her approval stands, made when she was department head.
    let roster = book.root().join("staff.yaml");
    let text = std::fs::read_to_string(&roster)
        .unwrap()
        .replace("- dept_head", "- clerk");
    std::fs::write(&roster, text).unwrap();
    // A roster changed by hand is no admin's signed change.
    by_hand(&book, &["commit", "-qam", "roles"]);
    let check = book.output(&["check"]);
    says(
        &check,
        "staff.yaml: changes the book's rules or roster in a commit nobody signed",
    );
    says(&check, "1 problem(s)");
}

#[test]
fn only_an_admin_changes_a_signed_roster_and_one_admin_stays() {
    let book = signed_book();
    let public = format!("{}.pub", key("cron").display());
    let by_clerk = with_key(
        &book,
        "zhaomin",
        &["staff", "add", "孙客服", "--key-file", &public],
    );
    says(
        &by_clerk,
        "only an admin may change the roster or the book's keys",
    );
    let last = with_key(&book, "wangfang", &["staff", "remove", "王芳"]);
    says(&last, "no admin would be left");
    let typo = with_key(
        &book,
        "wangfang",
        &["staff", "add", "孙客服", "--role", "dept_haed"],
    );
    let said = stderr(&typo);
    assert!(
        said.contains("`dept_haed` is no role of the rulebook"),
        "{said}"
    );
    assert!(said.contains("did you mean `dept_head`?"), "{said}");
    let bad = with_key(
        &book,
        "wangfang",
        &["staff", "add", "孙客服", "--key", "ssh-ed25519 nonsense"],
    );
    says(&bad, "孙客服's key: not an SSH public key");
    ok_with_key(
        &book,
        "wangfang",
        &["staff", "add", "孙客服", "--key-file", &public],
    );
    let json = book.json(&["staff", "list", "--format", "json"]);
    assert_eq!(json["signed"], true);
    assert_eq!(json["staff"][0]["name"], "孙客服");
    assert!(
        json["staff"][0]["keys"][0]
            .as_str()
            .unwrap()
            .starts_with("SHA256:")
    );
    let listed = book.ok(&["staff", "list"]);
    assert!(
        listed.contains("孙客服") && listed.contains("SHA256:"),
        "{listed}"
    );
    assert!(
        listed.contains("every write is a commit signed"),
        "{listed}"
    );
    checks_clean(&book);
}

#[test]
fn the_first_staff_change_moves_the_list_out_of_complaint_yaml_keeping_its_comments() {
    let book = Book::new();
    book.set_staff(&[("李娜", &["dept_head"])]);
    let public = format!("{}.pub", key("wangfang").display());
    book.ok(&[
        "staff",
        "add",
        "王芳",
        "--role",
        "admin",
        "--key-file",
        &public,
    ]);
    let config = std::fs::read_to_string(book.root().join("complaint.yaml")).unwrap();
    assert!(
        !config.contains("staff:") && config.starts_with("# A complaint book."),
        "{config}"
    );
    let roster = std::fs::read_to_string(book.root().join("staff.yaml")).unwrap();
    assert!(
        roster.contains("李娜:\n    roles:\n    - dept_head"),
        "{roster}"
    );
    assert_eq!(book.status(), "", "committed");
}

/// A signed book whose personal data 王芳 has encrypted, with one complaint before and one
/// after; gives (book, first, second).
fn encrypted_book() -> (Book, String, String) {
    let book = signed_book();
    let first = offered(&book);
    let out = ok_with_key(
        &book,
        "wangfang",
        &["encrypt", "--now", "2026-11-02T11:00:00+08:00"],
    );
    assert!(
        out.contains("sealed the personal data of 1 complaint(s)"),
        "{out}"
    );
    let output = register(&book, "zhaomin", "2026-11-03T09:00:00+08:00");
    assert!(output.status.success(), "{}", describe(&output));
    // Read back to the customer as typed; written sealed.
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(printed.contains("张三 · 13812345678"), "{printed}");
    // The same phone number: the desk is told of the open complaint, matched by the hash.
    says(
        &output,
        &format!("张* has 1 other open complaint(s): {first}"),
    );
    let second = String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .find(|w| w.starts_with("C-"))
        .expect("an ID")
        .to_string();
    book.register_id(&second);
    (book, first, second)
}

/// Every file under `records/`, as text.
fn record_texts(book: &Book) -> String {
    fn walk(dir: &Path, out: &mut String) {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        // Oldest first: the records' paths sort by the day received.
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = String::new();
    walk(&book.root().join("records"), &mut out);
    out
}

#[test]
fn a_clone_without_a_key_sees_only_masked_data_everywhere() {
    let (book, first, _) = encrypted_book();
    // The files themselves: no clear name or number anywhere under records/.
    let records = record_texts(&book);
    for clear in ["13812345678", "3812345", "张三"] {
        assert!(!records.contains(clear), "{clear} in the records");
    }
    assert!(records.contains("138****5678") && records.contains("张*"));
    // Every reading command works without a key, masked.
    for args in [
        vec!["list"],
        vec!["show", first.as_str()],
        vec!["sla", "--all"],
        vec!["export"],
        vec!["export", "--format", "json"],
        vec!["report", "--period", "2026-11", "--format", "json"],
    ] {
        let mut args = args.clone();
        args.extend(["--now", "2026-11-04T09:00:00+08:00"]);
        // `sla` exits 3: the second complaint's acknowledgement is overdue.
        let output = book.output(&args);
        let out = String::from_utf8_lossy(&output.stdout);
        assert!(out.contains("C-2026110"), "{args:?}: {}", describe(&output));
        assert!(
            !out.contains("13812345678") && !out.contains("张三"),
            "{args:?}: {out}"
        );
    }
    // The index keeps that a record is sealed, not the seal: its rows stay as small as in clear.
    let index = std::fs::read(book.root().join(".complaint/index.sqlite")).unwrap();
    let index = String::from_utf8_lossy(&index);
    assert!(!index.contains("AGE ENCRYPTED"));
    // --reveal needs a key, and nothing is recorded without one.
    let before = book.commits();
    let refused = book.output(&[
        "show",
        &first,
        "--reveal",
        "--now",
        "2026-11-04T09:00:00+08:00",
    ]);
    assert!(!refused.status.success());
    says(&refused, "COMPLAINT_IDENTITY");
    assert_eq!(book.commits(), before);
    // With a key on the roster, revealed and recorded as seen.
    let shown = ok_with_key(
        &book,
        "lina",
        &[
            "show",
            &first,
            "--reveal",
            "--now",
            "2026-11-04T09:00:00+08:00",
        ],
    );
    assert!(shown.contains("张三 · 13812345678"), "{shown}");
    assert_eq!(book.commits(), before + 1);
    let exported = ok_with_key(
        &book,
        "lina",
        &["export", "--reveal", "--now", "2026-11-04T09:10:00+08:00"],
    );
    assert_eq!(exported.matches("13812345678").count(), 2, "{exported}");
    // A number is found by its keyed hash, which takes a key to compute.
    let found = ok_with_key(
        &book,
        "lina",
        &["list", "--phone", "+86 138-1234-5678", "--format", "json"],
    );
    assert_eq!(found.matches("\"id\"").count(), 2, "{found}");
    let keyless = book.output(&["list", "--phone", "13812345678"]);
    says(&keyless, "COMPLAINT_IDENTITY");
    checks_clean(&book);
}

#[test]
fn someone_removed_cannot_open_what_the_book_holds_after_the_removal() {
    let (book, first, _) = encrypted_book();
    let hashes = |book: &Book| -> Vec<String> {
        record_texts(book)
            .lines()
            .filter_map(|l| l.trim().strip_prefix("matching: ").map(str::to_string))
            .collect()
    };
    let before = hashes(&book);
    assert_eq!(before.len(), 2);
    assert_eq!(before[0], before[1], "one customer, one hash");
    ok_with_key(
        &book,
        "wangfang",
        &[
            "staff",
            "remove",
            "赵敏",
            "--now",
            "2026-11-04T09:00:00+08:00",
        ],
    );
    let mut args = vec!["new", "--now", "2026-11-04T10:00:00+08:00"];
    args.extend(crate::support::intake_args_with(&[(
        "--phone",
        "13900001111",
    )]));
    ok_with_key(&book, "lina", &args);
    // No record the book now holds, old or new, opens with 赵敏's key; every one with 李娜's.
    let zhao = complaint::keys::Identity::read(&key("zhaomin"), None)
        .unwrap()
        .age()
        .unwrap();
    let lina = complaint::keys::Identity::read(&key("lina"), None)
        .unwrap()
        .age()
        .unwrap();
    let mut seen = 0;
    for id in book.ids_on_disk() {
        let text = std::fs::read_to_string(book.record_path(&id)).unwrap();
        let record: complaint::Complaint = serde_saphyr::from_str(&text).unwrap();
        let customer = &record.facts.customer;
        assert!(customer.sealed.is_some(), "{id} sealed");
        assert_eq!(
            complaint::seal::unseal(customer, &zhao).unwrap(),
            None,
            "{id}"
        );
        assert!(
            complaint::seal::unseal(customer, &lina).unwrap().is_some(),
            "{id}"
        );
        seen += 1;
    }
    assert_eq!(seen, 3);
    // The match key was replaced (赵敏 knew the old one), and every hash with it.
    let after = hashes(&book);
    assert_eq!(after[0], after[1]);
    assert_ne!(after[0], before[0]);
    // She is off the roster: her key acts for nobody.
    let out = with_key(&book, "zhaomin", &["show", &first, "--reveal"]);
    says(&out, "is not on the book's roster");
    checks_clean(&book);
}

#[test]
fn an_interrupted_signed_write_is_finished_only_with_its_authors_key() {
    let book = signed_book();
    let id = offered(&book);
    let record = book.record(&id);
    // 李娜's approval dies after its file is written, before its commit.
    let crashed = book
        .run_anonymous(&["approve", &id, "--now", APPROVE_AT])
        .env("COMPLAINT_IDENTITY", key("lina"))
        .env("COMPLAINT_TEST_CRASH", "after-files")
        .output()
        .unwrap();
    assert!(!crashed.status.success());
    assert_ne!(book.record(&id), record, "written, not committed");
    // 赵敏's next write cannot sign it for her: it is undone, and hers goes ahead.
    let out = ok_with_key(
        &book,
        "zhaomin",
        &[
            "note",
            &id,
            "客户来电催办",
            "--now",
            "2026-11-02T09:50:00+08:00",
        ],
    );
    assert!(out.contains("note"), "{out}");
    let history = book.json(&["show", &id])["history"].clone();
    let events: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["received", "ack", "find", "offer", "note"]);
    checks_clean(&book);
    assert_eq!(book.status(), "");
}

#[test]
fn check_audits_a_book_kept_in_a_folder_of_a_repository() {
    let book = Book::empty();
    crate::support::git(book.tmp(), &["init", "--quiet"]);
    let output = crate::support::complaint(book.tmp())
        .args(["init", "book"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    for (name, role, file) in [("王芳", "admin", "wangfang"), ("李娜", "dept_head", "lina")] {
        let public = format!("{}.pub", key(file).display());
        book.ok(&["staff", "add", name, "--role", role, "--key-file", &public]);
    }
    ok_with_key(&book, "wangfang", &["staff", "require-signatures"]);
    let output = register(&book, "lina", "2026-11-02T09:00:00+08:00");
    assert!(output.status.success(), "{}", describe(&output));
    let id = book.ids_on_disk().pop().expect("a record");
    checks_clean(&book);
    hand_note(&book, &id, "李娜", "2026-11-02T10:00:00+08:00");
    by_hand(&book, &["commit", "-qam", "a note"]);
    let check = book.output(&["check"]);
    says(&check, "changes note by 李娜 in a commit nobody signed");
}

#[test]
fn a_merge_cannot_bring_in_events_no_signed_commit_made() {
    let book = signed_book();
    let id = offered(&book);
    // A branch from before signing was required, holding a complaint written by hand with a
    // note in 李娜's name, merged in: nobody's key vouches for any of its events.
    let signing = book.git(&["log", "-1", "--format=%H", "--grep=every write is signed"]);
    let base = format!("{}^", signing.trim());
    let forged_id = format!("{}ZZZZZZ", &id[..11]);
    let text = book.record(&id).replace(&id, &forged_id);
    let path = book
        .record_path(&id)
        .with_file_name(format!("{forged_id}.yaml"));
    book.git(&["checkout", "-q", "-b", "side", &base]);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    book.git(&["add", "-A"]);
    by_hand(&book, &["commit", "-qm", "side"]);
    book.git(&["checkout", "-q", "-"]);
    by_hand(&book, &["merge", "-q", "--no-edit", "side"]);
    let check = book.output(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", describe(&check));
    says(
        &check,
        "a merge brings in received by 赵敏, which no commit signed by 赵敏 on this roster made",
    );
    // What the signed desk did itself is not in question.
    assert!(
        !stderr(&check).contains(&format!("{id}.yaml")),
        "{}",
        describe(&check)
    );
}

#[test]
fn only_an_admin_changes_the_rules_of_a_signed_book() {
    let book = signed_book();
    let config = book.root().join("complaint.yaml");
    let text = std::fs::read_to_string(&config).unwrap() + "cron_user: 机器人\n";
    std::fs::write(&config, text).unwrap();
    by_hand(&book, &["commit", "-qam", "config"]);
    let check = book.output(&["check"]);
    says(
        &check,
        "complaint.yaml: changes the book's rules or roster in a commit nobody signed",
    );
    // And a roster edited by hand is refused before anything is signed with it.
    let roster = book.root().join("staff.yaml");
    let text = std::fs::read_to_string(&roster)
        .unwrap()
        .replace("- dept_head", "- cs_director");
    std::fs::write(&roster, text).unwrap();
    says(
        &register(&book, "lina", "2026-11-02T09:00:00+08:00"),
        "staff.yaml differs from the last commit",
    );
}

#[test]
fn a_signed_write_killed_after_its_commit_stands_whoever_comes_next() {
    let book = signed_book();
    let id = offered(&book);
    // Killed once its signed commit is made, before its journal is closed.
    let crashed = book
        .run_anonymous(&["approve", &id, "--now", APPROVE_AT])
        .env("COMPLAINT_IDENTITY", key("lina"))
        .env("COMPLAINT_TEST_CRASH", "after-commit")
        .output()
        .unwrap();
    assert!(!crashed.status.success());
    // 王芳's repair finds it complete: nothing is undone, and it says so.
    let repaired = ok_with_key(&book, "wangfang", &["repair"]);
    assert!(
        repaired.contains("completed an interrupted write by 李娜"),
        "{repaired}"
    );
    let last = book.json(&["show", &id])["history"][4]["event"].clone();
    assert_eq!(last, "approve");
    checks_clean(&book);
    assert_eq!(book.status(), "");
}
