//! Styles by meaning, never by colour name, so a view asks for "selected" or
//! "error" and the monochrome theme can answer with reverse video or bold.

use ratatui::style::{Color, Modifier, Style};

/// Which theme to use; `Auto` follows `NO_COLOR` (<https://no-color.org>).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeChoice {
    #[default]
    Auto,
    Color,
    Mono,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Plain text.
    pub text: Style,
    /// Secondary information: ids, dates, counts.
    pub muted: Style,
    /// What the eye should find first: the active tab, headings.
    pub accent: Style,
    /// The selected row. Always reverse video or a background, never only a
    /// foreground colour, so it stays visible to colour-blind people.
    pub selected: Style,
    pub heading: Style,
    pub code: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub link: Style,
    /// A key name in the hint line and help.
    pub key: Style,
    pub error: Style,
    pub ok: Style,
    pub border: Style,
    pub border_focused: Style,
    /// Stands in for the terminal cursor in text fields.
    pub cursor: Style,
}

impl Theme {
    pub fn choose(choice: ThemeChoice) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match choice {
            ThemeChoice::Mono => Theme::mono(),
            ThemeChoice::Color => Theme::color(),
            ThemeChoice::Auto if no_color => Theme::mono(),
            ThemeChoice::Auto => Theme::color(),
        }
    }

    pub fn color() -> Theme {
        let plain = Style::new();
        Theme {
            text: plain,
            muted: plain.fg(Color::DarkGray),
            accent: plain.fg(Color::Green).add_modifier(Modifier::BOLD),
            selected: plain
                .bg(Color::Green)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            heading: plain.fg(Color::Green).add_modifier(Modifier::BOLD),
            code: plain.fg(Color::Yellow),
            emphasis: plain.add_modifier(Modifier::ITALIC),
            strong: plain.add_modifier(Modifier::BOLD),
            link: plain.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            ok: plain.fg(Color::Green),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Green),
            cursor: plain.add_modifier(Modifier::REVERSED),
        }
    }

    /// No colour at all: state is carried by reverse video, bold, underline
    /// and the `>` marker that every list draws in front of the selection.
    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            muted: plain,
            accent: bold,
            selected: plain.add_modifier(Modifier::REVERSED),
            heading: bold.add_modifier(Modifier::UNDERLINED),
            code: plain,
            emphasis: plain.add_modifier(Modifier::ITALIC),
            strong: bold,
            link: plain.add_modifier(Modifier::UNDERLINED),
            key: bold,
            error: bold.add_modifier(Modifier::REVERSED),
            ok: bold,
            border: plain,
            border_focused: bold,
            cursor: plain.add_modifier(Modifier::REVERSED),
        }
    }
}

/// Drawn in front of the selected row in every list, in both themes.
pub const SELECTED_MARKER: &str = "> ";
pub const UNSELECTED_MARKER: &str = "  ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_uses_no_colour() {
        let t = Theme::mono();
        for s in [
            t.text, t.muted, t.accent, t.selected, t.error, t.key, t.link,
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }
}
