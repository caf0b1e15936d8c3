#!/usr/bin/env bash
# Runs every test: the Rust workspace (unit, integration, CLI as a subprocess), the
# generated Kotlin bindings on a JVM against the real library, and a syntax check of
# the generated Swift. Installs what it needs first.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/scripts/install-test-tools.sh"

echo "== Formatting"
cargo fmt --all -- --check

echo "== Rust tests"
cargo nextest run --workspace --no-fail-fast

echo "== Kotlin binding tests"
"$root/tests/kotlin/run.sh"

echo "== Swift bindings syntax check"
"$root/.tools/venv/bin/python" "$root/tests/swift/check_syntax.py" "$root/build/bindings"

echo "All test suites passed."
