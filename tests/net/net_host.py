#!/usr/bin/env python3
"""tests/net/net_host.py TCP_PORT - the host side of the net group
(tests/net/check.sh): talks TCP to the guest's echo task (tests/net/net-echo.c
on the network task, netstack/) through QEMU's hostfwd 127.0.0.1:TCP_PORT ->
10.0.2.15:7, then takes the guest's own connections (net-test.c) on a
listener of its own, which the guest reaches as 10.0.2.2:PORT.

Checks, one line each ("ok: ..." or "FAILED: ..."):
  1. the echo answers (retried while the guest boots, up to 120 s);
  2. 4 connections at once, 30 messages each of 1..3000 bytes interleaved,
     each echoed exactly;
  3. 256 KiB each way on one connection (sent by a thread while the main
     one reads back), checked byte for byte; and 2 such at once;
  4. a connection reset (SO_LINGER 0) after sending 64 KiB without
     reading; then a new connection still echoes;
  5. "quitPORT" stops the echo task; the guest connects to PORT: it sends
     drop-test and still-open, then drops its capabilities without
     closing: the connection must be closed within 5 s;
  6. the guest's connection after the network task's restart: it sends
     after-restart, gets "ok after-restart".
Binds only to 127.0.0.1; every wait is bounded. Exit 0 iff every check
passed."""
import os
import socket
import struct
import sys
import threading
import time

port = int(sys.argv[1])
fails = 0


def check(name, good):
    global fails
    print(("ok: " if good else "FAILED: ") + name, flush=True)
    if not good:
        fails += 1
    return good


def recv_exact(s, n, timeout=10.0):
    s.settimeout(timeout)
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def connect():
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def first_echo():
    end = time.time() + 120
    while time.time() < end:
        try:
            s = connect()
            s.sendall(b"hello")
            if recv_exact(s, 5, 2.0) == b"hello":
                s.close()
                return True
            s.close()
        except OSError:
            pass
        time.sleep(0.5)
    return False


def interleaved(nconn=4, rounds=30):
    socks = [connect() for _ in range(nconn)]
    good = True
    for r in range(rounds):
        for i, s in enumerate(socks):
            n = 1 + (r * 97 + i * 531) % 3000
            msg = bytes((r + i + k) & 255 for k in range(n))
            s.sendall(msg)
            good &= recv_exact(s, n) == msg
    for s in socks:
        s.close()
    return good


def large(size=256 * 1024, result=None):
    data = os.urandom(size)
    s = connect()
    t = threading.Thread(target=s.sendall, args=(data,))
    t0 = time.time()
    t.start()
    back = recv_exact(s, size, 60.0)
    t.join(60)
    dt = time.time() - t0
    s.close()
    good = back == data
    if result is not None:
        result.append(good)
    return good, dt


def reset_mid_transfer():
    s = connect()
    s.sendall(os.urandom(64 * 1024))
    time.sleep(0.2)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
    time.sleep(0.5)
    s = connect()
    s.sendall(b"after reset")
    good = recv_exact(s, 11) == b"after reset"
    s.close()
    return good


def read_until(s, want, timeout):
    s.settimeout(timeout)
    data = b""
    end = time.time() + timeout
    while not data.endswith(want) and time.time() < end:
        chunk = s.recv(256)
        if not chunk:
            break
        data += chunk
    return data


def closed_within(s, timeout):
    """True if the peer closes (EOF or reset) within timeout seconds."""
    s.settimeout(timeout)
    try:
        return s.recv(256) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


check("the guest's echo answered (tcp 127.0.0.1:%d -> 10.0.2.15:7)" % port, first_echo()) or sys.exit(1)
check("4 connections at once, 30 messages each, echoed exactly", interleaved())
good, dt = large()
check("256 KiB each way on one connection, byte for byte (%.2f s, %.0f KiB/s)" % (dt, 256 / dt), good)
res = []
ts = [threading.Thread(target=large, args=(256 * 1024, res)) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join(120)
check("2 connections of 256 KiB each way at once", res == [True, True])
check("a connection reset mid-transfer, then a new one echoes", reset_mid_transfer())

lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
lst.bind(("127.0.0.1", 0))
lst.listen(4)
lst.settimeout(30)
q = connect()
q.sendall(b"quit%d" % lst.getsockname()[1])
q.close()
try:
    a, _ = lst.accept()
    got = read_until(a, b"still-open\n", 10)
    check("the guest connected out (10.0.2.2) and sent through its connection and a copy",
          got == b"drop-test\nstill-open\n")
    check("the guest dropped its last connection capability: the connection closed",
          closed_within(a, 5))
    a.close()
except OSError as e:
    check("the guest's first connection out (%s)" % e, False)
try:
    b, _ = lst.accept()
    got = read_until(b, b"\n", 10)
    b.sendall(b"ok " + got)
    check("the guest's connection through the restarted network task", got == b"after-restart\n")
    closed_within(b, 5)
    b.close()
except OSError as e:
    check("the guest's connection after the restart (%s)" % e, False)
sys.exit(1 if fails else 0)
