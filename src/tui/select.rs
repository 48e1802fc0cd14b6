//! The cursor after a write: what the person just made is what they see
//! next, under the cursor and in the detail, not the item they were on.

use super::app::App;
use super::screen::Screen;
use super::tabs::Tab;
use crate::domain::ItemId;

impl App {
    /// Shows `id` (just saved): on this tab's list when it holds it, else
    /// on the tab that lists its kind; an open item or search is closed,
    /// so the list and its detail show the new item.
    pub fn go_to(&mut self, id: ItemId) {
        if matches!(self.stack.last(), Some(Screen::Review(_))) {
            return;
        }
        self.stack.clear();
        let here = self.tab;
        if !self.list_mut(here).is_some_and(|l| l.select_id(id)) {
            let Some(tab) = Tab::ALL.into_iter().find(|t| t.kind() == Some(id.kind)) else {
                return;
            };
            self.switch_tab(tab);
            if let Some(list) = self.list_mut(tab) {
                list.select_id(id);
            }
        }
        self.sync_preview();
    }
}
