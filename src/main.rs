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
            eprintln!("leertuin: {}", cli::usage_error(&e));
            return ExitCode::from(2);
        }
    };
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Messages quote input (ids, file names, config values): cleaned.
            eprintln!(
                "leertuin: {}",
                leertuin::domain::text::one_line(&e.to_string())
            );
            ExitCode::from(e.code)
        }
    }
}
