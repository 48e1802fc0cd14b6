//! Fuzzy search over every kind of item, independent of the UI.
//!
//! A query is split into words; every word must be found in an item
//! (title, text, tags or author), its letters in order within one word of
//! the item, so "ctrlr histry" finds "Use ctrl-r to search shell history";
//! letters standing apart count only when no item holds the words whole.
//! How each word was found ranks the hits (`score.rs`).
//!
//! Built for one keystroke ≤ 8 ms at 100k items and ≤ 30 ms at 1M (see
//! benches/search.rs):
//! - an inverted index (`words.rs`): a query word is compared with the
//!   distinct words of the items, and only the items holding the words it
//!   matches are looked at, so a key costs what the words find, not what
//!   the team holds;
//! - that lookup already tells how each word was found: the text is read
//!   only for the few best hits, to rank adjacent words (`score::top`);
//! - the index is a few large arrays (`docs.rs`): titles and bodies in one
//!   arena string, tags and names stored once;
//! - one-letter words are answered by letter masks per item.

mod bodies;
mod docs;
pub mod excerpt;
pub mod filters;
mod find;
mod letters;
mod place;
pub(crate) mod prefilter;
mod reading;
mod score;
mod spaces;
pub mod stored;
mod strings;
pub mod synonyms;
mod typos;
mod words;

use docs::Docs;
use score::needles;
pub use synonyms::Synonyms;

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::domain::{ItemId, Kind};
use crate::store::{SearchDoc, SearchMarks, Store, StoreError};

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: ItemId,
    pub score: i64,
    /// The item's title, for showing the hit without another query.
    pub title: String,
    /// Byte ranges of `title` where the query's words stand, to highlight.
    pub marks: Vec<std::ops::Range<usize>>,
    /// What a row shows: the title, or where the words stand in the text
    /// when the title lacks one (`excerpt.rs`), and the words' places in it.
    pub excerpt: String,
    pub excerpt_marks: Vec<std::ops::Range<usize>>,
    /// Where imported know-how came from: its row shows that ("tldr")
    /// instead of its kind, as the lists do.
    pub source: Option<crate::domain::reference::Source>,
}

pub struct SearchIndex {
    docs: Docs,
    /// The highest item number of each kind read so far.
    marks: SearchMarks,
    /// A fingerprint of the lessons as read: lessons are the one kind an
    /// import changes in place, so a refresh compares them whole.
    lessons: u64,
    /// The team's words that mean the same (config.toml).
    synonyms: Synonyms,
    /// Leave imported know-how out (`search --no-knowhow`).
    own_only: bool,
}

/// What was written since an index was built: read off the UI thread, then
/// applied to the index in a moment.
pub struct Changes {
    docs: Vec<SearchDoc>,
    lessons: Vec<SearchDoc>,
}

impl Changes {
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// Feeds one lesson to a fingerprint of all lessons.
fn fingerprint(hasher: &mut DefaultHasher, doc: &SearchDoc) {
    (doc.id.num, &doc.title, &doc.body, &doc.tags).hash(hasher);
}

impl SearchIndex {
    pub fn new(docs: Vec<SearchDoc>) -> Self {
        let mut index = SearchIndex::with_capacity(docs.len());
        let (lessons, docs): (Vec<_>, Vec<_>) =
            docs.into_iter().partition(|d| d.id.kind == Kind::Lesson);
        index.apply(Changes { docs, lessons });
        index.docs.shrink_to_fit();
        index
    }

    /// Builds the index straight from the store, one item at a time. On
    /// this thread, not [`SearchIndex::read_by`]'s second one: at 100k
    /// items that raised the pane's peak memory from 34–39 to 42–43 MB
    /// (a second allocator arena), and at a million the pane has 10 %
    /// to spare.
    pub fn load(store: &dyn Store, viewer: &str) -> Result<Self, StoreError> {
        let (index, read) =
            SearchIndex::read_here(|each| store.each_search_doc(viewer, &[0; 4], each));
        read?;
        Ok(index)
    }

    fn with_capacity(n: usize) -> Self {
        SearchIndex {
            docs: Docs::with_capacity(n),
            marks: [0; 4],
            lessons: DefaultHasher::new().finish(),
            synonyms: Synonyms::default(),
            own_only: false,
        }
    }

    /// The team's synonyms, each found by the others.
    pub fn with_synonyms(mut self, synonyms: Synonyms) -> Self {
        self.synonyms = synonyms;
        self
    }

    /// Finds colleagues' own posts only, no imported know-how.
    pub fn without_knowhow(mut self) -> Self {
        self.set_own_only(true);
        self
    }

    /// Colleagues' own posts only (`true`), or imported know-how too: the
    /// pane's switch, on an index already read.
    pub fn set_own_only(&mut self, own_only: bool) {
        self.own_only = own_only;
    }

    /// The synonyms in use (a rebuilt index is given the same).
    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    fn push(&mut self, doc: &SearchDoc) {
        if self.docs.push(doc) {
            let kind = Kind::ALL
                .iter()
                .position(|&k| k == doc.id.kind)
                .unwrap_or(0);
            self.marks[kind] = self.marks[kind].max(doc.id.num);
        }
    }

    /// Reads what was written since the index was built (every lesson, to
    /// compare). Meant for a background thread with its own connection.
    pub fn read_changes(
        store: &dyn Store,
        viewer: &str,
        marks: &SearchMarks,
    ) -> Result<Changes, StoreError> {
        let mut after = *marks;
        after[0] = 0;
        let mut changes = Changes {
            docs: Vec::new(),
            lessons: Vec::new(),
        };
        store.each_search_doc(viewer, &after, &mut |doc| match doc.id.kind {
            Kind::Lesson => changes.lessons.push(doc),
            _ => changes.docs.push(doc),
        })?;
        Ok(changes)
    }

    /// What the index has read up to, for `read_changes`.
    pub fn marks(&self) -> SearchMarks {
        self.marks
    }

    /// Adds what `read_changes` found; lessons are replaced only when they
    /// differ, so a refresh leaves no unused copies behind. False when
    /// nothing changed (the last query's narrowing then stays good).
    pub fn apply(&mut self, changes: Changes) -> bool {
        let mut hasher = DefaultHasher::new();
        for lesson in &changes.lessons {
            fingerprint(&mut hasher, lesson);
        }
        let lessons = hasher.finish();
        if changes.docs.is_empty() && lessons == self.lessons {
            return false;
        }
        if lessons != self.lessons {
            for i in 0..self.docs.len() {
                if self.docs.id(i).kind == Kind::Lesson {
                    self.docs.remove(i);
                }
            }
            changes.lessons.iter().for_each(|doc| self.push(doc));
            self.lessons = lessons;
        }
        changes.docs.iter().for_each(|doc| self.push(doc));
        true
    }

    /// True when `word` (folded) is a word of the titles and tags, or the
    /// start of one: then the search takes it as meant and guesses no
    /// slips for it.
    pub fn holds_word(&self, word: &str) -> bool {
        self.docs.vocabulary.has_prefix(word)
    }

    /// True when this index was built of exactly `docs`, in their order
    /// (and nothing has been applied since): an index of them would be
    /// this one.
    pub fn holds_exactly(&self, docs: &[SearchDoc]) -> bool {
        self.docs.len() == docs.len()
            && docs
                .iter()
                .enumerate()
                .all(|(i, d)| self.docs.id(i) == d.id)
    }

    /// Items that can be found (replaced ones no longer count).
    pub fn len(&self) -> usize {
        (0..self.docs.len())
            .filter(|&i| self.docs.is_live(i))
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Memory held by the index, in bytes (for the benchmarks).
    pub fn heap_bytes(&self) -> usize {
        self.heap_parts().iter().map(|(_, bytes)| bytes).sum()
    }

    /// Memory held by each part of the index, in bytes.
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        self.docs.heap_parts()
    }

    /// The best `limit` hits, best first. An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_counted(query, limit).0
    }

    /// The best `limit` hits, and how many items match in all.
    pub fn search_counted(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        let (words, filters) = filters::split(query);
        let needles = needles(&words, &self.docs.vocabulary, &self.synonyms);
        if needles.is_empty() && filters.is_empty() {
            return (Vec::new(), 0);
        }
        let mut matches = find::matches(&self.docs, &needles);
        let mut hits = std::mem::take(&mut matches.docs);
        if !filters.is_empty() {
            hits = self.admitted(&filters, hits);
        }
        if self.own_only {
            hits.retain(|&i| self.docs.masks[i as usize] & letters::REFERENCE == 0);
        }
        let total = hits.len();
        let top = if needles.is_empty() {
            // Filters alone: every item they keep, newest first.
            hits.iter().rev().take(limit).map(|&i| (0, i)).collect()
        } else {
            score::top(&self.docs, &needles, &matches, &hits, limit)
        };
        let words: Vec<Vec<&str>> = needles.iter().map(|n| n.forms().collect()).collect();
        (self.hits(top, &words), total)
    }

    /// Byte ranges of `text` where the query's words, or the stand-ins
    /// for their typos and forms, stand: what to highlight in a hit.
    pub fn highlights(&self, text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
        let needles = needles(
            &filters::split(query).0,
            &self.docs.vocabulary,
            &self.synonyms,
        );
        let words: Vec<&str> = needles.iter().flat_map(|n| n.forms()).collect();
        place::spans(text, &words)
    }

    /// The docs of `candidates` of the kinds and with the tags `filters`
    /// asks for.
    fn admitted(&self, filters: &filters::Filters, candidates: Vec<u32>) -> Vec<u32> {
        // Which of the (few) distinct tags each tag filter keeps.
        let tags = &self.docs.tags;
        let keeps: Vec<Vec<bool>> = filters
            .tags
            .iter()
            .map(|start| {
                (0..tags.len())
                    .map(|n| {
                        tags.get(n as u32)
                            .to_lowercase()
                            .starts_with(start.as_str())
                    })
                    .collect()
            })
            .collect();
        candidates
            .into_iter()
            .filter(|&i| {
                let i = i as usize;
                filters.admits_kind(self.docs.id(i).kind)
                    && keeps
                        .iter()
                        .all(|keep| self.docs.tag_numbers(i).iter().any(|&n| keep[n as usize]))
            })
            .collect()
    }

    /// The hits of `top` (rank, doc), in its order.
    fn hits(&self, top: Vec<(u32, u32)>, words: &[Vec<&str>]) -> Vec<Hit> {
        let all: Vec<&str> = words.iter().flatten().copied().collect();
        let mut body = String::new();
        top.into_iter()
            .map(|(score, i)| {
                let title = self.docs.title(i as usize);
                self.docs.bodies.read_into(i as usize, &mut body);
                let (excerpt, excerpt_marks) = excerpt::of(title, &body, words);
                Hit {
                    id: self.docs.id(i as usize),
                    score: i64::from(score),
                    marks: place::spans(title, &all),
                    title: title.to_string(),
                    excerpt,
                    excerpt_marks,
                    source: self.docs.source(i as usize),
                }
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
            votes: 0,
            reference: None,
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

    /// Imported know-how ranks below a colleague's tip that matches as
    /// well, even a newer and shorter one; it still wins on better
    /// evidence; `without_knowhow` leaves it out.
    #[test]
    fn imported_know_how_ranks_below_a_colleagues_tip_at_equal_match() {
        let imported = |num, title: &str| SearchDoc {
            reference: Some(crate::domain::reference::Source::Tldr),
            ..doc(num, title, "", "tldr-pages")
        };
        let idx = SearchIndex::new(vec![
            doc(1, "Extract a tar archive here", "", "ann"),
            imported(2, "Extract a tar archive"),
            imported(3, "tar: extract archive"),
        ]);
        assert_eq!(ids(&idx.search("extract a tar archive", 10)), vec![1, 2, 3]);
        assert_eq!(ids(&idx.search("tar: extract", 10))[0], 3, "better words");
        let own = SearchIndex::new(vec![
            doc(1, "Extract a tar archive here", "", "ann"),
            imported(2, "Extract a tar archive"),
        ])
        .without_knowhow();
        assert_eq!(ids(&own.search("extract tar", 10)), vec![1]);
    }

    #[test]
    fn the_exact_match_beats_a_longer_one_with_the_same_words() {
        let idx = SearchIndex::new(vec![
            doc(1, "Tool to update packages from a mirror list", "", "ann"),
            doc(2, "Update packages", "", "ann"),
            doc(3, "Update packages of the system in one go", "", "ann"),
        ]);
        assert_eq!(ids(&idx.search("update packages", 10))[0], 2);
    }

    #[test]
    fn a_word_start_beats_the_same_letters_mid_word() {
        // The first "pnm" met is inside a word; the whole one comes later.
        let idx = SearchIndex::new(vec![
            doc(1, "lspnm image tool", "", "ann"),
            doc(2, "fitstopnm: read a pnm image", "", "ann"),
        ]);
        assert_eq!(ids(&idx.search("pnm image", 10)), vec![2, 1]);
        let idx = SearchIndex::new(vec![
            doc(1, "brunch for the kernel team", "", "ann"),
            doc(2, "run tests in the kernel", "", "ann"),
        ]);
        assert_eq!(ids(&idx.search("run", 10)), vec![2, 1]);
    }

    #[test]
    fn words_adjacent_and_in_order_beat_words_apart() {
        let idx = SearchIndex::new(vec![
            doc(1, "packages: update them", "", "ann"),
            doc(2, "update all packages", "", "ann"),
            doc(3, "update packages now", "", "ann"),
        ]);
        assert_eq!(ids(&idx.search("update packages", 10)), vec![3, 2, 1]);
    }

    #[test]
    fn swapped_doubled_and_wrong_letters_still_find_the_word() {
        let idx = SearchIndex::new(vec![
            doc(1, "Print superblock information", "", "ann"),
            doc(2, "Restart the printer queue", "", "bob"),
        ]);
        for query in [
            "superblock infornation",
            "superblock informmation",
            "pritner",
            "prinyer queue",
        ] {
            let expected = if query.contains("queue") || query == "pritner" {
                2
            } else {
                1
            };
            assert_eq!(ids(&idx.search(query, 10)), vec![expected], "{query}");
        }
    }

    #[test]
    fn other_word_forms_find_the_item_in_english_and_dutch() {
        let idx = SearchIndex::new(vec![
            doc(1, "Restart the printer queue", "", "ann"),
            doc(2, "Een bestand openen met de pijltjestoetsen", "", "bob"),
        ]);
        assert_eq!(ids(&idx.search("restarting printers", 10)), vec![1]);
        assert_eq!(ids(&idx.search("bestanden openen", 10)), vec![2]);
    }

    #[test]
    fn a_word_form_is_found_where_the_index_holds_the_word_itself_too() {
        let idx = SearchIndex::new(vec![
            doc(1, "Een bestand openen", "", "ann"),
            doc(2, "Twee bestanden kopiëren", "", "bob"),
        ]);
        assert_eq!(ids(&idx.search("bestanden", 10)), vec![2, 1]);
    }

    #[test]
    fn letters_spread_inside_a_word_count_only_when_nothing_holds_the_word() {
        let idx = SearchIndex::new(vec![
            doc(1, "Replace the toner cartridge", "", "ann"),
            doc(2, "A stronger password policy", "", "bob"),
        ]);
        assert_eq!(ids(&idx.search("toner", 10)), vec![1]);
        assert_eq!(ids(&idx.search("strngr", 10)), vec![2], "the last resort");
    }

    #[test]
    fn a_typo_match_ranks_below_an_exact_one() {
        let idx = SearchIndex::new(vec![
            doc(1, "Restart the printer queue", "", "ann"),
            doc(2, "Printer queue: restart it", "", "bob"),
        ]);
        let exact = idx.search("restart printer", 10);
        let typo = idx.search("restart pritner", 10);
        assert_eq!(ids(&exact), ids(&typo));
        assert!(typo[0].score < exact[0].score, "{typo:?} {exact:?}");
        // A word the index has is taken as meant: no stand-ins for it.
        let idx = SearchIndex::new(vec![
            doc(1, "Printer settings", "", "ann"),
            doc(2, "Pritner settings", "", "ann"),
        ]);
        assert_eq!(ids(&idx.search("pritner settings", 10)), vec![2]);
    }

    #[test]
    fn typed_and_pasted_queries_find_the_same() {
        let idx = SearchIndex::new(vec![
            doc(1, "Print superblock information", "", "ann"),
            doc(2, "Restart the printer queue", "", "bob"),
            doc(3, "Information desk hours", "", "bob"),
            doc(4, "Superb lock for the bike shed", "", "bob"),
        ]);
        for query in [
            "print superblock infornation",
            "prinyer queue",
            "superb infromation",
        ] {
            let pasted = ids(&idx.search(query, 10));
            let typed = query
                .char_indices()
                .map(|(i, c)| ids(&idx.search(&query[..i + c.len_utf8()], 10)))
                .last();
            assert_eq!(typed, Some(pasted), "{query}");
        }
    }

    #[test]
    fn votes_count_after_the_text_not_before() {
        let voted = |num, title: &str, votes| SearchDoc {
            votes,
            ..doc(num, title, "", "ann")
        };
        let idx = SearchIndex::new(vec![
            voted(1, "label printer", 9),
            voted(2, "label printer", 0),
            voted(3, "label printer ribbons", 40),
            voted(4, "printer label", 99),
        ]);
        assert_eq!(ids(&idx.search("label printer", 10)), vec![1, 2, 3, 4]);
    }

    #[test]
    fn a_synonym_finds_the_other_word_both_ways_below_the_word_itself() {
        let synonyms = Synonyms::parse(&["uitpakken = extraheren".into()]).unwrap();
        let idx = SearchIndex::new(vec![
            doc(1, "Een zip-bestand extraheren", "", "ann"),
            doc(2, "Dozen uitpakken in het magazijn", "", "ann"),
        ])
        .with_synonyms(synonyms);
        assert_eq!(ids(&idx.search("uitpakken", 10)), vec![2, 1]);
        assert_eq!(ids(&idx.search("extraheren", 10)), vec![1, 2]);
        assert_eq!(ids(&idx.search("bestand uitpakken", 10)), vec![1]);
    }

    /// A word found better as typed than through a stand-in met in an
    /// earlier field is followed as typed: `rank`, reading the texts, and
    /// `top`, taking the word's points from its evidence, agree. (They did
    /// not: `rank` kept the stand-in "print" of the title as the form, and
    /// gave doc 1 the bonus of "print job" side by side.)
    #[test]
    fn the_form_of_a_word_is_where_it_stands_best() {
        let synonyms = Synonyms::parse(&["afdrukken = print".into()]).unwrap();
        let idx = SearchIndex::new(vec![
            doc(1, "print job", "afdrukken", "ann"),
            doc(2, "afdrukken, daarna de job", "", "ann"),
            doc(3, "job print", "afdrukken", "ann"),
        ])
        .with_synonyms(synonyms);
        let query = "afdrukken job";
        let needles = needles(query, &idx.docs.vocabulary, &idx.synonyms);
        let mut in_order: Vec<&score::Needle> = needles.iter().collect();
        in_order.sort_by_key(|n| n.order);
        let mut text = score::Folded::default();
        let mut slow: Vec<(u32, u32)> = (0..3)
            .map(|i| (score::rank(&mut text, &in_order, &idx.docs, i), i as u32))
            .collect();
        slow.sort_unstable_by(|a, b| b.cmp(a));
        let slow: Vec<i64> = slow.iter().map(|&(_, i)| i64::from(i) + 1).collect();
        assert_eq!(slow, vec![2, 3, 1]);
        assert_eq!(ids(&idx.search(query, 10)), slow);
    }

    #[test]
    fn ties_go_to_the_newest() {
        let idx = SearchIndex::new(vec![
            doc(1, "label printer", "", "ann"),
            doc(2, "label printer", "", "ann"),
        ]);
        assert_eq!(ids(&idx.search("label printer", 10)), vec![2, 1]);
    }

    #[test]
    fn the_whole_tip_is_searched_not_just_its_first_line() {
        let long = format!("{} and then the zebra crossing", "word ".repeat(30));
        let idx = SearchIndex::new(vec![
            doc(
                1,
                "Printer jams\nOpen flap B, then pull the sheet out",
                "",
                "ann",
            ),
            doc(2, &long, "", "ann"),
        ]);
        assert_eq!(ids(&idx.search("flap sheet", 10)), vec![1]);
        assert_eq!(idx.search("flap", 10)[0].title, "Printer jams");
        assert_eq!(ids(&idx.search("zebra crossing", 10)), vec![2]);
    }

    #[test]
    fn a_long_body_is_searched_to_its_end() {
        let mut d = doc(1, "Printer jams", "", "ann");
        d.body = format!("{} then the zebra crossing", "word ".repeat(300));
        let idx = SearchIndex::new(vec![d, doc(2, "label", "", "ann")]);
        assert_eq!(ids(&idx.search("zebra crossing", 10)), vec![1]);
    }

    fn kinds(hits: &[Hit]) -> Vec<Kind> {
        hits.iter().map(|h| h.id.kind).collect()
    }

    #[test]
    fn kind_and_tag_filters_keep_what_they_name() {
        let q = |num, title: &str, tags: &str| SearchDoc {
            id: ItemId::new(Kind::Question, num),
            ..doc(0, title, tags, "ann")
        };
        let idx = SearchIndex::new(vec![
            doc(1, "SQL joins in one picture", "sql", "ann"),
            q(1, "How do SQL joins work?", "sql-basics"),
            q(2, "How do tmux panes work?", "tmux"),
            doc(2, "Join two tmux panes", "tmux", "bob"),
        ]);
        let found = idx.search("t:question #sql joins", 10);
        assert_eq!(
            found.iter().map(|h| h.id).collect::<Vec<_>>(),
            vec![ItemId::new(Kind::Question, 1)]
        );
        assert_eq!(
            kinds(&idx.search("t:q", 10)),
            vec![Kind::Question; 2],
            "alone"
        );
        assert_eq!(ids(&idx.search("#tmux", 10)).len(), 2);
        assert_eq!(ids(&idx.search("t:tip join", 10)), vec![2, 1]);
        assert!(idx.search("t:learned join", 10).is_empty());
        // Typed key by key, "t" is a word first: the filter still finds all.
        let typed = (1..=4).map(|end| idx.search(&"t:ti"[..end], 10)).last();
        assert_eq!(typed.map(|h| kinds(&h)), Some(vec![Kind::Tip; 2]));
    }

    #[test]
    fn far_into_a_long_body_a_word_counts_only_whole() {
        let mut scattered = doc(1, "Elke dag vijf minuten leren", "", "ann");
        scattered.body = format!(
            "{} zoals wie eerst nadenkt goed en eerlijk leert",
            "tekst ".repeat(80)
        );
        let mut whole = doc(2, "Storing", "", "ann");
        whole.body = format!("{} de zwengel zit los", "tekst ".repeat(80));
        let idx = SearchIndex::new(vec![scattered, whole]);
        assert_eq!(ids(&idx.search("zwengel", 10)), vec![2]);
    }

    #[test]
    fn a_hit_found_by_its_body_shows_where() {
        let mut d = doc(1, "Printer jams", "", "ann");
        d.body = "Open the side door, lift the green lever, then pull the sheet out".into();
        let idx = SearchIndex::new(vec![d]);
        let hit = &idx.search("printer lever", 1)[0];
        assert_eq!(hit.title, "Printer jams");
        assert!(
            hit.excerpt.starts_with("…the green lever"),
            "{}",
            hit.excerpt
        );
        let marked: Vec<&str> = hit
            .excerpt_marks
            .iter()
            .map(|r| &hit.excerpt[r.clone()])
            .collect();
        assert_eq!(marked, vec!["lever"]);
    }

    #[test]
    fn hits_say_where_their_title_matched() {
        let idx = SearchIndex::new(vec![doc(1, "Koffie in het Café", "", "ann")]);
        let hit = &idx.search("cafe koffie", 1)[0];
        let marked: Vec<&str> = hit.marks.iter().map(|r| &hit.title[r.clone()]).collect();
        assert_eq!(marked, vec!["Koffie", "Café"]);
        let hit = &idx.search("koffie cafee", 1)[0];
        assert_eq!(
            &hit.title[hit.marks[1].clone()],
            "Café",
            "the stand-in is marked"
        );
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
    fn the_total_counts_every_match_not_just_those_shown() {
        let docs = (1..=30)
            .map(|n| doc(n, &format!("tip number {n}"), "", "ann"))
            .collect();
        let (hits, total) = SearchIndex::new(docs).search_counted("number", 5);
        assert_eq!((hits.len(), total), (5, 30));
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
    fn accents_fold_both_ways() {
        let idx = SearchIndex::new(vec![
            doc(1, "Koffie in het café", "", "ann"),
            doc(2, "Cafe opening hours", "", "bob"),
        ]);
        assert_eq!(idx.search("cafe", 10).len(), 2);
        assert_eq!(idx.search("café", 10).len(), 2);
        assert_eq!(ids(&idx.search("CAFÉ OPENING", 10)), vec![2]);
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
    fn a_word_matches_within_one_tag_not_across_two() {
        let idx = SearchIndex::new(vec![
            doc(1, "one", "kube sql", "ann"),
            doc(2, "two", "kubesql", "ann"),
        ]);
        assert_eq!(ids(&idx.search("kubesql", 10)), vec![2]);
        assert_eq!(ids(&idx.search("sql", 10)).len(), 2);
    }

    #[test]
    fn a_refresh_with_nothing_new_changes_nothing() {
        use crate::store::SqliteStore;
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        let mut idx = SearchIndex::load(&store, "ann").unwrap();
        let stored = idx.docs.len();
        assert!(stored > 0, "the bundled lessons are there");
        let changes = SearchIndex::read_changes(&store, "ann", &idx.marks()).unwrap();
        assert!(changes.is_empty());
        assert!(!idx.apply(changes), "nothing changed");
        // The lessons read again are the same: not stored a second time.
        assert_eq!(idx.docs.len(), stored);
    }

    #[test]
    fn new_docs_are_found_and_changed_lessons_replaced() {
        let lesson = |num, title: &str| SearchDoc {
            id: ItemId::new(Kind::Lesson, num),
            ..doc(0, title, "", "")
        };
        let mut idx = SearchIndex::new(vec![lesson(1, "Printer basics"), doc(3, "x", "", "")]);
        assert_eq!(idx.marks(), [1, 0, 3, 0]);
        let new_tip = doc(4, "Forklift checks before a shift", "safety", "dina");
        idx.apply(Changes {
            docs: vec![new_tip],
            lessons: vec![lesson(1, "Printer basics")],
        });
        assert_eq!(ids(&idx.search("forklift", 5)), vec![4]);
        assert_eq!(
            (idx.marks()[2], idx.docs.len()),
            (4, 3),
            "same lessons: kept"
        );
        idx.apply(Changes {
            docs: vec![],
            lessons: vec![lesson(1, "Label basics")],
        });
        assert!(idx.search("printer basics", 5).is_empty());
        assert_eq!(
            idx.search("label basics", 5)[0].id,
            ItemId::new(Kind::Lesson, 1)
        );
        assert_eq!(idx.len(), 3);
    }

    #[test]
    fn greek_final_sigma_is_found_typed_or_pasted() {
        let idx = SearchIndex::new(vec![
            doc(1, "ο δρόμος οδος", "", "ann"),
            doc(2, "ΟΔΟΣ ΟΣΟ", "", "bob"),
        ]);
        assert_eq!(ids(&idx.search("οδος", 5)).len(), 2);
        assert_eq!(ids(&idx.search("ΟΔΟΣ", 5)).len(), 2);
        let pasted = ids(&idx.search("ΟΣΟ", 5));
        assert_eq!(pasted.first(), Some(&2), "the whole word first");
        idx.search("ΟΣ", 5);
        assert_eq!(ids(&idx.search("ΟΣΟ", 5)), pasted, "typed");
    }

    #[test]
    fn a_word_written_out_later_is_found_past_an_early_spread_one() {
        // Greedy alone spells "res" out of "seRvEr, a reStart" and misses.
        let idx = SearchIndex::new(vec![doc(
            1,
            "A quick way to do kubectl work: the time zone of the server, a restart",
            "",
            "ann",
        )]);
        assert_eq!(ids(&idx.search("kubectl res", 5)), vec![1]);
    }

    #[test]
    fn letters_spread_over_several_words_are_no_match() {
        // From the demo corpus: "kubectl" can be spelled over word starts
        // (Know, backUp, Before, thE Change. The Log); nobody means that.
        let title = "Ask the night shift about hydraulics, they know a restart of the service, \
                     the backup before the change. the log file in";
        let idx = SearchIndex::new(vec![
            doc(1, title, "hydraulics", "gijs"),
            doc(2, "kubectl get pods", "", "bob"),
        ]);
        assert_eq!(ids(&idx.search("kubectl", 5)), vec![2]);
        let typed = (1..=7)
            .map(|end| ids(&idx.search(&"kubectl"[..end], 5)))
            .last();
        assert_eq!(typed, Some(vec![2]));
        assert_eq!(ids(&idx.search("kbctl", 5)), vec![2], "apart in one word");
    }

    /// The word index, the letter masks and the bounded ranking only skip
    /// work: the hits and their order must be exactly those of reading
    /// every field of every doc and ranking every hit.
    #[test]
    fn shortcuts_never_change_the_hits() {
        let words = [
            "kubectl",
            "café",
            "ctrl-r",
            "Straße",
            "printer",
            "2024",
            "vi",
            "zug",
            "print",
            "printers,",
            "restart",
            "Restart:",
        ];
        let docs: Vec<SearchDoc> = (0..400)
            .map(|n| {
                let w = |k: usize| words[(n * 7 + k * 3 + n / 13) % words.len()];
                let mut d = doc(n as i64, &format!("{} {}", w(0), w(1)), w(2), w(3));
                d.body = format!("{} and {}", w(4), w(5));
                d.votes = (n % 3) as u32;
                d
            })
            .collect();
        let idx = SearchIndex::new(docs.clone());
        let fold = |s: &str| -> String { s.chars().map(typos::fold).collect() };
        for query in [
            "kub",
            "cafe",
            "straße",
            "2",
            "ctlr",
            "vi zug",
            "printer café",
            "print restart",
            "p restart",
            "rstart",
            "printr",
        ] {
            let needles = needles(query, &idx.docs.vocabulary, &idx.synonyms);
            // Letters apart within a word count only when no doc holds
            // every word together.
            let held = |d: &SearchDoc, n: &score::Needle, apart: bool| {
                let text = format!("{} {} {} {}", d.title, d.body, d.tags, d.author);
                fold(&text).split_whitespace().any(|w| {
                    let mut rest = w.chars();
                    w.contains(&n.word)
                        || (apart
                            && n.word.chars().all(|c| rest.any(|x| x == c))
                            && w.chars().count() <= 32)
                        || n.alts.iter().any(|alt| place::starts(w, alt))
                })
            };
            let holding = |apart: bool| -> Vec<i64> {
                docs.iter()
                    .filter(|d| needles.iter().all(|n| held(d, n, apart)))
                    .map(|d| d.id.num)
                    .collect()
            };
            let mut expected = holding(false);
            if expected.is_empty() {
                expected = holding(true);
            }
            let mut got = ids(&idx.search(query, usize::MAX));
            // Ranked with every hit's text read: the same order.
            let all: Vec<u32> = (0..docs.len() as u32)
                .filter(|&i| expected.contains(&(i as i64)))
                .collect();
            let matches = find::matches(&idx.docs, &needles);
            let mut slow = Vec::new();
            let mut text = score::Folded::default();
            let mut in_order: Vec<&score::Needle> = needles.iter().collect();
            in_order.sort_by_key(|n| n.order);
            for &i in &all {
                slow.push((score::rank(&mut text, &in_order, &idx.docs, i as usize), i));
            }
            slow.sort_unstable_by(|a, b| b.cmp(a));
            let slow: Vec<i64> = slow.iter().map(|&(_, i)| i as i64).collect();
            if needles.len() > 1 || !needles[0].one_letter() {
                assert_eq!(got, slow, "order of {query:?}");
            }
            assert_eq!(matches.docs.len(), expected.len(), "{query:?}");
            got.sort_unstable();
            expected.sort_unstable();
            assert_eq!(got, expected, "query {query:?}");
        }
    }

    /// `stored::search` asks twice (the words as typed, then with their
    /// other forms); where both name the same items it keeps the first
    /// index instead of building the same one again.
    #[test]
    fn an_index_knows_the_items_it_was_built_of() {
        let docs = vec![
            doc(1, "Restart the printer", "", "ann"),
            doc(2, "de coördinator van de nachtdienst", "", "bob"),
        ];
        let idx = SearchIndex::new(docs.clone());
        assert!(idx.holds_exactly(&docs));
        assert!(!idx.holds_exactly(&docs[..1]));
        let swapped: Vec<SearchDoc> = docs.iter().rev().cloned().collect();
        assert!(!idx.holds_exactly(&swapped));
        let mut other = docs.clone();
        other[1].id = ItemId::new(Kind::Question, 2);
        assert!(!idx.holds_exactly(&other));
    }

    /// Where more hits hold the words equally well than `top` reads
    /// (`MOST_TEXTS_READ`), it reads those it would rank first without
    /// their text (here the shorter), and finds the words side by side
    /// among them; all hits are still counted.
    #[test]
    fn past_the_texts_read_the_first_read_decide() {
        let filler = |n: i64| {
            let mut d = doc(
                n,
                "coördinator van de nachtdienst, zie het rooster",
                "",
                "ann",
            );
            d.body = "de coördinator belt de nachtdienst".into();
            d
        };
        let many = score::MOST_TEXTS_READ as i64 + 100;
        let mut docs: Vec<SearchDoc> = (0..many).map(filler).collect();
        // Side by side, and short: among the first read.
        docs.push(doc(many, "coördinator nachtdienst", "", "ann"));
        let idx = SearchIndex::new(docs.clone());
        let (hits, total) = idx.search_counted("coördinator nachtdienst", 5);
        assert_eq!(total, many as usize + 1);
        assert_eq!(hits[0].id.num, many);
        // Side by side only in a title longer than every other: the last
        // a bound would read, so past the texts read it ranks with them.
        docs.pop();
        let long = "coördinator nachtdienst: wie belt wie, wanneer, en met welk nummer";
        docs.push(doc(many, long, "", "ann"));
        let idx = SearchIndex::new(docs);
        let (hits, total) = idx.search_counted("coördinator nachtdienst", 5);
        assert_eq!(total, many as usize + 1);
        assert_eq!(hits.len(), 5);
        assert!(hits.iter().all(|h| h.id.num != many), "{hits:?}");
        // Asked for all of them, every text is read: it comes first.
        assert_eq!(
            idx.search("coördinator nachtdienst", usize::MAX)[0].id.num,
            many
        );
    }

    /// A short list stops reading texts once no hit's bound can beat it;
    /// it must still be the top of the full ranking. One-letter words,
    /// whose place is known only from the text, are bounded by whether
    /// the doc holds that letter alone ("r" in "r/w"): both kinds here.
    #[test]
    fn a_short_list_is_the_top_of_the_full_ranking() {
        let words = [
            "kubectl", "restart", "r/w", "rollout", "a", "printer", "(x)", "Ré", "queue", "run",
            "x-ray", "roll",
        ];
        let docs: Vec<SearchDoc> = (0..500)
            .map(|n| {
                let w = |k: usize| words[(n * 7 + k * 5 + n / 11) % words.len()];
                let mut d = doc(
                    n as i64,
                    &format!("{} {} {}", w(0), w(1), w(2)),
                    w(3),
                    "ann",
                );
                d.body = format!("{} {}", w(4), w(5));
                d.votes = (n % 4) as u32;
                d
            })
            .collect();
        // The one doc with "r" whole has the longest title: ranked by its
        // bound alone it would come last, after the list is full.
        let mut docs = docs;
        for n in 500..530 {
            docs.push(doc(n, "kubectl restart", "", "ann"));
        }
        docs.push(doc(
            530,
            "kubectl r/w volumes for every pod of the night shift",
            "",
            "ann",
        ));
        let idx = SearchIndex::new(docs);
        assert_eq!(idx.search("kubectl r", 3)[0].id.num, 530);
        for query in [
            "kubectl r",
            "r",
            "x",
            "a printer",
            "kubectl r q",
            "re r",
            "e",
        ] {
            let needles = needles(query, &idx.docs.vocabulary, &idx.synonyms);
            let matches = find::matches(&idx.docs, &needles);
            let mut in_order: Vec<&score::Needle> = needles.iter().collect();
            in_order.sort_by_key(|n| n.order);
            let mut text = score::Folded::default();
            let mut slow: Vec<(u32, u32)> = matches
                .docs
                .iter()
                .map(|&i| (score::rank(&mut text, &in_order, &idx.docs, i as usize), i))
                .collect();
            slow.sort_unstable_by(|a, b| b.cmp(a));
            assert!(slow.len() > 20, "{query:?} finds {}", slow.len());
            for limit in [1, 3, 10, 20] {
                let got: Vec<i64> = ids(&idx.search(query, limit));
                let want: Vec<i64> = slow
                    .iter()
                    .take(limit)
                    .map(|&(_, i)| i64::from(i))
                    .collect();
                if needles.iter().all(score::Needle::one_letter) {
                    // One-letter words alone are ranked without the text.
                    assert_eq!(got.len(), limit, "{query:?}");
                } else {
                    assert_eq!(got, want, "{query:?}, {limit} best");
                }
            }
        }
    }

    #[test]
    fn lone_letters_are_those_no_letter_touches() {
        assert_eq!(letters::lone("kubectl r/w mode"), letters::mask("rw"));
        assert_eq!(letters::lone("(x) x-ray"), letters::mask("x"));
        assert_eq!(letters::lone("a lot of A"), letters::mask("a"));
        assert_eq!(letters::lone("É — ré"), letters::mask("e"));
        assert_eq!(letters::lone("restart rollout 42"), 0);
        // Whatever ranking finds whole, lone says: a bound never below it.
        for text in ["é́ x", "r/w", "ŉ a_b", "Σ σ ς", "1·2", "ﬁ x", "ǅ d", "ß s"] {
            let folded: String = text.chars().map(typos::fold).collect();
            for letter in "abcdefghijklmnopqrstuvwxyz0123456789".chars() {
                let whole = place::best(&folded, &letter.to_string())
                    .is_some_and(|(points, _)| points == place::WHOLE);
                let bit = letters::mask(&letter.to_string());
                assert!(
                    !whole || letters::lone(&folded) & bit != 0,
                    "{text:?} {letter}"
                );
            }
        }
    }

    #[test]
    fn long_titles_and_bodies_are_cut_on_char_boundaries() {
        let long = "é".repeat(1000);
        let mut d = doc(1, &long, "", "ann");
        d.body = "ü".repeat(1000);
        let idx = SearchIndex::new(vec![d]);
        assert_eq!(
            idx.search("éé", 1)[0].title.chars().count(),
            docs::TITLE_CHARS
        );
    }
}
