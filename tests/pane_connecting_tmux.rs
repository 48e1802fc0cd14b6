//! The pane on a team server draws its first frame before the server has
//! answered: it says it is connecting, in the person's language, at 80
//! and 40 columns. The "server" here is a unix socket that accepts and
//! never answers, so without the first frame the screen stays empty.

mod tmux_support;

use std::os::unix::net::UnixListener;

use tmux_support::{BIN, Home, Tmux, quoted, tmux_or_skip};

/// A socket where PostgreSQL's would be, in `dir`: it takes every
/// connection and says nothing.
fn silent_server(dir: &std::path::Path) {
    let listener = UnixListener::bind(dir.join(".s.PGSQL.5432")).expect("bind");
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming().flatten() {
            held.push(conn);
        }
    });
}

fn pane(home: &Home, url: &str, lang: &str, w: u16, h: u16) -> Tmux {
    let env: Vec<String> = home
        .env("ann")
        .into_iter()
        .filter(|(k, _)| k != "LEERTUIN_DB")
        .map(|(k, v)| format!("{k}={}", quoted(&v)))
        .collect();
    let command = format!(
        "exec env {} LEERTUIN_LANG={lang} {} --db {}",
        env.join(" "),
        quoted(BIN),
        quoted(url)
    );
    Tmux::start(w, h, &command)
}

#[test]
fn the_pane_draws_before_the_server_answers() {
    if !tmux_or_skip("the_pane_draws_before_the_server_answers") {
        return;
    }
    let home = Home::new();
    let socket_dir = tempfile::tempdir().unwrap();
    silent_server(socket_dir.path());
    let host = socket_dir.path().display().to_string().replace('/', "%2F");
    let url = format!("postgresql://ann@{host}/team");

    let en = pane(&home, &url, "en", 80, 24);
    en.wait_for("s", "For you");
    en.wait_for("s", "Connecting to the team server");

    let nl = pane(&home, &url, "nl", 40, 20);
    nl.wait_for("s", "Verbinden met de");
}
