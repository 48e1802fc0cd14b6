//! The rules of changing one's own posts on every backend: which table a
//! post lives in, who may change it, and how a text is split to store it.

use super::{Result, StoreError};
use crate::domain::{Kind, Post, ValidationError};

/// The table and text column(s) of a post, and how its id is matched.
pub fn table(post: Post) -> Result<&'static str> {
    Ok(match post {
        Post::Answer { .. } => "answer",
        Post::Item(id) => match id.kind {
            Kind::Question => "question",
            Kind::Tip => "tip",
            Kind::Learned => "learned",
            Kind::Lesson => {
                return Err(ValidationError::LessonsViaImport.into());
            }
        },
    })
}

/// Only a post's author may change it; an anonymous one nobody can.
pub fn check_owner(post: Post, author: Option<&str>, person: &str) -> Result<()> {
    match author {
        Some(a) if a == person => Ok(()),
        Some(_) => Err(StoreError::NotYours(post)),
        None => Err(StoreError::Anonymous(post)),
    }
}

/// How a text change is written: the `SET` part (with `?2`/`?3` for the
/// text), and the text split as stored (a question keeps its first line
/// as title, the rest as body).
pub fn text_update(post: Post, text: &str) -> (&'static str, &str, &str) {
    let (first, rest) = match (post, text.split_once('\n')) {
        (Post::Item(id), Some((t, b))) if id.kind == Kind::Question => (t, b),
        _ => (text, ""),
    };
    let set = match post {
        Post::Answer { .. } => "body = ?2",
        Post::Item(id) if id.kind == Kind::Question => "title = ?2, body = ?3",
        Post::Item(_) => "text = ?2",
    };
    (set, first, rest)
}
