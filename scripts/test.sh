#!/usr/bin/env bash
# Sets up what is missing and runs every test: formatting, unit tests,
# HTTP integration tests, the release build with its size report, and the
# browser tests in Chromium against that release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
step() { printf '\n==> %s\n' "$*"; }
# The disk left for target/ (a CI run once failed on a full disk).
df -h . | awk 'NR == 2 { print "disk: " $4 " free of " $2 }'

step "formatting"
cargo fmt --all --check

step "text only in the i18n modules"
scripts/check-text.sh

step "unit tests (app, server build)"
cargo test -p app --features ssr

step "unit tests (app, browser build: the same domain rules compiled with hydrate)"
cargo test -p app --features hydrate --lib

step "unit tests (console)"
cargo test -p console --features ssr --lib

step "integration tests over HTTP (server/tests) on SQLite"
# One test at a time: with several app instances in one process, about one
# suite run in five stalls a request (seen with current-thread and
# multi-thread runtimes; a single server under 3,000 concurrent requests
# does not). Sequential runs never stalled in our trials; the cause is open.
ORDERLINK_TEST_POSTGRES= cargo test -p server -- --test-threads=1

step "integration tests over HTTP (server/tests) on PostgreSQL"
# A throwaway cluster owned by this run; each test makes its own database.
# Under /tmp: as root the cluster runs as `postgres`, which must reach it.
PG_DIR=$(mktemp -d /tmp/orderlink-pg.XXXXXX)
PG_PORT=${ORDERLINK_TEST_PG_PORT:-55432}
trap 'scripts/pg.sh stop "$PG_DIR"' EXIT
scripts/pg.sh start "$PG_DIR" "$PG_PORT" fast
ORDERLINK_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_PORT" cargo test -p server -- --test-threads=1
scripts/pg.sh stop "$PG_DIR"
trap - EXIT
# The catalogue benchmark (scripts/bench.sh) is not run here, but must build.
cargo test -p server --benches --no-run

step "release build (store and server, then the console bundle)"
cargo leptos build --release
scripts/build-console.sh

step "size report"
scripts/size-report.sh

step "browser tests (Playwright + Chromium)"
(cd end2end && npx playwright test)

step "build output"
du -sh target | awk '{ print "target/: " $1 }'
