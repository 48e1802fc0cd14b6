//! Human-readable text for items on the command line.

use std::fmt::Write;

use chrono::Utc;

use crate::domain::{BackingKind, Item, Time};

/// How long ago `t` was, in the largest whole unit: `5m`, `3h`, `2d`, `6w`.
pub fn ago(t: Time) -> String {
    let secs = (Utc::now() - t).num_seconds().max(0);
    match secs {
        s if s < 60 => t!("cli.ago.now").into_owned(),
        s if s < 3_600 => t!("cli.ago.m", n = s / 60).into_owned(),
        s if s < 86_400 => t!("cli.ago.h", n = s / 3_600).into_owned(),
        s if s < 14 * 86_400 => t!("cli.ago.d", n = s / 86_400).into_owned(),
        s => t!("cli.ago.w", n = s / (7 * 86_400)).into_owned(),
    }
}

/// `s` in at most `max` characters: cut between words, ending in "…" (a
/// word cut in half reads as another word, "restart" as "rest").
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let room = s
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(s.len(), |(at, _)| at);
    // Where the last word that fits whole ends, and its sign (a comma, a
    // dash) off too; one word longer than the room is cut after all.
    let whole = if s[room..].starts_with(char::is_whitespace) {
        &s[..room]
    } else {
        s[..room].trim_end_matches(|c: char| !c.is_whitespace())
    };
    let whole = whole.trim_end_matches(|c: char| !c.is_alphanumeric());
    let kept = if whole.is_empty() { &s[..room] } else { whole };
    format!("{kept}…")
}

/// The short facts shown after a title: who, when, counts.
pub fn meta(item: &Item) -> String {
    // People by the name colleagues know them by, never a badge pseudonym.
    let who = item
        .author_shown()
        .map(str::to_string)
        .unwrap_or_else(|| t!("cli.anonymous").into_owned());
    let when = ago(item.created_at());
    // Imported know-how has no author and asks no votes: its badge and
    // language say what it is.
    if let Some(r) = crate::domain::reference::of(item) {
        return match item {
            Item::Question(q) => format!(
                "{} · {} · {}",
                r.badge(),
                r.lang,
                crate::i18n::answers(q.answers.len())
            ),
            _ => format!("{} · {}", r.badge(), r.lang),
        };
    }
    match item {
        Item::Lesson(l) => format!("{} min · {}", l.minutes, l.lang),
        Item::Question(q) => format!(
            "{who} · {when} · {}",
            t!(
                "cli.meta.question",
                answers = crate::i18n::answers(q.answers.len()),
                me_too = q.count(BackingKind::MeToo),
                help = q.count(BackingKind::CanHelp),
                minutes = q.pledged_minutes()
            )
        ),
        Item::Tip(tip) => format!("{who} · {when} · {}", crate::i18n::votes(tip.votes.len())),
        Item::Learned(l) => format!("{who} · {when} · {}", l.visibility.name()),
    }
}

fn tags(item: &Item) -> String {
    item.tags()
        .iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line for `list`.
pub fn summary_line(item: &Item) -> String {
    summary_line_showing(item, item.title())
}

/// Characters of a title a summary line keeps.
pub const TITLE_CHARS: usize = 70;

/// One line for `search`: `text` (the title, or where the words stand)
/// in the title's place.
pub fn summary_line_showing(item: &Item, text: &str) -> String {
    let mut line = format!("{:<6} {}", item.id().to_string(), cut(text, TITLE_CHARS));
    let tags = tags(item);
    if !tags.is_empty() {
        let _ = write!(line, "  {tags}");
    }
    let _ = write!(line, "  ({})", meta(item));
    line
}

/// The whole item for `show`.
pub fn detail(item: &Item) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}: {}",
        crate::i18n::kind_word(item.kind()),
        item.id(),
        item.title()
    );
    let _ = writeln!(out, "{}", meta(item));
    let tags = tags(item);
    if !tags.is_empty() {
        let _ = writeln!(out, "{tags}");
    }
    let _ = writeln!(out);
    match item {
        Item::Lesson(l) => {
            let _ = writeln!(out, "{}", l.body);
            for (i, c) in l.cards.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "\n{}: {}\n  → {}",
                    t!("cli.show.card", n = i + 1),
                    c.question,
                    c.answer
                );
            }
        }
        Item::Question(q) => {
            if let Some(c) = &q.context {
                let _ = writeln!(out, "{} {c}", t!("cli.show.about"));
            }
            if let Some(r) = &q.reference {
                let _ = writeln!(out, "{} {}", t!("cli.show.source"), r.origin());
            }
            if !q.body.is_empty() {
                let _ = writeln!(out, "{}", q.body);
            }
            for b in &q.backings {
                let what = match b.minutes {
                    Some(m) => {
                        t!("cli.show.pledged", minutes = crate::i18n::minutes(m)).into_owned()
                    }
                    None => b.kind.name().to_string(),
                };
                let _ = writeln!(out, "  + {} {what}", b.who());
            }
            for a in &q.answers {
                let mark = if a.accepted {
                    format!(" {}", t!("detail.accepted"))
                } else {
                    String::new()
                };
                let head = t!(
                    "cli.show.answer",
                    n = a.id,
                    who = a.who(),
                    when = ago(a.created_at)
                );
                let _ = writeln!(out, "\n— {head}{mark}\n{}", a.body);
            }
            if q.answers.is_empty() {
                let _ = writeln!(out, "\n{}", t!("cli.show.no-answers", id = q.id));
            }
        }
        Item::Tip(t) => {
            let _ = writeln!(out, "{}", t.text);
            if let Some(c) = &t.context {
                let _ = writeln!(out, "\n{} {c}", t!("cli.show.about"));
            }
            if let Some(r) = &t.reference {
                let _ = writeln!(out, "{} {}", t!("cli.show.source"), r.origin());
            }
            if !t.votes.is_empty() {
                let voters: Vec<String> = t.votes.iter().map(|v| v.who().to_string()).collect();
                let _ = writeln!(out, "{} {}", t!("cli.show.votes"), voters.join(", "));
            }
        }
        Item::Learned(l) => {
            let _ = writeln!(out, "{}", l.text);
        }
    }
    out
}

#[cfg(test)]
mod cut_tests {
    use super::cut;

    #[test]
    fn a_long_line_is_cut_between_words() {
        let line = "Vóór je aan kubectl begint, altijd een herstart van de dienst — één regel";
        let shown = cut(line, 40);
        assert_eq!(shown, "Vóór je aan kubectl begint, altijd een…");
        assert!(shown.chars().count() <= 40);
        assert_eq!(cut("a restart of the service", 12), "a restart…");
        assert_eq!(cut("short", 12), "short");
        assert_eq!(cut(&"x".repeat(30), 10), format!("{}…", "x".repeat(9)));
    }
}
