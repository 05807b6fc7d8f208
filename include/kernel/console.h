/*
 * console.h - the Console object: the serial line (WRITE: the
 * console_write system call; no call reads it). One instance exists;
 * tasks get capabilities to it from whoever holds one.
 */
#ifndef JERICHO_KERNEL_CONSOLE_H
#define JERICHO_KERNEL_CONSOLE_H

#include "kernel/cnode.h"

typedef struct console {
    kobj_t obj;
} console_t;

/* The one console (created on first use, kernel-owned). */
console_t *console_get(void);
void console_free(console_t *c);

#endif
