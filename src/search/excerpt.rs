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
            let (text, marks) = window(body, first.start, &place::spans(body, &all));
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
        // The title holds every word: shown whole, and cut to a row's
        // width where it is drawn (`fit`).
        _ => (title.to_string(), place::spans(title, &all)),
    };
    (text, marks)
}

/// What a row of `room` columns shows of `text` (a title, or a stretch of
/// text after `…`) with its `marks`: all of it when its marks show from
/// the start; else cut at the left (at a word start, after `…`) only as
/// far as all its marks need to end inside the row, or, when they cannot
/// all, from the first mark on; the rest is left for the row to cut at
/// the right. `width` measures columns, as the row does. So "How do I
/// quit with vim?" stays whole, and a long title still shows its matches.
pub fn fit(
    text: &str,
    marks: &[Range<usize>],
    room: usize,
    width: impl Fn(&str) -> usize,
) -> (String, Vec<Range<usize>>) {
    let whole = || (text.to_string(), marks.to_vec());
    let Some(first) = marks.first() else {
        return whole();
    };
    let more = width(MORE);
    // Columns the row needs from byte `start` on to show the text up to
    // byte `end` whole: the lead `…` when cut, that text, and the trailing
    // `…` when the rest does not fit either.
    let needs = |start: usize, end: usize| {
        let lead = if start > 0 { more } else { 0 };
        let rest = lead + width(&text[start..]);
        lead + width(&text[start..end]) + if rest > room { more } else { 0 }
    };
    // Every mark when they fit in the row together ("zooms … pane"),
    // else the first.
    let last = marks.iter().map(|m| m.end).max().unwrap_or(first.end);
    if needs(0, last) <= room {
        return whole();
    }
    let word_starts: Vec<usize> = [0]
        .into_iter()
        .chain(
            text[..first.start]
                .char_indices()
                .zip(text[..first.start].chars().skip(1))
                .filter(|&((_, c), next)| c.is_whitespace() && !next.is_whitespace())
                .map(|((i, c), _)| i + c.len_utf8()),
        )
        .chain([first.start])
        .collect();
    let from = |end: usize| word_starts.iter().copied().find(|&s| needs(s, end) <= room);
    // When they do not fit together: the title from its start if the
    // first shows there, else the row starts at the first, since what
    // follows it is where the other words are likelier to stand.
    let start = match (from(last), from(first.end)) {
        (Some(start), _) => start,
        (None, Some(0)) => 0,
        (None, _) if marks.len() > 1 => first.start,
        (None, found) => found.unwrap_or(first.start),
    };
    if start == 0 {
        return whole();
    }
    let shown = format!("{MORE}{}", &text[start..]);
    (shown, after_cut(marks, start))
}

/// `text` (a body) from a little before byte `at` (a word start, after
/// `…`), with `marks` moved along. It starts with `…` even from its
/// beginning: it is no title.
fn window(text: &str, at: usize, marks: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let before = text[..at].chars().count();
    let start = if before <= LEAD {
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
    // A row is one line: line breaks and tabs of the text become spaces,
    // one byte for one, so the marks stay on their letters.
    let one_line: String = text[start..]
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let shown = format!("{MORE}{one_line}");
    (shown, after_cut(marks, start))
}

/// `marks` of a text shown from byte `start` on after `…`: those from
/// there, moved along.
fn after_cut(marks: &[Range<usize>], start: usize) -> Vec<Range<usize>> {
    let shift = |b: usize| b - start + MORE.len();
    marks
        .iter()
        .filter(|m| m.start >= start)
        .map(|m| shift(m.start)..shift(m.end))
        .collect()
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

    /// `text` fitted to `room` columns, and what its marks then cover.
    fn fitted(title: &str, words: &[&str], room: usize) -> (String, Vec<String>) {
        let words: Vec<Vec<&str>> = words.iter().map(|w| vec![*w]).collect();
        let (text, marks) = of(title, "", &words);
        let (text, marks) = fit(&text, &marks, room, |s| s.chars().count());
        let marked = marks.iter().map(|m| text[m.clone()].to_string()).collect();
        (text, marked)
    }

    #[test]
    fn a_word_far_into_a_long_title_is_brought_forward_only_as_far_as_needed() {
        let title = "When the label printer on the second floor hangs again, first check the roll";
        let (text, marked) = shown(title, "", &["roll"]);
        assert_eq!(text, title, "cut only where it is drawn");
        assert_eq!(marked, vec!["roll"]);
        let (text, marked) = fitted(title, &["roll"], 30);
        assert_eq!(text, "…again, first check the roll");
        assert_eq!(marked, vec!["roll"]);
        let (text, _) = fitted(title, &["roll"], 80);
        assert_eq!(text, title, "it fits: whole");
        // The mark within the row from the start: nothing is cut before it.
        let (text, marked) = fitted(title, &["label"], 30);
        assert_eq!(text, title);
        assert_eq!(marked, vec!["label"]);
    }

    /// Two words of the query: the row shows both when they fit in it
    /// together, not only the first ("…z zooms t…" lost "pane").
    #[test]
    fn every_matched_word_is_shown_when_they_fit_together() {
        let title = "In tmux, prefix then z zooms the current pane and back";
        let (text, marked) = fitted(title, &["zooms", "pane"], 30);
        assert_eq!(text, "…z zooms the current pane and back");
        assert_eq!(marked, vec!["zooms", "pane"]);
        // Too far apart for one row: the title from its start when the
        // first shows there, else the row starts at the first.
        let (text, marked) = fitted(title, &["prefix", "back"], 20);
        assert_eq!(text, title);
        assert_eq!(marked, vec!["prefix", "back"]);
        let (text, marked) = fitted(title, &["zooms", "back"], 20);
        assert_eq!(text, "…zooms the current pane and back");
        assert_eq!(marked, vec!["zooms", "back"]);
    }

    /// Found by a tester: "How do I quit with vim?" showed as "…with vim?",
    /// cut although the whole title fit the row.
    #[test]
    fn a_short_title_is_never_cut() {
        let title = "How do I quit with vim?";
        for room in [23, 30, 74] {
            let (text, marked) = fitted(title, &["vim"], room);
            assert_eq!(text, title, "{room} columns");
            assert_eq!(marked, vec!["vim"]);
        }
        // Too narrow for the whole title: the left gives way, the match stays.
        let (text, marked) = fitted(title, &["vim"], 12);
        assert_eq!(text, "…with vim?");
        assert_eq!(marked, vec!["vim"]);
    }

    /// Seen in `search` on the bundled lessons: an excerpt of a markdown
    /// body spread one hit over several lines.
    #[test]
    fn an_excerpt_of_several_lines_is_shown_on_one() {
        let body = "## Start\n\nBegin with\r\nthe\tgoal, so people know";
        let (text, marked) = shown("Lesson", body, &["goal"]);
        assert_eq!(text, "…with  the goal, so people know");
        assert_eq!(marked, vec!["goal"]);
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
