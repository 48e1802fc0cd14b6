//! A query's words, and the rank of a doc that holds them all: how each
//! word was found (whole, at a word start, inside a word, through a typo,
//! scattered), where, the words adjacent and in order; then a colleague's
//! post, shortness and votes. Which docs hold the words is `find.rs`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::docs::Docs;
use super::find::{APART, Matches};
use super::letters::{self, Mask, REFERENCE};
use super::place;
use super::synonyms::Synonyms;
use super::typos::{self, Vocabulary};

/// One word of a query.
pub struct Needle {
    /// The word, case and accents folded.
    pub word: String,
    /// Stand-ins (synonyms, stems, words one typo away), each to be found
    /// at a word start.
    pub alts: Vec<String>,
    pub mask: Mask,
    /// Its place in the query, for "adjacent and in order".
    pub order: usize,
}

impl Needle {
    /// A one-letter word matches exactly where its letter is: the doc's
    /// letter mask answers, no word is looked up.
    pub fn one_letter(&self) -> bool {
        self.mask != 0 && self.alts.is_empty() && self.word.chars().nth(1).is_none()
    }

    /// The word as typed (folded) and its stand-ins.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.word.as_str()).chain(self.alts.iter().map(String::as_str))
    }
}

/// The words of a query. Accents fold both ways: "café" finds "cafe" too.
pub fn needles(query: &str, vocabulary: &Vocabulary, synonyms: &Synonyms) -> Vec<Needle> {
    query
        .split_whitespace()
        .enumerate()
        .map(|(order, w)| {
            // Folded one character at a time as the index folds the text:
            // `to_lowercase` makes a word-final Σ into ς, which no text
            // ever holds after folding.
            let word: String = w.chars().map(typos::fold).collect();
            // The team's synonyms first: they are meant, typos guessed.
            let mut alts = synonyms.of(&word);
            if word.chars().all(char::is_alphanumeric) {
                for alt in vocabulary.candidates(&word) {
                    if !alts.contains(&alt) {
                        alts.push(alt);
                    }
                }
            }
            Needle {
                mask: letters::mask(&word),
                order,
                word,
                alts,
            }
        })
        .collect()
}

/// Doc `i`'s fields folded (title, body, tags, author), each made once
/// per doc and only when asked: most hits are ranked on their title
/// alone, and folding every body cost more than the matching.
#[derive(Default)]
pub(super) struct Folded {
    doc: Option<usize>,
    made: [bool; 4],
    fields: [String; 4],
}

/// The fields' numbers, here and in `Docs::words`: title, body, tags,
/// author. `rank` reads the body, the longest, last.
const TITLE_FIELD: usize = 0;
const BODY_FIELD: usize = 1;

impl Folded {
    fn field(&mut self, docs: &Docs, i: usize, f: usize) -> &str {
        if self.doc != Some(i) {
            self.made = [false; 4];
            self.doc = Some(i);
        }
        if !self.made[f] {
            let slot = &mut self.fields[f];
            slot.clear();
            if f == BODY_FIELD {
                // Folded word by word as it is read from its numbers.
                docs.bodies.each_word(i, |word| {
                    if !slot.is_empty() {
                        slot.push(' ');
                    }
                    fold_into(slot, word);
                });
                self.made[f] = true;
                return &self.fields[f];
            }
            let mut tags = String::new();
            let text = match f {
                TITLE_FIELD => docs.title(i),
                2 => {
                    for &tag in docs.tag_numbers(i) {
                        tags.push_str(docs.tags.get(tag));
                        tags.push(' ');
                    }
                    &tags
                }
                _ => docs.names.get(docs.authors[i]),
            };
            fold_into(slot, text);
            self.made[f] = true;
        }
        &self.fields[f]
    }
}

/// Appends `text` to `out`, case and accents folded.
fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        let from = out.len();
        out.push_str(text);
        out[from..].make_ascii_lowercase();
    } else {
        out.extend(text.chars().map(typos::fold));
    }
}

/// What a field adds to a word found there, by field number (title, body,
/// tags, author): the title says most about an item, then its tags, then
/// who wrote it; the text adds nothing.
pub const FIELD_BONUS: [u32; 4] = [6, 0, 5, 2];
/// A word right after the one before it in the query ("update packages"),
/// or at least after it somewhere in the same field.
const ADJACENT: u32 = 10;
const IN_ORDER: u32 = 4;

/// The rank of a hit with every word's place read from its texts: the
/// slow reference the tests compare [`top`] with.
#[cfg(test)]
pub(super) fn rank(text: &mut Folded, by_order: &[&Needle], docs: &Docs, i: usize) -> u32 {
    rank_knowing(text, by_order, docs, i, |_| None)
}

/// The rank of a hit, in this order of evidence: how each word was found
/// (whole, at a word start, inside a word, through a typo, scattered), and
/// in which field; the words adjacent and in order; then a colleague's
/// post before imported know-how (bit 16); then shorter titles first, as
/// in fzf (the second byte); then more votes (the low byte).
///
/// `found(k)` is the points (with the field's bonus) of the `k`-th word in
/// query order where its evidence says it stands as typed, so its texts
/// need not be read for it (a word typed half, found at a word start, was
/// read in every body for nothing); `None` where the text must say: a
/// stand-in (whose form the adjacency needs) or a one-letter word.
fn rank_knowing(
    text: &mut Folded,
    by_order: &[&Needle],
    docs: &Docs,
    i: usize,
    found: impl Fn(usize) -> Option<u32>,
) -> u32 {
    let mut total = 0;
    // The form each word was found in (itself or a stand-in), for the
    // adjacency of the next.
    let mut forms: Vec<&str> = Vec::with_capacity(by_order.len());
    for (k, n) in by_order.iter().enumerate() {
        let (points, form) = match found(k) {
            Some(points) => (points, n.word.as_str()),
            None => best_place(text, n, docs, i),
        };
        total += points;
        forms.push(form);
    }
    for pair in forms.windows(2) {
        let mut bonus = 0;
        for f in [TITLE_FIELD, BODY_FIELD] {
            let text = text.field(docs, i, f);
            if place::adjacent(text, pair[0], pair[1]) {
                bonus = ADJACENT;
                break;
            } else if place::in_order(text, pair[0], pair[1]) {
                bonus = IN_ORDER;
            }
        }
        total += bonus;
    }
    total.min(0x7fff) << 17 | after_the_text(docs, i)
}

/// How well doc `i` holds `n`, read from its texts: the points of its best
/// place with the field's bonus (scattered letters when none), and the
/// form found there.
fn best_place<'n>(text: &mut Folded, n: &'n Needle, docs: &Docs, i: usize) -> (u32, &'n str) {
    let mut best = 0;
    let mut form = n.word.as_str();
    for f in [TITLE_FIELD, 2, 3, BODY_FIELD] {
        // The body adds no bonus: a word already whole elsewhere
        // cannot do better there, and its text need not be folded.
        if f == BODY_FIELD && best >= place::WHOLE {
            break;
        }
        let text = text.field(docs, i, f);
        if let Some((points, _)) = place::best(text, &n.word)
            && points + FIELD_BONUS[f] > best
        {
            // The word as typed stands better here than any stand-in met
            // before: it is the form found (as its evidence says).
            best = points + FIELD_BONUS[f];
            form = n.word.as_str();
        }
        for alt in &n.alts {
            if place::starts(text, alt) && place::TYPO + FIELD_BONUS[f] > best {
                best = place::TYPO + FIELD_BONUS[f];
                form = alt;
            }
        }
    }
    if best == 0 {
        best = place::SCATTERED;
    }
    (best, form)
}

/// The rank's low bits: a colleague's post (bit 16), shortness (the
/// second byte), votes (the low byte).
fn after_the_text(docs: &Docs, i: usize) -> u32 {
    colleague(docs, i) << 16 | shortness(docs, i) << 8 | u32::from(docs.votes[i])
}

/// Texts `top` reads at most (more when asked for more than a quarter of
/// that). Where tens of thousands of hits hold the words equally well and
/// few or none hold them side by side, no bound rules any out, and reading
/// them all took 130 ms a keystroke at a million items ("coördinator
/// nachtdienst": 87,526 hits); 1,000 take 2–9 ms. A hit past them that
/// holds the words side by side can then rank below its due.
pub const MOST_TEXTS_READ: usize = 1_000;

/// The `limit` best of `hits` as (rank, doc), best first; among equals the
/// doc read last (the newest of its kind) wins.
///
/// What `matches` found settles how each word was found; only the words'
/// adjacency (and a one-letter word's place) needs the text. So every hit
/// gets a bound (its known points plus the most those could add), and
/// the text is read only for hits, best bound first, until no bound can
/// beat the `limit`-th rank found: a broad query reads a few hundred
/// texts, not the tens of thousands it finds.
pub fn top(
    docs: &Docs,
    needles: &[Needle],
    matches: &Matches,
    hits: &[u32],
    limit: usize,
) -> Vec<(u32, u32)> {
    if limit == 0 {
        return Vec::new();
    }
    // Every hit's bound is worked out (800,000 of them for "he"): what it
    // reads is gathered once, not per hit.
    let evidence: Vec<&[u8]> = matches
        .evidence
        .iter()
        .filter(|e| !e.is_empty())
        .map(Vec::as_slice)
        .collect();
    let known = |i: usize| -> u32 {
        evidence
            .iter()
            .map(|e| match e[i] {
                APART => place::SCATTERED,
                points => u32::from(points),
            })
            .sum()
    };
    // One-letter words alone: no text read, the short items first.
    if needles.iter().all(Needle::one_letter) {
        return best(
            hits.iter().map(|&i| (after_the_text(docs, i as usize), i)),
            limit,
        );
    }
    // A one-letter word's place is unknown until the text is read: at
    // best whole, in the title, where the doc holds that letter alone
    // somewhere, and at best a word start where it does not. ("kubectl r"
    // then stops reading among the "kubectl r…" titles, not after them all.)
    let one_letters: Vec<Mask> = needles
        .iter()
        .filter(|n| n.one_letter())
        .map(|n| n.mask)
        .collect();
    let unknown = |i: usize| -> u32 {
        if one_letters.is_empty() {
            return 0;
        }
        let lone = docs.lone_letters(i);
        one_letters
            .iter()
            .map(|&mask| {
                let points = if lone & mask != 0 {
                    place::WHOLE
                } else {
                    place::START
                };
                points + FIELD_BONUS[TITLE_FIELD]
            })
            .sum()
    };
    let slack = ADJACENT * (needles.len() as u32 - 1);
    let bound = |i: u32| {
        let i = i as usize;
        (known(i) + slack + unknown(i)).min(0x7fff) << 17 | after_the_text(docs, i)
    };
    if slack == 0 && !needles.iter().any(Needle::one_letter) {
        return best(hits.iter().map(|&i| (bound(i), i)), limit);
    }
    // Only the best bounds are read, best first.
    let most_read = MOST_TEXTS_READ.max(limit.saturating_mul(4));
    let bounds = best(hits.iter().map(|&i| (bound(i), i)), most_read);
    let mut in_query_order: Vec<(&Needle, &[u8])> = needles
        .iter()
        .zip(&matches.evidence)
        .map(|(n, e)| (n, e.as_slice()))
        .collect();
    in_query_order.sort_by_key(|(n, _)| n.order);
    let by_order: Vec<&Needle> = in_query_order.iter().map(|&(n, _)| n).collect();
    // A word's evidence is its best place as `rank` would read it from
    // the texts (the same words, split alike), unless a stand-in or only
    // scattered letters gave it: then the text decides (and names the form).
    let most_bonus = FIELD_BONUS.iter().copied().max().unwrap_or(0);
    let stand_in = place::TYPO..=place::TYPO + most_bonus;
    let as_typed = |k: usize, i: usize| -> Option<u32> {
        let points = u32::from(*in_query_order[k].1.get(i)?);
        (points > u32::from(APART) && !stand_in.contains(&points)).then_some(points)
    };
    let mut text = Folded::default();
    // The `limit` best so far, worst on top.
    let mut kept: BinaryHeap<Reverse<(u32, u32)>> =
        BinaryHeap::with_capacity(limit.min(hits.len()) + 1);
    for (bound, i) in bounds {
        if kept.len() == limit
            && kept
                .peek()
                .is_some_and(|Reverse((worst, _))| bound < *worst)
        {
            break;
        }
        kept.push(Reverse((
            rank_knowing(&mut text, &by_order, docs, i as usize, |k| {
                as_typed(k, i as usize)
            }),
            i,
        )));
        if kept.len() > limit {
            kept.pop();
        }
    }
    best(kept.into_iter().map(|Reverse(hit)| hit), limit)
}

/// The `limit` best of `scored`, best first: rank, then the newer doc.
/// One pass that keeps only the best so far (worst on top), so a broad
/// query (800,000 hits for "he" at a million items) neither collects nor
/// partitions them all; most are turned away by one comparison.
fn best(scored: impl Iterator<Item = (u32, u32)>, limit: usize) -> Vec<(u32, u32)> {
    let mut kept: BinaryHeap<Reverse<(u32, u32)>> =
        BinaryHeap::with_capacity(limit.min(4096).saturating_add(1));
    for hit in scored {
        if kept.len() < limit {
            kept.push(Reverse(hit));
        } else if let Some(mut worst) = kept.peek_mut()
            && hit > worst.0
        {
            *worst = Reverse(hit);
        }
    }
    let mut best: Vec<(u32, u32)> = kept.into_iter().map(|Reverse(hit)| hit).collect();
    best.sort_unstable_by(|a, b| b.cmp(a));
    best
}

/// 1 for a colleague's own post, 0 for imported know-how: at equal
/// evidence the colleague's comes first, before shortness and votes.
fn colleague(docs: &Docs, i: usize) -> u32 {
    u32::from(docs.masks[i] & REFERENCE == 0)
}

/// 0–255, more for shorter titles: a lesson's long text says nothing
/// against it.
fn shortness(docs: &Docs, i: usize) -> u32 {
    u32::from(docs.shortness[i])
}
