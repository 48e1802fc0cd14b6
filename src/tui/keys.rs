//! The keymap: default keys by view, patched key by key from `config.toml`.
//! The hint line and the `?` help are both derived from it, so they can never
//! drift from what the keys really do.
//!
//! ```toml
//! [keys]                 # the browsing views (list and detail)
//! search = "f"
//! quit = ["q", "ctrl-q"]
//! [keys.capture-form]    # one view only
//! save = "ctrl-w"
//! ```

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thiserror::Error;

use super::action::{Action, Edit};

/// Where keys are read. Each view has its own bindings; text views (search,
/// capture, prompt) pass unbound printable keys on as typed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    List,
    Detail,
    Search,
    Capture,
    Prompt,
    /// The review session: prompt, reveal, rate.
    Review,
    /// The profile form of the Me tab.
    Profile,
    /// A choice before a write: confirm it, or pick an answer or a person.
    Choose,
}

impl View {
    pub const ALL: [View; 8] = [
        View::List,
        View::Detail,
        View::Search,
        View::Capture,
        View::Prompt,
        View::Review,
        View::Profile,
        View::Choose,
    ];

    /// The name of the view's table in `config.toml` (`[keys.capture-form]`);
    /// never an action's name, as TOML can't have both under `[keys]`.
    pub fn name(self) -> &'static str {
        match self {
            View::List => "list",
            View::Detail => "detail",
            View::Search => "search-box",
            View::Capture => "capture-form",
            View::Prompt => "prompt",
            View::Review => "review-session",
            View::Profile => "profile-form",
            View::Choose => "choice",
        }
    }

    /// The view in the person's words, for the help title (the table
    /// names of [`View::name`] are config words, English on every screen).
    pub fn label(self) -> String {
        match self {
            View::List => t!("keys.view.list"),
            View::Detail => t!("keys.view.detail"),
            View::Search => t!("keys.view.search-box"),
            View::Capture => t!("keys.view.capture-form"),
            View::Prompt => t!("keys.view.prompt"),
            View::Review => t!("keys.view.review-session"),
            View::Profile => t!("keys.view.profile-form"),
            View::Choose => t!("keys.view.choice"),
        }
        .into_owned()
    }

    /// Views where letters are text, so a plain letter can't be a binding.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            View::Search | View::Capture | View::Prompt | View::Profile
        )
    }
}

/// One key with its modifiers, as written in the config (`ctrl-s`, `G`, `pgdown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }
    }

    pub const fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// The key as crossterm reports it, with Shift folded into the character
    /// (`G` arrives as Shift+`G`) and into Tab (BackTab), so that the config
    /// can simply say `G` or `shift-tab`.
    pub fn from_event(e: KeyEvent) -> Key {
        let mut mods =
            e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(e.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key::new(e.code, mods)
    }

    /// A printable key without Ctrl/Alt: text in a text view.
    pub fn is_printable(self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    pub fn parse(text: &str) -> Result<Key, String> {
        let bad = || format!("unknown key {text:?}");
        let mut rest = text;
        let mut mods = KeyModifiers::NONE;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break; // "ctrl-" alone: let the name check fail below
            }
            mods |= m;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" | "bksp" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdown" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                "minus" => KeyCode::Char('-'),
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            },
        };
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub view: View,
    pub action: Action,
    pub keys: Vec<Key>,
}

#[derive(Debug, Clone, PartialEq, Error)]
#[error("config.toml [keys]: {0}")]
pub struct KeyError(pub String);

#[derive(Debug, Clone, PartialEq)]
pub struct KeyMap {
    bindings: Vec<Binding>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            bindings: default_bindings(),
        }
    }
}

/// The editing keys of a one-line field, the same in every field: the
/// pane's forms and search, the popup, and the kiosk's welcome, name and
/// PIN screens (one table, so a key that works in one works in all).
pub fn line_edit(key: Key) -> Option<Edit> {
    let ctrl = key.mods == KeyModifiers::CONTROL;
    Some(match key.code {
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        // A shell's and fzf's line keys, where the view binds them not.
        KeyCode::Char('u') if ctrl => Edit::ClearToStart,
        KeyCode::Char('w') if ctrl => Edit::DeleteWord,
        _ => return None,
    })
}

impl KeyMap {
    /// The defaults with the `[keys]` table of `config.toml` laid over them.
    pub fn from_config(table: &toml::Table) -> Result<KeyMap, KeyError> {
        let mut map = KeyMap::default();
        for (name, value) in table {
            match value {
                toml::Value::Table(sub) => {
                    let view = View::ALL
                        .into_iter()
                        .find(|v| v.name() == name)
                        .ok_or_else(|| KeyError(format!("unknown view [keys.{name}]; views are list, detail, search-box, capture-form, prompt, review-session, profile-form, choice")))?;
                    for (action_name, keys) in sub {
                        let action = parse_action(action_name)?;
                        map.set(view, action, parse_keys(action_name, keys)?);
                    }
                }
                _ => {
                    let action = parse_action(name)?;
                    let keys = parse_keys(name, value)?;
                    let browse = [View::List, View::Detail];
                    let mut found = false;
                    for view in browse {
                        if map.bound(view, action) {
                            map.set(view, action, keys.clone());
                            found = true;
                        }
                    }
                    if !found {
                        let home = map
                            .bindings
                            .iter()
                            .find(|b| b.action == action)
                            .map_or("list", |b| b.view.name());
                        return Err(KeyError(format!(
                            "{name} is a key of the {home} view: put it under [keys.{home}]"
                        )));
                    }
                }
            }
        }
        map.check()?;
        Ok(map)
    }

    fn bound(&self, view: View, action: Action) -> bool {
        self.bindings
            .iter()
            .any(|b| b.view == view && b.action == action)
    }

    fn set(&mut self, view: View, action: Action, keys: Vec<Key>) {
        match self
            .bindings
            .iter_mut()
            .find(|b| b.view == view && b.action == action)
        {
            Some(b) => b.keys = keys,
            None => self.bindings.push(Binding { view, action, keys }),
        }
    }

    /// Refuses a keymap where one key means two things in one view, or
    /// where a plain letter would stop you typing it into a text field.
    pub fn check(&self) -> Result<(), KeyError> {
        for view in View::ALL {
            let mut seen: Vec<(Key, Action)> = Vec::new();
            for b in self.bindings.iter().filter(|b| b.view == view) {
                for &key in &b.keys {
                    if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                        return Err(KeyError(format!(
                            "{key} means both {} and {} in the {} view",
                            other.name(),
                            b.action.name(),
                            view.name()
                        )));
                    }
                    if view.is_text() && key.is_printable() {
                        return Err(KeyError(format!(
                            "{key} can't be {} in the {} view: you could no longer type it; use ctrl- or alt-",
                            b.action.name(),
                            view.name()
                        )));
                    }
                    seen.push((key, b.action));
                }
            }
        }
        Ok(())
    }

    /// What a key press means in a view; in text views, unbound keys become
    /// typing and editing.
    pub fn action(&self, view: View, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let bound = self
            .bindings
            .iter()
            .find(|b| b.view == view && b.keys.contains(&key))
            .map(|b| b.action);
        if bound.is_some() || !view.is_text() {
            return bound;
        }
        if let KeyCode::Char(c) = key.code
            && key.is_printable()
        {
            return Some(Action::Type(c));
        }
        let edit = match key.code {
            // Unbound Enter: Alt-Enter and Shift-Enter where Enter is bound.
            KeyCode::Enter => Edit::Newline,
            // What many terminals send for Ctrl-Enter, or Shift-Enter when set up so.
            KeyCode::Char('j') if key.mods == KeyModifiers::CONTROL => Edit::Newline,
            _ => return line_edit(key).map(Action::Edit),
        };
        Some(Action::Edit(edit))
    }

    pub fn keys(&self, view: View, action: Action) -> &[Key] {
        self.bindings
            .iter()
            .find(|b| b.view == view && b.action == action)
            .map_or(&[], |b| &b.keys)
    }

    /// Every binding of a view, in the order help shows them.
    pub fn bindings(&self, view: View) -> impl Iterator<Item = &Binding> {
        self.bindings
            .iter()
            .filter(move |b| b.view == view && !b.keys.is_empty())
    }

    /// The few keys that matter in a view: (first key, label) for each of
    /// `wanted` that is bound; the hint line shows as many as fit.
    pub fn hints(&self, view: View, wanted: &[Action]) -> Vec<(String, String)> {
        wanted
            .iter()
            .filter_map(|&a| {
                self.keys(view, a)
                    .first()
                    .map(|k| (k.to_string(), a.label()))
            })
            .collect()
    }
}

fn parse_action(name: &str) -> Result<Action, KeyError> {
    Action::from_name(name).ok_or_else(|| KeyError(format!("unknown action {name:?}")))
}

fn parse_keys(name: &str, value: &toml::Value) -> Result<Vec<Key>, KeyError> {
    let texts: Vec<&str> = match value {
        toml::Value::String(s) => vec![s.as_str()],
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str())
            .collect::<Option<_>>()
            .ok_or_else(|| KeyError(format!("{name}: give a key or a list of keys")))?,
        _ => return Err(KeyError(format!("{name}: give a key or a list of keys"))),
    };
    texts
        .into_iter()
        .map(|t| Key::parse(t).map_err(|e| KeyError(format!("{name}: {e}"))))
        .collect()
}

fn default_bindings() -> Vec<Binding> {
    use KeyCode as K;
    let p = Key::plain;
    let c = Key::ch;
    let mut out = Vec::new();
    let mut bind = |view: View, action: Action, keys: &[Key]| {
        out.push(Binding {
            view,
            action,
            keys: keys.to_vec(),
        })
    };
    for view in [View::List, View::Detail] {
        if view == View::List {
            bind(view, Action::Open, &[p(K::Enter)]);
        } else {
            bind(view, Action::Back, &[p(K::Esc), p(K::Backspace)]);
        }
        bind(view, Action::Up, &[p(K::Up), c('k')]);
        bind(view, Action::Down, &[p(K::Down), c('j')]);
        bind(view, Action::PageUp, &[p(K::PageUp)]);
        bind(view, Action::PageDown, &[p(K::PageDown)]);
        bind(view, Action::Top, &[p(K::Home), c('g')]);
        bind(view, Action::Bottom, &[p(K::End), c('G')]);
        // ← → too: a first-time worker at a kiosk pressed them to change
        // tabs, and nothing happened (usability test, session 15).
        bind(view, Action::NextTab, &[p(K::Tab), p(K::Right)]);
        bind(view, Action::PrevTab, &[p(K::BackTab), p(K::Left)]);
        for n in 0..super::tabs::COUNT {
            let digit = char::from_digit(n as u32 + 1, 10).unwrap_or('0');
            bind(view, Action::GoTab(n as u8), &[c(digit)]);
        }
        bind(view, Action::Search, &[c('/')]);
        // Ctrl-N ("new") too: on a kiosk every letter asks a question, and
        // a tip, an "I learned" or a wish needs a key that is no letter.
        bind(view, Action::Capture, &[c('c'), Key::ctrl('n')]);
        if view == View::Detail {
            // Enter answers the question that is open: a key that is no
            // letter, so it works on a kiosk too (letters ask there).
            bind(view, Action::Answer, &[c('a'), p(K::Enter)]);
        } else {
            bind(view, Action::Answer, &[c('a')]);
        }
        // `+` ("+1") too: on a kiosk `m` types a question, and `+` is on
        // every keypad.
        bind(view, Action::MeToo, &[c('m'), c('+')]);
        bind(view, Action::CanHelp, &[c('h')]);
        bind(view, Action::Pledge, &[c('p')]);
        bind(view, Action::Vote, &[c('v')]);
        // `b` for budget: `f` is a common choice for search in configs.
        bind(view, Action::Fund, &[c('b')]);
        // `t` for tegoedbon; Ctrl-T too: on a kiosk letters ask a question.
        bind(view, Action::Redeem, &[c('t'), Key::ctrl('t')]);
        if view == View::Detail {
            bind(view, Action::Reveal, &[c(' ')]);
        }
        bind(view, Action::MarkDone, &[c('d')]);
        bind(view, Action::Review, &[c('r')]);
        bind(view, Action::SortQuestions, &[c('s')]);
        bind(view, Action::ToggleKnowhow, &[c('i')]);
        bind(view, Action::Accept, &[c('A')]);
        bind(view, Action::Helped, &[c('H')]);
        // Ctrl-E too: on a kiosk `e` types a question.
        bind(view, Action::EditProfile, &[c('e'), Key::ctrl('e')]);
        // Ctrl-Z too: on a kiosk every letter on a list is typing (it asks a
        // question), so undo needs a key that is no letter there.
        bind(view, Action::Undo, &[c('u'), Key::ctrl('z')]);
        bind(view, Action::Delete, &[c('x'), p(K::Delete)]);
        bind(view, Action::Help, &[c('?')]);
        bind(view, Action::Quit, &[c('q')]);
    }
    bind(View::Search, Action::Open, &[p(K::Enter)]);
    bind(View::Search, Action::Up, &[p(K::Up), Key::ctrl('p')]);
    bind(View::Search, Action::Down, &[p(K::Down), Key::ctrl('n')]);
    bind(View::Search, Action::Cancel, &[p(K::Esc)]);

    // A capture is mostly one line: Enter saves, Alt-Enter (or Shift-Enter,
    // Ctrl-J where the terminal tells them apart) starts a new line.
    bind(View::Capture, Action::Save, &[p(K::Enter), Key::ctrl('s')]);
    bind(
        View::Capture,
        Action::SwitchKind,
        &[p(K::Tab), Key::ctrl('t')],
    );
    bind(View::Capture, Action::NextField, &[p(K::Down)]);
    bind(View::Capture, Action::PrevField, &[p(K::Up), p(K::BackTab)]);
    bind(View::Capture, Action::Cancel, &[p(K::Esc)]);

    bind(View::Prompt, Action::Submit, &[p(K::Enter)]);
    bind(View::Prompt, Action::Cancel, &[p(K::Esc)]);
    bind(View::Prompt, Action::Brought, &[p(K::Tab)]);

    bind(View::Review, Action::Reveal, &[c(' '), p(K::Enter)]);
    for n in 1..=4u8 {
        bind(View::Review, Action::Rate(n), &[c(char::from(b'0' + n))]);
    }
    bind(View::Review, Action::Forgot, &[c('n'), p(K::Left)]);
    bind(View::Review, Action::KnewIt, &[c('y'), p(K::Right)]);
    bind(View::Review, Action::SwitchButtons, &[c('b')]);
    bind(
        View::Review,
        Action::Back,
        &[p(K::Esc), c('q'), p(K::Backspace)],
    );
    bind(View::Review, Action::Help, &[c('?')]);

    bind(View::Profile, Action::Save, &[Key::ctrl('s')]);
    bind(View::Profile, Action::Submit, &[p(K::Enter)]);
    bind(View::Profile, Action::NextField, &[p(K::Tab), p(K::Down)]);
    bind(View::Profile, Action::PrevField, &[p(K::BackTab), p(K::Up)]);
    bind(View::Profile, Action::Cancel, &[p(K::Esc)]);

    bind(View::Choose, Action::Submit, &[p(K::Enter)]);
    bind(View::Choose, Action::Up, &[p(K::Up), c('k')]);
    bind(View::Choose, Action::Down, &[p(K::Down), c('j')]);
    bind(View::Choose, Action::Cancel, &[p(K::Esc)]);
    out
}

/// The example keymap shipped in `examples/keymap.toml`; a test parses it.
pub const EXAMPLE: &str = include_str!("../../examples/keymap.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("ctrl-s"), Ok(Key::ctrl('s')));
        assert_eq!(Key::parse("Ctrl-S"), Ok(Key::ctrl('s')));
        assert_eq!(Key::parse("G"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("shift-tab"), Ok(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("pgdown"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("-"), Ok(Key::ch('-')));
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert_eq!(Key::ctrl('s').to_string(), "Ctrl-S");
        assert_eq!(Key::ch(' ').to_string(), "Space");
    }

    #[test]
    fn shifted_letters_match_their_binding() {
        let map = KeyMap::default();
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action(View::List, shift_g), Some(Action::Bottom));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(map.action(View::List, backtab), Some(Action::PrevTab));
    }
}
