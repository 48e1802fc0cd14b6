//! `server add-person` and `server add-kiosk`: an admin gives a person (or
//! a kiosk) a login role in the right group. A person's handle is their
//! login role's name, which is how the server knows who writes.

use postgres::Transaction;

use super::url::ServerUrl;
use super::{KIOSK_ROLE, PERSON_ROLE, Result, ServerError, schema};
use crate::domain::validate::{self, MAX_NAME_CHARS};

/// PostgreSQL's limit on a role name (NAMEDATALEN - 1), in bytes.
const MAX_ROLE_BYTES: usize = 63;

/// What an `add-person` asks for.
#[derive(Debug, Clone, Default)]
pub struct AddPerson {
    pub handle: String,
    pub name: Option<String>,
}

/// What it found and did.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    pub handle: String,
    pub name: String,
    /// The login role was made now (else it existed and was only granted).
    pub role_created: bool,
    /// The person row was made now (else it existed).
    pub person_created: bool,
}

/// Checks a handle can name a login role: a leertuin handle that fits
/// PostgreSQL's limit and is none of the names it reserves or we use.
pub fn role_name(handle: &str) -> Result<String> {
    let handle = validate::handle(handle)?;
    let reserved = [
        "public",
        "none",
        "current_user",
        "current_role",
        "session_user",
        PERSON_ROLE,
        KIOSK_ROLE,
    ];
    if handle.len() > MAX_ROLE_BYTES
        || handle.starts_with("pg_")
        || reserved.contains(&handle.to_lowercase().as_str())
    {
        return Err(ServerError::BadRole(handle));
    }
    Ok(handle)
}

pub fn add_person(url: &ServerUrl, add: &AddPerson) -> Result<Added> {
    let handle = role_name(&add.handle)?;
    let name = add
        .name
        .as_deref()
        .map(|n| validate::line("name", n, MAX_NAME_CHARS))
        .transpose()?;
    let mut client = schema::connect_checked(url)?;
    let db = |e: postgres::Error| url.db_error(&e);
    let mut tx = client.transaction().map_err(db)?;
    if role_exists(&mut tx, &handle).map_err(db)? && is_kiosk(&mut tx, &handle).map_err(db)? {
        return Err(ServerError::IsKiosk(handle));
    }
    let role_created = ensure_login_role(&mut tx, &handle).map_err(db)?;
    grant(&mut tx, PERSON_ROLE, &handle).map_err(db)?;
    let now = crate::domain::now().timestamp_millis();
    let row = tx
        .query_one(
            "INSERT INTO leertuin.person (handle, name, created_at)
             VALUES ($1, coalesce($2, $1), $3)
             ON CONFLICT (handle) DO UPDATE SET name = coalesce($2, person.name)
             RETURNING name, (xmax = 0) AS inserted",
            &[&handle, &name, &now],
        )
        .map_err(db)?;
    let added = Added {
        handle,
        name: row.get(0),
        role_created,
        person_created: row.get(1),
    };
    tx.commit().map_err(db)?;
    Ok(added)
}

/// Gives a kiosk its login role; returns whether the role was made now.
pub fn add_kiosk(url: &ServerUrl, name: &str) -> Result<bool> {
    let name = role_name(name)?;
    let mut client = schema::connect_checked(url)?;
    let db = |e: postgres::Error| url.db_error(&e);
    let mut tx = client.transaction().map_err(db)?;
    let is_person = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM leertuin.person WHERE handle = $1)",
            &[&name],
        )
        .map_err(db)?
        .get(0);
    if is_person {
        return Err(ServerError::IsPerson(name));
    }
    let created = ensure_login_role(&mut tx, &name).map_err(db)?;
    grant(&mut tx, KIOSK_ROLE, &name).map_err(db)?;
    tx.commit().map_err(db)?;
    Ok(created)
}

fn role_exists(tx: &mut Transaction<'_>, role: &str) -> Result<bool, postgres::Error> {
    Ok(tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&role],
        )?
        .get(0))
}

fn is_kiosk(tx: &mut Transaction<'_>, role: &str) -> Result<bool, postgres::Error> {
    Ok(tx
        .query_one("SELECT pg_has_role($1, $2, 'USAGE')", &[&role, &KIOSK_ROLE])?
        .get(0))
}

/// Creates a login role unless one exists. The statement is built by the
/// server's own `format('%I')`, so any name is quoted as PostgreSQL would.
fn ensure_login_role(tx: &mut Transaction<'_>, role: &str) -> Result<bool, postgres::Error> {
    if role_exists(tx, role)? {
        return Ok(false);
    }
    let sql: String = tx
        .query_one("SELECT format('CREATE ROLE %I LOGIN', $1::text)", &[&role])?
        .get(0);
    tx.batch_execute(&sql)?;
    Ok(true)
}

fn grant(tx: &mut Transaction<'_>, group: &str, role: &str) -> Result<(), postgres::Error> {
    let sql: String = tx
        .query_one(
            "SELECT format('GRANT %I TO %I', $1::text, $2::text)",
            &[&group, &role],
        )?
        .get(0);
    tx.batch_execute(&sql)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_postgres_can_take() {
        assert_eq!(role_name(" ann ").expect("ann"), "ann");
        assert!(matches!(
            role_name("pg_monitor"),
            Err(ServerError::BadRole(_))
        ));
        assert!(matches!(role_name("PUBLIC"), Err(ServerError::BadRole(_))));
        assert!(matches!(
            role_name(KIOSK_ROLE),
            Err(ServerError::BadRole(_))
        ));
        assert!(matches!(
            role_name(&"é".repeat(40)),
            Err(ServerError::BadRole(_))
        ));
        assert!(matches!(role_name(""), Err(ServerError::Invalid(_))));
    }
}
