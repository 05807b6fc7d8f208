/*
 * test_caps.c - in-kernel tests of capabilities between tasks: passing a
 * capability over IPC with and without the grant right, and revoke or
 * delete while tasks are blocked on the object (they wake with an error).
 */
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "selftest/ktask.h"
#include "kernel/memory.h"
#include "kernel/notification.h"
#include "klib.h"
#include "selftest/ktest.h"
#include "kconfig.h"
#include "mm.h"

#define EP_SLOT 0
#define GOT_SLOT 5
#define BOOT_SLOT 210   /* boot CSpace slots these tests use: 210.. */

static ipc_msg_t msg(void)
{
    ipc_msg_t m = {.send_cap = IPC_NO_SLOT, .recv_cap = IPC_NO_SLOT};
    return m;
}

static cnode_t *boot_cs(void)
{
    return task_cspace(sched_current());
}

/* ---- capability transfer ------------------------------------------------------ */

static volatile kerr_t rx_err, use_err;
static volatile bool rx_got;

/* Receive once, expecting a notification capability in GOT_SLOT, signal
 * through it, then wait to be told to check that it has been revoked. */
static void cap_receiver(void *arg)
{
    (void)arg;
    ipc_msg_t m = msg();
    m.recv_cap = GOT_SLOT;
    rx_err = ipc_recv(EP_SLOT, &m);
    rx_got = m.cap_received;
    use_err = m.cap_received ? notify_signal(GOT_SLOT, 0x8) : KERR_EMPTY_SLOT;
    m = msg();
    ipc_recv(EP_SLOT, &m);          /* "check now" */
    task_exit(cap_is_null(task_cspace(sched_current())->slots[GOT_SLOT].cap) ? 0 : 1);
}

KTEST(caps_transfer_needs_grant)
{
    cnode_t *cs = boot_cs();
    endpoint_t *ep;
    notification_t *n;
    KT_CHECK_EQ(endpoint_create(NULL, &ep), KERR_OK);
    KT_CHECK_EQ(notification_create(NULL, &n), KERR_OK);
    KT_CHECK_EQ(cap_install(cs, BOOT_SLOT, &ep->obj, CAP_R_READ | CAP_R_WRITE | CAP_R_GRANT, 0), KERR_OK);
    KT_CHECK_EQ(cap_install(cs, BOOT_SLOT + 1, &n->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    KT_CHECK_EQ(cap_mint(cs, BOOT_SLOT, cs, BOOT_SLOT + 2, CAP_R_WRITE, 0), KERR_OK);  /* no grant */
    KT_CHECK_EQ(cap_mint(cs, BOOT_SLOT, cs, BOOT_SLOT + 3, CAP_R_WRITE | CAP_R_GRANT, 0), KERR_OK);
    /* the capability we pass: a child of BOOT_SLOT + 1 */
    KT_CHECK_EQ(cap_mint(cs, BOOT_SLOT + 1, cs, BOOT_SLOT + 4, CAP_R_WRITE, 0), KERR_OK);

    rx_err = KERR_DEAD;
    rx_got = false;
    task_t *r = kt_create("cap-rx", KT_BOOT_PRIO + 1, cap_receiver, NULL);
    KT_CHECK_EQ(cap_mint(cs, BOOT_SLOT, task_cspace(r), EP_SLOT, CAP_R_READ, 0), KERR_OK);
    KT_CHECK_EQ(task_start(r), KERR_OK);
    KT_CHECK_EQ(r->state, TASK_BLOCKED_RECV);

    ipc_msg_t m = msg();
    m.send_cap = BOOT_SLOT + 4;
    KT_CHECK_EQ(ipc_send(BOOT_SLOT + 2, &m), KERR_NO_RIGHTS);  /* refused, nothing sent */
    KT_CHECK_EQ(r->state, TASK_BLOCKED_RECV);
    KT_CHECK_EQ(ipc_send(BOOT_SLOT + 3, &m), KERR_OK);
    KT_CHECK_EQ(rx_err, KERR_OK);
    KT_CHECK(rx_got);
    KT_CHECK_EQ(use_err, KERR_OK);
    uint64_t bits = 0;
    KT_CHECK_EQ(notify_poll(BOOT_SLOT + 1, &bits), KERR_OK);
    KT_CHECK_EQ(bits, 0x8);
    /* the passed capability is derived from ours: revoke takes it back */
    KT_CHECK_EQ(cap_revoke(cs, BOOT_SLOT + 1), KERR_OK);
    KT_CHECK(cap_is_null(cs->slots[BOOT_SLOT + 4].cap));
    m = msg();
    KT_CHECK_EQ(ipc_send(BOOT_SLOT + 3, &m), KERR_OK);
    KT_CHECK_EQ(kt_reap(r), 0);
    for (uint32_t i = BOOT_SLOT; i <= BOOT_SLOT + 3; i++)
        cap_delete(cs, i);
}

/* ---- revoke / delete while blocked ---------------------------------------------- */

static volatile kerr_t blocked_err[3];

static void blocked_recv(void *arg)
{
    ipc_msg_t m = msg();
    blocked_err[(uintptr_t)arg] = ipc_recv(EP_SLOT, &m);
}

static void blocked_send(void *arg)
{
    ipc_msg_t m = msg();
    blocked_err[(uintptr_t)arg] = ipc_send(EP_SLOT, &m);
}

static void blocked_wait(void *arg)
{
    uint64_t bits;
    blocked_err[(uintptr_t)arg] = notify_wait(EP_SLOT, &bits);
}

KTEST(caps_revoke_and_delete_wake_blocked_tasks)
{
    cnode_t *cs = boot_cs();
    endpoint_t *ep;
    notification_t *n;
    KT_CHECK_EQ(endpoint_create(NULL, &ep), KERR_OK);
    KT_CHECK_EQ(notification_create(NULL, &n), KERR_OK);
    KT_CHECK_EQ(cap_install(cs, BOOT_SLOT, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    KT_CHECK_EQ(cap_install(cs, BOOT_SLOT + 1, &n->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    for (int i = 0; i < 3; i++)
        blocked_err[i] = KERR_OK;

    /* 0: a receiver through a copy of our capability; we revoke ours */
    task_t *a = kt_create("blk-rx", KT_BOOT_PRIO + 1, blocked_recv, (void *)0);
    KT_CHECK_EQ(cap_copy(cs, BOOT_SLOT, task_cspace(a), EP_SLOT, CAP_R_READ), KERR_OK);
    KT_CHECK_EQ(task_start(a), KERR_OK);
    KT_CHECK_EQ(a->state, TASK_BLOCKED_RECV);
    KT_CHECK_EQ(cap_revoke(cs, BOOT_SLOT), KERR_OK);
    KT_CHECK_EQ(kt_reap(a), 0);
    KT_CHECK_EQ(blocked_err[0], KERR_REVOKED);
    KT_CHECK(taskq_empty(&ep->receivers));

    /* 1: a badged sender; revoking the badged capability it came from */
    KT_CHECK_EQ(cap_mint(cs, BOOT_SLOT, cs, BOOT_SLOT + 2, CAP_R_WRITE, 99), KERR_OK);
    task_t *b = kt_create("blk-tx", KT_BOOT_PRIO + 1, blocked_send, (void *)1);
    KT_CHECK_EQ(cap_copy(cs, BOOT_SLOT + 2, task_cspace(b), EP_SLOT, CAP_R_WRITE), KERR_OK);
    KT_CHECK_EQ(task_start(b), KERR_OK);
    KT_CHECK_EQ(b->state, TASK_BLOCKED_SEND);
    KT_CHECK_EQ(cap_delete(cs, BOOT_SLOT + 2), KERR_OK);   /* its cap survives (spliced up) */
    KT_CHECK_EQ(b->state, TASK_BLOCKED_SEND);
    KT_CHECK_EQ(cap_delete(task_cspace(b), EP_SLOT), KERR_OK);  /* now it is gone */
    KT_CHECK_EQ(kt_reap(b), 0);
    KT_CHECK_EQ(blocked_err[1], KERR_REVOKED);

    /* 2: a notification waiter; the object's capabilities are all deleted */
    task_t *c = kt_create("blk-wait", KT_BOOT_PRIO + 1, blocked_wait, (void *)2);
    KT_CHECK_EQ(cap_move(cs, BOOT_SLOT + 1, task_cspace(c), EP_SLOT), KERR_OK);
    KT_CHECK_EQ(task_start(c), KERR_OK);
    KT_CHECK_EQ(c->state, TASK_BLOCKED_NOTIFY);
    KT_CHECK_EQ(cap_delete(task_cspace(c), EP_SLOT), KERR_OK);  /* last one: destroyed */
    KT_CHECK_EQ(kt_reap(c), 0);
    KT_CHECK(blocked_err[2] == KERR_REVOKED || blocked_err[2] == KERR_DESTROYED);

    KT_CHECK(taskq_empty(&ep->senders) && taskq_empty(&ep->receivers));
    cap_delete(cs, BOOT_SLOT);
}

/* ---- killing a task by deleting its last capability ------------------------------ */

static void forever(void *arg)
{
    (void)arg;
    for (;;) {
        task_safe_point();      /* a kernel thread ends here when killed */
        sched_sleep_until(arch_time_ns() + 10 * KT_MS);
    }
}

KTEST(caps_deleting_last_task_cap_kills_it)
{
    cnode_t *cs = boot_cs();
    task_t *t = kt_spawn("doomed", KT_BOOT_PRIO + 1, forever, NULL);
    KT_CHECK_EQ(cap_install(cs, BOOT_SLOT, &t->obj, CAP_R_MANAGE, 0), KERR_OK);
    KT_CHECK_EQ(t->state, TASK_SLEEPING);
    KT_CHECK_EQ(cap_delete(cs, BOOT_SLOT), KERR_OK);
    KT_CHECK_EQ(t->state, TASK_DEAD);
    KT_CHECK_EQ(kt_reap(t), -1);
}

/* ---- quotas ------------------------------------------------------------------------ */

#define GREEDY_MAX 8192
static kobj_t *greedy_objs[GREEDY_MAX];
static volatile int greedy_n;
static volatile kerr_t greedy_err;

static void greedy(void *arg)
{
    (void)arg;
    quota_t *q = sched_current()->quota;
    greedy_n = 0;
    greedy_err = KERR_OK;
    while (greedy_n < GREEDY_MAX) {
        endpoint_t *ep;
        kerr_t e = endpoint_create(q, &ep);
        if (e) {
            greedy_err = e;
            break;
        }
        kobj_ref(&ep->obj);
        greedy_objs[greedy_n++] = &ep->obj;
    }
    for (int i = 0; i < greedy_n; i++)
        kobj_unref(greedy_objs[i]);
}

KTEST(caps_quota_stops_a_greedy_task)
{
    quota_t *q;
    KT_CHECK_EQ(quota_create(NULL, 160 * 1024, &q), KERR_OK);
    kobj_ref(&q->obj);
    size_t heap0 = heap_used_bytes();
    task_t *t;
    KT_CHECK_EQ(task_create(q, "greedy", KT_BOOT_PRIO + 1, 8, greedy, NULL, &t), KERR_OK);
    uint64_t after_task = q->used;
    KT_CHECK(after_task > KCONFIG_KSTACK_SIZE);
    KT_CHECK_EQ(task_start(t), KERR_OK);
    KT_CHECK_EQ(kt_reap(t), 0);
    KT_CHECK_EQ(greedy_err, KERR_QUOTA);
    KT_CHECK(greedy_n > 100 && greedy_n < GREEDY_MAX);
    KT_CHECK((160 * 1024 - after_task) / sizeof(endpoint_t) == (uint64_t)greedy_n);
    task_reap();
    KT_CHECK_EQ(q->used, 0);            /* everything refunded */
    kobj_unref(&q->obj);
    KT_CHECK(heap_used_bytes() <= heap0);
    /* a task bigger than its quota is refused cleanly */
    KT_CHECK_EQ(quota_create(NULL, 4096, &q), KERR_OK);
    kobj_ref(&q->obj);
    KT_CHECK_EQ(task_create(q, "huge", 1, 8, greedy, NULL, &t), KERR_QUOTA);
    KT_CHECK_EQ(q->used, 0);
    kobj_unref(&q->obj);
}

/* ---- sharing a memory region over IPC --------------------------------------------- */

static volatile int share_ok;

static void share_reader(void *arg)
{
    (void)arg;
    ipc_msg_t m = msg();
    m.recv_cap = GOT_SLOT;
    share_ok = 0;
    if (ipc_recv(EP_SLOT, &m) != KERR_OK || !m.cap_received)
        return;
    char buf[8] = {0};
    cnode_t *cs = task_cspace(sched_current());
    if (memregion_read(cs, GOT_SLOT, 4096 - 3, buf, 3) == KERR_OK && memcmp(buf, "xyz", 3) == 0 &&
        memregion_write(cs, GOT_SLOT, 0, "no", 2) == KERR_NO_RIGHTS &&
        memregion_read(cs, GOT_SLOT, 4096 - 3, buf, 4) == KERR_BAD_BUFFER)
        share_ok = 1;
}

KTEST(caps_memory_region_shared_read_only)
{
    cnode_t *cs = boot_cs();
    endpoint_t *ep;
    memregion_t *mr;
    KT_CHECK_EQ(endpoint_create(NULL, &ep), KERR_OK);
    KT_CHECK_EQ(memregion_create(NULL, 1, &mr), KERR_OK);
    KT_CHECK_EQ(cap_install(cs, BOOT_SLOT, &ep->obj, CAP_R_READ | CAP_R_WRITE | CAP_R_GRANT, 0), KERR_OK);
    KT_CHECK_EQ(cap_install(cs, BOOT_SLOT + 1, &mr->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    KT_CHECK_EQ(cap_mint(cs, BOOT_SLOT + 1, cs, BOOT_SLOT + 2, CAP_R_READ, 0), KERR_OK);
    KT_CHECK_EQ(memregion_write(cs, BOOT_SLOT + 1, 4096 - 3, "xyz", 3), KERR_OK);
    task_t *r = kt_create("share", KT_BOOT_PRIO + 1, share_reader, NULL);
    KT_CHECK_EQ(cap_mint(cs, BOOT_SLOT, task_cspace(r), EP_SLOT, CAP_R_READ, 0), KERR_OK);
    KT_CHECK_EQ(task_start(r), KERR_OK);
    ipc_msg_t m = msg();
    m.send_cap = BOOT_SLOT + 2;         /* the read-only copy */
    KT_CHECK_EQ(ipc_send(BOOT_SLOT, &m), KERR_OK);
    KT_CHECK_EQ(kt_reap(r), 0);
    KT_CHECK_EQ(share_ok, 1);
    for (uint32_t i = BOOT_SLOT; i <= BOOT_SLOT + 2; i++)
        KT_CHECK_EQ(cap_delete(cs, i), KERR_OK);
}
