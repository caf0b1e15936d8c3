#!/usr/bin/env bash
# Builds respite-core for iOS and writes the Swift package in ios-demo/RespiteCore:
#   RespiteCoreFFI.xcframework       static library: device (arm64) and simulator
#                                    (arm64 + x86_64) slices, C header and module map
#   Sources/RespiteCore/RespiteCore.swift   the generated Swift bindings
#
#   bindings/build-ios.sh
#
# Needs macOS with Xcode (xcodebuild, lipo) and the Rust targets:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
# See ios-demo/README.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package="$root/ios-demo/RespiteCore"
work="$root/target/ios-package"

fail() { echo "build-ios: $*" >&2; exit 1; }
[[ "$(uname -s)" == Darwin ]] || fail "building for iOS needs macOS with Xcode"
command -v xcodebuild >/dev/null || fail "xcodebuild is missing: install Xcode"
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
  rustup target list --installed | grep -qx "$target" || fail "Rust target $target is missing: rustup target add $target"
done

cd "$root"
export IPHONEOS_DEPLOYMENT_TARGET=16.0
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
  cargo build --release -p respite-core --target "$target"
done

rm -rf "$work"
mkdir -p "$work/headers" "$work/simulator" "$work/bindings"
# Bindings from the host build's metadata (the same crate, so the same interface).
cargo build --release -p respite-core
cargo run -q -p uniffi-bindgen -- generate "$root/target/release/librespite_core.dylib" \
  --language swift --config "$root/bindings/uniffi.toml" --out-dir "$work/bindings" --no-format
cp "$work/bindings/RespiteCoreFFI.h" "$work/headers/"
# The module map must be called module.modulemap inside the xcframework's headers.
cp "$work/bindings/RespiteCoreFFI.modulemap" "$work/headers/module.modulemap"

lipo -create \
  "target/aarch64-apple-ios-sim/release/librespite_core.a" \
  "target/x86_64-apple-ios/release/librespite_core.a" \
  -output "$work/simulator/librespite_core.a"

rm -rf "$package/RespiteCoreFFI.xcframework"
xcodebuild -create-xcframework \
  -library "target/aarch64-apple-ios/release/librespite_core.a" -headers "$work/headers" \
  -library "$work/simulator/librespite_core.a" -headers "$work/headers" \
  -output "$package/RespiteCoreFFI.xcframework"
cp "$work/bindings/RespiteCore.swift" "$package/Sources/RespiteCore/RespiteCore.swift"
echo "Swift package ready in $package"
