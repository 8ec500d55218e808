//! A CSV file for `complaint import`, read through the hotline mapping of the import tests
//! and through the mapping of `complaint export` files, against the enterprise rulebook.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use complaint::import::{self, Mapping};
use complaint::{Rulebook, Source, Timestamp};
use libfuzzer_sys::fuzz_target;

const MAPPING: &str = include_str!("../../fixtures/import/hotline.yaml");

struct Fixture {
    rulebook: Rulebook,
    mappings: [Mapping; 2],
    now: Timestamp,
    known: HashSet<String>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| Fixture {
        rulebook: Rulebook::load_shipped("enterprise").expect("the shipped rulebook loads"),
        mappings: [
            Mapping::parse(&Source::new("hotline.yaml", MAPPING)).expect("the mapping parses"),
            Mapping::export(),
        ],
        now: "2026-10-01T09:00:00+08:00".parse().expect("a time"),
        known: HashSet::from(["hotline:HL-0001".to_string()]),
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let csv = Source::new("in.csv", String::from_utf8_lossy(data).into_owned());
    for mapping in &f.mappings {
        if let Err(err) = import::read(&csv, mapping, &f.rulebook, f.now, &f.known) {
            let _ = err.to_string();
        }
    }
});
