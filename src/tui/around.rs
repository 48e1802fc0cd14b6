//! What the pane takes from around it: the drafts folder (captures that
//! could not be saved come back), the nudge of the status line, and the
//! tools running in the neighbouring tmux panes (For you follows them).
//!
//! `tui::run` fills [`Around`] from the environment; `App::new` leaves it
//! empty, so tests never touch the real home or a real tmux unless they ask.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::app::{App, Overlay, Status, Tab};
use super::integrity::IntegrityCheck;
use super::panes::PaneWatch;
use super::views::capture::CaptureState;
use super::views::prompt::{PromptState, Purpose};
use crate::capture::Unsaved;
use crate::domain::{Item, ItemId, Kind, now};
use crate::drafts::{Drafts, FormDraft};
use crate::nudge::{self, render};
use crate::outbox::Outbox;
use crate::store::{ListQuery, StoreError};

/// How often the status-line nudge is worked out again.
pub const NUDGE_EVERY: Duration = Duration::from_secs(60);
/// Items fetched per tool name beyond the newest ones, so an old kubectl tip
/// still comes up when kubectl runs next door.
const PER_TOOL: usize = 30;

#[derive(Default)]
pub struct Around {
    /// Where unsaved captures go, and come back from.
    pub drafts: Option<Drafts>,
    /// Drafts are kept but never offered: a kiosk name without its PIN
    /// must not see the person's drafts, yet must not lose its own text.
    pub keep_only: bool,
    /// The nudge rhythm file; no nudges without it.
    pub nudge_state: Option<PathBuf>,
    /// The config's language, when the profile names none.
    pub lang: Option<String>,
    /// The tmux window, when the pane runs in tmux.
    pub panes: Option<PaneWatch>,
    /// The integrity check running since start (see [`super::integrity`]).
    pub integrity: Option<IntegrityCheck>,
    /// Where writes the store can't take now wait (see [`super::send`]).
    pub outbox: Option<Outbox>,
    /// The store's name in outbox entries ([`crate::outbox::spec_name`]).
    pub spec: String,
    /// When the pane next tries the waiting writes by itself, and the
    /// pause after that try (see [`App::retry_waiting`]).
    pub(super) next_send: Option<Instant>,
    pub(super) send_pause: Duration,
    /// Older items about the tools next door, fetched when the tools change.
    tool_items: Vec<Item>,
    next_nudge: Option<Instant>,
}

impl Around {
    /// Everything from the environment: the user's drafts (those for
    /// `spec`, and older ones that name no store), nudge state, tmux.
    pub fn from_env(lang: Option<String>, spec: &crate::store::Spec) -> Around {
        Around {
            drafts: Drafts::user().ok().map(|d| {
                d.for_store(crate::outbox::spec_name(spec))
                    .offer_older(true)
            }),
            keep_only: false,
            nudge_state: crate::paths::nudge_state(),
            lang,
            panes: PaneWatch::from_env(),
            integrity: None,
            outbox: None,
            spec: String::new(),
            next_send: None,
            send_pause: Duration::ZERO,
            tool_items: Vec::new(),
            next_nudge: None,
        }
    }
}

/// The fewest letters (spaces aside) a kiosk capture needs to be kept as
/// a draft when it is left without saving (idle logout, a signal, the next
/// worker logging in). Drafts exist so text is never lost, so this floor
/// holds for one case only: at a kiosk every letter typed on a list opens
/// a question form with that letter, and a key pressed by chance leaves an
/// "a" that, offered at the next login, is noise (issue 11). A capture with
/// tags is kept whatever its text; an answer ("Ja"), a reflection, a wish,
/// the pane and the popup keep any text that is not blank.
pub const MIN_DRAFT_CHARS: usize = 3;

/// True when `text` holds at least [`MIN_DRAFT_CHARS`] letters.
pub fn worth_a_draft(text: &str) -> bool {
    text.chars().filter(|c| !c.is_whitespace()).count() >= MIN_DRAFT_CHARS
}

/// True when a kiosk capture holds only what a key pressed by chance on a
/// list leaves: too few letters ([`worth_a_draft`]) and no tags.
fn stray_letters(form: &CaptureState) -> bool {
    form.tags.is_blank() && !worth_a_draft(form.text.text())
}

/// A capture form's text as something a signal can keep; `None` when the
/// form holds no text or there is no drafts folder.
pub fn unsaved(drafts: Option<&Drafts>, person: &str, form: &CaptureState) -> Option<Unsaved> {
    if !form.has_text() {
        return None;
    }
    Some(Unsaved::Capture {
        drafts: drafts?.clone(),
        person: person.to_string(),
        kind: form.kind,
        draft: form.draft(),
        restored: form.restored.clone(),
    })
}

/// A kiosk's text without what shows as dots in it (a badge or PIN).
fn unmasked(text: &str) -> &str {
    crate::domain::code::before_code(text, crate::domain::code::masked_from(text))
}

/// A form's text as a draft may keep it: on a kiosk without a badge or
/// PIN at its end (`masked`: the form shows those as dots).
pub(super) fn kept_words(text: &str, masked: bool) -> String {
    if masked { unmasked(text) } else { text }.to_string()
}

impl App {
    /// A capture form, with this person's unsaved drafts on offer.
    pub fn capture_form(&self, kind: Kind, context: Option<String>) -> CaptureState {
        let offers = self
            .around
            .drafts
            .as_ref()
            .filter(|_| !self.around.keep_only)
            .and_then(|d| d.list_for(&self.user).ok())
            .unwrap_or_default();
        let mut form = CaptureState::new(kind, context, self.theme).with_offers(offers);
        form.mask_codes = self.typing_asks;
        form.kind_fixed = self.typing_asks;
        // Without the PIN only a question may be posted (`App::may`).
        if self.public {
            form.kind = Kind::Question;
            form.questions_only = true;
        }
        form
    }

    /// True when the open form holds typed text that closing it would
    /// lose; false for an empty form, a confirmation, help, or none.
    pub fn form_holds_text(&self) -> bool {
        match &self.overlay {
            Some(Overlay::Capture(form)) => form.would_lose_text(),
            Some(Overlay::Prompt(p)) => !p.input.is_blank(),
            Some(Overlay::Profile(form)) => form.changed(),
            Some(Overlay::Help(_) | Overlay::Choose(_)) | None => false,
        }
    }

    /// The text a signal must not lose: the capture form's, if it holds
    /// any (see [`crate::signals::hold`]).
    pub fn unsaved(&self) -> Option<Unsaved> {
        match &self.overlay {
            // An edit is kept as an edit of that post, never as a new one.
            Some(Overlay::Capture(form)) if form.editing.is_some() => {
                let text = form.text.text();
                if form.edit_original.as_deref() == Some(text) || text.trim().is_empty() {
                    return None;
                }
                let post = form.editing.map(|p| p.to_string());
                self.unsaved_form("edit", post, vec![text.to_string()], None)
            }
            // A code in a kiosk's form is the next worker's badge or PIN:
            // never kept, as it is never stored (issue 11); the text
            // before it is.
            Some(Overlay::Capture(form)) if form.mask_codes => {
                let mut form = form.clone();
                form.text = form.text.clone().with_text(unmasked(form.text.text()));
                // A letter typed by chance on a kiosk's list (see
                // MIN_DRAFT_CHARS); only a kiosk's capture has this floor.
                if self.typing_asks && stray_letters(&form) {
                    return None;
                }
                unsaved(self.around.drafts.as_ref(), &self.user, &form)
            }
            Some(Overlay::Capture(form)) => unsaved(self.around.drafts.as_ref(), &self.user, form),
            Some(Overlay::Prompt(p)) => self.unsaved_prompt(p),
            Some(Overlay::Profile(f)) if f.changed() => {
                self.unsaved_form("profile", None, f.texts(), None)
            }
            _ => None,
        }
    }

    /// A prompt's text a signal must not lose; on a kiosk without a badge
    /// or PIN at its end (never kept, as never stored).
    fn unsaved_prompt(&self, p: &PromptState) -> Option<Unsaved> {
        let typed = if p.mask_codes {
            unmasked(p.input.text())
        } else {
            p.input.text()
        };
        match p.purpose {
            // A voucher's code is money: never kept in a draft.
            Purpose::Voucher => None,
            // The new wish typed at the form's first step, whatever the
            // later steps hold (a changed wish is still there).
            Purpose::WishWhy | Purpose::WishCost | Purpose::WishHours | Purpose::WishTags => {
                let form = p.pending.as_ref().filter(|f| f.editing.is_none())?;
                self.unsaved_form("wish", None, vec![form.text.clone()], None)
            }
            _ if typed.trim().is_empty() => None,
            Purpose::Answer(question) => Some(Unsaved::Answer {
                drafts: self.around.drafts.clone()?,
                person: self.user.clone(),
                question,
                text: typed.to_string(),
            }),
            Purpose::Pledge(id) => self.unsaved_form(
                "pledge",
                Some(id.to_string()),
                vec![typed.to_string()],
                None,
            ),
            Purpose::Reflection(id) => self.unsaved_form(
                "reflection",
                Some(id.to_string()),
                vec![typed.to_string()],
                p.brought.map(|b| b.name().to_string()),
            ),
            // An amount is typed again in a moment; a wish is words.
            Purpose::Fund(_) | Purpose::FundNote { .. } => None,
            Purpose::Wish if p.pending.as_ref().is_some_and(|f| f.editing.is_some()) => None,
            Purpose::Wish => self.unsaved_form("wish", None, vec![typed.to_string()], None),
            Purpose::WishDone(id) => self.unsaved_form(
                "wish-done",
                Some(id.to_string()),
                vec![typed.to_string()],
                p.brought.map(|b| b.name().to_string()),
            ),
        }
    }

    pub(super) fn unsaved_form(
        &self,
        form: &str,
        item: Option<String>,
        fields: Vec<String>,
        brought: Option<String>,
    ) -> Option<Unsaved> {
        Some(Unsaved::Form {
            drafts: self.around.drafts.clone()?,
            form: FormDraft {
                person: self.user.clone(),
                form: form.to_string(),
                item,
                created_at: crate::domain::from_millis(now().timestamp_millis()),
                fields,
                brought,
                store: None,
            },
        })
    }

    /// The form `form` (on `item`) a signal kept, to fill that form again.
    /// Its file goes: the text is on screen, and a signal from now on
    /// keeps it anew.
    pub fn take_form_draft(&mut self, form: &str, item: Option<String>) -> Option<FormDraft> {
        let drafts = self.around.drafts.as_ref()?;
        let (id, found) = drafts
            .forms_for(&self.user)
            .into_iter()
            .rfind(|(_, f)| f.form == form && f.item == item)?;
        let _ = drafts.delete(&id);
        Some(found)
    }

    /// True while the capture form offers an earlier draft.
    pub fn offering_draft(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Capture(f)) if f.offered().is_some())
    }

    /// At start: if drafts wait, offer them at once.
    pub fn offer_drafts(&mut self) {
        if self.overlay.is_some() {
            return;
        }
        // An answer a signal kept waits in the answer form of its question.
        let answers = self
            .around
            .drafts
            .as_ref()
            .map(|d| d.answers_for(&self.user))
            .unwrap_or_default();
        let forms = self
            .around
            .drafts
            .as_ref()
            .map(|d| d.forms_for(&self.user))
            .unwrap_or_default();
        // A kiosk names the question by its title, and the keys that work
        // there: an id means nothing to a worker, and `a` types.
        let title = |app: &Self, id: &str| {
            let item: crate::domain::ItemId = id.parse().ok()?;
            app.store
                .get(item, &app.user)
                .ok()
                .map(|i| i.title().to_string())
        };
        if let Some((_, first)) = answers.first() {
            let text = match title(self, &first.answer_to) {
                Some(title) if self.typing_asks => {
                    t!("capture.answer-waiting.words", title = title)
                }
                _ => t!("capture.answer-waiting", id = first.answer_to),
            };
            self.say(text);
        } else if let Some((_, first)) = forms.first()
            && self.typing_asks
            && first.form != "profile"
        {
            if let Some(title) = first.item.as_deref().and_then(|id| title(self, id)) {
                self.say(t!("capture.form-waiting.words", title = title));
            }
        } else if let Some((_, first)) = forms.first() {
            let text = match (first.form.as_str(), &first.item) {
                ("profile", _) => Some(t!("capture.profile-waiting")),
                ("pledge", Some(id)) => Some(t!("capture.pledge-waiting", id = id)),
                ("edit", Some(id)) => Some(t!("capture.edit-waiting", id = id)),
                (_, Some(id)) => Some(t!("capture.reflection-waiting", id = id)),
                _ => None,
            };
            if let Some(text) = text {
                self.say(text);
            }
        }
        let mut form = self.capture_form(Kind::Tip, None);
        if form.offered().is_some() {
            form.offer_only = true;
            self.overlay = Some(Overlay::Capture(form));
        }
    }

    /// The answer to `question` a signal kept, to fill the answer form
    /// again. Its file goes: the text is on screen, and a signal from now
    /// on keeps it anew.
    pub fn take_answer_draft(&mut self, question: ItemId) -> Option<String> {
        let drafts = self.around.drafts.as_ref()?;
        let (id, answer) = drafts
            .answers_for(&self.user)
            .into_iter()
            .rfind(|(_, a)| a.answer_to == question.to_string())?;
        let _ = drafts.delete(&id);
        Some(answer.text)
    }

    /// The loop's once-a-second tick: changes from other processes, the
    /// tools next door, the nudge. True when the screen must be drawn again.
    pub fn on_tick(&mut self) -> bool {
        let mut dirty = if self.changes_pushed && !self.offline {
            false
        } else {
            self.check_for_changes()
        };
        if self
            .around
            .integrity
            .as_mut()
            .is_some_and(IntegrityCheck::poll)
        {
            self.around.integrity = None;
            self.store.refuse_writes_as_damaged();
            let text = if self.typing_asks {
                t!("status.damaged.words")
            } else {
                t!("status.damaged")
            };
            self.status.set(Status {
                text: text.into_owned(),
                error: true,
            });
            dirty = true;
        }
        let tick = Instant::now();
        dirty |= self.retry_waiting(dirty, tick);
        self.retry_index();
        let tools = self.around.panes.as_mut().and_then(|w| w.tick(tick));
        if let Some(tools) = tools {
            self.set_tools(tools);
            dirty = true;
        }
        if self.around.next_nudge.is_none_or(|at| tick >= at) {
            dirty |= self.refresh_nudge();
        }
        dirty
    }

    /// The tools in the neighbouring panes changed: For you follows them.
    /// The items about the new tool come first, but the cursor stays on
    /// the item the person is on (the list keeps its selection by id): a
    /// command started next door must not pull the line someone is reading
    /// away from under them.
    pub fn set_tools(&mut self, tools: Vec<String>) {
        if tools != self.tools {
            self.tools = tools;
            let found = self.fetch_tool_items();
            self.around.tool_items = self.ok(found).unwrap_or_default();
            self.mark_stale(Tab::ForYou);
            self.load_active();
        }
    }

    /// Works out the status-line nudge again. True when it changed.
    pub fn refresh_nudge(&mut self) -> bool {
        self.around.next_nudge = Some(Instant::now() + NUDGE_EVERY);
        let Some(state) = self.around.nudge_state.clone() else {
            return false;
        };
        // In the pane's language, which already follows the profile.
        let line = nudge::next(&*self.store, &state, &self.user, now())
            .map(|(n, _)| render::plain(&n, render::Lang::from_code(Some(crate::i18n::lang()))));
        let changed = line != self.status.nudge;
        self.status.nudge = line;
        changed
    }

    /// Items tagged with the tools next door, beyond the newest ones, so an
    /// old kubectl tip still comes up when kubectl runs next door. A tag
    /// that no item has costs a scan of the tables (~40 ms on 100k items),
    /// so this runs when the tools change, not on every reload, and asks
    /// only for each tool's own name (its family names still match among
    /// the newest items).
    fn fetch_tool_items(&self) -> Result<Vec<Item>, StoreError> {
        let mut out = Vec::new();
        for tool in &self.tools {
            for kind in [Kind::Tip, Kind::Question, Kind::Lesson] {
                let query = ListQuery {
                    kind: Some(kind),
                    tag: Some(tool.clone()),
                    limit: PER_TOOL,
                    no_knowhow: false,
                };
                out.extend(self.store.list(&query, &self.user)?);
            }
        }
        Ok(out)
    }

    /// Adds the items about the tools that the newest `have` lack.
    pub fn add_tool_items(&self, have: &mut Vec<Item>) {
        let mut seen: HashSet<_> = have.iter().map(Item::id).collect();
        for item in &self.around.tool_items {
            if seen.insert(item.id()) {
                have.push(item.clone());
            }
        }
    }
}
