//! One's own open wish, opened on the Wishes tab: Enter asks what to do
//! with it (give to it, change it, it is done, withdraw it), and `e`, `d`
//! and `x` go to each straight away. Done asks a line on how it went and
//! what it brought (Tab); both done and withdraw then show what happens
//! to the money before anything is written: withdrawn, every gift goes
//! back to whoever gave it; done, what it was given stays spent on it.

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::views::choose::{Choice, ChooseState};
use super::views::prompt::{PromptState, Purpose};
use super::wishes::{refusal, refuse, reload};
use crate::domain::Brought;
use crate::domain::wish::{Finish, Wish, WishId};
use crate::i18n::amount;
use crate::store::StoreError;

/// The menu's options, by the value each carries.
const GIVE: &str = "give";
const EDIT: &str = "edit";
const DONE: &str = "done";
const WITHDRAW: &str = "withdraw";

/// Enter on one's own opened wish: what to do with it.
pub fn choose(app: &mut App, w: &Wish) {
    let mut state = ChooseState::new(
        Choice::OwnWish(w.id),
        crate::t!("choose.own-wish.title").into_owned(),
        vec![w.text.clone()],
        app.theme,
    );
    if app.wishes.can_fund(w) {
        state = state.option(
            crate::t!("choose.own-wish.give").into_owned(),
            GIVE.to_string(),
        );
    }
    state = state
        .option(
            crate::t!("choose.own-wish.edit").into_owned(),
            EDIT.to_string(),
        )
        .option(
            crate::t!("choose.own-wish.done").into_owned(),
            DONE.to_string(),
        )
        .option(
            crate::t!("choose.own-wish.withdraw").into_owned(),
            WITHDRAW.to_string(),
        );
    app.overlay = Some(Overlay::Choose(state));
}

/// `d`, `x` or `e` on one's own open wish.
pub fn on_key(app: &mut App, action: Action, w: &Wish) {
    match action {
        Action::MarkDone => ask_done(app, w),
        Action::Delete => ask_withdraw(app, w),
        _ => super::wish_form::open_edit(app, w),
    }
}

/// Enter in one of this module's choices; true when it is done with.
pub fn chosen(app: &mut App, choice: Choice, value: &str) -> bool {
    let Some(w) = app.wishes.selected_wish().cloned() else {
        return true;
    };
    match choice {
        Choice::OwnWish(id) if id == w.id => {
            match value {
                GIVE => {
                    super::wishes::on_action(app, Action::Fund);
                }
                EDIT => super::wish_form::open_edit(app, &w),
                DONE => ask_done(app, &w),
                _ => ask_withdraw(app, &w),
            }
            true
        }
        Choice::FinishWish(id) if id == w.id => finish(app, id, value),
        Choice::WithdrawWish(id) if id == w.id => withdraw(app, id),
        // The list moved under the choice (a colleague's change): nothing
        // is written to a wish the person no longer sees.
        _ => {
            app.say(crate::t!("status.choice-gone"));
            true
        }
    }
}

/// The done form: a line on how it went; Tab chooses what it brought.
fn ask_done(app: &mut App, w: &Wish) {
    let mut p = PromptState::new(Purpose::WishDone(w.id), app.theme);
    p.mask_codes = app.typing_asks;
    p.about = Some(w.text.clone());
    // A reflection an idle logout kept comes back.
    if let Some(kept) = app.take_form_draft("wish-done", Some(w.id.to_string())) {
        p.brought = kept.brought.as_deref().and_then(Brought::from_name);
        if let Some(text) = kept.fields.into_iter().next() {
            p.input = std::mem::take(&mut p.input).with_text(&text);
        }
    }
    app.overlay = Some(Overlay::Prompt(p));
}

/// What the wish holds, in words: `€ 250 en 6 uur`, or `None` for nothing.
fn held(w: &Wish) -> Option<String> {
    (w.given_cents > 0 || w.given_minutes > 0).then(|| amount(w.given_cents, w.given_minutes))
}

/// Enter in the done form: the confirmation, saying what it brought and
/// that what the wish was given stays spent on it.
pub fn confirm_done(app: &mut App, id: WishId, p: &PromptState) -> bool {
    let reflection = p.input.text().trim().to_string();
    let finish = Finish {
        reflection: (!reflection.is_empty()).then(|| reflection.clone()),
        brought: p.brought,
    };
    if let Err(e) = finish.checked() {
        return refuse(app, refusal(&e));
    }
    let Some(w) = app.wishes.selected_wish().filter(|w| w.id == id).cloned() else {
        return refuse(app, crate::t!("wishes.gone").into_owned());
    };
    let mut about = vec![w.text.clone()];
    // What was typed, once more, before it is kept with the wish.
    if !reflection.is_empty() {
        let said = crate::t!("choose.wish-done.reflection", text = reflection.as_str());
        about.push(said.into_owned());
    }
    about.push(match held(&w) {
        Some(money) => crate::t!("choose.wish-done.money", amount = money).into_owned(),
        None => crate::t!("choose.wish-done.nothing").into_owned(),
    });
    if let Some(b) = p.brought {
        let word = crate::i18n::brought_word(b.name());
        about.push(crate::t!("choose.wish-done.brought", choice = word).into_owned());
    }
    let value = format!(
        "{}\t{reflection}",
        p.brought.map(Brought::name).unwrap_or_default()
    );
    let state = ChooseState::new(
        Choice::FinishWish(id),
        crate::t!("choose.wish-done.title").into_owned(),
        about,
        app.theme,
    )
    .option(crate::t!("choose.wish-done.yes").into_owned(), value);
    app.overlay = Some(Overlay::Choose(state));
    true
}

/// `x`: the withdraw confirmation, saying where every gift goes back to.
fn ask_withdraw(app: &mut App, w: &Wish) {
    let mut about = vec![w.text.clone()];
    if w.given_by.is_empty() && w.matched_cents == 0 {
        about.push(crate::t!("choose.withdraw-wish.nothing").into_owned());
    } else {
        about.push(crate::t!("choose.withdraw-wish.back").into_owned());
        for g in &w.given_by {
            let who = if g.person == app.user {
                crate::t!("choose.withdraw-wish.you").into_owned()
            } else {
                app.wishes.name(&g.person).to_string()
            };
            about.push(format!("  {} → {who}", amount(g.cents, g.minutes)));
        }
        if w.matched_cents > 0 {
            let rule = crate::t!("choose.withdraw-wish.matching").into_owned();
            about.push(format!("  {} → {rule}", amount(w.matched_cents, 0)));
        }
    }
    let state = ChooseState::new(
        Choice::WithdrawWish(w.id),
        crate::t!("choose.withdraw-wish.title").into_owned(),
        about,
        app.theme,
    )
    .option(
        crate::t!("choose.withdraw-wish.yes").into_owned(),
        WITHDRAW.to_string(),
    );
    app.overlay = Some(Overlay::Choose(state));
}

/// Enter in the done confirmation: written, and the wish leaves the list
/// of open ones (the Me tab shows what it brought).
fn finish(app: &mut App, id: WishId, value: &str) -> bool {
    let (brought, reflection) = value.split_once('\t').unwrap_or(("", value));
    let finish = Finish {
        reflection: (!reflection.is_empty()).then(|| reflection.to_string()),
        brought: Brought::from_name(brought),
    };
    let Some(store) = app.store.wish_store() else {
        return refuse(app, crate::t!("wishes.not-on-server").into_owned());
    };
    match store.finish_wish(id, &app.user, &finish) {
        Ok(()) => closed(app, crate::t!("wishes.done").into_owned()),
        Err(e) => refused(app, e),
    }
}

/// Enter in the withdraw confirmation: every gift goes back, in one
/// transaction, and the message says to how many.
fn withdraw(app: &mut App, id: WishId) -> bool {
    let Some(store) = app.store.wish_store() else {
        return refuse(app, crate::t!("wishes.not-on-server").into_owned());
    };
    match store.withdraw_wish(id, &app.user) {
        Ok(refunds) if refunds.is_empty() => {
            closed(app, crate::t!("wishes.withdrawn").into_owned())
        }
        Ok(refunds) => {
            let cents = refunds.iter().map(|e| e.cents).sum();
            let minutes = refunds.iter().map(|e| e.minutes).sum();
            let said = crate::t!("wishes.withdrawn-back", amount = amount(cents, minutes));
            closed(app, said.into_owned())
        }
        Err(e) => refused(app, e),
    }
}

/// The wish is closed: the opened wish goes (it is no longer in the
/// list of open ones), the tab shows what is left, and says `said`.
fn closed(app: &mut App, said: String) -> bool {
    if matches!(app.stack.last(), Some(Screen::Detail(_))) {
        app.stack.pop();
    }
    reload(app);
    app.say(said);
    true
}

/// The store refused (a colleague's change came first) or failed: said,
/// and the confirmation closes, as nothing was written.
fn refused(app: &mut App, e: StoreError) -> bool {
    match e {
        StoreError::Wish(e) => {
            reload(app);
            refuse(app, refusal(&e));
        }
        e => app.report(&e),
    }
    true
}
