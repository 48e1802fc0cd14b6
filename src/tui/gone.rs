//! A form, prompt or choice left open on something another pane or the
//! command line took away meanwhile: a question deleted, one's own post
//! deleted, a wish withdrawn or done. At the refresh that learns so, it
//! closes, as the open item does ([`App::reload`]): its choices would only
//! fail. Typed text that would be lost with it is kept as a draft where
//! the person gets it back (issue 11); said in one line.

use super::app::{App, Overlay};
use super::around::kept_words;
use super::views::choose::Choice;
use super::views::prompt::Purpose;
use crate::capture::Unsaved;
use crate::domain::wish::{WishError, WishId, WishState};
use crate::domain::{Draft, Item, ItemId, Kind, Post};
use crate::store::StoreError;

/// What an open overlay would write to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Post(Post),
    /// The asker's answers to choose from: gone when one of them is.
    Answers(ItemId, Vec<i64>),
    Wish(WishId),
}

/// The item, post or wish `overlay` is about; `None` for help, the
/// profile and new posts (which nothing elsewhere can take away).
fn target(overlay: &Overlay) -> Option<Target> {
    use Choice as C;
    let item = |id| Some(Target::Post(Post::Item(id)));
    match overlay {
        Overlay::Capture(form) => form.editing.map(Target::Post),
        Overlay::Prompt(p) => match p.purpose {
            Purpose::Answer(id) | Purpose::Pledge(id) | Purpose::Reflection(id) => item(id),
            Purpose::Fund(w) | Purpose::FundNote { wish: w, .. } | Purpose::WishDone(w) => {
                Some(Target::Wish(w))
            }
            // The steps of changing one's wish (a new wish is nobody's yet).
            _ => p.pending.as_ref().and_then(|f| f.editing).map(Target::Wish),
        },
        Overlay::Choose(c) => match c.choice {
            C::MeToo(id)
            | C::CanHelp(id)
            | C::Join(id)
            | C::Vote(id)
            | C::Helped(id)
            | C::Withdraw(id, _)
            | C::Unvote(id)
            | C::EditOwn(id)
            | C::DeleteOwn(id) => item(id),
            C::Accept(id) => Some(Target::Answers(
                id,
                c.options
                    .iter()
                    .filter_map(|o| o.value.parse().ok())
                    .collect(),
            )),
            C::Delete(post) => Some(Target::Post(post)),
            C::Fund(w) | C::OwnWish(w) | C::FinishWish(w) | C::WithdrawWish(w) => {
                Some(Target::Wish(w))
            }
            // The offer of a wish not made yet: about nothing stored.
            C::FirstWish => None,
        },
        Overlay::Help(_) | Overlay::Profile(_) => None,
    }
}

impl App {
    /// Closes the overlay when what it is about is gone; `Some(kept)`
    /// when it did, `kept` when its text was kept as a draft. Called at
    /// the refresh that reloaded the lists ([`App::reload`]'s callers).
    pub fn close_gone_overlay(&mut self) -> Option<bool> {
        let target = self.overlay.as_ref().and_then(target)?;
        if !self.is_gone(target) {
            return None;
        }
        let kept = self.orphaned_text().is_some_and(|u| u.keep().is_ok());
        self.overlay = None;
        Some(kept)
    }

    /// True when the store says `target` is no longer there to write to.
    /// A store that can't be asked now (offline, busy) says nothing: the
    /// form stays, and its own Enter tells what happened.
    fn is_gone(&self, target: Target) -> bool {
        match target {
            Target::Answers(id, listed) => match self.store.get(id, &self.user) {
                Err(StoreError::NotFound(_)) => true,
                Ok(Item::Question(q)) => {
                    listed.iter().any(|n| !q.answers.iter().any(|a| a.id == *n))
                }
                _ => false,
            },
            Target::Post(post) => match self.store.get(post.item(), &self.user) {
                Err(StoreError::NotFound(_)) => true,
                Ok(Item::Question(q)) => matches!(
                    post,
                    Post::Answer { answer, .. } if !q.answers.iter().any(|a| a.id == answer)
                ),
                _ => false,
            },
            Target::Wish(id) => match self.store.wish_store().map(|w| w.wish(id, &self.user)) {
                Some(Ok(w)) => matches!(w.state, WishState::Done | WishState::Withdrawn),
                Some(Err(StoreError::Wish(WishError::NotFound(_)) | StoreError::NotFound(_))) => {
                    true
                }
                _ => false,
            },
        }
    }

    /// The overlay's typed text that closing it would lose, as a draft the
    /// person is offered again: not one tied to what is gone (it would
    /// never be offered), but a new post. An answer or one's changed post
    /// becomes a new post (an answer a tip: know-how to share), a changed
    /// wish a new wish, how a wish went something learned. An amount or
    /// minutes are typed again in a moment, a choice holds no text, and
    /// an edit nobody changed loses nothing: none is kept.
    fn orphaned_text(&self) -> Option<Unsaved> {
        let capture = |kind: Kind, draft: Draft| -> Option<Unsaved> {
            if draft.text.trim().is_empty() {
                return None;
            }
            Some(Unsaved::Capture {
                drafts: self.around.drafts.clone()?,
                person: self.user.clone(),
                kind,
                draft,
                restored: None,
            })
        };
        let words = |text: &str| Draft {
            text: text.to_string(),
            ..Draft::default()
        };
        match self.overlay.as_ref()? {
            Overlay::Capture(form) => {
                let post = form.editing?;
                if form.edit_original.as_deref() == Some(form.text.text()) {
                    return None;
                }
                let mut draft = form.draft();
                draft.text = kept_words(form.text.text(), form.mask_codes);
                let kind = match post {
                    Post::Item(id) => id.kind,
                    Post::Answer { .. } => Kind::Tip,
                };
                capture(kind, draft)
            }
            Overlay::Prompt(p) => {
                let typed = kept_words(p.input.text(), p.mask_codes);
                match p.purpose {
                    Purpose::Answer(_) => capture(Kind::Tip, words(&typed)),
                    Purpose::WishDone(_) => capture(Kind::Learned, words(&typed)),
                    Purpose::Wish | Purpose::WishWhy | Purpose::WishCost | Purpose::WishHours => {
                        let form = p.pending.as_ref()?;
                        let text = if p.purpose == Purpose::Wish {
                            typed
                        } else {
                            form.text.clone()
                        };
                        if text.trim().is_empty() {
                            return None;
                        }
                        self.unsaved_form("wish", None, vec![text], None)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}
