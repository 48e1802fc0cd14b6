//! Writes from the command line go through the outbox: stored when the
//! database or team server takes them, else kept to be sent later
//! ([`crate::outbox`]). `leertuin sync` sends what waits now.

use clap::Args;

use super::{CliError, CliResult, Context, checked};
use crate::domain::{Done, Write};
use crate::outbox::{self, Failed, Outbox, Outcome};
use crate::store::StoreError;

/// Stores `write` for the person; `None` when it waits in the outbox
/// (said on stderr: "saved offline, will be sent"). A wait that passes by
/// itself (a busy database, a server that is away) is exit 0; one that
/// needs a person first (read-only, disk full, damage) is an error naming
/// the cause and the file the write waits in.
pub fn write(ctx: &Context, write: &Write) -> CliResult<Option<Done>> {
    ctx.check_identity()?;
    let spec = ctx.spec();
    let name = outbox::spec_name(&spec);
    let outbox = Outbox::user();
    let outcome = match checked::open(&spec) {
        Ok(store) => outbox::submit(outbox.as_ref(), &name, store.as_ref(), write),
        Err(e) => outbox::keep(outbox.as_ref(), &name, write, e),
    };
    // The store is closed (a checkpoint at the close is in the file): the
    // file as this write left it needs no whole check next time.
    if matches!(outcome, Ok(Outcome::Stored(_))) {
        checked::left(&spec);
    }
    match outcome {
        Ok(Outcome::Stored(done)) => Ok(Some(done)),
        Ok(Outcome::Queued { reason, path }) => {
            let why = crate::i18n::store_error(&reason);
            if reason.passes() {
                eprintln!("{}", t!("outbox.saved-offline", reason = why));
                Ok(None)
            } else {
                Err(CliError {
                    code: exit_code(&reason),
                    message: t!("outbox.kept", reason = why, path = path.display()).into_owned(),
                })
            }
        }
        Err(Failed::Refused(e)) => Err(e.into()),
        Err(Failed::Nowhere { reason, error }) => Err(CliError {
            code: exit_code(&reason),
            message: t!(
                "outbox.nowhere",
                reason = crate::i18n::store_error(&reason),
                error = error
            )
            .into_owned(),
        }),
    }
}

/// 2 when the person can fix the cause (a newer schema, an empty file),
/// 1 when the machine is in the way.
fn exit_code(e: &StoreError) -> u8 {
    if e.is_user_error() { 2 } else { 1 }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Writes that the database or team server could not take (busy, away) wait in\n$XDG_STATE_HOME/leertuin/outbox/ and are sent by the next write or the pane.\nExit 1 when some still wait."
)]
pub struct SyncArgs {}

/// `leertuin sync`: sends every write of the person waiting for this
/// database now, says
/// how many went, how many still wait and how many were refused, and
/// lists the refused ones with their reason and file.
pub fn run(ctx: &Context, _: SyncArgs) -> CliResult {
    ctx.check_identity()?;
    let spec = ctx.spec();
    let name = outbox::spec_name(&spec);
    let outbox = Outbox::user().ok_or_else(|| CliError::failure(t!("outbox.no-home")))?;
    let user = ctx.user.as_str();
    let report = if outbox.count(&name, user) == 0 {
        // Nothing to send: the database is not even opened.
        outbox::Report::default()
    } else {
        match checked::open(&spec) {
            Ok(store) => outbox::send_waiting(&outbox, &name, store.as_ref(), user),
            Err(e) if e.keeps_text() => outbox::Report {
                waiting: outbox.count(&name, user),
                reason: Some(e),
                ..outbox::Report::default()
            },
            Err(e) => return Err(e.into()),
        }
    };
    println!(
        "{}",
        t!(
            "outbox.sync",
            sent = report.sent,
            waiting = report.waiting,
            refused = report.refused
        )
    );
    if let Some(reason) = &report.reason {
        println!(
            "{}",
            t!(
                "outbox.still-waiting",
                reason = crate::i18n::store_error(reason)
            )
        );
    }
    for r in outbox.refused(&name, user) {
        println!(
            "{}",
            t!(
                "outbox.refused",
                what = r.entry.write.describe(),
                reason = r.entry.refused.as_deref().unwrap_or(""),
                path = r.path.display()
            )
        );
    }
    if report.waiting > 0 {
        return Err(CliError::failure(outbox::waiting_line(report.waiting)));
    }
    Ok(())
}
