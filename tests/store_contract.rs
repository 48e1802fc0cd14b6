//! The `Store` contract, one body per rule, run on both backends: a SQLite
//! file and a PostgreSQL team server (a fresh database per test, opened as
//! the superuser so any person's name may be used, as on a file; what the
//! server itself refuses is in `pg_privacy.rs` and `pg_cli.rs`). The
//! PostgreSQL half skips without PostgreSQL installed and fails under
//! `LEERTUIN_REQUIRE_PG=1`.

mod pg_support;

use leertuin::domain::reference::{RefItem, Reference, Scope, Source};
use leertuin::domain::srs::Rating;
use leertuin::domain::{
    BackingKind, Draft, Item, ItemId, Kind, NewItem, Post, ValidationError, Write, from_millis,
};
use leertuin::store::postgres::{self as server, ServerUrl};
use leertuin::store::{self, ListQuery, Mode, Spec, Store, StoreError};

/// What must live as long as the store (a temp dir).
#[allow(dead_code)]
struct Keep(Option<tempfile::TempDir>);

/// A fresh store, and the same data as its admin sees it.
struct Opened {
    store: Box<dyn Store>,
    admin: Box<dyn Store>,
    /// Opens the same data again, as `store` was opened.
    reopen: Box<dyn Fn() -> Result<Box<dyn Store>, StoreError>>,
    /// Runs SQL that bypasses the store (as the admin), for states the
    /// store itself never writes; plain SQL both backends read alike.
    sql: Box<dyn Fn(&str)>,
    /// Marks the data as made by a newer leertuin; returns (found, known).
    newer_schema: Box<dyn Fn() -> (i64, i64)>,
    _keep: Keep,
}

fn sqlite(_test: &str) -> Option<Opened> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let spec = Spec::File(path.clone());
    let raw = {
        let path = path.clone();
        move || rusqlite::Connection::open(&path).unwrap()
    };
    let bump = raw.clone();
    Some(Opened {
        store: store::open(&spec, Mode::Create).unwrap(),
        admin: store::open(&spec, Mode::Create).unwrap(),
        reopen: Box::new(move || store::open(&spec, Mode::Create)),
        sql: Box::new(move |sql| raw().execute_batch(sql).unwrap()),
        newer_schema: Box::new(move || {
            let newer = store::LATEST_VERSION + 1;
            bump().pragma_update(None, "user_version", newer).unwrap();
            (newer, store::LATEST_VERSION)
        }),
        _keep: Keep(Some(dir)),
    })
}

/// A kiosk login: like a file, it acts for whichever person a call names
/// (the server checks it does so one transaction at a time); the admin
/// is the superuser, who restores backups.
fn postgres(test: &str) -> Option<Opened> {
    let pg = pg_support::shared(test)?;
    let db = pg.database(test);
    // Named by the database's number alone: a role name has at most 63
    // bytes, and test names are long.
    let number = db.name.rsplit('_').next().unwrap_or_default();
    let kiosk = format!("kiosk_{number}");
    {
        let _lock = pg_support::setup_lock();
        let url = ServerUrl::parse(&db.url(&db.owner)).unwrap();
        server::schema::init(&url, &leertuin::bundled::lessons()).unwrap();
        server::people::add_kiosk(&url, &kiosk).unwrap();
    }
    let open = |who: &str| store::open(&Spec::Server(db.url(who)), Mode::Create).unwrap();
    let spec = Spec::Server(db.url(&kiosk));
    let name = db.name.clone();
    let su = move || pg.superuser(&name);
    let su2 = su.clone();
    let bump = move || {
        let newer = server::LATEST_VERSION + 1;
        su2()
            .execute(
                "UPDATE leertuin.schema_version SET version = $1",
                &[&(newer as i32)],
            )
            .unwrap();
        (newer, server::LATEST_VERSION)
    };
    Some(Opened {
        store: open(&kiosk),
        admin: open("postgres"),
        reopen: Box::new(move || store::open(&spec, Mode::Create)),
        sql: Box::new(move |sql| {
            su().batch_execute(&format!("SET search_path = leertuin; {sql}"))
                .unwrap()
        }),
        newer_schema: Box::new(bump),
        _keep: Keep(None),
    })
}

macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $( #[test] fn $name() { if let Some(o) = crate::sqlite(stringify!($name)) { super::$name(&*o.store, &*o.admin) } } )*
        }
        mod on_postgres {
            $( #[test] fn $name() { if let Some(o) = crate::postgres(stringify!($name)) { super::$name(&*o.store, &*o.admin) } } )*
        }
    };
}

/// Rules whose test needs more than the two stores: SQL past the store,
/// opening again, a newer schema.
macro_rules! contract_opened {
    ($($name:ident),* $(,)?) => {
        mod opened_on_sqlite {
            $( #[test] fn $name() { if let Some(o) = crate::sqlite(stringify!($name)) { super::$name(&o) } } )*
        }
        mod opened_on_postgres {
            $( #[test] fn $name() { if let Some(o) = crate::postgres(stringify!($name)) { super::$name(&o) } } )*
        }
    };
}

/// Rules that have a file of their own.
mod contract {
    mod news;
    mod nudge;
    mod wishes;
}

contract!(
    items_list_newest_first_across_kinds,
    counts_match_the_list_without_its_limit,
    private_entries_are_their_authors_alone,
    answers_backings_and_votes,
    own_posts_are_edited_and_deleted_by_their_author_only,
    a_deleted_post_comes_back_by_its_authors_undo_alone,
    accepting_and_helping_is_the_askers,
    lessons_done_become_review_cards,
    a_lesson_done_is_taken_back_by_undo,
    an_edit_changes_an_items_tags_by_its_author_only,
    answers_come_back_to_the_asker,
    an_export_restores_into_an_empty_store,
    profiles_change_field_by_field,
    another_connections_commit_moves_data_version,
    a_merge_adds_what_is_new_and_renumbers_what_is_taken,
    a_merge_keeps_where_imported_items_came_from,
    the_change_mark_moves_with_edits_and_deletes_not_with_new_items,
    each_write_has_an_inverse_that_undoes_it,
    reviewing_a_card_that_is_not_yours_says_so,
    search_docs_carry_answers_backings_and_votes,
    a_text_filter_names_the_items_whose_whole_text_holds_it,
);

contract_opened!(
    a_newer_schema_is_never_written,
    opening_again_keeps_the_bundled_lessons_once,
);

fn draft(text: &str, tags: &[&str]) -> Draft {
    Draft {
        text: text.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Draft::default()
    }
}

fn new(kind: Kind, who: &str, text: &str) -> NewItem {
    NewItem::from_draft(kind, who, &draft(text, &["git"])).unwrap()
}

/// Adds at a fixed time, so both backends store the same.
fn add_at(s: &dyn Store, ms: i64, item: &NewItem) -> ItemId {
    let out = std::cell::Cell::new(None);
    s.batch(&|w| {
        w.backdate(from_millis(ms));
        out.set(Some(w.add(item)?));
        Ok(())
    })
    .unwrap();
    out.get().unwrap()
}

fn ids(items: &[Item]) -> Vec<String> {
    items.iter().map(|i| i.id().to_string()).collect()
}

fn all(kind: Option<Kind>) -> ListQuery {
    ListQuery {
        kind,
        limit: 50,
        ..ListQuery::default()
    }
}

fn items_list_newest_first_across_kinds(s: &dyn Store, _admin: &dyn Store) {
    let t1 = add_at(s, 1_000, &new(Kind::Tip, "ann", "first tip"));
    let q1 = add_at(s, 2_000, &new(Kind::Question, "bob", "a question?"));
    let n1 = add_at(s, 3_000, &new(Kind::Learned, "ann", "a learned"));
    let t2 = add_at(s, 3_000, &new(Kind::Tip, "bob", "same time tip"));
    assert_eq!((t1.num, q1.num, n1.num, t2.num), (1, 1, 1, 2));
    let query = ListQuery {
        tag: Some("git".into()),
        limit: 3,
        ..ListQuery::default()
    };
    // At one time, the higher id first (ids order by kind, then number).
    assert_eq!(ids(&s.list(&query, "ann").unwrap()), ["n1", "t2", "q1"]);
    let tips = s.list(&all(Some(Kind::Tip)), "ann").unwrap();
    assert_eq!(ids(&tips), ["t2", "t1"]);
    let Item::Tip(tip) = s.get(t1, "bob").unwrap() else {
        panic!("a tip")
    };
    assert_eq!(
        (tip.author.as_str(), tip.text.as_str()),
        ("ann", "first tip")
    );
    assert_eq!(tip.tags, ["git"]);
    assert!(matches!(
        s.get(ItemId::new(Kind::Tip, 99), "ann"),
        Err(StoreError::NotFound(_))
    ));
    let other = ListQuery {
        tag: Some("sql".into()),
        limit: 10,
        ..ListQuery::default()
    };
    assert!(s.list(&other, "ann").unwrap().is_empty());
    // The search index reads every kind, and on from a mark.
    let docs = s.search_docs("ann").unwrap();
    assert!(docs.iter().any(|d| d.id == q1 && d.title == "a question?"));
    let mut later = Vec::new();
    s.each_search_doc("ann", &[0, 0, 1, 0], &mut |d| later.push(d.id))
        .unwrap();
    assert!(later.contains(&t2) && !later.contains(&t1), "{later:?}");
}

/// A tab says "300 of 29,496": the count is what the list would give
/// without its limit, for this viewer (no deleted posts, no one else's
/// private entries), by kind and tag.
fn counts_match_the_list_without_its_limit(s: &dyn Store, _admin: &dyn Store) {
    for n in 0..3 {
        add_at(s, 1_000 + n, &new(Kind::Tip, "ann", &format!("tip {n}")));
    }
    let gone = add_at(s, 1_100, &new(Kind::Tip, "ann", "deleted tip"));
    s.apply(&Write::Delete {
        post: Post::Item(gone),
        person: "ann".into(),
    })
    .unwrap();
    add_at(s, 1_200, &new(Kind::Question, "bob", "a question?"));
    let secret = Draft {
        text: "my secret".into(),
        private: true,
        ..Draft::default()
    };
    add_at(
        s,
        1_300,
        &NewItem::from_draft(Kind::Learned, "ann", &secret).unwrap(),
    );
    add_at(s, 1_400, &new(Kind::Learned, "bob", "for everyone"));
    let query = |kind: Option<Kind>, tag: Option<&str>, limit: usize| ListQuery {
        kind,
        tag: tag.map(str::to_string),
        limit,
        no_knowhow: false,
    };
    assert_eq!(s.count(&query(Some(Kind::Tip), None, 1), "ann").unwrap(), 3);
    assert_eq!(
        s.count(&query(Some(Kind::Learned), None, 1), "ann")
            .unwrap(),
        2
    );
    assert_eq!(
        s.count(&query(Some(Kind::Learned), None, 1), "bob")
            .unwrap(),
        1
    );
    assert_eq!(
        s.count(&query(Some(Kind::Tip), Some("git"), 1), "ann")
            .unwrap(),
        3
    );
    assert_eq!(
        s.count(&query(Some(Kind::Tip), Some("sql"), 1), "ann")
            .unwrap(),
        0
    );
    for viewer in ["ann", "bob"] {
        for kind in [None, Some(Kind::Lesson), Some(Kind::Question)] {
            let listed = s.list(&query(kind, None, 100_000), viewer).unwrap().len();
            assert_eq!(
                s.count(&query(kind, None, 1), viewer).unwrap(),
                listed,
                "{kind:?}"
            );
        }
    }
}

fn private_entries_are_their_authors_alone(s: &dyn Store, _admin: &dyn Store) {
    let draft = Draft {
        text: "my secret".into(),
        private: true,
        ..Draft::default()
    };
    let private = NewItem::from_draft(Kind::Learned, "ann", &draft).unwrap();
    let n1 = add_at(s, 1_000, &private);
    add_at(s, 2_000, &new(Kind::Learned, "ann", "for everyone"));
    let texts = |viewer: &str| -> Vec<String> {
        s.list(&all(Some(Kind::Learned)), viewer)
            .unwrap()
            .iter()
            .map(|i| match i {
                Item::Learned(l) => l.text.clone(),
                _ => String::new(),
            })
            .collect()
    };
    assert_eq!(texts("ann"), ["for everyone", "my secret"]);
    assert_eq!(texts("bob"), ["for everyone"]);
    assert!(matches!(s.get(n1, "bob"), Err(StoreError::NotFound(_))));
    assert!(s.get(n1, "ann").is_ok());
    let bobs = s.search_docs("bob").unwrap();
    assert!(!bobs.iter().any(|d| d.id == n1));
}

fn answers_backings_and_votes(s: &dyn Store, _admin: &dyn Store) {
    let q = add_at(s, 1_000, &new(Kind::Question, "ann", "how?"));
    let t = add_at(s, 1_000, &new(Kind::Tip, "ann", "like so"));
    assert_eq!(s.answer(q, "bob", "thus").unwrap(), 1);
    assert_eq!(s.answer(q, "cas", "or so").unwrap(), 2);
    s.back(q, "bob", BackingKind::Pledge, Some(10)).unwrap();
    s.back(q, "bob", BackingKind::Pledge, Some(20)).unwrap();
    s.back(q, "cas", BackingKind::MeToo, None).unwrap();
    assert!(matches!(
        s.back(q, "cas", BackingKind::Pledge, None),
        Err(StoreError::Invalid(_))
    ));
    assert!(s.vote(t, "bob").unwrap());
    assert!(!s.vote(t, "bob").unwrap());
    assert!(matches!(
        s.vote(t, "ann"),
        Err(StoreError::Invalid(ValidationError::OwnTip(_)))
    ));
    // Backing, in any way, is for colleagues' questions, as votes are for
    // their tips (issue 11: the kiosk counted an asker's own "me too").
    for (kind, minutes) in [
        (BackingKind::MeToo, None),
        (BackingKind::CanHelp, None),
        (BackingKind::Pledge, Some(10)),
    ] {
        assert!(
            matches!(
                s.back(q, "ann", kind, minutes),
                Err(StoreError::Invalid(ValidationError::OwnQuestion(_)))
            ),
            "{kind:?}"
        );
    }
    assert!(matches!(
        s.answer(ItemId::new(Kind::Question, 9), "bob", "x"),
        Err(StoreError::NotFound(_))
    ));
    let Item::Question(question) = s.get(q, "ann").unwrap() else {
        panic!("a question")
    };
    let answers: Vec<(i64, &str)> = question
        .answers
        .iter()
        .map(|a| (a.id, a.author.as_str()))
        .collect();
    assert_eq!(answers, [(1, "bob"), (2, "cas")]);
    let pledged: Vec<(&str, Option<i64>)> = question
        .backings
        .iter()
        .map(|b| (b.person.as_str(), b.minutes))
        .collect();
    assert!(pledged.contains(&("bob", Some(20))), "{pledged:?}");
    assert_eq!(pledged.len(), 2);
    let withdrawn = s.withdraw(q, "bob", BackingKind::Pledge).unwrap();
    assert_eq!(withdrawn.map(|b| b.minutes), Some(Some(20)));
    assert!(s.withdraw(q, "bob", BackingKind::Pledge).unwrap().is_none());
    assert!(s.unvote(t, "bob").unwrap());
    assert!(!s.unvote(t, "bob").unwrap());
    let open = s.open_questions(10).unwrap();
    assert_eq!(open.len(), 1);
    let counts = s.answer_counts(from_millis(0)).unwrap();
    assert_eq!(counts, [("bob".to_string(), 1), ("cas".to_string(), 1)]);
}

fn own_posts_are_edited_and_deleted_by_their_author_only(s: &dyn Store, _admin: &dyn Store) {
    let t = add_at(s, 1_000, &new(Kind::Tip, "ann", "old text"));
    let draft = Draft {
        text: "who asks?".into(),
        anonymous: true,
        ..Draft::default()
    };
    let anon = add_at(
        s,
        1_000,
        &NewItem::from_draft(Kind::Question, "ann", &draft).unwrap(),
    );
    let tip = Post::Item(t);
    assert!(matches!(
        s.edit(tip, "bob", "mine now"),
        Err(StoreError::NotYours(_))
    ));
    assert!(matches!(
        s.edit(Post::Item(anon), "ann", "x"),
        Err(StoreError::Anonymous(_))
    ));
    assert_eq!(s.edit(tip, "ann", "new text").unwrap(), "old text");
    let Item::Tip(edited) = s.get(t, "ann").unwrap() else {
        panic!("a tip")
    };
    assert_eq!(edited.text, "new text");
    assert!(edited.edited_at.is_some());
    assert_eq!(s.delete(tip, "ann").unwrap(), "new text");
    assert!(matches!(s.get(t, "ann"), Err(StoreError::NotFound(_))));
    assert!(matches!(s.delete(tip, "ann"), Err(StoreError::NotFound(_))));
    // The tombstone travels in a backup, text cleared.
    let backup = s.export().unwrap();
    let stone = backup.tips.iter().find(|x| x.id == t).unwrap();
    assert!(stone.deleted_at.is_some() && stone.text.is_empty());
}

/// The undo of a delete brings the post back with its text, for every
/// kind of post; nobody else can, and a live post is not "restored".
fn a_deleted_post_comes_back_by_its_authors_undo_alone(s: &dyn Store, _admin: &dyn Store) {
    let q = add_at(s, 1_000, &new(Kind::Question, "ann", "why?"));
    let a = s.answer(q, "ann", "because").unwrap();
    let t = add_at(s, 1_000, &new(Kind::Tip, "ann", "a tip"));
    let n = add_at(s, 1_000, &new(Kind::Learned, "ann", "a learned"));
    let posts = [
        (Post::Item(q), "why?\nmore"),
        (
            Post::Answer {
                question: q,
                answer: a,
            },
            "because",
        ),
        (Post::Item(t), "a tip"),
        (Post::Item(n), "a learned"),
    ];
    // The answer first: a question with a live answer stays.
    for (post, text) in posts.iter().rev() {
        s.delete(*post, "ann").unwrap();
        assert!(
            matches!(
                s.apply(&restore(*post, "bob", text)),
                Err(StoreError::NotYours(_))
            ),
            "{post}: bob brings back ann's post"
        );
        s.apply(&restore(*post, "ann", text))
            .unwrap_or_else(|e| panic!("{post}: the undo of ann's delete: {e}"));
        assert!(
            matches!(
                s.apply(&restore(*post, "ann", text)),
                Err(StoreError::NotAllowed(_))
            ),
            "{post}: a live post restored"
        );
    }
    let Item::Question(question) = s.get(q, "bob").unwrap() else {
        panic!("a question")
    };
    assert_eq!(
        (question.title.as_str(), question.body.as_str()),
        ("why?", "more")
    );
    assert_eq!(question.answers.len(), 1);
    assert_eq!(question.answers[0].body, "because");
    let Item::Tip(tip) = s.get(t, "bob").unwrap() else {
        panic!("a tip")
    };
    assert_eq!(tip.text, "a tip");
    let Item::Learned(learned) = s.get(n, "ann").unwrap() else {
        panic!("a learned")
    };
    assert_eq!(learned.text, "a learned");
    // Back for good: edited and deleted as any post, and restored again,
    // this time from an outbox (with its write key).
    let tip = Post::Item(t);
    s.edit(tip, "ann", "better tip").unwrap();
    s.delete(tip, "ann").unwrap();
    assert!(matches!(
        s.edit(tip, "ann", "from an old outbox"),
        Err(StoreError::NotFound(_))
    ));
    let key = "0f5d06a1-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    let undo = restore(tip, "ann", "better tip");
    assert!(s.apply_once(key, &undo).unwrap().is_some());
    let Item::Tip(back) = s.get(t, "bob").unwrap() else {
        panic!("a tip")
    };
    assert_eq!(back.text, "better tip");
    // Deleted again, it stays deleted when that outbox entry is sent twice.
    s.delete(tip, "ann").unwrap();
    assert_eq!(s.apply_once(key, &undo).unwrap(), None);
    assert!(matches!(s.get(t, "bob"), Err(StoreError::NotFound(_))));
}

fn restore(post: Post, person: &str, text: &str) -> Write {
    Write::Restore {
        post,
        person: person.to_string(),
        text: text.to_string(),
    }
}

fn accepting_and_helping_is_the_askers(s: &dyn Store, _admin: &dyn Store) {
    let q = add_at(s, 1_000, &new(Kind::Question, "ann", "why?"));
    let a = s.answer(q, "bob", "because").unwrap();
    s.back(q, "bob", BackingKind::Pledge, Some(15)).unwrap();
    assert!(matches!(
        s.accept(q, a, "bob"),
        Err(StoreError::Invalid(ValidationError::NotTheAsker(_)))
    ));
    assert!(matches!(
        s.accept(q, 99, "ann"),
        Err(StoreError::Invalid(ValidationError::NoAnswer { .. }))
    ));
    s.accept(q, a, "ann").unwrap();
    s.helped(q, "bob", "ann").unwrap();
    assert!(matches!(
        s.helped(q, "cas", "ann"),
        Err(StoreError::Invalid(ValidationError::NoPledge { .. }))
    ));
    let Item::Question(question) = s.get(q, "ann").unwrap() else {
        panic!("a question")
    };
    assert!(question.answers[0].accepted);
    assert!(question.backings[0].helped);
    assert!(s.open_questions(10).unwrap().is_empty());
}

fn lessons_done_become_review_cards(s: &dyn Store, _admin: &dyn Store) {
    let lesson = s
        .list(&all(Some(Kind::Lesson)), "ann")
        .unwrap()
        .into_iter()
        .find_map(|i| match i {
            Item::Lesson(l) if !l.cards.is_empty() => Some(l),
            _ => None,
        })
        .expect("a bundled lesson with check cards");
    s.mark_done("ann", lesson.id, Some("useful")).unwrap();
    let done = s.lessons_done("ann").unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].reflection.as_deref(), Some("useful"));
    let later = leertuin::domain::now() + chrono::Duration::days(400);
    let due = s.due_cards("ann", later, 50).unwrap();
    assert_eq!(due.len(), lesson.cards.len());
    assert_eq!(due[0].answer, lesson.cards[0].answer);
    let next = s.review("ann", &due[0].card, Rating::Good, 0.9).unwrap();
    assert_eq!(next.reps, 1);
    let t = add_at(s, 1_000, &new(Kind::Tip, "bob", "remember me"));
    assert!(s.remember("ann", t).unwrap());
    assert!(!s.remember("ann", t).unwrap());
    let facts = s.insight_facts(Some("ann"), from_millis(0)).unwrap();
    assert_eq!((facts.lessons_done, facts.reviews), (1, 1));
    assert_eq!(facts.card_states.len(), lesson.cards.len() + 1);
}

/// Undo of "lesson done": not done any more, and its check cards leave the
/// person's reviews, except one already reviewed (that work was done).
fn a_lesson_done_is_taken_back_by_undo(s: &dyn Store, _admin: &dyn Store) {
    let lesson = s
        .list(&all(Some(Kind::Lesson)), "ann")
        .unwrap()
        .into_iter()
        .find_map(|i| match i {
            Item::Lesson(l) if l.cards.len() >= 2 => Some(l),
            _ => None,
        })
        .expect("a bundled lesson with two check cards");
    let later = leertuin::domain::now() + chrono::Duration::days(400);
    let undo = Write::UnmarkDone {
        lesson: lesson.id,
        person: "ann".into(),
    };
    // Nothing to take back yet.
    assert_eq!(
        s.apply(&undo).unwrap(),
        leertuin::domain::Done::Changed(false)
    );
    s.mark_done("ann", lesson.id, None).unwrap();
    s.mark_done("bob", lesson.id, None).unwrap();
    assert_eq!(
        s.apply(&undo).unwrap(),
        leertuin::domain::Done::Changed(true)
    );
    assert!(s.lessons_done("ann").unwrap().is_empty());
    assert!(s.due_cards("ann", later, 50).unwrap().is_empty());
    // Bob's stays.
    assert_eq!(s.lessons_done("bob").unwrap().len(), 1);
    assert_eq!(
        s.due_cards("bob", later, 50).unwrap().len(),
        lesson.cards.len()
    );
    // A card reviewed in between stays a card.
    s.mark_done("ann", lesson.id, None).unwrap();
    let due = s.due_cards("ann", later, 50).unwrap();
    s.review("ann", &due[0].card, Rating::Good, 0.9).unwrap();
    s.apply(&undo).unwrap();
    let facts = s.insight_facts(Some("ann"), from_millis(0)).unwrap();
    assert_eq!((facts.lessons_done, facts.card_states.len()), (0, 1));
}

/// The edit form changes an item's tags with its text: checked as a new
/// item's, by its author only, and given back by the undo.
fn an_edit_changes_an_items_tags_by_its_author_only(s: &dyn Store, _admin: &dyn Store) {
    let t = add_at(s, 1_000, &new(Kind::Tip, "ann", "wipe the press"));
    let edit = |person: &str, tags: &[&str]| Write::Edit {
        post: Post::Item(t),
        person: person.into(),
        text: "wipe the press first".into(),
        tags: Some(tags.iter().map(|t| t.to_string()).collect()),
    };
    s.apply(&edit("ann", &["pers", "veiligheid"])).unwrap();
    let tags = |s: &dyn Store| s.get(t, "ann").unwrap().tags().to_vec();
    assert_eq!(tags(s), ["pers", "veiligheid"]);
    assert_eq!(s.get(t, "ann").unwrap().title(), "wipe the press first");
    assert!(
        s.apply(&edit("bob", &["mine"])).is_err(),
        "bob changed ann's tags"
    );
    assert!(matches!(
        s.apply(&edit("ann", &["c++"])),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        tags(s),
        ["pers", "veiligheid"],
        "a refused edit changed the tags"
    );
    assert_eq!(
        s.set_tags(t, "ann", &["git".to_string()]).unwrap(),
        ["pers", "veiligheid"]
    );
    assert_eq!(tags(s), ["git"]);
}

fn answers_come_back_to_the_asker(s: &dyn Store, _admin: &dyn Store) {
    let q = add_at(s, 1_000, &new(Kind::Question, "ann", "anyone?"));
    assert!(s.newest_unseen_answer("ann").unwrap().is_none());
    s.answer(q, "bob", "me").unwrap();
    let news = s.newest_unseen_answer("ann").unwrap().expect("news");
    assert_eq!(
        (news.question, news.answer, news.by.as_str()),
        (q, 1, "bob")
    );
    s.mark_answers_seen("ann", q).unwrap();
    assert!(s.newest_unseen_answer("ann").unwrap().is_none());
    let asked = s.asked("ann", 10).unwrap();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].seen_up_to, 1);

    // Choosing the answer that helped is reading it, also when it came in
    // after the question was last opened (a tester saw "new" stay).
    let second = s.answer(q, "bob", "or this").unwrap();
    assert!(s.newest_unseen_answer("ann").unwrap().is_some());
    s.apply(&Write::Accept {
        question: q,
        answer: second,
        person: "ann".into(),
    })
    .unwrap();
    assert!(s.newest_unseen_answer("ann").unwrap().is_none());
    let q2 = add_at(s, 2_000, &new(Kind::Question, "ann", "and this?"));
    let yes = s.answer(q2, "bob", "yes").unwrap();
    s.accept(q2, yes, "ann").unwrap();
    assert!(s.newest_unseen_answer("ann").unwrap().is_none());
}

fn an_export_restores_into_an_empty_store(_store: &dyn Store, s: &dyn Store) {
    let dir = tempfile::tempdir().unwrap();
    let source = store::open(&Spec::File(dir.path().join("src.db")), Mode::Create).unwrap();
    let q = add_at(&*source, 1_000, &new(Kind::Question, "ann", "moved?"));
    source.answer(q, "bob", "yes").unwrap();
    source.back(q, "bob", BackingKind::MeToo, None).unwrap();
    add_at(&*source, 2_000, &new(Kind::Learned, "bob", "moving"));
    let t = add_at(&*source, 3_000, &new(Kind::Tip, "ann", "pack light"));
    source.vote(t, "bob").unwrap();
    source.delete(Post::Item(t), "ann").unwrap();
    source
        .batch(&|w| w.set_person_pin("cas", "$argon2id$hash"))
        .unwrap();
    // Study records: a lesson done with its reflection, and a review of
    // one of its cards.
    let lesson = source
        .list(
            &ListQuery {
                kind: Some(Kind::Lesson),
                limit: 1,
                ..ListQuery::default()
            },
            "bob",
        )
        .unwrap();
    let lesson = lesson[0].id();
    source
        .mark_done("bob", lesson, Some("handig – écht 👍"))
        .unwrap();
    source
        .review("bob", &format!("{lesson}#1"), Rating::Good, 0.9)
        .unwrap();
    let backup = source.export().unwrap();
    assert_eq!((backup.lessons_done.len(), backup.reviews.len()), (1, 1));
    s.import(&backup).unwrap();
    let json = |b: &leertuin::domain::Backup| serde_json::to_string_pretty(b).unwrap();
    assert_eq!(json(&s.export().unwrap()), json(&backup));
    // A second restore is refused: the store has content now.
    assert!(matches!(
        s.import(&backup),
        Err(StoreError::HasContent { .. })
    ));
    // New items number on after the restored ones.
    assert_eq!(
        add_at(s, 4_000, &new(Kind::Tip, "ann", "next")).num,
        t.num + 1
    );
}

fn profiles_change_field_by_field(s: &dyn Store, _admin: &dyn Store) {
    let edit = leertuin::store::ProfileEdit {
        name: Some("Ann de Vries".into()),
        wants: Some(vec!["SQL".into(), "git".into()]),
        ..Default::default()
    };
    let p = s.edit_person("ann", &edit).unwrap();
    assert_eq!(p.wants, ["sql", "git"]);
    let lang = leertuin::store::ProfileEdit {
        lang: Some("nl".into()),
        ..Default::default()
    };
    s.edit_person("ann", &lang).unwrap();
    let p = s.person("ann").unwrap().unwrap();
    assert_eq!(p.name, "Ann de Vries");
    assert_eq!(p.lang.as_deref(), Some("nl"));
    let bad = leertuin::store::ProfileEdit {
        lang: Some("xx".into()),
        ..Default::default()
    };
    assert!(matches!(
        s.edit_person("ann", &bad),
        Err(StoreError::Invalid(_))
    ));
    let handles: Vec<String> = s.persons().unwrap().into_iter().map(|p| p.handle).collect();
    assert_eq!(handles, ["ann"]);
}

/// The pane's once-a-second check: quiet while nothing happens, moved
/// once another connection has committed (on the server by NOTIFY, which
/// arrives a moment after the commit: the check is repeated until then).
fn another_connections_commit_moves_data_version(s: &dyn Store, other: &dyn Store) {
    let before = s.data_version().unwrap();
    assert_eq!(s.data_version().unwrap(), before);
    add_at(other, 1_000, &new(Kind::Tip, "bob", "news"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while s.data_version().unwrap() == before {
        assert!(
            std::time::Instant::now() < deadline,
            "the commit was never noticed"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let after = s.data_version().unwrap();
    assert_eq!(s.data_version().unwrap(), after);
}

fn a_merge_adds_what_is_new_and_renumbers_what_is_taken(_store: &dyn Store, s: &dyn Store) {
    add_at(s, 500, &new(Kind::Tip, "ann", "here first"));
    let dir = tempfile::tempdir().unwrap();
    let source = store::open(&Spec::File(dir.path().join("src.db")), Mode::Create).unwrap();
    let t = add_at(&*source, 1_000, &new(Kind::Tip, "bob", "from the file"));
    let q = add_at(&*source, 2_000, &new(Kind::Question, "bob", "merged?"));
    source.answer(q, "cas", "yes").unwrap();
    source.vote(t, "cas").unwrap();
    let backup = source.export().unwrap();
    let report = s.merge(&backup).unwrap();
    assert_eq!(report.renumbered, [(t, ItemId::new(Kind::Tip, 2))]);
    assert!(report.rejected.is_empty());
    let Item::Tip(moved) = s.get(ItemId::new(Kind::Tip, 2), "ann").unwrap() else {
        panic!("a tip")
    };
    assert_eq!(
        (moved.text.as_str(), moved.votes.len()),
        ("from the file", 1)
    );
    let Item::Question(question) = s.get(q, "ann").unwrap() else {
        panic!("a question")
    };
    assert_eq!(question.answers.len(), 1);
    // Merging the same file again adds nothing.
    let again = s.merge(&backup).unwrap();
    assert_eq!(again.added, 0);
    assert!(again.already >= 2, "{again:?}");
    // New items number on after the merged ones.
    assert_eq!(add_at(s, 3_000, &new(Kind::Tip, "ann", "next")).num, 3);
}

fn reference(source: Source, page: &str, example: u32) -> Reference {
    Reference {
        source,
        lang: "en".into(),
        page: page.into(),
        example,
        revision: "abc".into(),
        attribution: "tldr-pages, CC BY 4.0".into(),
    }
}

/// An imported tldr example and an FAQ entry, as the readers give them.
fn imported() -> (Scope, Scope, Vec<RefItem>, Vec<RefItem>) {
    let tldr = vec![RefItem {
        reference: reference(Source::Tldr, "common/frob", 1),
        text: "Frob a file:\nfrob file".into(),
        answer: None,
        tags: vec!["frob".into()],
        context: Some("frob".into()),
    }];
    let faq = vec![RefItem {
        reference: reference(Source::Faq, "faq.md", 1),
        text: "Where is the key?".into(),
        answer: Some("At the desk.".into()),
        tags: vec![],
        context: None,
    }];
    let scope = |source, page: &str| Scope {
        source: Some(source),
        langs: vec!["en".into()],
        pages: vec![page.into()],
        keep: vec![],
    };
    (
        scope(Source::Tldr, "common/"),
        scope(Source::Faq, "faq.md"),
        tldr,
        faq,
    )
}

/// `import --merge` of another team's export keeps the source of each
/// imported tip and question, so a later `knowhow import` here finds them
/// (unchanged, not added twice); merging again adds nothing.
fn a_merge_keeps_where_imported_items_came_from(_store: &dyn Store, s: &dyn Store) {
    let dir = tempfile::tempdir().unwrap();
    let other = store::open(&Spec::File(dir.path().join("other.db")), Mode::Create).unwrap();
    let (tldr_scope, faq_scope, tldr, faq) = imported();
    other.import_reference(&tldr_scope, &tldr).unwrap();
    other.import_reference(&faq_scope, &faq).unwrap();
    let backup = other.export().unwrap();
    let report = s.merge(&backup).unwrap();
    assert!(report.rejected.is_empty(), "{report:?}");
    let from = |kind| {
        s.list(&all(Some(kind)), "ann")
            .unwrap()
            .iter()
            .filter_map(|i| leertuin::domain::reference::of(i).cloned())
            .collect::<Vec<_>>()
    };
    assert_eq!(from(Kind::Tip), [tldr[0].reference.clone()]);
    assert_eq!(from(Kind::Question), [faq[0].reference.clone()]);

    let again = s.merge(&backup).unwrap();
    assert_eq!(again.added, 0, "{again:?}");
    let items = |kind| s.list(&all(Some(kind)), "ann").unwrap().len();
    assert_eq!((items(Kind::Tip), items(Kind::Question)), (1, 1));
    for (scope, items) in [(&tldr_scope, &tldr), (&faq_scope, &faq)] {
        let counts = s.import_reference(scope, items).unwrap()["en"];
        assert_eq!((counts.added, counts.unchanged), (0, 1), "{scope:?}");
    }
    assert_eq!((items(Kind::Tip), items(Kind::Question)), (1, 1));
}

/// A pane's search index reads only new items after a change, unless the
/// change mark moved: it must move with every change to what an item it
/// has read is found by or ranked by — an edit, a delete and its undo, a
/// new answer (a question is found by its answers), a vote or a backing
/// and their withdrawal (they rank it), on a colleague's item and on
/// imported know-how alike — and not with a new item alone.
fn the_change_mark_moves_with_edits_and_deletes_not_with_new_items(
    s: &dyn Store,
    admin: &dyn Store,
) {
    let tip = add_at(s, 1_000, &new(Kind::Tip, "ann", "Use ctrl-r"));
    let q = add_at(s, 2_000, &new(Kind::Question, "bob", "How do I rebase?"));
    let (_, faq_scope, _, faq) = imported();
    admin.import_reference(&faq_scope, &faq).unwrap();
    let Some(faq_q) = s
        .list(&all(Some(Kind::Question)), "ann")
        .unwrap()
        .iter()
        .find(|i| leertuin::domain::reference::of(i).is_some())
        .map(|i| i.id())
    else {
        panic!("the imported FAQ question")
    };
    let other = add_at(s, 2_500, &new(Kind::Tip, "bob", "Bob's tip"));
    let mark = || s.change_mark("ann").unwrap();
    let start = mark();
    add_at(s, 3_000, &new(Kind::Tip, "bob", "another tip"));
    add_at(s, 3_500, &new(Kind::Question, "bob", "Where are the keys?"));
    assert_eq!(mark(), start, "new items only");
    let write = |w: Write| {
        let before = mark();
        s.apply(&w).unwrap();
        assert_ne!(mark(), before, "{w:?}");
    };
    let ann = || "ann".to_string();
    write(Write::Answer {
        question: q,
        person: ann(),
        text: "git rebase -i".into(),
    });
    write(Write::Answer {
        question: faq_q,
        person: ann(),
        text: "Also in the wiki".into(),
    });
    for question in [q, faq_q] {
        write(Write::Back {
            question,
            person: ann(),
            kind: BackingKind::MeToo,
            minutes: None,
        });
        write(Write::Withdraw {
            question,
            person: ann(),
            kind: BackingKind::MeToo,
        });
    }
    write(Write::Vote {
        tip: other,
        person: ann(),
    });
    // A vote taken back and given to another tip between two reads: as
    // many votes as before, on another tip.
    let before = mark();
    s.apply(&Write::Unvote {
        tip: other,
        person: ann(),
    })
    .unwrap();
    s.apply(&Write::Vote {
        tip,
        person: "bob".into(),
    })
    .unwrap();
    assert_ne!(mark(), before, "a vote moved to another tip");
    write(Write::Edit {
        post: Post::Item(tip),
        person: "ann".into(),
        text: "Use ctrl-r to search".into(),
        tags: None,
    });
    write(Write::Delete {
        post: Post::Item(tip),
        person: "ann".into(),
    });
    write(Write::Restore {
        post: Post::Item(tip),
        person: "ann".into(),
        text: "Use ctrl-r to search".into(),
    });
    write(Write::Edit {
        post: Post::Item(q),
        person: "bob".into(),
        text: "How do I rebase onto main?".into(),
        tags: None,
    });
    // Items are found by their author's display name: a new one moves it.
    let before = mark();
    let renamed = leertuin::store::ProfileEdit {
        name: Some("Bob Jansen".into()),
        ..Default::default()
    };
    s.edit_person("bob", &renamed).unwrap();
    assert_ne!(mark(), before, "bob renamed");
    let before = mark();
    s.edit_person("bob", &renamed).unwrap();
    assert_eq!(mark(), before, "the same name again");
}

/// Undo: a write applied and then its inverse leaves what was there.
fn each_write_has_an_inverse_that_undoes_it(s: &dyn Store, admin: &dyn Store) {
    let tip = add_at(s, 1_000, &new(Kind::Tip, "ann", "Use ctrl-r"));
    let q = add_at(s, 2_000, &new(Kind::Question, "bob", "How do I rebase?"));
    let ann = || "ann".to_string();
    let undone = |write: Write| {
        let done = s.apply(&write).unwrap();
        let inverse = write.inverse(&done).expect("an inverse");
        s.apply(&inverse).unwrap();
    };

    // A new post: undo deletes it.
    let add_n = Write::Add {
        kind: Kind::Learned,
        person: ann(),
        draft: draft("oops", &[]),
    };
    let leertuin::domain::Done::Added(n) = s.apply(&add_n).unwrap() else {
        panic!("not added")
    };
    s.apply(&add_n.inverse(&leertuin::domain::Done::Added(n)).unwrap())
        .unwrap();
    assert!(
        s.list(&all(None), "ann")
            .unwrap()
            .iter()
            .all(|i| i.id() != n)
    );

    // An edit: undo puts the old text back.
    undone(Write::Edit {
        post: Post::Item(tip),
        person: ann(),
        text: "Use ctrl-r to search".into(),
        tags: None,
    });
    assert_eq!(s.get(tip, "ann").unwrap().title(), "Use ctrl-r");

    // A delete: undo restores it with its text.
    undone(Write::Delete {
        post: Post::Item(tip),
        person: ann(),
    });
    assert_eq!(s.get(tip, "ann").unwrap().title(), "Use ctrl-r");

    // A backing and its withdrawal, a vote and its withdrawal.
    let snapshot = admin.export().unwrap();
    s.back(q, "ann", BackingKind::Pledge, Some(20)).unwrap();
    undone(Write::Withdraw {
        question: q,
        person: ann(),
        kind: BackingKind::Pledge,
    });
    let Item::Question(back) = s.get(q, "ann").unwrap() else {
        panic!("a question")
    };
    assert_eq!(back.backings[0].minutes, Some(20));
    s.withdraw(q, "ann", BackingKind::Pledge).unwrap();
    let vote_tip = add_at(s, 3_000, &new(Kind::Tip, "bob", "Bob's tip"));
    undone(Write::Vote {
        tip: vote_tip,
        person: ann(),
    });
    let Item::Tip(t) = s.get(vote_tip, "ann").unwrap() else {
        panic!("a tip")
    };
    assert!(t.votes.is_empty());
    assert_eq!(admin.export().unwrap().questions, snapshot.questions);

    // Undo acts as the person: never on someone else's post.
    let err = s
        .apply(&Write::Delete {
            post: Post::Item(q),
            person: ann(),
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::NotYours(_)), "{err}");
}

/// Data a newer leertuin made is never written by this one: the write
/// (or, on the server, already the connection) is refused, naming both
/// versions, as the person's to fix (upgrade).
fn a_newer_schema_is_never_written(o: &Opened) {
    add_at(&*o.store, 1_000, &new(Kind::Tip, "ann", "old"));
    let (newer, known) = (o.newer_schema)();
    let refused = match (o.reopen)() {
        Ok(store) => store.add(&new(Kind::Tip, "ann", "new")).unwrap_err(),
        Err(e) => e,
    };
    assert!(
        matches!(refused, StoreError::NewerSchema { found, known: k } if found == newer && k == known),
        "{refused}"
    );
    assert!(refused.is_user_error());
    assert!(!refused.passes(), "waiting does not help: upgrade");
    let msg = refused.to_string();
    assert!(
        msg.contains(&format!("version {newer}")) && msg.contains(&format!("version {known}")),
        "{msg}"
    );
}

/// The bundled lessons are there once, however often the data is opened.
fn opening_again_keeps_the_bundled_lessons_once(o: &Opened) {
    let lessons = |s: &dyn Store| -> Vec<String> {
        let mut titles: Vec<String> = s
            .list(&all(Some(Kind::Lesson)), "ann")
            .unwrap()
            .iter()
            .map(|l| l.title().to_string())
            .collect();
        titles.sort();
        titles
    };
    let first = lessons(&*o.store);
    assert!(first.len() >= 12, "{first:?}");
    let mut unique = first.clone();
    unique.dedup();
    assert_eq!(unique, first, "a lesson is there twice");
    for _ in 0..2 {
        assert_eq!(lessons(&*(o.reopen)().unwrap()), first);
    }
}

/// A review of a card the person does not have is theirs to fix, named
/// the same on every backend.
fn reviewing_a_card_that_is_not_yours_says_so(s: &dyn Store, _admin: &dyn Store) {
    let err = s.review("ann", "l1#1", Rating::Good, 0.9).unwrap_err();
    assert!(
        matches!(&err, StoreError::NotYourCard(card) if card == "l1#1"),
        "{err:?}"
    );
    assert!(err.is_user_error());
}

/// The search index's text of a question holds its answers in order, and
/// its rank the backings and votes, read whole or on from a mark (the
/// server counts them per kind at once, only for items past the mark).
fn search_docs_carry_answers_backings_and_votes(s: &dyn Store, _admin: &dyn Store) {
    let q1 = add_at(s, 1_000, &new(Kind::Question, "ann", "how?"));
    let t1 = add_at(s, 1_000, &new(Kind::Tip, "ann", "like so"));
    s.answer(q1, "bob", "thus").unwrap();
    s.answer(q1, "cas", "or so").unwrap();
    s.back(q1, "bob", BackingKind::MeToo, None).unwrap();
    s.back(q1, "cas", BackingKind::MeToo, None).unwrap();
    s.vote(t1, "bob").unwrap();
    let q2 = add_at(s, 2_000, &new(Kind::Question, "bob", "why?"));
    let t2 = add_at(s, 2_000, &new(Kind::Tip, "bob", "because"));
    s.answer(q2, "ann", "that is why").unwrap();
    s.vote(t2, "ann").unwrap();
    s.vote(t2, "cas").unwrap();
    let read = |after: [i64; 4]| {
        let mut docs = Vec::new();
        s.each_search_doc("ann", &after, &mut |d| {
            if d.id.kind != Kind::Lesson {
                docs.push((d.id, d.body.trim().to_string(), d.votes));
            }
        })
        .unwrap();
        docs
    };
    assert_eq!(
        read([0; 4]),
        [
            (q1, "thus or so".to_string(), 2),
            (q2, "that is why".to_string(), 0),
            (t1, String::new(), 1),
            (t2, String::new(), 2),
        ]
    );
    assert_eq!(
        read([0, q1.num, t1.num, 0]),
        [(q2, "that is why".to_string(), 0), (t2, String::new(), 2)]
    );
}

/// `search` starts from the items whose whole text (a question's answers
/// too), case and accents folded, holds every trigram asked: on a file its
/// trigram index names them, on the server its trigram indexes (migration
/// 0019). Private entries of others, deleted posts and items that hold
/// only some of the letters are not named; a cap keeps the newest.
fn a_text_filter_names_the_items_whose_whole_text_holds_it(s: &dyn Store, _admin: &dyn Store) {
    let t1 = add_at(s, 1_000, &new(Kind::Tip, "ann", "kubectl get pods"));
    let q1 = add_at(s, 1_000, &new(Kind::Question, "ann", "how to restart?"));
    s.answer(q1, "bob", "use kubectl rollout restart").unwrap();
    let private = Draft {
        text: "kubectl secret".into(),
        private: true,
        ..Draft::default()
    };
    add_at(
        s,
        1_000,
        &NewItem::from_draft(Kind::Learned, "bob", &private).unwrap(),
    );
    let n2 = add_at(s, 1_000, &new(Kind::Learned, "bob", "KUBECTL in capitals"));
    let t2 = add_at(s, 1_000, &new(Kind::Tip, "ann", "Bel de Coördinator"));
    add_at(s, 1_000, &new(Kind::Tip, "ann", "kubernetes only"));
    let gone = add_at(s, 1_000, &new(Kind::Tip, "ann", "kubectl deleted"));
    s.apply(&Write::Delete {
        post: Post::Item(gone),
        person: "ann".into(),
    })
    .unwrap();
    let found = |word: &str, most: Option<usize>| -> Vec<ItemId> {
        let filter = store::TextFilter {
            groups: vec![vec![vec![word.to_string()]]],
            most,
        };
        let mut ids = Vec::new();
        let indexed = s
            .each_search_doc_matching("ann", &filter, None, &mut |d| ids.push(d.id))
            .unwrap();
        assert!(
            matches!(indexed, store::Matched::Handed(_)),
            "both backends narrow on their side: {indexed:?}"
        );
        ids
    };
    assert_eq!(found("kubectl", None), [q1, t1, n2]);
    assert_eq!(found("coordinator", None), [t2]);
    // The newest by number, then kind (lesson, question, tip, learned).
    // (A file's cap also counts others' private entries, which its index
    // holds and the read then leaves out; the server never shows them, so
    // its cap counts only what the viewer may see. They differ only when
    // such entries are among the newest 3000 that match.)
    assert_eq!(found("kubectl", Some(1)), [n2]);

    // A filter that names the items an earlier one named is not read
    // again (a word's other forms adding nothing); one naming others is.
    let named = |pieces: &[&str], read: Option<&store::Named>| {
        let filter = store::TextFilter {
            groups: vec![pieces.iter().map(|p| vec![p.to_string()]).collect()],
            most: None,
        };
        let mut ids = Vec::new();
        let matched = s
            .each_search_doc_matching("ann", &filter, read, &mut |d| ids.push(d.id))
            .unwrap();
        (matched, ids)
    };
    let (store::Matched::Handed(coordinator), ids) = named(&["coordinator"], None) else {
        panic!("the coordinator tip is handed out");
    };
    assert_eq!(ids, [t2]);
    assert_eq!(
        named(&["coordinator", "coordin"], Some(&coordinator)),
        (store::Matched::Same, vec![]),
        "another form naming the same item"
    );
    let (wider, ids) = named(&["coordinator", "kubectl"], Some(&coordinator));
    assert!(matches!(wider, store::Matched::Handed(_)), "{wider:?}");
    assert_eq!(ids, [q1, t1, t2, n2]);
}
