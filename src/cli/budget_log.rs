//! `budget log`'s second part: what colleagues and a matching rule gave to
//! the person's wishes, and what went back to them. Not the person's own
//! money, so not among their pots' lines: said as what it is ("anna gaf
//! € 100", "€ 50 terug naar de verdubbel-regel") under its own heading.

use super::budget::amount;
use super::wish::Names;
use crate::domain::ledger::{Entry, EntryKind};

/// The heading and one line an entry; nothing when there are none.
pub(crate) fn print_to_your_wishes(entries: &[&Entry], names: &Names) {
    if entries.is_empty() {
        return;
    }
    println!();
    println!("{}", t!("budget.log.to-wishes"));
    for e in entries {
        println!("{}", line(e, names));
    }
}

/// `2027-01-05  w1  anna gaf € 100  "Succes!"`
fn line(e: &Entry, names: &Names) -> String {
    let nl = crate::i18n::lang() == "nl";
    let how_much = amount(e.cents.abs(), e.minutes.abs(), nl);
    // A matching rule's money has no person.
    let who = match &e.person {
        Some(p) => names.name(p).to_string(),
        None => t!("budget.log.the-rule").into_owned(),
    };
    let what = match e.kind {
        EntryKind::Match => t!("budget.log.rule-added", amount = how_much),
        EntryKind::Refund => t!("budget.log.went-back", amount = how_much, who = who),
        _ => t!("budget.log.gave", who = who, amount = how_much),
    };
    let mut parts = vec![e.at.format("%Y-%m-%d").to_string()];
    if let Some(w) = e.wish {
        parts.push(w.to_string());
    }
    parts.push(what.into_owned());
    if let Some(n) = &e.note {
        parts.push(format!("\"{n}\""));
    }
    format!("  {}", parts.join("  "))
}
