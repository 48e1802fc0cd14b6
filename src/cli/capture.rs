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
    after_help = "Keys: Enter saves · Alt-Enter new line · Tab tip/question/learned · ↓ tags · Esc cancels (keeps a draft)\nExample (tmux): display-popup -E -w 70% -h 40% \"leertuin capture --context '#{pane_current_command}'\""
)]
pub struct CaptureArgs {
    /// What to capture first; Tab switches in the form.
    #[arg(long, value_enum, default_value_t = CaptureKind::Tip)]
    pub kind: CaptureKind,
    /// The tool it is about (tmux passes the command of the pane).
    #[arg(long, value_name = "CTX")]
    pub context: Option<String>,
}

pub fn run(ctx: &Context, a: CaptureArgs) -> CliResult {
    let kind = match a.kind {
        CaptureKind::Tip => Kind::Tip,
        CaptureKind::Question => Kind::Question,
        CaptureKind::Learned => Kind::Learned,
    };
    // tmux before 3.4 passes `#{pane_current_command}` unexpanded: then
    // the popup asks tmux itself, once it is on screen.
    let ask_tmux = a.context.as_deref().is_some_and(|c| c.contains("#{"));
    // From a shell pane the "tool" is the shell: that says nothing.
    let context = a
        .context
        .map(|c| c.trim().to_string())
        .filter(|c| !ask_tmux && !c.is_empty() && is_tool(c));
    let popup = Popup {
        db: ctx.db.clone(),
        user: ctx.user.clone(),
        keys: KeyMap::from_config(&ctx.config.keys).map_err(|e| CliError::usage(e.to_string()))?,
        theme: Theme::choose(ctx.theme),
        drafts: Drafts::user().ok(),
        ask_tmux,
    };
    let ending = popup.run(kind, context).map_err(|e| match e {
        TuiError::Keys(e) => CliError::usage(e.to_string()),
        other => CliError::failure(other.to_string()),
    })?;
    // Said after the screen is restored; in a popup no one sees it, run by
    // hand (or by a script) it is the answer.
    match ending {
        Ending::Stored(id) => println!("{id}"),
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
