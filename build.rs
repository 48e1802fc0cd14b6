//! Compiles the message catalogues in `locales/` into one sorted table
//! (`$OUT_DIR/catalogue.rs`, read by `src/i18n/catalogue.rs`).
//!
//! rust-i18n's own macro embeds the catalogues too, but builds a hash map of
//! every message of every language on the first `t!`: ~1.3 million
//! instructions and ~60 pages of heap before `leertuin show` could print a
//! word, a fifth of the whole command. The table here is numbers and one
//! string, looked up by binary search: nothing is built at run time, nothing
//! is relocated when the binary is loaded, and a command touches only the
//! pages of the messages it says.
//!
//! The files are read by rust-i18n's own loader (the function its macro
//! calls), so every key and text is exactly what the macro saw.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Cargo does not track files a build script reads unless told: without
    // this, an edited catalogue is silently ignored.
    println!("cargo:rerun-if-changed=locales");
    let dir =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir")).join("locales");
    let by_locale = rust_i18n_support::load_locales(&dir.display().to_string(), |_| false);
    let out = Path::new(&std::env::var("OUT_DIR").expect("out dir")).join("catalogue.rs");
    std::fs::write(&out, table(&by_locale)).expect("write the catalogue");
}

/// Appends `s` to `text`; where it stands there.
fn place(s: &str, text: &mut String) -> (usize, usize) {
    let start = text.len();
    text.push_str(s);
    (start, text.len())
}

/// The Rust source of the table: the locales, one string holding every key
/// and text, and per key (sorted as `str` sorts) where its key and each
/// locale's text stand in that string.
fn table(by_locale: &BTreeMap<String, BTreeMap<String, String>>) -> String {
    let locales: Vec<&String> = by_locale.keys().collect();
    let keys: BTreeSet<&String> = by_locale.values().flat_map(|m| m.keys()).collect();
    let mut text = String::new();
    let mut entries = String::new();
    for key in &keys {
        let (start, end) = place(key, &mut text);
        write!(entries, "    [{start}, {end}").expect("write to a String");
        for locale in &locales {
            match by_locale[*locale].get(*key) {
                Some(said) => {
                    let (start, end) = place(said, &mut text);
                    write!(entries, ", {start}, {end}").expect("write to a String");
                }
                None => entries.push_str(", 0, 4294967295"),
            }
        }
        entries.push_str("],\n");
    }
    assert!(
        u32::try_from(text.len()).is_ok_and(|n| n < u32::MAX),
        "catalogue too large"
    );
    let width = 2 + 2 * locales.len();
    format!(
        "/// The languages of the catalogue, in the order of each entry's texts.\n\
         pub const LOCALES: [&str; {}] = {:?};\n\
         /// Every key and text, one after another.\n\
         pub const TEXT: &str = {:?};\n\
         /// Per key, sorted: the start and end of the key in [`TEXT`], then\n\
         /// of its text in each locale (`u32::MAX` as the end where a\n\
         /// locale lacks it).\n\
         pub static ENTRIES: [[u32; {width}]; {}] = [\n{entries}];\n",
        locales.len(),
        locales,
        text,
        keys.len(),
    )
}
