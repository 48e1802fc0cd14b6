//! The layers stay apart (DESIGN.md, STYLE.md): nothing in the pane, the
//! kiosk, the store or the domain uses the command line, and the store and
//! the domain know nothing of the terminal. Checked on the source, so a
//! new `use` that crosses a layer fails here, not in a review.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Code lines of `dir` (comments left out) that name one of `words`.
fn crossings(dir: &str, words: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir),
        &mut files,
    );
    assert!(!files.is_empty(), "no files in src/{dir}");
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if words.iter().any(|w| code.contains(w)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn nothing_below_the_command_line_uses_it() {
    for dir in ["tui", "kiosk", "store", "domain"] {
        let found = crossings(dir, &["crate::cli", "super::cli", "leertuin::cli"]);
        assert!(
            found.is_empty(),
            "src/{dir} uses cli/:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn the_store_and_the_domain_know_nothing_of_the_terminal() {
    for dir in ["store", "domain"] {
        let found = crossings(dir, &["crate::tui", "crate::kiosk", "ratatui", "crossterm"]);
        assert!(
            found.is_empty(),
            "src/{dir} knows the terminal:\n{}",
            found.join("\n")
        );
    }
}

/// Code lines of `file` (comments left out) in which `word` stands as a
/// whole word (`App`, not `Apply`).
fn names(file: &Path, word: &str) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("read");
    let whole = |code: &str| {
        code.match_indices(word).any(|(at, _)| {
            let before = code[..at].chars().next_back();
            let after = code[at + word.len()..].chars().next();
            let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !part(before) && !part(after)
        })
    };
    text.lines()
        .enumerate()
        .filter(|(_, line)| whole(line.split("//").next().unwrap_or("")))
        .map(|(n, line)| format!("{}:{}: {}", file.display(), n + 1, line.trim()))
        .collect()
}

/// The views draw the state they are handed (a `PaneView`, their own
/// state) and say their own hints: none of them knows the pane's `App`, so
/// a view can be drawn, and changed, without the whole pane.
#[test]
fn the_views_never_see_the_whole_pane() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/views"),
        &mut files,
    );
    let found: Vec<String> = files.iter().flat_map(|f| names(f, "App")).collect();
    assert!(
        found.is_empty(),
        "src/tui/views names App:\n{}",
        found.join("\n")
    );
}

/// `app.rs` holds the pane's state; what the pane does lives beside it and
/// uses it, never the other way round, so there is no circle of imports
/// between the state, `update`, the engine and the views, and the state
/// stays small enough to read.
#[test]
fn the_pane_state_uses_neither_update_nor_the_engine() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/app.rs");
    let found: Vec<String> = ["update", "engine", "dispatch", "pane_view"]
        .iter()
        .flat_map(|w| names(&app, w))
        .collect();
    assert!(
        found.is_empty(),
        "app.rs uses what uses it:\n{}",
        found.join("\n")
    );
    let lines = std::fs::read_to_string(&app).expect("read").lines().count();
    assert!(lines < 500, "app.rs has {lines} lines");
}

/// Every screen (pane, popup, kiosk) ends through one helper,
/// `event_loop::run_keeping`, which keeps a form's text as a draft even
/// when the loop fails: no runner keeps (or forgets to keep) it itself.
#[test]
fn only_the_event_loop_keeps_the_held_text_at_the_end() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let allowed = ["src/tui/event_loop.rs", "src/signals.rs"];
    let found: Vec<String> = files
        .iter()
        .filter(|f| !allowed.iter().any(|a| f.ends_with(a)))
        .flat_map(|f| names(f, "keep_held"))
        .collect();
    assert!(
        found.is_empty(),
        "keeps held text outside the event loop:\n{}",
        found.join("\n")
    );
    let loops: Vec<String> = files
        .iter()
        .flat_map(|f| names(f, "event_loop::run"))
        .collect();
    assert!(
        loops.is_empty(),
        "runs the loop without keeping the text:\n{}",
        loops.join("\n")
    );
}

/// The pane is drawn only as a `PaneView` (the pane's loop, the kiosk,
/// the tests): `App` is no widget, so nothing draws "the whole pane"
/// around the views, and the status line's state is its own.
#[test]
fn the_pane_is_drawn_only_through_its_view() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let found: Vec<String> = files
        .iter()
        .flat_map(|f| names(f, "Widget for &App"))
        .collect();
    assert!(
        found.is_empty(),
        "App drawn as a widget:\n{}",
        found.join("\n")
    );
    let mut kiosk = Vec::new();
    rust_files(&src.join("kiosk"), &mut kiosk);
    let drawn: Vec<String> = kiosk.iter().flat_map(|f| names(f, "pane_view")).collect();
    assert!(!drawn.is_empty(), "the kiosk draws the pane some other way");
    let app = src.join("tui/app.rs");
    let fields: Vec<String> = ["Option<Status>", "nudge:"]
        .iter()
        .flat_map(|w| names(&app, w))
        .collect();
    assert!(
        fields.is_empty(),
        "the status line's fields are back on App:\n{}",
        fields.join("\n")
    );
}
