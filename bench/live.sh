#!/usr/bin/env bash
# Live tally benchmark (PERFORMANCE.md): CONNECTIONS server-sent-event streams held open on one
# Chorus process (the demo's venue screen), then PLEDGES real pledges; for every stream, the time
# from the pledge's answer to the snapshot that counts it (examples/live_load.rs).
#   usage: bench/live.sh [CONNECTIONS] [PLEDGES]      (default 5000 5)
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-5000}; pledges=${2:-5}
ulimit -n $((conns * 2 + 1024))
cargo build --release --quiet --bin chorus --example live_load
work=$(mktemp -d)
port=18948
chorus_pid=""
cleanup() { [ -n "$chorus_pid" ] && kill "$chorus_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
url="sqlite://$work/chorus.db"
target/release/chorus serve --demo --demo-empty --addr "127.0.0.1:$port" --database-url "$url" \
  --campaign-rate 100000000 >"$work/chorus.out" 2>&1 &
chorus_pid=$!
until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.1; done
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$chorus_pid/status")
result=$(target/release/examples/live_load "127.0.0.1:$port" "$url" "$conns" "$pledges")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$chorus_pid/status")
peak=$(awk '/VmHWM/ {print $2}' "/proc/$chorus_pid/status")  # the most it was resident at any moment
read -r held p50 p99 max samples <<<"$result"
echo "held $held of $conns streams; update after a pledge: median ${p50} ms, p99 ${p99} ms, max ${max} ms ($samples updates)"
echo "chorus resident memory: $((rss_before / 1024)) MB idle, $((rss / 1024)) MB with the streams, peak $((peak / 1024)) MB"
