#!/usr/bin/env bash
# The stadium night (issue 20): a crowd through nginx to Chorus. Each fan scans the venue's QR
# code, loads the campaign page, and one in five fetches the pledge form, pledges and follows
# the confirmation link, while SCREENS venue screens follow the campaign and, a third of the
# way in, a staff member signs in and re-points the tour's codes to the flood appeal
# (examples/stadium_load.rs). With two processes, a probe pledges through one while a screen
# on the other follows, and reports how long each pledge took to show there. Three runs:
#   1. one process on SQLite;
#   2. one process on PostgreSQL;
#   3. two processes on PostgreSQL behind nginx (round robin, no sticky sessions), one of them
#      killed with SIGKILL halfway: nginx moves on, and no acknowledged pledge may be lost.
# After each run the servers are stopped (their queued visits written) and the database is
# checked: every acknowledged pledge stored exactly once, every answered scan's visit stored,
# and the screens' last count against the confirmed pledges stored.
#   usage: bench/stadium.sh [FANS] [SECONDS] [SCREENS]     (default 40000 60 200: what this 2-core
#   machine carries with the crowd, nginx, PostgreSQL and Chorus on it; see BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
fans=${1:-40000}; secs=${2:-60}; screens=${3:-200}
ulimit -n 65536 2>/dev/null || true
command -v nginx >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
command -v psql >/dev/null || { echo "needs psql and the machine's PostgreSQL"; exit 1; }
cargo build --release --quiet --bin chorus --example stadium_load
load=target/release/examples/stadium_load

work=$(mktemp -d); chmod 755 "$work"  # nginx workers run as another user
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  for db in $(cat "$work/databases" 2>/dev/null); do
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

# start PORT DATABASE_URL [--demo]: one chorus serve, waited for.
start() {
  local port=$1 url=$2; shift 2
  target/release/chorus serve "$@" --addr "127.0.0.1:$port" --database-url "$url" \
    --trusted-proxies 127.0.0.1 >"$work/chorus-$port.out" 2>&1 &
  pids+=($!)
  until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.1; done
}

# balance PORT...: nginx on 18960 in front of the ports.
balance() {
  local servers=""
  for port in "$@"; do servers+="server 127.0.0.1:$port max_fails=1 fail_timeout=2s; "; done
  [ -f "$work/nginx.pid" ] && { kill "$(cat "$work/nginx.pid")"; sleep 0.5; }
  cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 16384; }
http {
  access_log off;
  upstream chorus { $servers keepalive 256; }
  server {
    listen 127.0.0.1:18960;
    location / {
      proxy_pass http://chorus;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_503;
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
CONF
  nginx -c "$work/nginx.conf"
  sleep 0.3
}

# resident PID: resident memory in MB.
resident() { awk '/VmRSS/ { printf "%d MB", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "gone"; }

# run LABEL DATABASE_URL PROCESSES KILL
run() {
  local label=$1 url=$2 processes=$3 kill_one=$4
  echo "== $label: $fans fans in ${secs}s, $screens screens, $processes process(es)"
  pids=()
  start 18961 "$url" --demo --demo-empty
  local ports=(18961)
  if [ "$processes" = 2 ]; then start 18962 "$url"; ports+=(18962); fi
  balance "${ports[@]}"
  local killer=""
  if [ "$kill_one" = yes ]; then
    ( sleep "$(( secs / 2 ))"; kill -9 "${pids[1]}"; echo "killed process 2 (SIGKILL) at $(( secs / 2 ))s" ) &
    killer=$!
  fi
  local login email password probe=()
  login=$(sed -n 's/.*staff login: \([^ ]*\) *password: \([^ ]*\).*/\1 \2/p' "$work/chorus-18961.out")
  read -r email password <<<"$login"
  # The probe's screen on the process that is not killed, its pledges through the other.
  [ "$processes" = 2 ] && probe=(http://127.0.0.1:18961 http://127.0.0.1:18962)
  "$load" http://127.0.0.1:18960 "$url" "$fans" "$secs" "$screens" 5 "$work/acked" \
    "$email" "$password" "${probe[@]}" | tee "$work/load.out"
  [ -n "$killer" ] && wait "$killer"
  for pid in "${pids[@]}"; do echo "process $pid resident: $(resident "$pid")"; done
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
  local scans
  scans=$(awk '/^scan:/ { print $2 }' "$work/load.out")
  "$load" check "$url" "$work/acked" "$scans" ${killer:+killed} | tee "$work/check.out"
  local shown stored
  shown=$(sed -n 's/.*last count shown: //p' "$work/load.out")
  stored=$(sed -n 's/confirmed pledges in the database: //p' "$work/check.out")
  if [ "$shown" = "$stored" ]; then echo "screens: last count $shown = confirmed pledges stored";
  else echo "screens: last count $shown, confirmed pledges stored $stored: NOT EQUAL"; fi
}

run "SQLite" "sqlite://$work/chorus.db" 1 no
db1="chorus_stadium_$$_a"; db2="chorus_stadium_$$_b"
echo "$db1 $db2" >"$work/databases"
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db1" >/dev/null
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db2" >/dev/null
run "PostgreSQL, one process" "postgres://postgres@127.0.0.1:5432/$db1" 1 no
run "PostgreSQL, two processes, one killed halfway" "postgres://postgres@127.0.0.1:5432/$db2" 2 yes
