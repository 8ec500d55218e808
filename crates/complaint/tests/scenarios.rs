//! Every scenario under fixtures/scenarios as its own test case, run as `complaint rules test`
//! runs them, so that `cargo test` names the scenario that fails (and `cargo test --test
//! scenarios -- mall/` runs one rulebook's).

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/scenarios");
    let files = complaint::scenario::discover(std::slice::from_ref(&root))
        .expect("the scenarios folder is readable");
    assert!(!files.is_empty(), "no scenarios found");
    let trials = files
        .into_iter()
        .map(|file| {
            let name = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string();
            Trial::test(name, move || run(&file))
        })
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

fn run(file: &Path) -> Result<(), Failed> {
    let outcome = complaint::scenario::run(file).map_err(|e| format!("{e:?}"))?;
    if outcome.passed() {
        return Ok(());
    }
    Err(format!("{}\n  {}", outcome.name, outcome.failures.join("\n  ")).into())
}
