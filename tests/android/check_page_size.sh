#!/usr/bin/env bash
# Android 15+ devices may use 16 KB memory pages; a library whose LOAD segments are
# aligned to less does not load there. This links the core on the host with the very
# linker flags bindings/build-android.sh gives the Android targets, reads the ELF
# program headers, and fails unless every LOAD segment is 16 KB aligned (the host's
# default build, 4 KB aligned, is checked to fail the same test). It also checks that
# the pinned JNA is a release whose Android libraries are 16 KB aligned.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tests/android"
flags="$(sed -n 's/^page_flags="\(.*\)"$/\1/p' "$root/bindings/build-android.sh")"
[[ -n "$flags" ]] || { echo "check_page_size: no page_flags in bindings/build-android.sh" >&2; exit 1; }

cd "$root"
cargo build -q -p respite-core --lib
python3 "$here/check_alignment.py" target/debug/librespite_core.so 16384 --expect-below
# shellcheck disable=SC2086 # the flags are words
cargo rustc -q -p respite-core --lib --crate-type cdylib -- $flags
mkdir -p build/page16
cp target/debug/librespite_core.so build/page16/
# Leave the usual host library in place for everything else.
cargo build -q -p respite-core --lib
python3 "$here/check_alignment.py" build/page16/librespite_core.so 16384

# The first JNA release whose Android natives are 16 KB aligned (JNA #1647, fixed by
# #1642 after 5.16.0, which still crashed on 16 KB devices).
first="5.17.0"
for gradle in android-demo/app/build.gradle.kts android-demo/presentation/build.gradle.kts; do
  pinned="$(sed -n 's/.*net\.java\.dev\.jna:jna:\([0-9.]*\).*/\1/p' "$gradle" | head -n 1)"
  if [[ "$(printf '%s\n%s\n' "$first" "$pinned" | sort -V | head -n 1)" != "$first" ]]; then
    echo "check_page_size: $gradle pins JNA $pinned; 16 KB aligned Android libraries need $first or newer" >&2
    exit 1
  fi
  echo "$gradle: JNA $pinned (16 KB aligned from $first)"
done
