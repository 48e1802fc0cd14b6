//! Where a query word stands in a (folded) text, and how well: a whole
//! word beats a word start, which beats a word found in the middle of
//! another. The best place counts, not the first: "pnm" in "fitstopnm:
//! convert pnm images" is a whole word, although it is met mid-word first.

/// Points for a word found whole, at a word start, inside a word, as a
/// stand-in for a typo, or only as scattered letters. The gaps are wider
/// than any field bonus, so the kind of match outranks where it is.
pub const WHOLE: u32 = 60;
pub const START: u32 = 45;
pub const TYPO: u32 = 30;
pub const INSIDE: u32 = 20;
pub const SCATTERED: u32 = 10;

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// The best place of `word` in `text`: its points and where it starts.
pub fn best(text: &str, word: &str) -> Option<(u32, usize)> {
    if word.is_empty() {
        return None;
    }
    let mut best: Option<(u32, usize)> = None;
    for at in places(text, word) {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let start = !before.is_some_and(is_word);
        let end = !after.is_some_and(is_word);
        let points = match (start, end) {
            (true, true) => WHOLE,
            (true, false) => START,
            _ => INSIDE,
        };
        if best.is_none_or(|(p, _)| points > p) {
            best = Some((points, at));
        }
        if points == WHOLE {
            break;
        }
    }
    best
}

/// Where `word` stands in `text`, left to right and not overlapping, as
/// `str::match_indices` finds it, without building its searcher: that
/// cost more than the search on the short texts met here (a word of the
/// index, a title), for every word of the index a query word is judged
/// against. A match of whole UTF-8 always starts at a character.
fn places<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        let first = *word.first()?;
        let last_start = text.len().checked_sub(word.len())?;
        while from <= last_start {
            let at = from + text[from..=last_start].iter().position(|&b| b == first)?;
            if text[at..].starts_with(word) {
                from = at + word.len();
                return Some(at);
            }
            from = at + 1;
        }
        None
    })
}

/// True when `word` starts a word of `text` (or is one).
pub fn starts(text: &str, word: &str) -> bool {
    best(text, word).is_some_and(|(p, _)| p >= START)
}

/// True when `b` follows `a` directly in `text` (only spaces or signs
/// between them), as in the phrase "update packages".
pub fn adjacent(text: &str, a: &str, b: &str) -> bool {
    places(text, a).any(|at| {
        text[at + a.len()..]
            .trim_start_matches(|c: char| !is_word(c))
            .starts_with(b)
            && text[at + a.len()..].starts_with(|c: char| !is_word(c))
    })
}

/// True when some `a` comes before some `b` in `text`.
pub fn in_order(text: &str, a: &str, b: &str) -> bool {
    match (text.find(a), text.rfind(b)) {
        (Some(x), Some(y)) => x + a.len() <= y,
        _ => false,
    }
}

/// Byte ranges of `text` where `words` (folded) stand, best place of
/// each, in order and not overlapping: what to highlight. Folding keeps
/// one character for one, so a place in the folded text is a place in
/// `text`.
pub fn spans(text: &str, words: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut folded = String::with_capacity(text.len());
    // (byte in folded, byte in text) at each character.
    let mut starts = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        starts.push((folded.len(), at));
        folded.push(super::typos::fold(c));
    }
    starts.push((folded.len(), text.len()));
    let original = |f: usize| {
        starts
            .binary_search_by_key(&f, |&(folded, _)| folded)
            .map_or(text.len(), |i| starts[i].1)
    };
    let mut out: Vec<std::ops::Range<usize>> = words
        .iter()
        .filter(|w| w.chars().count() >= 2)
        .filter_map(|w| best(&folded, w).map(|(_, at)| original(at)..original(at + w.len())))
        .collect();
    out.sort_by_key(|r| r.start);
    out.dedup_by(|b, a| {
        let overlap = b.start < a.end;
        if overlap {
            a.end = a.end.max(b.end);
        }
        overlap
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_place_wins_not_the_first() {
        assert_eq!(
            best("fitstopnm: convert pnm images", "pnm"),
            Some((WHOLE, 19))
        );
        assert_eq!(best("fitstopnm: pnmtools", "pnm"), Some((START, 11)));
        assert_eq!(best("fitstopnm", "pnm"), Some((INSIDE, 6)));
        assert_eq!(best("fitstopnm", "png"), None);
    }

    #[test]
    fn spans_are_places_in_the_original_text() {
        let text = "Koffie in het Café — café au lait";
        let spans = spans(text, &["cafe", "koffie", "x"]);
        let shown: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, vec!["Koffie", "Café"]);
        assert_eq!(
            spans_of("update packages", &["pack", "packages"]),
            vec![7..15]
        );
    }

    fn spans_of(text: &str, words: &[&str]) -> Vec<std::ops::Range<usize>> {
        spans(text, words)
    }

    proptest::proptest! {
        /// The same places as `str::match_indices`, over texts of a few
        /// letters (so words repeat and overlap), accents and signs.
        #[test]
        fn places_are_those_match_indices_finds(
            text in "[aéb -]{0,12}",
            word in "[aéb -]{0,3}",
        ) {
            let ours: Vec<usize> = places(&text, &word).collect();
            let std: Vec<usize> = match word.is_empty() {
                true => Vec::new(),
                false => text.match_indices(word.as_str()).map(|(at, _)| at).collect(),
            };
            proptest::prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn adjacency_and_order() {
        assert!(adjacent("tool to update packages", "update", "packages"));
        assert!(adjacent("update - packages", "update", "pack"));
        assert!(!adjacent("update all packages", "update", "packages"));
        assert!(!adjacent("updatepackages", "update", "packages"));
        assert!(in_order("update all packages", "update", "packages"));
        assert!(!in_order("packages to update", "update", "packages"));
    }
}
