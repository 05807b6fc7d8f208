/*
 * test_ipc_chaos.c - the randomized IPC stress (src/kernel/chaos.c) on the
 * host, under the sanitizers in kernel-san: messages intact, known error
 * codes, nothing panics, every byte of kernel memory back.
 */
#include <stdlib.h>

#include "kernel/chaos.h"
#include "kernel/sched.h"
#include "mm.h"
#include "ut.h"

static void run_chaos(uint32_t seed)
{
    sched_init();
    size_t heap0 = heap_used_bytes();
    chaos_stats_t st;
    chaos_run(seed, 60, &st);
    UT_CHECK_EQ(st.setup_errors, 0);
    UT_CHECK_EQ(st.bad_msgs, 0);
    UT_CHECK_EQ(st.bad_codes, 0);
    UT_CHECK_EQ(st.bad_exits, 0);
    UT_CHECK(st.delivered > 20);
    UT_CHECK_EQ(st.quota_left, 0);
    UT_CHECK_EQ(heap_used_bytes(), heap0);
    if (getenv("UT_VERBOSE"))
        printf("(%d delivered) ", st.delivered);
}

UT(chaos_ipc_seed1) { run_chaos(1); }
UT(chaos_ipc_seed2) { run_chaos(2); }
UT(chaos_ipc_seed3) { run_chaos(3); }
UT(chaos_ipc_seed4) { run_chaos(4); }
