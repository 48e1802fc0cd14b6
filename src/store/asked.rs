//! What the asker of a question learns when answers come back.

use crate::domain::{ItemId, Time};

/// The newest answer on one of the person's questions that they have not
/// seen, with enough to say so in one line.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAnswer {
    pub question: ItemId,
    pub title: String,
    pub answer: i64,
    /// The answerer's display name.
    pub by: String,
    pub at: Time,
}
