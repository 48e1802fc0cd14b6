//! Writes as data: every change a person makes to the shared data is one
//! [`Write`] value. The store applies it (`store::apply`), the outbox keeps
//! it in a file when the database or server can't take it now and sends it
//! later, and undo is a write's [`Write::inverse`] applied the same way: one
//! code path for all three.
//!
//! Text is carried as typed and checked again when the write is applied,
//! so a file edited by hand can't slip past the rules.

use serde::{Deserialize, Serialize};

use super::{Backing, BackingKind, Brought, Draft, ItemId, Kind, Post};

/// One write, by the person who makes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Write {
    /// A new tip, question or learned entry.
    Add {
        kind: Kind,
        person: String,
        draft: Draft,
    },
    Answer {
        question: ItemId,
        person: String,
        text: String,
    },
    /// Me-too, can-help, or a pledge of minutes.
    Back {
        question: ItemId,
        person: String,
        kind: BackingKind,
        #[serde(default)]
        minutes: Option<i64>,
    },
    Withdraw {
        question: ItemId,
        person: String,
        kind: BackingKind,
    },
    Vote {
        tip: ItemId,
        person: String,
    },
    Unvote {
        tip: ItemId,
        person: String,
    },
    /// New text for the person's own post, and new tags for a tip,
    /// question or learned entry (`None`: the tags stay).
    Edit {
        post: Post,
        person: String,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tags: Option<Vec<String>>,
    },
    Delete {
        post: Post,
        person: String,
    },
    /// Brings back the person's own deleted post (undo of a delete).
    Restore {
        post: Post,
        person: String,
        text: String,
    },
    /// A lesson done, with the reflection and what it brought.
    MarkDone {
        lesson: ItemId,
        person: String,
        #[serde(default)]
        reflection: Option<String>,
        #[serde(default)]
        brought: Option<Brought>,
    },
    /// Takes back marking a lesson done (undo).
    UnmarkDone {
        lesson: ItemId,
        person: String,
    },
    /// A colleague's tip as one of the person's review cards.
    Remember {
        tip: ItemId,
        person: String,
    },
    /// The asker accepts answer number `answer`.
    Accept {
        question: ItemId,
        answer: i64,
        person: String,
    },
    /// The asker marks `helper`'s pledged minutes as given.
    Helped {
        question: ItemId,
        helper: String,
        person: String,
    },
    /// The asker takes back accepting an answer: none is accepted (undo).
    Unaccept {
        question: ItemId,
        person: String,
    },
    /// The asker takes back marking `helper`'s pledge as given (undo).
    Unhelped {
        question: ItemId,
        helper: String,
        person: String,
    },
    MarkAnswersSeen {
        question: ItemId,
        person: String,
    },
}

/// What applying a write gave back, for the message that says so (and
/// for its inverse).
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    /// The new item's id.
    Added(ItemId),
    /// The new answer's number on its question.
    Answered(i64),
    /// Whether something changed (a vote, a card, a take-back): false when
    /// it was so already.
    Changed(bool),
    /// The text the post had before (edit, delete).
    Text(String),
    /// The backing a withdraw took back, if there was one.
    Taken(Option<Backing>),
    /// Done; nothing to report.
    Ok,
}

impl Write {
    /// Who makes this write.
    pub fn person(&self) -> &str {
        match self {
            Write::Add { person, .. }
            | Write::Answer { person, .. }
            | Write::Back { person, .. }
            | Write::Withdraw { person, .. }
            | Write::Vote { person, .. }
            | Write::Unvote { person, .. }
            | Write::Edit { person, .. }
            | Write::Delete { person, .. }
            | Write::Restore { person, .. }
            | Write::MarkDone { person, .. }
            | Write::UnmarkDone { person, .. }
            | Write::Remember { person, .. }
            | Write::Accept { person, .. }
            | Write::Helped { person, .. }
            | Write::Unaccept { person, .. }
            | Write::Unhelped { person, .. }
            | Write::MarkAnswersSeen { person, .. } => person,
        }
    }

    /// The write in the words of the command that makes it (`answer q3`,
    /// `add tip`): how `sync` names a write it lists.
    pub fn describe(&self) -> String {
        match self {
            Write::Add { kind, .. } => format!("add {kind}"),
            Write::Answer { question, .. } => format!("answer {question}"),
            Write::Back {
                question,
                minutes: Some(m),
                ..
            } => format!("back {question} --minutes {m}"),
            Write::Back { question, kind, .. } => format!("back {question} {}", kind.name()),
            Write::Withdraw { question, kind, .. } => {
                format!("back {question} {} --withdraw", kind.name())
            }
            Write::Vote { tip, .. } => format!("vote {tip}"),
            Write::Unvote { tip, .. } => format!("vote {tip} --withdraw"),
            Write::Edit { post, .. } => format!("edit {post}"),
            Write::Delete { post, .. } => format!("delete {post}"),
            Write::Restore { post, .. } => format!("restore {post}"),
            Write::MarkDone { lesson, .. } => format!("lessons done {lesson}"),
            Write::UnmarkDone { lesson, .. } => format!("lessons done {lesson} --undo"),
            Write::Remember { tip, .. } => format!("remember {tip}"),
            Write::Accept {
                question, answer, ..
            } => format!("accept {question}#{answer}"),
            Write::Helped {
                question, helper, ..
            } => format!("helped {question} {helper}"),
            Write::Unaccept { question, .. } => format!("unaccept {question}"),
            Write::Unhelped {
                question, helper, ..
            } => format!("unhelped {question} {helper}"),
            Write::MarkAnswersSeen { question, .. } => format!("seen {question}"),
        }
    }

    /// The write that takes this one back, given what applying it did:
    /// what undo applies. `None` when there is nothing to take back (a
    /// vote that was there already), or it can't be (an anonymous
    /// question is linked to nobody, not even its asker), or it needs
    /// what was there before, which only the caller knows (accept: the
    /// answer accepted until then).
    pub fn inverse(&self, done: &Done) -> Option<Write> {
        let person = self.person().to_string();
        match (self, done) {
            (Write::Add { draft, .. }, Done::Added(id)) => {
                (!draft.anonymous).then_some(Write::Delete {
                    post: Post::Item(*id),
                    person,
                })
            }
            (Write::Answer { question, .. }, Done::Answered(n)) => Some(Write::Delete {
                post: Post::Answer {
                    question: *question,
                    answer: *n,
                },
                person,
            }),
            (Write::Back { question, kind, .. }, _) => Some(Write::Withdraw {
                question: *question,
                person,
                kind: *kind,
            }),
            (Write::Withdraw { question, kind, .. }, Done::Taken(Some(b))) => Some(Write::Back {
                question: *question,
                person,
                kind: *kind,
                minutes: b.minutes,
            }),
            (Write::Vote { tip, .. }, Done::Changed(true)) => {
                Some(Write::Unvote { tip: *tip, person })
            }
            (Write::Unvote { tip, .. }, Done::Changed(true)) => {
                Some(Write::Vote { tip: *tip, person })
            }
            // The old tags only the caller knows (the pane gives them back).
            (Write::Edit { post, .. }, Done::Text(old)) => Some(Write::Edit {
                post: *post,
                person,
                text: old.clone(),
                tags: None,
            }),
            (Write::Delete { post, .. }, Done::Text(old)) => Some(Write::Restore {
                post: *post,
                person,
                text: old.clone(),
            }),
            (Write::UnmarkDone { lesson, .. }, Done::Changed(true)) => Some(Write::MarkDone {
                lesson: *lesson,
                person,
                reflection: None,
                brought: None,
            }),
            (Write::Restore { post, .. }, _) => Some(Write::Delete {
                post: *post,
                person,
            }),
            (
                Write::Helped {
                    question, helper, ..
                },
                _,
            ) => Some(Write::Unhelped {
                question: *question,
                helper: helper.clone(),
                person,
            }),
            (
                Write::Unhelped {
                    question, helper, ..
                },
                _,
            ) => Some(Write::Helped {
                question: *question,
                helper: helper.clone(),
                person,
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64) -> ItemId {
        ItemId::new(Kind::Question, n)
    }

    #[test]
    fn a_write_travels_as_json_and_comes_back_the_same() {
        let writes = [
            Write::Add {
                kind: Kind::Question,
                person: "ann".into(),
                draft: Draft {
                    text: "Why?\nBecause \"quotes\"".into(),
                    tags: vec!["sql".into()],
                    context: Some("psql".into()),
                    anonymous: true,
                    private: false,
                },
            },
            Write::Back {
                question: q(3),
                person: "bob".into(),
                kind: BackingKind::Pledge,
                minutes: Some(30),
            },
            Write::Edit {
                post: Post::Answer {
                    question: q(4),
                    answer: 2,
                },
                person: "ann".into(),
                text: "better".into(),
                tags: None,
            },
            Write::Edit {
                post: Post::Item(ItemId::new(Kind::Tip, 7)),
                person: "ann".into(),
                text: "better".into(),
                tags: Some(vec!["pers".into(), "één".into()]),
            },
            Write::MarkDone {
                lesson: ItemId::new(Kind::Lesson, 1),
                person: "ann".into(),
                reflection: Some("I ask better".into()),
                brought: Some(Brought::Work),
            },
        ];
        for w in writes {
            let json = serde_json::to_string(&w).unwrap();
            assert_eq!(serde_json::from_str::<Write>(&json).unwrap(), w, "{json}");
        }
        let json = r#"{"op":"answer","question":"q3","person":"ann","text":"x"}"#;
        assert_eq!(
            serde_json::from_str::<Write>(json).unwrap().describe(),
            "answer q3"
        );
        assert!(serde_json::from_str::<Write>(r#"{"op":"drop-table"}"#).is_err());
    }

    #[test]
    fn inverses_take_writes_back() {
        let add = Write::Add {
            kind: Kind::Tip,
            person: "ann".into(),
            draft: Draft {
                text: "x".into(),
                ..Draft::default()
            },
        };
        let t1 = ItemId::new(Kind::Tip, 1);
        assert_eq!(
            add.inverse(&Done::Added(t1)),
            Some(Write::Delete {
                post: Post::Item(t1),
                person: "ann".into()
            })
        );
        let anonymous = Write::Add {
            kind: Kind::Question,
            person: "ann".into(),
            draft: Draft {
                text: "x".into(),
                anonymous: true,
                ..Draft::default()
            },
        };
        assert_eq!(anonymous.inverse(&Done::Added(q(1))), None);
        let vote = Write::Vote {
            tip: t1,
            person: "bob".into(),
        };
        assert_eq!(vote.inverse(&Done::Changed(false)), None);
        let unvote = vote.inverse(&Done::Changed(true)).unwrap();
        assert_eq!(unvote.inverse(&Done::Changed(true)), Some(vote));
    }
}
