//! The keymap: the shipped example, partial overrides, and no key that
//! means two things in one view.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::tui::action::Action;
use leertuin::tui::keys::{EXAMPLE, Key, KeyMap, View};

fn keys_table(toml_text: &str) -> toml::Table {
    let doc: toml::Table = toml_text.parse().expect("valid TOML");
    match doc.get("keys") {
        Some(toml::Value::Table(t)) => t.clone(),
        _ => toml::Table::new(),
    }
}

fn press(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn the_example_keymap_parses_and_equals_the_defaults() {
    let map = KeyMap::from_config(&keys_table(EXAMPLE)).expect("example parses");
    assert_eq!(
        map,
        KeyMap::default(),
        "examples/keymap.toml drifted from the defaults"
    );
    // It also parses as a whole config.toml.
    let cfg: leertuin::config::Config = toml::from_str(EXAMPLE).expect("valid config.toml");
    assert!(!cfg.keys.is_empty());
}

#[test]
fn a_partial_override_keeps_every_other_default() {
    let map = KeyMap::from_config(&keys_table(
        "[keys]\nsearch = \"f\"\n[keys.capture-form]\nsave = \"ctrl-w\"\n",
    ))
    .expect("valid override");
    assert_eq!(map.action(View::List, press('f')), Some(Action::Search));
    assert_eq!(map.action(View::Detail, press('f')), Some(Action::Search));
    assert_eq!(
        map.action(View::List, press('/')),
        None,
        "replaced, not added"
    );
    assert_eq!(
        map.keys(View::Capture, Action::Save),
        [Key::ctrl('s')].map(|_| Key::ctrl('w'))
    );
    // Everything else is as before.
    let defaults = KeyMap::default();
    for view in View::ALL {
        for b in defaults.bindings(view) {
            if b.action == Action::Search && view != View::Search || b.action == Action::Save {
                continue;
            }
            assert_eq!(
                map.keys(view, b.action),
                b.keys.as_slice(),
                "{view:?} {:?}",
                b.action
            );
        }
    }
    // The hint line follows the override.
    let hints = map.hints(View::List, &[Action::Open, Action::Search]);
    assert_eq!(hints[1], ("f".to_string(), "search".to_string()));
}

#[test]
fn no_two_actions_share_a_key_in_one_view() {
    let map = KeyMap::default();
    map.check().expect("defaults are consistent");
    for view in View::ALL {
        let mut seen = std::collections::HashMap::new();
        for b in map.bindings(view) {
            for k in &b.keys {
                if let Some(other) = seen.insert(*k, b.action) {
                    panic!("{k} is both {other:?} and {:?} in {view:?}", b.action);
                }
            }
        }
    }
    let err = KeyMap::from_config(&keys_table("[keys]\nvote = \"q\"\n")).expect_err("q is quit");
    assert!(
        err.to_string().contains("quit") && err.to_string().contains("vote"),
        "{err}"
    );
}

#[test]
fn text_views_keep_letters_for_typing() {
    let map = KeyMap::default();
    assert_eq!(
        map.action(View::Search, press('q')),
        Some(Action::Type('q'))
    );
    assert_eq!(
        map.action(View::Capture, press('c')),
        Some(Action::Type('c'))
    );
    let err = KeyMap::from_config(&keys_table("[keys.search-box]\ncancel = \"x\"\n"))
        .expect_err("x is text");
    assert!(err.to_string().contains("type"), "{err}");
}

#[test]
fn mistakes_in_the_config_are_named() {
    for (text, needle) in [
        ("[keys]\nserch = \"f\"\n", "serch"),
        ("[keys]\nsearch = \"hyper-f\"\n", "hyper-f"),
        ("[keys]\nsearch = 3\n", "search"),
        ("[keys.nowhere]\nsearch = \"f\"\n", "nowhere"),
        ("[keys]\nsave = \"ctrl-w\"\n", "keys.capture-form"),
    ] {
        let err = KeyMap::from_config(&keys_table(text))
            .expect_err(text)
            .to_string();
        assert!(err.contains(needle), "{text}: {err}");
    }
}
