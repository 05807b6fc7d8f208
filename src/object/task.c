/*
 * task.c - the Task object (TCB): creation with its CSpace and kernel
 * stack, start, exit, kill (also on a fault), join, and the reaper that
 * frees the stacks of dead tasks.
 *
 * References: the creator gets one kernel reference from task_create; the
 * scheduler holds one from task_start until the reaper has freed the
 * stack. Deleting the last capability to a task kills it.
 *
 * Kills are posted, and carried out by the task itself at a safe point
 * (task.h): only the task ends itself (task_exit), so its state is always
 * consistent when it ends, wherever the kill came from.
 */
#include "kconfig.h"
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/notification.h"
#include "kernel/sched.h"
#include "klib.h"
#include "mm.h"

#define GUARD (KCONFIG_KSTACK_GUARD ? PAGE_SIZE : 0)
#define STACK_PAGES ((KCONFIG_KSTACK_SIZE + GUARD) / PAGE_SIZE)

task_t *task_zombies_;              /* dead tasks whose stacks wait for the reaper */
static uint64_t next_id = 1;

static kerr_t stack_alloc(task_t *t)
{
    uintptr_t base = pmm_alloc_contig(STACK_PAGES);
    if (!base)
        return KERR_NO_MEMORY;
#if KCONFIG_KSTACK_GUARD
    if (arch_unmap(base, PAGE_SIZE) != 0) {
        pmm_free_contig(base, STACK_PAGES);
        return KERR_NO_MEMORY;
    }
#endif
    t->kstack = (void *)(base + GUARD);
    t->kstack_size = KCONFIG_KSTACK_SIZE;
    return KERR_OK;
}

static void stack_free(task_t *t)
{
    if (!t->kstack)
        return;
    uintptr_t base = (uintptr_t)t->kstack - GUARD;
#if KCONFIG_KSTACK_GUARD
    if (arch_map(base, base, PAGE_SIZE, ARCH_PROT_R | ARCH_PROT_W) != 0) {
        /* the frame cannot be made usable again: leak it, loudly */
        kprintf("task: cannot remap the stack guard page %p\n", (void *)base);
        pmm_free_contig(base + PAGE_SIZE, STACK_PAGES - 1);
    } else {
        pmm_free_contig(base, STACK_PAGES);
    }
#else
    pmm_free_contig(base, STACK_PAGES);
#endif
    t->kstack = NULL;
    if (t->quota)
        quota_refund(t->quota, STACK_PAGES * PAGE_SIZE);   /* charged in task_create */
}

/* Every task from task_create to task_free, newest first (task.h). */
task_t *task_all_;

kerr_t task_create(quota_t *q, const char *name, unsigned prio, uint32_t cspace_slots,
                   void (*entry)(void *), void *arg, task_t **out)
{
    if (prio > TASK_PRIO_MAX || !entry || !name)
        return KERR_INVALID_ARG;
    if (cspace_slots == 0 || cspace_slots > CNODE_MAX_SLOTS)
        return KERR_INVALID_ARG;
    uint64_t stack_bytes = STACK_PAGES * PAGE_SIZE;
    if (q) {
        kerr_t e = quota_charge(q, stack_bytes);
        if (e)
            return e;
    }
    kerr_t e;
    task_t *t = (task_t *)kobj_alloc(OBJ_TASK, sizeof(task_t), q, &e);
    if (!t)
        goto fail_charge;
    kcrit_t s = kcrit_enter();          /* on task_all_ until task_free */
    t->all_next = task_all_;
    if (task_all_)
        task_all_->all_prev = t;
    task_all_ = t;
    kcrit_leave(s);
    kobj_ref(&t->obj);                  /* the creator's */
    t->id = next_id++;
    strlcpy(t->name, name, sizeof t->name);
    t->prio = (uint8_t)prio;
    t->slice = KCONFIG_TIMESLICE_TICKS;
    t->state = TASK_INACTIVE;
    t->entry = entry;
    t->arg = arg;
    t->quota = q;
    if (q)
        kobj_ref(&q->obj);
    cnode_t *cn;
    if ((e = cnode_create(q, cspace_slots, &cn)))
        goto fail_task;
    cte_derive(NULL, &t->cspace, cap_make(OBJ_CNODE, CAP_R_ALL & objtype_rights(OBJ_CNODE), 0, &cn->obj));
    if ((e = stack_alloc(t)))
        goto fail_task;
    *out = t;
    return KERR_OK;

fail_task:
    t->state = TASK_DEAD;
    cte_delete(&t->cspace);
    kobj_unref(&t->obj);                /* destroys and frees it */
fail_charge:
    if (q)
        quota_refund(q, stack_bytes);
    return e;
}

static void trampoline(void *arg)
{
    task_t *t = arg;
    t->entry(t->arg);
    task_exit(0);
}

kerr_t task_start(task_t *t)
{
    kcrit_t s = kcrit_enter();
    if (t->state != TASK_INACTIVE) {
        kcrit_leave(s);
        return t->state == TASK_DEAD ? KERR_DEAD : KERR_INVALID_ARG;
    }
    kobj_ref(&t->obj);                  /* the scheduler's, until reaped */
    arch_context_init(&t->ctx, t->kstack, t->kstack_size, trampoline, t);
    sched_ready(t);
    kcrit_leave(s);
    sched_preempt_check();
    return KERR_OK;
}

static void task_set_prio_locked(task_t *t, unsigned prio)
{
    bool ready = t->state == TASK_READY;
    if (ready)
        sched_unready(t);
    t->prio = (uint8_t)prio;
    if (ready)
        sched_ready(t);
}

kerr_t task_set_prio(task_t *t, unsigned prio)
{
    if (prio > TASK_PRIO_MAX)
        return KERR_INVALID_ARG;
    kcrit_t s = kcrit_enter();
    if (t->state == TASK_DEAD) {
        kcrit_leave(s);
        return KERR_DEAD;
    }
    task_set_prio_locked(t, prio);
    kcrit_leave(s);
    sched_preempt_check();
    return KERR_OK;
}

/* Take t out of whatever it waits in. */
void task_cancel_wait(task_t *t)
{
    switch (t->state) {
    case TASK_READY:
        sched_unready(t);
        break;
    case TASK_BLOCKED_SEND:
    case TASK_BLOCKED_RECV:
    case TASK_BLOCKED_NOTIFY:
    case TASK_BLOCKED_JOIN:
        taskq_remove((taskq_t *)t->q_owner, t);
        break;
    case TASK_BLOCKED_INPUT:
        if (t->q_owner)
            taskq_remove((taskq_t *)t->q_owner, t);
        sched_cancel_sleep(t);      /* its timeout, if any */
        break;
    case TASK_SLEEPING:
        sched_cancel_sleep(t);
        break;
    case TASK_BLOCKED_REPLY:
        if (t->reply_from)
            t->reply_from->reply_to = NULL;
        break;
    case TASK_INACTIVE:
    case TASK_RUNNING:
    case TASK_DEAD:
        break;
    }
    t->wait_obj = NULL;
    t->wait_slot = NULL;
    t->reply_from = NULL;
}

/* Make t dead: out of every queue, its reply capability answered with an
 * error, its CSpace released, its joiners woken. The caller switches away
 * if t is current. */
static void end(task_t *t, int code)
{
    bool started = t->state != TASK_INACTIVE;
    task_cancel_wait(t);
    t->state = TASK_DEAD;
    t->exit_code = code;
    if (t->reply_to) {
        task_t *caller = t->reply_to;
        t->reply_to = NULL;
        caller->reply_from = NULL;
        sched_wake(caller, KERR_DEAD);
    }
    while (t->joiners.head) {
        task_t *j = taskq_pop(&t->joiners);
        j->wait_obj = NULL;
        sched_wake(j, KERR_OK);
    }
    if (started) {
        t->dead_next = task_zombies_;
        task_zombies_ = t;
    } else {
        stack_free(t);
    }
    cte_delete(&t->cspace);             /* may destroy more objects */
}

void task_exit(int code)
{
    arch_irq_disable();
    task_t *self = sched_current();
    if (self->is_boot || self->is_idle)
        panic("task_exit: the %s task cannot exit", self->name);
    end(self, self->kill_pending ? self->kill_code : code);
    sched_exit_current();
}

void task_kill(task_t *t, int code, const char *why)
{
    kcrit_t s = kcrit_enter();
    if (t->state == TASK_DEAD || t->is_idle || t->is_boot || t->kill_pending) {
        kcrit_leave(s);
        return;
    }
    t->kill_pending = 1;
    t->kill_code = code;
    strlcpy(t->kill_why, why ? why : "", sizeof t->kill_why);
    if (t->state == TASK_INACTIVE) {
        end(t, code);                   /* it never ran: nothing to unwind */
        kcrit_leave(s);
        return;
    }
    task_t *self = sched_current();
    if (t != self && self->prio > t->prio)
        task_set_prio_locked(t, self->prio);    /* so that it gets to its safe point */
    switch (t->state) {
    case TASK_BLOCKED_SEND:
    case TASK_BLOCKED_RECV:
    case TASK_BLOCKED_REPLY:
    case TASK_BLOCKED_NOTIFY:
    case TASK_BLOCKED_JOIN:
    case TASK_BLOCKED_INPUT:
    case TASK_SLEEPING:
        task_cancel_wait(t);
        sched_wake(t, KERR_DESTROYED);
        break;
    case TASK_INACTIVE:
    case TASK_READY:
    case TASK_RUNNING:
    case TASK_DEAD:
        break;
    }
    if (t->on_kill)
        t->on_kill(t);
    kcrit_leave(s);
    sched_preempt_check();
}

void task_safe_point(void)
{
    if (task_kill_posted())
        task_exit(0);                   /* with the kill's code */
}

kerr_t task_join(task_t *t, int *code)
{
    kcrit_t s = kcrit_enter();
    task_t *self = sched_current();
    if (t == self) {
        kcrit_leave(s);
        return KERR_INVALID_ARG;
    }
    if (t->state != TASK_DEAD) {
        self->wait_obj = &t->obj;
        taskq_push(&t->joiners, self);
        kerr_t e = sched_block(TASK_BLOCKED_JOIN);
        if (e) {
            kcrit_leave(s);
            return e;
        }
    }
    *code = t->exit_code;
    kcrit_leave(s);
    return KERR_OK;
}

void task_destroy(task_t *t)
{
    task_kill(t, -1, "its last task capability was deleted");
}

void task_reap_all(void)
{
    kcrit_t s = kcrit_enter();
    task_t **pp = &task_zombies_;
    while (*pp) {
        task_t *t = *pp;
        if (t == sched_current()) {
            pp = &t->dead_next;
            continue;
        }
        *pp = t->dead_next;
        stack_free(t);
        kobj_unref(&t->obj);            /* the scheduler's reference */
    }
    kcrit_leave(s);
}

void task_free(task_t *t)
{
    if (t->state != TASK_DEAD && !t->is_boot)
        panic("task_free: task %s is not dead", t->name);
    stack_free(t);
    if (t->quota)
        kobj_unref(&t->quota->obj);
    kcrit_t s = kcrit_enter();
    if (t->all_prev)
        t->all_prev->all_next = t->all_next;
    else if (task_all_ == t)
        task_all_ = t->all_next;
    if (t->all_next)
        t->all_next->all_prev = t->all_prev;
    kcrit_leave(s);
    kfree(t);
}

arch_recover_t *task_fault(const arch_fault_t *f)
{
    task_t *t = sched_current();
    if (!t || !t->recover)
        return NULL;                    /* no wasm call to end: a kernel bug */
    kprintf("task %s (id %llu): %s at pc %p, address %p, in guest-memory access: "
            "its wasm call traps\n", t->name, (unsigned long long)t->id, f->name,
            (void *)f->pc, (void *)f->addr);
    return t->recover;
}
