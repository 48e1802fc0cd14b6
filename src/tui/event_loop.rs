//! One event loop for the screens that take over the terminal: the pane
//! and the capture popup run [`run`] over their own [`Screen`]. It sleeps
//! in `crossterm::event::poll` until an input or the screen's next piece
//! of work is due, takes every input already waiting before drawing again,
//! and draws only when something changed, so an idle screen costs nothing.
//! (gitui's single select loop is the model.) The kiosk still runs its own
//! loop in `kiosk/runner.rs`, over the same [`Input`].

use std::time::Duration;

use crossterm::event;
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, Frame};

use super::event::Input;

/// A screen the loop runs.
pub trait Screen {
    /// Draws the whole frame.
    fn draw(&self, frame: &mut Frame);
    /// One input; true when the screen must be drawn again. `area` is the
    /// terminal's size (where a mouse click lands depends on it).
    fn on_input(&mut self, input: Input, area: Rect) -> bool;
    /// Every input that was waiting is handled (the pane searches once
    /// for a burst of keys, not once per key).
    fn after_inputs(&mut self) {}
    /// How long the loop may sleep when no input comes.
    fn wait(&self) -> Duration;
    /// Work that is due whenever the loop wakes (a change in the database,
    /// a result from a background thread); true when it must draw again.
    fn tick(&mut self) -> bool;
    /// True once the screen is finished: the loop ends.
    fn done(&self) -> bool;
}

/// Draws, waits, hands over inputs and work, until the screen is done.
pub fn run(terminal: &mut DefaultTerminal, screen: &mut dyn Screen) -> std::io::Result<()> {
    let mut dirty = true;
    while !screen.done() {
        if dirty {
            let _frame = crate::signals::drawing();
            terminal.draw(|f| screen.draw(f))?;
            dirty = false;
        }
        if event::poll(screen.wait())? {
            // Take every input already waiting before drawing again.
            loop {
                if let Some(input) = Input::from_terminal(event::read()?) {
                    let size = terminal.size()?;
                    dirty |= screen.on_input(input, size.into());
                }
                if screen.done() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
            screen.after_inputs();
        }
        dirty |= screen.tick();
    }
    Ok(())
}
