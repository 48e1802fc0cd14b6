//! The searchable text of every item, laid out for a fast scan: one arena
//! string for all titles, the bodies as numbers of their words
//! (`bodies.rs`), tags and author names stored once each and referred to
//! by number, and per-doc letter masks.
//!
//! Kept small on purpose (about 40 bytes plus the text per item, measured
//! in benches/search.rs): at 1M items the whole index must fit the pane's
//! memory budget.

use super::bodies::Bodies;
use super::letters::{self, ASCII, FAQ, LIVE, Mask, NAVI, REFERENCE};
use super::strings::Strings;
use super::typos::Vocabulary;
use super::words::Words;
use crate::domain::reference::Source;
use crate::domain::{ItemId, Kind};
use crate::store::SearchDoc;

/// Longest title kept for matching, in characters: a title line, not a
/// text; what follows belongs to the body.
pub const TITLE_CHARS: usize = 120;
/// Longest body kept (the rest of a tip's text, a question's body with its
/// answers and context): the whole text of nearly every item (the store
/// hands this much, `BODY_PREFIX` in store/read.rs).
const BODY_CHARS: usize = 4000;
/// A tag or name longer than DESIGN.md allows came from outside; it is cut.
const NAME_CHARS: usize = 100;
const TAGS_PER_DOC: usize = 10;

/// Every doc's fields; doc `i` is the `i`-th pushed.
#[derive(Default)]
pub struct Docs {
    nums: Vec<i64>,
    kinds: Vec<Kind>,
    /// Doc `i`'s title is `titles[starts[i] .. starts[i + 1]]`.
    titles: String,
    starts: Vec<u32>,
    pub bodies: Bodies,
    /// Doc `i`'s tags are `tag_list[tag_starts[i] .. tag_starts[i + 1]]`.
    tag_starts: Vec<u32>,
    tag_list: Vec<u32>,
    pub authors: Vec<u32>,
    /// Votes (a question's backings), up to 255.
    pub votes: Vec<u8>,
    /// 0–255, more for shorter titles (255 less its characters): kept
    /// rather than counted, since ranking wants it for every hit and a
    /// title read per hit was most of a broad query's time at 1M.
    pub shortness: Vec<u8>,
    /// The letters standing alone in any of the doc's fields
    /// (`letters::lone`): a one-letter query word can be found whole only
    /// there, so elsewhere ranking need not read the text to know it. Kept
    /// as a number into `lone_sets`, since few docs differ in them: 2 bytes
    /// a doc instead of 8.
    lone: Vec<u16>,
    lone_sets: LoneSets,
    /// The letters of all four fields, plus the ASCII and LIVE flags.
    pub masks: Vec<Mask>,
    pub tags: Strings,
    pub names: Strings,
    /// Every word of titles and tags, for typo stand-ins.
    pub vocabulary: Vocabulary,
    /// The words of the titles, bodies, tags and authors (in that order),
    /// each with its docs: what a query word is looked up in.
    pub words: [Words; 4],
}

fn cut(s: &str, chars: usize) -> &str {
    // No more bytes than that: no more characters either.
    if s.len() <= chars {
        return s;
    }
    match s.char_indices().nth(chars) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

impl Docs {
    pub fn with_capacity(n: usize) -> Docs {
        let mut docs = Docs {
            nums: Vec::with_capacity(n),
            kinds: Vec::with_capacity(n),
            starts: Vec::with_capacity(n + 1),
            bodies: Bodies::with_capacity(n),
            tag_starts: Vec::with_capacity(n + 1),
            authors: Vec::with_capacity(n),
            votes: Vec::with_capacity(n),
            shortness: Vec::with_capacity(n),
            lone: Vec::with_capacity(n),
            masks: Vec::with_capacity(n),
            ..Docs::default()
        };
        docs.starts.push(0);
        docs.tag_starts.push(0);
        docs
    }

    pub fn len(&self) -> usize {
        self.nums.len()
    }

    /// Adds one doc. False (and nothing added) once an arena is full: at
    /// 4 GB of titles or of bodies' word numbers, tens of millions of
    /// items, far beyond what it is for.
    pub fn push(&mut self, doc: &SearchDoc) -> bool {
        let first = doc.title.lines().next().unwrap_or("");
        let title = cut(first, TITLE_CHARS);
        // A tip or learned entry is one text: what follows its title (the
        // rest of a long first line, the lines after) is its body, and
        // then what the store hands as body (a tip's context).
        let rest = doc.title[title.len()..].trim_start();
        let joined;
        let body = cut(
            match (rest.is_empty(), doc.body.trim().is_empty()) {
                (_, true) => rest,
                (true, false) => &doc.body,
                (false, false) => {
                    joined = format!("{rest} {}", doc.body);
                    &joined
                }
            },
            BODY_CHARS,
        );
        let Ok(end) = u32::try_from(self.titles.len() + title.len()) else {
            return false;
        };
        let i = self.nums.len() as u32;
        let [title_words, body_words, tag_words, author_words] = &mut self.words;
        // The body's words go to the body's word index as the bodies number
        // them: each distinct word is folded and looked up there once.
        let mut lone = 0;
        if !self
            .bodies
            .push(body, |n, word| lone |= body_words.add_numbered(i, n, word))
        {
            return false;
        }
        self.nums.push(doc.id.num);
        self.kinds.push(doc.id.kind);
        self.titles.push_str(title);
        // Titles and tags only: the words of bodies too made building the
        // index several times slower.
        self.vocabulary.add(title);
        self.vocabulary.add(&doc.tags);
        lone |= title_words.add(i, title);
        self.starts.push(end);

        let mut mask = letters::mask(title) | letters::mask(body) | LIVE;
        if title.is_ascii() && body.is_ascii() {
            mask |= ASCII;
        }
        mask |= match doc.reference {
            None => 0,
            Some(Source::Tldr) => REFERENCE,
            Some(Source::Navi) => REFERENCE | NAVI,
            Some(Source::Faq) => REFERENCE | FAQ,
        };
        for tag in doc.tags.split_whitespace().take(TAGS_PER_DOC) {
            let n = self.tags.intern(cut(tag, NAME_CHARS));
            mask |= self.tags.masks[n as usize] & !ASCII;
            lone |= tag_words.add(i, self.tags.get(n));
            self.tag_list.push(n);
        }
        self.tag_starts.push(self.tag_list.len() as u32);
        let author = self.names.intern(cut(&doc.author, NAME_CHARS));
        mask |= self.names.masks[author as usize] & !ASCII;
        lone |= author_words.add(i, self.names.get(author));
        self.lone.push(self.lone_sets.number(lone));
        self.authors.push(author);
        self.votes.push(doc.votes.min(255) as u8);
        self.shortness
            .push(255 - title.chars().count().min(255) as u8);
        self.masks.push(mask);
        true
    }

    /// Takes doc `i` out of every search (its place stays, unused).
    pub fn remove(&mut self, i: usize) {
        self.masks[i] &= !LIVE;
    }

    pub fn shrink_to_fit(&mut self) {
        self.nums.shrink_to_fit();
        self.kinds.shrink_to_fit();
        self.titles.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.bodies.shrink_to_fit();
        self.tag_starts.shrink_to_fit();
        self.tag_list.shrink_to_fit();
        self.authors.shrink_to_fit();
        self.votes.shrink_to_fit();
        self.shortness.shrink_to_fit();
        self.lone.shrink_to_fit();
        self.masks.shrink_to_fit();
        self.tags.shrink_to_fit();
        self.names.shrink_to_fit();
        self.vocabulary.settle();
        self.words.iter_mut().for_each(Words::shrink_to_fit);
    }

    pub fn id(&self, i: usize) -> ItemId {
        ItemId::new(self.kinds[i], self.nums[i])
    }

    /// Where doc `i` came from, when it is imported know-how.
    pub fn source(&self, i: usize) -> Option<Source> {
        let mask = self.masks[i];
        match (mask & REFERENCE != 0, mask & NAVI != 0, mask & FAQ != 0) {
            (false, _, _) => None,
            (true, true, _) => Some(Source::Navi),
            (true, _, true) => Some(Source::Faq),
            _ => Some(Source::Tldr),
        }
    }

    pub fn is_live(&self, i: usize) -> bool {
        self.masks[i] & LIVE != 0
    }

    /// The letters standing alone somewhere in doc `i` (perhaps more).
    pub fn lone_letters(&self, i: usize) -> Mask {
        self.lone_sets.masks[usize::from(self.lone[i])]
    }

    pub fn title(&self, i: usize) -> &str {
        &self.titles[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    pub fn tag_numbers(&self, i: usize) -> &[u32] {
        &self.tag_list[self.tag_starts[i] as usize..self.tag_starts[i + 1] as usize]
    }

    /// Bytes held by each part, for the benchmarks' memory figure.
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        let [titles, bodies, tags, authors] = &self.words;
        let (body_numbers, body_words) = self.bodies.heap_parts();
        vec![
            ("ids", self.nums.capacity() * 8 + self.kinds.capacity()),
            (
                "titles",
                self.titles.capacity() + self.starts.capacity() * 4,
            ),
            ("bodies, as word numbers", body_numbers),
            ("bodies' words as written", body_words),
            (
                "tags and authors",
                self.tag_starts.capacity() * 4
                    + self.tag_list.capacity() * 4
                    + self.authors.capacity() * 4
                    + self.tags.heap_bytes()
                    + self.names.heap_bytes(),
            ),
            (
                "votes, shortness and masks",
                self.votes.capacity()
                    + self.shortness.capacity()
                    + self.lone.capacity() * 2
                    + self.masks.capacity() * 8,
            ),
            ("typo vocabulary", self.vocabulary.heap_bytes()),
            ("words of titles", titles.heap_bytes()),
            ("words of bodies", bodies.heap_bytes()),
            (
                "words of tags and authors",
                tags.heap_bytes() + authors.heap_bytes(),
            ),
        ]
    }
}

/// The distinct sets of lone letters, numbered. Past `u16::MAX` sets the
/// last number stands for every letter: such a doc is ranked as before
/// (its one-letter words read from its text), never wrongly.
#[derive(Default)]
struct LoneSets {
    masks: Vec<Mask>,
    numbers: std::collections::HashMap<Mask, u16>,
}

impl LoneSets {
    fn number(&mut self, mask: Mask) -> u16 {
        if let Some(&n) = self.numbers.get(&mask) {
            return n;
        }
        if self.masks.len() == usize::from(u16::MAX) {
            self.masks.push(Mask::MAX);
        }
        if self.masks.len() > usize::from(u16::MAX) {
            return u16::MAX;
        }
        let n = self.masks.len() as u16;
        self.masks.push(mask);
        self.numbers.insert(mask, n);
        n
    }
}

#[cfg(test)]
mod lone_tests {
    use super::*;

    #[test]
    fn past_the_last_number_a_set_stands_for_every_letter() {
        let mut sets = LoneSets::default();
        let numbers: Vec<u16> = (1..=70_000u64).map(|m| sets.number(m)).collect();
        assert_eq!(sets.number(1), numbers[0], "the same set, the same number");
        for (m, &n) in (1..=70_000u64).zip(&numbers) {
            let kept = sets.masks[usize::from(n)];
            assert_eq!(kept & m, m, "set {m} kept as {kept:#x}");
        }
        assert_eq!(sets.masks.len(), usize::from(u16::MAX) + 1);
        assert_eq!(numbers[69_999], u16::MAX);
    }
}
