/*
 * fastpath.c - the IPC fast path for call and reply-and-receive between
 * two tasks: when a straight list of guards holds, the message is moved
 * and the CPU goes directly to the other task, without the run queue.
 * Any guard that fails sends the operation to the slow path (ipc.c),
 * which handles every case (and reports every error); so the guards only
 * need to be sufficient, never complete.
 */
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "klib.h"

uint64_t fastpath_hits;

bool fastpath_call(uint32_t slot, ipc_msg_t *m, kerr_t *err)
{
    task_t *self = sched_current();
    cte_t *c;
    cap_t cap;
    if (unlikely(m->send_cap != IPC_NO_SLOT || m->recv_cap != IPC_NO_SLOT))
        return false;                       /* capability transfer */
    if (unlikely(m->send_len > IPC_MAX_PAYLOAD || (m->send_len && !m->send_buf) ||
                 (m->recv_max && !m->recv_buf)))
        return false;
    if (unlikely(cspace_cap(task_cspace(self), slot, OBJ_ENDPOINT, CAP_R_WRITE, &c, &cap)))
        return false;
    endpoint_t *ep = (endpoint_t *)cap_obj(cap);

    kcrit_t s = kcrit_enter();
    task_t *r = ep->receivers.head;
    if (unlikely(!r)) {                     /* nobody waiting */
        kcrit_leave(s);
        return false;
    }
    if (unlikely(r->reply_to)) {            /* holds an unanswered reply */
        kcrit_leave(s);
        return false;
    }
    if (unlikely(r->prio < self->prio || sched_top_prio() > r->prio)) {
        kcrit_leave(s);                     /* the scheduler must choose */
        return false;
    }

    taskq_remove(&ep->receivers, r);
    r->wait_obj = NULL;
    r->wait_slot = NULL;
    ipc_transfer(self, m, cap_badge(cap), false, r, r->msg);
    r->reply_to = self;
    r->wake_err = KERR_OK;
    self->reply_from = r;
    self->msg = m;
    self->wait_grant = false;
    self->wake_err = KERR_OK;
    self->state = TASK_BLOCKED_REPLY;
    fastpath_hits++;
    sched_switch_to(r);
    *err = self->wake_err;
    kcrit_leave(s);
    return true;
}

bool fastpath_reply_recv(uint32_t slot, ipc_msg_t *m, kerr_t *err)
{
    task_t *self = sched_current();
    task_t *caller = self->reply_to;
    cte_t *c;
    cap_t cap;
    if (unlikely(!caller))
        return false;
    if (unlikely(m->send_cap != IPC_NO_SLOT || m->recv_cap != IPC_NO_SLOT))
        return false;
    if (unlikely(m->send_len > IPC_MAX_PAYLOAD || (m->send_len && !m->send_buf) ||
                 (m->recv_max && !m->recv_buf)))
        return false;
    if (unlikely(cspace_cap(task_cspace(self), slot, OBJ_ENDPOINT, CAP_R_READ, &c, &cap)))
        return false;
    endpoint_t *ep = (endpoint_t *)cap_obj(cap);

    kcrit_t s = kcrit_enter();
    if (unlikely(!taskq_empty(&ep->senders) ||     /* we would receive at once */
                 caller->state != TASK_BLOCKED_REPLY ||
                 caller->prio < self->prio || sched_top_prio() > caller->prio)) {
        kcrit_leave(s);
        return false;
    }

    self->reply_to = NULL;
    caller->reply_from = NULL;
    ipc_transfer(self, m, 0, false, caller, caller->msg);
    caller->wake_err = KERR_OK;
    self->msg = m;
    self->wait_obj = &ep->obj;
    self->wait_slot = c;
    self->wake_err = KERR_OK;
    taskq_push(&ep->receivers, self);
    self->state = TASK_BLOCKED_RECV;
    fastpath_hits++;
    sched_switch_to(caller);
    *err = self->wake_err;
    kcrit_leave(s);
    return true;
}
