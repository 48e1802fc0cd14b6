//! Fuzzy search over the synthetic corpus (`demo --fill`, English and Dutch
//! with accents, em dashes and emoji): one keystroke's worth of work for
//! short, multi-word, long and hopeless queries, at 10k, 100k and 1M items.
//! Budget (DESIGN.md): ≤ 8 ms per key at 100k, ≤ 30 ms at 1M, non-ASCII
//! text no slower than ASCII (`typing_15_keys_ascii` types on the same
//! corpus with every non-ASCII letter folded away).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use leertuin::search::SearchIndex;
use leertuin::store::{SearchDoc, SqliteStore, Store};

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const QUERIES: [&str; 6] = [
    "k",
    "kubectl restart",
    "how do I restart the printer queue",
    "zzqxj",
    // Two keys of typing "kubectl restart" that find the most: the second
    // letter, and the next word's first.
    "ku",
    "kubectl r",
];

/// The corpus of each size, built once (1M takes a few seconds).
fn docs(n: usize) -> Vec<SearchDoc> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Vec<SearchDoc>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().expect("corpus cache");
    map.entry(n)
        .or_insert_with(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = SqliteStore::open(&dir.path().join("bench.db")).expect("open");
            leertuin::demo::fill(&store, n, 42).expect("fill");
            store.search_docs("anouk").expect("docs")
        })
        .clone()
}

/// The same corpus in plain ASCII: accents folded, dashes and emoji gone.
fn ascii_docs(n: usize) -> Vec<SearchDoc> {
    let ascii = |s: &str| -> String {
        s.chars()
            .map(nucleo_matcher::chars::normalize)
            .filter(char::is_ascii)
            .collect()
    };
    docs(n)
        .into_iter()
        .map(|d| SearchDoc {
            title: ascii(&d.title),
            body: ascii(&d.body),
            ..d
        })
        .collect()
}

#[divan::bench(args = SIZES, consts = [0, 1, 2, 3, 4, 5], sample_count = 10)]
fn search<const Q: usize>(bencher: divan::Bencher, n: usize) {
    let index = SearchIndex::new(docs(n));
    bencher.bench(|| index.search(divan::black_box(QUERIES[Q]), 50));
}

/// Typing "kubectl restart" one key at a time, as the pane searches.
/// Divide by 15 for the mean per keystroke.
#[divan::bench(args = SIZES, sample_count = 10)]
fn typing_15_keys(bencher: divan::Bencher, n: usize) {
    let index = SearchIndex::new(docs(n));
    let query = "kubectl restart";
    bencher.bench(|| {
        for end in 1..=query.len() {
            divan::black_box(index.search(&query[..end], 50));
        }
    });
}

/// `typing_15_keys` on the ASCII copy of the corpus: the mixed text must
/// be no slower.
#[divan::bench(args = SIZES, sample_count = 10)]
fn typing_15_keys_ascii(bencher: divan::Bencher, n: usize) {
    let index = SearchIndex::new(ascii_docs(n));
    let query = "kubectl restart";
    bencher.bench(|| {
        for end in 1..=query.len() {
            divan::black_box(index.search(&query[..end], 50));
        }
    });
}

/// Building the index from the store's documents (done once, off the UI
/// thread). Also prints the index's size: the memory budget's largest part.
#[divan::bench(args = SIZES, sample_count = 5)]
fn build_index(bencher: divan::Bencher, n: usize) {
    let docs = docs(n);
    let bytes = SearchIndex::new(docs.clone()).heap_bytes();
    eprintln!("index of {n} items: {:.1} MiB", bytes as f64 / 1048576.0);
    bencher
        .with_inputs(|| docs.clone())
        .bench_values(SearchIndex::new);
}

/// The reference: fuzzy-matcher's SkimMatcherV2 doing the same job (every
/// word must match in a field, best field counts), as leertuin did before
/// switching to nucleo-matcher. Two queries are enough to see the ratio.
#[divan::bench(args = [10_000, 100_000], consts = [0, 1], sample_count = 5)]
fn reference_fuzzy_matcher<const Q: usize>(bencher: divan::Bencher, n: usize) {
    let docs = docs(n);
    let matcher = SkimMatcherV2::default().ignore_case();
    bencher.bench(|| {
        let words: Vec<&str> = QUERIES[Q].split_whitespace().collect();
        let mut hits: Vec<(i64, usize)> = docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let mut total = 0;
                for w in &words {
                    let best = [&d.title, &d.tags, &d.author, &d.body]
                        .iter()
                        .filter_map(|f| matcher.fuzzy_match(f, w))
                        .max()?;
                    total += best;
                }
                Some((total, i))
            })
            .collect();
        hits.sort_unstable_by(|a, b| b.cmp(a));
        hits.truncate(50);
        hits
    });
}
