//! The pane's tabs, in one table: what each is called (long, short, in
//! `config.toml`), which kind it lists and what it says when empty. The tab
//! bar, the keymap's digits, help, the tab lists and their loading all
//! read it, so a tab is added or moved here, in one place.

use std::borrow::Cow;

use crate::domain::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    ForYou,
    Lessons,
    Questions,
    Tips,
    Learned,
    Team,
    Me,
    /// Wishes: what people want to learn, and funding them.
    Wishes,
}

/// One tab's row of the table.
pub struct TabDef {
    pub tab: Tab,
    /// Its name in the pane's language ("Vragen").
    pub name: fn() -> Cow<'static, str>,
    /// A name short enough that all tabs fit a 40-column pane.
    pub short: fn() -> Cow<'static, str>,
    /// The action that opens it, in `config.toml` (`tab-3`).
    pub config: &'static str,
    /// The one kind it lists, for the tabs that list one.
    pub kind: Option<Kind>,
}

/// Every tab, in the order of the tab bar (and of the digits 1–8). Wishes
/// came last, so the digits people learned for the others stay theirs.
pub const TABS: [TabDef; 8] = [
    TabDef {
        tab: Tab::ForYou,
        name: || t!("tab.for-you"),
        short: || t!("tab.for-you.short"),
        config: "tab-1",
        kind: None,
    },
    TabDef {
        tab: Tab::Lessons,
        name: || t!("tab.lessons"),
        short: || t!("tab.lessons.short"),
        config: "tab-2",
        kind: Some(Kind::Lesson),
    },
    TabDef {
        tab: Tab::Questions,
        name: || t!("tab.questions"),
        short: || t!("tab.questions.short"),
        config: "tab-3",
        kind: Some(Kind::Question),
    },
    TabDef {
        tab: Tab::Tips,
        name: || t!("tab.tips"),
        short: || t!("tab.tips.short"),
        config: "tab-4",
        kind: Some(Kind::Tip),
    },
    TabDef {
        tab: Tab::Learned,
        name: || t!("tab.learned"),
        short: || t!("tab.learned.short"),
        config: "tab-5",
        kind: Some(Kind::Learned),
    },
    TabDef {
        tab: Tab::Team,
        name: || t!("tab.team"),
        short: || t!("tab.team.short"),
        config: "tab-6",
        kind: None,
    },
    TabDef {
        tab: Tab::Me,
        name: || t!("tab.me"),
        short: || t!("tab.me.short"),
        config: "tab-7",
        kind: None,
    },
    TabDef {
        tab: Tab::Wishes,
        name: || t!("tab.wishes"),
        short: || t!("tab.wishes.short"),
        config: "tab-8",
        kind: None,
    },
];

/// How many tabs there are.
pub const COUNT: usize = TABS.len();

impl Tab {
    pub const ALL: [Tab; COUNT] = {
        let mut all = [Tab::ForYou; COUNT];
        let mut i = 0;
        while i < COUNT {
            all[i] = TABS[i].tab;
            i += 1;
        }
        all
    };

    /// Its row of [`TABS`].
    pub fn def(self) -> &'static TabDef {
        &TABS[self as usize]
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Tab {
        TABS[i % COUNT].tab
    }

    /// The tab's name in the pane's language.
    pub fn name(self) -> String {
        (self.def().name)().into_owned()
    }

    /// The tab's short name, for a narrow pane.
    pub fn short_name(self) -> String {
        (self.def().short)().into_owned()
    }

    /// The kind a tab lists, for the tabs that list one.
    pub fn kind(self) -> Option<Kind> {
        self.def().kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_enums_order() {
        for (i, def) in TABS.iter().enumerate() {
            assert_eq!(def.tab.index(), i, "{:?}", def.tab);
            assert_eq!(def.config, format!("tab-{}", i + 1));
            assert_eq!(Tab::from_index(i), def.tab);
        }
    }
}
