/*
 * random_ipc.h - a randomized IPC stress run used by both the host unit tests
 * (tests/kernel/test_random_ipc.c) and the in-kernel tests
 * (src/selftest/test_random_ipc.c): worker tasks do random IPC while the caller
 * revokes their capabilities, changes their priorities and kills them.
 */
#ifndef JERICHO_SELFTEST_RANDOM_IPC_H
#define JERICHO_SELFTEST_RANDOM_IPC_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int delivered;      /* messages received intact */
    int bad_msgs;       /* messages that arrived damaged */
    int bad_codes;      /* results outside the error enum */
    int bad_exits;      /* workers that ended with an unexpected code */
    int setup_errors;   /* objects or tasks that could not be made */
    uint64_t quota_left;    /* bytes still charged at the end (must be 0) */
} random_ipc_stats_t;

/* Run the stress with this seed from the current task (which must have a
 * CSpace with slots 10..13 free and a priority above 3); `rounds` times
 * the caller sleeps 10 ms and then disturbs one worker. */
void random_ipc_run(uint32_t seed, int rounds, random_ipc_stats_t *st);

#endif
