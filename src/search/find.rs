//! Which docs hold every word of a query, and how well each holds it:
//! every query word is compared with the distinct words of each field
//! (`words.rs`), not with the text of every doc, and the docs of the words
//! it matches get the points of its best match there.
//!
//! A query word matches a word of a text when its letters stand there in
//! order: together ("start" in "restart,") or apart ("ctrlr" in "ctrl-r",
//! "histry" in "history"), but within that one word: letters gathered
//! from several words of a long text matched nearly anything. Letters
//! apart count only when nothing holds the words together. A stand-in
//! (a synonym, a stem, a word one typo away) matches at a word start.

use super::docs::Docs;
use super::letters::{LIVE, Mask};
use super::place;
use super::score::{FIELD_BONUS, Needle};

/// A query word's letters may stand apart only in a word of the text this
/// long or shorter: not in a path, a hash or a URL.
const APART_CHARS: usize = 32;

/// How a doc holds a word, when only apart: below every real place's
/// points (0 is "not at all").
pub const APART: u8 = 1;

/// The docs that hold every word of a query.
pub struct Matches {
    /// Ascending, live docs only.
    pub docs: Vec<u32>,
    /// Per query word (in query order), per doc: 0, `APART`, or the points
    /// of its best place with the field's bonus, as `score::rank` counts
    /// them. Empty for a one-letter word: the letter masks find those.
    pub evidence: Vec<Vec<u8>>,
}

pub fn matches(docs: &Docs, needles: &[Needle]) -> Matches {
    let letters = needles
        .iter()
        .filter(|n| n.one_letter())
        .fold(LIVE, |m, n| m | n.mask);
    let found = |evidence: &[Evidence], least: u8| -> Vec<u32> {
        let lettered = |i: usize| docs.masks[i] & letters == letters;
        let held: Vec<&[u8]> = evidence
            .iter()
            .map(|e| e.by_doc.as_slice())
            .filter(|e| !e.is_empty())
            .collect();
        let Some((first, rest)) = held.split_first() else {
            return (0..docs.len())
                .filter(|&i| lettered(i))
                .map(|i| i as u32)
                .collect();
        };
        // One word's evidence turns most docs away, a byte each, in order.
        first
            .iter()
            .enumerate()
            .filter(|&(i, &e)| e >= least && rest.iter().all(|r| r[i] >= least) && lettered(i))
            .map(|(i, _)| i as u32)
            .collect()
    };
    // Letters spread inside a word ("toner" in "stronger") count only when
    // no doc holds every word better: a last resort, as `stored::search`
    // reads everything only when the words and their slips found nothing.
    // So the docs of words that hold a query word only so are not even
    // read unless it comes to that: a short word's letters stand apart in
    // most words ("r…e" in "order"), and reading all their docs was most
    // of a keystroke's time at a million items.
    let mut evidence: Vec<Evidence> = needles
        .iter()
        .map(|n| Evidence::of(docs, n, false))
        .collect();
    let mut docs_found = found(&evidence, APART + 1);
    if docs_found.is_empty() && evidence.iter().any(|e| e.apart_left_out) {
        for (e, n) in evidence.iter_mut().zip(needles) {
            if e.apart_left_out {
                *e = Evidence::of(docs, n, true);
            }
        }
        docs_found = found(&evidence, APART);
    }
    Matches {
        docs: docs_found,
        evidence: evidence.into_iter().map(|e| e.by_doc).collect(),
    }
}

/// How well each doc holds one query word, over all four fields.
struct Evidence {
    /// Per doc; empty for a one-letter word (the letter masks find those).
    by_doc: Vec<u8>,
    /// Words that hold it only with its letters apart were passed over.
    apart_left_out: bool,
}

impl Evidence {
    fn of(docs: &Docs, n: &Needle, apart: bool) -> Evidence {
        if n.one_letter() {
            return Evidence {
                by_doc: Vec::new(),
                apart_left_out: false,
            };
        }
        let mut by_doc = vec![0u8; docs.len()];
        let mut apart_left_out = false;
        let alt_masks: Vec<Mask> = n.alts.iter().map(|a| super::letters::mask(a)).collect();
        for (f, words) in docs.words.iter().enumerate() {
            let bonus = FIELD_BONUS[f] as u8;
            words.each_match(
                |word, mask| match judge(n, &alt_masks, word, mask) {
                    0 => 0,
                    APART if apart => APART,
                    APART => {
                        apart_left_out = true;
                        0
                    }
                    points => points + bonus,
                },
                |doc, value| {
                    let slot = &mut by_doc[doc as usize];
                    *slot = (*slot).max(value);
                },
            );
        }
        Evidence {
            by_doc,
            apart_left_out,
        }
    }
}

/// How `n` stands in one word of a text: 0, `APART`, or the points of
/// its place (whole, word start, inside, a stand-in at a word start).
fn judge(n: &Needle, alt_masks: &[Mask], word: &str, mask: Mask) -> u8 {
    let mut best = 0;
    if mask & n.mask == n.mask && letters_in_order(&n.word, word) {
        best = match place::best(word, &n.word) {
            Some((points, _)) => points as u8,
            None if word.chars().nth(APART_CHARS).is_none() => APART,
            None => 0,
        };
    }
    for (alt, &alt_mask) in n.alts.iter().zip(alt_masks) {
        if mask & alt_mask == alt_mask && place::starts(word, alt) {
            best = best.max(place::TYPO as u8);
        }
    }
    best
}

/// True when the letters of `needle` stand in `word` in order.
fn letters_in_order(needle: &str, word: &str) -> bool {
    if needle.is_ascii() && word.is_ascii() {
        let mut rest = word.bytes();
        return needle.bytes().all(|c| rest.any(|w| w == c));
    }
    let mut rest = word.chars();
    needle.chars().all(|c| rest.any(|w| w == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_in_order_within_one_word() {
        assert!(letters_in_order("ctrlr", "ctrl-r"));
        assert!(letters_in_order("histry", "history"));
        assert!(letters_in_order("cafe", "cafe"));
        assert!(!letters_in_order("rtc", "ctrl-r"));
        assert!(letters_in_order(
            "ee",
            "ééé"
                .chars()
                .map(super::super::typos::fold)
                .collect::<String>()
                .as_str()
        ));
    }
}
