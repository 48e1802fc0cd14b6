//! Rows of the server as the shared conversions (`store/read.rs`) read
//! them: by column number, integers of any width as `i64`, and a column
//! of an unexpected type as an error rather than a panic.

use postgres::Row;

use crate::store::Result;
use crate::store::rows::Cols;

impl Cols for Row {
    fn text(&self, i: usize) -> Result<String> {
        Ok(self.try_get(i)?)
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>> {
        Ok(self.try_get(i)?)
    }
    fn int(&self, i: usize) -> Result<i64> {
        // bigint for ids and times, integer for counts and minutes.
        Ok(match self.try_get::<_, i64>(i) {
            Ok(n) => n,
            Err(_) => i64::from(self.try_get::<_, i32>(i)?),
        })
    }
    fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        Ok(match self.try_get::<_, Option<i64>>(i) {
            Ok(n) => n,
            Err(_) => self.try_get::<_, Option<i32>>(i)?.map(i64::from),
        })
    }
    fn flag(&self, i: usize) -> Result<bool> {
        Ok(self.try_get(i)?)
    }
    fn real(&self, i: usize) -> Result<f64> {
        Ok(self.try_get(i)?)
    }
}

/// Each row turned into a value with `convert`.
pub fn all<T>(rows: &[Row], convert: impl Fn(&Row) -> Result<T>) -> Result<Vec<T>> {
    rows.iter().map(convert).collect()
}
