//! leertuin: a keyboard-driven learning pane for the terminal.
//!
//! Layers, bottom up: [`domain`] (plain types and rules), [`store`] (SQL),
//! [`search`] (fuzzy ranking), then the [`cli`] and the pane on top.

// Library code never unwraps; unit tests may.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

// The message catalogues, English and Dutch (see `i18n`): rust-i18n's `t!`
// and fallback to English over the table `build.rs` compiles from
// `locales/*.yml` (`i18n::catalogue`). The macro is pointed at a folder
// that does not exist so that it embeds no second copy, whose hash maps it
// would build on the first `t!` of every command.
rust_i18n::i18n!(
    "locales/compiled-by-build-rs",
    fallback = "en",
    backend = crate::i18n::Catalogue
);

/// `t!("key")`, `t!("key", name = value)`: the text in the language of this
/// thread ([`i18n::lang`]); `t!("key", locale = "nl")` names the language.
#[macro_export]
macro_rules! t {
    ($key:expr, locale = $locale:expr $(, $($rest:tt)*)?) => {
        rust_i18n::t!($key, locale = $locale $(, $($rest)*)?)
    };
    ($key:expr $(, $($rest:tt)*)?) => {
        rust_i18n::t!($key, locale = $crate::i18n::lang() $(, $($rest)*)?)
    };
}

pub mod bundled;
pub mod capture;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod drafts;
pub mod i18n;
pub mod kiosk;
pub mod knowhow;
pub mod nudge;
pub mod outbox;
pub mod paths;
pub mod plain;
pub mod private_file;
pub mod safe_read;
pub mod search;
pub mod signals;
pub mod store;
pub mod tui;
