#!/usr/bin/env bash
# Builds respite-core and generates its Kotlin and Swift bindings from the built
# library's metadata.
#
#   bindings/generate.sh [--release] [--demo-data] [OUT_DIR]
#
# OUT_DIR defaults to build/bindings. With --release the mobile profile is used
# (LTO, size-optimised, unwinding panics). --demo-data builds the synthetic history
# generator in (Vault.fillWithDemoData), for the JVM tests and demos; the library
# the apps ship is built without it. Bindings must come from an unstripped
# library: UniFFI reads its metadata symbols. Strip the artefact you ship afterwards.
# Generated sources are build output: do not commit them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
profile=debug
cargo_flags=()
if [[ "${1:-}" == "--release" ]]; then
  profile=release
  cargo_flags=(--release)
  shift
fi
if [[ "${1:-}" == "--demo-data" ]]; then
  cargo_flags+=(--features demo-data)
  shift
fi
out="${1:-$root/build/bindings}"

cd "$root"
cargo build "${cargo_flags[@]}" -p respite-core
case "$(uname -s)" in
  Darwin) lib="$root/target/$profile/librespite_core.dylib" ;;
  *) lib="$root/target/$profile/librespite_core.so" ;;
esac

rm -rf "$out"
mkdir -p "$out"
cargo run -q -p uniffi-bindgen -- generate "$lib" \
  --language kotlin --language swift \
  --config "$root/bindings/uniffi.toml" \
  --out-dir "$out" --no-format
echo "Bindings for $lib written to $out"
