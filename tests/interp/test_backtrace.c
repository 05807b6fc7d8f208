/*
 * test_backtrace.c - host unit tests of where a trap happened
 * (wasm_exec_backtrace, wasm_module_func_name, wasm_frame_format): every
 * kind of trapping instruction, calls, stack exhaustion, folded and fused
 * instructions, in eagerly and lazily compiled code (and, through the
 * interp-switch suite, the switch dispatch). The expected offsets come
 * from the module's bytes: the test walks the code section itself and
 * finds each instruction by its encoding (tests/interp/wat/backtrace.wat).
 */
#include <stdio.h>
#include <string.h>

#include "wasm.h"
#include "test_interp.h"

static uint8_t bytes[1 << 16];
static size_t nbytes;

static uint32_t leb(size_t *i)
{
    uint32_t v = 0;
    for (unsigned s = 0;; s += 7) {
        uint8_t b = bytes[(*i)++];
        v |= (uint32_t)(b & 0x7f) << s;
        if (!(b & 0x80))
            return v;
    }
}

/* The code section's contents and each function's entry (no imports in
 * backtrace.wat): start of the entry (its locals) and end of its body. */
static size_t code_sec, entry[32], entry_end[32];
static uint32_t nfuncs;

static bool parse(void)
{
    size_t i = 8;
    while (i < nbytes) {
        uint8_t id = bytes[i++];
        uint32_t size = leb(&i);
        size_t end = i + size;
        if (id == 10) {
            code_sec = i;
            nfuncs = leb(&i);
            CHECK(nfuncs <= 32);
            for (uint32_t f = 0; f < nfuncs; f++) {
                uint32_t fs = leb(&i);
                entry[f] = i;
                entry_end[f] = i + fs;
                i += fs;
            }
        }
        i = end;
    }
    return nfuncs > 0;
}

/* Module offset of the last match of seq in function f's entry. */
static size_t find(uint32_t f, const uint8_t *seq, size_t n)
{
    for (size_t p = entry_end[f] - n; p >= entry[f]; p--)
        if (!memcmp(bytes + p, seq, n))
            return p;
    return 0;
}

/* Is frame fr function f at the instruction encoded as seq? */
static bool at(const wasm_frame_t *fr, uint32_t f, const uint8_t *seq, size_t n)
{
    size_t p = find(f, seq, n);
    CHECK(p);
    if (fr->func != f || !fr->exact || fr->offset != p - code_sec || fr->func_offset != p - entry[f])
        printf("    frame: func %u offset %#x (+%#x) exact %d; want func %u offset %#zx (+%#zx)\n",
               fr->func, fr->offset, fr->func_offset, fr->exact, f, p - code_sec, p - entry[f]);
    CHECK(fr->func == f && fr->exact);
    CHECK(fr->offset == p - code_sec && fr->func_offset == p - entry[f]);
    return true;
}

#define SEQ(...) (const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ })

/* Call export name(a, b) and expect trap t with the innermost frame in
 * function f at seq, and depth frames in all. */
static bool trap_at(wasm_exec_t *ex, wasm_instance_t *inst, const char *name, uint32_t a,
                    uint32_t b, wasm_trap_t t, uint32_t depth, uint32_t f,
                    const uint8_t *seq, size_t n)
{
    wasm_extern_t e;
    CHECK(wasm_instance_export(inst, name, &e) && e.kind == WASM_EXTERN_FUNC);
    wasm_val_t args[2] = { { .i32 = a }, { .i32 = b } };
    wasm_status_t st = wasm_exec_call(ex, e.u.func, args, wasm_func_type(e.u.func)->nparams);
    if (st != WASM_TRAPPED || wasm_exec_trap(ex) != t)
        printf("    %s: status %d trap %d, want trap %d\n", name, st, wasm_exec_trap(ex), t);
    CHECK(st == WASM_TRAPPED && wasm_exec_trap(ex) == t);
    wasm_frame_t fr[WASM_BACKTRACE_MAX + 4];
    uint32_t d = wasm_exec_backtrace(ex, fr, WASM_BACKTRACE_MAX + 4);
    if (d != depth)
        printf("    %s: depth %u, want %u\n", name, d, depth);
    CHECK(d == depth);
    if (!at(&fr[0], f, seq, n)) {
        printf("    (export %s)\n", name);
        return false;
    }
    return true;
}

static bool run_all(bool lazy)
{
    char err[128];
    wasm_trap_t trap;
    wasm_module_t *m = wasm_module_new(bytes, nbytes, err, sizeof err);
    CHECK(m);
    if (lazy)
        CHECK(wasm_module_compile_lazy(m, err, sizeof err));
    wasm_exec_t *ex = wasm_exec_new(0, 200);
    wasm_instance_t *inst = wasm_instantiate(m, NULL, 0, NULL, NULL, ex, &trap, err, sizeof err);
    CHECK(ex && inst);
    bool ok =
        trap_at(ex, inst, "load", 65533, 0, WASM_TRAP_MEM_OOB, 1, 3, SEQ(0x28, 0x02, 0x04)) &&
        trap_at(ex, inst, "store", 65529, 0, WASM_TRAP_MEM_OOB, 1, 4, SEQ(0x37, 0x03, 0x00)) &&
        trap_at(ex, inst, "unreach", 0, 0, WASM_TRAP_UNREACHABLE, 1, 5, SEQ(0x00, 0x0b)) &&
        trap_at(ex, inst, "indirect", 0, 0, WASM_TRAP_INDIRECT_TYPE, 1, 6, SEQ(0x11, 0x00, 0x00)) &&
        trap_at(ex, inst, "recurse", 0, 0, WASM_TRAP_STACK_EXHAUSTED, 200, 7, SEQ(0x10, 0x07)) &&
        trap_at(ex, inst, "addload", 0, 65535, WASM_TRAP_MEM_OOB, 1, 8, SEQ(0x28, 0x02, 0x00)) &&
        trap_at(ex, inst, "divload", 1, 65535, WASM_TRAP_MEM_OOB, 1, 9, SEQ(0x28, 0x02, 0x00)) &&
        trap_at(ex, inst, "divload", 1, 0, WASM_TRAP_INT_DIV_ZERO, 1, 9, SEQ(0x6e)) &&
        trap_at(ex, inst, "conv", 0, 0, WASM_TRAP_INVALID_CONVERSION, 1, 10, SEQ(0xa8)) &&
        trap_at(ex, inst, "brdiv", 0, 0, WASM_TRAP_INT_DIV_ZERO, 1, 11, SEQ(0x6e)) &&
        trap_at(ex, inst, "chain", 0, 0, WASM_TRAP_INT_DIV_ZERO, 3, 0, SEQ(0x6d));
    if (ok) {   /* the callers of the last one, at their calls */
        wasm_frame_t fr[3];
        CHECK(wasm_exec_backtrace(ex, fr, 3) == 3);
        ok = at(&fr[1], 1, SEQ(0x10, 0x00)) && at(&fr[2], 2, SEQ(0x10, 0x01));
        char line[128];
        wasm_frame_format(&fr[0], true, line, sizeof line);
        char want[128];
        snprintf(want, sizeof want, "at div (func 0) +%#x, code offset %#x", fr[0].func_offset,
                 fr[0].offset);
        if (strcmp(line, want))
            printf("    line \"%s\", want \"%s\"\n", line, want);
        ok = ok && !strcmp(line, want);
        wasm_frame_format(&fr[2], false, line, sizeof line);
        ok = ok && !strncmp(line, "from outer (func 2) +0x", 23);
    }
    if (ok) {   /* stack exhaustion keeps the innermost frames, each at its call */
        wasm_extern_t e;
        wasm_instance_export(inst, "recurse", &e);
        wasm_exec_call(ex, e.u.func, NULL, 0);
        wasm_frame_t fr[WASM_BACKTRACE_MAX + 4];
        CHECK(wasm_exec_backtrace(ex, fr, WASM_BACKTRACE_MAX + 4) == 200);
        for (uint32_t i = 0; i < WASM_BACKTRACE_MAX && ok; i++)
            ok = at(&fr[i], 7, SEQ(0x10, 0x07));
        /* a call that finishes has no backtrace */
        wasm_instance_export(inst, "brdiv", &e);
        wasm_val_t one = { .i32 = 1 };
        ok = ok && wasm_exec_call(ex, e.u.func, &one, 1) == WASM_OK &&
             wasm_exec_backtrace(ex, fr, 4) == 0;
    }
    wasm_instance_free(inst);
    wasm_exec_free(ex);
    wasm_module_free(m);
    return ok;
}

bool t_backtrace(void)
{
    CHECK(test_read_file("backtrace", bytes, sizeof bytes, &nbytes));
    CHECK(parse());
    printf("    eager:\n");
    bool ok = run_all(false);
    printf("    lazy:\n");
    return run_all(true) && ok;
}

/* Names: from the name section, else an export; a malformed name section
 * is read safely (under ASan in interp-san). */
bool t_func_names(void)
{
    char err[128];
    CHECK(test_read_file("backtrace", bytes, sizeof bytes, &nbytes));
    wasm_module_t *m = wasm_module_new(bytes, nbytes, err, sizeof err);
    CHECK(m);
    uint32_t len = 0;
    const char *n = wasm_module_func_name(m, 8, &len);
    CHECK(n && len == 7 && !memcmp(n, "addload", 7));
    CHECK(!wasm_module_func_name(m, 99, &len));
    wasm_module_free(m);
    /* without a name section: the export names it, else nothing */
    CHECK(test_read_file("traps", bytes, sizeof bytes, &nbytes));
    CHECK((m = wasm_module_new(bytes, nbytes, err, sizeof err)));
    n = wasm_module_func_name(m, 2, &len);
    CHECK(n && len == 11 && !memcmp(n, "unreachable", 11));
    CHECK(!wasm_module_func_name(m, 0, &len));
    wasm_module_free(m);
    /* a name section whose name runs past its end: no name, no overread */
    static const uint8_t bad[] = {
        0, 'a', 's', 'm', 1, 0, 0, 0,
        1, 4, 1, 0x60, 0, 0,                    /* type () -> () */
        3, 2, 1, 0,                             /* one function */
        10, 4, 1, 2, 0, 0x0b,                   /* its body */
        0, 11, 4, 'n', 'a', 'm', 'e', 1, 4, 1, 0, 0x7f, 'x',
    };
    CHECK((m = wasm_module_new(bad, sizeof bad, err, sizeof err)));
    CHECK(!wasm_module_func_name(m, 0, &len));
    wasm_module_free(m);
    return true;
}
