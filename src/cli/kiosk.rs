//! `leertuin kiosk [--idle-timeout SECS] [--set-pin]`: shared-terminal mode
//! (see [`crate::kiosk`]), and setting its admin PIN.

use std::io::{BufRead, IsTerminal};

use clap::Args;

use super::{CliError, CliResult, Context};
use crate::kiosk::{self, KioskError, pin};

#[derive(Debug, Args)]
pub struct KioskArgs {
    /// Seconds without a key before the pane goes back to the welcome
    /// screen (default 120; also `[kiosk] idle_timeout` in config.toml).
    #[arg(long, value_name = "SECS")]
    pub idle_timeout: Option<u64>,
    /// Set the admin PIN that leaves kiosk mode: asked twice without echo,
    /// or read from standard input when that is not a terminal.
    #[arg(long)]
    pub set_pin: bool,
}

pub fn run(ctx: &Context, args: KioskArgs) -> CliResult {
    if args.set_pin {
        return set_pin();
    }
    // The kiosk logs people in itself: --user does not apply.
    kiosk::runner::run(&ctx.launch_as_anyone(), args.idle_timeout).map_err(|e| match e {
        KioskError::Store(e) => CliError::from(e),
        KioskError::Config(_) | KioskError::Usage(_) | KioskError::Keys(_) => {
            CliError::usage(e.to_string())
        }
        KioskError::Pin(_) | KioskError::Terminal(_) => CliError::failure(e.to_string()),
    })
}

/// Asks for the PIN (twice on a terminal), stores its salted hash.
fn set_pin() -> CliResult {
    let path =
        pin::pin_file().ok_or_else(|| CliError::failure(crate::t!("kiosk.set_pin.no_home")))?;
    let stdin = std::io::stdin();
    let pin = if stdin.is_terminal() {
        let first = read_hidden(&crate::t!("kiosk.set_pin.ask"))?;
        pin::check_new(&first).map_err(CliError::usage)?;
        let again = read_hidden(&crate::t!("kiosk.set_pin.again"))?;
        if first != again {
            return Err(CliError::usage(crate::t!("kiosk.set_pin.differ")));
        }
        first
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| CliError::usage(e.to_string()))?;
        let line = line.trim_end_matches(['\n', '\r']).to_string();
        pin::check_new(&line).map_err(CliError::usage)?;
        line
    };
    let phc = pin::hash(&pin).map_err(CliError::failure)?;
    pin::store(&path, &phc).map_err(|e| CliError::failure(format!("{}: {e}", path.display())))?;
    println!(
        "{}",
        crate::t!("kiosk.set_pin.saved", path = path.display())
    );
    Ok(())
}

/// One line from the terminal with echo off.
fn read_hidden(prompt: &str) -> CliResult<String> {
    use std::io::Write;
    eprint!("{prompt} ");
    let _ = std::io::stderr().flush();
    let fd = libc::STDIN_FILENO;
    // SAFETY: termios is plain data; tcgetattr fills it for a terminal fd,
    // and the old settings are put back before returning.
    let old = unsafe {
        let mut term: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(fd, &mut term) != 0 {
            return Err(CliError::failure(
                std::io::Error::last_os_error().to_string(),
            ));
        }
        let old = term;
        term.c_lflag &= !libc::ECHO;
        term.c_lflag |= libc::ECHONL;
        libc::tcsetattr(fd, libc::TCSANOW, &term);
        old
    };
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    // SAFETY: restores what tcgetattr returned above.
    unsafe {
        libc::tcsetattr(fd, libc::TCSANOW, &old);
    }
    read.map_err(|e| CliError::failure(e.to_string()))?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}
