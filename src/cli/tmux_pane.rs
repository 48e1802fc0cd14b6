//! `leertuin tmux --toggle PANE`: what the pane key of `leertuin tmux` runs
//! (through `run-shell`). One learning pane per window: the first press
//! opens it beside PANE, a press elsewhere in the window focuses it, and a
//! press inside it goes back to the pane that was active before.
//!
//! The pane it opens is marked with the pane option `@leertuin`; a pane
//! where someone started `leertuin` by hand is found by its command name.

use std::path::Path;
use std::process::{Command, Stdio};

use super::tmux::{Given, Side, TmuxArgs, leertuin_words};
use super::{CliError, CliResult};

/// One line per pane of the window: what [`decide`] reads.
const PANES_FORMAT: &str = "#{pane_id}\t#{pane_active}\t#{@leertuin}\t#{pane_current_command}";

/// What the pane key does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// No learning pane in the window yet: open one.
    Open,
    /// Focus the learning pane with this id.
    Focus(String),
    /// The learning pane has the focus: back to the last pane.
    Back,
}

/// Decides from `list-panes` output (see [`PANES_FORMAT`]); `name` is the
/// command name of a leertuin process as tmux shows it.
pub fn decide(panes: &str, name: &str) -> Step {
    let ours = panes.lines().find_map(|line| {
        let mut f = line.split('\t');
        let (id, active, mark, command) = (f.next()?, f.next()?, f.next()?, f.next()?);
        (mark == "1" || command == name).then_some((id, active == "1"))
    });
    match ours {
        None => Step::Open,
        Some((_, true)) => Step::Back,
        Some((id, false)) => Step::Focus(id.to_string()),
    }
}

pub fn toggle(exe: &Path, given: &Given, pane: &str, a: &TmuxArgs) -> CliResult {
    // tmux fills in `#{pane_id}`; anything else did not come from tmux.
    let valid = pane
        .strip_prefix('%')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if !valid {
        return Err(CliError::usage(format!(
            "--toggle {pane:?}: not a tmux pane id such as %3"
        )));
    }
    let panes = tmux(&["list-panes", "-t", pane, "-F", PANES_FORMAT])?;
    match decide(&panes, &command_name(exe)) {
        Step::Back => {
            // Nothing to go back to in a window of one pane: stay.
            let _ = tmux(&["last-pane", "-t", pane]);
        }
        Step::Focus(id) => {
            tmux(&["select-pane", "-t", &id])?;
        }
        Step::Open => {
            // split-window hands its command to the shell as it is (no
            // formats), so the words are quoted for the shell only.
            let command = leertuin_words(exe, given)?.join(" ");
            let mut args = vec!["split-window", "-h"];
            if a.side == Side::Left {
                args.push("-b");
            }
            args.extend([
                "-l",
                &a.width,
                "-t",
                pane,
                "-P",
                "-F",
                "#{pane_id}",
                &command,
            ]);
            let id = tmux(&args)?;
            tmux(&["set-option", "-p", "-t", id.trim(), "@leertuin", "1"])?;
        }
    }
    Ok(())
}

/// The name tmux gives a process running `exe`: the file name, cut to the
/// 15 bytes the kernel keeps.
fn command_name(exe: &Path) -> String {
    let name = exe
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut end = name.len().min(15);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].to_string()
}

/// Runs `tmux ARGS` (the server is found through `$TMUX`); its stdout.
fn tmux(args: &[&str]) -> CliResult<String> {
    let out = Command::new("tmux")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| CliError::failure(format!("tmux: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or("failed");
        return Err(CliError::failure(format!("tmux {}: {first}", args[0])));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_focus_or_back() {
        let work_only = "%0\t1\t\tbash\n%1\t0\t\tvim\n";
        assert_eq!(decide(work_only, "leertuin"), Step::Open);
        let with_ours = "%0\t1\t\tbash\n%4\t0\t1\tleertuin\n";
        assert_eq!(decide(with_ours, "leertuin"), Step::Focus("%4".into()));
        let in_ours = "%0\t0\t\tbash\n%4\t1\t1\tleertuin\n";
        assert_eq!(decide(in_ours, "leertuin"), Step::Back);
        // Started by hand: found by its name.
        let by_hand = "%0\t1\t\tbash\n%2\t0\t\tleertuin\n";
        assert_eq!(decide(by_hand, "leertuin"), Step::Focus("%2".into()));
        assert_eq!(decide("", "leertuin"), Step::Open);
    }

    #[test]
    fn command_names_are_cut_like_the_kernel_does() {
        assert_eq!(command_name(Path::new("/usr/bin/leertuin")), "leertuin");
        assert_eq!(
            command_name(Path::new("/x/leertuin-nightly-build")),
            "leertuin-nightly"[..15].to_string()
        );
    }
}
