//! `leertuin voucher issue` (admins: codes printed once, kept hashed) and
//! `leertuin voucher redeem CODE` (into your own budget, once).

use clap::{Args, Subcommand};

use super::budget::{AdminFirst, amount, needed};
use super::wish::wishes;
use super::{CliError, CliResult, Context};
use crate::domain::money::{parse_amount, parse_hours};
use crate::domain::voucher;
use crate::domain::wish::{WishError, parse_date, source};
use crate::store::{StoreError, VoucherIssue};

/// The most vouchers one `issue` makes.
const MAX_COUNT: u32 = 1000;

#[derive(Debug, Subcommand)]
pub enum VoucherCommand {
    /// (admins) Make voucher codes of a value; each is printed once.
    #[command(
        after_help = "Examples:\n  leertuin voucher issue 250 --count 10 --source O&O-fonds --expires 2027-12-31"
    )]
    Issue(IssueArgs),
    /// Put a voucher into your own budget.
    #[command(after_help = "Examples:\n  leertuin voucher redeem K7QF-M2XD")]
    Redeem(RedeemArgs),
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// What each voucher is worth: 250 or 250,00.
    #[arg(allow_negative_numbers = true)]
    pub amount: Option<String>,
    /// Hours each voucher is worth.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub hours: Option<String>,
    /// How many vouchers.
    #[arg(long, default_value_t = 1)]
    pub count: u32,
    /// The pot the money comes from (needed; asked after the admin check).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// The last day a voucher (and the money from it) can be used.
    #[arg(long, value_name = "DATE")]
    pub expires: Option<String>,
}

#[derive(Debug, Args)]
pub struct RedeemArgs {
    /// The code, e.g. K7QF-M2XD (case and dashes do not matter).
    pub code: String,
}

fn wish_err(e: WishError) -> CliError {
    CliError::from(StoreError::Wish(e))
}

pub fn run(ctx: &Context, c: VoucherCommand) -> CliResult {
    match c {
        VoucherCommand::Issue(a) => issue(ctx, a),
        VoucherCommand::Redeem(a) => redeem(ctx, a),
    }
}

fn issue(ctx: &Context, a: IssueArgs) -> CliResult {
    let admin = AdminFirst::check(ctx)?;
    let pot = needed(a.source, "--source <NAME>")?;
    let cents = a.amount.as_deref().map(parse_amount).transpose();
    let minutes = a.hours.as_deref().map(parse_hours).transpose();
    let cents = cents.map_err(wish_err)?.unwrap_or(0);
    let minutes = minutes.map_err(wish_err)?.unwrap_or(0);
    if cents == 0 && minutes == 0 {
        return Err(wish_err(WishError::NothingToGive));
    }
    if a.count == 0 || a.count > MAX_COUNT {
        return Err(wish_err(WishError::BadCount(a.count)));
    }
    let expires = a.expires.as_deref().map(parse_date).transpose();
    let expires = expires.map_err(wish_err)?;
    if let Some(end) = expires
        && end < crate::domain::now().date_naive()
    {
        return Err(wish_err(WishError::Expired(end)));
    }
    let source = source(&pot).map_err(wish_err)?;
    let codes: Vec<String> = (0..a.count).map(|_| voucher::new_code()).collect();
    let hashes = codes
        .iter()
        .filter_map(|c| voucher::normalize(c))
        .map(|c| voucher::hash(&c))
        .collect();
    let store = admin.store(ctx)?;
    wishes(&*store)?.issue_vouchers(&VoucherIssue {
        by: ctx.user.clone(),
        source: source.clone(),
        cents,
        minutes,
        expires,
        hashes,
    })?;
    // The codes on standard output (to print or mail), the words beside them
    // on standard error.
    let each = amount(cents, minutes, crate::i18n::lang() == "nl");
    eprintln!(
        "{}",
        crate::i18n::plural(
            a.count,
            t!("voucher.issued.one", amount = each, source = source),
            t!(
                "voucher.issued.many",
                n = a.count,
                amount = each,
                source = source
            )
        )
    );
    for c in &codes {
        println!("{c}");
    }
    Ok(())
}

fn redeem(ctx: &Context, a: RedeemArgs) -> CliResult {
    // Not a code, or two at once: said before the store is asked, so no try.
    let code = voucher::read(&a.code).map_err(wish_err)?;
    let store = ctx.open()?;
    let today = crate::domain::now().date_naive();
    let e = wishes(&*store)?.redeem_voucher(&ctx.user, &voucher::hash(&code), today)?;
    println!(
        "{}",
        t!(
            "voucher.redeemed",
            amount = amount(e.cents, e.minutes, crate::i18n::lang() == "nl"),
            source = e.source
        )
    );
    Ok(())
}
