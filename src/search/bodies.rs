//! Every doc's body kept as the numbers of its words, not as text: the
//! bodies were most of the index (about 76 MB of text at a million items),
//! and the same few thousand words make up nearly all of them. Each word,
//! as written (case, accents and signs kept, for the excerpt), is stored
//! once in a table; a body is the list of its words' numbers, each in 1–3
//! bytes (7 bits a byte), the common words first met and so the smallest.
//!
//! What comes back is the words with one space between them: a line break
//! or a run of spaces in the text is one space. Matching reads words and
//! the signs between them, never how much white space stands there, so
//! every search finds and ranks as on the text itself.

use super::strings::Strings;

#[derive(Default)]
pub struct Bodies {
    /// Every distinct word of the bodies, as written.
    words: Strings,
    /// Doc `i`'s body is `numbers[starts[i] .. starts[i + 1]]`.
    numbers: Vec<u8>,
    starts: Vec<u32>,
}

impl Bodies {
    pub fn with_capacity(n: usize) -> Bodies {
        let mut starts = Vec::with_capacity(n + 1);
        starts.push(0);
        Bodies {
            starts,
            ..Bodies::default()
        }
    }

    /// Adds the next doc's body, handing each word to `each` with its
    /// number (the same for the same word as written). False (and nothing
    /// added or handed) when the list of numbers might outgrow its 4 GB of
    /// offsets.
    pub fn push(&mut self, body: &str, mut each: impl FnMut(u32, &str)) -> bool {
        // At most five bytes a word, and a word takes a byte at least.
        if u32::try_from(self.numbers.len() + 5 * body.len()).is_err() {
            return false;
        }
        for word in super::spaces::words(body) {
            let mut n = self.words.intern(word);
            each(n, word);
            while n >= 0x80 {
                self.numbers.push((n & 0x7f) as u8 | 0x80);
                n >>= 7;
            }
            self.numbers.push(n as u8);
        }
        self.starts.push(self.numbers.len() as u32);
        true
    }

    /// Hands the words of doc `i`'s body to `f`, in order.
    pub fn each_word<'a>(&'a self, i: usize, mut f: impl FnMut(&'a str)) {
        let bytes = &self.numbers[self.starts[i] as usize..self.starts[i + 1] as usize];
        let (mut n, mut shift) = (0u32, 0);
        for &b in bytes {
            n |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                f(self.words.get(n));
                (n, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
    }

    /// Doc `i`'s body, its words one space apart, written into `out`.
    pub fn read_into(&self, i: usize, out: &mut String) {
        out.clear();
        self.each_word(i, |word| {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        });
    }

    pub fn shrink_to_fit(&mut self) {
        self.words.shrink_to_fit();
        self.numbers.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    /// Bytes held: the words' numbers and where each body starts, and the
    /// table of words.
    pub fn heap_parts(&self) -> (usize, usize) {
        (
            self.numbers.capacity() + self.starts.capacity() * 4,
            self.words.heap_bytes(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bodies: &Bodies, i: usize) -> String {
        let mut out = String::new();
        bodies.read_into(i, &mut out);
        out
    }

    #[test]
    fn bodies_come_back_word_for_word() {
        let mut bodies = Bodies::with_capacity(3);
        assert!(bodies.push("Open flap B,\nthen  pull the Café sheet — out", |_, _| {}));
        assert!(bodies.push("", |_, _| {}));
        // More words than one byte can number.
        let many: Vec<String> = (0..300).map(|n| format!("w{n}")).collect();
        assert!(bodies.push(&many.join(" "), |_, _| {}));
        assert!(bodies.push("  the end of flap  ", |_, _| {}));
        assert_eq!(
            read(&bodies, 0),
            "Open flap B, then pull the Café sheet — out"
        );
        assert_eq!(read(&bodies, 1), "");
        assert_eq!(read(&bodies, 2), many.join(" "));
        assert_eq!(read(&bodies, 3), "the end of flap");
        // Each word is handed with its number: the same word as written,
        // the same number, wherever it stands.
        let mut handed = Vec::new();
        assert!(bodies.push("the flap The flap", |n, w| handed.push((n, w.to_string()))));
        let number = |w: &str| handed.iter().find(|(_, h)| h == w).unwrap().0;
        assert_eq!(handed.len(), 4);
        assert_eq!(handed[1].0, handed[3].0, "flap twice");
        assert_eq!(number("flap"), 1, "as in the first body");
        assert_ne!(number("the"), number("The"));
    }
}
