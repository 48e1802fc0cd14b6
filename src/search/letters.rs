//! Letter masks: which of a–z and 0–9 occur in a text, as bits. A word
//! needing a letter a text lacks cannot match it, and finding that out
//! costs one AND instead of a call to the matcher.

use nucleo_matcher::chars::{normalize, to_lower_case};

/// Bits 0–25 are a–z, bits 26–35 the digits; the high bits are flags the
/// index keeps in the same word.
pub type Mask = u64;

/// Set on a doc whose title and body are plain ASCII, so the matcher can
/// take them as bytes without looking at them first.
pub const ASCII: Mask = 1 << 62;
/// Set on every doc still in the index; cleared when one is replaced.
pub const LIVE: Mask = 1 << 63;
/// Set on imported know-how (`knowhow import`): it ranks below a
/// colleague's post at equal match, and can be left out.
pub const REFERENCE: Mask = 1 << 61;
/// With `REFERENCE`: which source it came from (neither bit: tldr), so a
/// hit can show its source where a colleague's shows its kind.
pub const NAVI: Mask = 1 << 60;
pub const FAQ: Mask = 1 << 59;

/// The letters of one byte of ASCII text, case folded.
const fn ascii_bits() -> [Mask; 128] {
    let mut bits = [0; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        bits[c] = match b {
            b'a'..=b'z' => 1 << (b - b'a'),
            b'A'..=b'Z' => 1 << (b - b'A'),
            b'0'..=b'9' => 1 << (26 + b - b'0'),
            _ => 0,
        };
        c += 1;
    }
    bits
}
const ASCII_BITS: [Mask; 128] = ascii_bits();

/// The letters of `text` after case and accent folding (so the mask of
/// "Café" has the bit for `e`). ASCII text, nearly all of it, takes a
/// table lookup per byte; so do the ASCII letters of other text (one é in
/// a tip of a thousand letters is common), which folding leaves as they
/// are but lower-cased.
pub fn mask(text: &str) -> Mask {
    if text.is_ascii() {
        return text.bytes().fold(0, |m, b| m | ASCII_BITS[usize::from(b)]);
    }
    text.chars().fold(0, |m, c| {
        if c.is_ascii() {
            return m | ASCII_BITS[c as usize];
        }
        let c = to_lower_case(normalize(c));
        m | match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            _ => 0,
        }
    })
}

/// The letters of a folded `text` that stand alone, with no letter or
/// digit on either side, as `place::best` judges a whole word: the "r" of
/// "r/w", the "a" of "a lot". A one-letter query word is found whole only
/// in a text that holds it so.
pub fn lone(text: &str) -> Mask {
    text.split(|c: char| !c.is_alphanumeric())
        .fold(0, |m, piece| {
            let mut chars = piece.chars();
            match (chars.next(), chars.next()) {
                (Some(_), None) => m | mask(piece),
                _ => m,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_fold_case_and_accents() {
        assert_eq!(mask("Café"), mask("cafe"));
        assert_eq!(mask("ABC"), 0b111);
        assert_eq!(mask("z9"), 1 << 25 | 1 << 35);
        assert_eq!(mask("-_ "), 0);
        assert_eq!(mask("Één Zoë — 42 🙂"), mask("een zoe 42"));
    }
}
