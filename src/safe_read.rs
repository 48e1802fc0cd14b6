//! Reading files someone else may have put there (a shared lessons folder,
//! a backup handed over): never block, never read without bound.
//!
//! A FIFO named `x.md` blocks `open` until a writer comes, and a link to
//! `/dev/zero` never ends; both are opened with `O_NONBLOCK` and checked on
//! the open file itself (`fstat`), so a file swapped after a `stat` cannot
//! slip through either.

use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::io::AsRawFd;
use std::path::Path;

/// Opens `path` for reading without waiting for a FIFO's writer.
pub fn open_nonblocking(path: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

/// Makes reads on `file` wait for data again (pipes handed to `import`).
pub fn set_blocking(file: &File) -> io::Result<()> {
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor we own; no memory is passed.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: as above.
    if unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, device, socket or folder: only regular files are read.
    NotRegular,
    /// Larger than the limit (in bytes).
    TooBig(usize),
    Io(io::Error),
}

/// The whole text of a regular file of at most `max` bytes.
pub fn regular_text(path: &Path, max: usize) -> Result<String, ReadError> {
    let file = open_nonblocking(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > max as u64 {
        return Err(ReadError::TooBig(max));
    }
    let mut bytes = Vec::new();
    // The file may grow after the check: read one byte more than allowed.
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() > max {
        return Err(ReadError::TooBig(max));
    }
    String::from_utf8(bytes)
        .map_err(|e| ReadError::Io(io::Error::new(io::ErrorKind::InvalidData, e)))
}
