//! A duration as rulebooks write them (`3wd`); what parses prints as it parses.
#![no_main]

use complaint::duration::Duration;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(duration) = text.parse::<Duration>() {
        assert_eq!(duration.to_string().parse::<Duration>(), Ok(duration));
    }
});
