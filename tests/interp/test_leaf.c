/*
 * test_leaf.c - calls of leaf host functions (wasm.h wasm_func_set_leaf):
 * the interpreter calls them straight from the call instruction, with a
 * constant first argument folded in (CALL_K), no memory reload and no
 * poll after them. What a leaf must still see (its caller, the caller's
 * memory after memory.grow), what it must still be able to do (trap,
 * ask for an abort that the next back-edge takes), and the same results
 * as the ordinary host-call path.
 */
#include <stdio.h>

#include "test_interp.h"
#include "wasm.h"

typedef struct {
    wasm_instance_t *inst;      /* the caller every call must see */
    unsigned calls;
    unsigned abort_at;          /* request an abort in this call (0: never) */
    uint64_t seen_size;         /* the caller's memory size, last call */
    bool bad_caller;
} leaf_env_t;

static wasm_trap_t leaf(wasm_exec_t *ex, void *env, const wasm_val_t *a, wasm_val_t *r)
{
    leaf_env_t *e = env;
    uint64_t size;
    e->calls++;
    if (wasm_exec_caller(ex) != e->inst)
        e->bad_caller = true;
    uint8_t *base = wasm_exec_memory(ex, &size);
    e->seen_size = base ? size : 0;
    if (e->abort_at && e->calls == e->abort_at)
        wasm_exec_request_abort(ex);
    if (a[0].i32 == 99)
        return WASM_TRAP_HOST;
    r[0].i64 = (uint64_t)a[0].i32 * 3 + 1;
    return WASM_TRAP_NONE;
}

static wasm_trap_t leaf2(wasm_exec_t *ex, void *env, const wasm_val_t *a, wasm_val_t *r)
{
    (void)ex, (void)env;
    r[0].i64 = (uint64_t)a[0].i32 * 100 + a[1].i32;
    return WASM_TRAP_NONE;
}

static bool call1(wasm_exec_t *ex, wasm_instance_t *inst, const char *name, const wasm_val_t *a,
                  uint32_t na, wasm_status_t want, uint64_t *res)
{
    wasm_extern_t x;
    CHECK(wasm_instance_export(inst, name, &x) && x.kind == WASM_EXTERN_FUNC);
    wasm_status_t st = wasm_exec_call(ex, x.u.func, a, na);
    if (st != want)
        printf("    %s: status %d, trap %d\n", name, (int)st, (int)wasm_exec_trap(ex));
    CHECK(st == want);
    if (st == WASM_OK && res) {
        uint32_t n;
        *res = wasm_exec_results(ex, &n)[0].i64;
        CHECK(n == 1);
    }
    return true;
}

/* One run of every export with leaf set or not: the same answers. */
static bool run(bool as_leaf)
{
    uint8_t buf[4096];
    size_t len;
    char err[128];
    CHECK(test_read_file("leaf", buf, sizeof buf, &len));
    wasm_module_t *m = wasm_module_new(buf, len, err, sizeof err);
    CHECK(m);
    static const uint8_t t1[] = { WASM_I32, WASM_I64 }, t2[] = { WASM_I32, WASM_I32, WASM_I64 };
    wasm_functype_t ft1 = { 1, 1, t1, t1 + 1 }, ft2 = { 2, 1, t2, t2 + 2 };
    leaf_env_t e = { 0 };
    wasm_func_t *f1 = wasm_func_new_host(&ft1, leaf, &e), *f2 = wasm_func_new_host(&ft2, leaf2, NULL);
    CHECK(f1 && f2);
    if (as_leaf) {
        wasm_func_set_leaf(f1);
        wasm_func_set_leaf(f2);
    }
    wasm_extern_t imp[2] = { { .kind = WASM_EXTERN_FUNC, .u.func = f1 },
                             { .kind = WASM_EXTERN_FUNC, .u.func = f2 } };
    wasm_exec_t *ex = wasm_exec_new(0, 0);
    wasm_trap_t trap;
    wasm_instance_t *inst = wasm_instantiate(m, imp, 2, NULL, NULL, ex, &trap, err, sizeof err);
    CHECK(inst);
    e.inst = inst;
    uint64_t r = 0;
    wasm_val_t a = { .i32 = 10 };
    CHECK(call1(ex, inst, "k", NULL, 0, WASM_OK, &r) && r == 22);
    CHECK(e.seen_size == 65536);
    CHECK(call1(ex, inst, "v", &a, 1, WASM_OK, &r) && r == 31);
    CHECK(call1(ex, inst, "two", &a, 1, WASM_OK, &r) && r == 510);
    CHECK(call1(ex, inst, "grown", NULL, 0, WASM_OK, &r) && r == 4);
    CHECK(e.seen_size == 3 * 65536);          /* the view after memory.grow */
    CHECK(call1(ex, inst, "loop", &a, 1, WASM_OK, &r) && r == 3 * 55 + 10);
    a.i32 = 99;                                /* the host function traps */
    CHECK(call1(ex, inst, "v", &a, 1, WASM_TRAPPED, NULL));
    CHECK(wasm_exec_trap(ex) == WASM_TRAP_HOST);
    CHECK(!e.bad_caller);
    /* an abort asked for in the 3rd call: taken at the next back-edge
     * (a leaf) or on the return (not a leaf); no 4th call either way */
    e.calls = 0;
    e.abort_at = 3;
    a.i32 = 10;
    CHECK(call1(ex, inst, "loop", &a, 1, WASM_TRAPPED, NULL));
    CHECK(wasm_exec_trap(ex) == WASM_TRAP_ABORTED);
    CHECK(e.calls == 3);
    wasm_exec_free(ex);
    wasm_instance_free(inst);
    wasm_func_free(f1);
    wasm_func_free(f2);
    wasm_module_free(m);
    return true;
}

bool t_leaf_calls(void)
{
    return run(false) && run(true);
}
