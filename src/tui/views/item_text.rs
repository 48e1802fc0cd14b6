//! The text of an opened item, as logical lines ready to wrap.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::detail::Done;
use crate::domain::{BackingKind, Item, Learned, Lesson, Question, Time, Tip, Visibility, now};
use crate::tui::markdown;
use crate::tui::theme::Theme;
use crate::tui::wrap::WrapLine;

pub fn lines(item: &Item, revealed: usize, done: &Done, viewer: &str, t: &Theme) -> Vec<WrapLine> {
    match item {
        Item::Lesson(l) => lesson(l, revealed, done, t),
        Item::Question(q) => question(q, viewer, t),
        Item::Tip(tip) => tip_lines(tip, viewer, t),
        Item::Learned(l) => learned(l, t),
    }
}

/// "2 days ago", or the date when it is long ago.
pub fn ago(at: Time) -> String {
    let d = now() - at;
    match (d.num_minutes(), d.num_hours(), d.num_days()) {
        (m, _, _) if m < 1 => "just now".into(),
        (m, _, _) if m < 60 => format!("{m} min ago"),
        (_, h, _) if h < 24 => format!("{h} h ago"),
        (_, _, 1) => "yesterday".into(),
        (_, _, days) if days < 30 => format!("{days} days ago"),
        _ => at.format("%Y-%m-%d").to_string(),
    }
}

fn tags(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A line of facts joined by dots, skipping empty ones.
fn meta(parts: &[String], t: &Theme) -> WrapLine {
    let text = parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ");
    WrapLine::new(Span::styled(text, t.muted))
}

/// Plain text, one logical line per line of the text.
fn text(body: &str, style: Style, out: &mut Vec<WrapLine>) {
    for l in body.lines() {
        out.push(WrapLine::new(Span::styled(l.to_string(), style)));
    }
}

fn heading(s: &str, t: &Theme) -> WrapLine {
    WrapLine::new(Span::styled(s.to_string(), t.heading))
}

fn lesson(l: &Lesson, revealed: usize, done: &Done, t: &Theme) -> Vec<WrapLine> {
    let mut out = vec![heading(&l.title, t)];
    let status = if done.is_some() { "✓ done" } else { "" };
    out.push(meta(
        &[format!("{} min", l.minutes), tags(&l.tags), status.into()],
        t,
    ));
    out.push(WrapLine::blank());
    out.extend(markdown::render(&l.body, t));
    if !l.cards.is_empty() {
        out.push(WrapLine::blank());
        out.push(heading("Check yourself", t));
        for (i, card) in l.cards.iter().enumerate() {
            out.push(WrapLine::blank());
            out.push(WrapLine::indented(
                Span::styled(format!("{}. {}", i + 1, card.question), t.strong),
                3,
            ));
            let answer = if i < revealed {
                Span::styled(card.answer.clone(), t.ok)
            } else {
                Span::styled("(hidden)", t.muted)
            };
            out.push(WrapLine::indented(
                Line::from(vec![Span::styled("   → ", t.muted), answer]),
                5,
            ));
        }
    }
    out.push(WrapLine::blank());
    match done {
        Some(Some(reflection)) => out.push(WrapLine::new(Span::styled(
            format!("✓ Done. What it brought you: “{reflection}”"),
            t.ok,
        ))),
        Some(None) => out.push(WrapLine::new(Span::styled("✓ Done.", t.ok))),
        None => out.push(WrapLine::new(Span::styled(
            "Finished? Mark it done and say what it brought you.",
            t.muted,
        ))),
    }
    out
}

fn question(q: &Question, viewer: &str, t: &Theme) -> Vec<WrapLine> {
    let mut out = vec![heading(&q.title, t)];
    let who = q
        .author
        .as_deref()
        .map_or("asked anonymously".to_string(), |a| format!("asked by {a}"));
    out.push(meta(
        &[
            who,
            ago(q.created_at),
            q.context
                .clone()
                .map(|c| format!("about {c}"))
                .unwrap_or_default(),
            tags(&q.tags),
        ],
        t,
    ));
    if !q.body.is_empty() {
        out.push(WrapLine::blank());
        text(&q.body, t.text, &mut out);
    }
    out.push(WrapLine::blank());
    out.push(backing_line(q, viewer, t));
    for kind in [
        BackingKind::MeToo,
        BackingKind::CanHelp,
        BackingKind::Pledge,
    ] {
        let names: Vec<String> = q
            .backings
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| match b.minutes {
                Some(m) => format!("{} ({m} min)", you(&b.person, viewer)),
                None => you(&b.person, viewer),
            })
            .collect();
        if !names.is_empty() {
            let label = match kind {
                BackingKind::MeToo => "me too",
                BackingKind::CanHelp => "can help",
                BackingKind::Pledge => "pledged",
            };
            out.push(WrapLine::indented(
                Span::styled(format!("  {label}: {}", names.join(", ")), t.muted),
                4,
            ));
        }
    }
    out.push(WrapLine::blank());
    if q.answers.is_empty() {
        out.push(WrapLine::new(Span::styled(
            "No answers yet. Do you know the answer?",
            t.muted,
        )));
    } else {
        out.push(heading(&format!("Answers ({})", q.answers.len()), t));
        for a in &q.answers {
            out.push(WrapLine::blank());
            let accepted = if a.accepted { " · ✓ accepted" } else { "" };
            out.push(WrapLine::new(Span::styled(
                format!(
                    "— {}, {}{accepted}",
                    you(&a.author, viewer),
                    ago(a.created_at)
                ),
                if a.accepted { t.ok } else { t.muted },
            )));
            text(&a.body, t.text, &mut out);
        }
    }
    out
}

fn backing_line(q: &Question, viewer: &str, t: &Theme) -> WrapLine {
    let me_too = q.count(BackingKind::MeToo);
    let help = q.count(BackingKind::CanHelp);
    let minutes = q.pledged_minutes();
    let mine: Vec<&str> = q
        .backings
        .iter()
        .filter(|b| b.person == viewer)
        .map(|b| b.kind.name())
        .collect();
    let mut parts = vec![format!(
        "Backing: {me_too} me too · {help} can help · {minutes} min pledged"
    )];
    if !mine.is_empty() {
        parts.push(format!("you: {}", mine.join(", ")));
    }
    WrapLine::new(Span::styled(parts.join(" · "), t.accent))
}

fn you(person: &str, viewer: &str) -> String {
    if person == viewer {
        "you".into()
    } else {
        person.into()
    }
}

fn tip_lines(tip: &Tip, viewer: &str, t: &Theme) -> Vec<WrapLine> {
    let mut out = Vec::new();
    text(&tip.text, t.text, &mut out);
    out.push(WrapLine::blank());
    out.push(meta(
        &[
            format!("by {}", you(&tip.author, viewer)),
            ago(tip.created_at),
            tip.context
                .clone()
                .map(|c| format!("for {c}"))
                .unwrap_or_default(),
            tags(&tip.tags),
        ],
        t,
    ));
    let voters: Vec<String> = tip.votes.iter().map(|v| you(&v.person, viewer)).collect();
    let votes = match voters.len() {
        0 => "▲ no votes yet: was it useful?".to_string(),
        1 => format!("▲ 1 vote ({})", voters.join(", ")),
        n => format!("▲ {n} votes ({})", voters.join(", ")),
    };
    out.push(WrapLine::new(Span::styled(votes, t.accent)));
    out
}

fn learned(l: &Learned, t: &Theme) -> Vec<WrapLine> {
    let mut out = Vec::new();
    text(&l.text, t.text, &mut out);
    out.push(WrapLine::blank());
    let visibility = match l.visibility {
        Visibility::Team => "shared with the team",
        Visibility::Private => "private: only you see it",
    };
    out.push(meta(
        &[
            format!("{} learned this", l.author),
            ago(l.created_at),
            visibility.into(),
            tags(&l.tags),
        ],
        t,
    ));
    out
}
