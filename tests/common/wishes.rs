//! Wishes and budgets through the real binary: a team whose system config
//! names `boss` the only admin of budgets, and the commands its tests run
//! again and again (an admin's grant, a refusal in one line).

use std::process::Output;

use super::Sandbox;

/// The only admin of a [`team`].
pub const ADMIN: &str = "boss";

/// A sandbox whose system config names [`ADMIN`] as the only admin.
pub fn team() -> Sandbox {
    let sb = Sandbox::new();
    std::fs::write(sb.path().join("system.toml"), "admins = [\"boss\"]\n").unwrap();
    sb
}

/// `leertuin ARGS` as `user`, in `lang`, under the team's system config.
pub fn run_in(sb: &Sandbox, user: &str, lang: &str, args: &[&str]) -> Output {
    sb.cmd_as(user)
        .env("LEERTUIN_SYSTEM_CONFIG", sb.path().join("system.toml"))
        .env("LEERTUIN_LANG", lang)
        .args(args)
        .output()
        .expect("run leertuin")
}

/// [`run_in`], asserting success; returns stdout.
pub fn ok_in(sb: &Sandbox, user: &str, lang: &str, args: &[&str]) -> String {
    let out = run_in(sb, user, lang, args);
    assert!(
        out.status.success(),
        "leertuin {args:?} as {user}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// [`run_in`], asserting exit code 2 and one line on stderr; returns it.
pub fn refused_in(sb: &Sandbox, user: &str, lang: &str, args: &[&str]) -> String {
    let out = run_in(sb, user, lang, args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "leertuin {args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err:?}");
    err
}

/// [`run_in`] in English.
pub fn run(sb: &Sandbox, user: &str, args: &[&str]) -> Output {
    run_in(sb, user, "en", args)
}

/// [`ok_in`] in English.
pub fn ok(sb: &Sandbox, user: &str, args: &[&str]) -> String {
    ok_in(sb, user, "en", args)
}

/// [`refused_in`] in English.
pub fn refused(sb: &Sandbox, user: &str, args: &[&str]) -> String {
    refused_in(sb, user, "en", args)
}

/// The admin grants `who` an `amount` of money from `werkgever`.
pub fn grant(sb: &Sandbox, who: &str, amount: &str) {
    grant_with(sb, who, amount, &[]);
}

/// [`grant`] with more flags (`--hours 16`, `--expires …`); a `--source`
/// among them takes the place of `werkgever`. With `--new`: the tests
/// grant to people before they first use leertuin.
pub fn grant_with(sb: &Sandbox, who: &str, amount: &str, flags: &[&str]) {
    let mut args = vec!["budget", "grant", who, amount, "--new"];
    args.extend_from_slice(flags);
    if !flags.contains(&"--source") {
        args.extend(["--source", "werkgever"]);
    }
    ok(sb, ADMIN, &args);
}
