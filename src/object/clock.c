/*
 * clock.c - the Clock object: the time since boot in nanoseconds (READ)
 * and sleeping until a time (WRITE: it arms the timer for the task).
 */
#include "kernel/cspace.h"
#include "kernel/clock.h"
#include "kernel/crit.h"
#include "kernel/sched.h"
#include "klib.h"
#include "mm.h"

static kclock_t *the_clock;

kclock_t *clock_get(void)
{
    kcrit_t s = kcrit_enter();
    if (!the_clock) {
        kerr_t e;
        the_clock = (kclock_t *)kobj_alloc(OBJ_CLOCK, sizeof(kclock_t), NULL, &e);
        if (!the_clock)
            panic("clock: no memory for the clock object");
        kobj_ref(&the_clock->obj);      /* the kernel's: it never goes */
    }
    kcrit_leave(s);
    return the_clock;
}

kerr_t clock_now(cnode_t *cn, uint32_t slot, uint64_t *ns)
{
    kerr_t e = cspace_cap(cn, slot, OBJ_CLOCK, CAP_R_READ, NULL, NULL);
    if (e)
        return e;
    *ns = arch_time_ns();
    return KERR_OK;
}

kerr_t clock_sleep_until(cnode_t *cn, uint32_t slot, uint64_t ns)
{
    kerr_t e = cspace_cap(cn, slot, OBJ_CLOCK, CAP_R_WRITE, NULL, NULL);
    if (e)
        return e;
    sched_sleep_until(ns);
    return KERR_OK;
}

void clock_free(kclock_t *c)
{
    kfree(c);
}
