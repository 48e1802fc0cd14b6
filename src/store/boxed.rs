//! A boxed store is a store: what [`super::open`] hands out can be wrapped
//! like any other (the kiosk's [`super::PublicView`], say).

use super::{
    Health, LessonImport, ListQuery, Matched, MergeReport, Named, NewAnswer, NudgeAsk, NudgeFacts,
    Result, SearchDoc, SearchMarks, Store, TextFilter, Writer,
};
use crate::domain::insights::Facts;
use crate::domain::lesson::LessonFile;
use crate::domain::reference::{RefItem, RefReport, Scope};
use crate::domain::srs::DueCard;
use crate::domain::{Asked, Backup, Item, ItemId, LessonDone, Person, Question, Time};

impl<S: Store + ?Sized> Store for Box<S> {
    fn batch(&self, f: &dyn Fn(&dyn Writer) -> Result<()>) -> Result<()> {
        (**self).batch(f)
    }
    fn person(&self, handle: &str) -> Result<Option<Person>> {
        (**self).person(handle)
    }
    fn person_pin(&self, handle: &str) -> Result<Option<String>> {
        (**self).person_pin(handle)
    }
    fn persons(&self) -> Result<Vec<Person>> {
        (**self).persons()
    }
    fn lessons_done(&self, person: &str) -> Result<Vec<LessonDone>> {
        (**self).lessons_done(person)
    }
    fn get(&self, id: ItemId, viewer: &str) -> Result<Item> {
        (**self).get(id, viewer)
    }
    fn list(&self, query: &ListQuery, viewer: &str) -> Result<Vec<Item>> {
        (**self).list(query, viewer)
    }
    fn count(&self, query: &ListQuery, viewer: &str) -> Result<usize> {
        (**self).count(query, viewer)
    }
    fn each_search_doc(
        &self,
        viewer: &str,
        after: &SearchMarks,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<()> {
        (**self).each_search_doc(viewer, after, each)
    }
    fn change_mark(&self, viewer: &str) -> Result<crate::store::ChangeMark> {
        (**self).change_mark(viewer)
    }
    fn each_search_doc_matching(
        &self,
        viewer: &str,
        filter: &TextFilter,
        read: Option<&Named>,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<Matched> {
        (**self).each_search_doc_matching(viewer, filter, read, each)
    }
    fn due_cards(&self, person: &str, now: Time, limit: usize) -> Result<Vec<DueCard>> {
        (**self).due_cards(person, now, limit)
    }
    fn open_questions(&self, limit: usize) -> Result<Vec<Question>> {
        (**self).open_questions(limit)
    }
    fn asked(&self, person: &str, limit: usize) -> Result<Vec<Asked>> {
        (**self).asked(person, limit)
    }
    fn newest_unseen_answer(&self, person: &str) -> Result<Option<NewAnswer>> {
        (**self).newest_unseen_answer(person)
    }
    fn answer_counts(&self, since: Time) -> Result<Vec<(String, i64)>> {
        (**self).answer_counts(since)
    }
    fn insight_facts(&self, person: Option<&str>, since: Time) -> Result<Facts> {
        (**self).insight_facts(person, since)
    }
    fn nudge_facts(&self, ask: &NudgeAsk) -> Result<Option<NudgeFacts>> {
        (**self).nudge_facts(ask)
    }
    fn import_lessons(&self, lessons: &[LessonFile]) -> Result<LessonImport> {
        (**self).import_lessons(lessons)
    }
    fn import_reference(&self, scope: &Scope, items: &[RefItem]) -> Result<RefReport> {
        (**self).import_reference(scope, items)
    }
    fn export(&self) -> Result<Backup> {
        (**self).export()
    }
    fn import(&self, backup: &Backup) -> Result<()> {
        (**self).import(backup)
    }
    fn merge(&self, backup: &Backup) -> Result<MergeReport> {
        (**self).merge(backup)
    }
    fn health(&self) -> Result<Health> {
        (**self).health()
    }
    fn check_integrity(&self) -> Result<()> {
        (**self).check_integrity()
    }
    fn refuse_writes_as_damaged(&self) {
        (**self).refuse_writes_as_damaged()
    }
    fn data_version(&self) -> Result<i64> {
        (**self).data_version()
    }
    fn watch_changes(&self, on_change: super::OnChange) -> bool {
        (**self).watch_changes(on_change)
    }
    fn wish_store(&self) -> Option<&dyn super::Wishes> {
        (**self).wish_store()
    }
}
