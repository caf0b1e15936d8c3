#!/usr/bin/env bash
# Compiles the generated Kotlin bindings, the Android demo's presentation module
# (plain Kotlin) and the tests in tests/kotlin, and runs them on a desktop JVM against
# the real library (built by bindings/generate.sh).
# Needs scripts/install-test-tools.sh to have run (kotlinc from npm, JNA from Debian).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
kotlin_home="$root/.tools/npm/node_modules/kotlin-compiler"
jna="${JNA_JAR:-/usr/share/java/jna.jar}"
bindings="$root/build/bindings"
classes="$root/build/kotlin-classes"

"$root/bindings/generate.sh" --demo-data "$bindings"

rm -rf "$classes"
mkdir -p "$classes"
presentation="$root/android-demo/presentation/src/main/kotlin"
echo "Compiling the Kotlin bindings, the presentation module and the tests…"
"$kotlin_home/bin/kotlinc" -nowarn \
  -cp "$jna:$kotlin_home/lib/kotlin-test.jar:$kotlin_home/lib/kotlinx-coroutines-core-jvm.jar" \
  -d "$classes" \
  "$bindings/app/respite/core/respite_core.kt" "$presentation" "$root"/tests/kotlin/*.kt

java -Djna.library.path="$root/target/debug" -Dpresentation.sources="$presentation" \
  -cp "$classes:$jna:$kotlin_home/lib/kotlin-stdlib.jar:$kotlin_home/lib/kotlin-test.jar:$kotlin_home/lib/kotlinx-coroutines-core-jvm.jar" \
  TestRunnerKt "$root/tests/fixtures"
