//! The search screen's side of the pane: running the query (now, or once
//! a burst of keys is over) and taking over an index read in the
//! background. The index and its reader live in [`super::finder`].

use std::time::Duration;

use super::app::App;
use super::finder::Polled;
use super::screen::{Overlay, Screen};
use super::views::search::SearchState;
use crate::search::SearchIndex;

impl App {
    /// The query changed: search now, or after the current burst of keys.
    pub fn request_search(&mut self) {
        self.finder.due = true;
        if !self.finder.defer {
            self.flush_search();
        }
    }

    pub(super) fn flush_search(&mut self) {
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
    pub(super) fn search_again(&mut self) {
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
        // A question typed while the index was read: its words are looked
        // up now, not only at the next finished word.
        if first && matches!(self.overlay, Some(Overlay::Capture(_))) {
            if let Some(Overlay::Capture(mut form)) = self.overlay.take() {
                form.similar_key.clear();
                super::similar::refresh(self, &mut form);
                self.overlay = Some(Overlay::Capture(form));
            }
            return true;
        }
        false
    }
}
