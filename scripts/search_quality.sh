#!/usr/bin/env bash
# Search quality on a real outside corpus (Debian package descriptions in
# English, Debian AppStream summaries in Dutch): leertuin's ranking beside
# `fzf --filter` and rapidfuzz, on the same texts, in one run. Not part of
# `cargo test`: it reads this machine's apt lists and takes a few minutes.
#
#   scripts/search_quality.sh              # builds the release binary first
#   scripts/search_quality.sh --misses     # also lists leertuin's misses
#   scripts/search_quality.sh --seed 7     # another draw of corpus and queries
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
if ! need fzf; then
    echo "search_quality: fzf is missing; installing it (apt-get install -y fzf)" >&2
    apt-get install -y fzf >/dev/null || { echo "search_quality: could not install fzf; skipped" >&2; exit 0; }
fi
if ! need lz4; then
    echo "search_quality: lz4 is missing (apt-get install -y lz4); skipped" >&2
    exit 0
fi
if ! python3 -c 'import rapidfuzz, yaml' 2>/dev/null; then
    echo "search_quality: installing rapidfuzz and PyYAML with pip" >&2
    python3 -m pip install -q rapidfuzz pyyaml || { echo "search_quality: pip failed; skipped" >&2; exit 0; }
fi
if ! ls /var/lib/apt/lists/*_Packages.lz4 >/dev/null 2>&1; then
    echo "search_quality: no apt lists in /var/lib/apt/lists (run apt-get update); skipped" >&2
    exit 0
fi

cargo build --release --quiet --bin leertuin
exec python3 scripts/search_quality.py --binary target/release/leertuin "$@"
