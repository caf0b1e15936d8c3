#!/usr/bin/env python3
"""Writes the two generated word lists of the identifier check (core/src/content/en/privacy/).

- common-words.txt: lowercase English words from SCOWL's small American and British
  lists (Debian packages wamerican-small and wbritish-small; SCOWL's permissive licence,
  copyright Kevin Atkinson). Forms that the check derives itself (plurals, -ed, -ing,
  -ies, -ied, -er, -est, -ly) are left out when their stem is in the list, to save bytes.
- given-names.txt: given names from the 1990 US Census name-frequency files
  (public domain; the PyPI package `names` 0.3.0 ships them as dist.female.first and
  dist.male.first), lowercase.

Usage: scripts/gen-privacy-words.py PATH_TO_names-0.3.0/names
The hand-written lists beside them are edited by hand.
"""
import pathlib
import sys

OUT = pathlib.Path(__file__).resolve().parent.parent / "core/src/content/en/privacy"
DICTS = ["/usr/share/dict/american-english-small", "/usr/share/dict/british-english-small"]


def stems(word):
    """The stems the check tries for a word, as in core/src/privacy/lexicon.rs."""
    out = []
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                         ("ed", "e"), ("ing", ""), ("ing", "e"), ("er", ""), ("er", "e"),
                         ("est", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) + len(repl) >= 3:
            out.append(word[: len(word) - len(suffix)] + repl)
    if len(word) >= 5 and word[-1] == word[-2] == word[-1]:
        pass
    # Doubled final consonants: "stopped", "running".
    for suffix in ("ed", "ing", "er"):
        base = word[: -len(suffix)] if word.endswith(suffix) else ""
        if len(base) >= 4 and base[-1] == base[-2]:
            out.append(base[:-1])
    return out


def main():
    words = set()
    for path in DICTS:
        for line in open(path, encoding="utf-8"):
            w = line.strip()
            if w and w.islower() and w.isalpha() and w.isascii() and len(w) >= 2:
                words.add(w)
    kept = sorted(w for w in words if not any(s in words for s in stems(w)))
    (OUT / "common-words.txt").write_text("\n".join(kept) + "\n")
    names = set()
    src = pathlib.Path(sys.argv[1])
    for f in ("dist.female.first", "dist.male.first"):
        for line in open(src / f):
            if line.strip():
                names.add(line.split()[0].lower())
    (OUT / "given-names.txt").write_text("\n".join(sorted(names)) + "\n")
    print(f"{len(kept)} common words of {len(words)}, {len(names)} given names")


if __name__ == "__main__":
    main()
