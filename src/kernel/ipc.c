/*
 * ipc.c - synchronous IPC through endpoints, the slow path (see
 * include/kernel/ipc.h for the interface and docs/kernel.md for the
 * protocol). Each operation decodes the endpoint capability and the
 * message (rights, sizes, capability slots) before touching any state.
 *
 *   send:  receiver queued?  transfer, wake it  : queue as sender, block
 *   recv:  sender queued?    transfer, wake it (or, for a call, take its
 *                            one-shot reply capability) : queue, block
 *   call:  send, then wait in BLOCKED_REPLY for the reply
 *   reply: transfer to the caller named by the reply capability, wake it
 *
 * A reply may carry a capability iff the endpoint capability through
 * which the server took the call had GRANT: reply_grant, recorded with
 * reply_to wherever a call is handed over (here and in fastpath.c). The
 * caller's capability governs only what the caller sends.
 */
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "klib.h"
#include "ipc_transfer.h"

/* The lowest free slot of cn, or IPC_NO_SLOT. */
static uint32_t lowest_free(cnode_t *cn)
{
    for (uint32_t i = 0; cn && i < cn->nslots; i++)
        if (cap_is_null(cn->slots[i].cap))
            return i;
    return IPC_NO_SLOT;
}

void ipc_transfer_cap(task_t *from, const ipc_msg_t *sm, task_t *to, ipc_msg_t *rm)
{
    /* Both slots were decoded before; either may have changed since. */
    cte_t *sc, *dc;
    cap_t c;
    if (cspace_cap(task_cspace(from), sm->send_cap, OBJ_NONE, 0, &sc, &c) != KERR_OK)
        return;
    if (rm->recv_cap == IPC_ANY_SLOT) {
        uint32_t i = lowest_free(task_cspace(to));
        if (i == IPC_NO_SLOT)
            return;
        rm->recv_cap = i;
    }
    if (cspace_slot(task_cspace(to), rm->recv_cap, &dc) != KERR_OK || !cap_is_null(dc->cap))
        return;
    cte_derive(sc, dc, c);
    rm->cap_received = true;
}

static kerr_t decode_ep(task_t *self, uint32_t slot, unsigned rights, cte_t **c, cap_t *cap)
{
    return cspace_cap(task_cspace(self), slot, OBJ_ENDPOINT, rights, c, cap);
}

/* The send half of m: payload size and pointer, and a capability to pass
 * (which needs GRANT on the endpoint capability). */
static kerr_t decode_send(task_t *self, const ipc_msg_t *m, bool grant)
{
    if (m->send_len > IPC_MAX_PAYLOAD)
        return KERR_INVALID_ARG;
    if (m->send_len && !m->send_buf)
        return KERR_BAD_BUFFER;
    if (m->send_cap != IPC_NO_SLOT) {
        if (!grant)
            return KERR_NO_RIGHTS;
        kerr_t e = cspace_cap(task_cspace(self), m->send_cap, OBJ_NONE, 0, NULL, NULL);
        if (e)
            return e;
    }
    return KERR_OK;
}

/* The receive half: buffer pointer, and an empty slot for a capability. */
static kerr_t decode_recv(task_t *self, const ipc_msg_t *m)
{
    if (m->recv_max && !m->recv_buf)
        return KERR_BAD_BUFFER;
    if (m->recv_cap != IPC_NO_SLOT && m->recv_cap != IPC_ANY_SLOT) {
        cte_t *c;
        kerr_t e = cspace_slot(task_cspace(self), m->recv_cap, &c);
        if (e)
            return e;
        if (!cap_is_null(c->cap))
            return KERR_SLOT_OCCUPIED;
    }
    return KERR_OK;
}

static kerr_t send_locked(uint32_t slot, ipc_msg_t *m, bool block, bool call)
{
    task_t *self = sched_current();
    cte_t *c;
    cap_t cap;
    kerr_t e = decode_ep(self, slot, CAP_R_WRITE, &c, &cap);
    if (e)
        return e;
    bool grant = cap_has(cap, CAP_R_GRANT);
    if ((e = decode_send(self, m, grant)))
        return e;
    if (call && (e = decode_recv(self, m)))
        return e;
    endpoint_t *ep = (endpoint_t *)cap_obj(cap);

    task_t *r = taskq_pop(&ep->receivers);
    if (r) {
        r->wait_obj = NULL;
        r->wait_slot = NULL;
        ipc_transfer(self, m, cap_badge(cap), grant, r, r->msg);
        if (call) {
            if (r->reply_to)            /* an unanswered earlier call */
                sched_wake(r->reply_to, KERR_NO_REPLY);
            r->reply_to = self;
            r->reply_grant = r->wait_grant;     /* its receive capability's */
            self->reply_from = r;
            self->msg = m;
            sched_wake(r, KERR_OK);
            e = sched_block(TASK_BLOCKED_REPLY);
        } else {
            sched_wake(r, KERR_OK);
            sched_preempt_check();
            e = KERR_OK;
        }
    } else if (!block) {
        e = KERR_WOULD_BLOCK;
    } else {
        self->msg = m;
        self->wait_obj = &ep->obj;
        self->wait_slot = c;
        self->wait_badge = cap_badge(cap);
        self->wait_grant = grant;
        self->wait_is_call = call;
        taskq_push(&ep->senders, self);
        e = sched_block(TASK_BLOCKED_SEND);
        /* a call taken by a receiver comes back only with the reply */
    }
    return e;
}

static kerr_t do_send(uint32_t slot, ipc_msg_t *m, bool block, bool call)
{
    kcrit_t s = kcrit_enter();
    kerr_t e = send_locked(slot, m, block, call);
    kcrit_leave(s);
    return e;
}

/* Answer the held reply capability, if any, with m (no side effect when
 * none is held). */
static kerr_t do_reply(task_t *self, ipc_msg_t *m)
{
    task_t *caller = self->reply_to;
    if (!caller)
        return KERR_NO_REPLY;
    self->reply_to = NULL;
    caller->reply_from = NULL;
    ipc_transfer(self, m, 0, self->reply_grant, caller, caller->msg);
    sched_wake(caller, KERR_OK);
    return KERR_OK;
}

static kerr_t recv_locked(uint32_t slot, ipc_msg_t *m, bool block, bool reply_first)
{
    task_t *self = sched_current();
    cte_t *c;
    cap_t cap;
    kerr_t e = decode_ep(self, slot, CAP_R_READ, &c, &cap);
    if (e)
        return e;
    if ((e = decode_recv(self, m)))
        return e;
    if (reply_first && self->reply_to && (e = decode_send(self, m, self->reply_grant)))
        return e;
    endpoint_t *ep = (endpoint_t *)cap_obj(cap);

    if (reply_first)
        do_reply(self, m);
    if (self->reply_to) {               /* a call left unanswered */
        task_t *caller = self->reply_to;
        self->reply_to = NULL;
        caller->reply_from = NULL;
        sched_wake(caller, KERR_NO_REPLY);
    }
    task_t *snd = taskq_pop(&ep->senders);
    if (snd) {
        snd->wait_obj = NULL;
        snd->wait_slot = NULL;
        ipc_transfer(snd, snd->msg, snd->wait_badge, snd->wait_grant, self, m);
        if (snd->wait_is_call) {
            snd->state = TASK_BLOCKED_REPLY;    /* stays blocked for the reply */
            snd->reply_from = self;
            self->reply_to = snd;
            self->reply_grant = cap_has(cap, CAP_R_GRANT);
        } else {
            sched_wake(snd, KERR_OK);
        }
        sched_preempt_check();
        e = KERR_OK;
    } else if (!block) {
        sched_preempt_check();
        e = KERR_WOULD_BLOCK;
    } else {
        self->msg = m;
        self->wait_obj = &ep->obj;
        self->wait_slot = c;
        self->wait_grant = cap_has(cap, CAP_R_GRANT);
        taskq_push(&ep->receivers, self);
        e = sched_block(TASK_BLOCKED_RECV);
    }
    return e;
}

static kerr_t do_recv(uint32_t slot, ipc_msg_t *m, bool block, bool reply_first)
{
    kcrit_t s = kcrit_enter();
    kerr_t e = recv_locked(slot, m, block, reply_first);
    kcrit_leave(s);
    return e;
}

kerr_t ipc_send(uint32_t ep, ipc_msg_t *m) { return do_send(ep, m, true, false); }
kerr_t ipc_nbsend(uint32_t ep, ipc_msg_t *m) { return do_send(ep, m, false, false); }
kerr_t ipc_recv(uint32_t ep, ipc_msg_t *m) { return do_recv(ep, m, true, false); }
kerr_t ipc_poll(uint32_t ep, ipc_msg_t *m) { return do_recv(ep, m, false, false); }

kerr_t ipc_call_slow(uint32_t ep, ipc_msg_t *m)
{
    return do_send(ep, m, true, true);
}

kerr_t ipc_reply(ipc_msg_t *m)
{
    task_t *self = sched_current();
    kcrit_t s = kcrit_enter();
    kerr_t e = self->reply_to ? decode_send(self, m, self->reply_grant) : KERR_NO_REPLY;
    if (!e)
        e = do_reply(self, m);
    kcrit_leave(s);
    sched_preempt_check();
    return e;
}

kerr_t ipc_reply_recv_slow(uint32_t ep, ipc_msg_t *m)
{
    return do_recv(ep, m, true, true);
}
