//! Whether the frame being drawn names posts by their ids (`q13`, `t7`).
//! The pane does: an engineer types them into `leertuin show q13`. The
//! kiosk does not: a shop-floor worker knows a post by its words, and no
//! key there takes an id. The frame sets it for the views it draws
//! ([`drawing`]), so rows, titles and forms agree without every view
//! state carrying the kiosk's flag.

use std::cell::Cell;

thread_local! {
    static HIDDEN: Cell<bool> = const { Cell::new(false) };
}

/// True when the views drawn now may show ids.
pub fn shown() -> bool {
    !HIDDEN.with(Cell::get)
}

/// Until the guard is dropped, this thread draws with ids `shown` or not.
pub fn drawing(shown: bool) -> Guard {
    let before = HIDDEN.with(|h| h.replace(!shown));
    Guard { before }
}

/// Puts back what was set before [`drawing`].
pub struct Guard {
    before: bool,
}

impl Drop for Guard {
    fn drop(&mut self) {
        HIDDEN.with(|h| h.set(self.before));
    }
}

/// `id` followed by a space where ids are shown, else nothing: the head
/// of a row.
pub fn head(id: impl std::fmt::Display) -> String {
    if shown() {
        format!("{id} ")
    } else {
        String::new()
    }
}
