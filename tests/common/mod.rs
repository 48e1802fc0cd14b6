//! Helpers shared by the integration tests: a temp home per test, so no test
//! ever reads or writes the real user's files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub mod wishes;

pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.path().join("team.db")
    }

    /// `leertuin` as `user`, on this sandbox's database, with XDG dirs inside it.
    pub fn cmd_as(&self, user: &str) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_leertuin"));
        let home = self.path().join("home");
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .env("LEERTUIN_DB", self.db())
            .env("LEERTUIN_USER", user);
        cmd
    }

    pub fn cmd(&self) -> Command {
        self.cmd_as("ann")
    }

    /// Runs `leertuin ARGS` and returns stdout, asserting success.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run leertuin");
        assert!(
            out.status.success(),
            "leertuin {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs `leertuin ARGS`, asserts exit code 2 and a one-line error; returns it.
    pub fn usage_error(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run leertuin");
        assert_eq!(out.status.code(), Some(2), "leertuin {args:?}: {out:?}");
        let err = String::from_utf8(out.stderr).expect("utf-8 stderr");
        assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err:?}");
        assert!(err.starts_with("leertuin: "), "{err:?}");
        err
    }

    pub fn export(&self) -> String {
        self.ok(&["export"])
    }

    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).expect("open db")
    }
}
