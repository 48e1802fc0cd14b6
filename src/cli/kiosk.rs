//! `leertuin kiosk [--idle-timeout SECS] [--set-pin]`: shared-terminal mode
//! (see [`crate::kiosk`]), and setting its admin PIN; `leertuin kiosk pin`:
//! a person sets their own PIN for typing their name at a kiosk.

use std::io::{BufRead, IsTerminal};

use clap::{Args, Subcommand};

use super::{CliError, CliResult, Context};
use crate::kiosk::{self, KioskError, badge, pin};

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  leertuin kiosk --idle-timeout 120\n  leertuin kiosk --set-pin\n  leertuin kiosk pin"
)]
pub struct KioskArgs {
    #[command(subcommand)]
    pub command: Option<KioskCommand>,
    /// Seconds without a key before the pane goes back to the welcome
    /// screen (default 120; also `[kiosk] idle_timeout` in config.toml).
    #[arg(long, value_name = "SECS")]
    pub idle_timeout: Option<u64>,
    /// Set the admin PIN that leaves kiosk mode: asked twice without echo,
    /// or read from standard input when that is not a terminal.
    #[arg(long)]
    pub set_pin: bool,
}

#[derive(Debug, Subcommand)]
pub enum KioskCommand {
    /// Set your own PIN for typing your name at a kiosk (run as yourself;
    /// asked twice without echo, or one line on standard input). A name
    /// that someone registered at a kiosk, or that only used the pane,
    /// then logs in with everything, not only the shared things.
    Pin,
}

pub fn run(ctx: &Context, args: KioskArgs) -> CliResult {
    if let Some(KioskCommand::Pin) = args.command {
        return own_pin(ctx);
    }
    if args.set_pin {
        return set_pin();
    }
    // The kiosk logs people in itself: --user does not apply.
    kiosk::runner::run(&ctx.launch_as_anyone(), args.idle_timeout).map_err(|e| match e {
        KioskError::Store(e) => CliError::from(e),
        KioskError::Config(_)
        | KioskError::Search(_)
        | KioskError::Usage(_)
        | KioskError::Keys(_) => CliError::usage(e.to_string()),
        KioskError::Pin(_) | KioskError::Terminal(_) => CliError::failure(e.to_string()),
    })
}

/// Asks for the admin PIN (twice on a terminal), stores its salted hash.
fn set_pin() -> CliResult {
    let path =
        pin::pin_file().ok_or_else(|| CliError::failure(crate::t!("kiosk.set_pin.no_home")))?;
    let pin = read_new_pin(&crate::t!("kiosk.set_pin.ask"), pin::check_new)?;
    let phc = pin::hash(&pin).map_err(CliError::failure)?;
    pin::store(&path, &phc).map_err(|e| CliError::failure(format!("{}: {e}", path.display())))?;
    println!(
        "{}",
        crate::t!("kiosk.set_pin.saved", path = path.display())
    );
    Ok(())
}

/// `leertuin kiosk pin`: the person's own PIN for a name typed at a kiosk.
/// Who runs it is who they are (their login; on a file they own, an admin
/// may name a colleague with `--user`), so no old PIN is asked: a person
/// who forgot theirs sets a new one here.
fn own_pin(ctx: &Context) -> CliResult {
    ctx.speak_profile_language(false);
    // The kiosk finds a typed name by its handle: a handle no name typed
    // there becomes (digits make a badge code) could never use the PIN.
    if badge::handle(&ctx.user).as_deref() != Some(ctx.user.as_str()) || !badge::is_name(&ctx.user)
    {
        return Err(CliError::usage(crate::t!(
            "kiosk.own_pin.not_a_name",
            user = crate::domain::text::one_line(&ctx.user)
        )));
    }
    // Refused input (a short PIN, two different ones) creates no file.
    let pin = read_new_pin(
        &crate::t!("kiosk.own_pin.ask", n = pin::MIN_PIN_CHARS),
        pin::check_personal,
    )?;
    let phc = pin::hash(&pin).map_err(CliError::failure)?;
    let store = ctx.open()?;
    store.batch(&|w| w.set_person_pin(&ctx.user, &phc))?;
    println!("{}", crate::t!("kiosk.own_pin.saved", name = &ctx.user));
    Ok(())
}

/// A new PIN: typed twice without echo on a terminal (a slip is caught),
/// else one line of standard input (scripts); `check` refuses (too short,
/// and for a person's own PIN anything but digits and letters).
fn read_new_pin(ask: &str, check: fn(&str) -> Result<(), String>) -> CliResult<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let first = read_hidden(ask)?;
        check(&first).map_err(CliError::usage)?;
        let again = read_hidden(&crate::t!("kiosk.set_pin.again"))?;
        if first != again {
            return Err(CliError::usage(crate::t!("kiosk.set_pin.differ")));
        }
        return Ok(first);
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::usage(e.to_string()))?;
    let line = line.trim_end_matches(['\n', '\r']).to_string();
    check(&line).map_err(CliError::usage)?;
    Ok(line)
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
