/*
 * test_lazy.c - self-tests of compilation on first call in wasm tasks:
 * wtask_create decodes and validates a module, and each function is
 * compiled by the task itself when first called (wtask.c). Two ways that
 * compile can end early must end the task alone, leaving nothing behind:
 *
 *  - out of memory at a first call: every engine allocation the task
 *    makes (instantiation, then the compiles) fails in turn, only it or
 *    it and every later one; each run ends (exit 7, a failed start, or a
 *    trap), the quota goes back to zero and the heap to where it was, and
 *    some runs must have failed in $big's first-call compile (_start
 *    compiled, $big not, no exit: nothing else allocates there);
 *  - a kill while the task compiles a large function (about 1.4 MB of
 *    wasm) on its first call: seen in progress (the task's _start began,
 *    the function has no code yet), then the task ends killed, its quota
 *    and the heap back.
 *
 * The module is built here: _start calls $big (i32) -> i32 and then
 * jericho.exit(7); $big is N times `local.get 0 i32.const 1 i32.add
 * local.set 0`, then local.get 0.
 */
#include "hal.h"
#include "kernel/quota.h"
#include "kernel/sched.h"
#include "interp/code.h"
#include "interp/module.h"
#include "wasmtask/wasm_rt.h"
#include "wasmtask/wtask.h"
#include "selftest/ktest.h"
#include "mm.h"

#define MS 1000000ull

typedef struct {
    uint8_t *b;
    size_t n, cap;
} lbuf_t;

static void put(lbuf_t *o, const void *p, size_t n)
{
    if (o->n + n <= o->cap)
        memcpy(o->b + o->n, p, n);
    o->n += n;
}

static void put_u32(lbuf_t *o, uint32_t v)
{
    do {
        uint8_t c = v & 0x7f;
        v >>= 7;
        if (v)
            c |= 0x80;
        put(o, &c, 1);
    } while (v);
}

static void section(lbuf_t *o, uint8_t id, const uint8_t *b, size_t n)
{
    put(o, &id, 1);
    put_u32(o, (uint32_t)n);
    put(o, b, n);
}

/* The module with $big of `reps` repetitions into o (o->b NULL: only
 * its size in o->n). */
static void build(lbuf_t *o, uint32_t reps)
{
    static const uint8_t head[] = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
    static const uint8_t types[] = { 3, 0x60, 1, 0x7f, 0, 0x60, 0, 0, 0x60, 1, 0x7f, 1, 0x7f };
    static const uint8_t imports[] = { 1, 7, 'j', 'e', 'r', 'i', 'c', 'h', 'o',
                                       4, 'e', 'x', 'i', 't', 0x00, 0 };
    static const uint8_t funcs[] = { 2, 1, 2 };
    static const uint8_t exports[] = { 1, 6, '_', 's', 't', 'a', 'r', 't', 0x00, 1 };
    /* _start: i32.const 0, call $big, drop, i32.const 7, call $exit */
    static const uint8_t start[] = { 0, 0x41, 0, 0x10, 2, 0x1a, 0x41, 7, 0x10, 0, 0x0b };
    static const uint8_t rep[] = { 0x20, 0, 0x41, 1, 0x6a, 0x21, 0 };
    static const uint8_t tail[] = { 0x20, 0, 0x0b };
    uint32_t big = 1 + reps * (uint32_t)sizeof rep + (uint32_t)sizeof tail;
    lbuf_t sz = { NULL, 0, 0 };
    put_u32(&sz, big);
    uint32_t code = 1 + 1 + (uint32_t)sizeof start + (uint32_t)sz.n + big;
    put(o, head, sizeof head);
    section(o, 1, types, sizeof types);
    section(o, 2, imports, sizeof imports);
    section(o, 3, funcs, sizeof funcs);
    section(o, 7, exports, sizeof exports);
    uint8_t id = 10, zero = 0;
    put(o, &id, 1);
    put_u32(o, code);
    put_u32(o, 2);
    put_u32(o, sizeof start);
    put(o, start, sizeof start);
    put_u32(o, big);
    put(o, &zero, 1);           /* no locals */
    for (uint32_t i = 0; i < reps; i++)
        put(o, rep, sizeof rep);
    put(o, tail, sizeof tail);
}

static uint8_t *make_module(uint32_t reps, size_t *n)
{
    lbuf_t o = { NULL, 0, 0 };
    build(&o, reps);
    o.cap = o.n;
    o.n = 0;
    o.b = kmalloc(o.cap);
    if (!o.b)
        return NULL;
    build(&o, reps);
    *n = o.n;
    return o.b;
}

static wtask_t *spawn(const uint8_t *b, size_t n, quota_t *q)
{
    char err[128];
    wtask_t *w = NULL;
    kerr_t e = wtask_create("t-lazy", b, n, 10, q, err, sizeof err, &w);
    if (e)
        KT_FAIL("wtask_create: %s (%s)", kerr_name(e), err);
    return w;
}

static bool wait_done(wtask_t *w, uint64_t limit_ms)
{
    uint64_t end = arch_time_ns() + limit_ms * MS;
    while (!wtask_done(w) && arch_time_ns() < end)
        sched_sleep_until(arch_time_ns() + MS);
    return wtask_done(w);
}

static void drop(wtask_t *w)
{
    wtask_release(w);
    wtask_reap();
    task_reap();
}

/* Has defined function i (0: _start, 1: $big) got its code? (The
 * engine stays until the task is released and reaped.) */
static bool compiled(const wtask_t *w, uint32_t i)
{
    const wcode_module_t *cm = w->module->compiled;
    return cm && cm->nfuncs == 2 && __atomic_load_n(&cm->fns[i].code, __ATOMIC_ACQUIRE);
}

KTEST(wtask_lazy_compile_oom)
{
    if (!sched_current())
        sched_init();
    size_t n;
    uint8_t *b = make_module(64, &n);
    quota_t *q;
    KT_CHECK_EQ(quota_create(NULL, 8u << 20, &q), KERR_OK);
    if (!b || !q)
        return;
    kobj_ref(&q->obj);
    /* twice without failures: the first may make the shared host
     * functions; the second counts the task's allocations */
    uint64_t k = 0;
    for (int i = 0; i < 2; i++) {
        wtask_t *w = spawn(b, n, q);
        if (!w)
            goto out;
        wasm_rt_fail_task(w->task, UINT64_MAX, false);
        KT_CHECK_EQ(wtask_start(w), KERR_OK);
        KT_CHECK(wait_done(w, 5000));
        k = wasm_rt_fail_counted();
        wasm_rt_fail_task(NULL, 0, false);
        KT_CHECK_EQ(w->exit_code, 7);
        drop(w);
    }
    KT_CHECK_EQ(q->used, 0);
    uint32_t in_big = 0, runs = 0, bad = 0;
    for (int sticky = 0; sticky < 2; sticky++) {
        for (uint64_t at = 1; at <= k; at++) {
            size_t heap0 = heap_used_bytes();
            wtask_t *w = spawn(b, n, q);
            if (!w)
                goto out;
            wasm_rt_fail_task(w->task, at, sticky);
            KT_CHECK_EQ(wtask_start(w), KERR_OK);
            bool done = wait_done(w, 5000);
            wasm_rt_fail_task(NULL, 0, false);
            runs++;
            /* _start compiled and ran, $big's first call failed */
            if (done && compiled(w, 0) && !compiled(w, 1) && w->exit_code != 7)
                in_big++;
            drop(w);
            if (!done || q->used || heap_used_bytes() != heap0) {
                if (bad++ < 5)
                    KT_FAIL("allocation %llu of %llu failing (%s): done %d, quota %llu, "
                            "heap %zu -> %zu", (unsigned long long)at, (unsigned long long)k,
                            sticky ? "and later" : "only", done, (unsigned long long)q->used,
                            heap0, heap_used_bytes());
            }
        }
        heap_check();
    }
    kprintf("wtask_lazy_compile_oom: %llu allocations, %u runs, %u failed in $big's "
            "first-call compile\n", (unsigned long long)k, runs, in_big);
    KT_CHECK(runs > 0);
    KT_CHECK(in_big >= 2);          /* its failure alone and with all later ones */
    KT_CHECK_EQ(bad, 0);
out:
    wtask_log_clear();              /* the trap lines of these runs */
    kobj_unref(&q->obj);
    kfree(b);
}

KTEST(wtask_lazy_compile_kill)
{
    if (!sched_current())
        sched_init();
    size_t n;
    uint8_t *b = make_module(200000, &n);   /* $big: 1.4 MB of wasm */
    quota_t *q;
    KT_CHECK_EQ(quota_create(NULL, 64u << 20, &q), KERR_OK);
    if (!b || !q)
        return;
    kobj_ref(&q->obj);
    /* a first task of the kind: the shared host functions, the log */
    size_t n0;
    uint8_t *b0 = make_module(1, &n0);
    wtask_t *w = b0 ? spawn(b0, n0, q) : NULL;
    if (w) {
        KT_CHECK_EQ(wtask_start(w), KERR_OK);
        KT_CHECK(wait_done(w, 5000));
        drop(w);
    }
    kfree(b0);
    size_t heap0 = heap_used_bytes();
    w = spawn(b, n, q);
    if (!w)
        goto out;
    KT_CHECK(!compiled(w, 1));     /* nothing compiled before the task runs */
    KT_CHECK_EQ(wtask_start(w), KERR_OK);
    /* the task runs (same priority as nobody above it) until this test
     * wakes: by then it is inside $big's compile */
    uint64_t end = arch_time_ns() + 2000 * MS;
    while (!w->start_ns && !wtask_done(w) && arch_time_ns() < end)
        sched_sleep_until(arch_time_ns() + MS);
    bool started = w->start_ns != 0, in_compile = started && !compiled(w, 1) && !wtask_done(w);
    wtask_kill(w, "by the self-test");
    bool done = wait_done(w, 10000);
    kprintf("wtask_lazy_compile_kill: %zu bytes of wasm; _start began %d, killed in $big's "
            "compile %d, ended %d, exit code %d\n", n, started, in_compile, done, w->exit_code);
    KT_CHECK(in_compile);
    KT_CHECK(done);
    KT_CHECK(w->exit_code != 7);
    drop(w);
    KT_CHECK_EQ(q->used, 0);
    KT_CHECK(heap_used_bytes() <= heap0);
    heap_check();
out:
    wtask_log_clear();
    kobj_unref(&q->obj);
    kfree(b);
}
