//! The words of one field of every doc (titles, bodies, tags or authors),
//! each with the docs that hold it: an inverted index, so a query word is
//! compared with the distinct words of the text (thousands) instead of
//! with the text of every doc (up to a million), and only the docs of the
//! words it matches are looked at.
//!
//! A word here is what stands between spaces, case and accents folded,
//! punctuation kept ("ctrl-r", "kubectl,"): a query word never holds a
//! space, so wherever it stands in a text, it stands within one such word.

use super::letters::Mask;
use super::strings::Strings;
use super::typos::fold;

/// The docs holding one word, ascending, as gaps of variable length (7
/// bits a byte): most gaps take one byte, a fourth of a plain list.
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    /// The last doc added, to take gaps from and add each doc once.
    last: u32,
}

impl Postings {
    fn push(&mut self, doc: u32) {
        if !self.bytes.is_empty() && self.last == doc {
            return;
        }
        let mut gap = if self.bytes.is_empty() {
            doc
        } else {
            doc - self.last
        };
        while gap >= 0x80 {
            self.bytes.push((gap & 0x7f) as u8 | 0x80);
            gap >>= 7;
        }
        self.bytes.push(gap as u8);
        self.last = doc;
    }

    fn each(&self, mut f: impl FnMut(u32)) {
        let (mut doc, mut gap, mut shift) = (0u32, 0u32, 0);
        for &b in &self.bytes {
            gap |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                doc += gap;
                f(doc);
                (gap, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
    }
}

/// Every distinct word of one field, and where each stands.
#[derive(Default)]
pub struct Words {
    /// Word `n`, folded, and its letters.
    words: Strings,
    /// The docs holding word `n`.
    postings: Vec<Postings>,
    /// Folding buffer, kept to spare an allocation per word.
    buf: String,
    /// For words handed with a number of their own ([`Words::add_numbered`]:
    /// the bodies number every word as written), by that number: its
    /// number here, with `HAS_LONE` when it holds a letter standing alone;
    /// `UNKNOWN` until met. A body's words were split, folded and looked up
    /// twice (as written, and folded here), a third of building an index.
    from_raw: Vec<u32>,
}

const UNKNOWN: u32 = u32::MAX;
const HAS_LONE: u32 = 1 << 31;

impl Words {
    /// Adds the words of `text` as held by doc `doc` (docs come in
    /// ascending order). Returns the letters standing alone in them
    /// (`letters::lone`), taken from the words as folded here, which are
    /// the words ranking reads.
    pub fn add(&mut self, doc: u32, text: &str) -> Mask {
        let mut lone = 0;
        for word in super::spaces::words(text) {
            let (n, letters) = self.intern_folded(word);
            self.postings[n as usize].push(doc);
            lone |= letters;
        }
        lone
    }

    /// Like [`Words::add`] for one word of `doc` that the caller numbered
    /// (`raw`: the same number for the same word as written, counting up
    /// from 0): a word met before is not folded and looked up again.
    pub fn add_numbered(&mut self, doc: u32, raw: u32, word: &str) -> Mask {
        let raw = raw as usize;
        let mut known = self.from_raw.get(raw).copied().unwrap_or(UNKNOWN);
        if known == UNKNOWN {
            let (n, lone) = self.intern_folded(word);
            if n >= HAS_LONE {
                // Past two billion words: no room for the mark.
                self.postings[n as usize].push(doc);
                return lone;
            }
            known = n | if lone == 0 { 0 } else { HAS_LONE };
            if self.from_raw.len() <= raw {
                self.from_raw.resize(raw + 1, UNKNOWN);
            }
            self.from_raw[raw] = known;
        }
        let n = known & !HAS_LONE;
        self.postings[n as usize].push(doc);
        if known & HAS_LONE == 0 {
            0
        } else {
            super::letters::lone(self.words.get(n))
        }
    }

    /// The number of `word` folded, added if new, and the letters standing
    /// alone in it.
    fn intern_folded(&mut self, word: &str) -> (u32, Mask) {
        let mut folded = std::mem::take(&mut self.buf);
        folded.clear();
        if word.is_ascii() {
            folded.push_str(word);
            folded.make_ascii_lowercase();
        } else {
            folded.extend(word.chars().map(fold));
        }
        let n = self.words.intern(&folded);
        if n as usize == self.postings.len() {
            self.postings.push(Postings::default());
        }
        let lone = super::letters::lone(&folded);
        self.buf = folded;
        (n, lone)
    }

    /// For each word `judge` gives a value (0: no match), every doc that
    /// holds the word is handed to `f` with it.
    pub fn each_match(&self, mut judge: impl FnMut(&str, Mask) -> u8, mut f: impl FnMut(u32, u8)) {
        for (n, postings) in self.postings.iter().enumerate() {
            let value = judge(self.words.get(n as u32), self.words.masks[n]);
            if value != 0 {
                postings.each(|doc| f(doc, value));
            }
        }
    }

    pub fn shrink_to_fit(&mut self) {
        // Kept, not dropped: words added later would grow it back whole.
        self.from_raw.shrink_to_fit();
        self.words.shrink_to_fit();
        self.postings.shrink_to_fit();
        self.postings
            .iter_mut()
            .for_each(|p| p.bytes.shrink_to_fit());
    }

    /// Bytes held, for the benchmarks' memory figure.
    pub fn heap_bytes(&self) -> usize {
        let postings: usize = self.postings.iter().map(|p| p.bytes.capacity()).sum();
        self.words.heap_bytes()
            + self.postings.capacity() * std::mem::size_of::<Postings>()
            + postings
            + self.from_raw.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs_of(words: &Words, wanted: &str) -> Vec<u32> {
        let mut out = Vec::new();
        words.each_match(|w, _| u8::from(w == wanted), |doc, _| out.push(doc));
        out
    }

    #[test]
    fn each_word_knows_its_docs_once_each() {
        let mut words = Words::default();
        words.add(0, "Restart the printer, restart");
        words.add(3, "the café — Café");
        words.add(300, "the end");
        words.add(70_000, "THE");
        assert_eq!(docs_of(&words, "the"), vec![0, 3, 300, 70_000]);
        assert_eq!(docs_of(&words, "cafe"), vec![3]);
        assert_eq!(docs_of(&words, "restart"), vec![0]);
        assert_eq!(docs_of(&words, "printer,"), vec![0], "punctuation kept");
        assert_eq!(docs_of(&words, "—"), vec![3]);
    }

    /// Words handed by number index as the text they come from does: the
    /// same docs for every word, the same letters standing alone.
    #[test]
    fn words_handed_by_number_are_the_words_of_the_text() {
        let texts = [
            "Open flap B, then the Café — café",
            "e-mail a CAFÉ; zet de pers op 3",
            "the B, flap",
            "",
            "émoji 🙂 a",
        ];
        let (mut by_text, mut by_number) = (Words::default(), Words::default());
        let mut numbers = Strings::default();
        for (doc, text) in texts.iter().enumerate() {
            let doc = doc as u32 * 7;
            let lone = by_text.add(doc, text);
            let mut handed = 0;
            for word in crate::search::spaces::words(text) {
                handed |= by_number.add_numbered(doc, numbers.intern(word), word);
            }
            assert_eq!(handed, lone, "{text}");
        }
        let all = |words: &Words| {
            let mut out = Vec::new();
            words.each_match(|_, _| 1, |doc, _| out.push(doc));
            let mut each = Vec::new();
            words.each_match(
                |w, _| {
                    each.push(w.to_string());
                    0
                },
                |_, _| {},
            );
            (each, out)
        };
        assert_eq!(all(&by_number), all(&by_text));
        for word in ["b,", "cafe", "the", "e-mail", "🙂", "a"] {
            assert_eq!(docs_of(&by_number, word), docs_of(&by_text, word), "{word}");
        }
    }
}
