"""nettable.py - the table "The broker against mosquitto" (docs/bench.md)
from bench/results/net-ARCH.json (JerichoOS's broker, `make bench-net`) and
net-linux-ARCH.json (Debian's mosquitto in the Linux guest, `make
bench-linux`), both written by bench/net/netbench.py. bench/kernel/table.py
prints it after the other tables. A figure a file does not hold is "-";
nothing is filled in.
"""
import json
import os

ARCHS = ("x86_64", "arm64")
# key, title, kind. "wall" figures come from the plain-TCG boot (host wall
# clock), "insn" from the icount boot (guest ns = instructions).
ROWS = [
    ("qos0_rate", "MQTT QoS 0, 64 B, messages/s (wall, window 16)", "wall"),
    ("qos0_med", "  latency, median, ms (wall, one at a time)", "wall"),
    ("qos0_p99", "  latency, 99th percentile, ms (wall)", "wall"),
    ("qos1_rate", "MQTT QoS 1, 64 B, messages/s (wall, window 16)", "wall"),
    ("qos1_med", "  latency, median, ms (wall, one at a time)", "wall"),
    ("qos1_p99", "  latency, 99th percentile, ms (wall)", "wall"),
    ("tcp_rate", "TCP echo, 1 MiB, KiB/s echoed (wall)", "wall"),
    ("qos0_all", "QoS 0: guest instructions per message, the whole guest's work", "insn"),
    ("qos0_broker", "  the broker's (JerichoOS: its task; Linux: the mosquitto process)", "insn"),
    ("qos0_net", "  the network task's (polls: see below)", "insn"),
    ("qos0_drv", "  the virtio-net driver task's", "insn"),
    ("qos1_all", "QoS 1: guest instructions per message, the whole guest's work", "insn"),
    ("qos1_broker", "  the broker's", "insn"),
    ("qos1_net", "  the network task's", "insn"),
    ("qos1_drv", "  the virtio-net driver task's", "insn"),
    ("tcp_all", "TCP echo: guest instructions per KiB echoed, the whole guest's work", "insn"),
    ("tcp_echo", "  the echo server's (task; process)", "insn"),
    ("lg_cpu", "load generator's own host CPU per message, us (plain boot, QoS 0)", "wall"),
]


def _task(cpu, name):
    """CPU ns of the task or process called name (keys are "name#id")."""
    v = [ns for k, ns in cpu.items() if k.rsplit("#", 1)[0] == name]
    return sum(v) if v else None


def figures(res):
    """{row key: value} of one results file."""
    f = {}
    plain, ic = res.get("plain", {}), res.get("icount", {})
    linux = res.get("system") == "linux"
    for q in ("qos0", "qos1"):
        w = plain.get(q)
        if w:
            f[q + "_rate"] = w["msgs_per_s"]
            f[q + "_med"] = w["lat_median_us"] / 1e3
            f[q + "_p99"] = w["lat_p99_us"] / 1e3
        w = ic.get(q)
        if w:
            cpu, n = w["cpu_ns"], w["messages"]
            if linux:
                whole = cpu["clock"] - cpu["idle"]
                broker = _task(cpu, "mosquitto")
            else:
                whole = sum(v for k, v in cpu.items() if k not in ("clock", "idle"))
                broker = _task(cpu, "mqtt-netbroker")
                for key, name in (("_net", "netstack"), ("_drv", "virtio-net")):
                    v = _task(cpu, name)
                    if v is not None:
                        f[q + key] = v / n
            f[q + "_all"] = whole / n
            if broker is not None:
                f[q + "_broker"] = broker / n
    if plain.get("tcp"):
        f["tcp_rate"] = plain["tcp"]["bytes_per_s"] / 1024
    w = ic.get("tcp")
    if w:
        cpu, kib = w["cpu_ns"], w["bytes"] / 1024
        if linux:
            f["tcp_all"] = (cpu["clock"] - cpu["idle"]) / kib
            echo = _task(cpu, "echo")
        else:
            f["tcp_all"] = sum(v for k, v in cpu.items() if k not in ("clock", "idle")) / kib
            echo = _task(cpu, "net-echo")
        if echo is not None:
            f["tcp_echo"] = echo / kib
    if plain.get("qos0"):
        f["lg_cpu"] = plain["qos0"]["cpu_us"] / plain["qos0"]["messages"]
    return f


def _fmt(v):
    if v is None:
        return "-"
    if v >= 1e6:
        return "%.2fM" % (v / 1e6)
    if v >= 100:
        return "{:,.0f}".format(v)
    return "%.1f" % v if v >= 10 else "%.2f" % v


def table(results_dir, markdown):
    cols, runs = [], []
    for arch in ARCHS:
        for sysname, fname in (("JerichoOS", "net-%s.json"), ("mosquitto", "net-linux-%s.json")):
            path = os.path.join(results_dir, fname % arch)
            if os.path.exists(path):
                with open(path) as fh:
                    res = json.load(fh)
                cols.append(("%s %s" % (sysname, arch.replace("_", "-")), figures(res)))
                m = res.get("meta", {})
                what = m.get("commit") or "%s, mosquitto %s" % (m.get("kernel"), m.get("mosquitto"))
                runs.append("%s %s: %s, %s" % (sysname, arch, what, m.get("date")))
    if not cols:
        return ""
    head = ["metric"] + [c[0] for c in cols]
    ratio = [a for a in ARCHS if any(c[0] == "JerichoOS " + a.replace("_", "-") for c in cols)
             and any(c[0] == "mosquitto " + a.replace("_", "-") for c in cols)]
    head += ["JerichoOS / mosquitto %s" % a.replace("_", "-") for a in ratio]
    rows = []
    for key, title, _ in ROWS:
        r = [title.strip() if markdown else title]
        by = {}
        for name, f in cols:
            r.append(_fmt(f.get(key)))
            by[name] = f.get(key)
        for a in ratio:
            if key == "lg_cpu":
                r.append("-")
                continue
            j, m = by.get("JerichoOS " + a.replace("_", "-")), by.get("mosquitto " + a.replace("_", "-"))
            r.append("%.2f" % (j / m) if j is not None and m else "-")
        rows.append(r)
    out = ["The broker against mosquitto (bench/net/): wall figures from plain TCG (host wall "
           "clock: this host's emulation speed, not a guest's speed); instructions under "
           "-icount shift=0 (the comparable figure). Ratio = JerichoOS / mosquitto: for "
           "messages/s and KiB/s below 1 is slower, elsewhere above 1 is dearer.",
           "Runs: " + "; ".join(runs), ""]
    if markdown:
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        out += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        w = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
        out.append("  ".join(h.ljust(w[i]) for i, h in enumerate(head)))
        out += ["  ".join(c.ljust(w[i]) for i, c in enumerate(r)) for r in rows]
    return "\n".join(out) + "\n"
