//! Runs every scenario under fixtures/scenarios, as `complaint rules test` does, so that the
//! shipped rulebooks' scenarios are part of `cargo test`.

use std::path::PathBuf;

#[test]
fn every_shipped_scenario_passes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/scenarios");
    let files = complaint::scenario::discover(&[root]).expect("the scenarios folder is readable");
    assert!(!files.is_empty(), "no scenarios found");
    let mut report = Vec::new();
    for file in &files {
        match complaint::scenario::run(file) {
            Ok(outcome) if outcome.passed() => {}
            Ok(outcome) => report.push(format!(
                "{}: {}\n  {}",
                file.display(),
                outcome.name,
                outcome.failures.join("\n  ")
            )),
            Err(err) => report.push(format!("{}: could not run: {err:?}", file.display())),
        }
    }
    assert!(
        report.is_empty(),
        "{} of {} scenarios failed:\n{}",
        report.len(),
        files.len(),
        report.join("\n")
    );
}
