#!/usr/bin/env bash
# Sets up what is missing, builds a release and runs OrderLink on a SQLite file
# with demo data at http://127.0.0.1:${PORT:-3000} (dev mode: SMS goes to /dev/outbox).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
cargo leptos build --release
scripts/build-console.sh
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:${PORT:-3000}}"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/orderlink.db}"
export ORDERLINK_DEMO="${ORDERLINK_DEMO:-1}"
export ORDERLINK_DEV="${ORDERLINK_DEV:-1}"
echo "==> OrderLink on http://$LEPTOS_SITE_ADDR/s/demo"
exec target/release/server
