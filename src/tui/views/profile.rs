//! The profile form of the Me tab (`e`): name, what you want to learn,
//! what you can help with, language. The store validates (the same rules
//! as `leertuin me`); a refusal keeps the form open with the reason.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::domain::Person;
use crate::store::ProfileEdit;
use crate::tui::action::Action;
use crate::tui::input::{TextInput, tail};
use crate::tui::theme::Theme;
use crate::tui::wrap::{WrapLine, wrap_all};

/// The labels of the fields, in order.
fn labels() -> [String; 4] {
    [
        t!("profile.name").into_owned(),
        t!("profile.wants").into_owned(),
        t!("profile.offers").into_owned(),
        t!("profile.lang").into_owned(),
    ]
}
/// From this inner width a label and its field share a row.
const WIDE_FORM: u16 = 44;

#[derive(Debug, Clone)]
pub struct ProfileForm {
    /// Name, wants, offers, language.
    pub fields: [TextInput; 4],
    pub focus: usize,
    pub error: Option<String>,
    /// The fields as loaded, so only a changed form is kept on a signal.
    loaded: Vec<String>,
    /// Esc was pressed on typed changes: a second Esc closes the form, any
    /// other key goes on editing (as in the other forms).
    pub cancel_asked: bool,
    theme: Theme,
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome {
    Continue,
    Cancel,
    Save(ProfileEdit),
}

impl ProfileForm {
    /// The keys worth a hint.
    pub fn hint_actions(&self) -> Vec<Action> {
        vec![
            Action::Submit,
            Action::Save,
            Action::Cancel,
            Action::NextField,
        ]
    }

    pub fn new(person: Option<&Person>, handle: &str, theme: Theme) -> Self {
        let field = |s: &str| TextInput::single_line().with_text(s);
        let (name, wants, offers, lang) = match person {
            Some(p) => (
                p.name.clone(),
                p.wants.join(", "),
                p.offers.join(", "),
                // By its name, as the Me tab shows it; `edit` reads a
                // name or a code back.
                p.lang
                    .as_deref()
                    .map(crate::i18n::lang_name)
                    .unwrap_or_default(),
            ),
            None => (
                handle.to_string(),
                String::new(),
                String::new(),
                String::new(),
            ),
        };
        let fields = [field(&name), field(&wants), field(&offers), field(&lang)];
        ProfileForm {
            loaded: fields.iter().map(|f| f.text().to_string()).collect(),
            fields,
            focus: 1,
            error: None,
            cancel_asked: false,
            theme,
        }
    }

    /// The fields' texts, in order.
    pub fn texts(&self) -> Vec<String> {
        self.fields.iter().map(|f| f.text().to_string()).collect()
    }

    /// True when something was typed since the form was opened.
    pub fn changed(&self) -> bool {
        self.texts() != self.loaded
    }

    /// The fields filled with `texts` (a form a signal kept), in order.
    pub fn with_texts(mut self, texts: &[String]) -> Self {
        for (field, text) in self.fields.iter_mut().zip(texts) {
            *field = std::mem::take(field).with_text(text);
        }
        self
    }

    /// The change to store. Tags may be separated by commas or spaces and
    /// carry a `#`; the store checks them. The language may be typed as its
    /// name ("Nederlands", "English") or code; empty, it stays as it was.
    pub fn edit(&self) -> ProfileEdit {
        let tags = |i: usize| -> Vec<String> {
            self.fields[i]
                .text()
                .split([',', ' '])
                .map(|t| t.trim().trim_start_matches('#').to_string())
                .filter(|t| !t.is_empty())
                .collect()
        };
        let lang = crate::i18n::lang_code(self.fields[3].text());
        ProfileEdit {
            name: Some(self.fields[0].text().trim().to_string()),
            wants: Some(tags(1)),
            offers: Some(tags(2)),
            lang: (!lang.is_empty()).then_some(lang),
        }
    }

    pub fn update(&mut self, action: Action) -> FormOutcome {
        let last = self.fields.len() - 1;
        // One Esc must not throw away typed changes: it asks first, and the
        // question goes as soon as the person does anything else.
        if std::mem::take(&mut self.cancel_asked) {
            self.error = None;
        } else if action == Action::Cancel && self.changed() {
            self.cancel_asked = true;
            self.error = Some(t!("capture.discard-ask").into_owned());
            return FormOutcome::Continue;
        }
        match action {
            Action::Cancel => return FormOutcome::Cancel,
            Action::Save => return FormOutcome::Save(self.edit()),
            Action::Submit if self.focus == last => return FormOutcome::Save(self.edit()),
            Action::Submit | Action::NextField => self.focus = (self.focus + 1).min(last),
            Action::PrevField => self.focus = self.focus.saturating_sub(1),
            Action::Type(c) => self.fields[self.focus].insert(c),
            Action::Edit(e) => {
                self.fields[self.focus].edit(e);
            }
            _ => {}
        }
        FormOutcome::Continue
    }

    /// Pasted text, whole, into the field with the cursor.
    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.insert_str(text);
        }
    }

    /// Rows the form wants inside its border at this outer width: four
    /// fields (two rows each when narrow), a gap, the note and an error,
    /// both wrapped to be read whole.
    pub fn height(&self, width: u16) -> u16 {
        let inner = width.saturating_sub(2);
        let per_field = if inner >= WIDE_FORM { 1 } else { 2 };
        let notes = self.notes(inner).len();
        (4 * per_field + 1 + notes).min(usize::from(u16::MAX)) as u16
    }

    /// The note on tags and the error, wrapped to `width`.
    fn notes(&self, width: u16) -> Vec<Line<'static>> {
        let t = &self.theme;
        let mut notes = vec![WrapLine::new(Span::styled(
            t!("profile.tags-note").into_owned(),
            t.muted,
        ))];
        if let Some(e) = &self.error {
            notes.push(WrapLine::new(Span::styled(
                crate::i18n::sentence(e.as_str()),
                t.error,
            )));
        }
        wrap_all(&notes, width)
    }
}

impl Widget for &ProfileForm {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        Clear.render(area, buf);
        let block = Block::bordered()
            .border_style(t.border_focused)
            .title(Span::styled(format!(" {} ", t!("profile.title")), t.accent));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width == 0 {
            return;
        }
        // Narrow panes put the label above the field; wide ones give the
        // labels a column as wide as the longest ("> Kan helpen met: ").
        let longest = labels()
            .iter()
            .map(|l| Span::raw(l.as_str()).width() + 4)
            .max()
            .unwrap_or(0);
        let label_w = if inner.width >= WIDE_FORM {
            u16::try_from(longest).unwrap_or(16).min(inner.width / 2)
        } else {
            0
        };
        let mut y = inner.y;
        for (i, (label, field)) in labels().iter().zip(&self.fields).enumerate() {
            let focused = i == self.focus;
            let (marker, style) = if focused {
                ("> ", t.accent)
            } else {
                ("  ", t.muted)
            };
            let label = Span::styled(format!("{marker}{label}:"), style);
            let cursor = focused.then_some(t.cursor);
            let value: Vec<Span> = field
                .lines(t.text, cursor)
                .into_iter()
                .flat_map(|l| l.spans)
                .collect();
            let value = tail(value, usize::from(inner.width.saturating_sub(label_w + 4)));
            if label_w > 0 {
                if y < inner.bottom() {
                    buf.set_line(inner.x, y, &Line::from(label), label_w);
                    buf.set_line(inner.x + label_w, y, &value, inner.width - label_w);
                }
                y += 1;
            } else {
                for (indent, line) in [(0, Line::from(label)), (4, value)] {
                    if y < inner.bottom() {
                        buf.set_line(
                            inner.x + indent,
                            y,
                            &line,
                            inner.width.saturating_sub(indent),
                        );
                    }
                    y += 1;
                }
            }
        }
        y += 1;
        for line in self.notes(inner.width) {
            if y < inner.bottom() {
                buf.set_line(inner.x, y, &line, inner.width);
            }
            y += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_on_commas_and_spaces_and_enter_saves_on_the_last_field() {
        let mut f = ProfileForm::new(None, "mia", Theme::mono());
        for c in "sql, #Life hobby".chars() {
            f.update(Action::Type(c));
        }
        assert_eq!(f.update(Action::Submit), FormOutcome::Continue);
        assert_eq!(f.update(Action::Submit), FormOutcome::Continue);
        let FormOutcome::Save(edit) = f.update(Action::Submit) else {
            panic!("Enter on the last field saves");
        };
        assert_eq!(edit.name.as_deref(), Some("mia"));
        assert_eq!(
            edit.wants,
            Some(vec!["sql".into(), "Life".into(), "hobby".into()])
        );
        assert_eq!(edit.offers, Some(vec![]));
        assert_eq!(edit.lang, None);
    }
}
