//! A team's own words that mean the same (`[search] synonyms` in
//! config.toml: `synonyms = ["uitpakken = extraheren"]`): each finds the
//! others, both ways, as a stand-in that ranks below the word as typed.

use super::typos::fold;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Synonyms {
    /// Groups of words (folded) that mean the same.
    groups: Vec<Vec<String>>,
}

impl Synonyms {
    /// From config entries `a = b [= c …]`, each side one word. The entry
    /// that is none, as `Err`.
    pub fn parse(entries: &[String]) -> Result<Synonyms, String> {
        let mut groups = Vec::new();
        for entry in entries {
            let words: Vec<String> = entry
                .split('=')
                .map(|w| w.trim().chars().map(fold).collect::<String>())
                .collect();
            let one_word = |w: &String| !w.is_empty() && !w.chars().any(char::is_whitespace);
            if words.len() < 2 || !words.iter().all(one_word) {
                return Err(entry.clone());
            }
            groups.push(words);
        }
        Ok(Synonyms { groups })
    }

    /// The words that mean what `word` (folded) means, besides itself.
    pub fn of(&self, word: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for group in self.groups.iter().filter(|g| g.iter().any(|w| w == word)) {
            for other in group.iter().filter(|w| *w != word) {
                if !out.contains(other) {
                    out.push(other.clone());
                }
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_word_of_a_group_finds_the_others() {
        let s = Synonyms::parse(&["uitpakken = extraheren".into(), "kapot=stuk=Défect".into()])
            .unwrap();
        assert_eq!(s.of("uitpakken"), vec!["extraheren"]);
        assert_eq!(s.of("extraheren"), vec!["uitpakken"]);
        assert_eq!(s.of("defect"), vec!["kapot", "stuk"]);
        assert!(s.of("printer").is_empty());
    }

    #[test]
    fn an_entry_that_pairs_no_single_words_is_refused() {
        for bad in ["uitpakken", "a = ", "pak uit = extraheren", "="] {
            assert_eq!(
                Synonyms::parse(&[bad.into()]),
                Err(bad.to_string()),
                "{bad}"
            );
        }
    }
}
