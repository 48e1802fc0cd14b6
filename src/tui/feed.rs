//! The For-you ranking: a plain function over domain types, so it is
//! tested without a store or a terminal. (The Team tab's tag matrix and
//! pairs are `domain::team`.)

use std::collections::HashSet;

use crate::domain::reference::Source;
use crate::domain::{Item, ItemId, Time};

/// Orders items for a person: what they said they want to learn first, then
/// what is fresh, and questions colleagues back. Lessons they finished are
/// left out and their own posts sink, since those teach them nothing new.
pub fn for_you(
    mut items: Vec<Item>,
    me: &str,
    wants: &[String],
    done: &HashSet<ItemId>,
    now: Time,
) -> Vec<Item> {
    items.retain(|i| !done.contains(&i.id()));
    let score = |item: &Item| -> f64 {
        let overlap = item.tags().iter().filter(|t| wants.contains(t)).count() as f64;
        let age_days = (now - item.created_at()).num_minutes().max(0) as f64 / 1440.0;
        // Half the freshness bonus is gone after three days.
        let fresh = 2.0 / (1.0 + age_days / 3.0);
        let mut s = 3.0 * overlap + fresh;
        if let Item::Question(q) = item {
            if q.answers.is_empty() {
                s += 0.5; // an unanswered question is a chance to help
            }
            // Backing says colleagues care: up to one wanted tag's worth.
            let backers = q.backings.len().min(4) as f64 * 0.5;
            let pledged = (q.pledged_minutes() as f64 / 30.0).min(1.0);
            s += (backers + pledged).min(3.0);
        }
        if item.author() == Some(me) {
            s -= 2.0;
        }
        // Imported know-how below a colleague's post that fits as well.
        if imported(item) {
            s -= 1.0;
        }
        s
    };
    let mut scored: Vec<(f64, Item)> = items.drain(..).map(|i| (score(&i), i)).collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.created_at().cmp(&a.1.created_at()))
            .then_with(|| page_order(&a.1, &b.1))
    });
    scored.into_iter().map(|(_, i)| i).collect()
}

/// Examples of one imported page (brought in at once, so equally new) in
/// the page's order, as a tldr reader knows them: the everyday use
/// first. A whole order, as a sort needs: a colleague's post (no page)
/// first, then by source, language, page and place.
fn page_order(a: &Item, b: &Item) -> std::cmp::Ordering {
    page_place(a).cmp(&page_place(b))
}

fn page_place(item: &Item) -> Option<(Source, &str, &str, u32)> {
    crate::domain::reference::of(item)
        .map(|r| (r.source, r.lang.as_str(), r.page.as_str(), r.example))
}

/// True for know-how brought in by `knowhow import` (tldr, navi, a FAQ).
fn imported(item: &Item) -> bool {
    match item {
        Item::Tip(t) => t.reference.is_some(),
        Item::Question(q) => q.reference.is_some(),
        _ => false,
    }
}

/// Lessons and imported know-how in the person's language before those
/// in another, each group keeping its order: a Dutch worker meets Dutch
/// lessons first, and beside `tar` the Dutch tldr examples before an
/// English navi cheat. Colleagues' own posts (no language of their own)
/// stay where they are, relative to the others.
pub fn own_language_first(items: Vec<Item>, lang: &str) -> Vec<Item> {
    let other_language = |i: &Item| match i {
        Item::Lesson(l) => l.lang != lang,
        _ => crate::domain::reference::of(i).is_some_and(|r| r.lang != lang),
    };
    let (mine, other): (Vec<Item>, Vec<Item>) = items.into_iter().partition(|i| !other_language(i));
    mine.into_iter().chain(other).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Kind, Tip, now};
    use chrono::Duration;

    fn tip(num: i64, author: &str, tags: &[&str], days_old: i64) -> Item {
        Item::Tip(Tip {
            id: ItemId::new(Kind::Tip, num),
            author: author.into(),
            author_name: author.into(),
            text: format!("tip {num}"),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            context: None,
            created_at: now() - Duration::days(days_old),
            edited_at: None,
            deleted_at: None,
            votes: Vec::new(),
            reference: None,
        })
    }

    fn imported(num: i64, tags: &[&str], days_old: i64) -> Item {
        imported_in(num, tags, days_old, "en")
    }

    /// Example `example` of tldr's `common/tar`, imported at `at`.
    fn tar_example(num: i64, example: u32, at: Time) -> Item {
        let Item::Tip(mut t) = imported(num, &["tar"], 0) else {
            unreachable!()
        };
        t.created_at = at;
        if let Some(r) = t.reference.as_mut() {
            r.example = example;
        }
        Item::Tip(t)
    }

    /// One import stores a page's examples at once; the store lists the
    /// newest (the last example) first. For you shows them as the page
    /// does, beside a colleague's tip that fits as well.
    #[test]
    fn a_pages_examples_keep_the_pages_order() {
        let at = now();
        let items = vec![
            tar_example(13, 3, at),
            tar_example(12, 2, at),
            tip(5, "bob", &["tar"], 0),
            tar_example(11, 1, at),
        ];
        let ranked = for_you(items, "ann", &["tar".into()], &HashSet::new(), now());
        let order: Vec<i64> = ranked.iter().map(|i| i.id().num).collect();
        assert_eq!(order, vec![5, 11, 12, 13]);
    }

    fn imported_in(num: i64, tags: &[&str], days_old: i64, lang: &str) -> Item {
        let Item::Tip(mut t) = tip(num, "knowhow:tldr", tags, days_old) else {
            unreachable!()
        };
        t.reference = Some(Box::new(crate::domain::reference::Reference {
            source: crate::domain::reference::Source::Tldr,
            lang: lang.into(),
            page: "common/tar".into(),
            example: 1,
            revision: "x".into(),
            attribution: "tldr-pages, CC BY 4.0".into(),
        }));
        Item::Tip(t)
    }

    #[test]
    fn imported_know_how_comes_after_a_colleagues_tip_that_fits_as_well() {
        let items = vec![tip(1, "bob", &["tar"], 1), imported(2, &["tar"], 0)];
        let ranked = for_you(items, "ann", &["tar".into()], &HashSet::new(), now());
        let order: Vec<i64> = ranked.iter().map(|i| i.id().num).collect();
        assert_eq!(order, vec![1, 2]);
    }

    fn lesson(num: i64, lang: &str) -> Item {
        Item::Lesson(crate::domain::Lesson {
            id: ItemId::new(Kind::Lesson, num),
            slug: format!("l{num}"),
            title: format!("lesson {num}"),
            tags: Vec::new(),
            minutes: 3,
            lang: lang.into(),
            body: String::new(),
            cards: Vec::new(),
            created_at: now(),
            updated_at: now(),
        })
    }

    #[test]
    fn lessons_in_the_persons_language_come_first() {
        let items = vec![
            lesson(1, "en"),
            tip(2, "bob", &[], 0),
            lesson(3, "nl"),
            lesson(4, "en"),
            lesson(5, "nl"),
        ];
        let ids = |v: &[Item]| v.iter().map(|i| i.id().num).collect::<Vec<_>>();
        assert_eq!(
            ids(&own_language_first(items.clone(), "nl")),
            [2, 3, 5, 1, 4]
        );
        assert_eq!(ids(&own_language_first(items, "en")), [1, 2, 4, 3, 5]);
    }

    #[test]
    fn imported_know_how_in_the_persons_language_comes_first() {
        let items = vec![
            imported_in(1, &["tar"], 0, "en"),
            tip(2, "bob", &["tar"], 0),
            imported_in(3, &["tar"], 0, "nl"),
        ];
        let ids = |v: &[Item]| v.iter().map(|i| i.id().num).collect::<Vec<_>>();
        assert_eq!(ids(&own_language_first(items.clone(), "nl")), [2, 3, 1]);
        assert_eq!(ids(&own_language_first(items, "en")), [1, 2, 3]);
    }

    #[test]
    fn wanted_tags_beat_freshness_and_own_posts_sink() {
        let items = vec![
            tip(1, "bob", &["cooking"], 0),
            tip(2, "bob", &["sql"], 10),
            tip(3, "me", &["sql"], 0),
        ];
        let wants = vec!["sql".to_string()];
        let ranked = for_you(items, "me", &wants, &HashSet::new(), now());
        let order: Vec<i64> = ranked.iter().map(|i| i.id().num).collect();
        assert_eq!(order, vec![2, 3, 1]);
    }

    #[test]
    fn finished_lessons_are_left_out_and_backed_questions_rise() {
        use crate::domain::{Backing, BackingKind, Lesson, Question};
        let lesson = Item::Lesson(Lesson {
            id: ItemId::new(Kind::Lesson, 1),
            slug: "l".into(),
            title: "done".into(),
            tags: vec!["sql".into()],
            minutes: 3,
            lang: "en".into(),
            body: String::new(),
            cards: Vec::new(),
            created_at: now(),
            updated_at: now(),
        });
        let question = |num: i64, backers: &[&str]| {
            Item::Question(Question {
                id: ItemId::new(Kind::Question, num),
                author: Some("bob".into()),
                author_name: Some("Bob".into()),
                title: format!("q{num}"),
                body: String::new(),
                tags: Vec::new(),
                context: None,
                created_at: now() - Duration::days(1),
                edited_at: None,
                deleted_at: None,
                answers: Vec::new(),
                backings: backers
                    .iter()
                    .map(|p| Backing {
                        person: p.to_string(),
                        person_name: p.to_string(),
                        kind: BackingKind::Pledge,
                        minutes: Some(30),
                        helped: false,
                        created_at: now(),
                    })
                    .collect(),
                reference: None,
            })
        };
        let items = vec![lesson, question(1, &[]), question(2, &["ann", "cat"])];
        let done = HashSet::from([ItemId::new(Kind::Lesson, 1)]);
        let ranked = for_you(items, "me", &["sql".to_string()], &done, now());
        let ids: Vec<String> = ranked.iter().map(|i| i.id().to_string()).collect();
        assert_eq!(ids, vec!["q2", "q1"], "the done lesson is gone");
    }
}
