//! An intake document (`complaint new --from FILE`): YAML or JSON.
#![no_main]

use complaint::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Err(err) = complaint::parse_intake(&Source::new("intake.yaml", text)) {
        let _ = err.to_string();
    }
});
