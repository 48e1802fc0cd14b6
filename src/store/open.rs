//! The one way into storage: [`open`] a [`Spec`] in a [`Mode`]. The CLI, the
//! pane, the kiosk, the capture popup and the status-line nudge all come
//! through here, so what "read-only", "may create" or a team-server URL mean
//! is decided in one place, and the team server (issue 13) plugs in beside
//! the file backend without touching its callers.

use std::fmt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::postgres::{PgStore, ServerUrl};
use super::{OpenOptions, Result, SqliteStore, Store, StoreError};

/// Where the data is: a database file (`sqlite:PATH` or a plain path), or
/// a team server (`postgres://…`, `postgresql://…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    File(PathBuf),
    Server(String),
}

impl Spec {
    /// Reads `--db`, `LEERTUIN_DB` or the config's `db`.
    pub fn parse(db: &Path) -> Spec {
        let text = db.to_string_lossy();
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Spec::Server(text.into_owned());
        }
        match text.strip_prefix("sqlite:") {
            Some(rest) => Spec::File(PathBuf::from(rest)),
            None => Spec::File(db.to_path_buf()),
        }
    }

    /// The database file, for a file spec.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Spec::File(path) => Some(path),
            Spec::Server(_) => None,
        }
    }
}

impl fmt::Display for Spec {
    /// A file's path; a server URL without its password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Spec::File(path) => write!(f, "{}", path.display()),
            Spec::Server(url) => f.write_str(&without_password(url)),
        }
    }
}

/// `postgres://ann:secret@host/db?password=x` → `postgres://ann@host/db`:
/// a password may stand in the user part or as a query parameter.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (rest, query) = match rest.split_once('?') {
        Some((rest, query)) => (rest, Some(query)),
        None => (rest, None),
    };
    let mut out = match rest.split_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}@{host}")
        }
        None => format!("{scheme}://{rest}"),
    };
    let kept: Vec<&str> = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|p| !p.is_empty() && !p.to_ascii_lowercase().starts_with("password="))
        .collect();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out
}

/// What the caller is going to do, and so what opening may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only read: never create a file or folder, never take a write lock.
    /// A file this person can't write is opened without leaving anything
    /// behind (see `SqliteStore`).
    Read,
    /// Read and write an existing database.
    Write,
    /// Read and write, creating the database (and its folder) if missing:
    /// the pane, `add`-like writes and `init`.
    Create,
}

/// How long a write waits for a busy database before it gives up: the
/// text then goes to a draft, the person is told.
pub const WRITE_WAIT: Duration = Duration::from_secs(5);

/// Opens the store `spec` names, for `mode`.
pub fn open(spec: &Spec, mode: Mode) -> Result<Box<dyn Store>> {
    open_with(spec, mode, WRITE_WAIT)
}

/// [`open`] with another wait for a busy database (a status line waits a
/// few milliseconds, a popup a little).
pub fn open_with(spec: &Spec, mode: Mode, busy_timeout: Duration) -> Result<Box<dyn Store>> {
    match spec {
        Spec::File(path) => {
            let options = OpenOptions { mode, busy_timeout };
            Ok(Box::new(SqliteStore::open_with(path, &options)?))
        }
        Spec::Server(url) => Ok(Box::new(PgStore::open(&server_url(url)?, busy_timeout)?)),
    }
}

/// [`open`] for the pane: a team server is connected to in the
/// background, so the first frame need not wait for it; the first call
/// does. A file opens at once, as with [`open`].
pub fn open_soon(spec: &Spec, mode: Mode) -> Result<Box<dyn Store>> {
    match spec {
        Spec::Server(url) => Ok(Box::new(PgStore::open_soon(&server_url(url)?, WRITE_WAIT))),
        Spec::File(_) => open(spec, mode),
    }
}

/// A new database filled by `fill` (a restore) before anyone sees it; a
/// refused fill leaves no file and no folder. `None` when there is a
/// database already: open it as usual instead (always so for a team
/// server, which `server init` made).
pub fn create_filled<T>(
    spec: &Spec,
    fill: impl FnOnce(&dyn Store) -> Result<T>,
) -> Result<Option<T>> {
    match spec {
        Spec::File(path) => SqliteStore::create_filled(path, |store| fill(store)),
        Spec::Server(_) => Ok(None),
    }
}

/// A server spec's URL, or the one-line reason it cannot be used.
pub fn server_url(url: &str) -> Result<ServerUrl> {
    ServerUrl::parse(url).map_err(|e| StoreError::Server(e.to_string()))
}

/// `leertuin init`: makes the database, or a zero-byte file into one (the
/// explicit way, since nothing else does that). Returns true when it made
/// one, false when a database was there already.
pub fn init(spec: &Spec) -> Result<bool> {
    match spec {
        Spec::File(path) => SqliteStore::init(path),
        Spec::Server(_) => Err(StoreError::Server(
            crate::t!("server.init-on-server").into_owned(),
        )),
    }
}

/// On a database file someone else owns (a team's shared file), a person
/// is their login name: `--user` or `LEERTUIN_USER` naming anyone else is
/// refused, since file permissions are the only trust boundary there. On
/// your own file (or one not made yet) any name goes; a team server knows
/// its people by their database login.
///
/// `login` is asked only on a file someone else owns: looking the account
/// up in the password database (NSS: nsswitch.conf, /etc/passwd, perhaps
/// a directory service) is the slowest part of a check that almost always
/// ends at "your own file".
pub fn check_identity(spec: &Spec, user: &str, login: impl FnOnce() -> String) -> Result<()> {
    let Spec::File(path) = spec else {
        return Ok(());
    };
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() == me {
        return Ok(());
    }
    let login = login();
    if user == login {
        return Ok(());
    }
    Err(StoreError::NotYourName {
        user: user.to_string(),
        login,
        path: path.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_server_url_is_shown_without_any_password() {
        for (url, shown) in [
            ("postgres://ann:s3cret@db/team", "postgres://ann@db/team"),
            (
                "postgresql://ann@db/team?sslmode=require&password=s3cret",
                "postgresql://ann@db/team?sslmode=require",
            ),
            ("postgresql:///team?PASSWORD=s3cret", "postgresql:///team"),
            ("postgresql:///team", "postgresql:///team"),
        ] {
            assert_eq!(super::without_password(url), shown);
        }
    }

    use super::*;

    #[test]
    fn specs_name_files_or_servers() {
        assert_eq!(
            Spec::parse(Path::new("sqlite:/srv/t.db")),
            Spec::File("/srv/t.db".into())
        );
        assert_eq!(Spec::parse(Path::new("t.db")), Spec::File("t.db".into()));
        let server = Spec::parse(Path::new("postgresql://ann:pw@db.example/leertuin"));
        assert!(matches!(server, Spec::Server(_)));
        assert_eq!(server.to_string(), "postgresql://ann@db.example/leertuin");
    }

    #[test]
    fn a_server_spec_that_is_no_usable_url_is_one_line() {
        let spec = Spec::parse(Path::new(
            "postgres://ann:s3cret@db.example:notaport/leertuin",
        ));
        let Err(StoreError::Server(why)) = open(&spec, Mode::Read) else {
            panic!("expected a bad URL");
        };
        assert!(!why.contains("s3cret") && !why.contains('\n'), "{why}");
    }

    #[test]
    fn reads_never_create_and_writes_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/t.db");
        let spec = Spec::File(path.clone());
        assert!(matches!(
            open(&spec, Mode::Read),
            Err(StoreError::Missing(_))
        ));
        assert!(matches!(
            open(&spec, Mode::Write),
            Err(StoreError::Missing(_))
        ));
        assert!(!dir.path().join("sub").exists());
        open(&spec, Mode::Create).unwrap();
        assert!(path.exists());
        open(&spec, Mode::Read).unwrap();
    }
}
