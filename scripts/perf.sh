#!/usr/bin/env bash
# The speed figures of issue 16 on the release build in target/ (build it
# first: scripts/build-release.sh):
#   - Lighthouse 12, mobile preset (simulated slow 4G, 4x CPU slowdown), in
#     Debian's Chromium, for the store's catalogue, a product, the store
#     login and the console login: performance, accessibility, LCP, TTI;
#   - over an emulated 1.6 Mbit/s, 150 ms link, when the console's login
#     form is usable, how long the overview takes to hydrate after pressing
#     "Log in", and the approvals inbox and the products list opened cold
#     (end2end/perf/slow-link.mjs, Playwright);
#   - catalogue pages per second with 50 connections and with one (wrk, or
#     scripts/load.mjs without it), on demo data in a throwaway SQLite file,
#     and the server's CPU time a page (from /proc).
# `--compare REF` measures the throughput of REF too (built in a worktree
# under target/perf, which takes a while), in the same run: both servers
# start, then PERF_ROUNDS rounds (default 5) measure them in turn, in
# alternating order, and the medians and their ratio are printed. A single
# run of each swings by 20-30 % on a shared VM; alternating rounds spread
# that over both. `--no-lighthouse` and `--no-slow-link` skip those parts.
# Not part of the test command: figures want a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
compare="" lighthouse=1 slow_link=1 rounds=${PERF_ROUNDS:-5}
while [ $# -gt 0 ]; do
  case "$1" in
    --compare) compare="$2"; shift 2 ;;
    --no-lighthouse) lighthouse=0; shift ;;
    --no-slow-link) slow_link=0; shift ;;
    *) echo "usage: scripts/perf.sh [--compare REF] [--no-lighthouse] [--no-slow-link]" >&2; exit 2 ;;
  esac
done
[ -x target/release/server ] || { echo "build the release first" >&2; exit 1; }
work=$(mktemp -d /tmp/orderlink-perf.XXXXXX)
# Servers start in command substitutions (subshells): each one's pid goes to
# a file, $work/pid.PORT.
trap 'kill $(cat "$work"/pid.* 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# Starts a build's server (its folder: $1) on demo data; prints its address.
# The subshell execs the server, so $! is the server's pid.
serve() {
  local root=$1 port db
  port=$(free_port "${2:-3300}")
  db="$work/$port.db"
  (cd "$root" && exec env LEPTOS_SITE_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$db" \
    ORDERLINK_DEMO=1 ORDERLINK_DEV=1 RUST_LOG=warn target/release/server >"$work/$port.log" 2>&1) &
  echo $! >"$work/pid.$port"
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

# The server's CPU time so far (user + system), in clock ticks.
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# One measured stretch of 50 connections on a server: prints
# "pages_per_sec cpu_us_per_page p99".
round() {
  local addr=$1 pid=$2 seconds=10 before after figures pages
  before=$(cpu_ticks "$pid")
  figures=$(load "http://$addr/s/demo" 50 "$seconds")
  after=$(cpu_ticks "$pid")
  pages=$(node -e 'const f = JSON.parse(process.argv[1]); console.log(f.pages_per_sec, f.p99 ?? f.p99_ms + "ms")' "$figures")
  set -- $pages
  local served=$(($1 * seconds > 0 ? $1 * seconds : 1))
  echo "$1 $(((after - before) * 1000000 / $(getconf CLK_TCK) / served)) $2"
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
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

if [ "$slow_link" = 1 ]; then
  echo
  addr=$(serve . 3600)
  slow=$(cd end2end && node perf/slow-link.mjs "http://$addr")
  echo "console over 1.6 Mbit/s, 150 ms (median of 3): $slow"
fi

if [ -n "$compare" ]; then
  tree=target/perf/before
  if [ ! -d "$tree" ]; then git worktree add --detach "$tree" "$compare" >/dev/null; fi
  git -C "$tree" checkout --detach -q "$compare"
  echo "==> building $compare in $tree (release)" >&2
  (cd "$tree" && cargo leptos build --release >/dev/null 2>&1)
fi

# Both servers run from the start; each round measures them in turn, the
# order alternating, with nothing else running.
names=("this build") addrs=("$(serve . 3400)")
[ -n "$compare" ] && { names+=("$compare"); addrs+=("$(serve "$tree" 3500)"); }
for i in "${!addrs[@]}"; do
  load "http://${addrs[$i]}/s/demo" 2 3 >/dev/null # warm up
  : >"$work/rounds.$i"
done
echo
echo "| round | build | pages/s (50 connections) | server CPU a page | p99 |"
echo "|---|---|---|---|---|"
for r in $(seq 1 "$rounds"); do
  order=("${!addrs[@]}")
  [ $((r % 2)) = 0 ] && order=($(printf '%s\n' "${order[@]}" | sort -rn))
  for i in "${order[@]}"; do
    port=${addrs[$i]##*:}
    read -r pps us p99 <<<"$(round "${addrs[$i]}" "$(cat "$work/pid.$port")")"
    echo "$pps $us" >>"$work/rounds.$i"
    echo "| $r | ${names[$i]} | $pps | $us µs | $p99 |"
  done
done
echo
echo "| build | pages/s, median of $rounds | server CPU a page, median | 1 connection |"
echo "|---|---|---|---|"
for i in "${!addrs[@]}"; do
  pps[$i]=$(cut -d' ' -f1 "$work/rounds.$i" | median | xargs printf '%.0f')
  us[$i]=$(cut -d' ' -f2 "$work/rounds.$i" | median | xargs printf '%.0f')
  one=$(load "http://${addrs[$i]}/s/demo" 1 5)
  echo "| ${names[$i]} | ${pps[$i]} | ${us[$i]} µs | $one |"
done
if [ -n "$compare" ]; then
  awk -v ref="$compare" -v a="${pps[0]}" -v b="${pps[1]}" -v c="${us[0]}" -v d="${us[1]}" \
    'BEGIN { printf "\nthis build against %s: %.2fx the pages per second; server CPU a page %.2fx\n", ref, a / b, c / d }'
fi
