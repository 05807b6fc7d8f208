/*
 * clock.h - the Clock object: READ to read the time since boot, WRITE to
 * sleep until a time. One instance exists; tasks get capabilities to it
 * from whoever holds one.
 */
#ifndef JERICHO_KERNEL_CLOCK_H
#define JERICHO_KERNEL_CLOCK_H

#include "kernel/cnode.h"

typedef struct kclock {
    kobj_t obj;
} kclock_t;

/* The one clock (created on first use, kernel-owned). */
kclock_t *clock_get(void);
kerr_t clock_now(cnode_t *cn, uint32_t slot, uint64_t *ns);
kerr_t clock_sleep_until(cnode_t *cn, uint32_t slot, uint64_t ns);
void clock_free(kclock_t *c);

#endif
