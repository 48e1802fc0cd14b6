//! Distinct strings stored once, each known by its number: the words of a
//! field, tags, authors' names. One arena string holds them all; the table
//! that finds a string's number keeps only numbers and looks the text up
//! in the arena, so no string is held twice (as a key and as text), and
//! none costs an allocation of its own: at a million items the words of
//! the bodies alone are a good part of the index.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use super::letters::{self, ASCII, Mask};

#[derive(Default)]
pub struct Strings {
    /// String `n` is `text[starts[n] .. starts[n + 1]]`.
    text: String,
    starts: Vec<u32>,
    /// Each string's letters, plus `ASCII` when it is plain ASCII.
    pub masks: Vec<Mask>,
    numbers: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

/// String `n` of an arena (a function of the parts, not of `Strings`, so
/// the table can read the arena while it is changed).
fn get<'a>(text: &'a str, starts: &[u32], n: u32) -> &'a str {
    let n = n as usize;
    &text[starts[n] as usize..starts[n + 1] as usize]
}

impl Strings {
    /// The number of `s`, added if new (numbers count up from 0).
    pub fn intern(&mut self, s: &str) -> u32 {
        let hash = self.hasher.hash_one(s);
        let Strings {
            text,
            starts,
            masks,
            numbers,
            hasher,
        } = self;
        if let Some(&n) = numbers.find(hash, |&n| get(text, starts, n) == s) {
            return n;
        }
        if starts.is_empty() {
            starts.push(0);
        }
        let n = masks.len() as u32;
        text.push_str(s);
        starts.push(text.len() as u32);
        masks.push(letters::mask(s) | if s.is_ascii() { ASCII } else { 0 });
        numbers.insert_unique(hash, n, |&m| hasher.hash_one(get(text, starts, m)));
        n
    }

    pub fn get(&self, n: u32) -> &str {
        get(&self.text, &self.starts, n)
    }

    pub fn len(&self) -> usize {
        self.masks.len()
    }

    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.masks.shrink_to_fit();
        let (text, starts, hasher) = (&self.text, &self.starts, &self.hasher);
        self.numbers
            .shrink_to_fit(|&m| hasher.hash_one(get(text, starts, m)));
    }

    /// Bytes held, for the benchmarks' memory figure.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.starts.capacity() * 4
            + self.masks.capacity() * 8
            // A number and a control byte per slot.
            + self.numbers.capacity() * 5
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_string_is_kept_once_and_found_again() {
        let mut s = Strings::default();
        let words = ["kubectl", "café", "", "kubectl", "Café", "café"];
        let numbers: Vec<u32> = words.iter().map(|w| s.intern(w)).collect();
        assert_eq!(numbers, vec![0, 1, 2, 0, 3, 1]);
        assert_eq!(s.len(), 4);
        assert_eq!((s.get(1), s.get(2), s.get(3)), ("café", "", "Café"));
        assert_eq!(s.masks[0] & ASCII, ASCII);
        assert_eq!(s.masks[1] & ASCII, 0);
        // Many more than the table's first size: it grows and still finds.
        for n in 0..5000 {
            assert_eq!(s.intern(&format!("w{n}")), 4 + n);
        }
        s.shrink_to_fit();
        assert_eq!(s.intern("w4321"), 4 + 4321);
        assert_eq!(s.intern("café"), 1);
    }
}
