//! `leertuin lessons import PATH…`

use std::collections::HashSet;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{CliError, CliResult, Context};
use crate::domain::lesson::{self, LessonFile};
use crate::domain::{Brought, ItemId, Write, text};
use crate::safe_read;

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
        /// Replace the reflection you gave before (without it, a second,
        /// different reflection is refused and the first one kept).
        #[arg(long)]
        replace: bool,
    },
}

pub fn run(ctx: &Context, command: LessonsCommand) -> CliResult {
    match command {
        LessonsCommand::Import { paths } => import(ctx, &paths),
        LessonsCommand::Done {
            lesson,
            reflection,
            brought,
            replace,
        } => {
            let id: ItemId = lesson.parse()?;
            let brought = brought.as_deref().and_then(Brought::from_name);
            // A reflection is the person's own words: a second one does not
            // silently overwrite the first. (Read from the database as it
            // is: a missing one has no reflection yet.)
            if let Some(new) = reflection.as_deref().map(text::one_line)
                && !replace
                && let Ok(store) = ctx.read()
                && let Some(old) = store
                    .lessons_done(&ctx.user)?
                    .into_iter()
                    .find(|d| d.lesson == id)
                    .and_then(|d| d.reflection)
                && old != new
            {
                return Err(CliError::usage(t!(
                    "lessons.has-reflection",
                    id = id,
                    old = old
                )));
            }
            let write = Write::MarkDone {
                lesson: id,
                person: ctx.user.clone(),
                reflection,
                brought,
            };
            if super::sync::write(ctx, &write)?.is_some() {
                println!("{}", t!("lessons.done", id = id));
            }
            Ok(())
        }
    }
}

fn import(ctx: &Context, paths: &[PathBuf]) -> CliResult {
    let mut found = Found::default();
    for path in paths {
        found.collect(path, 0)?;
    }
    let mut good: Vec<LessonFile> = Vec::new();
    let mut broken = found.skipped.len();
    for e in &found.skipped {
        eprintln!("{}", crate::i18n::lesson_error(e));
    }
    for file in &found.files {
        let name = file.display().to_string();
        let failed = |reason: String| lesson::LessonError {
            file: name.clone(),
            line: 1,
            reason: lesson::Fault::Said(reason),
        };
        let parsed = safe_read::regular_text(file, lesson::MAX_LESSON_BYTES)
            .map_err(|e| failed(read_error(e)))
            .and_then(|text| lesson::parse(&name, &text));
        match parsed {
            Ok(l) => good.push(l),
            Err(e) => {
                eprintln!("{}", crate::i18n::lesson_error(&e));
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

fn read_error(e: safe_read::ReadError) -> String {
    match e {
        safe_read::ReadError::NotRegular => t!("lessons.not-regular").into_owned(),
        safe_read::ReadError::TooBig(max) => t!("lessons.too-big", kib = max / 1024).into_owned(),
        safe_read::ReadError::Io(e) => e.to_string(),
    }
}

/// Folders deeper than this are not entered: a bound on any link maze.
const MAX_DEPTH: usize = 16;

/// The lesson files found under the paths given, and what was passed over.
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    skipped: Vec<lesson::LessonError>,
    /// Folders already read, by device and inode: two links to `.` (or any
    /// loop of links) are entered once.
    seen: HashSet<(u64, u64)>,
}

impl Found {
    /// A file as given, or the `*.md` files of a folder (recursively, sorted).
    /// Links are followed; FIFOs, devices and sockets are skipped and named.
    fn collect(&mut self, path: &Path, depth: usize) -> CliResult {
        let shown = || text::one_line(&path.display().to_string());
        let meta = std::fs::metadata(path)
            .map_err(|e| CliError::usage(format!("{}: {}", shown(), crate::i18n::io_error(&e))))?;
        if !meta.is_dir() {
            if meta.is_file() || depth == 0 {
                // A FIFO or device given by name is reported when it is read.
                self.files.push(path.to_path_buf());
            } else {
                self.skip(path);
            }
            return Ok(());
        }
        if !self.seen.insert((meta.dev(), meta.ino())) || depth > MAX_DEPTH {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| CliError::usage(format!("{}: {}", shown(), crate::i18n::io_error(&e))))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            // A dangling link or an unreadable entry is no lesson: passed over.
            let Ok(meta) = std::fs::metadata(&entry) else {
                continue;
            };
            if meta.is_dir() {
                self.collect(&entry, depth + 1)?;
            } else if entry.extension().is_some_and(|e| e == "md") {
                if meta.is_file() {
                    self.files.push(entry);
                } else {
                    self.skip(&entry);
                }
            }
        }
        Ok(())
    }

    fn skip(&mut self, path: &Path) {
        self.skipped.push(lesson::LessonError {
            file: path.display().to_string(),
            line: 1,
            reason: lesson::Fault::Said(t!("lessons.not-regular").into_owned()),
        });
    }
}
