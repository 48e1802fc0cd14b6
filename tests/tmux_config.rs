//! The configuration `leertuin tmux` prints loads in a real tmux server, and
//! its key bindings and status line are there afterwards.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::Sandbox;

/// A private tmux server for one test; killed when dropped.
struct Tmux {
    socket_dir: PathBuf,
    name: String,
}

impl Tmux {
    /// `None` (with the reason printed) when tmux is not installed.
    fn start(dir: &Path) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            // CI sets LEERTUIN_REQUIRE_TMUX=1: there a missing tmux is a failure.
            assert_ne!(
                std::env::var("LEERTUIN_REQUIRE_TMUX").as_deref(),
                Ok("1"),
                "tmux is required (LEERTUIN_REQUIRE_TMUX=1) but not installed"
            );
            eprintln!("skipped: tmux is not installed");
            return None;
        }
        let t = Tmux {
            socket_dir: dir.join("tmux"),
            name: format!("leertuin-test-{}", std::process::id()),
        };
        std::fs::create_dir_all(&t.socket_dir).unwrap();
        let out = t.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "30",
        ]);
        assert!(out.status.success(), "tmux did not start: {out:?}");
        Some(t)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .env("TMUX_TMPDIR", &self.socket_dir)
            .env_remove("TMUX")
            .arg("-L")
            .arg(&self.name)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn load(s: &Sandbox, tmux: &Tmux, args: &[&str]) -> String {
    let conf = s.ok(&[&["tmux"], args].concat());
    let file = s.path().join("leertuin.tmux.conf");
    std::fs::write(&file, &conf).unwrap();
    let out = tmux.run(&["source-file", file.to_str().unwrap()]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "config did not load: {out:?}\n{conf}"
    );
    conf
}

fn binding(keys: &str, key: &str) -> String {
    keys.lines()
        .find(|l| l.split_whitespace().nth(3) == Some(key))
        .unwrap_or_else(|| panic!("no binding for {key} in:\n{keys}"))
        .to_string()
}

#[test]
fn the_printed_config_loads_in_real_tmux() {
    let s = Sandbox::new();
    let Some(tmux) = Tmux::start(s.path()) else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_leertuin");
    load(&s, &tmux, &[]);
    let keys = tmux.ok(&["list-keys", "-T", "prefix"]);
    let pane = binding(&keys, "g");
    assert!(
        pane.contains("run-shell")
            && pane.contains(&format!("{bin} "))
            && pane.contains("tmux --side right --width 48 --toggle '#{pane_id}'"),
        "{pane}"
    );
    let capture = binding(&keys, "C-l");
    assert!(capture.contains("display-popup -E"), "{capture}");
    assert!(
        capture.contains(" capture --tmux-pane '#{pane_id}'") && capture.contains(bin),
        "{capture}"
    );
    // Issue 12.11: the only format in a shell command is the pane's id.
    for line in [&pane, &capture] {
        assert_eq!(line.matches("#{").count(), 1, "{line}");
    }
    let status = tmux.ok(&["show-options", "-g", "status-right"]);
    assert!(
        status.contains(&format!("#({bin} ")) && status.contains(" nudge --format tmux)"),
        "{status}"
    );
    let length = tmux.ok(&["show-options", "-gv", "status-right-length"]);
    assert_eq!(length.trim(), "100");
}

/// Issue 11.8: the default keys are ones a fresh tmux binds to nothing,
/// and tmux's own `L` (last session) is left alone.
#[test]
fn the_default_keys_are_free_in_tmux() {
    let s = Sandbox::new();
    let Some(tmux) = Tmux::start(s.path()) else {
        return;
    };
    let before = tmux.ok(&["list-keys", "-T", "prefix"]);
    let last_session = binding(&before, "L");
    let conf = load(&s, &tmux, &[]);
    let keys: Vec<&str> = conf
        .lines()
        .filter_map(|l| l.strip_prefix("bind-key "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(keys.len(), 2, "{conf}");
    for key in keys {
        assert!(
            !before
                .lines()
                .any(|l| l.split_whitespace().nth(3) == Some(key)),
            "prefix {key} is a tmux default:\n{before}"
        );
    }
    let after = tmux.ok(&["list-keys", "-T", "prefix"]);
    assert_eq!(binding(&after, "L"), last_session);
}

#[test]
fn keys_side_and_width_can_be_chosen() {
    let s = Sandbox::new();
    let Some(tmux) = Tmux::start(s.path()) else {
        return;
    };
    load(
        &s,
        &tmux,
        &[
            "--pane-key",
            "M-l",
            "--capture-key",
            "C-t",
            "--side",
            "left",
            "--width",
            "30%",
        ],
    );
    let keys = tmux.ok(&["list-keys", "-T", "prefix"]);
    let pane = binding(&keys, "M-l");
    assert!(pane.contains("--side left --width 30% --toggle"), "{pane}");
    assert!(binding(&keys, "C-t").contains("display-popup"));
}

#[test]
fn bad_keys_are_refused() {
    let s = Sandbox::new();
    s.usage_error(&["tmux", "--pane-key", "a;b"]);
    s.usage_error(&["tmux", "--width", "3"]);
}

/// The sandbox's environment for a command run outside assert_cmd.
fn sandboxed(s: &Sandbox, program: &str) -> Command {
    let home = s.path().join("home");
    let mut cmd = Command::new(program);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("LEERTUIN_DB", s.db())
        .env("LEERTUIN_USER", "ann");
    cmd
}

#[test]
fn an_odd_install_path_survives_shell_and_tmux_quoting() {
    let s = Sandbox::new();
    let Some(tmux) = Tmux::start(s.path()) else {
        return;
    };
    let dir = s.path().join("it's #1 $HOME \"x\"");
    std::fs::create_dir_all(&dir).unwrap();
    let bin = dir.join("leertuin");
    // Copied by `cp`, not std::fs::copy: a file this process writes can be
    // inherited, still open, by a child another test thread forks at that
    // moment, and exec then fails with "Text file busy".
    let copied = Command::new("cp")
        .arg(env!("CARGO_BIN_EXE_leertuin"))
        .arg(&bin)
        .status()
        .unwrap();
    assert!(copied.success());
    let conf = sandboxed(&s, bin.to_str().unwrap())
        .arg("tmux")
        .output()
        .unwrap();
    assert!(conf.status.success(), "{conf:?}");
    let file = s.path().join("odd.conf");
    std::fs::write(&file, &conf.stdout).unwrap();
    let out = tmux.run(&["source-file", file.to_str().unwrap()]);
    assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");

    // What tmux would run for the status line, run the way tmux runs it.
    s.ok(&["me", "--wants", "vim"]);
    let added = s
        .cmd_as("bob")
        .args(["add", "tip", "ci\" changes inside quotes", "-t", "vim"])
        .output()
        .unwrap();
    assert!(added.status.success(), "{added:?}");
    let status = tmux.ok(&["show-options", "-gv", "status-right"]);
    let job = status
        .split_once("#(")
        .and_then(|(_, rest)| rest.rsplit_once(')'))
        .map(|(job, _)| job.replace("##", "#"))
        .unwrap_or_else(|| panic!("no #() in {status}"));
    let line = sandboxed(&s, "sh").arg("-c").arg(&job).output().unwrap();
    assert!(line.status.success(), "{job}: {line:?}");
    let line = String::from_utf8(line.stdout).unwrap();
    assert_eq!(line, "#[fg=cyan]1 new tip on vim#[default]\n", "{job}");

    // The pane key's command, as run-shell hands it to the shell (after
    // its formats, `##` among them, are expanded).
    let keys = tmux.ok(&["list-keys", "-T", "prefix"]);
    let pane = binding(&keys, "g");
    let cmd = pane
        .split_once("run-shell ")
        .map(|(_, c)| c.trim())
        .unwrap();
    let unquoted = tmux_unquote(cmd).replace("##", "#");
    let leertuin = unquoted.split(" tmux --side").next().unwrap();
    let version = sandboxed(&s, "sh")
        .arg("-c")
        .arg(format!("{leertuin} --version"))
        .output()
        .unwrap();
    assert!(version.status.success(), "{leertuin}: {version:?}");
}

/// Undoes the double quotes tmux uses when it lists a command.
fn tmux_unquote(s: &str) -> String {
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return s.to_string();
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}
