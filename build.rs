//! The message catalogues in `locales/` are read by rust-i18n's macro at
//! compile time, which cargo does not track: without this, an edited
//! catalogue is silently ignored until some Rust file changes.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
