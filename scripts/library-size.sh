#!/usr/bin/env bash
# Builds the mobile library (release profile), strips a copy, and checks the stripped
# size of librespite_core.so against the 3.5 MB budget.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget=3500000

cd "$root"
cargo build --release -p respite-core
lib="$root/target/release/librespite_core.so"
stripped="$(mktemp)"
trap 'rm -f "$stripped"' EXIT
cp "$lib" "$stripped"
strip "$stripped"
size=$(stat -c %s "$stripped")
echo "librespite_core.so: $(stat -c %s "$lib") bytes unstripped, $size bytes stripped (budget $budget)"
if (( size > budget )); then
  echo "over the size budget" >&2
  exit 1
fi
