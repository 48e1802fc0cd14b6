//! navi cheatsheets (`*.cheat`): `% tags` open a block, `# description`
//! lines name the command lines under them, `$ name: command` lines say
//! where a `<name>` variable's values come from, `;` lines are comments.
//! Each command becomes one reference tip: its description, the command,
//! and the `$` lines of the variables it uses, kept as text.

use std::path::Path;

use super::{Fault, PageError};
use crate::domain::reference::{RefItem, Reference, Source, tag_for};

/// One command of a cheatsheet, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The line the description (or the command) is on, from 1.
    pub line: usize,
    pub tags: Vec<String>,
    pub description: String,
    pub command: String,
    /// The `$` lines of the variables the command uses.
    pub variables: Vec<String>,
}

/// Reads a cheatsheet's entries; a command line outside any block is a
/// fault, reported at its line.
pub fn parse(text: &str) -> Result<Vec<Entry>, (usize, Fault)> {
    let mut entries: Vec<Entry> = Vec::new();
    // The block's entries start here; its `$` lines apply to them all.
    let mut block_start = 0;
    let mut block_vars: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut in_block = false;
    let mut description: Option<(usize, String)> = None;
    // The entry being written: commands may span lines.
    let mut open = false;
    let close_block = |entries: &mut Vec<Entry>, start: usize, vars: &mut Vec<String>| {
        for e in &mut entries[start..] {
            e.variables = vars
                .iter()
                .filter(|v| uses(&e.command, v))
                .cloned()
                .collect();
        }
        vars.clear();
    };
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        if let Some(rest) = line.strip_prefix('%') {
            close_block(&mut entries, block_start, &mut block_vars);
            block_start = entries.len();
            tags = rest
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
            in_block = true;
            description = None;
            open = false;
        } else if let Some(rest) = line.strip_prefix('#') {
            description = Some((n, rest.trim().to_string()));
            open = false;
        } else if line.starts_with('$') {
            block_vars.push(line.to_string());
            open = false;
        } else if line.starts_with(';') || line.starts_with('@') {
            // A comment, or a block extending another: nothing to show.
        } else if open && let Some(last) = entries.last_mut() {
            last.command.push('\n');
            last.command.push_str(line);
        } else {
            if !in_block && description.is_none() {
                return Err((n, Fault::NoBlock));
            }
            let (at, desc) = description.take().unwrap_or((n, String::new()));
            entries.push(Entry {
                line: at,
                tags: tags.clone(),
                description: desc,
                command: line.to_string(),
                variables: Vec::new(),
            });
            open = true;
        }
    }
    close_block(&mut entries, block_start, &mut block_vars);
    Ok(entries)
}

/// True when `command` uses the variable a `$ name: …` line defines.
fn uses(command: &str, var_line: &str) -> bool {
    let name = var_line
        .trim_start_matches('$')
        .split(':')
        .next()
        .unwrap_or("")
        .trim();
    !name.is_empty() && command.contains(&format!("<{name}>"))
}

/// A cheatsheet's entries as reference tips, keyed by the file's name and
/// the entry's place in it. The context is the program the command runs.
pub fn items(
    path: &Path,
    text: &str,
    page: &str,
    lang: &str,
    revision: &str,
) -> Result<Vec<RefItem>, PageError> {
    let entries = parse(text).map_err(|(line, fault)| PageError {
        path: path.to_path_buf(),
        line,
        fault,
    })?;
    Ok(entries
        .iter()
        .enumerate()
        .map(|(i, e)| item(e, i, page, lang, revision))
        .collect())
}

fn item(e: &Entry, i: usize, page: &str, lang: &str, revision: &str) -> RefItem {
    let program = e
        .command
        .split_whitespace()
        .find(|w| !matches!(*w, "sudo" | "doas" | "env"))
        .map(str::to_lowercase);
    let mut tags: Vec<String> = Vec::new();
    for tag in e
        .tags
        .iter()
        .filter_map(|t| tag_for(t))
        .chain(program.as_deref().and_then(tag_for))
        .take(10)
    {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let mut text = String::new();
    if !e.description.is_empty() {
        text.push_str(&e.description);
        text.push('\n');
    }
    text.push_str(&e.command);
    for v in &e.variables {
        text.push('\n');
        text.push_str(v);
    }
    RefItem {
        reference: Reference {
            source: Source::Navi,
            lang: lang.to_string(),
            page: page.to_string(),
            example: i as u32 + 1,
            revision: revision.to_string(),
            attribution: String::new(),
        },
        text,
        answer: None,
        tags,
        context: program,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIT: &str = "% git, code\n\n# Change branch\ngit checkout <branch>\n\n; a comment\n# Show a file at a commit\ngit show <commit>:<file>\n\n$ branch: git branch | awk '{print $NF}'\n$ commit: git log --format=%h\n\n% docker\n\n# Run a shell in a container\ndocker exec -it <id> \\\n  sh\n";

    #[test]
    fn commands_keep_their_description_tags_and_variables() {
        let entries = parse(GIT).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].description, "Change branch");
        assert_eq!(entries[0].tags, vec!["git", "code"]);
        assert_eq!(
            entries[0].variables,
            vec!["$ branch: git branch | awk '{print $NF}'"]
        );
        assert_eq!(entries[1].variables, vec!["$ commit: git log --format=%h"]);
        assert_eq!(entries[2].command, "docker exec -it <id> \\\n  sh");
        assert!(entries[2].variables.is_empty());
        let tip = item(&entries[0], 0, "git.cheat", "en", "2025-01-01");
        assert_eq!(
            tip.text,
            "Change branch\ngit checkout <branch>\n$ branch: git branch | awk '{print $NF}'"
        );
        assert_eq!(tip.context.as_deref(), Some("git"));
        assert_eq!(tip.tags, vec!["git", "code"]);
    }

    #[test]
    fn a_command_outside_a_block_is_named_by_line() {
        assert_eq!(parse("\nls -la\n").unwrap_err(), (2, Fault::NoBlock));
    }
}
