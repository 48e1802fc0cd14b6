//! A team server's address: a libpq-style URL (`postgresql://…` or
//! `postgres://…`), read by the `postgres` crate, with the defaults libpq
//! users expect. A password may be in the URL or in `PGPASSWORD`; it never
//! appears in anything we print: messages name the database, host and
//! user, and any error text is scrubbed of the password before it is shown.

use postgres::config::Host;
use postgres::{Client, Config, NoTls};

use super::{Result, ServerError};

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
        config.application_name("leertuin");
        Ok(ServerUrl { config, secrets })
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

    pub fn connect(&self) -> Result<Client> {
        self.config.connect(NoTls).map_err(|e| {
            ServerError::Connect(
                crate::t!(
                    "server.cannot-connect",
                    target = self.describe(),
                    reason = self.reason(&e)
                )
                .into_owned(),
            )
        })
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
