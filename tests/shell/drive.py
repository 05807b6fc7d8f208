#!/usr/bin/env python3
"""tests/shell/drive.py - type a script into the shell, one line per prompt.

    drive.py --script FILE --out FILE [--timeout S] -- CMD...

Runs CMD (make run) with a pipe as stdin, its output into FILE. Each time
the shell prints its prompt line ("[shell] jericho>"), the next line of
the script is typed (ended by CR, as a terminal's Enter). In a script line
"{id:NAME}" becomes the id of task NAME in the last `ps` table printed.
After the last line, stdin stays open until CMD ends. Exits with CMD's
status, 124 if it ran past S seconds.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

PROMPT = b"[shell] jericho>"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--script", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("cmd", nargs="+")
    a = ap.parse_args()
    with open(a.script, encoding="utf-8") as f:
        script = [ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#")]
    ids = {}
    deadline = time.monotonic() + a.timeout
    with open(a.out, "wb") as out:
        p = subprocess.Popen(a.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, start_new_session=True)
        for line in iter(p.stdout.readline, b""):
            out.write(line)
            out.flush()
            m = re.match(rb"\[shell\]\s+(\d+) (\S+)\s", line)
            if m:
                ids[m.group(2).decode()] = m.group(1).decode()
            if PROMPT in line and script:
                cmd = re.sub(r"\{id:([\w-]+)\}", lambda mm: ids.get(mm.group(1), "0"),
                             script.pop(0))
                try:
                    p.stdin.write(cmd.encode() + b"\r")
                    p.stdin.flush()
                except BrokenPipeError:
                    pass
            if time.monotonic() > deadline:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                return 124
        try:
            return p.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return 124


if __name__ == "__main__":
    sys.exit(main())
