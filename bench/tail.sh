#!/usr/bin/env bash
# The tail at many connections (issue 20): wrk at CONNECTIONS against, in turn,
#   nginx            one worker, `return 302` (the short link) and `return 200` (a health check);
#   chorus /t/{code} the short link, every visit recorded (`serve --demo --threads 1`);
#   chorus /healthz  the same server answering with nothing to do;
#   hyper, tokio     a bare hyper server on tokio's multi-thread scheduler with its defaults;
#   hyper, chorus    the same on the runtime Chorus runs on (examples/bare_hyper.rs),
# RUNS rounds, each target once per round after one round to warm up, and prints requests/s,
# p50 and p99 per target. With BEFORE=path/to/an/older/chorus, that binary's /t/{code} and
# /healthz are measured in the same rounds.
#   usage: [BEFORE=…] bench/tail.sh [RUNS] [CONNECTIONS] [SECONDS]     (default 3 1024 8)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; conns=${2:-1024}; secs=${3:-8}
ulimit -n $((conns * 2 + 1024)) 2>/dev/null || true
command -v nginx >/dev/null && command -v wrk >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null; }
cargo build --release --quiet --bin chorus --example bare_hyper

work=$(mktemp -d); chmod 755 "$work"  # nginx workers run as another user
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

target/release/chorus serve --demo --threads 1 --addr 127.0.0.1:18971 --data "$work/data" >"$work/chorus.out" 2>&1 &
pids+=($!)
target/release/examples/bare_hyper 127.0.0.1:18972 tokio & pids+=($!)
target/release/examples/bare_hyper 127.0.0.1:18973 chorus & pids+=($!)
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections $((conns + 64)); }
http {
  access_log off;
  server {
    listen 127.0.0.1:18970;
    location /t/ { return 302 /demo/open-roads?lang=es&tp=DEMQ222; }
    location / { return 200 ok; }
  }
}
CONF
if [ -n "${BEFORE:-}" ]; then
  "$BEFORE" serve --demo --threads 1 --addr 127.0.0.1:18974 --data "$work/before" >"$work/before.out" 2>&1 &
  pids+=($!)
fi
nginx -c "$work/nginx.conf"
for port in 18971 ${BEFORE:+18974}; do
  until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.05; done
done

agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
targets=("nginx /t/|http://127.0.0.1:18970/t/DEMQ222"
  "chorus /t/{code}|http://127.0.0.1:18971/t/DEMQ222"
  "nginx 200|http://127.0.0.1:18970/"
  "chorus /healthz|http://127.0.0.1:18971/healthz"
  "hyper, tokio|http://127.0.0.1:18972/"
  "hyper, chorus|http://127.0.0.1:18973/")
[ -n "${BEFORE:-}" ] && targets+=("before /t/{code}|http://127.0.0.1:18974/t/DEMQ222"
  "before /healthz|http://127.0.0.1:18974/healthz")
echo "wrk -t1 -c$conns -d${secs}s, $runs rounds, $(nproc) cores"
for round in $(seq 0 "$runs"); do
  for target in "${targets[@]}"; do
    name=${target%%|*}; url=${target#*|}
    wrk -t1 -c"$conns" -d"${secs}s" --latency -H "User-Agent: $agent" "$url" |
      awk -v name="$name" -v round="$round" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
        /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
        / Non-2xx or 3xx/ { errors = $NF }
        END { if (round == 0) exit; printf "round %d  %-16s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms%s\n", round, name, rps, p50, p99, errors ? "  non-2xx/3xx: " errors : "" }'
  done
done
