//! An iCalendar holiday subscription.
#![no_main]

use complaint::Source;
use complaint::notice::parse_ics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Err(err) = parse_ics(&Source::new("holidays.ics", text)) {
        let _ = err.to_string();
    }
});
