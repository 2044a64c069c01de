#!/usr/bin/env bash
# Pledge benchmark (PERFORMANCE.md): acknowledged pledges per second (each answered only after
# its transaction is committed; concurrent ones share a commit) and p99 latency, on SQLite and
# on PostgreSQL, beside pgbench's one-row INSERT rate (16 clients, default synchronous_commit)
# on the same PostgreSQL, in one script.
#   usage: bench/pledge.sh [CONNECTIONS] [SECONDS] [RUNS]       (default 64 10 3)
# Needs the machine's PostgreSQL on 127.0.0.1:5432 (user postgres, trust), like the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-64}; secs=${2:-10}; runs=${3:-3}
pg="postgres://postgres@127.0.0.1:5432"
cargo build --release --quiet --bin chorus --example pledge_load
work=$(mktemp -d)
port=18946
chorus_pid=""
db="chorus_bench_$$"
cleanup() {
  [ -n "$chorus_pid" ] && kill "$chorus_pid" 2>/dev/null || true
  psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

serve() { # database-url -> starts chorus (one flood guard high enough not to refuse the load)
  target/release/chorus serve --demo --addr "127.0.0.1:$port" --database-url "$1" \
    --campaign-rate 100000000 >"$work/chorus.out" 2>&1 &
  chorus_pid=$!
  until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.05; done
}
stop() { kill "$chorus_pid"; wait "$chorus_pid" 2>/dev/null || true; chorus_pid=""; }
load() { target/release/examples/pledge_load "http://127.0.0.1:$port" "$1" "$conns" "$secs"; }
rate() { awk '{for (i = 1; i <= NF; i++) if ($i == "pledges/s,") print $(i-1)}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "pledges: $conns concurrent clients, ${secs}s per run, $runs runs; $(nproc) cores"
psql -q "$pg/postgres" -c "CREATE DATABASE $db" >/dev/null
psql -q "$pg/$db" -c "CREATE TABLE bench_insert (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now())" >/dev/null
echo "INSERT INTO bench_insert (email) VALUES ('fan@bench.example');" >"$work/insert.sql"

sqlite=(); postgres=(); pgbench=()
serve "sqlite://$work/data/chorus.db"
for i in $(seq "$runs"); do
  line=$(load "sqlite://$work/data/chorus.db"); echo "sqlite run $i: $line"; sqlite+=("$(rate <<<"$line")")
done
stop
serve "$pg/$db"
for i in $(seq "$runs"); do
  line=$(load "$pg/$db"); echo "postgres run $i: $line"; postgres+=("$(rate <<<"$line")")
  tps=$(pgbench -h 127.0.0.1 -U postgres -n -c 16 -j 2 -T "$secs" -f "$work/insert.sql" "$db" 2>/dev/null \
    | awk '/^tps/ {print int($3)}')
  echo "pgbench run $i: $tps one-row inserts/s (16 clients)"; pgbench+=("$tps")
done
stop
s=$(median "${sqlite[@]}"); p=$(median "${postgres[@]}"); b=$(median "${pgbench[@]}")
echo "median: sqlite $s pledges/s, postgres $p pledges/s, pgbench $b inserts/s"
echo "ratios: sqlite/pgbench $(awk -v a="$s" -v b="$b" 'BEGIN {printf "%.2f", a/b}'), postgres/pgbench $(awk -v a="$p" -v b="$b" 'BEGIN {printf "%.2f", a/b}')"
