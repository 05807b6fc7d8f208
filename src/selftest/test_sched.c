/*
 * test_sched.c - in-kernel tests of tasks and the scheduler: preemption
 * of busy loops, priority order, sleep, exit codes. They run in the boot
 * task (priority TASK_PRIO_MAX / 2). A CPU fault in a kernel task is a
 * kernel panic, not the end of that task: tested with a boot per case
 * (src/selftest/kfault.c), not here.
 */
#include "kconfig.h"
#include "selftest/ktask.h"
#include "klib.h"
#include "selftest/ktest.h"
#include "mm.h"

static volatile uint64_t spins;
static volatile int stop;

static void spinner(void *arg)
{
    (void)arg;
    while (!stop)
        spins++;
}

KTEST(sched_equal_priority_busy_loop_is_preempted)
{
    /* The spinner never yields; we never yield either: only the timer
     * can let each of us run in turn. */
    spins = 0;
    stop = 0;
    task_t *t = kt_spawn("spin", KT_BOOT_PRIO, spinner, NULL);
    uint64_t t0 = arch_time_ns();
    while (spins == 0 && arch_time_ns() - t0 < 2000 * KT_MS)
        ;
    KT_CHECK(spins > 0);
    uint64_t seen = spins;
    while (spins == seen && arch_time_ns() - t0 < 4000 * KT_MS)
        ;
    KT_CHECK(spins > seen);         /* it ran again after we did */
    stop = 1;
    KT_CHECK_EQ(kt_reap(t), 0);
}

KTEST(sched_lower_priority_busy_loop_does_not_block_us)
{
    spins = 0;
    stop = 0;
    task_t *t = kt_spawn("spin-lo", KT_BOOT_PRIO - 5, spinner, NULL);
    for (int i = 0; i < 3; i++) {
        uint64_t t0 = arch_time_ns();
        sched_sleep_until(t0 + 30 * KT_MS);
        uint64_t dt = arch_time_ns() - t0;
        KT_CHECK(dt >= 30 * KT_MS);
        KT_CHECK(dt < 1000 * KT_MS);   /* woken on time despite the spinner */
    }
    KT_CHECK(spins > 0);            /* and it ran while we slept */
    stop = 1;
    KT_CHECK_EQ(kt_reap(t), 0);
}

static volatile int hi_ran;

static void mark(void *arg)
{
    (void)arg;
    hi_ran = 1;
}

KTEST(sched_higher_priority_runs_at_once)
{
    hi_ran = 0;
    task_t *t = kt_spawn("hi", KT_BOOT_PRIO + 1, mark, NULL);
    KT_CHECK_EQ(hi_ran, 1);         /* task_start switched to it */
    KT_CHECK_EQ(kt_reap(t), 0);
}

static int order[8];
static volatile int norder;

static void record(void *arg)
{
    order[norder++] = (int)(uintptr_t)arg;
}

KTEST(sched_priorities_order_the_run_queue)
{
    norder = 0;
    unsigned prios[] = {3, 10, 7, 12, 1, 10};
    task_t *t[6];
    for (int i = 0; i < 6; i++)
        t[i] = kt_spawn("prio", prios[i], record, (void *)(uintptr_t)(prios[i] * 10 + i));
    KT_CHECK_EQ(norder, 0);         /* all lower than us: none ran yet */
    for (int i = 0; i < 6; i++)
        kt_reap(t[i]);
    int want[] = {123, 101, 105, 72, 30, 14};   /* by priority, FIFO within */
    KT_CHECK_EQ(norder, 6);
    for (int i = 0; i < 6; i++)
        KT_CHECK_EQ(order[i], want[i]);
}

KTEST(sched_yield_round_robin)
{
    /* Tasks at our priority that yield in a loop take strict turns. */
    norder = 0;
    task_t *a = kt_spawn("rr-a", KT_BOOT_PRIO, record, (void *)1);
    task_t *b = kt_spawn("rr-b", KT_BOOT_PRIO, record, (void *)2);
    sched_yield();                  /* a, b run (and end) before we do */
    KT_CHECK_EQ(norder, 2);
    KT_CHECK_EQ(order[0], 1);
    KT_CHECK_EQ(order[1], 2);
    kt_reap(a);
    kt_reap(b);
}

static void exiter(void *arg)
{
    task_exit((int)(uintptr_t)arg);
}

KTEST(sched_exit_codes_and_reaping)
{
    size_t frames = pmm_free_pages();
    task_t *t[4];
    for (int i = 0; i < 4; i++)
        t[i] = kt_spawn("exit", KT_BOOT_PRIO + 1, exiter, (void *)(uintptr_t)(i + 40));
    for (int i = 0; i < 4; i++)
        KT_CHECK_EQ(kt_reap(t[i]), i + 40);
    task_reap();
    KT_CHECK(pmm_free_pages() + 64 >= frames);  /* the stacks came back */
}

static void never_run(void *arg)
{
    (void)arg;
}

KTEST(sched_stack_guard_page_unmapped)
{
    task_t *t = kt_create("guarded", 1, never_run, NULL);
    if (!t)
        return;
    uint64_t v;
    volatile uint64_t *below = (volatile uint64_t *)((uintptr_t)t->kstack - 8);
    volatile uint64_t *bottom = (volatile uint64_t *)t->kstack;
    KT_CHECK_EQ(arch_probe_read(bottom, &v), 0);
#if KCONFIG_KSTACK_GUARD
    KT_CHECK_EQ(arch_probe_read(below, &v), -1);    /* an overflow would fault */
#endif
    task_kill(t, 0, NULL);
    kobj_unref(&t->obj);
    KT_CHECK_EQ(arch_probe_read(below, &v), 0);     /* mapped again once freed */
}
