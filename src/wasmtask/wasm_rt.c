/*
 * wasm_rt.c - the engine's runtime hooks (wasm.h wasm_rt_*) in the kernel:
 * the kernel heap, with the zeroing the contract asks for, and every block
 * charged to the quota of the task it is made for (docs/tasks.md,
 * "Quotas"): linear memory, the interpreter's stacks, the instance, the
 * module and its compiled code count against the same budget as the
 * task's kernel objects, so a task that asks for more fails alone
 * (memory.grow returns -1, instantiation fails with "quota exceeded").
 *
 * Each block starts with a 16-byte header naming the quota and the bytes
 * charged (header included); the quota is referenced while the block
 * lives, so the reaper, freeing it later from another task, gives the
 * bytes back to the right quota. The quota charged is the current task's,
 * or the one wasm_rt_charge_to named for the current task (wtask_create
 * decodes a module for a task that does not run yet, and binds imports to
 * host functions that every task shares: those are charged to nobody).
 * Blocks made outside any task, or for a task without a quota, are
 * charged to nobody.
 */
#include "wasm.h"
#include "kernel/quota.h"
#include "kernel/sched.h"
#include "wasmtask/wasm_rt.h"
#include "wasmtask/wtask.h"
#include "klib.h"
#include "mm.h"

typedef struct {
    quota_t *quota;         /* charged, referenced; NULL: nobody */
    uint64_t bytes;         /* charged: the block and this header */
} rt_hdr_t;
_Static_assert(sizeof(rt_hdr_t) == 16, "the header keeps blocks 16-byte aligned");

/* wasm_rt_charge_to's redirection lives in the current task
 * (task_t.charge_*), so tasks compiling for others at the same time, each
 * preemptible, never see each other's. */
void wasm_rt_charge_to(quota_t *q)
{
    task_t *cur = sched_current();
    cur->charge_to = q;
    cur->charge_refused = 0;
    cur->charge_redirect = 1;
}

void wasm_rt_charge_end(void)
{
    task_t *cur = sched_current();
    cur->charge_redirect = 0;
    cur->charge_to = NULL;
}

bool wasm_rt_charge_refused(void)
{
    return sched_current()->charge_refused;
}

/* Fault injection (wasmtask/wasm_rt.h): the allocations of fail_task
 * are counted; number fail_nth fails, and every later one if sticky.
 * Only fail_task writes fail_seen (other tasks compare fail_task and go
 * on), so no critical section: fail_task is set last and cleared first;
 * a self-test that names another task reads the count once that task
 * has ended. */
static task_t *volatile fail_task;
static uint64_t fail_nth, fail_seen;
static bool fail_sticky;

void wasm_rt_fail_task(task_t *t, uint64_t n, bool sticky)
{
    fail_task = NULL;
    fail_nth = n;
    fail_sticky = sticky;
    fail_seen = 0;
    if (n)
        fail_task = t;
}

void wasm_rt_fail_at(uint64_t n, bool sticky)
{
    wasm_rt_fail_task(sched_current(), n, sticky);
}

uint64_t wasm_rt_fail_counted(void)
{
    return fail_seen;
}

/* Is this allocation by cur one to fail? */
static bool injected(task_t *cur)
{
    if (!fail_task || cur != fail_task)
        return false;
    uint64_t k = ++fail_seen;
    return k == fail_nth || (fail_sticky && k > fail_nth);
}

static quota_t *charged_quota(task_t *cur)
{
    if (!cur)
        return NULL;
    return cur->charge_redirect ? cur->charge_to : cur->quota;  /* charge_to may be NULL */
}

/* n bytes plus the header, charged; NULL when the heap or the quota says
 * no (a quota refusal is noted for the message: in the redirecting task,
 * or in the task's wtask). No critical section: the quota and the heap
 * keep their own, the block is zeroed with interrupts on, and the task
 * cannot be killed between the charge and the record (kills happen at
 * safe points, include/kernel/task.h). */
static void *rt_take(size_t n, bool zero)
{
    if (n > SIZE_MAX - sizeof(rt_hdr_t) - 16)
        return NULL;
    uint64_t bytes = (uint64_t)n + sizeof(rt_hdr_t);
    task_t *cur = sched_current();
    if (injected(cur))
        return NULL;
    quota_t *q = charged_quota(cur);
    kerr_t e = q ? quota_charge(q, bytes) : KERR_OK;
    if (e != KERR_OK) {
        if (e == KERR_QUOTA && cur->charge_redirect)
            cur->charge_refused = 1;
        else if (e == KERR_QUOTA && cur->user)
            ((wtask_t *)cur->user)->quota_refused = bytes;
        return NULL;
    }
    rt_hdr_t *h = zero ? kzalloc((size_t)bytes) : kmalloc((size_t)bytes);
    if (!h) {
        if (q)
            quota_refund(q, bytes);
        return NULL;
    }
    h->quota = q;
    h->bytes = bytes;
    if (q)
        kobj_ref(&q->obj);
    return h + 1;
}

void *wasm_rt_alloc(size_t n)
{
    return rt_take(n, true);
}

void *wasm_rt_realloc(void *p, size_t old_n, size_t new_n)
{
    uint8_t *q = rt_take(new_n, false);
    if (!q)
        return NULL;
    if (p)
        memcpy(q, p, old_n < new_n ? old_n : new_n);
    if (new_n > old_n)
        memset(q + old_n, 0, new_n - old_n);
    wasm_rt_free(p);
    return q;
}

void wasm_rt_free(void *p)
{
    if (!p)
        return;
    rt_hdr_t *h = (rt_hdr_t *)p - 1;
    quota_t *q = h->quota;
    uint64_t bytes = h->bytes;
    kfree(h);
    if (q) {
        quota_refund(q, bytes);
        kobj_unref(&q->obj);
    }
}
