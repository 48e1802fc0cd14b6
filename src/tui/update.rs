//! `update`: what an action does to the pane. No terminal here, so every
//! path is tested by calling it with actions.

use super::action::Action;
use super::app::Status;
use super::app::{App, Overlay, Screen, Tab};
use super::engine;
use super::keys::View;
use super::own;
use super::send;
use super::views::capture::{self, CaptureOutcome, CaptureState};
use super::views::choose::{Choice, ChooseState};
use super::views::prompt::{PromptState, Purpose};
use crate::capture::Saved;
use crate::domain::validate::pledge_minutes;
use crate::domain::{BackingKind, Done, Draft, Item, Kind, Post, Write};

/// Rows moved by PageUp/PageDown; the panes are at least this tall to be usable.
const PAGE: isize = 10;

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    // A message stays until the next key, so it is read, then gets out of the way.
    app.status.clear();
    match app.overlay.take() {
        Some(Overlay::Capture(form)) => return on_capture(app, form, action),
        Some(Overlay::Prompt(prompt)) => return on_prompt(app, prompt, action),
        Some(Overlay::Profile(form)) => return engine::on_profile(app, form, action),
        Some(Overlay::Choose(choice)) => return on_choose(app, choice, action),
        // Help takes its keys in `App::on_key`; any action closes it.
        Some(Overlay::Help(_)) | None => {}
    }
    if matches!(app.stack.last(), Some(Screen::Review(_))) && action != Action::Help {
        return engine::on_review(app, action);
    }
    // A kiosk login by typed name without its PIN may post, but not
    // change what is there: the form is not even opened, so nothing
    // typed into it is refused at the end.
    if !app.may(action) {
        return app.say_pin_needed();
    }
    // The Wishes tab gives some keys its own meaning (`c` makes a wish).
    if super::wishes::on_action(app, action) {
        return;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Review => engine::start_review(app),
        // On the person's own post, `e` changes it; elsewhere the profile.
        Action::EditProfile => {
            if app.tab == Tab::Me || !own::edit(app) {
                engine::edit_profile(app);
            }
        }
        Action::Undo => own::undo_last(app),
        Action::NextTab => app.switch_tab(Tab::from_index(app.tab.index() + 1)),
        Action::PrevTab => app.switch_tab(Tab::from_index(app.tab.index() + Tab::ALL.len() - 1)),
        Action::GoTab(n) => app.switch_tab(Tab::from_index(usize::from(n))),
        Action::Help => app.open_help(),
        Action::Search => app.open_search(""),
        Action::Capture => app.overlay = Some(Overlay::Capture(app.new_capture())),
        Action::Back => {
            app.stack.pop();
            if app.stack.is_empty() {
                // Back on the list: what the screen just left changed
                // (a question read is no longer "new" there) shows now.
                app.load_active();
            } else {
                app.sync_preview();
            }
        }
        _ => match app.stack.last() {
            Some(Screen::Search(_)) => on_search(app, action),
            Some(Screen::Detail(_)) => on_detail(app, action),
            Some(Screen::Review(_)) => engine::on_review(app, action),
            None => on_list(app, action),
        },
    }
}

fn on_list(app: &mut App, action: Action) {
    let delta = match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -PAGE,
        Action::PageDown => PAGE,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        Action::Open => return open_selected(app),
        Action::SortQuestions => return engine::toggle_sort(app),
        Action::ToggleKnowhow => return engine::toggle_knowhow(app),
        other => return on_item(app, other),
    };
    if app.tab == Tab::Team {
        app.team.move_by(delta);
    } else if let Some(list) = app.list_mut(app.tab) {
        list.move_by(delta);
        if delta > 0 {
            app.load_more_if_wanted();
        }
    }
    app.sync_preview();
}

fn open_selected(app: &mut App) {
    if app.tab == Tab::Team {
        // A question opens as itself, so it can be answered and backed.
        if let Some(id) = app.team.selected_question() {
            let item = app.store.get(id, &app.user);
            if let Some(item) = app.ok(item) {
                open_item(app, item);
            }
            return;
        }
        if let Some(mut d) = app.preview.clone() {
            d.open = true;
            app.stack.push(Screen::Detail(d));
        }
        return;
    }
    if let Some(item) = app.list(app.tab).and_then(|l| l.selected_item()).cloned() {
        open_item(app, item);
    }
}

fn open_item(app: &mut App, item: Item) {
    let seen = super::asked::seen(app, &item);
    let mut d = app.detail_of(item, View::Detail);
    if let Some(seen) = seen {
        d.mark_new_after(seen);
    }
    d.open = true;
    app.stack.push(Screen::Detail(d));
}

fn on_detail(app: &mut App, action: Action) {
    let Some(Screen::Detail(d)) = app.stack.last_mut() else {
        return;
    };
    match action {
        Action::Up => d.scroll_by(-1),
        Action::Down => d.scroll_by(1),
        Action::PageUp => d.scroll_by(-PAGE),
        Action::PageDown => d.scroll_by(PAGE),
        Action::Top => d.scroll = 0,
        Action::Bottom => d.scroll_to_end(),
        Action::Reveal => {
            if !d.reveal() {
                let text = if matches!(d.as_item(), Some(Item::Lesson(_))) {
                    t!("status.all-answers-showing")
                } else {
                    t!("status.lessons-only-cards")
                };
                app.say(text);
            } else {
                // The answers are at the end: follow them.
                d.scroll_to_end();
            }
        }
        other => on_item(app, other),
    }
}

fn on_search(app: &mut App, action: Action) {
    let Some(Screen::Search(s)) = app.stack.last_mut() else {
        return;
    };
    match action {
        Action::Up => s.move_by(-1),
        Action::Down => s.move_by(1),
        // One Esc leaves the search, whatever is typed in it.
        Action::Cancel => {
            app.stack.pop();
        }
        Action::Open => {
            let Some(id) = s.selected_hit().map(|h| h.id) else {
                return;
            };
            let item = app.store.get(id, &app.user);
            if let Some(item) = app.ok(item) {
                open_item(app, item);
            }
            return;
        }
        Action::Type(c) => {
            s.input.insert(c);
            app.request_search();
        }
        Action::Edit(e) if s.input.edit(e) => app.request_search(),
        _ => {}
    }
    app.sync_preview();
}

/// The item keys: they act on the open item, or the selected one.
fn on_item(app: &mut App, action: Action) {
    let Some(item) = app.target_item() else {
        return;
    };
    let id = item.id();
    let kind = crate::i18n::kind_word(id.kind);
    let wrong = |what: std::borrow::Cow<'_, str>| {
        crate::i18n::sentence(t!("status.wrong-kind", what = what, kind = kind))
    };
    // At the kiosk `+` is the one key to back what is open (its letters
    // type a question): on a tip it votes.
    let action = match (action, &item) {
        (Action::MeToo, Item::Tip(_)) if app.typing_asks => Action::Vote,
        // And on a lesson Enter sets it done, as it answers a question:
        // `d` types there.
        // Done already: Enter says so, and opens no done form again
        // (issue 11; in the pane `d` still changes the reflection).
        (Action::Answer, Item::Lesson(_)) if app.typing_asks && app.done_for(id).is_some() => {
            return app.say(t!("status.lesson-done-already"));
        }
        (Action::Answer, Item::Lesson(_)) if app.typing_asks => Action::MarkDone,
        _ => action,
    };
    let back = own::takes_back(&item, &app.user, action, app.typing_asks);
    match (action, &item) {
        // Backing is for colleagues' questions, as votes are for their
        // tips: said before anything is asked, as the store would refuse.
        // A backing of one's own from before that rule can be taken back.
        (Action::MeToo | Action::CanHelp | Action::Pledge, Item::Question(q))
            if own::own_question(&item, &app.user)
                && !q.backings.iter().any(|b| b.person == app.user) =>
        {
            app.say(t!("plain.own-question").into_owned());
        }
        (Action::MeToo, Item::Question(q)) if app.typing_asks && q.reference.is_none() => {
            super::join::offer(app, &item);
        }
        (Action::Answer, Item::Question(_)) => prompt(app, Purpose::Answer(id), &item),
        // No letter writes by itself: these ask first, naming the item.
        // Pressed again, they offer to take it back (`own::takes_back`).
        (_, Item::Question(_) | Item::Tip(_)) if back.is_some() => take_back(app, back, &item),
        (Action::Pledge, Item::Question(_)) => prompt(app, Purpose::Pledge(id), &item),
        (Action::MarkDone, Item::Lesson(_)) => prompt(app, Purpose::Reflection(id), &item),
        (Action::Accept | Action::Helped, _) => engine::asker_prompt(app, action),
        (Action::Vote, Item::Tip(t)) if t.reference.is_some() => {
            app.say(wrong(t!("status.imported-no-votes")));
        }
        // Said before anything is asked: no confirmation for a vote the
        // store would refuse.
        (Action::Vote, Item::Tip(t)) if t.author == app.user => {
            app.say(t!("plain.own-tip").into_owned());
        }
        (Action::MeToo, Item::Question(_)) => confirm(app, Choice::MeToo(id), &item),
        (Action::CanHelp, Item::Question(_)) => confirm(app, Choice::CanHelp(id), &item),
        (Action::Vote, Item::Tip(_)) => confirm(app, Choice::Vote(id), &item),
        (Action::Delete, _) => own::delete(app),
        (Action::Answer | Action::MeToo | Action::CanHelp | Action::Pledge, _) => {
            app.say(wrong(t!("status.questions-only")));
        }
        (Action::Vote, _) => app.say(wrong(t!("status.tips-only"))),
        (Action::MarkDone, _) => app.say(wrong(t!("status.lessons-only-done"))),
        _ => {}
    }
}

/// Offers to take back what `back` names (see [`own::takes_back`]).
fn take_back(app: &mut App, back: Option<own::TakesBack>, item: &Item) {
    let id = item.id();
    match back {
        Some(own::TakesBack::Vote) => confirm(app, Choice::Unvote(id), item),
        Some(own::TakesBack::Backing(kind)) => confirm(app, Choice::Withdraw(id, kind), item),
        Some(own::TakesBack::SomeWays | own::TakesBack::AllWays) => super::join::offer(app, item),
        None => {}
    }
}

/// "Save this, here?" with one option: Enter stores it, Esc does not.
pub fn confirm(app: &mut App, choice: Choice, item: &Item) {
    // Taking back needs a real login too (see `update`).
    if app.public && matches!(choice, Choice::Withdraw(..) | Choice::Unvote(_)) {
        return app.say_pin_needed();
    }
    let (title, what, yes) = match choice {
        Choice::MeToo(_) => (
            t!("choose.me-too.title"),
            t!("choose.me-too.what"),
            t!("choose.me-too.yes"),
        ),
        Choice::CanHelp(_) => (
            t!("choose.can-help.title"),
            t!("choose.can-help.what"),
            t!("choose.can-help.yes"),
        ),
        Choice::Delete(Post::Answer { answer, .. }) => (
            t!("choose.delete.title"),
            t!(
                "choose.delete-answer.what",
                n = answer,
                key = app.undo_key()
            ),
            t!("choose.delete.yes"),
        ),
        Choice::Delete(_) => (
            t!("choose.delete.title"),
            t!("choose.delete.what", key = app.undo_key()),
            t!("choose.delete.yes"),
        ),
        Choice::Withdraw(..) | Choice::Unvote(_) => (
            t!("choose.withdraw.title"),
            t!("choose.withdraw.what"),
            t!("choose.withdraw.yes"),
        ),
        _ => (
            t!("choose.vote.title"),
            t!("choose.vote.what"),
            t!("choose.vote.yes"),
        ),
    };
    let about = vec![
        app.about(item.kind(), item.id(), &item_title(item)),
        what.into_owned(),
    ];
    let state = ChooseState::new(choice, title.into_owned(), about, app.theme)
        .option(yes.into_owned(), String::new());
    app.overlay = Some(Overlay::Choose(state));
}

/// An item's first line, as its list row shows it.
pub fn item_title(item: &Item) -> String {
    match item {
        Item::Lesson(l) => l.title.clone(),
        Item::Question(q) => q.title.clone(),
        Item::Tip(t) => t.text.lines().next().unwrap_or("").to_string(),
        Item::Learned(l) => l.text.lines().next().unwrap_or("").to_string(),
    }
}

/// A key in a choice; it goes back unless it is done.
fn on_choose(app: &mut App, mut c: ChooseState, action: Action) {
    match action {
        Action::Up => c.move_by(-1),
        Action::Down => c.move_by(1),
        Action::Cancel => return app.say(t!("status.nothing-saved")),
        Action::Submit => {
            let value = c.chosen().map(|o| o.value.clone()).unwrap_or_default();
            if store_choice(app, c.choice, &value) {
                return;
            }
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Choose(c));
}

/// Stores what was chosen; false keeps the choice open with the reason.
pub(super) fn store_choice(app: &mut App, choice: Choice, value: &str) -> bool {
    let person = app.user.clone();
    let write = match choice {
        Choice::MeToo(question) => Write::Back {
            question,
            person,
            kind: BackingKind::MeToo,
            minutes: None,
        },
        Choice::CanHelp(question) => Write::Back {
            question,
            person,
            kind: BackingKind::CanHelp,
            minutes: None,
        },
        Choice::Vote(tip) => Write::Vote { tip, person },
        Choice::Delete(_) | Choice::Withdraw(..) | Choice::Unvote(_) => {
            match own::choice_write(app, choice) {
                Some(write) => write,
                None => return true,
            }
        }
        // Which own post: the edit form on it, or the question whether to
        // delete it (one more Enter: nothing is deleted by choosing).
        Choice::EditOwn(_) => {
            own::edit_chosen(app, value);
            return true;
        }
        Choice::DeleteOwn(_) => {
            match value.parse::<Post>() {
                Ok(post) => own::confirm_delete(app, post),
                Err(_) => app.say(t!("status.choice-gone")),
            }
            return true;
        }
        Choice::Fund(wish) => return super::wishes::give(app, wish, value),
        Choice::OwnWish(_) | Choice::FinishWish(_) | Choice::WithdrawWish(_) => {
            return super::own_wish::chosen(app, choice, value);
        }
        Choice::Join(_) => return super::join::chosen(app, value),
        Choice::FirstWish => {
            super::wish_offer::accepted(app);
            return true;
        }
        Choice::Accept(_) | Choice::Helped(_) => {
            return match engine::submit_asker(app, choice, value) {
                Ok((message, undo)) => {
                    own::saved(app, message, undo);
                    true
                }
                Err(status) => {
                    app.status.set(status);
                    false
                }
            };
        }
    };
    send::commit(app, write)
}

/// A one-line form, titled with what it saves and on which item.
pub(super) fn prompt(app: &mut App, purpose: Purpose, item: &Item) {
    let mut p = PromptState::new(purpose, app.theme);
    p.mask_codes = app.typing_asks && !matches!(purpose, Purpose::Pledge(_));
    p.about = Some(item_title(item));
    // Text a signal kept comes back where it was being written.
    let kept = match purpose {
        Purpose::Answer(question) => app.take_answer_draft(question),
        Purpose::Pledge(id) => app
            .take_form_draft("pledge", Some(id.to_string()))
            .and_then(|f| f.fields.into_iter().next()),
        Purpose::Reflection(id) => app
            .take_form_draft("reflection", Some(id.to_string()))
            .and_then(|f| {
                p.brought = f
                    .brought
                    .as_deref()
                    .and_then(crate::domain::Brought::from_name);
                f.fields.into_iter().next()
            }),
        // The wish forms are opened by the Wishes tab (`super::wishes`).
        _ => None,
    };
    if let Some(text) = kept {
        p.input = std::mem::take(&mut p.input).with_text(&text);
    }
    app.overlay = Some(Overlay::Prompt(p));
}

/// The prompt was taken out of the app; it goes back unless it is done.
fn on_prompt(app: &mut App, mut p: PromptState, action: Action) {
    // One Esc on a typed answer asks first, as in the capture form.
    let asked = std::mem::take(&mut p.cancel_asked);
    match action {
        // After "Enter again replaces…; Esc keeps it", Esc keeps it at once.
        Action::Cancel
            if !asked && !p.replace_asked && (!p.input.is_blank() || p.pending.is_some()) =>
        {
            p.cancel_asked = true;
            app.status.set(Status {
                text: t!("capture.discard-ask").into_owned(),
                error: true,
            });
        }
        Action::Cancel => return,
        Action::Type(c) => {
            p.input.insert(c);
            p.replace_asked = false;
        }
        Action::Edit(e) => {
            p.input.edit(e);
            p.replace_asked = false;
        }
        Action::Brought if matches!(p.purpose, Purpose::Reflection(_) | Purpose::WishDone(_)) => {
            p.cycle_brought()
        }
        Action::Submit if !asks_to_replace(app, &mut p) && submit_prompt(app, &mut p) => return,
        _ => {}
    }
    super::wishes::on_typed(app, &mut p);
    app.overlay = Some(Overlay::Prompt(p));
}

/// A reflection is the person's own words: a new one on a lesson that has
/// a different one does not silently replace it (as `lessons done` needs
/// `--replace`). The first Enter shows the earlier one and asks; the
/// second replaces it, Esc keeps it. True when it asked.
fn asks_to_replace(app: &mut App, p: &mut PromptState) -> bool {
    let Purpose::Reflection(id) = p.purpose else {
        return false;
    };
    let new = p.input.text().trim().to_string();
    let earlier = app.done_for(id).flatten();
    match earlier {
        Some(old) if !new.is_empty() && old != new && !p.replace_asked => {
            p.replace_asked = true;
            app.status.set(Status {
                text: t!("status.replace-reflection", old = old).into_owned(),
                error: true,
            });
            true
        }
        _ => false,
    }
}

/// Stores what the prompt asked for; false keeps the prompt open (with the
/// reason shown) so nothing typed is lost.
fn submit_prompt(app: &mut App, p: &mut PromptState) -> bool {
    let text = p.input.text().trim().to_string();
    // Words, not amounts: a badge or PIN at their end is never stored.
    if matches!(
        p.purpose,
        Purpose::Answer(_)
            | Purpose::Reflection(_)
            | Purpose::WishDone(_)
            | Purpose::FundNote { .. }
    ) && let Some((before, why)) = code_refused(app, &text)
    {
        p.input.clear();
        p.input.insert_str(&before);
        app.status.set(Status {
            text: why,
            error: true,
        });
        return false;
    }
    let person = app.user.clone();
    let write = match p.purpose {
        Purpose::Answer(question) => Write::Answer {
            question,
            person,
            text,
        },
        Purpose::Pledge(question) => {
            let minutes = text
                .parse::<i64>()
                .map_err(|_| t!("status.give-minutes").into_owned());
            match minutes.and_then(|m| pledge_minutes(m).map_err(|e| crate::i18n::invalid(&e))) {
                Ok(m) => Write::Back {
                    question,
                    person,
                    kind: BackingKind::Pledge,
                    minutes: Some(m),
                },
                Err(reason) => {
                    app.status.set(super::app::Status {
                        text: reason,
                        error: true,
                    });
                    return false;
                }
            }
        }
        Purpose::Reflection(lesson) => {
            // Undone as it was: not done, or done with the earlier reflection
            // (done before without one: the new one stays, nothing to undo).
            let undo = match app.done_for(lesson) {
                None => Some(Write::UnmarkDone {
                    lesson,
                    person: person.clone(),
                }),
                Some(Some(earlier)) => Some(Write::MarkDone {
                    lesson,
                    person: person.clone(),
                    reflection: Some(earlier),
                    brought: None,
                }),
                Some(None) => None,
            };
            let write = Write::MarkDone {
                lesson,
                person,
                reflection: (!text.is_empty()).then_some(text),
                brought: p.brought,
            };
            return send::commit_undoing(app, write, undo);
        }
        // The Wishes tab's forms: `super::wishes` answers their Enter.
        _ => return super::wishes::submit(app, p),
    };
    send::commit(app, write)
}

fn on_capture(app: &mut App, mut form: CaptureState, action: Action) {
    match capture::update(&mut form, action) {
        CaptureOutcome::Continue => {}
        // Esc: nothing is stored, and no draft made. Said, so nobody
        // wonders whether it was saved.
        CaptureOutcome::Cancel => {
            if form.has_text() {
                app.say(t!("status.nothing-saved"));
            }
            return;
        }
        CaptureOutcome::Discard(id) => {
            match app.around.drafts.as_ref().map(|d| d.delete(&id)) {
                Some(Err(e)) => form.error = Some(e.to_string()),
                // Said, as Esc says nothing was saved: gone without a
                // word looked like a key that did nothing.
                _ => app.say(t!("status.draft-discarded")),
            }
            if form.offer_only && form.offered().is_none() {
                return;
            }
        }
        CaptureOutcome::Save(kind, draft) => {
            if save_capture(app, &mut form, kind, &draft) {
                return;
            }
        }
    }
    super::similar::refresh(app, &mut form);
    app.overlay = Some(Overlay::Capture(form));
}

/// How much a new kiosk question looks like the next worker logging in
/// at a screen the last one left open: their name would become a public
/// question under someone else's name.
#[derive(PartialEq)]
enum Login {
    No,
    /// One word (a name, a PIN): a question needs a few words.
    Surely,
    /// Two or three words and no question mark ("piet Jansen"): asked once
    /// whether it is a name; Enter again on the same text saves it.
    Maybe,
}

fn looks_like_a_login(app: &App, form: &CaptureState, kind: Kind, text: &str) -> Login {
    if !app.typing_asks || kind != Kind::Question || form.editing.is_some() {
        return Login::No;
    }
    let words = text.split_whitespace().count();
    if words < 2 {
        Login::Surely
    } else if words <= 3 && !text.contains('?') && form.name_asked.as_deref() != Some(text.trim()) {
        Login::Maybe
    } else {
        Login::No
    }
}

/// At a kiosk, a code at the end of `text` ([`crate::domain::code::hidden_from`]):
/// a badge scanned into a screen left logged in, or a name and PIN typed
/// there. The text without it, and why nothing was saved, naming whose
/// screen this still is so the next worker knows to leave.
pub(super) fn code_refused(app: &App, text: &str) -> Option<(String, String)> {
    if !app.typing_asks {
        return None;
    }
    let start = crate::domain::code::hidden_from(text)?;
    let before = crate::domain::code::before_code(text, Some(start)).to_string();
    let name = own_name(app);
    let why = if before.trim().is_empty() {
        t!("capture.kiosk-code", name = name)
    } else if crate::domain::code::is_number(&text[start..]) {
        // Most likely a phone number ("Bel 0612345678"): said, with the
        // way to keep one that no scanner types (spaces between).
        t!("capture.kiosk-number-at-end", name = name)
    } else {
        t!("capture.kiosk-code-at-end", name = name)
    };
    Some((before, why.into_owned()))
}

/// The display name of who is logged in.
fn own_name(app: &App) -> String {
    match app.store.person(&app.user) {
        Ok(Some(p)) => p.name,
        _ => app.user.clone(),
    }
}

/// Stores a capture, or keeps it in the outbox (else as a draft) when the
/// database can't take it; true when the form is done. Bad input keeps the
/// form, with the reason.
fn save_capture(app: &mut App, form: &mut CaptureState, kind: Kind, draft: &Draft) -> bool {
    // Nothing typed: say what to do, in a sentence (not "de vraag is leeg").
    if draft.text.trim().is_empty() {
        let what = match kind {
            Kind::Question => t!("capture.write-first.question"),
            Kind::Learned => t!("capture.write-first.learned"),
            _ => t!("capture.write-first.tip"),
        };
        form.error = Some(what.into_owned());
        return false;
    }
    // A badge or PIN typed into a kiosk left logged in is nobody's post,
    // in any kind (issue 11); a word alone is no question there. Both
    // name whose screen this still is, so the next worker knows to leave.
    // A code after text (a badge scanned after it, a name and its PIN) is
    // taken out of the field, never stored, and said so; a code alone
    // stays in the field, in dots.
    let code = code_refused(app, &draft.text);
    let login = looks_like_a_login(app, form, kind, &draft.text);
    if login == Login::Maybe && code.is_none() {
        form.name_asked = Some(draft.text.trim().to_string());
        form.error = Some(t!("capture.kiosk-maybe-a-name", name = own_name(app)).into_owned());
        return false;
    }
    if login == Login::Surely || code.is_some() {
        let why = match code {
            Some((before, why)) if !before.is_empty() => {
                form.text = form.text.clone().with_text(&before);
                why
            }
            Some((_, why)) if kind != Kind::Question => why,
            _ => t!("capture.kiosk-one-word", name = own_name(app)).into_owned(),
        };
        form.error = Some(why);
        return false;
    }
    if let Some(post) = form.editing {
        // An item's tags are in the form too; an answer has none.
        let tags = form.edit_tags.as_ref().map(|_| draft.tags.clone());
        let write = Write::Edit {
            post,
            person: app.user.clone(),
            text: draft.text.clone(),
            tags,
        };
        return match app.send(&write) {
            Ok(Some(done)) => {
                // Undone as it was: the old text, and the old tags.
                let undo = write.inverse(&done).map(|undo| match undo {
                    Write::Edit {
                        post, person, text, ..
                    } => Write::Edit {
                        post,
                        person,
                        text,
                        tags: form.edit_tags.clone(),
                    },
                    other => other,
                });
                own::saved(app, send::said(&write, &done, app.typing_asks), undo);
                true
            }
            Ok(None) => true,
            // The form stays open with the text and the reason.
            Err(reason) => {
                form.error = Some(reason);
                false
            }
        };
    }
    let places = crate::capture::Places {
        outbox: app.around.outbox.as_ref(),
        spec: &app.around.spec,
        drafts: app.around.drafts.as_ref(),
    };
    let saved = crate::capture::save(
        Ok(&*app.store),
        &places,
        &app.user,
        kind,
        draft,
        form.restored.as_deref(),
    );
    app.count_waiting();
    match saved {
        Ok(Saved::Stored(id)) => {
            let write = Write::Add {
                kind,
                person: app.user.clone(),
                draft: draft.clone(),
            };
            let done = Done::Added(id);
            own::saved(
                app,
                send::said(&write, &done, app.typing_asks),
                write.inverse(&done),
            );
            app.go_to(id);
            true
        }
        // In a worker's words, in the pane as at a kiosk (`crate::plain`).
        Ok(Saved::Queued { plain, passes, .. }) => {
            app.said_queued(&plain, passes);
            true
        }
        // No file path and no OS detail (the reason may name either): the
        // draft is offered at the next form.
        Ok(Saved::Drafted { .. }) => {
            app.status.set(Status {
                text: t!("status.not-saved-drafted.words").into_owned(),
                error: true,
            });
            true
        }
        Err(e) => {
            form.error = Some(e.to_string());
            false
        }
    }
}
