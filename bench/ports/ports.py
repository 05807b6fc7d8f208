#!/usr/bin/env python3
"""bench/ports/ports.py - the ports' figures (make bench-ports).

1. The Lua port's run time.
The same script (ports/lua/bench.lua, N from the manifest) is timed three
ways, each as a count of instructions:

  kernel  the task port-lua in the JerichoOS kernel under QEMU's
          -icount shift=0,align=off,sleep=off (1 ns of guest time per guest
          instruction): the script prints lua:cpu_ns=, os.clock() (WASI's
          process CPU-time clock: the task's own CPU time) around loading
          and running the script, after it has been read from stdin;
  jwasm   build/host/jwasm --eager (every function compiled before the
          start, as the kernel does) running the same module, counted by valgrind
          --tool=cachegrind: the run with the manifest's arguments minus the
          same run without the chunk that loads and runs the script (start-up,
          module compile, reading stdin and exit cancel);
  native  Debian's lua5.4 with the same arguments, counted the same way.

2. Start-up of the two modules, lua.wasm (534 KB) and sqlite.wasm
   (1.17 MB), in jwasm --eager (the engine the kernel runs: decode,
   validate, compile, instantiate), plain jwasm (lazy compilation) and
   natively: the instructions of a whole run that
   does nothing (`lua -e ""`; `sqlite3 -batch` reading ".exit 0"), counted
   by cachegrind.

Writes bench/results/ports.md and prints it.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "kernel"))
import benchlib  # noqa: E402

SCRIPT = os.path.join(ROOT, "ports", "lua", "bench.lua")
QEMU = {"x86_64": "qemu-system-x86_64", "arm64": "qemu-system-aarch64"}
RUN_CHUNK = 'assert(load(S,"=bench.lua"))()'


def sh(cmd, **kw):
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("bench-ports: %s failed (%d):\n%s" % (" ".join(cmd), r.returncode,
                                                         (r.stdout + r.stderr)[-2000:]))
    return r


def manifest_args():
    out = sh([sys.executable, "demos/pack.py", "--parse", "build/ports/port-lua.manifest"]).stdout
    return json.loads(out)[0]["args"]


def kernel(arch):
    sh(["make", "--no-print-directory", "ARCH=" + arch, "PORTS=1", "kernel"])
    log = "build/%s/ports/bench-icount.log" % arch
    os.makedirs(os.path.dirname(os.path.join(ROOT, log)), exist_ok=True)
    qemu = QEMU[arch] + " -icount shift=0,align=off,sleep=off"
    sh([sys.executable, "tests/wasi/drive.py", "--wait", "[port-lua] lua:ready",
        "--input-file", SCRIPT, "--out", "build/%s/ports/bench-make.log" % arch,
        "--timeout", "900", "--", "make", "--no-print-directory", "ARCH=" + arch,
        "PORTS=1", "qemu", "CMDLINE=hostile=port-lua", "QEMU=" + qemu, "QEMU_LOG=" + log,
        "QEMU_TIMEOUT=800"], env=dict(os.environ, QEMU_STDIN="inherit"))
    text = open(os.path.join(ROOT, log), errors="replace").read()
    m = re.findall(r"^\[port-lua\] lua:cpu_ns=(\d+)\r?$", text, re.M)
    if len(m) != 1 or "demo port-lua               PASS" not in text:
        sys.exit("bench-ports: %s: no PASS and lua:cpu_ns line in %s" % (arch, log))
    return int(m[0])


def grind(cmd, stdin=None):
    """(instructions, stdout) of cmd under cachegrind; stdin: the Lua script,
    or the bytes given."""
    if stdin is None:
        with open(SCRIPT, "rb") as f:
            stdin = f.read()
    r = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                        "--cachegrind-out-file=/dev/null"] + cmd, cwd=ROOT, input=stdin,
                       capture_output=True, timeout=900,
                       env=dict(os.environ, HOME=os.path.join(ROOT, "build", "ports")))
    r = subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(errors="replace"),
                                    r.stderr.decode(errors="replace"))
    if r.returncode != 0:
        sys.exit("bench-ports: %s: status %d: %s" % (" ".join(cmd), r.returncode, r.stderr[-500:]))
    return benchlib.cachegrind_irefs(r.stderr), r.stdout


def host(prefix, args):
    if RUN_CHUNK not in args or args[args.index(RUN_CHUNK) - 1] != "-e":
        sys.exit("bench-ports: the manifest's args have no -e %s" % RUN_CHUNK)
    i = args.index(RUN_CHUNK)
    base_args = args[:i - 1] + args[i + 1:]
    total, out = grind(prefix + args)
    base, _ = grind(prefix + base_args)
    if "done" not in out.split("\n") or total <= base:
        sys.exit("bench-ports: %s did not run the script" % prefix[0])
    return total - base


def main():
    sh(["make", "--no-print-directory", "ports", "build/host/jwasm"])
    args = manifest_args()
    n = [a for a in args if a.startswith("N=")][0]
    rows = [("kernel x86-64 (icount)", kernel("x86_64")),
            ("kernel arm64 (icount)", kernel("arm64")),
            ("jwasm x86-64 host (cachegrind)",
             host(["build/host/jwasm", "--eager", "build/ports/lua.wasm"], args)),
            ("native lua5.4 x86-64 host (cachegrind)", host(["lua5.4"], args))]
    native = rows[-1][1]
    starts = []
    for name, wasm, nat, args, stdin in (
            ("lua", "build/ports/lua.wasm", "lua5.4", ["-e", ""], None),
            ("sqlite", "build/ports/sqlite.wasm", "sqlite3", ["-batch"], b".exit 0\n")):
        size = os.path.getsize(os.path.join(ROOT, wasm))
        eager, _ = grind(["build/host/jwasm", "--eager", "--env", "HOME=/", wasm] + args, stdin)
        lazy, _ = grind(["build/host/jwasm", "--env", "HOME=/", wasm] + args, stdin)
        nat_count, _ = grind([nat] + args, stdin)
        starts.append((name, size, eager, lazy, nat_count))
    lines = ["# The Lua port's run time (make bench-ports)", "",
             "ports/lua/bench.lua with %s, loaded and run (reading stdin excluded), in" % n,
             "instructions; method in bench/ports/ports.py and ports/README.md.", "",
             "| where | instructions | vs native |", "|---|---|---|"]
    for name, v in rows:
        lines.append("| %s | {:,} | %.1fx |".format(v) % (name, v / native))
    lines += ["", "Start-up: a whole run that does nothing (`lua -e \"\"`; `sqlite3 -batch` reading",
              "`.exit 0`), cachegrind on the host. jwasm --eager decodes, validates and compiles",
              "every function before the start, as the kernel does at spawn; plain jwasm compiles",
              "a function at its first call.", "",
              "| module | size (bytes) | jwasm --eager | jwasm (lazy) | native |",
              "|---|---|---|---|---|"]
    for name, size, eager, lazy, nat in starts:
        lines.append("| %s | {:,} | {:,} | {:,} | {:,} |".format(size, eager, lazy, nat) % name)
    lines += ["", "Commit: %s" % subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                                capture_output=True, text=True).stdout.strip()]
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "ports.md"), "w") as f:
        f.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
