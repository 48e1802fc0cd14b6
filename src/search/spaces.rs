//! The words of a text between white space, exactly as
//! `str::split_whitespace` finds them, a byte at a time. The index splits
//! every title and body twice (its words as written, and folded); std's
//! splitter decodes each character and asks Unicode about it, about 135
//! instructions a word, a tenth of what `search` spent at a million items.
//! Here a byte outside ASCII is decoded only when it may start a white
//! space (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
//! U+205F, U+3000 start with one of four bytes).

/// The same pieces as `text.split_whitespace()`, in order.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

pub struct Words<'a> {
    text: &'a str,
    /// Where to look on.
    at: usize,
}

/// What a byte may be: part of a word, an ASCII white space, or the first
/// byte of a character that may be a white space.
const WORD: u8 = 0;
const SPACE: u8 = 1;
const MAYBE: u8 = 2;

const fn classes() -> [u8; 256] {
    let mut table = [WORD; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => SPACE,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => MAYBE,
            _ => WORD,
        };
        b += 1;
    }
    table
}
const CLASS: [u8; 256] = classes();

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        // White space first.
        while let Some(&b) = bytes.get(i) {
            match CLASS[usize::from(b)] {
                WORD => break,
                SPACE => i += 1,
                _ => match wide_space(self.text, i) {
                    0 => break,
                    n => i += n,
                },
            }
        }
        if i >= bytes.len() {
            self.at = bytes.len();
            return None;
        }
        let start = i;
        // Then the word. A byte inside a character is never taken for the
        // start of a space, so the word is walked a byte at a time.
        i += 1;
        while let Some(&b) = bytes.get(i) {
            match CLASS[usize::from(b)] {
                WORD => i += 1,
                SPACE => break,
                _ if wide_space(self.text, i) == 0 => i += 1,
                _ => break,
            }
        }
        self.at = i;
        Some(&self.text[start..i])
    }
}

/// The length in bytes of the white space of more than one byte starting
/// at byte `i` of `text` (a first byte of a character), or 0.
#[cold]
fn wide_space(text: &str, i: usize) -> usize {
    text[i..]
        .chars()
        .next()
        .filter(|c| c.is_whitespace())
        .map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_are_those_of_split_whitespace() {
        let every_space: String = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(every_space.chars().count(), 25, "{every_space:?}");
        let texts = [
            String::new(),
            "   ".into(),
            "kubectl restart".into(),
            "  Café\u{a0}— één\u{2003}tip\u{3000}🙂 end\u{85}x\u{1680}y\u{202f}z\u{205f} ".into(),
            "a\u{b}b\u{c}c\r\nd\te".into(),
            // Characters sharing a first byte with a space, and not spaces.
            "\u{a9}\u{1681}\u{200b}\u{2010}\u{3001}\u{e000}x".into(),
            format!("x{every_space}y{every_space}"),
        ];
        for text in &texts {
            let ours: Vec<&str> = words(text).collect();
            let std: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }
}
