#!/usr/bin/env python3
"""tests/drivers/udp_echo.py PORT [COUNT] - the host side of the drv-net
group (tests/drivers/drv-net-echo.c): sends UDP datagrams to
127.0.0.1:PORT, which QEMU's user network forwards to the guest's port 7
(make qemu NET=user), and checks that each comes back unchanged. Waits up
to 120 s for the first echo (the guest boots meanwhile), then sends COUNT
datagrams one at a time, then "quit". Prints 'udp_echo: N/COUNT echoed'
and exits 0 if all were. Binds only to 127.0.0.1; bounded in count and
time."""
import socket
import sys
import time

port = int(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
dst = ("127.0.0.1", port)


def exchange(payload, timeout, tries):
    for _ in range(tries):
        s.sendto(payload, dst)
        end = time.time() + timeout
        while time.time() < end:
            s.settimeout(max(0.01, end - time.time()))
            try:
                data, _ = s.recvfrom(2048)
            except socket.timeout:
                break
            except ConnectionRefusedError:
                time.sleep(timeout)
                break
            if data == payload:
                return True
    return False


if not exchange(b"hello", 0.25, 480):
    print("udp_echo: no echo from the guest in 120 s")
    sys.exit(1)
ok = 0
for i in range(count):
    payload = ("frame %d " % i).encode() + bytes(range(i, i + 64))
    if exchange(payload, 1.0, 3):
        ok += 1
quit_ok = exchange(b"quit", 1.0, 3)
print("udp_echo: %d/%d echoed, quit %s" % (ok, count, "echoed" if quit_ok else "lost"))
sys.exit(0 if ok == count else 1)
