//! A [`TextFilter`] as an FTS5 query over the persisted trigram index
//! (`search_text`, migration 0009).
//!
//! detail=none keeps no positions, so a piece is asked as the trigrams
//! that cover it: a superset of the items holding it, which the ranking
//! reads anyway. A word's alternatives share most of their trigrams (every
//! slip of "kubetcl" but one keeps "kub" or "tcl"), and FTS5 walks one list
//! per trigram per alternative: asked as written, the two words of
//! `kubetcl restart` one slip away walked "kub", "tcl", "res" and "art"
//! about ten times each, 0.72 billion instructions at a million items. So
//! each group is asked in its smallest equal form: an alternative that asks
//! all of another's trigrams and more adds no item and goes, and a trigram
//! several alternatives ask is asked once, before them
//! (`"kub" AND ("tcl" OR "ecl" OR …)`). The items found are the same.

use std::collections::{BTreeMap, BTreeSet};

use crate::store::TextFilter;

/// One alternative: the trigrams an item must all hold.
type Alternative = BTreeSet<String>;

/// `filter` as an FTS5 match expression; `None` when it asks nothing (a
/// group of which some alternative has no trigram asks nothing).
pub fn match_expression(filter: &TextFilter) -> Option<String> {
    let groups: Vec<String> = filter
        .groups
        .iter()
        .filter_map(|alts| {
            let alts: Vec<Alternative> = alts
                .iter()
                .map(|alt| alt.iter().flat_map(|p| TextFilter::trigrams(p)).collect())
                .collect();
            if alts.is_empty() || alts.iter().any(BTreeSet::is_empty) {
                return None;
            }
            Some(format!("({})", any_of(smallest(alts))))
        })
        .collect();
    (!groups.is_empty()).then(|| groups.join(" AND "))
}

/// `alts` without those that ask all of another's trigrams (and more, or
/// the same again): they find nothing the other does not.
fn smallest(mut alts: Vec<Alternative>) -> Vec<Alternative> {
    alts.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    let mut kept: Vec<Alternative> = Vec::new();
    for alt in alts {
        if !kept.iter().any(|k| k.is_subset(&alt)) {
            kept.push(alt);
        }
    }
    kept
}

/// An expression true for an item that holds every trigram of one of
/// `alts` (none of which holds all of another's, none empty). The trigram
/// most of them ask is asked once, with what those ask besides it; the
/// rest the same way. Flat at this level (`A OR B OR …`), so the nesting
/// stays as deep as an alternative is long, whatever their number.
fn any_of(mut alts: Vec<Alternative>) -> String {
    let mut parts = Vec::new();
    while !alts.is_empty() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for alt in &alts {
            for t in alt {
                *counts.entry(t).or_default() += 1;
            }
        }
        // The first (in order) of the most asked, so the text is stable.
        let (shared, n) = counts.iter().fold(
            ("", 0),
            |best, (&t, &n)| if n > best.1 { (t, n) } else { best },
        );
        if n < 2 {
            parts.extend(alts.iter().map(all_of));
            break;
        }
        let shared = shared.to_string();
        let (with, rest): (Vec<_>, Vec<_>) = alts.into_iter().partition(|a| a.contains(&shared));
        // None of `with` was `{shared}` alone: it would hold all of the others.
        let with: Vec<Alternative> = with
            .into_iter()
            .map(|mut a| {
                a.remove(&shared);
                a
            })
            .collect();
        parts.push(format!("{} AND ({})", quoted(&shared), any_of(with)));
        alts = rest;
    }
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        parts
            .iter()
            .map(|p| format!("({p})"))
            .collect::<Vec<_>>()
            .join(" OR ")
    }
}

fn all_of(alt: &Alternative) -> String {
    alt.iter()
        .map(|t| quoted(t))
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn quoted(trigram: &str) -> String {
    format!("\"{}\"", trigram.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Synonyms;
    use crate::search::prefilter::{Reach, filter as prefilter};
    use rusqlite::Connection;

    fn slips(query: &str) -> TextFilter {
        prefilter(query, &[], Reach::Slips, &Synonyms::default(), &[]).unwrap()
    }

    /// The expression as it was asked before: every alternative with all
    /// its trigrams, side by side.
    fn as_written(filter: &TextFilter) -> Option<String> {
        let group = |alts: &Vec<Vec<String>>| -> Option<String> {
            let alts: Option<Vec<String>> = alts
                .iter()
                .map(|alt| {
                    let all: Vec<String> = alt
                        .iter()
                        .flat_map(|p| TextFilter::trigrams(p))
                        .map(|t| quoted(&t))
                        .collect();
                    (!all.is_empty()).then(|| format!("({})", all.join(" AND ")))
                })
                .collect();
            alts.filter(|a| !a.is_empty())
                .map(|a| format!("({})", a.join(" OR ")))
        };
        let groups: Vec<String> = filter.groups.iter().filter_map(group).collect();
        (!groups.is_empty()).then(|| groups.join(" AND "))
    }

    #[test]
    fn a_trigram_the_slips_share_is_asked_once() {
        let expression = match_expression(&slips("kubetcl")).unwrap();
        assert_eq!(expression.matches("\"kub\"").count(), 1, "{expression}");
        assert!(expression.matches("\"tcl\"").count() <= 2, "{expression}");
        let written = as_written(&slips("kubetcl")).unwrap();
        assert!(written.matches("\"kub\"").count() >= 8, "{written}");
    }

    #[test]
    fn an_alternative_asking_more_than_another_goes() {
        let filter = TextFilter {
            groups: vec![vec![
                vec!["printer".into()],
                vec!["print".into()],
                vec!["label".into(), "printer".into()],
            ]],
            most: None,
        };
        // print: pri, int; printer: pri, nte, ter; label printer: those and
        // lab, bel, so it goes.
        assert_eq!(
            match_expression(&filter).unwrap(),
            "(\"pri\" AND ((\"int\") OR (\"nte\" AND \"ter\")))"
        );
    }

    #[test]
    fn what_asks_nothing_stays_nothing() {
        let filter = TextFilter {
            groups: vec![vec![vec!["kubectl".into()], vec!["vi".into()]]],
            most: None,
        };
        assert_eq!(match_expression(&filter), None);
        let filter = TextFilter {
            groups: vec![vec![vec!["kubectl".into()]], vec![vec![]]],
            most: None,
        };
        assert_eq!(
            match_expression(&filter).unwrap(),
            "(\"ctl\" AND \"ect\" AND \"kub\")"
        );
    }

    /// The smaller expression finds exactly the items the one as written
    /// finds, on the index a demo team's items build.
    #[test]
    fn the_items_found_are_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = crate::store::SqliteStore::open(&path).unwrap();
        crate::demo::fill(&store, 1500, 5).unwrap();
        drop(store);
        let conn = Connection::open(&path).unwrap();
        let rows = |expression: &str| -> Vec<i64> {
            conn.prepare(
                "SELECT rowid FROM search_text WHERE search_text MATCH ?1 ORDER BY rowid DESC",
            )
            .unwrap()
            .query_map([expression], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
        };
        let mut asked = 0;
        for query in [
            "kubectl restart",
            "kubetcl restart",
            "restrat service",
            "printre",
            "forklift checklsit",
            "koffeimachine",
            "coordinatr nachtdienst",
            "heftruck",
            "t:question #sql joins",
            "abcdefghijklmnopqrstuvwxyzabcdef",
        ] {
            for reach in [Reach::AsTyped, Reach::Forms, Reach::Slips] {
                let filter = prefilter(query, &[], reach, &Synonyms::default(), &[]).unwrap();
                let (ours, theirs) = (match_expression(&filter), as_written(&filter));
                assert_eq!(ours.is_some(), theirs.is_some(), "{query}");
                if let (Some(ours), Some(theirs)) = (ours, theirs) {
                    let found = rows(&theirs);
                    assert_eq!(rows(&ours), found, "{query} {reach:?}: {ours}");
                    asked += usize::from(!found.is_empty());
                }
            }
        }
        assert!(asked >= 12, "most queries find something: {asked}");
    }
}
