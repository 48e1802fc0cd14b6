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
    let evidence: Vec<Vec<u8>> = needles
        .iter()
        .map(|n| {
            if n.one_letter() {
                Vec::new()
            } else {
                evidence(docs, n)
            }
        })
        .collect();
    let letters = needles
        .iter()
        .filter(|n| n.one_letter())
        .fold(LIVE, |m, n| m | n.mask);
    // Letters spread inside a word ("toner" in "stronger") count only when
    // no doc holds every word better: a last resort, as `stored::search`
    // reads everything only when the words and their slips found nothing.
    let held = |i: usize, least: u8| evidence.iter().all(|e| e.is_empty() || e[i] >= least);
    let found = |least: u8| -> Vec<u32> {
        (0..docs.len())
            .filter(|&i| docs.masks[i] & letters == letters && held(i, least))
            .map(|i| i as u32)
            .collect()
    };
    let mut docs = found(APART + 1);
    if docs.is_empty() {
        docs = found(APART);
    }
    Matches { docs, evidence }
}

/// How well each doc holds `n`, over all four fields.
fn evidence(docs: &Docs, n: &Needle) -> Vec<u8> {
    let mut out = vec![0u8; docs.len()];
    let alt_masks: Vec<Mask> = n.alts.iter().map(|a| super::letters::mask(a)).collect();
    for (f, words) in docs.words.iter().enumerate() {
        let bonus = FIELD_BONUS[f] as u8;
        words.each_match(
            |word, mask| match judge(n, &alt_masks, word, mask) {
                0 => 0,
                APART => APART,
                points => points + bonus,
            },
            |doc, value| {
                let slot = &mut out[doc as usize];
                *slot = (*slot).max(value);
            },
        );
    }
    out
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
