//! Finds the questions asked before that a question being typed resembles
//! (see `views::similar`). Cheap by design: it looks again only when a
//! word is finished, through the search index the pane already keeps
//! (read in the background, so the form's first frame never waits), one
//! search per significant word.
//!
//! A question counts only when it holds the typed words themselves (the
//! same word with accents aside, the same Dutch or English stem, or inside
//! a longer word, as Dutch joins them); questions in the person's language
//! come first. Nothing is shown rather than noise.

use std::collections::{HashMap, HashSet};

use nucleo_matcher::chars::{normalize, to_lower_case};
use rust_stemmers::{Algorithm, Stemmer};

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

/// Little words that find everything and mean nothing here (four letters
/// or more: shorter words are never looked up), English and Dutch.
const STOP: &[&str] = &[
    "about",
    "after",
    "also",
    "anyone",
    "best",
    "could",
    "does",
    "doet",
    "door",
    "echt",
    "from",
    "goed",
    "goede",
    "graag",
    "have",
    "heeft",
    "hebben",
    "iemand",
    "into",
    "just",
    "kunnen",
    "kunt",
    "like",
    "maar",
    "make",
    "meer",
    "mijn",
    "moet",
    "moeten",
    "need",
    "niet",
    "onze",
    "over",
    "should",
    "some",
    "that",
    "their",
    "them",
    "then",
    "there",
    "they",
    "this",
    "veel",
    "voor",
    "waar",
    "waarom",
    "wanneer",
    "want",
    "welk",
    "welke",
    "were",
    "what",
    "when",
    "where",
    "which",
    "will",
    "with",
    "word",
    "worden",
    "wordt",
    "would",
    "your",
    "zijn",
    "zonder",
    // Verbs any question may hold.
    "werken",
    "werkt",
    "work",
    "works",
    "working",
    "doen",
    "gebruik",
    "gebruiken",
    "using",
];

/// Little words only Dutch has, and only English: enough to tell which
/// language a question is in.
const DUTCH: &[&str] = &[
    "de", "het", "een", "ik", "je", "jij", "hoe", "wat", "waar", "wie", "waarom", "welke", "van",
    "voor", "op", "met", "niet", "mijn", "kan", "kun", "moet", "zijn", "er", "dit", "dat", "en",
    "ook", "nog", "naar", "bij", "om", "te", "wordt", "heb", "hebben",
];
const ENGLISH: &[&str] = &[
    "the", "a", "an", "i", "you", "how", "what", "where", "who", "why", "which", "of", "for", "on",
    "with", "not", "my", "can", "could", "should", "are", "do", "does", "to", "and", "it", "this",
    "that", "there", "get", "have", "has",
];

/// A typed word this long is found inside a longer word too
/// ("schoenen" in "veiligheidsschoenen"); shorter ones only whole.
const INSIDE_FROM: usize = 5;

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
    // are shown, in the person's language first, then those holding most
    // of them. Nothing beats noise.
    // The person's language (profile, else LEERTUIN_LANG): what they type
    // is in it, so its words are stemmed in it alone. Stemmed in both, a
    // Dutch word met an unrelated one by their English stems.
    let mine = crate::i18n::lang();
    let mut shown: Vec<((bool, usize), Similar)> = best
        .into_iter()
        .filter_map(|(id, _)| match app.store.get(id, &app.user) {
            Ok(Item::Question(q)) => {
                let held = held_words(&words, &q.title, &q.body, mine);
                let own = language(&format!("{}\n{}", q.title, q.body)) == Some(mine);
                (held > 0 && held * 2 >= words.len()).then(|| {
                    (
                        (own, held),
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
    // A question holding more of the words makes those holding fewer
    // noise ("Hoe werkt grafana" is not "Waarom werkt sql niet").
    let most = shown.iter().map(|((_, held), _)| *held).max().unwrap_or(0);
    shown.retain(|((_, held), _)| *held == most);
    // Stable: equal counts keep the index's order.
    shown.sort_by_key(|(rank, _)| std::cmp::Reverse(*rank));
    form.similar = shown.into_iter().take(SHOWN).map(|(_, s)| s).collect();
}

/// How many of `words` (lower case) the question's text holds: as a word
/// of its own in one of its [`forms`] in language `lang`, or, for a long
/// enough word, inside a longer one.
fn held_words(words: &[String], title: &str, body: &str, lang: &str) -> usize {
    let text = format!("{title}\n{body}");
    let folded: String = text.chars().map(fold).collect();
    let theirs: HashSet<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .flat_map(|w| forms(w, lang))
        .collect();
    words
        .iter()
        .filter(|w| {
            let mine = forms(w, lang);
            mine.iter().any(|f| theirs.contains(f))
                || (w.chars().count() >= INSIDE_FROM && folded.contains(mine[0].as_str()))
        })
        .count()
}

/// Case and accents folded, as search folds them: "Café" is "cafe".
fn fold(c: char) -> char {
    to_lower_case(normalize(c))
}

/// The forms of a word that count as the same word: folded, and its
/// Snowball stem in the person's language `lang` ("handschoenen",
/// "handschoen"), marked as a stem so it never meets a word as written.
/// Dutch plurals in `-es` ("keuzes", "notities") keep their `s` in Dutch
/// Snowball: the singular's stem is a form of them too.
fn forms(word: &str, lang: &str) -> Vec<String> {
    let folded: String = word.chars().map(fold).collect();
    let mut out = vec![folded.clone()];
    let dutch = lang == "nl";
    let stemmer = Stemmer::create(if dutch {
        Algorithm::Dutch
    } else {
        Algorithm::English
    });
    let mut stems = vec![stemmer.stem(&folded).into_owned()];
    if dutch && folded.ends_with("es") {
        stems.push(stemmer.stem(&folded[..folded.len() - 1]).into_owned());
    }
    for stem in stems {
        if stem.chars().count() >= 3 {
            out.push(format!("stem:{stem}"));
        }
    }
    out
}

/// The language `text` reads in, by its little words: `Some("nl")`,
/// `Some("en")`, or `None` when they don't tell.
pub fn language(text: &str) -> Option<&'static str> {
    let (mut nl, mut en) = (0, 0);
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        let w = w.to_lowercase();
        nl += usize::from(DUTCH.contains(&w.as_str()));
        en += usize::from(ENGLISH.contains(&w.as_str()));
    }
    match nl.cmp(&en) {
        std::cmp::Ordering::Greater => Some("nl"),
        std::cmp::Ordering::Less => Some("en"),
        std::cmp::Ordering::Equal => None,
    }
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
        assert_eq!(held_words(&vind, "How do I get started?", "", "nl"), 0);
        assert_eq!(held_words(&vind, "Waar vind ik de kantine?", "", "nl"), 1);
        let two = vec!["handschoenen".to_string(), "maat".to_string()];
        assert_eq!(
            held_words(&two, "Welke maat?", "Handschoenen in de kast", "nl"),
            2
        );
    }

    #[test]
    fn the_same_word_stem_or_accentless_form_counts_scattered_letters_never() {
        let typed = words("Waar vind ik de handschoenen ");
        assert_eq!(
            held_words(&typed, "How do I get started with vim?", "", "nl"),
            0
        );
        assert_eq!(
            held_words(&typed, "Is there a good course for logistics?", "", "nl"),
            0
        );
        assert_eq!(
            held_words(&typed, "Welke handschoen bij het snijden?", "", "nl"),
            1
        );
        let cafe = words("Is het café open ");
        assert_eq!(held_words(&cafe, "Wanneer is het cafe dicht?", "", "nl"), 1);
        // Short words only whole: "lamp" is not in "klampen".
        assert_eq!(
            held_words(&words("lamp kast "), "Waar zijn de klampen?", "", "nl"),
            0
        );
    }

    #[test]
    fn words_are_stemmed_in_the_persons_language_only() {
        // "overal" and "over" share an English stem, not a Dutch one: a
        // Dutch worker's "overal" is not "over".
        let typed = words("Ligt er overal gereedschap ");
        assert_eq!(
            held_words(&typed, "Wie weet iets over de pers?", "", "nl"),
            0
        );
        assert_eq!(held_words(&typed, "Waar is het gereedschap?", "", "nl"), 1);
        // Dutch plurals in -es meet their singular.
        let keuzes = words("Welke keuzes heb ik ");
        assert_eq!(
            held_words(&keuzes, "Is er een keuze voor de lunch?", "", "nl"),
            1
        );
        // English is stemmed as English for an English speaker.
        let files = words("Where are the files ");
        assert_eq!(held_words(&files, "Which file is it?", "", "en"), 1);
    }

    #[test]
    fn the_language_of_a_question_by_its_little_words() {
        assert_eq!(language("Waar liggen de handschoenen?"), Some("nl"));
        assert_eq!(language("Which flag shows the logs?"), Some("en"));
        assert_eq!(language("kubectl rollout"), None);
    }
}
