//! The bottom line's key hints: each view says which of its actions are
//! worth a hint (`hint_actions`), and this turns them into the keys that do
//! them here, as the keymap binds them, so a hint never names a key that
//! does something else.

use super::action::Action;
use super::app::App;
use super::keys::View;
use super::own::{self, TakesBack};
use super::screen::{Overlay, Screen};
use super::tabs::Tab;
use super::views::wishes::WishesState;
use crate::domain::BackingKind;

impl App {
    /// The few keys that matter now, for the bottom line, most important
    /// first; the last few of them (the way out, help, quit) are always
    /// shown, at 40 columns too: the line drops others first.
    pub fn hints(&self) -> Vec<(String, String)> {
        self.hint_line().0
    }

    /// The hints and how many of the last are pinned, made together so
    /// the count is of the hints that are really there.
    pub(super) fn hint_line(&self) -> (Vec<(String, String)>, usize) {
        let view = self.view();
        let mut wanted = self.hint_actions(view);
        let pinned = self.pinned_actions(view, &wanted);
        wanted.retain(|a| !pinned.contains(a));
        let mut hints = self.hints_for(view, wanted);
        let pinned = self.hints_for(view, pinned);
        if matches!(view, View::List | View::Detail) && self.typing_asks {
            // The kiosk: typing is the way to ask, on every tab, said first
            // (after choosing the answer that helped, on one's own
            // question, or the key that makes this tab's own kind).
            let after_own_kind = hints
                .iter()
                .position(|(_, label)| self.kiosk_own_kind(view) && *label == self.capture_label())
                .map(|at| at + 1);
            let choosing = self.own_answered_question() && starts_with_choosing(&hints);
            let first = after_own_kind.unwrap_or(usize::from(choosing));
            hints.insert(
                first.min(hints.len()),
                (
                    crate::t!("hint.type-key").into_owned(),
                    crate::t!("hint.type-to-ask").into_owned(),
                ),
            );
        }
        // An open lesson done says so first, where "Enter klaar" was.
        if let (View::Detail, Some(Screen::Detail(d))) = (view, self.stack.last())
            && self.overlay.is_none()
            && d.lesson_done()
        {
            hints.insert(
                0,
                ("✓".to_string(), crate::t!("hint.mark-done").into_owned()),
            );
        }
        let n = pinned.len();
        hints.extend(pinned);
        (hints, n)
    }

    /// What every screen keeps on its hint line, at 40 columns too: its
    /// way out where it hints one (back from an item or a review, cancel
    /// in a form or the search; on a list that is quit), then help and
    /// quit where the view has keys for them.
    fn pinned_actions(&self, view: View, wanted: &[Action]) -> Vec<Action> {
        let way_out = match view {
            View::List => None,
            View::Detail | View::Review => Some(Action::Back),
            View::Search | View::Capture | View::Prompt | View::Profile | View::Choose => {
                Some(Action::Cancel)
            }
        };
        let mut out: Vec<Action> = way_out
            .filter(|a| wanted.contains(a) && !self.keys.keys(view, *a).is_empty())
            .into_iter()
            .collect();
        out.extend([Action::Help, Action::Quit]);
        out
    }

    /// The (key, label) of each action that can be done here, by a key
    /// that works here.
    fn hints_for(&self, view: View, actions: Vec<Action>) -> Vec<(String, String)> {
        actions
            .into_iter()
            // Only what can be done: without the PIN, nothing that is refused.
            .filter(|a| self.may(*a))
            // At the kiosk typing asks; Ctrl-N is named only where it makes
            // something else (a tip, an "I learned", a wish).
            .filter(|a| *a != Action::Capture || !self.typing_asks || self.kiosk_own_kind(view))
            .filter_map(|a| {
                // On a kiosk list or item a letter is typing: show only
                // keys that are no letter, and no hint where there is none.
                // Enter chooses the answer on one's own answered question.
                if a == Action::Accept && view == View::Detail && self.own_answered_question() {
                    let key = self
                        .keys
                        .keys(view, Action::Answer)
                        .iter()
                        .find(|k| !k.is_printable())?;
                    // One chosen already: what is left is choosing another.
                    let label = if self.answer_chosen() {
                        crate::t!("hint.accept-other")
                    } else {
                        crate::t!("hint.accept-answer")
                    };
                    return Some((key.to_string(), label.into_owned()));
                }
                let keys = self.keys.keys(view, a);
                // On a wish, Enter chooses what to do with it (as the
                // wish's detail says), not `a`, a question's key.
                let on_wish = self.tab == Tab::Wishes && a == Action::Answer;
                let key = keys
                    .iter()
                    .find(|k| self.key_works(view, k) && !(on_wish && k.is_printable()))
                    .or_else(|| self.kiosk_vote_key(view, a))?;
                let label = match a {
                    Action::Capture => self.capture_label(),
                    a => self.hint_label(a),
                };
                Some((key.to_string(), label))
            })
            .collect()
    }

    /// What the view on top wants hinted.
    fn hint_actions(&self, view: View) -> Vec<Action> {
        match (&self.overlay, self.stack.last()) {
            (Some(Overlay::Capture(c)), _) => c.hint_actions(),
            (Some(Overlay::Prompt(p)), _) => p.hint_actions(),
            (Some(Overlay::Choose(c)), _) => c.hint_actions(),
            (Some(Overlay::Profile(f)), _) => f.hint_actions(),
            // Help shows over the view it explains, with its hints.
            (_, Some(Screen::Review(r))) => r.hint_actions(),
            (_, Some(Screen::Search(s))) => s.hint_actions(),
            (_, Some(Screen::Detail(_))) if self.tab == Tab::Wishes => {
                self.wishes.detail_hint_actions()
            }
            (_, Some(Screen::Detail(d))) => d.hint_actions(),
            (_, None) => match self.tab {
                Tab::Team => self.team.hint_actions(),
                Tab::Me => self.me.hint_actions(),
                Tab::Wishes => self.wishes.hint_actions(),
                tab => {
                    let Some(list) = self.list(tab) else {
                        return Vec::new();
                    };
                    let mut wanted =
                        list.hint_actions(&self.user, |a| !self.keys.keys(view, a).is_empty());
                    // The switch for imported know-how where it shows (an
                    // imported item is selected, which asks nothing else),
                    // and early wherever it is hidden, so the way back is
                    // in sight.
                    let on_imported = list
                        .selected_item()
                        .is_some_and(|i| crate::domain::reference::of(i).is_some());
                    if self.feeds.no_knowhow {
                        wanted.insert(1.min(wanted.len()), Action::ToggleKnowhow);
                    } else if on_imported {
                        wanted.push(Action::ToggleKnowhow);
                    }
                    wanted
                }
            },
        }
    }

    /// At the kiosk `+` (me too) votes for a tip too, as `v` types there
    /// (see `update::on_item`): the key a vote hint names.
    fn kiosk_vote_key(&self, view: View, a: Action) -> Option<&super::keys::Key> {
        // On an open lesson, Enter sets it done (see `update::on_item`).
        let by = match a {
            Action::Vote => Action::MeToo,
            // Not on a wish: there Enter gives to it (`super::wishes`).
            Action::MarkDone if view == View::Detail && self.tab != Tab::Wishes => Action::Answer,
            _ => return None,
        };
        if !self.typing_asks {
            return None;
        }
        self.keys
            .keys(view, by)
            .iter()
            .find(|k| self.key_works(view, k))
    }

    /// An action's hint here: at the kiosk `+` backs a question in every
    /// way (see [`super::join`]), so its hint says more than "me too".
    fn hint_label(&self, a: Action) -> String {
        let on_wishes = (self.tab == Tab::Wishes)
            .then(|| match a {
                // Enter on a colleague's wish gives; on one's own it chooses.
                Action::Answer => self.wishes.enter_label().or_else(|| WishesState::label(a)),
                a => WishesState::label(a),
            })
            .flatten();
        if let Some(label) = on_wishes {
            return label;
        }
        if let Some(back) = self.taking_back(a) {
            return back.hint();
        }
        match a {
            Action::MeToo if self.typing_asks => crate::t!("hint.join").into_owned(),
            // The kiosk's first wish says "Esc = overslaan" above the
            // field: the hint says the same word.
            Action::Cancel if self.first_wish_asked() || super::wish_offer::is_open(self) => {
                crate::t!("hint.skip").into_owned()
            }
            Action::Submit if super::wish_offer::is_open(self) => {
                crate::t!("hint.make-wish").into_owned()
            }
            a => a.label(),
        }
    }

    /// What `a` takes back on the item it acts on, when the person voted
    /// for it or backed it that way already: its hint and help say so, not
    /// "vote" again. The same table decides what the key does
    /// ([`own::takes_back`], `update::on_item`).
    fn taking_back(&self, a: Action) -> Option<TakesBack> {
        // Asked for every hint and help row of every frame: the item is
        // cloned only for the keys that may take something back.
        if !matches!(
            a,
            Action::Vote | Action::MeToo | Action::CanHelp | Action::Pledge
        ) {
            return None;
        }
        let item = self.target_item()?;
        own::takes_back(&item, &self.user, a, self.typing_asks)
    }

    /// The kiosk's first-login wish question is open (see
    /// `wishes::first_wish`, which names Esc in the form's first row).
    fn first_wish_asked(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Prompt(p))
            if p.about.as_deref() == Some(crate::t!("wishes.first-skip").as_ref()))
    }

    /// What help says an action does here (see `App::hint_label`).
    pub fn help_text(&self, a: Action) -> String {
        let on_wishes = (self.tab == Tab::Wishes)
            .then(|| {
                let own = (self.wishes.selected_wish()).is_none_or(|w| self.wishes.is_own_open(w));
                WishesState::describe(a, own)
            })
            .flatten();
        if let Some(what) = on_wishes {
            return what;
        }
        if let Some(back) = self.taking_back(a) {
            return back.help();
        }
        match a {
            Action::MeToo if self.typing_asks => crate::t!("help.join").into_owned(),
            // At the kiosk Esc on the list, twice, logs out.
            Action::Back if self.typing_asks => crate::t!("help.kiosk.back").into_owned(),
            // Without the PIN the key only asks (see `App::may`); at the
            // kiosk it asks on every tab with no kind of its own (see
            // `App::new_capture`).
            Action::Capture
                if self.public
                    || (self.typing_asks
                        && !matches!(self.tab, Tab::Tips | Tab::Learned | Tab::Wishes)) =>
            {
                crate::t!("help.capture.question").into_owned()
            }
            a => a.describe(),
        }
    }

    /// What `c` makes here, in the hint line: "ask" where it asks.
    fn capture_label(&self) -> String {
        let s = match self.tab {
            Tab::ForYou | Tab::Questions => crate::t!("hint.capture.question"),
            Tab::Tips => crate::t!("hint.capture.tip"),
            Tab::Learned => crate::t!("hint.capture.learned"),
            // At the kiosk, where typing asks a question, "new" alone could
            // be read as a new question; the pane keeps "c new" at 40 columns.
            Tab::Wishes if self.typing_asks => crate::t!("hint.capture.wish"),
            _ => crate::t!("hint.capture"),
        };
        s.into_owned()
    }

    /// At the kiosk, on a list of Tips, Learned or Wishes, where the new
    /// key (Ctrl-N) makes that tab's own kind and typing still asks.
    fn kiosk_own_kind(&self, view: View) -> bool {
        self.typing_asks
            && view == View::List
            && matches!(self.tab, Tab::Tips | Tab::Learned | Tab::Wishes)
    }
}

/// The hint and help of a key that takes back ([`own::takes_back`]).
impl TakesBack {
    fn hint(self) -> String {
        match self {
            TakesBack::Vote => crate::t!("hint.take-back.vote"),
            TakesBack::Backing(BackingKind::MeToo) => crate::t!("hint.take-back.me-too"),
            TakesBack::Backing(BackingKind::CanHelp) => crate::t!("hint.take-back.can-help"),
            TakesBack::Backing(BackingKind::Pledge) => crate::t!("hint.take-back.pledge"),
            // The choice still backs, and names a way taken as
            // "Terugnemen: …": its word stays, short enough to keep its
            // place beside "Enter antwoorden" at 80 columns.
            TakesBack::SomeWays => crate::t!("hint.join"),
            TakesBack::AllWays => crate::t!("hint.take-back.all-ways"),
        }
        .into_owned()
    }

    fn help(self) -> String {
        match self {
            TakesBack::Vote => crate::t!("help.take-back.vote"),
            TakesBack::Backing(BackingKind::MeToo) => crate::t!("help.take-back.me-too"),
            TakesBack::Backing(BackingKind::CanHelp) => crate::t!("help.take-back.can-help"),
            TakesBack::Backing(BackingKind::Pledge) => crate::t!("help.take-back.pledge"),
            TakesBack::SomeWays => crate::t!("help.take-back.some-ways"),
            TakesBack::AllWays => crate::t!("help.take-back.all-ways"),
        }
        .into_owned()
    }
}

/// True when the hints start with choosing an answer (see
/// [`App::hint_line`]): typing is said after it.
fn starts_with_choosing(hints: &[(String, String)]) -> bool {
    hints.first().is_some_and(|(_, label)| {
        *label == crate::t!("hint.accept-answer") || *label == crate::t!("hint.accept-other")
    })
}
