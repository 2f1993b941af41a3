#!/usr/bin/env bash
# Every user-visible string comes from the i18n modules: fails if Chinese text
# appears in Rust source outside them, the demo seed data and unit tests
# (a file's `#[cfg(test)]` module and what follows it).
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
found=0
while IFS= read -r file; do
  case "$file" in
    */i18n.rs|*/db/seed.rs) continue ;;
  esac
  # Only the part of the file before its test module.
  hits=$(sed '/^#\[cfg(test)\]/,$d' "$file" | grep -nP '[\x{4e00}-\x{9fff}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]' || true)
  if [ -n "$hits" ]; then
    printf '%s:\n%s\n' "$file" "$hits"
    found=1
  fi
done < <(git ls-files 'app/src/*.rs' 'console/src/*.rs' 'server/src/*.rs' 'frontend/src/*.rs' 'console-frontend/src/*.rs')
if [ "$found" = 1 ]; then
  echo "FAIL: Chinese text outside the i18n modules (move it into i18n.rs or console/src/i18n.rs)" >&2
  exit 1
fi
echo "no user-visible text outside the i18n modules"
