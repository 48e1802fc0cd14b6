//! Finds the questions asked before that a question being typed resembles
//! (see `views::similar`). Cheap by design: it looks again only when a
//! word is finished, through the search index the pane already keeps
//! (read in the background, so the form's first frame never waits), one
//! search per significant word.

use std::collections::HashMap;

use super::app::App;
use super::views::capture::CaptureState;
use super::views::similar::Similar;
use crate::domain::{Item, ItemId, Kind};

/// At most this many questions are shown under the form.
const SHOWN: usize = 3;
/// Words looked up per question: the longest ones say the most.
const WORDS: usize = 3;
/// Hits read per word.
const PER_WORD: usize = 30;

/// Little words that find everything and mean nothing here.
const STOP: &[&str] = &[
    "about", "does", "doet", "from", "have", "heeft", "hoe", "how", "kan", "maar", "moet", "that",
    "there", "this", "voor", "waar", "wanneer", "want", "welke", "what", "when", "where", "which",
    "with", "word", "worden", "would", "your",
];

/// The finished words worth looking up (the one being typed is left out
/// until a space or a sign ends it), longest first.
pub fn words(text: &str) -> Vec<String> {
    let finished = match text.chars().last() {
        Some(c) if c.is_alphanumeric() => {
            let end = text
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(0, |(i, _)| i);
            &text[..end]
        }
        _ => text,
    };
    let mut out: Vec<String> = Vec::new();
    for w in finished.split(|c: char| !c.is_alphanumeric()) {
        let w = w.to_lowercase();
        if w.chars().count() >= 4 && !STOP.contains(&w.as_str()) && !out.contains(&w) {
            out.push(w);
        }
    }
    out.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    out.truncate(WORDS);
    out
}

/// Looks again when the question's finished words changed.
pub fn refresh(app: &mut App, form: &mut CaptureState) {
    if form.kind != Kind::Question {
        form.similar.clear();
        return;
    }
    let words = words(form.text.text());
    let key = words.join(" ");
    if key == form.similar_key {
        return;
    }
    let Some(index) = app.search_index() else {
        // Not read yet: the next finished word looks again.
        return;
    };
    form.similar_key = key;
    // Questions found by the most words first, then by how well.
    let mut found: HashMap<ItemId, (usize, i64)> = HashMap::new();
    for w in &words {
        for hit in index.search(w, PER_WORD) {
            if hit.id.kind == Kind::Question {
                let e = found.entry(hit.id).or_default();
                e.0 += 1;
                e.1 += hit.score;
            }
        }
    }
    let mut best: Vec<(ItemId, (usize, i64))> = found.into_iter().collect();
    best.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    // The fuzzy index finds scattered letters too ("vind" in "How do I
    // get started"): only questions that hold the typed words themselves
    // are shown, those holding most of them first. Nothing beats noise.
    let mut shown: Vec<(usize, Similar)> = best
        .into_iter()
        .filter_map(|(id, _)| match app.store.get(id, &app.user) {
            Ok(Item::Question(q)) => {
                let held = held_words(&words, &q.title, &q.body);
                (held > 0 && held * 2 >= words.len()).then(|| {
                    (
                        held,
                        Similar {
                            id,
                            answers: q.answers.len(),
                            accepted: q.answers.iter().any(|a| a.accepted),
                            title: q.title,
                        },
                    )
                })
            }
            _ => None,
        })
        .collect();
    // Stable: equal counts keep the index's order.
    shown.sort_by_key(|(held, _)| std::cmp::Reverse(*held));
    form.similar = shown.into_iter().take(SHOWN).map(|(_, s)| s).collect();
}

/// How many of `words` (lower case) the question's text holds as written.
fn held_words(words: &[String], title: &str, body: &str) -> usize {
    let text = format!("{title}\n{body}").to_lowercase();
    words.iter().filter(|w| text.contains(w.as_str())).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_finished_meaningful_words_longest_first() {
        assert_eq!(words("Hoe stel ik de lasstr"), ["stel"]);
        assert_eq!(words("Hoe stel ik de lasstroom "), ["lasstroom", "stel"]);
        assert_eq!(
            words("What does kubectl rollout do?"),
            ["kubectl", "rollout"]
        );
        // Accents count as letters; the word still being typed waits.
        assert_eq!(words("één café één"), ["café"]);
        assert_eq!(words("wat is dat"), Vec::<String>::new());
    }

    #[test]
    fn a_question_holds_the_words_as_written_not_scattered_letters() {
        let vind = vec!["vind".to_string()];
        assert_eq!(held_words(&vind, "How do I get started?", ""), 0);
        assert_eq!(held_words(&vind, "Waar vind ik de kantine?", ""), 1);
        let two = vec!["handschoenen".to_string(), "maat".to_string()];
        assert_eq!(
            held_words(&two, "Welke maat?", "Handschoenen in de kast"),
            2
        );
    }
}
