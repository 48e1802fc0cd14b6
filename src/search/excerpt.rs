//! The part of a hit's text a row shows: its title when the title holds
//! every word, else the stretch of the body where a word stands, so the
//! row shows why the item matched instead of a title cut before it.

use std::ops::Range;

use super::place;

/// Characters kept before the first mark, so a mark stands near the start
/// of even a 40-column row, with a few words of lead-in.
const LEAD: usize = 12;
/// Characters of body kept: more than any row shows.
const LONGEST: usize = 160;
/// Marks a shortened text.
const MORE: &str = "…";

/// What to show of a hit and where in it the words stand. `words` holds
/// each query word's forms (the word and its stand-ins).
pub fn of(title: &str, body: &str, words: &[Vec<&str>]) -> (String, Vec<Range<usize>>) {
    let all: Vec<&str> = words.iter().flatten().copied().collect();
    let in_title = |forms: &Vec<&str>| !place::spans(title, forms).is_empty();
    let missing: Vec<&str> = words
        .iter()
        .filter(|forms| !in_title(forms))
        .flatten()
        .copied()
        .collect();
    let body_marks = place::spans(body, &missing);
    let (text, marks) = match body_marks.first() {
        // A word the title lacks stands in the body: show it there.
        Some(first) if !missing.is_empty() => {
            let (text, marks) = window(body, first.start, &place::spans(body, &all), true);
            let end = text
                .char_indices()
                .nth(LONGEST)
                .map_or(text.len(), |(i, _)| i);
            if end == text.len() {
                return (text, marks);
            }
            // Cut where a word ends, not inside one, and say it goes on.
            let end = text[..end]
                .trim_end_matches(|c: char| !c.is_whitespace())
                .trim_end();
            let end = if end.len() > MORE.len() {
                end.len()
            } else {
                // One word longer than the row: cut it after all.
                text.char_indices()
                    .nth(LONGEST)
                    .map_or(text.len(), |(i, _)| i)
            };
            let marks = marks.into_iter().filter(|m| m.end <= end).collect();
            (format!("{}{MORE}", &text[..end]), marks)
        }
        _ => {
            let marks = place::spans(title, &all);
            match marks.first() {
                Some(first) => window(title, first.start, &marks, false),
                None => (title.to_string(), marks),
            }
        }
    };
    (text, marks)
}

/// `text` from a little before byte `at` (a word start, after `…`), with
/// `marks` moved along. A body's text starts with `…` even from its
/// beginning (`always`): it is no title.
fn window(
    text: &str,
    at: usize,
    marks: &[Range<usize>],
    always: bool,
) -> (String, Vec<Range<usize>>) {
    let before = text[..at].chars().count();
    let start = if before <= LEAD {
        if !always {
            return (text.to_string(), marks.to_vec());
        }
        0
    } else {
        let lead = text[..at]
            .char_indices()
            .nth(before - LEAD)
            .map_or(at, |(i, _)| i);
        // Start at the next word, unless the lead-in is one long word.
        let start = text[lead..at]
            .find(char::is_whitespace)
            .map_or(lead, |i| lead + i)
            .min(at);
        start + text[start..at].len() - text[start..at].trim_start().len()
    };
    let shown = format!("{MORE}{}", &text[start..]);
    let shift = |b: usize| b - start + MORE.len();
    let marks = marks
        .iter()
        .filter(|m| m.start >= start)
        .map(|m| shift(m.start)..shift(m.end))
        .collect();
    (shown, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(title: &str, body: &str, words: &[&str]) -> (String, Vec<String>) {
        let words: Vec<Vec<&str>> = words.iter().map(|w| vec![*w]).collect();
        let (text, marks) = of(title, body, &words);
        let marked = marks.iter().map(|m| text[m.clone()].to_string()).collect();
        (text, marked)
    }

    #[test]
    fn a_title_holding_every_word_is_shown_whole() {
        let (text, marked) = shown("Restart the printer queue", "flap B", &["printer"]);
        assert_eq!(text, "Restart the printer queue");
        assert_eq!(marked, vec!["printer"]);
    }

    #[test]
    fn a_word_only_in_the_body_shows_the_body_around_it() {
        let body =
            "Open the side door, lift the green lever, then pull the jammed sheet out slowly";
        let (text, marked) = shown("Printer jams", body, &["jammed", "sheet"]);
        assert!(text.starts_with("…pull the jammed"), "{text}");
        assert_eq!(marked, vec!["jammed", "sheet"]);
    }

    #[test]
    fn a_word_far_into_a_long_title_is_brought_forward() {
        let title = "When the label printer on the second floor hangs again, first check the roll";
        let (text, marked) = shown(title, "", &["roll"]);
        assert!(text.starts_with("…check the roll"), "{text}");
        assert_eq!(marked, vec!["roll"]);
    }

    #[test]
    fn a_long_body_is_cut_between_words() {
        let body = "kettle ".repeat(10) + &"drawer ".repeat(40);
        let (text, marked) = shown("Tip", &body, &["kettle"]);
        assert!(text.ends_with("drawer…"), "{text}");
        assert_eq!(marked.first().map(String::as_str), Some("kettle"));
        let (text, _) = shown("Tip", &"x".repeat(400), &["xxx"]);
        assert_eq!(text.chars().count(), LONGEST + 1, "one long word is cut");
    }

    #[test]
    fn accents_and_emoji_keep_marks_on_their_letters() {
        let body = "Vraag het aan de coördinator 👍 van de nachtdienst — die weet het café";
        let (text, marked) = shown("Tip", body, &["cafe"]);
        assert!(text.starts_with('…'), "{text}");
        assert_eq!(marked, vec!["café"]);
    }
}
