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
