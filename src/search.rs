//! Fuzzy search over every kind of item, independent of the UI.
//!
//! A query is split into words; every word must match somewhere in an item
//! (title, tags, author or the start of the body), fuzzily, so "ctrlr histry"
//! finds "Use ctrl-r to search shell history". Title matches weigh more.
//!
//! Built for one keystroke ≤ 16 ms at 100k items (see benches/search.rs):
//! - nucleo-matcher instead of fuzzy-matcher: measured 5–10× faster on the
//!   same corpus (numbers in the commit that switched);
//! - every item's searchable text lives in one arena string, so the index
//!   is a few large allocations, not four strings per item;
//! - a per-item bitmask of its letters rejects most items with one AND;
//! - a query that only grows (typing) rescans just the previous matches;
//! - the scan is split over the machine's cores.

use std::sync::Mutex;
use std::thread;

use nucleo_matcher::chars::{normalize, to_lower_case};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use crate::domain::ItemId;
use crate::store::{SearchDoc, Store, StoreError};

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: ItemId,
    pub score: i64,
    /// The item's title, for showing the hit without another query.
    pub title: String,
}

/// Longest title and body start kept for matching, in characters: enough to
/// find an item by what one remembers of it, small enough to stay fast.
const TITLE_CHARS: usize = 160;
const BODY_CHARS: usize = 120;
/// Room for the 10 tags of 32 characters DESIGN.md allows, and a name.
const TAGS_CHARS: usize = 400;
const AUTHOR_CHARS: usize = 100;

/// What a one-letter word scores where it is found (a matched character
/// scores about this much in nucleo).
const ONE_LETTER_SCORE: u32 = 16;

/// Weights (halves) of a word found in the title, tags, author, body.
const FIELD_WEIGHTS: [u32; 4] = [4, 3, 2, 2];

/// Below this many candidates one thread is faster than starting more.
const PARALLEL_FROM: usize = 20_000;

pub struct SearchIndex {
    ids: Vec<ItemId>,
    /// Doc `i` is `text[starts[i] .. starts[i + 1]]`: its title, tags,
    /// author and body start, back to back; `ends[i]` are where the first
    /// three end (bytes from the doc's start).
    starts: Vec<u32>,
    ends: Vec<[u16; 3]>,
    /// Which of a–z and 0–9 occur in each doc: a word needing a letter the
    /// doc lacks cannot match, and that costs one AND to find out.
    masks: Vec<u64>,
    /// The same for the title alone, to weigh one-letter words.
    title_masks: Vec<u64>,
    text: String,
    /// The last query and the docs it matched, for narrowing as one types.
    last: Mutex<Option<(String, Vec<u32>)>>,
}

/// One word of a query, ready for the matcher.
struct Needle {
    text: Utf32String,
    /// Fold accents (`cafe` finds `café`) unless the word has its own.
    normalize: bool,
    mask: u64,
}

impl Needle {
    /// Letters spread thinly over a long text are a match only on paper:
    /// a word must score at least three quarters of what each of its
    /// letters scores found whole (a typo or two still pass). This keeps
    /// hits meaningful, and typing narrows much faster with it.
    fn min_score(&self) -> u32 {
        (self.text.len() as u32) * ONE_LETTER_SCORE * 3 / 4
    }

    /// The word's score in one field, if it is a real match there. The
    /// greedy matcher is several times faster than the optimal one on long
    /// fields; within one field its first-letter choice rarely matters
    /// (benches/search.rs has the numbers).
    fn score(&self, matcher: &mut Matcher, haystack: Utf32Str<'_>) -> Option<u32> {
        matcher.config.normalize = self.normalize;
        let score = u32::from(matcher.fuzzy_match_greedy(haystack, self.text.slice(..))?);
        (score >= self.min_score()).then_some(score)
    }
}

/// The words of a query. Words are plain fuzzy words with no special
/// syntax, so a longer query always matches a subset of what a shorter one
/// matched.
fn needles(query: &str) -> Vec<Needle> {
    query
        .split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            Needle {
                normalize: lower.is_ascii(),
                mask: mask(&lower),
                text: Utf32String::from(lower.as_str()),
            }
        })
        .collect()
}

/// Bits for the letters a–z and digits 0–9 in `text`, after case folding
/// and accent folding (so the mask of "Café" has the bit for `e`).
fn mask(text: &str) -> u64 {
    text.chars().fold(0, |m, c| {
        let c = to_lower_case(normalize(c));
        m | match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            _ => 0,
        }
    })
}

fn cut(s: &str, chars: usize) -> &str {
    match s.char_indices().nth(chars) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

impl SearchIndex {
    pub fn new(docs: Vec<SearchDoc>) -> Self {
        let mut index = SearchIndex::with_capacity(docs.len());
        for doc in &docs {
            index.push(doc);
        }
        index.finish()
    }

    /// Builds the index straight from the store, one item at a time.
    pub fn load(store: &dyn Store, viewer: &str) -> Result<Self, StoreError> {
        let mut index = SearchIndex::with_capacity(0);
        store.each_search_doc(viewer, &mut |doc| index.push(&doc))?;
        Ok(index.finish())
    }

    fn finish(mut self) -> Self {
        self.starts.push(self.text.len() as u32);
        self.text.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.masks.shrink_to_fit();
        self.title_masks.shrink_to_fit();
        self
    }

    fn with_capacity(n: usize) -> Self {
        SearchIndex {
            ids: Vec::with_capacity(n),
            starts: Vec::with_capacity(n + 1),
            ends: Vec::with_capacity(n),
            masks: Vec::with_capacity(n),
            title_masks: Vec::with_capacity(n),
            text: String::new(),
            last: Mutex::new(None),
        }
    }

    fn push(&mut self, doc: &SearchDoc) {
        let start = self.text.len();
        self.ids.push(doc.id);
        self.starts.push(start as u32);
        let title = cut(doc.title.lines().next().unwrap_or(""), TITLE_CHARS);
        // Every field is cut, so a doc stays far below the u16 field offsets
        // even when a row was written by something other than leertuin.
        let tags = cut(&doc.tags, TAGS_CHARS);
        let author = cut(&doc.author, AUTHOR_CHARS);
        let mut ends = [0u16; 3];
        for (end, field) in ends.iter_mut().zip([title, tags, author]) {
            self.text.push_str(field);
            *end = (self.text.len() - start) as u16;
        }
        self.text.push_str(cut(&doc.body, BODY_CHARS));
        self.masks.push(mask(&self.text[start..]));
        self.title_masks.push(mask(title));
        self.ends.push(ends);
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Title, tags, author and body start of doc `i`.
    fn fields(&self, i: usize) -> [&str; 4] {
        let doc = &self.text[self.starts[i] as usize..self.starts[i + 1] as usize];
        let [a, b, c] = self.ends[i].map(usize::from);
        [&doc[..a], &doc[a..b], &doc[b..c], &doc[c..]]
    }

    /// The best `limit` hits, best first. An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let needles = needles(query);
        if needles.is_empty() {
            return Vec::new();
        }
        let mut last = self.lock_last();
        let narrowed = last.take().filter(|(q, _)| {
            !q.trim().is_empty() && query.starts_with(q.as_str()) && !q.ends_with('\\')
        });
        let scored = match &narrowed {
            Some((_, previous)) => self.score_all(&needles, previous),
            None => {
                let all: Vec<u32> = (0..self.ids.len() as u32).collect();
                self.score_all(&needles, &all)
            }
        };
        *last = Some((query.to_string(), scored.iter().map(|&(_, i)| i).collect()));
        drop(last);
        self.best(scored, limit)
    }

    /// Forgets the last query, so the next search scans everything (for
    /// benchmarks of a fresh query, and after the index changes).
    pub fn forget_last_query(&self) {
        *self.lock_last() = None;
    }

    fn lock_last(&self) -> std::sync::MutexGuard<'_, Option<(String, Vec<u32>)>> {
        self.last.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Scores `candidates` (ascending doc numbers) and keeps the matches,
    /// still ascending, splitting the work over the cores when it is large.
    fn score_all(&self, needles: &[Needle], candidates: &[u32]) -> Vec<(u32, u32)> {
        // Ask about the rarest word first (fewest docs have all its
        // letters): most docs are then rejected after one matcher call.
        let mut needles: Vec<&Needle> = needles.iter().collect();
        needles.sort_by_cached_key(|n| {
            candidates
                .iter()
                .filter(|&&i| self.masks[i as usize] & n.mask == n.mask)
                .count()
        });
        let needles = &needles[..];
        let threads = thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        if threads == 1 || candidates.len() < PARALLEL_FROM {
            return self.score_chunk(needles, candidates);
        }
        let chunk = candidates.len().div_ceil(threads);
        thread::scope(|s| {
            let workers: Vec<_> = candidates
                .chunks(chunk)
                .map(|part| s.spawn(move || self.score_chunk(needles, part)))
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect()
        })
    }

    fn score_chunk(&self, needles: &[&Needle], candidates: &[u32]) -> Vec<(u32, u32)> {
        let mut config = Config::DEFAULT;
        config.ignore_case = true;
        let mut matcher = Matcher::new(config);
        let needed = needles.iter().fold(0, |m: u64, n| m | n.mask);
        // A one-letter word matches exactly when its letter is in the mask:
        // no need to ask the matcher.
        let by_mask = |n: &Needle| n.text.len() == 1 && n.mask != 0;
        let mut buf = Vec::new();
        let mut out = Vec::new();
        'docs: for &i in candidates {
            if self.masks[i as usize] & needed != needed {
                continue;
            }
            let fields = self.fields(i as usize);
            let mut total = 0u32;
            for n in needles {
                // A word must match within one field; a title match weighs
                // double and a tag match half again.
                if by_mask(n) {
                    let in_title = self.title_masks[i as usize] & n.mask == n.mask;
                    let weight = if in_title { FIELD_WEIGHTS[0] } else { 2 };
                    total += ONE_LETTER_SCORE * weight / 2;
                    continue;
                }
                let mut best = None;
                for (field, weight) in fields.iter().zip(FIELD_WEIGHTS) {
                    if let Some(score) = n.score(&mut matcher, Utf32Str::new(field, &mut buf)) {
                        best = best.max(Some(score * weight / 2));
                    }
                }
                match best {
                    Some(score) => total += score,
                    None => continue 'docs,
                }
            }
            out.push((total, i));
        }
        out
    }

    /// The `limit` best of `scored`, best first; among equals the store's
    /// order (the newest of each kind first) wins.
    fn best(&self, mut scored: Vec<(u32, u32)>, limit: usize) -> Vec<Hit> {
        let order = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if limit == 0 {
            return Vec::new();
        }
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        scored
            .into_iter()
            .map(|(score, i)| Hit {
                id: self.ids[i as usize],
                score: i64::from(score),
                title: self.fields(i as usize)[0].to_string(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    fn doc(num: i64, title: &str, tags: &str, author: &str) -> SearchDoc {
        SearchDoc {
            id: ItemId::new(Kind::Tip, num),
            title: title.into(),
            body: String::new(),
            tags: tags.into(),
            author: author.into(),
        }
    }

    fn index() -> SearchIndex {
        SearchIndex::new(vec![
            doc(1, "Restart the printer queue with lpq", "printer", "ann"),
            doc(2, "Use ctrl-r to search shell history", "shell bash", "bob"),
            doc(3, "History of the company", "life", "carla"),
        ])
    }

    fn ids(hits: &[Hit]) -> Vec<i64> {
        hits.iter().map(|h| h.id.num).collect()
    }

    #[test]
    fn typos_and_gaps_still_find_the_tip() {
        let hits = index().search("ctrlr histry", 10);
        assert_eq!(hits.first().map(|h| h.id.num), Some(2));
        assert!(hits.iter().all(|h| h.id.num != 1));
        assert_eq!(hits[0].title, "Use ctrl-r to search shell history");
    }

    #[test]
    fn every_word_must_match_somewhere() {
        // Doc 3 has both words whole; doc 2 only spells "carla" out across
        // "ctrl-r … search shell … bash", so it ranks below.
        let hits = index().search("history carla", 10);
        assert_eq!(hits[0].id.num, 3);
        assert!(hits.iter().all(|h| h.id.num != 1), "lpq has no 'history'");
        assert!(hits.len() < 2 || hits[0].score > hits[1].score, "{hits:?}");
    }

    #[test]
    fn tags_and_authors_are_searched() {
        assert_eq!(index().search("bash", 10)[0].id.num, 2);
        assert_eq!(index().search("ann", 10)[0].id.num, 1);
    }

    #[test]
    fn titles_weigh_more_than_the_rest() {
        let idx = SearchIndex::new(vec![
            doc(1, "Label every cable", "printer", "ann"),
            doc(2, "Printer jams: open flap B", "", "bob"),
        ]);
        assert_eq!(ids(&idx.search("printer", 10)), vec![2, 1]);
    }

    #[test]
    fn empty_and_hopeless_queries_find_nothing() {
        assert!(index().search("   ", 10).is_empty());
        assert!(index().search("zzzqqq", 10).is_empty());
    }

    #[test]
    fn typing_narrows_and_backspace_widens_again() {
        let idx = index();
        assert_eq!(idx.search("h", 10).len(), 3);
        assert_eq!(ids(&idx.search("hist", 10)).len(), 2);
        assert_eq!(ids(&idx.search("hist c", 10)).len(), 2);
        assert_eq!(ids(&idx.search("hist company", 10)), vec![3]);
        // A shorter query is not a narrowing: everything is scanned again.
        assert_eq!(idx.search("h", 10).len(), 3);
        assert_eq!(ids(&idx.search("lpq", 10)), vec![1]);
    }

    #[test]
    fn limit_keeps_the_best() {
        let docs = (1..=500)
            .map(|n| doc(n, &format!("tip number {n}"), "", "ann"))
            .chain([doc(999, "number", "", "ann")])
            .collect();
        let idx = SearchIndex::new(docs);
        let hits = idx.search("number", 5);
        assert_eq!(hits.len(), 5);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        assert_eq!(idx.search("number", 0).len(), 0);
    }

    #[test]
    fn letters_scattered_over_a_long_text_do_not_match() {
        let thin =
            "kxxxxxxxxxxxxuxxxxxxxxxxxxbxxxxxxxxxxxxexxxxxxxxxxxxcxxxxxxxxxxxxtxxxxxxxxxxxxl";
        let idx = SearchIndex::new(vec![
            doc(1, thin, "", "ann"),
            doc(2, "kubectl get pods", "", "bob"),
        ]);
        assert_eq!(ids(&idx.search("kubectl", 10)), vec![2]);
        assert_eq!(
            ids(&idx.search("kubctl", 10)),
            vec![2],
            "one typo still finds it"
        );
    }

    #[test]
    fn accents_fold_unless_the_query_has_its_own() {
        let idx = SearchIndex::new(vec![
            doc(1, "Koffie in het café", "", "ann"),
            doc(2, "Cafe opening hours", "", "bob"),
        ]);
        assert_eq!(idx.search("cafe", 10).len(), 2);
        assert_eq!(ids(&idx.search("café", 10)), vec![1]);
        assert_eq!(ids(&idx.search("KOFFIE", 10)), vec![1]);
    }

    #[test]
    fn oversized_fields_from_outside_cannot_break_the_index() {
        // 66 KB of tags would overflow the u16 field offsets uncut.
        let mut d = doc(1, "printer jam", &"ab ".repeat(22_000), &"é".repeat(500));
        d.body = "x".repeat(100_000);
        let idx = SearchIndex::new(vec![d, doc(2, "label", "ab", "ann")]);
        assert_eq!(idx.search("printer", 5)[0].id.num, 1);
        assert_eq!(idx.search("ab", 5).len(), 2);
    }

    #[test]
    fn long_titles_and_bodies_are_cut_on_char_boundaries() {
        let long = "é".repeat(1000);
        let mut d = doc(1, &long, "", "ann");
        d.body = "ü".repeat(1000);
        let idx = SearchIndex::new(vec![d]);
        assert_eq!(idx.search("éé", 1)[0].title.chars().count(), TITLE_CHARS);
    }
}
