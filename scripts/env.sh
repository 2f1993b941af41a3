# Sourced by the other scripts: puts the project's tools first on PATH, so
# cargo-leptos finds wasm-opt and wasm-bindgen here instead of downloading them.
ORDERLINK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ORDERLINK_ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
