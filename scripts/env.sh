# Sourced by the other scripts: puts the project's tools first on PATH, so
# cargo-leptos finds wasm-opt and wasm-bindgen here instead of downloading them.
ORDERLINK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ORDERLINK_ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# CI builds from a fresh clone once: incremental caches would only take disk.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi
