//! Facts about a database file and the files beside it (`-wal`, `-shm`):
//! can this person write them, is the disk full, and making a new database
//! so that no one ever sees it half-made.

use std::ffi::CString;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::store::{Result, StoreError};

/// The file SQLite keeps beside `path` with `suffix` (`-wal`, `-shm`).
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The folder `path` is in (`.` for a bare file name).
pub fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `access(2)`: may this process (its real ids, which are its ids here)
/// do `how` to `path`?
fn access(path: &Path, how: libc::c_int) -> bool {
    let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: c is a valid NUL-terminated string for the duration of the call.
    unsafe { libc::access(c.as_ptr(), how) == 0 }
}

pub fn can_write_file(path: &Path) -> bool {
    access(path, libc::W_OK)
}

/// Can a write be made here: the file itself, and its folder when the
/// write-ahead log has to be created there.
pub fn can_write(path: &Path) -> bool {
    let wal = sidecar(path, "-wal");
    can_write_file(path)
        && if wal.exists() {
            can_write_file(&wal)
        } else {
            access(folder(path), libc::W_OK | libc::X_OK)
        }
}

/// The device and inode `path` names now: which file it is, so a store
/// can tell the file it opened was removed or replaced.
pub fn identity(path: &Path) -> Result<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    match fs::metadata(path) {
        Ok(meta) => Ok((meta.dev(), meta.ino())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err(StoreError::Missing(path.to_path_buf()))
        }
        Err(source) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// An existing, non-empty file, or why not.
pub fn existing(path: &Path) -> Result<()> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(StoreError::Io {
            path: path.to_path_buf(),
            source: io::Error::new(io::ErrorKind::IsADirectory, "a folder, not a database"),
        }),
        Ok(meta) if meta.len() == 0 => Err(StoreError::Empty(path.to_path_buf())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err(StoreError::Missing(path.to_path_buf()))
        }
        Err(source) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// True when the filesystem holding `path` has (next to) no room left: an
/// I/O error there is the disk being full, whatever code it came with.
pub fn disk_is_full(path: &Path) -> bool {
    let Ok(c) = CString::new(folder(path).as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: statvfs fills the zeroed struct we own; c is a valid C string.
    unsafe {
        let mut buf: libc::statvfs = std::mem::zeroed();
        if libc::statvfs(c.as_ptr(), &mut buf) != 0 {
            return false;
        }
        (buf.f_bavail as u128) * (buf.f_frsize as u128) < 256 * 1024
    }
}

/// The mode a new database gets: private (0600), or group-writable (0660)
/// in a setgid folder, the usual way a team shares one.
pub fn new_mode(dir: &Path) -> u32 {
    let setgid = fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o2000 != 0);
    if setgid { 0o660 } else { 0o600 }
}

/// Makes a new database at `path`: `init` fills a private temporary file
/// beside it, which is then linked into place in one step. So no one ever
/// opens a half-made (zero-byte, unmigrated) database, and when two
/// processes race to make it, the first one wins and the other simply uses
/// it. Creates the folder if needed; when `init` fails, the folders it
/// made go again, so a refused creation leaves nothing behind. True when
/// this one was linked into place, false when another process was first.
pub fn create(path: &Path, init: impl FnOnce(&Path) -> Result<()>) -> Result<bool> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    let dir = folder(path);
    let made_dirs = missing_folders(dir);
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.new-{}-{}",
        std::process::id(),
        fastrand::u32(..)
    ));
    let mode = new_mode(dir);
    let made = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(&tmp)
        .map_err(io_err(&tmp))
        .and_then(|_| {
            fs::set_permissions(&tmp, fs::Permissions::from_mode(mode)).map_err(io_err(&tmp))
        })
        .and_then(|()| init(&tmp))
        .and_then(|()| link_into_place(&tmp, path).map_err(io_err(path)));
    for leftover in [tmp.clone(), sidecar(&tmp, "-wal"), sidecar(&tmp, "-shm")] {
        let _ = fs::remove_file(leftover);
    }
    if made.is_err() {
        // Deepest first; a folder someone put something in meanwhile stays.
        for dir in made_dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
    made
}

/// The folders `create_dir_all(dir)` would make, outermost first.
fn missing_folders(dir: &Path) -> Vec<PathBuf> {
    let mut missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
        .map(Path::to_path_buf)
        .collect();
    missing.reverse();
    missing
}

/// Puts `tmp` at `path` unless something is there already (then that one
/// stays: another process made it first, and this says false).
fn link_into_place(tmp: &Path, path: &Path) -> io::Result<bool> {
    match fs::hard_link(tmp, path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        // A filesystem without hard links: a rename, if the place is free.
        Err(_) if !path.exists() => fs::rename(tmp, path).map(|()| true),
        Err(_) => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecars_sit_beside_the_file() {
        assert_eq!(
            sidecar(Path::new("/srv/t.db"), "-shm"),
            PathBuf::from("/srv/t.db-shm")
        );
        assert_eq!(folder(Path::new("t.db")), Path::new("."));
    }

    #[test]
    fn an_existing_file_wins_a_creation_race() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        fs::write(&path, b"first").unwrap();
        let made = create(&path, |tmp| {
            fs::write(tmp, b"second").map_err(|source| StoreError::Io {
                path: tmp.to_path_buf(),
                source,
            })
        })
        .unwrap();
        assert!(!made);
        assert_eq!(fs::read(&path).unwrap(), b"first");
        // Only the database is left: no temporary file.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_creation_leaves_no_file_and_no_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/t.db");
        let failed = create(&path, |_| Err(StoreError::Corrupt));
        assert!(matches!(failed, Err(StoreError::Corrupt)));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
