//! Conversions between SQL columns and domain values, the same on every
//! backend.

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
