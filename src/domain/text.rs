//! Cleaning of every text a person stores.
//!
//! A colleague's tip is printed in other people's terminals, so it must never
//! be able to drive them: no cursor moves, no OSC 52 clipboard writes, no
//! title changes, no hyperlinks that lie. We remove whole escape sequences
//! (not just the ESC byte, which would leave `[31m` litter behind), in both
//! their 7-bit (`ESC [`) and 8-bit C1 (`U+009B`) forms, plus every other
//! control character except newline.
//!
//! Crates such as `strip-ansi-escapes` handle the 7-bit forms only and keep
//! other control characters, so this small state machine is our own.

/// Where the scanner is inside a possible escape sequence.
#[derive(Clone, Copy, PartialEq)]
enum State {
    Text,
    /// Just saw ESC.
    Escape,
    /// ESC followed by intermediate bytes (0x20–0x2F), waiting for the final byte.
    EscapeIntermediate,
    /// Control Sequence Introducer: parameters until a final byte 0x40–0x7E.
    Csi,
    /// OSC, DCS, SOS, PM, APC: a string ended by BEL (OSC) or ST.
    ControlString,
    /// ESC seen inside a control string: `\` ends it (ST).
    ControlStringEscape,
}

/// Returns `input` without control characters and terminal escape sequences.
///
/// Newlines are kept (`\r\n` and lone `\r` become `\n`), tabs become a space,
/// and Unicode bidirectional controls are dropped so text cannot be made to
/// read differently from what is stored.
///
/// A control string (OSC, DCS, SOS, PM, APC) that is never ended by BEL or
/// ST is not a sequence a terminal would finish either: only its introducer
/// is dropped and the text after it is kept (cleaned like the rest), so a
/// stray `ESC ]` cannot swallow the rest of a colleague's tip. This is the
/// one cleaning function: every stored text and every text printed from
/// input passes it.
pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    match scan(input, &mut out, false) {
        None => out,
        // A control string ran to the end: start again after its introducer,
        // knowing that no terminator follows (so later introducers are
        // dropped alone too). Two passes at most: the cost stays linear.
        Some((at, out_len)) => {
            out.truncate(out_len);
            let rest = &input[at..];
            scan(rest, &mut out, true);
            out
        }
    }
}

/// Cleans `input` into `out`. Returns where the content of a control string
/// that was still open at the end begins (byte offset into `input`) and how
/// long `out` was before it, unless `no_terminator` says that none can end.
fn scan(input: &str, out: &mut String, no_terminator: bool) -> Option<(usize, usize)> {
    let mut state = State::Text;
    let mut open: Option<(usize, usize)> = None;
    let mut chars = input.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after = i + c.len_utf8();
        let string_starts = |out: &String| {
            if no_terminator {
                (State::Text, None)
            } else {
                (State::ControlString, Some((after, out.len())))
            }
        };
        state = match state {
            State::Text => match c {
                '\u{1b}' => State::Escape,
                '\u{9b}' => State::Csi,
                '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                    let (s, o) = string_starts(out);
                    open = o;
                    s
                }
                '\n' => {
                    out.push('\n');
                    State::Text
                }
                '\r' => {
                    if chars.peek().map(|&(_, c)| c) != Some('\n') {
                        out.push('\n');
                    }
                    State::Text
                }
                '\t' => {
                    out.push(' ');
                    State::Text
                }
                c if is_dropped(c) => State::Text,
                c => {
                    out.push(c);
                    State::Text
                }
            },
            State::Escape => match c {
                '[' => State::Csi,
                ']' | 'P' | 'X' | '^' | '_' => {
                    let (s, o) = string_starts(out);
                    open = o;
                    s
                }
                '\u{20}'..='\u{2f}' => State::EscapeIntermediate,
                // Any other byte ends a two-byte escape (ESC 7, ESC c, …).
                _ => State::Text,
            },
            State::EscapeIntermediate => match c {
                '\u{20}'..='\u{2f}' => State::EscapeIntermediate,
                _ => State::Text,
            },
            State::Csi => match c {
                '\u{40}'..='\u{7e}' => State::Text,
                // Parameters and intermediates; anything outside the CSI
                // alphabet aborts the sequence, as a terminal would.
                '\u{20}'..='\u{3f}' => State::Csi,
                _ => State::Text,
            },
            State::ControlString => match c {
                '\u{7}' | '\u{9c}' => State::Text,
                '\u{1b}' => State::ControlStringEscape,
                _ => State::ControlString,
            },
            State::ControlStringEscape => match c {
                '\\' => State::Text,
                '\u{1b}' => State::ControlStringEscape,
                _ => State::ControlString,
            },
        };
        if state == State::Text {
            open = None;
        }
    }
    match state {
        State::ControlString | State::ControlStringEscape => open,
        _ => None,
    }
}

/// Control characters (C0, DEL, C1) and bidi controls: embeddings,
/// overrides, isolates and the invisible direction marks.
fn is_dropped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
        )
}

/// True when `input` holds nothing [`sanitize`] would remove or change.
pub fn is_clean(input: &str) -> bool {
    !input.chars().any(|c| c != '\n' && is_dropped(c))
}

/// `sanitize`, then trim, and fold all whitespace runs into single spaces:
/// for one-line fields such as titles, names and contexts.
pub fn one_line(input: &str) -> String {
    sanitize(input)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `sanitize`, then trim surrounding blank space and trailing spaces on each line.
pub fn multi_line(input: &str) -> String {
    let cleaned = sanitize(input);
    let lines: Vec<&str> = cleaned.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_kept() {
        assert_eq!(
            sanitize("Gebruik ctrl-r — héél handig ✓"),
            "Gebruik ctrl-r — héél handig ✓"
        );
        assert_eq!(sanitize("a\nb\r\nc\rd"), "a\nb\nc\nd");
    }

    #[test]
    fn csi_sequences_vanish_whole() {
        assert_eq!(sanitize("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(sanitize("x\u{1b}[2J\u{1b}[1;1Hy"), "xy");
        assert_eq!(sanitize("\u{9b}31mred\u{9b}0m"), "red");
    }

    #[test]
    fn osc_dcs_and_friends_vanish_whole() {
        // OSC 52 clipboard write ended by BEL, and a title change ended by ST.
        assert_eq!(sanitize("a\u{1b}]52;c;ZWNobyBoaQ==\u{7}b"), "ab");
        assert_eq!(sanitize("a\u{1b}]0;pwned\u{1b}\\b"), "ab");
        assert_eq!(
            sanitize("a\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\b"),
            "alinkb"
        );
        assert_eq!(sanitize("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b"), "ab");
        assert_eq!(sanitize("a\u{9d}0;title\u{9c}b"), "ab");
        assert_eq!(sanitize("a\u{90}dcs\u{9c}b"), "ab");
        assert_eq!(
            sanitize("a\u{9f}apc\u{9c}b\u{9e}pm\u{7}c\u{98}sos\u{9c}d"),
            "abcd"
        );
    }

    #[test]
    fn other_controls_and_short_escapes_vanish() {
        assert_eq!(sanitize("a\u{1b}7b\u{1b}cc\u{1b}(Bd"), "abcd");
        assert_eq!(sanitize("a\u{0}\u{7}\u{8}\u{7f}\u{85}b"), "ab");
        assert_eq!(sanitize("a\tb"), "a b");
        assert_eq!(sanitize("abc\u{202e}fed"), "abcfed");
    }

    #[test]
    fn unterminated_sequences_swallow_only_themselves() {
        assert_eq!(sanitize("ok\u{1b}"), "ok");
        // An OSC that never ends loses its introducer, not the text after it.
        assert_eq!(sanitize("ok\u{1b}]0;never ends"), "ok0;never ends");
        assert_eq!(
            sanitize("a\u{1b}]52;c;x\nline two\u{1b}[31m red"),
            "a52;c;x\nline two red"
        );
        assert_eq!(sanitize("a\u{9d}b\u{1b}]c\u{90}d"), "abcd");
        // A finished one before an open one still vanishes whole.
        assert_eq!(sanitize("a\u{1b}]0;t\u{7}b\u{1b}]rest"), "abrest");
        assert_eq!(sanitize("\u{1b}P\u{1b}"), "");
    }

    #[test]
    fn direction_marks_vanish() {
        assert_eq!(sanitize("a\u{200e}b\u{200f}c\u{61c}d\u{2067}e"), "abcde");
        assert!(is_clean("héél\nnormaal"));
        assert!(!is_clean("a\u{1b}b"));
        assert!(!is_clean("a\u{202e}b"));
        assert!(!is_clean("a\tb"));
    }

    #[test]
    fn one_line_and_multi_line_tidy_space() {
        assert_eq!(one_line("  a \n b\t c "), "a b c");
        assert_eq!(multi_line("\n  first  \nsecond   \n\n"), "first\nsecond");
    }
}
