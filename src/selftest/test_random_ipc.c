/*
 * test_random_ipc.c - the randomized IPC stress (src/selftest/random_ipc.c) inside
 * the kernel, where the timer preempts the workers at any instruction:
 * messages intact, known error codes, expected exit codes, quota empty.
 * A spinner at the lowest priority keeps the CPU busy, so each of the
 * driver's timed wake-ups preempts a task (a worker or the spinner)
 * however fast or slow the host runs QEMU: preemption is guaranteed by
 * construction, not by timing.
 */
#include "selftest/random_ipc.h"
#include "selftest/ktask.h"
#include "kernel/sched.h"
#include "klib.h"
#include "selftest/ktest.h"
#include "mm.h"

#define ROUNDS 40

static volatile int spin_stop;

static void spinner(void *arg)
{
    (void)arg;
    while (!spin_stop)
        ;
}

KTEST(random_ipc_under_preemption)
{
    size_t heap0 = heap_used_bytes();
    spin_stop = 0;
    task_t *spin = kt_spawn("ripc-spin", 0, spinner, NULL);
    for (uint32_t seed = 1; seed <= 3; seed++) {
        random_ipc_stats_t st;
        uint64_t sw0 = sched_switches(), pre0 = sched_preemptions();
        random_ipc_run(seed, ROUNDS, &st);
        uint64_t pre = sched_preemptions() - pre0;
        kprintf("random ipc: seed %u: %d messages intact, %llu task switches, %llu by the timer\n",
                seed, st.delivered, (unsigned long long)(sched_switches() - sw0),
                (unsigned long long)pre);
        KT_CHECK(pre >= ROUNDS);    /* every timed wake-up of the driver */
        KT_CHECK_EQ(st.setup_errors, 0);
        KT_CHECK_EQ(st.bad_msgs, 0);
        KT_CHECK_EQ(st.bad_codes, 0);
        KT_CHECK_EQ(st.bad_exits, 0);
        KT_CHECK(st.delivered > 10);
        KT_CHECK_EQ(st.quota_left, 0);
    }
    spin_stop = 1;
    KT_CHECK_EQ(kt_reap(spin), 0);
    KT_CHECK(heap_used_bytes() <= heap0);
}
