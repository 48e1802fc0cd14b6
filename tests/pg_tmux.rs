//! The real binary on a team server in tmux: the pane at 40 columns and a
//! kiosk show a colleague's post while open, woken by the server's
//! notification (their timed look is set to an hour here, so nothing else
//! can show it), and a kiosk login works as on a file, each of its writes
//! stamped with the kiosk it came through.

mod pg_support;
mod tmux_support;

use std::time::{Duration, Instant};

use leertuin::store::postgres::{self as server, AddPerson, ServerUrl};
use pg_support::{BIN, PgServer, TestDb, ok};
use tmux_support::{Tmux, quoted, tmux_or_skip};

/// The pane's and the kiosk's once-a-second look, set to an hour (a debug
/// build reads it): a post that shows came by notification.
const NO_TIMED_LOOK: (&str, &str) = ("LEERTUIN_TEST_TICK_MS", "3600000");

/// A shell command running `leertuin --db URL ARGS` with a private home.
fn command(home: &std::path::Path, url: &str, args: &[&str]) -> String {
    command_with(home, url, &[], args)
}

/// [`command`] with more environment.
fn command_with(home: &std::path::Path, url: &str, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut words = vec!["exec".to_string(), "env".to_string()];
    let mut vars = vec![
        ("HOME", home.display().to_string()),
        (
            "XDG_STATE_HOME",
            home.join(".local/state").display().to_string(),
        ),
        (
            "XDG_CONFIG_HOME",
            home.join(".config").display().to_string(),
        ),
        ("LEERTUIN_LANG", "en".to_string()),
    ];
    vars.extend(env.iter().map(|(k, v)| (*k, v.to_string())));
    for (k, v) in vars {
        words.push(format!("{k}={}", quoted(&v)));
    }
    words.push(quoted(BIN));
    words.push("--db".into());
    words.push(quoted(url));
    words.extend(args.iter().map(|a| quoted(a)));
    words.join(" ")
}

/// A test's database with ann, bob and a kiosk (their login roles).
type Team = (TestDb, String, String, String);

/// People's handles are letters only (`tag`, unique per test): a kiosk
/// reads a typed name with digits as a badge code.
fn team(test: &str, tag: &str) -> Option<Team> {
    if !tmux_or_skip(test) {
        return None;
    }
    let pg = pg_support::shared(test)?;
    Some(team_on(pg, test, tag))
}

/// [`team`] on a given server.
fn team_on(pg: &'static PgServer, test: &str, tag: &str) -> Team {
    let db = pg.database(test);
    let (ann, bob, kiosk) = (
        format!("ann{tag}"),
        format!("bob{tag}"),
        format!("kiosk_{}", db.name),
    );
    {
        let _lock = pg_support::setup_lock();
        let url = ServerUrl::parse(&db.url(&db.owner)).expect("url");
        server::schema::init(&url, &leertuin::bundled::lessons()).expect("init");
        for (who, name) in [(&ann, "Ann de Vries"), (&bob, "Bob Jansen")] {
            let add = AddPerson {
                handle: who.clone(),
                name: Some(name.into()),
            };
            server::people::add_person(&url, &add).expect("add person");
        }
        server::people::add_kiosk(&url, &kiosk).expect("add kiosk");
    }
    (db, ann, bob, kiosk)
}

/// [`team`] on a server of its own, which the test may stop and start
/// again: it keeps every commit it acknowledged through a stop.
fn team_of_its_own(test: &str, tag: &str) -> Option<(&'static PgServer, Team)> {
    if !tmux_or_skip(test) {
        return None;
    }
    let pg: &'static PgServer = Box::leak(Box::new(PgServer::start_durable(test)?));
    Some((pg, team_on(pg, test, tag)))
}

/// Waits for `needle` longer than [`Tmux::wait_for`]: a store that lost
/// the server tries again after a growing pause (up to 30 s).
fn wait_long(tmux: &Tmux, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let screen = tmux.screen("s");
        if screen.contains(needle) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{needle:?} never appeared; the screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_pane_at_40_columns_shows_a_colleagues_post_while_open() {
    let Some((db, ann, bob, _)) = team("pg_pane_tmux", "pane") else {
        return;
    };
    let home = tempfile::tempdir().expect("home");
    let pane = command_with(home.path(), &db.url(&ann), &[NO_TIMED_LOOK], &[]);
    let tmux = Tmux::start(40, 20, &pane);
    tmux.wait_for("s", "Lessons");
    tmux.keys("s", &["4"]);
    tmux.wait_for("s", "Tips");
    let out = db.leertuin(
        home.path(),
        &[
            "--db",
            &db.url(&bob),
            "add",
            "tip",
            "Night shift: torque 12 Nm",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    tmux.wait_for("s", "Night shift");
}

#[test]
fn a_kiosk_on_the_server_works_as_on_a_file_and_stamps_its_writes() {
    let Some((db, ann, _, kiosk)) = team("pg_kiosk_tmux", "kiosk") else {
        return;
    };
    let home = tempfile::tempdir().expect("home");
    let tmux = Tmux::start(80, 24, &command(home.path(), &db.url(&kiosk), &["kiosk"]));
    tmux.wait_for("s", "Scan your badge or type your name");
    // Logged in by name (no badge, no PIN).
    tmux.type_text("s", &ann);
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Ann de Vries");
    // Typing on a list asks a question.
    tmux.type_text("s", "Where is the label glue?");
    tmux.wait_for("s", "anonymous");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Thank you");
    let row = ok(&db.psql(
        "postgres",
        "SELECT author || ' ' || via || ' ' || title FROM leertuin.question;",
    ));
    assert_eq!(row, format!("{ann} {kiosk} Where is the label glue?"));
}

#[test]
fn a_kiosk_on_the_server_ignores_user_and_acts_only_for_who_logs_in() {
    let Some((db, ann, bob, kiosk)) = team("pg_kiosk_user_tmux", "kioskuser") else {
        return;
    };
    let home = tempfile::tempdir().expect("home");
    // `--user` naming bob (as a person's login would refuse) changes
    // nothing on a kiosk: it starts at its login screen, as nobody.
    let tmux = Tmux::start(
        80,
        24,
        &command(home.path(), &db.url(&kiosk), &["--user", &bob, "kiosk"]),
    );
    tmux.wait_for("s", "Scan your badge or type your name");
    assert!(!tmux.screen("s").contains("Bob Jansen"));
    tmux.type_text("s", &ann);
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Ann de Vries");
    tmux.type_text("s", "Who has the key to the paint store?");
    tmux.wait_for("s", "anonymous");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Thank you");
    // Written for ann, through the kiosk; nothing in bob's name.
    let row = ok(&db.psql(
        "postgres",
        "SELECT author || ' ' || via || ' ' || title FROM leertuin.question;",
    ));
    assert_eq!(
        row,
        format!("{ann} {kiosk} Who has the key to the paint store?")
    );
}

#[test]
fn a_kiosk_on_the_server_shows_a_colleagues_post_at_once_and_again_after_offline() {
    let Some((pg, (db, ann, bob, kiosk))) = team_of_its_own("pg_kiosk_live_tmux", "kiosklive")
    else {
        return;
    };
    let home = tempfile::tempdir().expect("home");
    let post = |text: &str| {
        let out = db.leertuin(home.path(), &["--db", &db.url(&bob), "add", "tip", text]);
        assert!(out.status.success(), "{out:?}");
    };
    let cmd = command_with(home.path(), &db.url(&kiosk), &[NO_TIMED_LOOK], &["kiosk"]);
    let tmux = Tmux::start(80, 24, &cmd);
    tmux.wait_for("s", "Scan your badge or type your name");
    tmux.type_text("s", &ann);
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Ann de Vries");
    // Tab goes round to Tips, however many tabs there are.
    for _ in 0..leertuin::tui::tabs::COUNT {
        if tmux.screen("s").contains("Tips (") {
            break;
        }
        tmux.keys("s", &["Tab"]);
        std::thread::sleep(Duration::from_millis(100));
    }
    tmux.wait_for("s", "Tips (");

    post("Night shift: torque 12 Nm");
    tmux.wait_for("s", "Night shift");

    // The server stops: the kiosk says so and keeps what it shows; once
    // the server is back, a new post shows again, unasked.
    pg.crash();
    wait_long(&tmux, "Offline");
    assert!(
        tmux.screen("s").contains("Night shift"),
        "what it had stays"
    );
    pg.restart();
    post("Morning shift: check the oil");
    wait_long(&tmux, "Morning shift");
    assert!(
        !tmux.screen("s").contains("Offline"),
        "{}",
        tmux.screen("s")
    );

    // The search index learns of a post the same way: a search left open
    // finds it once it is written.
    tmux.type_text("s", "/");
    tmux.type_text("s", "fuse");
    tmux.wait_for("s", "fuse");
    assert!(!tmux.screen("s").contains("drawer 3"));
    post("Spare fuse in drawer 3");
    tmux.wait_for("s", "drawer 3");
}

#[test]
fn the_capture_popup_on_the_server_saves_and_keeps_what_it_cannot_send() {
    let Some((pg, (db, ann, _, _))) = team_of_its_own("pg_capture_tmux", "capture") else {
        return;
    };
    let home = tempfile::tempdir().expect("home");
    let url = db.url(&ann);
    let tips = || {
        ok(&db.psql(
            "postgres",
            "SELECT author || '|' || coalesce(via, '-') || '|' || coalesce(context, '-') || '|' \
             || tags || '|' || text FROM leertuin.tip ORDER BY id;",
        ))
    };

    // As in the tmux popup: it opens, saves on Enter and closes.
    let popup = command(home.path(), &url, &["capture", "--context", "kubectl"]);
    let tmux = Tmux::start(70, 12, &popup);
    tmux.wait_for("s", "Share a tip · kubectl");
    tmux.type_text("s", "kubectl rollout undo — terug naar de vorige versie ✓");
    tmux.keys("s", &["Down"]);
    tmux.type_text("s", "kubectl");
    tmux.wait_for("s", "kubectl rollout undo");
    tmux.keys("s", &["Enter"]);
    tmux.wait_gone();
    drop(tmux);
    assert_eq!(
        tips(),
        format!("{ann}|-|kubectl|kubectl|kubectl rollout undo — terug naar de vorige versie ✓")
    );

    // The server is away: the popup says the text waits, exits 0, and
    // `sync` sends it once the server is back.
    pg.crash();
    let popup = command(home.path(), &url, &["capture"]);
    let popup = popup.strip_prefix("exec ").unwrap_or(&popup);
    let tmux = Tmux::start(70, 12, &format!("{popup}; echo EXIT=$?; sleep 60"));
    tmux.wait_for("s", "Share a tip");
    tmux.type_text("s", "De heftruck laadt 's nachts — stekker in bij dok 3");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(screen.contains("saved offline, will be sent"), "{screen}");
    drop(tmux);
    pg.restart();
    let said = db.leertuin(home.path(), &["--db", &url, "sync"]);
    assert!(said.status.success(), "{said:?}");
    assert!(
        String::from_utf8_lossy(&said.stdout).contains("1 sent"),
        "{said:?}"
    );
    let again = db.leertuin(home.path(), &["--db", &url, "sync"]);
    assert!(
        !String::from_utf8_lossy(&again.stdout).contains("1 sent"),
        "{again:?}"
    );
    let all = tips();
    assert_eq!(all.lines().count(), 2, "{all}");
    assert!(
        all.ends_with(&format!(
            "{ann}|-|-||De heftruck laadt 's nachts — stekker in bij dok 3"
        )),
        "{all}"
    );
}
