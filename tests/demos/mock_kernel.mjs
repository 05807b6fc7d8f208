// tests/demos/mock_kernel.mjs - a host model of the `jericho` system calls
// (docs/abi.md) that runs the demo modules before the real kernel can.
//
//   node mock_kernel.mjs PARSE.json WASM_DIR [GROUP...]
//
// PARSE.json is `demos/pack.py --parse --dir demos`. Each task is a worker
// thread running its module with Node's WebAssembly; every import posts the
// call to this (main) thread, which holds the CSpaces and kernel objects,
// and blocks on a shared word until the call completes (so recv, call,
// wait and sleep really block). Output lines are printed the way
// docs/demos.md says the kernel prints them: "[name] text" for console
// output and "task NAME ..." kernel lines. Checking them against the
// expect lines is check_output.py's job. Demos with `start: no` run only
// when a task_spawn names them.
//
// WASI preview 1 (docs/wasi.md) is modelled as far as the demos built
// with the SDK need it: stdout/stderr through the first console
// capability with w, clocks through the first clock with r, random_get
// through an entropy capability, args and environ from the directives,
// fd_fdstat_get/fd_close/fd_seek/fd_prestat_get on fds 0-2, proc_exit,
// sched_yield; every other preview-1 name returns ENOSYS, as in the kernel.
//
// This is a model for testing the demos, not the kernel: it is single
// threaded on the kernel side, wall-clock based, and has no quotas.
import { Worker, isMainThread, workerData, parentPort } from "node:worker_threads";
const postMessage = (m) => parentPort.postMessage(m);
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// ---- the ABI's numbers (docs/abi.md) ---------------------------------------
const E = { OK: 0, INVALID_SLOT: 1, EMPTY_SLOT: 2, WRONG_TYPE: 3, NO_RIGHTS: 4,
  BAD_ARGUMENT: 5, OUT_OF_BOUNDS: 6, WOULD_BLOCK: 7, SLOT_OCCUPIED: 8,
  NO_MEMORY: 9, QUOTA_EXCEEDED: 10, DESTROYED: 11, NOT_FOUND: 12,
  NO_CALLER: 13, TOO_LONG: 14, BAD_MODULE: 15 };
const T = { console: 1, clock: 2, endpoint: 3, notification: 4, task: 5, spawn: 6, entropy: 9 };
// WASI errnos the model returns (src/wasi/wasi.h).
const WE = { SUCCESS: 0, BADF: 8, INVAL: 28, NOSYS: 52, SPIPE: 70, NOTCAPABLE: 76 };
// The preview-1 names the kernel binds (WASI_FUNCS in src/wasi/wasi.h).
const WASI_NAMES = new Set(("args_get args_sizes_get environ_get environ_sizes_get clock_res_get " +
  "clock_time_get fd_advise fd_allocate fd_close fd_datasync fd_fdstat_get fd_fdstat_set_flags " +
  "fd_fdstat_set_rights fd_filestat_get fd_filestat_set_size fd_filestat_set_times fd_pread " +
  "fd_prestat_get fd_prestat_dir_name fd_pwrite fd_read fd_readdir fd_renumber fd_seek fd_sync " +
  "fd_tell fd_write path_create_directory path_filestat_get path_filestat_set_times path_link " +
  "path_open path_readlink path_remove_directory path_rename path_symlink path_unlink_file " +
  "poll_oneoff proc_exit proc_raise sched_yield random_get sock_accept sock_recv sock_send " +
  "sock_shutdown").split(" "));
const R = { READ: 1, WRITE: 2, GRANT: 4 };
const F = { TRUNCATED: 1, CAP_DROPPED: 2, CALL: 4 };
const CSPACE = 32, MSG_MAX = 4096, INFO_SIZE = 24;
// name: [params, result] (for the unknown-import check and the worker stubs)
const SYSCALLS = {
  console_write: ["iii", "i"], clock_now: ["i", "I"], sleep: ["iI", "i"],
  yield: ["", ""], exit: ["i", ""],
  send: ["iiii", "i"], nb_send: ["iiii", "i"], recv: ["iiii", "i"],
  poll: ["iiii", "i"], call: ["iiiiii", "i"], reply: ["iii", "i"],
  reply_recv: ["iiiiii", "i"],
  signal: ["ii", "i"], wait: ["i", "I"], poll_signal: ["i", "I"],
  cap_copy: ["ii", "i"], cap_mint: ["iiiI", "i"], cap_move: ["ii", "i"],
  cap_delete: ["i", "i"], cap_revoke: ["i", "i"], cap_info: ["ii", "i"],
  task_spawn: ["iiiiii", "i"], task_kill: ["i", "i"],
};
// The spec's trap messages for V8's wording.
const TRAPS = [
  [/call stack|Maximum call stack/i, "call stack exhausted"],
  [/signature mismatch|function signature/i, "indirect call type mismatch"],
  [/memory access out of bounds/i, "out of bounds memory access"],
  [/divide by zero|division by zero/i, "integer divide by zero"],
  [/unreachable/i, "unreachable"],
  [/table index is out of bounds|table.*out of bounds/i, "undefined element"],
  [/integer overflow|divide result unrepresentable/i, "integer overflow"],
];


// ======================= kernel side (main thread) ==========================
function main() {
  const [parsePath, wasmDir, ...groups] = process.argv.slice(2);
  const demos = JSON.parse(readFileSync(parsePath, "utf8"));
  const wanted = groups.length ? groups : [...new Set(demos.map((d) => d.group))];
  (async () => {
    for (const g of wanted) await runGroup(g, demos.filter((d) => d.group === g), wasmDir, demos);
    process.exit(0);
  })();
}

function runGroup(group, demos, wasmDir, allDemos) {
  return new Promise((done) => {
    const objects = new Map();   // shared object name -> object
    const tasks = [];
    let live = 0;
    const obj = (c) => {
      if (!c.object) return { type: c.code };   // console, clock, spawn
      if (!objects.has(c.object))
        objects.set(c.object, c.code === T.endpoint
          ? { type: c.code, senders: [], receivers: [] }
          : { type: c.code, word: 0n, waiters: [] });
      return objects.get(c.object);
    };
    console.log(`== group ${group} (${demos.filter((d) => d.start !== false).length} tasks)`);
    // Start demo d as a task with this CSpace (a task_spawn or the group).
    function startTask(d, cspace, prio) {
      const sab = new SharedArrayBuffer(8 + 65536);
      const t = { name: d.name, cspace, sab, flag: new Int32Array(sab, 0, 2), line: "", prio,
                  replyTo: null, replyGrant: false, dead: false, timers: [], closed: new Set() };
      const bytes = readFileSync(`${wasmDir}/${d.name}.wasm`);
      t.worker = new Worker(fileURLToPath(import.meta.url), { workerData: { bytes, sab, name: d.name,
        args: [d.name, ...(d.args || [])], env: d.env || [] } });
      live++;
      t.worker.on("message", (m) => onMessage(t, m));
      t.worker.on("error", (e) => end(t, `killed: worker error ${e.message}`));
      t.worker.on("exit", () => end(t, null));
      t.budget = d["cpu-budget-ms"];
      tasks.push(t);
      return t;
    }
    for (const d of demos) {
      if (d.start === false) continue;   // only task_spawn starts it
      const cspace = new Array(CSPACE).fill(null);
      d.caps.forEach((c, i) => { cspace[i] = { obj: obj(c), rights: c.rights, badge: BigInt(c.badge), parent: null, kids: new Set() }; });
      startTask(d, cspace, d.prio);
    }
    const limit = setTimeout(() => { for (const t of tasks) end(t, "killed: mock time limit (10 s)"); }, 10000);

    function end(t, why) {
      if (t.dead) return;
      t.dead = true;
      if (t.line) { console.log(`[${t.name}] ${t.line}`); t.line = ""; }
      if (why) console.log(`task ${t.name} ${why}`);
      for (const x of t.timers) clearTimeout(x);
      t.worker.terminate();
      // Wake whoever waits on this task as a caller: their call fails.
      for (const o of objects.values()) {
        if (o.senders) o.senders = o.senders.filter((s) => s.task !== t);
        if (o.receivers) o.receivers = o.receivers.filter((r) => r.task !== t);
        if (o.waiters) o.waiters = o.waiters.filter((w) => w.task !== t);
      }
      for (const u of tasks) if (u.replyTo && u.replyTo.task === t) u.replyTo = null;
      if (t.replyTo) { finish(t.replyTo.task, -E.DESTROYED); t.replyTo = null; }
      if (--live === 0) { clearTimeout(limit); done(); }
    }

    // Finish t's sleep at the deadline (timers may fire a little early).
    function sleepUntil(t, deadline) {
      const left = deadline - process.hrtime.bigint();
      if (left <= 0n) { finish(t, 0); return; }
      t.timers.push(setTimeout(() => sleepUntil(t, deadline), Math.ceil(Number(left) / 1e6)));
    }

    // Complete task t's pending system call with result ret and memory writes.
    function finish(t, ret, writes = []) {
      if (t.dead) return;
      const body = Buffer.from(JSON.stringify({ ret: String(ret), writes: writes.map((w) => [w[0], Array.from(w[1])]) }));
      new Uint8Array(t.sab, 8).set(body);
      Atomics.store(t.flag, 1, body.length);
      Atomics.store(t.flag, 0, 1);
      Atomics.notify(t.flag, 0);
    }

    function onMessage(t, m) {
      if (m.kind === "started") {   // the budget counts from _start (wall clock here)
        if (t.budget) t.timers.push(setTimeout(() => { end(t, "killed: cpu budget exhausted"); }, t.budget));
        return;
      }
      if (m.kind === "exit") { end(t, `exited with code ${m.code}`); return; }
      if (m.kind === "trap") { end(t, `trapped: ${m.msg}`); return; }
      if (m.kind === "fail") { end(t, `failed to start: ${m.msg}`); return; }
      const r = syscall(t, m.name, m.args.map(BigInt), m.mem, m.size, m.mem2);
      if (r !== undefined) finish(t, r[0], r[1] || []);
    }

    // A task's console output, by line as the kernel prints it.
    function print(t, bytes) {
      for (let ch of Buffer.from(bytes).toString("latin1")) {
        if (ch !== "\n" && ch !== "\t" && (ch < " " || ch > "~")) ch = "?";
        if (ch === "\n") { console.log(`[${t.name}] ${t.line}`); t.line = ""; } else t.line += ch;
      }
    }
    const firstCap = (t, type, rights) =>
      t.cspace.find((c) => c && c.obj.type === type && (c.rights & rights) === rights);

    // ---- decode helpers: each returns an error code or the thing checked.
    function slotOf(t, s, type, rights) {
      if (s < 0n || s >= BigInt(CSPACE)) return -E.INVALID_SLOT;
      const c = t.cspace[Number(s)];
      if (!c) return -E.EMPTY_SLOT;
      if (type !== undefined && c.obj.type !== type) return -E.WRONG_TYPE;
      if (rights && (c.rights & rights) !== rights) return -E.NO_RIGHTS;
      return c;
    }
    const inMem = (size, p, n) => (p & 0xffffffffn) === p && (n & 0xffffffffn) === n && p + n <= BigInt(size);
    const lowestFree = (t) => t.cspace.findIndex((c) => c === null);
    const u32 = (x) => BigInt.asUintN(32, x), i32 = (x) => BigInt.asIntN(32, x);

    function infoBytes(badge, len, capSlot, flags) {
      const b = Buffer.alloc(INFO_SIZE);
      b.writeBigUInt64LE(BigInt.asUintN(64, badge), 0);
      b.writeUInt32LE(len, 8); b.writeInt32LE(capSlot, 12); b.writeUInt32LE(flags, 16);
      return b;
    }

    // Deliver msg {bytes, badge, cap, call, from, grantReply} to waiting receiver rcv.
    function deliver(rcv, msg) {
      const n = Math.min(msg.bytes.length, Number(rcv.buflen));
      let flags = msg.bytes.length > n ? F.TRUNCATED : 0;
      let capSlot = -1;
      if (msg.cap) {
        capSlot = lowestFree(rcv.task);
        if (capSlot < 0 || msg.cap.dead) { flags |= F.CAP_DROPPED; capSlot = -1; }
        else rcv.task.cspace[capSlot] = derive(msg.cap, msg.cap.rights, msg.cap.badge);
      }
      if (rcv.task.replyTo) { finish(rcv.task.replyTo.task, -E.DESTROYED); rcv.task.replyTo = null; }
      if (msg.call) { flags |= F.CALL; rcv.task.replyTo = { task: msg.from, buf: msg.rbuf, buflen: msg.rbuflen, info: msg.rinfo }; rcv.task.replyGrant = rcv.grant; }
      const writes = [[Number(rcv.buf), msg.bytes.subarray(0, n)]];
      if (rcv.info !== 0xffffffffn) writes.push([Number(rcv.info), infoBytes(msg.badge, msg.bytes.length, capSlot, flags)]);
      finish(rcv.task, n, writes);
    }

    function derive(c, rights, badge) {
      const d = { obj: c.obj, rights, badge, parent: c, kids: new Set() };
      c.kids.add(d);
      return d;
    }
    function revokeKids(c, ts) {
      for (const k of c.kids) {
        revokeKids(k, ts);
        k.dead = true;
        for (const u of ts) u.cspace = u.cspace.map((x) => (x === k ? null : x));
      }
      c.kids.clear();
    }

    // Checks of a message's payload and optional capability (send side).
    function outMsg(t, epcap, ptr, len, capSlot, size, mem, call) {
      if (len > BigInt(MSG_MAX)) return -E.TOO_LONG;
      if (!inMem(size, ptr, len)) return -E.OUT_OF_BOUNDS;
      let cap = null;
      if (i32(capSlot) !== -1n) {
        if (!(epcap.rights & R.GRANT)) return -E.NO_RIGHTS;
        cap = slotOf(t, i32(capSlot));
        if (typeof cap === "number") return cap;
      }
      return { bytes: Buffer.from(mem || []), badge: epcap.badge, cap, call, from: t };
    }
    function inBuf(t, buf, buflen, info, size, grant) {
      if (!inMem(size, buf, buflen)) return -E.OUT_OF_BOUNDS;
      if (info !== 0xffffffffn && !inMem(size, info, BigInt(INFO_SIZE))) return -E.OUT_OF_BOUNDS;
      return { task: t, buf, buflen, info, grant };
    }
    function doRecv(ep, rcv, block) {
      const s = ep.senders.shift();
      if (s) {
        deliver(rcv, s.msg);
        if (!s.msg.call) finish(s.task, 0);
        return;
      }
      if (!block) { finish(rcv.task, -E.WOULD_BLOCK); return; }
      ep.receivers.push(rcv);
    }
    function doSend(t, ep, msg, block) {
      const r = ep.receivers.shift();
      if (r) { deliver(r, msg); return msg.call ? undefined : [0]; }
      if (!block) return [-E.WOULD_BLOCK];
      ep.senders.push({ task: t, msg });
      return undefined;
    }
    function doReply(t, ptr, len, capSlot, size, mem) {
      const c = t.replyTo;
      const fake = { rights: t.replyGrant ? R.GRANT : 0, badge: 0n };
      const m = outMsg(t, fake, ptr, len, capSlot, size, mem, false);
      if (typeof m === "number") return m;
      if (!c) return -E.NO_CALLER;
      t.replyTo = null;
      deliver({ task: c.task, buf: c.buf, buflen: c.buflen, info: c.info }, m);
      return 0;
    }

    // One system call of task t; returns [ret, writes] or undefined if blocked.
    function syscall(t, name, a, mem, size, mem2) {
      let c, m, r;
      switch (name) {
      case "console_write":
        if (typeof (c = slotOf(t, i32(a[0]), T.console, R.WRITE)) === "number") return [c];
        if (a[2] > BigInt(MSG_MAX)) return [-E.TOO_LONG];
        if (!inMem(size, a[1], a[2])) return [-E.OUT_OF_BOUNDS];
        print(t, mem);
        return [Number(a[2])];
      // WASI (docs/wasi.md): the first capability of the type with the right.
      case "wasi_fd": {     // a[0] = fd; mem = bytes to write (fd 1, 2) or null
        const fd = Number(a[0]);
        if (fd > 2 || t.closed.has(fd) || !firstCap(t, T.console, fd === 0 ? R.READ : R.WRITE))
          return [-WE.BADF];
        if (mem) print(t, mem);
        return [0];
      }
      case "wasi_clock":
        return [firstCap(t, T.clock, R.READ) ? process.hrtime.bigint() - START : -BigInt(WE.NOTCAPABLE)];
      case "wasi_entropy":
        return [firstCap(t, T.entropy, R.READ) ? 0 : -WE.NOTCAPABLE];
      case "wasi_close":
        if (Number(a[0]) > 2 || t.closed.has(Number(a[0]))) return [-WE.BADF];
        t.closed.add(Number(a[0]));
        return [0];
      case "clock_now":
        if (typeof (c = slotOf(t, i32(a[0]), T.clock, R.READ)) === "number") return [c];
        return [process.hrtime.bigint() - START];
      case "sleep":
        if (typeof (c = slotOf(t, i32(a[0]), T.clock, R.READ)) === "number") return [c];
        if (BigInt.asIntN(64, a[1]) < 0n) return [-E.BAD_ARGUMENT];
        sleepUntil(t, process.hrtime.bigint() + BigInt.asIntN(64, a[1]));
        return undefined;
      case "yield": return [0];
      case "send": case "nb_send": case "call":
        if (typeof (c = slotOf(t, i32(a[0]), T.endpoint, R.WRITE)) === "number") return [c];
        if (name === "call") {
          m = outMsg(t, c, a[1], a[2], 0xffffffffn, size, mem, true);
          if (typeof m === "number") return [m];
          if (typeof (r = inBuf(t, a[3], a[4], a[5], size)) === "number") return [r];
          m.rbuf = a[3]; m.rbuflen = a[4]; m.rinfo = a[5];
        } else if (typeof (m = outMsg(t, c, a[1], a[2], a[3], size, mem, false)) === "number") return [m];
        return doSend(t, c.obj, m, name !== "nb_send");
      case "recv": case "poll":
        if (typeof (c = slotOf(t, i32(a[0]), T.endpoint, R.READ)) === "number") return [c];
        if (typeof (r = inBuf(t, a[1], a[2], a[3], size, (c.rights & R.GRANT) !== 0)) === "number") return [r];
        doRecv(c.obj, r, name === "recv");
        return undefined;
      case "reply":
        return [doReply(t, a[0], a[1], a[2], size, mem)];
      case "reply_recv":
        if (typeof (c = slotOf(t, i32(a[0]), T.endpoint, R.READ)) === "number") return [c];
        if (typeof (r = inBuf(t, a[3], a[4], a[5], size, (c.rights & R.GRANT) !== 0)) === "number") return [r];
        if (t.replyTo) {
          const e = doReply(t, a[1], a[2], 0xffffffffn, size, mem);
          if (e < 0) return [e];
        } else if (!inMem(size, a[1], a[2])) return [-E.OUT_OF_BOUNDS];
        doRecv(c.obj, r, true);
        return undefined;
      case "signal":
        if (typeof (c = slotOf(t, i32(a[0]), T.notification, R.WRITE)) === "number") return [c];
        if (u32(a[1]) === 0n && c.badge === 0n) return [-E.BAD_ARGUMENT];
        c.obj.word |= u32(a[1]) | c.badge;     // badges keep 48 bits: the whole word reaches wait
        if (c.obj.word && c.obj.waiters.length) { finish(c.obj.waiters.shift().task, c.obj.word); c.obj.word = 0n; }
        return [0];
      case "wait": case "poll_signal":
        if (typeof (c = slotOf(t, i32(a[0]), T.notification, R.READ)) === "number") return [c];
        if (c.obj.word || name === "poll_signal") { r = c.obj.word; c.obj.word = 0n; return [r]; }
        c.obj.waiters.push({ task: t });
        return undefined;
      case "cap_copy": case "cap_move": case "cap_mint": {
        if (typeof (c = slotOf(t, i32(a[0]))) === "number") return [c];
        const dst = i32(a[1]);
        if (dst < 0n || dst >= BigInt(CSPACE)) return [-E.INVALID_SLOT];
        let rights = c.rights, badge = c.badge;
        if (name === "cap_mint") {
          rights = Number(u32(a[2])); badge = BigInt.asUintN(64, a[3]);
          if (rights & ~7) return [-E.BAD_ARGUMENT];
          if (badge !== 0n && c.obj.type !== T.endpoint && c.obj.type !== T.notification) return [-E.BAD_ARGUMENT];
          if (badge !== 0n && c.badge !== 0n) return [-E.BAD_ARGUMENT];
          if (badge >= 1n << 48n) return [-E.BAD_ARGUMENT];     // a capability keeps 48 bits
          if (rights & ~c.rights) return [-E.NO_RIGHTS];
          if (badge === 0n) badge = c.badge;
        }
        if (name === "cap_move" && dst === i32(a[0])) return [0];
        if (t.cspace[Number(dst)]) return [-E.SLOT_OCCUPIED];
        if (name === "cap_move") { t.cspace[Number(dst)] = c; t.cspace[Number(i32(a[0]))] = null; }
        else t.cspace[Number(dst)] = derive(c, rights, badge);
        return [0];
      }
      case "cap_delete":
        if (typeof (c = slotOf(t, i32(a[0]))) === "number") return [c];
        t.cspace[Number(i32(a[0]))] = null; c.dead = true;
        return [0];
      case "cap_revoke":
        if (typeof (c = slotOf(t, i32(a[0]))) === "number") return [c];
        revokeKids(c, tasks);
        return [0];
      case "cap_info": {
        if (typeof (c = slotOf(t, i32(a[0]))) === "number") return [c];
        if (!inMem(size, a[1], 16n)) return [-E.OUT_OF_BOUNDS];
        const b = Buffer.alloc(16);
        b.writeUInt32LE(c.obj.type, 0); b.writeUInt32LE(c.rights, 4); b.writeBigUInt64LE(c.badge, 8);
        return [0, [[Number(a[1]), b]]];
      }
      case "task_spawn": {
        if (typeof (c = slotOf(t, i32(a[0]), T.spawn, R.WRITE)) === "number") return [c];
        const [nlen, ncaps, prio] = [a[2], a[4], i32(a[5])];
        if (ncaps > BigInt(CSPACE) || prio < 1n || prio > 63n || nlen === 0n || nlen > 31n) return [-E.BAD_ARGUMENT];
        if (prio > BigInt(t.prio)) return [-E.NO_RIGHTS];
        if (!inMem(size, a[1], nlen) || !inMem(size, a[3], 4n * ncaps)) return [-E.OUT_OF_BOUNDS];
        const srcs = [];
        for (let i = 0; i < Number(ncaps); i++) {
          const s = Buffer.from(mem2).readInt32LE(4 * i);
          if (s === -1) { srcs.push(null); continue; }
          const sc = slotOf(t, BigInt(s));
          if (typeof sc === "number") return [sc];
          srcs.push(sc);
        }
        const d = allDemos.find((x) => x.name === Buffer.from(mem).toString("latin1"));
        if (!d) return [-E.NOT_FOUND];
        const slot = lowestFree(t);
        if (slot < 0) return [-E.SLOT_OCCUPIED];
        const cspace = new Array(CSPACE).fill(null);
        srcs.forEach((sc, i) => { if (sc) cspace[i] = derive(sc, sc.rights, sc.badge); });
        const child = startTask(d, cspace, Number(prio));
        t.cspace[slot] = { obj: { type: T.task, task: child }, rights: R.READ | R.WRITE, badge: 0n, parent: null, kids: new Set() };
        return [slot];
      }
      case "task_kill":
        if (typeof (c = slotOf(t, i32(a[0]), T.task, R.WRITE)) === "number") return [c];
        end(c.obj.task, `killed: by task ${t.name}`);
        return [0];
      }
      return [-E.BAD_ARGUMENT];
    }
  });
}
const START = process.hrtime.bigint();

// ======================= task side (worker thread) ==========================
class Exit { constructor(code) { this.code = code; } }

function taskThread() {
  const { bytes, sab, name, args: wargs, env: wenv } = workerData;
  const flag = new Int32Array(sab, 0, 2);
  let mod, inst;
  try {
    mod = new WebAssembly.Module(bytes);
  } catch (e) { postMessage({ kind: "fail", msg: e.message }); return; }
  const imports = { jericho: {}, wasi_snapshot_preview1: {} };
  for (const imp of WebAssembly.Module.imports(mod)) {
    const known = imp.module === "jericho" ? imp.name in SYSCALLS
      : imp.module === "wasi_snapshot_preview1" && WASI_NAMES.has(imp.name);
    if (!known || imp.kind !== "function") {
      postMessage({ kind: "fail", msg: `unknown import ${imp.module}.${imp.name}` });
      return;
    }
  }
  // One call to the kernel side: blocks until it completes, applies its
  // writes to memory, returns {ret, writes}.
  function kcall(sc, argv, mem, mem2, size) {
    Atomics.store(flag, 0, 0);
    postMessage({ kind: "call", name: sc, args: argv, mem, mem2, size });
    Atomics.wait(flag, 0, 0);
    const len = Atomics.load(flag, 1);
    const res = JSON.parse(Buffer.from(new Uint8Array(sab, 8, len)).toString());
    const memObj = inst.exports.memory;
    for (const [p, b] of res.writes) new Uint8Array(memObj.buffer, p, b.length).set(b);
    return res;
  }
  // Which arguments are (ptr, len) pairs whose bytes the kernel reads.
  const OUT = { console_write: [1, 2], send: [1, 2], nb_send: [1, 2], call: [1, 2],
                reply: [0, 1], reply_recv: [1, 2], task_spawn: [1, 2] };
  // A second range: [ptr arg, count arg, bytes per element].
  const OUT2 = { task_spawn: [3, 4, 4] };
  for (const [sc, [params, result]] of Object.entries(SYSCALLS)) {
    imports.jericho[sc] = (...args) => {
      if (sc === "exit") throw new Exit(args[0]);
      const memObj = inst.exports.memory;
      const size = memObj ? memObj.buffer.byteLength : 0;
      let mem = null;
      const o = OUT[sc];
      if (o) {
        const p = args[o[0]] >>> 0, n = args[o[1]] >>> 0;
        if (p + n <= size && n <= 65536) mem = Array.from(new Uint8Array(memObj.buffer, p, n));
      }
      let mem2 = null;
      const o2 = OUT2[sc];
      if (o2) {
        const p = args[o2[0]] >>> 0, n = (args[o2[1]] >>> 0) * o2[2];
        if (p + n <= size && n <= 65536) mem2 = Array.from(new Uint8Array(memObj.buffer, p, n));
      }
      const argv = args.map((x, i) => (params[i] === "I" ? BigInt(x).toString() : String(x >>> 0)));
      const res = kcall(sc, argv, mem, mem2, size);
      if (result === "I") return BigInt(res.ret);
      if (result === "i") return Number(BigInt.asIntN(32, BigInt(res.ret)));
      return undefined;
    };
  }
  Object.assign(imports.wasi_snapshot_preview1, wasiImports(kcall, () => inst.exports.memory, wargs, wenv));
  try {
    inst = new WebAssembly.Instance(mod, imports);
    if (!inst.exports._start) { postMessage({ kind: "fail", msg: "no export _start" }); return; }
    postMessage({ kind: "started" });
    inst.exports._start();
    postMessage({ kind: "exit", code: 0 });
  } catch (e) {
    if (e instanceof Exit) { postMessage({ kind: "exit", code: e.code }); return; }
    const msg = String(e && e.message);
    const hit = TRAPS.find(([re]) => re.test(msg));
    postMessage({ kind: "trap", msg: hit ? hit[1] : msg });
  }
}

// The WASI functions of a task (docs/wasi.md), on its memory. Guest ranges
// out of bounds are EFAULT (21) as in the kernel; the rest is the model
// the demos need (see the header).
function wasiImports(kcall, memory, args, env) {
  const EFAULT = 21;
  const view = () => new DataView(memory().buffer);
  const ok = (p, n) => p + n <= memory().buffer.byteLength;
  const strings = (list) => list.map((x) => Buffer.from(x + "\0", "latin1"));
  const sizes = (list) => (countPtr, bufSizePtr) => {
    if (!ok(countPtr >>> 0, 4) || !ok(bufSizePtr >>> 0, 4)) return EFAULT;
    const b = strings(list);
    view().setUint32(countPtr >>> 0, b.length, true);
    view().setUint32(bufSizePtr >>> 0, b.reduce((n, x) => n + x.length, 0), true);
    return WE.SUCCESS;
  };
  const get = (list) => (ptrs, buf) => {
    const b = strings(list);
    let at = buf >>> 0;
    if (!ok(ptrs >>> 0, 4 * b.length) || !ok(at, b.reduce((n, x) => n + x.length, 0))) return EFAULT;
    b.forEach((x, i) => {
      view().setUint32((ptrs >>> 0) + 4 * i, at, true);
      new Uint8Array(memory().buffer, at, x.length).set(x);
      at += x.length;
    });
    return WE.SUCCESS;
  };
  const errno = (res) => (Number(res.ret) < 0 ? -Number(res.ret) : WE.SUCCESS);
  const w = {
    args_sizes_get: sizes(args), args_get: get(args),
    environ_sizes_get: sizes(env), environ_get: get(env),
    fd_write(fd, iovs, n, nwritten) {
      iovs >>>= 0; n >>>= 0;
      if (!ok(iovs, 8 * n) || !ok(nwritten >>> 0, 4)) return EFAULT;
      const parts = [];
      for (let i = 0; i < n; i++) {
        const p = view().getUint32(iovs + 8 * i, true), l = view().getUint32(iovs + 8 * i + 4, true);
        if (!ok(p, l)) return EFAULT;
        parts.push(Buffer.from(new Uint8Array(memory().buffer, p, l)));
      }
      if (fd !== 1 && fd !== 2) return WE.BADF;
      const bytes = Buffer.concat(parts);
      const e = errno(kcall("wasi_fd", [String(fd)], Array.from(bytes), null, 0));
      if (e === WE.SUCCESS) view().setUint32(nwritten >>> 0, bytes.length, true);
      return e;
    },
    fd_fdstat_get(fd, ptr) {
      if (!ok(ptr >>> 0, 24)) return EFAULT;
      const e = errno(kcall("wasi_fd", [String(fd >>> 0)], null, null, 0));
      if (e !== WE.SUCCESS) return e;
      new Uint8Array(memory().buffer, ptr >>> 0, 24).fill(0);
      view().setUint8(ptr >>> 0, 2);      // CHARACTER_DEVICE, no rights to seek or tell
      return WE.SUCCESS;
    },
    fd_close: (fd) => errno(kcall("wasi_close", [String(fd >>> 0)], null, null, 0)),
    fd_seek(fd) {
      const e = errno(kcall("wasi_fd", [String(fd >>> 0)], null, null, 0));
      return e === WE.SUCCESS ? WE.SPIPE : e;
    },
    fd_prestat_get: () => WE.BADF,
    clock_time_get(id, precision, ptr) {
      if (id > 3) return WE.INVAL;
      if (!ok(ptr >>> 0, 8)) return EFAULT;
      const res = kcall("wasi_clock", [], null, null, 0);
      if (BigInt(res.ret) < 0n) return -Number(res.ret);
      view().setBigUint64(ptr >>> 0, BigInt(res.ret), true);
      return WE.SUCCESS;
    },
    random_get(buf, len) {
      if (!ok(buf >>> 0, len >>> 0)) return EFAULT;
      const e = errno(kcall("wasi_entropy", [], null, null, 0));
      if (e === WE.SUCCESS) crypto.getRandomValues(new Uint8Array(memory().buffer, buf >>> 0, len >>> 0));
      return e;
    },
    proc_exit(code) { throw new Exit(code); },
    sched_yield: () => WE.SUCCESS,
  };
  for (const n of WASI_NAMES) if (!w[n]) w[n] = () => WE.NOSYS;
  return w;
}

if (isMainThread) main(); else taskThread();
