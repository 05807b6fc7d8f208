#!/usr/bin/env python3
"""expect.py IN.wasm LINE_FILE OUT.wasm - append to a module the custom
section "jericho.expect" holding the one line of LINE_FILE (without its
newline): the line the native build of the program printed, which the
kernel's interp_PROG row requires the task to print (src/kbench/bench_wasm.c)."""
import sys

NAME = b"jericho.expect"


def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def main():
    src, line_file, dst = sys.argv[1:4]
    wasm = open(src, "rb").read()
    lines = open(line_file).read().splitlines()
    if wasm[:4] != b"\0asm" or len(lines) != 1 or not lines[0]:
        print("expect.py: %s must be a module and %s one line" % (src, line_file),
              file=sys.stderr)
        return 1
    line = lines[0].encode()
    if any(c < 0x20 or c > 0x7E for c in line):
        print("expect.py: the line must be printable ASCII", file=sys.stderr)
        return 1
    body = leb(len(NAME)) + NAME + line
    with open(dst, "wb") as f:
        f.write(wasm + b"\0" + leb(len(body)) + body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
