// tests/demos/mqtt_broker_test.mjs - host tests of the MQTT broker demo
// (demos/mqtt-broker.c with broker/, built for wasm32-wasi) on its own,
// with scripted clients.
//
//   node mqtt_broker_test.mjs BUILD_DIR/mqtt-broker.wasm
//
// 1. Topic matching and filter validation, through the broker's exported
//    `match` and `valid_filter` (on strings written into its exported
//    `test_buffer`), on the examples of MQTT 3.1.1 section 4.7.
// 2. The broker's server loop driven by a fake `reply_recv` that hands it
//    scripted messages (badge + bytes) and records each reply: correct
//    packets get the right answers; malformed or hostile ones get a clear
//    line and never a trap.
// Prints "FAILED ..." for each failed check and "PASSED FAILED" last.
import { readFileSync } from "node:fs";

const bytes = readFileSync(process.argv[2]);
const mod = new WebAssembly.Module(bytes);
let passed = 0, failed = 0;
const check = (ok, what) => { if (ok) passed++; else { failed++; console.log(`FAILED ${what}`); } };
const enc = (s) => Buffer.from(s, "latin1");
const hex = (b) => Buffer.from(b).toString("hex");

// ---- MQTT encoders (independent of the demo's own) ----
function varint(n) { const o = []; do { let d = n % 128; n = Math.floor(n / 128); if (n) d |= 128; o.push(d); } while (n); return o; }
function str(s) { const b = enc(s); return [b.length >> 8, b.length & 255, ...b]; }
function pkt(byte0, body) { return [byte0, ...varint(body.length), ...body]; }
const CONNECT = (id, proto = "MQTT", level = 4) => pkt(0x10, [...str(proto), level, 2, 0, 60, ...str(id)]);
const SUBSCRIBE = (id, ...fq) => pkt(0x82, [id >> 8, id & 255, ...fq.flatMap(([f, q]) => [...str(f), q])]);
const UNSUBSCRIBE = (id, ...fs) => pkt(0xa2, [id >> 8, id & 255, ...fs.flatMap((f) => str(f))]);
const PUBLISH = (topic, payload, qos = 0, id = 0, retain = 0) =>
  pkt(0x30 | (qos << 1) | retain, [...str(topic), ...(qos ? [id >> 8, id & 255] : []), ...enc(payload)]);

// ---- 1. matching ----
// The WASI functions wasi-libc's start-up and exit may call: proc_exit ends
// the run like jericho.exit; the rest answer ENOSYS (52).
class Exit { constructor(code) { this.code = code; } }
const wasi = new Proxy({}, {
  get: (_, name) => name === "proc_exit" ? (code) => { throw new Exit(code); } : () => 52,
});
function instance(imports) {
  const inst = new WebAssembly.Instance(mod, { jericho: imports, wasi_snapshot_preview1: wasi });
  return inst;
}
{
  const noop = () => 0;
  const inst = instance({ console_write: noop, exit: noop, reply_recv: noop, reply: noop, signal: noop });
  const mem = new Uint8Array(inst.exports.memory.buffer);
  const put = (s, at) => { mem.set(enc(s), at); return [at, enc(s).length]; };
  // (a module without test_buffer, like the old WAT broker: free memory at 0xe000)
  const buf = inst.exports.test_buffer ? inst.exports.test_buffer() : 0xe000;
  const match = (f, t) => inst.exports.match(...put(f, buf), ...put(t, buf + 256));
  const cases = [
    ["sport/tennis/player1/#", "sport/tennis/player1", 1],
    ["sport/tennis/player1/#", "sport/tennis/player1/ranking", 1],
    ["sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", 1],
    ["sport/#", "sport", 1], ["#", "sport/tennis", 1], ["#", "/", 1],
    ["sport/tennis/+", "sport/tennis/player1", 1], ["sport/tennis/+", "sport/tennis/player1/ranking", 0],
    ["sport/+", "sport", 0], ["sport/+", "sport/", 1], ["+/+", "/finance", 1], ["/+", "/finance", 1],
    ["+", "/finance", 0], ["+/tennis/#", "sport/tennis/x", 1], ["sensors/+/temp", "sensors/kitchen/temp", 1],
    ["sensors/+/temp", "sensors/kitchen/humidity", 0], ["sensors/+/temp", "sensors/temp", 0],
    ["a/b", "a/b", 1], ["a/b", "a/bc", 0], ["a/bc", "a/b", 0], ["a/b", "a/b/c", 0], ["a", "a/", 0],
    ["#", "$SYS/x", 0], ["+/x", "$SYS/x", 0], ["$SYS/#", "$SYS/x", 1], ["a/+/+", "a//", 1],
  ];
  for (const [f, t, want] of cases) check(match(f, t) === want, `match("${f}", "${t}") should be ${want}`);
  const valid = (f) => inst.exports.valid_filter(...put(f, buf));
  const filters = [["sport/#", 1], ["#", 1], ["+", 1], ["+/+/#", 1], ["sport/tennis#", 0], ["sport/#/ranking", 0],
    ["sport+", 0], ["sp+rt/x", 0], ["a/+b", 0], ["", 0], ["x".repeat(65), 0], ["x".repeat(64), 1]];
  for (const [f, want] of filters) check(valid(f) === want, `valid_filter("${f.slice(0, 20)}") should be ${want}`);
}

// ---- 2. the server loop with scripted messages ----
// script: [badge, bytes, flags?]; returns { replies: [[badge, hex]], lines, signals, trap }
function run(script) {
  const out = { replies: [], lines: [], signals: [], trap: null, exit: null };
  let inst, last = null, i = 0, line = "";
  const mem = () => new Uint8Array(inst.exports.memory.buffer);
  class Done {}
  const imports = {
    console_write: (cap, p, n) => {
      for (const c of Buffer.from(mem().slice(p, p + n)).toString("latin1")) {
        if (c === "\n") { out.lines.push(line); line = ""; } else line += c;
      }
      return n;
    },
    exit: (code) => { out.exit = code; throw new Done(); },
    signal: (slot, bits) => { out.signals.push(slot); return 0; },
    reply: (p, n) => { if (last !== null) out.replies.push([last, hex(mem().slice(p, p + n))]); last = null; return 0; },
    reply_recv: (ep, p, n, buf, buflen, info) => {
      if (last !== null) out.replies.push([last, hex(mem().slice(p, p + n))]);
      last = null;
      if (i >= script.length) throw new Done();
      const [badge, msg, flags = 4] = script[i++];
      const m = mem(), k = Math.min(msg.length, buflen);
      m.set(msg.slice(0, k), buf);
      const dv = new DataView(m.buffer);
      dv.setBigUint64(info, BigInt(badge), true);
      dv.setUint32(info + 8, msg.length, true);
      dv.setInt32(info + 12, -1, true);
      dv.setUint32(info + 16, flags | (msg.length > buflen ? 1 : 0), true);
      last = badge;
      return k;
    },
  };
  inst = instance(imports);
  try { inst.exports._start(); } catch (e) {
    if (e instanceof Exit) out.exit = e.code;
    else if (!(e instanceof Done)) out.trap = String(e);
  }
  return out;
}
const reply = (o, n) => (o.replies[n] || [])[1];
const has = (o, s) => o.lines.some((l) => l.includes(s));

{ // a normal session
  const o = run([[1, CONNECT("c1")], [1, SUBSCRIBE(7, ["a/+", 1], ["b/#", 0], ["bad/#/x", 0])],
                 [2, CONNECT("c2")], [2, PUBLISH("a/x", "hi", 1, 5)], [1, []],
                 [2, [0xc0, 0]], [1, UNSUBSCRIBE(8, "a/+")], [2, PUBLISH("a/x", "again", 0)], [1, []]]);
  check(o.trap === null, `normal session: no trap (${o.trap})`);
  check(reply(o, 0) === "20020000", `CONNACK: got ${reply(o, 0)}`);
  check(reply(o, 1) === "90050007010080", `SUBACK with a failure code: got ${reply(o, 1)}`);
  check(reply(o, 3) === "40020005", `PUBACK for the publisher: got ${reply(o, 3)}`);
  check(o.signals.length === 1 && o.signals[0] === 2, `subscriber 1 signalled on slot 2: ${o.signals}`);
  check(reply(o, 4) === "3209000361" + "2f780001" + "6869", `delivery at QoS 1 with packet id 1: got ${reply(o, 4)}`);
  check(reply(o, 5) === "d000", `PINGRESP: got ${reply(o, 5)}`);
  check(reply(o, 6) === "b0020008", `UNSUBACK: got ${reply(o, 6)}`);
  check(reply(o, 8) === "", `nothing after unsubscribing: got ${reply(o, 8)}`);
  check(has(o, "c1 asked for an invalid filter bad/#/x"), "invalid filter reported");
}
{ // packet ids of QoS 1 deliveries to one client count up (2.3.1)
  const o = run([[1, CONNECT("s")], [1, SUBSCRIBE(1, ["a", 1])], [2, CONNECT("p")],
                 [2, PUBLISH("a", "1", 1, 1)], [2, PUBLISH("a", "2", 1, 2)], [1, []]]);
  check(reply(o, 5) === "3206000161000131" + "3206000161000232", `two deliveries, ids 1 and 2: got ${reply(o, 5)}`);
}
{ // retained messages reach later subscribers, with RETAIN set; empty payload clears
  const o = run([[1, CONNECT("p")], [1, PUBLISH("r/1", "kept", 0, 0, 1)], [2, CONNECT("s")],
                 [2, SUBSCRIBE(1, ["r/#", 0])], [1, PUBLISH("r/1", "", 0, 0, 1)], [3, CONNECT("t")],
                 [3, SUBSCRIBE(1, ["r/#", 0])]]);
  check(reply(o, 3) === "9003000100" + "31090003722f316b657074", `retained after SUBACK: got ${reply(o, 3)}`);
  check(reply(o, 6) === "9003000100", `cleared retained message not sent: got ${reply(o, 6)}`);
}
{ // a long message: two-byte remaining length both ways
  const long = "x".repeat(200);
  const o = run([[1, CONNECT("s")], [1, SUBSCRIBE(1, ["l", 0])], [2, CONNECT("p")], [2, PUBLISH("l", long)], [1, []]]);
  check(reply(o, 4) === "30cb01" + "00016c" + "78".repeat(200), `200-byte delivery: got ${(reply(o, 4) || "").slice(0, 12)}...`);
}
{ // hostile input: every case gives a line, no trap, and the broker keeps serving
  const cases = [
    ["packet before CONNECT", [[3, [0xc0, 0]]], "badge 3 sent a malformed packet"],
    ["5-byte varint", [[1, CONNECT("c")], [1, [0xc0, 0xff, 0xff, 0xff, 0xff, 0x01]]], "c sent a malformed packet"],
    ["remaining length past the message", [[1, CONNECT("c")], [1, [0x30, 0x7f, 0, 1, 0x61]]], "c sent a malformed packet"],
    ["string longer than its packet", [[1, CONNECT("c")], [1, pkt(0x82, [0, 1, 0, 50, 0x61, 0])]], "c sent a malformed packet"],
    ["SUBSCRIBE with flags 0", [[1, CONNECT("c")], [1, pkt(0x80, [0, 1, ...str("a"), 0])]], "c sent a malformed packet"],
    ["SUBSCRIBE with no filter", [[1, CONNECT("c")], [1, pkt(0x82, [0, 1])]], "c sent a malformed packet"],
    ["PUBLISH at QoS 3", [[1, CONNECT("c")], [1, pkt(0x36, [...str("a"), 0, 1])]], "c sent a malformed packet"],
    ["PUBLISH to a wildcard topic", [[1, CONNECT("c")], [1, PUBLISH("a/#", "x")]], "c published to an invalid topic"],
    ["reserved packet type 15", [[1, CONNECT("c")], [1, [0xf0, 0]]], "c sent packet type 15"],
    ["unknown badge", [[9, CONNECT("c")]], "message from unknown badge 9"],
    ["badge 0", [[0, CONNECT("c")]], "message from unknown badge 0"],
    ["message longer than the buffer", [[1, CONNECT("c")], [1, new Array(2000).fill(0xc0)]], "c sent a message longer than our buffer"],
    ["wrong protocol name", [[1, CONNECT("c", "MQTX")]], null],
    // strings are UTF-8 without NUL (MQTT 3.1.1, 1.5.3); lengths are exact
    ["topic with invalid UTF-8", [[1, CONNECT("c")], [1, pkt(0x30, [0, 2, 0xc3, 0x28, 0x78])]], "c sent a malformed packet"],
    ["topic with a NUL", [[1, CONNECT("c")], [1, pkt(0x30, [0, 3, 0x61, 0, 0x62, 0x78])]], "c sent a malformed packet"],
    ["filter with a surrogate", [[1, CONNECT("c")], [1, pkt(0x82, [0, 1, 0, 3, 0xed, 0xa0, 0x80, 0])]], "c sent a malformed packet"],
    ["PINGREQ with a body", [[1, CONNECT("c")], [1, [0xc0, 1, 0]]], "c sent a malformed packet"],
    ["PUBLISH at QoS 1 with packet id 0", [[1, CONNECT("c")], [1, PUBLISH("a", "x", 1, 0)]], "c sent a malformed packet"],
  ];
  for (const [what, script, line] of cases) {
    const o = run([...script, [4, CONNECT("after")]]);
    check(o.trap === null, `${what}: no trap (${o.trap})`);
    if (line) check(has(o, line), `${what}: line "${line}" (got ${JSON.stringify(o.lines)})`);
    check(o.replies.length > 0 && o.replies[o.replies.length - 1][1] === "20020000", `${what}: broker still serves`);
  }
  const o = run([[1, CONNECT("c", "MQTX")]]);
  check(reply(o, 0) === "20020001", `wrong protocol: CONNACK rc 1, got ${reply(o, 0)}`);
}
{ // the broker ends after four DISCONNECTs, replying to the last one
  const o = run([1, 2, 3, 4].flatMap((b) => [[b, CONNECT(`c${b}`)], [b, [0xe0, 0]]]));
  check(o.exit === 0, `exit(0) after 4 disconnects (got ${o.exit})`);
  check(o.replies.length === 8, `all 8 calls replied to (got ${o.replies.length})`);
  check(has(o, "all 4 clients disconnected"), "final line");
}
console.log(passed, failed);
process.exit(failed ? 1 : 0);
