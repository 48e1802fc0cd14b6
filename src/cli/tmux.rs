//! `leertuin tmux`: prints the tmux configuration of DESIGN.md, ready to add
//! to `~/.tmux.conf`: a key for the pane in a side split, a key for the
//! capture popup, and the status-line nudge.
//!
//! Commands name this binary by its absolute path, so they work from tmux's
//! server, whose PATH is often not the login shell's.

use std::path::Path;

use clap::{Args, ValueEnum};

use super::{CliError, CliResult, Context};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Side {
    Left,
    Right,
}

#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  leertuin tmux >> ~/.tmux.conf && tmux source-file ~/.tmux.conf\n  leertuin tmux --pane-key M-l --side left --width 30%"
)]
pub struct TmuxArgs {
    /// Key (after the prefix) that opens the learning pane.
    #[arg(long, default_value = "L", value_parser = key_name)]
    pub pane_key: String,
    /// Key (after the prefix) that opens the capture popup.
    #[arg(long, default_value = "C-l", value_parser = key_name)]
    pub capture_key: String,
    /// Which side the pane opens on.
    #[arg(long, value_enum, default_value_t = Side::Right)]
    pub side: Side,
    /// Width of the pane: columns (48) or a share of the window (30%).
    #[arg(long, default_value = "48", value_parser = width)]
    pub width: String,
}

pub fn run(_ctx: &Context, a: TmuxArgs) -> CliResult {
    let exe = std::env::current_exe()
        .map_err(|e| CliError::failure(format!("cannot find the leertuin binary: {e}")))?;
    print!("{}", config(&exe, &a)?);
    Ok(())
}

/// The configuration text for the binary at `exe`.
pub fn config(exe: &Path, a: &TmuxArgs) -> CliResult<String> {
    let exe = exe
        .to_str()
        .ok_or_else(|| CliError::failure(format!("{}: path is not UTF-8", exe.display())))?;
    let bin = shell_word(exe);
    // display-popup and #() expand formats in their command; split-window
    // does not, so only those two double the `#` of a path.
    let popup_bin = bin.replace('#', "##");
    let before = if a.side == Side::Left { " -b" } else { "" };
    let pane = tmux_quoted(&bin);
    let popup = tmux_quoted(&format!(
        // Quoted for the shell: tmux 3.4+ puts the command name there; older
        // tmux passes the format as it is, and `capture` then asks tmux.
        "{popup_bin} capture --context '#{{pane_current_command}}'"
    ));
    let status = tmux_quoted(&format!(" #({popup_bin} nudge --format tmux)"));
    Ok(format!(
        "# leertuin: add to ~/.tmux.conf, then reload: tmux source-file ~/.tmux.conf\n\
         # prefix {pane_key}: the learning pane beside your work.\n\
         bind-key {pane_key} split-window -h{before} -l {width} {pane}\n\
         # prefix {capture_key}: capture a tip, question or what you learned, about the tool in this pane.\n\
         bind-key {capture_key} display-popup -E -w 70% -h 40% {popup}\n\
         # A small learning nudge now and then; `leertuin nudge --snooze 2h` silences it.\n\
         set -ga status-right {status}\n\
         if-shell -F \"#{{e|<|:#{{status-right-length}},100}}\" \"set -g status-right-length 100\"\n",
        pane_key = a.pane_key,
        capture_key = a.capture_key,
        width = a.width,
    ))
}

/// A path as one word for `sh -c`: bare when it holds only safe characters,
/// else in single quotes.
fn shell_word(s: &str) -> String {
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
            pane_key: "L".into(),
            capture_key: "C-l".into(),
            side: Side::Right,
            width: "48".into(),
        }
    }

    #[test]
    fn the_design_snippet_with_an_absolute_path() {
        let text = config(Path::new("/usr/bin/leertuin"), &args()).unwrap();
        assert!(
            text.contains("bind-key L split-window -h -l 48 \"/usr/bin/leertuin\"\n"),
            "{text}"
        );
        assert!(text.contains(
            "bind-key C-l display-popup -E -w 70% -h 40% \"/usr/bin/leertuin capture --context '#{pane_current_command}'\"\n"
        ), "{text}");
        assert!(
            text.contains("set -ga status-right \" #(/usr/bin/leertuin nudge --format tmux)\"\n")
        );
    }

    #[test]
    fn left_side_splits_before() {
        let a = TmuxArgs {
            side: Side::Left,
            width: "30%".into(),
            ..args()
        };
        assert!(
            config(Path::new("/x"), &a)
                .unwrap()
                .contains("split-window -h -b -l 30% \"/x\"")
        );
    }

    #[test]
    fn odd_paths_are_quoted_for_shell_and_tmux() {
        let text = config(Path::new("/home/a b/it's #1/$x"), &args()).unwrap();
        // sh: 'it'\''s'; tmux then doubles the backslash inside its double quotes.
        assert!(
            text.contains(r#"split-window -h -l 48 "'/home/a b/it'\\''s #1/\$x'""#),
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
