/*
 * backtrace.c - where a call trapped, for people: the wasm call stack of
 * a trap (function index and wasm offsets, through the compiler's trap
 * map, tracemap.c), function names from the module's name section, and
 * the one line format the kernel and jwasm print (wasm.h).
 */
#include "interp/rtobj.h"
#include "interp/code.h"
#include "interp/reader.h"

/* The frame of code address pc in inst. A caller's pc is its continuation
 * (after the call): the call is the instruction before it. */
static wasm_frame_t resolve(const wasm_instance_t *inst, const void *pc, bool innermost,
                            wasm_trap_t t)
{
    const wasm_module_t *m = inst ? inst->module : NULL;
    wasm_frame_t fr = { .module = m, .func = UINT32_MAX };
    const wcode_fn_t *f = wcode_locate(m, pc);
    if (!f || !m)       /* no module finds no function; said for the analyzer */
        return fr;
    const wcell_t *code = f->code;
    uint32_t k = (uint32_t)((const wcell_t *)pc - code) - (innermost ? 0 : 1);
    uint32_t off = 0;
    /* a kill or the fuel stops at a poll (a branch target, a function's
     * entry), which no record names: say the function, not a guess */
    bool poll = innermost && (t == WASM_TRAP_ABORTED || t == WASM_TRAP_FUEL);
    fr.exact = !poll && wcode_map_lookup(code, k, innermost && t == WASM_TRAP_MEM_OOB, &off);
    if (!fr.exact)
        off = 0;
    const wmod_func_t *mf = &m->funcs[f->index];
    uint32_t at = (uint32_t)(mf->body - m->bytes) + off;
    fr.func = f->index;
    fr.offset = at - m->code_sec;
    fr.func_offset = at - mf->entry;
    return fr;
}

void wexec_backtrace(wasm_exec_t *ex, wasm_trap_t t)
{
    uint32_t d = ex->trap_depth, n = 0;
    ex->bt_depth = d;
    if (d)
        ex->bt[n++] = resolve(ex->inst, ex->pc, true, t);
    /* frames[i] holds the continuation of the caller of the function
     * running at depth i; frames[0] is the host's */
    for (uint32_t i = d; i > 1 && n < WASM_BACKTRACE_MAX; i--)
        ex->bt[n++] = resolve(ex->frames[i - 1].inst, ex->frames[i - 1].ret_pc, false, t);
    ex->bt_n = n;
}

uint32_t wasm_exec_backtrace(const wasm_exec_t *ex, wasm_frame_t *frames, uint32_t max)
{
    if (!ex)
        return 0;
    for (uint32_t i = 0; i < ex->bt_n && i < max; i++)
        frames[i] = ex->bt[i];
    return ex->bt_depth;
}

const char *wasm_module_func_name(const wasm_module_t *m, uint32_t func, uint32_t *len)
{
    if (!m || !m->bytes)
        return NULL;
    wrd_t r;
    wrd_init(&r, m->bytes + m->names_off, m->bytes + m->names_off + m->names_len, WRD_EOF);
    while (m->names_len && wrd_left(&r) && wrd_ok(&r)) {
        uint8_t id = wrd_u8(&r);
        uint32_t size = wrd_len(&r);
        const uint8_t *sub = wrd_bytes(&r, size);     /* checked against what is left */
        if (!sub)
            break;
        if (id == 1) {              /* function names: (index, name)* */
            wrd_t s;
            wrd_init(&s, sub, sub + size, WRD_EOF);
            uint32_t n = wrd_u32(&s);
            for (uint32_t i = 0; i < n && wrd_ok(&s); i++) {
                uint32_t idx = wrd_u32(&s);
                uint32_t l = wrd_len(&s);
                const uint8_t *p = wrd_bytes(&s, l);
                if (p && idx == func) {
                    *len = l;
                    return (const char *)p;
                }
            }
            break;
        }
    }
    for (uint32_t i = 0; i < m->nexports; i++) {
        const wmod_export_t *e = &m->exports[i];
        if (e->kind == WASM_EXTERN_FUNC && e->index == func) {
            *len = e->name_len;
            return e->name;
        }
    }
    return NULL;
}

/* ---- the line ---- */

typedef struct {
    char *buf;
    size_t len, n;
} out_t;

static void put(out_t *o, char ch)
{
    if (o->n + 1 < o->len)
        o->buf[o->n++] = ch;
}

static void puts_(out_t *o, const char *s)
{
    while (*s)
        put(o, *s++);
}

static void putnum(out_t *o, uint32_t v, unsigned base)
{
    char d[12];
    int i = 0;
    do {
        d[i++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (base == 16)
        puts_(o, "0x");
    while (i)
        put(o, d[--i]);
}

#define NAME_MAX_SHOWN 64

size_t wasm_frame_format(const wasm_frame_t *f, bool innermost, char *buf, size_t len)
{
    out_t o = { buf, len, 0 };
    if (!len)
        return 0;
    puts_(&o, innermost ? "at " : "from ");
    if (f->func == UINT32_MAX) {
        puts_(&o, "? (outside the module's code)");
    } else {
        uint32_t nl = 0;
        const char *name = wasm_module_func_name(f->module, f->func, &nl);
        if (name) {
            for (uint32_t i = 0; i < nl && i < NAME_MAX_SHOWN; i++)
                put(&o, (char)(name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?'));
            if (nl > NAME_MAX_SHOWN)
                puts_(&o, "...");
            puts_(&o, " (");
        }
        puts_(&o, "func ");
        putnum(&o, f->func, 10);
        if (name)
            put(&o, ')');
        if (f->exact) {
            puts_(&o, " +");
            putnum(&o, f->func_offset, 16);
            puts_(&o, ", code offset ");
            putnum(&o, f->offset, 16);
        } else {
            puts_(&o, " (code offset ");
            putnum(&o, f->offset, 16);
            puts_(&o, ": its start)");
        }
    }
    buf[o.n] = 0;
    return o.n;
}
