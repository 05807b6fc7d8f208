/*
 * bench_kthread.c - scheduler and IPC costs between kernel tasks (no
 * interpreter, no system-call layer): a sched_yield ping-pong, a call /
 * reply-recv round trip and one-way sends through an endpoint. These are
 * the floor under the same operations between wasm tasks.
 *
 * Every benchmark runs in the boot task, against one partner task of the
 * same priority, and checks that the partner did exactly the expected
 * work before it reports anything.
 */
#include "kbench/bench.h"
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/sched.h"
#include "klib.h"

#define YIELDS 20000u
#define CALLS 20000u
#define SENDS 20000u
#define EP_SLOT 0           /* the partner's endpoint slot */
#define BOOT_EP 250         /* boot CSpace slots used here: 250, 251 */
#define BOOT_EP_CALLER 251
#define STOP (~0ull)

static volatile uint64_t partner_count;
static volatile uint32_t partner_bad;

/* A started partner task at the boot task's priority, or NULL after an
 * error report. */
static task_t *partner(const char *bench, void (*fn)(void *))
{
    task_t *t;
    kerr_t e = task_create(NULL, bench, sched_current()->prio, 8, fn, NULL, &t);
    if (e) {
        bench_error(bench, "task_create: %s", kerr_name(e));
        return NULL;
    }
    e = task_start(t);
    if (e) {
        bench_error(bench, "task_start: %s", kerr_name(e));
        task_kill(t, 1, NULL);
        kobj_unref(&t->obj);
        return NULL;
    }
    return t;
}

/* Wait for the partner to end; false (reported) if it did not exit 0. */
static bool reap(const char *bench, task_t *t)
{
    int code = -1;
    kerr_t e = task_join(t, &code);
    kobj_unref(&t->obj);
    if (e || code != 0) {
        bench_error(bench, "partner ended with %d (%s)", code, kerr_name(e));
        return false;
    }
    return true;
}

/* ---- yield ping-pong ------------------------------------------------------------ */

static void yielder(void *arg)
{
    (void)arg;
    for (uint32_t i = 0; i < YIELDS; i++) {
        partner_count++;
        sched_yield();
    }
    task_exit(0);
}

/* Both tasks yield YIELDS times: 2 * YIELDS switches between c0 and c1
 * (the partner's last yield returns to us before it exits). */
KBENCH(yield_switch_kthread)
{
    partner_count = 0;
    task_t *t = partner("yield_switch_kthread", yielder);
    if (!t)
        return;
    uint64_t c0 = arch_counter();
    for (uint32_t i = 0; i < YIELDS; i++)
        sched_yield();
    uint64_t c1 = arch_counter();
    uint64_t seen = partner_count;
    if (!reap("yield_switch_kthread", t))
        return;
    if (seen != YIELDS)
        bench_error("yield_switch_kthread", "partner yielded %llu times of %u while timed "
                    "(the two did not alternate)", (unsigned long long)seen, YIELDS);
    else
        bench_report_ticks("yield_switch_kthread", c1 - c0, 2 * (uint64_t)YIELDS);
}

/* ---- IPC through an endpoint -------------------------------------------------------- */

static ipc_msg_t empty_msg(void)
{
    ipc_msg_t m = {.send_cap = IPC_NO_SLOT, .recv_cap = IPC_NO_SLOT};
    return m;
}

/* An endpoint in BOOT_EP, a write capability to it in BOOT_EP_CALLER and
 * a read capability in the partner's EP_SLOT. False (reported) if the
 * slots are not free. */
static bool endpoint_setup(const char *bench, task_t **t, void (*fn)(void *))
{
    endpoint_t *ep;
    cnode_t *boot = task_cspace(sched_current());
    kerr_t e = endpoint_create(NULL, &ep);
    if (e) {
        bench_error(bench, "endpoint_create: %s", kerr_name(e));
        return false;
    }
    e = cap_install(boot, BOOT_EP, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0);
    if (e) {
        bench_error(bench, "cap_install in boot slot %d: %s", BOOT_EP, kerr_name(e));
        kobj_unref(&ep->obj);
        return false;
    }
    e = cap_copy(boot, BOOT_EP, boot, BOOT_EP_CALLER, CAP_R_WRITE);
    task_t *p = NULL;
    if (!e) {
        if (!task_create(NULL, bench, sched_current()->prio, 8, fn, NULL, &p))
            e = cap_copy(boot, BOOT_EP, task_cspace(p), EP_SLOT, CAP_R_READ);
        else
            e = KERR_NO_MEMORY;
    }
    if (!e)
        e = task_start(p);
    if (e) {
        bench_error(bench, "set-up: %s", kerr_name(e));
        if (p) {
            task_kill(p, 1, NULL);
            kobj_unref(&p->obj);
        }
        cap_delete(boot, BOOT_EP_CALLER);
        cap_delete(boot, BOOT_EP);
        return false;
    }
    *t = p;
    return true;
}

static void endpoint_teardown(void)
{
    cnode_t *boot = task_cspace(sched_current());
    cap_delete(boot, BOOT_EP_CALLER);
    cap_delete(boot, BOOT_EP);
}

/* Answers each call with its two words swapped, until STOP. */
static void echo_server(void *arg)
{
    (void)arg;
    ipc_msg_t m = empty_msg();
    kerr_t e = ipc_recv(EP_SLOT, &m);
    while (e == KERR_OK && m.w[0] != STOP) {
        uint64_t a = m.w[0];
        m.w[0] = m.w[1];
        m.w[1] = a;
        partner_count++;
        e = ipc_reply_recv(EP_SLOT, &m);
    }
    if (e == KERR_OK)
        ipc_reply(&m);
    task_exit(e == KERR_OK ? 0 : 1);
}

/* A 16-byte message (two words) there and back, CALLS times. */
KBENCH(ipc_rtt_kthread)
{
    task_t *t;
    partner_count = 0;
    if (!endpoint_setup("ipc_rtt_kthread", &t, echo_server))
        return;
    uint32_t bad = 0;
    uint64_t c0 = arch_counter();
    for (uint32_t i = 0; i < CALLS; i++) {
        ipc_msg_t m = empty_msg();
        m.w[0] = i;
        m.w[1] = ~(uint64_t)i;
        if (ipc_call(BOOT_EP_CALLER, &m) != KERR_OK || m.w[0] != ~(uint64_t)i || m.w[1] != i)
            bad++;
    }
    uint64_t c1 = arch_counter();
    ipc_msg_t m = empty_msg();
    m.w[0] = STOP;
    kerr_t e = ipc_call(BOOT_EP_CALLER, &m);
    bool ok = reap("ipc_rtt_kthread", t);
    endpoint_teardown();
    if (!ok)
        return;
    if (bad || e || partner_count != CALLS)
        bench_error("ipc_rtt_kthread", "%u wrong replies, stop %s, %llu calls served of %u",
                    bad, kerr_name(e), (unsigned long long)partner_count, CALLS);
    else
        bench_report_ticks("ipc_rtt_kthread", c1 - c0, CALLS);
}

/* Receives until STOP, checking that the messages come in order. */
static void sink(void *arg)
{
    (void)arg;
    for (;;) {
        ipc_msg_t m = empty_msg();
        kerr_t e = ipc_recv(EP_SLOT, &m);
        if (e != KERR_OK)
            task_exit(1);
        if (m.w[0] == STOP)
            task_exit(0);
        if (m.w[0] != partner_count || m.w[1] != ~m.w[0])
            partner_bad++;
        partner_count++;
    }
}

/* SENDS one-way 16-byte messages; per message. Synchronous IPC: every
 * send meets a waiting receiver, so each costs a switch each way. */
KBENCH(ipc_oneway_kthread)
{
    task_t *t;
    partner_count = 0;
    partner_bad = 0;
    if (!endpoint_setup("ipc_oneway_kthread", &t, sink))
        return;
    uint32_t bad = 0;
    sched_yield();      /* let the sink reach its first receive */
    uint64_t c0 = arch_counter();
    for (uint32_t i = 0; i < SENDS; i++) {
        ipc_msg_t m = empty_msg();
        m.w[0] = i;
        m.w[1] = ~(uint64_t)i;
        if (ipc_send(BOOT_EP_CALLER, &m) != KERR_OK)
            bad++;
    }
    uint64_t c1 = arch_counter();
    ipc_msg_t m = empty_msg();
    m.w[0] = STOP;
    kerr_t e = ipc_send(BOOT_EP_CALLER, &m);
    bool ok = reap("ipc_oneway_kthread", t);
    endpoint_teardown();
    if (!ok)
        return;
    if (bad || e || partner_bad || partner_count != SENDS)
        bench_error("ipc_oneway_kthread", "%u failed sends, stop %s, %u out of order, "
                    "%llu received of %u", bad, kerr_name(e), partner_bad,
                    (unsigned long long)partner_count, SENDS);
    else
        bench_report_ticks("ipc_oneway_kthread", c1 - c0, SENDS);
}
