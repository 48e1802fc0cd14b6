//! The SQLite backend: one shared file, its own numbered migrations, and
//! the SQL behind the [`Store`](crate::store::Store) contract. The zero-setup
//! default for one host; `store/postgres/` is its sibling for a team server.

mod asked;
pub(crate) mod backup;
mod engine;
mod file;
mod health;
pub(crate) mod merge;
mod migrate;
pub(crate) mod nudge;
pub(crate) mod own;
pub(crate) mod read;
mod repair;
mod rows;
mod store;
pub(crate) mod write;

pub use asked::NewAnswer;
pub use health::network_filesystem;
pub use merge::MergeReport;
pub use migrate::LATEST_VERSION;
pub use nudge::{NudgeAsk, NudgeFacts, OpenQuestion, ShortLesson};
pub use repair::{FileIssue, NotRepaired, file_issues, repair};
pub use store::{OpenOptions, SqliteStore};
