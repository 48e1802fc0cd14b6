#!/bin/sh
# Runs each cargo-fuzz target for a bounded time (not part of CI: it needs
# nightly Rust and cargo-fuzz, and takes minutes).
#
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 300        # 5 minutes per target
#
# Needs: rustup toolchain install nightly; cargo install cargo-fuzz.
# Crashes land in fuzz/artifacts/<target>/; re-run one with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>
set -eu
secs="${1:-60}"
cd "$(dirname "$0")/.."
for target in sanitize lesson_parse import_check id_parse; do
    echo "== $target ($secs s)"
    # -rss_limit_mb bounds memory; -max_len keeps inputs lesson-sized.
    cargo +nightly fuzz run "$target" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536
done
