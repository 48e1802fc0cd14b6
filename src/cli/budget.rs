//! `leertuin fund` (give from your budget to a wish), `leertuin budget`
//! (your pots, what you gave to whom, what is free) and what admins do:
//! `budget grant`, `budget match`. Who is an admin on a database file: the
//! `admins` of the system config.

use chrono::Datelike;
use clap::{Args, Subcommand};

use super::wish::{Names, wish_id, wishes};
use super::{CliError, CliResult, Context, JsonFlag, print_json};
use crate::domain::ledger::{Budget, Entry, EntryKind};
use crate::domain::money::{self, parse_amount, parse_hours};
use crate::domain::wish::{WishError, WishId, is_admin, parse_date};
use crate::store::{Fund, Grant, MatchRule, Spec, Store, StoreError};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  leertuin fund w12 100\n  leertuin fund w12 --hours 2 --note \"Succes!\"\n  leertuin fund w12 50,50 --from werkgever"
)]
pub struct FundArgs {
    /// The wish, e.g. w12.
    pub wish: String,
    /// How much money: 100, 100,50 or €100.
    #[arg(allow_negative_numbers = true)]
    pub amount: Option<String>,
    /// How many of your hours: 2 or 1,5.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub hours: Option<String>,
    /// A line for the person whose wish it is.
    #[arg(long)]
    pub note: Option<String>,
    /// Only from this pot (else from the money that lapses first).
    #[arg(long, value_name = "SOURCE")]
    pub from: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  leertuin budget\n  leertuin budget --json\n  leertuin budget log\n  leertuin budget grant anna 500 --hours 16 --source werkgever --year 2027 --expires 2027-12-31\n  leertuin budget grant nieuwe-collega 250 --source werkgever --new\n  leertuin budget match --source werkgever --percent 100 --cap 2000"
)]
pub struct BudgetArgs {
    #[command(subcommand)]
    pub command: Option<BudgetCommand>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    /// Every entry of your budget: who, when, why, how much.
    Log(LogArgs),
    /// (admins) Give a person budget from a pot.
    Grant(GrantArgs),
    /// (admins) Add to every gift to a colleague's wish from a pot, up to a cap.
    Match(MatchArgs),
}

#[derive(Debug, Args)]
pub struct LogArgs {
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct GrantArgs {
    /// Who gets it (their login name).
    pub person: String,
    /// How much money: 500 or 500,00.
    #[arg(allow_negative_numbers = true)]
    pub amount: Option<String>,
    /// How many hours.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub hours: Option<String>,
    /// The pot: werkgever, O&O-fonds, persoonlijk, … (needed; asked after
    /// the admin check, so a non-admin hears that first).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// The budget year (default: this year).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// The last day the money can be given (YYYY-MM-DD); what is left lapses.
    #[arg(long, value_name = "DATE")]
    pub expires: Option<String>,
    /// Why.
    #[arg(long)]
    pub note: Option<String>,
    /// The person is new here: make them (else an unknown name is refused,
    /// so a typo never gets a budget).
    #[arg(long)]
    pub new: bool,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// The pot the matching money comes from (needed).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// How much is added per 100 given: 100 means €1 per €1 (0 stops it).
    #[arg(long, default_value_t = 100)]
    pub percent: i64,
    /// The most the rule adds in all (needed).
    #[arg(long, value_name = "AMOUNT")]
    pub cap: Option<String>,
}

fn wish_err(e: WishError) -> CliError {
    CliError::from(StoreError::Wish(e))
}

fn dutch() -> bool {
    crate::i18n::lang() == "nl"
}

/// `€100 and 2 hours`, `€100`, `2 hours`, as much as is there.
pub(crate) fn amount(cents: i64, minutes: i64, _nl: bool) -> String {
    crate::i18n::amount(cents, minutes)
}

pub fn fund(ctx: &Context, a: FundArgs) -> CliResult {
    let id = wish_id(&a.wish)?;
    if let Some(said) = hours_as_amount(id, a.amount.as_deref()) {
        return Err(said);
    }
    let cents = a.amount.as_deref().map(parse_amount).transpose();
    let minutes = a.hours.as_deref().map(parse_hours).transpose();
    let cents = cents.map_err(wish_err)?.unwrap_or(0);
    let minutes = minutes.map_err(wish_err)?.unwrap_or(0);
    if cents == 0 && minutes == 0 {
        return Err(wish_err(WishError::NothingToGive));
    }
    let store = ctx.open()?;
    let w = wishes(&*store)?;
    let written = w.fund(&Fund {
        wish: id,
        person: ctx.user.clone(),
        cents,
        minutes,
        note: a.note,
        from: a.from,
    });
    let written = match written {
        // A gift to a closed wish: why it takes none, not that it "cannot
        // change any more".
        Err(StoreError::Wish(WishError::NotOpen { wish, state })) => {
            let state = crate::i18n::wish_state(state);
            return Err(CliError::usage(t!(
                "budget.closed",
                id = wish,
                state = state
            )));
        }
        other => other?,
    };
    let nl = dutch();
    let sources: Vec<&str> = written
        .iter()
        .filter(|e| e.kind == EntryKind::Contribution)
        .map(|e| e.source.as_str())
        .collect();
    println!(
        "{}",
        t!(
            "budget.gave",
            amount = amount(cents, minutes, nl),
            id = id,
            sources = sources.join(", ")
        )
    );
    for m in written.iter().filter(|e| e.kind == EntryKind::Match) {
        println!(
            "{}",
            t!(
                "budget.matched",
                source = m.source,
                amount = money::show(-m.cents, nl)
            )
        );
    }
    let today = crate::domain::now().date_naive();
    let left = w.budget(&ctx.user, today)?;
    println!(
        "{}",
        t!(
            "budget.left",
            amount = both(
                left.free_cents,
                left.free_minutes,
                left.pots.iter().any(|p| p.granted_minutes > 0)
            )
        )
    );
    Ok(())
}

/// Hours typed where the amount goes (`fund w2 2u`): the one line that
/// says how to give them (`--hours 2`), instead of "bad amount".
fn hours_as_amount(id: WishId, typed: Option<&str>) -> Option<CliError> {
    let typed = typed?;
    let minutes = money::parse_hours_word(typed)?.ok()?;
    let n = money::show_hours(minutes, dutch());
    let said = t!("budget.hours-flag", typed = typed.trim(), n = n, id = id);
    Some(CliError::usage(said))
}

/// Money, and hours when the person has hours at all.
fn both(cents: i64, minutes: i64, with_hours: bool) -> String {
    if with_hours {
        t!(
            "budget.and",
            a = money::show(cents, dutch()),
            b = crate::i18n::hours(minutes, dutch())
        )
        .into_owned()
    } else {
        money::show(cents, dutch())
    }
}

pub fn run(ctx: &Context, a: BudgetArgs) -> CliResult {
    match a.command {
        Some(BudgetCommand::Log(l)) => log(ctx, l),
        Some(BudgetCommand::Grant(g)) => grant(ctx, g),
        Some(BudgetCommand::Match(m)) => set_match(ctx, m),
        None => show(ctx, a.json.json),
    }
}

fn show(ctx: &Context, json: bool) -> CliResult {
    let store = ctx.read()?;
    let today = crate::domain::now().date_naive();
    let b = wishes(&*store)?.budget(&ctx.user, today)?;
    if b.pots.is_empty() && b.gifts.is_empty() {
        known_viewer(ctx, &*store)?;
    }
    if json {
        return print_json(&b);
    }
    print_budget(&b, &Names::of(&*store));
    Ok(())
}

fn print_budget(b: &Budget, names: &Names) {
    let nl = dutch();
    let hours = b.pots.iter().any(|p| p.granted_minutes > 0);
    println!("{}", t!("budget.title", person = names.name(&b.person)));
    if b.pots.is_empty() {
        println!("  {}", t!("budget.none"));
    }
    for p in &b.pots {
        println!(
            "  {:<14} {}",
            p.source,
            t!(
                "budget.pot",
                granted = both(p.granted_cents, p.granted_minutes, p.granted_minutes > 0),
                free = both(p.free_cents, p.free_minutes, p.granted_minutes > 0)
            )
        );
        if let Some(day) = p.lapsing_on
            && (p.lapsing_cents > 0 || p.lapsing_minutes > 0)
        {
            println!(
                "  {:<14} {}",
                "",
                t!(
                    "budget.lapses",
                    amount = amount(p.lapsing_cents, p.lapsing_minutes, nl),
                    day = crate::i18n::long_date(day)
                )
            );
        }
        if p.lapsed_cents > 0 || p.lapsed_minutes > 0 {
            println!(
                "  {:<14} {}",
                "",
                t!(
                    "budget.lapsed",
                    amount = amount(p.lapsed_cents, p.lapsed_minutes, nl)
                )
            );
        }
    }
    if !b.gifts.is_empty() {
        println!("{}", t!("budget.gifts"));
        for g in &b.gifts {
            println!(
                "  {} {} ({}) · {} · {}",
                g.wish,
                g.text,
                names.name(&g.owner),
                amount(g.cents, g.minutes, nl),
                super::wish::state_word(g.state)
            );
        }
    }
    println!(
        "{}",
        t!(
            "budget.reserved",
            amount = both(b.reserved_cents, b.reserved_minutes, hours)
        )
    );
    println!(
        "{}",
        t!(
            "budget.spent",
            amount = both(b.spent_cents, b.spent_minutes, hours)
        )
    );
    println!(
        "{}",
        t!(
            "budget.free",
            amount = both(b.free_cents, b.free_minutes, hours)
        )
    );
}

fn log(ctx: &Context, a: LogArgs) -> CliResult {
    let store = ctx.read()?;
    let entries = wishes(&*store)?.entries(Some(&ctx.user))?;
    if a.json.json {
        return print_json(&entries);
    }
    let names = Names::of(&*store);
    // The person's own pots; what others gave to their wishes apart.
    let (own, others): (Vec<&Entry>, Vec<&Entry>) = entries
        .iter()
        .partition(|e| e.person.as_deref() == Some(ctx.user.as_str()));
    if own.is_empty() {
        if entries.is_empty() {
            known_viewer(ctx, &*store)?;
        }
        println!("{}", t!("budget.none"));
    }
    for e in own {
        println!("{}", log_line(e, &names));
    }
    super::budget_log::print_to_your_wishes(&others, &names);
    Ok(())
}

/// `2027-01-05  contribution  -€100  werkgever  w3  by Anna de Vries  "Succes!"`:
/// people by their display name, as `budget` names them (JSON keeps handles).
fn log_line(e: &Entry, names: &Names) -> String {
    let nl = dutch();
    let sign = if e.cents < 0 || e.minutes < 0 {
        "-"
    } else {
        "+"
    };
    let mut parts = vec![
        e.at.format("%Y-%m-%d").to_string(),
        kind_word(e.kind),
        format!("{sign}{}", amount(e.cents, e.minutes, nl)),
        e.source.clone(),
    ];
    if let Some(w) = e.wish {
        parts.push(w.to_string());
    }
    parts.push(t!("budget.by", who = names.name(&e.by)).into_owned());
    if let Some(n) = &e.note {
        parts.push(format!("\"{n}\""));
    }
    parts.join("  ")
}

fn kind_word(k: EntryKind) -> String {
    match k {
        EntryKind::Grant => t!("budget.kind.grant"),
        EntryKind::Redemption => t!("budget.kind.redemption"),
        EntryKind::Contribution => t!("budget.kind.contribution"),
        EntryKind::Refund => t!("budget.kind.refund"),
        EntryKind::Match => t!("budget.kind.match"),
    }
    .into_owned()
}

/// Refuses, before anything is opened, anyone a database file's system
/// config does not name in `admins` (so a refusal creates no file). The
/// team server decides when asked ([`open_as_admin`]).
pub(crate) fn require_admin(ctx: &Context) -> CliResult {
    match ctx.spec() {
        Spec::File(_) if !is_admin(&ctx.config.admins, &ctx.user) => {
            Err(wish_err(WishError::NotAdmin))
        }
        _ => Ok(()),
    }
}

/// The store, for an admin only: on the team server, a member of the
/// database role `leertuin_admin`; on a file, one the config names.
pub(crate) fn open_as_admin(ctx: &Context) -> CliResult<Box<dyn Store>> {
    require_admin(ctx)?;
    let store = ctx.open()?;
    if !wishes(&*store)?.is_admin(&ctx.user, &ctx.config.admins)? {
        return Err(wish_err(WishError::NotAdmin));
    }
    Ok(store)
}

/// The admin check before anything else an admin command checks, so a
/// non-admin hears "only an admin" whatever else is wrong with what they
/// typed. A file's config answers before anything is opened (a refusal
/// creates no file, and an admin's typo opens none); the team server is
/// asked at once, and its store is kept for the write. Then
/// [`AdminFirst::store`] gives the store.
pub(crate) struct AdminFirst(Option<Box<dyn Store>>);

impl AdminFirst {
    pub(crate) fn check(ctx: &Context) -> CliResult<AdminFirst> {
        require_admin(ctx)?;
        match ctx.spec() {
            Spec::File(_) => Ok(AdminFirst(None)),
            _ => open_as_admin(ctx).map(|s| AdminFirst(Some(s))),
        }
    }

    /// The store to write to, once the input is checked.
    pub(crate) fn store(self, ctx: &Context) -> CliResult<Box<dyn Store>> {
        match self.0 {
            Some(store) => Ok(store),
            None => open_as_admin(ctx),
        }
    }
}

/// A flag an admin command needs, said in the one line clap would say
/// ("missing: --source <NAME>"): it is optional to clap so that the
/// admin check comes first.
pub(crate) fn needed(value: Option<String>, flag: &str) -> CliResult<String> {
    value.ok_or_else(|| CliError::usage(t!("usage.missing", args = flag)))
}

fn grant(ctx: &Context, a: GrantArgs) -> CliResult {
    let admin = AdminFirst::check(ctx)?;
    let source = needed(a.source, "--source <NAME>")?;
    let cents = a.amount.as_deref().map(parse_amount).transpose();
    let minutes = a.hours.as_deref().map(parse_hours).transpose();
    let cents = cents.map_err(wish_err)?.unwrap_or(0);
    let minutes = minutes.map_err(wish_err)?.unwrap_or(0);
    if cents == 0 && minutes == 0 {
        return Err(wish_err(WishError::NothingToGive));
    }
    let expires = a.expires.as_deref().map(parse_date).transpose();
    let expires = expires.map_err(wish_err)?;
    let today = crate::domain::now().date_naive();
    if let Some(end) = expires
        && end < today
    {
        return Err(wish_err(WishError::Expired(end)));
    }
    let year = a.year.unwrap_or(today.year());
    if !(2000..=2200).contains(&year) {
        return Err(wish_err(WishError::BadYear(year)));
    }
    let store = admin.store(ctx)?;
    if !a.new {
        known_person(&*store, &a.person)?;
    }
    let names = Names::of(&*store);
    let e = wishes(&*store)?.grant(&Grant {
        person: a.person,
        by: ctx.user.clone(),
        source,
        cents,
        minutes,
        year: Some(year),
        expires,
        note: a.note,
    })?;
    println!(
        "{}",
        t!(
            "budget.granted",
            person = names.name(&e.person.unwrap_or_default()),
            amount = amount(cents, minutes, dutch()),
            source = e.source
        )
    );
    Ok(())
}

/// A grant goes into an append-only ledger: a typo (`hnek`) would give
/// money to a person nobody is, for good. So the handle must be one the
/// store knows; the refusal names the handles that are close to it.
fn known_person(store: &dyn Store, typed: &str) -> CliResult {
    let handle = crate::domain::validate::handle(typed)?;
    let handles: Vec<String> = store.persons()?.into_iter().map(|p| p.handle).collect();
    if handles.contains(&handle) {
        return Ok(());
    }
    let close = crate::domain::near::close_to(&handle, &handles);
    let said = if close.is_empty() {
        t!("budget.unknown-person", person = handle)
    } else {
        t!(
            "budget.unknown-person.close",
            person = handle,
            close = close.join(", ")
        )
    };
    Err(CliError::usage(said))
}

/// `--user` naming a handle nobody has, with nothing in its budget: most
/// likely a typo, which an empty budget would hide. Refused, naming the
/// handles close to it. Without `--user` the person is the one logged in
/// (or `LEERTUIN_USER`), who may simply have no budget yet.
fn known_viewer(ctx: &Context, store: &dyn Store) -> CliResult {
    if !ctx.user_named {
        return Ok(());
    }
    let handles: Vec<String> = store.persons()?.into_iter().map(|p| p.handle).collect();
    if handles.contains(&ctx.user) {
        return Ok(());
    }
    let close = crate::domain::near::close_to(&ctx.user, &handles);
    let said = if close.is_empty() {
        t!("budget.no-such-person", person = ctx.user)
    } else {
        t!(
            "budget.no-such-person.close",
            person = ctx.user,
            close = close.join(", ")
        )
    };
    Err(CliError::usage(said))
}

fn set_match(ctx: &Context, a: MatchArgs) -> CliResult {
    let admin = AdminFirst::check(ctx)?;
    let source = needed(a.source, "--source <NAME>")?;
    let cap = needed(a.cap, "--cap <AMOUNT>")?;
    if !(0..=1000).contains(&a.percent) {
        return Err(CliError::usage(t!("budget.bad-percent", n = a.percent)));
    }
    let cap = parse_amount(&cap).map_err(wish_err)?;
    let store = admin.store(ctx)?;
    wishes(&*store)?.set_match(&MatchRule {
        source: source.clone(),
        percent: a.percent,
        cap_cents: cap,
        by: ctx.user.clone(),
    })?;
    println!(
        "{}",
        t!(
            "budget.match-set",
            source = source,
            // A percentage of each euro given is that many cents per euro.
            per = money::show(a.percent, dutch()),
            one = money::show(100, dutch()),
            cap = money::show(cap, dutch())
        )
    );
    Ok(())
}
