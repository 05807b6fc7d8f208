/*
 * bench_latency.c - how late a high-priority task wakes while a
 * low-priority task does the kernel's longest operations (row
 * preempt_latency, docs/bench.md): compiling a 2 MiB module (the work of
 * task_spawn), growing a wasm table by 10,000,000 entries (80 MB), and
 * revoking a tree of 10,000 capabilities. All three run with interrupts
 * on and preemptible (docs/kernel.md, "Kills and long operations").
 *
 * The watcher (priority TASK_PRIO_MAX - 1) sleeps 9 ms at a time from just
 * after a tick, so on an idle machine it wakes at the next tick, about
 * 1 ms after its deadline. Its lateness (wake time - deadline) is
 * measured over the whole run; an interrupts-off stretch of the worker
 * delays the tick and shows in full. Reported: the worst lateness with
 * nothing else running (the floor), the worst while the worker works
 * (target: at most one tick, 10 ms), and how long each operation took.
 */
#include "kbench/bench.h"
#include "kbench/bench_wasm.h"
#include "kconfig.h"
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/sched.h"
#include "klib.h"
#include "mm.h"
#include "wasmtask/wtask.h"

#define MS 1000000ull
#define BIG_FUNCS 1024u         /* 1024 bodies of ~2 KiB: a 2 MiB module */
#define BIG_REPS 290u           /* 7-byte instruction groups per body */
#define TREE_CAPS 10000u
#define TREE_CNODES 3u          /* of CNODE_MAX_SLOTS slots each */
#define WORK_QUOTA (160ull << 20)

enum { PH_IDLE, PH_SPAWN, PH_GROW, PH_REVOKE, PH_N };
static volatile bool stop;
static volatile int phase;
static volatile uint64_t worst_ns[PH_N], wakeups[PH_N];

static void watcher(void *arg)
{
    (void)arg;
    /* Start just after a tick: a sleep that really blocks ends at a tick.
     * (now + 1 ns had often passed by the time sched_sleep_until looked
     * at the clock - under icount a nanosecond is one instruction - so the
     * watcher did not sleep and its first 9 ms began anywhere between two
     * ticks: the floor then read up to a tick more than it is.) */
    sched_sleep_until(arch_time_ns() + MS);
    while (!stop) {
        uint64_t due = arch_time_ns() + 9 * MS;
        sched_sleep_until(due);
        uint64_t late = arch_time_ns() - due;
        int ph = phase;
        if (late > worst_ns[ph])
            worst_ns[ph] = late;
        wakeups[ph]++;
    }
}

/* ---- a 2 MiB module, built here ------------------------------------------------ */

static uint8_t *put_leb(uint8_t *p, uint32_t v)
{
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        *p++ = b | (v ? 0x80 : 0);
    } while (v);
    return p;
}

/* BIG_FUNCS functions of type (i32) -> i32, each adding 1 to its
 * argument BIG_REPS times. Returns the length written to buf. */
static size_t big_module(uint8_t *buf)
{
    static const uint8_t head[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                                   0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f};
    static const uint8_t group[] = {0x20, 0x00, 0x41, 0x01, 0x6a, 0x21, 0x00};
    uint32_t body = 1 + BIG_REPS * sizeof group + 3;   /* locals, groups, get+end */
    uint8_t tmp[5];
    uint32_t body_len = (uint32_t)(put_leb(tmp, body) - tmp) + body;
    uint8_t *p = buf;
    memcpy(p, head, sizeof head);
    p += sizeof head;
    *p++ = 0x03;                                         /* function section */
    p = put_leb(p, (uint32_t)(put_leb(tmp, BIG_FUNCS) - tmp) + BIG_FUNCS);
    p = put_leb(p, BIG_FUNCS);
    for (uint32_t i = 0; i < BIG_FUNCS; i++)
        *p++ = 0;
    *p++ = 0x0a;                                         /* code section */
    p = put_leb(p, (uint32_t)(put_leb(tmp, BIG_FUNCS) - tmp) + BIG_FUNCS * body_len);
    p = put_leb(p, BIG_FUNCS);
    for (uint32_t i = 0; i < BIG_FUNCS; i++) {
        p = put_leb(p, body);
        *p++ = 0;                                        /* no locals */
        for (uint32_t r = 0; r < BIG_REPS; r++) {
            memcpy(p, group, sizeof group);
            p += sizeof group;
        }
        *p++ = 0x20;
        *p++ = 0x00;
        *p++ = 0x0b;
    }
    return (size_t)(p - buf);
}

/* ---- the worker's three operations ------------------------------------------- */

static volatile uint64_t t_spawn, t_grow, t_revoke;
static volatile int work_err;       /* 0, or the step that failed */

/* Wait (sleeping) until w has ended. */
static void wait_done(wtask_t *w)
{
    while (!wtask_done(w))
        sched_sleep_until(arch_time_ns() + MS);
}

/* What task_spawn does before it starts the child (decode and validate
 * the module for it: wtask_create), then what the child does as it runs
 * (compile its functions, each on its first call: here all of them at
 * once, wasm_module_compile). The child is then dropped. */
static void spawn_big(quota_t *q)
{
    size_t cap = (size_t)BIG_FUNCS * (BIG_REPS * 7 + 8) + 64;
    uint8_t *buf = kmalloc(cap);
    if (!buf) {
        work_err = 1;
        return;
    }
    size_t len = big_module(buf);
    char err[128];
    wtask_t *w = NULL;
    uint64_t t0 = arch_time_ns();
    kerr_t e = wtask_create("big", buf, len, 1, q, err, sizeof err, &w);
    bool compiled = !e && wasm_module_compile(w->module, err, sizeof err);
    t_spawn = arch_time_ns() - t0;
    kfree(buf);
    if (e) {
        kprintf("preempt_latency: the 2 MiB module: %s (%s)\n", kerr_name(e), err);
        work_err = 2;
        return;
    }
    if (!compiled) {
        kprintf("preempt_latency: compiling the 2 MiB module: %s\n", err);
        work_err = 2;
    }
    w->ended = true;                /* never started: no end line */
    task_kill(w->task, -1, NULL);
    wtask_release(w);
    wtask_reap();
}

static void grow_table(quota_t *q)
{
    const bench_wasm_mod_t *m = bench_wasm_find("bench-tablegrow");
    char err[128];
    wtask_t *w = NULL;
    if (!m || wtask_create("tablegrow", m->wasm, m->len, 1, q, err, sizeof err, &w)) {
        work_err = 3;
        return;
    }
    uint64_t t0 = arch_time_ns();
    wtask_start(w);
    wait_done(w);
    t_grow = arch_time_ns() - t0;
    if (w->task->exit_code != 0)
        work_err = 4;
    wtask_release(w);
    wtask_reap();
}

/* An endpoint's original capability and TREE_CAPS copies in a binary
 * tree (copy i derived from copy (i - 1) / 2), over TREE_CNODES CNodes;
 * revoke the original. */
static void revoke_tree(void)
{
    cnode_t *cn[TREE_CNODES] = {0};
    endpoint_t *ep = NULL;
    for (uint32_t i = 0; i < TREE_CNODES; i++)
        if (cnode_create(NULL, CNODE_MAX_SLOTS, &cn[i])) {
            work_err = 5;
            goto out;
        }
    for (uint32_t i = 0; i < TREE_CNODES; i++)
        kobj_ref(&cn[i]->obj);      /* held while we use them, no capability */
    if (endpoint_create(NULL, &ep) || cap_install(cn[0], 0, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0)) {
        work_err = 6;
        goto out;
    }
    for (uint32_t i = 1; i <= TREE_CAPS; i++) {
        uint32_t from = i == 1 ? 0 : (i - 2) / 2 + 1;   /* parent's slot number */
        if (cap_copy(cn[from / CNODE_MAX_SLOTS], from % CNODE_MAX_SLOTS, cn[i / CNODE_MAX_SLOTS],
                     i % CNODE_MAX_SLOTS, CAP_R_READ)) {
            work_err = 7;
            goto out;
        }
    }
    if (cte_descendants(&cn[0]->slots[0]) != TREE_CAPS) {
        work_err = 8;
        goto out;
    }
    uint64_t t0 = arch_time_ns();
    if (cap_revoke(cn[0], 0) || cte_descendants(&cn[0]->slots[0]) != 0)
        work_err = 9;
    t_revoke = arch_time_ns() - t0;
    cap_delete(cn[0], 0);
out:
    for (uint32_t i = 0; i < TREE_CNODES; i++)
        if (cn[i])
            kobj_unref(&cn[i]->obj);
}

static void worker(void *arg)
{
    quota_t *q = arg;
    phase = PH_SPAWN;
    spawn_big(q);
    phase = PH_GROW;
    if (!work_err)
        grow_table(q);
    phase = PH_REVOKE;
    if (!work_err)
        revoke_tree();
}

KBENCH(preempt_latency)
{
    const char *name = "preempt_latency";
    quota_t *q;
    if (quota_create(NULL, WORK_QUOTA, &q)) {
        bench_error(name, "no quota");
        return;
    }
    kobj_ref(&q->obj);
    stop = false;
    phase = PH_IDLE;
    for (int i = 0; i < PH_N; i++)
        worst_ns[i] = wakeups[i] = 0;
    work_err = 0;
    task_t *wt, *lt;
    if (task_create(NULL, "latency-watch", TASK_PRIO_MAX - 1, 4, watcher, NULL, &wt)) {
        bench_error(name, "task_create");
        kobj_unref(&q->obj);
        return;
    }
    task_start(wt);
    sched_sleep_until(arch_time_ns() + 200 * MS);   /* the floor: nothing else runs */
    if (task_create(q, "latency-work", 1, 8, worker, q, &lt)) {
        bench_error(name, "task_create");
    } else {
        task_start(lt);
        int code;
        task_join(lt, &code);
        kobj_unref(&lt->obj);
    }
    stop = true;
    int code;
    task_join(wt, &code);
    kobj_unref(&wt->obj);
    task_reap();
    if (work_err)
        bench_error(name, "the worker failed at step %d", work_err);
    else if (!wakeups[PH_IDLE] || !wakeups[PH_SPAWN] || !wakeups[PH_GROW])
        bench_error(name, "the watcher never woke");
    else if (q->used)
        bench_error(name, "%llu bytes left charged", (unsigned long long)q->used);
    else {
        uint64_t busy = 0;
        for (int i = PH_SPAWN; i < PH_N; i++)
            busy = worst_ns[i] > busy ? worst_ns[i] : busy;
        bench_report("preempt_latency_idle", worst_ns[PH_IDLE], "ns");
        bench_report("preempt_latency", busy, "ns");
        bench_report("longop_spawn_2mib", t_spawn, "ns");
        bench_report("longop_spawn_2mib_late", worst_ns[PH_SPAWN], "ns");
        bench_report("longop_table_grow_10m", t_grow, "ns");
        bench_report("longop_table_grow_10m_late", worst_ns[PH_GROW], "ns");
        bench_report("longop_revoke_10k", t_revoke, "ns");
        bench_report("longop_revoke_10k_late", worst_ns[PH_REVOKE], "ns");
    }
    kobj_unref(&q->obj);
}
