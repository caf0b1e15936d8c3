"""Reads an ELF shared library's program headers and checks its LOAD segments.

    check_alignment.py LIBRARY MIN_ALIGN [--expect-below]

Exits 0 when every PT_LOAD segment is aligned to at least MIN_ALIGN bytes (with
--expect-below: when some segment is not, the control case that shows the check can
fail). Prints each segment's alignment.
"""
import struct
import sys

PT_LOAD = 1


def load_alignments(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        raise SystemExit(f"{path} is not an ELF file")
    is64 = data[4] == 2
    endian = "<" if data[5] == 1 else ">"
    if is64:
        phoff, = struct.unpack_from(endian + "Q", data, 0x20)
        phentsize, phnum = struct.unpack_from(endian + "HH", data, 0x36)
    else:
        phoff, = struct.unpack_from(endian + "I", data, 0x1C)
        phentsize, phnum = struct.unpack_from(endian + "HH", data, 0x2A)
    out = []
    for i in range(phnum):
        at = phoff + i * phentsize
        p_type, = struct.unpack_from(endian + "I", data, at)
        if p_type != PT_LOAD:
            continue
        align = struct.unpack_from(endian + "Q", data, at + 0x30)[0] if is64 else struct.unpack_from(endian + "I", data, at + 0x1C)[0]
        out.append(align)
    return out


def main(path, minimum, expect_below):
    aligns = load_alignments(path)
    ok = bool(aligns) and all(a >= minimum for a in aligns)
    print(f"{path}: LOAD segment alignments {aligns}")
    return 0 if ok != expect_below else 1


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], int(sys.argv[2]), "--expect-below" in sys.argv))
