/*
 * test_ipc.c - in-kernel tests of IPC: call/reply-recv ping-pong with
 * every message checked, payloads, queued senders served in FIFO order
 * with their badges, non-blocking send and poll, notifications between
 * tasks, and a caller whose server dies.
 */
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "selftest/ktask.h"
#include "kernel/notification.h"
#include "klib.h"
#include "selftest/ktest.h"

#define PINGS 100000u
#define EP_SLOT 0       /* where a test task finds its endpoint */
#define BOOT_SLOT 200   /* boot CSpace slots these tests use: 200.. */

static ipc_msg_t msg(void)
{
    ipc_msg_t m = {.send_cap = IPC_NO_SLOT, .recv_cap = IPC_NO_SLOT};
    return m;
}

/* A new endpoint with its original capability in boot slot `slot`. */
static endpoint_t *new_endpoint(uint32_t slot)
{
    endpoint_t *ep;
    KT_CHECK_EQ(endpoint_create(NULL, &ep), KERR_OK);
    KT_CHECK_EQ(cap_install(task_cspace(sched_current()), slot, &ep->obj,
                            CAP_R_READ | CAP_R_WRITE | CAP_R_GRANT, 0), KERR_OK);
    return ep;
}

/* Give task t a copy of boot slot `from` in its slot `to`. */
static void give(task_t *t, uint32_t from, uint32_t to, unsigned rights, uint64_t badge)
{
    kerr_t e = cap_mint(task_cspace(sched_current()), from, task_cspace(t), to, rights, badge);
    if (e)
        KT_FAIL("cap_mint: %s", kerr_name(e));
}

static void drop(uint32_t slot)
{
    KT_CHECK_EQ(cap_delete(task_cspace(sched_current()), slot), KERR_OK);
}

/* ---- ping-pong ------------------------------------------------------------- */

static volatile uint32_t server_bad;

static void pong_server(void *arg)
{
    (void)arg;
    char buf[64];
    ipc_msg_t m = msg();
    m.recv_buf = buf;
    m.recv_max = sizeof buf;
    kerr_t e = ipc_recv(EP_SLOT, &m);
    for (uint32_t n = 0;; n++) {
        if (e != KERR_OK) {
            server_bad++;
            task_exit(2);
        }
        if (m.w[0] == ~0ull)
            break;
        if (m.w[0] != n || m.w[1] != (uint64_t)n * 3 || m.w[2] != ~(uint64_t)n || m.badge != 77)
            server_bad++;
        if (n % 1000 == 0 && (m.recv_len != 11 || memcmp(buf, "ping-000000", 6) != 0))
            server_bad++;
        if (n % 1000 != 0 && m.recv_len != 0)
            server_bad++;
        m.w[0] = n + 1;
        m.w[1] = m.w[1] + 7;
        m.w[3] = m.w[2] ^ 0x5a5a;
        m.send_buf = n % 1000 == 0 ? "pong" : NULL;
        m.send_len = n % 1000 == 0 ? 4 : 0;
        e = ipc_reply_recv(EP_SLOT, &m);
    }
    m.send_len = 0;
    ipc_reply(&m);
}

KTEST(ipc_ping_pong_100000_round_trips)
{
    new_endpoint(BOOT_SLOT);
    server_bad = 0;
    task_t *srv = kt_create("pong", KT_BOOT_PRIO, pong_server, NULL);
    give(srv, BOOT_SLOT, EP_SLOT, CAP_R_READ, 0);
    KT_CHECK_EQ(task_start(srv), KERR_OK);
    give(sched_current(), BOOT_SLOT, BOOT_SLOT + 1, CAP_R_WRITE, 77);

    uint64_t hits0 = fastpath_hits, t0 = arch_time_ns();
    uint32_t bad = 0;
    char buf[16];
    for (uint32_t n = 0; n < PINGS; n++) {
        ipc_msg_t m = msg();
        m.w[0] = n;
        m.w[1] = (uint64_t)n * 3;
        m.w[2] = ~(uint64_t)n;
        if (n % 1000 == 0) {
            m.send_buf = "ping-000000";
            m.send_len = 11;
        }
        m.recv_buf = buf;
        m.recv_max = sizeof buf;
        kerr_t e = ipc_call(BOOT_SLOT + 1, &m);
        if (e != KERR_OK || m.w[0] != n + 1 || m.w[1] != (uint64_t)n * 3 + 7 ||
            m.w[3] != (~(uint64_t)n ^ 0x5a5a) || m.badge != 0 ||
            m.recv_len != (n % 1000 == 0 ? 4u : 0u)) {
            if (bad++ < 3)
                KT_FAIL("round trip %u: %s, w0 %llu", n, kerr_name(e), (unsigned long long)m.w[0]);
        }
    }
    uint64_t dt = arch_time_ns() - t0;
    ipc_msg_t m = msg();
    m.w[0] = ~0ull;
    KT_CHECK_EQ(ipc_call(BOOT_SLOT + 1, &m), KERR_OK);
    KT_CHECK_EQ(kt_reap(srv), 0);
    KT_CHECK_EQ(bad, 0);
    KT_CHECK_EQ(server_bad, 0);
    uint64_t hits = fastpath_hits - hits0;
    KT_CHECK(hits >= PINGS);        /* both directions mostly take the fast path */
    kprintf("ipc: %u round trips in %llu ms, %llu fast paths\n", PINGS,
            (unsigned long long)(dt / KT_MS), (unsigned long long)hits);
    drop(BOOT_SLOT + 1);
    drop(BOOT_SLOT);
}

/* ---- queued senders ------------------------------------------------------------- */

static void sender(void *arg)
{
    ipc_msg_t m = msg();
    m.w[0] = (uint64_t)(uintptr_t)arg;
    kerr_t e = ipc_send(EP_SLOT, &m);
    task_exit(e == KERR_OK ? 0 : 100 + (int)e);
}

KTEST(ipc_queued_senders_served_in_order)
{
    endpoint_t *ep = new_endpoint(BOOT_SLOT);
    task_t *s[4];
    for (int i = 0; i < 4; i++) {
        /* higher priority: each runs at once and blocks in send */
        s[i] = kt_create("sender", KT_BOOT_PRIO + 1, sender, (void *)(uintptr_t)(i + 1));
        give(s[i], BOOT_SLOT, EP_SLOT, CAP_R_WRITE, 10 + i);
        KT_CHECK_EQ(task_start(s[i]), KERR_OK);
        KT_CHECK_EQ(s[i]->state, TASK_BLOCKED_SEND);
    }
    KT_CHECK(ep->senders.head == s[0] && ep->senders.tail == s[3]);
    for (int i = 0; i < 4; i++) {
        ipc_msg_t m = msg();
        KT_CHECK_EQ(ipc_recv(BOOT_SLOT, &m), KERR_OK);
        KT_CHECK_EQ(m.w[0], i + 1);
        KT_CHECK_EQ(m.badge, 10 + i);
    }
    for (int i = 0; i < 4; i++)
        KT_CHECK_EQ(kt_reap(s[i]), 0);
    drop(BOOT_SLOT);
}

/* ---- non-blocking send and poll ----------------------------------------------------- */

static volatile kerr_t nb_result;

static void receiver_once(void *arg)
{
    (void)arg;
    char buf[4];
    ipc_msg_t m = msg();
    m.recv_buf = buf;
    m.recv_max = sizeof buf;
    nb_result = ipc_recv(EP_SLOT, &m);
    if (nb_result == KERR_OK && (m.w[0] != 5 || !m.truncated || m.recv_len != 4 ||
                                 memcmp(buf, "abcd", 4) != 0))
        nb_result = KERR_COUNT;     /* wrong contents */
}

KTEST(ipc_nbsend_poll_and_truncation)
{
    new_endpoint(BOOT_SLOT);
    ipc_msg_t m = msg();
    m.w[0] = 5;
    KT_CHECK_EQ(ipc_nbsend(BOOT_SLOT, &m), KERR_WOULD_BLOCK);
    KT_CHECK_EQ(ipc_poll(BOOT_SLOT, &m), KERR_WOULD_BLOCK);
    nb_result = KERR_DEAD;
    task_t *r = kt_create("recv", KT_BOOT_PRIO + 1, receiver_once, NULL);
    give(r, BOOT_SLOT, EP_SLOT, CAP_R_READ, 0);
    KT_CHECK_EQ(task_start(r), KERR_OK);  /* now blocked in recv */
    m.send_buf = "abcdefgh";
    m.send_len = 8;
    KT_CHECK_EQ(ipc_nbsend(BOOT_SLOT, &m), KERR_OK);
    KT_CHECK_EQ(kt_reap(r), 0);
    KT_CHECK_EQ(nb_result, KERR_OK);
    drop(BOOT_SLOT);
}

/* ---- notifications ----------------------------------------------------------------- */

static volatile uint64_t waited_bits;

static void waiter(void *arg)
{
    (void)arg;
    uint64_t bits = 0;
    kerr_t e = notify_wait(EP_SLOT, &bits);
    waited_bits = e == KERR_OK ? bits : 0xdead;
}

KTEST(ipc_notification_signal_wakes_waiter)
{
    notification_t *n;
    cnode_t *cs = task_cspace(sched_current());
    KT_CHECK_EQ(notification_create(NULL, &n), KERR_OK);
    KT_CHECK_EQ(cap_install(cs, BOOT_SLOT, &n->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    waited_bits = 0;
    task_t *w = kt_create("waiter", KT_BOOT_PRIO + 1, waiter, NULL);
    give(w, BOOT_SLOT, EP_SLOT, CAP_R_READ, 0);
    KT_CHECK_EQ(task_start(w), KERR_OK);
    KT_CHECK_EQ(w->state, TASK_BLOCKED_NOTIFY);
    KT_CHECK_EQ(notify_signal(BOOT_SLOT, 0x30), KERR_OK);  /* never blocks */
    KT_CHECK_EQ(kt_reap(w), 0);
    KT_CHECK_EQ(waited_bits, 0x30);
    uint64_t bits;
    KT_CHECK_EQ(notify_poll(BOOT_SLOT, &bits), KERR_WOULD_BLOCK);
    drop(BOOT_SLOT);
}

/* ---- a server that dies with our call unanswered --------------------------------- */

static void dying_server(void *arg)
{
    (void)arg;
    ipc_msg_t m = msg();
    ipc_recv(EP_SLOT, &m);
    task_exit(9);       /* holding the reply capability */
}

KTEST(ipc_caller_woken_when_server_dies)
{
    new_endpoint(BOOT_SLOT);
    task_t *s = kt_create("dying", KT_BOOT_PRIO + 1, dying_server, NULL);
    give(s, BOOT_SLOT, EP_SLOT, CAP_R_READ, 0);
    KT_CHECK_EQ(task_start(s), KERR_OK);
    ipc_msg_t m = msg();
    KT_CHECK_EQ(ipc_call(BOOT_SLOT, &m), KERR_DEAD);
    KT_CHECK_EQ(kt_reap(s), 9);
    KT_CHECK_EQ(ipc_reply(&m), KERR_NO_REPLY);
    drop(BOOT_SLOT);
}
