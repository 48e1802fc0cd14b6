//! The mouse on a kiosk's touch screen or in a tmux pane: a click on a tab
//! or a row and the wheel, turned into the actions keys already have, so
//! `update` stays the one place where things happen.
//!
//! Where things are drawn is asked of the views themselves
//! ([`views::PaneView::layout`], [`views::PaneView::tab_at`], `ItemListState::row_at`),
//! so a click always lands on what the person sees.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::{App, Tab};
use super::{update, views};

/// Lines one notch of the wheel moves, as in most terminals.
const WHEEL_STEP: usize = 3;

/// What `event` means in the pane drawn in `area`.
pub fn actions(app: &App, area: Rect, event: MouseEvent) -> Vec<Action> {
    match event.kind {
        MouseEventKind::ScrollDown => vec![Action::Down; WHEEL_STEP],
        MouseEventKind::ScrollUp => vec![Action::Up; WHEEL_STEP],
        MouseEventKind::Down(MouseButton::Left) => click(app, area, event.column, event.row),
        _ => Vec::new(),
    }
}

fn click(app: &App, area: Rect, x: u16, y: u16) -> Vec<Action> {
    // A form or help on top takes its keys; clicks beside it do nothing.
    if app.overlay.is_some() || !area.contains(Position { x, y }) {
        return Vec::new();
    }
    let frame = app.pane_view();
    let [tabs, body, ..] = frame.layout(area);
    if tabs.contains(Position { x, y }) {
        return frame
            .tab_at(tabs.width, x - tabs.x)
            .and_then(|i| u8::try_from(i).ok())
            .map(|i| vec![Action::GoTab(i)])
            .unwrap_or_default();
    }
    // Rows of a tab's own list; an open item or search keeps its keys.
    if !app.stack.is_empty() || matches!(app.tab, Tab::Team | Tab::Me | Tab::Wishes) {
        return Vec::new();
    }
    let Some(list) = app.list(app.tab) else {
        return Vec::new();
    };
    let list_area = views::list_area(body);
    // Inside the border.
    let inner = Rect {
        x: list_area.x + 1,
        y: list_area.y + 1,
        width: list_area.width.saturating_sub(2),
        height: list_area.height.saturating_sub(2),
    };
    if !inner.contains(Position { x, y }) {
        return Vec::new();
    }
    let Some(row) = list.row_at(inner.height, y - inner.y) else {
        return Vec::new();
    };
    // A click on the row under the cursor opens it, as Enter does; on
    // another row it moves the cursor there.
    let from = list.selected;
    if row == from {
        vec![Action::Open]
    } else if row > from {
        vec![Action::Down; row - from]
    } else {
        vec![Action::Up; from - row]
    }
}

impl App {
    /// A mouse event in the pane drawn in `area`; true when the screen must
    /// be drawn again.
    pub fn on_mouse(&mut self, area: Rect, event: MouseEvent) -> bool {
        let actions = actions(self, area, event);
        let any = !actions.is_empty();
        for action in actions {
            update(self, action);
        }
        any
    }
}
