//! Voucher codes: readable (no 0/O, 1/I to mix up), grouped like
//! `K7QF-M2XD`, 40 random bits from the operating system, and kept only
//! as a SHA-256 hash. A code is printed once, when it is issued.

use sha2::{Digest, Sha256};

use super::wish::WishError;

/// Wrong voucher codes a person may type within [`MISS_WINDOW_MS`]
/// (the team server's `leertuin.redeem_voucher` keeps the same numbers).
pub const MAX_MISSES: i64 = 5;
/// The window of the voucher rate limit: 15 minutes.
pub const MISS_WINDOW_MS: i64 = 15 * 60 * 1000;

/// Whole minutes until the oldest of the counted misses (at `oldest`)
/// leaves the window, at `now` (both unix milliseconds).
pub fn wait_minutes(oldest: i64, now: i64) -> i64 {
    let wait_ms = (oldest + MISS_WINDOW_MS - now).max(0);
    (wait_ms + 59_999) / 60_000
}

/// What a counted try leaves: how many more may be typed before the wait,
/// and, when none is left, how many minutes the wait is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tries {
    pub left: i64,
    pub wait_minutes: i64,
}

impl Tries {
    /// After a counted try: `misses` counted in the window now (this one
    /// too), the oldest of the last [`MAX_MISSES`] at `oldest`, at `now`.
    pub fn after(misses: i64, oldest: i64, now: i64) -> Tries {
        let left = (MAX_MISSES - misses).max(0);
        let wait_minutes = if left == 0 {
            wait_minutes(oldest, now)
        } else {
            0
        };
        Tries { left, wait_minutes }
    }
}

/// 32 signs, none that reads like another: 5 bits each.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Signs per code (two groups of four): 40 bits.
const LEN: usize = 8;

/// A new code from the OS's random generator (through uuid's v4, which
/// reads it; no second random crate).
pub fn new_code() -> String {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    // Five of the sixteen bytes are fully random (v4 fixes bits only in
    // bytes 6 and 8).
    let mut bits: u64 = 0;
    for b in &bytes[..5] {
        bits = (bits << 8) | u64::from(*b);
    }
    code_from_bits(bits)
}

/// The code of 40 bits: `K7QF-M2XD`.
pub fn code_from_bits(bits: u64) -> String {
    let mut out = String::with_capacity(LEN + 1);
    for i in 0..LEN {
        if i == 4 {
            out.push('-');
        }
        let shift = 5 * (LEN - 1 - i);
        let idx = ((bits >> shift) & 31) as usize;
        out.push(char::from(ALPHABET[idx]));
    }
    out
}

/// A typed code as stored: upper case, without spaces and dashes; `None`
/// when it cannot be a code (wrong length or signs), so a typo is told
/// apart from a wrong code without counting against the person.
pub fn normalize(input: &str) -> Option<String> {
    let s: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (s.len() == LEN && s.bytes().all(|b| ALPHABET.contains(&b))).then_some(s)
}

/// A typed (or pasted) code, read: its stored form, or why it is none —
/// several codes at once (a two-line paste) said as such, so the person
/// types one at a time. Neither refusal reaches the store, so neither is
/// a try against the rate limit.
pub fn read(input: &str) -> Result<String, WishError> {
    if let Some(code) = normalize(input) {
        return Ok(code);
    }
    let signs: String = input
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | ',' | ';')))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let whole = !signs.is_empty() && signs.bytes().all(|b| ALPHABET.contains(&b));
    match signs.len() {
        // One code with a line break or tab around it (a paste).
        LEN if whole => return Ok(signs),
        n if whole && n % LEN == 0 => return Err(WishError::SeveralCodes(n / LEN)),
        _ => {}
    }
    Err(WishError::NotACode)
}

/// The stored form of a normalized code: SHA-256, hex.
pub fn hash(normalized: &str) -> String {
    let digest = Sha256::digest(normalized.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_readable_and_typeable() {
        let c = new_code();
        assert_eq!(c.len(), 9);
        assert_eq!(&c[4..5], "-");
        assert!(!c.contains(['0', 'O', '1', 'I']));
        let typed = c.to_lowercase().replace('-', " ");
        assert_eq!(normalize(&typed).unwrap(), c.replace('-', ""));
        assert_eq!(normalize("K7QF-M2X"), None);
        assert_eq!(normalize("K7QF-M2X0"), None);
        assert_ne!(hash("AAAA"), hash("AAAB"));
        assert_eq!(hash("AAAA").len(), 64);
    }

    #[test]
    fn two_codes_at_once_are_told_apart_from_a_typo() {
        assert_eq!(read(" k7qf-m2xd\n").unwrap(), "K7QFM2XD");
        assert_eq!(
            read("K7QF-M2XD\nAAAA-BBBB\n"),
            Err(WishError::SeveralCodes(2))
        );
        assert_eq!(read("K7QF-M2XD AAAA-BBBB"), Err(WishError::SeveralCodes(2)));
        assert_eq!(read("K7QF-M2XD, AAAA"), Err(WishError::NotACode));
        assert_eq!(read("K7QF-M2X0"), Err(WishError::NotACode));
        assert_eq!(read(""), Err(WishError::NotACode));
    }

    #[test]
    fn the_last_try_says_how_long_to_wait() {
        assert_eq!(Tries::after(3, 0, 0).left, 2);
        let last = Tries::after(MAX_MISSES, 1_000, 1_000 + 60_000);
        assert_eq!((last.left, last.wait_minutes), (0, 14));
    }
}
