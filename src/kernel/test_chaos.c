/*
 * test_chaos.c - the randomized IPC stress (src/kernel/chaos.c) inside
 * the kernel, where the timer preempts the workers at any instruction:
 * messages intact, known error codes, expected exit codes, quota empty.
 */
#include "kernel/chaos.h"
#include "kernel/sched.h"
#include "klib.h"
#include "ktest.h"
#include "mm.h"

KTEST(chaos_ipc_under_preemption)
{
    size_t heap0 = heap_used_bytes();
    for (uint32_t seed = 1; seed <= 3; seed++) {
        chaos_stats_t st;
        uint64_t sw0 = sched_switches(), pre0 = sched_preemptions();
        chaos_run(seed, 40, &st);
        uint64_t pre = sched_preemptions() - pre0;
        kprintf("chaos: seed %u: %d messages intact, %llu task switches, %llu by the timer\n",
                seed, st.delivered, (unsigned long long)(sched_switches() - sw0),
                (unsigned long long)pre);
        KT_CHECK(pre > 0);
        KT_CHECK_EQ(st.setup_errors, 0);
        KT_CHECK_EQ(st.bad_msgs, 0);
        KT_CHECK_EQ(st.bad_codes, 0);
        KT_CHECK_EQ(st.bad_exits, 0);
        KT_CHECK(st.delivered > 10);
        KT_CHECK_EQ(st.quota_left, 0);
    }
    KT_CHECK(heap_used_bytes() <= heap0);
}
