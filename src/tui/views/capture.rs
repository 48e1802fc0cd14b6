//! The capture form: a tip, a question or what you learned, in a few
//! fields. It has its own state and `update`, and saves nothing itself, so
//! the pane and the `leertuin capture` popup can both use it and decide
//! where the draft goes ([`crate::capture`]).
//!
//! Before the form, it offers the drafts that could not be saved before:
//! Enter puts the oldest back into the form, `d` throws it away, Esc leaves
//! them for later.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::domain::{Draft, Kind, Post};
use crate::drafts::DraftEntry;
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
    /// Close the form and store nothing: Esc means cancel. Drafts are only
    /// for text that would otherwise be lost (idle logout, a signal, a
    /// database that can't take it), never a side effect of cancelling.
    Cancel,
    /// The person threw away this offered draft: delete its file.
    Discard(String),
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
    /// Drafts from earlier, oldest first, offered while `offering`.
    pub offers: Vec<DraftEntry>,
    pub offering: bool,
    /// Esc on the offer closes the whole form (the pane offers at start,
    /// when the person did not ask for a form).
    pub offer_only: bool,
    /// The draft the form was filled from; deleted once this is stored.
    pub restored: Option<String>,
    /// Why the last save failed, shown in the form.
    pub error: Option<String>,
    /// Esc was pressed on typed text and the form asked whether to throw
    /// it away; a second Esc does, any other key keeps typing.
    pub cancel_asked: bool,
    /// The person's own post this form changes, instead of adding one.
    pub editing: Option<Post>,
    /// The post's text when the edit form opened: a signal keeps an edit
    /// only when it changed something.
    pub edit_original: Option<String>,
    /// The item's tags when the edit form opened (an answer has none): the
    /// edit form changes them too.
    pub edit_tags: Option<Vec<String>>,
    /// Questions asked before that the one being typed resembles.
    pub similar: Vec<super::similar::Similar>,
    /// The words `similar` was looked up for.
    pub similar_key: String,
    /// A kiosk's form: a text that is only a code (a badge the next worker
    /// scanned into this screen) shows as dots, as on the welcome screen.
    pub mask_codes: bool,
    /// A kiosk login without its PIN may ask, but not share a tip or a
    /// learned entry in that name: the form is a question's, with no kind
    /// to switch to (none offered that the store would refuse).
    pub questions_only: bool,
    /// A kiosk question of two or three words without a question mark
    /// was held once as maybe the next worker's name ("piet Jansen"): the
    /// text it was held for. Enter on the same text saves it.
    pub name_asked: Option<String>,
    /// A kiosk's form keeps the kind it opened with (its title says it):
    /// Tab changes tabs on every kiosk list, and a newcomer pressing it
    /// here turned a question into a public "learned" note. A tip or a
    /// learned entry has its own key there (Ctrl-N), so nothing is lost.
    pub kind_fixed: bool,
    /// The form said that Tab changes nothing here; the next key takes
    /// the line away.
    pub kind_told: bool,
    pub theme: Theme,
}

impl CaptureState {
    /// The keys worth a hint now; an offered draft shows its own keys, and
    /// an edit, which changes the text only, has no other field or kind.
    pub fn hint_actions(&self) -> Vec<Action> {
        match (self.offered(), self.editing) {
            (Some(_), _) => Vec::new(),
            (None, Some(_)) if self.edit_tags.is_some() => {
                vec![Action::Save, Action::Cancel, Action::NextField]
            }
            (None, Some(_)) => vec![Action::Save, Action::Cancel],
            (None, None) if self.questions_only || self.kind_fixed => {
                vec![Action::Save, Action::Cancel, Action::NextField]
            }
            (None, None) => vec![
                Action::Save,
                Action::Cancel,
                Action::NextField,
                Action::SwitchKind,
            ],
        }
    }

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
            offers: Vec::new(),
            offering: false,
            offer_only: false,
            restored: None,
            error: None,
            cancel_asked: false,
            editing: None,
            edit_original: None,
            edit_tags: None,
            similar: Vec::new(),
            similar_key: String::new(),
            mask_codes: false,
            questions_only: false,
            name_asked: None,
            kind_fixed: false,
            kind_told: false,
            theme,
        }
    }

    /// The form on the person's own post, holding its text: Enter changes
    /// the post (its kind stays).
    pub fn editing(mut self, post: Post, text: &str) -> Self {
        self.kind = post.item().kind;
        self.text = TextInput::multi_line().with_text(text);
        self.editing = Some(post);
        self.edit_original = Some(text.to_string());
        self
    }

    /// The edit form of an item (not an answer) holds its tags too.
    pub fn with_edit_tags(mut self, tags: &[String]) -> Self {
        self.tags = TextInput::single_line().with_text(&tags.join(" "));
        self.edit_tags = Some(tags.to_vec());
        self
    }

    /// The form with the kind still to choose: the cursor on the kind
    /// switch, where ←→ or the kind's first letter choose and any other
    /// letter starts the text (for a tab that lists no kind of its own).
    pub fn choosing_kind(mut self) -> Self {
        self.field = Field::Kind;
        self
    }

    /// Offers these drafts (oldest first) before the empty form.
    pub fn with_offers(mut self, offers: Vec<DraftEntry>) -> Self {
        self.offering = !offers.is_empty();
        self.offers = offers;
        self
    }

    /// The draft on offer now, if the offer is showing.
    pub fn offered(&self) -> Option<&DraftEntry> {
        self.offers.first().filter(|_| self.offering)
    }

    /// Fills the form from the offered draft.
    fn restore(&mut self) {
        if self.offers.is_empty() {
            return;
        }
        let entry = self.offers.remove(0);
        let d = entry.saved.draft;
        self.kind = if KINDS.contains(&entry.saved.kind) {
            entry.saved.kind
        } else {
            Kind::Tip
        };
        self.text = TextInput::multi_line().with_text(&d.text);
        self.tags = TextInput::single_line().with_text(&d.tags.join(" "));
        self.anonymous = d.anonymous;
        self.private = d.private;
        self.context = d.context.or(self.context.take());
        self.field = Field::Text;
        self.restored = Some(entry.id);
        self.offering = false;
        self.offer_only = false;
    }

    /// The fields of the current kind, top to bottom.
    pub fn fields(&self) -> &'static [Field] {
        // An edit changes the text and an item's tags: showing the kind or
        // the private/anonymous box there would offer changes it never makes.
        if self.editing.is_some() {
            return if self.edit_tags.is_some() {
                &[Field::Text, Field::Tags]
            } else {
                &[Field::Text]
            };
        }
        // No kind to switch to: no kind row either (the title says it).
        let no_kind_row = self.questions_only || self.kind_fixed;
        match self.kind {
            Kind::Tip if no_kind_row => &[Field::Text, Field::Tags],
            _ if no_kind_row => &[Field::Text, Field::Tags, Field::Toggle],
            Kind::Tip => &[Field::Kind, Field::Text, Field::Tags],
            _ => &[Field::Kind, Field::Text, Field::Tags, Field::Toggle],
        }
    }

    fn toggle_name(&self) -> String {
        let s = if self.kind == Kind::Question {
            t!("capture.anonymous")
        } else {
            t!("capture.private")
        };
        s.into_owned()
    }

    fn toggle_on(&self) -> bool {
        match self.kind {
            Kind::Question => self.anonymous,
            Kind::Learned => self.private,
            _ => false,
        }
    }

    /// True when cancelling would throw away something typed.
    /// Closing now would lose typed text: a new post with any text, or an
    /// edit that changed the post's text.
    pub fn would_lose_text(&self) -> bool {
        match &self.edit_original {
            Some(original) => {
                self.text.text() != *original
                    || self
                        .edit_tags
                        .as_ref()
                        .is_some_and(|t| self.draft().tags != *t)
            }
            None => self.has_text(),
        }
    }

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
        if self.questions_only || self.kind_fixed {
            return;
        }
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
    if s.offering {
        return on_offer(s, action);
    }
    // One Esc must not throw away what a worker typed: it asks first, and
    // the question goes as soon as they do anything else.
    // What Tab said goes too; Esc after it still asks before it throws
    // text away.
    if std::mem::take(&mut s.kind_told) {
        s.error = None;
    }
    if std::mem::take(&mut s.cancel_asked) {
        s.error = None;
    } else if action == Action::Cancel && s.would_lose_text() {
        s.cancel_asked = true;
        s.error = Some(t!("capture.discard-ask").into_owned());
        return CaptureOutcome::Continue;
    }
    match action {
        // Enter on the kind switch: chosen, on to the text.
        Action::Save if s.field == Field::Kind && !s.has_text() => s.field = Field::Text,
        Action::Save => return CaptureOutcome::Save(s.kind, s.draft()),
        Action::Cancel => return CaptureOutcome::Cancel,
        Action::NextField => s.move_field(1),
        Action::PrevField => s.move_field(-1),
        // A kiosk's form: Tab changes nothing, and says how to leave.
        Action::SwitchKind if s.kind_fixed => {
            s.error = Some(t!("capture.kind-fixed").into_owned());
            s.kind_told = true;
        }
        // An edit keeps the post's kind.
        // A message about the old kind ("empty") would be stale now.
        Action::SwitchKind if s.editing.is_none() && !s.questions_only => {
            s.cycle_kind(1);
            s.error = None;
        }
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
            Field::Kind if c == ' ' => s.cycle_kind(1),
            // A kind's first letter, in the words on screen, chooses it;
            // any other letter is the start of the text.
            Field::Kind => match KINDS
                .iter()
                .find(|k| first_letter(**k) == c.to_lowercase().next())
            {
                Some(k) => s.kind = *k,
                None => {
                    s.field = Field::Text;
                    s.text.insert(c);
                }
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

/// The letter that chooses a kind on the kind switch ("v" for "vraag").
fn first_letter(kind: Kind) -> Option<char> {
    crate::i18n::kind_word(kind)
        .chars()
        .next()
        .and_then(|c| c.to_lowercase().next())
}

/// Pasted text lands whole in the field it was pasted into: all its lines
/// in the text, one line in the tags. On the kind switch it goes to the
/// text, where it belongs. A paste over an offered draft starts a new one.
pub fn paste(s: &mut CaptureState, text: &str) {
    if s.offering {
        s.offering = false;
        s.offer_only = false;
    }
    match s.field {
        Field::Tags => s.tags.insert_str(text),
        Field::Kind | Field::Text | Field::Toggle => {
            s.field = Field::Text;
            s.text.insert_str(text);
        }
    }
}

/// A paste at the kiosk: into a question's text, a line that does not end
/// a sentence joins the next with one space. A chat window or a document
/// breaks sentences where it wraps, and a first-time worker pasting "Wie
/// heeft de sleutel⏎van het magazijn?" means one question, not a title and
/// a body (issue 11); "Waar zijn de handschoenen?⏎Maat L is op." is a
/// question and what goes with it, and keeps its lines. A tip, or the
/// pane's form, keeps its lines (see [`paste`]).
pub fn paste_at_kiosk(s: &mut CaptureState, text: &str) {
    if s.kind == Kind::Question && s.field != Field::Tags {
        return paste(s, &broken_sentences_joined(text));
    }
    paste(s, text);
}

/// Lines joined where a sentence runs on: after a line that ends without
/// `.`, `?`, `!` or `:`, the next follows with one space.
fn broken_sentences_joined(text: &str) -> String {
    // The one paste cleaner first: a line break pasted as a carriage
    // return (tmux, many terminals) is a line break.
    let text = crate::tui::event::clean_paste(text);
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            let ended = out.ends_with(['.', '?', '!', ':']);
            out.push(if ended { '\n' } else { ' ' });
        }
        out.push_str(line);
    }
    out
}

/// Keys while a draft is offered. Discarding takes Del, never a letter: a
/// person who starts typing at once must not throw a draft away. Typing
/// starts a new capture instead, and the drafts wait for next time.
fn on_offer(s: &mut CaptureState, action: Action) -> CaptureOutcome {
    match action {
        Action::Save | Action::Submit | Action::Edit(Edit::Newline) => s.restore(),
        Action::Edit(Edit::Delete) if !s.offers.is_empty() => {
            let gone = s.offers.remove(0);
            s.offering = !s.offers.is_empty();
            return CaptureOutcome::Discard(gone.id);
        }
        // Offered unasked (the pane at start): any other key closes it.
        Action::Cancel | Action::Type(_) if s.offer_only => return CaptureOutcome::Cancel,
        Action::Cancel => s.offering = false,
        Action::Type(_) => {
            s.offering = false;
            return update(s, action);
        }
        _ => {}
    }
    CaptureOutcome::Continue
}

impl Widget for &CaptureState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        Clear.render(area, buf);
        let title = match (self.offered(), self.kind) {
            _ if self.editing.is_some() => {
                // In words, not `q1#1`: what is changed, not its number.
                let title = match (self.editing, self.kind) {
                    (Some(Post::Answer { .. }), _) => t!("capture.title.edit-answer"),
                    (_, Kind::Question) => t!("capture.title.edit-question"),
                    (_, Kind::Learned) => t!("capture.title.edit-learned"),
                    _ => t!("capture.title.edit-tip"),
                };
                format!(" {title} ")
            }
            (Some(_), _) => format!(" {} ", t!("capture.title.draft")),
            (None, _) if self.field == Field::Kind => {
                format!(" {} ", t!("capture.title.choose"))
            }
            (None, Kind::Question) => format!(" {} ", t!("capture.title.question")),
            (None, Kind::Learned) => format!(" {} ", t!("capture.title.learned")),
            (None, _) => format!(" {} ", t!("capture.title.tip")),
        };
        // The tool it is about, so the person sees what will be stored.
        let title = match self.draft().context.filter(|_| self.offered().is_none()) {
            Some(c) => format!("{title}· {c} "),
            None => title,
        };
        let block = Block::bordered()
            .border_style(t.border_focused)
            .title(Span::styled(title, t.accent));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        match self.offered() {
            Some(entry) => render_offer(self, entry, inner, buf),
            None => render_form(self, inner, buf),
        }
    }
}

fn render_form(s: &CaptureState, inner: Rect, buf: &mut Buffer) {
    let t = &s.theme;
    let label = |f: Field, name: &str| {
        let (marker, style) = if s.field == f {
            ("> ", t.accent)
        } else {
            ("  ", t.muted)
        };
        Span::styled(format!("{marker}{name}"), style)
    };

    let fields = s.fields();
    // Fixed rows at the top and bottom; the text gets what is left.
    let mut top: Vec<Line<'static>> = Vec::new();
    if fields.contains(&Field::Kind) {
        top.push(Line::from({
            let mut spans = vec![label(Field::Kind, &format!("{} ", t!("capture.kind")))];
            for k in KINDS {
                let style = if k == s.kind { t.selected } else { t.muted };
                spans.push(Span::styled(
                    format!(" {} ", crate::i18n::kind_word(k)),
                    style,
                ));
            }
            spans
        }));
    }
    // On the kind switch, how to choose, on a line of its own. Enter goes on to the text while there is none, and saves once
    // there is: the hint says which.
    if s.field == Field::Kind {
        let how = if s.has_text() {
            t!("capture.kind.choose-save")
        } else {
            t!("capture.kind.choose")
        };
        top.push(Line::from(Span::styled(format!("  {how}"), t.muted)));
    }
    // Enter saves, so the way to a second line must be in sight.
    // An answer has no title: only a question's text starts with one.
    let answer = matches!(s.editing, Some(Post::Answer { .. }));
    let hint = match s.kind {
        Kind::Question if !answer => t!("capture.hint.question"),
        _ => t!("capture.hint.newline"),
    };
    top.push(Line::from(vec![
        label(Field::Text, &format!("{} ", t!("capture.text"))),
        Span::styled(hint, t.muted),
    ]));

    let mut bottom: Vec<Line<'static>> = Vec::new();
    if fields.contains(&Field::Tags) {
        let tag_cursor = (s.field == Field::Tags).then_some(t.cursor);
        let mut spans = vec![label(Field::Tags, &format!("{} ", t!("capture.tags")))];
        spans.extend(
            s.tags
                .lines(t.text, tag_cursor)
                .into_iter()
                .flat_map(|l| l.spans),
        );
        bottom.push(Line::from(spans));
    }
    if fields.contains(&Field::Toggle) {
        let mark = if s.toggle_on() { "[x] " } else { "[ ] " };
        let mut spans = vec![
            label(Field::Toggle, mark),
            Span::styled(s.toggle_name(), t.text),
        ];
        // How to tick it, where it is ticked: a kiosk tester found no word
        // of Space (nothing else in leertuin is a box to tick).
        if s.field == Field::Toggle {
            spans.push(Span::styled(
                format!(" · {}", t!("capture.toggle-how")),
                t.muted,
            ));
        }
        bottom.push(Line::from(spans));
    }
    // Every fixed row wraps (under its label) instead of being cut: a
    // 40-column pane must show the whole hint and the whole "anonymous"
    // label, or a person does not know what the box does.
    let wrap = |lines: Vec<Line<'static>>| {
        let lines: Vec<WrapLine> = lines
            .into_iter()
            .map(|l| WrapLine::indented(l, 4))
            .collect();
        wrap_all(&lines, inner.width)
    };
    let (top, mut bottom) = (wrap(top), wrap(bottom));
    // The reason a save failed, wrapped: it may name a long draft path,
    // and must be read in full in a 40-column popup.
    let h = inner.height as usize;
    let fixed = top.len() + bottom.len();
    let message = s
        .error
        .as_ref()
        .map(|e| {
            wrap_all(
                &[WrapLine::new(Span::styled(
                    crate::i18n::sentence(e.as_str()),
                    t.error,
                ))],
                inner.width,
            )
        })
        .unwrap_or_default();
    let message_rows = message.len().min(h.saturating_sub(fixed + 1));
    bottom.extend(message.into_iter().take(message_rows));
    // Asked before: only where the text keeps at least two rows.
    let similar = super::similar::lines(&s.similar, inner.width, t);
    if !similar.is_empty() && h >= top.len() + bottom.len() + similar.len() + 2 {
        bottom.extend(similar);
    }

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
    let cursor = (s.field == Field::Text).then_some(t.cursor);
    let masked;
    let hidden = crate::domain::code::masked_from(s.text.text()).filter(|_| s.mask_codes);
    let shown = if let Some(start) = hidden {
        let before = &s.text.text()[..start];
        masked =
            TextInput::multi_line().with_text(&format!("{before}{}", crate::domain::code::MASK));
        &masked
    } else {
        &s.text
    };
    let text_lines: Vec<WrapLine> = shown
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

/// An earlier draft: what it is, its text, and the three keys.
fn render_offer(s: &CaptureState, entry: &DraftEntry, inner: Rect, buf: &mut Buffer) {
    let t = &s.theme;
    let saved = &entry.saved;
    let count = s.offers.len();
    let head = if count == 1 {
        t!("capture.drafts.one").into_owned()
    } else {
        t!("capture.drafts.many", n = count).into_owned()
    };
    let mut about = vec![crate::i18n::kind_word(saved.kind)];
    about.extend(saved.draft.context.clone());
    about.extend(saved.draft.tags.iter().map(|t| format!("#{t}")));
    about.push(crate::i18n::day_month_time(saved.created_at));
    let w = inner.width;
    let wrap =
        |text: &str, style| wrap_all(&[WrapLine::new(Span::styled(text.to_string(), style))], w);
    let keys = wrap(&t!("capture.drafts.keys"), t.key);
    let mut rows = wrap(&head, t.accent);
    rows.extend(wrap(&about.join(" · "), t.muted));
    // Kept before drafts named their database: it may belong elsewhere.
    if entry.older {
        rows.extend(wrap(&t!("capture.drafts.older"), t.muted));
    }
    let room = usize::from(inner.height).saturating_sub(rows.len() + keys.len());
    let text: Vec<WrapLine> = saved
        .draft
        .text
        .lines()
        .map(|l| WrapLine::new(Span::styled(l.to_string(), t.text)))
        .collect();
    let mut text = wrap_all(&text, w);
    if text.len() > room && room > 0 {
        text.truncate(room);
        if let Some(last) = text.last_mut() {
            last.spans.push(Span::styled("…", t.muted));
        }
    }
    rows.extend(text.into_iter().take(room));
    // The keys stay at the bottom, whatever else must give way.
    let key_y = inner
        .bottom()
        .saturating_sub(keys.len() as u16)
        .max(inner.y);
    for (i, row) in rows.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= key_y {
            break;
        }
        buf.set_line(inner.x, y, row, w);
    }
    for (i, row) in keys.iter().enumerate() {
        let y = key_y + i as u16;
        if y < inner.bottom() {
            buf.set_line(inner.x, y, row, w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kiosk's form: Tab (switch kind) leaves the kind as it opened and
    /// says how to leave; the next key takes that line away, and Esc
    /// after it still asks before it throws the text away. Outside the
    /// kiosk (the pane, the popup) Tab still cycles the kinds.
    #[test]
    fn a_kiosk_form_keeps_its_kind_and_says_how_to_leave() {
        let mut s = CaptureState::new(Kind::Question, None, Theme::mono());
        s.kind_fixed = true;
        for c in "Waar is de lift?".chars() {
            update(&mut s, Action::Type(c));
        }
        assert!(!s.fields().contains(&Field::Kind));
        assert!(!s.hint_actions().contains(&Action::SwitchKind));
        update(&mut s, Action::SwitchKind);
        assert_eq!(s.kind, Kind::Question);
        assert_eq!(s.error.as_deref(), Some(t!("capture.kind-fixed").as_ref()));
        assert_eq!(update(&mut s, Action::Cancel), CaptureOutcome::Continue);
        assert_eq!(s.error.as_deref(), Some(t!("capture.discard-ask").as_ref()));
        update(&mut s, Action::Type('x'));
        assert_eq!(s.error, None);
        assert_eq!(s.text.text(), "Waar is de lift?x");
        // A tip stays a tip, without an "anonymous" box it never had.
        let mut tip = CaptureState::new(Kind::Tip, None, Theme::mono());
        tip.kind_fixed = true;
        update(&mut tip, Action::SwitchKind);
        assert_eq!(tip.kind, Kind::Tip);
        assert_eq!(tip.fields(), &[Field::Text, Field::Tags]);
        // The popup's and the pane's form: Tab switches the kind.
        let mut popup = CaptureState::new(Kind::Question, None, Theme::mono());
        update(&mut popup, Action::Type('W'));
        update(&mut popup, Action::SwitchKind);
        assert_eq!(popup.kind, Kind::Learned);
    }

    #[test]
    fn a_kiosk_paste_joins_only_where_a_sentence_runs_on() {
        let joined = broken_sentences_joined;
        assert_eq!(
            joined("Wie heeft de sleutel \r\n  van het magazijn?"),
            "Wie heeft de sleutel van het magazijn?"
        );
        assert_eq!(
            joined("Waar zijn de handschoenen?\nMaat L is op.\n"),
            "Waar zijn de handschoenen?\nMaat L is op."
        );
        assert_eq!(joined("Let op:\n\nde pomp"), "Let op:\nde pomp");
        assert_eq!(joined("één\ntwee\ndrie"), "één twee drie");
        assert_eq!(joined("\n\n"), "");
        // As tmux's paste-buffer and many terminals send a line break.
        assert_eq!(
            joined("Wie heeft de sleutel\rvan het magazijn?\rIk zoek hem."),
            "Wie heeft de sleutel van het magazijn?\nIk zoek hem."
        );
    }

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
    fn enter_saves_and_alt_shift_enter_or_ctrl_j_start_a_new_line() {
        use crate::tui::keys::{KeyMap, View};
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers as M};
        let map = KeyMap::default();
        let key = |code, mods| map.action(View::Capture, KeyEvent::new(code, mods));
        assert_eq!(key(KeyCode::Enter, M::NONE), Some(Action::Save));
        let newline = Some(Action::Edit(Edit::Newline));
        assert_eq!(key(KeyCode::Enter, M::ALT), newline);
        assert_eq!(key(KeyCode::Enter, M::SHIFT), newline);
        assert_eq!(key(KeyCode::Char('j'), M::CONTROL), newline);
        assert_eq!(key(KeyCode::Tab, M::NONE), Some(Action::SwitchKind));
        assert_eq!(key(KeyCode::Down, M::NONE), Some(Action::NextField));
        // And in the form: a new line in the text, nothing in the tags.
        let mut s = CaptureState::new(Kind::Tip, None, Theme::mono());
        typed(&mut s, "a");
        update(&mut s, Action::Edit(Edit::Newline));
        typed(&mut s, "b");
        update(&mut s, Action::NextField);
        update(&mut s, Action::Edit(Edit::Newline));
        assert_eq!((s.text.text(), s.tags.text()), ("a\nb", ""));
    }

    #[test]
    fn esc_cancels_at_once_without_text_and_asks_first_with_it() {
        let mut s = CaptureState::new(Kind::Tip, None, Theme::mono());
        assert_eq!(update(&mut s, Action::Cancel), CaptureOutcome::Cancel);
        typed(&mut s, "half a thought");
        assert_eq!(update(&mut s, Action::Cancel), CaptureOutcome::Continue);
        assert!(s.cancel_asked && s.error.is_some());
        assert_eq!(update(&mut s, Action::Cancel), CaptureOutcome::Cancel);
    }

    #[test]
    fn a_paste_lands_whole_in_the_field_it_was_pasted_into() {
        let mut s = CaptureState::new(Kind::Question, None, Theme::mono());
        typed(&mut s, "a");
        paste(&mut s, "line one\r\nline two");
        assert_eq!(s.text.text(), "aline one\nline two");
        update(&mut s, Action::NextField);
        paste(&mut s, "sql\nvim");
        assert_eq!(s.tags.text(), "sql vim");
        // On the kind switch, the text is where a paste belongs.
        s.field = Field::Kind;
        paste(&mut s, "!");
        assert_eq!(
            (s.field, s.text.text()),
            (Field::Text, "aline one\nline two!")
        );
    }

    fn entry(id: &str, kind: Kind, text: &str) -> DraftEntry {
        DraftEntry {
            id: id.into(),
            saved: crate::drafts::SavedDraft {
                kind,
                person: "ann".into(),
                created_at: crate::domain::now(),
                draft: Draft {
                    text: text.into(),
                    tags: vec!["sql".into()],
                    context: Some("psql".into()),
                    anonymous: true,
                    private: false,
                },
            },
            older: false,
        }
    }

    #[test]
    fn offered_drafts_restore_discard_or_wait() {
        let offers = vec![
            entry("a", Kind::Question, "Why?\nBecause"),
            entry("b", Kind::Tip, "second"),
        ];
        let mut s =
            CaptureState::new(Kind::Tip, Some("vim".into()), Theme::mono()).with_offers(offers);
        assert_eq!(s.offered().map(|e| e.id.as_str()), Some("a"));
        assert_eq!(
            update(&mut s, Action::Edit(Edit::Delete)),
            CaptureOutcome::Discard("a".into())
        );
        assert_eq!(s.offered().map(|e| e.id.as_str()), Some("b"));
        update(&mut s, Action::Save); // Enter restores
        assert!(s.offered().is_none());
        assert_eq!(s.restored.as_deref(), Some("b"));
        assert_eq!((s.kind, s.text.text()), (Kind::Tip, "second"));
        assert_eq!(s.tags.text(), "sql");
        let draft = s.draft();
        assert_eq!(draft.context.as_deref(), Some("psql"));
        assert!(!draft.anonymous, "a tip is never anonymous");

        // Esc: the drafts wait, the form is empty; or, offered unasked, it closes.
        let mut s = CaptureState::new(Kind::Tip, None, Theme::mono()).with_offers(vec![entry(
            "c",
            Kind::Tip,
            "later",
        )]);
        assert_eq!(update(&mut s, Action::Cancel), CaptureOutcome::Continue);
        assert!(s.offered().is_none() && !s.has_text());
        // Typing at once starts a new capture; "d" and all, nothing is thrown away.
        let mut s = CaptureState::new(Kind::Tip, None, Theme::mono()).with_offers(vec![entry(
            "c",
            Kind::Tip,
            "later",
        )]);
        typed(&mut s, "dd");
        assert!(s.offered().is_none());
        assert_eq!((s.text.text(), s.offers.len()), ("dd", 1));
        let mut s = CaptureState::new(Kind::Tip, None, Theme::mono()).with_offers(vec![entry(
            "c",
            Kind::Tip,
            "later",
        )]);
        s.offer_only = true;
        assert_eq!(update(&mut s, Action::Cancel), CaptureOutcome::Cancel);
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
