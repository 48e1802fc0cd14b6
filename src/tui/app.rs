//! The pane's state and its loop: draw → wait for a key or a change → update.
//!
//! The loop is synchronous. It sleeps in `crossterm::event::poll` for at
//! most a second, then asks the store whether another process committed
//! (`data_version`, microseconds on the open connection); only a key, a
//! resize or a change leads to a redraw, so an idle pane costs ~nothing.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::DefaultTerminal;

use super::action::Action;
use super::around::Around;
use super::event::Input;
use super::feed;
use super::feeds::Feeds;
use super::finder::{Finder, Polled};
use super::keys::{KeyMap, View};
use super::theme::Theme;
use super::update::update;
use super::views::capture::{self, CaptureState};
use super::views::choose::ChooseState;
use super::views::detail::{DetailState, Done};
use super::views::help::HelpState;
use super::views::list::ItemListState;
use super::views::me::MeState;
use super::views::profile::ProfileForm;
use super::views::prompt::PromptState;
use super::views::review::{ReviewSettings, ReviewState};
use super::views::search::SearchState;
use super::views::team::TeamState;
use crate::domain::{Item, ItemId, Kind, context, now};
use crate::search::SearchIndex;
use crate::store::{ListQuery, Store, StoreError};

/// The printable keys that keep their meaning on a kiosk list or item,
/// where every other letter starts a question: help, search, and Space
/// (a lesson's answers). No question starts with them.
const KIOSK_KEYS_KEPT: [char; 3] = ['?', '/', ' '];
/// How often, at most, the store is asked whether something changed.
pub const CHANGE_CHECK: Duration = Duration::from_secs(1);

/// How many items a tab loads: more than anyone scrolls through, few enough
/// that a 100k-item database still opens at once.
const TAB_LIMIT: usize = 300;

pub use super::tabs::Tab;

/// A screen over the tab's list; Back pops it.
// A stack of a few screens: their size does not matter, boxing would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Screen {
    Detail(DetailState),
    Search(SearchState),
    Review(ReviewState),
}

/// Something drawn over everything, that takes all keys until closed.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help(HelpState),
    Capture(CaptureState),
    Prompt(PromptState),
    Profile(ProfileForm),
    Choose(ChooseState),
}

pub use super::views::status::Status;

pub struct App {
    pub store: Box<dyn Store>,
    pub user: String,
    pub keys: KeyMap,
    pub theme: Theme,
    pub tab: Tab,
    /// The tab feeds: For you, Lessons, Questions, Tips, Learned.
    pub feeds: Feeds,
    pub team: TeamState,
    pub me: MeState,
    /// Retention and buttons of review sessions (from config.toml).
    pub review_settings: ReviewSettings,
    pub stack: Vec<Screen>,
    pub overlay: Option<Overlay>,
    /// The item under the cursor, drawn beside the list on wide panes.
    pub preview: Option<DetailState>,
    pub status: Option<Status>,
    /// The search: its index, the reader that builds it, bursts of keys.
    pub finder: Finder,
    data_version: Option<i64>,
    /// The team server is out of reach: the pane shows what it has and
    /// says so until the store is back.
    offline: bool,
    /// Drafts folder, nudge state, tmux window: see [`super::around`].
    pub around: Around,
    /// The tools in the neighbouring tmux panes; For you ranks for them.
    pub tools: Vec<String>,
    /// The status line's nudge, shown when there is no message.
    pub nudge: Option<String>,
    pub quit: bool,
    /// The inverse of the write just made: `u` applies it (see
    /// [`super::own`]). Offered only until the next key, so a key meant
    /// for something else never takes back a post minutes later.
    pub undo: Option<crate::domain::Write>,
    /// The language to speak whatever the profile says (a kiosk's choice,
    /// a test); `None` follows the profile, then the environment.
    pub lang: Option<&'static str>,
    /// The kiosk: typing on a list asks a question (the letter typed is
    /// its first), so a worker who just types is asking, never running a
    /// command.
    pub typing_asks: bool,
    /// The store shows only what the whole team may see (a kiosk login by
    /// typed name, without the PIN): Me shows the team's numbers, and says so.
    pub public: bool,
}

impl App {
    /// A pane with nothing loaded yet: cheap, so the first frame comes at once.
    pub fn new(store: Box<dyn Store>, user: &str, keys: KeyMap, theme: Theme) -> App {
        App {
            store,
            user: user.to_string(),
            keys,
            theme,
            tab: Tab::ForYou,
            feeds: Feeds::new(theme),
            team: TeamState::new(theme),
            me: MeState::new(user, theme),
            review_settings: ReviewSettings::default(),
            stack: Vec::new(),
            overlay: None,
            preview: None,
            status: None,
            finder: Finder::default(),
            data_version: None,
            offline: false,
            around: Around::default(),
            tools: Vec::new(),
            nudge: None,
            quit: false,
            undo: None,
            lang: None,
            typing_asks: false,
            public: false,
        }
    }

    /// Loads what the first screen shows. Called after the first frame.
    pub fn start(&mut self) {
        self.follow_language();
        let version = self.store.data_version();
        self.data_version = self.ok(version);
        // Writes that waited for this store go first, so the lists show them.
        self.send_waiting();
        self.reload();
        self.offer_drafts();
        self.refresh_nudge();
    }

    /// Speaks the person's language from now on: `lang` if set, else the
    /// profile's, else `LEERTUIN_LANG`, config.toml, the system locale.
    /// The first frame is drawn before this (in the environment's language);
    /// the pane is drawn on one thread, so this sets that thread's language.
    pub fn follow_language(&mut self) {
        let lang = match self.lang {
            Some(lang) => lang,
            None => {
                let person = self.store.person(&self.user);
                let profile = self.ok(person).flatten().and_then(|p| p.lang);
                crate::i18n::choose_in(profile.as_deref(), self.around.lang.as_deref())
            }
        };
        // Always this thread's own, even when it is the process's already.
        crate::i18n::set_thread(lang);
    }

    /// The view that gets the keys now.
    pub fn view(&self) -> View {
        match (&self.overlay, self.stack.last()) {
            (Some(Overlay::Capture(_)), _) => View::Capture,
            (Some(Overlay::Prompt(_)), _) => View::Prompt,
            (Some(Overlay::Profile(_)), _) => View::Profile,
            (Some(Overlay::Choose(_)), _) => View::Choose,
            (_, Some(Screen::Review(_))) => View::Review,
            (_, Some(Screen::Search(_))) => View::Search,
            (_, Some(Screen::Detail(_))) => View::Detail,
            _ => View::List,
        }
    }

    /// A key press: mapped by the keymap of the current view, then applied.
    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
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
            // question with it (on an item too: a worker who starts typing
            // there must not answer, edit a profile or close a lesson by
            // its first letter). Help, search and Space (show a lesson's
            // answers) keep their keys: no question starts with them.
            if matches!(view, View::List | View::Detail)
                && self.typing_asks
                && !KIOSK_KEYS_KEPT.contains(&c)
            {
                let mut form = self.capture_form(Kind::Question, None);
                form.offering = false;
                capture::update(&mut form, Action::Type(c));
                self.status = None;
                self.overlay = Some(Overlay::Capture(form));
                return;
            }
        }
        match self
            .keys
            .action(view, key)
            .map(|a| self.asker_enter(a, typed))
        {
            Some(action) => update(self, action),
            // Typing on in a confirmation closes it, saving nothing, so
            // the Enter at the end of a sentence can never confirm it.
            None if view == View::Choose && typed.is_some() => {
                self.overlay = None;
                self.say(crate::t!("status.nothing-saved"));
            }
            None => {}
        }
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

    /// True when the open item is the person's own question with answers.
    pub fn own_answered_question(&self) -> bool {
        matches!(self.stack.last(), Some(Screen::Detail(_)))
            && matches!(
                self.target_item(),
                Some(Item::Question(q))
                    if q.author.as_deref() == Some(self.user.as_str()) && !q.answers.is_empty()
            )
    }

    /// An item as a confirmation names it: "question q5: title" in the
    /// pane; on a kiosk "Question: title", since an id means nothing to
    /// a worker there (and nothing takes one).
    pub fn about(&self, kind: Kind, id: ItemId, title: &str) -> String {
        let word = kind_word(kind);
        if self.typing_asks {
            let mut chars = word.chars();
            let word: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            format!("{word}: {title}")
        } else {
            format!("{word} {id}: {title}")
        }
    }

    /// Pasted text: whole into the field it was pasted into. On a list or
    /// an item it starts a new capture of the tab's kind with the text in
    /// it (a form, so nothing is stored without Enter); never keys.
    pub fn on_paste(&mut self, text: &str) {
        self.status = None;
        match &mut self.overlay {
            Some(Overlay::Capture(form)) => return capture::paste(form, text),
            Some(Overlay::Prompt(p)) => return p.input.insert_str(text),
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
            Tab::Lessons | Tab::Team | Tab::Me => {
                self.capture_form(Kind::Question, None).choosing_kind()
            }
        }
    }

    /// The few keys that matter now, for the bottom line, most important
    /// first; the last [`App::pinned_hints`] of them (help, quit) are
    /// always shown, at 40 columns too: the line drops others first.
    pub fn hints(&self) -> Vec<(String, String)> {
        use Action as A;
        let view = self.view();
        let mut wanted: Vec<Action> = match view {
            View::List if self.tab == Tab::Team => vec![A::Open, A::Search, A::Review],
            View::List if self.tab == Tab::Me => vec![A::EditProfile, A::Open, A::Search],
            View::List => {
                let mut v = vec![A::Capture, A::Open, A::Search];
                let actions = self
                    .target_item()
                    .map(|i| item_actions(&i))
                    .unwrap_or_default();
                // The item's most useful key that works from the list.
                v.extend(
                    actions
                        .into_iter()
                        .find(|a| !self.keys.keys(view, *a).is_empty()),
                );
                v
            }
            View::Detail => {
                let mut v = match self.target_item() {
                    // The asker's own question: closing the loop comes first.
                    Some(Item::Question(q)) if q.author.as_deref() == Some(self.user.as_str()) => {
                        vec![A::Accept, A::Helped]
                    }
                    // The three most useful: the rest are in `?`.
                    Some(i) => item_actions(&i).into_iter().take(3).collect(),
                    None => Vec::new(),
                };
                v.push(A::Back);
                v
            }
            // Every other view says which of its keys are worth a hint.
            _ => match (&self.overlay, self.stack.last()) {
                (Some(Overlay::Capture(c)), _) => c.hint_actions(),
                (Some(Overlay::Prompt(p)), _) => p.hint_actions(),
                (Some(Overlay::Choose(c)), _) => c.hint_actions(),
                (Some(Overlay::Profile(f)), _) => f.hint_actions(),
                (_, Some(Screen::Review(r))) => r.hint_actions(),
                (_, Some(Screen::Search(s))) => s.hint_actions(),
                _ => Vec::new(),
            },
        };
        if matches!(view, View::List | View::Detail) {
            wanted.extend([A::Help, A::Quit]);
        }
        let mut hints: Vec<(String, String)> = wanted
            .into_iter()
            .filter_map(|a| {
                // On a kiosk list or item a letter is typing: show only
                // keys that are no letter, and no hint where there is none.
                // Enter chooses the answer on one's own answered question.
                if a == A::Accept && view == View::Detail && self.own_answered_question() {
                    let key = self
                        .keys
                        .keys(view, A::Answer)
                        .iter()
                        .find(|k| !k.is_printable())?;
                    return Some((
                        key.to_string(),
                        crate::t!("hint.accept-answer").into_owned(),
                    ));
                }
                let key = self
                    .keys
                    .keys(view, a)
                    .iter()
                    .find(|k| self.key_works(view, k))?;
                let label = match a {
                    A::Capture => self.capture_label(),
                    a => a.label(),
                };
                Some((key.to_string(), label))
            })
            .collect();
        if matches!(view, View::List | View::Detail) && self.typing_asks {
            // The kiosk: typing is the way to ask, said first (after
            // choosing the answer that helped, on one's own question).
            hints.insert(
                usize::from(self.own_answered_question()).min(hints.len()),
                (
                    crate::t!("hint.type-key").into_owned(),
                    crate::t!("hint.type-to-ask").into_owned(),
                ),
            );
        }
        hints
    }

    /// How many hints at the end of [`App::hints`] are always shown.
    pub fn pinned_hints(&self) -> usize {
        let view = self.view();
        if !matches!(view, View::List | View::Detail) {
            return 0;
        }
        [Action::Help, Action::Quit]
            .iter()
            .filter(|a| !self.keys.keys(view, **a).is_empty())
            .count()
    }

    /// What `c` makes here, in the hint line: "ask" where it asks.
    fn capture_label(&self) -> String {
        let s = match self.tab {
            Tab::ForYou | Tab::Questions => crate::t!("hint.capture.question"),
            Tab::Tips => crate::t!("hint.capture.tip"),
            Tab::Learned => crate::t!("hint.capture.learned"),
            _ => crate::t!("hint.capture"),
        };
        s.into_owned()
    }

    pub fn list(&self, tab: Tab) -> Option<&ItemListState> {
        match tab {
            Tab::Team => None,
            Tab::Me => Some(&self.me.done),
            t => self.feeds.list(t),
        }
    }

    pub fn list_mut(&mut self, tab: Tab) -> Option<&mut ItemListState> {
        match tab {
            Tab::Team => None,
            Tab::Me => Some(&mut self.me.done),
            t => self.feeds.list_mut(t),
        }
    }

    /// The item the item keys (answer, vote…) act on: the open one, else the
    /// one selected in the list.
    pub fn target_item(&self) -> Option<Item> {
        match self.stack.last() {
            Some(Screen::Detail(d)) => d.as_item().cloned(),
            Some(Screen::Search(_) | Screen::Review(_)) => None,
            None => self.list(self.tab).and_then(|l| l.selected_item()).cloned(),
        }
    }

    pub fn done_for(&self, id: ItemId) -> Done {
        self.feeds.done_for(id)
    }

    /// Any key but the undo key ends the offer to undo the write just made
    /// (on a kiosk list a letter types, so it ends it too).
    pub fn end_undo_offer(&mut self, key: KeyEvent) {
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

    /// Shows a one-line message at the bottom.
    pub fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    /// Shows a store failure as a one-line message: never a panic, never a
    /// crash that loses the screen.
    pub fn report(&mut self, e: &StoreError) {
        let text = crate::i18n::store_error(e)
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        self.status = Some(Status { text, error: true });
    }

    /// The value, or `None` with the error shown.
    pub fn ok<T>(&mut self, r: Result<T, StoreError>) -> Option<T> {
        r.map_err(|e| self.report(&e)).ok()
    }

    /// The tab's data must be loaded again before it is next shown.
    pub fn mark_stale(&mut self, tab: Tab) {
        self.feeds.mark_stale(tab);
    }

    pub fn switch_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.stack.clear();
        self.load_active();
    }

    /// Loads the current tab if its data is old, and the preview.
    pub fn load_active(&mut self) {
        let tab = self.tab;
        if self.feeds.is_stale(tab) {
            let r = self.load_tab(tab);
            if self.ok(r).is_some() {
                self.feeds.loaded(tab);
            }
        }
        self.sync_preview();
    }

    fn load_tab(&mut self, tab: Tab) -> Result<(), StoreError> {
        let viewer = self.user.clone();
        // The key named where a profile is empty: one that works here,
        // and none where the profile cannot be changed.
        let edit_key = self.list_key(Action::EditProfile).filter(|_| !self.public);
        self.me.edit_key.clone_from(&edit_key);
        self.team.edit_key = edit_key;
        match tab {
            Tab::Team => {
                let data = super::engine::team_data(&*self.store, now())?;
                self.team.set(data);
            }
            Tab::Me => {
                self.me.person = self.store.person(&viewer)?;
                self.me.insights = Some(if self.public {
                    super::engine::team_insights(&*self.store, now())?
                } else {
                    super::engine::my_insights(&*self.store, &viewer, now())?
                });
                let mut done = self.store.lessons_done(&viewer)?;
                done.reverse(); // most recent first
                // Own questions first: their answers come back here.
                let mut rows = super::asked::rows(&*self.store, &viewer)?;
                for d in done.iter().take(TAB_LIMIT) {
                    match self.store.get(d.lesson, &viewer) {
                        Ok(item) => rows.push(self.feeds.row(item, false)),
                        // A lesson removed since: nothing to show.
                        Err(StoreError::NotFound(_)) => {}
                        Err(e) => return Err(e),
                    }
                }
                self.me.done.set_rows(rows);
            }
            Tab::ForYou => {
                let wants = self
                    .store
                    .person(&viewer)?
                    .map(|p| p.wants)
                    .unwrap_or_default();
                let mut items = self.store.list(
                    &ListQuery {
                        kind: None,
                        tag: None,
                        limit: TAB_LIMIT,
                    },
                    &viewer,
                )?;
                self.add_tool_items(&mut items);
                let done = self.feeds.done_ids();
                let ranked = feed::for_you(items, &viewer, &wants, &done, now());
                let ranked = feed::own_language_first(ranked, crate::i18n::lang());
                // What the person works with next door comes first.
                let followed = context::follow(ranked, &self.tools);
                let sections = if followed.about == 0 {
                    Vec::new()
                } else {
                    vec![
                        (
                            0,
                            crate::t!("list.for-tools", tools = followed.tools.join(", "))
                                .into_owned(),
                        ),
                        (followed.about, crate::t!("list.more-for-you").into_owned()),
                    ]
                };
                let rows = followed
                    .items
                    .into_iter()
                    .map(|i| self.feeds.row(i, true))
                    .collect();
                let list = &mut self.feeds.lists[Tab::ForYou.index()];
                list.set_rows(rows);
                list.sections = sections;
            }
            Tab::Questions if self.feeds.by_backing => {
                let open = self.store.open_questions(TAB_LIMIT)?;
                let rows = open
                    .into_iter()
                    .map(|q| self.feeds.row(Item::Question(q), false))
                    .collect();
                self.feeds.lists[Tab::Questions.index()].set_rows(rows);
            }
            _ => {
                let items = self.store.list(
                    &ListQuery {
                        kind: tab.kind(),
                        tag: None,
                        limit: TAB_LIMIT,
                    },
                    &viewer,
                )?;
                let items = feed::own_language_first(items, crate::i18n::lang());
                let rows = items
                    .into_iter()
                    .map(|i| self.feeds.row(i, false))
                    .collect();
                if let Some(list) = self.list_mut(tab) {
                    list.set_rows(rows);
                }
            }
        }
        Ok(())
    }

    /// Items changed or went away (an own edit, delete or its undo): the
    /// search index is read whole again, since a refresh reads only new
    /// items. Not when no index is wanted yet.
    pub fn rebuild_index(&mut self) {
        self.finder.rebuild();
    }

    /// Everything may have changed: load again what is on screen, and the
    /// rest when it is next shown.
    pub fn reload(&mut self) {
        self.feeds.mark_all_stale();
        self.finder.refresh();
        let done = self.store.lessons_done(&self.user);
        if let Some(done) = self.ok(done) {
            self.feeds.set_done(done);
        }
        self.load_active();
        // Open items show their new answers, votes and backings.
        for i in 0..self.stack.len() {
            let Some(Screen::Detail(d)) = self.stack.get(i) else {
                continue;
            };
            let Some(id) = d.id() else { continue };
            let fresh = self.store.get(id, &self.user);
            let done = self.done_for(id);
            if let (Ok(item), Some(Screen::Detail(d))) = (fresh, self.stack.get_mut(i)) {
                d.replace(item, done);
            }
        }
        if let Some(Screen::Search(_)) = self.stack.last() {
            self.search_again();
        }
        self.preview = None;
        self.sync_preview();
    }

    /// Asks the store whether another process wrote; reloads if so. Returns
    /// true when the screen must be drawn again.
    pub fn check_for_changes(&mut self) -> bool {
        match self.store.data_version() {
            Ok(v) if Some(v) != self.data_version || self.offline => {
                if std::mem::take(&mut self.offline) {
                    self.status = None;
                }
                self.data_version = Some(v);
                self.reload();
                true
            }
            Ok(_) => false,
            Err(StoreError::Offline(_)) => {
                // Said once, in plain words; the store tries again, with a
                // growing pause, each time it is asked.
                let first = !self.offline;
                self.offline = true;
                self.status = Some(Status {
                    text: crate::t!("pane.offline").into_owned(),
                    error: true,
                });
                first
            }
            Err(e) => {
                let first = self.status.is_none();
                self.report(&e);
                first
            }
        }
    }

    /// Keeps the preview on the item under the cursor.
    pub fn sync_preview(&mut self) {
        let viewer = self.user.clone();
        match self.stack.last() {
            Some(Screen::Detail(_) | Screen::Review(_)) => {}
            Some(Screen::Search(s)) => {
                let want = s.selected_hit().map(|h| h.id);
                if want.is_none() {
                    self.preview = None;
                } else if want != self.preview.as_ref().and_then(DetailState::id)
                    && let Some(id) = want
                {
                    let item = self.store.get(id, &viewer);
                    self.preview = self
                        .ok(item)
                        .map(|i| DetailState::item(i, &viewer, self.done_for(id), self.theme));
                }
            }
            None if self.tab == Tab::Team => {
                self.preview = self
                    .team
                    .detail_lines()
                    .map(|(title, lines)| DetailState::lines(title, lines, self.theme));
            }
            None => {
                let item = self.list(self.tab).and_then(|l| l.selected_item());
                let same = item.map(Item::id) == self.preview.as_ref().and_then(DetailState::id)
                    && item == self.preview.as_ref().and_then(|p| p.as_item());
                if !same {
                    self.preview = item.cloned().map(|i| {
                        DetailState::item(i.clone(), &viewer, self.done_for(i.id()), self.theme)
                    });
                }
            }
        }
    }

    /// The query changed: search now, or after the current burst of keys.
    pub fn request_search(&mut self) {
        self.finder.due = true;
        if !self.finder.defer {
            self.flush_search();
        }
    }

    fn flush_search(&mut self) {
        if std::mem::take(&mut self.finder.due) {
            self.run_search();
            self.sync_preview();
        }
    }

    /// The search index, if read. A lazy one starts reading (in the
    /// background) so that it is there a few keys later; without a
    /// background reader it is read now, as a search would.
    pub fn search_index(&mut self) -> Option<&SearchIndex> {
        let started = self.finder.index(self.store.as_ref(), &self.user).map(drop);
        self.ok(started)?;
        self.finder.loaded()
    }

    /// Opens the search screen with `query` typed in.
    pub fn open_search(&mut self, query: &str) {
        let mut search = SearchState::new(self.theme);
        search.input = search.input.with_text(query);
        self.stack.push(Screen::Search(search));
        self.run_search();
    }

    /// Runs the query of the open search again (after typing, or a change).
    /// The best hit comes first and is selected.
    pub fn run_search(&mut self) {
        self.search(false);
    }

    /// The same query over changed data: the selection stays on its item.
    fn search_again(&mut self) {
        self.search(true);
    }

    fn search(&mut self, keep_selection: bool) {
        let Some(Screen::Search(screen)) = self.stack.last_mut() else {
            return;
        };
        let done = self
            .finder
            .search(self.store.as_ref(), &self.user, screen, keep_selection);
        self.ok(done);
    }

    /// Tries a failed index read again when its wait is over (called once
    /// a second).
    pub fn retry_index(&mut self) {
        self.finder.retry();
    }

    /// How soon the loop must look for a finished index read.
    pub fn index_wait(&self) -> Duration {
        self.finder.wait()
    }

    /// Takes over a search index built in the background, or the items
    /// read since, and searches again. True when the screen must be drawn
    /// again.
    pub fn poll_index(&mut self) -> bool {
        let polled = self.finder.poll();
        let first = match self.ok(polled) {
            Some(Polled::First) => true,
            Some(Polled::Changed) => false,
            _ => return false,
        };
        if let Some(Screen::Search(_)) = self.stack.last() {
            if first {
                self.run_search();
            } else {
                self.search_again();
            }
            self.sync_preview();
            return true;
        }
        false
    }

    pub fn open_help(&mut self) {
        let view = self.view();
        self.overlay = Some(Overlay::Help(HelpState::new(
            &self.keys,
            view,
            self.theme,
            |k| self.key_works(view, k),
        )));
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

/// A kind in plain words ("question", "vraag"), for people; the JSON and
/// the config keep the machine names.
pub fn kind_word(kind: Kind) -> String {
    let s = match kind {
        Kind::Lesson => crate::t!("kind.lesson"),
        Kind::Question => crate::t!("kind.question"),
        Kind::Tip => crate::t!("kind.tip"),
        Kind::Learned => crate::t!("kind.learned"),
    };
    s.into_owned()
}

/// The actions that apply to an item, most useful first.
pub fn item_actions(item: &Item) -> Vec<Action> {
    match item {
        Item::Lesson(_) => vec![Action::Reveal, Action::MarkDone],
        Item::Question(_) => vec![
            Action::Answer,
            Action::MeToo,
            Action::CanHelp,
            Action::Pledge,
        ],
        Item::Tip(_) => vec![Action::Vote],
        Item::Learned(_) => vec![],
    }
}

/// Draws, waits, updates, until the person quits.
pub fn run_loop(terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    // The first frame, before any query: the pane is there at once.
    terminal.draw(|f| f.render_widget(&*app, f.area()))?;
    app.start();
    let mut pane = PaneScreen {
        app,
        next_check: Instant::now() + CHANGE_CHECK,
    };
    super::event_loop::run(terminal, &mut pane)
}

/// The pane in the one event loop: inputs to the app, and once a second a
/// look whether another process wrote.
struct PaneScreen<'a> {
    app: &'a mut App,
    next_check: Instant,
}

impl super::event_loop::Screen for PaneScreen<'_> {
    fn draw(&self, frame: &mut ratatui::Frame) {
        frame.render_widget(&*self.app, frame.area());
    }

    fn on_input(&mut self, input: Input, area: ratatui::layout::Rect) -> bool {
        // A burst of keys is searched once, after it.
        self.app.finder.defer = true;
        match input {
            Input::Mouse(m) => self.app.on_mouse(area, m),
            input => self.app.on_input(input),
        }
    }

    fn after_inputs(&mut self) {
        self.app.finder.defer = false;
        self.app.flush_search();
        // What a SIGHUP or SIGTERM from now on must keep.
        crate::signals::hold(self.app.unsaved());
    }

    fn wait(&self) -> Duration {
        self.next_check
            .saturating_duration_since(Instant::now())
            .min(self.app.index_wait())
    }

    fn tick(&mut self) -> bool {
        let mut dirty = self.app.poll_index();
        if Instant::now() >= self.next_check {
            dirty |= self.app.on_input(Input::Tick);
            self.next_check = Instant::now() + CHANGE_CHECK;
        }
        dirty
    }

    fn done(&self) -> bool {
        self.app.quit
    }
}
