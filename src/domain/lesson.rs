//! Lesson files: markdown with TOML front matter and a `## Check` section of
//! question/answer cards (see DESIGN.md, "Lesson files").

use serde::Deserialize;
use thiserror::Error;

use super::model::Card;
use super::{ValidationError, text, validate};

/// A lesson as read from a file, before it has an id.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonFile {
    pub slug: String,
    pub title: String,
    pub tags: Vec<String>,
    pub minutes: u32,
    pub lang: String,
    pub body: String,
    pub cards: Vec<Card>,
}

/// A broken lesson file, shown as `file:line: reason`. File names come from
/// a shared folder and reasons may quote the file: both are cleaned when shown.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{}:{line}: {}", text::one_line(file), text::one_line(&reason.to_string()))]
pub struct LessonError {
    pub file: String,
    pub line: usize,
    pub reason: Fault,
}

/// What is wrong with a lesson file: data, so `i18n::lesson_error` can say
/// it in the person's language (`Display` is the English).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Fault {
    /// Already said in the person's language (a file that can't be read).
    #[error("{0}")]
    Said(String),
    #[error("expected `+++` to open the front matter")]
    NoOpening,
    #[error("front matter is never closed with `+++`")]
    NeverClosed,
    /// The TOML parser's own words (they name the key).
    #[error("front matter: {0}")]
    FrontMatter(String),
    #[error(transparent)]
    Invalid(ValidationError),
    #[error("minutes must be 1 to 10, not {0}")]
    Minutes(u32),
    #[error("lang must be one of {LANGS:?}, not {0:?}")]
    Lang(String),
    #[error("the lesson has no text")]
    NoText,
    #[error("the file name gives the lesson no name")]
    NoName,
    #[error("question has no `A:` line after it")]
    NoAnswer,
    #[error("`A:` without a `Q:` before it")]
    AnswerFirst,
    #[error("empty question or answer")]
    EmptyCard,
    #[error("expected `Q:` or `A:` in the Check section")]
    NotACard,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(default)]
    tags: Vec<String>,
    minutes: u32,
    #[serde(default = "default_lang")]
    lang: String,
}

fn default_lang() -> String {
    "en".to_string()
}

pub const LANGS: [&str; 2] = ["en", "nl"];

/// The largest lesson file read (and lesson body imported): 256 KiB is far
/// beyond a 10-minute lesson, and bounds what a hostile file can cost.
pub const MAX_LESSON_BYTES: usize = 256 * 1024;
const FENCE: &str = "+++";

/// Parses one lesson file. `file` is the name used in errors and, without its
/// extension, the lesson's slug.
pub fn parse(file: &str, source: &str) -> Result<LessonFile, LessonError> {
    let err = |line: usize, reason: Fault| LessonError {
        file: file.to_string(),
        line,
        reason,
    };
    let lines: Vec<&str> = source.lines().collect();
    if lines.first().map(|l| l.trim()) != Some(FENCE) {
        return Err(err(1, Fault::NoOpening));
    }
    let close = lines
        .iter()
        .skip(1)
        .position(|l| l.trim() == FENCE)
        .map(|i| i + 1)
        .ok_or_else(|| err(1, Fault::NeverClosed))?;
    let front_src = lines[1..close].join("\n");
    let front: FrontMatter = toml::from_str(&front_src).map_err(|e| {
        // Line of the error inside the front matter, +1 for the opening fence.
        let line = e
            .span()
            .map(|s| front_src[..s.start].matches('\n').count() + 2)
            .unwrap_or(2);
        err(line, Fault::FrontMatter(e.message().to_string()))
    })?;
    let title = validate::line("title", &front.title, validate::MAX_TITLE_CHARS)
        .map_err(|e| err(2, Fault::Invalid(e)))?;
    let tags = validate::tags(&front.tags).map_err(|e| err(2, Fault::Invalid(e)))?;
    if !(1..=10).contains(&front.minutes) {
        return Err(err(2, Fault::Minutes(front.minutes)));
    }
    if !LANGS.contains(&front.lang.as_str()) {
        return Err(err(2, Fault::Lang(front.lang.clone())));
    }

    let rest = &lines[close + 1..];
    let check_at = rest
        .iter()
        .position(|l| l.trim().eq_ignore_ascii_case("## check"));
    let (body_lines, check_lines) = match check_at {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &rest[rest.len()..]),
    };
    let body = text::multi_line(&body_lines.join("\n"));
    if body.is_empty() {
        return Err(err(close + 2, Fault::NoText));
    }
    let first_check_line = close + 1 + check_at.unwrap_or(0) + 2;
    let cards = parse_cards(check_lines, first_check_line).map_err(|(l, r)| err(l, r))?;

    // The file name becomes the slug: cleaned like any other stored text.
    let slug = text::one_line(
        file.rsplit('/')
            .next()
            .unwrap_or(file)
            .trim_end_matches(".md"),
    );
    if slug.is_empty() {
        return Err(err(1, Fault::NoName));
    }
    Ok(LessonFile {
        slug,
        title,
        tags,
        minutes: front.minutes,
        lang: front.lang,
        body,
        cards,
    })
}

/// Reads `Q:`/`A:` pairs; `first_line` is the file line of `lines[0]`.
fn parse_cards(lines: &[&str], first_line: usize) -> Result<Vec<Card>, (usize, Fault)> {
    let mut cards = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (i, raw) in lines.iter().enumerate() {
        let line_no = first_line + i;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(q) = line.strip_prefix("Q:") {
            if let Some((at, _)) = pending {
                return Err((at, Fault::NoAnswer));
            }
            pending = Some((line_no, text::one_line(q)));
        } else if let Some(a) = line.strip_prefix("A:") {
            let Some((_, question)) = pending.take() else {
                return Err((line_no, Fault::AnswerFirst));
            };
            let answer = text::one_line(a);
            if question.is_empty() || answer.is_empty() {
                return Err((line_no, Fault::EmptyCard));
            }
            cards.push(Card { question, answer });
        } else {
            return Err((line_no, Fault::NotACard));
        }
    }
    if let Some((at, _)) = pending {
        return Err((at, Fault::NoAnswer));
    }
    Ok(cards)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\ntitle = \"Ask well\"\ntags = [\"Asking\", \"basics\"]\nminutes = 3\nlang = \"nl\"\n+++\nBody *here*.\n\n## Check\nQ: What?\nA: That.\n\nQ: Why?\nA: Because.\n";

    #[test]
    fn a_good_file_parses() {
        let l = parse("assets/lessons/01-ask.md", GOOD).unwrap();
        assert_eq!(l.slug, "01-ask");
        assert_eq!(l.title, "Ask well");
        assert_eq!(l.tags, vec!["asking", "basics"]);
        assert_eq!(l.lang, "nl");
        assert_eq!(l.body, "Body *here*.");
        assert_eq!(l.cards.len(), 2);
        assert_eq!(l.cards[1].answer, "Because.");
    }

    fn line_of(src: &str) -> usize {
        parse("x.md", src).unwrap_err().line
    }

    #[test]
    fn broken_files_name_the_line() {
        assert_eq!(line_of("title = 1\n"), 1);
        assert_eq!(line_of("+++\ntitle = \"x\"\nminutes = 3\n"), 1);
        let bad_toml = "+++\ntitle = \"x\"\nminutes = three\n+++\nbody\n";
        assert_eq!(line_of(bad_toml), 3);
        let err = parse("x.md", bad_toml).unwrap_err().to_string();
        assert!(err.starts_with("x.md:3: front matter"), "{err}");
        let unknown = "+++\ntitle = \"x\"\nminutes = 3\ncolour = \"red\"\n+++\nbody\n";
        assert!(
            parse("x.md", unknown)
                .unwrap_err()
                .reason
                .to_string()
                .contains("colour")
        );
        let q_without_a = GOOD.replace("A: That.\n", "");
        assert_eq!(line_of(&q_without_a), 10);
        let stray = GOOD.replace("A: Because.", "Because.");
        assert_eq!(line_of(&stray), 14);
        let no_body = "+++\ntitle = \"x\"\nminutes = 3\n+++\n\n## Check\n";
        assert!(
            parse("x.md", no_body)
                .unwrap_err()
                .reason
                .to_string()
                .contains("no text")
        );
        let bad_lang = GOOD.replace("\"nl\"", "\"de\"");
        assert!(
            parse("x.md", &bad_lang)
                .unwrap_err()
                .reason
                .to_string()
                .contains("lang")
        );
    }
}
