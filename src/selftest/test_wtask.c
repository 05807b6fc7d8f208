/*
 * test_wtask.c - self-tests of wasm tasks (command line `test`): the timer
 * preempts wasm code and it resumes exactly where it stopped; an endless
 * loop does not stop a task of the same priority; a hostile module making
 * thousands of system calls with random arguments gets errors, never a
 * crash; a task's memory is charged to its quota; a kill storm during
 * instantiation leaves nothing behind. The modules are the .wat files in
 * src/selftest/wasm/.
 */
#include "hal.h"
#include "kernel/cspace.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/endpoint.h"
#include "kernel/notification.h"
#include "kernel/sched.h"
#include "syscall/syscall.h"
#include "wasmtask/wtask.h"
#include "selftest/ktest.h"
#include "mm.h"

extern const uint8_t wtask_test_spin[], wtask_test_forever[], wtask_test_work[],
    wtask_test_fuzz[], wtask_test_greedy[], wtask_test_steady[], wtask_test_instkill[];
extern const size_t wtask_test_spin_len, wtask_test_forever_len, wtask_test_work_len,
    wtask_test_fuzz_len, wtask_test_greedy_len, wtask_test_steady_len, wtask_test_instkill_len;

#define MS 1000000ull

static wtask_t *make(const char *name, const uint8_t *b, size_t n)
{
    char err[128];
    wtask_t *w = NULL;
    kerr_t e = wtask_create(name, b, n, 10, NULL, err, sizeof err, &w);
    if (e)
        KT_FAIL("wtask_create %s: %s (%s)", name, kerr_name(e), err);
    return w;
}

/* Sleep until w is done or limit_ms of guest time passed. */
static bool wait_done(wtask_t *w, uint64_t limit_ms)
{
    uint64_t end = arch_time_ns() + limit_ms * MS;
    while (!wtask_done(w) && arch_time_ns() < end)
        sched_sleep_until(arch_time_ns() + 5 * MS);
    return wtask_done(w);
}

static void setup(void)
{
    if (!sched_current())
        sched_init();
}

KTEST(wtask_preempt_resume)
{
    setup();
    wtask_t *spin = make("t-spin", wtask_test_spin, wtask_test_spin_len);
    wtask_t *work = make("t-work", wtask_test_work, wtask_test_work_len);
    if (!spin || !work)
        return;
    uint64_t sw0 = sched_switches();
    KT_CHECK_EQ(wtask_start(spin), KERR_OK);
    KT_CHECK_EQ(wtask_start(work), KERR_OK);
    KT_CHECK(wait_done(work, 5000));
    uint64_t t_work = arch_time_ns();
    KT_CHECK(!wtask_done(spin));    /* work ran although spin never blocks */
    KT_CHECK(wait_done(spin, 20000));
    kprintf("wtask_preempt_resume: spin ran %llu ms after work ended\n",
            (unsigned long long)((arch_time_ns() - t_work) / MS));
    /* the sum the spinner computed is right only if every preemption
     * resumed it exactly where it stopped */
    KT_CHECK(wtask_log_has(NULL, "task t-spin exited with code 42", false));
    KT_CHECK(wtask_log_has(NULL, "task t-work exited with code 7", false));
    KT_CHECK(sched_switches() > sw0 + 2);
    wtask_release(spin);
    wtask_release(work);
    wtask_reap();
}

KTEST(wtask_endless_loop_preempted)
{
    setup();
    wtask_t *loop = make("t-forever", wtask_test_forever, wtask_test_forever_len);
    wtask_t *work = make("t-work2", wtask_test_work, wtask_test_work_len);
    if (!loop || !work)
        return;
    KT_CHECK_EQ(wtask_start(loop), KERR_OK);
    sched_sleep_until(arch_time_ns() + 30 * MS);   /* it is spinning now */
    KT_CHECK(!wtask_done(loop));
    KT_CHECK_EQ(wtask_start(work), KERR_OK);        /* same priority */
    KT_CHECK(wait_done(work, 5000));
    KT_CHECK(wtask_log_has(NULL, "task t-work2 exited with code 7", false));
    KT_CHECK(!wtask_done(loop));
    wtask_kill(loop, "by the self-test");      /* posted: it ends at its next poll */
    KT_CHECK(wait_done(loop, 1000));
    KT_CHECK(wtask_log_has(NULL, "task t-forever killed: by the self-test", false));
    wtask_release(loop);
    wtask_release(work);
    wtask_reap();
}

KTEST(wtask_hostile_syscalls)
{
    setup();
    wtask_t *f = make("t-fuzz", wtask_test_fuzz, wtask_test_fuzz_len);
    if (!f)
        return;
    /* slots 0..4: console, clock, endpoint rwg, notification rw, spawn */
    cnode_t *cn = wtask_cspace(f);
    endpoint_t *ep;
    notification_t *nt;
    quota_t *q;
    KT_CHECK_EQ(endpoint_create(NULL, &ep), KERR_OK);
    KT_CHECK_EQ(notification_create(NULL, &nt), KERR_OK);
    KT_CHECK_EQ(quota_create(NULL, 1u << 20, &q), KERR_OK);
    /* the devices keep a capability in our CSpace, so the task cannot
     * delete their last one */
    cnode_t *mine = task_cspace(sched_current());
    uint32_t dev = SCHED_BOOT_CSPACE_SLOTS - 2;
    if (cap_is_null(mine->slots[dev].cap))
        cap_install(mine, dev, &console_get()->obj, objtype_rights(OBJ_CONSOLE), 0);
    if (cap_is_null(mine->slots[dev + 1].cap))
        cap_install(mine, dev + 1, &clock_get()->obj, objtype_rights(OBJ_CLOCK), 0);
    KT_CHECK_EQ(cap_mint(mine, dev, cn, 0, CAP_R_WRITE, 0), KERR_OK);
    KT_CHECK_EQ(cap_mint(mine, dev + 1, cn, 1, CAP_R_READ, 0), KERR_OK);
    KT_CHECK_EQ(cap_install(cn, 2, &ep->obj, CAP_R_READ | CAP_R_WRITE | CAP_R_GRANT, 0), KERR_OK);
    KT_CHECK_EQ(cap_install(cn, 3, &nt->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    KT_CHECK_EQ(cap_install(cn, 4, &q->obj, CAP_R_MANAGE, 0), KERR_OK);
    KT_CHECK_EQ(wtask_start(f), KERR_OK);
    KT_CHECK(wait_done(f, 60000));
    KT_CHECK(wtask_log_has(NULL, "task t-fuzz exited with code 0", false));
    wtask_release(f);
    wtask_reap();
    heap_check();               /* panics on a corrupted heap */
}

/* A task's linear memory is charged to its quota: a greedy task stops
 * where its quota ends (memory.grow -1, the task goes on), a task beside
 * it under another quota grows as if nothing happened, and both quotas
 * are back to zero once the tasks are reaped (docs/tasks.md, "Quotas"). */
KTEST(wtask_quota_bounds_memory)
{
    setup();
    quota_t *qa, *qb;
    KT_CHECK_EQ(quota_create(NULL, 16u << 20, &qa), KERR_OK);
    KT_CHECK_EQ(quota_create(NULL, 16u << 20, &qb), KERR_OK);
    kobj_ref(&qa->obj);
    kobj_ref(&qb->obj);
    char err[128];
    wtask_t *g = NULL, *s = NULL;
    KT_CHECK_EQ(wtask_create("t-greedy", wtask_test_greedy, wtask_test_greedy_len, 10, qa, err,
                             sizeof err, &g), KERR_OK);
    KT_CHECK_EQ(wtask_create("t-steady", wtask_test_steady, wtask_test_steady_len, 10, qb, err,
                             sizeof err, &s), KERR_OK);
    if (!g || !s)
        return;
    KT_CHECK(qa->used > 0);     /* its kernel objects and its module */
    KT_CHECK_EQ(wtask_start(g), KERR_OK);
    KT_CHECK_EQ(wtask_start(s), KERR_OK);
    KT_CHECK(wait_done(g, 20000));
    KT_CHECK(wait_done(s, 20000));
    int pages = g->exit_code;
    kprintf("wtask_quota_bounds_memory: the greedy task stopped at %d pages (16 MiB quota), "
            "the other reached %d\n", pages, s->exit_code);
    /* growing from N to N+1 pages holds both blocks for a moment: 16 MiB
     * less its stacks, kernel objects and module, halved, is fewer than
     * 128 pages, far fewer than the 256-page cap it reached before */
    KT_CHECK(pages > 64 && pages < 128);
    KT_CHECK_EQ(s->exit_code, 64);
    wtask_release(g);
    wtask_release(s);
    wtask_reap();
    task_reap();
    KT_CHECK_EQ(qa->used, 0);
    KT_CHECK_EQ(qb->used, 0);
    kobj_unref(&qa->obj);
    kobj_unref(&qb->obj);
    heap_check();
}

/* One round of the storm below: 4 victims, killed `delay` after they
 * start; returns how many were still running (in their start function,
 * or not yet started) when killed. The log of printed lines is cleared
 * after each round, so it stays the size the first round made it. */
static uint32_t storm_round(quota_t *q, uint64_t delay)
{
    wtask_t *v[4] = {0};
    char err[128];
    uint32_t killed = 0;
    for (uint32_t i = 0; i < 4; i++) {
        KT_CHECK_EQ(wtask_create("t-instkill", wtask_test_instkill, wtask_test_instkill_len, 10,
                                 q, err, sizeof err, &v[i]), KERR_OK);
        if (v[i])
            KT_CHECK_EQ(wtask_start(v[i]), KERR_OK);
    }
    sched_sleep_until(arch_time_ns() + delay);
    for (uint32_t i = 0; i < 4; i++) {
        if (!v[i])
            continue;
        if (!wtask_done(v[i]))
            killed++;
        wtask_kill(v[i], "by the self-test");
    }
    for (uint32_t i = 0; i < 4; i++)
        if (v[i]) {
            KT_CHECK(wait_done(v[i], 1000));    /* each ends at its next safe point */
            wtask_release(v[i]);
        }
    wtask_reap();
    task_reap();
    wtask_log_clear();
    return killed;
}

/* Kill storm during instantiation: 48 tasks whose start function never
 * ends (2 MiB of memory, a data segment, a table) are killed 1 to 31 ms
 * after they start, 4 at a time. Every half-made instance must be freed
 * by the reaper: the quota back to zero, the heap back to where it was
 * after a first round (which sizes the log). */
KTEST(wtask_kill_during_instantiate)
{
    setup();
    quota_t *q;
    KT_CHECK_EQ(quota_create(NULL, 32u << 20, &q), KERR_OK);
    kobj_ref(&q->obj);
    storm_round(q, 5 * MS);
    size_t heap0 = heap_used_bytes();
    uint32_t killed = 0;
    for (uint32_t round = 0; round < 12; round++)
        killed += storm_round(q, (round % 4) * 10 * MS + MS);
    size_t heap1 = heap_used_bytes();
    kprintf("wtask_kill_during_instantiate: %u killed; quota %llu bytes left; heap %zu -> %zu\n",
            killed, (unsigned long long)q->used, heap0, heap1);
    KT_CHECK_EQ(killed, 48);
    KT_CHECK_EQ(q->used, 0);
    KT_CHECK(heap1 <= heap0);
    kobj_unref(&q->obj);
    heap_check();
}
