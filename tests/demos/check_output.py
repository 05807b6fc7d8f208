#!/usr/bin/env python3
"""tests/demos/check_output.py PARSE.json OUTPUT.txt [GROUP...] - check a run.

OUTPUT is what the kernel (or tests/demos/mock_kernel.mjs) printed. For
every demo of the given groups (all if none): each `expect:` line must
appear as "[NAME] TEXT", no `expect-not:` text may appear inside any of
NAME's lines, and each `expect-kernel:` line must appear verbatim
(docs/demos.md), all within the demo's own group: the lines after the
runner's "== group GROUP (" line up to the next "== group " line (the
whole output if it has no such line). What another group printed under
the demo's name does not count; the kernel's runner also tells tasks of
one group apart by identity (src/runner/check.c), which a log cannot. Prints one line per failed check and, last,
"PASSED FAILED" for tests/report.sh. Exit status 1 if anything failed.
"""
import json
import sys


def main():
    demos = json.load(open(sys.argv[1]))
    lines = [l.rstrip("\r\n") for l in open(sys.argv[2], encoding="latin-1")]
    groups = set(sys.argv[3:])
    sections = {}
    cur = None
    for l in lines:
        if l.startswith("== group "):
            cur = l[len("== group "):].split(" (")[0]
            sections.setdefault(cur, [])
        elif cur is not None:
            sections[cur].append(l)
    passed = failed = 0
    for d in demos:
        if groups and d["group"] not in groups:
            continue
        prefix = f"[{d['name']}] "
        own = sections.get(d["group"], []) if sections else lines
        mine = [l[len(prefix):] for l in own if l.startswith(prefix)]
        checks = [(f"expect '{t}'", t in mine) for t in d["expect"]]
        checks += [(f"expect-not '{t}'", not any(t in l for l in mine)) for t in d["expect-not"]]
        checks += [(f"expect-kernel '{t}'", t in own) for t in d["expect-kernel"]]
        for what, ok in checks:
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"FAILED {d['name']}: {what}")
    print(passed, failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
