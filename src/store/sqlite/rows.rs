//! SQLite's statement helper.

use rusqlite::{Connection, Params, Row};

use crate::store::Result;
use crate::store::rows::Cols;

/// Executes one statement through the connection's statement cache: bulk
/// writes (demo data, imports) then parse each SQL text only once.
pub fn exec<P: Params>(tx: &Connection, sql: &str, params: P) -> Result<usize> {
    Ok(tx.prepare_cached(sql)?.execute(params)?)
}

/// Runs a cached query and turns each row into a value with `convert`
/// (one of the shared conversions in `store/read.rs`).
pub fn all<T, P: Params>(
    tx: &Connection,
    sql: &str,
    params: P,
    convert: impl Fn(&Row) -> Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = tx.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(convert(row)?);
    }
    Ok(out)
}

/// Columns by number, as the shared conversions read them.
impl Cols for Row<'_> {
    fn text(&self, i: usize) -> Result<String> {
        Ok(self.get(i)?)
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>> {
        Ok(self.get(i)?)
    }
    fn int(&self, i: usize) -> Result<i64> {
        Ok(self.get(i)?)
    }
    fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        Ok(self.get(i)?)
    }
    fn flag(&self, i: usize) -> Result<bool> {
        Ok(self.get(i)?)
    }
    fn real(&self, i: usize) -> Result<f64> {
        Ok(self.get(i)?)
    }
}
