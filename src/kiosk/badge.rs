//! What a person types or scans on the welcome screen, and the handle it
//! becomes in the database.
//!
//! A typed name ("Anna de Vries") becomes its plain handle (`anna de vries`),
//! as on a desk. A badge code ("0012345642") is an identifier, not a secret,
//! but it should not be shown to everyone who reads a tip: it is stored only
//! as a pseudonym, `badge-` and 12 hex digits of a slow, salted hash (argon2
//! with fixed parameters, so the same badge always gives the same handle).

use argon2::{Algorithm, Argon2, Params, Version};

/// A badge code shorter than this is refused (see the domain's).
pub use crate::domain::code::MIN_BADGE_CHARS;

/// The salt of badge pseudonyms. Changing it (or the parameters below)
/// would give every badge a new person: never change it.
const BADGE_SALT: &[u8] = b"leertuin-kiosk-badge-v1";

/// The input, trimmed, with runs of spaces made one; `None` when empty.
pub fn clean(input: &str) -> Option<String> {
    let words: Vec<&str> = input.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// More words than this are a sentence, not a name: "Maria de los
/// Angeles Garcia" is five.
pub const MAX_NAME_WORDS: usize = 5;

/// True for text nobody types as their name or scans as a badge: it holds
/// a `?` or has more than [`MAX_NAME_WORDS`] words. A first-time worker
/// types their question at the welcome screen ("Waar is de koffie?"), and
/// it must not become a person with that name. One that starts with a
/// question word but has no mark ([`asks`]) may be a name written surname
/// first ("Hoe Kiat"): the welcome screen asks once.
pub fn is_sentence(input: &str) -> bool {
    (input.contains('?') && !is_stripe(input)) || input.split_whitespace().count() > MAX_NAME_WORDS
}

/// Words a question starts with and no name does, Dutch and English. Not
/// "Can", "Kan", "Will" or "Do": those are names too (Can Yılmaz).
const QUESTION_WORDS: [&str; 17] = [
    "waar", "wat", "wie", "hoe", "wanneer", "waarom", "welke", "welk", "hoeveel", "waarmee",
    "where", "what", "who", "how", "when", "why", "which",
];

/// True for two or more words of which the first is a question word
/// ("hoe werkt dit"): a question without its mark, or a name written
/// surname first ("Hoe Kiat", "Wie Liong").
pub fn asks(input: &str) -> bool {
    let mut words = input.split_whitespace();
    let first = words.next().unwrap_or("").to_lowercase();
    words.next().is_some() && QUESTION_WORDS.contains(&first.as_str())
}

/// True for a word a first-time worker types when they do not know what
/// to do: "hulp", "help", or a lone `?`. Answered with what to type, and
/// no person of that name.
pub fn wants_help(input: &str) -> bool {
    let t = input.trim().to_lowercase();
    matches!(t.as_str(), "hulp" | "help" | "?" | "help?" | "hulp?")
}

/// True for a magnetic-stripe reader's card: it types the card between a
/// start sentinel (';', or '%' for the first track) and an end sentinel
/// '?'. A badge, not a question.
fn is_stripe(input: &str) -> bool {
    input.trim_start().starts_with([';', '%'])
}

/// True for text typed where a PIN is asked that is surely a question: a
/// `?` or a question word first, and at least three words ("Waar is
/// Piet?", "waar is de pauzeruimte"). Anything else there is a PIN, a
/// wrong one counted as ever. (An old PIN of three words with a `?`, set
/// by `leertuin kiosk pin` before PINs were digits and letters only,
/// would be taken for a question when mistyped: not counted, and kept.)
pub fn is_question(input: &str) -> bool {
    (input.contains('?') && !is_stripe(input) || asks(input))
        && input.split_whitespace().count() >= 3
}

/// True for text typed where the display name is asked that is a
/// question: a `?` (not a swiped card's end sentinel). A display name of
/// six words, or one that starts with "Hoe", is still a name.
pub fn is_question_not_name(input: &str) -> bool {
    input.contains('?') && !is_stripe(input)
}

/// True when the input reads as a name (letters, no digits) rather than a
/// badge code.
pub fn is_name(input: &str) -> bool {
    input.chars().any(char::is_alphabetic) && !input.chars().any(|c| c.is_ascii_digit())
}

/// The handle a badge code or typed name is known by; `None` for empty input.
pub fn handle(input: &str) -> Option<String> {
    let input = clean(input)?;
    if is_name(&input) {
        return Some(input.to_lowercase());
    }
    Some(format!("badge-{}", pseudonym(&input.to_lowercase())))
}

/// 12 hex digits of the badge's argon2id hash.
fn pseudonym(code: &str) -> String {
    let mut out = [0u8; 16];
    // Fixed parameters (19 MiB, 2 passes: argon2's defaults of today), so
    // a newer argon2 with other defaults still finds the same people.
    let hashed = Params::new(19 * 1024, 2, 1, Some(out.len()))
        .map(|p| Argon2::new(Algorithm::Argon2id, Version::V0x13, p))
        .and_then(|a| a.hash_password_into(code.as_bytes(), BADGE_SALT, &mut out));
    if hashed.is_err() {
        // Unreachable with these fixed inputs; the code itself is still
        // better than no login at all.
        return code.chars().filter(char::is_ascii_alphanumeric).collect();
    }
    out.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// A code shown back masked: always `••••••`, whatever its length, so
/// no digit and not even how many there are shows to whoever stands
/// behind. Names are shown as they are.
pub fn masked(input: &str) -> String {
    if input.is_empty() || is_name(input) {
        return input.to_string();
    }
    crate::domain::code::MASK.to_string()
}

/// A typed name that is nobody's handle but one known person's display
/// name ("fatima b." for `fatima`, named "Fatima B."), case and accents
/// aside: that person's handle. Nobody when two share the name, and never
/// a badge's person (they log in with their badge). A handle that is
/// someone's stays theirs.
pub fn by_display_name(store: &dyn crate::store::Store, typed: &str) -> Option<String> {
    let typed = folded(&clean(typed)?);
    let persons = store.persons().ok()?;
    let mut same = persons
        .iter()
        .filter(|p| !p.handle.starts_with("badge-") && folded(&p.name) == typed);
    let one = same.next()?;
    same.next().is_none().then(|| one.handle.clone())
}

/// Lower case without accents, spaces made one: "Fátima  B." is "fatima b.".
fn folded(name: &str) -> String {
    use nucleo_matcher::chars::{normalize, to_lower_case};
    let words: Vec<&str> = name.split_whitespace().collect();
    words
        .join(" ")
        .chars()
        .map(|c| to_lower_case(normalize(c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_names_and_badges_become_pseudonyms() {
        assert_eq!(handle("  Anna   de Vries "), Some("anna de vries".into()));
        let badge = handle("0012345642").unwrap();
        assert!(badge.starts_with("badge-") && badge.len() == 18, "{badge}");
        assert!(!badge.contains("0012345642"));
        assert_eq!(handle("0012345642"), Some(badge));
        assert_ne!(handle("0012345643"), handle("0012345642"));
        assert_eq!(handle(" \t "), None);
    }

    #[test]
    fn questions_and_sentences_are_no_names() {
        for sentence in [
            "Waar is de koffie?",
            "koffie?",
            "Waar is lokaal 12?",
            "ik wil graag weten waar de lift is",
            // A tester's, without the mark.
        ] {
            assert!(is_sentence(sentence), "{sentence}");
        }
        // A question word first: maybe a question, maybe a name (asked).
        for maybe in ["waar is de pauzeruimte", "Hoe werkt dit", "Hoe Kiat"] {
            assert!(asks(maybe) && !is_sentence(maybe), "{maybe}");
        }
        assert!(!is_question_not_name(";0012345642?"), "a swiped card");
        for name in [
            "Henk",
            "Anna de Vries",
            "Maria de los Angeles Garcia",
            "0012345642",
            ";0012345642?",
            "%B0012345642^DE VRIES/HENK^?",
            // Names that are also words a question may start with.
            "Can Yılmaz",
            "Will Smith",
            "Kan",
            "Wat",
        ] {
            assert!(!is_sentence(name), "{name}");
        }
        assert!(wants_help("Hulp") && wants_help(" help ") && wants_help("?"));
        assert!(!wants_help("Hulpje") && !wants_help("Anna"));
    }

    #[test]
    fn codes_are_masked() {
        assert_eq!(masked("0012345642"), "••••••");
        assert_eq!(masked("4711"), "••••••");
        assert_eq!(masked("7"), "••••••");
        assert_eq!(masked("Anna"), "Anna");
    }
}
