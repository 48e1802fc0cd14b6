//! `leertuin completions SHELL` and `leertuin man`: generated from the real
//! command line, they parse in their shell (or in groff) and name every
//! command the binary has.

mod common;

use std::process::Command;

use clap::CommandFactory;
use common::Sandbox;
use leertuin::cli::Cli;

/// Every visible subcommand of the real clap definition.
fn subcommands() -> Vec<String> {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect();
    assert!(names.len() > 20, "{names:?}");
    assert!(names.iter().any(|n| n == "completions") && names.iter().any(|n| n == "man"));
    names
}

fn installed(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("{program} is not installed: its syntax check is skipped");
    }
    found
}

/// The script's syntax, checked by the shell itself without running it.
fn syntax_ok(shell: &str, script: &std::path::Path) {
    let out = Command::new(shell)
        .arg("-n")
        .arg(script)
        .output()
        .expect(shell);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{shell} -n: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_for_each_shell_parse_and_name_every_command() {
    let s = Sandbox::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = s.ok(&["completions", shell]);
        for name in subcommands() {
            assert!(script.contains(&name), "{shell}: no {name}");
        }
        let file = s.path().join(format!("leertuin.{shell}"));
        std::fs::write(&file, &script).expect("write");
        if installed(shell) {
            syntax_ok(shell, &file);
        }
    }
}

/// Loaded into bash, the completion offers the commands after `leertuin `
/// and the shells after `leertuin completions `.
#[test]
fn bash_completes_commands_and_their_values() {
    let s = Sandbox::new();
    if !installed("bash") {
        return;
    }
    let file = s.path().join("leertuin.bash");
    std::fs::write(&file, s.ok(&["completions", "bash"])).expect("write");
    let complete = |words: &str| {
        let script = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); \
             COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}; \
             _leertuin leertuin \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            file.display()
        );
        let out = Command::new("bash")
            .arg("-c")
            .arg(script)
            .output()
            .expect("bash");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let commands = complete("leertuin ''");
    for name in subcommands() {
        assert!(commands.lines().any(|l| l == name), "{name}:\n{commands}");
    }
    let shells = complete("leertuin completions ''");
    for shell in ["bash", "zsh", "fish"] {
        assert!(shells.lines().any(|l| l == shell), "{shell}:\n{shells}");
    }
}

#[test]
fn the_man_page_renders_and_names_every_command() {
    let s = Sandbox::new();
    let page = s.ok(&["man"]);
    assert!(page.contains(".TH leertuin 1"), "{page}");
    for name in subcommands() {
        assert!(page.contains(&name), "no {name} in the man page");
    }
    if installed("groff") {
        let file = s.path().join("leertuin.1");
        std::fs::write(&file, &page).expect("write");
        // -ww: every warning; -z: no output, only the check.
        let out = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(&file)
            .output()
            .expect("groff");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "groff: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn man_dir_writes_a_page_per_command() {
    let s = Sandbox::new();
    let dir = s.path().join("man1");
    s.ok(&["man", "--dir", dir.to_str().expect("utf-8")]);
    assert!(dir.join("leertuin.1").exists());
    for name in subcommands() {
        let page = dir.join(format!("leertuin-{name}.1"));
        assert!(page.exists(), "{}", page.display());
    }
    // Nothing else was touched: no database was made for a man page.
    assert!(!s.db().exists());
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let s = Sandbox::new();
    let err = s.usage_error(&["completions", "tcsh"]);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("tcsh"), "{err}");
}
