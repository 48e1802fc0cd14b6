//! Finding and reading a tldr-pages tree: a git clone (`pages/`,
//! `pages.nl/`, …), or the cache a tldr client keeps (tealdeer's
//! `tldr-pages/pages.en/…`, the Python and Node clients' `pages/…`).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{Fault, Found, PageError, tldr};
use crate::domain::reference::{Scope, Source};
use crate::safe_read::{self, ReadError};

/// A tree of tldr pages: its folder per language.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub root: PathBuf,
    /// `(language, folder)`, sorted by language; `pages` and `pages.en`
    /// both count as English (the first found wins).
    pub langs: Vec<(String, PathBuf)>,
    /// The commit the tree was checked out at, when it is a git clone.
    pub commit: Option<String>,
}

/// Where tldr clients keep their pages, most specific first: tealdeer
/// (`$TEALDEER_CACHE_DIR`, else the cache folder), then the Python and
/// Node clients.
pub fn cache_folders(env: &dyn Fn(&str) -> Option<String>) -> Vec<PathBuf> {
    let home = env("HOME").map(PathBuf::from);
    let cache = env("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".cache")));
    let mut out = Vec::new();
    if let Some(dir) = env("TEALDEER_CACHE_DIR") {
        out.push(PathBuf::from(dir).join("tldr-pages"));
    }
    if let Some(cache) = &cache {
        out.push(cache.join("tealdeer").join("tldr-pages"));
        out.push(cache.join("tldr"));
    }
    if let Some(home) = &home {
        out.push(home.join(".tldr").join("cache"));
        out.push(home.join(".tldrc").join("tldr"));
    }
    out
}

/// The tree at `path`: the folder holding `pages*` folders, `path` itself
/// or one or two levels below it (a clone's parent, tealdeer's cache).
pub fn find(path: &Path) -> Option<Tree> {
    let mut todo = vec![(path.to_path_buf(), 0)];
    while let Some((dir, depth)) = todo.pop() {
        if let Some(tree) = at(&dir) {
            return Some(tree);
        }
        if depth < 2
            && let Ok(entries) = fs::read_dir(&dir)
        {
            let mut subs: Vec<PathBuf> = entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path())
                .collect();
            subs.sort();
            todo.extend(subs.into_iter().rev().map(|d| (d, depth + 1)));
        }
    }
    None
}

/// `dir` as a tree, when it has `pages*` folders; a `pages` folder named
/// itself is taken as its parent's.
fn at(dir: &Path) -> Option<Tree> {
    if dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(tldr::folder_lang)
        .is_some()
        && let Some(parent) = dir.parent()
    {
        return at(parent);
    }
    let mut langs: Vec<(String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(dir).ok()?.flatten() {
        let Some(lang) = entry.file_name().to_str().and_then(tldr::folder_lang) else {
            continue;
        };
        if entry.file_type().is_ok_and(|t| t.is_dir()) && !langs.iter().any(|(l, _)| *l == lang) {
            langs.push((lang, entry.path()));
        }
    }
    if langs.is_empty() {
        return None;
    }
    langs.sort();
    Some(Tree {
        root: dir.to_path_buf(),
        commit: git_commit(dir),
        langs,
    })
}

/// The commit a git clone at `root` has checked out (12 hex digits), read
/// from `.git` without running git.
fn git_commit(root: &Path) -> Option<String> {
    let git = root.join(".git");
    let head = fs::read_to_string(git.join("HEAD")).ok()?;
    let head = head.trim();
    let full = match head.strip_prefix("ref: ") {
        None => head.to_string(),
        Some(name) => match fs::read_to_string(git.join(name)) {
            Ok(id) => id.trim().to_string(),
            Err(_) => fs::read_to_string(git.join("packed-refs"))
                .ok()?
                .lines()
                .find_map(|l| l.strip_suffix(name).map(|id| id.trim().to_string()))?,
        },
    };
    (full.len() >= 12 && full.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| full[..12].to_string())
}

/// What to read of a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub langs: Vec<String>,
    pub platforms: Vec<String>,
}

impl Tree {
    /// The scope an import of `choice` speaks for: the chosen languages the
    /// tree has, and the chosen platforms. Pages of other languages and
    /// platforms stay as they are.
    pub fn scope(&self, choice: &Choice) -> Scope {
        Scope {
            source: Some(Source::Tldr),
            langs: self
                .langs
                .iter()
                .map(|(l, _)| l.clone())
                .filter(|l| choice.langs.contains(l))
                .collect(),
            pages: choice.platforms.iter().map(|p| format!("{p}/")).collect(),
            keep: Vec::new(),
        }
    }

    /// Reads every page of the chosen languages and platforms; a page that
    /// does not parse is reported and left out.
    pub fn read(&self, choice: &Choice) -> Found {
        let mut found = Found::default();
        for (lang, dir) in &self.langs {
            if !choice.langs.contains(lang) {
                continue;
            }
            for platform in &choice.platforms {
                let mut files: Vec<PathBuf> = match fs::read_dir(dir.join(platform)) {
                    Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
                    Err(_) => continue,
                };
                files.sort();
                for path in files {
                    let Some(name) = path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .and_then(|n| n.strip_suffix(".md"))
                    else {
                        continue;
                    };
                    let name = name.to_string();
                    self.read_one(&mut found, &path, platform, &name, lang);
                }
            }
        }
        found
    }

    fn read_one(&self, found: &mut Found, path: &Path, platform: &str, name: &str, lang: &str) {
        let failed = |fault: Fault| PageError {
            path: path.to_path_buf(),
            line: 1,
            fault,
        };
        let text = match safe_read::regular_text(path, super::MAX_FILE_BYTES) {
            Ok(text) => text,
            Err(e) => {
                found.errors.push(failed(Fault::Read(read_reason(e))));
                return;
            }
        };
        let page = match tldr::read_page(path, &text) {
            Ok(page) => page,
            Err(e) => {
                found.errors.push(e);
                return;
            }
        };
        let revision = match &self.commit {
            Some(commit) => commit.clone(),
            None => file_date(path),
        };
        let items = tldr::items(&page, platform, name, lang, &revision);
        found.add(path, 1, items);
    }
}

/// The day a file was last changed (`2025-03-01`), as a page's revision
/// when the tree is no git clone.
pub fn file_date(path: &Path) -> String {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .map(|t| DateTime::<Utc>::from(t).format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Why a file was not read, in words.
pub fn read_reason(e: ReadError) -> String {
    match e {
        ReadError::NotRegular => t!("knowhow.not-a-file").into_owned(),
        ReadError::TooBig(max) => t!("knowhow.too-big", max = max).into_owned(),
        ReadError::Io(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caches_are_looked_for_where_clients_keep_them() {
        let env = |k: &str| match k {
            "HOME" => Some("/home/ann".to_string()),
            _ => None,
        };
        let found = cache_folders(&env);
        assert_eq!(
            found[0],
            PathBuf::from("/home/ann/.cache/tealdeer/tldr-pages")
        );
        assert!(found.contains(&PathBuf::from("/home/ann/.cache/tldr")));
    }
}
