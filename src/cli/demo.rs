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

pub fn run(ctx: &Context, a: DemoArgs) -> CliResult {
    if let Some(n) = a.fill {
        // Synthetic colleagues of every name: --user is no identity here.
        let store = store::open(&ctx.spec(), Mode::Create)?;
        demo::fill(store.as_ref(), n, a.seed)?;
        let path = ctx.db.display().to_string();
        println!("{}", t!("demo.filled", n = n, path = path));
        return Ok(());
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
