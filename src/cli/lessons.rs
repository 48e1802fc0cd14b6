//! `leertuin lessons import PATH…`

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{CliError, CliResult, Context};
use crate::domain::lesson::{self, LessonFile};
use crate::domain::{Brought, ItemId};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum LessonsCommand {
    /// Import lesson files or folders of them (*.md). Safe to repeat:
    /// unchanged lessons are left alone, changed ones are updated.
    Import {
        /// Lesson files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Mark a lesson done; its check cards become your review cards.
    Done {
        /// The lesson, e.g. l3.
        lesson: String,
        /// One line: what did this bring you?
        #[arg(long)]
        reflection: Option<String>,
        /// What it brought: work, life, connection or meaning.
        #[arg(long, value_parser = ["work", "life", "connection", "meaning"])]
        brought: Option<String>,
    },
}

pub fn run(ctx: &Context, command: LessonsCommand) -> CliResult {
    match command {
        LessonsCommand::Import { paths } => import(ctx, &paths),
        LessonsCommand::Done {
            lesson,
            reflection,
            brought,
        } => {
            let id: ItemId = lesson.parse()?;
            let brought = brought.as_deref().and_then(Brought::from_name);
            ctx.open()?
                .mark_done_with(&ctx.user, id, reflection.as_deref(), brought)?;
            println!("{}", t!("lessons.done", id = id));
            Ok(())
        }
    }
}

fn import(ctx: &Context, paths: &[PathBuf]) -> CliResult {
    let mut files = Vec::new();
    for path in paths {
        collect(path, &mut files)?;
    }
    let mut good: Vec<LessonFile> = Vec::new();
    let mut broken = 0;
    for file in &files {
        let name = file.display().to_string();
        let parsed = std::fs::read_to_string(file)
            .map_err(|e| lesson::LessonError {
                file: name.clone(),
                line: 1,
                reason: e.to_string(),
            })
            .and_then(|text| lesson::parse(&name, &text));
        match parsed {
            Ok(l) => good.push(l),
            Err(e) => {
                eprintln!("{e}");
                broken += 1;
            }
        }
    }
    let report = ctx.open()?.import_lessons(&good)?;
    let summary = t!(
        "lessons.imported",
        added = report.added,
        updated = report.updated,
        unchanged = report.unchanged,
        skipped = broken
    );
    println!("{summary}");
    if broken > 0 {
        return Err(CliError::usage(t!(
            "lessons.skipped",
            files = crate::i18n::plural(
                broken,
                t!("count.lesson-files.one"),
                t!("count.lesson-files.many", n = broken)
            )
        )));
    }
    Ok(())
}

/// A file as given, or the `*.md` files of a folder (recursively, sorted).
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> CliResult {
    let meta =
        std::fs::metadata(path).map_err(|e| CliError::usage(format!("{}: {e}", path.display())))?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| CliError::usage(format!("{}: {e}", path.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, out)?;
        } else if entry.extension().is_some_and(|e| e == "md") {
            out.push(entry);
        }
    }
    Ok(())
}
