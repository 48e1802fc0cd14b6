//! Names close to a typed one: the handles a typo (`hnek`) most likely
//! meant, so a refusal can say "did you mean henk?".

/// How many edits (a letter added, dropped, changed, or two swapped) a
/// handle may be from what was typed and still be offered.
const MAX_EDITS: usize = 2;
/// The most handles offered.
const MAX_OFFERED: usize = 3;

/// The handles of `known` within [`MAX_EDITS`] of `typed`, closest first
/// (then by name), at most [`MAX_OFFERED`]. Case does not count.
pub fn close_to(typed: &str, known: &[String]) -> Vec<String> {
    let typed = typed.to_lowercase();
    let mut near: Vec<(usize, &String)> = known
        .iter()
        .filter_map(|k| {
            let d = edits(&typed, &k.to_lowercase());
            (d <= MAX_EDITS).then_some((d, k))
        })
        .collect();
    near.sort();
    near.into_iter()
        .take(MAX_OFFERED)
        .map(|(_, k)| k.clone())
        .collect()
}

/// Edits between two words: the optimal string alignment distance, where
/// a swap of two neighbouring letters is one edit (`hnek` for `henk`).
fn edits(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        ["henk", "anna", "hans", "boss"].map(String::from).to_vec()
    }

    #[test]
    fn a_swap_or_a_letter_is_close() {
        assert_eq!(close_to("hnek", &known()), vec!["henk"]);
        assert_eq!(close_to("Ana", &known()), vec!["anna", "hans"]);
        assert_eq!(close_to("hank", &known()), vec!["hans", "henk"]);
    }

    #[test]
    fn far_names_are_not_offered() {
        assert!(close_to("zoltan", &known()).is_empty());
        assert_eq!(edits("", "ab"), 2);
    }
}
