//! The whole-file check before a one-shot write, once per state of the
//! file rather than once per write.
//!
//! A damaged database refuses writes, naming `leertuin doctor`; to know,
//! a write ran `PRAGMA quick_check` first. That reads every page and,
//! since the search index is an FTS5 table, checks the index against every
//! text too: about 1 s at 100k items (10 s at 1M), paid by every `add`.
//! 32 writers of 200 adds each crawled: the checks, not the writes, were
//! the work. So once a check found the file whole, and after each write a
//! leertuin command made to it, the file's identity, size and change time
//! are noted in the person's state folder; a write that finds the file
//! exactly so skips the check. Whatever else changes the file (another
//! program writing into it, a copy or restore over it, a pane's
//! checkpoint) moves its change time, and the next write checks it whole
//! again. Damage that changes no time (a failing disk) is found by the
//! pane's and kiosk's check after they open, and by `doctor`.

use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::store::{self, Mode, Spec, Store};

/// Opens `spec` to write, creating it if missing, and refuses a damaged
/// file (see the module's note for when the check is skipped).
pub fn open(spec: &Spec) -> store::Result<Box<dyn Store>> {
    let store = store::open(spec, Mode::Create)?;
    let Some(file) = spec.file() else {
        // The team server keeps its own files whole.
        store.check_integrity()?;
        return Ok(store);
    };
    let before = state(file);
    if before.is_none() || before != noted(file) {
        store.check_integrity()?;
        note(file, before);
    }
    Ok(store)
}

/// After a write a leertuin command made (its store closed, so a
/// checkpoint at the close is in it): the file as it left it.
pub fn left(spec: &Spec) {
    if let Some(file) = spec.file() {
        let now = state(file);
        if now != noted(file) {
            note(file, now);
        }
    }
}

/// What identifies the file's contents without reading them: device,
/// inode, size and change time (a write, a rename over it, a `touch`
/// all move the change time).
fn state(file: &Path) -> Option<String> {
    let m = std::fs::metadata(file).ok()?;
    Some(format!(
        "{} {} {} {}.{:09}",
        m.dev(),
        m.ino(),
        m.size(),
        m.ctime(),
        m.ctime_nsec()
    ))
}

/// Where the state a check or write left is noted: one small file per
/// database, named by a hash of its path.
fn record(file: &Path) -> Option<PathBuf> {
    let path = std::fs::canonicalize(file).ok()?;
    let hash = Sha256::digest(path.as_os_str().as_encoded_bytes());
    let name: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    Some(crate::paths::state_dir()?.join("checked").join(name))
}

fn noted(file: &Path) -> Option<String> {
    std::fs::read_to_string(record(file)?).ok()
}

/// Notes `state`, best effort: a note that cannot be written costs only
/// the next write a check. Not synced (unlike drafts): a note lost in a
/// crash means one more check, nothing else.
fn note(file: &Path, state: Option<String>) {
    let (Some(state), Some(path)) = (state, record(file)) else {
        return;
    };
    let Some(dir) = path.parent() else { return };
    let tmp = dir.join(format!(
        ".{}-{:04x}.tmp",
        std::process::id(),
        fastrand::u16(..)
    ));
    let written = std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .and_then(|()| std::fs::write(&tmp, state))
        .and_then(|()| std::fs::rename(&tmp, &path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}
