//! Know-how from elsewhere (`leertuin knowhow import`): readers of tldr
//! page trees, navi cheatsheets and a team's FAQ, each turning files into
//! [`RefItem`]s the store brings in at once. No SQL and no terminal here:
//! the CLI prints, the store writes.

pub mod faq;
pub mod navi;
pub mod tldr;
pub mod tree;

use std::path::PathBuf;

use crate::domain::ValidationError;
use crate::domain::reference::RefItem;

/// The largest file read as a page, cheatsheet or FAQ (tldr pages are a
/// few kB; a team's FAQ may be longer).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Why a file (or one entry of it) was not imported.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// A tldr page without its `# command` line.
    NoTitle,
    /// A description (`- …:`) without a command after it.
    NoCommand,
    /// A command without a description before it.
    NoDescription,
    /// A command whose closing backtick is missing.
    Unclosed,
    /// A line that is none of title, summary, description or command.
    Unexpected,
    /// A page without any example.
    NoExamples,
    /// A navi command line outside any `# description` or `%` block.
    NoBlock,
    /// A FAQ without any question in it.
    NoQuestions,
    /// A FAQ entry with a question but no answer.
    NoAnswer,
    /// A CSV file whose header names no question or answer column.
    NoColumns,
    /// A CSV line that does not parse (an unclosed quote, say).
    BadCsv(String),
    /// The file could not be read (the reason, in words).
    Read(String),
    /// An example that breaks a content limit.
    Invalid(ValidationError),
}

/// A fault and where it is: the file and the line (from 1).
#[derive(Debug, Clone, PartialEq)]
pub struct PageError {
    pub path: PathBuf,
    pub line: usize,
    pub fault: Fault,
}

/// What a reader found: the items to bring in, and the files it skipped.
#[derive(Debug, Default)]
pub struct Found {
    pub items: Vec<RefItem>,
    pub errors: Vec<PageError>,
}

impl Found {
    /// Adds a file's items, each checked; one that breaks a limit is
    /// reported at `line` and left out, the others stay.
    pub fn add(&mut self, path: &std::path::Path, line: usize, items: Vec<RefItem>) {
        for item in items {
            match item.checked() {
                Ok(item) => self.items.push(item),
                Err(e) => self.errors.push(PageError {
                    path: path.to_path_buf(),
                    line,
                    fault: Fault::Invalid(e),
                }),
            }
        }
    }
}
