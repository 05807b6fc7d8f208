/*
 * console.h - the Console object: the serial line (WRITE to write, READ to
 * take waiting input). One instance exists; tasks get capabilities to it
 * from whoever holds one.
 */
#ifndef JERICHO_KERNEL_CONSOLE_H
#define JERICHO_KERNEL_CONSOLE_H

#include "kernel/cnode.h"

typedef struct console {
    kobj_t obj;
    uint64_t bytes_written;
} console_t;

/* The one console (created on first use, kernel-owned). */
console_t *console_get(void);
kerr_t console_write(cnode_t *cn, uint32_t slot, const void *buf, size_t len);
/* Up to max bytes that are waiting (never blocks); *n may be 0. */
kerr_t console_read(cnode_t *cn, uint32_t slot, void *buf, size_t max, size_t *n);
void console_free(console_t *c);

#endif
