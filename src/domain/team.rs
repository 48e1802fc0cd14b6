//! Team potential: who wants to learn what, who can help, and who could pair.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{BackingKind, ItemId, Person, Question};

/// One tag: who wants to learn it, who can help with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagRow {
    pub tag: String,
    pub wants: Vec<String>,
    pub offers: Vec<String>,
}

/// A suggested pair: `learner` wants `tag`, `helper` offers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub tag: String,
    pub learner: String,
    pub helper: String,
}

/// An open question with its backing, as the Team view lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackedQuestion {
    pub id: ItemId,
    pub title: String,
    pub me_too: usize,
    pub can_help: Vec<String>,
    pub minutes_pledged: i64,
    pub answers: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answerer {
    pub person: String,
    pub answers: i64,
}

/// The days "answered most" looks back over (the Team tab, `leertuin team`).
pub const ANSWERED_MOST_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Team {
    pub tags: Vec<TagRow>,
    pub pairs: Vec<Pair>,
    pub open_questions: Vec<BackedQuestion>,
    pub top_answerers_this_month: Vec<Answerer>,
    /// Display name per handle of everyone above: the lists keep handles
    /// (stable for scripts), screens show these names.
    pub names: BTreeMap<String, String>,
}

/// Tags someone wants or offers, busiest first (then by name).
pub fn matrix(persons: &[Person]) -> Vec<TagRow> {
    let mut by_tag: BTreeMap<&str, TagRow> = BTreeMap::new();
    for p in persons {
        for (tags, wants) in [(&p.wants, true), (&p.offers, false)] {
            for t in tags {
                let r = by_tag.entry(t).or_insert_with(|| TagRow {
                    tag: t.clone(),
                    wants: Vec::new(),
                    offers: Vec::new(),
                });
                let list = if wants { &mut r.wants } else { &mut r.offers };
                list.push(p.handle.clone());
            }
        }
    }
    let mut rows: Vec<TagRow> = by_tag.into_values().collect();
    rows.sort_by(|a, b| {
        let size = |r: &TagRow| r.wants.len() + r.offers.len();
        size(b).cmp(&size(a)).then(a.tag.cmp(&b.tag))
    });
    rows
}

/// Every learner × helper pair on a shared tag (never a person with themselves).
pub fn pairs(rows: &[TagRow]) -> Vec<Pair> {
    let mut out = Vec::new();
    for r in rows {
        for learner in &r.wants {
            for helper in r.offers.iter().filter(|h| *h != learner) {
                out.push(Pair {
                    tag: r.tag.clone(),
                    learner: learner.clone(),
                    helper: helper.clone(),
                });
            }
        }
    }
    out
}

pub fn backed(q: &Question) -> BackedQuestion {
    BackedQuestion {
        id: q.id,
        title: q.title.clone(),
        me_too: q.count(BackingKind::MeToo),
        can_help: q
            .backings
            .iter()
            .filter(|b| b.kind == BackingKind::CanHelp)
            .map(|b| b.person.clone())
            .collect(),
        minutes_pledged: q.pledged_minutes(),
        answers: q.answers.len(),
    }
}

impl Team {
    /// The display name of `handle` (the handle itself if unknown).
    pub fn name<'a>(&'a self, handle: &'a str) -> &'a str {
        self.names
            .get(handle)
            .map_or(handle, |n| super::shown(n, handle))
    }

    pub fn build(persons: &[Person], open: &[Question], answer_counts: Vec<(String, i64)>) -> Team {
        let tags = matrix(persons);
        let names = persons
            .iter()
            .map(|p| (p.handle.clone(), p.name.clone()))
            .collect();
        Team {
            names,
            pairs: pairs(&tags),
            tags,
            open_questions: open.iter().map(backed).collect(),
            top_answerers_this_month: answer_counts
                .into_iter()
                .map(|(person, answers)| Answerer { person, answers })
                .collect(),
        }
    }
}

/// One topic of the team's wishes: how many are open, funded and done, and
/// what colleagues gave to them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WishTopic {
    /// The first tag of its wishes; `None` for wishes without one.
    pub topic: Option<String>,
    pub open: usize,
    /// What they asked for came; not done yet.
    pub funded: usize,
    /// Done: each by the word the wish itself shows, not "funded".
    pub done: usize,
    pub given_cents: i64,
    pub given_minutes: i64,
}

/// The team's wishes by topic and what was given to them in all: the end
/// of the Team tab and of `leertuin team` (`"wishes"` in its `--json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TeamWishes {
    pub topics: Vec<WishTopic>,
    pub given_cents: i64,
    pub given_minutes: i64,
}

/// The team's wishes by topic (most wishes first, then by name), and what
/// was given in all. Private wishes are the caller's to leave out.
pub fn wish_topics(wishes: &[crate::domain::wish::Wish]) -> TeamWishes {
    use crate::domain::wish::WishState;
    let mut topics: Vec<WishTopic> = Vec::new();
    for w in wishes.iter().filter(|w| w.state != WishState::Withdrawn) {
        let topic = w.tags.first().cloned();
        let i = match topics.iter().position(|t| t.topic == topic) {
            Some(i) => i,
            None => {
                topics.push(WishTopic {
                    topic,
                    ..WishTopic::default()
                });
                topics.len() - 1
            }
        };
        let t = &mut topics[i];
        match w.state {
            WishState::Open => t.open += 1,
            WishState::Funded => t.funded += 1,
            WishState::Done | WishState::Withdrawn => t.done += 1,
        }
        t.given_cents += w.given_cents;
        t.given_minutes += w.given_minutes;
    }
    topics.sort_by(|a, b| {
        (b.open + b.funded + b.done)
            .cmp(&(a.open + a.funded + a.done))
            .then_with(|| a.topic.is_none().cmp(&b.topic.is_none()))
            .then_with(|| a.topic.cmp(&b.topic))
    });
    TeamWishes {
        given_cents: topics.iter().map(|t| t.given_cents).sum(),
        given_minutes: topics.iter().map(|t| t.given_minutes).sum(),
        topics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::from_millis;

    fn person(handle: &str, wants: &[&str], offers: &[&str]) -> Person {
        Person {
            handle: handle.into(),
            name: handle.into(),
            wants: wants.iter().map(|s| s.to_string()).collect(),
            offers: offers.iter().map(|s| s.to_string()).collect(),
            lang: None,
            created_at: from_millis(0),
        }
    }

    #[test]
    fn matrix_and_pairs_on_a_prepared_team() {
        let team = [
            person("ann", &["sql", "kubectl"], &["tmux"]),
            person("bob", &["sql"], &["kubectl", "sql"]),
            person("cem", &["tmux"], &["sql"]),
            person("dre", &["life"], &[]),
        ];
        let rows = matrix(&team);
        assert_eq!(rows[0].tag, "sql");
        assert_eq!(rows[0].wants, vec!["ann", "bob"]);
        assert_eq!(rows[0].offers, vec!["bob", "cem"]);
        let life = rows.iter().find(|r| r.tag == "life").unwrap();
        assert!(life.offers.is_empty());

        let p = pairs(&rows);
        let has = |tag: &str, l: &str, h: &str| {
            p.iter()
                .any(|x| x.tag == tag && x.learner == l && x.helper == h)
        };
        assert!(has("sql", "ann", "bob") && has("sql", "ann", "cem") && has("sql", "bob", "cem"));
        assert!(has("kubectl", "ann", "bob") && has("tmux", "cem", "ann"));
        assert!(!has("sql", "bob", "bob"), "nobody pairs with themselves");
        assert_eq!(p.len(), 5);
    }
}
