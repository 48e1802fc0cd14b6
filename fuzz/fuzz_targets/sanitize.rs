//! The text cleaner: never a control character or bidi control out, and
//! cleaning twice changes nothing.
#![no_main]

use leertuin::domain::text::{is_clean, one_line, sanitize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let out = sanitize(&input);
    assert!(is_clean(&out), "{out:?}");
    assert_eq!(sanitize(&out), out);
    let line = one_line(&input);
    assert!(is_clean(&line) && !line.contains('\n'));
});
