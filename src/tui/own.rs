//! The person's own posts in the pane: `e` on one changes its text, `x`
//! deletes it (after asking), the key of a backing or vote pressed again
//! takes it back, and `u` undoes the last write of this session by
//! applying its inverse ([`Undo`], kept in [`App::undo`]).

use super::app::{App, Overlay};
use super::views::capture::CaptureState;
use super::views::choose::Choice;
use crate::domain::post::join_question;
use crate::domain::{BackingKind, Item, Post, Undo};
use crate::store::StoreError;

/// A write went through: say so, and how to take it back when it can be.
pub fn saved(app: &mut App, message: impl Into<String>, undo: Option<Undo>) {
    let message = message.into();
    let changed = matches!(undo, Some(Undo::Edit { .. } | Undo::Restore { .. }));
    match undo {
        Some(undo) => {
            app.undo.push(undo);
            let key = app.undo_key();
            app.say(t!("status.undo-hint", key = key, what = message));
        }
        None => app.say(message),
    }
    app.reload();
    if changed {
        app.rebuild_index();
    }
}

/// `u`: the last write of this session, taken back. One that can no
/// longer be applied (the post was deleted elsewhere) is dropped, with
/// the reason.
pub fn undo_last(app: &mut App) {
    let Some(undo) = app.undo.pop() else {
        return app.say(t!("status.nothing-to-undo"));
    };
    let user = app.user.clone();
    match app.store.undo(&user, &undo) {
        Ok(()) => {
            app.say(t!("status.undone"));
            app.reload();
            // A post went away or its text changed back.
            if matches!(undo, Undo::Delete(_) | Undo::Edit { .. }) {
                app.rebuild_index();
            }
        }
        Err(e) => app.report(&e),
    }
}

/// The person's own tip, question or learned entry under the cursor (or
/// open), with its text as it is typed.
fn own_post(app: &App) -> Option<(Post, String)> {
    let item = app.target_item()?;
    if item.author() != Some(app.user.as_str()) {
        return None;
    }
    let text = match &item {
        Item::Tip(t) => t.text.clone(),
        Item::Learned(l) => l.text.clone(),
        Item::Question(q) => join_question(&q.title, &q.body),
        Item::Lesson(_) => return None,
    };
    Some((Post::Item(item.id()), text))
}

/// `e` on an own post: the form with its text. False when the item under
/// the cursor is not the person's own (then `e` edits the profile).
pub fn edit(app: &mut App) -> bool {
    let Some((post, text)) = own_post(app) else {
        return false;
    };
    let form = CaptureState::new(post.item().kind, None, app.theme).editing(post, &text);
    app.overlay = Some(Overlay::Capture(form));
    true
}

/// The choice that deletes the person's own post; a colleague's or a
/// lesson cannot be.
pub fn delete_choice(app: &mut App) -> Option<Choice> {
    match own_post(app) {
        Some((post, _)) => Some(Choice::Delete(post)),
        None => {
            app.say(t!("status.not-yours"));
            None
        }
    }
}

/// True when the person already backed `item` this way.
pub fn backed(item: &Item, user: &str, kind: BackingKind) -> bool {
    matches!(item, Item::Question(q) if q.backings.iter().any(|b| b.person == user && b.kind == kind))
}

/// True when the person already voted for `item`.
pub fn voted(item: &Item, user: &str) -> bool {
    matches!(item, Item::Tip(t) if t.votes.iter().any(|v| v.person == user))
}

/// Stores one of the own-post choices: what to say, and its inverse.
pub fn store_choice(
    app: &mut App,
    choice: Choice,
) -> Option<Result<(String, Option<Undo>), StoreError>> {
    let user = app.user.clone();
    Some(match choice {
        Choice::Delete(post) => app.store.delete(post, &user).map(|text| {
            (
                t!("status.deleted", id = post).into_owned(),
                Some(Undo::Restore { post, text }),
            )
        }),
        Choice::Withdraw(question, kind) => {
            app.store.withdraw(question, &user, kind).map(|taken| {
                let undo = taken.map(|b| Undo::Back {
                    question,
                    kind,
                    minutes: b.minutes,
                });
                (t!("status.withdrawn").into_owned(), undo)
            })
        }
        Choice::Unvote(tip) => app.store.unvote(tip, &user).map(|was| {
            (
                t!("status.withdrawn").into_owned(),
                was.then_some(Undo::Vote(tip)),
            )
        }),
        _ => return None,
    })
}
