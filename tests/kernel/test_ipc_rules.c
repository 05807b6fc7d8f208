/*
 * test_ipc_rules.c - host tests of who may affect whose IPC (issue 10,
 * defect 3; docs/abi.md): revoking a badged endpoint capability
 * withdraws other tasks' queued sends with that badge only if it holds
 * every endpoint right.
 */
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/sched.h"
#include "ut.h"

#define BOOT_PRIO (TASK_PRIO_MAX / 2)
#define RWG (CAP_R_READ | CAP_R_WRITE | CAP_R_GRANT)

static ipc_msg_t msg(void)
{
    ipc_msg_t m = {.send_cap = IPC_NO_SLOT, .recv_cap = IPC_NO_SLOT};
    return m;
}

static task_t *make(const char *name, unsigned prio, void (*fn)(void *), void *arg)
{
    task_t *t = NULL;
    UT_CHECK_EQ(task_create(NULL, name, prio, 8, fn, arg, &t), KERR_OK);
    return t;
}

static int finish(task_t *t)
{
    int code = -999;
    UT_CHECK_EQ(task_join(t, &code), KERR_OK);
    kobj_unref(&t->obj);
    return code;
}

static cnode_t *boot_cs(void)
{
    return task_cspace(sched_current());
}

static endpoint_t *endpoint_at(uint32_t slot)
{
    endpoint_t *ep;
    UT_CHECK_EQ(endpoint_create(NULL, &ep), KERR_OK);
    UT_CHECK_EQ(cap_install(boot_cs(), slot, &ep->obj, RWG, 0), KERR_OK);
    return ep;
}

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
