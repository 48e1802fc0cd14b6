//! Fuzzy search over every kind of item, independent of the UI.
//!
//! A query is split into words; every word must match somewhere in an item
//! (title, tags, author or the start of the body), fuzzily, so "ctrlr histry"
//! finds "Use ctrl-r to search shell history". Title matches weigh most.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::domain::ItemId;
use crate::store::SearchDoc;

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: ItemId,
    pub score: i64,
    /// The item's title, for showing the hit without another query.
    pub title: String,
}

pub struct SearchIndex {
    docs: Vec<SearchDoc>,
    matcher: SkimMatcherV2,
}

impl SearchIndex {
    pub fn new(docs: Vec<SearchDoc>) -> Self {
        SearchIndex {
            docs,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The best `limit` hits, best first. An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(i64, usize)> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(i, doc)| self.score(doc, &words).map(|s| (s, i)))
            .collect();
        // Best score first; among equals, keep the store's order (newest kinds first).
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.truncate(limit);
        hits.into_iter()
            .map(|(score, i)| Hit {
                id: self.docs[i].id,
                score,
                title: self.docs[i].title.lines().next().unwrap_or("").to_string(),
            })
            .collect()
    }

    fn score(&self, doc: &SearchDoc, words: &[String]) -> Option<i64> {
        let mut total = 0;
        for word in words {
            let m = |field: &str| self.matcher.fuzzy_match(field, word);
            let best = [
                m(&doc.title).map(|s| s * 2),
                m(&doc.tags).map(|s| s * 3 / 2),
                m(&doc.author),
                m(&doc.body),
            ]
            .into_iter()
            .flatten()
            .max()?;
            total += best;
        }
        Some(total)
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

    #[test]
    fn typos_and_gaps_still_find_the_tip() {
        let hits = index().search("ctrlr histry", 10);
        assert_eq!(hits.first().map(|h| h.id.num), Some(2));
        assert!(hits.iter().all(|h| h.id.num != 1));
    }

    #[test]
    fn every_word_must_match_somewhere() {
        let hits = index().search("history carla", 10);
        assert_eq!(hits.iter().map(|h| h.id.num).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn tags_and_authors_are_searched() {
        assert_eq!(index().search("bash", 10)[0].id.num, 2);
        assert_eq!(index().search("ann", 10)[0].id.num, 1);
    }

    #[test]
    fn empty_and_hopeless_queries_find_nothing() {
        assert!(index().search("   ", 10).is_empty());
        assert!(index().search("zzzqqq", 10).is_empty());
    }
}
