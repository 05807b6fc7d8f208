/*
 * random_ipc.c - a randomized IPC stress run (include/selftest/random_ipc.h): twelve
 * tasks doing random IPC (send, call, receive, reply, reply-and-receive,
 * non-blocking variants, notifications, capability passing) on a few
 * endpoints while the caller revokes their capabilities, changes their
 * priorities and kills them. A received message must be intact and
 * every result a known error code; in the end the quota must be empty.
 * Test code: used by the host unit tests and the in-kernel tests.
 */
#include "selftest/random_ipc.h"
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/notification.h"
#include "kernel/sched.h"
#include "klib.h"

#define NWORK 12
#define NEP 3
#define NOTE_SLOT 3     /* worker slots 0..2 endpoints, 3 notification */
#define RECV_SLOT 4     /* where a passed capability may land */
#define BOOT_PRIO (TASK_PRIO_MAX / 2)

static random_ipc_stats_t *stats;

typedef struct {
    uint32_t rng;
    int id;
} worker_t;

static uint32_t wrand(worker_t *w)
{
    w->rng ^= w->rng << 13;
    w->rng ^= w->rng >> 17;
    w->rng ^= w->rng << 5;
    return w->rng;
}

static void check_code(kerr_t e)
{
    if ((unsigned)e >= KERR_COUNT)
        stats->bad_codes++;
}

/* A received message must be what its sender built: w[0] = length sent,
 * w[1] = the byte every payload byte holds. */
static void check_msg(kerr_t e, const ipc_msg_t *m, const unsigned char *buf)
{
    check_code(e);
    if (e != KERR_OK)
        return;
    stats->delivered++;
    size_t want = m->w[0] < m->recv_max ? m->w[0] : m->recv_max;
    if (m->w[0] > 64 || m->recv_len != want || m->truncated != (m->w[0] > m->recv_max)) {
        stats->bad_msgs++;
        return;
    }
    for (size_t i = 0; i < m->recv_len; i++)
        if (buf[i] != (unsigned char)m->w[1]) {
            stats->bad_msgs++;
            return;
        }
}

static void worker(void *arg)
{
    worker_t *w = arg;
    unsigned char out[64], in[48];
    cnode_t *cs = task_cspace(sched_current());
    for (int i = 0; i < 300; i++) {
        task_safe_point();                          /* a posted kill ends us here */
        ipc_msg_t m = {.send_cap = IPC_NO_SLOT, .recv_cap = IPC_NO_SLOT};
        size_t len = wrand(w) % 65;
        unsigned char fill = (unsigned char)wrand(w);
        memset(out, fill, len);
        m.w[0] = len;
        m.w[1] = fill;
        m.send_buf = out;
        m.send_len = len;
        m.recv_buf = in;
        m.recv_max = wrand(w) % 49;
        if (wrand(w) % 4 == 0) {                    /* offer / accept a capability */
            m.send_cap = wrand(w) % 5;
            if (cap_is_null(cs->slots[RECV_SLOT].cap))
                m.recv_cap = RECV_SLOT;
        }
        uint32_t ep = wrand(w) % NEP;
        kerr_t e;
        if (wrand(w) % 4 == 0)                      /* run a while: the timer may preempt */
            for (volatile uint32_t k = wrand(w) % 200000; k; k--)
                ;
        switch (wrand(w) % 10) {
        case 0: check_code(ipc_send(ep, &m)); break;
        case 1: e = ipc_call(ep, &m); check_msg(e, &m, in); break;
        case 2: e = ipc_recv(ep, &m); check_msg(e, &m, in); break;
        case 3: e = ipc_reply_recv(ep, &m); check_msg(e, &m, in); break;
        case 4: check_code(ipc_reply(&m)); break;
        case 5: check_code(ipc_nbsend(ep, &m)); break;
        case 6: e = ipc_poll(ep, &m); if (e != KERR_WOULD_BLOCK) check_msg(e, &m, in); break;
        case 7: check_code(notify_signal(NOTE_SLOT, 1u << (wrand(w) % 8))); break;
        case 8: {
            uint64_t bits;
            check_code(wrand(w) % 2 ? notify_poll(NOTE_SLOT, &bits) : notify_wait(NOTE_SLOT, &bits));
            break;
        }
        default:
            if (!cap_is_null(cs->slots[RECV_SLOT].cap))
                check_code(cap_delete(cs, RECV_SLOT));
            sched_yield();
            break;
        }
    }
}

void random_ipc_run(uint32_t seed, int rounds, random_ipc_stats_t *st)
{
    memset(st, 0, sizeof *st);
    stats = st;
    uint32_t rng = seed ? seed : 1;
#define RAND() (rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5, rng)
    cnode_t *boot = task_cspace(sched_current());
    unsigned me = sched_current()->prio;
    quota_t *q;
    if (quota_create(NULL, 8u << 20, &q)) {
        st->setup_errors++;
        return;
    }
    kobj_ref(&q->obj);
    for (uint32_t e = 0; e < NEP; e++) {
        endpoint_t *ep;
        if (endpoint_create(q, &ep) ||
            cap_install(boot, 10 + e, &ep->obj, CAP_R_READ | CAP_R_WRITE | CAP_R_GRANT, 0))
            st->setup_errors++;
    }
    notification_t *n;
    if (notification_create(q, &n) || cap_install(boot, 13, &n->obj, CAP_R_READ | CAP_R_WRITE, 0))
        st->setup_errors++;

    static worker_t ws[NWORK];
    task_t *t[NWORK] = {0};
    for (int i = 0; i < NWORK; i++) {
        ws[i] = (worker_t){seed * 77 + (uint32_t)i * 1009 + 1, i};
        if (task_create(q, "ripc", me - 1 - (unsigned)(i % 3), 8, worker, &ws[i], &t[i])) {
            st->setup_errors++;
            t[i] = NULL;
            continue;
        }
        for (uint32_t s = 0; s < 4; s++) {
            unsigned rights = (RAND() % 8) | CAP_R_READ | CAP_R_WRITE;
            if (cap_mint(boot, 10 + s, task_cspace(t[i]), s,
                         s < NEP ? rights : CAP_R_READ | CAP_R_WRITE, s < NEP ? (uint64_t)i + 1 : 0))
                st->setup_errors++;
        }
        if (task_start(t[i]))
            st->setup_errors++;
    }
    for (int round = 0; round < rounds; round++) {
        sched_sleep_until(arch_time_ns() + 10000000);
        int v = (int)(RAND() % NWORK);
        if (!t[v])
            continue;
        switch (RAND() % 4) {
        case 0: task_kill(t[v], 5, NULL); break;
        case 1: cap_revoke(boot, 10 + RAND() % NEP); break;
        case 2: if (task_cspace(t[v])) cap_delete(task_cspace(t[v]), RAND() % 4); break;
        default: task_set_prio(t[v], RAND() % me); break;
        }
    }
    for (int i = 0; i < NWORK; i++) {
        if (!t[i])
            continue;
        task_kill(t[i], 6, NULL);
        int code = -1;
        if (task_join(t[i], &code) || (code != 0 && code != 5 && code != 6))
            st->bad_exits++;
        kobj_unref(&t[i]->obj);
    }
    task_reap();
    for (uint32_t s = 10; s < 14; s++)
        cap_delete(boot, s);
    st->quota_left = q->used;
    kobj_unref(&q->obj);
#undef RAND
}
