//! The kiosk's offer of a first wish, after a new worker's first post
//! (issue 11: the wish comes after the first question, says that it is a
//! wish and where it goes, and has the whole idle time).
//!
//! It is an offer, not a form: it takes no text. Enter opens the wish
//! form ([`super::wishes::first_wish`]), Esc skips it, and any other key
//! closes it and then does what it does on the list. A worker who types a
//! second question right after the first asks a question, as typing does
//! everywhere at the kiosk (before, the open wish form took it and a
//! question became a public wish), and Ctrl-Z, which the status line
//! offers beside it, undoes the post.

use crossterm::event::KeyEvent;

use super::action::Action;
use super::app::{App, Overlay};
use super::keys::View;
use super::views::choose::{Choice, ChooseState};

/// Opens the offer. Nothing where the store keeps no wishes, or for a
/// login without its PIN (a wish speaks for the person).
pub fn offer(app: &mut App) {
    if app.store.wish_store().is_none() || app.public {
        return;
    }
    let about = vec![
        crate::t!("wishes.offer-asks").into_owned(),
        crate::t!("wishes.first-note").into_owned(),
        crate::t!("wishes.offer-keys").into_owned(),
    ];
    let state = ChooseState::new(
        Choice::FirstWish,
        crate::t!("wishes.offer-title").into_owned(),
        about,
        app.theme,
    )
    .option(crate::t!("wishes.offer-yes").into_owned(), String::new());
    app.overlay = Some(Overlay::Choose(state));
}

/// True while the offer is on screen.
pub fn is_open(app: &App) -> bool {
    matches!(&app.overlay, Some(Overlay::Choose(c)) if c.choice == Choice::FirstWish)
}

/// A key while the offer is open; true when the offer used it. Esc only
/// closes the offer: the undo the status line offers stays (a worker who
/// skips the wish and then sees a slip in the question can still take it
/// back). Any other key but Enter closes the offer and is left to the
/// list, where a letter asks a question and Ctrl-Z undoes.
pub fn on_key(app: &mut App, key: KeyEvent) -> bool {
    if !is_open(app) {
        return false;
    }
    match app.keys.action(View::Choose, key) {
        Some(Action::Submit) => accepted(app),
        Some(Action::Cancel) => app.overlay = None,
        _ => {
            app.overlay = None;
            return false;
        }
    }
    true
}

/// Enter on the offer: the wish form. The offer to undo ends here, and
/// the status line stops naming it: in the form Ctrl-Z does nothing, so
/// nothing may say it does.
pub fn accepted(app: &mut App) {
    app.undo = None;
    app.status.clear();
    super::wishes::first_wish(app);
}
