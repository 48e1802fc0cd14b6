//! `doctor`'s look at a database file: its mode, journal, schema and
//! integrity, and whether it sits on a filesystem where locking fails.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use rusqlite::Connection;

use super::migrate::{LATEST_VERSION, user_version};
use crate::store::{FileHealth, Health, Result, StoreError};

pub fn check(conn: &Connection, path: &Path) -> Result<Health> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    let journal_mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(Health::File(FileHealth {
        path: path.display().to_string(),
        size_bytes: meta.len(),
        mode: format!("{:04o}", meta.permissions().mode() & 0o7777),
        uid: meta.uid(),
        gid: meta.gid(),
        journal_mode,
        schema_version: user_version(conn)?,
        known_version: LATEST_VERSION,
        integrity: problems.join("; "),
        network_filesystem: network_filesystem(path),
    }))
}

/// Network and FUSE filesystems break file locking and shared memory
/// across hosts; name the filesystem when the file (or its folder) is on one.
pub fn network_filesystem(path: &Path) -> Option<&'static str> {
    // statfs magic numbers from linux/magic.h.
    const KNOWN: [(i64, &str); 9] = [
        (0x6969, "NFS"),
        (0x517B, "SMB"),
        (0xFF53_4D42, "CIFS"),
        (0xFE53_4D42, "SMB2"),
        (0x6573_5546, "FUSE"),
        (0x0102_1997, "9P"),
        (0x00C3_6400, "Ceph"),
        (0x5346_414F, "AFS"),
        (0x0BD0_0BD0, "Lustre"),
    ];
    let target = if path.exists() {
        path
    } else {
        path.parent().filter(|p| !p.as_os_str().is_empty())?
    };
    let c_path = CString::new(target.as_os_str().as_bytes()).ok()?;
    // SAFETY: statfs writes into the zeroed struct we own; c_path is a valid C string.
    let magic = unsafe {
        let mut buf: libc::statfs = std::mem::zeroed();
        if libc::statfs(c_path.as_ptr(), &mut buf) != 0 {
            return None;
        }
        buf.f_type as i64
    };
    KNOWN
        .iter()
        .find(|(m, _)| *m == magic)
        .map(|(_, name)| *name)
}
