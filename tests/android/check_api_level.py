"""Checks that the Kotlin the Android demo ships calls no Java API above its minSdk.

    check_api_level.py MIN_SDK CLASSES_DIR... [--sources APP_SOURCE_DIR...]

CLASSES_DIR: compiled classes of what the app ships that can be compiled here (the
presentation module and the generated bindings, from tests/kotlin/run.sh). Every
method call in them (javap -c) is looked up in api-levels.txt. APP_SOURCE_DIR: the app
layer, which needs the Android SDK to compile: its sources are searched for the same
calls written out ("LocalDate.ofInstant(", ".getFirst()"). Exits 1 on any call above
MIN_SDK, and on finding no calls at all (a scan that read nothing proves nothing).
"""
import pathlib
import re
import subprocess
import sys

CALL = re.compile(r"invoke\w+\s+#\d+\s+//\s+(?:Interface)?Method\s+([\w/$]+)\.([\w<>$]+):")


def levels():
    listed = pathlib.Path(__file__).with_name("api-levels.txt").read_text(encoding="utf-8")
    out = {}
    for line in listed.splitlines():
        if line.strip() and not line.startswith("#"):
            name, level = line.rsplit(" ", 1)
            out[name] = int(level)
    return out


def level_of(known, owner, method):
    return known.get(f"{owner}.{method}") or known.get(f"{owner}.*")


def scan_classes(dirs, known, min_sdk):
    classes = [str(c) for d in dirs for c in pathlib.Path(d).rglob("*.class")]
    calls, bad = 0, []
    for start in range(0, len(classes), 200):
        chunk = classes[start:start + 200]
        listing = subprocess.run(["javap", "-c", "-p", *chunk], capture_output=True, text=True, check=True).stdout
        current = "?"
        for line in listing.splitlines():
            if line.startswith(("Compiled from", "public ", "final ", "class ", "abstract ", "interface ")) and "{" in line:
                current = line.strip()
            m = CALL.search(line)
            if m:
                calls += 1
                level = level_of(known, m.group(1), m.group(2))
                if level and level > min_sdk:
                    bad.append(f"{current}: calls {m.group(1)}.{m.group(2)} (API {level})")
    return calls, bad


def scan_sources(dirs, known, min_sdk):
    bad = []
    for f in sorted(p for d in dirs for p in pathlib.Path(d).rglob("*.kt")):
        text = f.read_text(encoding="utf-8")
        for name, level in known.items():
            if level <= min_sdk or name.endswith(".*"):
                continue
            owner, method = name.rsplit(".", 1)
            simple = owner.rsplit("/", 1)[1]
            for pattern in (rf"\b{simple}\.{method}\(", rf"\.{method}\(\)" if method.startswith(("get", "remove")) else None):
                if pattern and re.search(pattern, text):
                    bad.append(f"{f}: calls {simple}.{method} (API {level})")
    return bad


def main(args):
    min_sdk = int(args[0])
    sources = args[args.index("--sources") + 1:] if "--sources" in args else []
    class_dirs = args[1:args.index("--sources")] if "--sources" in args else args[1:]
    known = levels()
    calls, bad = scan_classes(class_dirs, known, min_sdk)
    bad += scan_sources(sources, known, min_sdk)
    for b in bad:
        print(b)
    print(f"API level check (minSdk {min_sdk}): {calls} calls read, {len(known)} APIs listed, {len(bad)} above minSdk")
    return 1 if bad or calls == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
