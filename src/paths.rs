//! Where leertuin keeps things on disk, following the XDG base directories.

use std::path::PathBuf;

use directories::{BaseDirs, ProjectDirs};

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "leertuin")
}

/// The per-user default database: `$XDG_DATA_HOME/leertuin/leertuin.db`.
pub fn default_db() -> PathBuf {
    match project() {
        Some(p) => p.data_dir().join("leertuin.db"),
        // No home directory at all (a bare service account): use the cwd.
        None => PathBuf::from("leertuin.db"),
    }
}

/// The user's config file: `$XDG_CONFIG_HOME/leertuin/config.toml`.
pub fn user_config() -> Option<PathBuf> {
    project().map(|p| p.config_dir().join("config.toml"))
}

/// The system-wide config file, read first: `/etc/leertuin/config.toml`,
/// or `LEERTUIN_SYSTEM_CONFIG` (an install elsewhere, and tests).
pub fn system_config() -> PathBuf {
    std::env::var_os("LEERTUIN_SYSTEM_CONFIG")
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from("/etc/leertuin/config.toml"), PathBuf::from)
}

/// Small per-user state that is no one else's business and must not go into
/// the shared database: `$XDG_STATE_HOME/leertuin` (else `~/.local/state/leertuin`).
pub fn state_dir() -> Option<PathBuf> {
    let base = BaseDirs::new()?;
    let state = base
        .state_dir()
        .map(PathBuf::from)
        .unwrap_or_else(|| base.home_dir().join(".local/state"));
    Some(state.join("leertuin"))
}

/// Where unsaved drafts wait: `$XDG_STATE_HOME/leertuin/drafts`.
pub fn drafts_dir() -> Option<PathBuf> {
    Some(state_dir()?.join("drafts"))
}

/// Where writes wait for a database or server that can't take them now:
/// `$XDG_STATE_HOME/leertuin/outbox`.
pub fn outbox_dir() -> Option<PathBuf> {
    Some(state_dir()?.join("outbox"))
}

/// What `leertuin nudge` showed when, and any snooze.
pub fn nudge_state() -> Option<PathBuf> {
    Some(state_dir()?.join("nudge-state.toml"))
}

/// The OS login name of the person running leertuin.
pub fn os_user() -> String {
    for var in ["USER", "LOGNAME"] {
        if let Ok(name) = std::env::var(var)
            && !name.trim().is_empty()
        {
            return name;
        }
    }
    login_from_passwd().unwrap_or_else(|| "anonymous".to_string())
}

/// The login name of the account leertuin runs as, from the password
/// database (not `$USER`, which anyone can set): who a person is on a
/// shared database file.
pub fn login_name() -> String {
    login_from_passwd().unwrap_or_else(os_user)
}

fn login_from_passwd() -> Option<String> {
    // SAFETY: getpwuid returns a pointer into static storage or null; we copy
    // the name out at once and never keep the pointer.
    unsafe {
        let pw = libc::getpwuid(libc::geteuid());
        if pw.is_null() || (*pw).pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr((*pw).pw_name);
        Some(name.to_string_lossy().into_owned())
    }
}
