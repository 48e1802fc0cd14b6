//! `leertuin capture`: the capture form on its own, sized for a tmux popup.
//!
//! It is on screen before the database is touched: the first frame needs
//! only the config and the drafts folder. The database is opened by a
//! worker thread after that frame, and every save runs there too, so a
//! locked or slow database never freezes the form; while it waits the form
//! says "Saving…". When the database can't take the capture, the worker
//! keeps it as a draft ([`crate::capture::save`]) and the form says where.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, KeyCode, KeyModifiers};
use ratatui::DefaultTerminal;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::TuiError;
use super::action::Action;
use super::event::Input;
use super::keys::{KeyMap, View};
use super::theme::Theme;
use super::views::capture::{self, CaptureOutcome, CaptureState};
use super::views::hint_line;
use crate::capture::{NotSaved, Saved};
use crate::domain::context::is_tool;
use crate::domain::{Draft, ItemId, Kind};
use crate::drafts::Drafts;
use crate::store::{self, Mode, Spec};

/// How long a save waits for a busy database in all before it gives up
/// and keeps a draft: a few seconds, rather than leaving the person
/// staring at "Saving…".
const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// How the popup ended, for the line printed after it closes.
#[derive(Debug, Clone, PartialEq)]
pub enum Ending {
    Stored(ItemId),
    /// The database could not take it now; it waits in the outbox
    /// (`passes`: it goes by itself once the database is free).
    Queued {
        reason: String,
        passes: bool,
        path: PathBuf,
    },
    /// The database could not take it; it waits in a draft.
    Drafted {
        reason: String,
        path: PathBuf,
    },
    Cancelled,
}

/// What the popup needs besides the terminal.
pub struct Popup {
    pub db: Spec,
    pub user: String,
    pub keys: KeyMap,
    pub theme: Theme,
    pub drafts: Option<Drafts>,
    /// Ask tmux for the context once the form is up (see
    /// [`super::panes::current_command`]).
    pub ask_tmux: bool,
    /// The tmux pane to ask about; else the active one.
    pub tmux_pane: Option<String>,
}

struct Job {
    kind: Kind,
    draft: Draft,
    restored: Option<String>,
}

type Reply = Result<Saved, NotSaved>;

struct State {
    form: CaptureState,
    keys: KeyMap,
    theme: Theme,
    saving: bool,
    /// Saved as a draft and said so: the next key closes.
    closing: Option<Ending>,
    ending: Option<Ending>,
}

impl Popup {
    /// Runs the form until it is saved, kept or cancelled.
    pub fn run(self, kind: Kind, context: Option<String>) -> Result<Ending, TuiError> {
        let offers = self
            .drafts
            .as_ref()
            .and_then(|d| d.list_for(&self.user).ok())
            .unwrap_or_default();
        let form = CaptureState::new(kind, context, self.theme).with_offers(offers);
        let mut state = State {
            form,
            keys: self.keys.clone(),
            theme: self.theme,
            saving: false,
            closing: None,
            ending: None,
        };
        crate::signals::install(crate::signals::Mode::Interactive, super::restore_terminal);
        let (mut terminal, _restore) = super::init_terminal(false)?;
        terminal.draw(|f| f.render_widget(&state, f.area()))?;
        if self.ask_tmux {
            // A few milliseconds, after the first frame; keys typed
            // meanwhile wait in the terminal.
            state.form.context =
                super::panes::current_command(self.tmux_pane.as_deref()).filter(|c| is_tool(c));
            terminal.draw(|f| f.render_widget(&state, f.area()))?;
        }
        // Only now the database: the form is already there.
        let (jobs, replies) = worker(self.db.clone(), self.drafts.clone(), self.user.clone());
        run_loop(&mut terminal, &mut state, &self, &jobs, &replies)?;
        Ok(state.ending.unwrap_or(Ending::Cancelled))
    }
}

fn run_loop(
    terminal: &mut DefaultTerminal,
    state: &mut State,
    popup: &Popup,
    jobs: &Sender<Job>,
    replies: &Receiver<Reply>,
) -> Result<(), TuiError> {
    let mut screen = PopupScreen {
        state,
        popup,
        jobs,
        replies,
    };
    // A form that still holds text when the loop fails (a hung-up
    // terminal) keeps it as a draft, as the pane and the kiosk do.
    super::event_loop::run_keeping(terminal, &mut screen).ran?;
    Ok(())
}

/// The popup in the one event loop: keys and pastes to the form, and the
/// worker's reply to a save.
struct PopupScreen<'a> {
    state: &'a mut State,
    popup: &'a Popup,
    jobs: &'a Sender<Job>,
    replies: &'a Receiver<Reply>,
}

impl super::event_loop::Screen for PopupScreen<'_> {
    fn draw(&self, frame: &mut ratatui::Frame) {
        frame.render_widget(&*self.state, frame.area());
    }

    fn on_input(&mut self, input: Input, _area: ratatui::layout::Rect) -> bool {
        let state = &mut *self.state;
        match input {
            Input::Key(key) => {
                on_key(state, self.popup, self.jobs, key);
                hold(state, self.popup);
            }
            // Pasted lines land whole in the field, never as Enter.
            Input::Paste(text) if !state.saving && state.closing.is_none() => {
                capture::paste(&mut state.form, &text);
            }
            _ => {}
        }
        true
    }

    fn wait(&self) -> Duration {
        // Idle, the form sleeps until a key; a save in flight is checked often.
        if self.state.saving {
            Duration::from_millis(20)
        } else {
            Duration::from_secs(60)
        }
    }

    fn tick(&mut self) -> bool {
        if self.state.saving
            && let Ok(reply) = self.replies.try_recv()
        {
            on_reply(self.state, reply);
            hold(self.state, self.popup);
            return true;
        }
        false
    }

    fn done(&self) -> bool {
        self.state.ending.is_some()
    }
}

/// Tells the signal watchdog what a stop would lose: the form's text until
/// it is stored or kept (a save in flight may still fail).
fn hold(state: &State, popup: &Popup) {
    let open = state.ending.is_none() && state.closing.is_none();
    crate::signals::hold(
        open.then(|| super::around::unsaved(popup.drafts.as_ref(), &popup.user, &state.form))
            .flatten(),
    );
}

fn on_key(state: &mut State, popup: &Popup, jobs: &Sender<Job>, key: event::KeyEvent) {
    if let Some(ending) = state.closing.take() {
        state.ending = Some(ending);
        return;
    }
    if state.saving {
        // The worker has the text; nothing to do but wait for it.
        return;
    }
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    let action = if ctrl_c {
        Some(Action::Cancel)
    } else {
        state.keys.action(View::Capture, key)
    };
    let Some(action) = action else { return };
    let form = &mut state.form;
    match capture::update(form, action) {
        CaptureOutcome::Continue => {}
        // Esc (and Ctrl-C) cancel: nothing stored, no draft.
        CaptureOutcome::Cancel => state.ending = Some(Ending::Cancelled),
        CaptureOutcome::Discard(id) => {
            if let Some(drafts) = &popup.drafts
                && let Err(e) = drafts.delete(&id)
            {
                form.error = Some(e.to_string());
            }
        }
        CaptureOutcome::Save(kind, draft) => {
            let job = Job {
                kind,
                draft,
                restored: form.restored.clone(),
            };
            if jobs.send(job).is_ok() {
                state.saving = true;
                form.error = None;
            } else {
                form.error = Some(t!("capture.worker-gone").into_owned());
            }
        }
    }
}

fn on_reply(state: &mut State, reply: Reply) {
    state.saving = false;
    match reply {
        Ok(Saved::Stored(id)) => state.ending = Some(Ending::Stored(id)),
        // Safe in the outbox, and sent once the database is free: the
        // popup closes as if stored, and the line after it says it waits.
        Ok(Saved::Queued {
            reason,
            passes: true,
            path,
            ..
        }) => {
            state.ending = Some(Ending::Queued {
                reason,
                passes: true,
                path,
            });
        }
        // Waiting for someone to fix the database: said until a key.
        Ok(Saved::Queued { reason, path, .. }) => {
            state.closing = Some(Ending::Queued {
                reason,
                passes: false,
                path,
            });
        }
        Ok(Saved::Drafted { reason, path }) => {
            state.closing = Some(Ending::Drafted { reason, path });
        }
        Err(e) => state.form.error = Some(e.to_string()),
    }
}

/// The thread that owns the database: opens it once the form is up, then
/// saves what it is sent. A database that failed to open is tried again on
/// the next save (the disk may have been fixed meanwhile).
fn worker(db: Spec, drafts: Option<Drafts>, user: String) -> (Sender<Job>, Receiver<Reply>) {
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let (reply_tx, reply_rx) = mpsc::channel::<Reply>();
    let spec = crate::outbox::spec_name(&db);
    let outbox = crate::outbox::Outbox::user();
    let open = move || {
        // Off the screen's thread, so the whole-file check costs no frame.
        store::open_with(&db, Mode::Create, BUSY_TIMEOUT)
            .and_then(|store| store.check_integrity().map(|()| store))
    };
    thread::spawn(move || {
        let mut store = open().ok();
        for job in job_rx {
            let opened = match store.take() {
                Some(s) => Ok(s),
                None => open(),
            };
            let places = crate::capture::Places {
                outbox: outbox.as_ref(),
                spec: &spec,
                drafts: drafts.as_ref(),
            };
            let save = |store| {
                crate::capture::save(
                    store,
                    &places,
                    &user,
                    job.kind,
                    &job.draft,
                    job.restored.as_deref(),
                )
            };
            let reply = match opened {
                Ok(s) => {
                    let reply = save(Ok(s.as_ref()));
                    store = Some(s);
                    reply
                }
                Err(e) => save(Err(e)),
            };
            if reply_tx.send(reply).is_err() {
                break;
            }
        }
    });
    (job_tx, reply_rx)
}

impl Widget for &State {
    fn render(self, area: Rect, buf: &mut Buffer) {
        match &self.closing {
            Some(Ending::Drafted { reason, path }) => {
                let lines = [
                    t!("capture.kept-title"),
                    t!("capture.safe-in-draft"),
                    t!("capture.offered-again"),
                ];
                return kept(reason, path, &lines, &self.theme, area, buf);
            }
            Some(Ending::Queued { reason, path, .. }) => {
                let lines = [
                    t!("capture.outbox-title"),
                    t!("capture.safe-in-outbox"),
                    t!("capture.sent-when-fixed"),
                ];
                return kept(reason, path, &lines, &self.theme, area, buf);
            }
            _ => {}
        }
        // The hint line when there is room for it and the form.
        let with_hints = area.height >= 6 && self.form.offered().is_none();
        let form_h = area.height - u16::from(with_hints);
        let form_area = Rect {
            height: form_h,
            ..area
        };
        if self.saving {
            let mut form = self.form.clone();
            form.error = Some(t!("capture.saving").into_owned());
            form.render(form_area, buf);
        } else {
            self.form.render(form_area, buf);
        }
        if with_hints {
            use Action as A;
            let hints = self.keys.hints(
                View::Capture,
                &[A::Save, A::SwitchKind, A::NextField, A::Cancel],
            );
            let hint_area = Rect {
                y: area.y + form_h,
                height: 1,
                ..area
            };
            hint_line(&hints, &self.theme).render(hint_area, buf);
        }
    }
}

/// The whole popup says it: not saved, but safe (`lines`: the title,
/// where, and what happens next), and the file.
fn kept(
    reason: &str,
    path: &Path,
    lines: &[std::borrow::Cow<'_, str>; 3],
    t: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    Clear.render(area, buf);
    let title = format!(" {} ", lines[0]);
    let lines = vec![
        Line::from(Span::styled(
            t!("capture.not-saved", reason = reason),
            t.error,
        )),
        Line::from(Span::styled(lines[1].to_string(), t.text)),
        Line::from(Span::styled(tilde(path), t.accent)),
        Line::from(Span::styled(lines[2].to_string(), t.muted)),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::bordered()
                .border_style(t.border_focused)
                .title(Span::styled(title, t.accent)),
        )
        .render(area, buf);
}

/// A path with the home folder as `~`, so it fits a small popup.
fn tilde(path: &Path) -> String {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn state(kind: Kind) -> State {
        // English on this thread: a neighbouring test (the kiosk's loop)
        // sets the process's language.
        crate::i18n::set_thread("en");
        State {
            form: CaptureState::new(kind, Some("kubectl".into()), Theme::mono()),
            keys: KeyMap::default(),
            theme: Theme::mono(),
            saving: false,
            closing: None,
            ending: None,
        }
    }

    fn screen(s: &State, w: u16, h: u16) -> String {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| f.render_widget(s, f.area())).unwrap();
        let buf = term.backend().buffer().clone();
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The sizes of a 70%×40% popup on small terminals, and a roomy one.
    const SIZES: [(u16, u16); 3] = [(40, 10), (56, 10), (80, 24)];

    #[test]
    fn the_form_fits_small_popups_with_its_keys() {
        let mut s = state(Kind::Question);
        for c in "Who knows the new printer?".chars() {
            capture::update(&mut s.form, Action::Type(c));
        }
        for (w, h) in SIZES {
            let text = screen(&s, w, h);
            for needle in [
                "Ask a question · kubectl",
                "Who knows",
                "Tags:",
                "anonymous",
            ] {
                assert!(text.contains(needle), "{needle:?} at {w}×{h}:\n{text}");
            }
            assert!(text.contains("Enter save · Tab kind"), "{w}×{h}:\n{text}");
        }
    }

    #[test]
    fn saving_and_drafted_say_so_at_every_size() {
        let mut s = state(Kind::Tip);
        s.saving = true;
        for (w, h) in SIZES {
            assert!(screen(&s, w, h).contains("Saving…"));
        }
        s.saving = false;
        s.closing = Some(Ending::Drafted {
            reason: "database is locked".into(),
            path: PathBuf::from("/nonexistent/drafts/20250101T000000000-1-abcd.toml"),
        });
        for (w, h) in SIZES {
            let text = screen(&s, w, h);
            for needle in [
                "Kept as a draft",
                "database is locked",
                "abcd.toml",
                "Any key",
            ] {
                assert!(text.contains(needle), "{needle:?} at {w}×{h}:\n{text}");
            }
        }
        // Nothing panics in a tiny or empty area.
        screen(&s, 5, 2);
        s.closing = None;
        screen(&s, 5, 2);
        screen(&s, 1, 1);
    }
}
