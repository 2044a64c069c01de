#!/usr/bin/env bash
# Short-link benchmark (PERFORMANCE.md): `GET /t/{code}` on Chorus, every visit recorded, side by
# side with nginx answering `return 302` (one worker, access log off), same wrk settings,
# alternating, RUNS times each. Afterwards checks that the visits Chorus stored equal the 302
# responses wrk counted against it (none dropped). Also measures Chorus's `GET /healthz` (the same
# server answering with nothing to do: the floor of its HTTP stack on this machine) for context.
#   usage: bench/short_link.sh [RUNS] [CONNECTIONS] [SECONDS]     (default 3 32 10)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; conns=${2:-32}; secs=${3:-10}
ulimit -n $((conns * 2 + 1024)) 2>/dev/null || true  # both ends of every connection on this machine
command -v nginx >/dev/null && command -v wrk >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null; }
cargo build --release --quiet

work=$(mktemp -d); chmod 755 "$work"  # nginx workers run as another user
chorus_port=18943; nginx_port=18944
code=DEMQ222
agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
# One worker thread, like nginx's one worker (override: CHORUS_THREADS=2 bench/…).
CHORUS_THREADS=${CHORUS_THREADS:-1} target/release/chorus serve --demo --addr "127.0.0.1:$chorus_port" --data "$work/data" >"$work/chorus.out" 2>&1 &
chorus_pid=$!
cleanup() { kill "$chorus_pid" 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
until curl -fsS "http://127.0.0.1:$chorus_port/readyz" >/dev/null 2>&1; do sleep 0.05; done
location=$(curl -sS -o /dev/null -w '%{redirect_url}' -H "User-Agent: $agent" "http://127.0.0.1:$chorus_port/t/$code")
location=${location#http://127.0.0.1:$chorus_port}
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 4096; }
http {
  access_log off;
  server { listen 127.0.0.1:$nginx_port; location /t/ { return 302 $location; } }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.3

metric() { curl -fsS "http://127.0.0.1:$chorus_port/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
measure() { # url -> "requests_per_second p99_ms total_requests"
  local out rps p99 total
  out=$(wrk -t1 -c"$conns" -d"${secs}s" --latency -H "User-Agent: $agent" -H "Accept-Language: es-MX,es;q=0.9" "$1")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  case "$p99" in
    *us) p99=$(awk -v v="${p99%us}" 'BEGIN {printf "%.2f", v/1000}') ;;
    *ms) p99=${p99%ms} ;;
    *s) p99=$(awk -v v="${p99%s}" 'BEGIN {printf "%.2f", v*1000}') ;;
  esac
  echo "$rps $p99 $total"
}

chorus_rps=(); nginx_rps=(); floor_rps=(); chorus_total=0
before=$(metric chorus_visits_written_total)
echo "GET /t/$code → $location, wrk -t1 -c$conns -d${secs}s, $(nproc) cores, chorus threads ${CHORUS_THREADS:-1}"
for i in $(seq "$runs"); do
  read -r c_rps c_p99 c_total < <(measure "http://127.0.0.1:$chorus_port/t/$code")
  read -r n_rps n_p99 _ < <(measure "http://127.0.0.1:$nginx_port/t/$code")
  read -r f_rps _ _ < <(measure "http://127.0.0.1:$chorus_port/healthz")
  echo "run $i: chorus ${c_rps} req/s p99 ${c_p99} ms | nginx ${n_rps} req/s p99 ${n_p99} ms | chorus /healthz ${f_rps} req/s"
  chorus_rps+=("$c_rps"); nginx_rps+=("$n_rps"); floor_rps+=("$f_rps"); chorus_total=$((chorus_total + c_total))
done
sleep 2  # the last batch of visits is at most about a second old
written=$(( $(metric chorus_visits_written_total) - before ))
dropped=$(metric chorus_visits_dropped_total)
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
c=$(median "${chorus_rps[@]}"); n=$(median "${nginx_rps[@]}")
f=$(median "${floor_rps[@]}")
echo "median: chorus ${c} req/s, nginx ${n} req/s, ratio $(awk -v c="$c" -v n="$n" 'BEGIN {printf "%.2f", c/n}')"
echo "chorus /healthz ${f} req/s: its HTTP stack alone reaches $(awk -v f="$f" -v n="$n" 'BEGIN {printf "%.2f", f/n}') of nginx"
echo "visits: wrk counted ${chorus_total} redirects, chorus stored ${written}, dropped ${dropped}"
echo "chorus resident memory: $(awk '/VmRSS/ {print $2, $3}' /proc/$chorus_pid/status)"
# wrk stops counting with up to CONNECTIONS requests in flight per run, which Chorus still answers
# and records: stored visits may exceed wrk's count by at most that, never fall short of it.
slack=$((runs * conns))
if [ "$dropped" -eq 0 ] && [ "$written" -ge "$chorus_total" ] && [ "$written" -le $((chorus_total + slack)) ]; then
  echo "every counted redirect has its visit stored (+$((written - chorus_total)) answered after wrk stopped counting)"
else
  echo "VISITS LOST"; exit 1
fi
