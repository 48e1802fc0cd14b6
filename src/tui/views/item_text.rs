//! The text of an opened item, as logical lines ready to wrap.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::detail::Done;
use crate::domain::{
    BackingKind, Item, Learned, Lesson, Question, Time, Tip, Visibility, now, shown as who,
};
use crate::tui::markdown;
use crate::tui::theme::Theme;
use crate::tui::wrap::WrapLine;

/// What the viewer can do on a question, for the words that invite it:
/// the screen never asks for what its keys do not do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Offers {
    /// May choose the answer that helped on their own question (not at a
    /// kiosk login without the PIN: neither offered nor reminded of).
    pub choose: bool,
    /// How to answer a colleague's question from here, said after "Do you
    /// know the answer?" ("Druk op Enter om te antwoorden."): at a kiosk
    /// typing asks a new question, so the key is named (issue 11).
    pub answer: Option<String>,
}

/// `new_after`: on the viewer's own question, answers above this id (by
/// others) came since they last looked and are marked new.
pub fn lines(
    item: &Item,
    revealed: usize,
    done: &Done,
    viewer: &str,
    new_after: Option<i64>,
    offers: &Offers,
    t: &Theme,
) -> Vec<WrapLine> {
    match item {
        Item::Lesson(l) => lesson(l, revealed, done, t),
        Item::Question(q) => question(q, viewer, new_after, offers, t),
        Item::Tip(tip) => tip_lines(tip, viewer, t),
        Item::Learned(l) => learned(l, t),
    }
}

/// "2 days ago", or the date when it is long ago.
pub fn ago(at: Time) -> String {
    let d = now() - at;
    match (d.num_minutes(), d.num_hours(), d.num_days()) {
        (m, _, _) if m < 1 => t!("ago.now").into_owned(),
        (m, _, _) if m < 60 => t!("ago.minutes", n = m).into_owned(),
        (_, h, _) if h < 24 => t!("ago.hours", n = h).into_owned(),
        (_, _, 1) => t!("ago.yesterday").into_owned(),
        (_, _, days) if days < 30 => t!("ago.days", n = days).into_owned(),
        // Long ago: the month named in the person's language, never a
        // numeric date that reads differently in Dutch and English.
        _ => crate::i18n::day_month_year(at),
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
    let status = if done.is_some() {
        t!("detail.done-mark").into_owned()
    } else {
        String::new()
    };
    out.push(meta(
        &[
            t!("badge.minutes", n = l.minutes).into_owned(),
            tags(&l.tags),
            status,
        ],
        t,
    ));
    out.push(WrapLine::blank());
    out.extend(markdown::render(&l.body, t));
    if !l.cards.is_empty() {
        out.push(WrapLine::blank());
        out.push(heading(&t!("detail.check-yourself"), t));
        for (i, card) in l.cards.iter().enumerate() {
            out.push(WrapLine::blank());
            out.push(WrapLine::indented(
                Span::styled(format!("{}. {}", i + 1, card.question), t.strong),
                3,
            ));
            let answer = if i < revealed {
                Span::styled(card.answer.clone(), t.ok)
            } else {
                Span::styled(t!("detail.hidden"), t.muted)
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
            t!("detail.done-brought", reflection = reflection),
            t.ok,
        ))),
        Some(None) => out.push(WrapLine::new(Span::styled(t!("detail.done"), t.ok))),
        None => out.push(WrapLine::new(Span::styled(t!("detail.finished"), t.muted))),
    }
    out
}

fn question(
    q: &Question,
    viewer: &str,
    new_after: Option<i64>,
    offers: &Offers,
    t: &Theme,
) -> Vec<WrapLine> {
    let mut out = vec![heading(&q.title, t)];
    let who = q
        .who()
        .map_or(t!("detail.asked-anonymously").into_owned(), |a| {
            t!("detail.asked-by", name = a).into_owned()
        });
    out.push(meta(
        &[
            who,
            ago(q.created_at),
            q.context
                .clone()
                .map(|c| t!("detail.about", context = c).into_owned())
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
                Some(m) => format!(
                    "{} ({})",
                    you(&b.person, b.who(), viewer),
                    t!("badge.minutes", n = m)
                ),
                None => you(&b.person, b.who(), viewer),
            })
            .collect();
        if !names.is_empty() {
            let label = match kind {
                BackingKind::MeToo => t!("detail.backers.me-too"),
                BackingKind::CanHelp => t!("detail.backers.can-help"),
                BackingKind::Pledge => t!("detail.backers.pledged"),
            };
            out.push(WrapLine::indented(
                Span::styled(format!("  {label}: {}", names.join(", ")), t.muted),
                4,
            ));
        }
    }
    out.push(WrapLine::blank());
    if q.answers.is_empty() {
        // The asker can't answer their own question: they are told where
        // the answer will show, not asked whether they know it.
        let own = q.author.as_deref() == Some(viewer);
        let said = match &offers.answer {
            _ if own => t!("detail.no-answers-own").into_owned(),
            Some(how) => format!("{} {how}", t!("detail.no-answers")),
            None => t!("detail.no-answers").into_owned(),
        };
        out.push(WrapLine::new(Span::styled(said, t.muted)));
    } else {
        out.push(heading(&t!("detail.answers", n = q.answers.len()), t));
        // The asker is reminded, gently, that choosing the answer that
        // helped shows colleagues what works.
        if offers.choose
            && q.author.as_deref() == Some(viewer)
            && !q.answers.iter().any(|a| a.accepted)
        {
            out.push(WrapLine::new(Span::styled(
                t!("detail.choose-reminder"),
                t.accent,
            )));
        }
        for a in &q.answers {
            out.push(WrapLine::blank());
            let mut accepted = if a.accepted {
                format!(" · {}", t!("detail.accepted"))
            } else {
                String::new()
            };
            if new_after.is_some_and(|seen| a.id > seen) && a.author != viewer {
                accepted.push_str(&format!(" · {}", t!("detail.new-answer")));
            }
            out.push(WrapLine::new(Span::styled(
                format!(
                    "— {}, {}{accepted}",
                    you(&a.author, a.who(), viewer),
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
    let mine: Vec<String> = q
        .backings
        .iter()
        .filter(|b| b.person == viewer)
        .map(|b| backing_word(b.kind))
        .collect();
    let mut parts = vec![
        t!(
            "detail.backing",
            me_too = me_too,
            help = help,
            minutes = minutes
        )
        .into_owned(),
    ];
    if !mine.is_empty() {
        parts.push(t!("detail.backing.yours", what = mine.join(", ")).into_owned());
    }
    WrapLine::new(Span::styled(parts.join(" · "), t.accent))
}

/// What someone did for a question, in plain words ("me too").
fn backing_word(kind: BackingKind) -> String {
    let s = match kind {
        BackingKind::MeToo => t!("detail.backing.me-too"),
        BackingKind::CanHelp => t!("detail.backing.can-help"),
        BackingKind::Pledge => t!("detail.backing.pledge"),
    };
    s.into_owned()
}

/// "you" for the viewer, else the person's display name (never the
/// handle: a badge pseudonym means nothing to a colleague).
fn you(handle: &str, name: &str, viewer: &str) -> String {
    if handle == viewer {
        t!("detail.you").into_owned()
    } else {
        name.into()
    }
}

fn tip_lines(tip: &Tip, viewer: &str, t: &Theme) -> Vec<WrapLine> {
    let mut out = Vec::new();
    text(&tip.text, t.text, &mut out);
    out.push(WrapLine::blank());
    // Imported know-how: its source and licence where a colleague's name
    // and the votes would be; nobody is asked whether it was useful.
    if let Some(r) = &tip.reference {
        out.push(meta(
            &[
                r.badge().to_string(),
                tip.context
                    .clone()
                    .map(|c| t!("detail.for", context = c).into_owned())
                    .unwrap_or_default(),
                tags(&tip.tags),
            ],
            t,
        ));
        out.push(WrapLine::new(Span::styled(
            t!("detail.source", origin = r.origin()).into_owned(),
            t.muted,
        )));
        return out;
    }
    let own = tip.author == viewer;
    // Dutch says "van jou", not "van jij": the viewer as author has its own line.
    let by = if own {
        t!("detail.by-you").into_owned()
    } else {
        t!("detail.by", name = who(&tip.author_name, &tip.author)).into_owned()
    };
    out.push(meta(
        &[
            by,
            ago(tip.created_at),
            tip.context
                .clone()
                .map(|c| t!("detail.for", context = c).into_owned())
                .unwrap_or_default(),
            tags(&tip.tags),
        ],
        t,
    ));
    let voters: Vec<String> = tip
        .votes
        .iter()
        .map(|v| you(&v.person, v.who(), viewer))
        .collect();
    let votes = match voters.len() {
        // Nobody is asked whether their own tip was useful to them.
        0 if own => t!("detail.votes.none-own").into_owned(),
        0 => t!("detail.votes.none").into_owned(),
        1 => t!("detail.votes.one", who = voters.join(", ")).into_owned(),
        n => t!("detail.votes.many", n = n, who = voters.join(", ")).into_owned(),
    };
    out.push(WrapLine::new(Span::styled(votes, t.accent)));
    out
}

fn learned(l: &Learned, t: &Theme) -> Vec<WrapLine> {
    let mut out = Vec::new();
    text(&l.text, t.text, &mut out);
    out.push(WrapLine::blank());
    let visibility = match l.visibility {
        Visibility::Team => t!("detail.visibility.team"),
        Visibility::Private => t!("detail.visibility.private"),
    };
    out.push(meta(
        &[
            t!("detail.learned-by", name = who(&l.author_name, &l.author)).into_owned(),
            ago(l.created_at),
            visibility.into_owned(),
            tags(&l.tags),
        ],
        t,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ItemId, Kind};

    fn text_of(lines: &[WrapLine]) -> String {
        lines
            .iter()
            .map(|l| {
                l.line
                    .spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn your_own_tip_is_yours_in_dutch_and_asks_no_vote_of_you() {
        crate::i18n::set_thread("nl");
        let tip = Tip {
            id: ItemId::new(Kind::Tip, 1),
            author: "henk".into(),
            author_name: "Henk".into(),
            text: "Klembout vast na het afstellen".into(),
            tags: vec![],
            context: None,
            created_at: now(),
            edited_at: None,
            deleted_at: None,
            votes: vec![],
            reference: None,
        };
        let theme = Theme::mono();
        let own = text_of(&tip_lines(&tip, "henk", &theme));
        assert!(own.contains("van jou"), "{own}");
        assert!(!own.contains("van jij"), "{own}");
        assert!(!own.contains("had je er iets aan"), "{own}");
        let other = text_of(&tip_lines(&tip, "ans", &theme));
        assert!(other.contains("van Henk"), "{other}");
        assert!(other.contains("had je er iets aan"), "{other}");
    }

    #[test]
    fn a_date_long_ago_names_its_month_in_the_language() {
        let long_ago = now() - chrono::Duration::days(400);
        let year = chrono::Datelike::year(&long_ago.with_timezone(&chrono::Local));
        for lang in ["nl", "en"] {
            crate::i18n::set_thread(lang);
            let shown = ago(long_ago);
            let words: Vec<&str> = shown.split_whitespace().collect();
            let months = crate::t!("date.months");
            assert_eq!(words.len(), 3, "{lang}: {shown}");
            assert!(
                months.split_whitespace().any(|m| m == words[1]),
                "{lang}: {shown}"
            );
            assert_eq!(words[2], year.to_string(), "{lang}: {shown}");
        }
    }
}
