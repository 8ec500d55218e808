//! A calendar file (`rules/calendars/*.yaml`), parsed and checked.
#![no_main]

use complaint::Source;
use complaint::calendar::Calendar;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Err(err) = Calendar::from_file(
        &Source::new("calendar.yaml", text),
        chrono_tz::Asia::Shanghai,
    ) {
        let _ = err.to_string();
    }
});
