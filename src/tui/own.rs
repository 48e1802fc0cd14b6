//! The person's own posts in the pane: `e` on one changes its text, `x`
//! deletes it (after asking), the key of a backing or vote pressed again
//! takes it back, and `u` undoes the last write of this session by
//! applying its inverse (a [`Write`], kept in [`App::undo`]).

use super::action::Action;
use super::app::{App, Overlay};
use super::views::capture::CaptureState;
use super::views::choose::{Choice, ChooseState};
use crate::domain::post::join_question;
use crate::domain::{BackingKind, Item, ItemId, Post, Write};

/// A write went through: say so, and how to take it back when it can be.
pub fn saved(app: &mut App, message: impl Into<String>, undo: Option<Write>) {
    let message = message.into();
    // Without the PIN nothing can be taken back: no undo is promised.
    let undo = undo.filter(|_| !app.public);
    let changed = matches!(undo, Some(Write::Edit { .. } | Write::Restore { .. }));
    match undo {
        Some(undo) => {
            // A deletion is no save: it says what went, then the undo key.
            let hint = if matches!(undo, Write::Restore { .. }) {
                "status.undo-hint-deleted"
            } else {
                "status.undo-hint"
            };
            app.undo = Some(undo);
            let key = app.undo_key();
            app.say(t!(hint, key = key, what = message));
        }
        None => app.say(message),
    }
    app.reload();
    if changed {
        app.rebuild_index();
    }
}

/// `u`: the write just made, taken back. One that can no longer be
/// applied (the post was deleted elsewhere) is dropped, with the reason.
pub fn undo_last(app: &mut App) {
    let Some(undo) = app.undo.take() else {
        return app.say(t!("status.nothing-to-undo"));
    };
    // Named before it is applied: a post taken back cannot be read after.
    let what = undone_what(app, &undo);
    // Straight to the store, not the outbox: an undo that could only be
    // sent later would take back what the person may have built on since.
    match app.store.apply(&undo) {
        Ok(_) => {
            app.say(t!("status.undone", what = what));
            app.reload();
            // A post went away or its text changed back.
            if matches!(undo, Write::Delete { .. } | Write::Edit { .. }) {
                app.rebuild_index();
            }
        }
        Err(e) => {
            app.report(&e);
            // Busy, say: `u` again later still finds it.
            if e.keeps_text() {
                app.undo = Some(undo);
            }
        }
    }
}

/// What an undo takes back, as the person recognises it: the post's id
/// and the start of its text ("q15 ‘Waar ligt…’ taken away").
fn undone_what(app: &mut App, undo: &Write) -> String {
    let user = app.user.clone();
    let quote = |text: &str| {
        let line = text.lines().next().unwrap_or("").trim();
        let short: String = line.chars().take(24).collect();
        if short.chars().count() < line.chars().count() {
            format!("‘{short}…’")
        } else {
            format!("‘{short}’")
        }
    };
    // A kiosk names a post by its words only: an id means nothing there.
    let words = app.typing_asks;
    let named = |id: String, text: String| {
        if words { text } else { format!("{id} {text}") }
    };
    let question = |app: &mut App, id: ItemId| match app.store.get(id, &user) {
        Ok(item) => named(id.to_string(), quote(item.title())),
        Err(_) if words => crate::i18n::kind_word(id.kind),
        Err(_) => id.to_string(),
    };
    match undo {
        Write::Delete { post, .. } => {
            let text = match post {
                Post::Item(id) => app.store.get(*id, &user).ok().map(|i| item_text(&i)),
                Post::Answer { question, answer } => match app.store.get(*question, &user) {
                    Ok(Item::Question(q)) => q
                        .answers
                        .iter()
                        .find(|a| a.id == *answer)
                        .map(|a| a.body.clone()),
                    _ => None,
                },
            };
            let name = match text {
                Some(text) => named(post.to_string(), quote(&text)),
                None if words => {
                    super::send::own_words(post.item().kind, matches!(post, Post::Answer { .. }))
                }
                None => post.to_string(),
            };
            t!("status.undone-post", what = name).into_owned()
        }
        Write::Edit { post, text, .. } if words => t!(
            "status.undone-edit",
            post = super::send::own_words(post.item().kind, matches!(post, Post::Answer { .. })),
            text = quote(text)
        )
        .into_owned(),
        Write::Edit { post, text, .. } => {
            t!("status.undone-edit", post = post, text = quote(text)).into_owned()
        }
        Write::Restore { post, text, .. } => t!(
            "status.undone-restore",
            what = named(post.to_string(), quote(text))
        )
        .into_owned(),
        Write::Withdraw { question: id, .. }
        | Write::Back { question: id, .. }
        | Write::Accept { question: id, .. }
        | Write::Unaccept { question: id, .. }
        | Write::Helped { question: id, .. }
        | Write::Unhelped { question: id, .. }
        | Write::Answer { question: id, .. }
        | Write::MarkAnswersSeen { question: id, .. }
        | Write::Vote { tip: id, .. }
        | Write::Unvote { tip: id, .. }
        | Write::Remember { tip: id, .. }
        | Write::MarkDone { lesson: id, .. } => {
            let name = question(app, *id);
            t!("status.undone-on", what = name).into_owned()
        }
        Write::UnmarkDone { lesson, .. } => {
            let name = question(app, *lesson);
            t!("status.undone-done", what = name).into_owned()
        }
        Write::Add { draft, .. } => t!("status.undone-on", what = quote(&draft.text)).into_owned(),
    }
}

/// The whole text of a tip, question or learned entry, as it was typed.
fn item_text(item: &Item) -> String {
    match item {
        Item::Tip(t) => t.text.clone(),
        Item::Learned(l) => l.text.clone(),
        Item::Question(q) => q.title.clone(),
        Item::Lesson(l) => l.title.clone(),
    }
}

/// One of the person's own posts on the item under the cursor (or open):
/// the item itself, or one of their answers on a question. With its text
/// as it is typed, and how a list of choices names it.
#[derive(Debug, Clone)]
pub struct OwnPost {
    pub post: Post,
    pub text: String,
    pub label: String,
}

/// The person's own posts on the item under the cursor (or open): a tip,
/// question or learned entry they wrote, and their answers on a question.
pub fn own_posts(app: &App) -> Vec<OwnPost> {
    let Some(item) = app.target_item() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let first_line = |s: &str| s.lines().next().unwrap_or("").to_string();
    if item.author() == Some(app.user.as_str()) {
        let text = match &item {
            Item::Tip(t) => Some(t.text.clone()),
            Item::Learned(l) => Some(l.text.clone()),
            Item::Question(q) => Some(join_question(&q.title, &q.body)),
            Item::Lesson(_) => None,
        };
        if let Some(text) = text {
            out.push(OwnPost {
                post: Post::Item(item.id()),
                label: format!(
                    "{}: {}",
                    crate::i18n::kind_word(item.kind()),
                    first_line(&text)
                ),
                text,
            });
        }
    }
    if let Item::Question(q) = &item {
        for a in q.answers.iter().filter(|a| a.author == app.user) {
            out.push(OwnPost {
                post: Post::Answer {
                    question: q.id,
                    answer: a.id,
                },
                label: t!("choose.own-answer", text = first_line(&a.body)).into_owned(),
                text: a.body.clone(),
            });
        }
    }
    out
}

/// True for a question asked anonymously: linked to nobody, so nobody can
/// change or delete it, its asker neither.
fn anonymous_question(app: &App) -> bool {
    matches!(app.target_item(), Some(Item::Question(q)) if q.author.is_none())
}

/// `e` on an own post: the form with its text; with several (a question
/// and answers on it), first the choice which. False when there is none
/// here (then `e` edits the profile).
pub fn edit(app: &mut App) -> bool {
    let mut posts = own_posts(app);
    match posts.len() {
        0 if anonymous_question(app) => {
            app.say(t!("status.anonymous-stays"));
            true
        }
        0 => false,
        1 => {
            let own = posts.remove(0);
            edit_post(app, own.post, &own.text);
            true
        }
        _ => {
            pick(app, Choice::EditOwn, posts);
            true
        }
    }
}

/// Opens the edit form on `post`, holding `text`.
pub fn edit_post(app: &mut App, post: Post, text: &str) {
    let mut form = CaptureState::new(post.item().kind, None, app.theme).editing(post, text);
    // An item's tags can be changed with its text (an answer has none).
    if let (Post::Item(id), Some(item)) = (post, app.target_item())
        && item.id() == id
    {
        form = form.with_edit_tags(item.tags());
    }
    // Changes a signal kept come back in the form; the post's text as it
    // is stays what "unchanged" means.
    if let Some(kept) = app.take_form_draft("edit", Some(post.to_string()))
        && let Some(changed) = kept.fields.into_iter().next()
    {
        form.text = std::mem::take(&mut form.text).with_text(&changed);
    }
    app.overlay = Some(Overlay::Capture(form));
}

/// The edit form on the own post a choice named (`q4#2`, `t7`).
pub fn edit_chosen(app: &mut App, value: &str) {
    let chosen = own_posts(app)
        .into_iter()
        .find(|o| o.post.to_string() == value);
    match chosen {
        Some(own) => edit_post(app, own.post, &own.text),
        None => app.say(t!("status.choice-gone")),
    }
}

/// `x`: the choice that deletes the person's own post (with several,
/// which one); a colleague's, an anonymous question or a lesson cannot be.
pub fn delete(app: &mut App) {
    let mut posts = own_posts(app);
    match posts.len() {
        0 if anonymous_question(app) => app.say(t!("status.anonymous-stays")),
        0 => app.say(t!("status.not-yours")),
        1 => confirm_delete(app, posts.remove(0).post),
        _ => pick(app, Choice::DeleteOwn, posts),
    }
}

/// "Delete this?" for one own post; said at once when it cannot be: a
/// question colleagues answered stays for their answers (the store
/// refuses it too, for every way in).
pub fn confirm_delete(app: &mut App, post: Post) {
    let Some(item) = app.target_item() else {
        return;
    };
    if let (Post::Item(id), Item::Question(q)) = (post, &item)
        && q.answers.iter().any(|a| a.author != app.user)
    {
        let why = crate::domain::ValidationError::AnsweredByOthers(id);
        return app.say(crate::i18n::invalid(&why));
    }
    super::update::confirm(app, Choice::Delete(post), &item);
}

/// A list of the person's own posts here to choose from.
fn pick(app: &mut App, choice: fn(ItemId) -> Choice, posts: Vec<OwnPost>) {
    let Some(item) = app.target_item() else {
        return;
    };
    let choice = choice(item.id());
    let title = match choice {
        Choice::EditOwn(_) => t!("choose.edit-own.title"),
        _ => t!("choose.delete-own.title"),
    };
    let about = vec![app.about(item.kind(), item.id(), &super::update::item_title(&item))];
    let mut state = ChooseState::new(choice, title.into_owned(), about, app.theme);
    for own in posts {
        state = state.option(own.label, own.post.to_string());
    }
    app.overlay = Some(Overlay::Choose(state));
}

/// True when the person already backed `item` this way.
pub fn backed(item: &Item, user: &str, kind: BackingKind) -> bool {
    matches!(item, Item::Question(q) if q.backings.iter().any(|b| b.person == user && b.kind == kind))
}

/// True when `item` is `user`'s own question (not anonymous): backing
/// is for colleagues' questions (the store refuses it too).
pub fn own_question(item: &Item, user: &str) -> bool {
    matches!(item, Item::Question(q) if q.author.as_deref() == Some(user))
}

/// True when the person already voted for `item`.
pub fn voted(item: &Item, user: &str) -> bool {
    matches!(item, Item::Tip(t) if t.votes.iter().any(|v| v.person == user))
}

/// What an item key takes back, pressed again where the person voted or
/// backed already: one table for what the key does (`update::on_item`)
/// and what its hint and help say (`hints.rs`), so they cannot drift
/// apart (a tester read "+ stemmen" on a tip showing "1 stem (jij)", and
/// `+` opened "Dit terugnemen?").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TakesBack {
    Vote,
    Backing(BackingKind),
    /// The kiosk's `+` on a question backed in some of its ways: its
    /// choice backs in the others and takes back those (`join::offer`).
    SomeWays,
    /// The kiosk's `+` on a question backed in every way: its choice
    /// only takes back.
    AllWays,
}

/// What `action` on `item` takes back for `user`; `kiosk` where `+` is
/// the one key that backs (on a tip it votes). `None`: it backs or votes,
/// or does something else.
pub fn takes_back(item: &Item, user: &str, action: Action, kiosk: bool) -> Option<TakesBack> {
    let ways = &super::join::WAYS;
    let taken = || ways.iter().filter(|(k, _)| backed(item, user, *k)).count();
    match (action, item) {
        // Not on one's own or an imported tip, whose vote is refused
        // before anything is asked (and could not come back by an undo).
        (Action::Vote, Item::Tip(t)) | (Action::MeToo, Item::Tip(t))
            if (action == Action::Vote || kiosk)
                && voted(item, user)
                && t.reference.is_none()
                && t.author != user =>
        {
            Some(TakesBack::Vote)
        }
        (Action::MeToo, Item::Question(q)) if kiosk && q.reference.is_none() => match taken() {
            0 => None,
            n if n == ways.len() => Some(TakesBack::AllWays),
            _ => Some(TakesBack::SomeWays),
        },
        (Action::MeToo, Item::Question(_)) => {
            backed(item, user, BackingKind::MeToo).then_some(TakesBack::Backing(BackingKind::MeToo))
        }
        (Action::CanHelp, Item::Question(_)) => backed(item, user, BackingKind::CanHelp)
            .then_some(TakesBack::Backing(BackingKind::CanHelp)),
        (Action::Pledge, Item::Question(_)) => backed(item, user, BackingKind::Pledge)
            .then_some(TakesBack::Backing(BackingKind::Pledge)),
        _ => None,
    }
}

/// The write one of the own-post choices makes.
pub fn choice_write(app: &App, choice: Choice) -> Option<Write> {
    let person = app.user.clone();
    Some(match choice {
        Choice::Delete(post) => Write::Delete { post, person },
        Choice::Withdraw(question, kind) => Write::Withdraw {
            question,
            person,
            kind,
        },
        Choice::Unvote(tip) => Write::Unvote { tip, person },
        _ => return None,
    })
}
