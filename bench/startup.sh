#!/usr/bin/env bash
# Start-up benchmark (PERFORMANCE.md: `chorus serve` to ready ≤ 1 s on an empty database).
# Starts the release binary on a fresh SQLite folder, polls /readyz until it answers 200,
# records the elapsed time and the resident memory, stops it with SIGTERM. Repeats RUNS times
# and prints each run and the median.
#   usage: bench/startup.sh [RUNS]      (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
cargo build --release --quiet
bin=target/release/chorus
port=18931
times=()
for i in $(seq "$runs"); do
  data=$(mktemp -d)
  start=$(date +%s%N)
  "$bin" serve --addr "127.0.0.1:$port" --data "$data" >/dev/null 2>&1 &
  pid=$!
  until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.005; done
  ready=$(date +%s%N)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid"
  ms=$(( (ready - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ready in ${ms} ms, resident ${rss} kB"
  rm -rf "$data"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median start-up to ready: ${median} ms over ${runs} runs ($(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') memory)"
