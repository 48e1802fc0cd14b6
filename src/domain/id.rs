//! Typeable item IDs: `l3`, `q42`, `t7`, `n12`.
//!
//! Each kind has its own number space in its own table, so a bare number would
//! be ambiguous; the one-letter prefix makes every id unique and easy to type.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ValidationError;

/// The four kinds of item a person can open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Lesson,
    Question,
    Tip,
    Learned,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Lesson, Kind::Question, Kind::Tip, Kind::Learned];

    /// The letter that starts an id of this kind.
    pub fn prefix(self) -> char {
        match self {
            Kind::Lesson => 'l',
            Kind::Question => 'q',
            Kind::Tip => 't',
            // "n" for note: `l` is taken by lessons.
            Kind::Learned => 'n',
        }
    }

    /// The singular word used in commands (`add tip`) and JSON (`"kind": "tip"`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Lesson => "lesson",
            Kind::Question => "question",
            Kind::Tip => "tip",
            Kind::Learned => "learned",
        }
    }

    /// Parses the singular or plural word (`tip`, `tips`).
    pub fn from_word(word: &str) -> Option<Kind> {
        let w = word.to_ascii_lowercase();
        let w = w.strip_suffix('s').unwrap_or(&w);
        Kind::ALL.into_iter().find(|k| k.name() == w)
    }

    fn from_prefix(c: char) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.prefix() == c)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One item's id: its kind plus its number within that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId {
    pub kind: Kind,
    pub num: i64,
}

impl ItemId {
    pub fn new(kind: Kind, num: i64) -> Self {
        ItemId { kind, num }
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind.prefix(), self.num)
    }
}

impl FromStr for ItemId {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ValidationError::BadId(s.to_string());
        let s_trim = s.trim();
        let mut chars = s_trim.chars();
        let first = chars.next().ok_or_else(bad)?.to_ascii_lowercase();
        let kind = Kind::from_prefix(first).ok_or_else(bad)?;
        let rest = chars.as_str();
        if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let num: i64 = rest.parse().map_err(|_| bad())?;
        if num <= 0 {
            return Err(bad());
        }
        Ok(ItemId { kind, num })
    }
}

/// A kind travels as its word (`"tip"`), as in commands and JSON.
impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Kind::from_word(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown kind {s:?}")))
    }
}

impl Serialize for ItemId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ItemId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_and_parse_back() {
        for kind in Kind::ALL {
            let id = ItemId::new(kind, 42);
            assert_eq!(id.to_string().parse::<ItemId>().unwrap(), id);
        }
        assert_eq!(
            "Q7".parse::<ItemId>().unwrap(),
            ItemId::new(Kind::Question, 7)
        );
    }

    #[test]
    fn bad_ids_are_rejected() {
        for bad in [
            "",
            "q",
            "42",
            "x4",
            "q-1",
            "q0",
            "q4a",
            "t 4",
            "q99999999999999999999",
        ] {
            assert!(bad.parse::<ItemId>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn kind_words_accept_plural() {
        assert_eq!(Kind::from_word("tips"), Some(Kind::Tip));
        assert_eq!(Kind::from_word("learned"), Some(Kind::Learned));
        assert_eq!(Kind::from_word("Questions"), Some(Kind::Question));
        assert_eq!(Kind::from_word("nope"), None);
    }
}
