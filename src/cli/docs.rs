//! `leertuin completions SHELL` and `leertuin man`: shell completions and
//! manual pages, generated from the one clap definition of the command
//! line ([`super::Cli`]) by clap_complete and clap_mangen, so they can
//! never list a flag the binary does not have.

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, CliError, CliResult};

#[derive(Debug, Args)]
#[command(
    after_help = "Install (pick your shell):\n  leertuin completions bash > ~/.local/share/bash-completion/completions/leertuin\n  leertuin completions zsh > ~/.zfunc/_leertuin     # with fpath+=~/.zfunc before compinit\n  leertuin completions fish > ~/.config/fish/completions/leertuin.fish"
)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  leertuin man | man -l -\n  leertuin man --dir ~/.local/share/man/man1"
)]
pub struct ManArgs {
    /// Write leertuin.1 and a page per command (leertuin-add.1, …) into
    /// this folder instead of printing leertuin(1).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn completions(a: CompletionsArgs) -> CliResult {
    let mut cmd = Cli::command();
    clap_complete::generate(a.shell, &mut cmd, "leertuin", &mut std::io::stdout());
    Ok(())
}

pub fn man(a: ManArgs) -> CliResult {
    let cmd = Cli::command();
    match a.dir {
        Some(dir) => {
            let fail = |e: std::io::Error| CliError::failure(format!("{}: {e}", dir.display()));
            std::fs::create_dir_all(&dir).map_err(fail)?;
            clap_mangen::generate_to(cmd, &dir).map_err(fail)
        }
        None => clap_mangen::Man::new(cmd)
            .render(&mut std::io::stdout())
            .map_err(|e| CliError::failure(format!("cannot write the manual: {e}"))),
    }
}
