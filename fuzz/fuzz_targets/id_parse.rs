//! The id parser: never panics; what it accepts prints back the same.
#![no_main]

use leertuin::domain::ItemId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    if let Ok(id) = input.parse::<ItemId>() {
        assert!(id.num >= 1);
        assert_eq!(id.to_string().parse::<ItemId>().ok(), Some(id));
    }
});
