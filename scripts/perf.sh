#!/usr/bin/env bash
# The speed figures of issue 16 on the release build in target/ (build it
# first: cargo leptos build --release && scripts/build-console.sh):
#   - Lighthouse 12, mobile preset (simulated slow 4G, 4x CPU slowdown), in
#     Debian's Chromium, for the store's catalogue, a product, the store
#     login and the console login: performance, accessibility, LCP, TTI;
#   - over an emulated 1.6 Mbit/s, 150 ms link, when the console's login
#     form is usable, and how long the overview takes to hydrate after
#     pressing "Log in" (end2end/perf/slow-link.mjs, Playwright);
#   - catalogue pages per second with 50 connections and with one (wrk, or
#     scripts/load.mjs without it), on demo data in a throwaway SQLite file.
# `--compare REF` measures the throughput of REF too (built in a worktree
# under target/perf, which takes a while), in the same run, so before and
# after are comparable. `--no-lighthouse` skips Lighthouse. Not part of the
# test command: figures want a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
compare="" lighthouse=1
while [ $# -gt 0 ]; do
  case "$1" in
    --compare) compare="$2"; shift 2 ;;
    --no-lighthouse) lighthouse=0; shift ;;
    *) echo "usage: scripts/perf.sh [--compare REF] [--no-lighthouse]" >&2; exit 2 ;;
  esac
done
[ -x target/release/server ] || { echo "build the release first" >&2; exit 1; }
work=$(mktemp -d /tmp/orderlink-perf.XXXXXX)
# Servers start in command substitutions (subshells): their pids go to a file.
trap 'kill $(cat "$work/pids" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# Starts a build's server (its folder: $1) on demo data; prints its address.
serve() {
  local root=$1 port db
  port=$(free_port "${2:-3300}")
  db="$work/$port.db"
  (cd "$root" && exec env LEPTOS_SITE_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$db" \
    ORDERLINK_DEMO=1 ORDERLINK_DEV=1 RUST_LOG=warn target/release/server >"$work/$port.log" 2>&1) &
  echo $! >>"$work/pids"
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  echo "127.0.0.1:$port"
}

# Pages per second and latency percentiles, asking for compressed pages as a
# browser does: wrk when installed (Debian's `wrk`), else scripts/load.mjs
# (Node, which takes a share of the two cores itself, so its figures are
# lower; the same for both builds compared).
load() {
  local url=$1 connections=$2 seconds=$3
  if command -v wrk >/dev/null; then
    wrk -t"$((connections > 1 ? 2 : 1))" -c"$connections" -d"${seconds}s" --latency \
      -H 'Accept-Encoding: gzip, deflate, br, zstd' "$url" |
      awk '/Requests\/sec/ { r = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
           END { printf "{\"pages_per_sec\":%d,\"p50\":\"%s\",\"p99\":\"%s\",\"client\":\"wrk\"}\n", r, p50, p99 }'
  else
    node scripts/load.mjs "$url" "$connections" "$seconds"
  fi
}

throughput() {
  local addr=$1 label=$2
  load "http://$addr/s/demo" 2 2 >/dev/null # warm up
  local many one
  many=$(load "http://$addr/s/demo" 50 10)
  one=$(load "http://$addr/s/demo" 1 5)
  printf '| %-28s | %s | %s |\n' "catalogue, $label" "$many" "$one"
}

if [ "$lighthouse" = 1 ]; then
  lh=target/perf/tools/node_modules/.bin/lighthouse
  if [ ! -x "$lh" ]; then
    echo "==> installing Lighthouse 12 (npm) into target/perf/tools"
    mkdir -p target/perf/tools
    npm install --prefix target/perf/tools --no-audit --no-fund lighthouse@12 >/dev/null
  fi
  addr=$(serve .)
  echo
  echo "| page (Lighthouse mobile) | performance | accessibility | LCP | TTI |"
  echo "|---|---|---|---|---|"
  for page in /s/demo /s/demo/p/1 /s/demo/login /console/login; do
    "$lh" "http://$addr$page" --quiet --output=json --output-path="$work/lh.json" \
      --only-categories=performance,accessibility --form-factor=mobile \
      --chrome-path="${CHROMIUM_PATH:-/usr/bin/chromium}" \
      --chrome-flags="--headless=new --no-sandbox" >/dev/null 2>&1 || { echo "| $page | failed | | | |"; continue; }
    node -e '
      const r = require(process.argv[1]);
      const s = (c) => Math.round(r.categories[c].score * 100);
      const a = (k) => (r.audits[k].numericValue / 1000).toFixed(1) + " s";
      console.log(`| ${process.argv[2]} | ${s("performance")} | ${s("accessibility")} | ${a("largest-contentful-paint")} | ${a("interactive")} |`);
    ' "$work/lh.json" "$page"
  done
fi

echo
addr=$(serve . 3600)
slow=$(cd end2end && node perf/slow-link.mjs "http://$addr")
echo "console over 1.6 Mbit/s, 150 ms (median of 3): $slow"

echo
echo "| what | 50 connections | 1 connection |"
echo "|---|---|---|"
if [ -n "$compare" ]; then
  tree=target/perf/before
  if [ ! -d "$tree" ]; then git worktree add --detach "$tree" "$compare" >/dev/null; fi
  git -C "$tree" checkout --detach -q "$compare"
  echo "==> building $compare in $tree (release)" >&2
  (cd "$tree" && cargo leptos build --release >/dev/null 2>&1)
fi
# Measured one after the other, with nothing else running.
throughput "$(serve . 3400)" "this build"
if [ -n "$compare" ]; then
  throughput "$(serve "$tree" 3500)" "$compare"
fi
