//! A store seen by someone who has not shown who they are: at a kiosk, a
//! typed name without its PIN. Every read is done as nobody in particular,
//! so no private entry shows — not even their own, since anyone could have
//! typed that name. They may still ask, answer and back as that name, but
//! not share a tip or a learned entry in it, nor change what is already
//! there: no edits, deletes, withdrawals, profile changes or asker's
//! choices.

use super::wishes::{Fund, Grant, MatchRule, VoucherIssue, Wishes};
use super::{
    Health, LessonImport, ListQuery, Matched, Named, NewAnswer, NudgeAsk, NudgeFacts, ProfileEdit,
    Result, SearchDoc, SearchMarks, Store, StoreError, TextFilter, Writer,
};
use crate::domain::insights::Facts;
use crate::domain::ledger::{Budget, Entry};
use crate::domain::lesson::LessonFile;
use crate::domain::reference::{RefItem, RefReport, Scope};
use crate::domain::srs::{DueCard, Rating};
use crate::domain::wish::{Finish, NewWish, Wish, WishEdit, WishId, WishQuery};
use crate::domain::{
    Asked, Backing, BackingKind, Backup, Brought, CardState, Item, ItemId, LessonDone, NewItem,
    Person, Post, Question, Time,
};
use chrono::NaiveDate;

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
        self.inner.batch(&|w| f(&Guarded(w)))
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
    fn count(&self, query: &ListQuery, _viewer: &str) -> Result<usize> {
        self.inner.count(query, NOBODY)
    }
    fn each_search_doc(
        &self,
        _viewer: &str,
        after: &SearchMarks,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<()> {
        self.inner.each_search_doc(NOBODY, after, each)
    }
    fn change_mark(&self, _viewer: &str) -> Result<crate::store::ChangeMark> {
        self.inner.change_mark(NOBODY)
    }
    fn each_search_doc_matching(
        &self,
        _viewer: &str,
        filter: &TextFilter,
        read: Option<&Named>,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<Matched> {
        self.inner
            .each_search_doc_matching(NOBODY, filter, read, each)
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
        let mut facts = self.inner.nudge_facts(ask)?;
        if let Some(f) = facts.as_mut() {
            // Their budget and own wishes are theirs alone, as `budget` is.
            f.wishes.nearly_funded = None;
            f.wishes.lapsing = None;
        }
        Ok(facts)
    }
    fn import_lessons(&self, lessons: &[LessonFile]) -> Result<LessonImport> {
        self.inner.import_lessons(lessons)
    }
    fn import_reference(&self, scope: &Scope, items: &[RefItem]) -> Result<RefReport> {
        self.inner.import_reference(scope, items)
    }
    fn export(&self) -> Result<Backup> {
        // A full backup holds private entries.
        Err(StoreError::NeedsLogin)
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
    fn check_integrity(&self) -> Result<()> {
        self.inner.check_integrity()
    }
    fn refuse_writes_as_damaged(&self) {
        self.inner.refuse_writes_as_damaged()
    }
    fn data_version(&self) -> Result<i64> {
        self.inner.data_version()
    }
    /// Wishes as the whole team sees them (see the `Wishes` impl below).
    fn wish_store(&self) -> Option<&dyn Wishes> {
        self.inner.wish_store().map(|_| self as &dyn Wishes)
    }
    fn watch_changes(&self, on_change: super::OnChange) -> bool {
        self.inner.watch_changes(on_change)
    }
}

/// Wishes without the PIN: the team's wishes as nobody in particular sees
/// them (no private ones, not even the person's own); no new wish in the
/// typed name (it speaks for that person) and nothing of anyone's budget,
/// which is private.
impl<S: Store> Wishes for PublicView<S> {
    fn add_wish(&self, _: &NewWish) -> Result<WishId> {
        // A wish speaks for its owner, as a tip does (see `Guarded::add`).
        refused()
    }
    fn wish(&self, id: WishId, _viewer: &str) -> Result<Wish> {
        self.wishes()?.wish(id, NOBODY)
    }
    fn list_wishes(&self, query: &WishQuery, _viewer: &str) -> Result<Vec<Wish>> {
        self.wishes()?.list_wishes(query, NOBODY)
    }
    fn fund(&self, _: &Fund) -> Result<Vec<Entry>> {
        refused()
    }
    fn finish_wish(&self, _: WishId, _: &str, _: &Finish) -> Result<()> {
        refused()
    }
    fn withdraw_wish(&self, _: WishId, _: &str) -> Result<Vec<Entry>> {
        refused()
    }
    fn edit_wish(&self, _: WishId, _: &str, _: &WishEdit) -> Result<()> {
        refused()
    }
    fn grant(&self, _: &Grant) -> Result<Entry> {
        refused()
    }
    fn budget(&self, _: &str, _: NaiveDate) -> Result<Budget> {
        refused()
    }
    fn entries(&self, _: Option<&str>) -> Result<Vec<Entry>> {
        refused()
    }
    fn issue_vouchers(&self, _: &VoucherIssue) -> Result<()> {
        refused()
    }
    fn redeem_voucher(&self, _: &str, _: &str, _: NaiveDate) -> Result<Entry> {
        refused()
    }
    fn set_match(&self, _: &MatchRule) -> Result<()> {
        refused()
    }
}

impl<S: Store> PublicView<S> {
    /// The wrapped store's wishes (there are, or this is never reached:
    /// see `wish_store`).
    fn wishes(&self) -> Result<&dyn Wishes> {
        self.inner.wish_store().map_or_else(refused, Ok)
    }
}

/// A writer that adds but does not change: see the module comment.
struct Guarded<'a>(&'a dyn Writer);

fn refused<T>() -> Result<T> {
    Err(StoreError::NeedsLogin)
}

impl Writer for Guarded<'_> {
    fn ensure_person(&self, handle: &str) -> Result<Person> {
        self.0.ensure_person(handle)
    }
    fn edit_person(&self, _: &str, _: &ProfileEdit) -> Result<Person> {
        refused()
    }
    fn add(&self, item: &NewItem) -> Result<ItemId> {
        // A tip or learned entry speaks for the person it is filed under
        // (a learned entry lands in their own log); a typed name is not
        // enough for that. A question only asks, so it stays open to all.
        match item {
            NewItem::Question(_) => self.0.add(item),
            NewItem::Tip(_) | NewItem::Learned(_) => refused(),
        }
    }
    fn answer(&self, question: ItemId, author: &str, body: &str) -> Result<i64> {
        self.0.answer(question, author, body)
    }
    fn back(
        &self,
        question: ItemId,
        person: &str,
        kind: BackingKind,
        minutes: Option<i64>,
    ) -> Result<()> {
        self.0.back(question, person, kind, minutes)
    }
    fn vote(&self, tip: ItemId, person: &str) -> Result<bool> {
        self.0.vote(tip, person)
    }
    fn edit(&self, _: Post, _: &str, _: &str) -> Result<String> {
        refused()
    }
    fn set_tags(&self, _: ItemId, _: &str, _: &[String]) -> Result<Vec<String>> {
        refused()
    }
    fn delete(&self, _: Post, _: &str) -> Result<String> {
        refused()
    }
    fn restore(&self, _: Post, _: &str, _: &str) -> Result<()> {
        refused()
    }
    fn withdraw(&self, _: ItemId, _: &str, _: BackingKind) -> Result<Option<Backing>> {
        refused()
    }
    fn unvote(&self, _: ItemId, _: &str) -> Result<bool> {
        refused()
    }
    fn set_person_pin(&self, _: &str, _: &str) -> Result<()> {
        refused()
    }
    fn claim(&self, key: &str, person: &str) -> Result<bool> {
        self.0.claim(key, person)
    }
    fn mark_done_with(
        &self,
        person: &str,
        lesson: ItemId,
        reflection: Option<&str>,
        brought: Option<Brought>,
    ) -> Result<()> {
        self.0.mark_done_with(person, lesson, reflection, brought)
    }
    fn unmark_done(&self, person: &str, lesson: ItemId) -> Result<bool> {
        self.0.unmark_done(person, lesson)
    }
    fn remember(&self, person: &str, tip: ItemId) -> Result<bool> {
        self.0.remember(person, tip)
    }
    fn review(
        &self,
        person: &str,
        card: &str,
        rating: Rating,
        retention: f64,
    ) -> Result<CardState> {
        self.0.review(person, card, rating, retention)
    }
    fn accept(&self, _: ItemId, _: i64, _: &str) -> Result<()> {
        refused()
    }
    fn helped(&self, _: ItemId, _: &str, _: &str) -> Result<()> {
        refused()
    }
    fn unaccept(&self, _: ItemId, _: &str) -> Result<()> {
        refused()
    }
    fn unhelped(&self, _: ItemId, _: &str, _: &str) -> Result<()> {
        refused()
    }
    fn mark_answers_seen(&self, _: &str, _: ItemId) -> Result<()> {
        // Their news stays news until they log in for real; no error, as
        // the pane does this by itself when a question is opened.
        Ok(())
    }
    fn backdate(&self, at: Time) {
        self.0.backdate(at);
    }
}
