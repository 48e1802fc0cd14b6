//! A small text field: a string and a cursor, edited by [`Edit`] actions.
//! The one field of every form: the pane's capture, prompt, profile and
//! search, the popup, and the kiosk's welcome, name and PIN screens, so
//! typing, cursor keys, paste and cleaning work the same everywhere.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::action::Edit;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextInput {
    text: String,
    /// Cursor position in chars (not bytes), 0..=len.
    cursor: usize,
    multi_line: bool,
    /// At most this many chars (a kiosk's badge field); `None`: no limit
    /// here (the store checks the limits of what it keeps).
    max_chars: Option<usize>,
    /// The text is a suggestion, shown selected: the first typed or pasted
    /// char replaces it and Backspace removes it whole, so a person who
    /// types their own answer never gets it glued to ours ("henkHenk").
    /// Any cursor key keeps it as text to edit.
    suggested: bool,
}

impl TextInput {
    pub fn single_line() -> Self {
        TextInput::default()
    }

    pub fn multi_line() -> Self {
        TextInput {
            multi_line: true,
            ..TextInput::default()
        }
    }

    pub fn with_text(mut self, text: &str) -> Self {
        self.text = text.to_string();
        self.cursor = self.text.chars().count();
        self
    }

    /// A field holding a suggestion that typing replaces (see `suggested`).
    pub fn with_suggestion(mut self, text: &str) -> Self {
        self = self.with_text(text);
        self.suggested = !text.is_empty();
        self
    }

    /// Typing or deleting now replaces a suggestion whole.
    fn drop_suggestion(&mut self) {
        if std::mem::take(&mut self.suggested) {
            self.clear();
        }
    }

    /// A field that takes at most `n` chars; typing or pasting more
    /// leaves the rest out.
    pub fn with_max(mut self, n: usize) -> Self {
        self.max_chars = Some(n);
        self
    }

    /// The cursor, in chars from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    fn byte_at(&self, char_pos: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_pos)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        // A control char is never text (a stray Tab, a terminal's escape):
        // only a line break, and only where lines are allowed.
        if (c == '\n' && !self.multi_line) || (c.is_control() && c != '\n') {
            return;
        }
        self.drop_suggestion();
        if self
            .max_chars
            .is_some_and(|max| self.text.chars().count() >= max)
        {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Pasted text, whole, at the cursor: a one-line field gets its lines
    /// joined by one space ([`joined`]), so nothing pasted is lost or acts
    /// as Enter. The one paste path of every field: pane, popup and kiosk.
    pub fn insert_str(&mut self, text: &str) {
        let text = crate::tui::event::clean_paste(text);
        let text = if self.multi_line {
            text
        } else {
            self.spaced(&text, joined(&text))
        };
        for c in text.chars() {
            self.insert(c);
        }
    }

    /// `joined`, the one-line form of the paste `text`, with one space
    /// where a line break at the paste's start or end met a word in the
    /// field: "olie\n" pasted before "van" is "olie van", not "olievan"
    /// (the break was the gap). At the field's start or end, or beside a
    /// space, nothing is added.
    fn spaced(&self, text: &str, mut joined: String) -> String {
        let breaks = |t: &str| t.starts_with(['\n', '\r']);
        let began = breaks(text.trim_start_matches([' ', '\t']));
        let ended = text.trim_end_matches([' ', '\t']).ends_with(['\n', '\r']);
        let word = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
        let before = self.text.chars().nth(self.cursor.wrapping_sub(1));
        let after = self.text.chars().nth(self.cursor);
        let spaced_start = joined.starts_with(char::is_whitespace);
        if began && word(before) && !spaced_start {
            joined.insert(0, ' ');
        }
        if ended && word(after) && !joined.ends_with(char::is_whitespace) {
            joined.push(' ');
        }
        joined
    }

    /// Applies an editing key; returns false when it did nothing (so a
    /// one-line field can let Enter mean "submit").
    pub fn edit(&mut self, edit: Edit) -> bool {
        match edit {
            Edit::Backspace | Edit::Delete if self.suggested => {
                self.drop_suggestion();
                return true;
            }
            _ => self.suggested = false,
        }
        let len = self.text.chars().count();
        match edit {
            Edit::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            Edit::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            Edit::Left if self.cursor > 0 => self.cursor -= 1,
            Edit::Right if self.cursor < len => self.cursor += 1,
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::Newline if self.multi_line => self.insert('\n'),
            Edit::ClearToStart if self.cursor > 0 => {
                // In a form of many lines only the cursor's line, as a
                // shell does: the lines above are not what was just typed.
                let from = self.line_start();
                self.remove_chars(from, self.cursor);
            }
            Edit::DeleteWord if self.cursor > 0 => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut from = self.cursor;
                while from > 0 && chars[from - 1].is_whitespace() {
                    from -= 1;
                }
                while from > 0 && !chars[from - 1].is_whitespace() {
                    from -= 1;
                }
                self.remove_chars(from, self.cursor);
            }
            _ => return false,
        }
        true
    }

    /// Where the cursor's line starts, in chars.
    fn line_start(&self) -> usize {
        self.text
            .chars()
            .take(self.cursor)
            .collect::<Vec<_>>()
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |at| at + 1)
    }

    /// Removes the chars `from..to` and puts the cursor where they were.
    fn remove_chars(&mut self, from: usize, to: usize) {
        let (a, b) = (self.byte_at(from), self.byte_at(to));
        self.text.replace_range(a..b, "");
        self.cursor = from;
    }

    /// A one-line field drawn `width` columns wide: as much as fits, and
    /// where the text is longer the part around the cursor, so what is
    /// typed stays in sight (as fzf's query does).
    pub fn line_in(&self, width: usize, style: Style, cursor: Style) -> Line<'static> {
        let spans: Vec<Span<'static>> = self
            .lines(style, Some(cursor))
            .into_iter()
            .flat_map(|l| l.spans)
            .collect();
        let before: String = self.text.chars().take(self.cursor).collect();
        // The columns up to and with the cursor's cell.
        let upto = Span::raw(before).width() + 1;
        if upto <= width || width < 2 {
            return skip_columns(spans, upto.saturating_sub(width));
        }
        // Scrolled: a "…" says that the start is out of sight.
        let mut line = skip_columns(spans, upto + 1 - width);
        line.spans.insert(0, Span::styled("…", style));
        line
    }

    /// The text as lines, with the cursor drawn as a reversed cell so it is
    /// visible without the terminal cursor (and in the mono theme).
    pub fn lines(&self, style: Style, cursor: Option<Style>) -> Vec<Line<'static>> {
        let mut lines = vec![Line::default()];
        let push = |lines: &mut Vec<Line<'static>>, s: String, st: Style| {
            if let Some(last) = lines.last_mut() {
                last.spans.push(Span::styled(s, st));
            }
        };
        let mut len = 0;
        for (i, c) in self.text.chars().enumerate() {
            len = i + 1;
            // A suggestion is drawn selected (in the cursor's style), the
            // way a dialog shows text that typing will replace.
            let at_cursor = cursor.filter(|_| i == self.cursor || self.suggested);
            if c == '\n' {
                if let Some(cs) = at_cursor {
                    push(&mut lines, " ".into(), cs);
                }
                lines.push(Line::default());
                continue;
            }
            push(&mut lines, c.to_string(), at_cursor.unwrap_or(style));
        }
        if let Some(cs) = cursor.filter(|_| self.cursor >= len) {
            push(&mut lines, " ".into(), cs);
        }
        lines
    }
}

/// The end of a long field (where the cursor usually is), `width` wide.
pub fn tail(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let total: usize = spans.iter().map(Span::width).sum();
    skip_columns(spans, total.saturating_sub(width))
}

/// The spans without their first `skip` columns.
fn skip_columns(spans: Vec<Span<'static>>, mut skip: usize) -> Line<'static> {
    let mut out = Vec::new();
    for s in spans {
        let w = s.width();
        if skip >= w {
            skip -= w;
            continue;
        }
        let content: String = s.content.chars().skip(skip).collect();
        skip = 0;
        out.push(Span::styled(content, s.style));
    }
    Line::from(out)
}

/// Pasted lines for a one-line field: one space where two lines meet,
/// whatever spaces ended the one or started the next, and no empty line
/// in between. A sentence that wrapped where it was copied reads as it
/// was written ("Hoe vaak moet de olie van de pers…"), not with a gap
/// ("olie   van", issue 11). The first line's start and the last one's
/// end stay: they meet the text around the cursor.
fn joined(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_string();
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let last = lines.len() - 1;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let line = if i > 0 { line.trim_start() } else { line };
            if i < last { line.trim_end() } else { line }
        })
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_lines_in_a_one_line_field_meet_with_one_space() {
        let mut field = TextInput::single_line().with_text("Vraag: ");
        field.insert_str("Hoe vaak moet de olie   \r\n\n   van de pers ververst worden?\n");
        assert_eq!(
            field.text(),
            "Vraag: Hoe vaak moet de olie van de pers ververst worden?"
        );
        // A line break at the paste's start or end was a gap between words.
        let mut field = TextInput::single_line().with_text("Hoe vaak van de pers?");
        field.cursor = "Hoe vaak ".len();
        field.insert_str("olie\n");
        assert_eq!(field.text(), "Hoe vaak olie van de pers?");
        let mut field = TextInput::single_line().with_text("de oliepers");
        field.cursor = "de olie".len();
        field.insert_str("\r\nvan de\n");
        assert_eq!(field.text(), "de olie van de pers");
        // Beside a space or at an edge, no space is added.
        let mut field = TextInput::single_line().with_text("olie ");
        field.insert_str("\nvan\n");
        assert_eq!(field.text(), "olie van");
        // A form's text keeps its lines.
        let mut text = TextInput::multi_line();
        text.insert_str("Titel\nmeer");
        assert_eq!(text.text(), "Titel\nmeer");
    }

    #[test]
    fn tail_keeps_the_end_of_a_long_field_with_its_styles() {
        let bold = Style::new().bold();
        let spans = vec![Span::raw("abc"), Span::styled("def", bold)];
        let line = tail(spans.clone(), 4);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "cdef");
        assert_eq!(line.spans[1].style, bold);
        assert_eq!(tail(spans, 10).width(), 6, "a short field is left whole");
    }

    #[test]
    fn edits_work_on_chars_not_bytes() {
        let mut t = TextInput::single_line();
        for c in "héé".chars() {
            t.insert(c);
        }
        assert!(t.edit(Edit::Left));
        assert!(t.edit(Edit::Backspace));
        assert_eq!(t.text(), "hé");
        assert!(!t.edit(Edit::Newline));
        t.insert('\n');
        assert_eq!(t.text(), "hé");
        assert!(t.edit(Edit::Home));
        assert!(t.edit(Edit::Delete));
        assert_eq!(t.text(), "é");
    }

    #[test]
    fn a_paste_lands_whole() {
        let mut t = TextInput::multi_line().with_text("x");
        t.insert_str("one\r\ntwo");
        assert_eq!(t.text(), "xone\ntwo");
        let mut t = TextInput::single_line();
        t.insert_str("one\ntwo");
        assert_eq!(t.text(), "one two");
    }

    #[test]
    fn typing_replaces_a_suggestion_and_cursor_keys_keep_it() {
        let mut t = TextInput::single_line().with_suggestion("henk");
        for c in "Henk".chars() {
            t.insert(c);
        }
        assert_eq!(t.text(), "Henk", "typed over, not glued on");
        let mut t = TextInput::single_line().with_suggestion("henk");
        t.insert_str("Henk de Vries");
        assert_eq!(t.text(), "Henk de Vries");
        let mut t = TextInput::single_line().with_suggestion("henk");
        assert!(t.edit(Edit::Backspace));
        assert_eq!(t.text(), "", "Backspace removes the suggestion whole");
        let mut t = TextInput::single_line().with_suggestion("henk");
        assert!(t.edit(Edit::Home));
        t.insert('H');
        assert!(t.edit(Edit::Delete));
        assert_eq!(t.text(), "Henk", "after a cursor key it is text to edit");
        let t = TextInput::single_line().with_suggestion("henk");
        assert_eq!(t.text(), "henk", "Enter alone keeps the suggestion");
    }

    #[test]
    fn ctrl_u_and_ctrl_w_delete_as_a_shell_does() {
        let mut t = TextInput::single_line().with_text("lasstroom  dunne plaat");
        assert!(t.edit(Edit::DeleteWord));
        assert_eq!(t.text(), "lasstroom  dunne ");
        assert!(t.edit(Edit::DeleteWord));
        assert_eq!(t.text(), "lasstroom  ");
        assert!(t.edit(Edit::Left));
        assert!(t.edit(Edit::ClearToStart));
        assert_eq!((t.text(), t.cursor()), (" ", 0));
        assert!(!t.edit(Edit::ClearToStart), "nothing before the cursor");
        let mut t = TextInput::multi_line().with_text("één\ntwee drie");
        assert!(t.edit(Edit::ClearToStart));
        assert_eq!(t.text(), "één\n", "only the cursor's line");
    }

    #[test]
    fn a_long_field_keeps_its_cursor_in_sight() {
        let mut t = TextInput::single_line().with_text("abcdefghij");
        let shown = |t: &TextInput| t.line_in(6, Style::new(), Style::new()).to_string();
        assert_eq!(shown(&t), "…ghij ", "the end and the cursor");
        for _ in 0..10 {
            t.edit(Edit::Left);
        }
        assert_eq!(shown(&t), "abcdefghij", "at the start: the start");
        let t = TextInput::single_line().with_text("abc");
        assert_eq!(shown(&t), "abc ");
    }

    #[test]
    fn multi_line_keeps_newlines() {
        let mut t = TextInput::multi_line().with_text("a");
        assert!(t.edit(Edit::Newline));
        t.insert('b');
        assert_eq!(t.text(), "a\nb");
        assert_eq!(t.lines(Style::new(), None).len(), 2);
    }
}
