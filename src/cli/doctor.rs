//! `leertuin doctor [--repair]`: is the database healthy, and safe to
//! share? With `--repair`, put right what can be put right safely.

use clap::Args;

use super::{CliError, CliResult, Context};
use crate::store::{self, FileIssue, Health, NotRepaired, ServerHealth, network_filesystem};

#[derive(Debug, Args)]
#[command(
    after_help = "--repair removes a -shm file that blocks writing (when no leertuin has the database open)\nand sets permissions as a new database gets them: 0600, or 0660 in a shared (setgid) folder."
)]
pub struct DoctorArgs {
    /// Fix what can be fixed safely, and say what was done.
    #[arg(long)]
    pub repair: bool,
}

/// One report line: the label in the person's language, padded to a column.
fn line(label: &str, value: impl std::fmt::Display) {
    println!("{:<13} {value}", t!(label));
}

pub fn run(ctx: &Context, a: DoctorArgs) -> CliResult {
    let spec = ctx.spec();
    line("doctor.database", &spec);
    if let Some(path) = spec.file()
        && !path.exists()
    {
        if let Some(name) = network_filesystem(path) {
            line("doctor.warning", t!("doctor.network-fs", name = name));
        }
        let path = path.display().to_string();
        return Err(CliError::usage(t!("doctor.missing", path = path)));
    }
    ctx.check_identity()?;
    // Before the database is opened: these faults can keep it from opening,
    // and the report below should show the files as they are left.
    let mut issues = store::file_issues(&spec);
    if a.repair && !issues.is_empty() {
        for issue in &issues {
            let what = explain(issue);
            match store::repair(issue) {
                Ok(()) => line("doctor.repaired", what),
                Err(why) => line(
                    "doctor.not-repaired",
                    t!("doctor.because", what = what, why = reason(&why)),
                ),
            }
        }
        issues = store::file_issues(&spec);
    }
    let healthy = match ctx.read().and_then(|s| Ok(s.health()?)) {
        Ok(Health::Server(h)) => {
            server(&h);
            h.is_ok()
        }
        Ok(Health::File(h)) => {
            line("doctor.size", t!("doctor.bytes", n = h.size_bytes));
            line(
                "doctor.permissions",
                format!("{} (uid {}, gid {})", h.mode, h.uid, h.gid),
            );
            line("doctor.journal", &h.journal_mode);
            let schema = t!(
                "doctor.schema-value",
                found = h.schema_version,
                known = h.known_version
            );
            line("doctor.schema", schema);
            line("doctor.integrity", &h.integrity);
            match h.network_filesystem {
                Some(name) => line("doctor.warning", t!("doctor.network-fs", name = name)),
                None => line("doctor.filesystem", t!("doctor.local")),
            }
            h.is_ok()
        }
        Err(e) => {
            line("doctor.problem", e.message);
            false
        }
    };
    for issue in &issues {
        line("doctor.problem", explain(issue));
    }
    if healthy && issues.is_empty() {
        println!("{}", t!("doctor.ok"));
        Ok(())
    } else if !issues.is_empty() && !a.repair {
        Err(CliError::failure(t!("doctor.try-repair")))
    } else {
        Err(CliError::failure(t!("doctor.attention")))
    }
}

/// A team server's report: what it runs, whether the schema is current,
/// row-level security on every table, TLS, and one round trip's time.
fn server(h: &ServerHealth) {
    line("doctor.server", &h.server_version);
    let schema = t!(
        "doctor.schema-value",
        found = h.schema_version,
        known = h.known_version
    );
    line("doctor.schema", schema);
    line(
        "doctor.row-security",
        t!(
            "doctor.row-security-value",
            secured = h.secured_tables,
            tables = h.tables
        ),
    );
    line(
        "doctor.tls",
        if h.tls {
            t!("doctor.tls-on")
        } else {
            t!("doctor.tls-off")
        },
    );
    line(
        "doctor.search-index",
        match h.search_indexes {
            0 => t!("doctor.search-index-none"),
            n => t!("doctor.search-index-trigrams", n = n),
        },
    );
    let ms = h.round_trip.as_secs_f64() * 1000.0;
    line("doctor.round-trip", format!("{ms:.1} ms"));
}

/// A fault in the files, in words: what it is and what it does.
fn explain(issue: &FileIssue) -> String {
    let octal = |m: &u32| format!("{m:04o}");
    match issue {
        FileIssue::StaleShm(path) => t!("doctor.stale-shm", path = path.display()),
        FileIssue::OpenToAll { path, mode } => {
            t!(
                "doctor.open-to-all",
                path = path.display(),
                mode = octal(mode)
            )
        }
        FileIssue::NotShared { path, mode } => {
            t!(
                "doctor.not-shared",
                path = path.display(),
                mode = octal(mode)
            )
        }
        FileIssue::SidecarMode { path, mode, want } => t!(
            "doctor.sidecar-mode",
            path = path.display(),
            mode = octal(mode),
            want = octal(want)
        ),
    }
    .into_owned()
}

fn reason(why: &NotRepaired) -> String {
    match why {
        NotRepaired::InUse => t!("doctor.in-use").into_owned(),
        NotRepaired::Io(e) => e.clone(),
    }
}
