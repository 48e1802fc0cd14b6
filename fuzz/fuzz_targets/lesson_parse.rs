//! The lesson parser: never panics; an error names the file and a line.
#![no_main]

use leertuin::domain::lesson;
use leertuin::domain::text::is_clean;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    match lesson::parse("x.md", &source) {
        Ok(l) => assert!(is_clean(&l.title) && is_clean(&l.body)),
        Err(e) => {
            assert!(e.line >= 1);
            assert!(e.to_string().starts_with("x.md:"));
        }
    }
});
