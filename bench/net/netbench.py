#!/usr/bin/env python3
"""netbench.py - the driver of the network benchmark (docs/bench.md, "The
broker against mosquitto"): boots one system, runs bench/net/loadgen.c's
workloads against it through QEMU's forwards, and reads the guest's CPU
times around each.

  netbench.py run --log LOG --ready REGEX [--ready REGEX]... --mqtt-port P
      --tcp-port T --loadgen PATH --out PART.json [--n-lat N] [--n-rate N]
      [--window W] [--tcp-bytes B] -- COMMAND...
  netbench.py merge --system S --arch A [--meta K=V]... --out FILE
      ICOUNT.json PLAIN.json

run starts COMMAND (a QEMU boot, its serial line on COMMAND's stdin and
stdout), waits until the log has a line matching every REGEX, then for each
workload (MQTT QoS 0, QoS 1, TCP echo) types `cpu` on the console, runs
loadgen, types `cpu` again; finally `stop`, and waits for COMMAND to end.
The guest answers `cpu` with lines "PREFIX cpu ID NAME NS" (a task's or a
process's CPU time in guest ns), "PREFIX cpu idle NS" (Linux) and last
"PREFIX cpu clock NS" (PREFIX "[mqtt-net] mqtt-net:", the runner prefixing a task's lines with its name, or "[netbench]"). PART.json
holds loadgen's figures and, per workload, the CPU time each task or
process used during it and the guest clock's advance (ns; instructions
under -icount shift=0). Exit status 0 only if every workload ran and every
reading was seen.

merge writes one results file from the icount boot and the plain-TCG boot.
"""
import json
import re
import subprocess
import sys
import time

CPU_RE = re.compile(r"^(?:\[mqtt-net\] mqtt-net:|\[netbench\]) cpu (\S+) (\S+)(?: (\d+))?\s*$")
NS_RE = re.compile(r"^\d+$")


def fail(msg):
    sys.stderr.write("netbench: %s\n" % msg)
    sys.exit(1)


class Guest:
    def __init__(self, cmd, log):
        self.log = log
        self.logf = open(log, "wb")
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=self.logf,
                                  stderr=subprocess.STDOUT)
        self.seen = 0   # bytes of the log already consumed by readings

    def text(self):
        with open(self.log, "rb") as f:
            return f.read().decode("utf-8", "replace").replace("\r", "")

    def wait_for(self, pred, timeout, what):
        end = time.time() + timeout
        while time.time() < end:
            r = pred(self.text())
            if r:
                return r
            if self.p.poll() is not None:
                fail("the guest ended while waiting for %s (see %s)" % (what, self.log))
            time.sleep(0.1)
        fail("no %s within %d s (see %s)" % (what, timeout, self.log))

    def type(self, line):
        self.p.stdin.write(line.encode() + b"\n")
        self.p.stdin.flush()

    def cpu(self):
        """Types `cpu`; returns {name: ns} of the answer after the last one
        read (tasks and processes by "name#id"; "clock", "idle")."""
        start = len(self.text())
        self.type("cpu")

        def answer(text):
            rec = {}
            for line in text[start:].split("\n")[:-1]:    # whole lines only
                m = CPU_RE.match(line)
                if not m:
                    continue
                if m.group(3) is None:
                    if not NS_RE.match(m.group(2)):
                        continue
                    rec[m.group(1)] = int(m.group(2))
                    if m.group(1) == "clock":
                        return rec
                else:
                    rec["%s#%s" % (m.group(2), m.group(1))] = int(m.group(3))
            return None
        return self.wait_for(answer, 60, "answer to cpu")


def delta(before, after):
    """CPU time during a workload: tasks alive at both readings."""
    d = {k: after[k] - before[k] for k in after if k in before}
    if "clock" not in d:
        fail("no clock in a cpu reading")
    return d


def loadgen(args, *what):
    r = subprocess.run([args["loadgen"], *map(str, what)], capture_output=True, text=True,
                       timeout=600)
    line = r.stdout.strip().split("\n")[-1] if r.stdout.strip() else ""
    if r.returncode != 0 or "error" in line:
        fail("loadgen %s: %s %s" % (" ".join(map(str, what)), line, r.stderr.strip()))
    fig = {}
    for kv in line.split()[1:]:
        k, _, v = kv.partition("=")
        fig[k] = float(v)
    return fig


def run(argv):
    args = {"ready": [], "n-lat": 200, "n-rate": 2000, "window": 16, "tcp-bytes": 1 << 20}
    if "--" not in argv:
        fail("run: no -- COMMAND")
    cut = argv.index("--")
    opts, cmd = argv[:cut], argv[cut + 1:]
    for i in range(0, len(opts) - 1, 2):
        k = opts[i].lstrip("-")
        if k == "ready":
            args["ready"].append(re.compile(opts[i + 1], re.M))
        elif k in ("n-lat", "n-rate", "window", "tcp-bytes", "mqtt-port", "tcp-port"):
            args[k] = int(opts[i + 1])
        else:
            args[k] = opts[i + 1]
    for k in ("log", "loadgen", "out", "mqtt-port", "tcp-port"):
        if k not in args:
            fail("run: --%s is missing" % k)
    g = Guest(cmd, args["log"])
    ok = False
    try:
        g.wait_for(lambda t: all(r.search(t) for r in args["ready"]), 600, "ready lines")
        time.sleep(1)
        out = {"params": {k: args[k] for k in ("n-lat", "n-rate", "window", "tcp-bytes")}}
        for qos in (0, 1):
            c0 = g.cpu()
            fig = loadgen(args, "mqtt", args["mqtt-port"], qos, args["n-lat"], args["n-rate"],
                          args["window"])
            c1 = g.cpu()
            fig["messages"] = 20 + args["n-lat"] + args["n-rate"]
            fig["cpu_ns"] = delta(c0, c1)
            out["qos%d" % qos] = fig
            print("netbench: QoS %d: %s" % (qos, {k: v for k, v in fig.items() if k != "cpu_ns"}))
        c0 = g.cpu()
        fig = loadgen(args, "tcp", args["tcp-port"], args["tcp-bytes"])
        c1 = g.cpu()
        fig["cpu_ns"] = delta(c0, c1)
        out["tcp"] = fig
        print("netbench: TCP: %s" % {k: v for k, v in fig.items() if k != "cpu_ns"})
        g.type("stop")
        rc = g.p.wait(timeout=120)
        if rc != 0:
            fail("the guest ended with status %d (see %s)" % (rc, args["log"]))
        with open(args["out"], "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
        ok = True
    finally:
        if not ok and g.p.poll() is None:
            g.p.kill()
            g.p.wait()
    return 0


def merge(argv):
    meta, parts, out, system, arch = {}, [], None, None, None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--meta", "--out", "--system", "--arch"):
            v = argv[i + 1]
            i += 2
            if a == "--meta":
                k, _, v = v.partition("=")
                meta[k] = v
            elif a == "--out":
                out = v
            elif a == "--system":
                system = v
            else:
                arch = v
        else:
            parts.append(a)
            i += 1
    if len(parts) != 2 or not out or not system or not arch:
        fail("merge: --system, --arch, --out and two parts are needed")
    res = {"system": system, "arch": arch, "meta": meta}
    for mode, path in zip(("icount", "plain"), parts):
        with open(path) as f:
            res[mode] = json.load(f)
    with open(out, "w") as f:
        json.dump(res, f, indent=1, sort_keys=True)
        f.write("\n")
    return 0


def main(argv):
    if argv[:1] == ["run"]:
        return run(argv[1:])
    if argv[:1] == ["merge"]:
        return merge(argv[1:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
