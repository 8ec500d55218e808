//! A time as people and other systems write it, in a zone with daylight saving time and in
//! one without.
#![no_main]

use complaint::calendar::parse_time;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for zone in [chrono_tz::Asia::Shanghai, chrono_tz::Europe::London] {
        let _ = parse_time(text, zone);
    }
});
