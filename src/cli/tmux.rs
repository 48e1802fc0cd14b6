//! `leertuin tmux`: prints the tmux configuration of DESIGN.md, ready to add
//! to `~/.tmux.conf`: a key for the pane in a side split, a key for the
//! capture popup, and the status-line nudge.
//!
//! Commands name this binary by its absolute path, so they work from tmux's
//! server, whose PATH is often not the login shell's, and carry the
//! `--db`, `--user` and `--theme` this command was given.
//!
//! The default keys are ones tmux leaves free (`prefix g`, `prefix C-l`);
//! tmux's own `L` (last session) is taken only when asked for. The pane key
//! runs `leertuin tmux --toggle PANE` ([`super::tmux_pane`]): it opens the
//! pane once, focuses it after, and from inside it goes back to the work.
//!
//! Nothing of a pane's state is ever put into a shell command: tmux 3.4
//! expands formats in a popup's command before the shell sees it, so a
//! process name such as `x'$(rm -rf ~)'` in `#{pane_current_command}` would
//! run as code. The popup gets only `#{pane_id}` (always `%` and digits)
//! and asks tmux itself for the command running there.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{CliError, CliResult, Context};
use crate::tui::theme::ThemeChoice;

/// Keys tmux binds to nothing by default (`tmux -f /dev/null list-keys`).
pub const DEFAULT_PANE_KEY: &str = "g";
pub const DEFAULT_CAPTURE_KEY: &str = "C-l";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Side {
    Left,
    Right,
}

#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  leertuin tmux >> ~/.tmux.conf && tmux source-file ~/.tmux.conf\n  leertuin --db /srv/team/leertuin.db tmux --pane-key M-l --side left --width 30%"
)]
pub struct TmuxArgs {
    /// Key (after the prefix) that shows the learning pane, or goes back
    /// from it to your work.
    #[arg(long, default_value = DEFAULT_PANE_KEY, value_parser = key_name)]
    pub pane_key: String,
    /// Key (after the prefix) that opens the capture popup.
    #[arg(long, default_value = DEFAULT_CAPTURE_KEY, value_parser = key_name)]
    pub capture_key: String,
    /// Which side the pane opens on.
    #[arg(long, value_enum, default_value_t = Side::Right)]
    pub side: Side,
    /// Width of the pane: columns (48) or a share of the window (30%).
    #[arg(long, default_value = "48", value_parser = width)]
    pub width: String,
    /// Show the learning pane beside this tmux pane (what the pane key runs).
    #[arg(long, value_name = "PANE", hide = true)]
    pub toggle: Option<String>,
}

/// The global flags `leertuin tmux` was given (or found in the
/// environment): the commands it prints pass them on.
#[derive(Debug, Clone, Default)]
pub struct Given {
    pub db: Option<PathBuf>,
    pub user: Option<String>,
    pub theme: ThemeChoice,
}

pub fn run(_ctx: &Context, given: &Given, a: TmuxArgs) -> CliResult {
    let exe = std::env::current_exe()
        .map_err(|e| CliError::failure(format!("cannot find the leertuin binary: {e}")))?;
    if let Some(pane) = &a.toggle {
        return super::tmux_pane::toggle(&exe, given, pane, &a);
    }
    print!("{}", config(&exe, given, &a)?);
    Ok(())
}

/// `leertuin` and the global flags, as words for `sh -c`: the start of
/// every command the configuration runs.
pub fn leertuin_words(exe: &Path, given: &Given) -> CliResult<Vec<String>> {
    let mut words = vec![shell_word(utf8(exe)?)];
    if let Some(db) = &given.db {
        // tmux runs commands in its own working directory.
        let db = std::path::absolute(db).unwrap_or_else(|_| db.clone());
        words.push("--db".into());
        words.push(shell_word(utf8(&db)?));
    }
    if let Some(user) = &given.user {
        words.push("--user".into());
        words.push(shell_word(user));
    }
    if given.theme != ThemeChoice::default()
        && let Some(value) = given.theme.to_possible_value()
    {
        words.push("--theme".into());
        words.push(value.get_name().to_string());
    }
    Ok(words)
}

fn utf8(path: &Path) -> CliResult<&str> {
    path.to_str()
        .ok_or_else(|| CliError::usage(format!("{}: path is not UTF-8", path.display())))
}

/// The configuration text for the binary at `exe`.
pub fn config(exe: &Path, given: &Given, a: &TmuxArgs) -> CliResult<String> {
    // run-shell, display-popup and #() expand formats in their command, so
    // every `#` of ours is doubled there; `#{pane_id}` is the one format
    // meant for tmux, and it is only ever `%` and digits.
    let leertuin = leertuin_words(exe, given)?.join(" ").replace('#', "##");
    let side = match a.side {
        Side::Left => "left",
        Side::Right => "right",
    };
    let pane = tmux_quoted(&format!(
        "{leertuin} tmux --side {side} --width {} --toggle '#{{pane_id}}'",
        a.width
    ));
    let popup = tmux_quoted(&format!("{leertuin} capture --tmux-pane '#{{pane_id}}'"));
    let status = tmux_quoted(&format!(" #({leertuin} nudge --format tmux)"));
    Ok(format!(
        "# leertuin: add to ~/.tmux.conf, then reload: tmux source-file ~/.tmux.conf\n\
         # prefix {pane_key}: the learning pane beside your work; again: back to your work.\n\
         bind-key {pane_key} run-shell {pane}\n\
         # prefix {capture_key}: capture a tip, question or what you learned, about the tool in this pane.\n\
         bind-key {capture_key} display-popup -E -w 70% -h 60% {popup}\n\
         # A small learning nudge now and then; `leertuin nudge --snooze 2h` silences it.\n\
         set -ga status-right {status}\n\
         if-shell -F \"#{{e|<|:#{{status-right-length}},100}}\" \"set -g status-right-length 100\"\n",
        pane_key = a.pane_key,
        capture_key = a.capture_key,
    ))
}

/// A word for `sh -c`: bare when it holds only safe characters, else in
/// single quotes.
pub fn shell_word(s: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._+-,:=@%".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A double-quoted tmux string: `\`, `"` and `$` (environment variables)
/// are escaped, so tmux hands the text through unchanged.
fn tmux_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if matches!(c, '\\' | '"' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// tmux key names: `L`, `C-l`, `M-Left`, `F5`, or one punctuation key.
fn key_name(s: &str) -> Result<String, String> {
    let word = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let punct = s.chars().count() == 1 && "!%&()*+,-./:<=>?@[]^_`|".contains(s);
    if word || punct {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a key name tmux knows, e.g. L, C-l, M-l or F5"
        ))
    }
}

/// Columns (10-500) or a percentage (10%-90%).
fn width(s: &str) -> Result<String, String> {
    let (num, pct) = match s.strip_suffix('%') {
        Some(n) => (n, true),
        None => (s, false),
    };
    let ok = match num.parse::<u32>() {
        Ok(n) if pct => (10..=90).contains(&n),
        Ok(n) => (10..=500).contains(&n),
        Err(_) => false,
    };
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?}: give columns (10-500) or a share such as 30%"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> TmuxArgs {
        TmuxArgs {
            pane_key: DEFAULT_PANE_KEY.into(),
            capture_key: DEFAULT_CAPTURE_KEY.into(),
            side: Side::Right,
            width: "48".into(),
            toggle: None,
        }
    }

    #[test]
    fn the_design_snippet_with_an_absolute_path() {
        let text = config(Path::new("/usr/bin/leertuin"), &Given::default(), &args()).unwrap();
        assert!(
            text.contains("bind-key g run-shell \"/usr/bin/leertuin tmux --side right --width 48 --toggle '#{pane_id}'\"\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "bind-key C-l display-popup -E -w 70% -h 60% \"/usr/bin/leertuin capture --tmux-pane '#{pane_id}'\"\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("set -ga status-right \" #(/usr/bin/leertuin nudge --format tmux)\"\n")
        );
        // Issue 12.11: no state of a pane is ever put into a shell command.
        assert!(!text.contains("pane_current_command"), "{text}");
    }

    #[test]
    fn db_user_and_theme_are_carried_when_given() {
        let given = Given {
            db: Some(PathBuf::from("/srv/team #1/it's.db")),
            user: Some("anouk de vries".into()),
            theme: ThemeChoice::Mono,
        };
        let text = config(Path::new("/x"), &given, &args()).unwrap();
        let words = r#"/x --db '/srv/team ##1/it'\\''s.db' --user 'anouk de vries' --theme mono"#;
        for needle in [
            format!("run-shell \"{words} tmux --side right"),
            format!("display-popup -E -w 70% -h 60% \"{words} capture"),
            format!("#({words} nudge --format tmux)"),
        ] {
            assert!(text.contains(&needle), "{needle}\n{text}");
        }
        // Not given: not carried, so the environment and config decide.
        let plain = config(Path::new("/x"), &Given::default(), &args()).unwrap();
        assert!(!plain.contains("--db") && !plain.contains("--user") && !plain.contains("--theme"));
    }

    #[test]
    fn left_side_and_width_go_to_the_toggle() {
        let a = TmuxArgs {
            side: Side::Left,
            width: "30%".into(),
            ..args()
        };
        assert!(
            config(Path::new("/x"), &Given::default(), &a)
                .unwrap()
                .contains("\"/x tmux --side left --width 30% --toggle '#{pane_id}'\"")
        );
    }

    #[test]
    fn odd_paths_are_quoted_for_shell_and_tmux() {
        let text = config(
            Path::new("/home/a b/it's #1/$x"),
            &Given::default(),
            &args(),
        )
        .unwrap();
        // sh: 'it'\''s'; tmux then doubles the backslash inside its double
        // quotes, and `#` is doubled where tmux expands formats.
        assert!(
            text.contains(r#"run-shell "'/home/a b/it'\\''s ##1/\$x' tmux"#),
            "{text}"
        );
        assert!(
            text.contains(r#"#('/home/a b/it'\\''s ##1/\$x' nudge"#),
            "{text}"
        );
    }

    #[test]
    fn keys_and_widths_are_checked() {
        for good in ["L", "C-l", "M-Left", "F5", "?", "C-M-x"] {
            assert!(key_name(good).is_ok(), "{good}");
        }
        for bad in ["", "a b", "'", "\"", ";", "#", "$x", "L\n"] {
            assert!(key_name(bad).is_err(), "{bad:?}");
        }
        for good in ["48", "10", "500", "30%"] {
            assert!(width(good).is_ok(), "{good}");
        }
        for bad in ["", "5", "501", "95%", "-3", "4x", "%"] {
            assert!(width(bad).is_err(), "{bad:?}");
        }
    }
}
