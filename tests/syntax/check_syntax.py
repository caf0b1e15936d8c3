"""Syntax-checks sources that cannot be compiled here, with tree-sitter.

    check_syntax.py swift|kotlin FILE_OR_DIR...
    check_syntax.py swift-names BINDINGS_DIR APP_DIR

swift-names fails when a type of the generated bindings shares its name with a
SwiftUI type (tests/syntax/swiftui-names.txt) and an app source uses that name
unqualified: Swift calls such a use ambiguous, so it would not compile.

Swift (the iOS demo and the generated bindings: no Swift toolchain here) and Kotlin
(the Android app layer: no Android SDK here; the presentation module and bindings are
compiled for real by tests/kotlin/run.sh). Every file of the language found is parsed;
any ERROR or MISSING node is reported with its line and column. Prints
"<language> syntax: N passed, M failed" and exits 1 on failure.

For Swift: tree-sitter-swift cannot parse an attribute wrapped in a compiler-version conditional
(`#if swift(>=5.8) @_documentation(...) #endif` before a declaration, as UniFFI
writes). Such `#if swift(...)` / `#if compiler(...)` blocks are resolved first as a
current toolchain would (the condition holds), keeping line numbers unchanged.
"""
import pathlib
import re
import sys

VERSION_CONDITION = re.compile(r"^\s*#if\s+(swift|compiler)\s*\(\s*>=\s*[\d.]+\s*\)\s*$")


def resolve_version_conditionals(source):
    """Keeps the true branch of `#if swift(>=x)` blocks; blanks directives and else branches."""
    out = []
    # One entry per open #if: None for conditions left alone, else whether we are in the kept branch.
    stack = []
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped.startswith("#if"):
            stack.append(True if VERSION_CONDITION.match(line) else None)
            if stack[-1] is not None:
                out.append("")
                continue
        elif stripped.startswith(("#else", "#elseif")) and stack and stack[-1] is not None:
            stack[-1] = False
            out.append("")
            continue
        elif stripped.startswith("#endif") and stack:
            if stack.pop() is not None:
                out.append("")
                continue
        dropping = any(state is False for state in stack)
        out.append("" if dropping else line)
    return "\n".join(out)

import tree_sitter
import tree_sitter_kotlin
import tree_sitter_swift

LANGUAGES = {
    "swift": (".swift", tree_sitter_swift.language, resolve_version_conditionals),
    "kotlin": (".kt", tree_sitter_kotlin.language, lambda source: source),
}


def problems(tree):
    """Yields (line, column, kind) for every ERROR or MISSING node."""
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            kind = "missing " + node.type if node.is_missing else "syntax error"
            yield node.start_point[0] + 1, node.start_point[1] + 1, kind
        elif node.has_error:
            stack.extend(node.children)


def main(language, paths):
    suffix, grammar, prepare = LANGUAGES[language]
    parser = tree_sitter.Parser(tree_sitter.Language(grammar()))
    files = []
    for p in map(pathlib.Path, paths):
        files.extend(sorted(p.rglob("*" + suffix)) if p.is_dir() else [p])
    if not files:
        print(f"{language}: no {suffix} files found", file=sys.stderr)
        return 1
    passed = failed = 0
    for f in files:
        source = prepare(f.read_text(encoding="utf-8"))
        found = list(problems(parser.parse(source.encode("utf-8"))))
        if found:
            failed += 1
            for line, col, kind in found[:10]:
                print(f"{f}:{line}:{col}: {kind}")
        else:
            passed += 1
            print(f"ok  {f}")
    print(f"{language} syntax: {passed} passed, {failed} failed")
    return 1 if failed else 0


GENERATED_TYPE = re.compile(r"^public (?:struct|enum|class|protocol) (\w+)", re.M)
COMMENT_OR_STRING = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"', re.S)


def shared_names(bindings):
    """The generated type names that SwiftUI declares too."""
    listed = pathlib.Path(__file__).with_name("swiftui-names.txt").read_text(encoding="utf-8")
    swiftui = {l.strip() for l in listed.splitlines() if l.strip() and not l.startswith("#")}
    generated = set()
    for f in pathlib.Path(bindings).rglob("*.swift"):
        generated.update(GENERATED_TYPE.findall(f.read_text(encoding="utf-8")))
    return sorted(generated & swiftui)


def bare_uses(source, name):
    """Lines (1-based) where `name` is used unqualified, outside comments and strings."""
    blanked = COMMENT_OR_STRING.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
    pattern = re.compile(r"(?<![\w.])" + re.escape(name) + r"\b")
    return [blanked.count("\n", 0, m.start()) + 1 for m in pattern.finditer(blanked)]


def check_names(bindings, app):
    shared = shared_names(bindings)
    bad = 0
    for f in sorted(pathlib.Path(app).rglob("*.swift")):
        source = f.read_text(encoding="utf-8")
        for name in shared:
            for line in bare_uses(source, name):
                bad += 1
                print(f"{f}:{line}: \"{name}\" is both a generated type and a SwiftUI type: write SwiftUI.{name} or RespiteCore.{name}")
    print(f"swift names shared with SwiftUI: {', '.join(shared) or 'none'}; {bad} unqualified uses")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "swift-names":
        sys.exit(check_names(sys.argv[2], sys.argv[3]))
    if len(sys.argv) < 3 or sys.argv[1] not in LANGUAGES:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
