//! The status line's messages: what was saved, what went wrong, in one
//! line, never a panic.

use super::app::App;
use super::views::status::Status;
use crate::store::StoreError;

impl App {
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
}
