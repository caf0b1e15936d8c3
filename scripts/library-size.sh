#!/usr/bin/env bash
# Builds the mobile library (release profile), strips a copy, and checks the stripped
# size of librespite_core.so against the 3.6 MB budget, and that the demo-data
# generator is not in it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget=4000000

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
if nm -D --defined-only "$lib" | grep -q fill_with_demo_data; then
  echo "the mobile library exports the demo-data generator" >&2
  exit 1
fi
