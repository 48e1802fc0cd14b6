//! `leertuin doctor`: is the database healthy, and safe to share?

use clap::Args;

use super::{CliError, CliResult, Context};
use crate::store::{Store, filesystem_warning};

#[derive(Debug, Args)]
pub struct DoctorArgs {}

/// One report line: the label in the person's language, padded to a column.
fn line(label: &str, value: impl std::fmt::Display) {
    println!("{:<13} {value}", t!(label));
}

pub fn run(ctx: &Context, _a: DoctorArgs) -> CliResult {
    line("doctor.database", ctx.db.display());
    if !ctx.db.exists() {
        if let Some(w) = filesystem_warning(&ctx.db) {
            line("doctor.warning", w);
        }
        let path = ctx.db.display().to_string();
        return Err(CliError::failure(t!("doctor.missing", path = path)));
    }
    let h = ctx.open()?.health()?;
    line("doctor.size", t!("doctor.bytes", n = h.size_bytes));
    line(
        "doctor.permissions",
        format!("{} (uid {}, gid {})", h.mode, h.uid, h.gid),
    );
    line("doctor.journal", &h.journal_mode);
    let schema = t!(
        "doctor.schema-value",
        found = h.schema_version,
        known = h.known_version
    );
    line("doctor.schema", schema);
    line("doctor.integrity", &h.quick_check);
    match &h.filesystem_warning {
        Some(w) => line("doctor.warning", w),
        None => line("doctor.filesystem", t!("doctor.local")),
    }
    if h.is_ok() {
        println!("{}", t!("doctor.ok"));
        Ok(())
    } else {
        Err(CliError::failure(t!("doctor.attention")))
    }
}
