/*
 * task.h - the Task object (TCB): kernel stack, saved context, priority,
 * time slice, state, CSpace, and the IPC state of a blocked task.
 *
 * A task runs entry(arg) in kernel mode on its own kernel stack. For a
 * wasm task, entry is the interpreter's runner and `user` its instance;
 * the kernel core never looks inside `user`.
 *
 * Kills happen at safe points (docs/kernel.md, "Kills"): task_kill only
 * posts the kill. A task waiting in a queue or asleep is woken with
 * KERR_DESTROYED; a running or preempted one goes on until it reaches a
 * safe point of its own (a wasm task: the interpreter's next poll, told
 * through the on_kill hook; a kernel thread: task_safe_point) and ends
 * itself there with task_exit. Nothing ever abandons a task's stack in
 * the middle of kernel code, so no kernel operation needs interrupts off
 * to protect itself from a kill.
 */
#ifndef JERICHO_KERNEL_TASK_H
#define JERICHO_KERNEL_TASK_H

#include "hal.h"
#include "kernel/cap.h"
#include "kernel/cnode.h"
#include "kernel/ipc.h"
#include "kernel/quota.h"

#define TASK_NAME_MAX 16
#define TASK_PRIO_MAX 63        /* priorities 0..63, higher runs first */

typedef enum {
    TASK_INACTIVE,              /* created, not started */
    TASK_READY,                 /* in the run queue */
    TASK_RUNNING,
    TASK_BLOCKED_SEND,          /* queued on an endpoint to send (or call) */
    TASK_BLOCKED_RECV,          /* queued on an endpoint to receive */
    TASK_BLOCKED_REPLY,         /* called; waiting for the reply */
    TASK_BLOCKED_NOTIFY,        /* waiting on a notification */
    TASK_BLOCKED_JOIN,          /* waiting for another task to end */
    TASK_BLOCKED_INPUT,         /* waiting for console input (console_in.c),
                                   maybe also on the sleep list (a timeout) */
    TASK_SLEEPING,
    TASK_DEAD,                  /* exited or killed; the stack is reaped */
} task_state_t;

/* A FIFO of tasks linked through q_next/q_prev (endpoint and
 * notification wait queues, joiners, run-queue levels); sched.c. */
typedef struct taskq {
    struct task *head, *tail;
} taskq_t;

typedef struct task {
    kobj_t obj;
    arch_context_t ctx;
    char name[TASK_NAME_MAX];
    uint64_t id;
    task_state_t state;
    uint8_t prio;
    uint8_t is_idle;
    uint8_t is_boot;            /* the boot (kernel_main) context */
    uint8_t kill_pending;       /* a kill was posted: end at the next safe point */
    uint32_t slice;             /* ticks left in this time slice */
    int exit_code;
    int kill_code;              /* the exit code a posted kill ends it with */
    char kill_why[48];          /* why (for the task's own end line), "" if none */
    /* Called (interrupts off) when a kill is posted to the task, so that
     * the code it runs stops at its next safe point (the wasm layer
     * requests an abort of the interpreter); NULL: none. */
    void (*on_kill)(struct task *t);
    uint8_t accounted;          /* CPU accounting on (sched_account) */
    uint64_t cpu_ticks;         /* if accounted: counter ticks it ran
                                   (sched.c; interrupts taken while it ran
                                   included) */

    /* Run queue or a wait queue (endpoint, notification, join): a task
     * is in at most one queue at a time. */
    struct task *q_next, *q_prev;
    void *q_owner;              /* the queue head it sits in, or NULL */

    /* Blocked in IPC */
    kobj_t *wait_obj;           /* endpoint / notification blocked on */
    cte_t *wait_slot;           /* the capability it blocked through */
    uint64_t wait_badge;        /* badge of that capability (senders) */
    bool wait_grant;            /* that capability had GRANT (a sender may
                                   pass a capability; a receiver that takes
                                   a call may reply with one) */
    bool wait_is_call;          /* a sender that waits for a reply */
    ipc_msg_t *msg;             /* its message while blocked */
    kerr_t wake_err;            /* why it was woken */
    uint64_t notify_bits;       /* what a notification wait received */
    struct task *reply_to;      /* one-shot reply capability: the caller */
    bool reply_grant;           /* with reply_to: the endpoint capability the
                                   call was taken through had GRANT, so the
                                   reply may carry a capability (the
                                   caller's rights play no part) */
    struct task *reply_from;    /* BLOCKED_REPLY: who holds our reply */

    uint64_t wake_at;           /* SLEEPING: arch_time_ns deadline */
    struct task *sleep_next;
    struct task *dead_next;     /* zombie list, for the reaper */
    taskq_t joiners;            /* BLOCKED_JOIN on us */

    cte_t cspace;               /* capability to the root CNode */
    quota_t *quota;             /* where its creations are charged (ref) */
    void *kstack;               /* base of the stack (guard page below) */
    size_t kstack_size;
    void (*entry)(void *);
    void *arg;
    void *user;                 /* the wasm instance, for the syscall layer */
    struct task *all_next, *all_prev;   /* task_all_ */
    arch_recover_t *recover;    /* while it runs wasm: where a fault in the
                                   engine's guest-memory access resumes
                                   (wasmtask/wasm_guard.c), else NULL */
    /* Where the engine's allocations made by this task are charged while
     * charge_redirect is set (a creator compiling a module for a task that
     * does not run yet: src/wasmtask/wasm_rt.c); whether that quota
     * refused something since. */
    quota_t *charge_to;
    uint8_t charge_redirect;
    uint8_t charge_refused;
} task_t;

/* Every task from task_create until task_free, newest first, linked
 * through all_next/all_prev (interrupts off to change it). Only debuggers
 * read it (tools/gdb/jericho.py: `jericho tasks`). */
extern task_t *task_all_;

/* Create an inactive task: cspace_slots empty slots in a new root CNode,
 * a kernel stack, everything charged to q. */
kerr_t task_create(quota_t *q, const char *name, unsigned prio, uint32_t cspace_slots,
                   void (*entry)(void *), void *arg, task_t **out);
/* Make an inactive task runnable. */
kerr_t task_start(task_t *t);
kerr_t task_set_prio(task_t *t, unsigned prio);
/* The root CNode of t's CSpace (NULL once t is dead). Inline: every
 * capability invocation starts here. */
static inline cnode_t *task_cspace(task_t *t)
{
    if (!t || cap_type(t->cspace.cap) != OBJ_CNODE)
        return NULL;
    return (cnode_t *)cap_obj(t->cspace.cap);
}
/* End the current task (with the kill's code if a kill was posted). */
__attribute__((noreturn)) void task_exit(int code);
/* Post a kill to t (any state; why may be NULL): a task never started
 * ends at once; a waiting one is woken with KERR_DESTROYED; any other
 * ends itself at its next safe point, running meanwhile at no less than
 * the killer's priority. The first kill's code and reason stand. Returns
 * at once, also when t is the current task. The kernel's own tasks (boot,
 * idle) are never killed. */
void task_kill(task_t *t, int code, const char *why);
/* A safe point of a kernel thread: if a kill was posted, end here. */
void task_safe_point(void);
/* Take t out of the queue it waits in (state unchanged). For a task that
 * is about to block with a kill posted (sched_block). */
void task_cancel_wait(task_t *t);
/* Wait until t has ended; its exit code. */
kerr_t task_join(task_t *t, int *code);
void task_destroy(task_t *t);
void task_free(task_t *t);
/* Free the stacks of dead tasks (never the running one). Called after
 * every context switch, where nothing to do is the common case: the test
 * is inline, the work in task_reap_all. A task that dies after the read
 * is reaped next time. */
extern task_t *task_zombies_;
void task_reap_all(void);
static inline void task_reap(void)
{
    if (__atomic_load_n(&task_zombies_, __ATOMIC_RELAXED))
        task_reap_all();
}
/* Called by kernel_fault for a load or store that faulted in the engine's
 * guest-memory access code: the current task's recovery point (its wasm
 * call then ends in a trap), or NULL when it has none (a kernel panic).
 * It ends no task itself: the task ends its call normally. */
arch_recover_t *task_fault(const arch_fault_t *f);

#endif
