//! "An answer to your question": the newest answer by someone else on the
//! person's own questions, above what they have seen, on both backends.
//! Each backend keeps a table of candidates (unseen_answer) beside its
//! answers; these rules hold whatever that table holds, so each one is
//! checked against a store opened again as well.

use leertuin::domain::{Draft, ItemId, Kind, NewItem, Post, Write, from_millis};
use leertuin::store::{NewAnswer, Store};

use crate::Opened;

contract_opened!(
    the_newest_answer_wins_by_time_then_number,
    only_live_answers_by_others_on_ones_own_live_questions_are_news,
    seen_answers_are_not_news_until_a_new_one_comes,
    an_imported_team_brings_its_news_along,
);

fn question_at(s: &dyn Store, ms: i64, who: &str, text: &str, anonymous: bool) -> ItemId {
    let draft = Draft {
        text: text.into(),
        anonymous,
        ..Draft::default()
    };
    let item = NewItem::from_draft(Kind::Question, who, &draft).unwrap();
    let id = std::cell::Cell::new(None);
    s.batch(&|w| {
        w.backdate(from_millis(ms));
        id.set(Some(w.add(&item)?));
        Ok(())
    })
    .unwrap();
    id.get().unwrap()
}

fn answer_at(s: &dyn Store, ms: i64, q: ItemId, who: &str, text: &str) -> i64 {
    let id = std::cell::Cell::new(None);
    s.batch(&|w| {
        w.backdate(from_millis(ms));
        id.set(Some(w.answer(q, who, text)?));
        Ok(())
    })
    .unwrap();
    id.get().unwrap()
}

/// (question, answer, by) of the person's news, from this store and from
/// the same data opened again; both must agree.
fn news(o: &Opened, person: &str) -> Option<(ItemId, i64, String)> {
    let pick = |n: Option<NewAnswer>| n.map(|n| (n.question, n.answer, n.by));
    let here = pick(o.store.newest_unseen_answer(person).unwrap());
    let again = pick((o.reopen)().unwrap().newest_unseen_answer(person).unwrap());
    assert_eq!(here, again, "a store opened again says otherwise");
    here
}

fn restore(post: Post, person: &str, text: &str) -> Write {
    Write::Restore {
        post,
        person: person.into(),
        text: text.into(),
    }
}

fn the_newest_answer_wins_by_time_then_number(o: &Opened) {
    let s = &*o.store;
    let q1 = question_at(s, 1_000, "ann", "which torque for the M8 bolts?", false);
    let q2 = question_at(s, 2_000, "ann", "wie heeft de sleutel van kast 3?", false);
    answer_at(s, 5_000, q2, "bob", "bij de ploegleider");
    let carol = answer_at(s, 9_000, q1, "carol", "25 Nm");
    assert_eq!(news(o, "ann"), Some((q1, carol, "carol".into())));
    // The same time: the higher number is the newer.
    let dave = answer_at(s, 9_000, q2, "dave", "in het kastje bij de deur");
    assert!(dave > carol);
    assert_eq!(news(o, "ann"), Some((q2, dave, "dave".into())));
    // A higher number with an older time (an answer merged in later) is
    // not the newest.
    let old = answer_at(s, 3_000, q1, "erik", "zie het boekje");
    assert!(old > dave);
    assert_eq!(news(o, "ann"), Some((q2, dave, "dave".into())));
}

fn only_live_answers_by_others_on_ones_own_live_questions_are_news(o: &Opened) {
    let s = &*o.store;
    let mine = question_at(s, 1_000, "ann", "how do I reset the counter?", false);
    let anon = question_at(s, 1_500, "ann", "wat betekent code E4?", true);
    let bobs = question_at(s, 2_000, "bob", "where is the manual?", false);
    // Her own answer, an answer on her anonymous question, and her answer
    // on bob's question: none is news to ann.
    answer_at(s, 3_000, mine, "ann", "found it: hold reset 5 s");
    answer_at(s, 4_000, anon, "bob", "oververhit — laat afkoelen");
    let hers = answer_at(s, 5_000, bobs, "ann", "in the blue binder");
    assert_eq!(news(o, "ann"), None);
    assert_eq!(news(o, "bob"), Some((bobs, hers, "ann".into())));
    assert_eq!(news(o, "carol"), None);

    let first = answer_at(s, 6_000, mine, "carol", "or unplug it");
    let second = answer_at(s, 7_000, mine, "dave", "ask Pieter 🙂");
    assert_eq!(news(o, "ann"), Some((mine, second, "dave".into())));
    // dave deletes his answer: carol's is the news; his undo brings it back.
    let gone = Post::Answer {
        question: mine,
        answer: second,
    };
    let text = s.delete(gone, "dave").unwrap();
    assert_eq!(news(o, "ann"), Some((mine, first, "carol".into())));
    s.apply(&restore(gone, "dave", &text)).unwrap();
    assert_eq!(news(o, "ann"), Some((mine, second, "dave".into())));
}

fn seen_answers_are_not_news_until_a_new_one_comes(o: &Opened) {
    let s = &*o.store;
    let q1 = question_at(s, 1_000, "ann", "first question", false);
    let q2 = question_at(s, 2_000, "ann", "tweede vraag", false);
    let older = answer_at(s, 3_000, q2, "bob", "older, on the second");
    let newer = answer_at(s, 4_000, q1, "bob", "newer, on the first");
    assert_eq!(news(o, "ann"), Some((q1, newer, "bob".into())));
    // Seeing one question leaves the other's news.
    s.mark_answers_seen("ann", q1).unwrap();
    assert_eq!(news(o, "ann"), Some((q2, older, "bob".into())));
    s.mark_answers_seen("ann", q2).unwrap();
    assert_eq!(news(o, "ann"), None);
    // Someone else opening ann's question sees nothing of hers.
    s.mark_answers_seen("bob", q1).unwrap();
    assert_eq!(news(o, "ann"), None);
    // A new answer above the mark is news again, even dated before the
    // ones she saw.
    let late = answer_at(s, 3_500, q1, "carol", "late, but new to ann");
    assert_eq!(news(o, "ann"), Some((q1, late, "carol".into())));
    // Accepting it reads it.
    s.apply(&Write::Accept {
        question: q1,
        answer: late,
        person: "ann".into(),
    })
    .unwrap();
    assert_eq!(news(o, "ann"), None);
    // A seen mark that goes back (set by hand, past the store) brings its
    // answers back as news.
    (o.sql)("UPDATE answer_seen SET last_answer = 0");
    assert_eq!(news(o, "ann"), Some((q1, newer, "bob".into())));
    (o.sql)("DELETE FROM answer_seen");
    assert_eq!(news(o, "ann"), Some((q1, newer, "bob".into())));
}

fn an_imported_team_brings_its_news_along(o: &Opened) {
    let dir = tempfile::tempdir().unwrap();
    let spec = leertuin::store::Spec::File(dir.path().join("team.db"));
    let source = leertuin::store::open(&spec, leertuin::store::Mode::Create).unwrap();
    let q = question_at(&*source, 1_000, "ann", "moved along?", false);
    answer_at(&*source, 2_000, q, "bob", "yes, with the team");
    let backup = source.export().unwrap();
    o.admin.import(&backup).expect("import into an empty store");
    let (question, _, by) = news(o, "ann").expect("news after the import");
    assert_eq!(by, "bob");
    assert_eq!(
        o.admin.get(question, "ann").unwrap().title(),
        "moved along?"
    );
}
