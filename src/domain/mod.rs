//! Plain types, validation and limits. No SQL, no terminal.

pub mod code;
pub mod context;
pub mod id;
pub mod import_check;
pub mod insights;
pub mod ledger;
pub mod lesson;
pub mod model;
pub mod money;
pub mod near;
pub mod new;
pub mod post;
pub mod reference;
pub mod srs;
pub mod team;
pub mod text;
pub mod validate;
pub mod voucher;
pub mod wish;
pub mod write;

pub use id::{ItemId, Kind};
pub use model::*;
pub use new::{Draft, NewItem, NewLearned, NewQuestion, NewTip};
pub use post::Post;
pub use write::{Done, Write};

use thiserror::Error;

/// Input a person gave that leertuin will not store. Always a user error
/// (exit code 2), and always one line.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ValidationError {
    #[error("{0} is empty")]
    Empty(&'static str),
    #[error("{field} is {len} characters long; the limit is {max}")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("bad tag {0:?}: use 1-32 letters, digits, - or _")]
    BadTag(String),
    #[error("{count} tags given; the limit is {max}")]
    TooManyTags { count: usize, max: usize },
    #[error("bad id {0:?}: ids look like l3, q42, t7 or n12")]
    BadId(String),
    #[error("pledge of {minutes} minutes: give 1 to {max}")]
    BadMinutes { minutes: i64, max: i64 },
    #[error("{id} is not a {kind}")]
    NotKind { id: ItemId, kind: Kind },
    #[error("{0} is your own tip; votes are for colleagues' tips")]
    OwnTip(ItemId),
    #[error("{0} is your own question; backing is for colleagues' questions")]
    OwnQuestion(ItemId),
    #[error("{0} was imported (knowhow import); votes are for colleagues' tips")]
    ImportedTip(ItemId),
    #[error("{question} has no answer {answer}")]
    NoAnswer { question: ItemId, answer: i64 },
    #[error("{helper} has no pledge on {question}")]
    NoPledge { question: ItemId, helper: String },
    #[error("only the person who asked {0} can do this")]
    NotTheAsker(ItemId),
    #[error("{0} was asked anonymously, so nobody can do this")]
    AskedAnonymously(ItemId),
    /// A question colleagues answered stays, for their answers' sake.
    #[error(
        "{0} has answers from colleagues, which stay, so the question stays too; you can still edit it"
    )]
    AnsweredByOthers(ItemId),
    #[error("language {0:?}: choose en or nl")]
    BadLang(String),
    /// `--anonymous` (questions only) or `--private` (learned only) on
    /// another kind.
    #[error("--{flag} only applies to {kind}s")]
    FlagOnlyFor { flag: &'static str, kind: Kind },
    #[error("--context applies to tips and questions")]
    ContextNotLearned,
    /// Lessons come from files (`leertuin lessons import`), not from
    /// `add`, `edit` or `delete`.
    #[error("lessons are added and changed with `leertuin lessons import`")]
    LessonsViaImport,
    #[error("bad id {0:?}: use t7, q42, n12 or q42#3 for an answer")]
    BadPost(String),
    #[error("bad card {0:?}: cards look like l3#1 or t7")]
    BadCard(String),
    #[error("a pledge needs --minutes N")]
    PledgeNeedsMinutes,
    #[error("--minutes only goes with a pledge")]
    MinutesOnlyPledge,
}
