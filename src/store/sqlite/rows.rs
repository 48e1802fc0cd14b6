//! SQLite's statement helper.

use rusqlite::{Connection, Params};

use crate::store::Result;

/// Executes one statement through the connection's statement cache: bulk
/// writes (demo data, imports) then parse each SQL text only once.
pub fn exec<P: Params>(tx: &Connection, sql: &str, params: P) -> Result<usize> {
    Ok(tx.prepare_cached(sql)?.execute(params)?)
}
