/*
 * sched.c - the preemptive fixed-priority scheduler.
 *
 *   sched_rq_bitmap_  bit p set <=> level p has a ready task
 *   rq[63] -> T -> T        highest level first (O(1): 63 - clz(bitmap))
 *   rq[p]  -> T             round robin within a level (FIFO, back on
 *   ...                     expiry of the time slice)
 *   idle                    runs when the bitmap is empty
 *
 * The running task is not in the run queue. Every function runs with
 * interrupts disabled; a task switched away inside one of them resumes
 * there and restores its own interrupt state on the way out.
 */
#include "kconfig.h"
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/sched.h"
#include "klib.h"

static taskq_t rq[TASK_PRIO_MAX + 1];
uint64_t sched_rq_bitmap_;
task_t *sched_current_;
static task_t *idle_task;
static task_t *sleepers;            /* sorted by wake_at */
static uint64_t nticks, nswitches, npreempts;
static uint64_t run_since;      /* counter when the current task was switched
                                   in (kept only when one side is accounted) */

_Static_assert(TASK_PRIO_MAX + 1 <= 64, "one bitmap word covers every level");

/* ---- FIFO queues ----------------------------------------------------------- */

void taskq_misuse(const task_t *t, const char *what)
{
    panic("taskq: task %s %s", t->name, what);
}

/* ---- the run queue ---------------------------------------------------------- */

void sched_ready(task_t *t)
{
    if (t->is_idle)
        return;
    t->state = TASK_READY;
    taskq_push(&rq[t->prio], t);
    sched_rq_bitmap_ |= 1ull << t->prio;
}

static void ready_front(task_t *t)
{
    if (t->is_idle)
        return;
    t->state = TASK_READY;
    taskq_push_front(&rq[t->prio], t);
    sched_rq_bitmap_ |= 1ull << t->prio;
}

void sched_unready(task_t *t)
{
    if (t->state != TASK_READY)
        return;
    taskq_remove(&rq[t->prio], t);
    if (taskq_empty(&rq[t->prio]))
        sched_rq_bitmap_ &= ~(1ull << t->prio);
}

/* Highest ready priority, or -1. */
static task_t *pick(void)
{
    int p = sched_top_prio();
    if (p < 0)
        return idle_task;
    task_t *t = taskq_pop(&rq[p]);
    if (taskq_empty(&rq[p]))
        sched_rq_bitmap_ &= ~(1ull << p);
    return t;
}

/* Run next; the current task is already queued, blocked or dead. */
/* CPU accounting at a switch from prev: it ran until now. Out of line:
 * only switches from or to an accounted task come here. */
__attribute__((noinline, cold)) static void account_switch(task_t *prev)
{
    uint64_t now = arch_counter();
    if (prev->accounted)
        prev->cpu_ticks += now - run_since;
    run_since = now;
}

/* Inlined into every caller: the switch is the hot path of IPC and yield. */
__attribute__((always_inline)) static inline void switch_to(task_t *next)
{
    task_t *prev = sched_current_;
    next->state = TASK_RUNNING;
    if (next == prev)
        return;
    if (__builtin_expect(prev->accounted | next->accounted, 0))
        account_switch(prev);
    sched_current_ = next;
    nswitches++;
    arch_context_switch(&prev->ctx, &next->ctx);
    /* back in prev */
    task_reap();
}

void sched_switch_to(task_t *t)
{
    switch_to(t);
}

/* ---- operations ---------------------------------------------------------------- */

static bool outranked(void)
{
    int p = sched_top_prio();
    return p >= 0 && (sched_current_->is_idle || p > sched_current_->prio);
}

void sched_preempt_check(void)
{
    kcrit_t s = kcrit_enter();
    if (outranked()) {
        ready_front(sched_current_);   /* keeps its place and the rest of its slice */
        switch_to(pick());
    }
    kcrit_leave(s);
}

void sched_yield(void)
{
    kcrit_t s = kcrit_enter();
    sched_current_->slice = KCONFIG_TIMESLICE_TICKS;
    sched_ready(sched_current_);
    switch_to(pick());
    kcrit_leave(s);
}

kerr_t sched_block(task_state_t st)
{
    kcrit_t s = kcrit_enter();
    task_t *self = sched_current_;
    self->state = st;
    if (__builtin_expect(self->kill_pending, 0)) {
        /* killed: never wait, go on to the next safe point */
        task_cancel_wait(self);
        self->state = TASK_RUNNING;
        kcrit_leave(s);
        return KERR_DESTROYED;
    }
    self->wake_err = KERR_OK;
    switch_to(pick());
    kerr_t e = self->wake_err;
    kcrit_leave(s);
    return e;
}

void sched_wake(task_t *t, kerr_t err)
{
    kcrit_t s = kcrit_enter();
    if (t->state == TASK_READY || t->state == TASK_RUNNING || t->state == TASK_DEAD ||
        t->state == TASK_INACTIVE)
        panic("sched_wake: task %s is not blocked (state %d)", t->name, t->state);
    t->wake_err = err;
    sched_ready(t);
    kcrit_leave(s);
}

void sched_cancel_sleep(task_t *t)
{
    for (task_t **pp = &sleepers; *pp; pp = &(*pp)->sleep_next)
        if (*pp == t) {
            *pp = t->sleep_next;
            t->sleep_next = NULL;
            return;
        }
}

/* Put the current task on the sleep list, woken at ns. */
static void add_sleeper(uint64_t ns)
{
    task_t **pp = &sleepers;
    while (*pp && (*pp)->wake_at <= ns)
        pp = &(*pp)->sleep_next;
    sched_current_->wake_at = ns;
    sched_current_->sleep_next = *pp;
    *pp = sched_current_;
}

void sched_sleep_until(uint64_t ns)
{
    kcrit_t s = kcrit_enter();
    if (arch_time_ns() < ns) {
        add_sleeper(ns);
        sched_block(TASK_SLEEPING);
    }
    kcrit_leave(s);
}

kerr_t sched_block_until(task_state_t st, uint64_t ns)
{
    kcrit_t s = kcrit_enter();
    kerr_t e;
    if (ns != UINT64_MAX && arch_time_ns() >= ns) {
        sched_current_->state = st;     /* for task_cancel_wait */
        task_cancel_wait(sched_current_);
        sched_current_->state = TASK_RUNNING;
        e = KERR_WOULD_BLOCK;
    } else {
        if (ns != UINT64_MAX)
            add_sleeper(ns);
        e = sched_block(st);
    }
    kcrit_leave(s);
    return e;
}

void sched_exit_current(void)
{
    arch_irq_disable();
    sched_current_->state = TASK_DEAD;
    switch_to(pick());
    panic("sched: a dead task was resumed");
}

void sched_tick(void)
{
    kcrit_t s = kcrit_enter();
    nticks++;
    uint64_t now = arch_time_ns();
    while (sleepers && sleepers->wake_at <= now) {
        task_t *t = sleepers;
        sleepers = t->sleep_next;
        t->sleep_next = NULL;
        if (t->state == TASK_SLEEPING) {
            sched_wake(t, KERR_OK);
        } else {                    /* a wait with a timeout: it expired */
            task_cancel_wait(t);
            sched_wake(t, KERR_WOULD_BLOCK);
        }
    }
    if (sched_current_ && !sched_current_->is_idle) {
        if (sched_current_->slice > 0)
            sched_current_->slice--;
        if (sched_current_->slice == 0) {
            sched_current_->slice = KCONFIG_TIMESLICE_TICKS;
            if (sched_top_prio() >= sched_current_->prio) {
                sched_ready(sched_current_);       /* round robin: back of the line */
                npreempts++;
                switch_to(pick());
                kcrit_leave(s);
                return;
            }
        }
    }
    if (sched_current_ && outranked()) {
        if (!sched_current_->is_idle)
            npreempts++;
        ready_front(sched_current_);
        switch_to(pick());
    }
    kcrit_leave(s);
}

uint64_t sched_ticks(void) { return nticks; }
uint64_t sched_switches(void) { return nswitches; }
uint64_t sched_preemptions(void) { return npreempts; }

void sched_account(task_t *t)
{
    kcrit_t s = kcrit_enter();
    if (!t->accounted) {
        t->accounted = 1;
        if (t == sched_current_)
            run_since = arch_counter();
    }
    kcrit_leave(s);
}

uint64_t sched_cpu_ns(const task_t *t)
{
    kcrit_t s = kcrit_enter();
    uint64_t ticks = t->cpu_ticks;
    if (t == sched_current_ && t->accounted)
        ticks += arch_counter() - run_since;
    kcrit_leave(s);
    uint64_t hz = arch_counter_hz();
    return ticks / hz * 1000000000ull + ticks % hz * 1000000000ull / hz;
}

/* ---- boot and idle ------------------------------------------------------------- */

static void idle_loop(void *arg)
{
    (void)arg;
    for (;;) {
        task_reap();
        kcrit_t s = kcrit_enter();
        if (sched_rq_bitmap_) {
            switch_to(pick());
            kcrit_leave(s);
            continue;
        }
        kcrit_leave(s);
        arch_wait_for_interrupt();
    }
}

#ifndef JERICHO_KERNEL
/* Host unit tests only: each test starts on fresh fake RAM, so the tasks
 * of the last one are forgotten, not freed. */
void sched_forget_all(void)
{
    sched_current_ = idle_task = NULL;
}
#endif

void sched_init(void)
{
    if (sched_current_)
        return;                 /* already running */
    memset(rq, 0, sizeof rq);
    sched_rq_bitmap_ = 0;
    sleepers = NULL;
    nticks = nswitches = 0;
    run_since = arch_counter();
    kerr_t e;
    task_t *boot = (task_t *)kobj_alloc(OBJ_TASK, sizeof(task_t), NULL, &e);
    cnode_t *cn;
    if (!boot || cnode_create(NULL, SCHED_BOOT_CSPACE_SLOTS, &cn) != KERR_OK)
        panic("sched: no memory for the boot task");
    cte_derive(NULL, &boot->cspace, cap_make(OBJ_CNODE, objtype_rights(OBJ_CNODE), 0, &cn->obj));
    kobj_ref(&boot->obj);
    strlcpy(boot->name, "boot", sizeof boot->name);
    boot->is_boot = 1;
    boot->prio = TASK_PRIO_MAX / 2;
    boot->slice = KCONFIG_TIMESLICE_TICKS;
    boot->state = TASK_RUNNING;
    sched_current_ = boot;
    task_all_ = boot;               /* a new world of tasks: boot is the first */

    e = task_create(NULL, "idle", 0, 1, idle_loop, NULL, &idle_task);
    if (e)
        panic("sched: cannot create the idle task: %s", kerr_name(e));
    idle_task->is_idle = 1;
    arch_context_init(&idle_task->ctx, idle_task->kstack, idle_task->kstack_size,
                      idle_loop, NULL);
    idle_task->state = TASK_READY;
}
