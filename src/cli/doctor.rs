//! `leertuin doctor`: is the database healthy, and safe to share?

use clap::Args;

use super::{CliError, CliResult, Context};
use crate::store::{Store, filesystem_warning};

#[derive(Debug, Args)]
pub struct DoctorArgs {}

pub fn run(ctx: &Context, _a: DoctorArgs) -> CliResult {
    println!("database:     {}", ctx.db.display());
    if !ctx.db.exists() {
        if let Some(w) = filesystem_warning(&ctx.db) {
            println!("warning:      {w}");
        }
        return Err(CliError::failure(format!(
            "no database at {} yet; any command (or opening the pane) creates it",
            ctx.db.display()
        )));
    }
    let h = ctx.open()?.health()?;
    println!("size:         {} bytes", h.size_bytes);
    println!("permissions:  {} (uid {}, gid {})", h.mode, h.uid, h.gid);
    println!("journal mode: {}", h.journal_mode);
    println!(
        "schema:       version {} (this leertuin knows up to {})",
        h.schema_version, h.known_version
    );
    println!("integrity:    {}", h.quick_check);
    match &h.filesystem_warning {
        Some(w) => println!("warning:      {w}"),
        None => println!("filesystem:   local"),
    }
    if h.is_ok() {
        println!("all good");
        Ok(())
    } else {
        Err(CliError::failure(
            "the database needs attention (see above)",
        ))
    }
}
