//! The nudge rules on a prepared team, on both backends: each rule fires
//! when it should and stays quiet when it should not, through the real
//! store queries (`nudge_facts` is SQL of its own on each backend).

use chrono::Duration;
use leertuin::domain::wish::{NewWish, WishId};
use leertuin::domain::{BackingKind, Draft, ItemId, Kind, NewItem, Time, now};
use leertuin::nudge::{self, Nudge, PersonState, Rule};
use leertuin::store::{
    Fund, Grant, HelpWish, Lapsing, NudgeFacts, ProfileEdit, Result, Store, WishNudges, Writer,
};

use crate::Opened;

contract_opened!(
    a_fresh_profile_gets_no_nudge,
    unknown_person_has_no_facts,
    due_review_cards_are_counted_for_the_person_only,
    open_question_fires_only_when_ann_can_help_and_nobody_did,
    new_tips_count_colleagues_tips_on_wanted_tags_since_the_last_look,
    a_very_busy_week_counts_the_newest_tips_only_and_says_there_are_more,
    a_short_lesson_comes_only_after_days_without_learning,
    reviews_count_as_learning,
    snooze_silences_a_nudge_that_would_fire,
    next_keeps_the_rhythm_in_its_state_file,
    wish_facts_come_in_the_same_read,
);

struct Team<'o> {
    o: &'o Opened,
    store: &'o dyn Store,
}

fn team(o: &Opened) -> Team<'_> {
    let store = &*o.store;
    // Ann joined long ago, so only what she did (or did not) do counts.
    at(store, now() - Duration::days(30), |w| {
        w.edit_person(
            "ann",
            &ProfileEdit {
                wants: Some(vec!["vim".into(), "tmux".into()]),
                offers: Some(vec!["sql".into()]),
                ..ProfileEdit::default()
            },
        )?;
        w.ensure_person("bob")?;
        Ok(())
    });
    // She learned something yesterday, so no lesson is suggested yet.
    add(
        store,
        now() - Duration::days(1),
        Kind::Learned,
        "ann",
        "Pipes connect commands",
        &["bash"],
    );
    Team { o, store }
}

/// Runs writes stamped with time `when`.
fn at(store: &dyn Store, when: Time, f: impl Fn(&dyn Writer) -> Result<()>) {
    store
        .batch(&|w| {
            w.backdate(when);
            f(w)
        })
        .unwrap();
}

fn ago(d: Duration) -> Time {
    now() - d
}

fn item(kind: Kind, who: &str, text: &str, tags: &[&str]) -> NewItem {
    let draft = Draft {
        text: text.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Draft::default()
    };
    NewItem::from_draft(kind, who, &draft).unwrap()
}

fn add(store: &dyn Store, when: Time, kind: Kind, who: &str, text: &str, tags: &[&str]) -> ItemId {
    let id = std::cell::Cell::new(None);
    at(store, when, |w| {
        id.set(Some(w.add(&item(kind, who, text, tags))?));
        Ok(())
    });
    id.get().unwrap()
}

fn facts_of(t: &Team, person: &str) -> NudgeFacts {
    let now = now();
    t.store
        .nudge_facts(&nudge::ask(person, &PersonState::default(), now))
        .unwrap()
        .unwrap()
}

fn rules(t: &Team) -> Vec<Rule> {
    rules_of(t, "ann")
}

fn rules_of(t: &Team, person: &str) -> Vec<Rule> {
    nudge::candidates(&facts_of(t, person), now())
        .iter()
        .map(Nudge::rule)
        .collect()
}

fn a_fresh_profile_gets_no_nudge(o: &Opened) {
    let t = team(o);
    assert!(rules(&t).is_empty());
    let mut state = PersonState::default();
    assert_eq!(nudge::decide(&facts_of(&t, "ann"), &mut state, now()), None);
}

fn unknown_person_has_no_facts(o: &Opened) {
    let t = team(o);
    let ask = nudge::ask("nobody", &PersonState::default(), now());
    assert_eq!(t.store.nudge_facts(&ask).unwrap(), None);
}

fn due_review_cards_are_counted_for_the_person_only(o: &Opened) {
    let t = team(o);
    let ms = |d: Time| d.timestamp_millis();
    for (person, card, due) in [
        ("ann", "l1#1", ms(ago(Duration::hours(1)))),
        ("ann", "l1#2", ms(ago(Duration::days(2)))),
        ("ann", "l2#1", ms(now() + Duration::days(1))),
        ("bob", "l1#1", ms(ago(Duration::hours(1)))),
    ] {
        (t.o.sql)(&format!(
            "INSERT INTO card_state (person, card, stability, difficulty, due) VALUES ('{person}', '{card}', 1, 5, {due})"
        ));
    }
    assert_eq!(facts_of(&t, "ann").due_cards, 2);
    assert_eq!(rules(&t), [Rule::Review]);
    let mut state = PersonState::default();
    assert_eq!(
        nudge::decide(&facts_of(&t, "ann"), &mut state, now()),
        Some(Nudge::Review { due: 2 })
    );
}

fn open_question_fires_only_when_ann_can_help_and_nobody_did(o: &Opened) {
    let t = team(o);
    let s = t.store;
    let old = ago(Duration::hours(3));
    // Each of these must stay quiet.
    add(
        s,
        ago(Duration::minutes(10)),
        Kind::Question,
        "bob",
        "Too fresh?",
        &["sql"],
    );
    let answered = add(s, old, Kind::Question, "bob", "Answered?", &["sql"]);
    at(s, old, |w| w.answer(answered, "carl", "Yes.").map(|_| ()));
    add(s, old, Kind::Question, "ann", "My own?", &["sql"]);
    add(
        s,
        old,
        Kind::Question,
        "bob",
        "Other tag?",
        &["vim", "mysql"],
    );
    add(
        s,
        ago(Duration::days(30)),
        Kind::Question,
        "bob",
        "Stale?",
        &["sql"],
    );
    let backed = add(s, old, Kind::Question, "bob", "Backed by ann?", &["sql"]);
    at(s, old, |w| w.back(backed, "ann", BackingKind::MeToo, None));
    assert_eq!(facts_of(&t, "ann").question, None);
    assert!(!rules(&t).contains(&Rule::Question));

    // An anonymous question she can answer.
    let draft = Draft {
        text: "How do joins work?".into(),
        tags: vec!["life".into(), "sql".into()],
        anonymous: true,
        ..Draft::default()
    };
    let q = NewItem::from_draft(Kind::Question, "someone", &draft).unwrap();
    at(s, ago(Duration::hours(2)), |w| w.add(&q).map(|_| ()));
    let found = facts_of(&t, "ann")
        .question
        .expect("a question to help with");
    assert_eq!(found.title, "How do joins work?");
    assert_eq!(found.tag, "sql");
    assert_eq!(rules(&t), [Rule::Question]);
    // Bob offers nothing: nothing for him.
    assert_eq!(facts_of(&t, "bob").question, None);
}

fn new_tips_count_colleagues_tips_on_wanted_tags_since_the_last_look(o: &Opened) {
    let t = team(o);
    let s = t.store;
    add(
        s,
        ago(Duration::hours(1)),
        Kind::Tip,
        "bob",
        "vim: ci\" changes inside quotes",
        &["vim"],
    );
    add(
        s,
        ago(Duration::hours(2)),
        Kind::Tip,
        "bob",
        "tmux: prefix z zooms",
        &["tmux", "vim"],
    );
    add(
        s,
        ago(Duration::hours(2)),
        Kind::Tip,
        "bob",
        "tmux: prefix d detaches",
        &["tmux"],
    );
    // Quiet: her own tip, a tag she does not want, a look-alike tag, too old.
    add(
        s,
        ago(Duration::hours(1)),
        Kind::Tip,
        "ann",
        "my own vim tip",
        &["vim"],
    );
    add(
        s,
        ago(Duration::hours(1)),
        Kind::Tip,
        "bob",
        "sql tip",
        &["sql"],
    );
    add(
        s,
        ago(Duration::hours(1)),
        Kind::Tip,
        "bob",
        "neovim tip",
        &["vim-advanced"],
    );
    add(
        s,
        ago(Duration::days(20)),
        Kind::Tip,
        "bob",
        "old vim tip",
        &["vim"],
    );

    let f = facts_of(&t, "ann");
    assert_eq!(f.new_tips, 3, "each tip counted once");
    assert_eq!(f.new_tip_tags, ["vim", "tmux"]);
    assert_eq!(rules(&t), [Rule::Tips]);

    // After she looked (90 minutes ago), only the newest is new.
    let looked = PersonState {
        looked_at: Some(ago(Duration::minutes(90))),
        ..PersonState::default()
    };
    let f = s
        .nudge_facts(&nudge::ask("ann", &looked, now()))
        .unwrap()
        .unwrap();
    assert_eq!((f.new_tips, f.new_tip_tags), (1, vec!["vim".to_string()]));
}

fn a_very_busy_week_counts_the_newest_tips_only_and_says_there_are_more(o: &Opened) {
    let t = team(o);
    at(t.store, ago(Duration::hours(2)), |w| {
        for n in 0..1_000 {
            w.add(&item(Kind::Tip, "bob", &format!("vim tip {n}"), &["vim"]))?;
        }
        Ok(())
    });
    let f = facts_of(&t, "ann");
    assert_eq!((f.new_tips, f.more_tips), (1_000, false), "all counted");
    add(
        t.store,
        ago(Duration::hours(1)),
        Kind::Tip,
        "bob",
        "one more",
        &["vim"],
    );
    let f = facts_of(&t, "ann");
    assert_eq!((f.new_tips, f.more_tips), (1_000, true));
    let line = nudge::candidates(&f, now())
        .into_iter()
        .find(|n| matches!(n, Nudge::Tips { .. }));
    assert!(matches!(line, Some(Nudge::Tips { more: true, .. })));
}

fn a_short_lesson_comes_only_after_days_without_learning(o: &Opened) {
    let t = team(o);
    let s = t.store;
    // Dirk joined a month ago, wants tmux, and has done nothing since.
    at(s, ago(Duration::days(30)), |w| {
        let wants = Some(vec!["cooking".into(), "tmux".into()]);
        w.edit_person(
            "dirk",
            &ProfileEdit {
                wants,
                ..ProfileEdit::default()
            },
        )
        .map(|_| ())
    });
    // The bundled "tmux basics" lesson (4 minutes) matches his second wish.
    let lesson = facts_of(&t, "dirk").lesson.expect("a lesson on tmux");
    assert_eq!(lesson.tag, "tmux");
    assert!(lesson.minutes <= nudge::SHORT_LESSON_MINUTES);
    assert_eq!(rules_of(&t, "dirk"), [Rule::Lesson]);

    // Ann learned something yesterday: the same lesson waits for her.
    assert!(facts_of(&t, "ann").lesson.is_some());
    assert!(rules(&t).is_empty());
    let f = facts_of(&t, "ann");
    assert_eq!(
        nudge::candidates(&f, now() + Duration::days(3)).len(),
        1,
        "idle again later"
    );

    // A lesson Dirk has done is not offered again; doing it is learning too.
    at(s, ago(Duration::days(5)), |w| {
        w.mark_done("dirk", lesson.id, None)
    });
    let f = facts_of(&t, "dirk");
    assert_eq!(f.lesson, None, "the only tmux lesson is done");
    assert!(now() - f.last_learned <= Duration::days(5) + Duration::minutes(1));
}

fn reviews_count_as_learning(o: &Opened) {
    let t = team(o);
    (t.o.sql)(&format!(
        "INSERT INTO review (person, card, reviewed_at, rating) VALUES ('bob', 'l1#1', {}, 3)",
        ago(Duration::hours(5)).timestamp_millis()
    ));
    let f = facts_of(&t, "bob");
    assert!(now() - f.last_learned < Duration::hours(6));
}

fn snooze_silences_a_nudge_that_would_fire(o: &Opened) {
    let t = team(o);
    add(
        t.store,
        ago(Duration::hours(1)),
        Kind::Tip,
        "bob",
        "vim tip",
        &["vim"],
    );
    let f = facts_of(&t, "ann");
    let mut state = PersonState {
        snooze_until: Some(now() + Duration::hours(2)),
        ..PersonState::default()
    };
    assert_eq!(nudge::decide(&f, &mut state, now()), None);
    assert!(nudge::decide(&f, &mut state, now() + Duration::hours(2)).is_some());
}

fn next_keeps_the_rhythm_in_its_state_file(o: &Opened) {
    let t = team(o);
    add(
        t.store,
        ago(Duration::hours(1)),
        Kind::Tip,
        "bob",
        "vim tip",
        &["vim"],
    );
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state/nudge-state.toml");
    let (first, lang) = nudge::next(t.store, &state, "ann", now()).expect("a nudge");
    assert_eq!(first.rule(), Rule::Tips);
    assert_eq!(lang, None);
    assert!(state.exists());
    let again = nudge::next(t.store, &state, "ann", now() + Duration::minutes(5));
    assert_eq!(
        again.map(|(n, _)| n),
        Some(first),
        "stays up during its showing"
    );
    let later = nudge::next(
        t.store,
        &state,
        "ann",
        now() + nudge::SHOW_FOR + Duration::minutes(1),
    );
    assert_eq!(later, None, "then a quiet gap");
}

fn new_wish(s: &dyn Store, owner: &str, text: &str, cents: i64, private: bool) -> WishId {
    s.wish_store()
        .unwrap()
        .add_wish(&NewWish {
            owner: owner.into(),
            text: text.into(),
            why: None,
            cost_cents: Some(cents),
            minutes: None,
            tags: vec!["sql".into()],
            private,
        })
        .unwrap()
}

fn give(s: &dyn Store, person: &str, wish: WishId, cents: i64) {
    s.wish_store()
        .unwrap()
        .fund(&Fund {
            wish,
            person: person.into(),
            cents,
            minutes: 0,
            note: None,
            from: None,
        })
        .unwrap();
}

/// `nudge_facts` brings what a nudge may say of wishes and budgets too, in
/// its one read (on the server one transaction instead of four more), and
/// the same on both backends.
fn wish_facts_come_in_the_same_read(o: &Opened) {
    let t = team(o);
    let s = t.store;
    let today = now().date_naive();
    let lapses = today + Duration::days(30);
    let grant = |person: &str, cents: i64, expires| {
        o.admin
            .wish_store()
            .unwrap()
            .grant(&Grant {
                person: person.into(),
                by: "boss".into(),
                source: "werkgever".into(),
                cents,
                expires,
                ..Grant::default()
            })
            .unwrap();
    };
    grant("ann", 20_000, Some(lapses));
    grant("bob", 30_000, None);
    // Ann's own wish, 90 % given by Bob.
    let own = new_wish(s, "ann", "Leren lassen", 10_000, false);
    give(s, "bob", own, 9_000);
    // Bob's open wish on what Ann offers; newer ones she cannot help with:
    // Carl's private one, and one of Bob's that is funded already.
    let open = new_wish(s, "bob", "Goede joins schrijven", 5_000, false);
    new_wish(s, "carl", "Geheim", 5_000, true);
    let funded = new_wish(s, "bob", "Al rond", 1_000, false);
    give(s, "bob", funded, 1_000);

    let bob = s.person("bob").unwrap().unwrap().name;
    assert_eq!(
        facts_of(&t, "ann").wishes,
        WishNudges {
            nearly_funded: Some((own, "Leren lassen".into(), 90)),
            lapsing: Some(Lapsing {
                cents: 20_000,
                minutes: 0,
                source: "werkgever".into(),
                on: lapses,
            }),
            can_help: Some(HelpWish {
                id: open,
                who: bob,
                text: "Goede joins schrijven".into(),
                tag: "sql".into(),
            }),
        }
    );
    // Bob offers nothing, owns no wish nearly funded, has no end date.
    assert_eq!(facts_of(&t, "bob").wishes, WishNudges::default());
}
