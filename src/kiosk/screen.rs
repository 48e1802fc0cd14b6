//! The kiosk's own screens (welcome, register, admin PIN) and the bar over
//! the pane. Big, plain and centred; every text from `locales/kiosk.yml`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

use super::badge;
use super::session::{Notice, Phase, Session};
use crate::tui::theme::Theme;

/// The fewest columns of a name the pane's bar shows beside "alleen
/// gedeeld" before it cuts the two together instead.
const MIN_NAME_SHOWN: usize = 6;

/// A kiosk screen: the session as it is, in its theme.
pub struct KioskScreen<'a> {
    pub session: &'a Session,
    pub theme: Theme,
}

impl Widget for &KioskScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let s = self.session;
        let t = &self.theme;
        let lang = s.lang;
        let (title, prompt, field, keys) = match &s.phase {
            Phase::Welcome => (
                crate::t!("kiosk.welcome.title", locale = lang).into_owned(),
                crate::t!("kiosk.welcome.prompt", locale = lang).into_owned(),
                badge::masked(s.input.text()),
                vec![
                    (
                        "Enter",
                        crate::t!("kiosk.key.login", locale = lang).into_owned(),
                    ),
                    (
                        "F2",
                        crate::t!("kiosk.key.other_lang", locale = lang).into_owned(),
                    ),
                    (
                        "F10",
                        crate::t!("kiosk.key.admin", locale = lang).into_owned(),
                    ),
                ],
            ),
            Phase::Register { .. } => (
                crate::t!("kiosk.register.title", locale = lang).into_owned(),
                crate::t!("kiosk.register.prompt", locale = lang).into_owned(),
                s.input.text().to_string(),
                vec![
                    (
                        "Enter",
                        crate::t!("kiosk.key.ok", locale = lang).into_owned(),
                    ),
                    (
                        "F2",
                        crate::t!("kiosk.key.other_lang", locale = lang).into_owned(),
                    ),
                    (
                        "Esc",
                        crate::t!("kiosk.key.back", locale = lang).into_owned(),
                    ),
                ],
            ),
            Phase::ChoosePin { .. } => (
                crate::t!("kiosk.choose_pin.title", locale = lang).into_owned(),
                crate::t!("kiosk.choose_pin.prompt", locale = lang).into_owned(),
                "•".repeat(s.input.text().chars().count()),
                ok_and_back(lang),
            ),
            Phase::ConfirmPin { .. } => (
                crate::t!("kiosk.confirm_pin.title", locale = lang).into_owned(),
                crate::t!("kiosk.confirm_pin.prompt", locale = lang).into_owned(),
                "•".repeat(s.input.text().chars().count()),
                ok_and_back(lang),
            ),
            Phase::NamePin { name, .. } => (
                crate::t!("kiosk.name_pin.title", locale = lang, name = name).into_owned(),
                crate::t!("kiosk.name_pin.prompt", locale = lang).into_owned(),
                "•".repeat(s.input.text().chars().count()),
                vec![
                    (
                        "Enter",
                        if s.input.text().is_empty() {
                            crate::t!("kiosk.key.without_pin", locale = lang).into_owned()
                        } else {
                            crate::t!("kiosk.key.ok", locale = lang).into_owned()
                        },
                    ),
                    (
                        "Esc",
                        crate::t!("kiosk.key.back", locale = lang).into_owned(),
                    ),
                ],
            ),
            Phase::Pin => (
                crate::t!("kiosk.pin.title", locale = lang).into_owned(),
                crate::t!("kiosk.pin.prompt", locale = lang).into_owned(),
                "•".repeat(s.input.text().chars().count()),
                ok_and_back(lang),
            ),
            // The pane draws itself; see `PaneBar`.
            Phase::Pane { .. } => return,
        };
        let width = area.width.saturating_sub(2).min(60);
        let x = area.x + (area.width - width) / 2;
        let mut lines: Vec<Line> = vec![
            Line::styled(title, t.heading.add_modifier(Modifier::BOLD)),
            Line::raw(""),
            Line::styled(prompt, t.accent.add_modifier(Modifier::BOLD)),
            Line::raw(""),
        ];
        let text_h = wrapped_height(&lines, width);
        let mut below: Vec<Line> = Vec::new();
        if matches!(s.phase, Phase::Register { .. }) {
            below.push(Line::from(vec![
                Span::styled(crate::t!("kiosk.register.language", locale = lang), t.muted),
                Span::styled(lang_name(s.lang), t.strong),
            ]));
        }
        // A question typed before logging in, kept out of sight (the field
        // was emptied for the name): said, so nobody wonders where it went,
        // and at the welcome screen how to throw it away.
        // On a badge-only kiosk, under "Scan je pas" too.
        let quiet = matches!(s.notice, None | Some(Notice::BadgeOnly));
        if quiet && s.keeps_question() {
            let mut line = crate::t!("kiosk.question_kept.line", locale = lang).into_owned();
            if s.phase == Phase::Welcome {
                line.push(' ');
                line.push_str(&crate::t!("kiosk.question_kept.esc", locale = lang));
            }
            below.push(Line::styled(line, t.muted));
        }
        if let Some(n) = &s.notice {
            let style = match n {
                Notice::NameNeeded
                | Notice::NameFirst
                | Notice::QuestionKeptName
                | Notice::QuestionKeptPin
                | Notice::PinLettersDigits
                | Notice::Help { .. }
                | Notice::NameOrQuestion
                | Notice::PinTooShort
                | Notice::PinMismatch => t.accent,
                _ => t.error,
            };
            below.push(Line::styled(notice_text(n, lang), style));
        }
        let below_h = wrapped_height(&below, width);
        let total = text_h + 3 + 1 + below_h + 2;
        let top = area.y + area.height.saturating_sub(total) / 2;
        let clip = |y: u16, h: u16| -> Rect {
            let y = y.min(area.bottom());
            Rect::new(x, y, width, h.min(area.bottom() - y))
        };

        let text_area = clip(top, text_h);
        lines.truncate(4);
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .render(text_area, buf);

        // The field, with a cursor.
        let field_area = clip(text_area.bottom(), 3);
        // Inside the thick border: a 34-letter question at 40 columns
        // lost its first letter with cells still free (a tester's).
        let inner_w = usize::from(width.saturating_sub(2));
        // Where the cursor is in what is shown: a masked badge code shows
        // fewer chars than were typed, so its cursor stays at the end.
        let cursor = if field.chars().count() == s.input.text().chars().count() {
            s.input.cursor()
        } else {
            field.chars().count()
        };
        Paragraph::new(field_line(&field, cursor, inner_w, t))
            .block(
                Block::bordered()
                    .border_type(BorderType::Thick)
                    .border_style(t.border_focused),
            )
            .render(field_area, buf);

        let below_area = clip(field_area.bottom() + 1, below_h);
        Paragraph::new(below)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .render(below_area, buf);

        // The keys, always on the last line.
        let hint_area = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        key_line(&keys, t).render(hint_area, buf);
    }
}

/// The bar over the pane: who is logged in, and how to log out. The badge
/// code is never shown, only the display name.
pub struct PaneBar<'a> {
    pub name: &'a str,
    pub logout_key: String,
    pub theme: Theme,
    /// False for a name logged in without its PIN: the bar says that only
    /// shared things show.
    pub private: bool,
    /// Seconds to the idle logout, in its last moments.
    pub countdown: Option<u64>,
}

impl Widget for &PaneBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let t = &self.theme;
        if let Some(seconds) = self.countdown {
            // The whole bar, loud: whoever stands here should see it.
            let text = crate::t!("kiosk.pane.countdown", seconds = seconds).into_owned();
            let text = crate::tui::views::fit(&text, usize::from(area.width));
            Line::styled(
                text,
                t.error.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            )
            .render(area, buf);
            return;
        }
        let keys = [(
            self.logout_key.as_str(),
            crate::t!("kiosk.key.logout").into_owned(),
        )];
        let right = key_line(&keys, t);
        let right_w = right.width();
        let [left_area, right_area] = Layout::horizontal([
            Constraint::Min(1),
            Constraint::Length(u16::try_from(right_w).unwrap_or(u16::MAX)),
        ])
        .areas(area);
        // A space before the keys; the name is cut before "alleen gedeeld",
        // which says why the person's own notes do not show.
        let width = usize::from(left_area.width).saturating_sub(1);
        let name = if self.private {
            crate::tui::views::fit(self.name, width)
        } else {
            let mark = format!(" · {}", crate::t!("kiosk.pane.shared_only"));
            let room = width.saturating_sub(Span::raw(mark.as_str()).width());
            if room >= MIN_NAME_SHOWN {
                crate::tui::views::fit(self.name, room) + &mark
            } else {
                crate::tui::views::fit(&format!("{}{mark}", self.name), width)
            }
        };
        Line::styled(name, t.strong).render(left_area, buf);
        right.render(right_area, buf);
    }
}

/// Keys and what they do, as one line: `Enter log in  F2 Nederlands`.
fn key_line<'a>(keys: &'a [(&'a str, String)], t: &Theme) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, (key, label)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(*key, t.key));
        spans.push(Span::styled(format!(" {label}"), t.muted));
    }
    Line::from(spans).alignment(Alignment::Center)
}

fn lang_name(lang: &str) -> &'static str {
    if lang == "nl" {
        "Nederlands"
    } else {
        "English"
    }
}

/// The keys of a screen that asks one thing: Enter takes it, Esc goes back.
fn ok_and_back(lang: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "Enter",
            crate::t!("kiosk.key.ok", locale = lang).into_owned(),
        ),
        (
            "Esc",
            crate::t!("kiosk.key.back", locale = lang).into_owned(),
        ),
    ]
}

pub fn notice_text(n: &Notice, lang: &str) -> String {
    match n {
        Notice::NameNeeded => crate::t!("kiosk.register.name_needed", locale = lang).into_owned(),
        Notice::Failed(reason) => {
            crate::t!("kiosk.failed", locale = lang, reason = reason).into_owned()
        }
        Notice::CannotRegister(reason) => {
            crate::t!("kiosk.register.cannot", locale = lang, reason = reason).into_owned()
        }
        Notice::NoPin => crate::t!("kiosk.pin.none", locale = lang).into_owned(),
        Notice::PinTooShort => crate::t!("kiosk.choose_pin.too_short", locale = lang).into_owned(),
        Notice::PinMismatch => crate::t!("kiosk.confirm_pin.mismatch", locale = lang).into_owned(),
        Notice::BadgeOnly => crate::t!("kiosk.badge_only", locale = lang).into_owned(),
        Notice::BadgeTooShort => crate::t!("kiosk.badge_too_short", locale = lang).into_owned(),
        Notice::NameFirst => crate::t!("kiosk.name_first", locale = lang).into_owned(),
        Notice::QuestionKeptName => {
            crate::t!("kiosk.question_kept.name", locale = lang).into_owned()
        }
        Notice::QuestionKeptPin => crate::t!("kiosk.question_kept.pin", locale = lang).into_owned(),
        Notice::Help { badge_only: true } => {
            crate::t!("kiosk.help.badge_only", locale = lang).into_owned()
        }
        Notice::Help { badge_only: false } => crate::t!("kiosk.help", locale = lang).into_owned(),
        Notice::NameOrQuestion => crate::t!("kiosk.name_or_question", locale = lang).into_owned(),
        Notice::NameTooLong => crate::t!(
            "kiosk.name_too_long",
            locale = lang,
            n = crate::domain::validate::MAX_NAME_CHARS
        )
        .into_owned(),
        Notice::PinLettersDigits => {
            crate::t!("kiosk.choose_pin.letters_digits", locale = lang).into_owned()
        }
        Notice::WaitKept(w) => {
            let n = whole_seconds(w);
            crate::i18n::plural(
                n,
                crate::t!("kiosk.name_pin.wait_kept.one", locale = lang),
                crate::t!("kiosk.name_pin.wait_kept.many", locale = lang, seconds = n),
            )
        }
        Notice::WrongPin { wait: None } => crate::t!("kiosk.pin.wrong", locale = lang).into_owned(),
        Notice::WrongPin { wait: Some(w) } | Notice::Wait(w) => {
            let n = whole_seconds(w);
            crate::i18n::plural(
                n,
                crate::t!("kiosk.pin.wait.one", locale = lang),
                crate::t!("kiosk.pin.wait.many", locale = lang, seconds = n),
            )
        }
    }
}

/// A wait in whole seconds, at least one: said with the catalogue's
/// `.one` / `.many` pair ("1 seconde", "30 seconden").
fn whole_seconds(wait: &std::time::Duration) -> u64 {
    wait.as_secs().max(1)
}

/// The end of `s` that fits in `width` characters.
/// The field's text with the cursor drawn on the char it stands on (or
/// after the end), scrolled so the cursor is in sight in `width` columns.
fn field_line(shown: &str, cursor: usize, width: usize, t: &Theme) -> Line<'static> {
    let chars: Vec<char> = shown.chars().collect();
    let start = (cursor + 1).saturating_sub(width.max(1));
    let text = t.text.add_modifier(Modifier::BOLD);
    let before: String = chars[start.min(chars.len())..cursor.min(chars.len())]
        .iter()
        .collect();
    let at = chars.get(cursor).map_or(" ".to_string(), char::to_string);
    let after: String = chars
        .iter()
        .skip(cursor + 1)
        .take(width.saturating_sub(cursor + 1 - start))
        .collect();
    Line::from(vec![
        Span::styled(before, text),
        Span::styled(at, t.cursor),
        Span::styled(after, text),
    ])
}

fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let w = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(w))
        .sum::<usize>()
        .try_into()
        .unwrap_or(u16::MAX)
}

#[cfg(test)]
mod wait_tests {
    use std::time::Duration;

    use super::*;

    /// Found by a tester: "Wacht nog 1 seconden".
    #[test]
    fn one_second_is_one_second_in_both_languages() {
        let one = Duration::from_millis(1400);
        assert_eq!(
            notice_text(&Notice::Wait(one), "nl"),
            "Te vaak fout. Wacht 1 seconde."
        );
        assert_eq!(
            notice_text(&Notice::WaitKept(one), "en"),
            "Wait 1 more second, then press Enter again. Your PIN stays typed."
        );
        let many = Duration::from_secs(30);
        assert_eq!(
            notice_text(&Notice::Wait(many), "nl"),
            "Te vaak fout. Wacht 30 seconden."
        );
        assert!(notice_text(&Notice::WaitKept(many), "nl").starts_with("Wacht nog 30 seconden"));
    }
}
