//! Validated input for new items. Every way of adding content (CLI, pane,
//! capture popup, kiosk, demo) builds one of these, so the limits and the
//! cleaning of text hold everywhere.

use super::validate::{self, MAX_CONTEXT_CHARS};
use super::{Kind, ValidationError, Visibility};

#[derive(Debug, Clone, PartialEq)]
pub struct NewTip {
    pub author: String,
    pub text: String,
    pub tags: Vec<String>,
    pub context: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewQuestion {
    /// `None` when asked anonymously: the store keeps no author at all.
    pub author: Option<String>,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub context: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewLearned {
    pub author: String,
    pub text: String,
    pub tags: Vec<String>,
    pub visibility: Visibility,
}

/// What any capture produces.
#[derive(Debug, Clone, PartialEq)]
pub enum NewItem {
    Tip(NewTip),
    Question(NewQuestion),
    Learned(NewLearned),
}

/// Raw capture input, as typed into a form or given on the command line.
/// Serde-able: a write waiting in the outbox carries it as typed and is
/// checked again when it is sent.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Draft {
    pub text: String,
    pub tags: Vec<String>,
    pub context: Option<String>,
    pub anonymous: bool,
    pub private: bool,
}

impl NewItem {
    /// For tests: an item of `kind` by `author` saying `text`, nothing
    /// else; panics when that is no valid item.
    #[cfg(test)]
    pub fn said(kind: Kind, author: &str, text: &str) -> NewItem {
        let draft = Draft {
            text: text.into(),
            ..Draft::default()
        };
        NewItem::from_draft(kind, author, &draft).expect("a valid item")
    }

    /// Validates a draft of the given kind, written by `author`.
    pub fn from_draft(kind: Kind, author: &str, draft: &Draft) -> Result<NewItem, ValidationError> {
        let author = validate::handle(author)?;
        let tags = validate::tags(&draft.tags)?;
        let context =
            validate::optional_line("context", draft.context.as_deref(), MAX_CONTEXT_CHARS)?
                .map(|c| c.to_lowercase());
        let no_flag = |flag: &'static str| ValidationError::FlagOnlyFor {
            flag,
            kind: if flag == "anonymous" {
                Kind::Question
            } else {
                Kind::Learned
            },
        };
        if draft.anonymous && kind != Kind::Question {
            return Err(no_flag("anonymous"));
        }
        if draft.private && kind != Kind::Learned {
            return Err(no_flag("private"));
        }
        match kind {
            Kind::Tip => Ok(NewItem::Tip(NewTip {
                author,
                text: validate::text("tip", &draft.text, validate::MAX_TIP_CHARS)?,
                tags,
                context,
            })),
            Kind::Question => {
                let (title, body) = validate::question_text(&draft.text)?;
                Ok(NewItem::Question(NewQuestion {
                    author: (!draft.anonymous).then_some(author),
                    title,
                    body,
                    tags,
                    context,
                }))
            }
            Kind::Learned => {
                if context.is_some() {
                    return Err(ValidationError::ContextNotLearned);
                }
                Ok(NewItem::Learned(NewLearned {
                    author,
                    text: validate::text("learned", &draft.text, validate::MAX_LEARNED_CHARS)?,
                    tags,
                    visibility: if draft.private {
                        Visibility::Private
                    } else {
                        Visibility::Team
                    },
                }))
            }
            Kind::Lesson => Err(ValidationError::LessonsViaImport),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> Draft {
        Draft {
            text: text.into(),
            ..Draft::default()
        }
    }

    #[test]
    fn anonymous_question_has_no_author() {
        let d = Draft {
            anonymous: true,
            ..draft("Why is the build slow?")
        };
        let NewItem::Question(q) = NewItem::from_draft(Kind::Question, "ann", &d).unwrap() else {
            panic!("not a question")
        };
        assert_eq!(q.author, None);
    }

    #[test]
    fn flags_only_where_they_mean_something() {
        let anon_tip = Draft {
            anonymous: true,
            ..draft("x")
        };
        assert!(NewItem::from_draft(Kind::Tip, "ann", &anon_tip).is_err());
        let private_q = Draft {
            private: true,
            ..draft("x")
        };
        assert!(NewItem::from_draft(Kind::Question, "ann", &private_q).is_err());
        assert!(NewItem::from_draft(Kind::Lesson, "ann", &draft("x")).is_err());
    }

    #[test]
    fn text_is_cleaned_before_validation() {
        let d = Draft {
            context: Some(" Kubectl ".into()),
            ..draft("\u{1b}[31muse -o wide\u{1b}[0m")
        };
        let NewItem::Tip(t) = NewItem::from_draft(Kind::Tip, "ann", &d).unwrap() else {
            panic!("not a tip")
        };
        assert_eq!(t.text, "use -o wide");
        assert_eq!(t.context.as_deref(), Some("kubectl"));
    }
}
