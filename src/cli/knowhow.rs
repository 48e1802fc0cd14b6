//! `leertuin knowhow import tldr|navi|faq`: know-how from elsewhere, in
//! one transaction per import. Files that do not parse are named with
//! their line and left out; the rest is imported (exit code 2 then, as
//! `lessons import` does).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{CliError, CliResult, Context};
use crate::domain::reference::{Counts, RefReport, Scope, Source};
use crate::domain::text::one_line;
use crate::knowhow::tree::{self, Choice};
use crate::knowhow::{Fault, Found, PageError, faq, navi};
use crate::safe_read;

#[derive(Debug, Subcommand)]
pub enum KnowhowCommand {
    /// Bring know-how in: tldr pages, navi cheatsheets, a team's FAQ. Safe
    /// to repeat: changed items are updated, removed ones removed.
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A tldr-pages tree: a git clone, or a tldr client's cache (found by
    /// itself when no PATH is given).
    Tldr(TldrArgs),
    /// navi cheatsheets (*.cheat files, or folders of them).
    Navi(NaviArgs),
    /// A team's FAQ: a CSV file (question and answer columns) or markdown
    /// (a `## Question` heading per entry, the answer below it).
    Faq(FileArgs),
}

#[derive(Debug, Args)]
pub struct TldrArgs {
    /// The tree's folder (holding pages/, pages.nl/, …).
    pub path: Option<PathBuf>,
    /// Languages to import, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "en,nl")]
    pub lang: Vec<String>,
    /// Platforms to import, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "common,linux")]
    pub platform: Vec<String>,
}

/// navi files say nothing of their language, and nearly all are written
/// in English: they are stored as English unless `--lang` says otherwise,
/// whatever language the person who imports them reads.
#[derive(Debug, Args)]
pub struct NaviArgs {
    /// The files (or folders of them).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The language they are written in.
    #[arg(long, default_value = "en")]
    pub lang: String,
}

#[derive(Debug, Args)]
pub struct FileArgs {
    /// The files (or folders of them).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The language they are written in (default: yours).
    #[arg(long)]
    pub lang: Option<String>,
}

pub fn run(ctx: &Context, command: KnowhowCommand) -> CliResult {
    let KnowhowCommand::Import(what) = command;
    match what {
        ImportCommand::Tldr(a) => tldr(ctx, a),
        ImportCommand::Navi(a) => files(
            ctx,
            Source::Navi,
            FileArgs {
                paths: a.paths,
                lang: Some(a.lang),
            },
        ),
        ImportCommand::Faq(a) => files(ctx, Source::Faq, a),
    }
}

fn tldr(ctx: &Context, a: TldrArgs) -> CliResult {
    let choice = Choice {
        langs: clean_list(&a.lang),
        platforms: clean_list(&a.platform),
    };
    let found_tree = match &a.path {
        Some(path) => {
            if let Err(e) = std::fs::metadata(path) {
                return Err(CliError::usage(format!(
                    "{}: {}",
                    one_line(&path.display().to_string()),
                    crate::i18n::io_error(&e)
                )));
            }
            tree::find(path).ok_or_else(|| {
                CliError::usage(t!(
                    "knowhow.no-tree",
                    path = one_line(&path.display().to_string())
                ))
            })?
        }
        None => {
            let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
            let places = tree::cache_folders(&env);
            places.iter().find_map(|p| tree::find(p)).ok_or_else(|| {
                let looked: Vec<String> = places.iter().map(|p| p.display().to_string()).collect();
                CliError::usage(t!("knowhow.no-cache", places = looked.join(", ")))
            })?
        }
    };
    let found = found_tree.read(&choice);
    let mut scope = found_tree.scope(&choice);
    scope.keep = skipped_keys(&found, |e| tldr_key(&found_tree, e));
    finish(ctx, Source::Tldr, &scope, found)
}

/// `(lang, page)` of a tldr page that failed: `pages.nl/common/x.md` →
/// `("nl", "common/x")`.
fn tldr_key(t: &tree::Tree, e: &PageError) -> Option<(String, String)> {
    let (lang, dir) = t.langs.iter().find(|(_, d)| e.path.starts_with(d))?;
    let rel = e.path.strip_prefix(dir).ok()?.to_str()?;
    Some((lang.clone(), rel.strip_suffix(".md")?.to_string()))
}

fn skipped_keys(
    found: &Found,
    key: impl Fn(&PageError) -> Option<(String, String)>,
) -> Vec<(String, String)> {
    found.errors.iter().filter_map(key).collect()
}

/// navi and FAQ files: each file its own page, keyed by its name.
fn files(ctx: &Context, source: Source, a: FileArgs) -> CliResult {
    let lang = a
        .lang
        .clone()
        .unwrap_or_else(|| crate::i18n::lang().to_string());
    let ext: &[&str] = match source {
        Source::Navi => &["cheat"],
        _ => &["csv", "md"],
    };
    let mut paths = Vec::new();
    for path in &a.paths {
        collect(path, ext, &mut paths, 0)?;
    }
    let mut found = Found::default();
    let mut pages = Vec::new();
    let mut keep = Vec::new();
    for path in &paths {
        let page = page_name(path);
        pages.push(page.clone());
        let text = match safe_read::regular_text(path, crate::knowhow::MAX_FILE_BYTES) {
            Ok(text) => text,
            Err(e) => {
                found.errors.push(PageError {
                    path: path.clone(),
                    line: 1,
                    fault: Fault::Read(tree::read_reason(e)),
                });
                keep.push((lang.clone(), page));
                continue;
            }
        };
        let revision = tree::file_date(path);
        match source {
            Source::Navi => match navi::items(path, &text, &page, &lang, &revision) {
                Ok(items) => found.add(path, 1, items),
                Err(e) => {
                    found.errors.push(e);
                    keep.push((lang.clone(), page));
                }
            },
            _ => match faq::items(path, &text, &page, &lang, &revision) {
                Ok((items, faults)) => {
                    for (line, item) in items {
                        found.add(path, line, vec![item]);
                    }
                    found.errors.extend(faults);
                }
                Err(e) => {
                    found.errors.push(e);
                    keep.push((lang.clone(), page));
                }
            },
        }
    }
    // An import speaks for the files it was given: entries they no longer
    // have are removed, other files' entries stay.
    let scope = Scope {
        source: Some(source),
        langs: vec![lang.clone()],
        pages,
        keep,
    };
    finish(ctx, source, &scope, found)
}

/// The page key of a navi or FAQ file: its file name.
fn page_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Folders deeper than this are not entered: a bound on any link maze.
const MAX_DEPTH: usize = 8;

fn collect(path: &Path, ext: &[&str], out: &mut Vec<PathBuf>, depth: usize) -> CliResult {
    let meta = std::fs::metadata(path).map_err(|e| {
        CliError::usage(format!(
            "{}: {}",
            one_line(&path.display().to_string()),
            crate::i18n::io_error(&e)
        ))
    })?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| CliError::usage(crate::i18n::io_error(&e)))?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, ext, out, depth + 1)?;
        } else if entry
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ext.iter().any(|x| e.eq_ignore_ascii_case(x)))
        {
            out.push(entry);
        }
    }
    Ok(())
}

fn finish(ctx: &Context, source: Source, scope: &Scope, found: Found) -> CliResult {
    for e in &found.errors {
        eprintln!("{}", error_line(e));
    }
    let report = ctx.open()?.import_reference(scope, &found.items)?;
    print_report(source, &report);
    let broken = found.errors.len();
    if broken > 0 {
        return Err(CliError::usage(t!("knowhow.skipped", n = broken)));
    }
    Ok(())
}

fn print_report(source: Source, report: &RefReport) {
    if report.is_empty() {
        println!("{}", t!("knowhow.none", source = source.shown()));
    }
    for (lang, c) in report {
        let Counts {
            added,
            changed,
            removed,
            unchanged,
        } = *c;
        println!(
            "{}",
            t!(
                "knowhow.report",
                source = source.shown(),
                lang = lang,
                added = added,
                changed = changed,
                removed = removed,
                unchanged = unchanged
            )
        );
    }
}

/// `path:line: reason`, one line, in the person's language.
pub fn error_line(e: &PageError) -> String {
    let reason = match &e.fault {
        Fault::NoTitle => t!("knowhow.fault.no-title").into_owned(),
        Fault::NoCommand => t!("knowhow.fault.no-command").into_owned(),
        Fault::NoDescription => t!("knowhow.fault.no-description").into_owned(),
        Fault::Unclosed => t!("knowhow.fault.unclosed").into_owned(),
        Fault::Unexpected => t!("knowhow.fault.unexpected").into_owned(),
        Fault::NoExamples => t!("knowhow.fault.no-examples").into_owned(),
        Fault::NoBlock => t!("knowhow.fault.no-block").into_owned(),
        Fault::NoQuestions => t!("knowhow.fault.no-questions").into_owned(),
        Fault::NoAnswer => t!("knowhow.fault.no-answer").into_owned(),
        Fault::NoColumns => t!("knowhow.fault.no-columns").into_owned(),
        Fault::BadCsv(d) => t!("knowhow.fault.bad-csv", detail = d).into_owned(),
        Fault::Read(r) => r.clone(),
        Fault::Invalid(v) => crate::i18n::invalid(v),
    };
    format!(
        "{}:{}: {}",
        one_line(&e.path.display().to_string()),
        e.line,
        one_line(&reason)
    )
}

/// `--lang nl,,en ` → `["nl", "en"]` (as written: tldr has `pt_BR`).
fn clean_list(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let v = v.trim().to_string();
        if !v.is_empty() && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}
