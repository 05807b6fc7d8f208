#!/usr/bin/env python3
"""demos/pack.py - pack the wasm modules into the boot-module archive.

Reads the directives of every demo (see docs/demos.md for the language),
checks them, and writes the archive build/<arch>/jericho.pak (format:
docs/bootpack.md) that the boot loader hands the kernel: every demo's
compiled bytes with its metadata, the same for the hostile/stress modules,
and the in-kernel benchmark modules. A demo is one of

    NAME.wat                    directives in the leading ';;' comment lines
    NAME.c, NAME.cpp, NAME.rs   directives in the leading '//' comment lines
    NAME.manifest               directives as plain 'key: value' lines, for
                                the prebuilt module NAME.wasm beside it

and its module is DIR/NAME.wasm of --wasm-dir (demos/demos.mk compiles or
copies it there).

    pack.py --pak OUT --wasm-dir DIR (--dir DEMOS | DEMO...) \\
            [--hostile WAT... --hostile-wasm-dir DIR] \\
            [--bench NAME.wasm...]                        write the archive
    pack.py --parse (--dir DEMOS | DEMO...)           print the parse as JSON
    pack.py --check --wasm-dir DIR (--dir DEMOS | DEMO...)   only check
    pack.py --list DEMOS                              list the demo files

Any error names the file and line ("demos/x.wat:3: ...") and exits with
status 1, so `make` stops with a message that says what to fix.
"""
import argparse
import json
import os
import re
import struct
import sys

# Capability types a demo may ask for, with the numbers of docs/abi.md
# (cap_info's type field) and whether they name a shared object.
CAP_TYPES = {
    "console": (1, False),
    "clock": (2, False),
    "endpoint": (3, True),
    "notification": (4, True),
    "spawn": (6, False),
    "entropy": (9, False),
    "device": (10, True),   # NAME: the device's name (docs/demos.md)
    "monitor": (11, False),  # observe tasks and memory (docs/abi.md 4.8)
}
RIGHTS = {"r": 1, "w": 2, "g": 4}
MAX_CAPS = 32           # BOOTMOD_MAX_CAPS in include/boot/modules.h: the default CSpace size
CSPACE_MAX = 1024       # BOOTMOD_CSPACE_MAX: the largest `cspace:` (at least MAX_CAPS)
MAX_TEXT = 200          # longest expect line
PRIO_DEFAULT = 10
DIRECTIVES = ("caps", "expect", "expect-not", "expect-kernel", "group",
              "prio", "cpu-budget-ms", "start", "args", "env", "features", "cspace")
# The engine's optional features (src/interp/features.c, wasm.h
# WASM_FEATURE_*), as a `features:` line names them: the kernel parses the
# line again (wasm_features_parse) and refuses an archive it cannot read.
FEATURES = ("simd", "tail-call", "extended-const", "multi-memory", "memory64",
            "exceptions", "function-references", "gc", "relaxed-simd")
MAX_ARGS = 64           # WASI args after argv[0] (the name)
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,30}$")
# The comment that carries the directives, by file kind; a header line
# that looks like a directive is the comment, then "word:" in lower case.
COMMENT = {".wat": ";;", ".c": "//", ".cpp": "//", ".rs": "//"}
MANIFEST = ".manifest"
DEMO_EXTS = tuple(COMMENT) + (MANIFEST,)
DIRECTIVE_RE = {ext: re.compile(r"^\s*" + re.escape(c) + r"\s*([a-z][a-z-]*):(.*)$")
                for ext, c in COMMENT.items()}
MANIFEST_RE = re.compile(r"^([a-z][a-z-]*):(.*)$")


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
        if not named or ctype == "device":
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


def directive_lines(path, lines):
    """(line number, key, value) of each directive line of a demo file.
    Source files: the header is the run of comment lines at the top; a
    known directive below it is an error. Manifests: every line that is
    not blank or a '#' comment is a directive."""
    ext = os.path.splitext(path)[1]
    if ext == MANIFEST:
        for no, raw in enumerate(lines, 1):
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            m = MANIFEST_RE.match(raw.rstrip())
            if not m:
                raise PackError(path, no, f"expected 'key: value' (a directive), got "
                                f"'{stripped[:40]}'")
            yield no, m.group(1), m.group(2)
        return
    comment, directive = COMMENT[ext], DIRECTIVE_RE[ext]
    in_header = True
    for no, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if in_header and stripped and not stripped.startswith(comment):
            in_header = False
        m = directive.match(raw)
        if not m:
            continue
        key = m.group(1)
        if not in_header:
            if key in DIRECTIVES:
                raise PackError(path, no, f"directive '{key}:' after the header "
                                f"comment (directives go in the leading '{comment}' lines)")
            continue
        yield no, key, m.group(2)


def parse_features(path, line, val):
    """A features: line: '-a -b' (all but those), 'a b' (only those) or
    'none'. Returns its words joined by one space."""
    words = val.split()
    if not words:
        raise PackError(path, line, "empty features line (leave it out for every feature)")
    if words == ["none"]:
        return "none"
    minus = [w.startswith("-") for w in words]
    if any(minus) and not all(minus):
        raise PackError(path, line, "features: either '-NAME ...' (all but those) or "
                        "'NAME ...' (only those), not both")
    for w in words:
        name = w[1:] if w.startswith("-") else w
        if name == "none":
            raise PackError(path, line, "features: 'none' stands alone")
        if name not in FEATURES:
            raise PackError(path, line, f"features: unknown feature '{name}' "
                            f"(known: {', '.join(FEATURES)}, or 'none')")
    return " ".join(words)


def parse_demo(path):
    """Parse the directives of one demo file (DEMO_EXTS) into a dict."""
    name, ext = os.path.splitext(os.path.basename(path))
    if ext not in DEMO_EXTS:
        raise PackError(path, 1, f"not a demo file (a demo is NAME followed by one of "
                        f"{', '.join(DEMO_EXTS)})")
    if not NAME_RE.match(name):
        raise PackError(path, 1, f"bad demo name '{name}' (file names are "
                        "lower-case letters, digits, '-', at most 31 characters)")
    demo = {"name": name, "group": name, "caps": [], "expect": [],
            "expect-not": [], "expect-kernel": [], "prio": PRIO_DEFAULT,
            "cpu-budget-ms": 0, "start": True, "args": [], "env": [], "features": "",
            "cspace": 0}
    seen = set()
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        raise PackError(path, 1, f"cannot read: {e}")
    for no, key, val in directive_lines(path, lines):
        if key not in DIRECTIVES:
            raise PackError(path, no, f"unknown directive '{key}:' (known: "
                            f"{', '.join(DIRECTIVES)})")
        if val and not val.startswith(" "):
            raise PackError(path, no, f"'{key}:' must be followed by a space")
        val = val[1:] if val.startswith(" ") else val
        if key in ("group", "prio", "cpu-budget-ms", "start", "features", "cspace"):
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
        elif key == "args":
            toks = val.split()
            if not toks:
                raise PackError(path, no, "empty args line (leave it out for no arguments)")
            for tok in toks:
                check_text(path, no, key, tok)
            demo["args"].extend(toks)
            if len(demo["args"]) > MAX_ARGS:
                raise PackError(path, no, f"more than {MAX_ARGS} arguments")
        elif key == "env":
            toks = val.split()
            if not toks:
                raise PackError(path, no, "empty env line (leave it out for no variables)")
            for tok in toks:
                check_text(path, no, key, tok)
                if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", tok):
                    raise PackError(path, no, f"env: expected NAME=value, got '{tok}'")
            demo["env"].extend(toks)
        elif key == "group":
            if not NAME_RE.match(val):
                raise PackError(path, no, f"bad group name '{val}'")
            demo["group"] = val
        elif key == "prio":
            demo["prio"] = parse_int(path, no, key, val, 1, 63)
        elif key == "cpu-budget-ms":
            demo["cpu-budget-ms"] = parse_int(path, no, key, val, 1, 60000)
        elif key == "features":
            demo["features"] = parse_features(path, no, val)
        elif key == "cspace":
            demo["cspace"] = parse_int(path, no, key, val, MAX_CAPS, CSPACE_MAX)
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


# ---- the archive (docs/bootpack.md) ----------------------------------------------
MAGIC = b"JPAK"
VERSION = 3
HEADER_LEN = 64
MODULE_LEN = 92
CAP_LEN = 24
NONE = 0xFFFFFFFF
TABLES = {"demo": 0, "hostile": 1, "bench": 2}
DATA_ALIGN = 16         # each module's bytes start on this boundary


class Strings:
    """The string area: NUL-terminated, each distinct string once."""

    def __init__(self):
        self.buf = bytearray()
        self.at = {}

    def ref(self, s):
        if s is None:
            return NONE
        if s not in self.at:
            b = s.encode("ascii")
            if b"\0" in b:
                raise ValueError(f"NUL in string {s!r}")
            self.at[s] = len(self.buf)
            self.buf += b + b"\0"
        return self.at[s]


def caps_text(d):
    return " ".join(
        f"{c['type']}{':' + c['object'] if c['object'] else ''}:{c['rights_text']}"
        f"{':badge=%d' % c['badge'] if c['badge'] else ''}" for c in d["caps"])


def read_wasm(path, wpath):
    try:
        with open(wpath, "rb") as f:
            data = f.read()
    except OSError as e:
        if path.endswith(MANIFEST):
            raise PackError(path, 1, f"no module for this manifest: put the prebuilt "
                            f"{path[:-len(MANIFEST)]}.wasm beside it ({e.strerror})")
        raise PackError(path, 1, f"no compiled module {wpath}: {e}")
    if data[:4] != b"\0asm" or len(data) < 8:
        raise PackError(path, 1, f"{wpath} is not a wasm binary")
    return data


def build_pak(tables, bench):
    """tables: [(table name, [demo dict with "wasm" bytes])]; bench:
    [(name, bytes)]. Returns the archive."""
    strs = Strings()
    strs.ref("")
    mods, caps, lines = bytearray(), bytearray(), []
    data = bytearray()

    def add_data(b):
        while len(data) % DATA_ALIGN:
            data.append(0)
        off = len(data)
        data.extend(b)
        return off

    def add_lines(items):
        first = len(lines)
        lines.extend(strs.ref(s) for s in items)
        return first, len(items)

    nmods = 0
    for table, demos in tables:
        for d in demos:
            woff = add_data(d["wasm"])
            cap_first = len(caps) // CAP_LEN
            for c in d["caps"]:
                caps.extend(struct.pack("<IIQII", c["code"], c["rights"], c["badge"],
                                        strs.ref(c["object"]), 0))
            ex = add_lines(d["expect"])
            exn = add_lines(d["expect-not"])
            exk = add_lines(d["expect-kernel"])
            args = add_lines(d.get("args", []))
            env = add_lines(d.get("env", []))
            mods.extend(struct.pack("<23I", TABLES[table], strs.ref(d["name"]),
                                    strs.ref(d["group"]), strs.ref(caps_text(d)), woff,
                                    len(d["wasm"]), cap_first, len(d["caps"]), *ex, *exn,
                                    *exk, d["prio"], d["cpu-budget-ms"],
                                    1 if d["start"] else 0, strs.ref(d.get("features", "")),
                                    *args, *env, d.get("cspace", 0)))
            nmods += 1
    for name, b in bench:
        woff = add_data(b)
        mods.extend(struct.pack("<23I", TABLES["bench"], strs.ref(name), strs.ref(name),
                                strs.ref(""), woff, len(b), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                0, 0, 0, 0, 0, 0, 0))
        nmods += 1

    # header, module records, capability records, line refs, strings, data
    body = bytearray()
    mod_off = HEADER_LEN
    body += mods
    cap_off = HEADER_LEN + len(body)
    body += caps
    line_off = HEADER_LEN + len(body)
    body += struct.pack(f"<{len(lines)}I", *lines)
    str_off = HEADER_LEN + len(body)
    body += strs.buf
    while (HEADER_LEN + len(body)) % DATA_ALIGN:
        body.append(0)
    data_off = HEADER_LEN + len(body)
    body += data
    file_len = HEADER_LEN + len(body)
    hdr = MAGIC + struct.pack("<15I", VERSION, HEADER_LEN, file_len, str_off, len(strs.buf),
                              data_off, len(data), mod_off, nmods, cap_off,
                              len(caps) // CAP_LEN, line_off, len(lines), NONE, 0)
    assert len(hdr) == HEADER_LEN and len(mods) == nmods * MODULE_LEN
    return bytes(hdr + body)


def list_demos(folder):
    """The demo files of a folder, sorted. A NAME.wasm there is a prebuilt
    module: it needs NAME.manifest beside it."""
    try:
        files = sorted(os.listdir(folder))
    except OSError as e:
        raise PackError(folder, 1, f"cannot list: {e.strerror}")
    out = []
    for f in files:
        path = os.path.join(folder, f)
        stem, ext = os.path.splitext(f)
        if ext in DEMO_EXTS:
            out.append(path)
        elif ext == ".wasm" and stem + MANIFEST not in files:
            raise PackError(path, 1, f"a prebuilt module needs its directives in "
                            f"{os.path.join(folder, stem + MANIFEST)} (docs/demos.md)")
    return out


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
    ap.add_argument("--pak", help="archive to write (docs/bootpack.md)")
    ap.add_argument("--wasm-dir", help="folder holding NAME.wasm for each demo NAME.*")
    ap.add_argument("--parse", action="store_true", help="print the parse as JSON")
    ap.add_argument("--hostile", nargs="*", default=[], metavar="WAT",
                    help="modules of the hostile table (tests/hostile, tests/stress, ...)")
    ap.add_argument("--hostile-wasm-dir", help="folder holding their NAME.wasm")
    ap.add_argument("--bench", nargs="*", default=[], metavar="WASM",
                    help="in-kernel benchmark modules, named after their file")
    ap.add_argument("--check", action="store_true",
                    help="check the demos and that each has its module in --wasm-dir")
    ap.add_argument("--dir", help="take every demo file of this folder (DEMO_EXTS)")
    ap.add_argument("--list", metavar="DIR", help="print the demo files of DIR, one a line")
    ap.add_argument("wat", nargs="*", metavar="DEMO")
    a = ap.parse_args()
    try:
        if a.list:
            print("\n".join(list_demos(a.list)))
            return 0
        demos = load((list_demos(a.dir) if a.dir else []) + a.wat)
        if a.parse:
            for d in demos:
                d.pop("path")
            json.dump(demos, sys.stdout, indent=1, sort_keys=True)
            print()
            return 0
        if a.check:
            if not a.wasm_dir:
                ap.error("--check needs --wasm-dir")
            for d in demos:
                read_wasm(d["path"], os.path.join(a.wasm_dir, d["name"] + ".wasm"))
            return 0
        if not a.pak or not a.wasm_dir or (a.hostile and not a.hostile_wasm_dir):
            ap.error("--pak and --wasm-dir (and --hostile-wasm-dir with --hostile) "
                     "are needed (or --parse)")
        hostile = load(a.hostile)
        # One namespace: task_spawn finds a boot module by name in either table.
        seen = {d["name"] for d in demos}
        for d in hostile:
            if d["name"] in seen:
                raise PackError(d["path"], 1, f"a demo is also named '{d['name']}' "
                                "(boot module names are unique)")
        for d in demos:
            d["wasm"] = read_wasm(d["path"], os.path.join(a.wasm_dir, d["name"] + ".wasm"))
        for d in hostile:
            d["wasm"] = read_wasm(d["path"], os.path.join(a.hostile_wasm_dir,
                                                          d["name"] + ".wasm"))
        bench = []
        for p in a.bench:
            name = os.path.basename(p)[:-len(".wasm")]
            if not p.endswith(".wasm") or not NAME_RE.match(name):
                raise PackError(p, 1, "a benchmark module is NAME.wasm")
            bench.append((name, read_wasm(p, p)))
        pak = build_pak([("demo", demos), ("hostile", hostile)], bench)
        tmp = a.pak + ".tmp"
        with open(tmp, "wb") as f:
            f.write(pak)
        os.replace(tmp, a.pak)
    except PackError as e:
        print(f"pack.py: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
