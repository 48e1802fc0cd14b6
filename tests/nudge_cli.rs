//! `leertuin nudge` as tmux runs it: one line or nothing, never an error.

mod common;

use std::time::{Duration, Instant};

use common::Sandbox;

/// A team where Bob asked a question about sql two hours ago and Ann can
/// help with sql.
fn team_with_question(title: &str) -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["me", "--offers", "sql"]);
    let out = s
        .cmd_as("bob")
        .args(["add", "question", title, "-t", "sql"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    // Old enough for colleagues to have answered first.
    s.sql()
        .execute(
            "UPDATE question SET created_at = created_at - 2 * 3600 * 1000",
            [],
        )
        .unwrap();
    s
}

/// Runs `leertuin nudge ARGS`, asserts exit 0 and empty stderr; returns stdout.
fn nudge(s: &Sandbox, args: &[&str]) -> String {
    let out = s.cmd().arg("nudge").args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_missing_database_gives_empty_output_and_is_not_created() {
    let s = Sandbox::new();
    assert_eq!(nudge(&s, &[]), "");
    assert_eq!(nudge(&s, &["--format", "tmux"]), "");
    assert!(!s.db().exists(), "nudge must never create the database");
}

#[test]
fn a_broken_config_or_newer_schema_gives_empty_output() {
    let s = team_with_question("How do I join two tables?");
    s.sql().pragma_update(None, "user_version", 99).unwrap();
    assert_eq!(nudge(&s, &[]), "");
    s.sql()
        .pragma_update(None, "user_version", leertuin::store::LATEST_VERSION)
        .unwrap();
    let config = s.path().join("home/.config/leertuin");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "this is = not toml [").unwrap();
    assert_eq!(nudge(&s, &[]), "");
}

#[test]
fn plain_format_names_the_question() {
    let s = team_with_question("How do I join two tables?");
    assert_eq!(
        nudge(&s, &[]),
        "Can you help? q1 (sql): How do I join two tables?\n"
    );
    // The same line stays up on the next refresh.
    assert_eq!(
        nudge(&s, &[]),
        "Can you help? q1 (sql): How do I join two tables?\n"
    );
    let state = s.path().join("home/.local/state/leertuin/nudge-state.toml");
    assert!(state.exists(), "state kept in XDG_STATE_HOME");
    // Bob asked it: nothing for him.
    let out = s.cmd_as("bob").arg("nudge").output().unwrap();
    assert!(out.status.success() && out.stdout.is_empty(), "{out:?}");
}

#[test]
fn tmux_format_is_styled_and_escapes_hashes() {
    let s = team_with_question("Why does #(reboot) print #[fg=red]?");
    let line = nudge(&s, &["--format", "tmux"]);
    assert!(
        line.starts_with("#[fg=magenta]Can you help? q1 (sql): "),
        "{line}"
    );
    assert!(line.trim_end().ends_with("#[default]"), "{line}");
    assert!(
        line.contains("##(reboot)") && !line.contains(" #(reboot)"),
        "{line}"
    );
}

#[test]
fn dutch_profile_gets_dutch() {
    let s = team_with_question("Hoe werkt een join?");
    s.ok(&["me", "--lang", "nl"]);
    assert_eq!(
        nudge(&s, &[]),
        "Kun jij helpen? q1 (sql): Hoe werkt een join?\n"
    );
}

#[test]
fn snooze_silences_and_off_ends_it() {
    let s = team_with_question("How do I join two tables?");
    let out = s.ok(&["nudge", "--snooze", "2h"]);
    assert!(out.starts_with("nudges snoozed until "), "{out}");
    assert_eq!(nudge(&s, &[]), "");
    assert_eq!(nudge(&s, &["--format", "tmux"]), "");
    assert_eq!(
        s.ok(&["nudge", "--snooze", "off"]).trim(),
        "nudges are back on"
    );
    assert!(!nudge(&s, &[]).is_empty());
    s.usage_error(&["nudge", "--snooze", "soon"]);
}

#[test]
fn a_locked_database_gives_empty_output_quickly() {
    let s = team_with_question("How do I join two tables?");
    // An exclusive lock in WAL mode keeps even readers out.
    let lock = s.sql();
    lock.pragma_update(None, "locking_mode", "EXCLUSIVE")
        .unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE; UPDATE person SET name = name;")
        .unwrap();
    let started = Instant::now();
    assert_eq!(nudge(&s, &[]), "");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    lock.execute_batch("COMMIT").unwrap();
}
