//! What a query asks of an item's text, for a store's persisted index to
//! narrow the items before they are read and ranked (`search` and
//! `--search` start from it instead of reading everything).
//!
//! For each query word of three letters or more: the item holds the word,
//! or one of its stems, or, for a word the items do not hold, the parts
//! left of a slip (a letter wrong, added, dropped, or two swapped). A word
//! the items do hold is taken as meant, as the ranking takes it: no slips
//! are asked for it (`restart` in `kubetcl restart`). A word
//! the parts cannot narrow (too short, a person's name, letters outside
//! ASCII only) asks nothing. What passes is a superset of what holds each
//! word or one slip of it; the fuzzy ranking then decides.

use rust_stemmers::{Algorithm, Stemmer};

use super::synonyms::Synonyms;
use super::typos::fold;
use crate::store::TextFilter;

/// Shortest piece a trigram index can look up.
const PIECE: usize = 3;
/// Words this long or longer may be typos of a word the items hold.
const TYPO_FROM: usize = 4;

/// How far from the words as typed a filter reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The words as typed.
    AsTyped,
    /// And their stems (asked once the words as typed found something: a
    /// stem alone must not hide the slips of a word no item holds).
    Forms,
    /// And their stems and what lies one slip away (asked when the words as
    /// typed found nothing).
    Slips,
}

/// The filter for `query`, or `None` when no word narrows anything.
/// `names`: the persons' handles and names, folded (an author is found by
/// name, which is not in the persisted text). `reach`: the words as typed,
/// their other forms, or also one slip away. `synonyms`: the team's words
/// that mean the same, asked for as well. `meant`: words (folded) the
/// items hold, for which no slips are asked.
pub fn filter(
    query: &str,
    names: &[String],
    reach: Reach,
    synonyms: &Synonyms,
    meant: &[String],
) -> Option<TextFilter> {
    let mut groups = Vec::new();
    // Kinds are kept by the ranking; a tag's start is text to hold.
    let (words, filters) = super::filters::split(query);
    for tag in &filters.tags {
        let tag = pieces(tag);
        if !tag.is_empty() {
            groups.push(vec![tag]);
        }
    }
    for word in folded_words(&words, names) {
        let reach = if reach == Reach::Slips && meant.contains(&word) {
            Reach::Forms
        } else {
            reach
        };
        if let Some(mut group) = alternatives(&word, reach) {
            for other in synonyms.of(&word) {
                let other = pieces(&other);
                if other.is_empty() {
                    // A synonym too short to look up: the word asks nothing.
                    group.clear();
                    break;
                }
                if !group.contains(&other) {
                    group.push(other);
                }
            }
            if !group.is_empty() {
                groups.push(group);
            }
        }
    }
    (!groups.is_empty()).then_some(TextFilter { groups, most: None })
}

/// The query's words (folded) that ask something of the text: not a kind
/// or tag filter, not (the letters of) a person's name.
fn folded_words(words: &str, names: &[String]) -> Vec<String> {
    words
        .split_whitespace()
        .map(|w| w.chars().map(fold).collect::<String>())
        .filter(|w| !names.iter().any(|n| is_subsequence(w, n)))
        .collect()
}

/// The query's words (folded) for which `Reach::Slips` asks what lies one
/// slip away: each may be meant as typed, if the items hold it.
pub fn slip_words(query: &str, names: &[String]) -> Vec<String> {
    let (words, _) = super::filters::split(query);
    folded_words(&words, names)
        .into_iter()
        .filter(|w| slips_reach(w) && !pieces(w).is_empty())
        .collect()
}

/// What asks for the items holding `word` (folded) as typed.
pub fn word_filter(word: &str, most: usize) -> TextFilter {
    TextFilter {
        groups: vec![vec![pieces(word)]],
        most: Some(most),
    }
}

/// True when slips are guessed for `word` (folded): a word of plain
/// letters and digits, long enough.
fn slips_reach(word: &str) -> bool {
    word.chars().count() >= TYPO_FROM && word.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The runs of ASCII letters and digits of `word` long enough to look up.
fn pieces(word: &str) -> Vec<String> {
    word.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| p.len() >= PIECE)
        .map(str::to_string)
        .collect()
}

/// One word's alternatives, each a list of pieces an item must all hold;
/// `None` when some way of matching it asks nothing of the text.
fn alternatives(word: &str, reach: Reach) -> Option<Vec<Vec<String>>> {
    let exact = pieces(word);
    if exact.is_empty() {
        return None;
    }
    let mut out = vec![exact];
    let chars: Vec<char> = word.chars().collect();
    if !slips_reach(word) || reach == Reach::AsTyped {
        return Some(out);
    }
    // Other forms of the word are asked for also when the word itself was
    // found: "bestanden" standing inside "logbestanden" must not hide the
    // items that hold "bestand".
    for language in [Algorithm::English, Algorithm::Dutch] {
        let stem = Stemmer::create(language).stem(word).into_owned();
        if stem.len() >= PIECE && stem != word && !out.contains(&vec![stem.clone()]) {
            out.push(vec![stem]);
        }
    }
    if reach == Reach::Forms {
        return Some(out);
    }
    let part = |range: std::ops::Range<usize>| chars[range].iter().collect::<String>();
    let n = chars.len();
    let mut push = |alt: Vec<String>| {
        if !out.contains(&alt) {
            out.push(alt);
        }
    };
    for i in 0..n {
        // A letter added at i, or two swapped at i: the word meant is known.
        push(vec![part(0..i) + &part(i + 1..n)]);
        if i + 1 < n {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            push(vec![swapped.into_iter().collect()]);
        }
        // A letter wrong at i (or one dropped there: the same parts hold):
        // the parts on either side.
        let sides: Vec<String> = [part(0..i), part(i + 1..n)]
            .into_iter()
            .filter(|p| p.len() >= PIECE)
            .collect();
        if sides.is_empty() {
            return None;
        }
        push(sides);
    }
    Some(out)
}

/// True when the letters of `word` stand in `text` in order: the least a
/// fuzzy match needs.
fn is_subsequence(word: &str, text: &str) -> bool {
    let mut rest = text.chars();
    word.chars().all(|c| rest.any(|t| t == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(query: &str, typos: bool) -> Option<Vec<Vec<Vec<String>>>> {
        let reach = if typos { Reach::Slips } else { Reach::AsTyped };
        filter(
            query,
            &["anouk de vries".into()],
            reach,
            &Synonyms::default(),
            &[],
        )
        .map(|f| f.groups)
    }

    #[test]
    fn words_as_typed_ask_for_themselves() {
        let groups = of("kubectl restart", false).unwrap();
        assert_eq!(groups, vec![vec![vec!["kubectl"]], vec![vec!["restart"]]]);
    }

    #[test]
    fn short_words_names_and_foreign_letters_ask_nothing() {
        assert_eq!(of("k vi", true), None);
        assert_eq!(of("anouk", true), None, "a person's name");
        assert_eq!(of("οδος", true), None);
        assert_eq!(of("Café", false).unwrap(), vec![vec![vec!["cafe"]]]);
    }

    #[test]
    fn a_typo_asks_for_the_parts_around_each_slip() {
        let groups = of("pritner", true).unwrap();
        let alts = &groups[0];
        assert!(alts.contains(&vec!["pritner".to_string()]));
        assert!(alts.contains(&vec!["printer".to_string()]), "{alts:?}");
        let every = |text: &str| {
            alts.iter()
                .any(|alt| alt.iter().all(|p| text.contains(p.as_str())))
        };
        for text in [
            "printer", "pritner", "prixner", "prithner", "pitner", "priner",
        ] {
            assert!(every(text), "{text}");
        }
        assert!(!every("label queue"));
    }

    #[test]
    fn a_word_taken_as_meant_asks_no_slips() {
        let meant = ["restart".to_string()];
        let groups = filter(
            "kubetcl restart",
            &[],
            Reach::Slips,
            &Synonyms::default(),
            &meant,
        )
        .unwrap()
        .groups;
        assert!(groups[0].contains(&vec!["kubectl".to_string()]));
        assert!(groups[1].contains(&vec!["restart".to_string()]));
        assert!(
            !groups[1].contains(&vec!["start".to_string()]),
            "{groups:?}"
        );
        assert_eq!(
            slip_words("t:tip kubetcl restart anouk vi", &["anouk".into()]),
            ["kubetcl", "restart"]
        );
    }

    #[test]
    fn a_tag_is_asked_for_and_a_kind_is_not() {
        let groups = of("t:question #sql-basics joins", false).unwrap();
        assert_eq!(
            groups,
            vec![vec![vec!["sql", "basics"]], vec![vec!["joins"]]]
        );
    }

    #[test]
    fn a_synonym_is_asked_for_beside_the_word() {
        let synonyms = Synonyms::parse(&["uitpakken = extraheren".into()]).unwrap();
        let groups = filter("uitpakken", &[], Reach::AsTyped, &synonyms, &[])
            .unwrap()
            .groups;
        assert_eq!(groups, vec![vec![vec!["uitpakken"], vec!["extraheren"]]]);
    }

    #[test]
    fn a_piece_is_asked_as_trigrams_that_cover_it() {
        assert_eq!(TextFilter::trigrams("kubectl"), ["kub", "ect", "ctl"]);
        assert_eq!(TextFilter::trigrams("restart"), ["res", "tar", "art"]);
        assert_eq!(TextFilter::trigrams("sql"), ["sql"]);
        assert!(TextFilter::trigrams("vi").is_empty());
    }

    #[test]
    fn other_word_forms_are_asked_for_too() {
        let groups = of("restarting", true).unwrap();
        assert!(groups[0].contains(&vec!["restart".to_string()]));
        let forms = filter("bestanden", &[], Reach::Forms, &Synonyms::default(), &[]).unwrap();
        assert_eq!(
            forms.groups,
            vec![vec![
                vec!["bestanden".to_string()],
                vec!["bestand".to_string()]
            ]]
        );
    }
}
