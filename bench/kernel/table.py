#!/usr/bin/env python3
"""table.py [--markdown] [--wall] DIR - print the comparison table of the
results in DIR (x86_64.json, arm64.json, linux-x86_64.json,
linux-arm64.json; a missing file shows as "(no run)"), then the table of
the bench/ programs in the kernel and on the host (interp-host.json), and
the broker against mosquitto (net-*.json: bench/net/nettable.py).
--wall adds the plain-TCG wall times; --markdown prints the tables for
docs/bench.md.
"""
import os
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "net"))
import nettable  # noqa: E402

COLUMNS = ("x86_64", "arm64", "linux-x86_64", "linux-arm64")


def main(argv):
    markdown = "--markdown" in argv
    wall = "--wall" in argv
    rest = [a for a in argv if a not in ("--markdown", "--wall")]
    if len(rest) != 1 or not os.path.isdir(rest[0]):
        print(__doc__, file=sys.stderr)
        return 2
    results = {}
    for col in COLUMNS:
        path = os.path.join(rest[0], col + ".json")
        if os.path.exists(path):
            try:
                results[col] = benchlib.load(path)
            except ValueError as e:
                print("table: %s: %s" % (path, e), file=sys.stderr)
                return 1
    host = None
    path = os.path.join(rest[0], "interp-host.json")
    if os.path.exists(path):
        try:
            host = benchlib.load(path)
        except ValueError as e:
            print("table: %s: %s" % (path, e), file=sys.stderr)
            return 1
    sys.stdout.write(benchlib.table(results, markdown))
    sys.stdout.write("\n" + benchlib.interp_table(results, host, markdown))
    net = nettable.table(rest[0], markdown)
    if net:
        sys.stdout.write("\n" + net)
    if wall:
        sys.stdout.write("\n" + benchlib.wall_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
