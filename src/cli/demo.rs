//! `leertuin demo` and `leertuin demo --fill N`.

use clap::Args;

use super::{CliError, CliResult, Context};
use crate::demo;
use crate::store::{self, Mode, Spec};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  leertuin demo                      open the pane on a throw-away team\n  leertuin --db bench.db demo --fill 100000"
)]
pub struct DemoArgs {
    /// Add N synthetic items to the --db database and exit (benchmark corpus).
    #[arg(long, value_name = "N")]
    pub fill: Option<usize>,
    /// Seed for --fill, for a repeatable corpus.
    #[arg(long, default_value_t = 42, requires = "fill")]
    pub seed: u64,
}

/// `given`: the `--db` (or `LEERTUIN_DB`) of the command line.
pub fn run(ctx: &Context, a: DemoArgs, given: Option<&std::path::Path>) -> CliResult {
    if let Some(n) = a.fill {
        // Synthetic colleagues of every name: --user is no identity here.
        let store = store::open(&ctx.spec(), Mode::Create)?;
        demo::fill(store.as_ref(), n, a.seed)?;
        let path = ctx.db.display().to_string();
        println!("{}", t!("demo.filled", n = n, path = path));
        return Ok(());
    }
    // `--db k.db demo` reads as "show the demo in k.db", but the demo is a
    // throw-away team: refused, saying what does what, rather than leaving
    // k.db untouched without a word. A LEERTUIN_DB set for every command is
    // no such request.
    if let Some(path) = given
        && std::env::var_os("LEERTUIN_DB").as_deref() != Some(path.as_os_str())
    {
        let path = crate::domain::text::one_line(&path.display().to_string());
        return Err(CliError::usage(t!("demo.db-given", path = path)));
    }
    let dir = std::env::temp_dir().join(format!("leertuin-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| CliError::failure(format!("{}: {e}", dir.display())))?;
    let db = dir.join("demo.db");
    let spec = Spec::File(db);
    let store = store::open(&spec, Mode::Create)?;
    demo::sample_team(store.as_ref(), &ctx.user)?;
    let launch = crate::tui::Launch {
        spec,
        ..ctx.launch_as_anyone()
    };
    let result = crate::tui::run(&launch, None).map_err(super::tui_error);
    // The demo is throw-away: nothing of it should linger in /tmp.
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    result
}
