//! What `leertuin doctor` reports: about a database file, or about a team
//! server. Neither says anything of the other.

#[derive(Debug, Clone, PartialEq)]
pub enum Health {
    File(FileHealth),
    Server(ServerHealth),
}

impl Health {
    pub fn is_ok(&self) -> bool {
        match self {
            Health::File(h) => h.is_ok(),
            Health::Server(h) => h.is_ok(),
        }
    }
}

/// A team server as `doctor` sees it; never its password.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerHealth {
    /// The server's own version (`server_version`).
    pub server_version: String,
    pub schema_version: i64,
    pub known_version: i64,
    /// Tables with row-level security on and forced, of all leertuin tables.
    pub secured_tables: i64,
    pub tables: i64,
    /// The connection is encrypted (TLS).
    pub tls: bool,
    /// `search`'s trigram indexes (pg_trgm); 0 when it reads every text.
    pub search_indexes: i64,
    /// One round trip (`SELECT 1`) to the server.
    pub round_trip: std::time::Duration,
}

impl ServerHealth {
    pub fn is_ok(&self) -> bool {
        self.schema_version == self.known_version
            && self.tables > 0
            && self.secured_tables == self.tables
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileHealth {
    pub path: String,
    pub size_bytes: u64,
    /// Octal permission bits, e.g. `0664`.
    pub mode: String,
    pub uid: u32,
    pub gid: u32,
    pub journal_mode: String,
    pub schema_version: i64,
    pub known_version: i64,
    /// `ok`, or what the integrity check found.
    pub integrity: String,
    /// The network or FUSE filesystem the file is on, if it is: file
    /// locking does not work across hosts there.
    pub network_filesystem: Option<&'static str>,
}

impl FileHealth {
    pub fn is_ok(&self) -> bool {
        self.journal_mode.eq_ignore_ascii_case("wal")
            && self.schema_version <= self.known_version
            && self.integrity == "ok"
            && self.network_filesystem.is_none()
    }
}
