/*
 * notification.h - the Notification object: a word of signal bits.
 * signal ORs 32 bits and the capability's badge (up to 48 bits,
 * CAP_BADGE_MAX) in, so the word never exceeds 48 bits, and never blocks;
 * wait
 * blocks until the word is non-zero, returns it and clears it; poll is
 * wait without blocking. Waiters queue in FIFO order.
 * Rights: signal needs WRITE, wait/poll need READ.
 */
#ifndef JERICHO_KERNEL_NOTIFICATION_H
#define JERICHO_KERNEL_NOTIFICATION_H

#include "kernel/sched.h"

typedef struct notification {
    kobj_t obj;
    uint64_t word;
    taskq_t waiters;
} notification_t;

kerr_t notification_create(quota_t *q, notification_t **out);
kerr_t notify_signal(uint32_t slot, uint32_t bits);
/* Signal n itself (no capability: a device interrupt, device.c); in a
 * critical section or with interrupts off. */
void notify_signal_obj(notification_t *n, uint64_t bits);
kerr_t notify_wait(uint32_t slot, uint64_t *bits);
kerr_t notify_poll(uint32_t slot, uint64_t *bits);
void notification_cancel(task_t *t, kerr_t err);
void notification_destroy(notification_t *n);
void notification_slot_deleted(notification_t *n, cte_t *slot);
void notification_slot_moved(notification_t *n, cte_t *from, cte_t *to);
void notification_free(notification_t *n);

#endif
