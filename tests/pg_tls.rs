//! TLS to the team server, as an admin sets it up: `sslmode=require`
//! encrypts, `verify-full` also checks the certificate against the trusted
//! roots (the system's, or `sslrootcert`) and the host name; `doctor` says
//! which it is. And a password from `~/.pgpass`, never shown.

mod pg_support;

#[test]
fn tls_is_used_and_checked_as_sslmode_says() {
    let Some(pg) = pg_support::PgServer::start_tls("tls") else {
        return;
    };
    let pg: &'static pg_support::PgServer = Box::leak(Box::new(pg));
    let db = pg.database("tls");
    db.init(&["ann_tls"]);
    let home = tempfile::tempdir().expect("home");
    let port = pg.port();
    let ca = pg.dir.join("server.crt").display().to_string();
    let over_tcp =
        |host: &str, query: &str| format!("postgresql://ann_tls@{host}:{port}/{}?{query}", db.name);
    let doctor = |url: &str| {
        let out = db.leertuin(home.path(), &["--db", url, "doctor"]);
        let said = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code(), said)
    };
    // Encrypted, not checked.
    let (code, said) = doctor(&over_tcp("127.0.0.1", "sslmode=require"));
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("TLS:          yes"), "{said}");
    // Checked against a root the server's certificate is not under: refused.
    let (code, said) = doctor(&over_tcp("localhost", "sslmode=verify-full"));
    assert_ne!(code, Some(0), "{said}");
    assert!(said.contains("certificate"), "{said}");
    // Checked against its CA, for the host it names: fine.
    let (code, said) = doctor(&over_tcp(
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    ));
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("TLS:          yes"), "{said}");
    // Not asked for: not used.
    let (code, said) = doctor(&over_tcp("127.0.0.1", "sslmode=disable"));
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("TLS:          no"), "{said}");
    // A bad root file is one line naming it.
    let (code, said) = doctor(&over_tcp(
        "localhost",
        "sslmode=verify-full&sslrootcert=/nonexistent/ca.pem",
    ));
    assert_ne!(code, Some(0), "{said}");
    assert!(said.contains("/nonexistent/ca.pem"), "{said}");
}
