//! What a key *means*. Keys map to actions in [`super::keys`]; `update`
//! only ever sees actions, so it can be tested without a terminal.

/// An action a person can take. The names (see [`Action::name`]) are what
/// `config.toml` uses under `[keys]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    NextTab,
    PrevTab,
    /// Jump to tab 0..=7.
    GoTab(u8),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    Search,
    Capture,
    Help,
    Answer,
    MeToo,
    CanHelp,
    Pledge,
    Vote,
    /// Give from one's budget to the wish under the cursor (after a form
    /// and a confirmation).
    Fund,
    /// Put a voucher's code into one's own budget (a form, then the new
    /// balance).
    Redeem,
    /// Show the answer of the next hidden check card.
    Reveal,
    MarkDone,
    /// Start a review session of the person's due cards.
    Review,
    /// Rate the shown card 1..=4: Again, Hard, Good, Easy.
    Rate(u8),
    /// Two-button mode: Again / Good.
    Forgot,
    KnewIt,
    /// Switch the review between four and two rating buttons.
    SwitchButtons,
    /// Questions tab: newest first, or most backed first.
    SortQuestions,
    /// Show or hide imported know-how (tldr, navi, FAQ) in the lists and
    /// the search.
    ToggleKnowhow,
    /// The asker accepts an answer / marks pledged time as given.
    Accept,
    Helped,
    EditProfile,
    /// Take back the last write of this session.
    Undo,
    /// Delete the person's own post (after asking).
    Delete,
    /// In the "lesson done" prompt: cycle what the lesson brought.
    Brought,
    /// Forms and prompts.
    Submit,
    Save,
    Cancel,
    NextField,
    PrevField,
    SwitchKind,
    /// Text typed into a field. Never bound in the keymap: any printable key
    /// a text view has no binding for becomes `Type`.
    Type(char),
    /// Editing keys of text fields, likewise not configurable.
    Edit(Edit),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    Newline,
    /// Ctrl-U, as in a shell and fzf: everything before the cursor goes.
    ClearToStart,
    /// Ctrl-W: the word before the cursor goes (and the spaces after it).
    DeleteWord,
}

/// Every configurable action, in the order help lists them.
pub const CONFIGURABLE: [Action; 53] = [
    Action::Open,
    Action::Back,
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::Top,
    Action::Bottom,
    Action::NextTab,
    Action::PrevTab,
    Action::GoTab(0),
    Action::GoTab(1),
    Action::GoTab(2),
    Action::GoTab(3),
    Action::GoTab(4),
    Action::GoTab(5),
    Action::GoTab(6),
    Action::GoTab(7),
    Action::Search,
    Action::Capture,
    Action::Answer,
    Action::MeToo,
    Action::CanHelp,
    Action::Pledge,
    Action::Vote,
    Action::Fund,
    Action::Redeem,
    Action::Reveal,
    Action::MarkDone,
    Action::Review,
    Action::Rate(1),
    Action::Rate(2),
    Action::Rate(3),
    Action::Rate(4),
    Action::Forgot,
    Action::KnewIt,
    Action::SwitchButtons,
    Action::SortQuestions,
    Action::ToggleKnowhow,
    Action::Accept,
    Action::Helped,
    Action::EditProfile,
    Action::Undo,
    Action::Delete,
    Action::Brought,
    Action::Help,
    Action::Quit,
    Action::Submit,
    Action::Save,
    Action::Cancel,
    Action::NextField,
    Action::PrevField,
    Action::SwitchKind,
];

impl Action {
    /// The name used in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::NextTab => "next-tab",
            Action::PrevTab => "prev-tab",
            Action::GoTab(n) => super::tabs::Tab::from_index(usize::from(n)).def().config,
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Back => "back",
            Action::Search => "search",
            Action::Capture => "capture",
            Action::Help => "help",
            Action::Answer => "answer",
            Action::MeToo => "me-too",
            Action::CanHelp => "can-help",
            Action::Pledge => "pledge",
            Action::Vote => "vote",
            Action::Fund => "fund",
            Action::Redeem => "redeem-voucher",
            Action::Reveal => "reveal",
            Action::MarkDone => "mark-done",
            Action::Review => "review",
            Action::Rate(1) => "again",
            Action::Rate(2) => "hard",
            Action::Rate(3) => "good",
            Action::Rate(_) => "easy",
            Action::Forgot => "forgot",
            Action::KnewIt => "knew-it",
            Action::SwitchButtons => "switch-buttons",
            Action::SortQuestions => "sort",
            Action::ToggleKnowhow => "knowhow",
            Action::Accept => "accept",
            Action::Helped => "helped",
            Action::EditProfile => "edit-profile",
            Action::Undo => "undo",
            Action::Delete => "delete",
            Action::Brought => "brought",
            Action::Submit => "submit",
            Action::Save => "save",
            Action::Cancel => "cancel",
            Action::NextField => "next-field",
            Action::PrevField => "prev-field",
            Action::SwitchKind => "switch-kind",
            Action::Type(_) => "type",
            Action::Edit(_) => "edit",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        CONFIGURABLE.into_iter().find(|a| a.name() == name)
    }

    /// True for what changes what is there (the profile, a delete, the
    /// answer chosen, time marked given, an undo): a kiosk login by typed
    /// name without its PIN may ask and answer, but neither does these nor
    /// is offered them in a hint or in help.
    pub fn needs_pin(self) -> bool {
        matches!(
            self,
            Action::EditProfile
                | Action::Delete
                | Action::Accept
                | Action::Helped
                | Action::Undo
                | Action::Redeem
        )
    }

    /// A word or two for the hint line, in the pane's language.
    pub fn label(self) -> String {
        let s = match self {
            Action::Quit => t!("hint.quit"),
            Action::NextTab => t!("hint.next-tab"),
            Action::PrevTab => t!("hint.prev-tab"),
            Action::GoTab(_) => t!("hint.tab"),
            Action::Up => t!("hint.up"),
            Action::Down => t!("hint.down"),
            Action::PageUp => t!("hint.page-up"),
            Action::PageDown => t!("hint.page-down"),
            Action::Top => t!("hint.top"),
            Action::Bottom => t!("hint.bottom"),
            Action::Open => t!("hint.open"),
            Action::Back => t!("hint.back"),
            Action::Search => t!("hint.search"),
            Action::Capture => t!("hint.capture"),
            Action::Help => t!("hint.help"),
            Action::Answer => t!("hint.answer"),
            Action::MeToo => t!("hint.me-too"),
            Action::CanHelp => t!("hint.can-help"),
            Action::Pledge => t!("hint.pledge"),
            Action::Vote => t!("hint.vote"),
            Action::Fund => t!("hint.fund"),
            Action::Redeem => t!("hint.redeem"),
            Action::Reveal => t!("hint.reveal"),
            Action::MarkDone => t!("hint.mark-done"),
            Action::Review => t!("hint.review"),
            Action::Rate(1) => t!("hint.again"),
            Action::Rate(2) => t!("hint.hard"),
            Action::Rate(3) => t!("hint.good"),
            Action::Rate(_) => t!("hint.easy"),
            Action::Forgot => t!("hint.forgot"),
            Action::KnewIt => t!("hint.knew-it"),
            Action::SwitchButtons => t!("hint.switch-buttons"),
            Action::SortQuestions => t!("hint.sort"),
            Action::ToggleKnowhow => t!("hint.knowhow"),
            Action::Accept => t!("hint.accept"),
            Action::Helped => t!("hint.helped"),
            Action::EditProfile => t!("hint.edit-profile"),
            Action::Undo => t!("hint.undo"),
            Action::Delete => t!("hint.delete"),
            Action::Brought => t!("hint.brought"),
            Action::Submit => t!("hint.submit"),
            Action::Save => t!("hint.save"),
            Action::Cancel => t!("hint.cancel"),
            Action::NextField => t!("hint.next-field"),
            Action::PrevField => t!("hint.prev-field"),
            Action::SwitchKind => t!("hint.switch-kind"),
            Action::Type(_) | Action::Edit(_) => t!("hint.type"),
        };
        s.into_owned()
    }

    /// One plain sentence for the `?` help.
    pub fn describe(self) -> String {
        let s = match self {
            Action::Quit => t!("help.quit"),
            Action::NextTab => t!("help.next-tab"),
            Action::PrevTab => t!("help.prev-tab"),
            Action::GoTab(n) => t!("help.tab", n = n + 1, name = tab_name(n)),
            Action::Up => t!("help.up"),
            Action::Down => t!("help.down"),
            Action::PageUp => t!("help.page-up"),
            Action::PageDown => t!("help.page-down"),
            Action::Top => t!("help.top"),
            Action::Bottom => t!("help.bottom"),
            Action::Open => t!("help.open"),
            Action::Back => t!("help.back"),
            Action::Search => t!("help.search"),
            Action::Capture => t!("help.capture"),
            Action::Help => t!("help.help"),
            Action::Answer => t!("help.answer"),
            Action::MeToo => t!("help.me-too"),
            Action::CanHelp => t!("help.can-help"),
            Action::Pledge => t!("help.pledge"),
            Action::Vote => t!("help.vote"),
            Action::Fund => t!("help.fund"),
            Action::Redeem => t!("help.redeem"),
            Action::Reveal => t!("help.reveal"),
            Action::MarkDone => t!("help.mark-done"),
            Action::Review => t!("help.review"),
            Action::Rate(1) => t!("help.again"),
            Action::Rate(2) => t!("help.hard"),
            Action::Rate(3) => t!("help.good"),
            Action::Rate(_) => t!("help.easy"),
            Action::Forgot => t!("help.forgot"),
            Action::KnewIt => t!("help.knew-it"),
            Action::SwitchButtons => t!("help.switch-buttons"),
            Action::SortQuestions => t!("help.sort"),
            Action::ToggleKnowhow => t!("help.knowhow"),
            Action::Accept => t!("help.accept"),
            Action::Helped => t!("help.helped"),
            Action::EditProfile => t!("help.edit-profile"),
            Action::Undo => t!("help.undo"),
            Action::Delete => t!("help.delete"),
            Action::Brought => t!("help.brought"),
            Action::Submit => t!("help.submit"),
            Action::Save => t!("help.save"),
            Action::Cancel => t!("help.cancel"),
            Action::NextField => t!("help.next-field"),
            Action::PrevField => t!("help.prev-field"),
            Action::SwitchKind => t!("help.switch-kind"),
            Action::Type(_) | Action::Edit(_) => t!("help.type"),
        };
        s.into_owned()
    }
}

/// The name of tab `n` (0-based) in the pane's language, also used by the
/// tab bar.
pub fn tab_name(n: u8) -> String {
    super::tabs::Tab::from_index(usize::from(n)).name()
}

/// Tab names cut short, for a narrow pane.
pub fn short_tab_name(n: u8) -> String {
    super::tabs::Tab::from_index(usize::from(n)).short_name()
}

/// The actions that apply to an item for `viewer`, most useful first.
pub fn item_actions(item: &crate::domain::Item, viewer: &str) -> Vec<Action> {
    use crate::domain::Item;
    match item {
        // Done first: at 40 columns the hint line keeps it ("Enter klaar"
        // on a kiosk); Space for the check's answers is in help too.
        Item::Lesson(_) => vec![Action::MarkDone, Action::Reveal],
        // An imported FAQ entry: a colleague may add an answer, but
        // nobody is asked to back it (it is answered, and no colleague's).
        Item::Question(q) if q.reference.is_some() => vec![Action::Answer],
        // Backing is for colleagues' questions, as votes are for their
        // tips: the asker is offered none of their own.
        Item::Question(q) if q.author.as_deref() == Some(viewer) => vec![Action::Answer],
        Item::Question(_) => vec![
            Action::Answer,
            Action::MeToo,
            Action::CanHelp,
            Action::Pledge,
        ],
        // Imported know-how asks no votes.
        Item::Tip(t) if t.reference.is_some() => vec![],
        // Votes are for colleagues' tips: one's own is offered none.
        Item::Tip(t) if t.author == viewer => vec![],
        Item::Tip(_) => vec![Action::Vote],
        Item::Learned(_) => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for a in CONFIGURABLE {
            assert_eq!(Action::from_name(a.name()), Some(a), "{a:?}");
        }
        let mut names: Vec<_> = CONFIGURABLE.iter().map(|a| a.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CONFIGURABLE.len());
    }
}
