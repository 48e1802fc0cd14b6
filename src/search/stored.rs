//! One search straight from a store, for `leertuin search`: instead of
//! reading every item, the store's persisted text index (SQLite: an FTS5
//! trigram table kept by triggers) names the items that hold the query's
//! words, and only those are read and ranked. The words as typed first;
//! when they find something, again with their stems ("bestanden" finds
//! "bestand" too); when they find nothing, their stems and what lies one
//! slip away; when that finds nothing either (letters scattered, as in
//! `kbctl`), everything is read, as a store without such an index (the
//! team server) always does.

use super::prefilter::{self, Reach};
use super::typos::fold;
use super::{Hit, SearchIndex, Synonyms};
use crate::domain::Kind;
use crate::store::{Matched, Named, SearchDoc, Store, StoreError, TextFilter};

/// The hits, and the index they were ranked in (for highlights).
pub struct Found {
    pub index: SearchIndex,
    pub hits: Vec<Hit>,
}

/// The most items one search ranks when its words are common: the
/// newest this many of those holding them. Reading and ranking them all
/// took seconds at a million items (a common Dutch pair is in one item
/// of ten); this many take a few milliseconds, and below it (nearly every
/// query of a team of thousands) the search is exact.
pub const CANDIDATES: usize = 3000;

/// `knowhow`: whether imported know-how may be found (`--no-knowhow`
/// says no).
pub fn search(
    store: &dyn Store,
    viewer: &str,
    query: &str,
    limit: usize,
    synonyms: &Synonyms,
    knowhow: bool,
) -> Result<Found, StoreError> {
    // Read once, when the store keeps no persisted index (the team server).
    let mut everything: Option<Vec<SearchDoc>> = None;
    if let Some(found) = search_in(
        store,
        viewer,
        query,
        limit,
        synonyms,
        knowhow,
        Some(&mut everything),
    )? {
        return Ok(found);
    }
    let index = match everything {
        Some(docs) => SearchIndex::new(docs),
        None => SearchIndex::load_while_reading(store, viewer)?,
    };
    let index = choose(index.with_synonyms(synonyms.clone()), knowhow);
    let hits = index.search(query, limit);
    Ok(Found { index, hits })
}

/// What the persisted index alone finds; `None` when it cannot answer
/// (no such index, no word it can look up, or nothing found): then only
/// reading everything can. The pane asks this while its own index is
/// still being read (`--search WORDS` at start).
pub fn search_indexed(
    store: &dyn Store,
    viewer: &str,
    query: &str,
    limit: usize,
    synonyms: &Synonyms,
) -> Result<Option<Found>, StoreError> {
    search_in(store, viewer, query, limit, synonyms, true, None)
}

/// `index`, or without imported know-how when that is not wanted.
fn choose(index: SearchIndex, knowhow: bool) -> SearchIndex {
    if knowhow {
        index
    } else {
        index.without_knowhow()
    }
}

/// The words as typed, then one slip away, each over the items the
/// persisted index names, or, given `everything` (a place for all items,
/// read at the first need), over all items the same filter keeps.
fn search_in(
    store: &dyn Store,
    viewer: &str,
    query: &str,
    limit: usize,
    synonyms: &Synonyms,
    knowhow: bool,
    mut everything: Option<&mut Option<Vec<SearchDoc>>>,
) -> Result<Option<Found>, StoreError> {
    let names: Vec<String> = store
        .persons()?
        .into_iter()
        .flat_map(|p| [p.handle, p.name])
        .map(|n| n.chars().map(fold).collect())
        .collect();
    let mut asked = None;
    // What the words as typed found: kept if their other forms add nothing.
    let mut as_typed: Option<Found> = None;
    // Which items the persisted index named for the words as typed.
    let mut typed_named: Option<Named> = None;
    let mut reach = Reach::AsTyped;
    // Words the items hold: no slips are asked for them.
    let mut meant: Vec<String> = Vec::new();
    while let Some(mut filter) = prefilter::filter(query, &names, reach, synonyms, &meant) {
        filter.most = Some(CANDIDATES);
        if asked.as_ref() == Some(&filter) {
            if reach == Reach::Forms {
                return Ok(as_typed);
            }
            break;
        }
        // The words' other forms may name the very items the words as
        // typed did (common words: the newest 3,000 both times): they find
        // the same, so they are neither read nor indexed again.
        let read = typed_named.as_ref().filter(|_| reach == Reach::Forms);
        let (index, named) =
            match matching(store, viewer, &filter, read, everything.as_deref_mut())? {
                Some(Read::Same) => return Ok(as_typed),
                Some(Read::Index(index, named)) => (*index, Some(named)),
                Some(Read::Docs(docs)) => {
                    if reach == Reach::Forms
                        && as_typed
                            .as_ref()
                            .is_some_and(|found| found.index.holds_exactly(&docs))
                    {
                        return Ok(as_typed);
                    }
                    (SearchIndex::new(docs), None)
                }
                None => return Ok(None),
            };
        let index = choose(index.with_synonyms(synonyms.clone()), knowhow);
        let hits = index.search(query, limit);
        asked = Some(filter);
        // The words as typed found something: ask again with their other
        // forms too, as the pane finds them. Found nothing: one slip away.
        reach = match (reach, hits.is_empty()) {
            (Reach::AsTyped, false) => {
                as_typed = Some(Found { index, hits });
                typed_named = named;
                Reach::Forms
            }
            (_, false) => return Ok(Some(Found { index, hits })),
            (Reach::AsTyped, true) => {
                for word in prefilter::slip_words(query, &names) {
                    if is_meant(store, viewer, &word, everything.as_deref_mut())? {
                        meant.push(word);
                    }
                }
                Reach::Slips
            }
            (Reach::Forms, true) => return Ok(as_typed),
            (Reach::Slips, true) => break,
        };
    }
    Ok(as_typed)
}

/// What [`matching`] read.
enum Read {
    /// The index of the items the persisted index named, built as they
    /// were read, and which they were.
    Index(Box<SearchIndex>, Named),
    /// The items, of all read and filtered here (no persisted index).
    Docs(Vec<SearchDoc>),
    /// The persisted index named the items already read: not read again.
    Same,
}

/// The items `filter` keeps, newest first and at most its `most`: named
/// by the persisted index (unless they are those `read` names), or, given
/// `everything` (a place for all items, read at the first need), the same
/// filter over all items, so both backends find the same. `None` when
/// neither can answer.
fn matching(
    store: &dyn Store,
    viewer: &str,
    filter: &TextFilter,
    read: Option<&Named>,
    everything: Option<&mut Option<Vec<SearchDoc>>>,
) -> Result<Option<Read>, StoreError> {
    let read = |each: &mut dyn FnMut(SearchDoc)| {
        store.each_search_doc_matching(viewer, filter, read, each)
    };
    // `search` (which may read everything) indexes on a second thread
    // while it reads; the pane asks on its own thread at each key while its
    // index loads, and keeps to one (see `SearchIndex::load`).
    let (index, matched) = if everything.is_some() {
        SearchIndex::read_by(read)
    } else {
        SearchIndex::read_here(read)
    };
    match matched? {
        Matched::Same => return Ok(Some(Read::Same)),
        Matched::Handed(named) => return Ok(Some(Read::Index(Box::new(index), named))),
        Matched::NoIndex => {}
    }
    let Some(all) = everything else {
        return Ok(None);
    };
    if all.is_none() {
        *all = Some(store.search_docs(viewer)?);
    }
    let all = all.as_deref().unwrap_or_default();
    let mut docs: Vec<SearchDoc> = all.iter().filter(|d| holds(d, filter)).cloned().collect();
    newest(&mut docs, filter.most.unwrap_or(usize::MAX));
    Ok(Some(Read::Docs(docs)))
}

/// How many of the newest items holding a word's letters are read to see
/// whether it is a word of their titles or tags. Where it is, hardly any
/// of them lack it; where none of these hold it, it is taken as a typo,
/// as before, whatever older items hold.
const MEANT_PROBE: usize = 100;

/// True when the items hold `word` (folded) as the ranking takes a word
/// as meant: a word of a title or tag, or the start of one. Then asking
/// its slips too only widens the search to items the ranking will not
/// find through them, and at a million items, where "restart" one slip
/// away holds "start", "rest" and "art", it doubled what the persisted
/// index had to walk (`kubetcl restart`).
fn is_meant(
    store: &dyn Store,
    viewer: &str,
    word: &str,
    everything: Option<&mut Option<Vec<SearchDoc>>>,
) -> Result<bool, StoreError> {
    let filter = prefilter::word_filter(word, MEANT_PROBE);
    Ok(match matching(store, viewer, &filter, None, everything)? {
        Some(Read::Index(index, _)) => index.holds_word(word),
        Some(Read::Docs(docs)) => SearchIndex::new(docs).holds_word(word),
        Some(Read::Same) | None => false,
    })
}

/// Keeps the newest `most` of `docs` (in their order), as the persisted
/// index does, so both backends find the same.
fn newest(docs: &mut Vec<SearchDoc>, most: usize) {
    if docs.len() <= most {
        return;
    }
    // The persisted index numbers an item by its number, then its kind.
    let key = |d: &SearchDoc| (d.id.num, Kind::ALL.iter().position(|&k| k == d.id.kind));
    let mut keys: Vec<_> = docs.iter().map(key).collect();
    keys.sort_unstable_by(|a, b| b.cmp(a));
    let oldest_kept = keys[most - 1];
    docs.retain(|d| key(d) >= oldest_kept);
}

/// True when `doc`'s text holds what `filter` asks as a trigram index
/// would: every trigram of every piece of one alternative of each group.
fn holds(doc: &SearchDoc, filter: &TextFilter) -> bool {
    let text: String = [&doc.title, &doc.body, &doc.tags]
        .into_iter()
        .flat_map(|f| f.chars().chain([' ']))
        .map(fold)
        .collect();
    let has_piece = |piece: &String| {
        TextFilter::trigrams(piece)
            .iter()
            .all(|t| text.contains(t.as_str()))
    };
    filter
        .groups
        .iter()
        .all(|alts| alts.iter().any(|alt| alt.iter().all(has_piece)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Draft, Kind, NewItem, Post};
    use crate::store::SqliteStore;

    fn ids(hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| h.id.to_string()).collect()
    }

    /// The persisted index only saves reading: for words as typed and for
    /// typos it finds what reading everything finds, in the same order,
    /// leaving out only items where a word's letters are merely scattered
    /// ("kubectl" spelled over "bacKUp BEfore the Change. The Label").
    #[test]
    fn starting_from_the_stored_index_finds_what_reading_everything_finds() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        crate::demo::fill(&store, 1500, 5).unwrap();
        let all = SearchIndex::load(&store, "anouk").unwrap();
        for query in [
            "kubectl restart",
            "herstart dienst",
            "café",
            "cafe second floor",
            "coordinator nachtdienst",
            "kubetcl",
            "restrat service",
            "printre",
            "forklift checklsit",
            "heftruck",
            "logbestand",
            "settings",
            "quality",
        ] {
            let every = ids(&all.search(query, 2000));
            let found = ids(
                &search(&store, "anouk", query, 10, &Synonyms::default(), true)
                    .unwrap()
                    .hits,
            );
            assert_eq!(found.first(), every.first(), "{query}");
            let mut rest = every.iter();
            assert!(
                found.iter().all(|id| rest.any(|e| e == id)),
                "{query}: {found:?} not in the order of {every:?}"
            );
            assert!(found.len() >= 5.min(every.len()), "{query}: {found:?}");
        }
        // Letters scattered only: the stored index finds nothing, so
        // everything is read.
        let scattered = ids(&all.search("kbctl", 10));
        assert!(!scattered.is_empty());
        assert_eq!(
            ids(
                &search(&store, "anouk", "kbctl", 10, &Synonyms::default(), true)
                    .unwrap()
                    .hits
            ),
            scattered
        );
    }

    /// Words many items hold: the store hands only the newest `most` of
    /// them, and reading everything keeps the same ones.
    #[test]
    fn a_capped_filter_keeps_the_newest_items() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        let mut added = Vec::new();
        for n in 0..5 {
            let draft = Draft {
                text: format!("Zebra crossing number {n}"),
                ..Draft::default()
            };
            added.push(
                store
                    .add(&NewItem::from_draft(Kind::Tip, "ann", &draft).unwrap())
                    .unwrap(),
            );
        }
        let mut filter =
            prefilter::filter("zebra", &[], Reach::AsTyped, &Synonyms::default(), &[]).unwrap();
        filter.most = Some(2);
        let mut found = Vec::new();
        assert!(
            store
                .each_search_doc_matching("ann", &filter, None, &mut |d| found.push(d.id))
                .unwrap()
                .ne(&Matched::NoIndex)
        );
        found.sort_by_key(|id| id.num);
        assert_eq!(found, added[3..].to_vec());
        let mut all = store.search_docs("ann").unwrap();
        all.retain(|d| holds(d, &filter));
        newest(&mut all, 2);
        let kept: Vec<_> = all.iter().map(|d| d.id).collect();
        assert_eq!(kept, added[3..].to_vec());
    }

    /// Beside a typo, a word the items hold is asked as typed, not one slip
    /// away: the slips of "gateway" ("gate", …) would fill the newest
    /// `CANDIDATES` with items that do not hold it and leave out the
    /// oldest, the one meant.
    #[test]
    fn a_word_the_items_hold_is_taken_as_meant_beside_a_typo() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        let tip = |text: String| {
            let draft = Draft {
                text,
                ..Draft::default()
            };
            NewItem::from_draft(Kind::Tip, "ann", &draft).unwrap()
        };
        let meant = store.add(&tip("Gateway library setup".into())).unwrap();
        store
            .batch(&|w| {
                for n in 0..CANDIDATES {
                    w.add(&tip(format!("Gate of the library, shelf {n}")))?;
                }
                Ok(())
            })
            .unwrap();
        store
            .add(&tip(
                "Gateway settings live in the shared library of all our tools".into(),
            ))
            .unwrap();
        let found = search(
            &store,
            "ann",
            "gateway libtary",
            10,
            &Synonyms::default(),
            true,
        )
        .unwrap()
        .hits;
        assert_eq!(ids(&found[..1]), vec![meant.to_string()], "{found:?}");
    }

    #[test]
    fn edits_deletes_and_answers_are_searched_as_they_stand() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        let add = |kind, text: &str| {
            let draft = Draft {
                text: text.into(),
                ..Draft::default()
            };
            store
                .add(&NewItem::from_draft(kind, "ann", &draft).unwrap())
                .unwrap()
        };
        let tip = add(Kind::Tip, "Zebra crossing near gate four");
        let question = add(Kind::Question, "Where is the forklift key?");
        let found = |q: &str| {
            ids(&search(&store, "ann", q, 10, &Synonyms::default(), true)
                .unwrap()
                .hits)
        };
        assert_eq!(found("zebra"), vec![tip.to_string()]);
        store
            .answer(question, "bob", "In the drawer under the kettle")
            .unwrap();
        assert_eq!(
            found("kettle drawer"),
            vec![question.to_string()],
            "answers"
        );
        let draft = Draft {
            text: "Expanded display with \\x".into(),
            context: Some("psql".into()),
            ..Draft::default()
        };
        let with_context = store
            .add(&NewItem::from_draft(Kind::Tip, "ann", &draft).unwrap())
            .unwrap();
        assert_eq!(
            found("psql display"),
            vec![with_context.to_string()],
            "context"
        );
        store
            .edit(Post::Item(tip), "ann", "Giraffe crossing near gate four")
            .unwrap();
        assert_eq!(found("giraffe"), vec![tip.to_string()], "the edit");
        store.delete(Post::Item(tip), "ann").unwrap();
        assert!(
            found("giraffe crossing").is_empty(),
            "a deleted tip is gone"
        );
    }
}
