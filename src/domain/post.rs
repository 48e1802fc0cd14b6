//! A person's own posts: what can be edited or deleted (an item or one
//! answer). (Undo applies a write's inverse: see [`super::write`].)

use std::fmt;
use std::str::FromStr;

use super::validate;
use super::{ItemId, Kind, ValidationError};

/// One post a person wrote: a tip, question or learned entry, or one
/// answer on a question. An answer is written `q42#17`: the question and
/// the answer's number as `show` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Post {
    Item(ItemId),
    Answer { question: ItemId, answer: i64 },
}

impl Post {
    /// The item the post is, or is on.
    pub fn item(self) -> ItemId {
        match self {
            Post::Item(id) => id,
            Post::Answer { question, .. } => question,
        }
    }

    /// The text of a post checked and cleaned as when it was added: a
    /// question's first line is its title, the rest its body (joined back
    /// with a newline, the form `edit` and undo hand around).
    pub fn clean_text(self, text: &str) -> Result<String, ValidationError> {
        Ok(match self {
            Post::Answer { .. } => validate::text("answer", text, validate::MAX_ANSWER_CHARS)?,
            Post::Item(id) => match id.kind {
                Kind::Tip => validate::text("tip", text, validate::MAX_TIP_CHARS)?,
                Kind::Learned => validate::text("learned", text, validate::MAX_LEARNED_CHARS)?,
                Kind::Question => {
                    let (title, body) = validate::question_text(text)?;
                    join_question(&title, &body)
                }
                Kind::Lesson => return Err(lesson_error()),
            },
        })
    }
}

/// A question's title and body as one text, the way it is typed.
pub fn join_question(title: &str, body: &str) -> String {
    if body.is_empty() {
        title.to_string()
    } else {
        format!("{title}\n{body}")
    }
}

fn lesson_error() -> ValidationError {
    ValidationError::LessonsViaImport
}

impl fmt::Display for Post {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Post::Item(id) => write!(f, "{id}"),
            Post::Answer { question, answer } => write!(f, "{question}#{answer}"),
        }
    }
}

impl FromStr for Post {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ValidationError::BadPost(s.to_string());
        let post = match s.trim().split_once('#') {
            None => Post::Item(s.parse()?),
            Some((q, n)) => {
                let question: ItemId = q.parse().map_err(|_| bad())?;
                if question.kind != Kind::Question || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad());
                }
                let answer: i64 = n.parse().map_err(|_| bad())?;
                if answer <= 0 {
                    return Err(bad());
                }
                Post::Answer { question, answer }
            }
        };
        if post.item().kind == Kind::Lesson {
            return Err(lesson_error());
        }
        Ok(post)
    }
}

/// A post travels as it is typed (`t7`, `q42#17`), so an outbox file reads
/// like the command that made it.
impl serde::Serialize for Post {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Post {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_print_and_parse_back() {
        for s in ["t7", "q42", "n3", "q42#17"] {
            assert_eq!(s.parse::<Post>().unwrap().to_string(), s);
        }
        assert_eq!(
            "q4#2".parse::<Post>().unwrap(),
            Post::Answer {
                question: ItemId::new(Kind::Question, 4),
                answer: 2
            }
        );
    }

    #[test]
    fn bad_posts_are_rejected() {
        for bad in ["", "l3", "t7#1", "q4#", "q4#0", "q4#x", "#3", "q4#-1"] {
            assert!(bad.parse::<Post>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn question_text_is_title_and_body() {
        let q = Post::Item(ItemId::new(Kind::Question, 1));
        assert_eq!(q.clean_text(" Why?\n\nBecause ").unwrap(), "Why?\nBecause");
        assert!(q.clean_text("   ").is_err());
    }
}
