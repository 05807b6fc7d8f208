/*
 * test_ipc_rules.c - host tests of who may affect whose IPC (issue 10,
 * defects 3 and 7; docs/abi.md): revoking a badged endpoint capability
 * withdraws other tasks' queued sends with that badge only if it holds
 * every endpoint right; a reply may carry a capability iff the server's
 * endpoint capability had GRANT when it took the call, whatever the
 * caller's capability holds, on every path that hands a call over (fast
 * path, slow send to a waiting receiver, receive of a queued call).
 */
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/notification.h"
#include "kernel/sched.h"
#include "ut.h"
#include "ut_task.h"

#define RWG (CAP_R_READ | CAP_R_WRITE | CAP_R_GRANT)

/* ---- defect 3: badged sends withdrawn only with all rights ---------------- */

static void send_word(void *arg)
{
    ipc_msg_t m = msg();
    m.w[0] = (uintptr_t)arg;
    task_exit(ipc_send(0, &m));
}

/* A task blocked in send through its own capability (slot 0, minted by
 * us from boot slot `from` with WRITE and `badge`). */
static task_t *queued_sender(uint32_t from, uint64_t badge, uintptr_t word)
{
    task_t *s = make("snd", BOOT_PRIO + 1, send_word, (void *)word);
    UT_CHECK_EQ(cap_mint(boot_cs(), from, task_cspace(s), 0, CAP_R_WRITE, badge), KERR_OK);
    UT_CHECK_EQ(task_start(s), KERR_OK);
    UT_CHECK_EQ(s->state, TASK_BLOCKED_SEND);
    return s;
}

UT(iprules_badge_revoke_needs_all_rights)
{
    sched_init();
    endpoint_t *ep = endpoint_at(1);
    task_t *s = queued_sender(1, 7, 0x5e4d);
    /* Badge-7 capabilities of our own with fewer rights (none; rw; wg):
     * revoking them withdraws nobody else's send. */
    static const unsigned fewer[] = {0, CAP_R_READ | CAP_R_WRITE, CAP_R_WRITE | CAP_R_GRANT};
    for (unsigned i = 0; i < 3; i++) {
        UT_CHECK_EQ(cap_mint(boot_cs(), 1, boot_cs(), 2 + i, fewer[i], 7), KERR_OK);
        UT_CHECK_EQ(cap_revoke(boot_cs(), 2 + i), KERR_OK);
        UT_CHECK_EQ(s->state, TASK_BLOCKED_SEND);
    }
    UT_CHECK(ep->senders.head == s);
    /* Revoking the sender's own capability's sibling of the same badge
     * also leaves it alone; deleting ours never withdraws by badge. */
    for (unsigned i = 0; i < 3; i++)
        UT_CHECK_EQ(cap_delete(boot_cs(), 2 + i), KERR_OK);
    UT_CHECK_EQ(s->state, TASK_BLOCKED_SEND);
    /* The message is still there for a receiver (poll: a withdrawn one
     * must fail the test, not hang it). */
    ipc_msg_t m = msg();
    UT_CHECK_EQ(ipc_poll(1, &m), KERR_OK);
    UT_CHECK_EQ(m.w[0], 0x5e4d);
    UT_CHECK_EQ(m.badge, 7);
    UT_CHECK_EQ(finish(s), KERR_OK);

    /* All rights: the queued send with that badge is withdrawn, one with
     * another badge is not. */
    s = queued_sender(1, 7, 1);
    task_t *other = queued_sender(1, 8, 2);
    UT_CHECK_EQ(cap_mint(boot_cs(), 1, boot_cs(), 2, RWG, 7), KERR_OK);
    UT_CHECK_EQ(cap_revoke(boot_cs(), 2), KERR_OK);
    UT_CHECK_EQ(finish(s), KERR_REVOKED);
    UT_CHECK(ep->senders.head == other && ep->senders.tail == other);
    m = msg();
    UT_CHECK_EQ(ipc_poll(1, &m), KERR_OK);
    UT_CHECK_EQ(m.w[0], 2);
    UT_CHECK_EQ(finish(other), KERR_OK);
    UT_CHECK_EQ(cap_delete(boot_cs(), 2), KERR_OK);

    /* Fewer rights, but the send went through a capability derived from
     * the revoked one: the revoke deletes it, and that withdraws it. */
    UT_CHECK_EQ(cap_mint(boot_cs(), 1, boot_cs(), 3, CAP_R_WRITE, 9), KERR_OK);
    s = queued_sender(3, 0, 3);
    UT_CHECK_EQ(cap_revoke(boot_cs(), 3), KERR_OK);
    UT_CHECK_EQ(finish(s), KERR_REVOKED);
    UT_CHECK(taskq_empty(&ep->senders));
    UT_CHECK_EQ(cap_delete(boot_cs(), 1), KERR_OK);
    task_reap();
}

/* ---- defect 7: a reply's capability needs the server's GRANT -------------- */

typedef struct {
    kerr_t call;            /* the caller's result */
    bool cap_received;
    objtype_t got_type;     /* type of what landed */
    kerr_t reply;           /* the server's first reply (with a capability) */
} grant_run_t;

/* Calls through its slot 0 with room for a capability in the reply. */
static void grant_caller(void *arg)
{
    grant_run_t *g = arg;
    ipc_msg_t m = msg();
    m.recv_cap = IPC_ANY_SLOT;
    g->call = ipc_call(0, &m);
    g->cap_received = m.cap_received;
    if (m.cap_received)
        g->got_type = cap_type(task_cspace(sched_current())->slots[m.recv_cap].cap);
}

/* Takes one call on its slot 0 and replies with its slot 1 (a
 * notification); if that is refused, replies without it. */
static void grant_server(void *arg)
{
    grant_run_t *g = arg;
    ipc_msg_t m = msg();
    if (ipc_recv(0, &m) != KERR_OK)
        task_exit(1);
    m.send_cap = 1;
    g->reply = ipc_reply(&m);
    if (g->reply != KERR_OK) {
        m.send_cap = IPC_NO_SLOT;
        if (ipc_reply(&m) != KERR_OK)
            task_exit(2);
    }
}

enum { SERVER_FIRST_FAST, SERVER_FIRST_SLOW, CALLER_FIRST };

static void grant_run(bool server_grant, bool caller_grant, int order)
{
    sched_init();
    endpoint_at(1);
    notification_t *n;
    UT_CHECK_EQ(notification_create(NULL, &n), KERR_OK);
    UT_CHECK_EQ(cap_install(boot_cs(), 2, &n->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    grant_run_t g = {KERR_COUNT, false, OBJ_NONE, KERR_COUNT};
    /* Server first at a lower priority than the caller: the fast path
     * declines (it would run the server ahead of the caller), the slow
     * send hands the call to the waiting receiver. */
    unsigned sprio = order == SERVER_FIRST_SLOW ? BOOT_PRIO + 1 : BOOT_PRIO + 2;
    unsigned cprio = order == SERVER_FIRST_SLOW ? BOOT_PRIO + 2 : BOOT_PRIO + 1;
    task_t *srv = make("srv", sprio, grant_server, &g);
    task_t *cl = make("caller", cprio, grant_caller, &g);
    UT_CHECK_EQ(cap_copy(boot_cs(), 1, task_cspace(srv), 0,
                         CAP_R_READ | (server_grant ? CAP_R_GRANT : 0)), KERR_OK);
    UT_CHECK_EQ(cap_copy(boot_cs(), 2, task_cspace(srv), 1, CAP_R_WRITE), KERR_OK);
    UT_CHECK_EQ(cap_copy(boot_cs(), 1, task_cspace(cl), 0,
                         CAP_R_WRITE | (caller_grant ? CAP_R_GRANT : 0)), KERR_OK);
    uint64_t hits = fastpath_hits;
    if (order == CALLER_FIRST) {
        UT_CHECK_EQ(task_start(cl), KERR_OK);
        UT_CHECK_EQ(cl->state, TASK_BLOCKED_SEND);
        UT_CHECK_EQ(task_start(srv), KERR_OK);
    } else {
        UT_CHECK_EQ(task_start(srv), KERR_OK);
        UT_CHECK_EQ(srv->state, TASK_BLOCKED_RECV);
        UT_CHECK_EQ(task_start(cl), KERR_OK);
    }
    UT_CHECK_EQ(finish(srv), 0);
    UT_CHECK_EQ(finish(cl), 0);
    /* The call path taken is the one this run means to test. */
    UT_CHECK_EQ(fastpath_hits - hits, order == SERVER_FIRST_FAST ? 1 : 0);
    /* The caller's capability changes nothing the server sees. */
    UT_CHECK_EQ(g.reply, server_grant ? KERR_OK : KERR_NO_RIGHTS);
    UT_CHECK_EQ(g.call, KERR_OK);
    UT_CHECK_EQ(g.cap_received, server_grant);
    if (server_grant)
        UT_CHECK_EQ(g.got_type, OBJ_NOTIFICATION);
    UT_CHECK_EQ(cap_delete(boot_cs(), 1), KERR_OK);
    UT_CHECK_EQ(cap_delete(boot_cs(), 2), KERR_OK);
    task_reap();
}

UT(iprules_reply_cap_needs_server_grant_only)
{
    for (int order = SERVER_FIRST_FAST; order <= CALLER_FIRST; order++)
        for (int sg = 0; sg < 2; sg++)
            for (int cg = 0; cg < 2; cg++)
                grant_run(sg, cg, order);
}
