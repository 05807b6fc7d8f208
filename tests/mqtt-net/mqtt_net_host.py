#!/usr/bin/python3
"""tests/mqtt-net/mqtt_net_host.py PORT TLS_PORT LOG CONSOLE CAFILE CHURN -
the host side of suite mqtt-net-ARCH (tests/mqtt-net/check.sh): real MQTT
clients (mosquitto_pub/sub, paho) against the broker task in QEMU
(mqttnet/: TCP through the network task, TLS through tlsterm), through
QEMU's forwards 127.0.0.1:PORT -> 1883 and 127.0.0.1:TLS_PORT -> 8883.
CONSOLE is the FIFO feeding the guest's serial line: mqtt-net reads `stats`
(its answer is read back from LOG, the serial log) and `stop`.

A canary client connected from the start must still get a message after
every test. One line per check ("ok: ..." / "FAILED: ..."); exit 0 iff all
passed. Binds only to 127.0.0.1; every wait is bounded."""
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time

import paho.mqtt.client as mqtt

PORT, TLS_PORT = int(sys.argv[1]), int(sys.argv[2])
LOG, CONSOLE, CAFILE, CHURN = sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
fails = 0


def check(name, good, detail=""):
    global fails
    print(("ok: " if good else "FAILED: ") + name + ("" if good or not detail else " (%s)" % detail),
          flush=True)
    if not good:
        fails += 1
    return good


class Client:
    """A paho client whose received messages are kept in a list."""

    def __init__(self, cid="", clean=True, will=None, port=None):
        self.msgs, self.lock = [], threading.Lock()
        self.connected = threading.Event()
        self.c = mqtt.Client(client_id=cid, clean_session=clean)
        if will:
            self.c.will_set(*will)
        self.c.on_message = self._on_message
        self.c.on_connect = lambda c, u, f, rc: rc == 0 and self.connected.set()
        self.c.connect("127.0.0.1", port or PORT, keepalive=60)
        self.c.loop_start()
        if not self.connected.wait(20):
            raise OSError("no CONNACK")

    def _on_message(self, c, u, m):
        with self.lock:
            self.msgs.append((m.topic, m.payload, m.qos, m.retain))

    def sub(self, topic, qos=0):
        ev = threading.Event()
        self.c.on_subscribe = lambda c, u, mid, granted: ev.set()
        self.c.subscribe(topic, qos)
        return ev.wait(20)

    def wait_for(self, pred, timeout=20):
        end = time.time() + timeout
        while time.time() < end:
            with self.lock:
                got = [m for m in self.msgs if pred(m)]
            if got:
                return got
            time.sleep(0.05)
        return []

    def close(self, clean=True):
        if clean:
            ev = threading.Event()
            self.c.on_disconnect = lambda c, u, rc: ev.set()
            self.c.disconnect()
            ev.wait(10)         # DISCONNECT sent and the socket closed
        else:
            self.c.socket().close()     # no DISCONNECT: the will goes out
        self.c.loop_stop()


def mosq(*args, timeout=30):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout)


def wait_broker():
    end = time.time() + 180
    while time.time() < end:
        try:
            s = socket.create_connection(("127.0.0.1", PORT), timeout=3)
            s.sendall(bytes([0x10, 12, 0, 4]) + b"MQTT" + bytes([4, 2, 0, 10, 0, 0]))
            s.settimeout(5)
            if s.recv(4)[:1] == b"\x20":
                s.close()
                return True
            s.close()
        except OSError:
            pass
        time.sleep(1)
    return False


canary = None
canary_n = 0


def canary_ok(after):
    global canary_n
    canary_n += 1
    body = b"alive %d" % canary_n
    mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(PORT), "-t", "canary/x", "-m", body, "-q", "1")
    check("after %s: the canary still gets a message" % after,
          bool(canary.wait_for(lambda m: m[1] == body, 20)))


def stats():
    """Types `stats` on the guest's console; the two answer lines, parsed."""
    with open(LOG, "rb") as f:
        start = len(f.read())
    with open(CONSOLE, "w") as f:
        f.write("stats\n")
    end = time.time() + 20
    while time.time() < end:
        with open(LOG, "rb") as f:
            text = f.read()[start:].decode("latin-1")
        b = re.search(r"mqtt-net: broker stats (.*)\r?\n", text)
        n = re.search(r"mqtt-net: netstack (conns=.*)\r?\n", text)
        if b and n:
            kv = lambda s: dict(x.split("=") for x in s.split())
            return kv(b.group(1)), kv(n.group(1))
        time.sleep(0.2)
    return None, None


def qos_levels():
    for q in (0, 1, 2):
        t = "q/%d" % q
        p = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(PORT), "-t", t, "-q",
                              str(q), "-C", "1", "-W", "30", "-v"], stdout=subprocess.PIPE, text=True)
        time.sleep(1.5)
        mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(PORT), "-t", t, "-m", "qos%d" % q, "-q", str(q))
        out = p.communicate(timeout=40)[0]
        check("mosquitto_pub -> mosquitto_sub at QoS %d" % q, out.strip() == "%s qos%d" % (t, q), out)


def retained():
    mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(PORT), "-t", "ret/a", "-m", "kept", "-r", "-q", "1")
    r = mosq("mosquitto_sub", "-h", "127.0.0.1", "-p", str(PORT), "-t", "ret/#", "-C", "1", "-W", "20", "-v")
    check("a retained message reaches a later subscriber", r.stdout.strip() == "ret/a kept", r.stdout)
    mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(PORT), "-t", "ret/a", "-n", "-r")


def will():
    w = Client()
    w.sub("will/#", 1)
    a = Client("will-a", will=("will/a", b"gone", 1, False))
    a.close(clean=False)
    check("a client lost without DISCONNECT: its will is published",
          bool(w.wait_for(lambda m: m[0] == "will/a" and m[1] == b"gone", 20)))
    b = Client("will-b", will=("will/b", b"no", 1, False))
    b.close(clean=True)
    time.sleep(1.5)
    check("DISCONNECT drops the will", not w.wait_for(lambda m: m[0] == "will/b", 0.1))
    w.close()


def persistent():
    a = Client("persist-1", clean=False)
    a.sub("persist/t", 1)
    a.close()
    mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(PORT), "-t", "persist/t", "-m", "while away", "-q", "1")
    mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(PORT), "-t", "persist/t", "-m", "exactly once", "-q", "2")
    a = Client("persist-1", clean=False)
    got = a.wait_for(lambda m: m[1] == b"exactly once", 20)
    time.sleep(1)
    with a.lock:
        bodies = [m[1] for m in a.msgs]
    check("a persistent session (clean session 0) gets what came while it was away, once each",
          bool(got) and bodies.count(b"while away") == 1 and bodies.count(b"exactly once") == 1, bodies)
    a.close()
    Client("persist-1", clean=True).close()     # drop the session


def wildcards():
    a = Client()
    a.sub("w/+/x", 0)
    a.sub("w/#", 1)
    b = Client()
    b.sub("#", 0)
    for t in ("w/a/x", "w/a/y", "$jericho/x"):
        mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(PORT), "-t", t, "-m", t, "-q", "1")
    a.wait_for(lambda m: m[0] == "w/a/y", 20)
    time.sleep(1)
    with a.lock:
        ta = sorted((m[0], m[2]) for m in a.msgs)
    with b.lock:
        tb = [m[0] for m in b.msgs]
    check("wildcards: w/+/x and w/# get w/a/x once (at the higher QoS), w/# gets w/a/y",
          ta == [("w/a/x", 1), ("w/a/y", 1)], ta)
    check("a $-topic is not matched by #", "$jericho/x" not in tb and "w/a/x" in tb, tb)
    a.close()
    b.close()


def in_system():
    a = Client()
    a.sub("guest/#", 1)
    got = a.wait_for(lambda m: m[0] == "guest/status" and m[1] == b"echo up" and m[3], 10)
    check("the in-system client's retained guest/status reaches a host subscriber", bool(got))
    mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(PORT), "-t", "host/ping", "-m", "ping 42", "-q", "1")
    got = a.wait_for(lambda m: m[0] == "guest/ping" and m[1] == b"ping 42", 20)
    check("a host publish reaches the in-system wasm client (IPC), whose answer reaches a host "
          "subscriber (TCP)", bool(got))
    a.close()


def malformed():
    cases = [
        bytes([0x10, 12, 0, 4]) + b"MQTX" + bytes([4, 2, 0, 10, 0, 0]),   # wrong protocol name
        bytes([0xF0, 0]),                                                  # reserved type 15
        bytes([0x30, 0xff, 0xff, 0xff, 0xff, 0x7f]),                       # remaining length over 4 bytes
        bytes([0x10, 12, 0, 4]) + b"MQTT" + bytes([4, 3, 0, 10, 0, 0]),   # reserved flag set
        bytes([0x10, 12, 0, 4]) + b"MQTT" + bytes([4, 2, 0, 10, 0, 0]) + bytes([0x82, 3, 0, 1, 0]),
    ]
    closed = 0
    for data in cases:
        s = socket.create_connection(("127.0.0.1", PORT), timeout=5)
        s.sendall(data)
        s.settimeout(10)
        try:
            while s.recv(256):
                pass
            closed += 1
        except ConnectionResetError:
            closed += 1
        except socket.timeout:
            pass
        s.close()
    check("%d malformed packets: each connection closed by the broker" % len(cases),
          closed == len(cases), "%d closed" % closed)


def churn(n):
    """n connections opened and dropped: a third CONNECT and DISCONNECT, a
    third CONNECT then close, a third a reset after half a packet."""
    t0 = time.time()
    good = 0
    for i in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
            s.settimeout(10)
            cid = b"churn%d" % i
            con = bytes([0x10, 12 + len(cid), 0, 4]) + b"MQTT" + bytes([4, 2, 0, 0, 0, len(cid)]) + cid
            if i % 3 == 2:
                s.sendall(con[:7])
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                good += 1
            else:
                s.sendall(con)
                ok = s.recv(4) == b"\x20\x02\x00\x00"
                if i % 3 == 0:
                    s.sendall(b"\xe0\x00")
                good += ok
            s.close()
        except OSError:
            pass
    return good, time.time() - t0


def concurrent(k):
    """k paho clients connected at once (with the canary: k + 1 TCP
    connections through QEMU's forward, the network task and the broker):
    each subscribes to its own topic and to many/all, publishes at QoS 1 to
    its neighbour's topic and must get its other neighbour's message; then
    one publish to many/all reaches every one of them."""
    cs = []
    t0 = time.time()
    try:
        for i in range(k):
            c = Client("many-%d" % i)
            cs.append(c)
            if not (c.sub("many/%d" % i, 1) and c.sub("many/all", 1)):
                raise OSError("no SUBACK for client %d" % i)
    except OSError as e:
        check("%d clients at once: connected %d (%s)" % (k, len(cs), e), False)
    check("%d clients connected and subscribed at once (%.1f s)" % (k, time.time() - t0),
          len(cs) == k)
    n = len(cs)
    left = lambda end: max(0.1, end - time.time())    # one deadline for all of them
    for i, c in enumerate(cs):
        c.c.publish("many/%d" % ((i + 1) % n), b"from %d" % i, 1)
    end = time.time() + 120
    got = sum(1 for i, c in enumerate(cs)
              if c.wait_for(lambda m, i=i: m[1] == b"from %d" % ((i - 1) % n), left(end)))
    check("each of the %d clients publishes to its neighbour's topic and gets the other "
          "neighbour's message" % k, n == k and got == k, "%d of %d" % (got, n))
    mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(PORT), "-t", "many/all", "-m", "to all", "-q", "1")
    end = time.time() + 120
    got = sum(1 for c in cs if c.wait_for(lambda m: m[1] == b"to all", left(end)))
    check("a publish to many/all reaches each of the %d clients" % k,
          n == k and got == k, "%d of %d" % (got, n))
    for c in cs:
        c.close()


def tls():
    p = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(TLS_PORT), "--cafile", CAFILE,
                          "-t", "tls/#", "-C", "2", "-W", "240", "-v", "-d"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    lines = []      # -d: its SUBACK line says it is subscribed (the TLS handshake can take seconds)
    reader = threading.Thread(target=lambda: lines.extend(p.stdout), daemon=True)
    reader.start()
    end = time.time() + 120
    while time.time() < end and not any("SUBACK" in x for x in lines) and p.poll() is None:
        time.sleep(0.1)
    mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(PORT), "-t", "tls/plain", "-m", "over tcp", "-q", "1")
    r = mosq("mosquitto_pub", "-h", "127.0.0.1", "-p", str(TLS_PORT), "--cafile", CAFILE, "-t", "tls/tls",
             "-m", "over tls", "-q", "2", timeout=120)
    p.wait(timeout=250)
    reader.join(10)
    err = p.stderr.read()
    out = [x.rstrip("\n") for x in lines if x.startswith("tls/")]
    check("TLS: mosquitto_sub --cafile -p 8883 gets a plain TCP publish and a TLS QoS 2 publish",
          out == ["tls/plain over tcp", "tls/tls over tls"], "".join(lines[-5:]) + err + r.stderr)


def roundtrip(n=50):
    """QoS 1 publish round trips: a paho client subscribed to its own topic
    publishes a 64-byte payload and waits for it to come back (host wall
    time under TCG: the guest's network task, broker and QEMU's user
    network all in it)."""
    a = Client("rtt")
    a.sub("rtt/t", 1)
    got = threading.Event()
    a.c.on_message = lambda c, u, m: got.set()
    times = []
    for i in range(n):
        got.clear()
        t0 = time.time()
        a.c.publish("rtt/t", (b"%06d" % i) + b"x" * 58, 1)
        if got.wait(10):
            times.append((time.time() - t0) * 1000)
    a.close()
    times.sort()
    check("%d QoS 1 round trips of 64 bytes through the broker: median %.1f ms, 90%% %.1f ms "
          "(host wall time)" % (n, times[len(times) // 2] if times else -1,
                                times[len(times) * 9 // 10] if times else -1), len(times) == n)


def main():
    global canary
    if not check("the broker answers CONNECT on 127.0.0.1:%d (-> 1883)" % PORT, wait_broker()):
        return
    canary = Client("canary")
    canary.sub("canary/#", 1)
    time.sleep(2)       # nothing in flight: the counters at rest
    base_b, base_n = stats()
    check("stats at start (broker and network task)", base_b is not None, "no stats line")
    for name, fn in (("QoS 0/1/2", qos_levels), ("retained", retained), ("wills", will),
                     ("persistent sessions", persistent), ("wildcards", wildcards),
                     ("the in-system client", in_system), ("TLS", tls),
                     ("round trips", roundtrip),
                     ("malformed packets", malformed)):
        try:
            fn()
        except Exception as e:      # a test that throws is a failure, the rest still run
            check("%s: %r" % (name, e), False)
        canary_ok(name)
    good, dt = churn(CHURN)
    check("%d connections opened and dropped (%.1f s, %.1f per s)" % (CHURN, dt, CHURN / dt),
          good == CHURN, "%d completed" % good)
    canary_ok("the connections")
    counters_back("the connections", base_b, base_n)
    k = int(os.environ.get("MQTT_NET_CONCURRENT", "100"))
    try:
        concurrent(k)
    except Exception as e:
        check("concurrent clients: %r" % e, False)
    canary_ok("the concurrent clients")
    counters_back("the %d concurrent clients" % k, base_b, base_n)
    canary.close()


def counters_back(after, base_b, base_n):
    """The broker's and the network task's counters (`stats`) as they were
    at the start: nothing left of the connections just closed. Asked again
    (every 2 s, for at most 120 s) while closes are still on their way
    (the network task notices a dropped capability within 100 ms, TCP's
    FIN/ACK cross QEMU's user network: seconds for 100 under TCG)."""
    keys_b = ("conns", "sessions", "subs", "wills", "stored_msgs", "queued_bytes", "stored_bytes",
              "streams", "buffered")
    keys_n = ("conns", "free_slots", "lwip_heap", "tcp_segs", "pbufs")
    end = time.time() + 120
    while True:
        time.sleep(2)
        b, n = stats()
        same = base_b and b and all(b.get(k) == base_b.get(k) for k in keys_b) and \
            all(n.get(k) == base_n.get(k) for k in keys_n)
        if same or time.time() > end:
            break
    if not check("after %s: stats answered" % after, base_b is not None and b is not None):
        return
    diff = [k for k in keys_b if b.get(k) != base_b.get(k)]
    check("after %s: the broker's counters back to their start (%s)" % (after, " ".join(
          "%s=%s" % (k, b[k]) for k in keys_b)), not diff, "changed: %s" % diff)
    diff = [k for k in keys_n if n.get(k) != base_n.get(k)]
    check("after %s: the network task's counters back to their start (%s)" % (after, " ".join(
          "%s=%s" % (k, n[k]) for k in keys_n)), not diff,
          "changed: %s (start %s)" % (diff, base_n))


main()
with open(CONSOLE, "w") as f:
    f.write("stop\n")
sys.exit(1 if fails else 0)
