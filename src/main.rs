use std::process::ExitCode;

use clap::Parser;
use leertuin::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("leertuin: {e}");
            ExitCode::from(e.code)
        }
    }
}
