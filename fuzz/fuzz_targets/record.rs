//! A complaint record, parsed as the book parses records: through the merge driver, which
//! parses each side (then merges a record with itself).
#![no_main]

use complaint::Source;
use complaint::merge::merge_records;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let record = Source::new("record.yaml", text);
    if let Err(err) = merge_records(None, &record, &record) {
        let _ = err.to_string();
    }
});
