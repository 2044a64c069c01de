#!/usr/bin/env bash
# A phone's first view, in bytes as sent (issue 21): for each public page of the demo, the page
# and the stylesheets and scripts it names, fetched with Chromium's Accept-Encoding. Prints each
# body's size and coding, and per page the bodies' sum and the sum with response headers.
#   usage: bench/first_view.sh            (builds and starts `chorus serve --demo` on port 18970)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin chorus
data=$(mktemp -d)
target/release/chorus serve --demo --data "$data" --addr 127.0.0.1:18970 >"$data/log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
base=http://127.0.0.1:18970
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
for page in /demo/open-roads?lang=en /demo/open-roads?lang=ar /demo/open-roads/pledge?lang=en \
  /demo/safe-migration/donate?lang=es /demo/open-roads/live?lang=ar; do
  html=$(curl -s "$base$page")
  bodies=0; headers=0
  for url in "$page" $(grep -o '"/static/[^"]*"' <<<"$html" | tr -d '"'); do
    read -r size header coding < <(curl -s -o /dev/null -H 'accept-encoding: gzip, deflate, br, zstd' \
      -w '%{size_download} %{size_header} %header{content-encoding}\n' "$base$url")
    bodies=$((bodies + size)); headers=$((headers + header))
    printf '  %-42s %6d B %s\n' "$url" "$size" "${coding:-(none)}"
  done
  printf '%s: %d B of bodies, %d B with headers\n' "$page" "$bodies" "$((bodies + headers))"
done
