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
/// and Unicode bidirectional overrides are dropped so text cannot be made to
/// read differently from what is stored.
pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut state = State::Text;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        state = match state {
            State::Text => match c {
                '\u{1b}' => State::Escape,
                '\u{9b}' => State::Csi,
                '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => State::ControlString,
                '\n' => {
                    out.push('\n');
                    State::Text
                }
                '\r' => {
                    if chars.peek() != Some(&'\n') {
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
                ']' | 'P' | 'X' | '^' | '_' => State::ControlString,
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
    }
    out
}

/// Control characters (C0, DEL, C1) and bidi overrides/isolates.
fn is_dropped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
        assert_eq!(sanitize("ok\u{1b}]0;never ends"), "ok");
    }

    #[test]
    fn one_line_and_multi_line_tidy_space() {
        assert_eq!(one_line("  a \n b\t c "), "a b c");
        assert_eq!(multi_line("\n  first  \nsecond   \n\n"), "first\nsecond");
    }
}
