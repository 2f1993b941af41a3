#!/usr/bin/env bash
# The release build the run, test and size scripts share: the store and the
# server (cargo leptos), the console's split bundle, then a brotli and a gzip
# copy of every bundle, which the server sends instead of compressing the
# file on each download.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo leptos build --release
scripts/build-console.sh
node scripts/precompress.mjs target/site
