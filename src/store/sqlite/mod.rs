//! The SQLite backend: one shared file, its own numbered migrations, and
//! the SQL behind the [`Store`](crate::store::Store) contract. The zero-setup
//! default for one host; `store/postgres/` is its sibling for a team server.

mod asked;
mod backup;
mod engine;
mod file;
mod health;
mod insert;
mod merge;
mod migrate;
mod nudge;
mod own;
mod read;
mod reference;
mod repair;
mod rows;
mod store;
mod text_match;
mod wishes;
mod write;

pub use health::network_filesystem;
pub use migrate::LATEST_VERSION;
pub use repair::{FileIssue, NotRepaired, file_issues, repair};
pub use store::{OpenOptions, SqliteStore};
