//! A code typed or scanned where text was expected: a badge number, a
//! PIN. At a kiosk left logged in, the next worker's scanner types their
//! badge into the last worker's screen; such a word is never shown in
//! clear and never stored as a post.

/// How a code shows on a kiosk's screen: always six dots, whatever its
/// length, so no digit and not even how many there are shows to whoever
/// stands behind.
pub const MASK: &str = "••••••";

/// True for a single word of only digits (`5550001112`, `1357`): no
/// question, tip or lesson is that, and a badge or a PIN is.
pub fn is_code(text: &str) -> bool {
    let word = text.trim();
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_of_digits_is_a_code_and_words_are_not() {
        assert!(is_code("5550001112"));
        assert!(is_code(" 1357\n"));
        assert!(!is_code("anouk1357"));
        assert!(!is_code("bel 0612345678"));
        assert!(!is_code("12 34"));
        assert!(!is_code("  "));
    }
}
