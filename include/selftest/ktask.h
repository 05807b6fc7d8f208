/*
 * ktask.h - helpers for the in-kernel tests of the kernel core
 * (src/selftest/test_*.c): start a kernel task, wait for it to end.
 */
#ifndef JERICHO_SELFTEST_KTASK_H
#define JERICHO_SELFTEST_KTASK_H

#include "kernel/sched.h"

#define KT_BOOT_PRIO (TASK_PRIO_MAX / 2)
#define KT_MS 1000000ull

/* Create and start a task with an 8-slot CSpace (NULL after a reported
 * test failure). The caller holds a reference until kt_reap. */
task_t *kt_spawn(const char *name, unsigned prio, void (*fn)(void *), void *arg);
/* Like kt_spawn, but the task is not started yet. */
task_t *kt_create(const char *name, unsigned prio, void (*fn)(void *), void *arg);
/* Wait for t to end, drop the reference; its exit code (-999 if none). */
int kt_reap(task_t *t);

#endif
