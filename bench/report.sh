#!/usr/bin/env bash
# Campaign report benchmark (PERFORMANCE.md): the demo tour filled with VISITS visits, ACTIONS
# actions and GIFTS gifts (examples/report_data.rs, through the store's own write paths, so the
# hourly rollups and sketches are kept as in production), then the campaign's report rendered
# over HTTP: the public transparency page, which reads the rollups, builds every figure, lays
# out the tables and renders the page (the dashboard does the same plus the previous period).
# wrk with one connection sends one request after another; the median and p99 are its latency.
#   usage: bench/report.sh [VISITS] [ACTIONS] [GIFTS] [SECONDS] [sqlite|postgres]
#          (default 10000000 1000000 100000 10 sqlite)
set -euo pipefail
cd "$(dirname "$0")/.."
visits=${1:-10000000}; actions=${2:-1000000}; gifts=${3:-100000}; secs=${4:-10}; backend=${5:-sqlite}
command -v wrk >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet --bin chorus --example report_data
work=$(mktemp -d)
port=18947
chorus_pid=""
pg="postgres://postgres@127.0.0.1:5432"
db="chorus_report_bench_$$"
cleanup() {
  [ -n "$chorus_pid" ] && kill "$chorus_pid" 2>/dev/null || true
  [ "$backend" = postgres ] && psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
if [ "$backend" = postgres ]; then
  psql -q "$pg/postgres" -c "CREATE DATABASE $db" >/dev/null
  url="$pg/$db"
else
  url="sqlite://$work/chorus.db"
fi
echo "filling $visits visits, $actions actions, $gifts gifts ($backend)..."
/usr/bin/time -f "fill: %e s, %M KB peak" target/release/examples/report_data "$url" "$visits" "$actions" "$gifts"
target/release/chorus serve --demo --demo-empty --addr "127.0.0.1:$port" --database-url "$url" >"$work/chorus.out" 2>&1 &
chorus_pid=$!
until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.1; done
page="http://127.0.0.1:$port/demo/open-roads/transparency?lang=en"
curl -fsS -o "$work/page.html" -w "first render: %{time_total} s, %{size_download} bytes\n" "$page"
grep -o 'Visits</th><td>[^<]*' "$work/page.html" | head -1 || true
out=$(wrk -t1 -c1 -d"${secs}s" --latency "$page")
echo "$out" | grep -E "Requests/sec|50%|99%|Non-2xx" || true
rss=$(awk '/VmRSS/ {print $2}' "/proc/$chorus_pid/status")
echo "chorus resident memory: $((rss / 1024)) MB"
