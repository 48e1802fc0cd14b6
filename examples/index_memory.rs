//! The pane's search index of an existing database, read as the pane reads
//! it, and the memory each part takes:
//!
//!     cargo run --release --example index_memory -- PATH [USER]
//!
//! Run it under `/usr/bin/time -v` for the process's peak resident memory.
//! (`cargo bench --bench search -- build_index` prints the whole index's
//! size too, but fills its own corpus first: 14 minutes at a million.)

use std::time::Instant;

use leertuin::search::SearchIndex;
use leertuin::store::SqliteStore;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: index_memory PATH [USER]")?;
    let user = args.next().unwrap_or_else(|| "anouk".into());
    let store = SqliteStore::open(std::path::Path::new(&path))?;
    let start = Instant::now();
    let index = SearchIndex::load(&store, &user)?;
    let took = start.elapsed();
    let mib = |b: usize| b as f64 / 1048576.0;
    println!("{} items read in {:.2} s", index.len(), took.as_secs_f64());
    for (part, bytes) in index.heap_parts() {
        println!("{part:<28} {:>8.1} MiB", mib(bytes));
    }
    println!("{:<28} {:>8.1} MiB", "in all", mib(index.heap_bytes()));
    Ok(())
}
