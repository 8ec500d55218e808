//! A State Council holiday notice, with its year from its title or given.
#![no_main]

use complaint::Source;
use complaint::notice::parse_notice;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let notice = Source::new("notice.txt", String::from_utf8_lossy(data).into_owned());
    for year in [None, Some(2027)] {
        if let Err(err) = parse_notice(&notice, year) {
            let _ = err.to_string();
        }
    }
});
