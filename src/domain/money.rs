//! Money and hours as people type and read them. Amounts are integer cents
//! and hours are minutes everywhere below the command line, so nothing is
//! ever rounded twice; only this module turns them into text and back.

use std::sync::OnceLock;

use super::wish::WishError;

/// The largest amount one entry may carry: €1,000,000.00. Far above any
/// learning budget, and far below where an `i64` sum could overflow.
pub const MAX_CENTS: i64 = 100_000_000;
/// The most hours one entry may carry: 10,000 hours, in minutes.
pub const MAX_MINUTES: i64 = 600_000;

static CURRENCY: OnceLock<String> = OnceLock::new();

/// Sets the currency amounts are shown in (`currency = "EUR"` in
/// config.toml), once per process; EUR when never set. It is a label only:
/// the ledger keeps cents, and one team uses one currency.
pub fn set_currency(code: &str) {
    let _ = CURRENCY.set(code.trim().to_ascii_uppercase());
}

/// The currency amounts are shown in: `EUR` unless config says otherwise.
pub fn currency() -> &'static str {
    CURRENCY.get().map_or("EUR", String::as_str)
}

/// Parses an amount of money: `100`, `100,50`, `100.50`, `€100`,
/// `€ 100,5`, `100 EUR`, and with thousands grouped as Dutch writes them
/// (`1.000`, `€ 1.000,50`) or English (`1,000.50`); see
/// [`parse_hundredths`] for the rule. More than zero.
pub fn parse_amount(input: &str) -> Result<i64, WishError> {
    let bad = || WishError::BadAmount(input.trim().to_string());
    let s = input.trim();
    if s.starts_with('-') && parse_amount(&s[1..]).is_ok() {
        return Err(WishError::Negative(s.to_string()));
    }
    // One sign or code, once: before the number (`€100`) or after it
    // (`100€`, `100 EUR`: the way many Dutch people write it). Stripping
    // works on whole characters, so `€€5`, `€5$` or other letters are
    // refused, never split.
    // `euro` before `EUR`, so `euro 80` is not read as `o 80`.
    let code = currency();
    let mut marks: Vec<&str> = vec!["€", "$", "£"];
    if code == "EUR" {
        marks.push("euro");
    }
    marks.push(code);
    let s = marks.iter().find_map(|m| strip_mark(s, m)).unwrap_or(s);
    in_range(input, parse_hundredths(s), MAX_CENTS).ok_or_else(bad)?
}

/// A parsed number (`None` when it is no number at all) checked against
/// zero and `max`, each with the error that says which; `None` when it is
/// not a number.
fn in_range(input: &str, n: Option<Hundredths>, max: i64) -> Option<Result<i64, WishError>> {
    let typed = || input.trim().to_string();
    Some(match n? {
        Hundredths::Huge => Err(WishError::TooLarge(typed())),
        Hundredths::Of(0) => Err(WishError::Zero(typed())),
        Hundredths::Of(n) if n > max => Err(WishError::TooLarge(typed())),
        Hundredths::Of(n) => Ok(n),
    })
}

/// `s` without the currency mark `mark` before or after the number (case
/// ignored), or `None` when it has no such mark.
fn strip_mark<'a>(s: &'a str, mark: &str) -> Option<&'a str> {
    let n = mark.len();
    if s.len() >= n && s.is_char_boundary(n) && s[..n].eq_ignore_ascii_case(mark) {
        return Some(s[n..].trim_start());
    }
    let cut = s.len().checked_sub(n)?;
    if s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(mark) {
        return Some(s[..cut].trim_end());
    }
    None
}

/// Parses hours (`8`, `1.5`, `1,5`, `0.25`) into whole minutes; `1.33`
/// hours is no whole number of minutes and is refused.
pub fn parse_hours(input: &str) -> Result<i64, WishError> {
    let bad = || WishError::BadHours(input.trim().to_string());
    let s = input.trim();
    if s.starts_with('-') && parse_hours(&s[1..]).is_ok() {
        return Err(WishError::Negative(s.to_string()));
    }
    let s = s
        .strip_suffix('h')
        .or_else(|| s.strip_suffix('u'))
        .unwrap_or(s)
        .trim_end();
    let hundredths =
        in_range(input, parse_hundredths(s), MAX_MINUTES * 100 / 60).ok_or_else(bad)??;
    let times_sixty = hundredths * 60;
    if times_sixty % 100 != 0 {
        return Err(bad());
    }
    Ok(times_sixty / 100)
}

/// Hours written with their unit (`2u`, `2 uur`, `2h`, `1,5 hours`): the
/// minutes, or why the number is wrong; `None` when the text names no
/// hours at all (then it may be money). The pane's give form reads a gift
/// with it, and `fund` says where such hours belong (`--hours`).
pub fn parse_hours_word(input: &str) -> Option<Result<i64, WishError>> {
    let lower = input.trim().to_lowercase();
    ["uren", "uur", "hours", "hour", "u", "h"]
        .iter()
        .find_map(|unit| lower.strip_suffix(unit))
        .map(|n| parse_hours(n.trim_end()))
}

/// A number as typed, in hundredths, or one with more digits than any
/// amount may have (so it can be called too large, not misspelt).
enum Hundredths {
    Of(i64),
    Huge,
}

/// `12`, `12.5`, `12,50`, `1.000`, `1.000,50`, `1,000.50` → hundredths;
/// `None` for anything else. One rule reads both languages and never
/// guesses: a `.` or `,` followed by one or two digits at the end marks
/// the decimals; followed by exactly three, it groups thousands. Groups
/// come after one to three digits that do not start with 0 (`0.500` is
/// neither), all with the same mark, and the decimals with the other one
/// (`1.000.50` and `1,000,50` are refused: they read two ways).
fn parse_hundredths(s: &str) -> Option<Hundredths> {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    // The decimals: the last mark, when one or two digits follow it.
    let (number, frac, decimal_mark) = match s.rfind(['.', ',']) {
        Some(at) if (1..=2).contains(&(s.len() - at - 1)) => {
            (&s[..at], &s[at + 1..], s[at..].chars().next())
        }
        _ => (s, "", None),
    };
    if !frac.is_empty() && !digits(frac) {
        return None;
    }
    let whole = grouped(number, decimal_mark)?;
    if whole.trim_start_matches('0').len() > 9 {
        return Some(Hundredths::Huge);
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    Some(Hundredths::Of(whole * 100 + frac))
}

/// The digits of a whole number, its thousands grouped or not (`1.000`,
/// `12,345,678`): `None` unless every group after the first has three
/// digits and one mark, not `decimal_mark`, separates them.
fn grouped(number: &str, decimal_mark: Option<char>) -> Option<String> {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let Some(mark) = number.chars().find(|c| matches!(c, '.' | ',')) else {
        return digits(number).then(|| number.to_string());
    };
    if Some(mark) == decimal_mark {
        return None;
    }
    let mut groups = number.split(mark);
    let first = groups.next()?;
    let first_ok = digits(first) && first.len() <= 3 && !first.starts_with('0');
    let mut whole = first.to_string();
    for g in groups {
        if g.len() != 3 || !digits(g) {
            return None;
        }
        whole.push_str(g);
    }
    first_ok.then_some(whole)
}

/// An amount for people: `€350`, `€100.50` (`€ 100,50` in Dutch), or
/// `350.00 CHF` for another currency. Whole amounts drop their cents.
pub fn show(cents: i64, dutch: bool) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let (whole, frac) = (abs / 100, abs % 100);
    let sep = if dutch { ',' } else { '.' };
    let number = if frac == 0 {
        format!("{whole}")
    } else {
        format!("{whole}{sep}{frac:02}")
    };
    match currency() {
        "EUR" if dutch => format!("{sign}€ {number}"),
        "EUR" => format!("{sign}€{number}"),
        "USD" => format!("{sign}${number}"),
        "GBP" => format!("{sign}£{number}"),
        code => format!("{sign}{number} {code}"),
    }
}

/// Minutes as hours for people: `8`, `1.5` (`1,5` in Dutch), `0.25`.
pub fn show_hours(minutes: i64, dutch: bool) -> String {
    let hundredths = minutes * 100 / 60;
    let (whole, frac) = (hundredths / 100, (hundredths % 100).abs());
    if minutes % 60 == 0 {
        return whole.to_string();
    }
    let sep = if dutch { ',' } else { '.' };
    let frac = format!("{frac:02}");
    format!("{whole}{sep}{}", frac.trim_end_matches('0'))
}

/// Cents as a plain decimal for JSON-minded tools and tests: `100.50`.
pub fn decimal(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_people_type() {
        for (input, cents) in [
            ("100", 10_000),
            ("100,50", 10_050),
            ("100.50", 10_050),
            ("€100", 10_000),
            ("€ 100,5", 10_050),
            ("100 EUR", 10_000),
            ("0,01", 1),
            ("12€", 1_200),
            ("12 €", 1_200),
            ("12,50 eur", 1_250),
        ] {
            assert_eq!(parse_amount(input).unwrap(), cents, "{input}");
        }
        for bad in [
            "",
            "0",
            "-5",
            "1,2,3",
            "abc",
            "10.",
            ".5",
            "1e3",
            "€",
            "€€5",
            "5€€",
            "١٢",
            "EUR",
            "€EUR",
            "xEUR5",
            "é5",
            "€5$",
            "$5€",
            "€5 EUR",
            "EUR 5 EUR",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
        assert!(parse_amount("1000001").is_err());
        assert_eq!(
            parse_amount("-50"),
            Err(WishError::Negative("-50".to_string()))
        );
        assert_eq!(parse_amount("€-5"), Err(WishError::BadAmount("€-5".into())));
    }

    #[test]
    fn thousands_grouped_either_way_are_read_and_nothing_reads_two_ways() {
        for (input, cents) in [
            ("1.000", 100_000),
            ("1.000,50", 100_050),
            ("€ 1.000", 100_000),
            ("€ 1.000,5", 100_050),
            ("1,000", 100_000),
            ("1,000.50", 100_050),
            ("1.000.000", MAX_CENTS),
            ("12.345", 1_234_500),
            ("12.50", 1_250),
            ("12,50", 1_250),
            ("12,5", 1_250),
            ("1000,50", 100_050),
        ] {
            assert_eq!(parse_amount(input), Ok(cents), "{input}");
        }
        for bad in [
            "1.000.50",
            "1,000,50",
            "1.00.000",
            "1.0000",
            "0.500",
            "0,500",
            "01.000",
            "1.000.",
            "12,5050",
            "1.000,505",
            ",000",
            "1.,50",
            "1,000.000,50",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_amount("2.000.000"),
            Err(WishError::TooLarge("2.000.000".into()))
        );
        // Hours: the same rule (`1.000` hours is a thousand).
        assert_eq!(parse_hours("1.000"), Ok(60_000));
        assert_eq!(parse_hours("1,5"), Ok(90));
    }

    #[test]
    fn euro_in_words_zero_and_too_large_are_named() {
        for input in ["80 euro", "80 Euro", "euro 80", "80 EUR", "80 eur"] {
            assert_eq!(parse_amount(input), Ok(8_000), "{input}");
        }
        let zero = |s: &str| Err(WishError::Zero(s.to_string()));
        let large = |s: &str| Err(WishError::TooLarge(s.to_string()));
        assert_eq!(parse_amount("0"), zero("0"));
        assert_eq!(parse_amount("€ 0,00"), zero("€ 0,00"));
        assert_eq!(parse_amount("99999999999999"), large("99999999999999"));
        assert_eq!(parse_amount("1000001"), large("1000001"));
        assert_eq!(parse_amount("1000000"), Ok(MAX_CENTS));
        assert_eq!(parse_hours("0"), zero("0"));
        assert_eq!(parse_hours("10001"), large("10001"));
        assert_eq!(parse_hours("99999999999999"), large("99999999999999"));
        assert_eq!(parse_hours("10000"), Ok(MAX_MINUTES));
        assert_eq!(parse_amount("8O"), Err(WishError::BadAmount("8O".into())));
    }

    #[test]
    fn hours_with_their_unit_are_told_from_money() {
        assert_eq!(parse_hours_word("2u"), Some(Ok(120)));
        assert_eq!(parse_hours_word("1,5 uur"), Some(Ok(90)));
        assert_eq!(parse_hours_word("2 Hours"), Some(Ok(120)));
        assert!(matches!(parse_hours_word("xu"), Some(Err(_))));
        assert_eq!(parse_hours_word("100"), None);
        assert_eq!(parse_hours_word("€ 12,50"), None);
    }

    #[test]
    fn hours_become_whole_minutes() {
        assert_eq!(parse_hours("8").unwrap(), 480);
        assert_eq!(parse_hours("1,5").unwrap(), 90);
        assert_eq!(parse_hours("0.25").unwrap(), 15);
        assert_eq!(parse_hours("2h").unwrap(), 120);
        assert!(parse_hours("1.33").is_err());
        assert!(parse_hours("0").is_err());
        assert_eq!(show_hours(90, true), "1,5");
        assert_eq!(show_hours(480, false), "8");
        assert_eq!(show_hours(15, false), "0.25");
    }

    #[test]
    fn amounts_people_read() {
        assert_eq!(show(35_000, false), "€350");
        assert_eq!(show(10_050, true), "€ 100,50");
        assert_eq!(decimal(-5), "-0.05");
    }
}
