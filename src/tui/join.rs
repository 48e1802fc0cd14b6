//! The kiosk's `+` on a colleague's question: every way to back it in one
//! choice (↑↓ and Enter), since "I can help" and a pledge have letter keys
//! only and a letter there types a question. I want to know too comes
//! first, so `+` and Enter still say that, as before.

use super::app::App;
use super::update::{confirm, prompt, store_choice};
use super::views::choose::{Choice, ChooseState};
use super::views::prompt::Purpose;
use crate::domain::{BackingKind, Item};

/// The ways to back a question, in the order they are offered, with the
/// value their option carries (`own::takes_back` counts those taken).
pub(super) const WAYS: [(BackingKind, &str); 3] = [
    (BackingKind::MeToo, "me-too"),
    (BackingKind::CanHelp, "can-help"),
    (BackingKind::Pledge, "pledge"),
];

/// Opens the choice for `item`, a question. A way the person took already
/// says it is taken back when chosen.
pub fn offer(app: &mut App, item: &Item) {
    let about = vec![
        app.about(item.kind(), item.id(), &super::update::item_title(item)),
        t!("choose.join.what").into_owned(),
    ];
    let mut state = ChooseState::new(
        Choice::Join(item.id()),
        t!("choose.join.title").into_owned(),
        about,
        app.theme,
    );
    for (kind, value) in WAYS {
        let way = way_label(kind);
        let label = if super::own::backed(item, &app.user, kind) {
            t!("choose.join.take-back", what = way).into_owned()
        } else {
            way
        };
        state = state.option(label, value.to_string());
    }
    app.overlay = Some(super::app::Overlay::Choose(state));
}

fn way_label(kind: BackingKind) -> String {
    match kind {
        BackingKind::MeToo => t!("choose.join.me-too"),
        BackingKind::CanHelp => t!("choose.join.can-help"),
        BackingKind::Pledge => t!("choose.join.pledge"),
    }
    .into_owned()
}

/// The way chosen: stored at once (the choice said what is saved and
/// where), a pledge's minutes asked first, and a way taken already offered
/// to be taken back. True when the choice is done.
pub fn chosen(app: &mut App, value: &str) -> bool {
    let Some(item) = app.target_item() else {
        return true;
    };
    let Some((kind, _)) = WAYS.iter().find(|(_, v)| *v == value) else {
        return true;
    };
    let id = item.id();
    if super::own::backed(&item, &app.user, *kind) {
        confirm(app, Choice::Withdraw(id, *kind), &item);
        return true;
    }
    match kind {
        BackingKind::MeToo => store_choice(app, Choice::MeToo(id), ""),
        BackingKind::CanHelp => store_choice(app, Choice::CanHelp(id), ""),
        BackingKind::Pledge => {
            prompt(app, Purpose::Pledge(id), &item);
            true
        }
    }
}
