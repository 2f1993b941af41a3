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

# The suite runs in parallel: the stall that once made it run one test at a
# time came from Leptos listing routes while another instance served
# (docs/upstream/leptos-route-listing-stalls-requests.md); routes are now
# listed once per process. Two tests measure this process's memory and
# response times, so they run alone afterwards.
ALONE=(password_floods_keep_memory_bounded several_requests_on_one_connection_each_answer)
integration() {
  cargo test -p server -- "${ALONE[@]/#/--skip=}"
  cargo test -p server --test http -- --test-threads=1 "${ALONE[@]}"
}

step "integration tests over HTTP (server/tests) on SQLite"
ORDERLINK_TEST_POSTGRES= integration

step "integration tests over HTTP (server/tests) on PostgreSQL"
# A throwaway cluster owned by this run (scripts/pg.sh) on a free local port;
# each test makes its own database in it. Under /tmp: as root the cluster
# runs as `postgres`, which must reach its folder.
PG_DIR=$(mktemp -d /tmp/orderlink-pg.XXXXXX)
PG_PORT=$(scripts/pg.sh free-port)
trap 'scripts/pg.sh stop "$PG_DIR"' EXIT
scripts/pg.sh start "$PG_DIR" "$PG_PORT" fast
echo "PostgreSQL on 127.0.0.1:$PG_PORT"
ORDERLINK_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_PORT" integration
scripts/pg.sh stop "$PG_DIR"
trap - EXIT
# The catalogue benchmark (scripts/bench.sh) is not run here, but must build.
cargo test -p server --benches --no-run

step "release build (store and server, the console bundle, precompressed copies)"
# Without the server's whole-program LTO (Cargo.toml): it only makes the
# server faster, and its one-thread link took about ten of a CI run's
# minutes on two cores. The WASM profile sets its own LTO, so the bundles
# (and the size report) are the ones a release ships.
CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 scripts/build-release.sh

step "size report"
scripts/size-report.sh

step "browser tests (Playwright + Chromium)"
(cd end2end && npx playwright test)

step "build output"
du -sh target | awk '{ print "target/: " $1 }'
