//! A command line clap refuses, said in one line in the person's language:
//! clap writes its messages in English only, so the common kinds are told
//! from clap's error context through the catalogues (the names of missing
//! arguments included); any other kind keeps clap's own first paragraph.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::domain::text::one_line;

/// The one line after `leertuin: `, for any refused command line. Speaks
/// the language of the environment: no profile is read before the command
/// line makes sense.
pub fn usage_error(e: &clap::Error) -> String {
    crate::i18n::set(crate::i18n::choose(None));
    let get = |kind: ContextKind| e.get(kind).map(value_text);
    use ContextKind as K;
    let said = match e.kind() {
        ErrorKind::MissingRequiredArgument => {
            get(K::InvalidArg).map(|args| t!("usage.missing", args = args))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            match (get(K::InvalidArg), get(K::InvalidValue), get(K::ValidValue)) {
                (Some(arg), Some(value), Some(valid)) => Some(t!(
                    "usage.invalid-value-one-of",
                    value = format!("{value:?}"),
                    arg = arg,
                    valid = valid
                )),
                (Some(arg), Some(value), None) => Some(t!(
                    "usage.invalid-value",
                    value = format!("{value:?}"),
                    arg = arg
                )),
                _ => None,
            }
        }
        ErrorKind::UnknownArgument => {
            get(K::InvalidArg).map(|arg| t!("usage.unknown-argument", arg = format!("{arg:?}")))
        }
        ErrorKind::InvalidSubcommand => get(K::InvalidSubcommand)
            .map(|command| t!("usage.unknown-command", command = format!("{command:?}"))),
        ErrorKind::ArgumentConflict => match (get(K::InvalidArg), get(K::PriorArg)) {
            (Some(arg), Some(other)) => Some(t!("usage.conflict", arg = arg, other = other)),
            _ => None,
        },
        _ => None,
    };
    let reason = match said {
        Some(said) => said.into_owned(),
        None => clap_paragraph(e),
    };
    // It quotes what was typed, so it is cleaned for the terminal.
    t!("usage.see-help", reason = one_line(&reason)).into_owned()
}

/// clap's own first paragraph (which holds the names of missing arguments
/// on the lines after the first), without its "error: " prefix.
fn clap_paragraph(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let paragraph: Vec<&str> = text
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let joined = paragraph.join(" ");
    let reason = joined.strip_prefix("error: ").unwrap_or(&joined);
    if reason.is_empty() {
        t!("usage.bad").into_owned()
    } else {
        reason.to_string()
    }
}

fn value_text(v: &ContextValue) -> String {
    match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}
