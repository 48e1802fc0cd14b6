//! Loading what the pane shows: a tab's rows when it is shown and stale,
//! everything again when another process wrote, and the preview of the
//! item under the cursor.

use super::action::Action;
use super::app::App;
use super::feed;
use super::keys::View;
use super::screen::Screen;
use super::tabs::Tab;
use super::views::detail::DetailState;
use super::views::status::Status;
use crate::domain::{Item, context, now, reference};
use crate::store::{ListQuery, StoreError};

use super::feeds::PAGE as TAB_LIMIT;
use super::views::list::More;

impl App {
    /// The tab's data must be loaded again before it is next shown.
    pub fn mark_stale(&mut self, tab: Tab) {
        self.feeds.mark_stale(tab);
    }

    pub fn switch_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.stack.clear();
        self.load_active();
    }

    /// The cursor reached the end of a list that holds fewer rows than
    /// there are: the next page is loaded, the cursor stays on its row.
    pub fn load_more_if_wanted(&mut self) {
        let tab = self.tab;
        if self.list(tab).is_some_and(|l| l.wants_more()) {
            self.feeds.load_more(tab);
            self.load_active();
        }
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
        self.me.kiosk = self.typing_asks;
        self.feeds.invite_to_share(!self.public);
        self.team.edit_key = edit_key;
        match tab {
            Tab::Team => {
                let data = super::engine::team_data(&*self.store, now())?;
                self.team.set(data);
            }
            Tab::Wishes => self.load_wishes()?,
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
                        no_knowhow: self.feeds.no_knowhow,
                    },
                    &viewer,
                )?;
                self.add_tool_items(&mut items);
                // Imported know-how comes beside the tool it is about, not
                // among colleagues' news: thousands of tldr examples would
                // bury them. In the person's language where a page has it.
                let names: Vec<String> =
                    self.tools.iter().flat_map(|t| context::names(t)).collect();
                // Hidden altogether by the pane's switch.
                let shown = !self.feeds.no_knowhow;
                items.retain(|i| {
                    reference::of(i).is_none() || (shown && context::is_about(i, &names))
                });
                let mut items = reference::own_language_first(items, crate::i18n::lang());
                // One's own fresh questions head the list (see
                // `asked::fresh`), each once.
                let own = super::asked::fresh(&*self.store, &viewer)?;
                items.retain(|i| !own.iter().any(|r| r.item.id() == i.id()));
                let done = self.feeds.done_ids();
                let ranked = feed::for_you(items, &viewer, &wants, &done, now());
                let ranked = feed::own_language_first(ranked, crate::i18n::lang());
                // What the person works with next door comes first.
                let followed = context::follow(ranked, &self.tools);
                // Headings count rows from the top: the own questions
                // come first, under their own heading.
                let mine = own.len();
                let mut sections = Vec::new();
                if mine > 0 {
                    sections.push((0, crate::t!("list.your-questions").into_owned()));
                }
                if followed.about > 0 {
                    sections.push((
                        mine,
                        crate::t!("list.for-tools", tools = followed.tools.join(", ")).into_owned(),
                    ));
                }
                if (followed.about > 0 || mine > 0) && followed.about < followed.items.len() {
                    sections.push((
                        mine + followed.about,
                        crate::t!("list.more-for-you").into_owned(),
                    ));
                }
                // The first screen says so too: a Dutch worker's list ends
                // in English lessons, which a row at 40 columns cannot mark.
                if let Some(at) = other_languages_at(&followed.items, followed.about) {
                    sections.push((mine + at, crate::t!("list.other-languages").into_owned()));
                }
                let rows = own
                    .into_iter()
                    .chain(followed.items.into_iter().map(|i| self.feeds.row(i, true)))
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
                let query = ListQuery {
                    kind: tab.kind(),
                    tag: None,
                    limit: self.feeds.limit(tab),
                    no_knowhow: self.feeds.no_knowhow,
                };
                let items = self.store.list(&query, &viewer)?;
                // Counted only when the list is full: then there may be more.
                let more = if items.len() >= query.limit {
                    Some(More {
                        total: self.store.count(&query, &viewer)?,
                        search_key: self.list_key(Action::Search),
                    })
                } else {
                    None
                };
                let items = feed::own_language_first(items, crate::i18n::lang());
                // Lessons in other languages come after the person's own,
                // under a heading that says so (their rows say which).
                let sections = match other_languages_at(&items, 0) {
                    Some(at) if tab == Tab::Lessons => {
                        vec![(at, crate::t!("list.other-languages").into_owned())]
                    }
                    _ => Vec::new(),
                };
                let rows = items
                    .into_iter()
                    .map(|i| self.feeds.row(i, false))
                    .collect();
                if let Some(list) = self.list_mut(tab) {
                    list.set_rows(rows);
                    list.more = more;
                    list.sections = sections;
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
    /// rest when it is next shown. Returns true when an open item or wish
    /// is gone (deleted, withdrawn or closed) and was closed with it.
    pub fn reload(&mut self) -> bool {
        // The wish opened, by id: its detail is drawn from the tab's
        // selected row, which moves to a neighbour when the wish goes.
        let open_wish = self
            .showing_wish()
            .then(|| self.wishes.selected_wish().map(|w| w.id))
            .flatten();
        self.feeds.mark_all_stale();
        self.finder.refresh();
        let done = self.store.lessons_done(&self.user);
        if let Some(done) = self.ok(done) {
            self.feeds.set_done(done);
        }
        self.load_active();
        // Open items show their new answers, votes and backings; one that
        // is gone closes, so no key can act on what is no longer there.
        let mut gone = false;
        let mut i = 0;
        while i < self.stack.len() {
            let Some(id) = (match self.stack.get(i) {
                Some(Screen::Detail(d)) => d.id(),
                _ => None,
            }) else {
                i += 1;
                continue;
            };
            let fresh = self.store.get(id, &self.user);
            if matches!(fresh, Err(StoreError::NotFound(_))) {
                self.stack.remove(i);
                gone = true;
                continue;
            }
            let done = self.done_for(id);
            if let (Ok(item), Some(Screen::Detail(d))) = (fresh, self.stack.get_mut(i)) {
                d.replace(item, done);
            }
            i += 1;
        }
        if let Some(id) = open_wish {
            if self.wishes.selected_wish().map(|w| w.id) == Some(id) {
                self.refresh_open_wish();
            } else if self.showing_wish() {
                self.stack.pop();
                gone = true;
            }
        }
        if let Some(Screen::Search(_)) = self.stack.last() {
            self.search_again();
        }
        self.preview = None;
        self.sync_preview();
        gone
    }

    /// Asks the store whether another process wrote; reloads if so. Returns
    /// true when the screen must be drawn again.
    pub fn check_for_changes(&mut self) -> bool {
        self.look_for_changes(false)
    }

    /// A watcher on another connection heard of a change (a kiosk's, which
    /// outlives each login): reloads even when this store's own connection
    /// has not heard the notification yet. Offline, as
    /// [`App::check_for_changes`].
    pub fn told_of_changes(&mut self) -> bool {
        self.look_for_changes(true)
    }

    /// Changes reach this pane by notification, so the once-a-second tick
    /// asks the store only while offline (see [`App::on_tick`]).
    pub fn changes_are_pushed(&mut self, pushed: bool) {
        self.changes_pushed = pushed;
    }

    fn look_for_changes(&mut self, told: bool) -> bool {
        match self.store.data_version() {
            Ok(v) if told || Some(v) != self.data_version || self.offline => {
                if std::mem::take(&mut self.offline) {
                    self.status.clear();
                }
                self.data_version = Some(v);
                // The person's language may have changed elsewhere (`me
                // --lang`, the profile in another pane): the lists load
                // again in it, their own language's lessons first.
                self.follow_language();
                let gone = self.reload();
                // A form or choice open on what went closes with it.
                let closed = self.close_gone_overlay();
                if gone || closed.is_some() {
                    // Someone else took it away: said plainly, as the
                    // pane went back to the list by itself; and the search
                    // forgets it (a refresh reads only new items).
                    self.say(if closed == Some(true) {
                        crate::t!("status.gone-kept")
                    } else {
                        crate::t!("status.gone")
                    });
                    self.rebuild_index();
                }
                true
            }
            Ok(_) => false,
            Err(StoreError::Offline(_)) => {
                // Said once, in plain words; the store tries again, with a
                // growing pause, each time it is asked.
                let first = !self.offline;
                self.offline = true;
                self.status.set(Status {
                    text: crate::t!("pane.offline").into_owned(),
                    error: true,
                });
                first
            }
            Err(e) => {
                let first = self.status.message().is_none();
                self.report(&e);
                first
            }
        }
    }

    /// An item's detail as this session shows it, acted on by the keys of
    /// `view` (opened: [`View::Detail`]; else the list or search beside
    /// it): the answer to choose on one's own question where it may, and
    /// how to answer a colleague's from there.
    pub fn detail_of(&self, item: Item, view: View) -> DetailState {
        let done = self.done_for(item.id());
        let how = self.how_to_answer(view);
        DetailState::item(item, &self.user, done, self.theme)
            .choosing(!self.public)
            .answering(how)
    }

    /// "Druk op Enter om te antwoorden.": the key that answers from
    /// `view`, or else the one that opens the question to answer it. At a
    /// kiosk typing asks a new question, so the words name the key that
    /// answers (issue 11); `None` where no key does.
    fn how_to_answer(&self, view: View) -> Option<String> {
        let key = |action| {
            self.keys
                .keys(view, action)
                .iter()
                .find(|k| self.key_works(view, k))
                .map(ToString::to_string)
        };
        if let Some(key) = key(Action::Answer) {
            return Some(crate::t!("detail.answer-key", key = key).into_owned());
        }
        if view == View::Detail {
            return None;
        }
        key(Action::Open).map(|key| crate::t!("detail.answer-open-key", key = key).into_owned())
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
                    self.preview = self.ok(item).map(|i| self.detail_of(i, View::Search));
                }
            }
            None if self.tab == Tab::Wishes => self.preview = self.wish_preview(),
            None if self.tab == Tab::Team => {
                // Its lines are made now, not drawn: the kiosk's words.
                let _ids = super::views::ids::drawing(!self.typing_asks);
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
                    self.preview = item.cloned().map(|i| self.detail_of(i, View::List));
                }
            }
        }
    }
}

/// Where the lessons in another language than the person's start in
/// `items`, from `from` on: they come after the person's own (see
/// [`feed::own_language_first`]), under a heading that says so.
fn other_languages_at(items: &[Item], from: usize) -> Option<usize> {
    let lang = crate::i18n::lang();
    items
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, i)| matches!(i, Item::Lesson(l) if !l.lang.eq_ignore_ascii_case(lang)))
        .map(|(at, _)| at)
}
