# tests/mqtt-host/mqttraw.py - a raw MQTT 3.1.1 client over a socket, byte
# by byte, for the host broker's tests (test_mqtt_host.py): what paho and
# mosquitto_pub/sub cannot do on purpose (bad input, dropped connections at
# a chosen moment, acknowledgements held back, resets).
import socket
import struct
import time


def varint(n):
    out = bytearray()
    while True:
        d = n % 128
        n //= 128
        out.append(d | (128 if n else 0))
        if not n:
            return bytes(out)


def s(x):
    x = x.encode() if isinstance(x, str) else x
    return struct.pack(">H", len(x)) + x


def packet(byte0, body=b""):
    return bytes([byte0]) + varint(len(body)) + body


def connect_packet(cid, clean=True, keepalive=60, will=None, proto=b"MQTT", level=4):
    flags = 0x02 if clean else 0
    tail = b""
    if will:
        topic, msg, qos, retain = will
        flags |= 0x04 | (qos << 3) | (0x20 if retain else 0)
        tail = s(topic) + s(msg)
    return packet(0x10, s(proto) + bytes([level, flags]) + struct.pack(">H", keepalive) + s(cid) + tail)


def publish_packet(topic, payload=b"", qos=0, pid=0, retain=False, dup=False):
    payload = payload.encode() if isinstance(payload, str) else payload
    byte0 = 0x30 | (8 if dup else 0) | (qos << 1) | (1 if retain else 0)
    return packet(byte0, s(topic) + (struct.pack(">H", pid) if qos else b"") + payload)


def subscribe_packet(pid, filters):
    return packet(0x82, struct.pack(">H", pid) + b"".join(s(f) + bytes([q]) for f, q in filters))


class Closed(Exception):
    pass


class Raw:
    def __init__(self, port, timeout=5.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        self.sock.settimeout(left)
        try:
            d = self.sock.recv(65536)
        except socket.timeout:
            raise TimeoutError
        except (ConnectionResetError, BrokenPipeError):
            raise Closed
        if not d:
            raise Closed
        self.buf += d

    def read(self, timeout=5.0):
        """The next packet as (byte0, body); Closed if the broker closed."""
        deadline = time.monotonic() + timeout
        while True:
            if len(self.buf) >= 2:
                rl, mul, i = 0, 1, 1
                while i < len(self.buf) and i <= 4:
                    d = self.buf[i]
                    rl += (d & 127) * mul
                    mul *= 128
                    i += 1
                    if not d & 128:
                        if len(self.buf) >= i + rl:
                            p = (self.buf[0], self.buf[i:i + rl])
                            self.buf = self.buf[i + rl:]
                            return p
                        break
            self._fill(deadline)

    def none_within(self, t):
        """True if no packet comes within t seconds (and the socket stays open)."""
        try:
            self.read(t)
            return False
        except TimeoutError:
            return True

    def closed_within(self, t):
        """True if the broker closes the connection within t seconds (packets before are skipped)."""
        deadline = time.monotonic() + t
        try:
            while True:
                self.read(max(0.01, deadline - time.monotonic()))
        except Closed:
            return True
        except TimeoutError:
            return False

    def connect(self, cid, **kw):
        """CONNECT; returns (session_present, rc)."""
        self.send(connect_packet(cid, **kw))
        b0, body = self.read()
        assert b0 == 0x20 and len(body) == 2, (b0, body)
        return body[0], body[1]

    def subscribe(self, pid, filters):
        self.send(subscribe_packet(pid, filters))
        b0, body = self.read()
        assert b0 == 0x90 and body[:2] == struct.pack(">H", pid), (b0, body)
        return list(body[2:])

    def publish(self, *a, **kw):
        self.send(publish_packet(*a, **kw))

    def ack(self, byte0, pid):
        self.send(packet(byte0, struct.pack(">H", pid)))

    def close(self):
        self.sock.close()

    def reset(self):
        """Close with a TCP reset (SO_LINGER 0)."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


def parse_publish(byte0, body):
    """(topic, pid or 0, payload, qos, retain, dup) of a PUBLISH."""
    n = struct.unpack(">H", body[:2])[0]
    topic = body[2:2 + n].decode()
    qos = (byte0 >> 1) & 3
    at = 2 + n
    pid = 0
    if qos:
        pid = struct.unpack(">H", body[at:at + 2])[0]
        at += 2
    return topic, pid, body[at:], qos, bool(byte0 & 1), bool(byte0 & 8)
