//! The learning pane (`leertuin`, `leertuin demo`): a ratatui + crossterm
//! TUI over the [`Store`](crate::store::Store) trait. No SQL up here.
//!
//! - [`app`]: state and the draw → event → update loop
//! - [`update`](update::update): what each [`action::Action`] does
//! - [`keys`]: the keymap, from which hints and help derive
//! - [`views`]: one file per tab or popup, drawn by reference
//! - [`theme`], [`markdown`], [`wrap`], [`input`], [`feed`]: helpers

pub mod action;
pub mod app;
pub mod around;
pub mod asked;
pub mod dispatch;
pub mod engine;
pub mod event;
pub mod event_loop;
pub mod feed;
pub mod feeds;
pub mod finder;
pub mod give_note;
pub mod gone;
pub mod hints;
pub mod indexer;
pub mod input;
pub mod integrity;
pub mod join;
pub mod keys;
pub mod loading;
pub mod markdown;
pub mod mouse;
pub mod own;
pub mod own_wish;
pub mod pane_loop;
pub mod pane_view;
pub mod panes;
pub mod popup;
pub mod say;
pub mod screen;
pub mod searching;
pub mod select;
pub mod send;
pub mod similar;
pub mod tabs;
pub mod theme;
pub mod update;
pub mod views;
pub mod voucher;
pub mod wake;
pub mod wish_form;
pub mod wish_offer;
pub mod wishes;
pub mod wrap;

pub use app::App;
pub use update::update;

use thiserror::Error;

use crate::config::Config;
use crate::store::{self, Mode, Spec, Store, StoreError};
use keys::{KeyError, KeyMap};
use theme::Theme;
use views::review::ReviewSettings;

use crate::domain::srs::DEFAULT_RETENTION;

#[derive(Debug, Error)]
pub enum TuiError {
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("terminal: {0}")]
    Terminal(#[from] std::io::Error),
    #[error("config.toml: {0}")]
    Config(String),
}

/// What the pane (and the kiosk) needs to run: where the data is, who is
/// looking, and their settings. The command line builds it; nothing up
/// here knows about the command line.
#[derive(Debug, Clone)]
pub struct Launch {
    pub spec: Spec,
    pub user: String,
    pub config: Config,
    pub theme: theme::ThemeChoice,
}

/// Opens the pane for `ctx.user` on `ctx.spec` and runs it until `q`; with
/// `search`, on a search for those words.
pub fn run(ctx: &Launch, search: Option<&str>) -> Result<(), TuiError> {
    run_with(ctx, Start::Pane(search))
}

/// The pane's store: made if missing (the pane is how most people start),
/// and opened read-only when this person may only read it, so they can
/// still browse; their captures then wait as drafts.
pub fn open_store(spec: &Spec) -> Result<Box<dyn Store>, StoreError> {
    open_store_as(spec, Mode::Create)
}

/// [`open_store`] in `mode`: the kiosk opens only an existing database
/// ([`Mode::Write`]): a new empty one where one was would lose everyone's
/// account and PIN, and let anyone claim their names.
pub fn open_store_as(spec: &Spec, mode: Mode) -> Result<Box<dyn Store>, StoreError> {
    match store::open(spec, mode) {
        Err(StoreError::ReadOnly | StoreError::StaleShm(_)) => store::open(spec, Mode::Read),
        other => other,
    }
}

/// [`open_store`] for the pane: a team server connects in the background
/// while the first frame says so.
fn open_pane_store(spec: &Spec) -> Result<Box<dyn Store>, StoreError> {
    match spec {
        Spec::Server(_) => store::open_soon(spec, Mode::Create),
        Spec::File(_) => open_store(spec),
    }
}

/// What the pane opens on.
enum Start<'a> {
    Pane(Option<&'a str>),
    Review,
}

/// `leertuin review`: the pane's review session on its own; leaving the
/// session leaves the program.
pub fn run_review(ctx: &Launch) -> Result<(), TuiError> {
    run_with(ctx, Start::Review)
}

fn run_with(ctx: &Launch, start: Start) -> Result<(), TuiError> {
    // Config mistakes are reported before the screen is taken over.
    let keys = KeyMap::from_config(&ctx.config.keys)?;
    let theme = Theme::choose(ctx.theme);
    let review_settings = review_settings(&ctx.config)?;
    let synonyms = ctx.config.synonyms().map_err(TuiError::Config)?;
    // A newcomer's first start makes the database; said once, so a pane
    // started on a mistyped or vanished path does not look like an empty
    // team.
    let new_file = ctx
        .spec
        .file()
        .filter(|p| !p.exists())
        .map(|p| p.to_path_buf());
    let store = open_pane_store(&ctx.spec)?;
    let mut app = App::new(store, &ctx.user, keys, theme);
    app.hide_knowhow(ctx.config.knowhow.show == Some(false));
    if let Some(path) = new_file {
        app.say(t!("status.new-database", path = path.display()));
    }
    if matches!(ctx.spec, Spec::Server(_)) {
        app.say(t!("pane.connecting"));
    }
    app.finder.indexer = Some(indexer::Indexer::new(ctx.spec.clone(), &ctx.user));
    app.finder.synonyms = synonyms;
    app.around = around::Around::from_env(ctx.config.lang.clone(), &ctx.spec);
    app.around.integrity = Some(integrity::IntegrityCheck::start(ctx.spec.clone()));
    app.use_outbox(crate::outbox::Outbox::user(), &ctx.spec);
    app.review_settings = review_settings;
    match start {
        Start::Review => {
            let mut review = engine::review_screen(&app)?;
            review.standalone = true;
            app.stack.push(app::Screen::Review(review));
        }
        Start::Pane(Some(query)) => app.open_search(query),
        Start::Pane(None) => {}
    }
    // ratatui::init installs a panic hook that restores the terminal; the
    // guard restores it on every other way out, errors included, and the
    // signal watchdog when a signal ends the process.
    crate::signals::install(crate::signals::Mode::Interactive, restore_terminal);
    let (mut terminal, restore) = init_terminal(true)?;
    // Ctrl-C quits at once, from an open form too: its text is kept as a
    // draft (offered at the next start), as a signal would keep it. Said
    // after the terminal is back, where the person can read it.
    let ended = pane_loop::run_loop(&mut terminal, &mut app);
    drop(restore);
    if let Some(path) = ended.kept {
        eprintln!("{}", t!("status.quit-kept", path = path.display()));
    }
    ended.ran?;
    Ok(())
}

/// `retention` and `review_buttons` from config.toml.
fn review_settings(config: &crate::config::Config) -> Result<ReviewSettings, TuiError> {
    let two_buttons = match config.review_buttons {
        None | Some(4) => false,
        Some(2) => true,
        Some(n) => {
            return Err(TuiError::Config(
                t!("config.review-buttons", n = n).into_owned(),
            ));
        }
    };
    Ok(ReviewSettings {
        retention: config.retention.unwrap_or(DEFAULT_RETENTION),
        two_buttons,
    })
}

/// Gives the terminal back: bracketed paste off, raw mode off, the normal
/// screen, the cursor shown. Errors are ignored: on a hung-up terminal
/// there is nothing left to restore, and this must never panic (the signal
/// watchdog calls it).
pub fn restore_terminal() {
    use crossterm::{cursor::Show, execute};
    event::disable_paste();
    event::disable_mouse();
    let _ = ratatui::try_restore();
    let _ = execute!(std::io::stdout(), Show);
}

/// Takes the terminal over for a screen (pane, popup, kiosk): raw mode,
/// the alternate screen, and bracketed paste, so pasted text arrives whole;
/// with `mouse`, clicks and the wheel too (the pane and the kiosk; the
/// popup leaves the mouse to tmux). The guard gives it all back, on
/// errors too.
pub fn init_terminal(mouse: bool) -> std::io::Result<(ratatui::DefaultTerminal, RestoreGuard)> {
    let terminal = ratatui::try_init()?;
    let guard = RestoreGuard;
    event::enable_paste()?;
    if mouse {
        event::enable_mouse()?;
    }
    Ok((terminal, guard))
}

/// Restores the terminal when dropped: on every way out of a loop.
pub struct RestoreGuard;

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}
