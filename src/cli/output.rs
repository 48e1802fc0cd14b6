//! Human-readable text for items on the command line.

use std::fmt::Write;

use chrono::Utc;

use crate::domain::{BackingKind, Item, Time};

/// How long ago `t` was, in the largest whole unit: `5m`, `3h`, `2d`, `6w`.
pub fn ago(t: Time) -> String {
    let secs = (Utc::now() - t).num_seconds().max(0);
    match secs {
        s if s < 60 => "now".to_string(),
        s if s < 3_600 => format!("{}m ago", s / 60),
        s if s < 86_400 => format!("{}h ago", s / 3_600),
        s if s < 14 * 86_400 => format!("{}d ago", s / 86_400),
        s => format!("{}w ago", s / (7 * 86_400)),
    }
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The short facts shown after a title: who, when, counts.
pub fn meta(item: &Item) -> String {
    let who = item
        .author()
        .map(|a| format!("@{a}"))
        .unwrap_or_else(|| "anonymous".to_string());
    let when = ago(item.created_at());
    match item {
        Item::Lesson(l) => format!("{} min · {}", l.minutes, l.lang),
        Item::Question(q) => format!(
            "{who} · {when} · {} answers · {} me-too · {} can help · {} min pledged",
            q.answers.len(),
            q.count(BackingKind::MeToo),
            q.count(BackingKind::CanHelp),
            q.pledged_minutes()
        ),
        Item::Tip(t) => format!("{who} · {when} · {} votes", t.votes.len()),
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

/// One line for `list` and `search`.
pub fn summary_line(item: &Item) -> String {
    let mut line = format!("{:<6} {}", item.id().to_string(), cut(item.title(), 70));
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
    let _ = writeln!(out, "{} {}: {}", item.kind(), item.id(), item.title());
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
                let _ = writeln!(out, "\nCard {}: {}\n  → {}", i + 1, c.question, c.answer);
            }
        }
        Item::Question(q) => {
            if let Some(c) = &q.context {
                let _ = writeln!(out, "about: {c}");
            }
            if !q.body.is_empty() {
                let _ = writeln!(out, "{}", q.body);
            }
            for b in &q.backings {
                let what = match b.minutes {
                    Some(m) => format!("pledged {m} minutes"),
                    None => b.kind.name().to_string(),
                };
                let _ = writeln!(out, "  + @{} {what}", b.person);
            }
            for a in &q.answers {
                let mark = if a.accepted { " ✓ accepted" } else { "" };
                let _ = writeln!(
                    out,
                    "\n— answer {} by @{} ({}){mark}\n{}",
                    a.id,
                    a.author,
                    ago(a.created_at),
                    a.body
                );
            }
            if q.answers.is_empty() {
                let _ = writeln!(out, "\nNo answers yet: `leertuin answer {} \"…\"`", q.id);
            }
        }
        Item::Tip(t) => {
            let _ = writeln!(out, "{}", t.text);
            if let Some(c) = &t.context {
                let _ = writeln!(out, "\nabout: {c}");
            }
            if !t.votes.is_empty() {
                let voters: Vec<String> =
                    t.votes.iter().map(|v| format!("@{}", v.person)).collect();
                let _ = writeln!(out, "votes: {}", voters.join(", "));
            }
        }
        Item::Learned(l) => {
            let _ = writeln!(out, "{}", l.text);
        }
    }
    out
}
