#!/usr/bin/env bash
# Builds respite-core for Android and puts everything the Gradle project needs under
# android-demo/build/generated/respite/:
#   jniLibs/{arm64-v8a,x86_64}/librespite_core.so   stripped, 16 KB page aligned
#   kotlin/app/respite/core/respite_core.kt          the generated bindings
#
#   bindings/build-android.sh [--debug]
#
# Needs: the Android NDK (r27 or newer; ANDROID_NDK_HOME, or found under ANDROID_HOME
# / ANDROID_SDK_ROOT), cargo-ndk (`cargo install cargo-ndk`) and the two Rust targets
# (`rustup target add aarch64-linux-android x86_64-linux-android`). The script says
# which is missing. See android-demo/README.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/android-demo/build/generated/respite"
profile=release
cargo_flags=(--release)
if [[ "${1:-}" == "--debug" ]]; then
  profile=debug
  cargo_flags=()
fi

fail() { echo "build-android: $*" >&2; exit 1; }

if [[ -z "${ANDROID_NDK_HOME:-}" ]]; then
  sdk="${ANDROID_HOME:-${ANDROID_SDK_ROOT:-}}"
  if [[ -n "$sdk" && -d "$sdk/ndk" ]]; then
    ANDROID_NDK_HOME="$(ls -d "$sdk"/ndk/* | sort -V | tail -n 1)"
    export ANDROID_NDK_HOME
  fi
fi
[[ -n "${ANDROID_NDK_HOME:-}" && -d "$ANDROID_NDK_HOME" ]] ||
  fail "no Android NDK found: set ANDROID_NDK_HOME (or install one with the SDK manager)"
cargo ndk --version >/dev/null 2>&1 || fail "cargo-ndk is missing: cargo install cargo-ndk"
for target in aarch64-linux-android x86_64-linux-android; do
  rustup target list --installed | grep -qx "$target" || fail "Rust target $target is missing: rustup target add $target"
done

cd "$root"
# Android 15+ devices may use 16 KB memory pages: align the library's segments for them.
# Per Android target only, so the host (build scripts, uniffi-bindgen) links as usual
# (a global RUSTFLAGS would pass an ELF-only flag to a macOS host's linker).
page_flags="-C link-arg=-Wl,-z,max-page-size=16384"
export CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS="${CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS:-} $page_flags"
export CARGO_TARGET_X86_64_LINUX_ANDROID_RUSTFLAGS="${CARGO_TARGET_X86_64_LINUX_ANDROID_RUSTFLAGS:-} $page_flags"
rm -rf "$out"
mkdir -p "$out/jniLibs"
# API 26 matches the app's minSdk. cargo-ndk copies each .so into jniLibs/<abi>/.
cargo ndk --platform 26 -t arm64-v8a -t x86_64 -o "$out/jniLibs" build "${cargo_flags[@]}" -p respite-core

# Bindings come from the unstripped library (UniFFI reads its metadata symbols);
# any slice will do, they are the same.
unstripped="$root/target/aarch64-linux-android/$profile/librespite_core.so"
cargo run -q -p uniffi-bindgen -- generate "$unstripped" \
  --language kotlin --config "$root/bindings/uniffi.toml" --out-dir "$out/kotlin" --no-format

# Ship stripped libraries.
strip_tool="$(ls "$ANDROID_NDK_HOME"/toolchains/llvm/prebuilt/*/bin/llvm-strip | head -n 1)"
for so in "$out"/jniLibs/*/librespite_core.so; do
  "$strip_tool" --strip-unneeded "$so"
done
ls -l "$out"/jniLibs/*/librespite_core.so
echo "Android libraries and bindings written to $out"
