//! Answers come back, in the pane: the person's own questions head the Me
//! tab's list, each marked with what is new since they last looked, and
//! opening one's own question marks its answers as seen.

use super::app::{App, Tab};
use super::views::list::{ListRow, NEWS};
use crate::domain::{Asked, Item};
use crate::store::{NewAnswer, Store, StoreError};

/// How many of one's own questions the Me tab lists.
const MAX_ASKED: usize = 50;

/// The person's questions as list rows, newest first.
pub fn rows(store: &dyn Store, person: &str) -> Result<Vec<ListRow>, StoreError> {
    Ok(store
        .asked(person, MAX_ASKED)?
        .into_iter()
        .map(|a| ListRow {
            badge: badge(&a),
            item: Item::Question(a.question),
        })
        .collect())
}

/// At most this many of one's own questions head Start: enough for what
/// one asked this week, few enough that the feed still shows below them
/// on a kiosk's small screen.
const FRESH_ON_START: usize = 3;

/// An open question one asked is news to oneself for this long: the week
/// a colleague's answer usually takes. After that it is on Me only.
const FRESH_DAYS: i64 = 7;

/// The person's own fresh activity, for the top of Start: questions with
/// answers they have not seen (those first: that is what they wait for),
/// then questions still open that they asked this week, newest first.
///
/// Why on top: after asking, a worker looks for their question on the
/// first screen, and the ranking sinks one's own posts (they teach one
/// nothing) below every lesson. A question of one's own is not something
/// to learn from but something one waits for, so it goes where one looks
/// first; seen and answered, it drops back into the ranked feed.
pub fn fresh(store: &dyn Store, person: &str) -> Result<Vec<ListRow>, StoreError> {
    let since = crate::domain::now() - chrono::Duration::days(FRESH_DAYS);
    let (news, rest): (Vec<Asked>, Vec<Asked>) = store
        .asked(person, MAX_ASKED)?
        .into_iter()
        .partition(|a| a.new_answers().next().is_some());
    let open = rest
        .into_iter()
        .filter(|a| a.question.answers.is_empty() && a.question.created_at >= since);
    Ok(news
        .into_iter()
        .chain(open)
        .take(FRESH_ON_START)
        .map(|a| ListRow {
            badge: badge(&a),
            item: Item::Question(a.question),
        })
        .collect())
}

/// "● 1 new", "✓", "choose?" or "open": the one thing to know about a
/// question one asked.
pub fn badge(a: &Asked) -> String {
    let new = a.new_answers().count();
    if new > 0 {
        // NEWS keeps the badge on screen in a narrow list.
        format!("{NEWS} {}", t!("asked.new", n = new))
    } else if a.question.answers.iter().any(|x| x.accepted) {
        t!("asked.accepted").into_owned()
    } else if a.could_accept() {
        t!("asked.choose").into_owned()
    } else {
        t!("badge.open").into_owned()
    }
}

/// Opening one's own question: its answers are seen now, so the Me tab and
/// the nudge stop calling them new. Bookkeeping, not content: a failed
/// write (read-only file) only means they stay marked.
///
/// Returns what the person had seen before (the answer id up to which), so
/// the opened question can mark what is new; `None` for other items.
pub fn seen(app: &mut App, item: &Item) -> Option<i64> {
    let Item::Question(q) = item else { return None };
    if q.author.as_deref() != Some(app.user.as_str()) || q.answers.is_empty() {
        return None;
    }
    let before = app
        .store
        .asked(&app.user, MAX_ASKED)
        .ok()?
        .into_iter()
        .find(|a| a.question.id == q.id)
        .map(|a| a.seen_up_to);
    if app.store.mark_answers_seen(&app.user, q.id).is_ok() {
        // Both lists that badge it "new": Me, and the top of Start
        // (`fresh`), where a worker finds it first and comes back to.
        app.mark_stale(Tab::Me);
        app.mark_stale(Tab::ForYou);
    }
    before
}

/// Titles in the notice are cut to this many characters.
const NOTICE_TITLE: usize = 40;

/// The newest answer on the person's questions they have not seen, if any
/// (a read that fails is no news).
pub fn news(app: &App) -> Option<NewAnswer> {
    app.store.newest_unseen_answer(&app.user).ok().flatten()
}

/// The first screen after a kiosk login, when a colleague answered one of
/// the person's questions since they last looked (`news`): the Me tab opens
/// with their questions on top and the bottom line says who answered what.
/// No id in the words: a shop-floor worker knows the question by its title.
pub fn welcome_back(app: &mut App, news: &NewAnswer) {
    let title: String = if news.title.chars().count() > NOTICE_TITLE {
        let kept: String = news.title.chars().take(NOTICE_TITLE - 1).collect();
        format!("{}…", kept.trim_end())
    } else {
        news.title.clone()
    };
    app.switch_tab(Tab::Me);
    // The question the notice names is the one under the cursor: Enter
    // opens it, not whichever was asked last.
    if app.me.done.select_id(news.question) {
        app.sync_preview();
    }
    app.say(t!("asked.notice", title = title, who = news.by));
}
