//! The give form's note step, after the amount: "Wil je er iets bij
//! zeggen? (mag leeg)", as `leertuin fund --note` has. Enter on nothing
//! gives without a note; the note goes with the gift to the wish's owner
//! (shown in `wish show` and the wish's detail). Then the confirmation
//! ([`super::wishes::ask_to_confirm`]); Esc at any step gives nothing.
//! A gift to one's own wish has no note step: there is no one to tell.

use super::app::{App, Overlay};
use super::views::prompt::{Note, PromptState, Purpose};
use super::wishes::{refusal, refuse};
use crate::domain::wish::{self, Wish};
use crate::i18n::amount;

/// Opens the note's step for a gift of `cents` and `minutes` to `w`, the
/// amount already weighed.
pub fn open(app: &mut App, w: &Wish, cents: i64, minutes: i64) {
    let mut p = PromptState::new(
        Purpose::FundNote {
            wish: w.id,
            cents,
            minutes,
        },
        app.theme,
    );
    p.about = Some(w.text.clone());
    // A kiosk's badge or PIN typed into the note shows as dots (and is
    // refused at Enter, as in every text a person writes there).
    p.mask_codes = app.typing_asks;
    p.note = Some(Note {
        text: crate::t!("give-note.gift", amount = amount(cents, minutes)).into_owned(),
        warning: false,
    });
    app.overlay = Some(Overlay::Prompt(p));
}

/// Enter at the note: checked as `fund --note` is (one line, not too
/// long), then the confirmation. False keeps the step open with why.
pub fn submit(
    app: &mut App,
    id: crate::domain::wish::WishId,
    cents: i64,
    minutes: i64,
    text: &str,
) -> bool {
    let note = match wish::note(Some(text)) {
        Ok(note) => note,
        Err(e) => return refuse(app, refusal(&e)),
    };
    super::wishes::ask_to_confirm(app, id, cents, minutes, note)
}
