//! The tab feeds as their own state: the lists of For you, Lessons,
//! Questions, Tips and Learned, which of the tabs must be loaded again,
//! the lessons this person finished (a list row marks them), and the
//! Questions tab's order. [`App`](super::App) fills them from the store;
//! this decides what a row shows.

use std::collections::{HashMap, HashSet};

use super::tabs::{COUNT, Tab};
use super::theme::Theme;
use super::views::detail::Done;
use super::views::list::{ANSWERED, ItemListState, ListRow, Words};
use crate::domain::{Item, ItemId, LessonDone};
use crate::i18n::kind_word;

/// How many items a tab loads at a time: more than anyone scrolls through
/// at once, few enough that a 100k-item database still opens at once.
pub const PAGE: usize = 300;

pub struct Feeds {
    /// For you, Lessons, Questions, Tips, Learned.
    pub lists: [ItemListState; 5],
    /// The Questions tab lists open questions by backing instead of newest first.
    pub by_backing: bool,
    /// Imported know-how (tldr, navi, FAQ) is left out of every list: the
    /// pane's switch (`i`), or `[knowhow] show = false` in config.toml.
    pub no_knowhow: bool,
    /// Tabs whose data must be loaded again before they are shown.
    stale: [bool; COUNT],
    /// How many pages of [`PAGE`] rows each tab loads: one, and one more
    /// each time the cursor reaches the end of a list that holds fewer
    /// than there are.
    pages: [usize; COUNT],
    /// Lessons this person finished, with their reflection.
    done: HashMap<ItemId, Option<String>>,
}

impl Feeds {
    /// Empty feeds, every tab still to load.
    pub fn new(theme: Theme) -> Feeds {
        let list = |title: Words, empty: Words| ItemListState::new(title, empty, theme);
        Feeds {
            lists: [
                list(
                    || crate::t!("tab.for-you").into_owned(),
                    || crate::t!("list.for-you.empty").into_owned(),
                ),
                list(
                    || crate::t!("tab.lessons").into_owned(),
                    || crate::t!("list.lessons.empty").into_owned(),
                ),
                list(
                    || crate::t!("tab.questions").into_owned(),
                    || crate::t!("list.questions.empty").into_owned(),
                ),
                list(
                    || crate::t!("tab.tips").into_owned(),
                    || crate::t!("list.tips.empty").into_owned(),
                ),
                list(
                    || crate::t!("tab.learned").into_owned(),
                    || crate::t!("list.learned.empty").into_owned(),
                ),
            ],
            by_backing: false,
            no_knowhow: false,
            stale: [true; COUNT],
            pages: [1; COUNT],
            done: HashMap::new(),
        }
    }

    /// What the empty Tips and Learned lists say: an invitation to share
    /// (`may`), or, for a kiosk login without its PIN, which may not share
    /// in that name (`App::may`), only that there is nothing yet.
    pub fn invite_to_share(&mut self, may: bool) {
        let (tips, learned): (Words, Words) = if may {
            (
                || crate::t!("list.tips.empty").into_owned(),
                || crate::t!("list.learned.empty").into_owned(),
            )
        } else {
            (
                || crate::t!("list.tips.empty.plain").into_owned(),
                || crate::t!("list.learned.empty.plain").into_owned(),
            )
        };
        self.lists[Tab::Tips.index()].empty_note = tips;
        self.lists[Tab::Learned.index()].empty_note = learned;
    }

    /// The list a feed tab shows; `None` for Team and Me, which have
    /// their own states.
    pub fn list(&self, tab: Tab) -> Option<&ItemListState> {
        match tab {
            Tab::Team | Tab::Me | Tab::Wishes => None,
            t => self.lists.get(t.index()),
        }
    }

    pub fn list_mut(&mut self, tab: Tab) -> Option<&mut ItemListState> {
        match tab {
            Tab::Team | Tab::Me | Tab::Wishes => None,
            t => self.lists.get_mut(t.index()),
        }
    }

    /// The tab's data must be loaded again before it is next shown.
    pub fn mark_stale(&mut self, tab: Tab) {
        self.stale[tab.index()] = true;
    }

    /// Everything may have changed.
    pub fn mark_all_stale(&mut self) {
        self.stale = [true; COUNT];
    }

    pub fn is_stale(&self, tab: Tab) -> bool {
        self.stale[tab.index()]
    }

    /// How many items the tab loads now.
    pub fn limit(&self, tab: Tab) -> usize {
        PAGE.saturating_mul(self.pages[tab.index()])
    }

    /// The tab loads a page more when it is next shown.
    pub fn load_more(&mut self, tab: Tab) {
        self.pages[tab.index()] += 1;
        self.stale[tab.index()] = true;
    }

    /// The tab was loaded.
    pub fn loaded(&mut self, tab: Tab) {
        self.stale[tab.index()] = false;
    }

    /// The lessons the person finished, as the store has them now.
    pub fn set_done(&mut self, done: Vec<LessonDone>) {
        self.done = done.into_iter().map(|d| (d.lesson, d.reflection)).collect();
    }

    /// Whether (and with which reflection) the person finished a lesson.
    pub fn done_for(&self, id: ItemId) -> Done {
        self.done.get(&id).cloned()
    }

    /// The lessons the person finished.
    pub fn done_ids(&self) -> HashSet<ItemId> {
        self.done.keys().copied().collect()
    }

    /// A list row with its badge; `with_kind` for lists that mix kinds.
    pub fn row(&self, item: Item, with_kind: bool) -> ListRow {
        let note = match &item {
            Item::Lesson(l) if self.done.contains_key(&l.id) => {
                format!("{} ✓", crate::t!("badge.minutes", n = l.minutes))
            }
            Item::Lesson(l) => crate::t!("badge.minutes", n = l.minutes).into_owned(),
            Item::Question(q) if q.answers.is_empty() => crate::t!("badge.open").into_owned(),
            // Whole words ("2 antwoorden"): a cut word ("2 antw") is no
            // word to a B1 reader.
            Item::Question(q) => crate::i18n::answers(q.answers.len()),
            // Imported know-how asks no votes: its source instead. Votes
            // in words ("3 stemmen"), as answers are, and none at all when
            // there are none: "▲0" is a sign and a nought a worker cannot
            // read as anything.
            Item::Tip(t) => match &t.reference {
                Some(r) => r.badge().to_string(),
                None if t.votes.is_empty() => String::new(),
                None => crate::i18n::votes(t.votes.len()),
            },
            // A private note is always one's own: instead of one's name,
            // that nobody else sees it (the tester found no mark on the
            // list; only the detail said so). The word keeps its place
            // at 40 columns (`ListRow::keeps_badge`).
            Item::Learned(l) if l.visibility == crate::domain::Visibility::Private => {
                crate::t!("badge.private").into_owned()
            }
            Item::Learned(l) => crate::domain::shown(&l.author_name, &l.author).to_string(),
        };
        // A lesson in another language than the person's is marked with
        // it ("EN"): the person's own come first, the others after, and a
        // Dutch worker sees before opening one that it is English.
        let note = match &item {
            Item::Lesson(l) if !l.lang.eq_ignore_ascii_case(crate::i18n::lang()) => {
                format!("{note} · {}", l.lang.to_uppercase())
            }
            _ => note,
        };
        // An imported item's source says its kind too (tldr and navi are
        // tips, a FAQ entry a question), and it stays on the row however
        // narrow: its title has the room the kind word would take.
        let imported = crate::domain::reference::of(&item).is_some();
        let answered = matches!(&item, Item::Question(q) if !q.answers.is_empty());
        let badge = if with_kind && !imported && answered {
            // Among news of every kind, that a question has its answer is
            // what matters: said in a word that keeps its place however
            // narrow (the title gives way), as news does.
            format!("{ANSWERED} {}", crate::t!("badge.answered"))
        } else if with_kind && !imported && note.is_empty() {
            kind_word(item.kind())
        } else if with_kind && !imported {
            format!("{} {note}", kind_word(item.kind()))
        } else {
            note
        };
        ListRow { item, badge }
    }
}
