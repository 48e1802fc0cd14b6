//! The capture form: a tip, a question or what you learned, in a few
//! fields. It has its own state and `update`, and saves nothing itself, so
//! the pane and the `leertuin capture` popup can both use it and decide
//! where the draft goes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::domain::{Draft, Kind};
use crate::tui::action::{Action, Edit};
use crate::tui::input::TextInput;
use crate::tui::theme::Theme;
use crate::tui::wrap::{WrapLine, wrap_all};

/// The kinds a person can capture, in the order the kind switch cycles.
pub const KINDS: [Kind; 3] = [Kind::Tip, Kind::Question, Kind::Learned];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Kind,
    Text,
    Tags,
    /// "anonymous" for a question, "private" for a learned entry.
    Toggle,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CaptureOutcome {
    Continue,
    /// Save this draft of this kind; the caller validates and stores it and
    /// reports a failure back through [`CaptureState::error`].
    Save(Kind, Draft),
    Cancel,
}

#[derive(Debug, Clone)]
pub struct CaptureState {
    pub kind: Kind,
    pub text: TextInput,
    pub tags: TextInput,
    pub anonymous: bool,
    pub private: bool,
    /// The tool the capture is about (from tmux), stored with tips and questions.
    pub context: Option<String>,
    pub field: Field,
    /// Esc was pressed with text in the form: ask before throwing it away.
    pub confirm_discard: bool,
    /// Why the last save failed, shown in the form.
    pub error: Option<String>,
    pub theme: Theme,
}

impl CaptureState {
    pub fn new(kind: Kind, context: Option<String>, theme: Theme) -> Self {
        CaptureState {
            kind: if KINDS.contains(&kind) {
                kind
            } else {
                Kind::Tip
            },
            text: TextInput::multi_line(),
            tags: TextInput::single_line(),
            anonymous: false,
            private: false,
            context,
            // Straight to the text: most captures keep the default kind.
            field: Field::Text,
            confirm_discard: false,
            error: None,
            theme,
        }
    }

    /// The fields of the current kind, top to bottom.
    pub fn fields(&self) -> &'static [Field] {
        match self.kind {
            Kind::Tip => &[Field::Kind, Field::Text, Field::Tags],
            _ => &[Field::Kind, Field::Text, Field::Tags, Field::Toggle],
        }
    }

    fn toggle_name(&self) -> &'static str {
        if self.kind == Kind::Question {
            "anonymous: my name is not stored"
        } else {
            "private: only I see it"
        }
    }

    fn toggle_on(&self) -> bool {
        match self.kind {
            Kind::Question => self.anonymous,
            Kind::Learned => self.private,
            _ => false,
        }
    }

    /// True when cancelling would throw away something typed.
    pub fn has_text(&self) -> bool {
        !self.text.is_blank() || !self.tags.is_blank()
    }

    /// The form as a draft; flags go only to the kind they belong to.
    pub fn draft(&self) -> Draft {
        Draft {
            text: self.text.text().to_string(),
            tags: self
                .tags
                .text()
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
                .map(|t| t.trim_start_matches('#').to_string())
                .collect(),
            context: self.context.clone().filter(|_| self.kind != Kind::Learned),
            anonymous: self.kind == Kind::Question && self.anonymous,
            private: self.kind == Kind::Learned && self.private,
        }
    }

    fn move_field(&mut self, delta: isize) {
        let fields = self.fields();
        let pos = fields.iter().position(|f| *f == self.field).unwrap_or(0);
        let next = (pos as isize + delta).rem_euclid(fields.len() as isize) as usize;
        self.field = fields[next];
    }

    fn cycle_kind(&mut self, delta: isize) {
        let pos = KINDS.iter().position(|k| *k == self.kind).unwrap_or(0);
        let next = (pos as isize + delta).rem_euclid(KINDS.len() as isize) as usize;
        self.kind = KINDS[next];
        if !self.fields().contains(&self.field) {
            self.field = Field::Tags;
        }
    }

    fn is_last_field(&self) -> bool {
        self.fields().last() == Some(&self.field)
    }
}

/// Applies one action to the form.
pub fn update(s: &mut CaptureState, action: Action) -> CaptureOutcome {
    if s.confirm_discard {
        s.confirm_discard = false;
        return match action {
            Action::Type('y' | 'Y') => CaptureOutcome::Cancel,
            _ => CaptureOutcome::Continue,
        };
    }
    match action {
        Action::Save => return CaptureOutcome::Save(s.kind, s.draft()),
        Action::Cancel if s.has_text() => s.confirm_discard = true,
        Action::Cancel => return CaptureOutcome::Cancel,
        Action::NextField => s.move_field(1),
        Action::PrevField => s.move_field(-1),
        Action::SwitchKind => s.cycle_kind(1),
        Action::Submit => match s.field {
            // Enter in the text makes a new line; elsewhere it moves on, and
            // on the last field it saves.
            Field::Text => s.text.insert('\n'),
            _ if s.is_last_field() => return CaptureOutcome::Save(s.kind, s.draft()),
            _ => s.move_field(1),
        },
        Action::Type(c) => match s.field {
            Field::Text => s.text.insert(c),
            Field::Tags => s.tags.insert(c),
            Field::Kind => match c {
                't' | 'T' => s.kind = Kind::Tip,
                'q' | 'Q' => s.kind = Kind::Question,
                'l' | 'L' => s.kind = Kind::Learned,
                ' ' => s.cycle_kind(1),
                _ => {}
            },
            Field::Toggle if c == ' ' || c == 'x' => match s.kind {
                Kind::Question => s.anonymous = !s.anonymous,
                _ => s.private = !s.private,
            },
            Field::Toggle => {}
        },
        Action::Edit(e) => match (s.field, e) {
            (Field::Kind, Edit::Left) => s.cycle_kind(-1),
            (Field::Kind, Edit::Right) => s.cycle_kind(1),
            (Field::Text, e) => {
                s.text.edit(e);
            }
            (Field::Tags, e) => {
                s.tags.edit(e);
            }
            _ => {}
        },
        _ => {}
    }
    CaptureOutcome::Continue
}

impl Widget for &CaptureState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        Clear.render(area, buf);
        let title = match self.kind {
            Kind::Question => " Ask a question ",
            Kind::Learned => " I learned… ",
            _ => " Share a tip ",
        };
        let block = Block::bordered()
            .border_style(t.border_focused)
            .title(Span::styled(title, t.accent));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let label = |f: Field, name: &str| {
            let (marker, style) = if self.field == f {
                ("> ", t.accent)
            } else {
                ("  ", t.muted)
            };
            Span::styled(format!("{marker}{name}"), style)
        };

        // Fixed rows at the top and bottom; the text gets what is left.
        let mut top = vec![Line::from({
            let mut spans = vec![label(Field::Kind, "Kind: ")];
            for k in KINDS {
                let style = if k == self.kind { t.selected } else { t.muted };
                spans.push(Span::styled(format!(" {} ", k.name()), style));
            }
            spans
        })];
        let hint = match self.kind {
            Kind::Question => "first line is the title",
            _ => "",
        };
        top.push(Line::from(vec![
            label(Field::Text, "Text: "),
            Span::styled(hint, t.muted),
        ]));

        let mut bottom = vec![Line::from(vec![
            label(Field::Tags, "Tags: "),
            Span::raw(""),
        ])];
        let tag_cursor = (self.field == Field::Tags).then_some(t.cursor);
        if let Some(spans) = bottom.last_mut() {
            spans.spans.extend(
                self.tags
                    .lines(t.text, tag_cursor)
                    .into_iter()
                    .flat_map(|l| l.spans),
            );
        }
        if self.fields().contains(&Field::Toggle) {
            let mark = if self.toggle_on() { "[x] " } else { "[ ] " };
            bottom.push(Line::from(vec![
                label(Field::Toggle, mark),
                Span::styled(self.toggle_name(), t.text),
            ]));
        }
        if self.confirm_discard {
            bottom.push(Line::from(Span::styled(
                "Throw this text away? y: yes · any other key: keep writing",
                t.error,
            )));
        } else if let Some(err) = &self.error {
            bottom.push(Line::from(Span::styled(err.clone(), t.error)));
        }

        let h = inner.height as usize;
        let mut y = inner.y;
        let put = |buf: &mut Buffer, line: &Line, y: &mut u16| {
            if *y < inner.bottom() {
                buf.set_line(inner.x, *y, line, inner.width);
                *y += 1;
            }
        };
        for l in &top {
            put(buf, l, &mut y);
        }
        let text_rows = h.saturating_sub(top.len() + bottom.len()).max(1);
        let cursor = (self.field == Field::Text).then_some(t.cursor);
        let text_lines: Vec<WrapLine> = self
            .text
            .lines(t.text, cursor)
            .into_iter()
            .map(|l| WrapLine::indented(l, 0))
            .collect();
        let width = inner.width.saturating_sub(4);
        let wrapped = wrap_all(&text_lines, width);
        // Keep the end (where one types) in view.
        let skip = wrapped.len().saturating_sub(text_rows);
        for row in wrapped.iter().skip(skip).take(text_rows) {
            if y < inner.bottom() {
                buf.set_line(inner.x + 4, y, row, width);
            }
            y += 1;
        }
        y = y.max(inner.y + (top.len() + text_rows) as u16);
        for l in &bottom {
            put(buf, l, &mut y);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &mut CaptureState, text: &str) {
        for c in text.chars() {
            update(s, Action::Type(c));
        }
    }

    #[test]
    fn enter_makes_lines_then_saves_on_the_last_field() {
        let mut s = CaptureState::new(Kind::Tip, Some("vim".into()), Theme::mono());
        typed(&mut s, "line one");
        assert_eq!(update(&mut s, Action::Submit), CaptureOutcome::Continue);
        typed(&mut s, "two");
        update(&mut s, Action::NextField);
        typed(&mut s, "vim, #Tmux");
        let CaptureOutcome::Save(kind, draft) = update(&mut s, Action::Submit) else {
            panic!("Enter on the last field should save")
        };
        assert_eq!(kind, Kind::Tip);
        assert_eq!(draft.text, "line one\ntwo");
        assert_eq!(draft.tags, vec!["vim", "Tmux"]);
        assert_eq!(draft.context.as_deref(), Some("vim"));
    }

    #[test]
    fn cancel_asks_before_losing_text() {
        let mut s = CaptureState::new(Kind::Tip, None, Theme::mono());
        assert_eq!(update(&mut s, Action::Cancel), CaptureOutcome::Cancel);
        typed(&mut s, "x");
        assert_eq!(update(&mut s, Action::Cancel), CaptureOutcome::Continue);
        assert!(s.confirm_discard);
        assert_eq!(update(&mut s, Action::Type('n')), CaptureOutcome::Continue);
        assert_eq!(s.text.text(), "x");
        update(&mut s, Action::Cancel);
        assert_eq!(update(&mut s, Action::Type('y')), CaptureOutcome::Cancel);
    }

    #[test]
    fn flags_follow_the_kind() {
        let mut s = CaptureState::new(Kind::Question, None, Theme::mono());
        s.field = Field::Toggle;
        update(&mut s, Action::Type(' '));
        assert!(s.draft().anonymous);
        update(&mut s, Action::SwitchKind); // → learned
        assert_eq!(s.kind, Kind::Learned);
        assert!(!s.draft().anonymous);
        update(&mut s, Action::SwitchKind); // → tip: no toggle field
        assert_eq!(s.kind, Kind::Tip);
        assert_eq!(s.field, Field::Tags);
    }
}
