//! The outbox: writes the database or team server could not take when they
//! were made (another program's write lock, a server that is away, a full
//! disk, a read-only file). Each waits as one private JSON file in
//! `$XDG_STATE_HOME/leertuin/outbox/` (folder 0700, files 0600, written
//! whole: temporary file, sync, rename) until it is sent ([`send`]).
//!
//! A waiting write is data ([`Write`]) with a random idempotency key and
//! the database it is meant for, so the outbox wraps any store and knows
//! no SQL; the key makes a second send change nothing.
//!
//! Drafts ([`crate::drafts`]) are the other half: a form's unfinished
//! text, kept when a signal or an idle logout ends it. A draft is offered
//! back to be finished; an outbox entry is a finished write that only
//! waits to be sent.

mod send;

pub use send::{Failed, Outcome, Report, keep, send_waiting, submit};

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::{Time, Write, millis, now};
use crate::paths;
use crate::store::Spec;

/// The file layout's version: a newer leertuin's entries are left alone.
const VERSION: u32 = 1;
/// More than any write's text can fill: a bigger file is no entry of ours.
const MAX_ENTRY_BYTES: usize = 1 << 20;
/// Refused entries move here, with their reason.
const REFUSED: &str = "refused";

/// One write waiting to be sent, as its file holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub version: u32,
    /// The idempotency key: recorded with the write when it is applied.
    pub key: String,
    /// The database or server it is meant for ([`spec_name`]): entries
    /// for another `--db` are left alone.
    pub spec: String,
    #[serde(with = "millis")]
    pub queued_at: Time,
    pub write: Write,
    /// Why the database refused it (entries in `refused/` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// An entry and the file it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    pub path: PathBuf,
    pub entry: Entry,
}

/// How a spec is named in an entry: a file's absolute path (a relative
/// `--db` names the same file from any folder), a server's URL without its
/// password (no password is ever written to disk).
pub fn spec_name(spec: &Spec) -> String {
    match spec {
        Spec::File(path) => {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            // The folder resolved through links where it exists; the file
            // itself may not exist yet.
            match (absolute.parent(), absolute.file_name()) {
                (Some(dir), Some(name)) => fs::canonicalize(dir)
                    .map(|dir| dir.join(name))
                    .unwrap_or(absolute),
                _ => absolute,
            }
            .display()
            .to_string()
        }
        Spec::Server(_) => spec.to_string(),
    }
}

/// A folder of waiting writes. [`Outbox::user`] is the real one; tests
/// pass a temporary folder to [`Outbox::at`].
#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
}

impl Outbox {
    /// The user's outbox (`paths::outbox_dir`); `None` without a home.
    pub fn user() -> Option<Outbox> {
        paths::outbox_dir().map(Outbox::at)
    }

    pub fn at(dir: impl Into<PathBuf>) -> Outbox {
        Outbox { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where refused entries go.
    pub fn refused_dir(&self) -> PathBuf {
        self.dir.join(REFUSED)
    }

    /// Keeps `write` for `spec` under `key`; its file. Complete and on disk
    /// when this returns.
    pub fn queue(&self, spec: &str, key: &str, write: &Write) -> io::Result<PathBuf> {
        let entry = Entry {
            version: VERSION,
            key: key.to_string(),
            spec: spec.to_string(),
            queued_at: now(),
            write: write.clone(),
            refused: None,
        };
        // Time first, so names sort oldest first and writes go out in the
        // order they were made.
        let name = format!("{}-{key}.json", entry.queued_at.format("%Y%m%dT%H%M%S%3f"));
        let path = self.dir.join(name);
        write_entry(&path, &entry)?;
        Ok(path)
    }

    /// How many of `person`'s writes wait for `spec`. One readdir when
    /// there are none.
    pub fn count(&self, spec: &str, person: &str) -> usize {
        self.waiting(spec, person).len()
    }

    /// `person`'s writes waiting for `spec`, oldest first. Only the person
    /// who made a write sends it (the one whose name this leertuin already
    /// checked), so a file put here by hand can't act for someone else. A
    /// file that can't be read (a newer leertuin's, a broken one) is
    /// skipped and left where it is.
    pub fn waiting(&self, spec: &str, person: &str) -> Vec<Waiting> {
        entries_in(&self.dir, spec, person)
    }

    /// `person`'s writes for `spec` the database refused, oldest first.
    pub fn refused(&self, spec: &str, person: &str) -> Vec<Waiting> {
        entries_in(&self.refused_dir(), spec, person)
    }

    /// Moves a refused entry to `refused/` with its one-line reason:
    /// never deleted silently, so its text can still be rescued.
    pub fn refuse(&self, waiting: &Waiting, reason: &str) -> io::Result<PathBuf> {
        let mut entry = waiting.entry.clone();
        entry.refused = Some(crate::domain::text::one_line(reason));
        let name = waiting
            .path
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(format!("{}.json", entry.key)));
        let path = self.refused_dir().join(name);
        write_entry(&path, &entry)?;
        remove(&waiting.path)?;
        Ok(path)
    }
}

/// "3 waiting to be sent", in the current language: the pane's status
/// line, `nudge` and `sync` say it alike.
pub fn waiting_line(n: usize) -> String {
    crate::i18n::plural(
        n,
        t!("outbox.waiting.one"),
        t!("outbox.waiting.many", n = n),
    )
}

/// Removes a sent entry; one already gone is fine (another `sync` sent it).
pub fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn write_entry(path: &Path, entry: &Entry) -> io::Result<()> {
    let json = serde_json::to_vec_pretty(entry).map_err(io::Error::other)?;
    crate::private_file::write(path, &json)
}

fn entries_in(dir: &Path, spec: &str, person: &str) -> Vec<Waiting> {
    let Ok(files) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<Waiting> = files
        .flatten()
        .filter_map(|f| {
            let name = f.file_name();
            let name = name.to_str()?;
            // Temporary files of a write under way start with a dot.
            (name.ends_with(".json") && !name.starts_with('.')).then_some(())?;
            let path = f.path();
            let text = crate::safe_read::regular_text(&path, MAX_ENTRY_BYTES).ok()?;
            let entry: Entry = serde_json::from_str(&text).ok()?;
            let ours =
                entry.version == VERSION && entry.spec == spec && entry.write.person() == person;
            ours.then_some(Waiting { path, entry })
        })
        .collect();
    out.sort_by(|a, b| (a.entry.queued_at, &a.path).cmp(&(b.entry.queued_at, &b.path)));
    out
}

#[cfg(test)]
mod tests;
