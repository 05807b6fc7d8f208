// outcome.js - the outcome of a fuzz_diff module on node/V8, printed as
// outcome.c prints it on this engine (tests/fuzz/v8/campaign.sh).
//   node outcome.js FILE.wasm...   (one outcome per file, "== FILE" first)
'use strict';
const fs = require('fs');

function bits32(x) { const b = new DataView(new ArrayBuffer(4)); b.setFloat32(0, x, true); return b.getUint32(0, true); }
function bits64(x) { const b = new DataView(new ArrayBuffer(8)); b.setFloat64(0, x, true); return b.getBigUint64(0, true); }
function val(t, v) {
  if ((t === 'f32' || t === 'f64') && Number.isNaN(v)) return ' nan';
  if (t === 'i32') return ' ' + (v >>> 0);
  if (t === 'i64') return ' ' + BigInt.asUintN(64, v);
  if (t === 'f32') return ' ' + bits32(v);
  return ' ' + bits64(v);
}
// the result types of `run`, from the type section (run is function 0)
function runResults(bytes) {
  const names = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64' };
  let p = 8;
  const u32 = () => { let r = 0, s = 0, b; do { b = bytes[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  while (p < bytes.length) {
    const id = bytes[p++], len = u32(), end = p + len;
    if (id === 1) {
      u32(); p++;                       // count, 0x60 of type 0 (function 0's)
      const np = u32(); p += np;
      const nr = u32(), r = [];
      for (let i = 0; i < nr; i++) r.push(names[bytes[p++]]);
      return r;
    }
    p = end;
  }
  return [];
}
for (const file of process.argv.slice(2)) {
  const bytes = fs.readFileSync(file);
  const out = ['== ' + file];
  let inst;
  try {
    inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  } catch (e) {
    console.log(out.concat(['uninstantiable: ' + e.message]).join('\n'));
    continue;
  }
  const rt = runResults(bytes);
  try {
    let r = inst.exports.run();
    if (rt.length === 1) r = [r];
    else if (rt.length === 0) r = [];
    out.push('returned' + rt.map((t, i) => val(t, r[i])).join(''));
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError) && !(e instanceof RangeError)) throw e;
    out.push('trap');
  }
  const mem = new Uint8Array(inst.exports.mem.buffer);
  let h = 2166136261;
  for (let i = 0; i < mem.length; i++) h = Math.imul(h ^ mem[i], 16777619) >>> 0;
  out.push('memory ' + mem.length + ' ' + h.toString(16).padStart(8, '0'));
  const gt = ['i32', 'i64', 'f32', 'f64'];
  out.push('globals' + gt.map((t, i) => val(t, inst.exports['g' + i].value)).join(''));
  console.log(out.join('\n'));
}
