//! `leertuin export` and `leertuin import FILE`.

use std::io::Read;
use std::path::PathBuf;

use clap::Args;

use super::{CliError, CliResult, Context, print_json};
use crate::domain::{Backup, text};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// JSON output (the only format; accepted for symmetry with other commands).
    #[arg(long)]
    pub json: bool,
}

pub fn export(ctx: &Context, _a: ExportArgs) -> CliResult {
    print_json(&ctx.read()?.export()?)
}

#[derive(Debug, Args)]
#[command(
    after_help = "Restores into a database without content of its own:\n  leertuin export > backup.json\n  leertuin --db new.db import backup.json\nAdds to one that has content, item by item:\n  leertuin import --merge other-team.json"
)]
pub struct ImportArgs {
    /// A file written by `leertuin export`; `-` reads standard input.
    pub file: PathBuf,
    /// Add to a database that has content: each item that breaks a rule is
    /// reported and left out, the rest is added (exit code 2 if any was left out).
    #[arg(long)]
    pub merge: bool,
}

/// The largest backup `import` reads: far above a 1M-item export, and a
/// bound on what `/dev/zero` or a runaway pipe can cost.
pub const MAX_IMPORT_BYTES: u64 = 1 << 30;

pub fn import(ctx: &Context, a: ImportArgs) -> CliResult {
    // A file name is shown in messages: cleaned, so it cannot drive the terminal.
    let name = text::one_line(&a.file.display().to_string());
    let backup = if a.file.as_os_str() == "-" {
        read_backup(&name, std::io::stdin().lock())?
    } else {
        let file = open_regular_or_pipe(&a.file)
            .map_err(|e| CliError::usage(format!("{name}: {}", crate::i18n::io_error(&e))))?;
        read_backup(&name, file)?
    };
    if a.merge {
        let report = restore(ctx, &name, |store| store.merge(&backup))?;
        for (from, to) in &report.renumbered {
            println!("{}", t!("backup.renumbered", from = from, to = to));
        }
        for r in &report.rejected {
            eprintln!("{name}: {}", crate::i18n::rejected(r));
        }
        println!(
            "{}",
            t!(
                "backup.merged",
                added = report.added,
                already = report.already,
                rejected = report.rejected.len()
            )
        );
        if !backup.budgets.is_empty() {
            // Said, never silently dropped (README, "Wishes and budgets").
            eprintln!(
                "{}",
                t!(
                    "backup.budgets-not-merged",
                    wishes = backup.budgets.wishes.len(),
                    entries = backup.budgets.ledger.len()
                )
            );
        }
        if !report.rejected.is_empty() {
            return Err(CliError::usage(t!(
                "backup.rejected",
                n = report.rejected.len()
            )));
        }
        return Ok(());
    }
    restore(ctx, &name, |store| store.import(&backup))?;
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

/// Runs `fill` on the database: a missing one is made and filled before
/// it is linked into place, so a refused import leaves no file and no
/// folder behind (12.5: nothing half-written). What the backup `name` is
/// refused for is said with its name in front.
fn restore<T>(
    ctx: &Context,
    name: &str,
    fill: impl Fn(&dyn crate::store::Store) -> crate::store::Result<T>,
) -> CliResult<T> {
    ctx.check_identity()?;
    let refused = std::cell::Cell::new(false);
    let fill = |store: &dyn crate::store::Store| fill(store).inspect_err(|_| refused.set(true));
    let prefix = |e: crate::store::StoreError| {
        let e = CliError::from(e);
        if refused.get() { e.prefixed(name) } else { e }
    };
    if let Some(done) = crate::store::create_filled(&ctx.spec(), fill).map_err(prefix)? {
        return Ok(done);
    }
    let store = ctx.open()?;
    fill(store.as_ref()).map_err(prefix)
}

/// Opens `path` without ever blocking on it (a FIFO with no writer would),
/// and refuses files larger than the limit before reading a byte. Pipes and
/// devices (`<(…)`, `/dev/stdin`) are read up to the limit.
fn open_regular_or_pipe(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let file = crate::safe_read::open_nonblocking(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::other(t!("backup.is-folder").into_owned()));
    }
    if meta.is_file() && meta.len() > MAX_IMPORT_BYTES {
        return Err(std::io::Error::other(
            t!("backup.too-big", mib = MAX_IMPORT_BYTES >> 20).into_owned(),
        ));
    }
    crate::safe_read::set_blocking(&file)?;
    Ok(file)
}

/// Parses while reading, at most `MAX_IMPORT_BYTES`: endless or binary
/// input (`/dev/zero`) fails at its first byte or at the limit, never hangs.
fn read_backup(name: &str, input: impl Read) -> CliResult<Backup> {
    let mut limited = std::io::BufReader::new(input.take(MAX_IMPORT_BYTES + 1));
    let parsed = serde_json::from_reader::<_, Backup>(&mut limited);
    let read_all = limited.into_inner().limit() == 0;
    match parsed {
        _ if read_all => Err(CliError::usage(format!(
            "{name}: {}",
            t!("backup.too-big", mib = MAX_IMPORT_BYTES >> 20)
        ))),
        Ok(backup) => Ok(backup),
        Err(e) if e.is_io() => {
            use std::io::ErrorKind as K;
            let said = match e.io_error_kind() {
                Some(kind @ (K::NotFound | K::PermissionDenied)) => {
                    crate::i18n::io_error(&std::io::Error::from(kind))
                }
                _ => e.to_string(),
            };
            Err(CliError::usage(format!("{name}: {said}")))
        }
        // Where in the file; serde's own words only for a wrong value
        // (they name the field), cleaned, since they may quote the file.
        Err(e) => {
            let detail = match e.classify() {
                serde_json::error::Category::Data => {
                    let msg = e.to_string();
                    let msg = msg.split(" at line ").next().unwrap_or("");
                    format!(": {}", text::one_line(msg))
                }
                _ => String::new(),
            };
            Err(CliError::usage(format!(
                "{name}: {}{detail}",
                t!("backup.not-export", line = e.line(), column = e.column())
            )))
        }
    }
}
