//! The command-line contract of DESIGN.md: argument parsing and dispatch.

mod backup;
mod budget;
mod budget_log;
mod capture;
mod checked;
mod demo;
mod docs;
mod doctor;
mod engine;
mod init;
mod items;
mod kiosk;
mod knowhow;
mod lessons;
mod me;
mod nudge;
mod output;
mod server;
mod sync;
mod tmux;
mod tmux_pane;
mod usage;
mod voucher;
mod wish;

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use thiserror::Error;

pub use usage::usage_error;

use crate::config::{Config, ConfigError};
use crate::domain::ValidationError;
use crate::paths;
use crate::store::{self, Mode, Spec, Store, StoreError};
use crate::tui::theme::ThemeChoice;

#[derive(Debug, Parser)]
#[command(
    name = "leertuin",
    version,
    about = "A learning pane for the terminal: lessons, questions, tips and what your team learned.",
    after_help = "Run without a command to open the learning pane.\nData: --db, else LEERTUIN_DB, else config.toml, else $XDG_DATA_HOME/leertuin/leertuin.db."
)]
pub struct Cli {
    /// Database file to use.
    #[arg(long, global = true, env = "LEERTUIN_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Who you are (default: your login name).
    #[arg(long, global = true, env = "LEERTUIN_USER", value_name = "NAME")]
    pub user: Option<String>,
    /// Colours of the pane; `mono` uses none (also when NO_COLOR is set).
    #[arg(long, global = true, value_enum, default_value_t, value_name = "THEME")]
    pub theme: ThemeChoice,
    /// Open the pane on a search for these words (like fzf's --query).
    #[arg(long, short = 's', value_name = "WORDS")]
    pub search: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Store a tip, question or learned entry; prints its id.
    Add(items::AddArgs),
    /// A small capture form for a tmux popup: Enter saves, Esc cancels.
    Capture(capture::CaptureArgs),
    /// List items, newest first.
    List(items::ListArgs),
    /// Show one item with its answers, backings or votes.
    Show(items::ShowArgs),
    /// Fuzzy search over everything, best first.
    Search(items::SearchArgs),
    /// Answer a question.
    Answer(items::AnswerArgs),
    /// Back a question: me-too, can-help, or pledge --minutes N (--withdraw takes it back).
    Back(items::BackArgs),
    /// Vote for a colleague's tip (--withdraw takes the vote back).
    Vote(items::VoteArgs),
    /// Change the text of your own tip, question, learned entry or answer.
    Edit(items::EditArgs),
    /// Delete your own tip, question, learned entry or answer.
    Delete(items::DeleteArgs),
    /// Manage lessons.
    #[command(subcommand)]
    Lessons(lessons::LessonsCommand),
    /// Bring know-how in: tldr pages, navi cheatsheets, a team's FAQ.
    #[command(subcommand)]
    Knowhow(knowhow::KnowhowCommand),
    /// Show or edit your profile: what you want to learn and can help with.
    Me(me::MeArgs),
    /// Write a full, lossless JSON backup to standard output.
    Export(backup::ExportArgs),
    /// Restore a JSON backup into a new, empty database.
    Import(backup::ImportArgs),
    /// Check the database: path, permissions, journal mode, integrity.
    Doctor(doctor::DoctorArgs),
    /// Make a new database (reads never create one).
    Init(init::InitArgs),
    /// Keep a colleague's tip as one of your review cards.
    Remember(engine::RememberArgs),
    /// Review your cards (spaced repetition).
    Review(engine::ReviewArgs),
    /// Accept an answer to your question.
    Accept(engine::AcceptArgs),
    /// Mark a colleague's pledged minutes on your question as given.
    Helped(engine::HelpedArgs),
    /// Who wants to learn what, who can help, open questions by backing.
    Team(engine::TeamArgs),
    /// What you (or the team) learned over time.
    Insights(engine::InsightsArgs),
    /// Open a demo, or fill a database with synthetic items (--fill N).
    Demo(demo::DemoArgs),
    /// One short learning nudge for a status bar, or nothing.
    Nudge(nudge::NudgeArgs),
    /// Print the tmux configuration: pane key, capture popup, status nudge.
    Tmux(tmux::TmuxArgs),
    /// Shared-terminal mode: badge or name to log in, idle logout, admin PIN to leave.
    Kiosk(kiosk::KioskArgs),
    /// Print shell completions: bash, zsh or fish.
    Completions(docs::CompletionsArgs),
    /// Print the manual page (or write one per command with --dir).
    Man(docs::ManArgs),
    /// Send the writes that wait in the outbox (database busy, server away) now.
    Sync(sync::SyncArgs),
    /// The team server (PostgreSQL): set it up, add people and kiosks.
    #[command(subcommand)]
    Server(server::ServerCommand),
    /// Wish to learn something, in your own words; prints its id (w12).
    Wish(wish::WishArgs),
    /// Wishes of the team (yours too), newest first: `wish list`.
    Wishes(wish::ListArgs),
    /// Give from your budget to a wish: an amount, --hours, or both.
    Fund(budget::FundArgs),
    /// Your learning budget: pots, what you gave, what is free.
    Budget(budget::BudgetArgs),
    /// Vouchers: admins issue codes, you redeem one into your budget.
    #[command(subcommand)]
    Voucher(voucher::VoucherCommand),
}

/// A failure with its exit code: 2 for bad input, 1 for everything else.
#[derive(Debug, Error)]
#[error("{message}")]
pub struct CliError {
    pub code: u8,
    pub message: String,
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            code: 2,
            message: message.into(),
        }
    }

    pub fn failure(message: impl Into<String>) -> Self {
        CliError {
            code: 1,
            message: message.into(),
        }
    }

    /// Puts `what` (a file name, say) in front of the message.
    pub fn prefixed(self, what: &str) -> Self {
        CliError {
            message: format!("{what}: {}", self.message),
            ..self
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        let code = if e.is_user_error() { 2 } else { 1 };
        CliError {
            code,
            message: crate::i18n::store_error(&e),
        }
    }
}

impl From<ValidationError> for CliError {
    fn from(e: ValidationError) -> Self {
        CliError::usage(crate::i18n::invalid(&e))
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> Self {
        CliError::usage(e.to_string())
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

/// Who is acting on which database, resolved once from flags, environment,
/// config and defaults.
#[derive(Debug, Clone)]
pub struct Context {
    pub db: PathBuf,
    pub user: String,
    /// `--user` named the person on a database file (not the login, nor
    /// a `LEERTUIN_USER` set once): a handle typed, which may be a typo.
    pub user_named: bool,
    pub config: Config,
    pub theme: ThemeChoice,
    /// The database file as opened to read the person's language, kept for
    /// the command's first read: a second connection parses the whole
    /// schema again, a third of `show`'s work at any size.
    kept: Kept,
}

/// A store opened once and handed on once (`Context::read`).
#[derive(Clone, Default)]
struct Kept(std::rc::Rc<std::cell::RefCell<Option<Box<dyn Store>>>>);

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept")
    }
}

impl Context {
    pub fn resolve(cli: &Cli) -> CliResult<Context> {
        let config = Config::load()?;
        let db = cli
            .db
            .clone()
            .or_else(|| config.db.clone())
            .unwrap_or_else(paths::default_db);
        let user = match Spec::parse(&db) {
            // On the team server a person is their login role.
            // A kiosk logs people in itself: --user does not apply there.
            Spec::Server(url) if matches!(&cli.command, Some(Command::Kiosk(k)) if k.command.is_none()) => {
                server_user(&url, None)?
            }
            Spec::Server(url) => server_user(&url, cli.user.as_deref()).map_err(|e| {
                // Refused before any profile is read: in the environment's language.
                crate::i18n::set(crate::i18n::choose_in(None, config.lang.as_deref()));
                CliError::from(e)
            })?,
            Spec::File(_) => cli.user.clone().unwrap_or_else(paths::os_user),
        };
        if user.trim().is_empty() {
            return Err(CliError::usage(t!("cli.user-empty")));
        }
        // The path is printed (doctor, errors) and no real one holds a
        // control character: refused rather than shown to a terminal.
        let shown = db.to_string_lossy();
        if !crate::domain::text::is_clean(&shown) {
            return Err(CliError::usage(t!(
                "cli.db-controls",
                path = crate::domain::text::one_line(&shown)
            )));
        }
        // Typed with `--user` for this command, not the standing
        // `LEERTUIN_USER` of a person's environment.
        let user_named = matches!(Spec::parse(&db), Spec::File(_))
            && cli.user.is_some()
            && std::env::var("LEERTUIN_USER").ok() != cli.user;
        Ok(Context {
            db,
            user,
            user_named,
            config,
            theme: cli.theme,
            kept: Kept::default(),
        })
    }

    /// The database as the store factory reads it (`sqlite:PATH`, a path,
    /// or a team server URL).
    pub fn spec(&self) -> Spec {
        Spec::parse(&self.db)
    }

    /// Opens the database to write, creating it if missing: for the
    /// commands that store something.
    /// A damaged database is refused here, before anything is written
    /// (checked whole unless it is as the last check left it: `checked.rs`).
    pub fn open(&self) -> CliResult<Box<dyn Store>> {
        self.check_identity()?;
        Ok(checked::open(&self.spec())?)
    }

    /// Opens an existing database to read: a missing one is an error naming
    /// the path, never a new file.
    pub fn read(&self) -> CliResult<Box<dyn Store>> {
        if let Some(store) = self.kept.0.borrow_mut().take() {
            return Ok(store);
        }
        self.open_as(Mode::Read)
    }

    fn open_as(&self, mode: Mode) -> CliResult<Box<dyn Store>> {
        self.check_identity()?;
        Ok(store::open(&self.spec(), mode)?)
    }

    /// Refuses `--user` naming someone else on a database file this person
    /// does not own (see [`store::check_identity`]).
    pub fn check_identity(&self) -> CliResult {
        // The login name only where it decides (a file someone else owns).
        Ok(store::check_identity(
            &self.spec(),
            &self.user,
            paths::login_name,
        )?)
    }

    /// What the pane needs to run for this person; refused like [`open`]
    /// when `--user` names someone else on a shared file.
    ///
    /// [`open`]: Context::open
    pub fn launch(&self) -> CliResult<crate::tui::Launch> {
        self.check_identity()?;
        Ok(self.launch_as_anyone())
    }

    /// The pane's setup without the identity check: the kiosk logs people
    /// in itself, and the demo runs on its own throw-away file.
    pub fn launch_as_anyone(&self) -> crate::tui::Launch {
        crate::tui::Launch {
            spec: self.spec(),
            user: self.user.clone(),
            config: self.config.clone(),
            theme: self.theme,
        }
    }

    /// Speaks the person's language from now on: their profile's, else
    /// `LEERTUIN_LANG`, config.toml, the system locale. The profile is read
    /// from an existing database only, read-only, so a command that refuses
    /// its input still creates no file; any failure leaves the language of
    /// the environment (the command itself reports the real problem).
    ///
    /// `for_reading`: the command only reads (`show`, `search`, `list`).
    /// Then a file this person may read as `--user` is opened as `read`
    /// opens it, and the connection kept for the command (on a file a read
    /// waits for nothing but a crashed writer's recovery). Otherwise, and
    /// on a team server, the language is read on a connection of its own
    /// with a short wait (a server that is down does not hold it up),
    /// closed at once: a writer should be the last to close a file, which
    /// then folds its write-ahead log in and removes it.
    pub fn speak_profile_language(&self, for_reading: bool) {
        let spec = self.spec();
        let keep = for_reading && matches!(spec, Spec::File(_)) && self.check_identity().is_ok();
        let store = if keep {
            store::open(&spec, Mode::Read)
        } else {
            store::open_with(&spec, Mode::Read, std::time::Duration::from_millis(100))
        }
        .ok();
        let profile = store
            .as_ref()
            .and_then(|store| store.person(&self.user).ok())
            .flatten()
            .and_then(|person| person.lang);
        if keep {
            *self.kept.0.borrow_mut() = store;
        }
        crate::i18n::set(crate::i18n::choose_in(
            profile.as_deref(),
            self.config.lang.as_deref(),
        ));
    }
}

/// Who acts on a team server: its login role. `--user` (or
/// `LEERTUIN_USER`) naming anyone else is refused, not ignored.
fn server_user(url: &str, given: Option<&str>) -> Result<String, StoreError> {
    let login = store::server_url(url)?.user().to_string();
    match given {
        Some(user) if user != login => Err(StoreError::NotYourLogin {
            user: user.to_string(),
            login,
        }),
        _ => Ok(login),
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> CliResult {
    // The environment's language until the config and profile are read:
    // the first refusals come before that.
    crate::i18n::set(crate::i18n::choose(None));
    // A status line must never show an error, not even for a broken config.
    if let Some(Command::Nudge(a)) = &cli.command {
        return nudge::run(&cli, a);
    }
    // Made from the command line's definition alone: no config, no database.
    match cli.command {
        Some(Command::Completions(a)) => return docs::completions(a),
        Some(Command::Man(a)) => return docs::man(a),
        _ => {}
    }
    if cli.search.is_some() && cli.command.is_some() {
        return Err(CliError::usage(t!("cli.search-no-command")));
    }
    let ctx = Context::resolve(&cli)?;
    let Some(command) = cli.command else {
        // The pane draws its first frame in the environment's language and
        // reads the profile after it.
        crate::i18n::set(crate::i18n::choose_in(None, ctx.config.lang.as_deref()));
        return crate::cli::open_pane(&ctx, cli.search.as_deref());
    };
    // The popup too speaks the profile's language: reading it costs one
    // read-only query, well inside the popup's first-frame budget.
    ctx.speak_profile_language(matches!(
        command,
        Command::Show(_) | Command::Search(_) | Command::List(_)
    ));
    if let Some(code) = &ctx.config.currency {
        crate::domain::money::set_currency(code);
    }
    let given = tmux::Given {
        db: cli.db.clone(),
        user: cli.user.clone(),
        theme: cli.theme,
    };
    match command {
        Command::Add(a) => items::add(&ctx, a),
        Command::Capture(a) => capture::run(&ctx, a),
        Command::List(a) => items::list(&ctx, a),
        Command::Show(a) => items::show(&ctx, a),
        Command::Search(a) => items::search(&ctx, a),
        Command::Answer(a) => items::answer(&ctx, a),
        Command::Back(a) => items::back(&ctx, a),
        Command::Vote(a) => items::vote(&ctx, a),
        Command::Edit(a) => items::edit(&ctx, a),
        Command::Delete(a) => items::delete(&ctx, a),
        Command::Lessons(c) => lessons::run(&ctx, c),
        Command::Knowhow(c) => knowhow::run(&ctx, c),
        Command::Me(a) => me::run(&ctx, a),
        Command::Export(a) => backup::export(&ctx, a),
        Command::Import(a) => backup::import(&ctx, a),
        Command::Doctor(a) => doctor::run(&ctx, a),
        Command::Init(a) => init::run(&ctx, a),
        Command::Demo(a) => demo::run(&ctx, a, cli.db.as_deref()),
        Command::Remember(a) => engine::remember(&ctx, a),
        Command::Review(a) => engine::review(&ctx, a),
        Command::Accept(a) => engine::accept(&ctx, a),
        Command::Helped(a) => engine::helped(&ctx, a),
        Command::Team(a) => engine::team(&ctx, a),
        Command::Insights(a) => engine::insights(&ctx, a),
        // Answered above, before the context is resolved.
        Command::Nudge(_) | Command::Completions(_) | Command::Man(_) => Ok(()),
        Command::Tmux(a) => tmux::run(&ctx, &given, a),
        Command::Kiosk(a) => kiosk::run(&ctx, a),
        Command::Server(c) => server::run(&ctx, c),
        Command::Sync(a) => sync::run(&ctx, a),
        Command::Wish(a) => wish::run(&ctx, a),
        Command::Wishes(a) => wish::list(&ctx, a),
        Command::Fund(a) => budget::fund(&ctx, a),
        Command::Budget(a) => budget::run(&ctx, a),
        Command::Voucher(c) => voucher::run(&ctx, c),
    }
}

/// `leertuin` with no command: the learning pane.
fn open_pane(ctx: &Context, search: Option<&str>) -> CliResult {
    crate::tui::run(&ctx.launch()?, search).map_err(tui_error)
}

fn tui_error(e: crate::tui::TuiError) -> CliError {
    use crate::tui::TuiError;
    match e {
        TuiError::Store(e) => CliError::from(e),
        TuiError::Keys(_) | TuiError::Config(_) => CliError::usage(e.to_string()),
        other => CliError::failure(other.to_string()),
    }
}

/// `leertuin review` without options: the pane's review session in a
/// terminal; the plain line-by-line session when piped or scripted.
fn open_review(ctx: &Context) -> CliResult {
    use std::io::IsTerminal;
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        return engine::session(ctx);
    }
    crate::tui::run_review(&ctx.launch()?).map_err(tui_error)
}

/// Joins words given on the command line into one text; `-` reads stdin.
pub(crate) fn text_arg(words: &[String]) -> CliResult<String> {
    if words.len() == 1 && words[0] == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| CliError::usage(format!("cannot read standard input: {e}")))?;
        return Ok(text);
    }
    Ok(words.join(" "))
}

/// Prints a value as pretty JSON.
pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> CliResult {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::failure(format!("cannot write JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

/// Flag shared by every command that can print JSON.
#[derive(Debug, Args, Clone, Copy)]
pub struct JsonFlag {
    /// Print JSON (stable format, see README.md).
    #[arg(long)]
    pub json: bool,
}
