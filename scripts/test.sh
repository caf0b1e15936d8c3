#!/usr/bin/env bash
# Runs every test: the Rust workspace (unit, integration, CLI as a subprocess), the
# generated Kotlin bindings and the Android demo's presentation module on a JVM against
# the real library, and a syntax check of what cannot be compiled here: the Swift
# bindings and iOS demo, and the Android app layer. Installs what it needs first.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/scripts/install-test-tools.sh"

echo "== Formatting"
cargo fmt --all -- --check

echo "== Clippy, warnings as errors"
cargo clippy --workspace --all-targets -- -D warnings

echo "== Rust tests"
cargo nextest run --workspace --no-fail-fast

echo "== Kotlin binding tests"
"$root/tests/kotlin/run.sh"

echo "== Android: no Java API above minSdk in what the app ships"
min_sdk="$(sed -n 's/.*minSdk = \([0-9]*\).*/\1/p' "$root/android-demo/app/build.gradle.kts")"
python3 "$root/tests/android/check_api_level.py" "$min_sdk" "$root/build/kotlin-classes/app" \
  --sources "$root/android-demo/app/src/main/kotlin"

echo "== Android: 16 KB page alignment of the library and of JNA"
"$root/tests/android/check_page_size.sh"

echo "== Syntax check: Swift bindings and iOS demo, Android app layer"
"$root/.tools/venv/bin/python" "$root/tests/syntax/check_syntax.py" swift "$root/build/bindings" "$root/ios-demo"
"$root/.tools/venv/bin/python" "$root/tests/syntax/check_syntax.py" swift-names "$root/build/bindings" "$root/ios-demo"
"$root/.tools/venv/bin/python" "$root/tests/syntax/check_syntax.py" kotlin "$root/android-demo/app/src"

echo "All test suites passed."
