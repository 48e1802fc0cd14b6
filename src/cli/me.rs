//! `leertuin me`: show or edit your profile.

use clap::Args;

use super::{CliResult, Context, JsonFlag, print_json};
use crate::store::{ProfileEdit, Store};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  leertuin me\n  leertuin me --wants sql kubectl life --offers tmux\n  leertuin me --name \"Anouk de Vries\" --lang nl"
)]
pub struct MeArgs {
    /// Tags you want to learn (replaces the list).
    #[arg(long, num_args = 0.., value_name = "TAG")]
    pub wants: Option<Vec<String>>,
    /// Tags you can help others with (replaces the list).
    #[arg(long, num_args = 0.., value_name = "TAG")]
    pub offers: Option<Vec<String>>,
    /// Your name as colleagues see it.
    #[arg(long)]
    pub name: Option<String>,
    /// Your language: en or nl.
    #[arg(long)]
    pub lang: Option<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

pub fn run(ctx: &Context, a: MeArgs) -> CliResult {
    let edit = ProfileEdit {
        name: a.name,
        wants: a.wants,
        offers: a.offers,
        lang: a.lang,
    };
    let store = ctx.open()?;
    let person = if edit == ProfileEdit::default() {
        store.ensure_person(&ctx.user)?
    } else {
        store.edit_person(&ctx.user, &edit)?
    };
    if a.json.json {
        return print_json(&person);
    }
    let list = |tags: &[String]| {
        if tags.is_empty() {
            "(none yet)".to_string()
        } else {
            tags.join(", ")
        }
    };
    println!("{} (@{})", person.name, person.handle);
    println!("wants to learn: {}", list(&person.wants));
    println!("can help with:  {}", list(&person.offers));
    println!(
        "language:       {}",
        person.lang.as_deref().unwrap_or("(not set)")
    );
    Ok(())
}
