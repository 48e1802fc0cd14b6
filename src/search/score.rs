//! Scoring one query against docs: every word must match within one field
//! (title, a tag, the author or the body start); a word's best field
//! counts, weighed.

use nucleo_matcher::chars::to_lower_case;
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
    /// The query's last word, the one that may still grow as one types.
    last: bool,
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

    /// What the word finds in one field: `NOTHING`, `THIN` (its letters
    /// are there in order, but spread too thin to count) or its score.
    ///
    /// The greedy matcher is several times faster than the optimal one,
    /// but takes the first letters it meets: in "the server, a restart" it
    /// spells "res" out of "seRvEr, a reStart" and scores it too low. So a
    /// low greedy score is asked again as a plain substring (cheap), which
    /// finds the word written out in full further on.
    pub(super) fn score(&self, matcher: &mut Matcher, haystack: Utf32Str<'_>) -> u32 {
        matcher.config.normalize = self.normalize;
        let needle = self.text.slice(..);
        let Some(greedy) = matcher.fuzzy_match_greedy(haystack, needle) else {
            return NOTHING;
        };
        let score = match u32::from(greedy) {
            low if low < self.min_score() => matcher
                .substring_match(haystack, needle)
                .map_or(low, u32::from),
            score => score,
        };
        if score >= self.min_score() {
            score
        } else {
            THIN
        }
    }
}

/// A word's letters are nowhere in a field in order.
pub const NOTHING: u32 = 0;
/// A word's letters are in a field in order but too spread out to be a
/// hit. Such docs are kept for narrowing: if "kub" is thin in a doc,
/// "kubectl" may still be a real match there, and every doc where
/// "kubectl" has its letters in order has them for "kub" too. (Real scores
/// are at least 12, so 1 is free.)
pub const THIN: u32 = 1;

/// The words of a query: plain fuzzy words with no special syntax, so
/// what a longer query finds is among what a shorter one kept for
/// narrowing (see `Scored::narrow`).
pub fn needles(query: &str) -> Vec<Needle> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let last = words.len().saturating_sub(1);
    words
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            // Folded one character at a time as nucleo folds the text:
            // `to_lowercase` makes a word-final Σ into ς, which no text
            // ever holds after folding.
            let lower: String = w.chars().map(to_lower_case).collect();
            let mask = letters::mask(&lower);
            Needle {
                normalize: lower.is_ascii(),
                mask,
                folded: letters::fold(mask),
                last: i == last,
                text: Utf32String::from(lower.as_str()),
            }
        })
        .collect()
}

/// Each word's score in each distinct tag or name, worked out the first
/// time a doc asks: a team has far fewer tags and names than items.
struct Memo {
    /// `scores[word][string]`: `UNKNOWN`, or what `Needle::score` said.
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
                let field = Field::new(strings.get(n), mask & ASCII != 0);
                needle.score(matcher, field.haystack(buf))
            } else {
                NOTHING
            };
        }
        *slot
    }
}

/// A doc's title or body, as the matcher will read it.
enum Field<'a> {
    Ascii(&'a [u8]),
    Text(&'a str),
}

impl<'a> Field<'a> {
    fn new(text: &'a str, ascii: bool) -> Field<'a> {
        if ascii {
            Field::Ascii(text.as_bytes())
        } else {
            Field::Text(text)
        }
    }

    fn haystack<'b>(&'b self, buf: &'b mut Vec<char>) -> Utf32Str<'b> {
        match self {
            Field::Ascii(bytes) => Utf32Str::Ascii(bytes),
            Field::Text(text) => Utf32Str::new(text, buf),
        }
    }
}

fn fields(docs: &Docs, i: usize, ascii: bool) -> (Field<'_>, Field<'_>) {
    if ascii {
        let (title, body) = docs.title_body_bytes(i);
        (Field::Ascii(title), Field::Ascii(body))
    } else {
        let (title, body) = docs.title_body(i);
        (Field::Text(title), Field::Text(body))
    }
}

/// The docs of one scan, both in ascending doc order.
#[derive(Default)]
pub struct Scored {
    /// (score, doc) of every doc where each word is a real match.
    pub hits: Vec<(u32, u32)>,
    /// Every doc where each word is a match, except that the last word
    /// may be thin: a superset of the hits of any longer query (the last
    /// word grown, or words added), so typing on only looks at these.
    pub narrow: Vec<u32>,
}

impl Scored {
    pub fn append(&mut self, mut other: Scored) {
        self.hits.append(&mut other.hits);
        self.narrow.append(&mut other.narrow);
    }
}

/// Scores `candidates` (ascending doc numbers). `needles` come rarest
/// first, so most docs are settled by the first word.
pub fn score_docs(docs: &Docs, needles: &[&Needle], candidates: &[u32]) -> Scored {
    let mut config = Config::DEFAULT;
    config.ignore_case = true;
    let mut matcher = Matcher::new(config);
    let needed = needles.iter().fold(LIVE, |m, n| m | n.mask);
    let mut tag_memo = Memo::new(needles.len(), &docs.tags);
    let mut name_memo = Memo::new(needles.len(), &docs.names);
    let mut buf = Vec::new();
    let mut out = Scored::default();
    'docs: for &i in candidates {
        let i = i as usize;
        let mask = docs.masks[i];
        if mask & needed != needed {
            continue;
        }
        let [title_mask, body_mask] = docs.field_masks[i];
        let ascii = mask & ASCII != 0;
        let mut total = 0u32;
        let mut hit = true;
        for (w, n) in needles.iter().enumerate() {
            if n.by_mask() {
                let in_title = title_mask & n.folded == n.folded;
                let weight = if in_title { TITLE } else { 2 };
                total += ONE_LETTER_SCORE * weight / 2;
                continue;
            }
            let (title, body) = fields(docs, i, ascii);
            // The best weighed score, and whether anything was there.
            let (mut best, mut seen) = (0, false);
            let mut found = |score: u32, weight: u32| {
                seen |= score != NOTHING;
                if score > THIN {
                    best = best.max(score * weight / 2);
                }
            };
            if title_mask & n.folded == n.folded {
                found(n.score(&mut matcher, title.haystack(&mut buf)), TITLE);
            }
            for &tag in docs.tag_numbers(i) {
                found(
                    tag_memo.score(w, n, &docs.tags, tag, &mut matcher, &mut buf),
                    TAG,
                );
            }
            let author = docs.authors[i];
            found(
                name_memo.score(w, n, &docs.names, author, &mut matcher, &mut buf),
                AUTHOR,
            );
            if body_mask & n.folded == n.folded {
                found(n.score(&mut matcher, body.haystack(&mut buf)), BODY);
            }
            // Only the last word can still grow into a match; a thin
            // earlier word settles the doc.
            if !seen || (best == 0 && !n.last) {
                continue 'docs;
            }
            hit &= best > 0;
            total += best;
        }
        out.narrow.push(i as u32);
        if hit {
            out.hits.push((total, i as u32));
        }
    }
    out
}
