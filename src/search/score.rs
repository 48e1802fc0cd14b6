//! Scoring one query against docs: every word must match within one field
//! (title, a tag, the author or the body start); a word's best field
//! counts, weighed.

use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use super::docs::{Docs, Strings};
use super::letters::{self, ASCII, LIVE, Mask};

/// What a one-letter word scores where it is found (a matched character
/// scores about this much in nucleo).
const ONE_LETTER_SCORE: u32 = 16;

/// Weights (halves) of a word found in the title, a tag, the author, the
/// body.
const TITLE: u32 = 4;
const TAG: u32 = 3;
const AUTHOR: u32 = 2;
const BODY: u32 = 2;

/// One word of a query, ready for the matcher.
pub struct Needle {
    pub(super) text: Utf32String,
    /// Fold accents (`cafe` finds `café`) unless the word has its own.
    normalize: bool,
    pub mask: Mask,
    folded: u32,
}

impl Needle {
    /// Letters spread thinly over a long text are a match only on paper:
    /// a word must score at least three quarters of what each of its
    /// letters scores found whole (a typo or two still pass). This keeps
    /// hits meaningful, and typing narrows much faster with it.
    fn min_score(&self) -> u32 {
        (self.text.len() as u32) * ONE_LETTER_SCORE * 3 / 4
    }

    /// A one-letter word matches exactly where its letter is: the mask
    /// answers without the matcher.
    fn by_mask(&self) -> bool {
        self.text.len() == 1 && self.mask != 0
    }

    /// The word's score in one field, if it is a real match there. The
    /// greedy matcher is several times faster than the optimal one on long
    /// fields; within one field its first-letter choice rarely matters
    /// (benches/search.rs has the numbers).
    pub(super) fn score(&self, matcher: &mut Matcher, haystack: Utf32Str<'_>) -> Option<u32> {
        matcher.config.normalize = self.normalize;
        let score = u32::from(matcher.fuzzy_match_greedy(haystack, self.text.slice(..))?);
        (score >= self.min_score()).then_some(score)
    }
}

/// The words of a query. Words are plain fuzzy words with no special
/// syntax, so a longer query matches (nearly) a subset of what a shorter
/// one matched.
pub fn needles(query: &str) -> Vec<Needle> {
    query
        .split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mask = letters::mask(&lower);
            Needle {
                normalize: lower.is_ascii(),
                mask,
                folded: letters::fold(mask),
                text: Utf32String::from(lower.as_str()),
            }
        })
        .collect()
}

/// Each word's score in each distinct tag or name, worked out the first
/// time a doc asks: a team has far fewer tags and names than items.
struct Memo {
    /// `scores[word][string]`: `UNKNOWN`, 0 for no match, or the score.
    scores: Vec<Vec<u32>>,
}

const UNKNOWN: u32 = u32::MAX;

impl Memo {
    fn new(words: usize, strings: &Strings) -> Memo {
        Memo {
            scores: vec![vec![UNKNOWN; strings.len()]; words],
        }
    }

    fn score(
        &mut self,
        word: usize,
        needle: &Needle,
        strings: &Strings,
        n: u32,
        matcher: &mut Matcher,
        buf: &mut Vec<char>,
    ) -> u32 {
        let slot = &mut self.scores[word][n as usize];
        if *slot == UNKNOWN {
            let mask = strings.masks[n as usize];
            *slot = if mask & needle.mask == needle.mask {
                let hay = haystack(strings.get(n), mask & ASCII != 0, buf);
                needle.score(matcher, hay).unwrap_or(0)
            } else {
                0
            };
        }
        *slot
    }
}

fn haystack<'a>(text: &'a str, ascii: bool, buf: &'a mut Vec<char>) -> Utf32Str<'a> {
    if ascii {
        Utf32Str::Ascii(text.as_bytes())
    } else {
        Utf32Str::new(text, buf)
    }
}

/// Scores `candidates` (ascending doc numbers) and returns the matches as
/// (score, doc), still ascending. `needles` come rarest first.
pub fn score_docs(docs: &Docs, needles: &[&Needle], candidates: &[u32]) -> Vec<(u32, u32)> {
    let mut config = Config::DEFAULT;
    config.ignore_case = true;
    let mut matcher = Matcher::new(config);
    let needed = needles.iter().fold(LIVE, |m, n| m | n.mask);
    let mut tag_memo = Memo::new(needles.len(), &docs.tags);
    let mut name_memo = Memo::new(needles.len(), &docs.names);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    'docs: for &i in candidates {
        let i = i as usize;
        let mask = docs.masks[i];
        if mask & needed != needed {
            continue;
        }
        let [title_mask, body_mask] = docs.field_masks[i];
        let ascii = mask & ASCII != 0;
        let mut total = 0u32;
        for (w, n) in needles.iter().enumerate() {
            if n.by_mask() {
                let in_title = title_mask & n.folded == n.folded;
                let weight = if in_title { TITLE } else { 2 };
                total += ONE_LETTER_SCORE * weight / 2;
                continue;
            }
            let (title, body) = docs.title_body(i);
            let mut best = 0;
            if title_mask & n.folded == n.folded {
                let hay = haystack(title, ascii, &mut buf);
                best = n.score(&mut matcher, hay).unwrap_or(0) * TITLE / 2;
            }
            for &tag in docs.tag_numbers(i) {
                let s = tag_memo.score(w, n, &docs.tags, tag, &mut matcher, &mut buf);
                best = best.max(s * TAG / 2);
            }
            let author = docs.authors[i];
            let s = name_memo.score(w, n, &docs.names, author, &mut matcher, &mut buf);
            best = best.max(s * AUTHOR / 2);
            if body_mask & n.folded == n.folded {
                let hay = haystack(body, ascii, &mut buf);
                best = best.max(n.score(&mut matcher, hay).unwrap_or(0) * BODY / 2);
            }
            if best == 0 {
                continue 'docs;
            }
            total += best;
        }
        out.push((total, i as u32));
    }
    out
}
