//! The wish form, one short question at a time, so it fits a 40-column
//! pane and a kiosk: a new wish asks what, then (each optional, Enter
//! skips) what it costs, how many hours it takes and its topic; changing
//! one's own wish (`e`) asks its words, why, cost and hours again, each
//! filled in with what it says now. Each step is checked at its Enter, so
//! a typo is said where it was typed; the wish is saved after the last.

use super::app::{App, Overlay};
use super::views::prompt::{PromptState, Purpose, WishForm};
use super::wishes::{refusal, refuse, reload};
use crate::domain::money::{parse_amount, parse_hours, parse_hours_word, show, show_hours};
use crate::domain::validate;
use crate::domain::wish::{MAX_WHY_CHARS, NewWish, Wish, WishEdit, WishError};
use crate::store::StoreError;

/// The steps of a new wish.
const NEW: [Purpose; 4] = [
    Purpose::Wish,
    Purpose::WishCost,
    Purpose::WishHours,
    Purpose::WishTags,
];
/// The steps of changing one's wish (its topics stay as they are).
const EDIT: [Purpose; 4] = [
    Purpose::Wish,
    Purpose::WishWhy,
    Purpose::WishCost,
    Purpose::WishHours,
];

/// `c` on the Wishes tab: the form's first step. Text a signal (or a
/// kiosk's idle logout) kept comes back.
pub fn open_new(app: &mut App) {
    let mut p = PromptState::new(Purpose::Wish, app.theme);
    p.mask_codes = app.typing_asks;
    if let Some(text) = app
        .take_form_draft("wish", None)
        .and_then(|f| f.fields.into_iter().next())
    {
        p.input = std::mem::take(&mut p.input).with_text(&text);
    }
    app.overlay = Some(Overlay::Prompt(p));
}

/// `e` on one's own open wish: the same steps, filled in.
pub fn open_edit(app: &mut App, w: &Wish) {
    let nl = crate::i18n::lang() == "nl";
    let form = WishForm {
        editing: Some(w.id),
        text: w.text.clone(),
        why: w.why.clone().unwrap_or_default(),
        // As a person types them: `350` or `12,50`, never `€ 350`.
        cost: w
            .cost_cents
            .map(|c| {
                show(c, nl)
                    .trim_start_matches(['€', '$', '£', ' '])
                    .to_string()
            })
            .unwrap_or_default(),
        hours: w.minutes.map(|m| show_hours(m, nl)).unwrap_or_default(),
        tags: w.tags.join(" "),
    };
    app.overlay = Some(Overlay::Prompt(step_prompt(app, Purpose::Wish, form)));
}

/// The prompt of `step`, holding what was typed so far.
fn step_prompt(app: &App, step: Purpose, form: WishForm) -> PromptState {
    let mut p = PromptState::new(step, app.theme);
    // A kiosk's badge or PIN typed into the wish's words shows as dots;
    // digits at the cost or hours are an amount, shown as typed.
    p.mask_codes = app.typing_asks && matches!(step, Purpose::Wish | Purpose::WishWhy);
    let typed = match step {
        Purpose::Wish => &form.text,
        Purpose::WishWhy => &form.why,
        Purpose::WishCost => &form.cost,
        Purpose::WishHours => &form.hours,
        _ => &form.tags,
    };
    p.input = std::mem::take(&mut p.input).with_text(typed);
    if step != Purpose::Wish {
        p.about = Some(form.text.clone());
    }
    p.pending = Some(form);
    p
}

/// Enter at a step: checks what it holds, then the next step or, after
/// the last, the save. True when the prompt is done with (the next one
/// replaced it, or the wish was saved).
pub fn step(app: &mut App, p: &mut PromptState) -> bool {
    let mut form = p.pending.clone().unwrap_or_default();
    let text = p.input.text().trim().to_string();
    // A badge or PIN typed into a kiosk's wish is never kept.
    if matches!(p.purpose, Purpose::Wish | Purpose::WishWhy)
        && let Some((before, why)) = super::update::code_refused(app, &text)
    {
        p.input.clear();
        p.input.insert_str(&before);
        return refuse(app, why);
    }
    if let Err(reason) = take(&mut form, p.purpose, &text) {
        return refuse(app, reason);
    }
    if let Some(reason) = below_given(app, &form, p.purpose) {
        return refuse(app, reason);
    }
    let steps: &[Purpose] = if form.editing.is_some() { &EDIT } else { &NEW };
    let next = steps
        .iter()
        .skip_while(|s| **s != p.purpose)
        .nth(1)
        .copied();
    match next {
        Some(next) => {
            app.overlay = Some(Overlay::Prompt(step_prompt(app, next, form)));
            true
        }
        None => save(app, &form),
    }
}

/// True unless `p` is a wish form's step that has another after it
/// (its Enter moves on and writes nothing). Every other prompt is its own
/// last step.
pub fn is_last_step(p: &PromptState) -> bool {
    let editing = p.pending.as_ref().is_some_and(|f| f.editing.is_some());
    let steps: &[Purpose] = if editing { &EDIT } else { &NEW };
    !steps.contains(&p.purpose) || steps.last() == Some(&p.purpose)
}

/// Changing a wish: a cost (or hours) below what colleagues already
/// gave, said at the cost's own Enter where it can be typed again, not
/// after the hours.
fn below_given(app: &App, form: &WishForm, step: Purpose) -> Option<String> {
    let id = form.editing?;
    let w = app.store.wish_store()?.wish(id, &app.user).ok()?;
    let (asked, given, cents, minutes) = match step {
        Purpose::WishCost => (cost(&form.cost).ok()?, w.given_cents, w.given_cents, 0),
        Purpose::WishHours => (
            hours(&form.hours).ok()?,
            w.given_minutes,
            0,
            w.given_minutes,
        ),
        _ => return None,
    };
    (given > 0 && asked.is_none_or(|a| a < given)).then(|| {
        crate::t!(
            "wishes.below-given",
            amount = crate::i18n::amount(cents, minutes)
        )
        .into_owned()
    })
}

/// Checks one step's text and keeps it in the form; the reason in the
/// tab's words when it cannot be.
fn take(form: &mut WishForm, step: Purpose, text: &str) -> Result<(), String> {
    let said = |e: WishError| refusal(&e);
    match step {
        Purpose::Wish => {
            if text.is_empty() {
                return Err(crate::t!("wishes.write-first").into_owned());
            }
            validate::line("wish", text, crate::domain::wish::MAX_WISH_CHARS)
                .map_err(|e| said(e.into()))?;
            form.text = text.to_string();
        }
        Purpose::WishWhy => {
            if !text.is_empty() {
                validate::text("why", text, MAX_WHY_CHARS).map_err(|e| said(e.into()))?;
            }
            form.why = text.to_string();
        }
        Purpose::WishCost => {
            cost(text).map_err(said)?;
            form.cost = text.to_string();
        }
        Purpose::WishHours => {
            hours(text).map_err(said)?;
            form.hours = text.to_string();
        }
        _ => {
            validate::tags(&[text]).map_err(|e| said(e.into()))?;
            form.tags = text.to_string();
        }
    }
    Ok(())
}

fn cost(text: &str) -> Result<Option<i64>, WishError> {
    (!text.is_empty()).then(|| parse_amount(text)).transpose()
}

/// `8`, `1,5`, or with the unit: `8u`, `8 uur`.
fn hours(text: &str) -> Result<Option<i64>, WishError> {
    (!text.is_empty())
        .then(|| parse_hours_word(text).unwrap_or_else(|| parse_hours(text)))
        .transpose()
}

/// After the last step: the new wish stored, or the changed one.
fn save(app: &mut App, form: &WishForm) -> bool {
    let Some(store) = app.store.wish_store() else {
        return refuse(app, crate::t!("wishes.not-on-server").into_owned());
    };
    // Each step was checked at its Enter; these are those checks' results.
    let parsed = cost(&form.cost).and_then(|c| hours(&form.hours).map(|m| (c, m)));
    let (cost_cents, minutes) = match parsed {
        Ok(both) => both,
        Err(e) => return refuse(app, refusal(&e)),
    };
    let saved = match form.editing {
        Some(id) => store
            .edit_wish(
                id,
                &app.user,
                &WishEdit {
                    text: form.text.clone(),
                    why: (!form.why.is_empty()).then(|| form.why.clone()),
                    cost_cents,
                    minutes,
                },
            )
            .map(|()| (id, crate::t!("wishes.changed"))),
        None => NewWish {
            owner: app.user.clone(),
            text: form.text.clone(),
            why: None,
            cost_cents,
            minutes,
            tags: vec![form.tags.clone()],
            private: false,
        }
        .checked()
        .map_err(StoreError::Wish)
        .and_then(|w| store.add_wish(&w))
        .map(|id| (id, crate::t!("wishes.saved"))),
    };
    match saved {
        Ok((id, said)) => {
            app.say(said);
            reload(app);
            app.wishes.select(id);
            app.sync_preview();
            true
        }
        Err(StoreError::Wish(e)) => refuse(app, refusal(&e)),
        Err(e) => {
            app.report(&e);
            false
        }
    }
}
