/*
 * test_ipc_host.c - the scheduler and IPC run on the host (tasks are
 * ucontexts, see fake_arch.c), so that the sanitizers watch them: call /
 * reply-recv with checked messages, FIFO senders, a server that dies,
 * revoke while blocked, sleep, kill of blocked tasks, and that every
 * byte and frame comes back.
 */
#include <string.h>

#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/notification.h"
#include "kernel/sched.h"
#include "mm.h"
#include "ut.h"
#include "ut_task.h"

extern uint64_t ut_fake_time_ns;


static int server_errors;

static void echo_server(void *arg)
{
    (void)arg;
    char buf[32];
    ipc_msg_t m = msg();
    m.recv_buf = buf;
    m.recv_max = sizeof buf;
    kerr_t e = ipc_recv(0, &m);
    while (e == KERR_OK && m.w[0] != ~0ull) {
        if (m.recv_len != (m.w[0] % 7) || (m.recv_len && buf[0] != (char)m.w[0]))
            server_errors++;
        m.w[1] = m.w[0] * 2 + m.badge;
        m.send_buf = buf;
        m.send_len = m.recv_len;
        e = ipc_reply_recv(0, &m);
    }
    if (e == KERR_OK) {
        m.send_len = 0;
        ipc_reply(&m);
    } else {
        server_errors++;
    }
}

UT(hostipc_call_reply_recv_checked)
{
    sched_init();
    size_t frames = pmm_free_pages();
    endpoint_at(1);
    UT_CHECK_EQ(cap_mint(boot_cs(), 1, boot_cs(), 2, CAP_R_WRITE, 5), KERR_OK);
    server_errors = 0;
    task_t *srv = make("echo", BOOT_PRIO, echo_server, NULL);
    UT_CHECK_EQ(cap_copy(boot_cs(), 1, task_cspace(srv), 0, CAP_R_READ), KERR_OK);
    UT_CHECK_EQ(task_start(srv), KERR_OK);
    sched_yield();                              /* let it block in recv */
    uint64_t hits = fastpath_hits;
    for (uint64_t n = 0; n < 3000; n++) {
        char out[8], in[8];
        memset(out, (char)n, sizeof out);
        ipc_msg_t m = msg();
        m.w[0] = n;
        m.send_buf = out;
        m.send_len = n % 7;
        m.recv_buf = in;
        m.recv_max = 4;                         /* replies longer than 4 are cut */
        UT_CHECK_EQ(ipc_call(2, &m), KERR_OK);
        UT_CHECK_EQ(m.w[1], n * 2 + 5);
        UT_CHECK_EQ(m.recv_len, n % 7 < 4 ? n % 7 : 4);
        UT_CHECK_EQ(m.truncated, n % 7 > 4);
        if (m.recv_len)
            UT_CHECK(in[0] == (char)n);
    }
    UT_CHECK(fastpath_hits - hits >= 3000);
    ipc_msg_t m = msg();
    m.w[0] = ~0ull;
    UT_CHECK_EQ(ipc_call(2, &m), KERR_OK);
    UT_CHECK_EQ(finish(srv), 0);
    UT_CHECK_EQ(server_errors, 0);
    task_reap();
    UT_CHECK_EQ(pmm_free_pages(), frames);      /* the stack came back */
}

static void send_word(void *arg)
{
    ipc_msg_t m = msg();
    m.w[0] = (uintptr_t)arg;
    task_exit(ipc_send(0, &m));
}

UT(hostipc_senders_fifo_and_kill_while_queued)
{
    sched_init();
    endpoint_t *ep = endpoint_at(1);
    task_t *s[5];
    for (int i = 0; i < 5; i++) {
        s[i] = make("snd", BOOT_PRIO + 1, send_word, (void *)(uintptr_t)(i + 1));
        UT_CHECK_EQ(cap_mint(boot_cs(), 1, task_cspace(s[i]), 0, CAP_R_WRITE, 100 + i), KERR_OK);
        UT_CHECK_EQ(task_start(s[i]), KERR_OK);
        UT_CHECK_EQ(s[i]->state, TASK_BLOCKED_SEND);
    }
    task_kill(s[2], 7, NULL);                        /* leaves the queue */
    int want[] = {1, 2, 4, 5};
    for (int i = 0; i < 4; i++) {
        ipc_msg_t m = msg();
        UT_CHECK_EQ(ipc_recv(1, &m), KERR_OK);
        UT_CHECK_EQ(m.w[0], want[i]);
        UT_CHECK_EQ(m.badge, 100 + want[i] - 1);
    }
    ipc_msg_t m = msg();
    UT_CHECK_EQ(ipc_poll(1, &m), KERR_WOULD_BLOCK);
    UT_CHECK(taskq_empty(&ep->senders));
    for (int i = 0; i < 5; i++)
        UT_CHECK_EQ(finish(s[i]), i == 2 ? 7 : 0);
    task_reap();
}

static void take_call_and_die(void *arg)
{
    (void)arg;
    ipc_msg_t m = msg();
    ipc_recv(0, &m);
    task_exit(3);
}

static void recv_forever(void *arg)
{
    ipc_msg_t m = msg();
    *(kerr_t *)arg = ipc_recv(0, &m);
}

UT(hostipc_dead_server_and_revoke_wake_with_errors)
{
    sched_init();
    endpoint_at(1);
    task_t *d = make("dies", BOOT_PRIO + 1, take_call_and_die, NULL);
    UT_CHECK_EQ(cap_copy(boot_cs(), 1, task_cspace(d), 0, CAP_R_READ), KERR_OK);
    UT_CHECK_EQ(task_start(d), KERR_OK);
    ipc_msg_t m = msg();
    UT_CHECK_EQ(ipc_call(1, &m), KERR_DEAD);
    UT_CHECK_EQ(finish(d), 3);

    kerr_t got = KERR_OK;
    task_t *r = make("rx", BOOT_PRIO + 1, recv_forever, &got);
    UT_CHECK_EQ(cap_copy(boot_cs(), 1, task_cspace(r), 0, CAP_R_READ), KERR_OK);
    UT_CHECK_EQ(task_start(r), KERR_OK);
    UT_CHECK_EQ(r->state, TASK_BLOCKED_RECV);
    UT_CHECK_EQ(cap_revoke(boot_cs(), 1), KERR_OK);
    UT_CHECK_EQ(finish(r), 0);
    UT_CHECK_EQ(got, KERR_REVOKED);
    task_reap();
}

static void nap(void *arg)
{
    uint64_t until = ut_fake_time_ns + (uintptr_t)arg;
    sched_sleep_until(until);
    task_exit(ut_fake_time_ns >= until ? 0 : 1);
}

UT(hostipc_sleep_and_kill_sleeper)
{
    sched_init();
    task_t *a = make("nap", BOOT_PRIO + 1, nap, (void *)(uintptr_t)50000000);
    task_t *b = make("nap-long", BOOT_PRIO + 1, nap, (void *)(uintptr_t)10000000000ull);
    UT_CHECK_EQ(task_start(a), KERR_OK);
    UT_CHECK_EQ(task_start(b), KERR_OK);
    UT_CHECK_EQ(a->state, TASK_SLEEPING);
    uint64_t t0 = ut_fake_time_ns;
    UT_CHECK_EQ(finish(a), 0);                  /* idle advanced the clock */
    UT_CHECK(ut_fake_time_ns - t0 >= 50000000);
    UT_CHECK_EQ(b->state, TASK_SLEEPING);
    task_kill(b, 4, NULL);
    UT_CHECK_EQ(finish(b), 4);
    task_reap();
}

static void notified(void *arg)
{
    uint64_t bits = 0;
    kerr_t e = notify_wait(0, &bits);
    *(uint64_t *)arg = e ? 0xdead : bits;
}

UT(hostipc_notification_waiters_fifo)
{
    sched_init();
    notification_t *n;
    UT_CHECK_EQ(notification_create(NULL, &n), KERR_OK);
    UT_CHECK_EQ(cap_install(boot_cs(), 1, &n->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    uint64_t got[2] = {0, 0};
    task_t *w[2];
    for (int i = 0; i < 2; i++) {
        w[i] = make("wait", BOOT_PRIO + 1, notified, &got[i]);
        UT_CHECK_EQ(cap_copy(boot_cs(), 1, task_cspace(w[i]), 0, CAP_R_READ), KERR_OK);
        UT_CHECK_EQ(task_start(w[i]), KERR_OK);
    }
    UT_CHECK_EQ(notify_signal(1, 0x1), KERR_OK);
    UT_CHECK_EQ(got[0], 0x1);
    UT_CHECK_EQ(got[1], 0);
    UT_CHECK_EQ(notify_signal(1, 0x6), KERR_OK);
    UT_CHECK_EQ(got[1], 0x6);
    for (int i = 0; i < 2; i++)
        UT_CHECK_EQ(finish(w[i]), 0);
    task_reap();
}
