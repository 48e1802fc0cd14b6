//! `leertuin me`: show or edit your profile.

use clap::Args;

use super::{CliResult, Context, JsonFlag, print_json};
use crate::store::ProfileEdit;

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
    // `nl_NL.UTF-8` or `NL` is stored as `nl`; the store refuses languages
    // leertuin does not speak.
    let lang = a
        .lang
        .map(|l| crate::i18n::supported(&l).map_or(l.clone(), str::to_string));
    let edit = ProfileEdit {
        name: a.name,
        wants: a.wants,
        offers: a.offers,
        lang,
    };
    let person = if edit == ProfileEdit::default() {
        // Showing the profile only reads: no database is made for it.
        let known = ctx.read()?.person(&ctx.user)?;
        match known {
            Some(person) => person,
            None => ctx.open()?.ensure_person(&ctx.user)?,
        }
    } else {
        ctx.open()?.edit_person(&ctx.user, &edit)?
    };
    // The answer is already in the language just chosen.
    if let Some(lang) = person.lang.as_deref() {
        crate::i18n::set(crate::i18n::choose_in(
            Some(lang),
            ctx.config.lang.as_deref(),
        ));
    }
    if a.json.json {
        return print_json(&person);
    }
    let list = |tags: &[String]| {
        if tags.is_empty() {
            t!("cli.me.none-yet").into_owned()
        } else {
            tags.join(", ")
        }
    };
    println!("{} (@{})", person.name, person.handle);
    let not_set = t!("cli.me.not-set");
    println!("{:<15} {}", t!("cli.me.wants"), list(&person.wants));
    println!("{:<15} {}", t!("cli.me.offers"), list(&person.offers));
    // In words as the pane says it, with the code `--lang` takes.
    let lang = match person.lang.as_deref() {
        Some(code) => format!("{} ({code})", crate::i18n::lang_name(code)),
        None => not_set.into_owned(),
    };
    println!("{:<15} {lang}", t!("cli.me.lang"));
    Ok(())
}
