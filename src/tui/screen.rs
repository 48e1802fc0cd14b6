//! What stands over the tab's list: the screens pushed on it (an open item,
//! a search, a review) and the one overlay that takes every key until it
//! closes (help, a form, a question). Kept apart from `App` so the views can
//! draw them without knowing the pane they live in.

use super::views::capture::CaptureState;
use super::views::choose::ChooseState;
use super::views::detail::DetailState;
use super::views::help::HelpState;
use super::views::profile::ProfileForm;
use super::views::prompt::PromptState;
use super::views::review::ReviewState;
use super::views::search::SearchState;

/// A screen over the tab's list; Back pops it.
// A stack of a few screens: their size does not matter, boxing would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Screen {
    Detail(DetailState),
    Search(SearchState),
    Review(ReviewState),
}

/// Something drawn over everything, that takes all keys until closed.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help(HelpState),
    Capture(CaptureState),
    Prompt(PromptState),
    Profile(ProfileForm),
    Choose(ChooseState),
}
