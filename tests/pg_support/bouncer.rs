//! PgBouncer in front of the test server, as a site with many terminals
//! runs it: session pooling, a pool per login (so `session_user` on the
//! server is still the person), a unix socket in a temp dir of its own and
//! no TCP. The config is PgBouncer's stock one otherwise: no
//! `ignore_startup_parameters`, so the login options leertuin sends are
//! refused as a stock PgBouncer before 1.20 refuses them. It holds a
//! client waiting for a server it cannot reach for ten minutes
//! (`query_wait_timeout`; the stock two are as long for a person at a
//! capture popup), so a test sees whether leertuin waits for it, and tries
//! a server again a second after it failed (stock: 15 s).
//!
//! Like the server it runs as the test user when the tests run as root
//! (PgBouncer refuses root), under a shell that stops it when this process
//! ends. Without the `pgbouncer` binary the tests skip with one printed
//! reason; with `LEERTUIN_REQUIRE_PG=1` (CI installs it) they fail.

use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use super::PgServer;

/// Where PgBouncer listens: in its own dir, so any number will do.
const PORT: u16 = 6432;

pub struct Bouncer {
    pub dir: PathBuf,
    /// The server's binaries (for `psql`).
    pg_bin: PathBuf,
    keeper: Child,
}

/// The installed `pgbouncer`, on PATH or where Debian puts it.
fn binary() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain([PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join("pgbouncer"))
        .find(|p| p.is_file())
}

fn skip(test: &str) {
    if std::env::var("LEERTUIN_REQUIRE_PG").is_ok_and(|v| v == "1") {
        panic!(
            "{test}: PgBouncer is required (LEERTUIN_REQUIRE_PG=1) but no pgbouncer was found \
             on PATH or in /usr/sbin"
        );
    }
    eprintln!(
        "{test}: skipped, PgBouncer is not installed (apt-get install pgbouncer; \
         set LEERTUIN_REQUIRE_PG=1 to fail instead)"
    );
}

impl Bouncer {
    /// PgBouncer for `users` on every database of `pg`, `pool_size` server
    /// connections per login and database; `None` (after saying why)
    /// without PgBouncer.
    pub fn start(test: &str, pg: &PgServer, users: &[&str], pool_size: u32) -> Option<Bouncer> {
        let Some(program) = binary() else {
            skip(test);
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("leertuin-bouncer-")
            .tempdir()
            .expect("temp dir")
            .keep();
        let auth: String = users.iter().map(|u| format!("\"{u}\" \"\"\n")).collect();
        std::fs::write(dir.join("users.txt"), auth).expect("users.txt");
        let server_port = match pg.port() {
            0 => 5432,
            port => port,
        };
        let ini = format!(
            "[databases]\n\
             * = host={pg_dir} port={server_port}\n\
             [pgbouncer]\n\
             listen_addr =\n\
             listen_port = {PORT}\n\
             unix_socket_dir = {dir}\n\
             auth_type = trust\n\
             auth_file = {dir}/users.txt\n\
             pool_mode = session\n\
             default_pool_size = {pool_size}\n\
             query_wait_timeout = 600\n\
             server_login_retry = 1\n\
             logfile = {dir}/log\n",
            pg_dir = pg.socket_dir().display(),
            dir = dir.display(),
        );
        std::fs::write(dir.join("pgbouncer.ini"), ini).expect("pgbouncer.ini");
        if let Some((uid, gid)) = pg.run_as {
            for path in ["", "users.txt", "pgbouncer.ini"] {
                std::os::unix::fs::chown(dir.join(path), Some(uid), Some(gid)).expect("chown");
            }
        }
        // The keeper: PgBouncer until stdin closes, then a quick stop.
        let script = format!(
            "'{}' pgbouncer.ini >>out 2>&1 </dev/null & pid=$!; cat >/dev/null; \
             kill -TERM $pid 2>/dev/null; wait $pid; cd / && rm -rf '{}'",
            program.display(),
            dir.display()
        );
        let keeper = pg
            .as_server_user(Path::new("/bin/sh"))
            .args(["-c", &script])
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pgbouncer starts");
        let bouncer = Bouncer {
            dir,
            pg_bin: pg.bin.clone(),
            keeper,
        };
        bouncer.wait_ready(test);
        Some(bouncer)
    }

    fn wait_ready(&self, test: &str) {
        let socket = self.dir.join(format!(".s.PGSQL.{PORT}"));
        let start = Instant::now();
        // The file is there a moment before PgBouncer listens on it.
        while std::os::unix::net::UnixStream::connect(&socket).is_err() {
            if start.elapsed() > Duration::from_secs(30) {
                let log = std::fs::read_to_string(self.dir.join("out")).unwrap_or_default()
                    + &std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
                panic!("{test}: pgbouncer did not start: {log}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A libpq-style URL for `user` on `db` through PgBouncer.
    pub fn url(&self, user: &str, db: &str) -> String {
        format!(
            "postgresql://{user}@/{db}?host={}&port={PORT}",
            self.dir.display()
        )
    }

    /// The real `psql` as `user` on `db` through PgBouncer, `sql` on stdin.
    pub fn psql(&self, user: &str, db: &str, sql: &str) -> Output {
        super::psql_at(&self.pg_bin, &self.dir, PORT, user, db, sql)
    }
}

impl Drop for Bouncer {
    fn drop(&mut self) {
        drop(self.keeper.stdin.take());
        let _ = self.keeper.wait();
    }
}
