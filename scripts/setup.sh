#!/usr/bin/env bash
# Installs what OrderLink needs, from the package registries only. Every step
# skips itself when already done, so a warm machine passes through in seconds.
#   scripts/setup.sh          build and run tools
#   scripts/setup.sh --test   also Chromium and the browser-test packages
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10   # newest that builds with --locked on this Rust
step() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  step "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes a while once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: one of its locked dependencies is no longer on the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The console's WASM is split into lazily loaded chunks (scripts/build-console.sh)
# by the splitter that matches the runtime half in Cargo.lock.
WASM_SPLIT_VERSION=$(awk '/^name = "wasm_split_helpers"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
# The tool has no --version: cargo's record of installed crates says which one is there.
if ! command -v wasm-split-cli >/dev/null \
  || ! grep -qs "wasm_split_cli_support $WASM_SPLIT_VERSION " "${CARGO_HOME:-$HOME/.cargo}/.crates.toml"; then
  step "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

# wasm-opt from npm's binaryen: Debian's older one yields a WASM that never
# hydrates. esbuild minifies the console's JavaScript.
if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -x tools/node_modules/.bin/esbuild ] \
  || [ tools/package.json -nt tools/node_modules/.package-lock.json ]; then
  step "installing wasm-opt (npm binaryen) and esbuild"
  (cd tools && npm ci --no-audit --no-fund)
fi

if [ "${1:-}" = "--test" ]; then
  # The integration tests run on PostgreSQL too, in a cluster of their own
  # (scripts/pg.sh): only the binaries are needed, not the system service.
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    step "installing Debian's postgresql"
    # Binaries only: no cluster of its own that would start as a service.
    if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
      as_root mkdir -p /etc/postgresql-common
      echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
    fi
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
  fi
  if [ ! -x /usr/bin/chromium ]; then
    step "installing Debian's chromium"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
  fi
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    step "installing browser-test packages"
    (cd end2end && npm ci --no-audit --no-fund)
  fi
fi
