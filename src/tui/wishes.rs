//! What the Wishes tab does: load the wishes and the viewer's free budget,
//! make a wish (`c`, see [`super::wish_form`]), and give to one (`b`, or
//! Enter on a colleague's open wish): a form for the amount, then one for
//! a note to the wish's owner ([`super::give_note`]), then a confirmation
//! that shows them and what stays free. One's own wish is
//! changed, done or withdrawn in [`super::own_wish`]; a voucher (`t`) is
//! put into the budget in [`super::voucher`]. Esc at any step stores
//! nothing. The rules (what may be given) are the store's, through
//! [`crate::store::Wishes`]; this only asks the person and words the answer.

use super::action::Action;
use super::app::{App, Overlay, Screen, Status};
use super::keys::View;
use super::views::choose::{Choice, ChooseState};
use super::views::detail::DetailState;
use super::views::prompt::{Note, PromptState, Purpose};
use super::views::wishes::{Free, WishesData};
use crate::domain::ledger::EntryKind;
use crate::domain::money::{parse_amount, parse_hours_word};
use crate::domain::now;
use crate::domain::wish::{Lacking, Wish, WishError, WishId, WishQuery};
use crate::i18n::amount;
use crate::store::{Fund, StoreError};

/// Wishes loaded at once: far more than a team has open.
const LIMIT: usize = 500;

impl App {
    /// Loads the Wishes tab: open wishes the viewer may see, names, and
    /// the viewer's free budget (not on a kiosk login without its PIN).
    pub(super) fn load_wishes(&mut self) -> Result<(), StoreError> {
        // No invitation to what a login without its PIN may not do.
        self.wishes.capture_key = if self.public {
            None
        } else {
            self.list_key(Action::Capture)
        };
        self.wishes.fund_key = self.list_key(Action::Fund).or_else(|| {
            // On a kiosk letters type: Enter on the open wish gives.
            Some("Enter".to_string())
        });
        self.wishes.voucher_key = self.list_key(Action::Redeem);
        // Nor to what one's own wish offers (see `App::may`).
        self.wishes.own_key = if self.public {
            None
        } else {
            self.keys
                .keys(View::Detail, Action::Answer)
                .iter()
                .find(|k| !k.is_printable())
                .map(ToString::to_string)
        };
        let Some(store) = self.store.wish_store() else {
            self.wishes.available = false;
            return Ok(());
        };
        self.wishes.available = true;
        let query = WishQuery {
            owner: None,
            tag: None,
            closed: false,
            limit: LIMIT,
        };
        let wishes = store.list_wishes(&query, &self.user)?;
        // With none open, the tab says that every wish (anyone's) is done
        // or withdrawn, not that there are no wishes at all.
        let closed = if wishes.is_empty() {
            let all = WishQuery {
                closed: true,
                ..query
            };
            store.list_wishes(&all, &self.user)?.len()
        } else {
            0
        };
        let free = if self.public {
            None
        } else {
            let b = store.budget(&self.user, now().date_naive())?;
            Some(Free {
                cents: b.free_cents,
                minutes: b.free_minutes,
            })
        };
        let names = self
            .store
            .persons()?
            .into_iter()
            .map(|p| (p.handle, p.name))
            .collect();
        self.wishes.set(WishesData {
            wishes,
            closed,
            names,
            free,
        });
        Ok(())
    }

    /// True when a wish is open (its detail on top of the Wishes tab).
    pub(super) fn showing_wish(&self) -> bool {
        self.tab == super::tabs::Tab::Wishes && matches!(self.stack.last(), Some(Screen::Detail(_)))
    }

    /// The opened wish drawn again from the tab's selected row (after a
    /// load), where it is open.
    pub(super) fn refresh_open_wish(&mut self) {
        if !self.showing_wish() {
            return;
        }
        if let Some(Screen::Detail(d)) = self.stack.last_mut()
            && let Some((title, lines)) = self.wishes.detail_lines()
        {
            let open = d.open;
            *d = DetailState::lines(title, lines, self.theme);
            d.open = open;
        }
    }

    /// The selected wish's detail, beside the list or opened.
    pub(super) fn wish_preview(&self) -> Option<DetailState> {
        self.wishes
            .detail_lines()
            .map(|(title, lines)| DetailState::lines(title, lines, self.theme))
    }
}

/// An action on the Wishes tab (its list, or a wish opened from it), if
/// the tab has its own meaning for it; false lets the pane do the rest.
pub fn on_action(app: &mut App, action: Action) -> bool {
    // A voucher is put in from any tab: it goes to the Wishes tab, where
    // the new balance shows.
    if action == Action::Redeem && app.tab != super::tabs::Tab::Wishes {
        app.switch_tab(super::tabs::Tab::Wishes);
    }
    let opened = matches!(app.stack.last(), Some(Screen::Detail(_)));
    if app.tab != super::tabs::Tab::Wishes || !(opened || app.stack.is_empty()) {
        return false;
    }
    let own = app
        .wishes
        .selected_wish()
        .filter(|w| app.wishes.is_own_open(w))
        .cloned();
    match action {
        Action::Capture => new_wish(app),
        Action::Fund => fund(app),
        Action::Redeem => super::voucher::open(app),
        // Enter on one's own opened wish: what to do with it (give,
        // change, done, withdraw), a key that works on a kiosk too.
        // On a colleague's it gives: a key that is no letter, so it works
        // on a kiosk too (as Enter answers a question).
        Action::Answer if opened => match &own {
            Some(w) => super::own_wish::choose(app, w),
            None => fund(app),
        },
        Action::MarkDone | Action::Delete | Action::EditProfile => match &own {
            Some(w) => super::own_wish::on_key(app, action, w),
            // `e` with no wish under the cursor is the profile, as elsewhere.
            None if action == Action::EditProfile && app.wishes.selected_wish().is_none() => {
                return false;
            }
            None => app.say(crate::t!("wishes.not-yours")),
        },
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom
            if !opened =>
        {
            let delta = match action {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -10,
                Action::PageDown => 10,
                Action::Top => isize::MIN / 2,
                _ => isize::MAX / 2,
            };
            app.wishes.move_by(delta);
            app.sync_preview();
        }
        Action::Open if !opened => {
            if let Some(mut d) = app.wish_preview() {
                d.open = true;
                app.stack.push(Screen::Detail(d));
            }
        }
        // What is for questions, tips and lessons says where it belongs.
        Action::Answer
        | Action::MeToo
        | Action::CanHelp
        | Action::Pledge
        | Action::Vote
        | Action::SortQuestions
        | Action::Accept
        | Action::Helped => app.say(crate::t!("wishes.not-here")),
        _ => return false,
    }
    true
}

/// `c`: the form for a new wish (see [`super::wish_form`]).
pub fn new_wish(app: &mut App) {
    if !app.wishes.available {
        return app.say(crate::t!("wishes.not-on-server"));
    }
    super::wish_form::open_new(app);
}

/// A new worker's first wish at the kiosk, once they took the offer
/// ([`super::wish_offer`]) with Enter: "Wat wil je leren?", the form `c`
/// opens on the Wishes tab, which one Esc skips. Nothing where the store
/// keeps no wishes.
pub fn first_wish(app: &mut App) {
    if app.store.wish_store().is_none() || app.public {
        return;
    }
    new_wish(app);
    if let Some(Overlay::Prompt(p)) = &mut app.overlay {
        // Asked right after a first question, on any tab: it says that it
        // makes a wish and where the wish goes (issue 11).
        p.asks = Some(crate::t!("wishes.first-asks").into_owned());
        p.note = Some(super::views::prompt::Note {
            text: crate::t!("wishes.first-note").into_owned(),
            warning: false,
        });
        p.about = Some(crate::t!("wishes.first-skip").into_owned());
    }
}

/// `b` (or Enter on an open wish): the form for what to give.
fn fund(app: &mut App) {
    // A kiosk login by typed name: no budget shows, and none is spent.
    if app.public {
        return app.say_pin_needed();
    }
    let Some(w) = app.wishes.selected_wish().cloned() else {
        return;
    };
    if let Some(reason) = cannot_fund(app, &w) {
        return app.say(reason);
    }
    let mut p = PromptState::new(Purpose::Fund(w.id), app.theme);
    p.about = Some(w.text.clone());
    on_typed(app, &mut p);
    app.overlay = Some(Overlay::Prompt(p));
}

/// The give form's note, worked out again at every key: what is free
/// while nothing is typed, then what stays left after the gift, or at
/// once what `Enter` would say against it: the same reading ([`read_gift`])
/// and the same words, a typo (`0`, `-5`, `12,505`, "twintig") too. Only
/// an amount still being typed (`12,`, `€`) shows what is free.
pub fn on_typed(app: &App, p: &mut PromptState) {
    let Purpose::Fund(id) = p.purpose else {
        return;
    };
    let Some(w) = app.wishes.selected_wish().filter(|w| w.id == id) else {
        return;
    };
    let free = free(app);
    let text = gift_text(p.input.text());
    let plain = |text: String| Note {
        text,
        warning: false,
    };
    if text.is_empty() || still_typing(&text) {
        let free = crate::t!("wishes.free", amount = amount(free.cents, free.minutes));
        p.note = Some(plain(free.into_owned()));
        return;
    }
    p.note = Some(match parse_gift(&text) {
        // As the status line says it at Enter: a sentence.
        Err(e) => Note {
            text: crate::i18n::sentence(refusal(&e)),
            warning: true,
        },
        Ok((cents, minutes)) => match weigh(w, free, cents, minutes) {
            Ok(()) => plain(
                crate::t!(
                    "choose.fund.left",
                    amount = amount(free.cents - cents, free.minutes - minutes)
                )
                .into_owned(),
            ),
            // Word for word what `Enter` says (issue 16): a shorter live
            // text ("Te veel: … € 350") read as another rule than Enter's.
            Err(e) => Note {
                text: crate::i18n::sentence(refusal(&e)),
                warning: true,
            },
        },
    });
}

/// The give form's text as it is read, live and at `Enter` alike: a
/// pasted line break is a space, as the field shows it (`50 60`).
fn gift_text(typed: &str) -> String {
    typed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for the start of an amount that is not one yet: a mark with no
/// digits (`€`, `-`, `eu`), or digits and a decimal mark with none after
/// it (`12,`). It is not called a typo while it is being typed.
fn still_typing(text: &str) -> bool {
    if text.ends_with(['.', ',']) {
        return true;
    }
    let lower = text.to_lowercase();
    let code = crate::domain::money::currency().to_lowercase();
    !lower.chars().any(|c| c.is_ascii_digit())
        && (lower.chars().all(|c| "€$£- ".contains(c))
            || "euro".starts_with(&lower)
            || code.starts_with(&lower))
}

/// Why nothing can be given to this wish now, in words; `None` when it can.
fn cannot_fund(app: &App, w: &Wish) -> Option<String> {
    if !w.state.is_open() {
        return Some(refusal(&WishError::NotOpen {
            wish: w.id,
            state: w.state,
        }));
    }
    if w.needs_cents() == 0 && w.needs_minutes() == 0 {
        return Some(crate::t!("wishes.needs-nothing").into_owned());
    }
    if !app.wishes.can_fund(w) {
        return Some(app.wishes.no_budget());
    }
    None
}

/// Why a wish form or gift is refused, in the tab's words. The wish is the
/// one on screen, so it is "this wish", never its id: no kiosk screen
/// shows an id, and a shop-floor worker knows a wish by its title.
pub(super) fn refusal(e: &WishError) -> String {
    use crate::i18n::{wish_error, wish_state};
    match e {
        // The domain's words (`fund` says them too), with "this wish"
        // for the id: one text wherever it is said.
        WishError::TooMuch { cents, minutes, .. } => crate::t!(
            "wish.error.too-much",
            id = crate::t!("wishes.this-wish"),
            amount = amount(*cents, *minutes)
        )
        .into_owned(),
        WishError::NoMoneyAsked(_) => crate::t!("wishes.no-money").into_owned(),
        WishError::NoHoursAsked(_) => crate::t!("wishes.no-hours").into_owned(),
        WishError::NotOpen { state, .. } => {
            crate::t!("wishes.not-open", state = wish_state(*state)).into_owned()
        }
        WishError::NotFound(_) => crate::t!("wishes.gone").into_owned(),
        WishError::BelowGiven { cents, minutes, .. } => {
            crate::t!("wishes.below-given", amount = amount(*cents, *minutes)).into_owned()
        }
        e => wish_error(e),
    }
}

/// Enter in one of the Wishes tab's forms; true when the form is done.
pub fn submit(app: &mut App, p: &mut PromptState) -> bool {
    let text = p.input.text().trim().to_string();
    match p.purpose {
        Purpose::Fund(id) => ask_for_note(app, id, &text),
        Purpose::FundNote {
            wish,
            cents,
            minutes,
        } => super::give_note::submit(app, wish, cents, minutes, &text),
        Purpose::WishDone(id) => super::own_wish::confirm_done(app, id, p),
        Purpose::Voucher => super::voucher::redeem(app, &text),
        _ => super::wish_form::step(app, p),
    }
}

/// Says why the form cannot go on; the form stays open (false).
pub(super) fn refuse(app: &mut App, reason: String) -> bool {
    app.status.set(Status {
        text: reason,
        error: true,
    });
    false
}

/// What was typed into the fund form: `100`, `€ 12,50`, or hours (`2u`,
/// `2 uur`, `2h`, `2 hours`).
fn parse_gift(text: &str) -> Result<(i64, i64), WishError> {
    match parse_hours_word(text) {
        Some(minutes) => minutes.map(|m| (0, m)),
        None => parse_amount(text).map(|c| (c, 0)),
    }
}

/// The person's free budget, as the tab loaded it.
fn free(app: &App) -> Free {
    app.wishes
        .data
        .as_ref()
        .and_then(|d| d.free)
        .unwrap_or_default()
}

/// What was typed, read and weighed against what the wish still needs and
/// what the person has free: why the gift (in cents and minutes) cannot
/// be, if it cannot. The store checks it all again when it writes; it is said
/// here first, so the form warns at once and the confirmation never
/// offers what would be refused.
fn weigh(w: &Wish, free: Free, cents: i64, minutes: i64) -> Result<(), WishError> {
    let id = w.id;
    if cents > 0 && w.cost_cents.is_none() {
        Err(WishError::NoMoneyAsked(id))
    } else if minutes > 0 && w.minutes.is_none() {
        Err(WishError::NoHoursAsked(id))
    } else if (cents > w.needs_cents() || minutes > w.needs_minutes())
        && Lacking::of(
            cents.min(w.needs_cents()) > free.cents,
            minutes.min(w.needs_minutes()) > free.minutes,
        )
        .is_none()
    {
        // Over both limits, the smaller is said (free, below), so the
        // next try fits.
        Err(WishError::TooMuch {
            wish: id,
            cents: w.needs_cents(),
            minutes: w.needs_minutes(),
        })
    } else if let Some(lacking) = Lacking::of(cents > free.cents, minutes > free.minutes) {
        Err(WishError::Short {
            pot: None,
            cents: free.cents,
            minutes: free.minutes,
            lacking,
        })
    } else {
        Ok(())
    }
}

/// Enter in the give form: the amount is weighed (see [`weigh`]); then
/// the note's step ([`super::give_note`]), then the confirmation.
fn ask_for_note(app: &mut App, id: WishId, text: &str) -> bool {
    if text.is_empty() {
        return refuse(app, crate::t!("wishes.give-what").into_owned());
    }
    let Some(w) = app.wishes.selected_wish().filter(|w| w.id == id).cloned() else {
        return refuse(app, refusal(&WishError::NotFound(id)));
    };
    let free = free(app);
    let weighed =
        parse_gift(&gift_text(text)).and_then(|(c, m)| weigh(&w, free, c, m).map(|()| (c, m)));
    let (cents, minutes) = match weighed {
        Ok(gift) => gift,
        Err(e) => return refuse(app, refusal(&e)),
    };
    // A note is for the wish's owner: to one's own wish there is no one
    // to say it to, so the confirmation comes at once.
    if w.owner == app.user {
        return ask_to_confirm(app, id, cents, minutes, None);
    }
    super::give_note::open(app, &w, cents, minutes);
    true
}

/// The confirmation: the wish, the gift, the note with it and what stays
/// free. True (the form before it is done with). The gift is weighed
/// again: the budget or the wish may have changed while the note was
/// typed (another gift, a grant that lapsed, a changed cost), and the
/// confirmation never offers what would be refused.
pub(super) fn ask_to_confirm(
    app: &mut App,
    id: WishId,
    cents: i64,
    minutes: i64,
    note: Option<String>,
) -> bool {
    let Some(w) = app.wishes.selected_wish().filter(|w| w.id == id).cloned() else {
        return refuse(app, refusal(&WishError::NotFound(id)));
    };
    let free = free(app);
    if let Err(e) = weigh(&w, free, cents, minutes) {
        return back_to_amount(app, &w, refusal(&e));
    }
    let gift = amount(cents, minutes);
    let left = amount(free.cents - cents, free.minutes - minutes);
    let owner = app.wishes.who(&w.owner);
    let mut about = vec![
        crate::t!("choose.fund.wish", text = w.text, owner = owner).into_owned(),
        crate::t!("choose.fund.what", amount = gift).into_owned(),
    ];
    if let Some(note) = &note {
        about.push(crate::t!("choose.fund.note", note = note).into_owned());
    }
    about.push(crate::t!("choose.fund.left", amount = left).into_owned());
    let state = ChooseState::new(
        Choice::Fund(id),
        crate::t!("choose.fund.title").into_owned(),
        about,
        app.theme,
    )
    .option(
        crate::t!("choose.fund.yes", amount = gift).into_owned(),
        format!("{cents} {minutes}\t{}", note.unwrap_or_default()),
    );
    app.overlay = Some(Overlay::Choose(state));
    true
}

/// The gift no longer fits: the form goes back to its amount, with why
/// and what is free now; a wish that can take nothing more (or a budget
/// with nothing free) closes it, saying so. True (the note's step is done).
fn back_to_amount(app: &mut App, w: &Wish, why: String) -> bool {
    app.overlay = None;
    if let Some(reason) = cannot_fund(app, w) {
        refuse(app, reason);
        return true;
    }
    let mut p = PromptState::new(Purpose::Fund(w.id), app.theme);
    p.about = Some(w.text.clone());
    on_typed(app, &mut p);
    app.overlay = Some(Overlay::Prompt(p));
    refuse(app, why);
    true
}

/// Enter in the confirmation: the gift is written (the store checks the
/// budget and the wish again, in one transaction). True when done.
pub fn give(app: &mut App, id: WishId, value: &str) -> bool {
    let (numbers, note) = value.split_once('\t').unwrap_or((value, ""));
    let mut numbers = numbers.split(' ').map(|n| n.parse::<i64>().unwrap_or(0));
    let (cents, minutes) = (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0));
    let Some(store) = app.store.wish_store() else {
        return refuse(app, crate::t!("wishes.not-on-server").into_owned());
    };
    let given = store.fund(&Fund {
        wish: id,
        person: app.user.clone(),
        cents,
        minutes,
        note: (!note.is_empty()).then(|| note.to_string()),
        from: None,
    });
    match given {
        Ok(written) => {
            reload(app);
            let free = free(app);
            let left = amount(free.cents, free.minutes);
            let gift = amount(cents, minutes);
            // What a matching rule added goes in the same message: the
            // giver's euro did more than itself.
            let matched: i64 = written
                .iter()
                .filter(|e| e.kind == EntryKind::Match)
                .map(|e| -e.cents)
                .sum();
            let said = if matched > 0 {
                crate::t!(
                    "wishes.given-matched",
                    amount = gift,
                    matched = amount(matched, 0),
                    left = left
                )
            } else {
                crate::t!("wishes.given", amount = gift, left = left)
            };
            app.say(said);
            true
        }
        // Refused (someone gave the last euro first): the reason, and
        // the confirmation closes, as nothing moved.
        Err(StoreError::Wish(e)) => {
            reload(app);
            app.status.set(Status {
                text: refusal(&e),
                error: true,
            });
            true
        }
        Err(e) => {
            app.report(&e);
            true
        }
    }
}

/// The tab and an opened wish show what was just written.
pub(super) fn reload(app: &mut App) {
    let loaded = app.load_wishes();
    app.ok(loaded);
    app.refresh_open_wish();
    app.preview = None;
    app.sync_preview();
    // The status line's nudge speaks of free money and wishes: a gift
    // changes what it says now, not at the next round.
    app.refresh_nudge();
}
