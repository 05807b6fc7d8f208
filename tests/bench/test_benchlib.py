#!/usr/bin/env python3
"""test_benchlib.py - host checks of the `make bench` tools on fixture
input (tests/bench/fixtures/): the [bench] line parser refuses every kind of
untrustworthy run, results records mark unreported rows "not measured yet"
and judge targets right, the table shows no figure that was not measured,
collect.py writes JSON or nothing, the Linux initramfs writer produces
a valid newc archive, and the network benchmark's tools (bench/net/) work:
the load generator against a stand-in broker and echo (and fails on a
corrupted delivery), the table's figures from a results record. Prints one line per check and the counts line; the
counts also go to build/test-results/bench-tools.txt through
tests/report.sh (called by tests/bench/suite.mk).
"""
import json
import os
import select
import socket
import subprocess
import sys
import tempfile
import threading
import traceback

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIX = os.path.join(ROOT, "tests", "bench", "fixtures")
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(ROOT, "bench", "kernel"))
sys.path.insert(0, os.path.join(ROOT, "bench", "linux"))
sys.path.insert(0, os.path.join(ROOT, "bench", "net"))
import benchlib  # noqa: E402
import mkinitramfs  # noqa: E402
import nettable  # noqa: E402

CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def fixture(name):
    with open(os.path.join(FIX, name)) as f:
        return f.read()


def expect_error(name, words):
    try:
        benchlib.parse_log(fixture(name))
    except benchlib.BenchError as e:
        assert words in str(e), "error %r lacks %r" % (str(e), words)
        return
    raise AssertionError("%s was accepted" % name)


def jericho_record():
    return benchlib.make_record("jericho", "x86_64",
                                benchlib.parse_log(fixture("jericho-x86_64.log")),
                                benchlib.parse_log(fixture("jericho-x86_64-plain.log")),
                                {"image": 201128, "image_text": 192512}, {"commit": "abc"})


def linux_record():
    return benchlib.make_record("linux", "x86_64",
                                benchlib.parse_log(fixture("linux-x86_64.log")), None,
                                {"image": 8247232}, {})


@check
def parse_serial_output():
    run = benchlib.parse_log(fixture("jericho-x86_64.log"))
    assert run["system"] == "jericho" and run["arch"] == "x86_64", run
    assert run["counter_hz"] == 1000000000
    assert run["figures"]["ctx_switch_hal"] == (23.0, "ns")
    assert run["figures"]["ipc_rtt_wasm"] == (1500.5, "ns")
    assert run["figures"]["demo_widgets"] == (1234.0, "count")
    assert run["figures"]["interp_fib"] == (10416541.0, "ns")
    assert len(run["figures"]) == 9


@check
def parse_linux_output():
    run = benchlib.parse_log(fixture("linux-x86_64.log"))
    assert run["system"] == "linux"
    assert run["figures"]["getpid"] == (321.2, "ns")


@check
def ignore_bench_text_inside_other_lines():
    # A wasm task's output is printed as "[NAME] text": a task that prints
    # "[bench] ..." must not be able to forge a figure.
    text = fixture("jericho-x86_64.log").replace(
        "[bench] done:", "[evil] [bench] yield_switch 1 ns\r\n[bench] done:")
    run = benchlib.parse_log(text)
    assert "yield_switch" not in run["figures"], run["figures"]


@check
def refuse_truncated():
    expect_error("truncated.log", "no done line")


@check
def refuse_count_mismatch():
    expect_error("count-mismatch.log", "2 reported, 1 seen")


@check
def refuse_guest_error():
    expect_error("guest-error.log", "out of memory")


@check
def refuse_malformed():
    expect_error("malformed.log", "malformed line")


@check
def refuse_duplicate():
    expect_error("duplicate.log", "reported twice")


@check
def refuse_line_after_done():
    expect_error("after-done.log", "line after done")


@check
def refuse_no_begin():
    expect_error("no-begin.log", "before begin")


@check
def refuse_bad_unit():
    expect_error("bad-unit.log", "malformed line")


@check
def refuse_empty():
    try:
        benchlib.parse_log("")
    except benchlib.BenchError as e:
        assert "no begin line" in str(e)
        return
    raise AssertionError("empty output accepted")


@check
def record_measured_and_not():
    rec = jericho_record()
    rows = rec["rows"]
    assert rows["null_syscall"]["value"] == 40.0
    assert rows["null_syscall"]["unit"] == "instructions"
    assert rows["null_syscall"]["wall_ns"] == 300.0
    assert rows["ctx_switch"]["value"] is None
    assert rows["ctx_switch"]["status"] == benchlib.NOT_MEASURED
    assert rows["ctx_switch"]["met"] is None
    assert rows["image_bss"]["value"] is None          # no size given
    assert "boot_reset_init" not in rows               # a Linux-only row
    assert rec["commit"] == "abc"
    assert rec["extra"] == {"demo_widgets": {"value": 1234.0, "unit": "count"}}
    assert rows["interp_fib"]["value"] == 10416541.0 and rows["interp_fib"]["wall_ns"] == 52e6
    assert rows["interp_crc32"]["wall_ns"] is None      # not in the plain run
    assert rows["interp_sieve"]["status"] == benchlib.NOT_MEASURED
    assert set(rows) <= set(benchlib.ROW_KEYS)


@check
def record_targets():
    rows = jericho_record()["rows"]
    assert rows["null_syscall"]["met"] is True          # 40 <= 50
    assert rows["ipc_rtt_wasm"]["met"] is False         # 1500.5 > 1000
    assert rows["ipc_oneway"]["met"] is True            # 1e9 / 80 = 12.5M >= 12M
    assert rows["ipc_oneway"]["per_second_derived"] == 12500000
    assert "per_second" not in rows["ipc_oneway"]     # no rate is measured
    assert rows["image"]["met"] is True                 # 201128 <= 262144
    assert rows["boot_firmware"]["met"] is None         # no target


@check
def target_edges():
    msg = (">=", 12e6)
    assert benchlib._met("msg", msg, 1e9 / 12e6) is True
    assert benchlib._met("msg", msg, 84) is False       # 11.9M/s
    assert benchlib._met("time", ("<=", 50), 50) is True
    assert benchlib._met("time", ("<=", 50), 50.1) is False
    assert benchlib._met("size", ("<=", 262144), 262145) is False


@check
def record_refuses_wrong_run():
    run = benchlib.parse_log(fixture("linux-x86_64.log"))
    try:
        benchlib.make_record("jericho", "x86_64", run, None, {}, {})
    except benchlib.BenchError:
        return
    raise AssertionError("a Linux run was taken for JerichoOS")


@check
def table_never_invents():
    text = benchlib.table({"x86_64": jericho_record(), "linux-x86_64": linux_record()})
    runs = [l for l in text.splitlines() if l.startswith("Runs: ")]
    assert len(runs) == 1 and "x86_64: abc," in runs[0], runs
    body = text.splitlines()
    body = body[[i for i, l in enumerate(body) if l.startswith("metric")][0] + 2:]
    lines = {l.split("  ")[0].strip(): l for l in body}
    ctx = lines["context switch (yield ping-pong)"]
    assert benchlib.NOT_MEASURED in ctx and "2,071.4" in ctx, ctx
    assert ctx.rstrip().endswith("not yet"), ctx
    assert "(no run)" in lines["null system call from wasm"]      # no arm64 results
    # ratio = JerichoOS / Linux: 40 / 321.2 = 0.12
    assert " 0.12 " in lines["null system call from wasm"], lines["null system call from wasm"]
    assert lines["IPC round trip, wasm tasks"].rstrip().endswith("no")
    assert "demo_widgets (extra)" in lines
    fib = [l for l in text.splitlines() if l.strip().startswith("fib, per run")]
    assert len(fib) == 1 and "10.42M" in fib[0], fib


@check
def honest_labels():
    # A msg/s figure is 1e9 / instructions: derived, and said so next to it.
    text = benchlib.table({"x86_64": jericho_record(), "linux-x86_64": linux_record()})
    oneway = [l for l in text.splitlines() if l.startswith("one-way IPC, per message")]
    assert len(oneway) == 1 and "(derived: 12.50M msg/s)" in oneway[0], oneway
    assert "msg/s figures are derived" in text
    # A frame row is elapsed guest time per frame: its rate is measured
    # (1e9 / 500,000 ns), never labelled derived, and not a msg/s figure.
    rec = jericho_record()["rows"]["net_frame_guest"]
    assert rec["frames_per_second"] == 2000 and "per_second_derived" not in rec, rec
    frames = [l for l in text.splitlines() if l.startswith("virtio-net: guest ns per frame")]
    assert len(frames) == 1 and "500,000 (2,000 frames/s)" in frames[0], frames
    assert "derived" not in frames[0], frames
    # The Linux columns are real ring transitions, the wasm rows host calls.
    assert "ring transition" in text and "kernel mode" in text
    # No "boot to all demos done" row: the demos' sleeps made most of it.
    assert "boot_demos_done" not in benchlib.ROW_KEYS
    assert "all demos done" not in text


@check
def table_markdown():
    md = benchlib.table({"x86_64": jericho_record()}, markdown=True)
    rows = [l for l in md.splitlines() if l.startswith("|")]
    assert rows[0].startswith("| metric |") and rows[1].startswith("|---|")
    assert all(r.count("|") == rows[0].count("|") for r in rows), md
    assert "| 40 |" in md


@check
def met_needs_every_arch():
    a = jericho_record()
    b = json.loads(json.dumps(a))
    b["arch"] = "arm64"
    b["rows"]["null_syscall"].update(value=60.0, met=False)
    text = benchlib.table({"x86_64": a, "arm64": b})
    line = [l for l in text.splitlines() if l.startswith("null system call")][0]
    assert line.rstrip().endswith("no"), line


HOST = {"date": "d", "commit": "c", "measure": "m", "programs": [
    {"program": "fib", "jwasm": 12360751.0, "native": 1214003.0},
    {"program": "sieve", "error": "jwasm printed 'x'"}]}


@check
def interp_table_host_and_kernel():
    text = benchlib.interp_table({"x86_64": jericho_record()}, HOST)
    lines = {l.split()[0]: l for l in text.splitlines()[4:]}
    assert list(lines) == [p for p, _ in benchlib.INTERP_PROGS], lines
    # kernel 10,416,541 / jwasm 12,360,751 = 0.84; jwasm / native = 10.2
    assert lines["fib"].split()[1:] == ["10.42M", "-", "12.36M", "1.21M", "0.84", "10.2"], lines["fib"]
    assert lines["sieve"].split()[1:] == ["-"] * 6, lines["sieve"]           # an error: no figure
    assert lines["crc32"].split()[1:] == ["3.96M"] + ["-"] * 5, lines["crc32"]
    assert "Host: m; c, d." in text.splitlines()[0]
    skipped = benchlib.interp_table({}, {"skipped": "valgrind is not installed", "programs": []})
    assert "valgrind is not installed" in skipped and "M" not in skipped.split("\n", 1)[1]
    assert "no bench/results/interp-host.json" in benchlib.interp_table({}, None)
    md = benchlib.interp_table({"x86_64": jericho_record()}, HOST, markdown=True)
    assert "| fib | 10.42M | - | 12.36M | 1.21M | 0.84 | 10.2 |" in md, md


@check
def cachegrind_counts():
    err = "==4711== Cachegrind, a cache and branch-prediction profiler\n==4711== \n" \
          "==4711== I   refs:      157,451,066\n"
    assert benchlib.cachegrind_irefs(err) == 157451066
    for bad in ("", err + err, "==1== I   refs: 12k\n"):
        try:
            benchlib.cachegrind_irefs(bad)
        except benchlib.BenchError:
            continue
        raise AssertionError("accepted %r" % bad)
    assert benchlib.per_iteration(157451066, 6619493, 100) == 1508315.7
    for args in ((100, 100, 1), (100, 200, 1), (200, 100, 0)):
        try:
            benchlib.per_iteration(*args)
        except benchlib.BenchError:
            continue
        raise AssertionError("per_iteration%r accepted" % (args,))


@check
def progs_file():
    progs = benchlib.read_progs(os.path.join(ROOT, "bench", "kernel", "wasm", "progs.txt"))
    assert [p for p, _, _ in progs] == [p for p, _ in benchlib.INTERP_PROGS], progs
    assert all(i > 0 and a for _, i, a in progs)
    with tempfile.TemporaryDirectory() as d:
        bad = os.path.join(d, "progs.txt")
        for text in ("fib 0 24\n", "fib 1\n", "fib 1 -3\n"):
            open(bad, "w").write("# c\n" + text)
            try:
                benchlib.read_progs(bad)
            except benchlib.BenchError as e:
                assert "progs.txt:2" in str(e), e
                continue
            raise AssertionError("read_progs accepted %r" % text)


def collect(args):
    return subprocess.run([sys.executable, os.path.join(ROOT, "bench", "kernel", "collect.py")] + args,
                          capture_output=True, text=True)


@check
def collect_writes_json():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "x86_64.json")
        r = collect(["--system", "jericho", "--arch", "x86_64",
                     "--icount", os.path.join(FIX, "jericho-x86_64.log"),
                     "--plain", os.path.join(FIX, "jericho-x86_64-plain.log"),
                     "--size", "image=201128", "--meta", "commit=abc", "--out", out])
        assert r.returncode == 0, r.stderr
        rec = json.load(open(out))
        assert rec["rows"]["ctx_switch_hal"]["value"] == 23.0
        assert rec["rows"]["ctx_switch_hal"]["wall_ns"] == 551.7
        t = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "kernel", "table.py"), "--wall", d],
                           capture_output=True, text=True)
        assert t.returncode == 0 and "bare arch_context_switch" in t.stdout, t.stderr


@check
def collect_refuses_bad_run():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "arm64.json")
        r = collect(["--system", "jericho", "--arch", "arm64",
                     "--icount", os.path.join(FIX, "truncated.log"), "--out", out])
        assert r.returncode == 1 and "no done line" in r.stderr, (r.returncode, r.stderr)
        assert not os.path.exists(out)
        r = collect(["--system", "jericho", "--arch", "x86_64",
                     "--icount", os.path.join(FIX, "jericho-x86_64.log"),
                     "--size", "image=12k", "--out", out])
        assert r.returncode == 1 and "byte count" in r.stderr, r.stderr


@check
def collect_survives_bad_plain_run():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "x86_64.json")
        r = collect(["--system", "jericho", "--arch", "x86_64",
                     "--icount", os.path.join(FIX, "jericho-x86_64.log"),
                     "--plain", os.path.join(FIX, "truncated.log"), "--out", out])
        assert r.returncode == 0 and "no wall times" in r.stderr, r.stderr
        assert json.load(open(out))["rows"]["null_syscall"]["wall_ns"] is None


def read_newc(blob):
    """name -> (mode, rdevmajor, rdevminor, data) of a newc archive."""
    out, off = {}, 0
    while True:
        assert blob[off:off + 6] == b"070701", "bad magic at %d" % off
        f = [int(blob[off + 6 + 8 * i: off + 14 + 8 * i], 16) for i in range(13)]
        namesize, filesize = f[11], f[6]
        name = blob[off + 110: off + 110 + namesize - 1].decode()
        off += 110 + namesize
        off += -off % 4
        data = blob[off: off + filesize]
        off += filesize
        off += -off % 4
        if name == "TRAILER!!!":
            assert len(blob) % 512 == 0
            return out
        out[name] = (f[1], f[9], f[10], data)


@check
def initramfs_layout():
    init = b"\x7fELF" + bytes(range(256)) * 3 + b"x"     # odd length: padding
    arc = read_newc(mkinitramfs.build(init))
    assert set(arc) == {"dev", "dev/console", "dev/null", "init"}, arc.keys()
    assert arc["dev"][0] == 0o040755
    assert arc["dev/console"][:3] == (0o020600, 5, 1)
    assert arc["dev/null"][:3] == (0o020666, 1, 3)
    assert arc["init"][0] == 0o100755 and arc["init"][3] == init


@check
def initramfs_refuses_non_elf():
    with tempfile.TemporaryDirectory() as d:
        src, out = os.path.join(d, "init"), os.path.join(d, "out.cpio")
        open(src, "wb").write(b"#!/bin/sh\n")
        r = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "linux", "mkinitramfs.py"), src, out],
                           capture_output=True, text=True)
        assert r.returncode == 1 and "not an ELF" in r.stderr and not os.path.exists(out)


@check
def linux_init_compiles():
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run(["gcc", "-O2", "-Wall", "-Wextra", "-Werror", "-c", "-o",
                            os.path.join(d, "init.o"), os.path.join(ROOT, "bench", "linux", "init.c")],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr


@check
def initramfs_extra_files():
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, "a"), os.path.join(d, "b")
        open(a, "wb").write(b"one")
        open(b, "wb").write(b"two!!")
        arc = read_newc(mkinitramfs.build(b"\x7fELF", [(a, "/usr/sbin/a"), (b, "usr/lib/x/b")]))
    assert set(arc) == {"dev", "dev/console", "dev/null", "init", "usr", "usr/sbin",
                        "usr/sbin/a", "usr/lib", "usr/lib/x", "usr/lib/x/b"}, arc.keys()
    assert arc["usr/lib"][0] == 0o040755 and arc["usr/lib/x/b"][3] == b"two!!"


@check
def net_linux_init_compiles():
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run(["gcc", "-O2", "-Wall", "-Wextra", "-Werror", "-c", "-o",
                            os.path.join(d, "init.o"), os.path.join(ROOT, "bench", "net", "linux-init.c")],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr


def _read_packet(conn, buf, wait=True):
    """One MQTT packet from conn (buffer buf): (first byte, body); None at
    the end of the stream, or (wait False) when none is buffered."""
    while True:
        if len(buf) >= 2:
            rl, i, shift = 0, 1, 0
            while i < len(buf):
                rl |= (buf[i] & 0x7f) << shift
                shift += 7
                i += 1
                if not buf[i - 1] & 0x80:
                    break
            else:
                i = None
            if i is not None and len(buf) >= i + rl:
                pkt = (buf[0], bytes(buf[i:i + rl]))
                del buf[:i + rl]
                return pkt
        if not wait:
            return None
        data = conn.recv(65536)
        if not data:
            return None
        buf.extend(data)


def _fake_broker(lst, corrupt_at):
    try:
        _fake_broker_run(lst, corrupt_at)
    except OSError:     # the load generator gave up (the refusal check)
        pass


def _fake_broker_run(lst, corrupt_at):
    """A stand-in broker: the subscriber connects first, then the publisher;
    every PUBLISH is forwarded (the corrupt_at-th with a payload byte
    flipped), QoS 1 acknowledged."""
    sub, _ = lst.accept()
    bs = bytearray()
    _read_packet(sub, bs)
    sub.sendall(b"\x20\x02\x00\x00")
    _, body = _read_packet(sub, bs)
    sub.sendall(b"\x90\x03" + body[:2] + body[-1:])
    pub, _ = lst.accept()
    bp = bytearray()
    _read_packet(pub, bp)
    pub.sendall(b"\x20\x02\x00\x00")
    n = 0
    while True:
        r, _, _ = select.select([pub, sub], [], [], 30)
        if not r:
            return
        if sub in r:
            if _read_packet(sub, bs) is None:
                return
            continue
        p = _read_packet(pub, bp)
        if p is None:
            return
        while p is not None:
            first, body = p
            if first >> 4 == 3:
                if (first >> 1) & 3:
                    pub.sendall(b"\x40\x02" + body[2 + body[1]:4 + body[1]])
                n += 1
                if n == corrupt_at:
                    body = body[:-1] + bytes([body[-1] ^ 1])
                sub.sendall(bytes([first, len(body)]) + body)
            p = _read_packet(pub, bp, False)


def _loadgen(d):
    exe = os.path.join(d, "loadgen")
    r = subprocess.run(["gcc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-o", exe,
                        os.path.join(ROOT, "bench", "net", "loadgen.c")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return exe


def _listener():
    lst = socket.socket()
    lst.bind(("127.0.0.1", 0))
    lst.listen(4)
    return lst


def _run_fake(exe, qos, corrupt_at):
    lst = _listener()
    t = threading.Thread(target=_fake_broker, args=(lst, corrupt_at), daemon=True)
    t.start()
    r = subprocess.run([exe, "mqtt", str(lst.getsockname()[1]), str(qos), "50", "300", "8"],
                       capture_output=True, text=True, timeout=60)
    lst.close()
    return r


@check
def loadgen_mqtt_measures():
    with tempfile.TemporaryDirectory() as d:
        exe = _loadgen(d)
        for qos in (0, 1):
            r = _run_fake(exe, qos, 0)
            assert r.returncode == 0, r.stdout + r.stderr
            f = dict(kv.split("=") for kv in r.stdout.split()[1:])
            assert f["qos"] == str(qos) and f["n_rate"] == "300", f
            assert 0 < float(f["msgs_per_s"]) and 0 < float(f["lat_min_us"]) \
                <= float(f["lat_median_us"]) <= float(f["lat_p99_us"]), f


@check
def loadgen_refuses_corrupt_delivery():
    with tempfile.TemporaryDirectory() as d:
        exe = _loadgen(d)
        r = _run_fake(exe, 0, 100)
        assert r.returncode == 1 and "payload wrong" in r.stdout, r.stdout + r.stderr


@check
def loadgen_tcp_echo():
    def echo(lst):
        c, _ = lst.accept()
        while True:
            data = c.recv(65536)
            if not data:
                return
            c.sendall(data)
    with tempfile.TemporaryDirectory() as d:
        exe = _loadgen(d)
        lst = _listener()
        threading.Thread(target=echo, args=(lst,), daemon=True).start()
        r = subprocess.run([exe, "tcp", str(lst.getsockname()[1]), "300000"], capture_output=True,
                           text=True, timeout=60)
        lst.close()
        assert r.returncode == 0 and "bytes=300000 " in r.stdout, r.stdout + r.stderr


@check
def nettable_figures():
    cpu = {"clock": 9000, "netstack#4": 2220 * 10, "mqtt-netbroker#5": 2220 * 3,
           "virtio-net#8": 2220 * 2}
    j = {"system": "jericho", "arch": "x86_64", "meta": {"commit": "abc", "date": "d"},
         "icount": {"qos0": {"messages": 2220, "cpu_ns": cpu},
                    "tcp": {"bytes": 2048, "cpu_ns": {"clock": 1, "net-echo#7": 6, "netstack#4": 10}}},
         "plain": {"qos0": {"messages": 2220, "msgs_per_s": 100.0, "lat_median_us": 2000.0,
                            "lat_p99_us": 5000.0, "cpu_us": 2220.0}}}
    lx = {"system": "linux", "arch": "x86_64", "meta": {"kernel": "k", "mosquitto": "m", "date": "d"},
          "icount": {"qos0": {"messages": 2220, "cpu_ns": {"clock": 2220 * 50, "idle": 2220 * 20,
                                                          "mosquitto#81": 2220 * 25, "echo#80": 0}}},
          "plain": {"qos0": {"messages": 2220, "msgs_per_s": 400.0, "lat_median_us": 500.0,
                             "lat_p99_us": 900.0, "cpu_us": 4440.0}}}
    f = nettable.figures(j)
    assert f["qos0_all"] == 15 and f["qos0_net"] == 10 and f["qos0_broker"] == 3
    assert f["qos0_drv"] == 2 and f["qos0_rate"] == 100 and f["qos0_med"] == 2.0
    assert f["tcp_all"] == 8 and f["tcp_echo"] == 3 and f["lg_cpu"] == 1
    assert "qos1_all" not in f and "tcp_rate" not in f
    g = nettable.figures(lx)
    assert g["qos0_all"] == 30 and g["qos0_broker"] == 25 and "qos0_net" not in g
    with tempfile.TemporaryDirectory() as d:
        for name, rec in (("net-x86_64.json", j), ("net-linux-x86_64.json", lx)):
            json.dump(rec, open(os.path.join(d, name), "w"))
        t = nettable.table(d, True)
    row = [ln for ln in t.split("\n") if ln.startswith("| MQTT QoS 0")][0]
    assert row.split(" | ")[1:] == ["100", "400", "0.25 |"], row
    row = [ln for ln in t.split("\n") if ln.startswith("| QoS 1: guest")][0]
    assert row.split(" | ")[1:] == ["-", "-", "- |"], row


def main():
    passed = failed = 0
    for fn in CHECKS:
        try:
            fn()
            print("bench-tools: %s ... ok" % fn.__name__)
            passed += 1
        except Exception:
            print("bench-tools: %s ... FAILED" % fn.__name__)
            traceback.print_exc(file=sys.stdout)
            failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return passed, failed


if __name__ == "__main__":
    p, f = main()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as out:
            out.write("%d %d\n" % (p, f))
    sys.exit(1 if f else 0)
