/*
 * ipc_transfer.h - moving one message from a sender's ipc_msg_t to a
 * receiver's (private to ipc.c and fastpath.c): the words, the badge, the
 * payload (truncated to the receive buffer) and, when both sides allow
 * it, a capability. Inline: both IPC paths run it once per message, and
 * as a call its register saves cost as much as the copy of a short
 * message; the rare capability part stays out of line.
 */
#ifndef JERICHO_KERNEL_IPC_TRANSFER_H
#define JERICHO_KERNEL_IPC_TRANSFER_H

#include "kernel/task.h"
#include "klib.h"

/* The payload copy. Up to 16 bytes (the common short message) as two
 * possibly overlapping pairs of word loads and stores instead of a call
 * to memcpy; longer ones through memcpy. */
static inline void ipc_copy_payload(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (n > 16) {
        memcpy(d, s, n);
    } else if (n >= 8) {
        uint64_t a, b;
        __builtin_memcpy(&a, s, 8);
        __builtin_memcpy(&b, s + n - 8, 8);
        __builtin_memcpy(d, &a, 8);
        __builtin_memcpy(d + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        __builtin_memcpy(&a, s, 4);
        __builtin_memcpy(&b, s + n - 4, 4);
        __builtin_memcpy(d, &a, 4);
        __builtin_memcpy(d + n - 4, &b, 4);
    } else {
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    }
}

/* Copy words, payload and a capability from sender's message to
 * receiver's; sets the receiver's badge/len/flags. */
static inline void ipc_transfer(task_t *from, const ipc_msg_t *sm, uint64_t badge, bool grant,
                                task_t *to, ipc_msg_t *rm)
{
    for (int i = 0; i < IPC_WORDS; i++)
        rm->w[i] = sm->w[i];
    rm->badge = badge;
    size_t n = sm->send_len;
    rm->truncated = n > rm->recv_max;
    if (rm->truncated)
        n = rm->recv_max;
    ipc_copy_payload(rm->recv_buf, sm->send_buf, n);
    rm->recv_len = n;
    rm->cap_received = false;
    if (sm->send_cap == IPC_NO_SLOT || !grant || rm->recv_cap == IPC_NO_SLOT)
        return;
    ipc_transfer_cap(from, sm, to, rm);
}

#endif
