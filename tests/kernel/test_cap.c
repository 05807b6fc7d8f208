/*
 * test_cap.c - host tests of capabilities, CSpaces, derivation, revoke,
 * object lifetime and quotas; and a random sequence of operations checked
 * against a simple model.
 */
#include <string.h>

#include "kconfig.h"
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/memory.h"
#include "kernel/notification.h"
#include "kernel/quota.h"
#include "kernel/sched.h"
#include "mm.h"
#include "ut.h"

static quota_t *new_quota(uint64_t limit)
{
    quota_t *q;
    UT_CHECK_EQ(quota_create(NULL, limit, &q), KERR_OK);
    kobj_ref(&q->obj);
    return q;
}

static cnode_t *new_cnode(quota_t *q, uint32_t n)
{
    cnode_t *cn;
    UT_CHECK_EQ(cnode_create(q, n, &cn), KERR_OK);
    return cn;
}

static endpoint_t *new_ep(quota_t *q)
{
    endpoint_t *ep;
    UT_CHECK_EQ(endpoint_create(q, &ep), KERR_OK);
    return ep;
}

UT(cap_value_layout)
{
    cap_t c = cap_make(OBJ_ENDPOINT, CAP_R_READ | CAP_R_GRANT, 0xabcdef123456ull, (kobj_t *)0x1000);
    UT_CHECK_EQ(cap_type(c), OBJ_ENDPOINT);
    UT_CHECK_EQ(cap_rights(c), CAP_R_READ | CAP_R_GRANT);
    UT_CHECK_EQ(cap_badge(c), 0xabcdef123456ull);
    UT_CHECK(cap_obj(c) == (kobj_t *)0x1000);
    UT_CHECK(cap_has(c, CAP_R_READ));
    UT_CHECK(!cap_has(c, CAP_R_READ | CAP_R_WRITE));
    UT_CHECK(cap_is_null(cap_null()));
}

UT(cap_rights_never_grow)
{
    cnode_t *cn = new_cnode(NULL, 16);
    endpoint_t *ep = new_ep(NULL);
    UT_CHECK_EQ(cap_install(cn, 0, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    UT_CHECK_EQ(cap_copy(cn, 0, cn, 1, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_rights(cn->slots[1].cap), CAP_R_READ | CAP_R_WRITE);
    UT_CHECK_EQ(cap_mint(cn, 1, cn, 2, CAP_R_WRITE, 0), KERR_OK);
    UT_CHECK_EQ(cap_rights(cn->slots[2].cap), CAP_R_WRITE);
    UT_CHECK_EQ(cap_copy(cn, 2, cn, 3, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_rights(cn->slots[3].cap), CAP_R_WRITE);
    UT_CHECK_EQ(cap_mint(cn, 3, cn, 4, CAP_R_READ | CAP_R_GRANT, 9), KERR_OK);
    UT_CHECK_EQ(cap_rights(cn->slots[4].cap), 0);
    /* a right the object type does not have cannot be installed */
    notification_t *n;
    UT_CHECK_EQ(notification_create(NULL, &n), KERR_OK);
    UT_CHECK_EQ(cap_install(cn, 5, &n->obj, CAP_R_GRANT, 0), KERR_INVALID_ARG);
    UT_CHECK_EQ(cap_install(cn, 5, &n->obj, CAP_R_READ, 0), KERR_OK);
    UT_CHECK_EQ(cspace_cap(cn, 5, OBJ_NOTIFICATION, CAP_R_WRITE, NULL, NULL), KERR_NO_RIGHTS);
    UT_CHECK_EQ(cspace_cap(cn, 2, OBJ_ENDPOINT, CAP_R_READ, NULL, NULL), KERR_NO_RIGHTS);
    UT_CHECK_EQ(cspace_cap(cn, 2, OBJ_ENDPOINT, CAP_R_WRITE, NULL, NULL), KERR_OK);
}

UT(cap_badges)
{
    cnode_t *cn = new_cnode(NULL, 8);
    endpoint_t *ep = new_ep(NULL);
    UT_CHECK_EQ(cap_install(cn, 0, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    UT_CHECK_EQ(cap_mint(cn, 0, cn, 1, CAP_R_WRITE, 42), KERR_OK);
    UT_CHECK_EQ(cap_badge(cn->slots[1].cap), 42);
    UT_CHECK_EQ(cap_mint(cn, 1, cn, 2, CAP_R_WRITE, 43), KERR_BADGED);
    UT_CHECK(cap_is_null(cn->slots[2].cap));
    UT_CHECK_EQ(cap_copy(cn, 1, cn, 2, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_badge(cn->slots[2].cap), 42);
    UT_CHECK_EQ(cap_mint(cn, 0, cn, 3, CAP_R_WRITE, CAP_BADGE_MAX + 1), KERR_INVALID_ARG);
    UT_CHECK_EQ(cap_mint(cn, 0, cn, 3, CAP_R_WRITE, CAP_BADGE_MAX), KERR_OK);
    UT_CHECK_EQ(cap_badge(cn->slots[3].cap), CAP_BADGE_MAX);
}

UT(cap_slot_bounds_and_errors)
{
    cnode_t *cn = new_cnode(NULL, 4);
    cnode_t *other = new_cnode(NULL, 2);
    endpoint_t *ep = new_ep(NULL);
    UT_CHECK_EQ(cap_install(cn, 4, &ep->obj, CAP_R_READ, 0), KERR_INVALID_SLOT);
    UT_CHECK_EQ(cap_install(cn, 0xffffffffu, &ep->obj, CAP_R_READ, 0), KERR_INVALID_SLOT);
    UT_CHECK_EQ(cap_install(cn, 3, &ep->obj, CAP_R_READ, 0), KERR_OK);
    UT_CHECK_EQ(cap_install(cn, 3, &ep->obj, CAP_R_READ, 0), KERR_SLOT_OCCUPIED);
    UT_CHECK_EQ(cap_copy(cn, 0, cn, 1, CAP_R_ALL), KERR_EMPTY_SLOT);
    UT_CHECK_EQ(cap_copy(cn, 3, other, 2, CAP_R_ALL), KERR_INVALID_SLOT);
    UT_CHECK_EQ(cap_copy(cn, 3, cn, 3, CAP_R_ALL), KERR_SLOT_OCCUPIED);
    UT_CHECK_EQ(cap_move(cn, 3, cn, 3), KERR_SLOT_OCCUPIED);
    UT_CHECK_EQ(cap_move(cn, 9, cn, 0), KERR_INVALID_SLOT);
    UT_CHECK_EQ(cap_delete(cn, 2), KERR_EMPTY_SLOT);
    UT_CHECK_EQ(cap_revoke(cn, 7), KERR_INVALID_SLOT);
    UT_CHECK_EQ(cspace_cap(cn, 3, OBJ_NOTIFICATION, 0, NULL, NULL), KERR_WRONG_TYPE);
    UT_CHECK_EQ(cspace_cap(NULL, 0, OBJ_NONE, 0, NULL, NULL), KERR_INVALID_SLOT);
    UT_CHECK_EQ(ep->obj.ncaps, 1);  /* failed operations changed nothing */
    cnode_t *bad;
    UT_CHECK_EQ(cnode_create(NULL, 0, &bad), KERR_INVALID_ARG);
    UT_CHECK_EQ(cnode_create(NULL, CNODE_MAX_SLOTS + 1, &bad), KERR_INVALID_ARG);
}

UT(cap_revoke_removes_exactly_the_subtree)
{
    /*   0 -> 1 -> 3 -> 5        revoke(1) removes 3, 5 (and 4)
     *     \    \-> 4            revoke(0) removes 1, 2
     *      \-> 2                6 is another original, untouched */
    cnode_t *cn = new_cnode(NULL, 8);
    endpoint_t *ep = new_ep(NULL);
    UT_CHECK_EQ(cap_install(cn, 0, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    UT_CHECK_EQ(cap_copy(cn, 0, cn, 1, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_copy(cn, 0, cn, 2, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_copy(cn, 1, cn, 3, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_mint(cn, 1, cn, 4, CAP_R_READ, 7), KERR_OK);
    UT_CHECK_EQ(cap_copy(cn, 3, cn, 5, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_install(cn, 6, &ep->obj, CAP_R_READ, 0), KERR_OK);
    UT_CHECK_EQ(ep->obj.ncaps, 7);
    UT_CHECK_EQ(cte_descendants(&cn->slots[0]), 5);
    UT_CHECK_EQ(cap_revoke(cn, 1), KERR_OK);
    for (int i = 0; i < 7; i++)
        UT_CHECK(cap_is_null(cn->slots[i].cap) == (i == 3 || i == 4 || i == 5));
    UT_CHECK_EQ(cte_descendants(&cn->slots[0]), 2);
    UT_CHECK_EQ(cap_revoke(cn, 0), KERR_OK);
    for (int i = 0; i < 7; i++)
        UT_CHECK(cap_is_null(cn->slots[i].cap) == (i != 0 && i != 6));
    UT_CHECK_EQ(ep->obj.ncaps, 2);
    UT_CHECK(kobj_live(&ep->obj));
}

UT(cap_delete_splices_children_up)
{
    cnode_t *cn = new_cnode(NULL, 8);
    endpoint_t *ep = new_ep(NULL);
    UT_CHECK_EQ(cap_install(cn, 0, &ep->obj, CAP_R_READ, 0), KERR_OK);
    UT_CHECK_EQ(cap_copy(cn, 0, cn, 1, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_copy(cn, 1, cn, 2, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_copy(cn, 2, cn, 3, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_delete(cn, 1), KERR_OK);
    UT_CHECK(cn->slots[2].parent == &cn->slots[0]);
    UT_CHECK_EQ(cap_revoke(cn, 0), KERR_OK);
    UT_CHECK(cap_is_null(cn->slots[2].cap) && cap_is_null(cn->slots[3].cap));
    UT_CHECK_EQ(ep->obj.ncaps, 1);
}

UT(cap_derived_says_whether_a_copy_is_left)
{
    /* 0 -> 1 -> 2 (in another CNode): deleting 1 moves 2 up under 0,
     * which still has a derived capability; deleting 2 leaves none. The
     * network task closes a connection on that last step. */
    cnode_t *cn = new_cnode(NULL, 4), *other = new_cnode(NULL, 4);
    endpoint_t *ep = new_ep(NULL);
    int d = -1;
    UT_CHECK_EQ(cap_install(cn, 0, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    UT_CHECK_EQ(cap_derived(cn, 0, &d), KERR_OK);
    UT_CHECK_EQ(d, 0);
    UT_CHECK_EQ(cap_mint(cn, 0, cn, 1, CAP_R_WRITE, 5), KERR_OK);
    UT_CHECK_EQ(cap_copy(cn, 1, other, 2, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_derived(cn, 0, &d), KERR_OK);
    UT_CHECK_EQ(d, 1);
    UT_CHECK_EQ(cap_delete(cn, 1), KERR_OK);
    UT_CHECK_EQ(cap_derived(cn, 0, &d), KERR_OK);
    UT_CHECK_EQ(d, 1);
    UT_CHECK_EQ(cap_derived(other, 2, &d), KERR_OK);
    UT_CHECK_EQ(d, 0);
    UT_CHECK_EQ(cap_delete(other, 2), KERR_OK);
    UT_CHECK_EQ(cap_derived(cn, 0, &d), KERR_OK);
    UT_CHECK_EQ(d, 0);
    d = 7;
    UT_CHECK_EQ(cap_derived(cn, 1, &d), KERR_EMPTY_SLOT);
    UT_CHECK_EQ(cap_derived(cn, 4, &d), KERR_INVALID_SLOT);
    UT_CHECK_EQ(d, 7);  /* a failed call writes nothing */
}

UT(cap_move_keeps_the_tree)
{
    cnode_t *a = new_cnode(NULL, 4), *b = new_cnode(NULL, 4);
    endpoint_t *ep = new_ep(NULL);
    UT_CHECK_EQ(cap_install(a, 0, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    UT_CHECK_EQ(cap_copy(a, 0, a, 1, CAP_R_READ), KERR_OK);
    UT_CHECK_EQ(cap_copy(a, 1, a, 2, CAP_R_READ), KERR_OK);
    UT_CHECK_EQ(cap_move(a, 1, b, 3), KERR_OK);     /* a middle node moves */
    UT_CHECK(cap_is_null(a->slots[1].cap));
    UT_CHECK_EQ(cap_rights(b->slots[3].cap), CAP_R_READ);
    UT_CHECK(a->slots[2].parent == &b->slots[3]);
    UT_CHECK(b->slots[3].parent == &a->slots[0]);
    UT_CHECK_EQ(cap_move(a, 0, b, 0), KERR_OK);     /* the root moves */
    UT_CHECK_EQ(cap_revoke(b, 0), KERR_OK);
    UT_CHECK(cap_is_null(b->slots[3].cap) && cap_is_null(a->slots[2].cap));
    UT_CHECK_EQ(ep->obj.ncaps, 1);
}

UT(cap_last_delete_destroys_object)
{
    quota_t *q = new_quota(1 << 20);
    cnode_t *cn = new_cnode(q, 4);
    uint64_t base = q->used;
    endpoint_t *ep = new_ep(q);
    UT_CHECK(q->used > base);
    UT_CHECK_EQ(cap_install(cn, 0, &ep->obj, CAP_R_READ, 0), KERR_OK);
    UT_CHECK_EQ(cap_copy(cn, 0, cn, 1, CAP_R_ALL), KERR_OK);
    UT_CHECK_EQ(cap_delete(cn, 0), KERR_OK);
    UT_CHECK(q->used > base);                       /* one capability left */
    UT_CHECK_EQ(cap_delete(cn, 1), KERR_OK);
    UT_CHECK_EQ(q->used, base);                     /* destroyed and freed */
}

UT(cap_cnode_destroy_cascades)
{
    /* A chain of CNodes, each holding the only capability to the next and
     * an endpoint: deleting the first capability frees them all. */
    quota_t *q = new_quota(4 << 20);
    cnode_t *root = new_cnode(q, 2);
    uint64_t base = q->used;
    size_t heap0 = heap_used_bytes();
    cnode_t *prev = root;
    for (int i = 0; i < 2000; i++) {
        cnode_t *cn = new_cnode(q, 2);
        endpoint_t *ep = new_ep(q);
        UT_CHECK_EQ(cap_install(prev, 0, &cn->obj, CAP_R_ALL & objtype_rights(OBJ_CNODE), 0), KERR_OK);
        UT_CHECK_EQ(cap_install(cn, 1, &ep->obj, CAP_R_READ, 0), KERR_OK);
        prev = cn;
    }
    UT_CHECK(q->used > base);
    UT_CHECK_EQ(cap_delete(root, 0), KERR_OK);
    UT_CHECK_EQ(q->used, base);
    UT_CHECK_EQ(heap_used_bytes(), heap0);
}

UT(quota_limits_and_refunds)
{
    quota_t *q = new_quota(4096);
    cnode_t *cn;
    UT_CHECK_EQ(cnode_create(q, 200, &cn), KERR_QUOTA);    /* 200 * 48 > 4096 */
    UT_CHECK_EQ(q->used, 0);
    UT_CHECK_EQ(cnode_create(q, 40, &cn), KERR_OK);
    uint64_t used = q->used;
    endpoint_t *ep;
    int made = 0;
    while (endpoint_create(q, &ep) == KERR_OK) {
        UT_CHECK_EQ(cap_install(cn, (uint32_t)made, &ep->obj, CAP_R_READ, 0), KERR_OK);
        made++;
    }
    UT_CHECK(made > 0 && made < 40);
    UT_CHECK(q->used <= q->limit);
    for (int i = 0; i < made; i++)
        UT_CHECK_EQ(cap_delete(cn, (uint32_t)i), KERR_OK);
    UT_CHECK_EQ(q->used, used);
    /* a child quota takes its limit from the parent */
    quota_t *child;
    UT_CHECK_EQ(quota_create(q, 1024, &child), KERR_OK);
    UT_CHECK(q->used >= used + 1024);
    UT_CHECK_EQ(quota_create(q, 100000, &child), KERR_QUOTA);
    memregion_t *m;
    UT_CHECK_EQ(memregion_create(q, 4, &m), KERR_QUOTA);    /* frames count */
}

UT(memregion_bounds_and_rights)
{
    cnode_t *cn = new_cnode(NULL, 4);
    memregion_t *m;
    size_t frames = pmm_free_pages();
    UT_CHECK_EQ(memregion_create(NULL, 2, &m), KERR_OK);
    UT_CHECK_EQ(pmm_free_pages(), frames - 2);
    UT_CHECK_EQ(memregion_create(NULL, 0, &m), KERR_INVALID_ARG);
    UT_CHECK_EQ(memregion_create(NULL, 2, &m), KERR_OK);
    UT_CHECK_EQ(cap_install(cn, 0, &m->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    UT_CHECK_EQ(cap_mint(cn, 0, cn, 1, CAP_R_READ, 0), KERR_OK);
    char buf[16] = "hello";
    UT_CHECK_EQ(memregion_write(cn, 0, 8190, buf, 2), KERR_OK);
    UT_CHECK_EQ(memregion_write(cn, 0, 8190, buf, 3), KERR_BAD_BUFFER);
    UT_CHECK_EQ(memregion_write(cn, 0, UINT64_MAX, buf, 2), KERR_BAD_BUFFER);
    UT_CHECK_EQ(memregion_write(cn, 1, 0, buf, 2), KERR_NO_RIGHTS);
    char out[2];
    UT_CHECK_EQ(memregion_read(cn, 1, 8190, out, 2), KERR_OK);
    UT_CHECK(out[0] == 'h' && out[1] == 'e');
    UT_CHECK_EQ(cap_delete(cn, 0), KERR_OK);
    UT_CHECK_EQ(cap_delete(cn, 1), KERR_OK);
    UT_CHECK_EQ(pmm_free_pages(), frames - 2);      /* only the first is left */
}

UT(task_create_kill_free)
{
    sched_init();
    quota_t *q = new_quota(1 << 20);
    task_t *t;
    UT_CHECK_EQ(task_create(q, "t", TASK_PRIO_MAX + 1, 8, (void (*)(void *))0x1, NULL, &t), KERR_INVALID_ARG);
    UT_CHECK_EQ(task_create(q, "t", 5, 0, (void (*)(void *))0x1, NULL, &t), KERR_INVALID_ARG);
    UT_CHECK_EQ(q->used, 0);
    UT_CHECK_EQ(task_create(q, "t", 5, 8, (void (*)(void *))0x1, NULL, &t), KERR_OK);
    UT_CHECK(q->used > KCONFIG_KSTACK_SIZE);
    UT_CHECK(task_cspace(t) != NULL);
    /* the task's capability lives in the boot CSpace; deleting it kills */
    cnode_t *boot = task_cspace(sched_current());
    UT_CHECK_EQ(cap_install(boot, 0, &t->obj, CAP_R_MANAGE, 0), KERR_OK);
    kobj_unref(&t->obj);
    UT_CHECK_EQ(t->state, TASK_INACTIVE);
    UT_CHECK_EQ(cap_delete(boot, 0), KERR_OK);
    UT_CHECK_EQ(q->used, 0);
    /* a task too big for its quota */
    quota_t *small = new_quota(8192);
    UT_CHECK_EQ(task_create(small, "t", 5, 8, (void (*)(void *))0x1, NULL, &t), KERR_QUOTA);
    UT_CHECK_EQ(small->used, 0);
}

UT(task_cspace_self_cycle_freed_on_kill)
{
    /* The only capability to a task sits in its own CSpace: killing it
     * releases the CSpace, which releases the task. */
    sched_init();
    quota_t *q = new_quota(1 << 20);
    task_t *t;
    UT_CHECK_EQ(task_create(q, "self", 5, 4, (void (*)(void *))0x1, NULL, &t), KERR_OK);
    UT_CHECK_EQ(cap_install(task_cspace(t), 0, &t->obj, CAP_R_MANAGE, 0), KERR_OK);
    task_kill(t, 3, NULL);
    UT_CHECK_EQ(t->exit_code, 3);
    kobj_unref(&t->obj);
    UT_CHECK_EQ(q->used, 0);
}

UT(notification_signal_poll)
{
    sched_init();
    cnode_t *cs = task_cspace(sched_current());
    notification_t *n;
    UT_CHECK_EQ(notification_create(NULL, &n), KERR_OK);
    UT_CHECK_EQ(cap_install(cs, 1, &n->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    UT_CHECK_EQ(cap_mint(cs, 1, cs, 2, CAP_R_WRITE, 0x100), KERR_OK);
    uint64_t bits;
    UT_CHECK_EQ(notify_poll(1, &bits), KERR_WOULD_BLOCK);
    UT_CHECK_EQ(notify_signal(1, 0x3), KERR_OK);
    UT_CHECK_EQ(notify_signal(2, 0x4), KERR_OK);
    UT_CHECK_EQ(notify_poll(2, &bits), KERR_NO_RIGHTS);
    UT_CHECK_EQ(notify_poll(1, &bits), KERR_OK);
    UT_CHECK_EQ(bits, 0x107);
    UT_CHECK_EQ(notify_poll(1, &bits), KERR_WOULD_BLOCK);
    UT_CHECK_EQ(notify_signal(3, 1), KERR_EMPTY_SLOT);
    UT_CHECK_EQ(notify_wait(1000, &bits), KERR_INVALID_SLOT);
}

UT(ipc_nonblocking_errors)
{
    sched_init();
    cnode_t *cs = task_cspace(sched_current());
    endpoint_t *ep = new_ep(NULL);
    UT_CHECK_EQ(cap_install(cs, 1, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    ipc_msg_t m = {.send_cap = IPC_NO_SLOT, .recv_cap = IPC_NO_SLOT};
    UT_CHECK_EQ(ipc_nbsend(1, &m), KERR_WOULD_BLOCK);
    UT_CHECK_EQ(ipc_poll(1, &m), KERR_WOULD_BLOCK);
    m.send_cap = 1;                                  /* no GRANT right */
    UT_CHECK_EQ(ipc_nbsend(1, &m), KERR_NO_RIGHTS);
    m.send_cap = IPC_NO_SLOT;
    m.send_len = IPC_MAX_PAYLOAD + 1;
    m.send_buf = &m;
    UT_CHECK_EQ(ipc_nbsend(1, &m), KERR_INVALID_ARG);
    m.send_len = 4;
    m.send_buf = NULL;
    UT_CHECK_EQ(ipc_nbsend(1, &m), KERR_BAD_BUFFER);
    m.recv_cap = 1;                                  /* occupied */
    UT_CHECK_EQ(ipc_poll(1, &m), KERR_SLOT_OCCUPIED);
    UT_CHECK_EQ(ipc_reply(&m), KERR_NO_REPLY);
    UT_CHECK_EQ(ipc_nbsend(2, &m), KERR_EMPTY_SLOT);
    UT_CHECK(taskq_empty(&ep->senders) && taskq_empty(&ep->receivers));
}

UT(errors_have_names)
{
    for (int e = 0; e < KERR_COUNT; e++)
        UT_CHECK(strcmp(kerr_name((kerr_t)e), "unknown error") != 0);
    UT_CHECK(strcmp(kerr_name(KERR_COUNT), "unknown error") == 0);
    for (int t = 0; t < OBJ_TYPE_COUNT; t++)
        UT_CHECK(strcmp(objtype_name((objtype_t)t), "?") != 0);
}

UT(cap_revoke_deep_and_wide_trees)
{
    /* A derivation chain 20000 deep and a fan of 4000 children: revoke
     * takes both down without recursion and without quadratic work. */
    enum { PER = 4096, NCN = 5 };
    cnode_t *cn[NCN];
    for (int k = 0; k < NCN; k++)
        cn[k] = new_cnode(NULL, PER);
    endpoint_t *ep = new_ep(NULL);
    UT_CHECK_EQ(cap_install(cn[0], 0, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    uint32_t prev = 0;
    for (uint32_t i = 1; i < 20000; i++) {
        UT_CHECK_EQ(cap_copy(cn[(i - 1) / PER], prev % PER, cn[i / PER], i % PER, CAP_R_ALL), KERR_OK);
        prev = i;
    }
    UT_CHECK_EQ(ep->obj.ncaps, 20000);
    UT_CHECK_EQ(cte_descendants(&cn[0]->slots[0]), 19999);
    UT_CHECK_EQ(cte_descendants(&cn[2]->slots[0]), 20000 - 2 * PER - 1);
    UT_CHECK_EQ(cap_revoke(cn[0], 0), KERR_OK);
    UT_CHECK_EQ(ep->obj.ncaps, 1);
    for (uint32_t i = 1; i < 4001; i++)
        UT_CHECK_EQ(cap_copy(cn[0], 0, cn[i / PER], i % PER, CAP_R_READ), KERR_OK);
    UT_CHECK_EQ(cte_descendants(&cn[0]->slots[0]), 4000);
    UT_CHECK_EQ(cap_revoke(cn[0], 0), KERR_OK);
    UT_CHECK_EQ(ep->obj.ncaps, 1);
    UT_CHECK(cn[0]->slots[0].child == NULL);
}

UT(task_stack_refunded_when_freed)
{
    /* A dead task whose TCB is still named by a capability holds no
     * stack and is no longer charged for one. */
    sched_init();
    quota_t *q = new_quota(1 << 20);
    task_t *t;
    UT_CHECK_EQ(task_create(q, "t", 5, 8, (void (*)(void *))0x1, NULL, &t), KERR_OK);
    cnode_t *boot = task_cspace(sched_current());
    UT_CHECK_EQ(cap_install(boot, 3, &t->obj, CAP_R_MANAGE, 0), KERR_OK);
    kobj_unref(&t->obj);
    uint64_t before = q->used;
    task_kill(t, 1, NULL);
    UT_CHECK(t->kstack == NULL);
    UT_CHECK(q->used + KCONFIG_KSTACK_SIZE <= before);
    UT_CHECK(q->used > 0);                          /* the TCB is still there */
    UT_CHECK_EQ(cap_delete(boot, 3), KERR_OK);
    UT_CHECK_EQ(q->used, 0);
}

UT(boot_task_survives_its_capabilities)
{
    sched_init();
    task_t *boot = sched_current();
    cnode_t *cs = task_cspace(boot);
    UT_CHECK_EQ(cap_install(cs, 7, &boot->obj, CAP_R_MANAGE, 0), KERR_OK);
    UT_CHECK_EQ(cap_delete(cs, 7), KERR_OK);
    UT_CHECK(sched_current() == boot);
    UT_CHECK_EQ(boot->state, TASK_RUNNING);
    task_kill(boot, 1, NULL);
    UT_CHECK_EQ(boot->state, TASK_RUNNING);
}
