#!/usr/bin/env bash
# `knowhow import tldr` on a generated tree of tldr's size (6,600 English
# pages with ~30,000 examples, 1,500 Dutch pages; scripts/knowhow_tree.py):
# the first import into a new database, a second run with nothing changed,
# and one after 50 pages changed. Medians of RUNS runs (default 5), with
# the peak resident memory. Budgets (issue 15): ≤ 5 s first, ≤ 2 s second,
# ≤ 100 MB.
#
#   scripts/bench_knowhow.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-5}
WORK=$(mktemp -d /tmp/leertuin-knowhow.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/leertuin
export HOME=$WORK/home XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config
export LEERTUIN_USER=anouk LEERTUIN_LANG=en
ALL=(--lang en,nl --platform common,linux,osx,windows,android)

python3 scripts/knowhow_tree.py "$WORK/tree" >&2
python3 scripts/knowhow_tree.py "$WORK/changed" --change 50 >/dev/null

# One timed run: "seconds kilobytes".
timed() {
    /usr/bin/time -f "%e %M" -o "$WORK/t" "$@" >"$WORK/out" 2>&1
    cat "$WORK/t"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

first=() second=() third=() mem=()
for i in $(seq "$RUNS"); do
    db=$WORK/run$i.db
    "$BIN" --db "$db" init >/dev/null
    read -r s m < <(timed "$BIN" --db "$db" knowhow import tldr "$WORK/tree" "${ALL[@]}")
    first+=("$s") mem+=("$m")
    read -r s m < <(timed "$BIN" --db "$db" knowhow import tldr "$WORK/tree" "${ALL[@]}")
    second+=("$s") mem+=("$m")
    read -r s m < <(timed "$BIN" --db "$db" knowhow import tldr "$WORK/changed" "${ALL[@]}")
    third+=("$s") mem+=("$m")
done
cat "$WORK/out"
echo "first import:     $(printf '%s\n' "${first[@]}" | median) s (median of $RUNS)"
echo "nothing changed:  $(printf '%s\n' "${second[@]}" | median) s"
echo "50 pages changed: $(printf '%s\n' "${third[@]}" | median) s"
echo "peak memory:      $(( $(printf '%s\n' "${mem[@]}" | sort -n | tail -1) / 1024 )) MB (largest of all runs)"
