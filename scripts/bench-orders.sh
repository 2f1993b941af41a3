#!/usr/bin/env bash
# The order benchmark (DESIGN.md §5: at least 1,000 orders/s on SQLite, none
# lost, none duplicated) against the release server: on SQLite without
# faults, on SQLite with a SIGKILL halfway, then both on PostgreSQL (a
# throwaway durable cluster). `--sqlite` runs only the first two. Exits
# non-zero over budget or on any lost, duplicated or oversold order.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo leptos build --release
failed=0
run() { cargo bench -p server --bench orders -- "$@" || failed=1; }

echo "==> orders on SQLite"
ORDERLINK_TEST_POSTGRES= run
echo "==> orders on SQLite, SIGKILL halfway"
ORDERLINK_TEST_POSTGRES= run --kill

if [ "${1:-}" != --sqlite ]; then
  pg_dir=$(mktemp -d /tmp/orderlink-pg.XXXXXX)
  pg_port=$(scripts/pg.sh free-port)
  trap 'scripts/pg.sh stop "$pg_dir"' EXIT
  scripts/pg.sh start "$pg_dir" "$pg_port"
  export ORDERLINK_TEST_POSTGRES="postgres://postgres@127.0.0.1:$pg_port"
  echo "==> orders on PostgreSQL"
  run
  echo "==> orders on PostgreSQL, SIGKILL halfway"
  run --kill
fi
exit "$failed"
