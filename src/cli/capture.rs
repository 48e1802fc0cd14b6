//! `leertuin capture [--kind K] [--context CTX]`: the small capture form for
//! a tmux popup (`leertuin tmux` binds it). Enter saves, Esc cancels, and
//! nothing typed is lost: what the database can't take waits as a draft.

use clap::{Args, ValueEnum};

use super::{CliError, CliResult, Context};
use crate::domain::Kind;
use crate::domain::context::is_tool;
use crate::drafts::Drafts;
use crate::tui::TuiError;
use crate::tui::keys::KeyMap;
use crate::tui::popup::{Ending, Popup};
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CaptureKind {
    Tip,
    Question,
    Learned,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Keys: Enter saves · Alt-Enter new line · Tab tip/question/learned · ↓ tags · Esc cancels\nExample (tmux): display-popup -E -w 70% -h 60% \"leertuin capture --tmux-pane '#{pane_id}'\""
)]
pub struct CaptureArgs {
    /// What to capture first; Tab switches in the form.
    #[arg(long, value_enum, default_value_t = CaptureKind::Tip)]
    pub kind: CaptureKind,
    /// The tool it is about.
    #[arg(long, value_name = "CTX")]
    pub context: Option<String>,
    /// The tmux pane it is about (`#{pane_id}`): the tool running there is
    /// asked of tmux, and the outcome is shown in tmux's status line.
    #[arg(long, value_name = "PANE", conflicts_with = "context")]
    pub tmux_pane: Option<String>,
}

pub fn run(ctx: &Context, a: CaptureArgs) -> CliResult {
    ctx.check_identity()?;
    let kind = match a.kind {
        CaptureKind::Tip => Kind::Tip,
        CaptureKind::Question => Kind::Question,
        CaptureKind::Learned => Kind::Learned,
    };
    // The tool is asked of tmux once the form is on screen: for
    // `--tmux-pane` (of that pane, or of the active one when a tmux before
    // 3.4 left `#{pane_id}` as it is), and for a `--context` that still
    // holds a format (configurations printed by older versions).
    let in_popup = a.tmux_pane.is_some();
    let ask_tmux = in_popup || a.context.as_deref().is_some_and(|c| c.contains("#{"));
    let tmux_pane = a
        .tmux_pane
        .as_deref()
        .and_then(crate::tui::panes::pane_id)
        .map(str::to_string);
    // From a shell pane the "tool" is the shell: that says nothing.
    let context = a
        .context
        .map(|c| c.trim().to_string())
        .filter(|c| !ask_tmux && !c.is_empty() && is_tool(c));
    let popup = Popup {
        db: ctx.spec(),
        user: ctx.user.clone(),
        keys: KeyMap::from_config(&ctx.config.keys).map_err(|e| CliError::usage(e.to_string()))?,
        theme: Theme::choose(ctx.theme),
        // The person's own popup: older drafts that name no store come too.
        drafts: Drafts::user().ok().map(|d| {
            d.for_store(crate::outbox::spec_name(&ctx.spec()))
                .offer_older(true)
        }),
        ask_tmux,
        tmux_pane,
    };
    let ending = popup.run(kind, context).map_err(|e| match e {
        TuiError::Keys(e) => CliError::usage(e.to_string()),
        other => CliError::failure(other.to_string()),
    })?;
    // In a popup, tmux's status line says what became of the text once the
    // popup is gone.
    if in_popup && let Some(line) = status_line(&ending) {
        crate::tui::panes::display_message(&line);
    }
    // Said after the screen is restored; in a popup no one sees it, run by
    // hand (or by a script) it is the answer.
    match ending {
        Ending::Stored(id) => println!("{id}"),
        Ending::Queued {
            reason,
            passes: true,
            ..
        } => eprintln!("{}", t!("outbox.saved-offline", reason = reason)),
        Ending::Queued { reason, path, .. } => {
            return Err(CliError::failure(t!(
                "outbox.kept",
                reason = reason,
                path = path.display()
            )));
        }
        Ending::Drafted { reason, path } => {
            return Err(CliError::failure(t!(
                "capture.cli.drafted",
                reason = reason,
                path = path.display()
            )));
        }
        Ending::Cancelled => {}
    }
    Ok(())
}

/// The line for tmux's status line: saved (and as what), or kept as a draft.
fn status_line(ending: &Ending) -> Option<String> {
    let line = match ending {
        Ending::Stored(id) => t!("capture.tmux.stored", id = id),
        Ending::Queued { .. } => t!("capture.tmux.queued"),
        Ending::Drafted { .. } => t!("capture.tmux.kept"),
        Ending::Cancelled => return None,
    };
    Some(format!("leertuin: {line}"))
}
