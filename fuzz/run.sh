#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), seeding the corpora from the
# test fixtures. Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# Prints one line per target with the inputs run; crashes land in fuzz/artifacts/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="$here/../tests/fixtures"
seconds="${1:-600}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(backup_file backup_content import_daylio import_dayone import_respite vault_file privacy_check)
fi

# A vault, a backup and an export made with the CLI, for the seeds.
samples="$(mktemp -d)"
trap 'rm -rf "$samples"' EXIT
(
  cd "$here/.."
  export RESPITE_PASSPHRASE="fuzzing passphrase" RESPITE_BACKUP_PASSPHRASE="fuzzing passphrase"
  respite() { cargo run -q -p respite-cli -- --vault "$samples/v.db" "$@" >/dev/null; }
  respite init --kdf-iterations 100000
  respite journal add --text "A seed entry" --tag seed
  respite checkin --pleasantness 0.5 --note "a seed check-in"
  respite settings set --day-start-hour 4
  respite backup create "$samples/seed.backup" --kdf-iterations 100000
  respite export --format json --out "$samples/seed.json" --plaintext
)

# The record stream inside a backup: one settings record and the manifest.
python3 - "$samples/content.bin" <<'PY'
import json, struct, sys
def item(kind, id_, revision, payload):
    p = json.dumps(payload, separators=(",", ":")).encode()
    return (bytes([kind]) + struct.pack(">H", len(id_)) + id_.encode() + bytes([0])
            + struct.pack(">qqI", 0, 0, revision) + struct.pack(">I", len(p)) + p)
manifest = {"created_at_ms": 0, "vault_format": 3, "journal_entries": 0,
            "journal_revisions": 0, "checkins": 0, "settings": 1, "plan_revisions": 0}
open(sys.argv[1], "wb").write(item(4, "vault", 1, {"day_start_hour": 4}) + item(0, "", 0, manifest))
PY

seed() {
  local target="$1" dir="$here/corpus/$1"
  mkdir -p "$dir"
  case "$target" in
    backup_file) cp "$samples/seed.backup" "$dir/" ;;
    backup_content) cp "$samples/content.bin" "$dir/" ;;
    import_respite) cp "$samples/seed.json" "$dir/" ;;
    import_daylio) cp "$fixtures/import/daylio_export.csv" "$dir/" ;;
    import_dayone) cp "$fixtures/import/dayone_export/Journal.json" "$fixtures/import/dayone_export.zip" "$dir/" ;;
    vault_file) cp "$fixtures"/vault-v*.db "$samples/v.db" "$dir/" ;;
    privacy_check)
      python3 - "$fixtures/privacy/dev.json" "$dir" <<'PY'
import json, pathlib, sys
for i, s in enumerate(json.load(open(sys.argv[1]))["sentences"]):
    pathlib.Path(sys.argv[2], f"dev-{i}.txt").write_text(s["text"])
PY
      ;;
    *) : ;;
  esac
}

# The memory limit: the import bound (64 MB plus four times the input, which libFuzzer
# keeps to 4 KB) with room for the fuzzer itself and one Argon2id derivation at the
# ceiling a backup header may ask for (256 MiB). An input that needs more fails.
memory=512

cd "$here"
for target in "${targets[@]}"; do
  seed "$target"
  log="$(mktemp)"
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb="$memory" -malloc_limit_mb="$memory" -timeout=20 >"$log" 2>&1 || {
    tail -n 30 "$log"
    echo "fuzz: $target FAILED (see fuzz/artifacts/$target)"
    exit 1
  }
  runs="$(grep -Eo 'Done [0-9]+ runs' "$log" | tail -n 1 || true)"
  echo "fuzz: $target ok, ${runs:-?} in ${seconds}s, corpus $(ls "corpus/$target" | wc -l) inputs"
  rm -f "$log"
done
