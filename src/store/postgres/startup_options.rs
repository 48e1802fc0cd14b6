//! Settings sent with the login (`options=-c name=value`) save a round trip
//! on a server, but a connection pooler may refuse them: PgBouncer before
//! 1.20 answers "unsupported startup parameter: options" unless its admin
//! lists `options` in `ignore_startup_parameters`. Such a refusal is no
//! offline server (writes would wait in the outbox for ever), so the
//! connection is made again without them and the same settings are made
//! with `set_config` once logged in. PgBouncer's session pooling resets
//! them (`DISCARD ALL`) before the server connection serves anyone else.

use postgres::Client;
use postgres::error::SqlState;
use postgres::types::Type;

/// True when the server (a pooler in front of it) refused the login only
/// because of the `options` startup parameter.
pub fn refused(e: &postgres::Error) -> bool {
    e.as_db_error().is_some_and(|db| {
        *db.code() == SqlState::PROTOCOL_VIOLATION
            && db.message().starts_with("unsupported startup parameter")
            && db.message().contains("options")
    })
}

/// The `name=value` settings of an options text, as PostgreSQL reads it:
/// words split at unescaped spaces, each `-c name=value`, `-cname=value`
/// or `--name=value`. None when any word is something else, which only
/// the server could make sense of.
pub fn settings_in(options: &str) -> Option<Vec<(String, String)>> {
    let mut words = split_words(options).into_iter();
    let mut settings = Vec::new();
    while let Some(word) = words.next() {
        let setting = if word == "-c" {
            words.next()?
        } else if let Some(rest) = word.strip_prefix("--") {
            rest.to_string()
        } else if let Some(rest) = word.strip_prefix("-c") {
            rest.to_string()
        } else {
            return None;
        };
        let (name, value) = setting.split_once('=')?;
        if name.is_empty() {
            return None;
        }
        // PostgreSQL reads `--some-name` as `some_name`.
        settings.push((name.replace('-', "_"), value.to_string()));
    }
    Some(settings)
}

/// Makes `settings` for this session, as the login would have.
pub fn apply(client: &mut Client, settings: &[(String, String)]) -> Result<(), postgres::Error> {
    for (name, value) in settings {
        // Typed: one round trip, not a prepare and an execute.
        client.query_typed(
            "SELECT pg_catalog.set_config($1, $2, false)",
            &[(name, Type::TEXT), (value, Type::TEXT)],
        )?;
    }
    Ok(())
}

/// Words split at spaces; a backslash keeps the next character (a space
/// in a value), as the server's own reading of `options` does.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            c if c.is_ascii_whitespace() => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_every_way_of_writing_a_setting() {
        assert_eq!(
            settings_in("-c search_path=leertuin,pg_catalog").unwrap(),
            pairs(&[("search_path", "leertuin,pg_catalog")])
        );
        assert_eq!(
            settings_in("-cstatement_timeout=5s  --lock-timeout=1s -c search_path=a").unwrap(),
            pairs(&[
                ("statement_timeout", "5s"),
                ("lock_timeout", "1s"),
                ("search_path", "a")
            ])
        );
        assert_eq!(
            settings_in(r"-c application_name=two\ words").unwrap(),
            pairs(&[("application_name", "two words")])
        );
        assert_eq!(settings_in("").unwrap(), pairs(&[]));
    }

    #[test]
    fn anything_else_is_left_to_the_server() {
        assert_eq!(settings_in("-c"), None);
        assert_eq!(settings_in("-c =x"), None);
        assert_eq!(settings_in("-B 100"), None);
        assert_eq!(settings_in("-c search_path"), None);
    }
}
