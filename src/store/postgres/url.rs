//! A team server's address: a libpq-style URL (`postgresql://…` or
//! `postgres://…`), read by the `postgres` crate, with the defaults libpq
//! users expect. A password may be in the URL or in `PGPASSWORD`; it never
//! appears in anything we print: messages name the database, host and
//! user, and any error text is scrubbed of the password before it is shown.

use std::path::{Path, PathBuf};
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};
use postgres_native_tls::MakeTlsConnector;

use super::{Result, ServerError, startup_options};

/// Where Debian's (and most distributions') server puts its socket.
const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// True for a text that names a PostgreSQL server rather than a file.
pub fn is_server_url(text: &str) -> bool {
    text.starts_with("postgresql://") || text.starts_with("postgres://")
}

#[derive(Clone)]
pub struct ServerUrl {
    config: Config,
    /// Password texts as they may appear in messages (raw and decoded).
    secrets: Vec<String>,
    tls: Tls,
    /// The login's `options` (`-c name=value …`), kept apart from `config`
    /// so a connection can be made without them (see [`startup_options`]).
    options: Option<String>,
}

/// How far a TLS connection is checked, as libpq's `sslmode` says:
/// `prefer` and `require` encrypt without checking who answers,
/// `verify-ca` checks the certificate against the trusted roots, and
/// `verify-full` also that it names the host. The roots are the system's
/// (OpenSSL's defaults), or the file `sslrootcert` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verify {
    None,
    Ca,
    Full,
}

#[derive(Debug, Clone)]
struct Tls {
    verify: Verify,
    root_cert: Option<PathBuf>,
}

/// The URL with each `key=value` pair of its query as `each` says: kept as
/// it is, put in its place (`Some`), or taken out (`None`).
fn rewrite_query(text: &str, mut each: impl FnMut(&str, &str) -> Option<String>) -> String {
    let Some((base, query)) = text.split_once('?') else {
        return text.to_string();
    };
    let kept: Vec<String> = query
        .split('&')
        .filter_map(|pair| match pair.split_once('=') {
            Some((key, value)) => each(key, value),
            None => Some(pair.to_string()),
        })
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// Takes out what the `postgres` crate does not read itself: the
/// verifying `sslmode`s (it knows only disable/prefer/require: a verifying
/// mode is `require` to it, the checking is ours) and `sslrootcert`.
fn take_tls(text: &str) -> (String, Tls) {
    let mut tls = Tls {
        verify: Verify::None,
        root_cert: None,
    };
    let text = rewrite_query(text, |key, value| match (key, value) {
        ("sslmode", "verify-full") => {
            tls.verify = Verify::Full;
            Some("sslmode=require".to_string())
        }
        ("sslmode", "verify-ca") => {
            tls.verify = Verify::Ca;
            Some("sslmode=require".to_string())
        }
        ("sslrootcert", path) => {
            tls.root_cert = Some(PathBuf::from(percent_decode(path)));
            None
        }
        _ => Some(format!("{key}={value}")),
    });
    (text, tls)
}

/// Takes out the URL's `options`, decoded, so that they can be left off a
/// login that a pooler refused for them.
fn take_options(text: &str) -> (String, Option<String>) {
    let mut options = None;
    let text = rewrite_query(text, |key, value| match key {
        "options" => {
            options = Some(percent_decode(value));
            None
        }
        _ => Some(format!("{key}={value}")),
    });
    (text, options)
}

impl std::fmt::Debug for ServerUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ServerUrl({})", self.describe())
    }
}

impl ServerUrl {
    pub fn parse(text: &str) -> Result<ServerUrl> {
        if !is_server_url(text) {
            return Err(ServerError::BadUrl(
                "a server URL starts with postgresql:// or postgres://".into(),
            ));
        }
        let mut secrets = secrets_in(text);
        let (text, tls) = take_tls(text);
        let (text, options) = take_options(&text);
        let mut config: Config = text
            .parse()
            .map_err(|e: postgres::Error| ServerError::BadUrl(scrub(&e.to_string(), &secrets)))?;
        if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
            match std::env::var("PGHOST").ok().filter(|h| !h.is_empty()) {
                Some(host) => config.host(&host),
                None => config.host(DEFAULT_SOCKET_DIR),
            };
        }
        if config.get_password().is_none()
            && let Ok(password) = std::env::var("PGPASSWORD")
            && !password.is_empty()
        {
            secrets.push(password.clone());
            config.password(password);
        }
        if config.get_user().is_none()
            && let Ok(user) = std::env::var("PGUSER")
            && !user.is_empty()
        {
            config.user(&user);
        }
        if config.get_user().is_none() {
            // libpq's default; the crate would pick the same, but we name
            // the user in messages.
            config.user(&crate::paths::os_user());
        }
        if config.get_dbname().is_none()
            && let Ok(db) = std::env::var("PGDATABASE")
            && !db.is_empty()
        {
            config.dbname(&db);
        }
        if config.get_password().is_none()
            && let Some(password) = pgpass(&config)
        {
            secrets.push(password.clone());
            config.password(password);
        }
        if config.get_connect_timeout().is_none() {
            // A server that does not answer is offline, not a hang.
            config.connect_timeout(Duration::from_secs(10));
        }
        config.application_name("leertuin");
        Ok(ServerUrl {
            config,
            secrets,
            tls,
            options: options.filter(|o| !o.trim().is_empty()),
        })
    }

    /// The login role this URL connects as.
    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or("")
    }

    /// The database it names (libpq's default: the user's name).
    pub fn dbname(&self) -> &str {
        self.config.get_dbname().unwrap_or_else(|| self.user())
    }

    /// "database D on HOST as USER", for messages: no password, ever.
    pub fn describe(&self) -> String {
        let hosts: Vec<String> = self
            .config
            .get_hosts()
            .iter()
            .map(|h| match h {
                Host::Tcp(name) => name.clone(),
                Host::Unix(path) => path.display().to_string(),
            })
            .collect();
        crate::t!(
            "server.target",
            db = self.dbname(),
            host = hosts.join(","),
            user = self.user()
        )
        .into_owned()
    }

    /// The TLS this URL asks for; the connection uses it only when
    /// `sslmode` is not `disable` and the host is not a unix socket.
    fn tls_connector(&self) -> Result<MakeTlsConnector> {
        let mut builder = native_tls::TlsConnector::builder();
        builder
            .danger_accept_invalid_certs(self.tls.verify == Verify::None)
            .danger_accept_invalid_hostnames(self.tls.verify != Verify::Full);
        if let Some(path) = &self.tls.root_cert {
            let cert = std::fs::read(path)
                .map_err(|e| e.to_string())
                .and_then(|pem| native_tls::Certificate::from_pem(&pem).map_err(|e| e.to_string()))
                .map_err(|why| {
                    ServerError::BadUrl(format!("sslrootcert {}: {why}", path.display()))
                })?;
            builder.add_root_certificate(cert);
        }
        let connector = builder
            .build()
            .map_err(|e| ServerError::BadUrl(format!("TLS: {e}")))?;
        Ok(MakeTlsConnector::new(connector))
    }

    /// True when the connection must be encrypted (`sslmode=require` or
    /// stricter).
    pub fn requires_tls(&self) -> bool {
        self.config.get_ssl_mode() == SslMode::Require
    }

    /// True when this connection may use TLS: not with `sslmode=disable`,
    /// and over a unix socket only when `require` insists (`prefer` is
    /// answered "no" there anyway, as libpq knows and skips).
    fn may_use_tls(&self) -> bool {
        let mode = self.config.get_ssl_mode();
        let tcp = self
            .config
            .get_hosts()
            .iter()
            .any(|h| matches!(h, Host::Tcp(_)));
        mode != SslMode::Disable && (tcp || mode == SslMode::Require)
    }

    /// This URL with `-c NAME=VALUE` added to the options the connection
    /// starts with: set by the server at login, no round trip of its own
    /// as a `SET` after it would take.
    pub fn with_setting(&self, name: &str, value: &str) -> ServerUrl {
        let mut url = self.clone();
        let setting = format!("-c {name}={value}");
        url.options = Some(match &self.options {
            Some(given) => format!("{given} {setting}"),
            None => setting,
        });
        url
    }

    /// A connection, or offline within about twice `connect_timeout`
    /// (see [`answering`](super::answering)), whoever is slow.
    pub fn connect(&self) -> Result<Client> {
        match self.config.get_connect_timeout() {
            Some(wait) => super::answering::within(self, *wait),
            None => self.login(),
        }
    }

    /// [`connect`](Self::connect), with `first` as the query that proves
    /// the server answers (one round trip fewer than an empty query first).
    pub fn connect_then<T: Send + 'static>(
        &self,
        first: fn(&mut Client, Duration) -> T,
    ) -> Result<(Client, T)> {
        match self.config.get_connect_timeout() {
            Some(wait) => super::answering::within_then(self, *wait, first),
            None => {
                let mut client = self.login()?;
                let said = first(&mut client, Duration::MAX);
                Ok((client, said))
            }
        }
    }

    /// Logs in, with no bound on how long the server takes to answer.
    pub(super) fn login(&self) -> Result<Client> {
        // Building a TLS connector reads the system's trusted roots: 20 ms
        // and more per connection, twice `nudge`'s whole budget, for a unix
        // socket that will not encrypt. So only when TLS may be used.
        let tls = match self.may_use_tls() {
            true => Some(self.tls_connector()?),
            false => None,
        };
        let mut config = self.config.clone();
        if let Some(options) = &self.options {
            config.options(options);
        }
        match connect_with(&config, tls.clone()) {
            Err(e) if startup_options::refused(&e) => self.connect_setting_after(&e, tls),
            connected => connected.map_err(|e| self.cannot_connect(&e)),
        }
    }

    /// A pooler refused the login's options: log in without them, then
    /// make the same settings (see [`startup_options`]).
    fn connect_setting_after(
        &self,
        refusal: &postgres::Error,
        tls: Option<MakeTlsConnector>,
    ) -> Result<Client> {
        let options = self.options.as_deref().unwrap_or("");
        let Some(settings) = startup_options::settings_in(options) else {
            return Err(self.cannot_connect(refusal));
        };
        let mut client = connect_with(&self.config, tls).map_err(|e| self.cannot_connect(&e))?;
        startup_options::apply(&mut client, &settings).map_err(|e| self.cannot_connect(&e))?;
        Ok(client)
    }

    pub(super) fn cannot_connect(&self, e: &postgres::Error) -> ServerError {
        ServerError::Connect(
            crate::t!(
                "server.cannot-connect",
                target = self.describe(),
                reason = self.reason(e)
            )
            .into_owned(),
        )
    }

    /// A server error in words a person can act on, password-free.
    pub fn reason(&self, e: &postgres::Error) -> String {
        let text = match e.as_db_error() {
            Some(db) => match db.detail() {
                Some(detail) => format!("{} ({detail})", db.message()),
                None => db.message().to_string(),
            },
            // "error connecting to server" alone says little: add the
            // causes ("No such file or directory", "no TLS implementation").
            None => {
                let mut text = e.to_string();
                let mut source = std::error::Error::source(e);
                while let Some(cause) = source {
                    text.push_str(&format!(": {cause}"));
                    source = cause.source();
                }
                text
            }
        };
        scrub(&text, &self.secrets)
    }

    /// [`ServerError::Db`] for a failed statement.
    pub fn db_error(&self, e: &postgres::Error) -> ServerError {
        ServerError::Db(self.reason(e))
    }
}

fn connect_with(
    config: &Config,
    tls: Option<MakeTlsConnector>,
) -> std::result::Result<Client, postgres::Error> {
    match tls {
        Some(tls) => config.connect(tls),
        None => config.connect(NoTls),
    }
}

/// The password `~/.pgpass` (or the file `PGPASSFILE` names) has for
/// this host, port, database and user, read as libpq reads it: the first
/// matching line wins, `*` matches anything, `\:` and `\\` are escapes,
/// a unix socket counts as `localhost`, and a file others may read is
/// ignored.
fn pgpass(config: &Config) -> Option<String> {
    let path = match std::env::var_os("PGPASSFILE") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(std::env::var_os("HOME")?).join(".pgpass"),
    };
    let host = match config.get_hosts().first()? {
        Host::Tcp(name) => name.clone(),
        Host::Unix(_) => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user()?;
    let db = config.get_dbname().unwrap_or(user);
    pgpass_in(&path, [host.as_str(), port.as_str(), db, user])
}

fn pgpass_in(path: &Path, want: [&str; 4]) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.permissions().mode() & 0o077 != 0 {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = pgpass_fields(line);
            let [host, port, db, user, password] = fields.as_slice() else {
                return None;
            };
            let matches = [host, port, db, user]
                .iter()
                .zip(want)
                .all(|(field, want)| field.as_str() == "*" || field.as_str() == want);
            matches.then(|| password.clone())
        })
}

/// One `.pgpass` line split on unescaped colons, escapes undone.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(field)) = (chars.next(), fields.last_mut()) {
                    field.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(field) = fields.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    fields
}

/// The password parts of a URL, raw and percent-decoded, found by hand so
/// they can be scrubbed even from the error of a URL that did not parse.
fn secrets_in(text: &str) -> Vec<String> {
    let mut raw = Vec::new();
    if let Some((_, rest)) = text.split_once("://") {
        let authority = rest.split(['/', '?']).next().unwrap_or("");
        if let Some((userinfo, _)) = authority.rsplit_once('@')
            && let Some((_, password)) = userinfo.split_once(':')
        {
            raw.push(password.to_string());
        }
    }
    if let Some((_, query)) = text.split_once('?') {
        for pair in query.split('&') {
            if let Some(("password", value)) = pair.split_once('=') {
                raw.push(value.to_string());
            }
        }
    }
    let mut all = Vec::new();
    for secret in raw.into_iter().filter(|s| !s.is_empty()) {
        let decoded = percent_decode(&secret);
        if decoded != secret {
            all.push(decoded);
        }
        all.push(secret);
    }
    all
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `text` with every secret replaced by `***`; the longest first, so a
/// secret that contains another is hidden whole.
fn scrub(text: &str, secrets: &[String]) -> String {
    let mut sorted: Vec<&String> = secrets.iter().collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut out = text.to_string();
    for secret in sorted {
        out = out.replace(secret.as_str(), "***");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_passwords_in_userinfo_and_query() {
        assert_eq!(
            secrets_in("postgresql://ann:s%40cret@db.example/leertuin"),
            vec!["s@cret".to_string(), "s%40cret".to_string()]
        );
        assert_eq!(
            secrets_in("postgres:///leertuin?host=/tmp&password=hunter2"),
            vec!["hunter2".to_string()]
        );
        assert!(secrets_in("postgresql://ann@/leertuin?host=/tmp").is_empty());
    }

    #[test]
    fn scrubbing_hides_every_form() {
        let secrets = secrets_in("postgresql://ann:p%61ss@h/db");
        assert_eq!(scrub("bad pass and p%61ss", &secrets), "bad *** and ***");
    }

    #[test]
    fn unix_socket_urls_and_defaults() {
        let url = ServerUrl::parse("postgresql://ann@/team?host=/run/pg").expect("url");
        assert_eq!(url.user(), "ann");
        assert_eq!(url.dbname(), "team");
        assert!(url.describe().contains("/run/pg"));
    }

    #[test]
    fn verifying_ssl_modes_and_root_certs_are_ours_to_read() {
        let (text, tls) = take_tls(
            "postgresql://ann@db.example/team?sslmode=verify-full&sslrootcert=/etc/ca%20x.pem&application_name=x",
        );
        assert_eq!(
            text,
            "postgresql://ann@db.example/team?sslmode=require&application_name=x"
        );
        assert_eq!(tls.verify, Verify::Full);
        assert_eq!(tls.root_cert, Some(PathBuf::from("/etc/ca x.pem")));
        let url =
            ServerUrl::parse("postgresql://ann@db.example/team?sslmode=verify-ca").expect("url");
        assert!(url.requires_tls());
        assert_eq!(url.tls.verify, Verify::Ca);
        let plain = ServerUrl::parse("postgresql://ann@db.example/team").expect("url");
        assert!(!plain.requires_tls());
    }

    #[test]
    fn pgpass_lines_match_as_libpq_matches_them() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("pgpass");
        std::fs::write(
            &path,
            "# comment\nother:5432:*:ann:wrong\n*:*:team:ann:pa\\:ss\\\\1\n*:*:*:*:fallback\n",
        )
        .expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let want = |host, db, user| pgpass_in(&path, [host, "5432", db, user]);
        assert_eq!(
            want("localhost", "team", "ann").as_deref(),
            Some("pa:ss\\1")
        );
        assert_eq!(want("other", "team", "ann").as_deref(), Some("wrong"));
        assert_eq!(
            want("localhost", "team", "bob").as_deref(),
            Some("fallback")
        );
        // A file others may read is not trusted, as libpq does not.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        assert_eq!(want("localhost", "team", "ann"), None);
    }

    #[test]
    fn a_file_path_is_no_url() {
        assert!(matches!(
            ServerUrl::parse("/tmp/team.db"),
            Err(ServerError::BadUrl(_))
        ));
        let bad = ServerUrl::parse("postgresql://ann:topsecret@h:notaport/db");
        let Err(ServerError::BadUrl(reason)) = bad else {
            panic!("expected a bad URL");
        };
        assert!(!reason.contains("topsecret"), "{reason}");
    }
}
