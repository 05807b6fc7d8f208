#!/usr/bin/env python3
"""tests/jwasm/mutate.py JWASM SEED.wasm N [ARGS...] - hostile-input check.

Runs JWASM (an ASan/UBSan build) on N deterministic mutants of SEED.wasm
(bytes flipped, overwritten with boundary values, truncated, duplicated),
each with --fuel so that a mutant cannot loop forever. Any mutant may be
rejected or trap; none may crash the host: a signal, a sanitizer report or
a timeout is a failure. Prints one summary line; exits 1 on any failure.
"""
import os
import random
import subprocess
import sys
import tempfile

SPECIAL = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x0b, 0x41, 0x20, 0x10, 0x11]


def mutate(rng, data):
    b = bytearray(data)
    kind = rng.randrange(5)
    if kind == 0:                      # flip bits
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
    elif kind == 1:                    # boundary bytes
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] = rng.choice(SPECIAL)
    elif kind == 2:                    # truncate
        b = b[:rng.randrange(8, len(b))]
    elif kind == 3:                    # duplicate a slice
        i = rng.randrange(8, len(b))
        j = min(len(b), i + rng.randint(1, 64))
        b[i:i] = b[i:j]
    else:                              # a LEB128 made huge
        i = rng.randrange(8, len(b) - 5)
        b[i:i + 5] = bytes([0xff, 0xff, 0xff, 0xff, 0x0f])
    return bytes(b)


def main():
    jwasm, seed, n, args = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    data = open(seed, "rb").read()
    rng = random.Random(0x6a77 ^ len(data))
    env = dict(os.environ,
               ASAN_OPTIONS="detect_leaks=0:exitcode=99:abort_on_error=0",
               UBSAN_OPTIONS="exitcode=99:print_stacktrace=1")
    bad = []
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "m.wasm")
        for k in range(n):
            m = mutate(rng, data)
            with open(path, "wb") as f:
                f.write(m)
            try:
                r = subprocess.run([jwasm, "--fuel", "2000000", path] + args, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   timeout=20)
                err = r.stderr.decode(errors="replace")
                crashed = (r.returncode < 0 or r.returncode == 99 or
                           "Sanitizer" in err or "runtime error" in err)
                why = "status %d: %s" % (r.returncode, err.strip()[:300])
            except subprocess.TimeoutExpired:
                crashed, why = True, "timeout"
            if crashed:
                keep = "%s.crash%d.wasm" % (seed, k)
                with open(keep, "wb") as f:
                    f.write(m)
                bad.append("%s (%s)" % (keep, why))
    print("%d mutants of %s: %d crashed the host" % (n, os.path.basename(seed), len(bad)))
    for b in bad[:5]:
        print("  " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
