//! A rulebook (`rulebook.yaml`), parsed and checked.
#![no_main]

use complaint::{Rulebook, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Err(err) = Rulebook::load(Source::new("rulebook.yaml", text)) {
        let _ = err.to_string();
    }
});
