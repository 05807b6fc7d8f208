#!/usr/bin/env python3
"""collect.py - turn one system's benchmark runs on one arch into its
results file (bench/results/<arch>.json or linux-<arch>.json).

  collect.py --system jericho|linux --arch x86_64|arm64 --icount LOG
             [--plain LOG] [--size NAME=BYTES]... [--meta KEY=VALUE]...
             --out FILE

LOG files are the guest's console output. Exits 1, writing nothing, when a
run's [bench] lines are missing or malformed (benchlib.parse_log).
"""
import argparse
import json
import os
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402


def pairs(items, what, as_int):
    out = {}
    for it in items:
        k, sep, v = it.partition("=")
        if not sep or not k:
            raise benchlib.BenchError("%s %r is not NAME=VALUE" % (what, it))
        if as_int:
            if not v.isdigit():
                raise benchlib.BenchError("%s %r: %r is not a byte count" % (what, it, v))
            v = int(v)
        out[k] = v
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--system", required=True, choices=["jericho", "linux"])
    ap.add_argument("--arch", required=True, choices=["x86_64", "arm64"])
    ap.add_argument("--icount", required=True)
    ap.add_argument("--plain")
    ap.add_argument("--size", action="append", default=[])
    ap.add_argument("--meta", action="append", default=[])
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    try:
        with open(a.icount, errors="replace") as f:
            icount = benchlib.parse_log(f.read())
        plain = None
        if a.plain:
            try:
                with open(a.plain, errors="replace") as f:
                    plain = benchlib.parse_log(f.read())
            except benchlib.BenchError as e:
                # Wall time is for reference only: say so, keep the counts.
                print("collect: plain-TCG run of %s/%s unusable (%s): no wall times"
                      % (a.system, a.arch, e), file=sys.stderr)
        rec = benchlib.make_record(a.system, a.arch, icount, plain,
                                   pairs(a.size, "--size", True),
                                   pairs(a.meta, "--meta", False))
    except (OSError, benchlib.BenchError) as e:
        print("collect: %s/%s: %s" % (a.system, a.arch, e), file=sys.stderr)
        return 1
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(rec, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(tmp, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
