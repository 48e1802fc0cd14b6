//! `leertuin init`: make the database explicitly. Reads never create one,
//! and a zero-byte file is only ever made into a database here.

use clap::Args;

use super::{CliResult, Context};
use crate::store;

#[derive(Debug, Args)]
#[command(
    after_help = "Also makes an empty (0-byte) file into a database, keeping its owner and mode.\nExample:\n  leertuin --db /srv/leertuin/team.db init"
)]
pub struct InitArgs {}

pub fn run(ctx: &Context, _a: InitArgs) -> CliResult {
    ctx.check_identity()?;
    let spec = ctx.spec();
    let made = store::init(&spec)?;
    let path = spec.to_string();
    if made {
        println!("{}", t!("cli.init.made", path = path));
    } else {
        println!("{}", t!("cli.init.there", path = path));
    }
    Ok(())
}
