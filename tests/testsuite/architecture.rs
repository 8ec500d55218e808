//! The workspace's layering, checked: the pure core reads no files and draws no tables, the
//! library has no command line, and no crate reaches up a layer.

use crate::support::repo;

/// The `[dependencies]` of a crate's manifest, by name (an optional one marked as such).
fn dependencies(manifest: &str) -> Vec<(String, bool)> {
    let text = std::fs::read_to_string(repo().join(manifest)).unwrap();
    let mut section = String::new();
    let mut found = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.to_string();
        } else if section == "[dependencies]"
            && let Some((name, spec)) = line.split_once('=')
            && !line.starts_with('#')
        {
            let name = name.trim().trim_end_matches(".workspace").to_string();
            found.push((name, spec.contains("optional = true")));
        }
    }
    assert!(found.len() > 3, "{manifest}: no [dependencies] read");
    found
}

#[test]
fn the_core_reads_no_files_and_draws_nothing() {
    let allowed = [
        "chrono",
        "chrono-tz",
        "getrandom",
        "miette",
        "schemars",
        "serde",
        "serde_json",
        "serde-saphyr",
        "thiserror",
        "tyme4rs",
    ];
    for (name, optional) in dependencies("crates/complaint-core/Cargo.toml") {
        assert!(
            allowed.contains(&name.as_str()) || (name == "clap" && optional),
            "complaint-core depends on {name}: the core is pure (no files, git, terminal)"
        );
    }
}

#[test]
fn the_library_has_no_command_line() {
    for manifest in [
        "crates/complaint-core/Cargo.toml",
        "crates/complaint-docs/Cargo.toml",
        "crates/complaint/Cargo.toml",
    ] {
        for (name, optional) in dependencies(manifest) {
            assert!(
                !["comfy-table", "crossterm", "clap_complete", "clap_mangen"]
                    .contains(&name.as_str())
                    && (name != "clap" || optional),
                "{manifest} depends on {name}"
            );
            assert!(
                name != "complaint-cli"
                    && !(manifest.contains("core") && name.starts_with("complaint")),
                "{manifest} reaches up a layer to {name}"
            );
        }
    }
}
