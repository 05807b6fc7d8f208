#!/usr/bin/env python3
"""demos/pack.py - turn the demo modules into the kernel's demo table.

Reads the directives in the header comment of every demos/*.wat (see
docs/demos.md for the language), checks them, and writes a C file that
defines `demo_images[]` and `demo_count` (declared in include/demos.h) with
each module's compiled bytes (the .wasm wat2wasm made from it).

    pack.py --out FILE.c --wasm-dir DIR DEMO.wat...   generate the table
    pack.py --parse DEMO.wat...                       print the parse as JSON
    pack.py --table hostile ...   name the table hostile_images/hostile_count
                                  (tests/hostile, tests/stress; default: demo)

Any error names the file and line ("demos/x.wat:3: ...") and exits with
status 1, so `make` stops with a message that says what to fix.
"""
import argparse
import json
import os
import re
import sys

# Capability types a demo may ask for, with the numbers of docs/abi.md
# (cap_info's type field) and whether they name a shared object.
CAP_TYPES = {
    "console": (1, False),
    "clock": (2, False),
    "endpoint": (3, True),
    "notification": (4, True),
    "spawn": (6, False),
}
RIGHTS = {"r": 1, "w": 2, "g": 4}
MAX_CAPS = 32           # DEMO_MAX_CAPS in include/demos.h: the CSpace size
MAX_TEXT = 200          # longest expect line
PRIO_DEFAULT = 10
DIRECTIVES = ("caps", "expect", "expect-not", "expect-kernel", "group",
              "prio", "cpu-budget-ms", "start")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,30}$")
# A header line that looks like a directive: ";; word:" in lower case.
DIRECTIVE_RE = re.compile(r"^\s*;;\s*([a-z][a-z-]*):(.*)$")


class PackError(Exception):
    """A problem in a demo file, reported as FILE:LINE: message."""

    def __init__(self, path, line, msg):
        super().__init__(f"{path}:{line}: {msg}")


def parse_cap(path, line, tok):
    """One capability token TYPE[:NAME]:RIGHTS[:badge=N] -> dict."""
    parts = tok.split(":")
    ctype = parts[0]
    if ctype not in CAP_TYPES:
        raise PackError(path, line, f"unknown capability type '{ctype}' in '{tok}' "
                        f"(known: {', '.join(sorted(CAP_TYPES))})")
    code, named = CAP_TYPES[ctype]
    rest = parts[1:]
    obj = None
    if named:
        if len(rest) < 2:
            raise PackError(path, line, f"'{tok}': {ctype} needs TYPE:NAME:RIGHTS")
        obj = rest.pop(0)
        if not NAME_RE.match(obj):
            raise PackError(path, line, f"'{tok}': bad object name '{obj}' "
                            "(lower-case letters, digits, '-')")
    if not rest:
        raise PackError(path, line, f"'{tok}': missing rights (e.g. {ctype}:w)")
    rights_txt = rest.pop(0)
    rights = 0
    if rights_txt != "-":
        for ch in rights_txt:
            if ch not in RIGHTS:
                raise PackError(path, line, f"'{tok}': bad right '{ch}' (r, w, g or '-')")
            if rights & RIGHTS[ch]:
                raise PackError(path, line, f"'{tok}': right '{ch}' given twice")
            rights |= RIGHTS[ch]
    badge = 0
    if rest:
        b = rest.pop(0)
        if not named:
            raise PackError(path, line, f"'{tok}': only endpoints and notifications carry a badge")
        m = re.match(r"^badge=(0x[0-9a-fA-F]+|[0-9]+)$", b)
        if not m:
            raise PackError(path, line, f"'{tok}': expected badge=N, got '{b}'")
        badge = int(m.group(1), 0)
        if badge >= 1 << 64:
            raise PackError(path, line, f"'{tok}': badge does not fit in 64 bits")
    if rest:
        raise PackError(path, line, f"'{tok}': unexpected '{':'.join(rest)}'")
    return {"type": ctype, "code": code, "object": obj, "rights": rights,
            "rights_text": rights_txt, "badge": badge}


def check_text(path, line, key, text):
    if not text:
        raise PackError(path, line, f"empty {key} line")
    if len(text) > MAX_TEXT:
        raise PackError(path, line, f"{key} line longer than {MAX_TEXT} characters")
    if any(ord(c) < 0x20 or ord(c) > 0x7e for c in text):
        raise PackError(path, line, f"{key} line must be printable ASCII")
    return text


def parse_int(path, line, key, val, lo, hi):
    if not re.match(r"^[0-9]+$", val):
        raise PackError(path, line, f"{key}: expected a number, got '{val}'")
    n = int(val)
    if not lo <= n <= hi:
        raise PackError(path, line, f"{key}: {n} is outside {lo}..{hi}")
    return n


def parse_demo(path):
    """Parse the header directives of one .wat file into a dict."""
    name = os.path.splitext(os.path.basename(path))[0]
    if not NAME_RE.match(name):
        raise PackError(path, 1, f"bad demo name '{name}' (file names are "
                        "lower-case letters, digits, '-', at most 31 characters)")
    demo = {"name": name, "group": name, "caps": [], "expect": [],
            "expect-not": [], "expect-kernel": [], "prio": PRIO_DEFAULT,
            "cpu-budget-ms": 0, "start": True}
    seen = set()
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        raise PackError(path, 1, f"cannot read: {e}")
    in_header = True
    for no, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if in_header and stripped and not stripped.startswith(";;"):
            in_header = False
        m = DIRECTIVE_RE.match(raw)
        if not m:
            continue
        key, val = m.group(1), m.group(2)
        if not in_header:
            if key in DIRECTIVES:
                raise PackError(path, no, f"directive '{key}:' after the header "
                                "comment (directives go in the leading ';;' lines)")
            continue
        if key not in DIRECTIVES:
            raise PackError(path, no, f"unknown directive '{key}:' (known: "
                            f"{', '.join(DIRECTIVES)})")
        if val and not val.startswith(" "):
            raise PackError(path, no, f"'{key}:' must be followed by a space")
        val = val[1:] if val.startswith(" ") else val
        if key in ("group", "prio", "cpu-budget-ms", "start"):
            if key in seen:
                raise PackError(path, no, f"'{key}:' given twice")
            seen.add(key)
            val = val.strip()
        if key == "caps":
            toks = val.split()
            if not toks:
                raise PackError(path, no, "empty caps line (leave it out for no capabilities)")
            for tok in toks:
                demo["caps"].append(parse_cap(path, no, tok))
            if len(demo["caps"]) > MAX_CAPS:
                raise PackError(path, no, f"more than {MAX_CAPS} capabilities")
        elif key in ("expect", "expect-not", "expect-kernel"):
            demo[key].append(check_text(path, no, key, val.rstrip()))
        elif key == "group":
            if not NAME_RE.match(val):
                raise PackError(path, no, f"bad group name '{val}'")
            demo["group"] = val
        elif key == "prio":
            demo["prio"] = parse_int(path, no, key, val, 1, 63)
        elif key == "cpu-budget-ms":
            demo["cpu-budget-ms"] = parse_int(path, no, key, val, 1, 60000)
        elif key == "start":
            if val not in ("yes", "no"):
                raise PackError(path, no, f"start: expected 'yes' or 'no', got '{val}'")
            demo["start"] = val == "yes"
            start_line = no
    if not demo["start"] and demo["caps"]:
        raise PackError(path, start_line, "a task with 'start: no' is only started by "
                        "task_spawn, which gives it its capabilities: drop its caps line")
    return demo


def check_groups(demos):
    """Objects named in a group must be used with one type throughout."""
    kinds = {}
    for d in demos:
        for c in d["caps"]:
            if c["object"] is None:
                continue
            key = (d["group"], c["object"])
            prev = kinds.setdefault(key, (c["type"], d["name"]))
            if prev[0] != c["type"]:
                raise PackError(d["path"], 1, f"object '{c['object']}' is a {c['type']} "
                                f"here but a {prev[0]} in demo '{prev[1]}' (group "
                                f"'{d['group']}')")


def c_string(s):
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "?":
            out.append("\\?")      # no trigraphs
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def c_ident(name):
    return name.replace("-", "_")


def emit_strings(out, sym, items):
    if not items:
        return "NULL"
    out.append(f"static const char *const {sym}[] = {{")
    for s in items:
        out.append(f"    {c_string(s)},")
    out.append("};")
    return sym


def generate(demos, wasm_dir, table="demo"):
    src = "the demos/" if table == "demo" else "the tests/hostile and tests/stress"
    out = [f"/* generated by demos/pack.py from {src} modules: do not edit */",
           '#include "demos.h"', ""]
    rows = []
    for d in demos:
        ident = c_ident(d["name"])
        wpath = os.path.join(wasm_dir, d["name"] + ".wasm")
        try:
            with open(wpath, "rb") as f:
                data = f.read()
        except OSError as e:
            raise PackError(d["path"], 1, f"no compiled module {wpath}: {e}")
        if data[:4] != b"\0asm":
            raise PackError(d["path"], 1, f"{wpath} is not a wasm binary")
        out.append(f"/* {d['path']} */")
        out.append(f"static const uint8_t wasm_{ident}[{len(data)}] __attribute__((aligned(8))) = {{")
        for i in range(0, len(data), 16):
            out.append("    " + ", ".join(f"0x{b:02x}" for b in data[i:i + 16]) + ",")
        out.append("};")
        caps_sym = "NULL"
        if d["caps"]:
            caps_sym = f"caps_{ident}"
            out.append(f"static const demo_cap_t {caps_sym}[] = {{")
            for c in d["caps"]:
                obj = c_string(c["object"]) if c["object"] else "NULL"
                out.append(f"    {{ {c['code']}, 0x{c['rights']:x}, 0x{c['badge']:x}ull, {obj} }},"
                           f" /* {c['type']} */")
            out.append("};")
        ex = emit_strings(out, f"expect_{ident}", d["expect"])
        exn = emit_strings(out, f"expect_not_{ident}", d["expect-not"])
        exk = emit_strings(out, f"expect_kernel_{ident}", d["expect-kernel"])
        out.append("")
        caps_text = " ".join(
            f"{c['type']}{':' + c['object'] if c['object'] else ''}:{c['rights_text']}"
            f"{':badge=%d' % c['badge'] if c['badge'] else ''}" for c in d["caps"])
        rows.append(
            f"    {{ .name = {c_string(d['name'])}, .group = {c_string(d['group'])},\n"
            f"      .wasm = wasm_{ident}, .wasm_len = {len(data)},\n"
            f"      .caps = {caps_sym}, .ncaps = {len(d['caps'])}, .caps_text = {c_string(caps_text)},\n"
            f"      .expect = {ex}, .nexpect = {len(d['expect'])},\n"
            f"      .expect_not = {exn}, .nexpect_not = {len(d['expect-not'])},\n"
            f"      .expect_kernel = {exk}, .nexpect_kernel = {len(d['expect-kernel'])},\n"
            f"      .prio = {d['prio']}, .cpu_budget_ms = {d['cpu-budget-ms']},\n"
            f"      .autostart = {1 if d['start'] else 0} }},")
    if rows:
        out.append(f"const demo_image_t {table}_images[] = {{")
        out.extend(rows)
        out.append("};")
    else:
        out.append(f"const demo_image_t {table}_images[1];   /* no demos: an unused zero row */")
    out.append(f"const uint32_t {table}_count = {len(rows)};")
    return "\n".join(out) + "\n"


def load(paths):
    demos = []
    names = set()
    for p in paths:
        d = parse_demo(p)
        d["path"] = p
        if d["name"] in names:
            raise PackError(p, 1, f"two demos named '{d['name']}'")
        names.add(d["name"])
        demos.append(d)
    # Tasks of a group are contiguous: sort by group, then by name.
    demos.sort(key=lambda d: (d["group"], d["name"]))
    check_groups(demos)
    return demos


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="C file to write")
    ap.add_argument("--wasm-dir", help="folder holding NAME.wasm for each NAME.wat")
    ap.add_argument("--parse", action="store_true", help="print the parse as JSON")
    ap.add_argument("--table", default="demo", choices=("demo", "hostile"),
                    help="C names of the table: TABLE_images, TABLE_count")
    ap.add_argument("wat", nargs="*")
    a = ap.parse_args()
    try:
        demos = load(a.wat)
        if a.parse:
            for d in demos:
                d.pop("path")
            json.dump(demos, sys.stdout, indent=1, sort_keys=True)
            print()
            return 0
        if not a.out or not a.wasm_dir:
            ap.error("--out and --wasm-dir are needed (or --parse)")
        text = generate(demos, a.wasm_dir, a.table)
        tmp = a.out + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, a.out)
    except PackError as e:
        print(f"pack.py: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
