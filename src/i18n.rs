//! Which language to speak, and the message catalogues (`locales/*.yml`,
//! compiled in by rust-i18n; every key has `en` and `nl`).
//!
//! Use `t!("key")` (re-exported as `crate::t`) for every text a person reads.

/// The languages leertuin speaks.
pub const LANGS: [&str; 2] = ["en", "nl"];

/// The language to use: the person's profile, else `LEERTUIN_LANG`, else
/// `LC_ALL`/`LC_MESSAGES`/`LANG` (`nl_NL.UTF-8` → `nl`), else English.
pub fn choose(profile: Option<&str>) -> &'static str {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let candidates = [
        profile.map(str::to_string),
        env("LEERTUIN_LANG"),
        env("LC_ALL"),
        env("LC_MESSAGES"),
        env("LANG"),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|v| supported(&v))
        .unwrap_or("en")
}

/// `nl`, `nl_NL.UTF-8`, `nl-BE` → `nl`; unknown → `None`.
pub fn supported(value: &str) -> Option<&'static str> {
    let lang = value
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    LANGS.into_iter().find(|l| *l == lang)
}

/// Sets the language for every following `t!`.
pub fn set(lang: &str) {
    rust_i18n::set_locale(supported(lang).unwrap_or("en"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_map_to_our_languages() {
        assert_eq!(supported("nl_NL.UTF-8"), Some("nl"));
        assert_eq!(supported("nl-BE"), Some("nl"));
        assert_eq!(supported("en_US"), Some("en"));
        assert_eq!(supported("C.UTF-8"), None);
        assert_eq!(supported("de_DE"), None);
        assert_eq!(choose(Some("nl")), "nl");
    }

    /// Every key of every catalogue file has both languages, so no screen
    /// ever falls back to a raw key or the other language.
    #[test]
    fn every_catalogue_key_has_english_and_dutch() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).expect("locales dir") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("catalogue");
            let doc: serde_json::Value = yaml_to_json(&text);
            let map = doc.as_object().expect("a map of keys");
            for (key, langs) in map {
                if key.starts_with('_') {
                    continue;
                }
                for lang in LANGS {
                    let text = langs.get(lang).and_then(|v| v.as_str()).unwrap_or("");
                    assert!(!text.is_empty(), "{}: {key} has no {lang}", path.display());
                }
                checked += 1;
            }
        }
        assert!(checked > 0);
    }

    fn yaml_to_json(text: &str) -> serde_json::Value {
        // The catalogues are flat: `key:` lines followed by `  en: …` and
        // `  nl: …` lines. A tiny reader keeps serde_yaml out of our deps.
        let mut map = serde_json::Map::new();
        let mut key: Option<String> = None;
        for line in text.lines() {
            if line.trim_start().starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(' ') {
                let k = line.trim_end().trim_end_matches(':');
                key = Some(k.split(':').next().unwrap_or(k).to_string());
                map.entry(key.clone().unwrap_or_default())
                    .or_insert_with(|| serde_json::json!({}));
            } else if let (Some(k), Some((lang, value))) = (&key, line.trim().split_once(':')) {
                let value = value.trim().trim_matches('"').to_string();
                if let Some(obj) = map.get_mut(k).and_then(|v| v.as_object_mut()) {
                    obj.insert(lang.to_string(), serde_json::Value::String(value));
                }
            }
        }
        serde_json::Value::Object(map)
    }
}
