//! Filters typed among the words, as in `t:question #sql printer`:
//! `t:` (or `type:`) and the start of a kind's name keeps that kind
//! (English or Dutch: `t:q`, `t:vraag`, `t:tip`, `t:learned`, `t:les`),
//! `#` and the start of a tag keeps items with such a tag (`#sql` keeps
//! `sql` and `sql-basics`). The rest of the query is words.

use crate::domain::Kind;

/// Names a kind is asked by, English and Dutch.
const KIND_NAMES: [(Kind, &[&str]); 4] = [
    (Kind::Lesson, &["lesson", "les"]),
    (Kind::Question, &["question", "vraag", "vragen"]),
    (Kind::Tip, &["tip"]),
    (Kind::Learned, &["learned", "geleerd"]),
];

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Filters {
    /// Kinds kept; `None`: every kind.
    pub kinds: Option<Vec<Kind>>,
    /// Tag starts, lower case; an item needs a tag starting with each.
    pub tags: Vec<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_none() && self.tags.is_empty()
    }

    pub fn admits_kind(&self, kind: Kind) -> bool {
        self.kinds.as_ref().is_none_or(|k| k.contains(&kind))
    }
}

/// The value of a kind filter token, if `token` is one.
fn kind_value(token: &str) -> Option<&str> {
    let lower = token.get(..2).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("t:") {
        return token.get(2..);
    }
    let lower = token.get(..5).map(str::to_ascii_lowercase);
    (lower.as_deref() == Some("type:")).then(|| &token[5..])
}

/// True when `token` is filter syntax (complete or still being typed).
pub fn is_filter(token: &str) -> bool {
    token.starts_with('#') || kind_value(token).is_some()
}

/// True when some token of `query` is filter syntax: such a query is no
/// plain narrowing of a shorter one ("t" is a word, "t:" a filter).
pub fn any(query: &str) -> bool {
    query.split_whitespace().any(is_filter)
}

/// The query's words (filters taken out) and its filters. An empty
/// filter (`#`, `t:`) keeps everything.
pub fn split(query: &str) -> (String, Filters) {
    let mut words = Vec::new();
    let mut filters = Filters::default();
    for token in query.split_whitespace() {
        if let Some(tag) = token.strip_prefix('#') {
            if !tag.is_empty() {
                filters.tags.push(tag.to_lowercase());
            }
        } else if let Some(value) = kind_value(token) {
            let value = value.to_lowercase();
            if value.is_empty() {
                continue;
            }
            let kinds: Vec<Kind> = KIND_NAMES
                .iter()
                .filter(|(_, names)| {
                    names
                        .iter()
                        .any(|n| n.starts_with(&value) || value.starts_with(n))
                })
                .map(|(k, _)| *k)
                .collect();
            // Two kind filters keep what both name.
            filters.kinds = Some(match filters.kinds.take() {
                Some(before) => before.into_iter().filter(|k| kinds.contains(k)).collect(),
                None => kinds,
            });
        } else {
            words.push(token);
        }
    }
    (words.join(" "), filters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_tags_are_taken_out_of_the_words() {
        let (words, f) = split("t:question #SQL joins");
        assert_eq!(words, "joins");
        assert_eq!(f.kinds, Some(vec![Kind::Question]));
        assert_eq!(f.tags, vec!["sql"]);
        let (_, f) = split("type:vraag");
        assert_eq!(f.kinds, Some(vec![Kind::Question]));
        let (_, f) = split("T:tips");
        assert_eq!(f.kinds, Some(vec![Kind::Tip]), "a plural is the kind");
        let (_, f) = split("t:l");
        assert_eq!(f.kinds, Some(vec![Kind::Lesson, Kind::Learned]));
        let (_, f) = split("t:xyz");
        assert_eq!(f.kinds, Some(vec![]), "no such kind: nothing");
    }

    #[test]
    fn bare_signs_filter_nothing_and_words_stay_words() {
        let (words, f) = split("# t: printer 10:30");
        assert_eq!(words, "printer 10:30");
        assert!(f.is_empty());
        assert!(any("printer t:"));
        assert!(!any("printer t"));
    }
}
