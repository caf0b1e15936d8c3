#!/usr/bin/env bash
# Installs what the test run needs beyond Rust, each only when missing:
#   - a JDK and JNA (Debian packages openjdk-17-jdk-headless, libjna-java)
#   - the Kotlin compiler (npm package kotlin-compiler, pinned) into .tools/npm
#   - tree-sitter with its Swift and Kotlin grammars (PyPI, pinned) into .tools/venv
#   - cargo-nextest (crates.io), when the machine does not have it
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
KOTLIN_VERSION=2.4.20

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "install-test-tools: need root (or sudo) to install $*" >&2; exit 1
  fi
}

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    as_root apt-get update -qq >/dev/null
    as_root apt-get install -y -qq "$@" >/dev/null
  }
}

if ! command -v javac >/dev/null; then
  echo "Installing a JDK…"
  apt_install openjdk-17-jdk-headless
fi
if [[ ! -f /usr/share/java/jna.jar ]]; then
  echo "Installing JNA…"
  apt_install libjna-java
fi
if [[ ! -x "$tools/npm/node_modules/kotlin-compiler/bin/kotlinc" ]]; then
  echo "Installing the Kotlin compiler $KOTLIN_VERSION…"
  mkdir -p "$tools/npm"
  npm install --silent --no-audit --no-fund --prefix "$tools/npm" "kotlin-compiler@$KOTLIN_VERSION"
fi
if ! "$tools/venv/bin/python" -c 'import tree_sitter, tree_sitter_swift, tree_sitter_kotlin' 2>/dev/null; then
  echo "Installing tree-sitter and its Swift and Kotlin grammars…"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install -q tree-sitter==0.26.1 tree-sitter-swift==0.7.4 tree-sitter-kotlin==1.1.0
fi
if ! cargo nextest --version >/dev/null 2>&1; then
  echo "Installing cargo-nextest…"
  cargo install --locked cargo-nextest
fi
