//! What a store's persisted text index answered for a [`super::TextFilter`]
//! (see [`super::Store::each_search_doc_matching`]).

/// Which items a persisted index named for a filter, as the store numbers
/// them: equal for the same items. A search compares two of them, asked
/// for the same viewer, to tell that a wider filter (a word's other forms)
/// names nothing new, so the items are not read again; nothing else looks
/// inside. (On a file they number items the viewer may not see too.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named(Option<Vec<i64>>);

impl Named {
    /// The items numbered so, in the order the index gave them.
    pub fn items(numbers: Vec<i64>) -> Named {
        Named(Some(numbers))
    }

    /// Every item (a filter the index cannot narrow).
    pub fn everything() -> Named {
        Named(None)
    }
}

/// The answer of [`super::Store::each_search_doc_matching`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    /// The store keeps no such index: nothing was handed out.
    NoIndex,
    /// The items were handed out; these are they.
    Handed(Named),
    /// The index named exactly the items given as already read: nothing
    /// was handed out again.
    Same,
}
