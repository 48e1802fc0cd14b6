//! `update`: what an action does to the pane. No terminal here, so every
//! path is tested by calling it with actions.

use super::action::Action;
use super::app::Status;
use super::app::{App, Overlay, Screen, Tab};
use super::engine;
use super::views::capture::{self, CaptureOutcome, CaptureState};
use super::views::detail::DetailState;
use super::views::prompt::{PromptState, Purpose};
use crate::capture::Saved;
use crate::domain::validate::pledge_minutes;
use crate::domain::{BackingKind, Draft, Item, Kind};

/// Rows moved by PageUp/PageDown; the panes are at least this tall to be usable.
const PAGE: isize = 10;

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    // A message stays until the next key, so it is read, then gets out of the way.
    app.status = None;
    match app.overlay.take() {
        Some(Overlay::Capture(form)) => return on_capture(app, form, action),
        Some(Overlay::Prompt(prompt)) => return on_prompt(app, prompt, action),
        Some(Overlay::Profile(form)) => return engine::on_profile(app, form, action),
        // Help takes its keys in `App::on_key`; any action closes it.
        Some(Overlay::Help(_)) | None => {}
    }
    if matches!(app.stack.last(), Some(Screen::Review(_))) && action != Action::Help {
        return engine::on_review(app, action);
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Review => engine::start_review(app),
        Action::EditProfile => engine::edit_profile(app),
        Action::NextTab => app.switch_tab(Tab::from_index(app.tab.index() + 1)),
        Action::PrevTab => app.switch_tab(Tab::from_index(app.tab.index() + Tab::ALL.len() - 1)),
        Action::GoTab(n) => app.switch_tab(Tab::from_index(usize::from(n))),
        Action::Help => app.open_help(),
        Action::Search => app.open_search(""),
        Action::Capture => {
            app.overlay = Some(Overlay::Capture(app.capture_form(Kind::Tip, None)));
        }
        Action::Back => {
            app.stack.pop();
            app.sync_preview();
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
        other => return on_item(app, other),
    };
    if app.tab == Tab::Team {
        app.team.move_by(delta);
    } else if let Some(list) = app.list_mut(app.tab) {
        list.move_by(delta);
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
    let done = app.done_for(item.id());
    let mut d = DetailState::item(item, &app.user, done, app.theme);
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
        Action::Cancel if !s.query().is_empty() => {
            s.input.clear();
            s.set_hits(Vec::new(), 0);
        }
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
    let kind = super::app::kind_word(id.kind);
    let wrong = |what: std::borrow::Cow<'_, str>| t!("status.wrong-kind", what = what, kind = kind);
    match (action, &item) {
        (Action::Answer, Item::Question(_)) => prompt(app, Purpose::Answer(id)),
        (Action::Pledge, Item::Question(_)) => prompt(app, Purpose::Pledge(id)),
        (Action::MarkDone, Item::Lesson(_)) => prompt(app, Purpose::Reflection(id)),
        (Action::Accept | Action::Helped, _) => engine::asker_prompt(app, action),
        (Action::MeToo | Action::CanHelp, Item::Question(_)) => {
            let (kind, said) = if action == Action::MeToo {
                (BackingKind::MeToo, t!("status.me-too"))
            } else {
                (BackingKind::CanHelp, t!("status.can-help"))
            };
            let r = app.store.back(id, &app.user, kind, None);
            if app.ok(r).is_some() {
                app.say(said);
                app.reload();
            }
        }
        (Action::Vote, Item::Tip(_)) => {
            let r = app.store.vote(id, &app.user);
            match app.ok(r) {
                Some(true) => {
                    app.say(t!("status.voted", id = id));
                    app.reload();
                }
                Some(false) => app.say(t!("status.voted-already", id = id)),
                None => {}
            }
        }
        (Action::Answer | Action::MeToo | Action::CanHelp | Action::Pledge, _) => {
            app.say(wrong(t!("status.questions-only")));
        }
        (Action::Vote, _) => app.say(wrong(t!("status.tips-only"))),
        (Action::MarkDone, _) => app.say(wrong(t!("status.lessons-only-done"))),
        _ => {}
    }
}

fn prompt(app: &mut App, purpose: Purpose) {
    app.overlay = Some(Overlay::Prompt(PromptState::new(purpose, app.theme)));
}

/// The prompt was taken out of the app; it goes back unless it is done.
fn on_prompt(app: &mut App, mut p: PromptState, action: Action) {
    match action {
        Action::Cancel => return,
        Action::Type(c) => p.input.insert(c),
        Action::Edit(e) => {
            p.input.edit(e);
        }
        Action::Brought if matches!(p.purpose, Purpose::Reflection(_)) => p.cycle_brought(),
        Action::Submit if submit_prompt(app, &p) => return,
        _ => {}
    }
    app.overlay = Some(Overlay::Prompt(p));
}

/// Stores what the prompt asked for; false keeps the prompt open (with the
/// reason shown) so nothing typed is lost.
fn submit_prompt(app: &mut App, p: &PromptState) -> bool {
    let text = p.input.text().trim().to_string();
    let user = app.user.clone();
    let result = match p.purpose {
        Purpose::Answer(id) => app
            .store
            .answer(id, &user, &text)
            .map(|_| t!("status.answer-saved", id = id).into_owned()),
        Purpose::Pledge(id) => {
            let minutes = text
                .parse::<i64>()
                .map_err(|_| t!("status.give-minutes").into_owned());
            match minutes.and_then(|m| pledge_minutes(m).map_err(|e| crate::i18n::invalid(&e))) {
                Ok(m) => app
                    .store
                    .back(id, &user, BackingKind::Pledge, Some(m))
                    .map(|()| {
                        t!("status.pledged", minutes = crate::i18n::minutes(m), id = id)
                            .into_owned()
                    }),
                Err(reason) => {
                    app.status = Some(super::app::Status {
                        text: reason,
                        error: true,
                    });
                    return false;
                }
            }
        }
        Purpose::Reflection(id) => {
            let reflection = (!text.is_empty()).then_some(text.as_str());
            app.store
                .mark_done_with(&user, id, reflection, p.brought)
                .map(|()| t!("status.lesson-done").into_owned())
        }
        Purpose::Accept(_) | Purpose::Helped(_) => {
            match engine::submit_asker(app, p.purpose, &text) {
                Ok(message) => Ok(message),
                Err(status) => {
                    app.status = Some(status);
                    return false;
                }
            }
        }
    };
    match result {
        Ok(message) => {
            app.say(message);
            app.reload();
            true
        }
        Err(e) => {
            app.report(&e);
            false
        }
    }
}

fn on_capture(app: &mut App, mut form: CaptureState, action: Action) {
    match capture::update(&mut form, action) {
        CaptureOutcome::Continue => {}
        CaptureOutcome::Cancel(None) => return,
        CaptureOutcome::Cancel(Some((kind, draft))) => {
            // Esc on a filled form keeps the text for later.
            let kept = crate::capture::keep(
                app.around.drafts.as_ref(),
                &app.user,
                kind,
                &draft,
                form.restored.as_deref(),
            );
            match kept {
                Ok(path) => {
                    app.say(t!("status.kept-draft", path = path.display()));
                    return;
                }
                Err(e) => form.error = Some(t!("status.draft-failed", reason = e).into_owned()),
            }
        }
        CaptureOutcome::Discard(id) => {
            if let Some(drafts) = &app.around.drafts
                && let Err(e) = drafts.delete(&id)
            {
                form.error = Some(e.to_string());
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
    app.overlay = Some(Overlay::Capture(form));
}

/// Stores a capture, or keeps it as a draft when the database can't take
/// it; true when the form is done. Bad input keeps the form, with the reason.
fn save_capture(app: &mut App, form: &mut CaptureState, kind: Kind, draft: &Draft) -> bool {
    let saved = crate::capture::save(
        Ok(&*app.store),
        app.around.drafts.as_ref(),
        &app.user,
        kind,
        draft,
        form.restored.as_deref(),
    );
    match saved {
        Ok(Saved::Stored(id)) => {
            app.say(t!("status.saved", id = id));
            app.reload();
            true
        }
        Ok(Saved::Drafted { reason, path }) => {
            app.status = Some(Status {
                text: t!(
                    "status.not-saved-drafted",
                    reason = reason,
                    path = path.display()
                )
                .into_owned(),
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
