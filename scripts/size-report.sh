#!/usr/bin/env bash
# Prints the store's release WASM and JS sizes, raw and gzipped (-9), and
# fails when the WASM is over its budget. Expects `cargo leptos build --release`.
#   scripts/size-report.sh [--build]
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_GZIP_KB=200
# The console runs on staff laptops and tablets and is loaded only under
# /console; its budget keeps growth visible rather than matching a phone's.
CONSOLE_BUDGET_GZIP_KB=1000
if [ "${1:-}" = "--build" ]; then
  scripts/setup.sh
  source scripts/env.sh
  cargo leptos build --release
  scripts/build-console.sh
fi
pkg=target/site/pkg
for f in "$pkg/orderlink.wasm" "$pkg/orderlink.js" "$pkg/orderlink.css"; do
  [ -f "$f" ] || { echo "missing $f: run 'cargo leptos build --release' first" >&2; exit 1; }
done
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
printf '%-22s %10s %10s\n' "store bundle" "raw KB" "gzip KB"
over=0
for f in "$pkg/orderlink.wasm" "$pkg/orderlink.js" "$pkg/orderlink.css"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  printf '%-22s %10s %10s\n' "$(basename "$f")" "$(kb "$raw")" "$(kb "$gz")"
  if [[ "$f" == *.wasm ]] && [ "$gz" -gt $((BUDGET_GZIP_KB * 1024)) ]; then over=1; fi
done
if [ "$over" = 1 ]; then
  echo "FAIL: store WASM is over the ${BUDGET_GZIP_KB} KB gzip budget" >&2
  exit 1
fi
echo "store WASM within the ${BUDGET_GZIP_KB} KB gzip budget"
# The console must stay out of the store's bundle: its title string is a marker.
if grep -q "OrderLink Console" "$pkg/orderlink.wasm"; then
  echo "FAIL: console code found in the store's WASM" >&2
  exit 1
fi
echo "store WASM holds no console code"
# The console is a separate bundle, loaded only under /console.
printf '\n%-22s %10s %10s\n' "console bundle" "raw KB" "gzip KB"
for f in "$pkg/console.wasm" "$pkg/console.js"; do
  [ -f "$f" ] || { echo "missing $f: run scripts/build-console.sh" >&2; exit 1; }
  gz=$(gzip -9 -c "$f" | wc -c)
  printf '%-22s %10s %10s\n' "$(basename "$f")" "$(kb "$(stat -c %s "$f")")" "$(kb "$gz")"
  if [[ "$f" == *.wasm ]] && [ "$gz" -gt $((CONSOLE_BUDGET_GZIP_KB * 1024)) ]; then
    echo "FAIL: console WASM is over its ${CONSOLE_BUDGET_GZIP_KB} KB gzip budget" >&2
    exit 1
  fi
done
echo "console WASM within its ${CONSOLE_BUDGET_GZIP_KB} KB gzip budget"
