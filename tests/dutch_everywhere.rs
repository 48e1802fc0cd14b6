//! Plain Dutch everywhere: every screen of the pane, drawn in Dutch, holds
//! no English text of the catalogue, and no code draws a hard-coded English
//! word past the catalogue.

mod tui_support;

use std::collections::BTreeSet;
use std::path::Path;

use leertuin::tui::action::Action;
use leertuin::tui::app::{App, Tab};
use leertuin::tui::update;
use tui_support::{demo_app_in, screen, text};

/// Every catalogue entry as (key, en, nl).
fn catalogue() -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("locales") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("catalogue");
        let mut key = String::new();
        let (mut en, mut nl) = (String::new(), String::new());
        let mut flush = |key: &str, en: &mut String, nl: &mut String| {
            if !key.is_empty() && !key.starts_with('_') {
                out.push((key.to_string(), std::mem::take(en), std::mem::take(nl)));
            }
        };
        for line in text.lines() {
            if line.trim_start().starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(' ') {
                flush(&key, &mut en, &mut nl);
                key = line.split(':').next().unwrap_or("").to_string();
            } else if let Some((lang, value)) = line.trim().split_once(':') {
                let value = value.trim().trim_matches('"').to_string();
                match lang {
                    "en" => en = value,
                    "nl" => nl = value,
                    _ => {}
                }
            }
        }
        flush(&key, &mut en, &mut nl);
    }
    out
}

/// The fixed pieces of English texts that say something in English only:
/// the parts between `%{…}` of every entry whose Dutch differs, at least
/// two words long, and never part of a Dutch text.
fn english_pieces() -> BTreeSet<String> {
    let entries = catalogue();
    let dutch: Vec<&str> = entries.iter().map(|(_, _, nl)| nl.as_str()).collect();
    let mut pieces = BTreeSet::new();
    for (_, en, nl) in &entries {
        if en == nl {
            continue;
        }
        let mut rest = en.as_str();
        let mut parts = Vec::new();
        while let Some(start) = rest.find("%{") {
            parts.push(&rest[..start]);
            rest = rest[start..].split_once('}').map_or("", |(_, r)| r);
        }
        parts.push(rest);
        for part in parts {
            let part = part.trim_matches(|c: char| !c.is_alphanumeric());
            let words = part
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic));
            if words.count() >= 2 && !dutch.iter().any(|nl| nl.contains(part)) {
                pieces.insert(part.to_string());
            }
        }
    }
    pieces
}

/// Draws the app at a kiosk's and a side pane's size.
fn shots(app: &App, out: &mut Vec<(String, String)>, what: &str) {
    for (w, h) in [(80, 24), (40, 20)] {
        out.push((format!("{what} at {w}×{h}"), text(&screen(app, w, h))));
    }
}

/// Every tab, an opened item of each list tab, help, search, the capture
/// form, the profile form and the review: each drawn in Dutch.
fn every_dutch_screen() -> Vec<(String, String)> {
    let (_dir, mut app) = demo_app_in("nl");
    let mut out = Vec::new();
    for tab in Tab::ALL {
        update(&mut app, Action::GoTab(tab.index() as u8));
        shots(&app, &mut out, &format!("tab {}", tab.index()));
        update(&mut app, Action::Open);
        shots(&app, &mut out, &format!("opened in tab {}", tab.index()));
        update(&mut app, Action::Back);
        update(&mut app, Action::Help);
        shots(&app, &mut out, &format!("help on tab {}", tab.index()));
        update(&mut app, Action::Cancel);
        update(&mut app, Action::Back);
    }
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    update(&mut app, Action::Search);
    for c in "tmux".chars() {
        update(&mut app, Action::Type(c));
    }
    shots(&app, &mut out, "search");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Capture);
    shots(&app, &mut out, "capture form");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    update(&mut app, Action::EditProfile);
    shots(&app, &mut out, "profile form");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Review);
    shots(&app, &mut out, "review");
    out
}

/// All the text of the demo's items (colleagues' posts, the bundled
/// English lessons): content may be English, the interface may not.
fn content() -> String {
    use leertuin::store::{ListQuery, Store};
    let (dir, _app) = demo_app_in("nl");
    let store = tui_support::other_process(&dir);
    let items = store
        .list(
            &ListQuery {
                limit: 10_000,
                ..ListQuery::default()
            },
            tui_support::ME,
        )
        .expect("list");
    let mut all = String::new();
    for item in items {
        all.push_str(&serde_json::to_string(&item).expect("json"));
    }
    all
}

#[test]
fn no_english_catalogue_text_on_any_dutch_screen() {
    let content = content();
    let pieces: BTreeSet<String> = english_pieces()
        .into_iter()
        .filter(|p| !content.contains(p.as_str()))
        .collect();
    assert!(pieces.len() > 100, "too few pieces to mean anything");
    let mut found = Vec::new();
    for (what, screen) in every_dutch_screen() {
        // A screen wraps text: compare with its rows joined by spaces too.
        let flat = screen.replace('\n', " ");
        for piece in &pieces {
            if screen.contains(piece.as_str()) || flat.contains(piece.as_str()) {
                found.push(format!("{what}: {piece:?}\n{screen}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English in the Dutch pane:\n{}",
        found.join("\n\n")
    );
}

/// Draw calls whose text is a string literal with a word in it: every text
/// a person reads must come from the catalogue (`t!`), so these are bugs.
#[test]
fn no_code_draws_a_hard_coded_word() {
    let mut files = Vec::new();
    for dir in ["src/tui", "src/kiosk"] {
        rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    }
    let calls = [
        "Span::raw(\"",
        "Span::styled(\"",
        "Line::from(\"",
        "Line::raw(\"",
        "Line::styled(\"",
        "Paragraph::new(\"",
        ".title(\"",
        "say(\"",
    ];
    let mut found = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path).expect("source");
        // Only the code, not its tests.
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            for call in calls {
                let Some(at) = line.find(call) else { continue };
                let literal = line[at + call.len()..].split('"').next().unwrap_or("");
                let has_word = literal
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w.chars().count() >= 2);
                if has_word {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "hard-coded words on screen:\n{}",
        found.join("\n")
    );
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
