//! The team server: leertuin on PostgreSQL, where the server, not the app,
//! keeps identity and privacy (row-level security on the login role).
//!
//! Reading a server URL without ever showing its password ([`url`]), the
//! schema with its version and migrations, group roles, grants and
//! row-level security (`server init`, [`schema`]), adding people and
//! kiosks ([`people`]), and the `Store` contract on top ([`PgStore`]:
//! `store.rs` with the queries in `read.rs`, `write.rs`, `engine.rs` and
//! `backup.rs`).

mod answering;
mod backup;
mod engine;
mod insert;
mod merge;
mod nudge;
pub mod people;
mod read;
mod reference;
mod rows;
pub mod schema;
mod search;
mod startup_options;
mod store;
pub mod url;
mod wishes;
mod write;

use thiserror::Error;

use crate::domain::ValidationError;

pub use people::{AddPerson, Added};
pub use schema::{InitReport, LATEST_VERSION};
pub use store::PgStore;
pub use url::ServerUrl;

/// The group role every person's login role is granted.
pub const PERSON_ROLE: &str = "leertuin_person";
/// The group role every kiosk's login role is granted.
pub const KIOSK_ROLE: &str = "leertuin_kiosk";

#[derive(Debug, Error)]
pub enum ServerError {
    /// The text is not a PostgreSQL URL we can use (the reason, never the
    /// password).
    #[error("{0}")]
    BadUrl(String),
    /// The server could not be reached or refused the login.
    #[error("{0}")]
    Connect(String),
    /// The server said no to a statement (the reason, password-free).
    #[error("{0}")]
    Db(String),
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// A handle PostgreSQL cannot use as a login role.
    #[error("{0:?} cannot be a login role name")]
    BadRole(String),
    /// The database has no leertuin schema yet.
    #[error("no leertuin schema in this database yet")]
    NotInitialised,
    #[error(
        "the database has schema version {found}, but this leertuin knows only up to version {known}; \
         it will not write to it: upgrade leertuin"
    )]
    NewerSchema { found: i64, known: i64 },
    /// A person cannot be a kiosk too, nor a kiosk a person.
    #[error("{0} is a kiosk, not a person")]
    IsKiosk(String),
    #[error("{0} is a person, not a kiosk")]
    IsPerson(String),
}

impl ServerError {
    /// True when the person's input is at fault (exit code 2).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, ServerError::Connect(_) | ServerError::Db(_))
    }
}

pub type Result<T, E = ServerError> = std::result::Result<T, E>;
