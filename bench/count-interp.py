#!/usr/bin/env python3
"""count-interp.py HOST_BUILD_DIR OUT.json [PROG...] - the interpreter's
instruction counts (`make bench-count`): for every bench/ program of
bench/kernel/wasm/progs.txt (or the PROGs named), the x86-64 instructions
that `valgrind --tool=cachegrind` counts for the native build, for jwasm
and, if the environment names a wasm3 binary (WASM3=/path/to/wasm3, built
outside the tree: docs/bench.md), for wasm3, each at progs.txt's size minus
the same program with every size 0 (load, compile, start-up and exit
cancel), divided by the iterations; their ratios to native. Then start-up:
the instructions of the whole process running HOST/bench/big.wasm (a 1.3
MiB module whose main does almost nothing: bench/gen-big.py), per engine.

Instruction counts are deterministic, so this is the primary figure on a
shared machine; wall time (bench/run-interp.sh) is the secondary one.
Every engine must print exactly the native line. Exits 1 if a run failed.
"""
import datetime
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel"))
import benchlib  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PROGS = os.path.join(ROOT, "bench", "kernel", "wasm", "progs.txt")


def grind(cmd):
    """(stdout, instructions) of cmd under cachegrind."""
    full = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"] + cmd
    r = subprocess.run(full, capture_output=True, text=True, timeout=1800)
    if r.returncode != 0:
        raise benchlib.BenchError("%s: status %d: %s" % (" ".join(cmd), r.returncode, r.stderr.strip()[-300:]))
    return r.stdout, benchlib.cachegrind_irefs(r.stderr)


def per_iter(cmd, args, iters, line):
    out, total = grind(cmd + args)
    if line is not None and out != line:
        raise benchlib.BenchError("%s printed %r, native %r" % (cmd[0], out, line))
    _, base = grind(cmd + ["0"] * len(args))
    return out, benchlib.per_iteration(total, base, iters)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    host, out_path, only = argv[0], argv[1], argv[2:]
    wasm3 = os.environ.get("WASM3")
    engines = [("jwasm", [os.path.join(host, "jwasm")])]
    if wasm3:
        engines.append(("wasm3", [wasm3]))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT).stdout.strip()
    rec = {"date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"), "commit": commit,
           "measure": "valgrind --tool=cachegrind x86-64 instructions per iteration at progs.txt's "
                      "size minus every size 0; start-up: whole process on big.wasm",
           "programs": [], "startup": {}}
    fail = 0
    print("%-9s %14s %14s %8s %14s %8s" % ("program", "native", "jwasm", "ratio", "wasm3", "ratio"))
    for prog, iters, args in benchlib.read_progs(PROGS):
        if only and prog not in only:
            continue
        r = {"program": prog, "iterations": iters, "args": " ".join(args)}
        try:
            line, r["native"] = per_iter([os.path.join(host, "bench", prog + ".native")], args, iters, None)
            r["line"] = line.strip()
            for name, cmd in engines:
                _, r[name] = per_iter(cmd + [os.path.join(host, "bench", prog + ".wasm")], args, iters, line)
                r[name + "_ratio"] = round(r[name] / r["native"], 2)
            print("%-9s %14.1f %14.1f %7.2fx %14s %8s" % (
                prog, r["native"], r["jwasm"], r["jwasm_ratio"],
                "%.1f" % r["wasm3"] if "wasm3" in r else "-",
                "%.2fx" % r["wasm3_ratio"] if "wasm3" in r else "-"), flush=True)
        except (benchlib.BenchError, OSError, subprocess.TimeoutExpired) as e:
            print("count-interp: %s: %s" % (prog, e), file=sys.stderr)
            r["error"], fail = str(e), 1
        rec["programs"].append(r)
    big = os.path.join(host, "bench", "big.wasm")
    if not only and os.path.exists(big):
        size = os.path.getsize(big)
        rec["startup"]["module_bytes"] = size
        for name, cmd in engines:
            try:
                _, rec["startup"][name] = grind(cmd + [big])
            except (benchlib.BenchError, OSError, subprocess.TimeoutExpired) as e:
                print("count-interp: startup %s: %s" % (name, e), file=sys.stderr)
                fail = 1
        print("start-up, %d-byte module, whole process: %s" % (
            size, ", ".join("%s %s instructions" % (n, "{:,}".format(rec["startup"][n]))
                            for n, _ in engines if n in rec["startup"])))
    tmp = out_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(rec, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(tmp, out_path)
    print("count-interp: wrote %s" % out_path)
    return fail


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
