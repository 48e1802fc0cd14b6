//! A database that changes under a running pane or kiosk (tester report 1,
//! items 1 and 4): removed, made read-only, made writable again. Unix lets
//! an open descriptor keep writing into a removed or `chmod 444`ed file, so
//! leertuin checks the path before each write.

mod tmux_support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use leertuin::domain::{Draft, Kind, NewItem};
use leertuin::store::{Mode, OpenOptions, SqliteStore, Store, StoreError};
use tmux_support::{BIN, Home, Tmux, eventually, quoted};

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

const NOBODY: u32 = 65534;

/// The pane's and the CLI's account: yourself, or `nobody` when root
/// (whom permissions would not stop).
fn as_someone() -> Vec<String> {
    if is_root() {
        vec![
            "setpriv".into(),
            format!("--reuid={NOBODY}"),
            format!("--regid={NOBODY}"),
            "--clear-groups".into(),
        ]
    } else {
        Vec::new()
    }
}

/// A sandbox the account of [`as_someone`] owns, with a database in it.
fn home_with_db() -> Home {
    let home = Home::new();
    fs::create_dir_all(home.home()).unwrap();
    let out = cli(&home, &["add", "tip", "Before anything happened"]);
    assert!(out.status.success(), "{out:?}");
    home
}

fn cli(home: &Home, args: &[&str]) -> Output {
    let someone = as_someone();
    if is_root() {
        let status = Command::new("chown")
            .args(["-R", &format!("{NOBODY}:{NOBODY}")])
            .arg(home.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
    let mut cmd = match someone.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(BIN);
            c
        }
        None => Command::new(BIN),
    };
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LEERTUIN_LANG", "en")
        .envs(home.env("ann"))
        .output()
        .unwrap()
}

fn pane(home: &Home) -> Tmux {
    let shell = home.shell("ann", &[]);
    let prefix: Vec<String> = as_someone().iter().map(|w| quoted(w)).collect();
    let shell = if prefix.is_empty() {
        shell
    } else {
        shell.replacen("exec ", &format!("exec {} ", prefix.join(" ")), 1)
    };
    let env = [("LEERTUIN_LANG".to_string(), "en".to_string())];
    let tmux = Tmux::start_with_env(80, 24, &shell, &env);
    tmux.wait_for("s", "Before anything");
    tmux
}

fn ask(tmux: &Tmux, text: &str) {
    tmux.keys("s", &["c"]);
    tmux.wait_for("s", "Ask a question");
    tmux.type_text("s", text);
    tmux.wait_for("s", text);
    tmux.keys("s", &["Enter"]);
}

/// True when a file of the outbox (writes that wait to be sent) holds `text`.
fn outbox_holds(home: &Home, text: &str) -> bool {
    fn walk(dir: &Path, text: &str) -> bool {
        fs::read_dir(dir).into_iter().flatten().flatten().any(|e| {
            let path = e.path();
            if path.is_dir() {
                walk(&path, text)
            } else {
                fs::read_to_string(&path).is_ok_and(|t| t.contains(text))
            }
        })
    }
    walk(&home.home().join(".local/state/leertuin/outbox"), text)
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn listed(home: &Home) -> String {
    let out = cli(home, &["list"]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_database_removed_under_the_pane_is_not_written_and_the_text_is_kept() {
    if !tmux_support::tmux_or_skip("a_database_removed_under_the_pane_is_not_written…") {
        return;
    }
    let home = home_with_db();
    let tmux = pane(&home);
    for suffix in ["", "-wal", "-shm"] {
        let mut name = home.db().into_os_string();
        name.push(suffix);
        let _ = fs::remove_file(name);
    }
    ask(&tmux, "Asked after the file was gone");
    let screen = tmux.wait_for("s", "Not saved");
    assert!(screen.contains("your text is kept"), "{screen}");
    assert!(!screen.contains("Saved."), "{screen}");
    assert!(outbox_holds(&home, "Asked after the file was gone"));
    tmux.keys("s", &["q"]);
}

#[test]
fn a_database_made_read_only_under_the_pane_is_not_written() {
    if !tmux_support::tmux_or_skip("a_database_made_read_only_under_the_pane_is_not_written") {
        return;
    }
    let home = home_with_db();
    let tmux = pane(&home);
    chmod(&home.db(), 0o444);
    ask(&tmux, "Asked while frozen");
    tmux.wait_for("s", "Nothing can be written here now");
    assert!(outbox_holds(&home, "Asked while frozen"));
    chmod(&home.db(), 0o644);
    assert!(!listed(&home).contains("Asked while frozen"));
    tmux.keys("s", &["q"]);
}

#[test]
fn a_pane_started_read_only_writes_once_the_file_is_writable_again() {
    if !tmux_support::tmux_or_skip("a_pane_started_read_only_writes_once…") {
        return;
    }
    let home = home_with_db();
    chmod(&home.db(), 0o444);
    let tmux = pane(&home);
    ask(&tmux, "First try");
    tmux.wait_for("s", "Nothing can be written here now");
    assert!(outbox_holds(&home, "First try"));
    chmod(&home.db(), 0o644);
    // The next write is stored, and takes what waited along.
    ask(&tmux, "Second try");
    eventually("both tries stored", || {
        let list = listed(&home);
        (list.contains("First try") && list.contains("Second try")).then_some(())
    });
    tmux.keys("s", &["q"]);
}

#[test]
fn a_store_refuses_to_write_into_a_removed_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let store = SqliteStore::open(&db).unwrap();
    let draft = Draft {
        text: "Stored while the file is there".into(),
        ..Draft::default()
    };
    let tip = NewItem::from_draft(Kind::Tip, "ann", &draft).unwrap();
    store.batch(&|w| w.add(&tip).map(drop)).unwrap();
    fs::remove_file(&db).unwrap();
    let e = store.batch(&|w| w.add(&tip).map(drop)).unwrap_err();
    assert!(matches!(e, StoreError::Gone(_)), "{e:?}");
    assert!(e.keeps_text());
    // A new file at the same path is not the one that was opened either.
    SqliteStore::open(&db).unwrap();
    let e = store.batch(&|w| w.add(&tip).map(drop)).unwrap_err();
    assert!(matches!(e, StoreError::Gone(_)), "{e:?}");
    // A read-only opening of a file one may write takes a writer on the
    // first write.
    let reader = SqliteStore::open_with(
        &db,
        &OpenOptions {
            mode: Mode::Read,
            ..OpenOptions::default()
        },
    )
    .unwrap();
    reader.batch(&|w| w.add(&tip).map(drop)).unwrap();
}

#[test]
fn a_kiosk_opens_only_an_existing_database_and_names_init() {
    let home = Home::new();
    let out = Command::new(BIN)
        .args(["kiosk"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LEERTUIN_LANG", "en")
        .envs(home.env("ann"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(err.contains("leertuin init"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!home.db().exists(), "a kiosk made a new database");
}

/// Registering at a kiosk whose database can't take anyone new: said
/// plainly, in the screen's language, and the kiosk starts over instead
/// of asking for the name (or PIN) again and again.
#[test]
fn a_kiosk_says_plainly_that_registering_is_not_possible_now() {
    use leertuin::kiosk::screen::notice_text;
    use leertuin::kiosk::session::{Clock, Key, Notice, Outcome, Phase, Session};
    use std::time::{Duration, Instant};

    struct Now;
    impl Clock for Now {
        fn now(&self) -> Instant {
            Instant::now()
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let store = SqliteStore::open(&db).unwrap();
    let mut session = Session::new(Duration::from_secs(120), "en", None, Box::new(Now));
    let typed = |session: &mut Session, text: &str| {
        for c in text.chars() {
            session.key(Key::Char(c), &store);
        }
        session.key(Key::Enter, &store)
    };
    assert_eq!(typed(&mut session, "0012345642"), Outcome::Stay);
    assert!(matches!(session.phase, Phase::Register { .. }));
    session.key(Key::SwitchLang, &store);
    fs::remove_file(&db).unwrap();
    assert_eq!(typed(&mut session, "Anna de Vries"), Outcome::Stay);
    assert_eq!(session.phase, Phase::Welcome);
    let Some(notice @ Notice::CannotRegister(_)) = &session.notice else {
        panic!("{:?}", session.notice)
    };
    let text = notice_text(notice, "nl");
    assert!(
        text.starts_with("Aanmelden als nieuw lukt nu niet"),
        "{text}"
    );
    assert!(
        text.contains("weggehaald") && !text.contains("removed"),
        "{text}"
    );
}

/// `--db k.db demo` used to open a throw-away team and leave k.db untouched
/// without a word: now refused, saying what does what, in the person's
/// language, and nothing is made.
#[test]
fn demo_with_a_db_says_it_is_throw_away_and_how_to_fill_a_real_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    for (lang, said) in [("en", "throw-away"), ("nl", "wegwerpteam")] {
        let out = Command::new(BIN)
            .arg("--db")
            .arg(&db)
            .arg("demo")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", dir.path())
            .env("LEERTUIN_LANG", lang)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains(said) && err.contains("demo --fill"), "{err}");
        assert!(!db.exists());
    }
}

/// Mistakes in config.toml's `[kiosk]` and `review_buttons` are refused in
/// the person's language (they were English in a Dutch setup).
#[test]
fn config_refusals_speak_dutch() {
    let home = Home::new();
    let config = home.home().join(".config/leertuin");
    fs::create_dir_all(&config).unwrap();
    let cases: [(&str, &[&str], &str); 3] = [
        (
            "[kiosk]\nbadge_only = \"ja\"\n",
            &["kiosk"],
            "geef true of false",
        ),
        ("[kiosk]\nwhat = 1\n", &["kiosk"], "onbekende instelling"),
        ("review_buttons = 3\n", &[], "kies 4"),
    ];
    for (toml, args, dutch) in cases {
        fs::write(config.join("config.toml"), toml).unwrap();
        let out = Command::new(BIN)
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("LEERTUIN_LANG", "nl")
            .envs(home.env("ann"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{toml}: {out:?}");
        assert!(err.contains(dutch), "{toml}: {err}");
    }
}
