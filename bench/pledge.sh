#!/usr/bin/env bash
# Pledge benchmark (PERFORMANCE.md): acknowledged pledges per second (each answered 303 only
# after its transaction is committed; concurrent ones share a commit) and p99 latency, on SQLite
# and on PostgreSQL, beside pgbench's one-row INSERT rate (16 clients, default
# synchronous_commit) on the same PostgreSQL, in one script.
#
# wrk (one thread, like the other benchmarks) sends distinct, valid pledge forms prepared before
# each run (examples/pledge_bodies.rs signs their tokens with the installation's secret). The
# rate counted is new actions Chorus committed (its chorus_actions_recorded_total) per second,
# so a repeated form could never inflate it; the script also checks wrk saw only 303 answers.
# Between the SQLite runs it measures the ceiling: the same forms with the honeypot field
# filled, which Chorus parses, checks and answers like a pledge without writing anything.
#   usage: bench/pledge.sh [CONNECTIONS] [SECONDS] [RUNS]       (default 256 10 3)
# Needs the machine's PostgreSQL on 127.0.0.1:5432 (user postgres, trust), like the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-256}; secs=${2:-10}; runs=${3:-3}
pg="postgres://postgres@127.0.0.1:5432"
command -v wrk >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet --bin chorus --example pledge_bodies
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
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
    echo "port $port is taken by another server: stop it first" >&2; exit 1
  fi
  target/release/chorus serve --demo --addr "127.0.0.1:$port" --database-url "$1" \
    --campaign-rate 100000000 >"$work/chorus.out" 2>&1 &
  chorus_pid=$!
  until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.05; done
}
stop() { kill "$chorus_pid"; wait "$chorus_pid" 2>/dev/null || true; chorus_pid=""; }
recorded() { curl -fsS "http://127.0.0.1:$port/metrics" | awk '$1 == "chorus_actions_recorded_total" {print $2}'; }
load() { # database-url -> "pledges_per_second p99_ms"; fails on any answer but 303
  # More bodies than the run can use (60,000 a second), prepared before the clock starts.
  target/release/examples/pledge_bodies "$1" $((60000 * secs)) >"$work/bodies.txt"
  local before out non3xx p99 after
  before=$(recorded)
  out=$(PLEDGE_BODIES="$work/bodies.txt" wrk -t1 -c"$conns" -d"${secs}s" --latency -s bench/pledge.lua "http://127.0.0.1:$port")
  sleep 0.5  # answers to requests in flight when wrk stopped
  after=$(recorded)
  non3xx=$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$out")
  if [ -n "$non3xx" ] || grep -q "Socket errors" <<<"$out"; then echo "$out" >&2; echo "FAILED ANSWERS" >&2; exit 1; fi
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  case "$p99" in
    *us) p99=$(awk -v v="${p99%us}" 'BEGIN {printf "%.2f", v/1000}') ;;
    *ms) p99=${p99%ms} ;;
    *s) p99=$(awk -v v="${p99%s}" 'BEGIN {printf "%.2f", v*1000}') ;;
  esac
  echo "$(( (after - before) / secs )) $p99"
}
ceiling() { # database-url -> answers/s to the same forms with the honeypot field filled: Chorus
  # parses each, checks its signed token and answers 303 as to any pledge, but writes nothing.
  # No write can be faster: this is the most pledges/s this machine lets Chorus answer.
  target/release/examples/pledge_bodies "$1" $((60000 * secs)) | sed 's/$/\&website=bot/' >"$work/bodies.txt"
  local before out after
  before=$(recorded)
  out=$(PLEDGE_BODIES="$work/bodies.txt" wrk -t1 -c"$conns" -d"${secs}s" -s bench/pledge.lua "http://127.0.0.1:$port")
  sleep 0.5
  after=$(recorded)
  if grep -q "Non-2xx or 3xx\|Socket errors" <<<"$out" || [ "$after" != "$before" ]; then
    echo "$out" >&2; echo "FAILED: the honeypot forms were not all answered 303 without a write" >&2; exit 1
  fi
  awk '/^Requests\/sec/ {print int($2)}' <<<"$out"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "pledges: wrk -t1 -c$conns, ${secs}s per run, $runs runs; $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
psql -q "$pg/postgres" -c "CREATE DATABASE $db" >/dev/null
psql -q "$pg/$db" -c "CREATE TABLE bench_insert (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now())" >/dev/null
echo "INSERT INTO bench_insert (email) VALUES ('fan@bench.example');" >"$work/insert.sql"

sqlite=(); postgres=(); pgbench=(); nowrite=()
serve "sqlite://$work/data/chorus.db"
for i in $(seq "$runs"); do
  read -r rate p99 < <(load "sqlite://$work/data/chorus.db")
  echo "sqlite run $i: $rate pledges/s, p99 $p99 ms"; sqlite+=("$rate")
  rate=$(ceiling "sqlite://$work/data/chorus.db")
  echo "no-write run $i: $rate answers/s (honeypot forms: parsed, token checked, nothing written)"; nowrite+=("$rate")
done
stop
serve "$pg/$db"
for i in $(seq "$runs"); do
  read -r rate p99 < <(load "$pg/$db")
  echo "postgres run $i: $rate pledges/s, p99 $p99 ms"; postgres+=("$rate")
  tps=$(pgbench -h 127.0.0.1 -U postgres -n -c 16 -j 2 -T "$secs" -f "$work/insert.sql" "$db" 2>/dev/null \
    | awk '/^tps/ {print int($3)}')
  echo "pgbench run $i: $tps one-row inserts/s (16 clients)"; pgbench+=("$tps")
done
stop
s=$(median "${sqlite[@]}"); p=$(median "${postgres[@]}"); b=$(median "${pgbench[@]}"); n=$(median "${nowrite[@]}")
echo "median: sqlite $s pledges/s, postgres $p pledges/s, pgbench $b inserts/s, no-write ceiling $n answers/s"
echo "ceiling: no-write/pgbench $(awk -v a="$n" -v b="$b" 'BEGIN {printf "%.2f", a/b}'), sqlite/no-write $(awk -v a="$s" -v b="$n" 'BEGIN {printf "%.2f", a/b}')"
echo "ratios: sqlite/pgbench $(awk -v a="$s" -v b="$b" 'BEGIN {printf "%.2f", a/b}'), postgres/pgbench $(awk -v a="$p" -v b="$b" 'BEGIN {printf "%.2f", a/b}')"
