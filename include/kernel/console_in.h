/*
 * console_in.h - console input: the bytes the serial line's receive
 * interrupt delivers (hal.h: kernel_console_input) wait in a ring buffer
 * in the kernel; readers take them, or block until some arrive (with an
 * optional timeout). A blocked reader is woken by the next interrupt that
 * brings bytes, by its timeout, or by a kill (KERR_DESTROYED), like any
 * blocked task. Line ends arrive as LF (CR and CR LF become LF). Who
 * may read is decided by the caller (a CONSOLE capability with READ:
 * src/syscall/sys_wasi_fd.c).
 */
#ifndef JERICHO_KERNEL_CONSOLE_IN_H
#define JERICHO_KERNEL_CONSOLE_IN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/error.h"

#define CONIN_RING 4096u     /* bytes kept; more are dropped (counted) */

/* Turn on the receive interrupt (once, at boot). */
void conin_start(void);
/* Take up to max waiting bytes (never blocks); how many were taken. */
size_t conin_read(uint8_t *buf, size_t max);
/* Are bytes waiting? How many? */
bool conin_ready(void);
size_t conin_available(void);
/* Block the current task until bytes are waiting or arch_time_ns() >=
 * deadline (UINT64_MAX: no limit): KERR_OK (bytes may be waiting: check
 * again, another reader may have taken them), KERR_WOULD_BLOCK (timeout),
 * KERR_DESTROYED (a kill was posted). Returns at once if bytes wait. */
kerr_t conin_wait(uint64_t deadline);
/* Bytes dropped because the ring was full. */
uint64_t conin_dropped(void);

#endif
