#!/usr/bin/env bash
# Builds the console's own bundle, target/site/pkg/console.{js,wasm}, beside
# the store's. cargo-leptos builds one bundle per project; the console is kept
# out of the store's so a distributor's phone never downloads it. Its own
# target dir keeps the store's cached WASM build untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
pkg=target/site/pkg
mkdir -p "$pkg"
LEPTOS_OUTPUT_NAME=console cargo build -p console-frontend --lib \
  --target wasm32-unknown-unknown --profile wasm-release --target-dir target/console
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name console \
  target/console/wasm32-unknown-unknown/wasm-release/console_frontend.wasm
# Leptos's HydrationScripts loads {output_name}.wasm, as cargo-leptos names it.
mv "$pkg/console_bg.wasm" "$pkg/console.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$pkg/console.wasm" -o "$pkg/console.wasm"
echo "==> console bundle in $pkg"
