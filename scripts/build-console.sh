#!/usr/bin/env bash
# Builds the console's own bundle into target/site/pkg/console/: console.js
# and console.wasm (the shell, the router and what every page shares), one
# chunk per page (console/src/pages.rs) and __wasm_split.js, which fetches a
# chunk the first time its page is shown. cargo-leptos builds one bundle per
# project; the console is kept out of the store's so a distributor's phone
# never downloads it. Its own target dir keeps the store's cached WASM build
# untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
out=target/site/pkg/console
split=target/console/split
rm -rf "$out" "$split"
mkdir -p "$out" "$split"
# The splitter follows relocations to cut the module, so the linker keeps them.
# Panic locations name source files: shortened, they take less of the first
# load (and name no path of the build machine).
registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
remap="--remap-path-prefix=$registry=crates --remap-path-prefix=$PWD=."
RUSTFLAGS="${RUSTFLAGS:-} -Clink-args=--emit-relocs $remap" LEPTOS_OUTPUT_NAME=console \
  cargo build -p console-frontend --lib \
  --target wasm32-unknown-unknown --profile wasm-release --target-dir target/console
# Chunks and their loader go straight to the site; the main module still needs wasm-bindgen.
wasm-split-cli --target web --out-name console \
  target/console/wasm32-unknown-unknown/wasm-release/console_frontend.wasm "$split"
mv "$split"/*.js "$split"/*.wasm "$out"/ 2>/dev/null || true
mv "$out/console.wasm" "$split/console.wasm"
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-dir "$out" --out-name console "$split/console.wasm"
# Leptos's HydrationScripts loads {output_name}.wasm, as cargo-leptos names it.
mv "$out/console_bg.wasm" "$out/console.wasm"
printf '%s\0' "$out"/*.wasm | xargs -0 -P "$(nproc)" -I{} \
  wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
  --strip-producers --strip-target-features {} -o {}
# Each page group's files in one pack, and the loader taught to take them from
# it (scripts/pack-console.mjs): after wasm-opt, so the packs hold the final
# files.
node scripts/pack-console.mjs "$out"
# wasm-bindgen's glue, minified (esbuild from npm, tools/). The chunk loader
# stays as written: it is small, and the browser tests read the groups from it.
esbuild "$out/console.js" --minify --format=esm --log-level=warning --outfile="$out/console.min.js"
mv "$out/console.min.js" "$out/console.js"
echo "==> console bundle in $out"
