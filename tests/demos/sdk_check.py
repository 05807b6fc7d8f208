#!/usr/bin/env python3
"""tests/demos/sdk_check.py - the SDK agrees with the kernel and the ABI.

    sdk_check.py WASM...

Prints one line per check ("ok: ..." or "FAILED: ...") and ends with
"PASSED FAILED". The checks:

  - each WASM (tests/demos/sdk/sdk-all.c, sdk-all-cpp.cpp, sdk-all-rs.rs built with the SDK by the
    demos rules) imports from `jericho` exactly the calls of the kernel's
    table (src/syscall/table.c), each with the table's wasm type;
  - the C header's numbers (sdk/include/jericho.h: errors, types, rights,
    message flags, MSG_MAX, slots) equal the kernel's
    (include/syscall/syscall.h), and the Rust crate's
    (sdk/rust/jericho/src/lib.rs) equal them too, names included;
  - every example the guide (sdk/README.md) shows after a
    `<!-- file: PATH -->` marker is byte for byte the file PATH, which the
    demos suites build and run.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
passed = failed = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok: {what}")
    else:
        failed += 1
        print(f"FAILED: {what}{': ' + detail if detail else ''}")


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


def kernel_table():
    """name -> (params, results) as 'i'/'I' strings, from table.c's E() and LEAF() rows."""
    src = read("src/syscall/table.c")
    body = src[src.index("static const sys_entry_t table[]"):]
    body = body[:body.index("};")]
    return {m.group(1): (m.group(2), m.group(3))
            for m in re.finditer(r'(?:E|LEAF)\((\w+),\s*"([iI]*)",\s*"([iI]*)"\)', body)}


def wasm_imports(path):
    """jericho import name -> (params, results) in the table's letters."""
    out = subprocess.run(["wasm-objdump", "-x", path],
                         capture_output=True, text=True, check=True).stdout
    letter = {"i32": "i", "i64": "I"}
    types = {}
    for m in re.finditer(r"- type\[(\d+)\] \((.*?)\) -> (\S+)", out):
        params = "".join(letter.get(t.strip(), "?") for t in m.group(2).split(",") if t.strip())
        res = "" if m.group(3) == "nil" else letter.get(m.group(3), "?")
        types[int(m.group(1))] = (params, res)
    imps = {}
    for m in re.finditer(r"func\[\d+\] sig=(\d+) .*<- (\S+)\.(\S+)", out):
        if m.group(2) == "jericho":
            imps[m.group(3)] = types.get(int(m.group(1)), ("?", "?"))
    return imps


def header_values(text, prefix):
    """NAME -> int for `PREFIX_NAME = N` and `#define PREFIX_NAME N[u]`."""
    vals = {}
    for m in re.finditer(r"\b" + prefix + r"(\w+)\s*=\s*(0x[0-9a-fA-F]+|\d+)\b", text):
        vals[m.group(1)] = int(m.group(2), 0)
    for m in re.finditer(r"#define\s+" + prefix + r"(\w+)\s+\(?(0x[0-9a-fA-F]+|\d+)u?\)?\s", text):
        vals[m.group(1)] = int(m.group(2), 0)
    return vals


def main():
    table = kernel_table()
    check(f"src/syscall/table.c lists the calls ({len(table)})", len(table) >= 20)
    for wasm in sys.argv[1:]:
        got = wasm_imports(wasm)
        name = os.path.basename(wasm)
        check(f"{name} imports every jericho call and no other",
              set(got) == set(table),
              f"missing {sorted(set(table) - set(got))}, extra {sorted(set(got) - set(table))}")
        bad = [f"{n}: {got[n]} vs kernel {table[n]}" for n in sorted(set(got) & set(table))
               if got[n] != table[n]]
        check(f"{name}: each import has the kernel's wasm type", not bad, "; ".join(bad))

    kernel = read("include/syscall/syscall.h")
    header = read("sdk/include/jericho.h")
    for kpre, hpre in (("SYS_E_", "JERICHO_E_"), ("SYS_T_", "JERICHO_T_"),
                       ("SYS_R_", "JERICHO_R_"), ("SYS_MSG_", "JERICHO_MSG_")):
        k, h = header_values(kernel, kpre), header_values(header, hpre)
        if kpre == "SYS_E_":
            h["OK"] = header_values(header, "JERICHO_")["OK"]
            h.pop("COUNT", None)
        check(f"jericho.h {hpre}* equal syscall.h {kpre}*", k and k == h,
              f"kernel {k}, header {h}")
    check("jericho.h JERICHO_SLOTS is the kernel's SYS_SLOTS",
          header_values(header, "JERICHO_")["SLOTS"] == header_values(kernel, "SYS_")["SLOTS"])
    mods = read("include/boot/modules.h")
    check("jericho.h JERICHO_CSPACE_MAX is the kernel's BOOTMOD_CSPACE_MAX (and pack.py's)",
          header_values(header, "JERICHO_")["CSPACE_MAX"] ==
          header_values(mods, "BOOTMOD_")["CSPACE_MAX"] ==
          int(re.search(r"^CSPACE_MAX = (\d+)", read("demos/pack.py"), re.M).group(1)))

    rust = read("sdk/rust/jericho/src/lib.rs")
    errors = {k: v for k, v in header_values(kernel, "SYS_E_").items() if v}
    variants = dict((m.group(1), int(m.group(2))) for m in
                    re.finditer(r"^\s+(\w+) = (\d+),$", rust[rust.index("pub enum Error"):
                                                           rust.index("pub type Result")], re.M))
    camel = {"".join(w.capitalize() for w in n.lower().split("_")): v for n, v in errors.items()}
    check("Rust Error variants have the ABI's codes", variants == camel,
          f"crate {variants}, ABI {camel}")
    names = re.search(r"const NAMES: \[&str; \d+\] = \[(.*?)\];", rust, re.S).group(1)
    names = re.findall(r'"(\w+)"', names)
    check("Rust Error::name() gives the ABI's names, in code order",
          names == sorted(errors, key=errors.get), f"{names}")
    for const, want in (("SLOTS: i32", "SLOTS"), ("MSG_MAX: usize", "MSG_MAX")):
        m = re.search(r"pub const " + re.escape(const) + r" = (\d+);", rust)
        check(f"Rust {const.split(':')[0]} is the kernel's",
              m and int(m.group(1)) == header_values(kernel, "SYS_")[want])

    guide = read("sdk/README.md")
    shown = re.findall(r"<!-- file: (\S+) -->\s*```\w*\n(.*?)```", guide, re.S)
    check("sdk/README.md shows the C, C++, Rust and prebuilt examples",
          {os.path.splitext(p)[1] for p, _ in shown} >= {".c", ".cpp", ".rs", ".manifest"},
          f"{[p for p, _ in shown]}")
    for path, text in shown:
        check(f"sdk/README.md shows {path} as it is", os.path.exists(os.path.join(ROOT, path))
              and read(path) == text, "differs (copy the file into the guide)")
    print(passed, failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
