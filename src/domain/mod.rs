//! Plain types, validation and limits. No SQL, no terminal.

pub mod context;
pub mod id;
pub mod import_check;
pub mod insights;
pub mod lesson;
pub mod model;
pub mod new;
pub mod post;
pub mod srs;
pub mod team;
pub mod text;
pub mod validate;

pub use id::{ItemId, Kind};
pub use model::*;
pub use new::{Draft, NewItem, NewLearned, NewQuestion, NewTip};
pub use post::{Post, Undo};

use thiserror::Error;

/// Input a person gave that leertuin will not store. Always a user error
/// (exit code 2), and always one line.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ValidationError {
    #[error("{0} is empty")]
    Empty(&'static str),
    #[error("{field} is {len} characters long; the limit is {max}")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("bad tag {0:?}: use 1-32 letters, digits, - or _")]
    BadTag(String),
    #[error("{count} tags given; the limit is {max}")]
    TooManyTags { count: usize, max: usize },
    #[error("bad id {0:?}: ids look like l3, q42, t7 or n12")]
    BadId(String),
    #[error("pledge of {minutes} minutes: give 1 to {max}")]
    BadMinutes { minutes: i64, max: i64 },
    #[error("{0}")]
    Rule(String),
}
