//! Property tests (proptest) for the four parsers of hostile input: the text
//! cleaner, the lesson parser, the import validator and the id parser. A
//! modest number of cases keeps `cargo test` quick; `scripts/fuzz.sh` runs
//! the same four under cargo-fuzz for longer.

use std::collections::HashSet;

use leertuin::domain::import_check;
use leertuin::domain::lesson;
use leertuin::domain::text::{is_clean, multi_line, one_line, sanitize};
use leertuin::domain::{Backup, ItemId, Kind};
use proptest::prelude::*;
use serde_json::Value;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Characters that matter to a terminal, mixed with ordinary text.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            '\u{1b}', '[', ']', '\\', 'P', 'X', '^', '_', ';', '0', '2', 'J', 'm', '\u{7}',
            '\u{9b}', '\u{9c}', '\u{9d}', '\u{90}', '\u{98}', '\u{9e}', '\u{9f}', '\u{85}',
            '\u{0}', '\r', '\n', '\t', '\u{7f}', '\u{202e}', '\u{2066}', '\u{200f}', '\u{61c}',
        ]),
        2 => prop::sample::select(vec!['a', 'é', ' ', '—', '✓', 'Z', '9']),
    ]
}

fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(nasty_char(), 0..120).prop_map(|v| v.into_iter().collect())
}

/// Text a person types: letters (accents too), digits, punctuation, spaces, newlines.
fn plain_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 éëïöüÉ—–“”’.,:;!?()\\-\n]{0,80}"
}

fn terminal_safe(s: &str) -> bool {
    !s.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn cleaned_text_never_drives_a_terminal(input in nasty_text()) {
        let out = sanitize(&input);
        prop_assert!(terminal_safe(&out), "{out:?}");
        prop_assert!(is_clean(&out));
        prop_assert!(terminal_safe(&one_line(&input)));
        prop_assert!(terminal_safe(&multi_line(&input)));
    }

    #[test]
    fn cleaning_is_idempotent(input in nasty_text()) {
        let once = sanitize(&input);
        prop_assert_eq!(sanitize(&once), once.clone());
        let line = one_line(&input);
        prop_assert_eq!(one_line(&line), line.clone());
        let multi = multi_line(&input);
        prop_assert_eq!(multi_line(&multi), multi.clone());
    }

    #[test]
    fn plain_text_is_kept(input in plain_text()) {
        prop_assert_eq!(sanitize(&input), input.clone());
        prop_assert!(is_clean(&input));
    }

    #[test]
    fn text_around_an_unended_control_string_is_kept(
        before in plain_text(),
        after in "[a-z ]{1,40}",
        introducer in prop::sample::select(vec!["\u{1b}]", "\u{1b}P", "\u{1b}_", "\u{9d}", "\u{90}"]),
    ) {
        let out = sanitize(&format!("{before}{introducer}{after}"));
        prop_assert!(out.starts_with(&sanitize(&before)));
        prop_assert!(out.ends_with(&after), "{out:?}");
    }

    #[test]
    fn the_lesson_parser_never_panics_and_names_file_and_line(
        source in prop_oneof![nasty_text(), lesson_like()],
    ) {
        let lines = source.lines().count().max(1);
        match lesson::parse("shared/x.md", &source) {
            Ok(l) => {
                prop_assert!(is_clean(&l.title) && is_clean(&l.body) && is_clean(&l.slug));
                prop_assert!(l.cards.iter().all(|c| is_clean(&c.question) && is_clean(&c.answer)));
            }
            Err(e) => {
                prop_assert!(e.line >= 1 && e.line <= lines + 1, "{e} of {lines} lines");
                let shown = e.to_string();
                prop_assert!(shown.starts_with(&format!("shared/x.md:{}: ", e.line)), "{shown}");
                prop_assert!(terminal_safe(&shown), "{shown:?}");
            }
        }
    }

    #[test]
    fn the_import_validator_never_panics_and_lets_only_clean_text_through(
        edits in prop::collection::vec((any::<prop::sample::Index>(), nasty_text()), 0..6),
        noise in prop::collection::vec((any::<prop::sample::Index>(), json_noise()), 0..3),
    ) {
        let mut doc: Value = serde_json::from_str(BACKUP).expect("the base backup parses");
        let count = strings(&mut doc).len();
        for (at, text) in &edits {
            let i = at.index(count);
            *strings(&mut doc)[i] = text.clone();
        }
        let mut text = doc.to_string();
        for (at, bit) in &noise {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            text.insert_str(i, bit);
        }
        if let Ok(backup) = serde_json::from_str::<Backup>(&text) {
            let (ok, rejected) = import_check::check(&backup, &HashSet::new());
            let mut accepted = serde_json::to_value(&ok).expect("serialises");
            // The document's own `format` is the store's check (check_format).
            accepted["format"] = Value::Null;
            for s in strings(&mut accepted) {
                prop_assert!(is_clean(s), "accepted unclean text {s:?}");
            }
            for r in &rejected {
                prop_assert!(terminal_safe(&r.to_string()));
            }
            if edits.is_empty() && noise.is_empty() {
                prop_assert!(rejected.is_empty(), "{rejected:?}");
            }
        }
    }

    #[test]
    fn ids_round_trip(kind in prop::sample::select(Kind::ALL.to_vec()), num in 1..i64::MAX) {
        let id = ItemId::new(kind, num);
        prop_assert_eq!(id.to_string().parse::<ItemId>().expect("parses"), id);
    }

    #[test]
    fn any_id_text_parses_to_one_that_prints_back(s in prop_oneof![nasty_text(), "[lqtnLQTN ]?[0-9 +-]{0,22}"]) {
        if let Ok(id) = s.parse::<ItemId>() {
            prop_assert!(id.num >= 1);
            prop_assert_eq!(id.to_string().parse::<ItemId>().expect("parses back"), id);
        }
    }
}

/// Lines that look like a lesson file, in any order and number.
fn lesson_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("+++".to_string()),
        Just("title = \"T\"".to_string()),
        Just("minutes = 3".to_string()),
        Just("lang = \"nl\"".to_string()),
        Just("tags = [\"a\", \"B\"]".to_string()),
        Just("## Check".to_string()),
        Just("Q: why?".to_string()),
        Just("A: because".to_string()),
        Just(String::new()),
        nasty_text(),
    ];
    prop::collection::vec(line, 0..14).prop_map(|lines| lines.join("\n"))
}

fn json_noise() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\"", "{", "}", "[", "]", ",", ":", "null", "1e999", "-1", "\\u0000", "\\ud800", "true",
    ])
    .prop_map(str::to_string)
}

/// Every string leaf of a JSON value, in document order.
fn strings(v: &mut Value) -> Vec<&mut String> {
    match v {
        Value::String(s) => vec![s],
        Value::Array(items) => items.iter_mut().flat_map(strings).collect(),
        Value::Object(map) => map.values_mut().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// A small, valid backup with one of everything.
const BACKUP: &str = r#"{
  "format": "leertuin-export", "version": 1,
  "persons": [
    {"handle": "ann", "name": "Ann", "wants": ["sql"], "offers": [], "lang": "nl", "created_at": "2026-01-01T10:00:00.000Z"},
    {"handle": "bob", "name": "Bob", "wants": [], "offers": ["sql"], "lang": null, "created_at": "2026-01-01T10:00:00.000Z"}
  ],
  "lessons": [
    {"id": "l1", "slug": "01-ask", "title": "Ask well", "tags": ["asking"], "minutes": 3, "lang": "en",
     "body": "Body.", "cards": [{"question": "What?", "answer": "That."}],
     "created_at": "2026-01-01T10:00:00.000Z", "updated_at": "2026-01-01T10:00:00.000Z"}
  ],
  "questions": [
    {"id": "q1", "author": "ann", "title": "Where is the key?", "body": "Really.", "tags": ["keys"],
     "context": "psql", "created_at": "2026-01-02T10:00:00.000Z",
     "answers": [{"id": 1, "author": "bob", "body": "Blue box.", "accepted": true, "created_at": "2026-01-02T11:00:00.000Z"}],
     "backings": [{"person": "bob", "kind": "pledge", "minutes": 15, "helped": false, "created_at": "2026-01-02T11:00:00.000Z"}]}
  ],
  "tips": [
    {"id": "t1", "author": "bob", "text": "Use ctrl-r.", "tags": ["bash"], "context": null,
     "created_at": "2026-01-03T10:00:00.000Z", "votes": [{"person": "ann", "created_at": "2026-01-03T11:00:00.000Z"}]}
  ],
  "learned": [
    {"id": "n1", "author": "ann", "text": "Presses warm up.", "tags": [], "visibility": "private", "created_at": "2026-01-04T10:00:00.000Z"}
  ],
  "lessons_done": [{"person": "ann", "lesson": "l1", "done_at": "2026-01-05T10:00:00.000Z", "reflection": "Good.", "brought": "work"}],
  "card_states": [{"person": "ann", "card": "l1#1", "stability": 1.5, "difficulty": 5.0, "due": "2026-01-06T10:00:00.000Z",
                   "last_review": null, "reps": 1, "lapses": 0, "phase": "review", "scheduled_days": 1}],
  "reviews": [{"person": "ann", "card": "t1", "reviewed_at": "2026-01-05T10:00:00.000Z", "rating": 3}]
}"#;
