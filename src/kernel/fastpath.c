/*
 * fastpath.c - the IPC fast path for call and reply-and-receive between
 * two tasks: when a straight list of guards holds, the message is moved
 * and the CPU goes directly to the other task, without the run queue.
 * Any guard that fails sends the operation to the slow path (ipc.c),
 * which handles every case (and reports every error); so the guards only
 * need to be sufficient, never complete. Guards and transfer run in one
 * critical section.
 */
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "klib.h"
#include "ipc_transfer.h"

uint64_t fastpath_hits;

/* The send half needs nothing the fast path does not do (no capability
 * to pass), and the slow path's decode_send would accept it. */
static inline bool plain_send(const ipc_msg_t *m)
{
    return m->send_cap == IPC_NO_SLOT && m->send_len <= IPC_MAX_PAYLOAD &&
           (m->send_len == 0 || m->send_buf);
}

/* The receive half as the slow path's decode_recv would accept it: a
 * buffer, and a slot for a capability that is in range and empty (or
 * none, or any free one). */
static inline bool plain_recv(task_t *self, const ipc_msg_t *m)
{
    cte_t *c;
    if (m->recv_max && !m->recv_buf)
        return false;
    return m->recv_cap == IPC_NO_SLOT || m->recv_cap == IPC_ANY_SLOT ||
           (cspace_slot(task_cspace(self), m->recv_cap, &c) == KERR_OK && cap_is_null(c->cap));
}

static bool call_locked(uint32_t slot, ipc_msg_t *m, kerr_t *err)
{
    task_t *self = sched_current();
    cte_t *c;
    cap_t cap;
    /* The receive half may name a slot for a capability in the reply:
     * the reply comes later, from whichever path the server takes
     * (ipc_transfer checks the slot again then). A task with a kill
     * posted must not block (sched_block refuses). */
    if (unlikely(!plain_send(m) || !plain_recv(self, m) || self->kill_pending))
        return false;
    if (unlikely(cspace_cap(task_cspace(self), slot, OBJ_ENDPOINT, CAP_R_WRITE, &c, &cap)))
        return false;
    endpoint_t *ep = (endpoint_t *)cap_obj(cap);
    task_t *r = ep->receivers.head;
    if (unlikely(!r))
        return false;                       /* nobody waiting */
    if (unlikely(r->reply_to))
        return false;                       /* it holds an unanswered reply */
    if (unlikely(r->prio < self->prio || sched_top_prio() > r->prio))
        return false;                       /* the scheduler must choose */

    taskq_remove(&ep->receivers, r);
    r->wait_obj = NULL;
    r->wait_slot = NULL;
    ipc_transfer(self, m, cap_badge(cap), false, r, r->msg);
    r->reply_to = self;
    r->reply_grant = r->wait_grant;         /* its receive capability's */
    r->wake_err = KERR_OK;
    self->reply_from = r;
    self->msg = m;
    self->wake_err = KERR_OK;
    self->state = TASK_BLOCKED_REPLY;
    fastpath_hits++;
    sched_switch_to(r);
    *err = self->wake_err;
    return true;
}

static bool reply_recv_locked(uint32_t slot, ipc_msg_t *m, kerr_t *err)
{
    task_t *self = sched_current();
    task_t *caller = self->reply_to;
    cte_t *c;
    cap_t cap;
    if (unlikely(!caller))
        return false;                       /* nothing to reply to */
    /* The receive half may name a slot: the message it will receive
     * comes later, from whichever path the sender takes (ipc_transfer
     * checks the slot again then). */
    if (unlikely(!plain_send(m) || !plain_recv(self, m) || self->kill_pending))
        return false;
    if (unlikely(cspace_cap(task_cspace(self), slot, OBJ_ENDPOINT, CAP_R_READ, &c, &cap)))
        return false;
    endpoint_t *ep = (endpoint_t *)cap_obj(cap);
    if (unlikely(!taskq_empty(&ep->senders)))
        return false;                       /* we would receive at once */
    if (unlikely(caller->state != TASK_BLOCKED_REPLY))
        return false;
    if (unlikely(caller->prio < self->prio || sched_top_prio() > caller->prio))
        return false;                       /* the scheduler must choose */

    self->reply_to = NULL;
    caller->reply_from = NULL;
    ipc_transfer(self, m, 0, false, caller, caller->msg);
    caller->wake_err = KERR_OK;
    self->msg = m;
    self->wait_obj = &ep->obj;
    self->wait_slot = c;
    self->wait_grant = cap_has(cap, CAP_R_GRANT);
    self->wake_err = KERR_OK;
    taskq_push(&ep->receivers, self);
    self->state = TASK_BLOCKED_RECV;
    fastpath_hits++;
    sched_switch_to(caller);
    *err = self->wake_err;
    return true;
}

bool fastpath_call(uint32_t slot, ipc_msg_t *m, kerr_t *err)
{
    kcrit_t s = kcrit_enter();
    bool done = call_locked(slot, m, err);
    kcrit_leave(s);
    return done;
}

bool fastpath_reply_recv(uint32_t slot, ipc_msg_t *m, kerr_t *err)
{
    kcrit_t s = kcrit_enter();
    bool done = reply_recv_locked(slot, m, err);
    kcrit_leave(s);
    return done;
}
