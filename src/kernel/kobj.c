/*
 * kobj.c - the life of a kernel object: allocation charged to a quota,
 * capability and kernel reference counts, and destruction.
 *
 * Destroying one object can delete capabilities that destroy others (a
 * CNode full of the last capabilities to its objects). To keep the kernel
 * stack flat, objects whose last capability went are put on a pending
 * list and destroyed one by one by the outermost caller.
 */
#include "kernel/crit.h"
#include "kernel/kobj.h"
#include "kernel/quota.h"
#include "kernel/task.h"
#include "klib.h"
#include "mm.h"

static kobj_t *dead_head;
static bool draining;

kobj_t *kobj_alloc(objtype_t type, size_t size, quota_t *q, kerr_t *err)
{
    if (size > UINT32_MAX) {
        *err = KERR_INVALID_ARG;
        return NULL;
    }
    if (q) {
        kerr_t e = quota_charge(q, size);
        if (e) {
            *err = e;
            return NULL;
        }
    }
    kobj_t *o = kzalloc(size);
    if (!o) {
        if (q)
            quota_refund(q, size);
        *err = KERR_NO_MEMORY;
        return NULL;
    }
    o->type = (uint8_t)type;
    o->size = (uint32_t)size;
    o->quota = q;
    if (q)
        kobj_ref(&q->obj);
    *err = KERR_OK;
    return o;
}

/* kobj_free -> kobj_unref (of the quota) -> kobj_free recurses once per
 * level of the quota tree, which only the kernel builds (no system call
 * creates a quota); drain() does not nest (the draining flag). */
static void kobj_free(kobj_t *o)  // NOLINT(misc-no-recursion): bounded, see above
{
    quota_t *q = o->quota;
    uint32_t size = o->size;
    objtype_free(o);
    if (q) {
        quota_refund(q, size);
        kobj_unref(&q->obj);
    }
}

static void drain(void)  // NOLINT(misc-no-recursion): does not nest (draining)
{
    if (draining)
        return;
    draining = true;
    while (dead_head) {
        kobj_t *o = dead_head;
        dead_head = o->next_dead;
        o->next_dead = NULL;
        o->state = KOBJ_DESTROYING;
        objtype_destroy(o);
        o->state = KOBJ_DESTROYED;
        if (o->nrefs == 0 && o->ncaps == 0)
            kobj_free(o);
    }
    draining = false;
}

static void condemn(kobj_t *o)
{
    if (o->state != KOBJ_LIVE)
        return;
    o->state = KOBJ_CONDEMNED;
    o->next_dead = dead_head;
    dead_head = o;
}

void kobj_ref(kobj_t *o)
{
    kcrit_t s = kcrit_enter();
    o->nrefs++;
    kcrit_leave(s);
}

void kobj_unref(kobj_t *o)  // NOLINT(misc-no-recursion): bounded, see kobj_free
{
    kcrit_t s = kcrit_enter();
    if (o->nrefs == 0)
        panic("kobj: unref of %s %p with no references", objtype_name(o->type), (void *)o);
    if (--o->nrefs == 0 && o->ncaps == 0) {
        if (o->state == KOBJ_LIVE) {
            condemn(o);
            drain();
        } else if (o->state == KOBJ_DESTROYED) {
            kobj_free(o);
        }   /* condemned or destroying: drain() frees it afterwards */
    }
    kcrit_leave(s);
}

void kobj_cap_added(kobj_t *o)
{
    if (o->state != KOBJ_LIVE)
        panic("kobj: capability to dead %s %p", objtype_name(o->type), (void *)o);
    o->ncaps++;
}

void kobj_cap_removed(kobj_t *o)
{
    if (o->ncaps == 0)
        panic("kobj: capability count underflow on %s %p", objtype_name(o->type), (void *)o);
    if (--o->ncaps == 0 && o->state == KOBJ_LIVE) {
        condemn(o);
        drain();
    }
}
