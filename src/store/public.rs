//! A store seen by someone who has not shown who they are: at a kiosk, a
//! typed name without its PIN. They write as themselves, but every read is
//! done as nobody in particular, so no private entry shows — not even
//! their own, since anyone could have typed that name.

use super::{
    Health, LessonImport, ListQuery, NewAnswer, NudgeAsk, NudgeFacts, Result, SearchDoc,
    SearchMarks, Store, StoreError, Writer,
};
use crate::domain::insights::Facts;
use crate::domain::lesson::LessonFile;
use crate::domain::srs::DueCard;
use crate::domain::{Asked, Backup, Item, ItemId, LessonDone, Person, Question, Time};

/// The viewer that is no person: handles are never empty, so no private
/// entry is ever theirs. Also for a search index read on this person's behalf.
pub const NOBODY: &str = "";

/// Wraps a store so that reads of content see only what the whole team may.
pub struct PublicView<S> {
    inner: S,
}

impl<S: Store> PublicView<S> {
    pub fn new(inner: S) -> Self {
        PublicView { inner }
    }
}

impl<S: Store> Store for PublicView<S> {
    fn batch(&self, f: &dyn Fn(&dyn Writer) -> Result<()>) -> Result<()> {
        self.inner.batch(f)
    }
    fn person(&self, handle: &str) -> Result<Option<Person>> {
        self.inner.person(handle)
    }
    fn person_pin(&self, handle: &str) -> Result<Option<String>> {
        self.inner.person_pin(handle)
    }
    fn persons(&self) -> Result<Vec<Person>> {
        self.inner.persons()
    }
    fn lessons_done(&self, person: &str) -> Result<Vec<LessonDone>> {
        self.inner.lessons_done(person)
    }
    fn get(&self, id: ItemId, _viewer: &str) -> Result<Item> {
        self.inner.get(id, NOBODY)
    }
    fn list(&self, query: &ListQuery, _viewer: &str) -> Result<Vec<Item>> {
        self.inner.list(query, NOBODY)
    }
    fn each_search_doc(
        &self,
        _viewer: &str,
        after: &SearchMarks,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<()> {
        self.inner.each_search_doc(NOBODY, after, each)
    }
    fn due_cards(&self, person: &str, now: Time, limit: usize) -> Result<Vec<DueCard>> {
        self.inner.due_cards(person, now, limit)
    }
    fn open_questions(&self, limit: usize) -> Result<Vec<Question>> {
        self.inner.open_questions(limit)
    }
    fn asked(&self, person: &str, limit: usize) -> Result<Vec<Asked>> {
        // Questions and answers are shared things.
        self.inner.asked(person, limit)
    }
    fn newest_unseen_answer(&self, _person: &str) -> Result<Option<NewAnswer>> {
        // News is the person's own: kept for when they log in with their PIN.
        Ok(None)
    }
    fn answer_counts(&self, since: Time) -> Result<Vec<(String, i64)>> {
        self.inner.answer_counts(since)
    }
    fn insight_facts(&self, _person: Option<&str>, since: Time) -> Result<Facts> {
        // The team's picture, which leaves private entries out.
        self.inner.insight_facts(None, since)
    }
    fn nudge_facts(&self, ask: &NudgeAsk) -> Result<Option<NudgeFacts>> {
        self.inner.nudge_facts(ask)
    }
    fn import_lessons(&self, lessons: &[LessonFile]) -> Result<LessonImport> {
        self.inner.import_lessons(lessons)
    }
    fn export(&self) -> Result<Backup> {
        Err(StoreError::NotAllowed(
            "a full backup holds private entries: not without a login".into(),
        ))
    }
    fn import(&self, backup: &Backup) -> Result<()> {
        self.inner.import(backup)
    }
    fn merge(&self, backup: &Backup) -> Result<super::MergeReport> {
        self.inner.merge(backup)
    }
    fn health(&self) -> Result<Health> {
        self.inner.health()
    }
    fn data_version(&self) -> Result<i64> {
        self.inner.data_version()
    }
}
