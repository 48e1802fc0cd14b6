//! Inputs to actions: a key is looked up in the keymap of the view on
//! top and handed to [`update`]; a paste lands whole in the field it was
//! pasted in. Also which keys work here (the kiosk types with letters), so
//! hints, help and notices name only keys that do what they say.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::App;
use super::event::Input;
use super::keys::View;
use super::screen::{Overlay, Screen};
use super::tabs::Tab;
use super::update::update;
use super::views::capture::{self, CaptureState};
use super::views::help::HelpState;
use super::views::wishes::WishesState;
use crate::domain::Kind;

/// The printable keys that keep their meaning on a kiosk list or item,
/// where every other letter starts a question: help, search, Space (a
/// lesson's answers) and `+` (I want to know too). No question starts
/// with them.
const KIOSK_KEYS_KEPT: [char; 4] = ['?', '/', ' ', '+'];

/// True when `action` in `view` may write (and so may wait for a busy
/// database): Enter or Ctrl-S in a form, Enter in a confirmation.
fn saves(view: View, action: Action) -> bool {
    matches!(
        (view, action),
        (View::Capture | View::Profile, Action::Save)
            | (View::Prompt | View::Choose | View::Profile, Action::Submit)
    )
}

impl App {
    /// A key press: mapped by the keymap of the current view, then applied.
    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        // The first-wish offer takes Enter and Esc only; any other key
        // closes it and goes on below as on the list.
        if super::wish_offer::on_key(self, key) {
            return;
        }
        self.end_undo_offer(key);
        // Ctrl-C always quits, as in any terminal program (kiosk mode, a
        // later issue, will catch it earlier).
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return;
        }
        if let Some(Overlay::Help(help)) = &mut self.overlay {
            match self.keys.action(View::List, key) {
                Some(Action::Down) => help.scroll_by(1),
                Some(Action::Up) => help.scroll_by(-1),
                _ => self.overlay = None,
            }
            return;
        }
        // Drafts offered unasked (at start) never eat a key: anything but
        // "restore" or "throw away" closes the offer and then does what it
        // does without it.
        if let Some(Overlay::Capture(form)) = &self.overlay
            && form.offer_only
            && form.offered().is_some()
            && !matches!(
                self.keys.action(View::Capture, key),
                Some(
                    Action::Save
                        | Action::Submit
                        | Action::Edit(super::action::Edit::Delete | super::action::Edit::Newline)
                )
            )
        {
            self.overlay = None;
        }
        let view = self.view();
        let typed = match key.code {
            KeyCode::Char(c) if super::keys::Key::from_event(key).is_printable() => Some(c),
            _ => None,
        };
        if let Some(c) = typed {
            // The kiosk: a letter on a list, or on an open item, starts a
            // question with it, on every tab (on an item too: a worker who
            // starts typing there must not answer, edit a profile or close
            // a lesson by its first letter). Help, search and Space (show a
            // lesson's answers) keep their keys: no question starts with them.
            if matches!(view, View::List | View::Detail)
                && self.typing_asks
                && !KIOSK_KEYS_KEPT.contains(&c)
            {
                self.status.clear();
                self.kiosk_typing(c);
                return;
            }
        }
        // `a` answers questions: on an open wish, as on the list, it says
        // where it belongs; only Enter chooses or gives there (issue 16).
        if typed.is_some()
            && view == View::Detail
            && self.tab == Tab::Wishes
            && self.keys.action(view, key) == Some(Action::Answer)
        {
            self.status.clear();
            return self.say(crate::t!("wishes.not-here"));
        }
        match self
            .keys
            .action(view, key)
            .map(|a| self.asker_enter(a, typed))
        {
            Some(action) if self.defer_saves && saves(view, action) && !self.steps_on() => {
                self.saving = Some(action);
                self.say(crate::t!("status.saving"));
            }
            Some(action) => update(self, action),
            // One's own wish's menu only opens a form or its confirmation:
            // a key it does not know says which keys do, and keeps it open.
            None if typed.is_some()
                && matches!(&self.overlay, Some(Overlay::Choose(c))
                    if matches!(c.choice, super::views::choose::Choice::OwnWish(_))) =>
            {
                self.say(crate::t!("status.choose-keys"));
            }
            // Typing on in a confirmation closes it, saving nothing, so
            // the Enter at the end of a sentence can never confirm it.
            None if view == View::Choose && typed.is_some() => {
                self.overlay = None;
                self.say(crate::t!("status.nothing-saved"));
            }
            None => {}
        }
    }

    /// True when Enter in the open form only moves to its next step (a
    /// wish's cost after its words): no write, so nothing to announce
    /// first, and no keys typed meanwhile to drop. A worker who presses
    /// Enter Enter Enter through the optional steps has every Enter
    /// count (issue 11).
    fn steps_on(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Prompt(p)) if !super::wish_form::is_last_step(p))
    }

    /// Does the save the last frame announced; true when there was one.
    pub fn run_saving(&mut self) -> bool {
        match self.saving.take() {
            Some(action) => {
                update(self, action);
                true
            }
            None => false,
        }
    }

    /// True when the status line says the last key was refused: an
    /// error, or the line that the PIN is needed. Nothing was kept then,
    /// so a kiosk does not log out sooner as after a save (issue 16).
    pub fn refused_now(&self) -> bool {
        self.status
            .message()
            .is_some_and(|s| s.error || s.text == self.pin_refusal())
    }

    /// Enter on the asker's own answered question chooses the answer that
    /// helped (↑↓ and Enter), instead of answering it: a key that is no
    /// letter, so it works on a kiosk, where letters ask a question.
    fn asker_enter(&self, action: Action, typed: Option<char>) -> Action {
        if action == Action::Answer && typed.is_none() && self.own_answered_question() {
            Action::Accept
        } else {
            action
        }
    }

    /// Pasted text: whole into the field it was pasted into. On a list or
    /// an item it starts a new capture of the tab's kind with the text in
    /// it (a form, so nothing is stored without Enter); never keys. At the
    /// kiosk a paste there is typing, and typing asks a question on every
    /// tab: a pasted question on Tips was published as a tip (the tester
    /// of the pane's edges).
    pub fn on_paste(&mut self, text: &str) {
        // The first wish's offer takes no text: a paste closes it and asks,
        // as on the list (the undo its status line names stays).
        if super::wish_offer::is_open(self) {
            self.overlay = None;
        } else {
            self.status.clear();
        }
        match &mut self.overlay {
            Some(Overlay::Capture(form)) if self.typing_asks => {
                return capture::paste_at_kiosk(form, text);
            }
            Some(Overlay::Capture(form)) => return capture::paste(form, text),
            Some(Overlay::Prompt(p)) => {
                p.input.insert_str(text);
                // The give form's note follows a pasted amount too.
                let mut p = p.clone();
                super::wishes::on_typed(self, &mut p);
                self.overlay = Some(Overlay::Prompt(p));
                return;
            }
            Some(Overlay::Profile(f)) => return f.paste(text),
            Some(Overlay::Help(_) | Overlay::Choose(_)) => return,
            None => {}
        }
        match self.stack.last_mut() {
            Some(Screen::Search(s)) => {
                s.input.insert_str(text);
                self.request_search();
            }
            Some(Screen::Review(_)) => {}
            // On the Wishes tab a paste is a wish, as `c` there makes one;
            // a wish is one line, so its one-line field joins the pasted
            // lines. (At a kiosk typing asks a question on every tab, a
            // paste too.)
            Some(Screen::Detail(_)) | None
                if self.tab == Tab::Wishes && !self.typing_asks && self.wishes.available =>
            {
                super::wish_form::open_new(self);
                if let Some(Overlay::Prompt(p)) = &mut self.overlay {
                    p.input.insert_str(text);
                }
            }
            Some(Screen::Detail(_)) | None if self.typing_asks => self.ask(text),
            Some(Screen::Detail(_)) | None => {
                let mut form = self.new_capture();
                form.offering = false;
                capture::paste(&mut form, text);
                self.overlay = Some(Overlay::Capture(form));
            }
        }
    }

    /// One input from the loop; true when the screen must be drawn again.
    pub fn on_input(&mut self, input: Input) -> bool {
        match input {
            Input::Key(key) => self.on_key(key),
            Input::Paste(text) => self.on_paste(&text),
            Input::Resize => {}
            Input::Tick => return self.on_tick(),
            // Where it lands depends on the size drawn: see `on_mouse`.
            Input::Mouse(_) => return false,
        }
        true
    }

    /// The capture form `c` opens here: the kind the tab lists (a question
    /// on For you, the first screen); elsewhere the kind is chosen first.
    pub fn new_capture(&self) -> CaptureState {
        match self.tab {
            Tab::ForYou | Tab::Questions => self.capture_form(Kind::Question, None),
            Tab::Tips => self.capture_form(Kind::Tip, None),
            Tab::Learned => self.capture_form(Kind::Learned, None),
            // Without the PIN there is no kind to choose: a question. At
            // the kiosk neither: a tab with no kind of its own asks, as
            // typing does and as on Start, with the cursor in the text
            // (issue 11: Ctrl-N on Ik opened "Wat wil je delen?" on "Soort:").
            Tab::Lessons | Tab::Team | Tab::Me | Tab::Wishes if self.public || self.typing_asks => {
                self.capture_form(Kind::Question, None)
            }
            Tab::Lessons | Tab::Team | Tab::Me | Tab::Wishes => {
                self.capture_form(Kind::Question, None).choosing_kind()
            }
        }
    }

    /// The kiosk: typing on any tab asks a question with the letter typed
    /// (DESIGN "Input safety"; issue 11 began with a question saved as a
    /// tip). A tip, an "I learned" or a wish has its own key there, Ctrl-N
    /// (see `keys::default_bindings`), named first in the hint line.
    fn kiosk_typing(&mut self, c: char) {
        let mut form = self.question_form();
        capture::update(&mut form, Action::Type(c));
        self.overlay = Some(Overlay::Capture(form));
    }

    /// Any key but the undo key ends the offer to undo the write just made
    /// (on a kiosk list a letter types, so it ends it too). Not while the
    /// first-wish offer shows beside it: that offer decides
    /// ([`super::wish_offer::on_key`]), so Esc there keeps the undo.
    pub fn end_undo_offer(&mut self, key: KeyEvent) {
        if super::wish_offer::is_open(self) {
            return;
        }
        let typing = self.typing_asks
            && matches!(key.code, KeyCode::Char(_))
            && super::keys::Key::from_event(key).is_printable();
        if typing || self.keys.action(self.view(), key) != Some(Action::Undo) {
            self.undo = None;
        }
    }

    /// The key that undoes, as the status line names it: the first one
    /// bound, but on a kiosk list (where every letter asks a question)
    /// the first that is no letter.
    pub fn undo_key(&self) -> String {
        self.list_key(Action::Undo)
            .or_else(|| {
                let keys = self.keys.keys(View::List, Action::Undo);
                keys.first().map(ToString::to_string)
            })
            .unwrap_or_else(|| "u".to_string())
    }

    /// `?`: the keys of the view, as the hints show them: only what this
    /// session may do ([`App::may`]) with keys that work here.
    pub fn open_help(&mut self) {
        let view = self.view();
        // Votes are for colleagues' tips: on one's own, help offers none.
        let own_tip = matches!(
            self.target_item(),
            Some(crate::domain::Item::Tip(t)) if t.author == self.user
        );
        // Backing is for colleagues' questions: on one's own, none either.
        let own_question = self
            .target_item()
            .is_some_and(|i| super::own::own_question(&i, &self.user));
        let mut help = HelpState::new(
            &self.keys,
            view,
            self.theme,
            // The Wishes tab has keys of its own: none for questions.
            |action, k| {
                self.may(action)
                    && self.key_works(view, k)
                    && !(own_tip && action == Action::Vote)
                    && !(own_question
                        && matches!(action, Action::MeToo | Action::CanHelp | Action::Pledge))
                    && (self.tab != Tab::Wishes
                        || !matches!(view, View::List | View::Detail)
                        || WishesState::help_actions(action, view == View::Detail))
            },
            |action| self.help_text(action),
        );
        // The kiosk's two ways that are no key of the keymap (the tester
        // of the pane's edges found neither in help): typing asks, on every
        // tab, and Esc on the bare list, twice, logs out (the kiosk's
        // runner takes it; on an open item Esc goes back, said below).
        if self.typing_asks && matches!(view, View::List | View::Detail) {
            help.rows.insert(
                0,
                (
                    crate::t!("hint.type-key").into_owned(),
                    crate::t!("help.kiosk.type").into_owned(),
                ),
            );
            if view == View::List {
                help.rows
                    .push(("Esc".to_string(), crate::t!("help.kiosk.esc").into_owned()));
            }
        }
        // A wish opened is a wish, not a message.
        if self.showing_wish() && view == View::Detail {
            help.name = Some(crate::t!("keys.view.wish").into_owned());
        }
        self.overlay = Some(Overlay::Help(help));
    }

    /// False for what this session may not do: a kiosk login by typed
    /// name without its PIN may ask, answer and back a question, but not
    /// share a tip or learned entry in that name nor change what is there ([`Action::needs_pin`]). Hints, help and
    /// [`update`] all ask this one question, so none offers what another
    /// refuses.
    pub fn may(&self, action: Action) -> bool {
        if !self.public {
            return true;
        }
        // A tip, learned entry or wish speaks for the person it is filed under:
        // the store refuses it too (`store::public`), but the form should
        // not even open.
        let shares =
            action == Action::Capture && matches!(self.tab, Tab::Tips | Tab::Learned | Tab::Wishes);
        // Nor does its form switch to a tip or learned entry.
        !(action.needs_pin() || shares || action == Action::SwitchKind || self.own_wish_key(action))
    }

    /// True for a key that changes, finishes or withdraws one's own open
    /// wish (Enter on it opens those choices): a login by typed name
    /// may not, so the menu does not open and no hint offers it (issue 16).
    fn own_wish_key(&self, action: Action) -> bool {
        let own = self.tab == Tab::Wishes
            && (self.wishes.selected_wish()).is_some_and(|w| self.wishes.is_own_open(w));
        own && match action {
            Action::Answer => self.showing_wish(),
            Action::MarkDone | Action::Delete | Action::EditProfile => true,
            _ => false,
        }
    }

    /// False for a key that does not do its action here: on a kiosk list
    /// or item a letter or digit types (it starts a question), so hints,
    /// help and notices name only the keys that still work there.
    pub fn key_works(&self, view: View, key: &super::keys::Key) -> bool {
        let typing = match key.code {
            KeyCode::Char(c) => key.is_printable() && !KIOSK_KEYS_KEPT.contains(&c),
            _ => false,
        };
        !(self.typing_asks && matches!(view, View::List | View::Detail) && typing)
    }

    /// The name of the first key that does `action` on a list here, for
    /// a text that names it ("press e"); `None` when no key does.
    pub fn list_key(&self, action: Action) -> Option<String> {
        self.keys
            .keys(View::List, action)
            .iter()
            .find(|k| self.key_works(View::List, k))
            .map(ToString::to_string)
    }
}
