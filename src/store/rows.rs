//! Conversions between SQL columns and domain values, the same on every
//! backend.

use super::Result;
use crate::domain::{Time, from_millis};

/// Tags are stored as one space-separated text (validated tags have no spaces).
pub fn tags_to_sql(tags: &[String]) -> String {
    tags.join(" ")
}

pub fn tags_from_sql(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

pub fn time_to_sql(t: Time) -> i64 {
    t.timestamp_millis()
}

pub fn time_from_sql(ms: i64) -> Time {
    from_millis(ms)
}

/// A `LIKE` pattern matching rows whose space-separated `tags` contain `tag`.
/// Tags never contain `%` or `_`… except `_`, which LIKE treats as a
/// wildcard; it is escaped with `\`.
pub fn tag_pattern(tag: &str) -> String {
    format!("% {} %", tag.replace('_', "\\_"))
}

/// One result row, read by column number, on any backend: the
/// conversions from rows to domain values (`store/read.rs`) are written
/// once against it, and each backend implements it for its own row type.
/// Integers come as `i64` whatever their width in the schema.
pub trait Cols {
    fn text(&self, i: usize) -> Result<String>;
    fn opt_text(&self, i: usize) -> Result<Option<String>>;
    fn int(&self, i: usize) -> Result<i64>;
    fn opt_int(&self, i: usize) -> Result<Option<i64>>;
    fn flag(&self, i: usize) -> Result<bool>;
    fn real(&self, i: usize) -> Result<f64>;

    /// A time stored as milliseconds.
    fn time(&self, i: usize) -> Result<Time> {
        Ok(time_from_sql(self.int(i)?))
    }
    fn opt_time(&self, i: usize) -> Result<Option<Time>> {
        Ok(self.opt_int(i)?.map(time_from_sql))
    }
    /// Tags stored as one space-separated text.
    fn tags(&self, i: usize) -> Result<Vec<String>> {
        Ok(tags_from_sql(&self.text(i)?))
    }
}
