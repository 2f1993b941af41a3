#!/usr/bin/env bash
# Runs the benchmarks behind DESIGN.md's speed budgets on release builds; each
# prints its figures and exits non-zero when over budget. Not part of the test
# command: a benchmark wants a quiet machine, not a shared CI runner.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo bench -p server --bench catalogue
