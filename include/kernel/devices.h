/*
 * devices.h - the Console object (the serial line: WRITE to write, READ
 * to read) and the Clock object (READ to read the time, WRITE to sleep
 * until a time). One instance of each exists; tasks get capabilities to
 * them from whoever holds one.
 */
#ifndef JERICHO_KERNEL_DEVICES_H
#define JERICHO_KERNEL_DEVICES_H

#include "kernel/cnode.h"

typedef struct console {
    kobj_t obj;
    uint64_t bytes_written;
} console_t;

typedef struct kclock {
    kobj_t obj;
} kclock_t;

/* The one console / clock (created on first use, kernel-owned). */
console_t *console_get(void);
kclock_t *clock_get(void);

kerr_t console_write(cnode_t *cn, uint32_t slot, const void *buf, size_t len);
/* Up to max bytes that are waiting (never blocks); *n may be 0. */
kerr_t console_read(cnode_t *cn, uint32_t slot, void *buf, size_t max, size_t *n);
kerr_t clock_now(cnode_t *cn, uint32_t slot, uint64_t *ns);
kerr_t clock_sleep_until(cnode_t *cn, uint32_t slot, uint64_t ns);
void console_free(console_t *c);
void clock_free(kclock_t *c);

#endif
