/*
 * ipc.h - synchronous IPC through endpoints, and the message format.
 *
 * Every call acts for the current task and names the endpoint by a slot
 * of its CSpace. The message is one ipc_msg_t, read for the sending half
 * and written for the receiving half (a call sends m and receives the
 * reply into m). Buffers are kernel pointers that the caller (the syscall
 * layer, for wasm tasks: inside the task's linear memory) has already
 * bounds-checked; the payload is copied once, sender to receiver.
 *
 * Rights: send/call need WRITE on the endpoint capability, receive/poll
 * need READ, passing a capability needs GRANT as well; a reply may pass
 * one iff the capability the server took the call through had GRANT
 * (task_t.reply_grant), whatever the caller's capability holds.
 */
#ifndef JERICHO_KERNEL_IPC_H
#define JERICHO_KERNEL_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/error.h"

#define IPC_WORDS   4
#define IPC_NO_SLOT 0xffffffffu
/* recv_cap: the lowest free slot of the receiver's CSpace, chosen when a
 * capability arrives (none free: it is dropped); recv_cap then says which. */
#define IPC_ANY_SLOT 0xfffffffeu
/* Largest payload one message carries. */
#define IPC_MAX_PAYLOAD (64u * 1024)

typedef struct {
    /* in (send half) */
    uint64_t w[IPC_WORDS];      /* also out: the words received */
    const void *send_buf;       /* payload to send, send_len bytes */
    size_t send_len;
    uint32_t send_cap;          /* slot of a capability to pass, or IPC_NO_SLOT */
    /* in (receive half) */
    void *recv_buf;             /* where a payload goes, up to recv_max bytes */
    size_t recv_max;
    uint32_t recv_cap;          /* empty slot for a received capability, IPC_ANY_SLOT
                                 * or IPC_NO_SLOT; out: where it landed */
    /* out */
    size_t recv_len;            /* payload bytes received */
    uint64_t badge;             /* badge of the sender's capability */
    bool cap_received;          /* a capability landed in recv_cap */
    bool truncated;             /* the payload was longer than recv_max */
} ipc_msg_t;

kerr_t ipc_send(uint32_t ep, ipc_msg_t *m);
/* Send only if a receiver is waiting, else KERR_WOULD_BLOCK. */
kerr_t ipc_nbsend(uint32_t ep, ipc_msg_t *m);
kerr_t ipc_recv(uint32_t ep, ipc_msg_t *m);
/* Receive only if a sender is waiting, else KERR_WOULD_BLOCK. */
kerr_t ipc_poll(uint32_t ep, ipc_msg_t *m);
/* Answer the last call received (the one-shot reply capability). */
kerr_t ipc_reply(ipc_msg_t *m);

/* The fast paths (fastpath.c): false (nothing done) when a guard fails
 * and the slow path must run; true with the result in *err otherwise. */
bool fastpath_call(uint32_t ep, ipc_msg_t *m, kerr_t *err);
bool fastpath_reply_recv(uint32_t ep, ipc_msg_t *m, kerr_t *err);
/* The slow paths (ipc.c): every case, every error. */
kerr_t ipc_call_slow(uint32_t ep, ipc_msg_t *m);
kerr_t ipc_reply_recv_slow(uint32_t ep, ipc_msg_t *m);

/* Send, then wait for the reply on a one-shot reply capability that the
 * receiver gets; the reply overwrites m's receive half. Inline: the fast
 * path first, without a call level in between. */
static inline kerr_t ipc_call(uint32_t ep, ipc_msg_t *m)
{
    kerr_t e;
    if (fastpath_call(ep, m, &e))
        return e;
    return ipc_call_slow(ep, m);
}
/* Reply (if a reply capability is held), then receive on ep. */
static inline kerr_t ipc_reply_recv(uint32_t ep, ipc_msg_t *m)
{
    kerr_t e;
    if (fastpath_reply_recv(ep, m, &e))
        return e;
    return ipc_reply_recv_slow(ep, m);
}

/* Used by the fast path (fastpath.c) and the slow path (ipc.c). */
struct task;
/* The capability part of a transfer (the rest is inline in
 * src/kernel/ipc_transfer.h): move sm's capability into rm's slot if both
 * are still valid, setting rm->cap_received. */
void ipc_transfer_cap(struct task *from, const ipc_msg_t *sm, struct task *to, ipc_msg_t *rm);
/* Counters of the fast paths taken (tests, benchmarks). */
extern uint64_t fastpath_hits;

#endif
