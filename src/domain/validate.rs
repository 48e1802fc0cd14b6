//! The content limits of DESIGN.md, enforced before anything reaches storage.

use super::ValidationError;
use super::text::{multi_line, one_line};

pub const MAX_TIP_CHARS: usize = 2_000;
pub const MAX_LEARNED_CHARS: usize = 2_000;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 10_000;
pub const MAX_ANSWER_CHARS: usize = 10_000;
pub const MAX_TAGS: usize = 10;
pub const MAX_TAG_CHARS: usize = 32;
pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_CONTEXT_CHARS: usize = 64;
pub const MAX_REFLECTION_CHARS: usize = 500;
pub const MAX_PLEDGE_MINUTES: i64 = 600;

/// Normalises and checks a tag list: lower-cased, `#` and surrounding space
/// dropped, duplicates removed (first one wins), order kept.
pub fn tags<S: AsRef<str>>(input: &[S]) -> Result<Vec<String>, ValidationError> {
    let mut out: Vec<String> = Vec::new();
    for raw in input {
        // `-t "sql, rust"` is a common way to give two tags at once.
        for part in raw.as_ref().split([',', ' ']) {
            let tag = part.trim().trim_start_matches('#').to_lowercase();
            if tag.is_empty() {
                continue;
            }
            tag_ok(&tag)?;
            if !out.contains(&tag) {
                out.push(tag);
            }
        }
    }
    if out.len() > MAX_TAGS {
        return Err(ValidationError::TooManyTags {
            count: out.len(),
            max: MAX_TAGS,
        });
    }
    Ok(out)
}

/// One tag, normalised like [`tags`] does (for filters such as `--tag`).
pub fn tag(input: &str) -> Result<String, ValidationError> {
    let tag = input.trim().trim_start_matches('#').to_lowercase();
    tag_ok(&tag)?;
    Ok(tag)
}

/// Letters (accents too: `één`, `café`; lower case where the letter has
/// case), digits, `-` and `_`. No spaces or other punctuation: tags are
/// stored space-separated and typed after `#`.
fn tag_ok(tag: &str) -> Result<(), ValidationError> {
    let valid_chars = tag.chars().all(|c| {
        (c.is_alphabetic() && !c.is_uppercase()) || c.is_ascii_digit() || c == '-' || c == '_'
    });
    let len = tag.chars().count();
    if !valid_chars || len == 0 || len > MAX_TAG_CHARS {
        return Err(ValidationError::BadTag(tag.to_string()));
    }
    Ok(())
}

/// Cleans multi-line text and checks it is present and within `max` characters.
pub fn text(field: &'static str, input: &str, max: usize) -> Result<String, ValidationError> {
    let cleaned = multi_line(input);
    checked(field, cleaned, max)
}

/// Cleans a one-line text and checks it is present and within `max` characters.
pub fn line(field: &'static str, input: &str, max: usize) -> Result<String, ValidationError> {
    checked(field, one_line(input), max)
}

/// Like `line`, but an empty input means "none".
pub fn optional_line(
    field: &'static str,
    input: Option<&str>,
    max: usize,
) -> Result<Option<String>, ValidationError> {
    match input.map(one_line) {
        Some(s) if !s.is_empty() => checked(field, s, max).map(Some),
        _ => Ok(None),
    }
}

fn checked(field: &'static str, value: String, max: usize) -> Result<String, ValidationError> {
    let len = value.chars().count();
    if len == 0 {
        return Err(ValidationError::Empty(field));
    }
    if len > max {
        return Err(ValidationError::TooLong { field, len, max });
    }
    Ok(value)
}

/// A person's handle (login name or badge code): one line, no spaces at the ends.
pub fn handle(input: &str) -> Result<String, ValidationError> {
    line("user name", input, MAX_NAME_CHARS)
}

/// Splits a question's text: the first line is the title, the rest the body.
pub fn question_text(input: &str) -> Result<(String, String), ValidationError> {
    let cleaned = multi_line(input);
    let (title, body) = match cleaned.split_once('\n') {
        Some((t, b)) => (t.to_string(), b.trim().to_string()),
        None => (cleaned.clone(), String::new()),
    };
    let title = checked("question title", one_line(&title), MAX_TITLE_CHARS)?;
    let body_len = body.chars().count();
    if body_len > MAX_BODY_CHARS {
        return Err(ValidationError::TooLong {
            field: "question body",
            len: body_len,
            max: MAX_BODY_CHARS,
        });
    }
    Ok((title, body))
}

pub fn pledge_minutes(minutes: i64) -> Result<i64, ValidationError> {
    if (1..=MAX_PLEDGE_MINUTES).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(ValidationError::BadMinutes {
            minutes,
            max: MAX_PLEDGE_MINUTES,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised() {
        let t = tags(&["SQL", "#rust, life", "sql", " "]).unwrap();
        assert_eq!(t, vec!["sql", "rust", "life"]);
    }

    #[test]
    fn tags_may_hold_letters_with_accents() {
        let t = tags(&["ÉÉN", "café", "naïve", "straße", "bijna-één_2"]).unwrap();
        assert_eq!(t, vec!["één", "café", "naïve", "straße", "bijna-één_2"]);
        assert_eq!(tag("#Café").unwrap(), "café");
        // 32 characters, not bytes.
        assert_eq!(tags(&["é".repeat(32)]).unwrap().len(), 1);
    }

    #[test]
    fn bad_tags_are_named() {
        for bad in ["c++", "a.b", "e\u{301}", "é!", &"é".repeat(33)] {
            let err = tags(&[bad]).unwrap_err();
            assert!(err.to_string().contains("tag"), "{err}");
        }
        let eleven: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
        assert!(matches!(
            tags(&eleven),
            Err(ValidationError::TooManyTags { count: 11, .. })
        ));
        assert_eq!(tags(&["x".repeat(32)]).unwrap().len(), 1);
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let ok = "é".repeat(MAX_TIP_CHARS);
        assert!(text("tip", &ok, MAX_TIP_CHARS).is_ok());
        let too_long = "é".repeat(MAX_TIP_CHARS + 1);
        assert!(matches!(
            text("tip", &too_long, MAX_TIP_CHARS),
            Err(ValidationError::TooLong { len: 2001, .. })
        ));
        assert!(matches!(
            text("tip", " \n ", 10),
            Err(ValidationError::Empty(_))
        ));
    }

    #[test]
    fn question_splits_title_and_body() {
        let (t, b) = question_text("How do I  rebase?\n\nI tried merge.").unwrap();
        assert_eq!(t, "How do I rebase?");
        assert_eq!(b, "I tried merge.");
        assert!(question_text(&"x".repeat(201)).is_err());
    }

    #[test]
    fn pledges_are_bounded() {
        assert!(pledge_minutes(15).is_ok());
        assert!(pledge_minutes(0).is_err());
        assert!(pledge_minutes(601).is_err());
    }
}
