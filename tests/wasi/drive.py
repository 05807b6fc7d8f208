#!/usr/bin/env python3
"""tests/wasi/drive.py - run a command, type into its stdin once it asks.

    drive.py --wait TEXT (--input BYTES | --input-file F) [--close] [--timeout S] --out FILE -- CMD...

Runs CMD with a pipe as stdin and its stdout and stderr into FILE. When a
line of its output contains TEXT, writes BYTES (Python escapes: "\\r",
"\\n"), or the bytes of file F as they are (tests/ports/), to its stdin;
with --close, closes stdin then (end of input).
Exits with CMD's status, 124 if it ran past S seconds (then its process
group is killed), 125 if TEXT never came.
"""
import argparse
import os
import signal
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wait", required=True)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--input")
    src.add_argument("--input-file")
    ap.add_argument("--close", action="store_true")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--out", required=True)
    ap.add_argument("cmd", nargs="+")
    a = ap.parse_args()
    if a.input_file is not None:
        with open(a.input_file, "rb") as f:
            data = f.read()
    else:
        data = a.input.encode("ascii").decode("unicode_escape").encode("latin-1")
    deadline = time.monotonic() + a.timeout
    with open(a.out, "wb") as out:
        p = subprocess.Popen(a.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, start_new_session=True)
        typed = False
        os.set_blocking(p.stdout.fileno(), True)
        for line in iter(p.stdout.readline, b""):
            out.write(line)
            out.flush()
            if not typed and a.wait.encode() in line:
                typed = True
                try:
                    p.stdin.write(data)
                    p.stdin.flush()
                    if a.close:
                        p.stdin.close()
                except BrokenPipeError:
                    pass
            if time.monotonic() > deadline:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                return 124
        try:
            rc = p.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return 124
    if not typed:
        print(f"drive.py: '{a.wait}' never came", file=sys.stderr)
        return 125
    return rc


if __name__ == "__main__":
    sys.exit(main())
