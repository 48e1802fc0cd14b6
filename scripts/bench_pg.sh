#!/usr/bin/env bash
# The team server's budgets, SQLite and PostgreSQL side by side: called by
# `scripts/bench.sh --pg` with the release binary, the filled SQLite file
# and a work dir. It starts a throwaway PostgreSQL (initdb in a temp dir,
# a unix socket only, no TCP; as the user leertuin-test when run as root,
# since PostgreSQL refuses root), moves the same team onto it with
# `export | import -`, measures the same figures on both in this run, and
# stops the server again.
#
#   scripts/bench_pg.sh BIN SQLITE_DB WORK_DIR
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=$1 DB=$2 WORK=$3
export PTYBENCH=${PTYBENCH:-$PWD/../shared/tools/ptybench.py}
PGBIN=${LEERTUIN_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ ! -x "$PGBIN/initdb" ]; then
    echo "bench_pg.sh: no PostgreSQL (apt-get install postgresql, or set LEERTUIN_PG_BIN)" >&2
    exit 2
fi

# The server's own dir: its user must own it, and reach it.
PGDIR=$(mktemp -d /tmp/leertuin-benchpg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
    id -u leertuin-test >/dev/null 2>&1 ||
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin leertuin-test
    chown leertuin-test: "$PGDIR"
    as_pg=(runuser -u leertuin-test --)
fi
stop_pg() {
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
}
trap stop_pg EXIT
"${as_pg[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C \
    --no-sync >/dev/null
# Stock settings but fsync: the data lives for this run only.
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-k $PGDIR -c listen_addresses= -c fsync=off" start >/dev/null
"$PGBIN/createdb" -h "$PGDIR" -U postgres leertuin

SU="postgresql://postgres@/leertuin?host=$PGDIR"
ME=${LEERTUIN_USER:-anouk}
OTHER=$(sqlite3 "$DB" "SELECT handle FROM person WHERE handle <> '$ME' ORDER BY handle LIMIT 1")
PG="postgresql://$ME@/leertuin?host=$PGDIR"
PG_OTHER="postgresql://$OTHER@/leertuin?host=$PGDIR"
psql_as() { "$PGBIN/psql" -X -q -t -A -h "$PGDIR" -U "$1" -d leertuin "${@:2}"; }

# On the server you are your login: the superuser's commands run
# without LEERTUIN_USER.
as_su() { env -u LEERTUIN_USER "$BIN" "$@"; }
start=$(date +%s.%N)
as_su server init "$SU" >/dev/null
"$BIN" --db "$DB" export >"$WORK/team.json"
as_su --db "$SU" import - <"$WORK/team.json" >/dev/null
for who in "$ME" "$OTHER"; do
    as_su --db "$SU" server add-person "$who" >/dev/null
done
psql_as postgres -c "VACUUM ANALYZE" >/dev/null
echo "server filled (export | import -) in $(python3 -c "import sys; print('%.0f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)") s" >&2
items() { psql_as postgres -c "SELECT (SELECT count(*) FROM question) + (SELECT count(*) FROM tip) + (SELECT count(*) FROM learned) + (SELECT count(*) FROM lesson)"; }
echo "server holds $(items) items" >&2

median_ms() {
    python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$1"
}
hf() { # name, command: median ms over >= 30 runs after 5 warm-ups
    local name=$1
    shift
    hyperfine --style none --warmup 5 --min-runs 30 --export-json "$WORK/$name.json" "$@" >/dev/null
    median_ms "$WORK/$name.json"
}
pty() { python3 "$PTYBENCH" "$@" || true; }
field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d.get(sys.argv[2], "?"))' "$1" "$2"; }
ratio() { python3 -c 'import sys; a,b=sys.argv[1:]; print("%.1f×" % (float(a)/float(b)) if a not in ("?","") and b not in ("?","") and float(b) > 0 else "?")' "$1" "$2"; }

rows=()
row() { rows+=("$(printf '| %s | %s | %s | %s | %s | %s |' "$@")"); }

# nudge, whole process; the references: one query from the sqlite3 and
# psql shells, and psql's bare `SELECT 1` (connection setup: the floor).
Q="SELECT max(created_at) FROM learned WHERE author = '$ME'"
echo "$Q;" >"$WORK/q.sql"
n_sq=$(hf nudge_sq -N "$BIN --db $DB nudge")
n_pg=$(hf nudge_pg -N "$BIN --db $PG nudge")
r_sq=$(hf ref_sq "sqlite3 $DB < $WORK/q.sql")
r_pg=$(hf ref_pg "$PGBIN/psql -X -q -t -A -h $PGDIR -U $ME -d leertuin -c \"$Q\"")
floor=$(hf floor_pg "$PGBIN/psql -X -q -t -A -h $PGDIR -U $ME -d leertuin -c 'SELECT 1'")
row "\`nudge\`, whole process" "≤ 10 ms" "$n_sq ms" "$n_pg ms" "$(ratio "$n_pg" "$n_sq")" \
    "one query: sqlite3 $r_sq ms, psql $r_pg ms; psql \`SELECT 1\` $floor ms"

# The same nudge through PgBouncer (session pooling, a pool per login), the
# way README's Team server advises for many terminals: a backend kept warm
# instead of a new one per command. With `ignore_startup_parameters =
# options` as advised, and without it (stock: leertuin logs in again
# without its options); the floor: psql's `SELECT 1` through it.
BOUNCER=${LEERTUIN_PGBOUNCER:-$(command -v pgbouncer || echo /usr/sbin/pgbouncer)}
if [ ! -x "$BOUNCER" ] && [ "$(id -u)" = 0 ]; then
    apt-get install -y --no-install-recommends pgbouncer >/dev/null 2>&1 || true
fi
if [ -x "$BOUNCER" ]; then
    BDIR=$PGDIR/bouncer
    mkdir -p "$BDIR"
    printf '"%s" ""\n' "$ME" >"$BDIR/users.txt"
    for port in 6432 6433; do
        ignore=""
        [ $port = 6432 ] && ignore="ignore_startup_parameters = options"
        cat >"$BDIR/$port.ini" <<INI
[databases]
leertuin = host=$PGDIR
[pgbouncer]
listen_addr =
listen_port = $port
unix_socket_dir = $BDIR
auth_type = trust
auth_file = $BDIR/users.txt
pool_mode = session
$ignore
logfile = $BDIR/$port.log
pidfile = $BDIR/$port.pid
INI
    done
    [ ${#as_pg[@]} -gt 0 ] && chown -R leertuin-test: "$BDIR"
    for port in 6432 6433; do "${as_pg[@]}" "$BOUNCER" -d "$BDIR/$port.ini"; done
    sleep 1
    PB="postgresql://$ME@/leertuin?host=$BDIR&port=6432"
    PB_STOCK="postgresql://$ME@/leertuin?host=$BDIR&port=6433"
    n_pb=$(hf nudge_pb -N "$BIN --db $PB nudge")
    n_pbs=$(hf nudge_pbs -N "$BIN --db $PB_STOCK nudge")
    floor_pb=$(hf floor_pb "$PGBIN/psql -X -q -t -A -h $BDIR -p 6432 -U $ME -d leertuin -c 'SELECT 1'")
    row "\`nudge\` through PgBouncer (session pooling)" "≤ 10 ms" "$n_sq ms" "$n_pb ms" "$(ratio "$n_pb" "$n_sq")" \
        "without \`ignore_startup_parameters\`: $n_pbs ms; psql \`SELECT 1\` through it $floor_pb ms"
    for port in 6432 6433; do kill "$(cat "$BDIR/$port.pid")" 2>/dev/null || true; done
else
    echo "bench_pg.sh: no pgbouncer, the pooled row is left out" >&2
fi

# The pane, start to first full frame.
f_sq=$(pty first-frame --expect 'For you' --runs 10 -- "$BIN" --db "$DB")
f_pg=$(pty first-frame --expect 'For you' --runs 10 -- "$BIN" --db "$PG")
row "pane, start to first full frame" "≤ 30 ms" "$(field "$f_sq" median_ms) ms" \
    "$(field "$f_pg" median_ms) ms" "$(ratio "$(field "$f_pg" median_ms)" "$(field "$f_sq" median_ms)")" "–"

# The search index read: `--search` until its first hits are on screen
# (see bench.sh for the pattern).
HIT='>\s?[lqtn][0-9]+'
s_sq=$(pty first-frame --expect "$HIT" --runs 5 -- "$BIN" --db "$DB" --search kubectl)
s_pg=$(pty first-frame --expect "$HIT" --runs 5 -- "$BIN" --db "$PG" --search kubectl)
sqlite3 "$DB" "SELECT title FROM question UNION ALL SELECT text FROM tip UNION ALL SELECT text FROM learned UNION ALL SELECT title FROM lesson" >"$WORK/titles.txt"
fzf_ref=$(hf fzf "sh -c 'fzf --filter \"kubectl\" < $WORK/titles.txt | head -20'")
row "search index read (\`--search\`, start to first hits)" "≤ 1 s" "$(field "$s_sq" median_ms) ms" \
    "$(field "$s_pg" median_ms) ms" "$(ratio "$(field "$s_pg" median_ms)" "$(field "$s_sq" median_ms)")" \
    "\`fzf --filter\` on the titles: $fzf_ref ms"

# A colleague's post in an open pane: from starting \`add\` to the screen.
l_sq=$(python3 scripts/bench_live.py --runs 10 --pane "$BIN --db $DB" \
    --post "$BIN --db $DB --user $OTHER add tip {text}")
l_pg=$(python3 scripts/bench_live.py --runs 10 --pane "$BIN --db $PG" \
    --post "env -u LEERTUIN_USER $BIN --db $PG_OTHER add tip {text}")
a_sq=$(hf add_sq "$BIN --db $DB --user $OTHER add tip 'hyperfine tip'")
a_pg=$(hf add_pg "env -u LEERTUIN_USER $BIN --db $PG_OTHER add tip 'hyperfine tip'")
row "a colleague's post seen in an open pane" "≤ 1 s" \
    "$(field "$l_sq" median_ms) ms (max $(field "$l_sq" max_ms))" \
    "$(field "$l_pg" median_ms) ms (max $(field "$l_pg" max_ms))" \
    "$(ratio "$(field "$l_pg" median_ms)" "$(field "$l_sq" median_ms)")" \
    "the \`add\` alone: $a_sq ms / $a_pg ms"

echo
echo "SQLite and PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') (unix socket) side by side:"
echo "| figure | budget | SQLite | PostgreSQL | PG / SQLite | reference (same run) |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo "raw: $f_sq $f_pg $s_sq $s_pg $l_sq $l_pg" >&2
