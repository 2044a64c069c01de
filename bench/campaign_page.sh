#!/usr/bin/env bash
# Campaign page benchmark (PERFORMANCE.md): the demo campaign page served by Chorus, side by
# side with nginx (one worker, access log off) serving the very same bytes as a static file,
# same wrk settings, alternating, RUNS times each. Prints requests/s and p99 per run, the
# medians and the ratio Chorus/nginx.
#   usage: bench/campaign_page.sh [RUNS] [CONNECTIONS] [SECONDS]     (default 3 32 10)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; conns=${2:-32}; secs=${3:-10}
command -v nginx >/dev/null && command -v wrk >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null; }
cargo build --release --quiet

work=$(mktemp -d); chmod 755 "$work"  # nginx workers run as another user
chorus_port=18941; nginx_port=18942
path=/demo/safe-migration
# One worker thread, like nginx's one worker (override: CHORUS_THREADS=2 bench/…).
CHORUS_THREADS=${CHORUS_THREADS:-1} target/release/chorus serve --demo --addr "127.0.0.1:$chorus_port" --data "$work/data" >"$work/chorus.out" 2>&1 &
chorus_pid=$!
cleanup() { kill "$chorus_pid" 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
until curl -fsS "http://127.0.0.1:$chorus_port/readyz" >/dev/null 2>&1; do sleep 0.05; done

mkdir -p "$work/www/demo"
curl -fsS "http://127.0.0.1:$chorus_port$path" -o "$work/www/demo/safe-migration"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.3
cmp <(curl -fsS "http://127.0.0.1:$nginx_port$path") "$work/www/demo/safe-migration"

measure() { # url -> "requests_per_second p99_ms"
  local out
  out=$(wrk -t1 -c"$conns" -d"${secs}s" --latency "$1")
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  case "$p99" in
    *us) p99=$(awk -v v="${p99%us}" 'BEGIN {printf "%.2f", v/1000}') ;;
    *ms) p99=${p99%ms} ;;
    *s) p99=$(awk -v v="${p99%s}" 'BEGIN {printf "%.2f", v*1000}') ;;
  esac
  echo "$rps $p99"
}

chorus_rps=(); nginx_rps=()
echo "page: $path ($(stat -c %s "$work/www/demo/safe-migration") bytes), wrk -t1 -c$conns -d${secs}s, $(nproc) cores, chorus threads ${CHORUS_THREADS:-1}"
for i in $(seq "$runs"); do
  read -r c_rps c_p99 < <(measure "http://127.0.0.1:$chorus_port$path")
  read -r n_rps n_p99 < <(measure "http://127.0.0.1:$nginx_port$path")
  echo "run $i: chorus ${c_rps} req/s p99 ${c_p99} ms | nginx ${n_rps} req/s p99 ${n_p99} ms"
  chorus_rps+=("$c_rps"); nginx_rps+=("$n_rps")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
c=$(median "${chorus_rps[@]}"); n=$(median "${nginx_rps[@]}")
echo "median: chorus ${c} req/s, nginx ${n} req/s, ratio $(awk -v c="$c" -v n="$n" 'BEGIN {printf "%.2f", c/n}')"
echo "chorus resident memory: $(awk '/VmRSS/ {print $2, $3}' /proc/$chorus_pid/status)"
