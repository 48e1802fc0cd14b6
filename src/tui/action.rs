//! What a key *means*. Keys map to actions in [`super::keys`]; `update`
//! only ever sees actions, so it can be tested without a terminal.

/// An action a person can take. The names (see [`Action::name`]) are what
/// `config.toml` uses under `[keys]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    NextTab,
    PrevTab,
    /// Jump to tab 0..=6.
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
    /// The asker accepts an answer / marks pledged time as given.
    Accept,
    Helped,
    EditProfile,
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
}

/// Every configurable action, in the order help lists them.
pub const CONFIGURABLE: [Action; 47] = [
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
    Action::Search,
    Action::Capture,
    Action::Answer,
    Action::MeToo,
    Action::CanHelp,
    Action::Pledge,
    Action::Vote,
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
    Action::Accept,
    Action::Helped,
    Action::EditProfile,
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
            Action::GoTab(0) => "tab-1",
            Action::GoTab(1) => "tab-2",
            Action::GoTab(2) => "tab-3",
            Action::GoTab(3) => "tab-4",
            Action::GoTab(4) => "tab-5",
            Action::GoTab(5) => "tab-6",
            Action::GoTab(_) => "tab-7",
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
            Action::Accept => "accept",
            Action::Helped => "helped",
            Action::EditProfile => "edit-profile",
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

    /// A word or two for the hint line.
    pub fn label(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::NextTab => "next tab",
            Action::PrevTab => "previous tab",
            Action::GoTab(_) => "tab",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Back => "back",
            Action::Search => "search",
            Action::Capture => "new",
            Action::Help => "help",
            Action::Answer => "answer",
            Action::MeToo => "me too",
            Action::CanHelp => "can help",
            Action::Pledge => "pledge",
            Action::Vote => "vote",
            Action::Reveal => "show answer",
            Action::MarkDone => "done",
            Action::Review => "review",
            Action::Rate(1) => "again",
            Action::Rate(2) => "hard",
            Action::Rate(3) => "good",
            Action::Rate(_) => "easy",
            Action::Forgot => "forgot",
            Action::KnewIt => "knew it",
            Action::SwitchButtons => "2/4 buttons",
            Action::SortQuestions => "sort",
            Action::Accept => "accept",
            Action::Helped => "helped",
            Action::EditProfile => "edit",
            Action::Brought => "it brought",
            Action::Submit => "ok",
            Action::Save => "save",
            Action::Cancel => "cancel",
            Action::NextField => "next field",
            Action::PrevField => "previous field",
            Action::SwitchKind => "kind",
            Action::Type(_) | Action::Edit(_) => "type",
        }
    }

    /// One plain sentence for the `?` help.
    pub fn describe(self) -> String {
        let s = match self {
            Action::Quit => "leave leertuin",
            Action::NextTab => "next tab",
            Action::PrevTab => "previous tab",
            Action::GoTab(n) => return format!("go to tab {}: {}", n + 1, tab_name(n)),
            Action::Up => "move up",
            Action::Down => "move down",
            Action::PageUp => "one page up",
            Action::PageDown => "one page down",
            Action::Top => "go to the top",
            Action::Bottom => "go to the end",
            Action::Open => "open the selected item",
            Action::Back => "go back",
            Action::Search => "search everything",
            Action::Capture => "write a tip, question or what you learned",
            Action::Help => "show or hide this help",
            Action::Answer => "answer this question",
            Action::MeToo => "me too: I want to know this as well",
            Action::CanHelp => "I can help with this question",
            Action::Pledge => "pledge minutes of your time to this question",
            Action::Vote => "vote for this tip",
            Action::Reveal => "show the answer (of a check card or review card)",
            Action::MarkDone => "mark this lesson as done",
            Action::Review => "review your cards: a few minutes helps you remember",
            Action::Rate(1) => "again: I did not know it",
            Action::Rate(2) => "hard: I knew it, with effort",
            Action::Rate(3) => "good: I knew it",
            Action::Rate(_) => "easy: I knew it at once",
            Action::Forgot => "forgot: ask me again soon",
            Action::KnewIt => "knew it: ask me later",
            Action::SwitchButtons => "switch between four rating buttons and two",
            Action::SortQuestions => "sort questions: newest first or most backed first",
            Action::Accept => "accept an answer to your question",
            Action::Helped => "thank a colleague: their pledged time was given",
            Action::EditProfile => {
                "edit your profile: name, what you want to learn, what you can help with"
            }
            Action::Brought => "choose what it brought: work, life, connection, meaning",
            Action::Submit => "confirm",
            Action::Save => "save",
            Action::Cancel => "cancel",
            Action::NextField => "next field",
            Action::PrevField => "previous field",
            Action::SwitchKind => "switch between tip, question and learned",
            Action::Type(_) | Action::Edit(_) => "type text",
        };
        s.to_string()
    }
}

/// Tab names, also used by the tab bar.
pub const TAB_NAMES: [&str; 7] = [
    "For you",
    "Lessons",
    "Questions",
    "Tips",
    "Learned",
    "Team",
    "Me",
];

fn tab_name(n: u8) -> &'static str {
    TAB_NAMES.get(usize::from(n)).copied().unwrap_or("")
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
