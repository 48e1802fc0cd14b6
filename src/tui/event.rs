//! One input event type for every loop (pane, capture popup, kiosk): the
//! terminal's events are turned into [`Input`] once, here, and everything
//! after works on it. Pasted text arrives whole (bracketed paste), so a
//! pasted line break can never act as Enter or a pasted letter as a key.

use std::io;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

/// What a loop reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key press (releases are dropped where the event is read).
    Key(KeyEvent),
    /// Text pasted into the terminal, line breaks and all.
    Paste(String),
    /// A click or a turn of the wheel (see [`super::mouse`]).
    Mouse(MouseEvent),
    /// The terminal changed size: draw again.
    Resize,
    /// The loop's clock: look for changes from elsewhere.
    Tick,
}

impl Input {
    /// The terminal's event as an input; `None` for what no loop uses
    /// (key releases, focus, mouse).
    pub fn from_terminal(event: Event) -> Option<Input> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => Some(Input::Key(key)),
            Event::Paste(text) => Some(Input::Paste(text)),
            // Clicks and the wheel; moves and drags would only wake the loop.
            Event::Mouse(m)
                if matches!(
                    m.kind,
                    MouseEventKind::Down(MouseButton::Left)
                        | MouseEventKind::ScrollUp
                        | MouseEventKind::ScrollDown
                ) =>
            {
                Some(Input::Mouse(m))
            }
            Event::Resize(..) => Some(Input::Resize),
            _ => None,
        }
    }
}

/// Asks the terminal to mark pasted text (bracketed paste), so it arrives
/// as [`Input::Paste`] instead of as typed keys.
pub fn enable_paste() -> io::Result<()> {
    crossterm::execute!(io::stdout(), EnableBracketedPaste)
}

/// Gives the terminal its normal paste back (on every way out).
pub fn disable_paste() {
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
}

/// Asks the terminal for clicks and the wheel.
pub fn enable_mouse() -> io::Result<()> {
    crossterm::execute!(io::stdout(), EnableMouseCapture)
}

/// Gives the mouse back to the terminal (on every way out).
pub fn disable_mouse() {
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
}

/// Pasted text made fit for a field: Windows and old Mac line ends become
/// `\n`, tabs a space, other control characters go (the store cleans what
/// it stores too; this keeps them out of the screen before that).
pub fn clean_paste(text: &str) -> String {
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', " ");
    // Whole escape sequences go (the one cleaner), not only their ESC
    // byte: a pasted colour code must not leave `[31m` behind in the text.
    crate::domain::text::sanitize(&text)
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEventState, KeyModifiers};

    #[test]
    fn terminal_events_become_inputs_once() {
        let press = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
        assert_eq!(
            Input::from_terminal(Event::Key(press)),
            Some(Input::Key(press))
        );
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
            ..press
        };
        assert_eq!(Input::from_terminal(Event::Key(release)), None);
        assert_eq!(
            Input::from_terminal(Event::Paste("a\nb".into())),
            Some(Input::Paste("a\nb".into()))
        );
        assert_eq!(
            Input::from_terminal(Event::Resize(1, 2)),
            Some(Input::Resize)
        );
        assert_eq!(Input::from_terminal(Event::FocusGained), None);
    }

    #[test]
    fn pasted_text_keeps_its_lines_and_loses_control_characters() {
        assert_eq!(
            clean_paste("one\r\ntwo\rthree\tx\u{1b}[2J"),
            "one\ntwo\nthree x"
        );
    }

    #[test]
    fn a_paste_loses_whole_escape_sequences_and_keeps_its_lines() {
        assert_eq!(
            clean_paste("Tip met \x1b[31mROOD\x1b[0m en \x1b]0;pwned\x07 titel\tTab\r\nregel 2"),
            "Tip met ROOD en  titel Tab\nregel 2"
        );
    }
}
