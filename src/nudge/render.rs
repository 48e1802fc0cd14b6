//! A nudge as one short line, in plain words, English or Dutch, plain or
//! styled for a tmux status line.

use super::Nudge;
use crate::domain::text::one_line;

/// Titles are cut to this many characters: a status line is narrow.
const MAX_TITLE: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Nl,
}

impl Lang {
    /// From a profile or config language; English unless it says Dutch.
    pub fn from_code(code: Option<&str>) -> Lang {
        match code.and_then(crate::i18n::supported) {
            Some("nl") => Lang::Nl,
            _ => Lang::En,
        }
    }

    /// The catalogue's name for the language.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }
}

/// The line as plain text. The language is passed, not taken from the
/// thread: the status line speaks the person's language whatever else runs.
pub fn plain(nudge: &Nudge, lang: Lang) -> String {
    let l = lang.code();
    let line = match nudge {
        Nudge::Answered(a) => t!(
            "nudge.answered",
            locale = l,
            id = a.question,
            who = cut(&a.by)
        ),
        Nudge::Review { due: 1 } => t!("nudge.review.one", locale = l),
        Nudge::Review { due } => t!("nudge.review.many", locale = l, n = due),
        Nudge::Question(q) => t!(
            "nudge.question",
            locale = l,
            id = q.id,
            tag = q.tag,
            title = cut(&q.title)
        ),
        Nudge::Tips { count, more, tags } => {
            let on = tags.iter().take(2).cloned().collect::<Vec<_>>().join(", ");
            let ellipsis = if tags.len() > 2 { ", …" } else { "" };
            let on = format!("{on}{ellipsis}");
            let n = if *more {
                format!("{count}+")
            } else {
                count.to_string()
            };
            if *count == 1 && !more {
                t!("nudge.tips.one", locale = l, on = on)
            } else {
                t!("nudge.tips.many", locale = l, n = n, on = on)
            }
        }
        Nudge::Lesson(les) => t!(
            "nudge.lesson",
            locale = l,
            minutes = les.minutes,
            title = cut(&les.title),
            id = les.id
        ),
        Nudge::WishNearly { id, text, percent } => t!(
            "nudge.wish-nearly",
            locale = l,
            n = percent,
            text = cut(text),
            id = id
        ),
        Nudge::Lapsing(lapse) => t!(
            "nudge.lapsing",
            locale = l,
            // Money and hours, as much of each as lapses.
            amount = crate::i18n::amount_in(lapse.cents, lapse.minutes, l),
            source = cut(&lapse.source),
            day = crate::i18n::day_month_in(lapse.on, l)
        ),
        Nudge::WishHelp(h) => t!(
            "nudge.wish-help",
            locale = l,
            who = cut(&h.who),
            text = cut(&h.text),
            tag = h.tag
        ),
    };
    // Stored text is cleaned already; this keeps a status line one line
    // even if a row was written by something else.
    one_line(&line)
}

/// The line for tmux's `status-right`: coloured, with every `#` of the text
/// doubled so a colleague's title cannot run a command (`#(…)`) or change
/// styles in someone's status line.
pub fn tmux(nudge: &Nudge, lang: Lang) -> String {
    let colour = match nudge {
        Nudge::Answered(_) | Nudge::Review { .. } => "yellow",
        Nudge::Question(_) => "magenta",
        Nudge::Tips { .. } | Nudge::Lesson(_) => "cyan",
        Nudge::WishNearly { .. } | Nudge::Lapsing(_) | Nudge::WishHelp(_) => "green",
    };
    format!(
        "#[fg={colour}]{}#[default]",
        escape_tmux(&plain(nudge, lang))
    )
}

/// Doubles `#`, which tmux reads as the start of a format or command.
pub fn escape_tmux(text: &str) -> String {
    text.replace('#', "##")
}

fn cut(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() <= MAX_TITLE {
        return title.to_string();
    }
    let kept: String = title.chars().take(MAX_TITLE - 1).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ItemId, Kind, from_millis};
    use crate::store::{OpenQuestion, ShortLesson};

    fn question(title: &str) -> Nudge {
        Nudge::Question(OpenQuestion {
            id: ItemId::new(Kind::Question, 42),
            title: title.into(),
            tag: "sql".into(),
            asked_at: from_millis(0),
        })
    }

    #[test]
    fn lines_are_short_and_plain() {
        assert_eq!(
            plain(&Nudge::Review { due: 1 }, Lang::En),
            "1 card due for review"
        );
        assert_eq!(
            plain(&Nudge::Review { due: 3 }, Lang::Nl),
            "3 kaarten klaar om te herhalen"
        );
        let tips = Nudge::Tips {
            count: 5,
            more: false,
            tags: vec!["sql".into(), "vim".into(), "git".into()],
        };
        assert_eq!(plain(&tips, Lang::En), "5 new tips on sql, vim, …");
        let lower_bound = Nudge::Tips {
            count: 1,
            more: true,
            tags: vec!["sql".into()],
        };
        assert_eq!(plain(&lower_bound, Lang::Nl), "1+ nieuwe tips over sql");
        let lesson = Nudge::Lesson(ShortLesson {
            id: ItemId::new(Kind::Lesson, 3),
            title: "tmux basics".into(),
            minutes: 3,
            tag: "tmux".into(),
        });
        assert_eq!(
            plain(&lesson, Lang::En),
            "3-minute lesson for you: tmux basics (l3)"
        );
        let long = plain(&question(&"why ".repeat(30)), Lang::En);
        assert!(long.chars().count() < 80 && long.ends_with('…'), "{long}");
    }

    #[test]
    fn an_answer_to_your_question_is_news_in_your_language() {
        let news = Nudge::Answered(crate::store::NewAnswer {
            question: ItemId::new(Kind::Question, 12),
            title: "Hoe stel ik de lasstroom in?".into(),
            answer: 3,
            by: "Bram".into(),
            at: from_millis(0),
        });
        assert_eq!(
            plain(&news, Lang::Nl),
            "Je vraag q12 heeft een antwoord van Bram"
        );
        assert_eq!(
            plain(&news, Lang::En),
            "Your question q12 has an answer from Bram"
        );
    }

    #[test]
    fn lapsing_hours_are_named_with_the_money_or_alone() {
        let lapse = |cents, minutes| {
            Nudge::Lapsing(crate::store::Lapsing {
                cents,
                minutes,
                source: "werkgever".into(),
                on: chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
            })
        };
        assert_eq!(
            plain(&lapse(20_000, 480), Lang::Nl),
            "Op 31 maart vervalt € 200 en 8 uur van werkgever: geef het aan een wens"
        );
        assert_eq!(
            plain(&lapse(0, 480), Lang::Nl),
            "Op 31 maart vervalt 8 uur van werkgever: geef het aan een wens"
        );
        assert_eq!(
            plain(&lapse(20_000, 60), Lang::En),
            "On 31 March, €200 and 1 hour from werkgever lapses: give it to a wish"
        );
    }

    #[test]
    fn tmux_text_cannot_run_commands() {
        let line = tmux(&question("Why does #(rm -rf ~) show #[fg=red]?"), Lang::En);
        assert!(line.starts_with("#[fg=magenta]") && line.ends_with("#[default]"));
        assert!(
            line.contains("##(rm -rf ~)") && line.contains("##[fg=red]"),
            "{line}"
        );
        let inner = &line["#[fg=magenta]".len()..line.len() - "#[default]".len()];
        assert!(!inner.replace("##", "").contains('#'), "{line}");
    }

    #[test]
    fn control_characters_never_reach_the_status_line() {
        let line = plain(&question("a\nb\u{1b}[31mc\u{7}"), Lang::En);
        assert!(!line.chars().any(char::is_control), "{line:?}");
    }

    #[test]
    fn language_follows_the_profile() {
        assert_eq!(Lang::from_code(Some("nl")), Lang::Nl);
        assert_eq!(Lang::from_code(Some("nl_NL.UTF-8")), Lang::Nl);
        assert_eq!(Lang::from_code(Some("en")), Lang::En);
        assert_eq!(Lang::from_code(None), Lang::En);
    }
}
