use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use leertuin::cli::{self, Cli};

fn main() -> ExitCode {
    // Like every Unix tool, end quietly when the reader of our output goes
    // away (`leertuin list | head`): Rust ignores SIGPIPE, so a print into
    // a closed pipe would otherwise panic.
    // SAFETY: restoring a signal's default action, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // One line, like every other error: clap's first line without
            // its "error: " prefix, and where to look for more.
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("bad usage");
            let reason = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("leertuin: {reason} (see leertuin --help)");
            return ExitCode::from(2);
        }
    };
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("leertuin: {e}");
            ExitCode::from(e.code)
        }
    }
}
