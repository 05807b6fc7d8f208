#!/usr/bin/env python3
"""bench/kernel/profile.py - where the guest instructions go, by function.

Reads a QEMU log made with `-d in_asm,exec,nochain -D LOG` under
`-icount shift=0` (each translated block's instructions from in_asm, each
execution from exec) and sums executed instructions per kernel function
(symbols of the ELF, `nm -n`). With --from SYM counting starts at the
first block executed inside SYM (e.g. kbench_fn_syscall_null), so the boot
is left out; --per N divides by N operations.

    qemu-system-aarch64 ... -kernel build/arm64/jericho.elf \\
        -icount shift=0,align=off,sleep=off \\
        -fw_cfg name=opt/jericho/cmdline,string=bench=syscall_null \\
        -d in_asm,exec,nochain -D /tmp/q.log
    bench/kernel/profile.py build/arm64/jericho.elf /tmp/q.log \\
        --from kbench_fn_syscall_null --per 40000

A block cut short by an interrupt is counted whole; blocks outside the
kernel's symbols are shown as '?'.
"""
import argparse
import bisect
import re
import subprocess
from collections import Counter

IN_RE = re.compile(r"^(0x[0-9a-f]+):")
TRACE_RE = re.compile(r"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")


def symbols(elf, nm):
    out = subprocess.run([nm, "-n", elf], capture_output=True, text=True, check=True).stdout
    addrs, names = [], []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            addrs.append(int(parts[0], 16))
            names.append(parts[2])
    return addrs, names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("elf")
    ap.add_argument("log")
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--from", dest="start", default=None)
    ap.add_argument("--per", type=int, default=1)
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()
    addrs, names = symbols(a.elf, a.nm)

    def sym(pc):
        i = bisect.bisect_right(addrs, pc) - 1
        return names[i] if i >= 0 else "?"

    size = {}               # block pc -> instructions (latest translation)
    block, counting = [], a.start is None
    total, per_sym = 0, Counter()
    with open(a.log, errors="replace") as f:
        for line in f:
            m = IN_RE.match(line)
            if m:
                block.append(int(m.group(1), 16))
                continue
            m = TRACE_RE.match(line)
            if not m:
                if line.startswith("IN:") or line.startswith("---"):
                    if block:
                        size[block[0]] = len(block)
                    block = []
                continue
            if block:
                size[block[0]] = len(block)
                block = []
            pc = int(m.group(1), 16)
            s = sym(pc)
            if not counting:
                if s != a.start:
                    continue
                counting = True
            n = size.get(pc, 1)
            total += n
            per_sym[s] += n
    print(f"{total} instructions counted ({total / a.per:.1f} per operation over {a.per})")
    for s, n in per_sym.most_common(a.top):
        print(f"{n / a.per:10.1f} {100.0 * n / max(total, 1):5.1f}%  {s}")


if __name__ == "__main__":
    main()
