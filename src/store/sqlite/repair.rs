//! What `leertuin doctor` finds wrong with the files on disk, and what
//! `doctor --repair` can put right: a `-shm` that blocks every write, and
//! permissions that open the database to everyone or close it to the team.
//! Works without opening the database, since these faults can stop that.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::file::{can_write_file, folder, sidecar};
use crate::store::Spec;

/// One fault in the files, with what is needed to explain and fix it.
#[derive(Debug, Clone, PartialEq)]
pub enum FileIssue {
    /// A `-shm` this person can't write (left by someone who could only
    /// read): every write fails until it is gone.
    StaleShm(PathBuf),
    /// Readable or writable by every account on the host.
    OpenToAll { path: PathBuf, mode: u32 },
    /// In a setgid (shared) folder, but the team's group can't write it.
    NotShared { path: PathBuf, mode: u32 },
    /// A `-wal` or `-shm` whose permissions differ from the database's:
    /// someone who may use the database can't use it.
    SidecarMode { path: PathBuf, mode: u32, want: u32 },
}

impl FileIssue {
    pub fn path(&self) -> &Path {
        match self {
            FileIssue::StaleShm(path)
            | FileIssue::OpenToAll { path, .. }
            | FileIssue::NotShared { path, .. }
            | FileIssue::SidecarMode { path, .. } => path,
        }
    }
}

/// Why a repair was not made.
#[derive(Debug, Clone, PartialEq)]
pub enum NotRepaired {
    /// A leertuin has the database open right now: removing its `-shm`
    /// under it is not safe.
    InUse,
    Io(String),
}

fn mode_of(path: &Path) -> Option<u32> {
    fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

/// The faults in the files of the database `spec` names (none for a
/// server, or a file that is not there).
pub fn file_issues(spec: &Spec) -> Vec<FileIssue> {
    let Some(path) = spec.file() else {
        return Vec::new();
    };
    let Some(mode) = mode_of(path) else {
        return Vec::new();
    };
    let mut issues = Vec::new();
    let shm = sidecar(path, "-shm");
    if shm.exists() && !can_write_file(&shm) {
        issues.push(FileIssue::StaleShm(shm.clone()));
    }
    if mode & 0o007 != 0 {
        issues.push(FileIssue::OpenToAll {
            path: path.to_path_buf(),
            mode,
        });
    }
    let shared = in_shared_folder(path);
    if shared && mode & 0o060 != 0o060 {
        issues.push(FileIssue::NotShared {
            path: path.to_path_buf(),
            mode,
        });
    }
    // What the database will have once repaired (its own mode if it needs
    // no repair): SQLite gives the `-wal` and `-shm` the database's mode.
    let repaired = issues
        .iter()
        .any(|i| matches!(i, FileIssue::OpenToAll { .. } | FileIssue::NotShared { .. }));
    let want = if repaired {
        wanted_mode(shared)
    } else {
        mode & 0o777
    };
    for side in [sidecar(path, "-wal"), shm] {
        let Some(found) = mode_of(&side) else {
            continue;
        };
        let stale = issues.iter().any(|i| i.path() == side);
        if found & 0o777 != want && !stale {
            issues.push(FileIssue::SidecarMode {
                path: side,
                mode: found,
                want,
            });
        }
    }
    issues
}

/// The database's mode once repaired, as a new database gets it: read and
/// write for its owner only (0600), and for the group too in a shared
/// (setgid) folder (0660). One mode for either fault, so repairing both in
/// a row can't undo the first.
fn wanted_mode(shared: bool) -> u32 {
    if shared { 0o660 } else { 0o600 }
}

/// Whether `path`'s folder is a shared (setgid) one.
fn in_shared_folder(path: &Path) -> bool {
    mode_of(folder(path)).is_some_and(|m| m & 0o2000 != 0)
}

/// Puts one fault right, if it can be done safely.
pub fn repair(issue: &FileIssue) -> Result<(), NotRepaired> {
    let chmod = |path: &Path, mode: u32| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
            .map_err(|e| NotRepaired::Io(e.to_string()))
    };
    match issue {
        FileIssue::StaleShm(shm) => {
            if shm_in_use(shm)? {
                return Err(NotRepaired::InUse);
            }
            // Only an index of the `-wal`: the next opener rebuilds it.
            fs::remove_file(shm).map_err(|e| NotRepaired::Io(e.to_string()))
        }
        FileIssue::OpenToAll { path, .. } | FileIssue::NotShared { path, .. } => {
            chmod(path, wanted_mode(in_shared_folder(path)))
        }
        FileIssue::SidecarMode { path, want, .. } => {
            chmod(path, *want)?;
            // In a shared folder the group must match the database's too.
            match (fs::metadata(path), fs::metadata(database_of(path))) {
                (Ok(side), Ok(db)) if side.gid() != db.gid() => {
                    std::os::unix::fs::chown(path, None, Some(db.gid()))
                        .map_err(|e| NotRepaired::Io(e.to_string()))
                }
                _ => Ok(()),
            }
        }
    }
}

/// `team.db-wal` → `team.db`.
fn database_of(side: &Path) -> PathBuf {
    let text = side.as_os_str().to_string_lossy();
    let base = text
        .strip_suffix("-wal")
        .or_else(|| text.strip_suffix("-shm"))
        .unwrap_or(&text);
    PathBuf::from(base)
}

/// Whether a process has the database open: every connection holds a
/// shared lock on the `-shm`'s "dead man switch" byte (128) while open.
fn shm_in_use(shm: &Path) -> Result<bool, NotRepaired> {
    use std::os::fd::AsRawFd;
    let file = fs::File::open(shm).map_err(|e| NotRepaired::Io(e.to_string()))?;
    // SAFETY: flock is plain data; F_GETLK fills it for our open fd.
    unsafe {
        let mut lock: libc::flock = std::mem::zeroed();
        lock.l_type = libc::F_WRLCK as libc::c_short;
        lock.l_whence = libc::SEEK_SET as libc::c_short;
        lock.l_start = 128;
        lock.l_len = 1;
        if libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut lock) != 0 {
            return Err(NotRepaired::Io(std::io::Error::last_os_error().to_string()));
        }
        Ok(lock.l_type != libc::F_UNLCK as libc::c_short)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SqliteStore;

    #[test]
    fn a_shm_in_use_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = SqliteStore::open(&db).unwrap();
        let shm = sidecar(&db, "-shm");
        assert!(shm.exists());
        // Another process's lock is what counts; our own is invisible to
        // F_GETLK, so only the closed case can be seen from here.
        drop(store);
        fs::write(&shm, vec![0u8; 32768]).unwrap();
        assert_eq!(shm_in_use(&shm), Ok(false));
        assert_eq!(database_of(&shm), db);
    }

    #[test]
    fn modes_are_closed_to_others_and_opened_to_the_group_when_shared() {
        assert_eq!(wanted_mode(false), 0o600);
        assert_eq!(wanted_mode(true), 0o660);
    }
}
