//! A code typed or scanned where text was expected: a badge number, a
//! PIN. At a kiosk left logged in, the next worker's scanner types their
//! badge into the last worker's screen, perhaps after text already there,
//! or a worker types their name and PIN there as at the welcome screen;
//! such a code is never shown in clear and never stored as a post.

/// How a code shows on a kiosk's screen: always six dots, whatever its
/// length, so no digit and not even how many there are shows to whoever
/// stands behind.
pub const MASK: &str = "••••••";

/// A badge code shorter than this is no badge: a scanned badge logs in
/// without a PIN, so a code a person could type or guess (`4711`) must not
/// work as one. Badge scanners send 8 to 20 characters.
pub const MIN_BADGE_CHARS: usize = 6;

/// The shortest personal or admin PIN.
pub const MIN_PIN_CHARS: usize = 4;

/// Words before a PIN that still read as a name ("Anna de Vries 1357").
const MAX_NAME_WORDS: usize = 3;

/// True for a single word that reads as a code: only digits
/// (`5550001112`, `1357`), or a badge with letters in it (`AB12CD34`):
/// letters and digits, at least one digit, as long as a badge. No
/// question, tip or lesson is that, and a badge or a PIN is.
pub fn is_code(text: &str) -> bool {
    let word = text.trim();
    if word.is_empty() {
        return false;
    }
    word.chars().all(|c| c.is_ascii_digit()) || is_badge_word(word)
}

/// A word as a badge with letters prints it: ASCII letters and digits, at
/// least one digit, at least [`MIN_BADGE_CHARS`] long.
fn is_badge_word(word: &str) -> bool {
    word.chars().count() >= MIN_BADGE_CHARS
        && word.chars().all(|c| c.is_ascii_alphanumeric())
        && word.chars().any(|c| c.is_ascii_digit())
}

/// Where the run of digits that ends `text` (spaces after it aside)
/// starts, in bytes; `None` when it ends in no digit.
fn digits_at_end(text: &str) -> Option<usize> {
    let t = text.trim_end();
    let start = t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (start < t.len()).then_some(start)
}

/// True for a number as long as a badge, digits only (`0612345678`):
/// what a phone number written without spaces looks like, and what
/// [`hidden_from`] takes off the end of a text. Written with spaces
/// (`06 1234 5678`) it is no code, and kept.
pub fn is_number(code: &str) -> bool {
    let code = code.trim();
    code.chars().count() >= MIN_BADGE_CHARS && code.chars().all(|c| c.is_ascii_digit())
}

/// Where, in a kiosk's text, a code starts that is never stored; `None`
/// when there is none. That is:
/// - the whole text, when it is one code ([`is_code`]);
/// - a run of at least [`MIN_BADGE_CHARS`] digits at the end, whatever
///   comes before: a scanner types after the text that was there;
/// - a run of at least [`MIN_PIN_CHARS`] digits after a name (a few words
///   without digits): someone logging in with name and PIN ("piet 1357",
///   "piet1357") at a screen left logged in.
pub fn hidden_from(text: &str) -> Option<usize> {
    code_at_end(text, MIN_PIN_CHARS)
}

/// Where a kiosk's text starts to show as dots: what [`hidden_from`]
/// hides, and any digits after a name from the first one on, so not even
/// the start of a PIN shows while it is typed ("piet 1", "piet 13").
pub fn masked_from(text: &str) -> Option<usize> {
    code_at_end(text, 1)
}

/// [`hidden_from`] with `pin` digits after a name enough.
fn code_at_end(text: &str, pin: usize) -> Option<usize> {
    if is_code(text) {
        return Some(text.len() - text.trim_start().len());
    }
    let start = digits_at_end(text)?;
    let digits = text.trim_end().len() - start;
    if digits >= MIN_BADGE_CHARS {
        return Some(start);
    }
    let before = &text[..start];
    let words = before.split_whitespace().count();
    let a_name = (1..=MAX_NAME_WORDS).contains(&words)
        && before.chars().any(char::is_alphabetic)
        && !before.chars().any(|c| c.is_ascii_digit() || c == '?');
    (digits >= pin && a_name).then_some(start)
}

/// `text` before `start` (where [`hidden_from`] or [`masked_from`] found
/// a code), spaces at its end trimmed; all of it when there is none.
pub fn before_code(text: &str, start: Option<usize>) -> &str {
    match start {
        Some(start) => text[..start].trim_end(),
        None => text,
    }
}

/// The codes at the end of `text` a badge scanner could have typed after
/// text that was there, with where each starts: the last word when it is
/// a code of badge length, and the run of digits that ends the text when
/// it is as long as a badge (glued to the word before it). Whether one is
/// a badge only the people known can say.
pub fn badges_at_end(text: &str) -> Vec<(usize, &str)> {
    let t = text.trim_end();
    let mut found = Vec::new();
    let word_start = t
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &t[word_start..];
    if is_code(word) && word.chars().count() >= MIN_BADGE_CHARS {
        found.push((word_start, word));
    }
    if let Some(start) = digits_at_end(t)
        && t.len() - start >= MIN_BADGE_CHARS
        && start != word_start
    {
        found.push((start, &t[start..]));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_of_digits_or_a_badge_with_letters_is_a_code_and_words_are_not() {
        assert!(is_code("5550001112"));
        assert!(is_code(" 1357\n"));
        assert!(is_code("AB12CD34"));
        // A name and PIN typed as one word reads as a code too.
        assert!(is_code("anouk1357"));
        assert!(!is_code("mp3"));
        assert!(!is_code("x86_64"));
        assert!(!is_code("bel 0612345678"));
        assert!(!is_code("12 34"));
        assert!(!is_code("  "));
        assert!(!is_code("vrachtwagen"));
    }

    #[test]
    fn codes_at_the_end_are_hidden_and_questions_with_numbers_are_not() {
        fn hidden(t: &str) -> Option<&str> {
            hidden_from(t).map(|i| &t[i..])
        }
        assert_eq!(hidden("hoe werkt de0012345642"), Some("0012345642"));
        assert_eq!(hidden("hoe werkt de 0012345642 "), Some("0012345642 "));
        assert_eq!(hidden("piet 1357"), Some("1357"));
        assert_eq!(hidden("Anna de Vries 1357"), Some("1357"));
        assert_eq!(hidden("AB12CD34"), Some("AB12CD34"));
        assert_eq!(hidden("Waar is kast 1234?"), None);
        assert_eq!(hidden("Storing op de lijn 4711"), None);
        assert_eq!(hidden("piet 123"), None);
        assert_eq!(hidden("Waar ligt de bezem?"), None);
        let t = "hoe werkt de 0012345642";
        assert_eq!(before_code(t, hidden_from(t)), "hoe werkt de");
        // While typed, a PIN after a name is dots from its first digit.
        assert_eq!(masked_from("piet 1").map(|i| &"piet 1"[i..]), Some("1"));
        assert_eq!(hidden("piet 1"), None);
        let t = "Waar is de bezem?";
        assert_eq!(before_code(t, hidden_from(t)), t);
        // A phone number: taken off when written whole, kept with spaces.
        let t = "Bel de storingsdienst 0612345678";
        assert!(hidden_from(t).is_some_and(|i| is_number(&t[i..])));
        assert_eq!(hidden("Bel de storingsdienst 06 1234 5678"), None);
        assert_eq!(masked_from("Bel de storingsdienst 06 1234 5678"), None);
        assert!(!is_number("1357") && !is_number("AB12CD34"));
    }

    #[test]
    fn badges_at_the_end_are_the_last_word_or_a_glued_run_of_digits() {
        assert_eq!(
            badges_at_end("hoe werkt de AB12CD34"),
            vec![(13, "AB12CD34")]
        );
        assert_eq!(
            badges_at_end("hoe werkt de0012345642"),
            vec![(10, "de0012345642"), (12, "0012345642")]
        );
        assert_eq!(
            badges_at_end("hoe werkt deAB0012345642"),
            vec![(10, "deAB0012345642"), (14, "0012345642")]
        );
        assert!(badges_at_end("Waar ligt de bezem?").is_empty());
        assert!(badges_at_end("lijn 4711").is_empty());
    }
}
