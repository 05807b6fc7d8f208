"""benchlib.py - the shared logic of `make bench` and `make bench-linux`:
parse the "[bench]" lines a guest prints (protocol in include/kbench/bench.h and
docs/bench.md), turn one system's runs into a results record (the JSON
written to bench/results/), and render the comparison table.

Every guest figure arrives in "ns" of guest time. Under QEMU
-icount shift=0,align=off,sleep=off a guest ns is one guest instruction,
so the icount run gives the instruction counts; the plain-TCG run of the
same image gives wall-clock ns for reference. A row the guest did not
report stays "not measured yet": nothing here ever invents a figure.
"""
import json
import re

# ---- the rows ------------------------------------------------------------------
# key, title, name JerichoOS reports, name the Linux init reports, kind,
# target. kind "time" rows are guest ns (= instructions under icount);
# "msg" rows are a time per message whose target is a rate: the rate is
# not measured but derived, 1e9 / instructions per message (a guest ns
# per instruction under icount), and always shown as derived; "size" rows
# are bytes the driver measures on the host; "frame" rows are guest ns per
# frame measured as elapsed guest time, shown with the frame rate that is
# (1e9 / ns per frame: measured, not derived, but under icount not
# repeatable: docs/bench.md, "Frames through virtio-net"). A target is (op, value) in the row's unit
# (instructions, messages per second, bytes).
ROWS = [
    ("null_syscall", "null system call from wasm", "syscall_null", "getpid", "time", ("<=", 50)),
    ("syscall_capcheck", "  capability check alone", "syscall_capcheck", None, "time", None),
    ("wasi_fd_write16", "WASI fd_write, 16 bytes (a line) to the console", "wasi_fd_write16", "write_console_16b", "time", None),
    ("wasi_fd_write0", "  the call alone (0 bytes; Linux: 16 bytes to /dev/null)", "wasi_fd_write0", "write_null_16b", "time", None),
    ("wasi_clock_time_get", "WASI clock_time_get (Linux: clock_gettime)", "wasi_clock_time_get", "clock_gettime", "time", None),
    ("ipc_rtt_wasm", "IPC round trip, wasm tasks", "ipc_rtt_wasm", "pipe_rtt", "time", ("<=", 1000)),
    ("ipc_rtt_kthread", "IPC round trip, kernel threads", "ipc_rtt_kthread", "pipe_rtt", "time", None),
    ("ipc_oneway", "one-way IPC, per message", "ipc_oneway", "pipe_16b", "msg", (">=", 12e6)),
    ("ipc_oneway_kthread", "one-way IPC, kernel threads", "ipc_oneway_kthread", "pipe_16b", "msg", None),
    ("shm_chan_oneway", "shared-memory channel, 64 bytes one way, one per send", "shm_chan_oneway", None, "msg", None),
    ("shm_chan_batch16", "  the same, sixteen per send", "shm_chan_batch16", None, "msg", None),
    ("dev_read_wasm", "device register read from wasm", "dev_read_wasm", None, "time", None),
    ("dev_irq_wasm", "interrupt to a waiting driver task (wasm)", "dev_irq_wasm", None, "time", None),
    ("net_frame_guest", "virtio-net: guest ns per frame, ARP round trips with QEMU's gateway", "net_frame_guest", None, "frame", None),
    ("net_frame_driver", "  the driver task's own instructions per frame", "net_frame_driver", None, "time", None),
    ("net_frame_client", "  the client task's per frame", "net_frame_client", None, "time", None),
    ("ctx_switch", "context switch (yield ping-pong)", "yield_switch", "sched_yield", "time", ("<=", 300)),
    ("ctx_switch_kthread", "yield ping-pong, kernel threads", "yield_switch_kthread", "sched_yield", "time", None),
    ("ctx_switch_hal", "bare arch_context_switch", "ctx_switch_hal", None, "time", None),
    ("preempt_latency", "worst timer lateness, prio 62 task, during long kernel work", "preempt_latency", None, "time", ("<=", 10e6)),
    ("preempt_latency_idle", "  the same with nothing else running", "preempt_latency_idle", None, "time", None),
    ("longop_spawn_2mib_late", "  worst lateness while compiling a 2 MiB module (task_spawn's work)", "longop_spawn_2mib_late", None, "time", None),
    ("longop_table_grow_10m_late", "  worst lateness during table.grow by 10,000,000 entries", "longop_table_grow_10m_late", None, "time", None),
    ("longop_revoke_10k_late", "  worst lateness while revoking a 10,000-capability tree", "longop_revoke_10k_late", None, "time", None),
    ("longop_spawn_2mib", "  the compile itself", "longop_spawn_2mib", None, "time", None),
    ("longop_table_grow_10m", "  the table.grow itself (a wasm task)", "longop_table_grow_10m", None, "time", None),
    ("longop_revoke_10k", "  the revoke itself", "longop_revoke_10k", None, "time", None),
    ("boot_first_wasm", "boot to first wasm instruction", "boot_first_wasm", "boot_init_kernel", "time", ("<=", 10e6)),
    ("boot_kernel_main", "kernel entry to kernel_main", "boot_kernel_main", None, "time", None),
    ("boot_firmware", "reset to kernel entry", "boot_firmware", None, "time", None),
    ("boot_reset_init", "reset to Linux /init", None, "boot_init", "time", None),
    ("interp_coremark", "interpreter in kernel, CoreMark-style iteration", "interp_coremark", None, "time", None),
    ("interp_fib", "  fib, per run", "interp_fib", None, "time", None),
    ("interp_sieve", "  sieve, per round", "interp_sieve", None, "time", None),
    ("interp_matmul", "  matmul, per repetition", "interp_matmul", None, "time", None),
    ("interp_crc32", "  crc32, per pass", "interp_crc32", None, "time", None),
    ("interp_sha256", "  sha256, per pass", "interp_sha256", None, "time", None),
    ("interp_lz4", "  lz4, per pass", "interp_lz4", None, "time", None),
    ("image", "kernel image (stripped ELF / vmlinuz)", "image", "image", "size", ("<=", 256 * 1024)),
    ("image_text", "  text (with rodata)", "image_text", None, "size", None),
    ("image_data", "  data", "image_data", None, "size", None),
    ("image_bss", "  bss", "image_bss", None, "size", None),
    ("image_file", "  ELF file with debug info", "image_file", None, "size", None),
    ("image_pak", "boot modules (jericho.pak)", "image_pak", None, "size", None),
]
ROW_KEYS = [r[0] for r in ROWS]
# The bench/ programs run as kernel tasks (bench/kernel/wasm/progs.txt):
# program -> row. The host counts of the same programs (host_interp.py)
# go to bench/results/interp-host.json.
INTERP_PROGS = [("coremark", "interp_coremark"), ("fib", "interp_fib"),
                ("sieve", "interp_sieve"), ("matmul", "interp_matmul"),
                ("crc32", "interp_crc32"), ("sha256", "interp_sha256"),
                ("lz4", "interp_lz4")]
NOT_MEASURED = "not measured yet"

LINE_RE = re.compile(r"^\[bench\] (.*)$")
ESCAPES_RE = re.compile(r"^(?:\x1b\[[0-9;?]*[A-Za-z])+")
BEGIN_RE = re.compile(r"^begin (jericho|linux) (x86_64|arm64) ([0-9]+)$")
FIGURE_RE = re.compile(r"^([a-z0-9_]+) ([0-9]+(?:\.[0-9])?) (ns|bytes|count)$")
DONE_RE = re.compile(r"^done: ([0-9]+) reported(?:, ([0-9]+) errors)?$")
ERROR_RE = re.compile(r"^error: (.*)$")


class BenchError(Exception):
    """A run whose output cannot be trusted (missing lines, bad lines)."""


def parse_log(text):
    """The [bench] lines of one guest run, checked: a begin line, figures,
    a done line whose count matches, no errors. Returns
    {"system", "arch", "counter_hz", "figures": {name: (value, unit)}}."""
    run = {"system": None, "arch": None, "counter_hz": None, "figures": {}}
    problems, done = [], None
    for raw in text.splitlines():
        # Serial lines end in \r\n and may start with terminal escape
        # sequences (firmware screen clears). A protocol line starts the
        # line: "[bench]" further on is someone else's text, such as a
        # wasm task's output ("[task] ..."), and must not count.
        line = ESCAPES_RE.sub("", raw.replace("\r", ""))
        m = LINE_RE.match(line)
        if not m:
            continue
        body = m.group(1).rstrip()
        if done is not None:
            problems.append("line after done: %r" % body)
            continue
        m = BEGIN_RE.match(body)
        if m:
            if run["system"] is not None:
                problems.append("second begin line")
            run["system"], run["arch"], run["counter_hz"] = m.group(1), m.group(2), int(m.group(3))
            continue
        if run["system"] is None:
            problems.append("line before begin: %r" % body)
            continue
        m = ERROR_RE.match(body)
        if m:
            problems.append("guest error: " + m.group(1))
            continue
        m = DONE_RE.match(body)
        if m:
            done = int(m.group(1))
            if m.group(2) and int(m.group(2)):
                problems.append("guest counted %s errors" % m.group(2))
            continue
        m = FIGURE_RE.match(body)
        if m:
            name = m.group(1)
            if name in run["figures"]:
                problems.append("%s reported twice" % name)
            run["figures"][name] = (float(m.group(2)), m.group(3))
            continue
        problems.append("malformed line: %r" % body)
    if run["system"] is None:
        problems.append("no begin line")
    if done is None:
        problems.append("no done line (the guest stopped early or timed out)")
    elif done != len(run["figures"]):
        problems.append("done line says %d reported, %d seen" % (done, len(run["figures"])))
    if run["counter_hz"] == 0:
        problems.append("counter frequency 0")
    if problems:
        raise BenchError("; ".join(problems))
    return run


def _met(kind, target, value):
    if target is None or value is None:
        return None
    op, limit = target
    x = 1e9 / value if kind == "msg" else value
    return x <= limit if op == "<=" else x >= limit


def target_text(kind, target):
    if target is None:
        return ""
    op, limit = target
    if kind == "msg":
        return "%s %s msg/s" % (op, compact(limit))
    if kind == "size":
        return "%s %d KiB" % (op, limit // 1024)
    return "%s %s" % (op, compact(limit))


def human(x):
    """1700000000 -> 1.70G, 12979 -> 12,979, 321.2 -> 321.2."""
    for div, suf in ((1e9, "G"), (1e6, "M")):
        if abs(x) >= div:
            return "%.2f%s" % (x / div, suf)
    if x == int(x):
        return "{:,}".format(int(x))
    return "{:,.1f}".format(x)


def compact(x):
    """A target limit: 12000000 -> 12M, 1000 -> 1,000."""
    for div, suf in ((1e9, "G"), (1e6, "M")):
        if abs(x) >= div:
            return "%g%s" % (x / div, suf)
    return "{:,}".format(int(x))


def make_record(system, arch, icount, plain, sizes, meta):
    """The results record of one system on one arch. icount and plain are
    parse_log results (plain may be None); sizes maps size names to bytes
    (measured on the host); meta is copied in (commit, date, QEMU...)."""
    if icount["system"] != system or icount["arch"] != arch:
        raise BenchError("icount run is %s/%s, expected %s/%s" %
                         (icount["system"], icount["arch"], system, arch))
    if plain is not None and (plain["system"] != system or plain["arch"] != arch):
        raise BenchError("plain run is %s/%s, expected %s/%s" %
                         (plain["system"], plain["arch"], system, arch))
    col = 2 if system == "jericho" else 3
    rows, used = {}, set()
    for row in ROWS:
        key, title, kind, target = row[0], row[1], row[4], row[5]
        name = row[col]
        if name is None:
            continue
        rec = {"title": title, "source": name, "value": None, "unit": None,
               "wall_ns": None, "status": NOT_MEASURED}
        if kind == "size":
            if name in sizes:
                rec.update(value=int(sizes[name]), unit="bytes", status="measured")
        elif name in icount["figures"]:
            v, unit = icount["figures"][name]
            if unit != "ns":
                raise BenchError("%s reported in %s, expected ns" % (name, unit))
            rec.update(value=v, unit="instructions", status="measured")
            if kind == "msg":     # derived from the count, not measured
                rec["per_second_derived"] = round(1e9 / v) if v > 0 else None
            if kind == "frame":   # guest ns elapsed per frame: a rate in guest time
                rec["frames_per_second"] = round(1e9 / v) if v > 0 else None
            if plain is not None and name in plain["figures"]:
                rec["wall_ns"] = plain["figures"][name][0]
        used.add(name)
        if system == "jericho":
            rec["target"] = target_text(kind, target)
            rec["met"] = _met(kind, target, rec["value"])
        rows[key] = rec
    extra = {n: {"value": v, "unit": "instructions" if u == "ns" else u}
             for n, (v, u) in sorted(icount["figures"].items()) if n not in used}
    out = {"system": system, "arch": arch, "counter_hz": icount["counter_hz"],
           "mode": "qemu -icount shift=0,align=off,sleep=off (1 guest ns = 1 instruction); "
                   "wall_ns from a plain-TCG run",
           "rows": rows, "extra": extra}
    out.update(meta)
    return out


def load(path):
    with open(path) as f:
        return json.load(f)


def fmt_value(rec):
    if rec is None:
        return "-"
    if rec["value"] is None:
        return NOT_MEASURED
    v = rec["value"]
    if rec["unit"] == "bytes":
        return "{:,} B".format(v)
    s = human(v)
    if rec.get("per_second_derived"):
        s += " (derived: %s msg/s)" % human(rec["per_second_derived"])
    if rec.get("frames_per_second"):
        s += " (%s frames/s)" % human(rec["frames_per_second"])
    return s


def ratio(a, b):
    if not a or not b or a["value"] is None or b["value"] is None or not b["value"]:
        return "-"
    return "%.2f" % (a["value"] / b["value"])


def table(results, markdown=False):
    """results: {"x86_64": rec or None, "arm64": ..., "linux-x86_64": ...,
    "linux-arm64": ...}. Returns the table as text: one row per metric;
    ratio = JerichoOS / Linux on the same arch (below 1: JerichoOS is
    cheaper); met? is judged on every arch measured (all must meet)."""
    head = ["metric", "x86-64", "arm64", "Linux x86-64", "Linux arm64",
            "ratio x86-64", "ratio arm64", "target", "met?"]
    lines = []
    for row in ROWS:
        key, title, jname, lname, kind, target = row
        cells = [title.strip() if markdown else title]
        recs = {}
        for col in ("x86_64", "arm64", "linux-x86_64", "linux-arm64"):
            res = results.get(col)
            rec = res["rows"].get(key) if res else None
            recs[col] = rec
            cells.append(fmt_value(rec) if res else "(no run)")
        cells.append(ratio(recs["x86_64"], recs["linux-x86_64"]))
        cells.append(ratio(recs["arm64"], recs["linux-arm64"]))
        cells.append(target_text(kind, target))
        mets = [recs[a]["met"] for a in ("x86_64", "arm64") if recs[a] and "met" in recs[a]]
        if target is None:
            met = ""
        elif not mets or any(m is None for m in mets):
            met = "not yet" if not any(m is False for m in mets) else "no"
        else:
            met = "yes" if all(mets) else "no"
        cells.append(met)
        lines.append(cells)
    extras = set()
    for col in ("x86_64", "arm64"):
        if results.get(col):
            extras.update(results[col]["extra"])
    for name in sorted(extras):
        cells = [name + " (extra)"]
        for col in ("x86_64", "arm64"):
            e = results[col]["extra"].get(name) if results.get(col) else None
            cells.append("-" if e is None else
                         human(e["value"]) if e["unit"] == "instructions" else "%s %s" % (e["value"], e["unit"]))
        cells += ["-", "-", "-", "-", "", ""]
        lines.append(cells)
    sources = []
    for col in ("x86_64", "arm64", "linux-x86_64", "linux-arm64"):
        res = results.get(col)
        if res:
            what = res.get("commit") or res.get("kernel") or "?"
            sources.append("%s: %s, %s" % (col, what, res.get("date", "?")))
    note = ("Instructions under QEMU -icount shift=0 (one guest ns = one instruction); "
            "ratio = JerichoOS / Linux.\n"
            "msg/s figures are derived (1e9 / instructions per message), not measured rates. "
            "The Linux columns are the nearest Linux operations, not the same ones: a "
            "JerichoOS system call is a host call from the wasm interpreter into the kernel, "
            "in kernel mode (no privilege change); a Linux one is a real user-to-kernel "
            "ring transition and back.\n"
            "Runs: " + ("; ".join(sources) or "none") + "\n\n")
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(c) + " |" for c in lines]
        return note + "\n".join(out) + "\n"
    widths = [max(len(r[i]) for r in [head] + lines) for i in range(len(head))]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                              for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    out = [fmt(head), "-" * len(fmt(head))] + [fmt(r) for r in lines]
    return note + "\n".join(out) + "\n"


def wall_table(results):
    """Plain-TCG wall time of every timed row, for reference."""
    head = ["metric (plain TCG, wall ns)", "x86-64", "arm64", "Linux x86-64", "Linux arm64"]
    lines = []
    for row in ROWS:
        if row[4] not in ("time", "msg", "frame"):
            continue
        cells = [row[1]]
        for col in ("x86_64", "arm64", "linux-x86_64", "linux-arm64"):
            res = results.get(col)
            rec = res["rows"].get(row[0]) if res else None
            cells.append("-" if not rec or rec["wall_ns"] is None else human(rec["wall_ns"]))
        if any(c != "-" for c in cells[1:]):
            lines.append(cells)
    if not lines:
        return "(no plain-TCG wall times)\n"
    widths = [max(len(r[i]) for r in [head] + lines) for i in range(len(head))]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                              for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    return "\n".join([fmt(head), "-" * len(fmt(head))] + [fmt(r) for r in lines]) + "\n"


# ---- the interpreter on the host ---------------------------------------------------

IREFS_RE = re.compile(r"^==[0-9]+== I\s+refs:\s+([0-9,]+)\s*$", re.M)


def cachegrind_irefs(text):
    """The instruction count of a `valgrind --tool=cachegrind` run from its
    stderr; BenchError if there is not exactly one."""
    found = IREFS_RE.findall(text)
    if len(found) != 1:
        raise BenchError("%d \"I refs\" lines in the cachegrind output" % len(found))
    return int(found[0].replace(",", ""))


def per_iteration(total, base, iters):
    """(total - base) / iters, one decimal: a program run at its size minus
    the same program with every size 0 (load, compile, start and exit
    cancel). BenchError if the baseline is not cheaper."""
    if iters <= 0 or total <= base:
        raise BenchError("run %d not above its baseline %d (iterations %d)" % (total, base, iters))
    return round((total - base) / iters, 1)


def read_progs(path):
    """bench/kernel/wasm/progs.txt: [(program, iterations, [arguments])]."""
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            w = line.split()
            if not w or w[0].startswith("#"):
                continue
            if len(w) < 3 or not w[1].isdigit() or int(w[1]) <= 0 or \
                    not all(a.isdigit() for a in w[2:]):
                raise BenchError("%s:%d: expected PROGRAM ITERATIONS ARGUMENTS..." % (path, n))
            out.append((w[0], int(w[1]), w[2:]))
    return out


def interp_table(results, host, markdown=False):
    """The programs of bench/ per iteration: the kernel rows of each arch
    next to the host counts (host: interp-host.json or None); ratio =
    kernel x86-64 / jwasm (the host is x86-64). "-" where nothing was
    measured; the reason the host cells are empty is said below."""
    head = ["program", "kernel x86-64", "kernel arm64", "jwasm host", "native",
            "kernel/jwasm", "jwasm/native"]
    progs = {p["program"]: p for p in (host or {}).get("programs", [])}
    lines = []
    for prog, key in INTERP_PROGS:
        k = {}
        for col in ("x86_64", "arm64"):
            res = results.get(col)
            rec = res["rows"].get(key) if res else None
            k[col] = rec["value"] if rec and rec["value"] is not None else None
        h = progs.get(prog, {})
        j, n = h.get("jwasm"), h.get("native")
        cells = [prog] + ["-" if v is None else human(v) for v in (k["x86_64"], k["arm64"], j, n)]
        cells.append("%.2f" % (k["x86_64"] / j) if k["x86_64"] and j else "-")
        cells.append("%.1f" % (j / n) if j and n else "-")
        lines.append(cells)
    if host is None:
        note = "Host: no bench/results/interp-host.json (make bench writes it).\n"
    elif host.get("skipped"):
        note = "Host: %s\n" % host["skipped"]
    else:
        note = "Host: %s; %s, %s.\n" % (host.get("measure", "?"), host.get("commit", "?"),
                                        host.get("date", "?"))
    note = "Instructions per iteration of the bench/ programs. " + note + "\n"
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return note + "\n".join(out + ["| " + " | ".join(c) + " |" for c in lines]) + "\n"
    widths = [max(len(r[i]) for r in [head] + lines) for i in range(len(head))]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                              for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    return note + "\n".join([fmt(head), "-" * len(fmt(head))] + [fmt(r) for r in lines]) + "\n"
