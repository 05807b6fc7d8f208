/*
 * test_inst_fail.c - instantiation that cannot leak (wasm.h
 * wasm_instantiate_slot; docs/hardening.md section 4), checked on the
 * host under ASan with runtime hooks of its own (this program does not
 * link libhost's): every block the engine allocates is kept in a list,
 * so what is left after a test is a leak, and ASan catches a double free.
 *
 *   fail: the Nth allocation returns NULL, for every N up to the last
 *         one instantiation makes: it fails cleanly (or the start
 *         function sees memory.grow / table.grow return -1 and goes on),
 *         the slot is NULL or the instance, and after freeing the slot,
 *         the exec and the module nothing is left.
 *   kill: the kernel kills a task at a safe point: the host asks the
 *         exec to abort (wasm_exec_request_abort) from inside the start
 *         function's Nth host call, for every N. Instantiation must fail
 *         with WASM_TRAP_ABORTED, the slot NULL, and after freeing the
 *         exec and the module nothing is left; an abort requested before
 *         the call makes it fail at once, the same way.
 *   lazy: the module compiled function by function on first call
 *         (wasm_module_compile_lazy): the Nth allocation of the first
 *         call of `outer` (its compilation, then its callee's, from
 *         wasm) fails, for every N: the call traps with
 *         WASM_TRAP_OUT_OF_MEMORY, the next call compiles what is left
 *         and returns 40, and nothing is left after freeing.
 * Module: tests/interp/wat/instfail.wat. Suite interp-inst.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm.h"

/* ---- the runtime hooks: a list of live blocks ---- */

typedef struct blk {
    struct blk *prev, *next;
    size_t n;
    size_t pad;                 /* keeps the payload 16-byte aligned */
} blk_t;

static blk_t live = { &live, &live, 0, 0 };
static long nlive;
static long nallocs;            /* allocation calls (alloc and realloc) */
static long fail_at = -1;       /* fail allocation number fail_at */
static long kill_at = -1;       /* abort in host call number kill_at */
static bool lazy;               /* env_open: compile on first call */

static void *take(size_t n)
{
    blk_t *b = calloc(1, sizeof *b + (n ? n : 1));
    if (!b)
        abort();
    b->n = n;
    b->next = live.next;
    b->prev = &live;
    live.next->prev = b;
    live.next = b;
    nlive++;
    return b + 1;
}

static void give(void *p)
{
    blk_t *b = (blk_t *)p - 1;
    b->prev->next = b->next;
    b->next->prev = b->prev;
    nlive--;
    free(b);
}

void *wasm_rt_alloc(size_t n)
{
    if (nallocs++ == fail_at)
        return NULL;
    return take(n);
}

void *wasm_rt_realloc(void *p, size_t old_n, size_t new_n)
{
    if (nallocs++ == fail_at)
        return NULL;
    void *q = take(new_n);
    if (p)
        memcpy(q, p, old_n < new_n ? old_n : new_n);
    if (p)
        give(p);
    return q;
}

void wasm_rt_free(void *p)
{
    if (p)
        give(p);
}

/* Free whatever a leaky run left (so that LeakSanitizer stays quiet). */
static long drain(void)
{
    long n = nlive;
    while (live.next != &live)
        give(live.next + 1);
    return n;
}

/* ---- the module and its imports ---- */

static const char *wasm_dir;
static uint8_t wasm_bytes[1 << 16];
static size_t wasm_len;
static long nticks;

static wasm_trap_t tick(wasm_exec_t *ex, void *env, const wasm_val_t *args, wasm_val_t *res)
{
    (void)env, (void)args, (void)res;
    if (nticks++ == kill_at)
        wasm_exec_request_abort(ex);    /* a kill posted from here */
    return WASM_TRAP_NONE;
}

static wasm_trap_t nine(wasm_exec_t *ex, void *env, const wasm_val_t *args, wasm_val_t *res)
{
    (void)ex, (void)env, (void)args;
    for (int i = 0; i < 9; i++)
        res[i].i32 = (uint32_t)(40 + i);
    return WASM_TRAP_NONE;
}

typedef struct {
    wasm_module_t *m;
    wasm_func_t *tick, *nine;
    wasm_exec_t *ex;
    wasm_extern_t imp[2];
} env_t;

/* Module, compiled code, host functions and exec: made with the hooks
 * neither failing nor killing. */
static bool env_open(env_t *e)
{
    char err[128];
    long fa = fail_at, ka = kill_at;
    fail_at = kill_at = -1;
    memset(e, 0, sizeof *e);
    e->m = wasm_module_new(wasm_bytes, wasm_len, err, sizeof err);
    static const uint8_t i32x9[9] = { WASM_I32, WASM_I32, WASM_I32, WASM_I32, WASM_I32,
                                      WASM_I32, WASM_I32, WASM_I32, WASM_I32 };
    wasm_functype_t t0 = { 0, 0, NULL, NULL }, t9 = { 0, 9, NULL, i32x9 };
    e->tick = wasm_func_new_host(&t0, tick, NULL);
    e->nine = wasm_func_new_host(&t9, nine, NULL);
    e->ex = wasm_exec_new(64 * 1024, 100);
    bool ok = e->m && e->tick && e->nine && e->ex &&
              (lazy ? wasm_module_compile_lazy : wasm_module_compile)(e->m, err, sizeof err);
    if (!ok)
        printf("    setup: %s\n", e->m ? err : "module");
    e->imp[0] = (wasm_extern_t){ .kind = WASM_EXTERN_FUNC, .u.func = e->tick };
    e->imp[1] = (wasm_extern_t){ .kind = WASM_EXTERN_FUNC, .u.func = e->nine };
    fail_at = fa;
    kill_at = ka;
    return ok;
}

static void env_close(env_t *e)
{
    fail_at = kill_at = -1;
    wasm_exec_free(e->ex);
    wasm_func_free(e->tick);
    wasm_func_free(e->nine);
    wasm_module_free(e->m);
}

/* A finished instance must work: start ran ($g = 40, the first of 9 results). */
static bool works(env_t *e, wasm_instance_t *inst)
{
    wasm_extern_t x;
    if (!wasm_instance_export(inst, "get", &x) || x.kind != WASM_EXTERN_FUNC)
        return false;
    long fa = fail_at;
    fail_at = -1;
    bool ok = wasm_exec_call(e->ex, x.u.func, NULL, 0) == WASM_OK;
    uint32_t n = 0;
    const wasm_val_t *r = ok ? wasm_exec_results(e->ex, &n) : NULL;
    fail_at = fa;
    return ok && n == 1 && r[0].i32 == 40 && wasm_memory_size(wasm_instance_memory(inst)) ==
                                                 6u * 65536 &&
           wasm_memory_data(wasm_instance_memory(inst))[16] == 'h';
}

static int passed, failed;

static void check(bool ok, const char *what)
{
    printf("%-60s %s\n", what, ok ? "OK" : "FAILED");
    if (ok)
        passed++;
    else
        failed++;
}

/* ---- the tests ---- */

/* Allocation N fails, for every N. */
static void t_fail_each_alloc(void)
{
    long n, bad = 0, clean_fail = 0, went_on = 0;
    for (n = 0;; n++) {
        env_t e;
        if (!env_open(&e)) {
            bad++;
            break;
        }
        char err[128];
        wasm_trap_t trap;
        wasm_instance_t *slot = NULL;
        nallocs = 0;
        fail_at = n;
        wasm_instance_t *inst = wasm_instantiate_slot(&slot, e.m, e.imp, 2, NULL, NULL, e.ex,
                                                      &trap, err, sizeof err);
        bool reached = nallocs > n;
        fail_at = -1;
        if (inst ? slot != inst : slot != NULL) {
            printf("    fail at %ld: slot %p, instance %p\n", n, (void *)slot, (void *)inst);
            bad++;
        }
        if (!inst && strcmp(err, "out of memory") != 0) {
            printf("    fail at %ld: message '%s'\n", n, err);
            bad++;
        }
        if (inst) {
            went_on++;   /* a grow refused: the start function goes on */
        } else {
            clean_fail++;
        }
        wasm_instance_free(slot);
        env_close(&e);
        long left = drain();
        if (left) {
            printf("    fail at %ld: %ld blocks left\n", n, left);
            bad++;
        }
        if (!reached) {
            /* past the last allocation: a normal instantiation */
            env_open(&e);
            slot = NULL;
            inst = wasm_instantiate_slot(&slot, e.m, e.imp, 2, NULL, NULL, e.ex, &trap, err,
                                         sizeof err);
            if (!inst || slot != inst || !works(&e, inst))
                bad++;
            wasm_instance_free(slot);
            env_close(&e);
            if (drain())
                bad++;
            break;
        }
    }
    char what[128];
    snprintf(what, sizeof what, "fail each of %ld allocations: %ld failed cleanly, %ld went on",
             n, clean_fail, went_on - 1);
    /* n: the allocations one instantiation of instfail.wat makes (20 today);
     * more than 10 shows the hook saw them all, not an exact count. */
    check(bad == 0 && n > 10 && clean_fail > 10, what);
}

/* Abort requested in host call number n of the start function (-1: before
 * the call), for every call; each must fail cleanly and leave nothing. */
static void t_abort_each_host_call(void)
{
    long bad = 0, n;
    for (n = -1;; n++) {
        env_t e;
        if (!env_open(&e)) {
            bad++;
            break;
        }
        char err[128];
        wasm_trap_t trap = WASM_TRAP_NONE;
        wasm_instance_t *slot = NULL;
        nticks = 0;
        kill_at = n;                    /* -1: no host call aborts */
        if (n == -1)
            wasm_exec_request_abort(e.ex);
        wasm_instance_t *inst = wasm_instantiate_slot(&slot, e.m, e.imp, 2, NULL, NULL, e.ex,
                                                      &trap, err, sizeof err);
        bool aborted = n == -1 || nticks > n;
        kill_at = -1;
        if (aborted && (inst || slot || trap != WASM_TRAP_ABORTED)) {
            printf("    abort at %ld: instance %p, slot %p, trap %d\n", n, (void *)inst,
                   (void *)slot, (int)trap);
            bad++;
        }
        if (!aborted && (!inst || slot != inst || !works(&e, inst)))
            bad++;
        wasm_instance_free(slot);
        env_close(&e);
        long left = drain();
        if (left) {
            printf("    abort at %ld: %ld blocks left\n", n, left);
            bad++;
        }
        if (!aborted)
            break;
    }
    char what[128];
    snprintf(what, sizeof what, "abort before the call and in each of %ld host calls", n);
    /* instfail.wat's start function calls tick 4 times */
    check(bad == 0 && n >= 4, what);
}

static void t_slot_must_be_empty(void)
{
    env_t e;
    bool ok = env_open(&e);
    char err[128];
    wasm_instance_t *slot = (wasm_instance_t *)&e;   /* not NULL */
    ok = ok && !wasm_instantiate_slot(&slot, e.m, e.imp, 2, NULL, NULL, e.ex, NULL, err,
                                      sizeof err) &&
         slot == (wasm_instance_t *)&e && strstr(err, "slot") != NULL;
    env_close(&e);
    ok = ok && drain() == 0;
    check(ok, "a slot that is not empty is refused, untouched");
}

/* Lazy compilation: allocation N of the first call of `outer` fails. */
static void t_lazy_fail_each_alloc(void)
{
    long n, bad = 0, trapped = 0;
    lazy = true;
    for (n = 0;; n++) {
        env_t e;
        char err[128];
        wasm_trap_t trap;
        wasm_instance_t *slot = NULL;
        wasm_extern_t x;
        if (!env_open(&e) ||
            !wasm_instantiate_slot(&slot, e.m, e.imp, 2, NULL, NULL, e.ex, &trap, err, sizeof err) ||
            !wasm_instance_export(slot, "outer", &x) || x.kind != WASM_EXTERN_FUNC) {
            bad++;
            wasm_instance_free(slot);
            env_close(&e);
            break;
        }
        nallocs = 0;
        fail_at = n;
        wasm_status_t st = wasm_exec_call(e.ex, x.u.func, NULL, 0);
        bool reached = nallocs > n;
        fail_at = -1;
        if (st == WASM_TRAPPED && wasm_exec_trap(e.ex) == WASM_TRAP_OUT_OF_MEMORY)
            trapped++;
        else if (st != WASM_OK || reached) {
            printf("    lazy, fail at %ld: status %d trap %d\n", n, st, wasm_exec_trap(e.ex));
            bad++;
        }
        /* the next call compiles it (or finds it compiled) and works */
        uint32_t nr = 0;
        const wasm_val_t *r = wasm_exec_call(e.ex, x.u.func, NULL, 0) == WASM_OK ?
                              wasm_exec_results(e.ex, &nr) : NULL;
        if (!r || nr != 1 || r[0].i32 != 40) {
            printf("    lazy, fail at %ld: the call after does not work\n", n);
            bad++;
        }
        wasm_instance_free(slot);
        env_close(&e);
        long left = drain();
        if (left) {
            printf("    lazy, fail at %ld: %ld blocks left\n", n, left);
            bad++;
        }
        if (!reached)
            break;
    }
    lazy = false;
    char what[128];
    snprintf(what, sizeof what, "lazy: fail each of %ld allocations of a first call: %ld trapped",
             n, trapped);
    check(bad == 0 && trapped == n && n >= 1, what);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s WASMDIR\n", argv[0]);
        return 2;
    }
    wasm_dir = argv[1];
    char path[512];
    snprintf(path, sizeof path, "%s/instfail.wasm", wasm_dir);
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("cannot open %s\n", path);
        printf("counts 0 1 0\n");
        return 1;
    }
    wasm_len = fread(wasm_bytes, 1, sizeof wasm_bytes, f);
    fclose(f);
    t_slot_must_be_empty();
    t_fail_each_alloc();
    t_abort_each_host_call();
    t_lazy_fail_each_alloc();
    printf("counts %d %d 0\n", passed, failed);
    return failed ? 1 : 0;
}
