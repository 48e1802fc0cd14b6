//! The message catalogues as compiled by `build.rs`: a sorted table of
//! numbers over one string, searched per `t!`. rust-i18n asks it through
//! its backend interface (`i18n!(…, backend = Catalogue)` in `lib.rs`), so
//! `t!`, its `%{name}` arguments and its fallback to English are
//! rust-i18n's as before; only the building of a hash map of every message
//! on the first `t!` is gone (see `build.rs` for why).

use std::borrow::Cow;

mod compiled {
    // Generated: LOCALES, TEXT, ENTRIES.
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}

use compiled::{ENTRIES, LOCALES, TEXT};

/// The compiled catalogues, as a rust-i18n backend.
pub struct Catalogue;

/// `TEXT[start..end]`; `None` for a text the locale lacks.
fn text(start: u32, end: u32) -> Option<&'static str> {
    TEXT.get(start as usize..end as usize)
}

/// The entry of `key`, if any catalogue has it.
fn entry(key: &str) -> Option<&'static [u32]> {
    let at = ENTRIES
        .binary_search_by(|e| text(e[0], e[1]).unwrap_or("").cmp(key))
        .ok()?;
    Some(&ENTRIES[at])
}

/// The text of `key` in `locale` (a code of [`LOCALES`]), if it has one.
fn said(locale: &str, key: &str) -> Option<&'static str> {
    let column = LOCALES.iter().position(|l| *l == locale)?;
    let e = entry(key)?;
    text(e[2 + 2 * column], e[3 + 2 * column])
}

impl rust_i18n::Backend for Catalogue {
    fn available_locales(&self) -> Vec<Cow<'_, str>> {
        LOCALES.iter().map(|l| Cow::Borrowed(*l)).collect()
    }

    fn translate(&self, locale: &str, key: &str) -> Option<Cow<'_, str>> {
        said(locale, key).map(Cow::Borrowed)
    }

    fn messages_for_locale(&self, locale: &str) -> Option<Vec<(Cow<'_, str>, Cow<'_, str>)>> {
        let column = LOCALES.iter().position(|l| *l == locale)?;
        let messages = ENTRIES
            .iter()
            .filter_map(|e| {
                let key = text(e[0], e[1])?;
                let said = text(e[2 + 2 * column], e[3 + 2 * column])?;
                Some((Cow::Borrowed(key), Cow::Borrowed(said)))
            })
            .collect();
        Some(messages)
    }
}

#[cfg(test)]
mod tests {
    use rust_i18n::Backend;

    use super::*;

    /// What rust-i18n's macro embeds when it reads `locales/` itself, as
    /// `lib.rs` had it: the reference the table must equal.
    #[allow(unused, missing_docs)]
    mod embedded {
        rust_i18n::i18n!("locales", fallback = "en");
    }

    /// The table holds every key and text of `locales/*.yml` exactly as
    /// rust-i18n's macro embedded them before, and nothing else.
    #[test]
    fn the_compiled_table_is_the_catalogue_rust_i18n_embeds() {
        let embedded = embedded::_rust_i18n_backend();
        let mut locales = embedded.available_locales();
        locales.sort();
        assert_eq!(locales, LOCALES);
        for locale in LOCALES {
            let messages = embedded.messages_for_locale(locale).expect("a locale");
            assert!(messages.len() > 1000, "{locale}: {}", messages.len());
            for (key, said) in &messages {
                assert_eq!(
                    Catalogue.translate(locale, key),
                    Some(said.clone()),
                    "{locale}: {key}"
                );
            }
            let compiled = Catalogue.messages_for_locale(locale).expect("a locale");
            assert_eq!(compiled.len(), messages.len(), "{locale}");
        }
    }

    #[test]
    fn unknown_keys_and_languages_have_no_text() {
        assert_eq!(
            Catalogue.translate("nl", "app.name").as_deref(),
            Some("leertuin")
        );
        assert_eq!(Catalogue.translate("nl", "app.no-such-key"), None);
        assert_eq!(Catalogue.translate("de", "app.name"), None);
        assert_eq!(Catalogue.translate("", ""), None);
        // Before the first key and after the last.
        assert_eq!(Catalogue.translate("en", "\u{0}"), None);
        assert_eq!(Catalogue.translate("en", "\u{10FFFF}"), None);
    }

    /// Through `t!`: another language falls back to English, an unknown
    /// key shows itself, arguments fill in, as rust-i18n did.
    #[test]
    fn t_falls_back_and_fills_in_as_before() {
        let en = crate::t!("count.answers.many", locale = "en", n = 3);
        assert_eq!(en, "3 answers");
        assert_eq!(
            crate::t!("count.answers.many", locale = "nl", n = 3),
            "3 antwoorden"
        );
        assert_eq!(crate::t!("count.answers.many", locale = "de", n = 3), en);
        assert_eq!(
            crate::t!("count.answers.many", locale = "nl-BE", n = 3),
            "3 antwoorden"
        );
        assert_eq!(crate::t!("no such key", locale = "nl"), "no such key");
    }
}
