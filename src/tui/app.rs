//! The pane's top-level state: which tab, what is stacked over it, the
//! overlay, the status line, and the parts that keep their own state
//! (feeds, search, team, me). What the pane does lives beside it, one job
//! a file: [`super::dispatch`] (inputs to actions), [`super::update`]
//! (what actions do), [`super::loading`], [`super::searching`],
//! [`super::hints`], [`super::say`], [`super::pane_view`] (what the views
//! draw) and [`super::pane_loop`].

use super::around::Around;
use super::feeds::Feeds;
use super::finder::Finder;
use super::keys::{KeyMap, View};
use super::say::StatusState;
use super::theme::Theme;
use super::views::detail::Done;
use super::views::list::ItemListState;
use super::views::me::MeState;
use super::views::review::ReviewSettings;
use super::views::team::TeamState;
use super::views::wishes::WishesState;
use crate::domain::{Item, ItemId, Kind};
use crate::store::Store;

pub use super::action::item_actions;
pub use super::pane_loop::CHANGE_CHECK;
pub use super::screen::{Overlay, Screen};
pub use super::tabs::Tab;
pub use super::views::status::Status;
/// Kept here too for code that names it `app::kind_word`.
pub use crate::i18n::kind_word;

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
    pub wishes: WishesState,
    /// Retention and buttons of review sessions (from config.toml).
    pub review_settings: ReviewSettings,
    pub stack: Vec<Screen>,
    pub overlay: Option<Overlay>,
    /// The item under the cursor, drawn beside the list on wide panes.
    pub preview: Option<super::views::detail::DetailState>,
    /// The status line: its message and nudge (see [`super::say`]).
    pub status: StatusState,
    /// The search: its index, the reader that builds it, bursts of keys.
    pub finder: Finder,
    pub(super) data_version: Option<i64>,
    /// The store tells of changes as they come (the team server): the
    /// once-a-second look is then only for coming back from offline.
    pub(super) changes_pushed: bool,
    /// The team server is out of reach: the pane shows what it has and
    /// says so until the store is back.
    pub(super) offline: bool,
    /// Drafts folder, nudge state, tmux window: see [`super::around`].
    pub around: Around,
    /// The tools in the neighbouring tmux panes; For you ranks for them.
    pub tools: Vec<String>,
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
    /// Saves wait for the next frame, which says "Saving…" (see
    /// [`App::run_saving`]): set by the event loop, so a busy database
    /// never freezes a form without a word. Off, a save runs at once.
    pub defer_saves: bool,
    /// The save announced on screen, done by [`App::run_saving`].
    pub saving: Option<super::action::Action>,
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
            wishes: WishesState::new(user, theme),
            review_settings: ReviewSettings::default(),
            stack: Vec::new(),
            overlay: None,
            preview: None,
            status: StatusState::default(),
            finder: Finder::default(),
            data_version: None,
            changes_pushed: false,
            offline: false,
            around: Around::default(),
            tools: Vec::new(),
            quit: false,
            undo: None,
            lang: None,
            typing_asks: false,
            public: false,
            defer_saves: false,
            saving: None,
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

    /// Opens the question form with `text` in it, ready to send: a paste
    /// on a kiosk's list or item, and the question a kiosk worker typed
    /// before logging in (`Session::take_question`). Opened before
    /// [`App::start`], it also keeps older drafts from being offered over it.
    pub fn ask(&mut self, text: &str) {
        let mut form = self.question_form();
        super::views::capture::paste_at_kiosk(&mut form, text);
        // "Eerder gevraagd" without a key first: this starts the index
        // read, and its arrival looks the words up (`poll_index`). A
        // tester sent a question a colleague had asked already, waiting
        // for a hint that only came at the next key.
        super::similar::refresh(self, &mut form);
        self.overlay = Some(Overlay::Capture(form));
    }

    /// A new question's form with the cursor in its text, no draft offered
    /// over it: what typing or pasting at a kiosk starts.
    pub fn question_form(&self) -> super::views::capture::CaptureState {
        let mut form = self.capture_form(Kind::Question, None);
        form.offering = false;
        form
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

    pub fn list(&self, tab: Tab) -> Option<&ItemListState> {
        match tab {
            Tab::Team | Tab::Wishes => None,
            Tab::Me => Some(&self.me.done),
            t => self.feeds.list(t),
        }
    }

    /// Leaves imported know-how (tldr, navi, FAQ) out of the lists and the
    /// search (`true`), or brings it back; the lists load again when shown.
    pub fn hide_knowhow(&mut self, hidden: bool) {
        self.feeds.no_knowhow = hidden;
        self.finder.set_no_knowhow(hidden);
    }

    pub fn list_mut(&mut self, tab: Tab) -> Option<&mut ItemListState> {
        match tab {
            Tab::Team | Tab::Wishes => None,
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

    /// True when the open item is the person's own question with answers,
    /// and they may choose the one that helped. A kiosk login without the
    /// PIN may not (choosing changes the question): there Enter answers,
    /// as on any question, and no hint offers the choice.
    pub fn own_answered_question(&self) -> bool {
        !self.public
            && matches!(self.stack.last(), Some(Screen::Detail(_)))
            && matches!(
                self.target_item(),
                Some(Item::Question(q))
                    if q.author.as_deref() == Some(self.user.as_str()) && !q.answers.is_empty()
            )
    }

    /// True when the open item is the person's own question and one of
    /// its answers is chosen already.
    pub fn answer_chosen(&self) -> bool {
        self.own_answered_question()
            && matches!(self.target_item(), Some(Item::Question(q)) if q.answers.iter().any(|a| a.accepted))
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

    pub fn done_for(&self, id: ItemId) -> Done {
        self.feeds.done_for(id)
    }
}
