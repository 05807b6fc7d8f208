/*
 * test_random_ipc.c - the randomized IPC stress (src/selftest/random_ipc.c) on the
 * host, under the sanitizers in kernel-san: messages intact, known error
 * codes, nothing panics, every byte of kernel memory back.
 */
#include <stdlib.h>

#include "selftest/random_ipc.h"
#include "kernel/sched.h"
#include "mm.h"
#include "ut.h"

static void run_random_ipc(uint32_t seed)
{
    sched_init();
    size_t heap0 = heap_used_bytes();
    random_ipc_stats_t st;
    random_ipc_run(seed, 60, &st);
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

UT(random_ipc_seed1) { run_random_ipc(1); }
UT(random_ipc_seed2) { run_random_ipc(2); }
UT(random_ipc_seed3) { run_random_ipc(3); }
UT(random_ipc_seed4) { run_random_ipc(4); }
