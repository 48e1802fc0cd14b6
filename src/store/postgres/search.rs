//! `search` and the pane's first hits on the team server: the items a
//! query may find, narrowed by the server instead of every item sent to
//! the client. The same question the file asks its trigram index
//! (`store/sqlite/read.rs`, migration 0009): does the item's whole text
//! (answers and context too), case and accents folded, hold every trigram
//! asked for. The server answers it with one regular expression per
//! trigram over the lower-cased text, each letter standing for itself and
//! the accented letters that fold to it, so "coordinator" finds
//! "Coördinator" as on a file; pg_trgm's indexes on those very
//! expressions (migration 0019) look them up. Without pg_trgm the same
//! queries read every text: the same items, slower.
//!
//! At 100k items, loaded machine: the pane's first hits for `--search
//! kubectl` 1.9–2.1 s → 0.6–0.7 s. A typo's filter (dozens of
//! alternatives) is left to reading everything, as before.

use std::collections::HashMap;
use std::sync::OnceLock;

use nucleo_matcher::chars::{normalize, to_lower_case};
use postgres::Transaction;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};

use super::read::persons;

use crate::domain::Kind;
use crate::store::read::{self, BODY_PREFIX};
use crate::store::{Matched, Named, Result, SearchDoc, TextFilter};

/// Per kind (in `Kind::ALL` order): the search doc's columns as
/// `read.rs`'s `each_search_doc` gives them, for the items whose text
/// matches `{which}`, the filter written on `{f}`. `$1` is the viewer, `$2`
/// the body prefix, `$3` the most rows (NULL: all). `{f}` is each kind's
/// whole text lower-cased, the expression migration 0019 indexes, so the
/// server looks the trigrams up rather than reading every text.
const SOURCES: [&str; 4] = [
    "SELECT id, substr(title, 1, $2), substr(body, 1, $2), tags, '', 0::int8 FROM lesson
     WHERE $1::text IS NOT NULL AND ({which}) ORDER BY id DESC LIMIT $3",
    // A question's text holds its live answers too: the trigram indexes of
    // questions and of answers name the candidates (`Condition::some`),
    // then the whole text is matched.
    "SELECT q.id, substr(q.title, 1, $2),
            substr(q.body || ' ' || coalesce(q.context, '') || ' ' || coalesce(a.bodies, ''),
                   1, $2),
            q.tags, coalesce(q.author, ''), b.n
     FROM question q
     CROSS JOIN LATERAL (SELECT string_agg(body, ' ' ORDER BY id) AS bodies FROM answer
                         WHERE question_id = q.id AND deleted_at IS NULL) a
     CROSS JOIN LATERAL (SELECT count(*) AS n FROM backing WHERE question_id = q.id) b
     WHERE $1::text IS NOT NULL AND q.deleted_at IS NULL
       AND q.id IN (SELECT id FROM question
                    WHERE deleted_at IS NULL AND ({own})
                    UNION
                    SELECT question_id FROM answer
                    WHERE deleted_at IS NULL AND ({answer}))
       AND ({which})
     ORDER BY q.id DESC LIMIT $3",
    "SELECT t.id, substr(t.text, 1, $2), coalesce(t.context, ''), t.tags, t.author, v.n
     FROM tip t
     CROSS JOIN LATERAL (SELECT count(*) AS n FROM vote WHERE tip_id = t.id) v
     WHERE $1::text IS NOT NULL AND t.deleted_at IS NULL AND ({which})
     ORDER BY t.id DESC LIMIT $3",
    "SELECT id, substr(text, 1, $2), '', tags, author, 0::int8 FROM learned
     WHERE (visibility = 'team' OR author = $1) AND deleted_at IS NULL AND ({which})
     ORDER BY id DESC LIMIT $3",
];

/// Each kind's `{f}`: the text the file's index holds for an item
/// (`store/sqlite/migrations/0009_search_text.sql`), lower-cased.
const TEXTS: [&str; 4] = [
    "lower(title || ' ' || tags || ' ' || body)",
    "lower(q.title || ' ' || q.body || ' ' || q.tags || ' ' || coalesce(q.context, '') || ' ' \
     || coalesce(a.bodies, ''))",
    "lower(t.text || ' ' || t.tags || ' ' || coalesce(t.context, ''))",
    "lower(text || ' ' || tags)",
];

/// A question's own text, as migration 0019 indexes it.
const QUESTION_OWN: &str =
    "lower(title || ' ' || body || ' ' || tags || ' ' || coalesce(context, ''))";

/// Case and accents folded as the search folds them (`search/typos.rs`).
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    to_lower_case(normalize(c))
}

/// For each ASCII letter, the accented letters of Latin-1 (U+00C0–U+00FF:
/// Dutch, German, French, the Nordic languages) that fold to it ("o": ò,
/// ó, ö, Ö, …). Not every character the search folds: pg_trgm turns a
/// trigram of classes into every combination of their letters and stops
/// using the index for one past 256 (Latin Extended-A as well made most
/// trigrams that many, and a search read every text).
fn variants() -> &'static HashMap<char, String> {
    static VARIANTS: OnceLock<HashMap<char, String>> = OnceLock::new();
    VARIANTS.get_or_init(|| {
        let mut map: HashMap<char, String> = HashMap::new();
        for c in '\u{C0}'..='\u{FF}' {
            let f = fold(c);
            if f.is_ascii_alphanumeric() {
                map.entry(f).or_default().push(c);
            }
        }
        map
    })
}

/// A regular expression matching `trigram` (folded ASCII letters and
/// digits) in lower-cased text, accented letters included.
fn pattern(trigram: &str) -> String {
    trigram
        .chars()
        .map(|c| match variants().get(&c) {
            Some(others) => format!("[{c}{others}]"),
            None => c.to_string(),
        })
        .collect()
}

/// The most trigrams one search asks the server for. A typo's filter asks
/// for dozens of alternatives (every slip of every word), which the
/// server answered in seconds, slower than reading everything; that
/// filter is then answered as before, over every item read
/// (`search/stored.rs`). The words as typed and their stems ask a few.
const MOST_PATTERNS: usize = 24;

/// What a filter asks, as SQL on a kind's text `{f}`, its patterns in
/// `params` (numbered from `$4`).
struct Condition {
    /// Every group, one alternative of each, every trigram of each of its
    /// pieces, as the file's index asks. Each trigram a pattern of its own,
    /// so the trigram index answers each alternative and their union.
    whole: String,
    /// Something every question that matches holds in its own text or in
    /// one of its answers, on `{g}`: the first trigram of an alternative of
    /// the first group. The whole text spans two tables, each index one.
    some: String,
}

/// `None` when nothing is asked; an alternative asking nothing makes its
/// whole group ask nothing.
fn condition(filter: &TextFilter, params: &mut Vec<String>) -> Option<Condition> {
    let mut groups = Vec::new();
    let mut some = None;
    for alts in &filter.groups {
        let alts: Option<Vec<Vec<String>>> = alts
            .iter()
            .map(|alt| {
                let trigrams: Vec<String> =
                    alt.iter().flat_map(|p| TextFilter::trigrams(p)).collect();
                (!trigrams.is_empty()).then_some(trigrams)
            })
            .collect();
        let Some(alts) = alts.filter(|a| !a.is_empty()) else {
            continue;
        };
        let mut firsts = Vec::new();
        let mut whole = Vec::new();
        for alt in alts {
            let mut all = Vec::new();
            for t in alt {
                params.push(pattern(&t));
                all.push(format!("${}", 3 + params.len()));
            }
            firsts.push(format!("{{g}} ~ {}", all[0]));
            let all: Vec<String> = all.iter().map(|n| format!("{{f}} ~ {n}")).collect();
            whole.push(format!("({})", all.join(" AND ")));
        }
        some.get_or_insert_with(|| firsts.join(" OR "));
        groups.push(format!("({})", whole.join(" OR ")));
    }
    Some(Condition {
        whole: (!groups.is_empty()).then(|| groups.join(" AND "))?,
        some: some?,
    })
}

/// Hands `each` the items `filter` may find, the newest `filter.most` of
/// them (by number, then kind, as the file's index keeps them), each kind
/// in id order. A filter that asks nothing (no piece long enough) hands
/// out everything, as on a file; `Matched::NoIndex` (nothing handed out)
/// for one that asks too much (see [`MOST_PATTERNS`]). Nothing is handed
/// out when they are the very items `read` names (`Matched::Same`).
pub fn each_search_doc_matching(
    tx: &mut Transaction<'_>,
    viewer: &str,
    filter: &TextFilter,
    read: Option<&Named>,
    each: &mut dyn FnMut(SearchDoc),
) -> Result<Matched> {
    let mut patterns = Vec::new();
    let Some(asked) = condition(filter, &mut patterns) else {
        if read == Some(&Named::everything()) {
            return Ok(Matched::Same);
        }
        super::read::each_search_doc(tx, viewer, &[0; 4], each)?;
        return Ok(Matched::Handed(Named::everything()));
    };
    if patterns.len() > MOST_PATTERNS {
        return Ok(Matched::NoIndex);
    }
    let names: HashMap<String, String> = persons(tx)?
        .into_iter()
        .map(|p| (p.handle, p.name))
        .collect();
    let prefix = i32::try_from(BODY_PREFIX).unwrap_or(i32::MAX);
    let most = filter.most.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
    let mut found: Vec<SearchDoc> = Vec::new();
    for ((kind, sql), text) in Kind::ALL.into_iter().zip(SOURCES).zip(TEXTS) {
        let sql = sql
            .replace("{which}", &asked.whole.replace("{f}", text))
            .replace("{own}", &asked.some.replace("{g}", QUESTION_OWN))
            .replace("{answer}", &asked.some.replace("{g}", "lower(body)"));
        let mut params: Vec<(&(dyn ToSql + Sync), Type)> = vec![
            (&viewer, Type::TEXT),
            (&prefix, Type::INT4),
            (&most, Type::INT8),
        ];
        params.extend(
            patterns
                .iter()
                .map(|p| (p as &(dyn ToSql + Sync), Type::TEXT)),
        );
        let mut rows = tx.query_typed_raw(&sql, params)?;
        while let Some(r) = rows.next()? {
            found.push(read::search_doc(&r, kind, &names)?);
        }
    }
    // The newest `most` over all kinds: numbered as the file numbers them.
    let position = |d: &SearchDoc| Kind::ALL.iter().position(|&k| k == d.id.kind);
    found.sort_unstable_by_key(|d| std::cmp::Reverse((d.id.num, position(d))));
    if let Some(most) = filter.most {
        found.truncate(most);
    }
    found.sort_unstable_by_key(|d| (position(d), d.id.num));
    // Numbered as the file's index numbers them (kind in the low bits).
    let named = Named::items(
        found
            .iter()
            .map(|d| d.id.num * 4 + position(d).unwrap_or(0) as i64)
            .collect(),
    );
    if read == Some(&named) {
        return Ok(Matched::Same);
    }
    found.into_iter().for_each(each);
    Ok(Matched::Handed(named))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trigram_stands_for_its_accented_forms_too() {
        let p = pattern("coo");
        assert!(p.starts_with("[cÇç]"), "{p}");
        for accented in ['ö', 'Ö', 'ó', 'ô'] {
            assert!(p.contains(accented), "{accented} in {p}");
        }
        assert_eq!(pattern("123"), "123");
    }

    #[test]
    fn groups_and_alternatives_become_one_condition() {
        let filter = TextFilter {
            groups: vec![
                vec![vec!["kubectl".into()], vec!["kube".into()]],
                vec![vec!["restart".into()], vec!["ab".into()]],
            ],
            most: None,
        };
        let mut params = Vec::new();
        let asked = condition(&filter, &mut params).unwrap();
        // kubectl: kub, ect, ctl; kube: kub, ube; the second group asks
        // nothing (an alternative too short to look up).
        assert_eq!(
            asked.whole,
            "(({f} ~ $4 AND {f} ~ $5 AND {f} ~ $6) OR ({f} ~ $7 AND {f} ~ $8))"
        );
        assert_eq!(asked.some, "{g} ~ $4 OR {g} ~ $7");
        assert_eq!(params.len(), 5);
        assert!(params[0].starts_with("k[u"), "{}", params[0]);
    }
}
