/*
 * sched.h - the preemptive fixed-priority scheduler: 64 levels, a bitmap
 * of non-empty levels for an O(1) pick, round robin within a level with a
 * time slice of KCONFIG_TIMESLICE_TICKS timer ticks, an idle task when
 * nothing is ready. All functions run with interrupts disabled inside.
 */
#ifndef JERICHO_KERNEL_SCHED_H
#define JERICHO_KERNEL_SCHED_H

#include "kernel/task.h"

#define SCHED_BOOT_CSPACE_SLOTS 256

/* Turn the running boot context into the task "boot" (with a CSpace of
 * SCHED_BOOT_CSPACE_SLOTS slots) and create idle. */
void sched_init(void);

/* The scheduler's state that the IPC fast path reads on every call: read
 * only through the two inline functions below (sched.c owns them). */
extern task_t *sched_current_;
extern uint64_t sched_rq_bitmap_;      /* bit p: level p has a ready task */

static inline task_t *sched_current(void)
{
    return sched_current_;
}
/* Has a kill been posted to the current task (task_kill)? */
static inline bool task_kill_posted(void)
{
    return sched_current_->kill_pending;
}
/* Put t at the back of its level (state READY). */
void sched_ready(task_t *t);
/* Take t out of the run queue (when it is killed). */
void sched_unready(task_t *t);
/* Switch if a ready task has a higher priority than the current one. */
void sched_preempt_check(void);
/* The highest priority with a ready task, or -1. */
static inline int sched_top_prio(void)
{
    return sched_rq_bitmap_ ? 63 - __builtin_clzll(sched_rq_bitmap_) : -1;
}
void sched_yield(void);
/* Block the current task in state st (its wait queue already set up);
 * returns the wake error once woken. A task with a kill posted does not
 * block: it leaves the queue and gets KERR_DESTROYED at once. */
kerr_t sched_block(task_state_t st);
/* Wake a blocked task with err (it goes to the run queue). */
void sched_wake(task_t *t, kerr_t err);
/* Switch straight to t (blocked until now), not through the run queue:
 * the IPC fast path. The current task must already be blocked. */
void sched_switch_to(task_t *t);
/* Sleep until arch_time_ns() >= ns. */
void sched_sleep_until(uint64_t ns);
/* Block the current task in state st (its wait queue already set up, or
 * none) until woken or until arch_time_ns() >= ns (UINT64_MAX: no limit);
 * a timeout takes it out of its queue (task_cancel_wait) and wakes it
 * with KERR_WOULD_BLOCK. Whoever wakes it first calls sched_cancel_sleep.
 * Interrupts off (the caller's critical section). */
kerr_t sched_block_until(task_state_t st, uint64_t ns);
/* Leave the current (dead) task for good. */
__attribute__((noreturn)) void sched_exit_current(void);
/* Timer tick: wake sleepers, charge the slice, preempt. */
void sched_tick(void);
/* Remove t from the sleep list (killed while sleeping). */
void sched_cancel_sleep(task_t *t);
uint64_t sched_ticks(void);
uint64_t sched_switches(void);
/* Switches forced by the timer (slice expiry, a sleeper of higher
 * priority waking) away from a running task. */
uint64_t sched_preemptions(void);
/* Turn on CPU accounting for t (from now on; for a task not yet started,
 * from its first instruction). Only accounted tasks cost the counter
 * reads on their switches: about 10 instructions each (docs/bench.md). */
void sched_account(task_t *t);
/* CPU time an accounted task has used so far, in ns of the counter (its
 * running time up to now if it is the current task): the basis of CPU
 * budgets. 0 for a task without accounting. */
uint64_t sched_cpu_ns(const task_t *t);

/* The FIFO queues, inline (the IPC fast path takes a receiver off an
 * endpoint and queues itself on every operation). A task in two queues,
 * or taken from one it is not in, is a kernel bug: taskq_misuse panics. */
__attribute__((noreturn)) void taskq_misuse(const task_t *t, const char *what);

static inline void taskq_push(taskq_t *q, task_t *t)
{
    if (t->q_owner)
        taskq_misuse(t, "is already queued");
    t->q_next = NULL;
    t->q_prev = q->tail;
    if (q->tail)
        q->tail->q_next = t;
    else
        q->head = t;
    q->tail = t;
    t->q_owner = q;
}

/* At the head instead: a preempted task keeps its place in its level. */
static inline void taskq_push_front(taskq_t *q, task_t *t)
{
    if (t->q_owner)
        taskq_misuse(t, "is already queued");
    t->q_prev = NULL;
    t->q_next = q->head;
    if (q->head)
        q->head->q_prev = t;
    else
        q->tail = t;
    q->head = t;
    t->q_owner = q;
}

static inline void taskq_remove(taskq_t *q, task_t *t)
{
    if (t->q_owner != q)
        taskq_misuse(t, "is not in this queue");
    if (t->q_prev)
        t->q_prev->q_next = t->q_next;
    else
        q->head = t->q_next;
    if (t->q_next)
        t->q_next->q_prev = t->q_prev;
    else
        q->tail = t->q_prev;
    t->q_next = t->q_prev = NULL;
    t->q_owner = NULL;
}

static inline task_t *taskq_pop(taskq_t *q)
{
    task_t *t = q->head;
    if (t)
        taskq_remove(q, t);
    return t;
}

static inline bool taskq_empty(const taskq_t *q) { return q->head == NULL; }

#endif
