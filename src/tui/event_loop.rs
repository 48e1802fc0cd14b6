//! One event loop for every screen that takes over the terminal: the
//! pane, the capture popup and the kiosk run [`run`] over their own
//! [`Screen`]. It sleeps (`wake.rs`) until an input, a wake from another
//! thread (news from the team server) or the screen's next piece of work
//! is due, takes every input already waiting before drawing again, and
//! draws only when something changed, so an idle screen costs nothing.
//! (gitui's single select loop is the model.)
//!
//! Slow work an input asks for (a save that may wait seconds for a busy
//! database, a login that loads the pane) runs only after the frame that
//! says so is drawn ("Bezig met opslaan…"), and keys typed at the frozen
//! screen meanwhile are dropped: they were meant for a screen that is
//! gone, and would act on an outcome nobody has read yet.

use std::path::PathBuf;
use std::time::Duration;

use crossterm::event;
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, Frame};

use super::event::Input;
use super::wake::{Sleeper, Waker};

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
    /// Called once before the loop: `waker` ends the loop's sleep from
    /// another thread (then [`Screen::tick`] runs at once).
    fn set_waker(&mut self, _waker: Waker) {}
    /// Work that is due whenever the loop wakes (a change in the database,
    /// a result from a background thread); true when it must draw again.
    fn tick(&mut self) -> bool;
    /// True once the screen is finished: the loop ends.
    fn done(&self) -> bool;
    /// True while slow work waits for the next frame to be drawn.
    fn work_waiting(&self) -> bool {
        false
    }
    /// Does the waiting work, after the frame that announces it. True
    /// when keys typed meanwhile must be dropped (a save); false keeps
    /// them (a login: a worker who types at once is asking a question).
    fn work(&mut self) -> bool {
        false
    }
    /// True, once, when the terminal must be wiped before the next frame
    /// (a kiosk logout: nothing of the last person stays on the glass).
    fn take_clear(&mut self) -> bool {
        false
    }
}

/// How a screen's loop ended: the loop's own result, and the draft kept
/// of the text that was held when it ended (see [`crate::signals::hold`]).
#[must_use]
pub struct Ended {
    pub ran: std::io::Result<()>,
    pub kept: Option<PathBuf>,
}

/// Runs the loop, then keeps whatever text the screen still holds as a
/// draft, also when the loop failed: a hung-up terminal's read can fail
/// before its SIGHUP is seen, and a form's text must not go with it. The
/// pane, the popup and the kiosk all end this way, so no way out of any of
/// them loses typed text. A screen holds text only while a form has it
/// (finished, cancelled or kept forms hold none), so this keeps nothing
/// twice; the signal watchdog and this take the text once between them.
pub fn run_keeping(terminal: &mut DefaultTerminal, screen: &mut dyn Screen) -> Ended {
    let ran = run(terminal, screen);
    Ended {
        ran,
        kept: crate::signals::keep_held(),
    }
}

/// Draws, waits, hands over inputs and work, until the screen is done.
pub fn run(terminal: &mut DefaultTerminal, screen: &mut dyn Screen) -> std::io::Result<()> {
    // Without a socket to sleep on, crossterm's own poll (nothing wakes it).
    let mut sleeper = Sleeper::new().ok();
    if let Some(s) = &sleeper {
        screen.set_waker(s.waker());
    }
    let mut dirty = true;
    while !screen.done() {
        if screen.take_clear() {
            terminal.clear()?;
            dirty = true;
        }
        if dirty {
            let _frame = crate::signals::drawing();
            terminal.draw(|f| screen.draw(f))?;
            dirty = false;
        }
        if screen.work_waiting() {
            if screen.work() {
                drop_typed_keys(terminal, screen)?;
            }
            // What a signal keeps was held before the save, with the text
            // being saved: hold it anew, or a SIGHUP right after "opgeslagen"
            // makes a draft of what is stored already.
            screen.after_inputs();
            dirty = true;
            continue;
        }
        if input_ready(sleeper.as_mut(), screen.wait())? {
            // Take every input already waiting before drawing again, but
            // stop at one that asked for slow work: it is announced first.
            loop {
                if let Some(input) = Input::from_terminal(event::read()?) {
                    let size = terminal.size()?;
                    dirty |= screen.on_input(input, size.into());
                }
                if screen.done() || screen.work_waiting() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
            screen.after_inputs();
        }
        dirty |= screen.tick();
    }
    Ok(())
}

/// Sleeps until an input, a wake or `wait`; true when an input is there.
fn input_ready(sleeper: Option<&mut Sleeper>, wait: Duration) -> std::io::Result<bool> {
    let Some(sleeper) = sleeper else {
        return event::poll(wait);
    };
    // What crossterm has read already shows nowhere on the terminal's
    // descriptor: asked first.
    if event::poll(Duration::ZERO)? {
        return Ok(true);
    }
    sleeper.sleep(wait)?;
    event::poll(Duration::ZERO)
}

/// Drops the keys and clicks that came while the screen was frozen; a
/// paste or a resize still goes to the screen (pasted text is never lost).
fn drop_typed_keys(terminal: &mut DefaultTerminal, screen: &mut dyn Screen) -> std::io::Result<()> {
    while event::poll(Duration::ZERO)? {
        match Input::from_terminal(event::read()?) {
            Some(Input::Key(_) | Input::Mouse(_)) | None => {}
            Some(input) => {
                let size = terminal.size()?;
                screen.on_input(input, size.into());
            }
        }
    }
    Ok(())
}
