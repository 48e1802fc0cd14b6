//! A throwaway PostgreSQL for the team-server tests: `initdb` into a temp
//! dir from the installed binaries (`/usr/lib/postgresql/*/bin`, or
//! `LEERTUIN_PG_BIN`), a unix socket in that dir and no TCP at all. When
//! the tests run as root, the server runs as the unprivileged system user
//! `leertuin-test` (made with `useradd` if missing), since PostgreSQL
//! refuses to run as root.
//!
//! One server per test binary ([`shared`]), each test in its own database
//! ([`PgServer::database`]). The server stops when the test process ends,
//! however it ends: it runs under a small shell that waits for its stdin
//! to close, and only this process holds the other end of that pipe. A
//! server of one's own ([`PgServer::start`]) also stops on drop.
//!
//! Without the binaries the tests skip with one printed reason; with
//! `LEERTUIN_REQUIRE_PG=1` (CI) they fail instead.

#![allow(dead_code)]

pub mod bouncer;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use leertuin::store::postgres::{self as server, AddPerson, ServerUrl};

pub const BIN: &str = env!("CARGO_BIN_EXE_leertuin");

/// The system user the server runs as when the tests run as root.
const TEST_USER: &str = "leertuin-test";
/// How long a starting server may take before the test fails.
const START_DEADLINE: Duration = Duration::from_secs(60);

/// The shared server of this test binary, started on first use; `None`
/// (after printing why) when PostgreSQL is not installed.
pub fn shared(test: &str) -> Option<&'static PgServer> {
    static SERVER: OnceLock<Result<PgServer, String>> = OnceLock::new();
    let bin = match bin_dir() {
        Some(bin) => bin,
        None => {
            skip(test);
            return None;
        }
    };
    match SERVER.get_or_init(|| PgServer::start_in(&bin)) {
        Ok(server) => Some(server),
        Err(why) => panic!("{test}: the test server did not start: {why}"),
    }
}

fn skip(test: &str) {
    if std::env::var("LEERTUIN_REQUIRE_PG").is_ok_and(|v| v == "1") {
        panic!(
            "{test}: PostgreSQL is required (LEERTUIN_REQUIRE_PG=1) but no initdb was found in \
             /usr/lib/postgresql/*/bin or LEERTUIN_PG_BIN"
        );
    }
    // One reason per test binary, not one per test.
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        eprintln!(
            "{test}: skipped, PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; \
             set LEERTUIN_REQUIRE_PG=1 to fail instead)"
        );
    });
}

/// The newest installed PostgreSQL's bin directory.
pub fn bin_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LEERTUIN_PG_BIN") {
        let dir = PathBuf::from(dir);
        return dir.join("initdb").exists().then_some(dir);
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            (bin.join("initdb").exists() && bin.join("postgres").exists()).then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

/// Serialises setup that touches roles: they belong to the whole cluster,
/// and two transactions granting the same role at once may collide.
pub fn setup_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

pub struct PgServer {
    pub bin: PathBuf,
    /// The temp dir: `data/`, the socket, the log.
    pub dir: PathBuf,
    /// `Some((uid, gid))` when the server runs as another user.
    pub run_as: Option<(u32, u32)>,
    /// The shells that run the server and stop it when stdin closes: the
    /// first, then one per [`PgServer::restart`].
    keepers: Mutex<Vec<Child>>,
    /// The shell command that runs `postgres` (for a restart).
    postgres: String,
}

impl PgServer {
    /// A server of one's own, stopped on drop; `None` without PostgreSQL.
    pub fn start(test: &str) -> Option<PgServer> {
        let Some(bin) = bin_dir() else {
            skip(test);
            return None;
        };
        match PgServer::start_in(&bin) {
            Ok(server) => Some(server),
            Err(why) => panic!("{test}: the test server did not start: {why}"),
        }
    }

    fn start_in(bin: &Path) -> Result<PgServer, String> {
        PgServer::start_in_with(bin, false, false)
    }

    /// A server of its own that keeps every commit it acknowledged through
    /// a crash (`synchronous_commit=on`), for tests that stop it with
    /// [`PgServer::crash`]. `None` without PostgreSQL.
    pub fn start_durable(test: &str) -> Option<PgServer> {
        let Some(bin) = bin_dir() else {
            skip(test);
            return None;
        };
        match PgServer::start_in_with(&bin, false, true) {
            Ok(server) => Some(server),
            Err(why) => panic!("{test}: the test server did not start: {why}"),
        }
    }

    /// A server of its own that also listens on 127.0.0.1 (a free port,
    /// [`PgServer::port`]) with TLS on: a self-signed certificate for
    /// `localhost` and 127.0.0.1 in `server.crt`, the CA a client trusts
    /// with `sslrootcert`. `None` without PostgreSQL.
    pub fn start_tls(test: &str) -> Option<PgServer> {
        let Some(bin) = bin_dir() else {
            skip(test);
            return None;
        };
        match PgServer::start_in_with(&bin, true, false) {
            Ok(server) => Some(server),
            Err(why) => panic!("{test}: the TLS test server did not start: {why}"),
        }
    }

    /// The TCP port of a TLS server.
    pub fn port(&self) -> u16 {
        std::fs::read_to_string(self.dir.join("port"))
            .ok()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0)
    }

    fn start_in_with(bin: &Path, tls: bool, durable: bool) -> Result<PgServer, String> {
        let run_as = if unsafe { libc::geteuid() } == 0 {
            Some(test_user()?)
        } else {
            None
        };
        let dir = tempfile::Builder::new()
            .prefix("leertuin-pg-")
            .tempdir()
            .map_err(|e| format!("temp dir: {e}"))?
            .keep();
        if let Some((uid, gid)) = run_as {
            std::os::unix::fs::chown(&dir, Some(uid), Some(gid))
                .map_err(|e| format!("chown {}: {e}", dir.display()))?;
        }
        let mut server = PgServer {
            bin: bin.to_path_buf(),
            dir: dir.clone(),
            run_as,
            keepers: Mutex::new(Vec::new()),
            postgres: String::new(),
        };
        let initdb = server
            .as_server_user(&bin.join("initdb"))
            .args(["-D", "data", "-U", "postgres", "--auth=trust", "-E", "UTF8"])
            .args(["--locale=C", "--no-sync", "--no-instructions"])
            .current_dir(&dir)
            .output()
            .map_err(|e| format!("initdb: {e}"))?;
        if !initdb.status.success() {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(format!(
                "initdb failed: {}",
                String::from_utf8_lossy(&initdb.stderr)
            ));
        }
        let listen = if tls {
            server.tls_setup()?
        } else {
            " -c listen_addresses=".to_string()
        };
        // Small and unsafe-on-crash settings: the data lives for one test
        // run. A durable server writes its WAL at each commit, so a stopped
        // server (not the machine: fsync stays off) keeps what it said was
        // committed.
        let commit = if durable { "on" } else { "off" };
        let postgres = format!(
            "exec {} -D data -k {}{listen} -c fsync=off \
             -c synchronous_commit={commit} -c full_page_writes=off -c shared_buffers=16MB \
             -c max_connections=60 -c max_wal_size=64MB -c log_min_messages=warning",
            shell_word(&bin.join("postgres").display().to_string()),
            shell_word(&dir.display().to_string()),
        );
        server.postgres = postgres;
        // The keeper: start the server, wait for stdin to close (this
        // process ended or dropped us), then a fast shutdown and clean up.
        server.keep(&format!(
            "cd / && rm -rf {}",
            shell_word(&dir.display().to_string())
        ))?;
        server.wait_ready()?;
        Ok(server)
    }

    /// Starts `postgres` under a new keeper, which runs `then` after the
    /// server stopped.
    fn keep(&self, then: &str) -> Result<(), String> {
        let script = format!(
            "({}) >>log 2>&1 </dev/null & pid=$!; echo $pid >keeper.pid; \
             cat >/dev/null; kill -INT $pid 2>/dev/null; wait $pid; {then}",
            self.postgres
        );
        let child = self
            .as_server_user(Path::new("/bin/sh"))
            .args(["-c", &script])
            .current_dir(&self.dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting postgres: {e}"))?;
        self.keepers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(child);
        Ok(())
    }

    /// `pg_ctl stop -m immediate`: the server ends at once, as in a power
    /// cut, without finishing what is in flight (the data stays).
    pub fn crash(&self) {
        let out = self
            .as_server_user(&self.bin.join("pg_ctl"))
            .args(["stop", "-D", "data", "-m", "immediate", "-w"])
            .current_dir(&self.dir)
            .output()
            .expect("pg_ctl runs");
        assert!(
            out.status.success(),
            "pg_ctl stop -m immediate: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts the server again on the same data (after [`PgServer::crash`])
    /// and waits until it takes connections (after its crash recovery).
    pub fn restart(&self) {
        self.keep("").expect("restart");
        self.wait_ready()
            .expect("the restarted server takes connections");
    }

    /// A certificate and key made by the server's user (the key must be
    /// theirs and private), and a free port; the server's TCP arguments.
    fn tls_setup(&self) -> Result<String, String> {
        let made = self
            .as_server_user(Path::new("openssl"))
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            ])
            .args([
                "-keyout",
                "server.key",
                "-out",
                "server.crt",
                "-subj",
                "/CN=localhost",
            ])
            .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
            .current_dir(&self.dir)
            .output()
            .map_err(|e| format!("openssl: {e}"))?;
        if !made.status.success() {
            return Err(format!(
                "openssl: {}",
                String::from_utf8_lossy(&made.stderr)
            ));
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("free port: {e}"))?
            .port();
        std::fs::write(self.dir.join("port"), port.to_string()).map_err(|e| e.to_string())?;
        let dir = self.dir.display().to_string();
        Ok(format!(
            " -c listen_addresses=127.0.0.1 -p {port} -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
            shell_word(&format!("{dir}/server.crt")),
            shell_word(&format!("{dir}/server.key")),
        ))
    }

    /// `program` as the server's user (root only), else as we are.
    /// `program` as the user the server runs as (for tools beside it).
    pub fn as_server_user(&self, program: &Path) -> Command {
        match self.run_as {
            Some((uid, gid)) => {
                let mut cmd = Command::new("setpriv");
                cmd.arg(format!("--reuid={uid}"))
                    .arg(format!("--regid={gid}"))
                    .arg("--clear-groups")
                    .arg("--")
                    .arg(program);
                cmd
            }
            None => Command::new(program),
        }
    }

    fn wait_ready(&self) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if let Ok(mut client) = self.client("postgres", "postgres")
                && client.simple_query("SELECT 1").is_ok()
            {
                return Ok(());
            }
            let exited = self
                .keepers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .last_mut()
                .map(|c| c.try_wait().ok().flatten().is_some())
                .unwrap_or(true);
            if exited || start.elapsed() > START_DEADLINE {
                let log = std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
                return Err(format!(
                    "postgres is not accepting connections; log:\n{log}"
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The socket directory (the `host` of every URL).
    pub fn socket_dir(&self) -> &Path {
        &self.dir
    }

    /// A libpq-style URL for `user` on `db`, over the socket.
    pub fn url(&self, user: &str, db: &str) -> String {
        match self.port() {
            0 => format!("postgresql://{user}@/{db}?host={}", self.dir.display()),
            port => format!(
                "postgresql://{user}@/{db}?host={}&port={port}",
                self.dir.display()
            ),
        }
    }

    /// A client of the `postgres` crate as `user` on `db`.
    pub fn client(&self, user: &str, db: &str) -> Result<postgres::Client, postgres::Error> {
        let mut config = postgres::Config::new();
        config.host_path(&self.dir).user(user).dbname(db);
        if self.port() != 0 {
            config.port(self.port());
        }
        config.connect(postgres::NoTls)
    }

    /// The superuser, who bypasses row-level security: what tests use to
    /// see what really is in a table.
    pub fn superuser(&self, db: &str) -> postgres::Client {
        self.client("postgres", db).expect("superuser connection")
    }

    /// A fresh database owned by a fresh login role with CREATEROLE (what
    /// an admin gives the leertuin owner), both named after `test`.
    pub fn database(&'static self, test: &str) -> TestDb {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name: String = format!("{test}_{n}")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let owner = format!("owner_{name}");
        let mut su = self.superuser("postgres");
        {
            let _lock = setup_lock();
            su.batch_execute(&format!("CREATE ROLE \"{owner}\" LOGIN CREATEROLE"))
                .expect("owner role");
        }
        su.batch_execute(&format!("CREATE DATABASE \"{name}\" OWNER \"{owner}\""))
            .expect("database");
        TestDb {
            name,
            owner,
            server: self,
        }
    }

    /// Runs the real `psql` as `user` on `db` with `sql` on stdin
    /// (`ON_ERROR_STOP`, tuples only, unaligned).
    pub fn psql(&self, user: &str, db: &str, sql: &str) -> Output {
        psql_at(&self.bin, &self.dir, self.port().max(5432), user, db, sql)
    }

    /// Stops the server at once, as a crash or `pg_ctl stop -m immediate`
    /// would; the keeper then cleans up.
    pub fn stop_now(&self) {
        // The newest keeper first: the first one removes the data.
        let keepers = std::mem::take(&mut *self.keepers.lock().unwrap_or_else(|e| e.into_inner()));
        for mut child in keepers.into_iter().rev() {
            drop(child.stdin.take());
            let _ = child.wait();
        }
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        self.stop_now();
    }
}

/// One test's database on the shared server.
pub struct TestDb {
    pub name: String,
    pub owner: String,
    pub server: &'static PgServer,
}

impl TestDb {
    /// The URL of this database as `user`.
    pub fn url(&self, user: &str) -> String {
        self.server.url(user, &self.name)
    }

    pub fn client(&self, user: &str) -> postgres::Client {
        self.server
            .client(user, &self.name)
            .unwrap_or_else(|e| panic!("connect as {user}: {e}"))
    }

    pub fn superuser(&self) -> postgres::Client {
        self.server.superuser(&self.name)
    }

    pub fn psql(&self, user: &str, sql: &str) -> Output {
        self.server.psql(user, &self.name, sql)
    }

    /// `server init` on this database (with the bundled lessons), then
    /// `server add-person` for each of `people` (handle, no name).
    pub fn init(&self, people: &[&str]) {
        // Roles are the whole server's: tests side by side take turns.
        let _lock = setup_lock();
        let url = ServerUrl::parse(&self.url(&self.owner)).expect("url");
        server::schema::init(&url, &leertuin::bundled::lessons()).expect("init");
        for who in people {
            let add = AddPerson {
                handle: who.to_string(),
                name: None,
            };
            server::people::add_person(&url, &add).expect("add person");
        }
    }

    /// From now on `role` logs in to this database only with `password`
    /// (scram-sha-256): a `pg_hba.conf` line for it before the trust lines,
    /// and a reload. Other roles and databases keep logging in as before.
    pub fn require_password(&self, role: &str, password: &str) {
        let mut su = self.superuser();
        su.batch_execute(&format!(
            "ALTER ROLE \"{role}\" PASSWORD '{}'",
            password.replace('\'', "''")
        ))
        .expect("set the password");
        let hba = self.server.dir.join("data/pg_hba.conf");
        let _lock = setup_lock();
        let old = std::fs::read_to_string(&hba).expect("pg_hba.conf");
        let line = format!("local {} {role} scram-sha-256\n", self.name);
        std::fs::write(&hba, line + &old).expect("write pg_hba.conf");
        su.batch_execute("SELECT pg_reload_conf()").expect("reload");
        // The postmaster reads the file a moment after the signal.
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.server.client(role, &self.name).is_ok() {
            assert!(
                Instant::now() < deadline,
                "pg_hba.conf was never read again"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `leertuin ARGS` with a clean environment and a temp home.
    pub fn leertuin(&self, home: &Path, args: &[&str]) -> Output {
        leertuin_in(home)
            .args(args)
            .output()
            .expect("leertuin runs")
    }
}

/// The binary with a clean environment (English) and `home` as its home.
pub fn leertuin_in(home: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("LEERTUIN_LANG", "en");
    cmd
}

/// One test's team: a database after `server init`, with the people
/// ann and bob (roles `ann_DB`, `bob_DB`) unless asked without, and a
/// home of its own for the binary.
pub struct Team {
    pub db: TestDb,
    pub ann: String,
    pub bob: String,
    pub home: tempfile::TempDir,
}

/// A [`Team`] with ann and bob; `None` (after saying why) without PostgreSQL.
pub fn team(test: &str) -> Option<Team> {
    team_of(test, true)
}

/// A [`Team`]; with `people` false, ann and bob are named but not added.
pub fn team_of(test: &str, people: bool) -> Option<Team> {
    let pg = shared(test)?;
    let db = pg.database(test);
    let ann = format!("ann_{}", db.name);
    let bob = format!("bob_{}", db.name);
    let added = [ann.as_str(), bob.as_str()];
    db.init(if people { &added } else { &[] });
    Some(Team {
        db,
        ann,
        bob,
        home: tempfile::tempdir().expect("home"),
    })
}

impl Team {
    /// `leertuin --db URL-as-WHO ARGS`.
    pub fn run(&self, who: &str, args: &[&str]) -> Output {
        let url = self.db.url(who);
        let mut all = vec!["--db", url.as_str()];
        all.extend_from_slice(args);
        self.db.leertuin(self.home.path(), &all)
    }

    /// The same command that must succeed; its stdout.
    pub fn ok(&self, who: &str, args: &[&str]) -> String {
        let out = self.run(who, args);
        assert!(
            out.status.success(),
            "leertuin {args:?} as {who}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// The uid and gid of the test user, made if missing.
fn test_user() -> Result<(u32, u32), String> {
    let id = |flag: &str| -> Option<u32> {
        let out = Command::new("id").arg(flag).arg(TEST_USER).output().ok()?;
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()
    };
    if id("-u").is_none() {
        // Two test binaries may race here; whoever loses finds the user.
        let _ = Command::new("useradd")
            .args(["--system", "--user-group", "--no-create-home"])
            .args(["--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin"])
            .arg(TEST_USER)
            .output();
    }
    match (id("-u"), id("-g")) {
        (Some(uid), Some(gid)) => Ok((uid, gid)),
        _ => Err(format!(
            "running as root, and no user {TEST_USER} could be made to run PostgreSQL as"
        )),
    }
}

/// `text` as one single-quoted shell word.
fn shell_word(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The real `psql` (of the server binaries in `bin`) as `user` on `db`,
/// through the socket in `dir` on `port`, with `sql` on stdin
/// (`ON_ERROR_STOP`, tuples only, unaligned; no password from outside).
pub fn psql_at(bin: &Path, dir: &Path, port: u16, user: &str, db: &str, sql: &str) -> Output {
    let mut child = Command::new(bin.join("psql"))
        .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1"])
        .arg("-h")
        .arg(dir)
        .args(["-p", &port.to_string()])
        .args(["-U", user, "-d", db])
        .env_remove("PGPASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("psql runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(sql.as_bytes())
        .expect("psql stdin");
    child.wait_with_output().expect("psql ends")
}

/// The stdout of a psql run that must succeed, trimmed.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "psql failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The stderr of a psql run that must fail.
pub fn refused(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "psql should have failed; it printed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).to_string()
}
