//! `leertuin wish`: a wish of one's own, in one's own words; `wish list`
//! (also `leertuin wishes`), `wish show`, `wish done`, `wish withdraw`.

use clap::{Args, Subcommand};

use super::{CliError, CliResult, Context, JsonFlag, print_json, text_arg};
use crate::domain::Brought;
use crate::domain::ledger::Entry;
use crate::domain::money::{self, parse_amount, parse_hours};
use crate::domain::wish::{Finish, NewWish, Wish, WishId, WishQuery, WishState};
use crate::store::{Store, Wishes};

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Examples:\n  leertuin wish \"Heftruckcertificaat halen\" --cost 350 --hours 8 -t heftruck\n  leertuin wish \"Leren zwemmen\" -t life --private\n  leertuin wish list\n  leertuin wish done w12 --reflection \"Geslaagd!\" --brought work\n  leertuin wish withdraw w12"
)]
pub struct WishArgs {
    #[command(subcommand)]
    pub command: Option<WishCommand>,
    /// What you want to learn, in your own words; `-` reads standard input.
    #[arg(required = true, num_args = 1.., value_name = "TEXT")]
    pub text: Vec<String>,
    /// Why you want to learn it.
    #[arg(long)]
    pub why: Option<String>,
    /// What it costs in money: 350, 350,50 or €350.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true)]
    pub cost: Option<String>,
    /// How many hours it takes: 8 or 1,5.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub hours: Option<String>,
    /// A tag (repeatable, or comma-separated); `life` is as good as `sql`.
    #[arg(short = 't', long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only you see this wish.
    #[arg(long)]
    pub private: bool,
}

#[derive(Debug, Subcommand)]
pub enum WishCommand {
    /// Open wishes of the team (yours too), newest first.
    List(ListArgs),
    /// One wish: what it asks, what it got, from whom.
    Show(ShowArgs),
    /// Mark your wish done, with what it brought.
    Done(DoneArgs),
    /// Take your wish back: every contribution goes back to its giver.
    Withdraw(WithdrawArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only your own wishes.
    #[arg(long)]
    pub mine: bool,
    /// Only wishes with this tag.
    #[arg(short = 't', long = "tag", value_name = "TAG")]
    pub tag: Option<String>,
    /// Done and withdrawn wishes too.
    #[arg(long)]
    pub all: bool,
    /// At most this many.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The wish, e.g. w12.
    pub id: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// Your wish, e.g. w12.
    pub id: String,
    /// A line on how it went.
    #[arg(long)]
    pub reflection: Option<String>,
    /// What it brought: work, life, connection or meaning.
    #[arg(long, value_name = "WHAT")]
    pub brought: Option<String>,
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// Your wish, e.g. w12.
    pub id: String,
}

pub fn run(ctx: &Context, a: WishArgs) -> CliResult {
    match a.command {
        Some(WishCommand::List(l)) => list(ctx, l),
        Some(WishCommand::Show(s)) => show(ctx, s),
        Some(WishCommand::Done(d)) => done(ctx, d),
        Some(WishCommand::Withdraw(w)) => withdraw(ctx, w),
        None => add(ctx, a),
    }
}

/// The store's wishes, or the one-line reason there are none here.
pub(crate) fn wishes(store: &dyn Store) -> CliResult<&dyn Wishes> {
    store
        .wish_store()
        .ok_or_else(|| CliError::usage(t!("wish.not-here")))
}

pub(crate) fn wish_id(s: &str) -> CliResult<WishId> {
    s.parse::<WishId>()
        .map_err(|e| CliError::from(crate::store::StoreError::Wish(e)))
}

fn add(ctx: &Context, a: WishArgs) -> CliResult {
    let cost = a.cost.as_deref().map(parse_amount).transpose();
    let hours = a.hours.as_deref().map(parse_hours).transpose();
    let wish = NewWish {
        owner: ctx.user.clone(),
        text: text_arg(&a.text)?,
        why: a.why,
        cost_cents: cost.map_err(wish_err)?,
        minutes: hours.map_err(wish_err)?,
        tags: a.tags,
        private: a.private,
    };
    // Checked before opening: bad input never creates a file.
    wish.checked().map_err(wish_err)?;
    let store = ctx.open()?;
    let id = wishes(&*store)?.add_wish(&wish)?;
    println!("{id}");
    Ok(())
}

fn wish_err(e: crate::domain::wish::WishError) -> CliError {
    CliError::from(crate::store::StoreError::Wish(e))
}

/// `leertuin wishes` and `leertuin wish list`.
pub fn list(ctx: &Context, a: ListArgs) -> CliResult {
    let tag = a
        .tag
        .as_deref()
        .map(crate::domain::validate::tag)
        .transpose()?;
    let store = ctx.read()?;
    let query = WishQuery {
        owner: a.mine.then(|| ctx.user.clone()),
        tag,
        closed: a.all,
        limit: a.limit,
    };
    let found = wishes(&*store)?.list_wishes(&query, &ctx.user)?;
    if a.json.json {
        return print_json(&found);
    }
    if found.is_empty() {
        // None open, but some closed: that, not "no wishes yet".
        let closed = !a.all && {
            let all = WishQuery {
                closed: true,
                limit: 1,
                ..query
            };
            !wishes(&*store)?.list_wishes(&all, &ctx.user)?.is_empty()
        };
        let said = if closed {
            t!("wish.none-open")
        } else {
            t!("wish.none")
        };
        println!("{said}");
        return Ok(());
    }
    let names = Names::of(&*store);
    for w in &found {
        println!("{}", summary(w, &names));
    }
    Ok(())
}

fn dutch() -> bool {
    crate::i18n::lang() == "nl"
}

/// Display names by handle: the command line names people as the pane
/// does. Names are a courtesy here, so a store that cannot list people
/// leaves the handles.
pub(crate) struct Names(std::collections::HashMap<String, String>);

impl Names {
    pub(crate) fn of(store: &dyn crate::store::Store) -> Names {
        let persons = store.persons().unwrap_or_default();
        Names(persons.into_iter().map(|p| (p.handle, p.name)).collect())
    }

    pub(crate) fn name<'a>(&'a self, handle: &'a str) -> &'a str {
        self.0
            .get(handle)
            .map_or(handle, |n| crate::domain::model::shown(n, handle))
    }
}

/// `w3  Heftruck halen (Anna de Vries)  €250 of €350 · 6 of 8 hours · 3 gave · open`
pub(crate) fn summary(w: &Wish, names: &Names) -> String {
    let mut parts = vec![format!("{}  {} ({})", w.id, w.text, names.name(&w.owner))];
    let progress = progress(w);
    if !progress.is_empty() {
        parts.push(progress);
    }
    parts.push(state_word(w.state));
    if w.private {
        parts.push(t!("wish.private").into_owned());
    }
    parts.join(" · ")
}

/// `€250 of €350 · 6 of 8 hours · 3 gave`: what the wish has, of what it asks.
pub(crate) fn progress(w: &Wish) -> String {
    crate::i18n::wish_progress(w).join(" · ")
}

pub(crate) fn state_word(s: WishState) -> String {
    crate::i18n::wish_state(s)
}

fn show(ctx: &Context, a: ShowArgs) -> CliResult {
    let id = wish_id(&a.id)?;
    let store = ctx.read()?;
    let w = wishes(&*store)?.wish(id, &ctx.user)?;
    if a.json.json {
        return print_json(&w);
    }
    let names = Names::of(&*store);
    println!("{}", summary(&w, &names));
    if let Some(why) = &w.why {
        println!("{}: {why}", t!("wish.why"));
    }
    if !w.tags.is_empty() {
        println!("#{}", w.tags.join(" #"));
    }
    let nl = dutch();
    if w.state.is_open() && (w.needs_cents() > 0 || w.needs_minutes() > 0) {
        println!(
            "{}",
            t!(
                "wish.needs",
                amount = crate::i18n::amount(w.needs_cents(), w.needs_minutes())
            )
        );
    }
    if w.matched_cents > 0 {
        println!(
            "{}",
            t!("wish.matched", cents = money::show(w.matched_cents, nl))
        );
    }
    if !w.given_by.is_empty() {
        // Who gave how much: `bram €100 and 2 hours, anna €50`.
        let each: Vec<String> = w
            .given_by
            .iter()
            .map(|g| {
                let who = names.name(&g.person);
                format!("{who} {}", crate::i18n::amount(g.cents, g.minutes))
            })
            .collect();
        println!("{}: {}", t!("wish.given-by"), each.join(", "));
        // A gift's note is for the wish's owner: `  anna: "Succes Henk!"`.
        for g in &w.given_by {
            if let Some(note) = &g.note {
                println!("  {}: \"{note}\"", names.name(&g.person));
            }
        }
    }
    if let Some(r) = &w.reflection {
        println!("{}: {r}", t!("wish.reflection"));
    }
    if let Some(b) = w.brought {
        println!(
            "{}: {}",
            t!("wish.brought"),
            crate::i18n::brought_word(b.name())
        );
    }
    Ok(())
}

fn done(ctx: &Context, a: DoneArgs) -> CliResult {
    let id = wish_id(&a.id)?;
    let brought = match a.brought.as_deref() {
        None => None,
        Some(b) => Some(
            Brought::from_name(&b.trim().to_lowercase())
                .ok_or_else(|| CliError::usage(t!("wish.bad-brought", what = b)))?,
        ),
    };
    let finish = Finish {
        reflection: a.reflection,
        brought,
    };
    finish.checked().map_err(wish_err)?;
    let store = ctx.open()?;
    wishes(&*store)?.finish_wish(id, &ctx.user, &finish)?;
    println!("{}", t!("wish.done", id = id));
    Ok(())
}

fn withdraw(ctx: &Context, a: WithdrawArgs) -> CliResult {
    let id = wish_id(&a.id)?;
    let store = ctx.open()?;
    let refunds = wishes(&*store)?.withdraw_wish(id, &ctx.user)?;
    println!("{}", t!("wish.withdrawn", id = id));
    let names = Names::of(&*store);
    for r in &refunds {
        println!("  {}", refund_line(r, &names));
    }
    Ok(())
}

/// `€100 and 2 hours back to bram (werkgever)`.
fn refund_line(e: &Entry, names: &Names) -> String {
    let nl = dutch();
    let who = match &e.person {
        Some(handle) => names.name(handle).to_string(),
        None => t!("wish.match-rule", source = e.source).into_owned(),
    };
    t!(
        "wish.refund",
        amount = super::budget::amount(e.cents, e.minutes, nl),
        who = who,
        source = e.source
    )
    .into_owned()
}
