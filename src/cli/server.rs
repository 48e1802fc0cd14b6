//! `leertuin server …`: set up a team server and add people and kiosks to
//! it. The work is in `store::postgres`; this file reads arguments and
//! says what happened, in the person's language.

use clap::{Args, Subcommand};

use super::{CliError, CliResult, Context};
use crate::store::postgres::{self, AddPerson, ServerError, ServerUrl};

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Create or update the schema, roles, grants and row-level security (run as the database owner; safe to run again).
    #[command(
        after_help = "Example:\n  leertuin server init 'postgresql://leertuin@/leertuin?host=/var/run/postgresql'"
    )]
    Init(InitArgs),
    /// Give a person a login role in leertuin_person and a profile (admins; uses --db).
    #[command(
        after_help = "Example:\n  leertuin --db 'postgresql:///leertuin' server add-person anouk --name \"Anouk de Vries\""
    )]
    AddPerson(AddPersonArgs),
    /// Give a kiosk a login role in leertuin_kiosk (admins; uses --db).
    AddKiosk(AddKioskArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The database, libpq-style: postgresql://USER@HOST/DB or postgresql:///DB?host=/socket/dir
    #[arg(value_name = "URL")]
    pub url: String,
}

#[derive(Debug, Args)]
pub struct AddPersonArgs {
    /// The person's login name on the server; also their leertuin handle.
    pub handle: String,
    /// The name colleagues see (default: the handle; given again, it replaces the name).
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddKioskArgs {
    /// The kiosk's login name on the server, e.g. kiosk-hall-2.
    pub name: String,
}

pub fn run(ctx: &Context, command: ServerCommand) -> CliResult {
    match command {
        ServerCommand::Init(a) => init(&a.url),
        ServerCommand::AddPerson(a) => add_person(ctx, a),
        ServerCommand::AddKiosk(a) => add_kiosk(ctx, &a.name),
    }
}

fn init(url: &str) -> CliResult {
    let url = ServerUrl::parse(url).map_err(cli_error)?;
    let report = postgres::schema::init(&url, &crate::bundled::lessons()).map_err(cli_error)?;
    let schema = match report.from {
        0 => t!("server.schema-new", to = report.to),
        from if from == report.to => t!("server.schema-current", to = report.to),
        from => t!("server.schema-upgraded", to = report.to, from = from),
    };
    println!("{schema}");
    println!("{}", t!("server.security", n = report.secured_tables));
    println!("{}", t!("server.roles"));
    if report.lessons > 0 {
        println!("{}", t!("server.lessons", n = report.lessons));
    }
    println!("{}", t!("server.next"));
    Ok(())
}

fn add_person(ctx: &Context, a: AddPersonArgs) -> CliResult {
    let url = server_url(ctx)?;
    let add = AddPerson {
        handle: a.handle,
        name: a.name,
    };
    let added = postgres::people::add_person(&url, &add).map_err(cli_error)?;
    let (handle, name) = (added.handle.as_str(), added.name.as_str());
    if added.person_created {
        println!(
            "{}",
            t!("server.person-added", handle = handle, name = name)
        );
    } else {
        println!(
            "{}",
            t!("server.person-existed", handle = handle, name = name)
        );
    }
    if added.role_created {
        println!("{}", t!("server.role-created", handle = handle));
    }
    Ok(())
}

fn add_kiosk(ctx: &Context, name: &str) -> CliResult {
    let url = server_url(ctx)?;
    let created = postgres::people::add_kiosk(&url, name).map_err(cli_error)?;
    let name = crate::domain::validate::handle(name).unwrap_or_default();
    if created {
        println!("{}", t!("server.kiosk-added", name = name));
    } else {
        println!("{}", t!("server.kiosk-existed", name = name));
    }
    Ok(())
}

/// The server `--db` (or LEERTUIN_DB, or config) names, read by the same
/// `Spec` every other command opens its store from.
fn server_url(ctx: &Context) -> CliResult<ServerUrl> {
    match crate::store::Spec::parse(&ctx.db) {
        crate::store::Spec::Server(url) => ServerUrl::parse(&url).map_err(cli_error),
        crate::store::Spec::File(_) => Err(CliError::usage(t!("server.needs-url"))),
    }
}

/// A server error as one line in the person's language; exit code 2 when
/// it is theirs to fix, 1 when the server or the network failed.
fn cli_error(e: ServerError) -> CliError {
    let message = match &e {
        ServerError::BadUrl(reason) => t!("server.bad-url", reason = reason).into_owned(),
        ServerError::Connect(message) => message.clone(),
        ServerError::Db(reason) => t!("server.failed", reason = reason).into_owned(),
        ServerError::Invalid(v) => crate::i18n::invalid(v),
        ServerError::BadRole(handle) => {
            t!("server.bad-role", handle = format!("{handle:?}")).into_owned()
        }
        ServerError::NotInitialised => t!("server.not-initialised").into_owned(),
        ServerError::NewerSchema { found, known } => {
            t!("error.newer-schema", found = found, known = known).into_owned()
        }
        ServerError::IsKiosk(handle) => t!("server.is-kiosk", handle = handle).into_owned(),
        ServerError::IsPerson(handle) => t!("server.is-person", handle = handle).into_owned(),
    };
    if e.is_user_error() {
        CliError::usage(message)
    } else {
        CliError::failure(message)
    }
}
