//! A column mapping for `complaint import --map FILE`.
#![no_main]

use complaint::Source;
use complaint::import::Mapping;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Err(err) = Mapping::parse(&Source::new("mapping.yaml", text)) {
        let _ = err.to_string();
    }
});
