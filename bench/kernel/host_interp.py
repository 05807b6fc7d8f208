#!/usr/bin/env python3
"""host_interp.py HOST_BUILD_DIR OUT.json - the host side of the
interpreter comparison of `make bench` (docs/bench.md, "Interpreter: host
versus kernel"): for every program of bench/kernel/wasm/progs.txt, the
instructions per iteration of jwasm running HOST/bench/PROG.wasm (the WASI
build of the same bench/PROG.c) and of the native build HOST/bench/PROG.native
at the kernel task's size, counted by `valgrind --tool=cachegrind`
(deterministic), minus the same program with every size 0 (so that
loading, compiling, start-up and exit cancel), divided by the iterations:
what the interp_PROG rows measure in the kernel (the whole main). jwasm
must print exactly the native line. Without valgrind the counts are
skipped (and said so), never invented. Exits 1 if a run failed or differed.
"""
import datetime
import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROGS = os.path.join(ROOT, "bench", "kernel", "wasm", "progs.txt")


def run(cmd, grind):
    """(stdout, instructions or None) of cmd; BenchError if it failed."""
    if grind:
        cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
               "--cachegrind-out-file=/dev/null"] + cmd
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise benchlib.BenchError("%s: status %d: %s" % (" ".join(cmd), r.returncode,
                                                          r.stderr.strip()[-300:]))
    return r.stdout, benchlib.cachegrind_irefs(r.stderr) if grind else None


def measure(host, prog, iters, args):
    zero = ["0"] * len(args)
    native, wasm = os.path.join(host, "bench", prog + ".native"), os.path.join(host, "bench", prog + ".wasm")
    jwasm = os.path.join(host, "jwasm")
    line, n_total = run([native] + args, True)
    out, j_total = run([jwasm, wasm] + args, True)
    if out != line:
        raise benchlib.BenchError("jwasm printed %r, native %r" % (out, line))
    _, n_base = run([native] + zero, True)
    _, j_base = run([jwasm, wasm] + zero, True)
    return {"program": prog, "iterations": iters, "args": " ".join(args), "line": line.strip(),
            "jwasm": benchlib.per_iteration(j_total, j_base, iters),
            "native": benchlib.per_iteration(n_total, n_base, iters),
            "jwasm_instructions": [j_total, j_base], "native_instructions": [n_total, n_base]}


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    host, out_path = argv
    progs = benchlib.read_progs(PROGS)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT).stdout.strip()
    rec = {"date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"), "commit": commit,
           "measure": "valgrind --tool=cachegrind instructions per iteration, "
                      "run at progs.txt's size minus every size 0, x86-64",
           "programs": []}
    fail = 0
    if shutil.which("valgrind") is None:
        rec["skipped"] = "valgrind is not installed (build.sh installs it): no host counts"
        print("host_interp: " + rec["skipped"], file=sys.stderr)
        rec["programs"] = [{"program": p, "iterations": i, "args": " ".join(a)} for p, i, a in progs]
    else:
        rec["valgrind"] = subprocess.run(["valgrind", "--version"], capture_output=True,
                                         text=True).stdout.strip()
        for prog, iters, args in progs:
            try:
                r = measure(host, prog, iters, args)
                print("host_interp: %-9s jwasm %12s  native %10s  per iteration" %
                      (prog, benchlib.human(r["jwasm"]), benchlib.human(r["native"])))
            except (benchlib.BenchError, OSError, subprocess.TimeoutExpired) as e:
                print("host_interp: %s: %s" % (prog, e), file=sys.stderr)
                r, fail = {"program": prog, "iterations": iters, "args": " ".join(args),
                           "error": str(e)}, 1
            rec["programs"].append(r)
    tmp = out_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(rec, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(tmp, out_path)
    print("host_interp: wrote %s" % out_path)
    return fail


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
