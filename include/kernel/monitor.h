/*
 * monitor.h - the Monitor object: the authority to observe the system
 * (READ): list the tasks with their state, priority, CPU time and quota
 * use, read a task's CSpace summary (slot, type, rights, badge) and the
 * kernel's memory figures. It controls nothing: a task is ended only
 * through a TASK capability (docs/abi.md 4.8). One instance exists; the
 * runner gives capabilities to it to manifests that list `monitor:r`
 * (the shell, shell/shell.c).
 *
 * The walks run in one critical section each, so a task that ends
 * meanwhile is listed whole or not at all; they are bounded by the
 * caller's count (MONITOR_MAX_RECORDS) and by the number of tasks.
 */
#ifndef JERICHO_KERNEL_MONITOR_H
#define JERICHO_KERNEL_MONITOR_H

#include "kernel/cnode.h"
#include "kernel/task.h"

#define MONITOR_MAX_RECORDS 256u     /* records one call may ask for */

typedef struct monitor {
    kobj_t obj;
} monitor_t;

/* One task as the monitor shows it. */
typedef struct {
    uint64_t id;
    uint32_t state;             /* task_state_t */
    uint32_t prio;
    uint64_t cpu_ns;            /* sched_cpu_ns: 0 unless accounted */
    uint64_t quota_used, quota_limit;   /* its quota's (shared by a group) */
    bool accounted;
    char name[TASK_NAME_MAX];
} monitor_task_t;

/* One non-empty slot of a CSpace: kernel type and rights. */
typedef struct {
    uint32_t slot;
    objtype_t type;
    unsigned rights;
    uint64_t badge;
} monitor_cap_t;

/* Kernel memory figures. */
typedef struct {
    uint64_t ram_bytes, free_bytes, heap_bytes, pinned_bytes;
    uint64_t uptime_ns;
    uint32_t ntasks;
} monitor_mem_t;

/* The one monitor (created on first use, kernel-owned). */
monitor_t *monitor_get(void);
/* Call fn for each live task (not DEAD, not idle), in one critical
 * section, until fn returns false; returns the number of live tasks
 * (also those after fn said stop). fn runs with interrupts off: it may
 * only copy. */
uint32_t monitor_tasks(bool (*fn)(void *ctx, uint32_t i, const monitor_task_t *t), void *ctx);
/* For the live task with this id: call fn for each non-empty slot of its
 * CSpace (below max_slots) in one critical section and set *count to
 * their number; false (nothing called) if there is no such live task. */
bool monitor_caps(uint64_t id, uint32_t max_slots,
                  void (*fn)(void *ctx, uint32_t i, const monitor_cap_t *c), void *ctx,
                  uint32_t *count);
void monitor_mem(monitor_mem_t *m);
void monitor_free(monitor_t *m);

#endif
