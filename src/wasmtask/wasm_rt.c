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
#include "kernel/crit.h"
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

/* wasm_rt_charge_to's redirection: for task `for_task`, charge `to`;
 * whether `to` refused something since. */
static task_t *for_task;
static quota_t *to;
static bool to_refused;

void wasm_rt_charge_to(quota_t *q)
{
    kcrit_t s = kcrit_enter();
    for_task = sched_current();
    to = q;
    to_refused = false;
    kcrit_leave(s);
}

void wasm_rt_charge_end(void)
{
    kcrit_t s = kcrit_enter();
    for_task = NULL;
    to = NULL;
    kcrit_leave(s);
}

bool wasm_rt_charge_refused(void)
{
    return to_refused;
}

/* Fault injection (wasmtask/wasm_rt.h): the allocations of fail_task
 * are counted; number fail_nth fails, and every later one if sticky. */
static task_t *fail_task;
static uint64_t fail_nth, fail_seen;
static bool fail_sticky;

void wasm_rt_fail_at(uint64_t n, bool sticky)
{
    kcrit_t s = kcrit_enter();
    fail_task = n ? sched_current() : NULL;
    fail_nth = n;
    fail_sticky = sticky;
    fail_seen = 0;
    kcrit_leave(s);
}

uint64_t wasm_rt_fail_counted(void)
{
    return fail_seen;
}

/* Is this allocation by cur one to fail? (Interrupts are off.) */
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
    return cur == for_task ? to : cur->quota;    /* to may be NULL: nobody */
}

/* n bytes plus the header, charged; NULL when the heap or the quota says
 * no (a quota refusal is noted in the task's wtask for its message). */
static void *rt_take(size_t n, bool zero)
{
    if (n > SIZE_MAX - sizeof(rt_hdr_t) - 16)
        return NULL;
    uint64_t bytes = (uint64_t)n + sizeof(rt_hdr_t);
    /* charge, allocate and record in one step: a kill in between would
     * leave bytes charged for a block that does not exist */
    kcrit_t s = kcrit_enter();
    task_t *cur = sched_current();
    if (injected(cur)) {
        kcrit_leave(s);
        return NULL;
    }
    quota_t *q = charged_quota(cur);
    rt_hdr_t *h = NULL;
    kerr_t e = q ? quota_charge(q, bytes) : KERR_OK;
    if (e == KERR_OK) {
        h = zero ? kzalloc((size_t)bytes) : kmalloc((size_t)bytes);
        if (h) {
            h->quota = q;
            h->bytes = bytes;
            if (q)
                kobj_ref(&q->obj);
        } else if (q) {
            quota_refund(q, bytes);
        }
    } else if (e == KERR_QUOTA && cur && cur == for_task) {
        to_refused = true;
    } else if (e == KERR_QUOTA) {
        wtask_t *w = wtask_of(cur);
        if (w)
            w->quota_refused = bytes;
    }
    kcrit_leave(s);
    return h ? h + 1 : NULL;
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
    kcrit_t s = kcrit_enter();
    rt_hdr_t *h = (rt_hdr_t *)p - 1;
    quota_t *q = h->quota;
    uint64_t bytes = h->bytes;
    kfree(h);
    if (q) {
        quota_refund(q, bytes);
        kobj_unref(&q->obj);
    }
    kcrit_leave(s);
}

/* Interrupts off: no tick, so no preemption and no kill from another task
 * until end (docs/hardening.md, "Bugs found"). */
uint64_t wasm_rt_atomic_begin(void)
{
    return (uint64_t)kcrit_enter();
}

void wasm_rt_atomic_end(uint64_t token)
{
    kcrit_leave((kcrit_t)token);
}
