//! Typo tolerance: the words of the index, and for a query word that is no
//! word there (nor the start of one), the index's words one edit away: a
//! letter dropped, doubled or added, two letters swapped, one letter
//! replaced (a neighbouring key, usually).
//!
//! Fuzzy matching already forgives a dropped letter ("printr" is spelled
//! out inside "printer"), but not a wrong, doubled or swapped one: "pronter",
//! "prrinter" and "pritner" need a real word to stand in for them.
//!
//! Other forms of a word stand in the same way: its English and Dutch
//! Snowball stems ("restarting" finds "restart", "bestanden" finds
//! "bestand"), from rust-stemmers rather than a suffix list of our own.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use nucleo_matcher::chars::{normalize, to_lower_case};
use rust_stemmers::{Algorithm, Stemmer};

/// Words shorter than this get no typo candidates: one edit away from a
/// three-letter word is half the dictionary.
const TYPO_FROM: usize = 4;
/// Words longer than this are not kept (hashes, paths, base64).
const WORD_CHARS: usize = 32;
/// At most this many stand-ins per word, so a query cannot flood.
const MAX_CANDIDATES: usize = 8;

/// Case and accents folded as the matcher folds them: "Café" is "cafe".
pub fn fold(c: char) -> char {
    // Most letters of any text are ASCII: no table to look them up in.
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    to_lower_case(normalize(c))
}

/// Every distinct word of the index. A hash set to build (a B-tree made
/// building the index ten times slower), and the same words sorted, for
/// "is this the start of a word": words added since the last question wait
/// in a short list, merged in once it grows, so a refresh that adds a few
/// items never sorts the whole vocabulary again. Set and list share each
/// word's text.
#[derive(Default)]
pub struct Vocabulary {
    /// foldhash, not std's SipHash: every word of every title and tag is
    /// looked up here at a build, and hundreds of guesses per query word.
    words: HashSet<Arc<str>, foldhash::fast::RandomState>,
    sorted: Mutex<Sorted>,
}

#[derive(Default)]
struct Sorted {
    all: Vec<Arc<str>>,
    /// Not yet in `all`, in no order.
    new: Vec<Arc<str>>,
}

impl Sorted {
    fn merge(&mut self) {
        self.new.sort_unstable();
        self.all.append(&mut self.new);
        // Two sorted runs: the stable sort merges them in one pass.
        self.all.sort();
        self.all.shrink_to_fit();
        self.new.shrink_to_fit();
    }
}

/// New words looked through one by one until there are this many.
const MERGE_FROM: usize = 2048;

impl Vocabulary {
    pub fn add(&mut self, text: &str) {
        let mut word = String::new();
        for part in text.split(|c: char| !c.is_alphanumeric()) {
            let len = part.chars().count();
            if !(TYPO_FROM - 1..=WORD_CHARS).contains(&len) {
                continue;
            }
            // Folded into one buffer: most words are known already.
            word.clear();
            word.extend(part.chars().map(fold));
            if !self.words.contains(word.as_str()) {
                let word: Arc<str> = word.as_str().into();
                self.words.insert(word.clone());
                let sorted = self.sorted.get_mut().unwrap_or_else(|e| e.into_inner());
                sorted.new.push(word);
            }
        }
    }

    /// True when some word of the index starts with `prefix` (or is it).
    pub(super) fn has_prefix(&self, prefix: &str) -> bool {
        let mut sorted = self.sorted.lock().unwrap_or_else(|e| e.into_inner());
        if sorted.new.len() >= MERGE_FROM {
            sorted.merge();
        }
        let at = sorted.all.partition_point(|w| &**w < prefix);
        sorted.all.get(at).is_some_and(|w| w.starts_with(prefix))
            || sorted.new.iter().any(|w| w.starts_with(prefix))
    }

    /// Sorts every word in: done once the index is built, off the UI
    /// thread, so the first question does not.
    pub fn settle(&mut self) {
        self.sorted
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .merge();
        self.words.shrink_to_fit();
    }

    /// Bytes held, for the benchmarks' memory figure: each word's text
    /// once, its place in the set and in the sorted list.
    pub fn heap_bytes(&self) -> usize {
        let text: usize = self.words.iter().map(|w| w.len() + 16).sum();
        let sorted = self.sorted.lock().unwrap_or_else(|e| e.into_inner());
        text + self.words.capacity() * 17 + (sorted.all.capacity() + sorted.new.capacity()) * 16
    }

    /// Stand-ins for `word` (folded), best first, each to be found at a
    /// word start: its stems that start a word of the index, then the
    /// index's words one edit away. The stems always: "bestanden" is meant
    /// as a form of "bestand" even where the index holds "bestanden" too.
    /// No words one edit away when `word` is itself a word of the index or
    /// the start of one (then it is no typo, or one still being typed).
    pub fn candidates(&self, word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < TYPO_FROM || chars.len() > WORD_CHARS {
            return Vec::new();
        }
        let mut found: Vec<String> = Vec::new();
        for language in [Algorithm::English, Algorithm::Dutch] {
            let stem = Stemmer::create(language).stem(word).into_owned();
            if stem.chars().count() >= TYPO_FROM - 1
                && stem != word
                && !found.contains(&stem)
                && self.has_prefix(&stem)
            {
                found.push(stem);
            }
        }
        if self.has_prefix(word) {
            return found;
        }
        let mut keep = |candidate: Vec<char>| {
            let s: String = candidate.into_iter().collect();
            if s != word && !found.contains(&s) && self.words.contains(s.as_str()) {
                found.push(s);
            }
        };
        // Swapped, doubled and dropped letters first: the likelier slips.
        for i in 0..chars.len() - 1 {
            let mut c = chars.clone();
            c.swap(i, i + 1);
            keep(c);
        }
        for i in 0..chars.len() {
            let mut c = chars.clone();
            c.remove(i);
            keep(c);
        }
        let alphabet = ('a'..='z').chain('0'..='9');
        for i in 0..=chars.len() {
            for letter in alphabet.clone() {
                let mut c = chars.clone();
                c.insert(i, letter);
                keep(c);
            }
        }
        for i in 0..chars.len() {
            for letter in alphabet.clone() {
                if letter != chars[i] {
                    let mut c = chars.clone();
                    c[i] = letter;
                    keep(c);
                }
            }
        }
        found.truncate(MAX_CANDIDATES);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(text: &str) -> Vocabulary {
        let mut v = Vocabulary::default();
        v.add(text);
        v
    }

    #[test]
    fn each_kind_of_slip_finds_the_word() {
        let v = vocab("Print the superblock information of a Printer");
        for typo in ["infornation", "infromation", "informmation", "informaton"] {
            assert_eq!(v.candidates(typo), vec!["information"], "{typo}");
        }
        assert_eq!(v.candidates("prinzer"), vec!["printer"]);
    }

    #[test]
    fn other_forms_of_a_word_stand_in_for_it() {
        let v = vocab("Restart the printer; een bestand openen");
        assert_eq!(v.candidates("restarting"), vec!["restart"]);
        assert_eq!(v.candidates("printers"), vec!["printer"]);
        assert_eq!(v.candidates("bestanden"), vec!["bestand"]);
    }

    #[test]
    fn other_forms_stand_in_even_where_the_index_holds_the_word_itself() {
        let v = vocab("Een bestand openen; alle bestanden en bestandenlijst");
        assert_eq!(v.candidates("bestanden"), vec!["bestand"]);
        let v = vocab("Restart the printers");
        assert_eq!(v.candidates("printers"), vec!["printer"]);
    }

    #[test]
    fn real_words_and_word_starts_are_no_typos() {
        let v = vocab("printer information");
        assert!(v.candidates("printer").is_empty());
        assert!(v.candidates("infor").is_empty(), "still being typed");
        assert!(v.candidates("pri").is_empty(), "too short to guess");
    }

    #[test]
    fn words_fold_case_and_accents() {
        let v = vocab("Koffie in het Café");
        assert_eq!(v.candidates("cafee"), vec!["cafe"]);
        let v = vocab("Één-twee");
        assert_eq!(v.candidates("eeen"), vec!["een"]);
    }
}
