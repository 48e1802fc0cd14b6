//! `leertuin export` and `leertuin import FILE`.

use std::io::Read;
use std::path::PathBuf;

use clap::Args;

use super::{CliError, CliResult, Context, print_json};
use crate::domain::Backup;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// JSON output (the only format; accepted for symmetry with other commands).
    #[arg(long)]
    pub json: bool,
}

pub fn export(ctx: &Context, _a: ExportArgs) -> CliResult {
    print_json(&ctx.open()?.export()?)
}

#[derive(Debug, Args)]
#[command(
    after_help = "Restores into a database without content of its own:\n  leertuin export > backup.json\n  leertuin --db new.db import backup.json"
)]
pub struct ImportArgs {
    /// A file written by `leertuin export`; `-` reads standard input.
    pub file: PathBuf,
}

pub fn import(ctx: &Context, a: ImportArgs) -> CliResult {
    let name = a.file.display().to_string();
    let mut text = String::new();
    let read = if name == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(&a.file).map(|t| text = t)
    };
    read.map_err(|e| CliError::usage(format!("{name}: {e}")))?;
    // Parse fully before opening the database: a bad file changes nothing.
    let backup: Backup = serde_json::from_str(&text)
        .map_err(|e| CliError::usage(format!("{name}: not a leertuin export: {e}")))?;
    ctx.open()?
        .import(&backup)
        .map_err(|e| CliError::from(e).prefixed(&name))?;
    let summary = t!(
        "backup.imported",
        persons = backup.persons.len(),
        lessons = backup.lessons.len(),
        questions = backup.questions.len(),
        tips = backup.tips.len(),
        learned = backup.learned.len()
    );
    println!("{summary}");
    Ok(())
}
