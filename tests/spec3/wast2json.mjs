// tests/spec3/wast2json.mjs - convert a Wasm 3.0 .wast script into the
// JSON + .wasm layout of wabt's wast2json, which tests/spec/runner.c reads.
//
//   node tests/spec3/wast2json.mjs SCRIPT.wast -o OUT/NAME.json
//
// Debian's wast2json (wabt 1.0.32) cannot parse about 70 of the 3.0
// scripts. The script layer of a .wast file is plain S-expressions, split
// here; each module's text is encoded by wasm-tools' `wat` parser, which
// reads all of Wasm 3.0 (GC, exceptions, memory64, ...). wasm-tools runs as
// wasm (npm @bytecodealliance/jco-transpile, pinned in package.json here and
// installed into build/ by tests/spec3/npm.sh; its path in WASM_TOOLS_JS).
//
// Output: what wast2json writes (commands with "line", "filename",
// "module_type", "action", "expected" with integers and float bit patterns
// as unsigned decimal strings), plus the 3.0 script forms:
//   module_definition {name, filename}   compile only
//   module_instance {instance, module}   instantiate a definition
//   assert_exception {action}
//   expected {"type": "either", "values": [...]}
//   references: {"type": "<heap type>ref", "value": "null" | "N" | absent}
//   (absent: any non-null reference of that kind: (ref.func), (ref.i31)...)
// A module that cannot be encoded becomes a command with an "error" field:
// the runner counts it failed, never skipped. assert_malformed modules in
// text form (quote or plain text) are written as .wat, module_type "text".
// Float literals are encoded by the same wat parser (a module of globals
// per script), so f32 rounding is exact.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
let src = null, out = null;
for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-o') out = argv[++i];
    else src = argv[i];
}
if (!src || !out) {
    console.error('usage: wast2json.mjs SCRIPT.wast -o OUT/NAME.json');
    process.exit(2);
}
const toolsJs = process.env.WASM_TOOLS_JS;
if (!toolsJs) {
    console.error('wast2json.mjs: WASM_TOOLS_JS (path of wasm-tools.js) not set');
    process.exit(2);
}
const { tools, $init } = await import(pathToFileURL(toolsJs).href);
await $init;

// ---- S-expression reader over the raw bytes -------------------------------
const text = readFileSync(src);
let pos = 0, line = 1;

function skipSpace() {
    for (;;) {
        const c = text[pos];
        if (c === 0x0a) { line++; pos++; }
        else if (c === 0x20 || c === 0x09 || c === 0x0d) pos++;
        else if (c === 0x3b && text[pos + 1] === 0x3b) {        // ;; to end of line
            while (pos < text.length && text[pos] !== 0x0a) pos++;
        } else if (c === 0x28 && text[pos + 1] === 0x3b) {      // (; nested ;)
            let depth = 0;
            do {
                if (pos >= text.length) throw new Error(`line ${line}: unterminated comment`);
                if (text[pos] === 0x28 && text[pos + 1] === 0x3b) { depth++; pos += 2; }
                else if (text[pos] === 0x3b && text[pos + 1] === 0x29) { depth--; pos += 2; }
                else { if (text[pos] === 0x0a) line++; pos++; }
            } while (depth > 0);
        } else return;
    }
}

function hexval(c) {
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
    if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
    return -1;
}

// A string token: its bytes after escapes.
function readString() {
    const bytes = [];
    pos++;
    for (;;) {
        if (pos >= text.length) throw new Error(`line ${line}: unterminated string`);
        const c = text[pos++];
        if (c === 0x22) break;
        if (c === 0x0a) line++;
        if (c !== 0x5c) { bytes.push(c); continue; }
        const e = text[pos++];
        if (e === 0x6e) bytes.push(0x0a);
        else if (e === 0x74) bytes.push(0x09);
        else if (e === 0x72) bytes.push(0x0d);
        else if (e === 0x22 || e === 0x27 || e === 0x5c) bytes.push(e);
        else if (e === 0x75) {                                   // \u{hex}
            let end = text.indexOf(0x7d, pos);
            const cp = parseInt(text.subarray(pos + 1, end).toString().replace(/_/g, ''), 16);
            bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
            pos = end + 1;
        } else {
            bytes.push(hexval(e) * 16 + hexval(text[pos++]));
        }
    }
    return Buffer.from(bytes);
}

// Nodes: {list: [...], start, end, line} | {atom: 'text', start} |
// {str: Buffer, start}; start and end are byte offsets into the script.
function readNode() {
    skipSpace();
    const c = text[pos];
    if (c === 0x28) {
        const node = { list: [], start: pos, line };
        pos++;
        for (;;) {
            skipSpace();
            if (pos >= text.length) throw new Error(`line ${node.line}: unbalanced (`);
            if (text[pos] === 0x29) { pos++; break; }
            const child = readNode();
            // annotations (@name ...) are left out of the script's structure
            // (they stay in a module's text, which the wat parser reads)
            if (!(child.list && child.list[0] && child.list[0].atom && child.list[0].atom[0] === '@'))
                node.list.push(child);
        }
        node.end = pos;
        return node;
    }
    const start = pos;
    if (c === 0x22) return { str: readString(), start };
    while (pos < text.length) {
        const d = text[pos];
        if (d === 0x20 || d === 0x09 || d === 0x0a || d === 0x0d || d === 0x28 || d === 0x29 ||
            d === 0x22 || (d === 0x3b && text[pos + 1] === 0x3b))
            break;
        pos++;
    }
    if (pos === start) throw new Error(`line ${line}: unexpected character`);
    return { atom: text.subarray(start, pos).toString(), start };
}

let forms = [];
for (;;) {
    skipSpace();
    if (pos >= text.length) break;
    forms.push(readNode());
}
// A script may be a bare module: its fields only (inline-module.wast).
const FIELDS = ['type', 'rec', 'import', 'func', 'table', 'memory', 'global', 'export', 'start',
                'elem', 'data', 'tag'];
if (forms.length && FIELDS.includes(forms[0].list && forms[0].list[0] && forms[0].list[0].atom))
    forms = [{ list: [{ atom: 'module' }, ...forms], start: 0, end: text.length + 1, line: 1, bare: true }];

// ---- values ----------------------------------------------------------------
const head = (n) => (n && n.list && n.list[0] && n.list[0].atom) || null;
const WIDTH = { i8: 8n, i16: 16n, i32: 32n, i64: 64n };

function parseInt_(s, bits) {
    let t = s.replace(/_/g, ''), neg = false;
    if (t[0] === '-' || t[0] === '+') { neg = t[0] === '-'; t = t.slice(1); }
    let v = BigInt(t.startsWith('0x') || t.startsWith('0X') ? '0x' + t.slice(2) : t);
    if (neg) v = -v;
    return BigInt.asUintN(Number(bits), v).toString();
}

// Float literals, encoded by the wat parser in one batch per script.
const floats = { f32: new Map(), f64: new Map() };
function floatSlot(type, lit) {
    if (lit === 'nan:canonical' || lit === 'nan:arithmetic') return lit;
    const m = floats[type];
    if (!m.has(lit)) m.set(lit, { value: null });
    return m.get(lit);
}

// A constant: {type, value} (value may be a float slot resolved later).
function constant(n) {
    const op = head(n), args = n.list.slice(1).map((a) => a.atom);
    switch (op) {
    case 'i32.const': return { type: 'i32', value: parseInt_(args[0], 32n) };
    case 'i64.const': return { type: 'i64', value: parseInt_(args[0], 64n) };
    case 'f32.const': return { type: 'f32', value: floatSlot('f32', args[0]) };
    case 'f64.const': return { type: 'f64', value: floatSlot('f64', args[0]) };
    case 'v128.const': {
        const shape = args[0], lt = shape.split('x')[0];
        const lanes = args.slice(1).map((a) =>
            lt[0] === 'f' ? floatSlot(lt, a) : parseInt_(a, WIDTH[lt]));
        return { type: 'v128', lane_type: lt, value: lanes };
    }
    case 'ref.null': return { type: (args[0] || '') + 'ref', value: 'null' };
    case 'ref.extern': case 'ref.host':
        return args[0] === undefined ? { type: op.slice(4) + 'ref' }
            : { type: op.slice(4) + 'ref', value: parseInt_(args[0], 32n) };
    case 'either': return { type: 'either', values: n.list.slice(1).map(constant) };
    default:
        if (op && op.startsWith('ref.') && args.length === 0) return { type: op.slice(4) + 'ref' };
        throw new Error(`unsupported value ${op}`);
    }
}

function resolveFloats() {
    const order = [];
    let wat = '(module';
    for (const t of ['f32', 'f64'])
        for (const [lit, slot] of floats[t]) {
            wat += ` (global ${t} (${t}.const ${lit}))`;
            order.push([t, slot]);
        }
    if (!order.length) return;
    const bin = tools.parse(wat + ')');
    // the global section (id 6): count, then per global type, mut, init expr
    let p = 8;
    const leb = () => { let r = 0, s = 0, b; do { b = bin[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
    while (bin[p] !== 6) { p++; const len = leb(); p += len; }
    p++; leb();
    const n = leb();
    for (let i = 0; i < n; i++) {
        const [t, slot] = order[i];
        p += 2;                                   // valtype, mutability
        const op = bin[p++];                      // 0x43 f32.const / 0x44 f64.const
        const w = op === 0x43 ? 4 : 8;
        let v = 0n;
        for (let k = w - 1; k >= 0; k--) v = (v << 8n) | BigInt(bin[p + k]);
        p += w + 1;                               // bytes, end
        slot.value = v.toString();
        if (t !== (w === 4 ? 'f32' : 'f64')) throw new Error('float batch out of order');
    }
}

function finishValue(v) {
    if (v.type === 'either') { v.values.forEach(finishValue); return; }
    const fix = (x) => (typeof x === 'object' && x !== null ? x.value : x);
    if (Array.isArray(v.value)) v.value = v.value.map(fix);
    else if (v.value !== undefined) v.value = fix(v.value);
}

// ---- modules ---------------------------------------------------------------
const name = basename(out, '.json');
const outDir = dirname(out);
mkdirSync(outDir, { recursive: true });
let nfile = 0;

// {kind: 'binary'|'quote'|'text', id, bytes|text, definition}
function moduleOf(n) {
    const items = n.list.slice(1);
    let i = 0, definition = false, id = null;
    if (items[i] && items[i].atom === 'definition') { definition = true; i++; }
    if (items[i] && items[i].atom && items[i].atom[0] === '$') id = items[i++].atom;
    const kw = items[i] && items[i].atom;
    if (kw === 'binary')
        return { kind: 'binary', id, definition, bytes: Buffer.concat(items.slice(i + 1).map((s) => s.str)) };
    if (kw === 'quote')
        return { kind: 'quote', id, definition,
                 text: '(module ' + items.slice(i + 1).map((s) => s.str.toString('utf8')).join(' ') + ')' };
    // the module's own text with "definition" and the id left out
    const body = i < items.length ? text.subarray(items[i].start, n.bare ? text.length : n.end - 1)
        : Buffer.alloc(0);
    return { kind: 'text', id, definition, text: '(module ' + asciiOnly(body) + ')' };
}

// The text with every non-ASCII byte of a string written as \hh and of a
// comment as '?': the same module, but wasm-tools' lexer refuses some
// Unicode (bidi controls) that the spec's names.wast puts in strings.
function asciiOnly(buf) {
    let o = '', i = 0, depth = 0;
    let mode = 0;                 // 0 code, 1 string, 2 line comment, 3 block comment
    while (i < buf.length) {
        const c = buf[i], d = buf[i + 1];
        if (mode === 0) {
            if (c === 0x22) mode = 1;
            else if (c === 0x3b && d === 0x3b) mode = 2;
            else if (c === 0x28 && d === 0x3b) { mode = 3; depth = 1; o += '(;'; i += 2; continue; }
        } else if (mode === 1) {
            if (c === 0x5c) { o += String.fromCharCode(c, d); i += 2; continue; }
            if (c === 0x22) mode = 0;
        } else if (mode === 2) {
            if (c === 0x0a) mode = 0;
        } else {
            if (c === 0x28 && d === 0x3b) { depth++; o += '(;'; i += 2; continue; }
            if (c === 0x3b && d === 0x29) {
                if (--depth === 0) mode = 0;
                o += ';)'; i += 2; continue;
            }
        }
        if (c < 0x80) o += String.fromCharCode(c);
        else o += mode === 1 ? '\\' + c.toString(16).padStart(2, '0') : '?';
        i++;
    }
    return o;
}

// Encode; on success the command gets filename + module_type binary, on
// failure an "error" (the runner fails the command).
function emitBinary(cmd, m) {
    let bytes = m.bytes;
    if (!bytes) {
        try {
            bytes = Buffer.from(tools.parse(m.text));
        } catch (e) {
            cmd.error = 'wasm-tools cannot encode the module: ' +
                String(e && e.payload !== undefined ? e.payload : e).replace(/\s+/g, ' ').slice(0, 300);
            return;
        }
    }
    const fn = `${name}.${nfile++}.wasm`;
    writeFileSync(join(outDir, fn), bytes);
    cmd.filename = fn;
    cmd.module_type = 'binary';
}

function emitText(cmd, m) {
    const fn = `${name}.${nfile++}.wat`;
    writeFileSync(join(outDir, fn), m.text);
    cmd.filename = fn;
    cmd.module_type = 'text';
}

function action(n) {
    const op = head(n), items = n.list.slice(1);
    let i = 0;
    const a = { type: op };
    if (items[i] && items[i].atom && items[i].atom[0] === '$') a.module = items[i++].atom;
    a.field = items[i++].str.toString('utf8');
    if (op === 'invoke') a.args = items.slice(i).map(constant);
    return a;
}

const values = [];
const commands = [];
for (const f of forms) {
    const op = head(f);
    const cmd = { type: op, line: f.line };
    try {
        switch (op) {
        case 'module': {
            const items = f.list.slice(1);
            if (items[0] && items[0].atom === 'instance') {
                cmd.type = 'module_instance';
                const ids = items.slice(1).map((x) => x.atom);
                if (ids.length === 2) { cmd.instance = ids[0]; cmd.module = ids[1]; }
                else cmd.module = ids[0];
                break;
            }
            const m = moduleOf(f);
            if (m.definition) cmd.type = 'module_definition';
            if (m.id) cmd.name = m.id;
            emitBinary(cmd, m);
            break;
        }
        case 'register':
            cmd.as = f.list[1].str.toString('utf8');
            if (f.list[2]) cmd.name = f.list[2].atom;
            break;
        case 'invoke': case 'get':
            cmd.type = 'action';
            cmd.action = action(f);
            values.push(...(cmd.action.args || []));
            cmd.expected = [];
            break;
        case 'assert_return': case 'assert_exhaustion': case 'assert_exception':
        case 'assert_trap': {
            const target = f.list[1];
            if (op === 'assert_trap' && head(target) === 'module') {
                cmd.type = 'assert_uninstantiable';
                emitBinary(cmd, moduleOf(target));
                cmd.text = f.list[2].str.toString('utf8');
                break;
            }
            cmd.action = action(target);
            values.push(...(cmd.action.args || []));
            if (op === 'assert_return') {
                cmd.expected = f.list.slice(2).map(constant);
                values.push(...cmd.expected);
            } else if (op !== 'assert_exception') {
                cmd.text = f.list[2].str.toString('utf8');
            }
            break;
        }
        case 'assert_malformed': case 'assert_invalid': case 'assert_unlinkable': {
            const m = moduleOf(f.list[1]);
            cmd.text = f.list[2].str.toString('utf8');
            if (op === 'assert_malformed' && m.kind !== 'binary') emitText(cmd, m);
            else emitBinary(cmd, m);
            break;
        }
        default:
            cmd.error = `unsupported script command ${op}`;
        }
    } catch (e) {
        cmd.error = `cannot convert: ${e.message}`;
    }
    commands.push(cmd);
}
resolveFloats();
values.forEach(finishValue);
// one command a line, as wast2json writes them
writeFileSync(out, `{"source_filename": ${JSON.stringify(src)},\n "commands": [\n` +
              commands.map((c) => '  ' + JSON.stringify(c)).join(',\n') + ']}\n');
