//! `leertuin nudge`: one short line for a status bar, or nothing.
//!
//! tmux runs this every few seconds for every attached client, so it opens
//! the database read-only with a short busy timeout, sets up no terminal,
//! runs no migration, and prints nothing at all (exit 0) when anything is in
//! the way: no database, a busy or newer one, a broken config. A status line
//! must never show an error.

use std::io::Write;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::{Cli, CliError, CliResult, Context};
use crate::domain::{Time, now};
use crate::nudge::render::{self, Lang};
use crate::nudge::state::{self, StateFile};
use crate::nudge::{self as rules};
use crate::outbox::{self, Outbox};
use crate::paths;
use crate::store::{self, Mode};

/// How long one statement may wait for a lock; past it the line is empty.
const BUSY_TIMEOUT: Duration = Duration::from_millis(50);

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Plain,
    /// With tmux styles (`#[fg=…]`); `#` in text is escaped.
    Tmux,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  leertuin nudge\n  leertuin nudge --format tmux      (for status-right, see `leertuin tmux`)\n  leertuin nudge --snooze 2h        (quiet for two hours; `--snooze off` ends it)"
)]
pub struct NudgeArgs {
    #[arg(long, value_enum, default_value_t = Format::Plain)]
    pub format: Format,
    /// Silence nudges for a while: 30m, 2h, 1d; `off` ends a snooze.
    #[arg(long, value_name = "DURATION")]
    pub snooze: Option<String>,
}

/// Runs before the usual context is resolved, so that even a broken config
/// file leaves the status line empty instead of failing.
pub fn run(cli: &Cli, a: &NudgeArgs) -> CliResult {
    if let Some(length) = &a.snooze {
        let ctx = Context::resolve(cli)?;
        // The answer is read by the person: in their language.
        ctx.speak_profile_language(false);
        return snooze(&ctx, length);
    }
    if let Some(line) = line(cli, a.format, now()) {
        // A closed pipe (tmux gave up) is no reason to fail.
        let _ = writeln!(std::io::stdout(), "{line}");
    }
    Ok(())
}

/// The line to print, or `None` for silence, whatever the reason: what
/// waits in the outbox to be sent (even while snoozed: it is about the
/// person's own writes), then the nudge.
fn line(cli: &Cli, format: Format, now: Time) -> Option<String> {
    let ctx = Context::resolve(cli).ok()?;
    // Someone else's name on a shared file: silence, as for any refusal.
    ctx.check_identity().ok()?;
    let nudge = nudge_line(&ctx, format, now);
    // One readdir when nothing waits.
    let waiting = Outbox::user()
        .map(|o| o.count(&outbox::spec_name(&ctx.spec()), &ctx.user))
        .unwrap_or(0);
    if waiting == 0 {
        return nudge.map(|(line, _)| line);
    }
    let code = match &nudge {
        Some((_, code)) => code,
        None => crate::i18n::choose_in(None, ctx.config.lang.as_deref()),
    };
    crate::i18n::set(code);
    let pending = outbox::waiting_line(waiting);
    Some(match nudge {
        Some((line, _)) => format!("{pending} · {line}"),
        None => pending,
    })
}

/// The nudge and the language it speaks, or `None`.
fn nudge_line(ctx: &Context, format: Format, now: Time) -> Option<(String, &'static str)> {
    let state_path = paths::nudge_state()?;
    if StateFile::load(&state_path)
        .people
        .get(&ctx.user)
        .and_then(|p| p.snooze_until)
        .is_some_and(|t| now < t)
    {
        // Snoozed: not even the database is opened.
        return None;
    }
    let store = store::open_with(&ctx.spec(), Mode::Read, BUSY_TIMEOUT).ok()?;
    let (chosen, lang) = rules::next(store.as_ref(), &state_path, &ctx.user, now)?;
    // Profile, LEERTUIN_LANG, config.toml, system locale: as everywhere.
    let code = crate::i18n::choose_in(lang.as_deref(), ctx.config.lang.as_deref());
    let lang = Lang::from_code(Some(code));
    let line = match format {
        Format::Plain => render::plain(&chosen, lang),
        Format::Tmux => render::tmux(&chosen, lang),
    };
    Some((line, code))
}

fn snooze(ctx: &Context, length: &str) -> CliResult {
    let length = state::parse_duration(length).map_err(CliError::usage)?;
    let path = paths::nudge_state().ok_or_else(|| CliError::failure(t!("nudge.snooze.no-home")))?;
    let until = (length > chrono::Duration::zero()).then(|| now() + length);
    state::snooze(&path, &ctx.user, until)
        .map_err(|e| CliError::failure(format!("{}: {e}", path.display())))?;
    match until {
        Some(t) => println!(
            "{}",
            t!("nudge.snooze.until", when = crate::i18n::weekday_time(t))
        ),
        None => println!("{}", t!("nudge.snooze.off")),
    }
    Ok(())
}
