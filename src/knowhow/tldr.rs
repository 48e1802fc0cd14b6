//! tldr pages: one markdown file per command, in `pages/` (English; also
//! `pages.en/` in newer caches) and `pages.LANG/` (translations), each with
//! one folder per platform (`common`, `linux`, `osx`, …).
//!
//! A page is a `# title` line, `> ` summary lines, then examples: a
//! `- description:` line and a `` `command` `` line. Each example becomes one
//! reference tip: the description and the command, rendered the way tldr
//! clients show them (see [`render_command`] and [`render_description`]).

use std::path::Path;

use super::{Fault, PageError};
use crate::domain::reference::{RefItem, Reference, Source, TLDR_ATTRIBUTION, tag_for};

/// The language of a `pages*` folder: `pages` is English.
pub fn folder_lang(name: &str) -> Option<String> {
    match name {
        "pages" => Some("en".into()),
        _ => name
            .strip_prefix("pages.")
            .filter(|l| !l.is_empty())
            .map(str::to_string),
    }
}

/// One example of a page, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub description: String,
    pub command: String,
}

/// A parsed page: its title and examples.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub title: String,
    pub examples: Vec<Example>,
}

/// Parses one page; the first fault is reported with its line (from 1).
pub fn parse(text: &str) -> Result<Page, (usize, Fault)> {
    let mut title: Option<String> = None;
    let mut examples = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if title.is_none() {
            // Older pages may have `=====` under the title; the spec wants `#`.
            match line.strip_prefix("# ") {
                Some(t) if !t.trim().is_empty() => {
                    title = Some(t.trim().to_string());
                    continue;
                }
                _ => return Err((n, Fault::NoTitle)),
            }
        }
        if line.starts_with('>') {
            continue;
        }
        if let Some(desc) = line.strip_prefix("- ") {
            if let Some((at, _)) = pending {
                return Err((at, Fault::NoCommand));
            }
            pending = Some((n, desc.trim().to_string()));
            continue;
        }
        if line.starts_with('`') {
            let Some((_, description)) = pending.take() else {
                return Err((n, Fault::NoDescription));
            };
            let command = line
                .strip_prefix('`')
                .and_then(|l| l.strip_suffix('`'))
                .filter(|c| !c.trim().is_empty())
                .ok_or((n, Fault::Unclosed))?;
            examples.push(Example {
                description,
                command: command.to_string(),
            });
            continue;
        }
        return Err((n, Fault::Unexpected));
    }
    if let Some((at, _)) = pending {
        return Err((at, Fault::NoCommand));
    }
    let title = title.ok_or((1, Fault::NoTitle))?;
    if examples.is_empty() {
        return Err((1, Fault::NoExamples));
    }
    Ok(Page { title, examples })
}

/// Escapes as written on a page, and what they show: literal braces, in
/// commands and descriptions alike.
const BRACES: [(&str, &str); 2] = [("\\{\\{", "{{"), ("\\}\\}", "}}")];
/// A description's escapes: braces, and brackets that are no mnemonic.
const DESCRIPTION_ESCAPES: [(&str, &str); 4] = [BRACES[0], BRACES[1], ("\\[", "["), ("\\]", "]")];

/// The escape of `escapes` that `rest` starts with: what it shows, and the
/// text after it.
fn unescape<'a>(
    rest: &'a str,
    escapes: &[(&str, &'static str)],
) -> Option<(&'static str, &'a str)> {
    escapes
        .iter()
        .find_map(|&(written, shown)| rest.strip_prefix(written).map(|tail| (shown, tail)))
}

/// A command as tldr clients show it: `{{path/to/file}}` placeholders
/// without their braces (clients colour them instead), an option
/// placeholder `{{[-o|--output]}}` in its long form, `\{\{` as `{{`.
pub fn render_command(command: &str) -> String {
    let mut out = String::with_capacity(command.len());
    let mut rest = command;
    while !rest.is_empty() {
        if let Some((shown, tail)) = unescape(rest, &BRACES) {
            out.push_str(shown);
            rest = tail;
        } else if let Some(tail) = rest.strip_prefix("{{") {
            match tail.find("}}") {
                Some(end) => {
                    // `}}}` closes after the first `}`: `{{a}}}` is `a}`.
                    let mut end = end;
                    while tail[end + 2..].starts_with('}') {
                        end += 1;
                    }
                    out.push_str(&placeholder(&tail[..end]));
                    rest = &tail[end + 2..];
                }
                None => {
                    out.push_str("{{");
                    rest = tail;
                }
            }
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The text of one placeholder. A short and a long form of one thing,
/// `[-o|--output]` or a subcommand's `[a|address]`, gives the long form,
/// as the official client does by default (it has a switch for the short
/// one); any other placeholder (`up|down`, `[a|b|c]`) its text.
fn placeholder(inner: &str) -> String {
    if let Some(forms) = inner.strip_prefix('[').and_then(|s| s.strip_suffix(']'))
        && let Some((short, long)) = forms.split_once('|')
        && !short.is_empty()
        && !long.is_empty()
        && !long.contains('|')
    {
        return long.to_string();
    }
    inner.to_string()
}

/// A description as tldr clients show it: mnemonics such as `[c]reate` or
/// `[v]erbose` lose their brackets, `\[` and `\]` are plain brackets, an
/// escaped placeholder `\{\{…\}\}` is plain braces (as in a command), and
/// the colon that introduces the command is kept.
pub fn render_description(description: &str) -> String {
    let mut out = String::with_capacity(description.len());
    let mut rest = description;
    while !rest.is_empty() {
        if let Some((shown, tail)) = unescape(rest, &DESCRIPTION_ESCAPES) {
            out.push_str(shown);
            rest = tail;
        } else if let Some(tail) = rest.strip_prefix('[')
            && let Some(end) = tail.find(']')
            && end > 0
            && !tail[..end].contains([' ', '|', '['])
        {
            out.push_str(&tail[..end]);
            rest = &tail[end + 1..];
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Turns a parsed page into reference tips: one per example, keyed by
/// `platform/name` (the file's name without `.md`) and its place on the
/// page. The context is the program (the title's first word, as a pane
/// beside it names it); the tags are the page's and the program's.
pub fn items(page: &Page, platform: &str, name: &str, lang: &str, revision: &str) -> Vec<RefItem> {
    let program = page
        .title
        .split_whitespace()
        .next()
        .unwrap_or(name)
        .to_lowercase();
    let mut tags: Vec<String> = Vec::new();
    for tag in [tag_for(name), tag_for(&program)].into_iter().flatten() {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    page.examples
        .iter()
        .enumerate()
        .map(|(i, e)| RefItem {
            reference: Reference {
                source: Source::Tldr,
                lang: lang.to_string(),
                page: format!("{platform}/{name}"),
                example: i as u32 + 1,
                revision: revision.to_string(),
                attribution: TLDR_ATTRIBUTION.to_string(),
            },
            text: format!(
                "{}\n{}",
                render_description(&e.description),
                render_command(&e.command)
            ),
            answer: None,
            tags: tags.clone(),
            context: Some(program.clone()),
        })
        .collect()
}

/// Parses the page at `path`, naming the file in a fault.
pub fn read_page(path: &Path, text: &str) -> Result<Page, PageError> {
    parse(text).map_err(|(line, fault)| PageError {
        path: path.to_path_buf(),
        line,
        fault,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAR: &str = "# tar\n\n> Archiving utility.\n> More information: <https://example.org/tar>.\n\n- [c]reate an archive from files:\n\n`tar cf {{path/to/target.tar}} {{path/to/file1 path/to/file2 ...}}`\n\n- E[x]tract an archive [v]erbosely:\n\n`tar {{[-x|--extract]}} -v -f {{source.tar}}`\n";

    #[test]
    fn a_page_gives_its_examples() {
        let page = parse(TAR).unwrap();
        assert_eq!(page.title, "tar");
        assert_eq!(page.examples.len(), 2);
        let items = items(&page, "common", "tar", "en", "abc");
        assert_eq!(
            items[0].text,
            "create an archive from files:\ntar cf path/to/target.tar path/to/file1 path/to/file2 ..."
        );
        assert_eq!(
            items[1].text,
            "Extract an archive verbosely:\ntar --extract -v -f source.tar"
        );
        assert_eq!(items[1].reference.page, "common/tar");
        assert_eq!(items[1].reference.example, 2);
        assert_eq!(items[0].context.as_deref(), Some("tar"));
    }

    #[test]
    fn escapes_and_odd_brackets_stay_text() {
        assert_eq!(render_command("echo \\{\\{x\\}\\}"), "echo {{x}}");
        assert_eq!(render_command("awk '{{print $1}}}'"), "awk 'print $1}'");
        assert_eq!(render_command("a {{unclosed"), "a {{unclosed");
        assert_eq!(render_description("Use \\[brackets\\]"), "Use [brackets]");
        assert_eq!(
            render_description("A [list of] things []"),
            "A [list of] things []"
        );
    }

    #[test]
    fn a_subcommand_with_a_short_form_shows_its_long_form() {
        assert_eq!(render_command("ip {{[a|address]}}"), "ip address");
        assert_eq!(
            render_command("sudo ip {{[l|link]}} {{[s|set]}} {{ethN}} {{up|down}}"),
            "sudo ip link set ethN up|down"
        );
        assert_eq!(
            render_command("ip {{[-br a|-brief address]}}"),
            "ip -brief address"
        );
        assert_eq!(render_command("tar {{[-x|--extract]}}"), "tar --extract");
    }

    #[test]
    fn placeholders_that_are_no_pair_of_forms_keep_their_text() {
        assert_eq!(render_command("x {{[a|b|c]}}"), "x [a|b|c]");
        assert_eq!(render_command("x {{[|all]}}"), "x [|all]");
        assert_eq!(render_command("x {{[a]}}"), "x [a]");
        assert_eq!(render_command("x {{[a|b]c}}"), "x [a|b]c");
    }

    #[test]
    fn the_client_specifications_examples_render_as_it_says() {
        assert_eq!(render_command("ping {{example.com}}"), "ping example.com");
        assert_eq!(
            render_command(
                "docker inspect --format '\\{\\{range.NetworkSettings.Networks\\}\\}\\{\\{.IPAddress\\}\\}\\{\\{end\\}\\}' {{container}}"
            ),
            "docker inspect --format '{{range.NetworkSettings.Networks}}{{.IPAddress}}{{end}}' container"
        );
        assert_eq!(
            render_command("mount \\\\{{computer_name}}\\{{share_name}} Z:"),
            "mount \\\\computer_name\\share_name Z:"
        );
        // Only both braces escaped is an escape: `\{` keeps its backslash.
        assert_eq!(render_command("echo \\{ \\{x}"), "echo \\{ \\{x}");
    }

    #[test]
    fn an_escaped_placeholder_in_a_description_loses_its_backslashes() {
        assert_eq!(
            render_description("Print the \\{\\{name\\}\\} field:"),
            "Print the {{name}} field:"
        );
        assert_eq!(
            render_description("Match \\{ alone and \\{x}:"),
            "Match \\{ alone and \\{x}:"
        );
    }

    #[test]
    fn faults_name_their_line() {
        assert_eq!(parse("tar\n").unwrap_err(), (1, Fault::NoTitle));
        assert_eq!(
            parse("# tar\n\n- Create:\n\n- Extract:\n\n`tar x`\n").unwrap_err(),
            (3, Fault::NoCommand)
        );
        assert_eq!(
            parse("# tar\n\n`tar x`\n").unwrap_err(),
            (3, Fault::NoDescription)
        );
        assert_eq!(
            parse("# tar\n\n- Create:\n`tar x\n").unwrap_err(),
            (4, Fault::Unclosed)
        );
        assert_eq!(
            parse("# tar\n\n> Only a summary.\n").unwrap_err(),
            (1, Fault::NoExamples)
        );
    }
}
