//! The pane side of the learning engine: the review session, the Team and
//! Me data, the profile form, sorting questions by backing, and the asker's
//! accept / helped. Kept apart from `update` so that file stays a router.

use chrono::Duration;

use super::action::Action;
use super::app::{App, Overlay, Screen, Status, Tab};
use super::views::choose::{Choice, ChooseState};
use super::views::list::Words;
use super::views::profile::{FormOutcome, ProfileForm};
use super::views::review::{self, ReviewState};
use super::views::team::TeamData;
use crate::domain::insights::{self, Insights};
use crate::domain::srs::Rating;
use crate::domain::team::{Team, TeamWishes};
use crate::domain::{BackingKind, Item, Time, Write, now};
use crate::store::{Store, StoreError};

/// Open questions the Team tab lists (as `leertuin team` does by default).
const TEAM_QUESTIONS: usize = 10;
/// Cards one session offers; more come back next time.
const SESSION_CARDS: usize = 50;

/// Everything the Team tab shows, as `leertuin team` and
/// `leertuin insights --team` compute it.
pub fn team_data(store: &dyn Store, at: Time) -> Result<TeamData, StoreError> {
    let questions = store.open_questions(TEAM_QUESTIONS)?;
    let team = Team::build(
        &store.persons()?,
        &questions,
        store.answer_counts(at - Duration::days(crate::domain::team::ANSWERED_MOST_DAYS))?,
    );
    // `None`: the team's facts, which never include private entries.
    let facts = store.insight_facts(None, insights::since(at))?;
    let weeks = Insights::build(facts, None, at).learned_per_week;
    Ok(TeamData {
        team,
        questions,
        weeks,
        wishes: team_wishes(store)?,
    })
}

/// The team's wishes by topic, without anyone's private ones (as the
/// learned entries); `None` where the store keeps no wishes. The Team tab
/// and `leertuin team` both.
pub fn team_wishes(store: &dyn Store) -> Result<Option<TeamWishes>, StoreError> {
    let Some(w) = store.wish_store() else {
        return Ok(None);
    };
    let mut all = w.all_wishes(None, "")?;
    all.retain(|w| !w.private);
    Ok(Some(crate::domain::team::wish_topics(&all)))
}

/// One person's insights, as `leertuin insights` shows them.
pub fn my_insights(store: &dyn Store, person: &str, at: Time) -> Result<Insights, StoreError> {
    insights_of(store, Some(person), at)
}

/// A person's insights (`None`: the team's), with what wishes done with
/// budget brought where the store keeps wishes. `leertuin insights` too.
pub fn insights_of(
    store: &dyn Store,
    person: Option<&str>,
    at: Time,
) -> Result<Insights, StoreError> {
    let facts = store.insight_facts(person, insights::since(at))?;
    let mut view = Insights::build(facts, person, at);
    if let Some(wishes) = store.wish_store() {
        view.with_budget = wishes.learned_with_budget(person, person.unwrap_or_default())?;
        // One's own wishes done without budget brought something too.
        if let Some(p) = person {
            let own = wishes.all_wishes(Some(p), p)?;
            view.without_budget = insights::unbudgeted_reflections(&own, true);
        }
    }
    Ok(view)
}

/// The team's insights, for a pane that may show nothing of its person's
/// own (a kiosk login by typed name, without the PIN): the same numbers
/// as `leertuin insights --team`, said to be the team's.
pub fn team_insights(store: &dyn Store, at: Time) -> Result<Insights, StoreError> {
    insights_of(store, None, at)
}

/// A review session of the person's cards due now.
pub fn review_screen(app: &App) -> Result<ReviewState, StoreError> {
    let cards = app.store.due_cards(&app.user, now(), SESSION_CARDS)?;
    Ok(ReviewState::new(
        cards,
        app.review_settings,
        &app.keys,
        app.theme,
    ))
}

/// `r`: a review of the person's due cards, over whatever is open.
pub fn start_review(app: &mut App) {
    let review = review_screen(app);
    if let Some(review) = app.ok(review) {
        app.stack.push(Screen::Review(review));
    }
}

/// A key in the review session.
pub fn on_review(app: &mut App, action: Action) {
    let Some(Screen::Review(s)) = app.stack.last_mut() else {
        return;
    };
    match action {
        Action::Back => {
            let standalone = s.standalone;
            app.stack.pop();
            if standalone {
                app.quit = true;
            } else {
                // Cards done now leave the nudge and the lists.
                app.reload();
            }
        }
        Action::Reveal => {
            if s.current().is_some() {
                s.revealed = true;
            }
        }
        Action::SwitchButtons => {
            s.two_buttons = !s.two_buttons;
            let text = if s.two_buttons {
                t!("status.two-buttons")
            } else {
                t!("status.four-buttons")
            };
            app.say(text);
        }
        other => {
            let Some(rating) = ReviewState::rating(other) else {
                return;
            };
            let Some(card) = s.current().map(|c| c.card.clone()) else {
                return;
            };
            // Said back in the words of the buttons on screen.
            let said = match (s.two_buttons, rating) {
                (true, Rating::Again) => Action::Forgot.label(),
                (true, _) => Action::KnewIt.label(),
                (false, r) => Action::Rate(r as u8).label(),
            };
            if !s.revealed {
                // Rating before seeing the answer would teach nothing.
                s.revealed = true;
                app.say(t!("status.rate-after-answer"));
                return;
            }
            let retention = app.review_settings.retention;
            let user = app.user.clone();
            let result = app.store.review(&user, &card, rating, retention);
            if let Some(next) = app.ok(result)
                && let Some(Screen::Review(s)) = app.stack.last_mut()
            {
                s.advance(rating);
                app.say(t!(
                    "status.rated",
                    said = said,
                    when = review::when(next.due)
                ));
            }
        }
    }
}

/// `e` on the Me tab: the profile form.
pub fn edit_profile(app: &mut App) {
    let person = app.store.person(&app.user);
    if let Some(person) = app.ok(person) {
        let mut form = ProfileForm::new(person.as_ref(), &app.user, app.theme);
        // What a signal kept of an earlier edit comes back.
        if let Some(kept) = app.take_form_draft("profile", None) {
            form = form.with_texts(&kept.fields);
        }
        app.overlay = Some(Overlay::Profile(form));
    }
}

/// A key in the profile form; it was taken out of the app and goes back
/// unless it is done.
pub fn on_profile(app: &mut App, mut form: ProfileForm, action: Action) {
    match form.update(action) {
        FormOutcome::Continue => {}
        FormOutcome::Cancel => return,
        FormOutcome::Save(edit) => {
            let user = app.user.clone();
            match app.store.edit_person(&user, &edit) {
                Ok(_) => {
                    app.follow_language();
                    app.say(t!("status.profile-saved"));
                    app.reload();
                    return;
                }
                Err(e) => {
                    form.error = Some(crate::plain::store_error(&e));
                    app.report(&e);
                }
            }
        }
    }
    app.overlay = Some(Overlay::Profile(form));
}

/// `s` on the Questions tab: newest first, or most backed first.
pub fn toggle_sort(app: &mut App) {
    if app.tab != Tab::Questions {
        app.say(t!("status.sort-questions-only"));
        return;
    }
    app.feeds.by_backing = !app.feeds.by_backing;
    let (title, said): (Words, _) = if app.feeds.by_backing {
        (
            || t!("list.questions.backed").into_owned(),
            t!("status.sorted-by-backing"),
        )
    } else {
        (
            || t!("tab.questions").into_owned(),
            t!("status.sorted-newest"),
        )
    };
    app.reload();
    // The top of the new order, not the old selection somewhere in it.
    if let Some(list) = app.list_mut(Tab::Questions) {
        list.title = title;
        list.selected = 0;
    }
    app.sync_preview();
    app.say(said);
}

/// `i` on a list: imported know-how (tldr, navi, FAQ) hidden from every
/// list and the search, or shown again. Said in the status line with the
/// key that undoes it, so a person who pressed it by chance finds back.
pub fn toggle_knowhow(app: &mut App) {
    let hidden = !app.feeds.no_knowhow;
    app.hide_knowhow(hidden);
    app.reload();
    app.sync_preview();
    let key = app.list_key(Action::ToggleKnowhow).unwrap_or_default();
    app.say(if hidden {
        t!("status.knowhow-hidden", key = key)
    } else {
        t!("status.knowhow-shown", key = key)
    });
}

/// `A` / `H` on a question: only its asker may. They choose, with ↑↓ and
/// Enter, the answer to accept (listed with its author) or the colleague
/// whose pledged time was given.
pub fn asker_prompt(app: &mut App, action: Action) {
    let Some(Item::Question(q)) = app.target_item() else {
        app.say(t!("status.own-questions-only"));
        return;
    };
    if q.author.as_deref() != Some(app.user.as_str()) {
        app.say(t!("status.asker-only"));
        return;
    }
    let about = vec![app.about(crate::domain::Kind::Question, q.id, &q.title)];
    let state = if action == Action::Accept {
        if q.answers.is_empty() {
            app.say(t!("status.no-answers-to-accept"));
            return;
        }
        // Its one answer is chosen: nothing is left to choose (no hint
        // offers it either), and Enter there says so.
        if q.answers.iter().all(|a| a.accepted) {
            app.say(t!("status.answer-chosen-already"));
            return;
        }
        let mut state = ChooseState::new(
            Choice::Accept(q.id),
            t!("choose.accept.title").into_owned(),
            about,
            app.theme,
        );
        for a in &q.answers {
            let body = a.body.lines().next().unwrap_or("");
            let mark = if a.accepted { " ✓" } else { "" };
            state = state.option(format!("{}: {body}{mark}", a.who()), a.id.to_string());
        }
        // The newest answer is the likeliest choice.
        state.selected = q.answers.len() - 1;
        state
    } else {
        // Shown by name, chosen by handle.
        let open: Vec<(&str, &str)> = q
            .backings
            .iter()
            .filter(|b| b.kind == BackingKind::Pledge && !b.helped)
            .map(|b| (b.who(), b.person.as_str()))
            .collect();
        if open.is_empty() {
            app.say(t!("status.no-pledges-waiting"));
            return;
        }
        let mut state = ChooseState::new(
            Choice::Helped(q.id),
            t!("choose.helped.title").into_owned(),
            about,
            app.theme,
        );
        for (name, handle) in open {
            state = state.option(name.to_string(), handle.to_string());
        }
        state
    };
    app.overlay = Some(Overlay::Choose(state));
}

/// Stores what an accept / helped choice chose; the message to show and
/// the write that takes it back, or why not, in the pane's language.
pub fn submit_asker(
    app: &mut App,
    choice: Choice,
    value: &str,
) -> Result<(String, Option<Write>), Status> {
    let user = app.user.clone();
    let bad = |text: String| Status { text, error: true };
    let result: Result<(String, Option<Write>), StoreError> = match choice {
        Choice::Accept(id) => {
            let n: i64 = value
                .parse()
                .map_err(|_| bad(t!("status.choose-an-answer").into_owned()))?;
            // The answer accepted until now, which an undo puts back, and
            // who wrote the one chosen: the message names them, never a
            // number the screen does not show.
            let (before, who) = match app.store.get(id, &user) {
                Ok(Item::Question(q)) => (
                    q.answers.iter().find(|a| a.accepted).map(|a| a.id),
                    q.answers
                        .iter()
                        .find(|a| a.id == n)
                        .map(|a| a.who().to_string()),
                ),
                _ => (None, None),
            };
            let who = who.ok_or_else(|| bad(t!("status.choice-gone").into_owned()))?;
            app.store.accept(id, n, &user).map(|()| {
                let undo = (before != Some(n)).then(|| match before {
                    Some(answer) => Write::Accept {
                        question: id,
                        answer,
                        person: user.clone(),
                    },
                    None => Write::Unaccept {
                        question: id,
                        person: user.clone(),
                    },
                });
                (t!("status.accepted", who = who).into_owned(), undo)
            })
        }
        Choice::Helped(id) => {
            let name = match app.store.person(value) {
                Ok(Some(p)) => crate::domain::shown(&p.name, value).to_string(),
                _ => value.to_string(),
            };
            let helped = Write::Helped {
                question: id,
                helper: value.to_string(),
                person: user.clone(),
            };
            app.store.apply(&helped).map(|done| {
                let undo = helped.inverse(&done);
                (t!("status.thanked", who = name).into_owned(), undo)
            })
        }
        _ => return Err(bad(t!("status.asker-only").into_owned())),
    };
    result.map_err(|e| match e {
        // The list offers only what exists; gone meanwhile, it says so.
        StoreError::NotFound(_) | StoreError::Invalid(_) | StoreError::NotAllowed(_) => {
            bad(t!("status.choice-gone").into_owned())
        }
        e => bad(first_line(&crate::plain::store_error(&e)).to_string()),
    })
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}
