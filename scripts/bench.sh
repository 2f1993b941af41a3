#!/usr/bin/env bash
# Runs the benchmarks behind DESIGN.md's speed budgets on release builds; each
# prints its figures and exits non-zero when over budget. Not part of the test
# command: a benchmark wants a quiet machine, not a shared CI runner.
# The catalogue benchmark runs on SQLite, then on PostgreSQL (a throwaway
# cluster with the default, durable settings); `--sqlite` runs only the first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
failed=0

echo "==> catalogue benchmark on SQLite"
ORDERLINK_TEST_POSTGRES= cargo bench -p server --bench catalogue || failed=1

if [ "${1:-}" != --sqlite ]; then
  echo "==> catalogue benchmark on PostgreSQL"
  pg_dir=$(mktemp -d /tmp/orderlink-pg.XXXXXX)
  pg_port=$(scripts/pg.sh free-port)
  trap 'scripts/pg.sh stop "$pg_dir"' EXIT
  scripts/pg.sh start "$pg_dir" "$pg_port"
  ORDERLINK_TEST_POSTGRES="postgres://postgres@127.0.0.1:$pg_port" \
    cargo bench -p server --bench catalogue || failed=1
fi
exit "$failed"
