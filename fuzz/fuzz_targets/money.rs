//! An amount of money as staff type it (`¥1,234.50`); what parses prints as it parses.
#![no_main]

use complaint::Money;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match text.parse::<Money>() {
        Ok(money) => assert_eq!(money.to_string().parse::<Money>(), Ok(money)),
        Err(err) => {
            let _ = err.to_string();
        }
    }
});
