/*
 * cspace.c - capability operations on CNode slots and the derivation tree
 * (see include/kernel/cspace.h for the rules). Each public operation
 * decodes everything first and only then changes state.
 */
#include "kconfig.h"
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/sched.h"
#include "klib.h"

/* ---- the derivation tree ------------------------------------------------ */

static void link_child(cte_t *parent, cte_t *c)
{
    c->parent = parent;
    c->prev = NULL;
    c->next = parent ? parent->child : NULL;
    if (parent) {
        if (parent->child)
            parent->child->prev = c;
        parent->child = c;
    }
}

static void unlink_self(cte_t *c)
{
    if (c->prev)
        c->prev->next = c->next;
    else if (c->parent)
        c->parent->child = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->parent = c->next = c->prev = NULL;
}

void cte_derive(cte_t *src, cte_t *dst, cap_t c)
{
    kobj_cap_added(cap_obj(c));
    dst->cap = c;
    dst->child = NULL;
    link_child(src, dst);
}

void cte_delete(cte_t *slot)
{
    if (cap_is_null(slot->cap))
        return;
    kcrit_t s = kcrit_enter();
    cap_t c = slot->cap;
    cte_t *parent = slot->parent;
    /* Children move up to our parent (or become roots). */
    while (slot->child) {
        cte_t *ch = slot->child;
        unlink_self(ch);
        link_child(parent, ch);
    }
    unlink_self(slot);
    slot->cap = cap_null();
    objtype_cap_deleted(c, slot);
    kobj_cap_removed(cap_obj(c));
    kcrit_leave(s);
}

size_t cte_descendants(const cte_t *slot)
{
    /* Depth-first over the tree through the parent links: no recursion. */
    size_t n = 0;
    const cte_t *c = slot->child;
    while (c) {
        n++;
        if (c->child) {
            c = c->child;
            continue;
        }
        while (c != slot && !c->next)
            c = c->parent;
        if (c == slot)
            break;
        c = c->next;
    }
    return n;
}

/* ---- invocations ----------------------------------------------------------- */

static kerr_t cap_install_locked(cnode_t *cn, uint32_t idx, kobj_t *o, unsigned rights, uint64_t badge)
{
    cte_t *d;
    kerr_t e = cspace_slot(cn, idx, &d);
    if (e)
        return e;
    if (!cap_is_null(d->cap))
        return KERR_SLOT_OCCUPIED;
    if (!o || !kobj_live(o))
        return KERR_DESTROYED;
    if ((rights & ~objtype_rights(o->type)) || badge > CAP_BADGE_MAX)
        return KERR_INVALID_ARG;
    cte_derive(NULL, d, cap_make(o->type, rights, badge, o));
    return KERR_OK;
}

static kerr_t cap_mint_locked(cnode_t *src, uint32_t s, cnode_t *dst, uint32_t d, unsigned rights,
                uint64_t badge)
{
    cte_t *sc, *dc;
    cap_t c;
    kerr_t e = cspace_cap(src, s, OBJ_NONE, 0, &sc, &c);
    if (e)
        return e;
    if ((e = cspace_slot(dst, d, &dc)))
        return e;
    if (!cap_is_null(dc->cap))
        return KERR_SLOT_OCCUPIED;
    if (badge > CAP_BADGE_MAX)
        return KERR_INVALID_ARG;
    if (badge && cap_badge(c))
        return KERR_BADGED;
    unsigned r = cap_rights(c) & rights;
    cte_derive(sc, dc, cap_make(cap_type(c), r, badge ? badge : cap_badge(c), cap_obj(c)));
    return KERR_OK;
}


static kerr_t cap_move_locked(cnode_t *src, uint32_t s, cnode_t *dst, uint32_t d)
{
    cte_t *sc, *dc;
    kerr_t e = cspace_cap(src, s, OBJ_NONE, 0, &sc, NULL);
    if (e)
        return e;
    if ((e = cspace_slot(dst, d, &dc)))
        return e;
    if (!cap_is_null(dc->cap))
        return KERR_SLOT_OCCUPIED;
    kcrit_t st = kcrit_enter();
    /* dst takes sc's place in the tree: same parent, same children. */
    dc->cap = sc->cap;
    dc->parent = sc->parent;
    dc->prev = sc->prev;
    dc->next = sc->next;
    dc->child = sc->child;
    if (dc->prev)
        dc->prev->next = dc;
    else if (dc->parent)
        dc->parent->child = dc;
    if (dc->next)
        dc->next->prev = dc;
    for (cte_t *ch = dc->child; ch; ch = ch->next)
        ch->parent = dc;
    sc->cap = cap_null();
    sc->parent = sc->child = sc->next = sc->prev = NULL;
    objtype_cap_moved(dc->cap, sc, dc);
    kcrit_leave(st);
    return KERR_OK;
}

static kerr_t cap_delete_locked(cnode_t *cn, uint32_t idx)
{
    cte_t *c;
    kerr_t e = cspace_cap(cn, idx, OBJ_NONE, 0, &c, NULL);
    if (e)
        return e;
    cte_delete(c);
    return KERR_OK;
}


/* The public forms: decode and perform in one critical section, so no
 * other task can change the slots in between. */
#define LOCKED(call)                \
    do {                            \
        kcrit_t s_ = kcrit_enter(); \
        kerr_t e_ = call;           \
        kcrit_leave(s_);            \
        return e_;                  \
    } while (0)

kerr_t cap_install(cnode_t *cn, uint32_t idx, kobj_t *o, unsigned rights, uint64_t badge)
{
    LOCKED(cap_install_locked(cn, idx, o, rights, badge));
}

kerr_t cap_mint(cnode_t *src, uint32_t s, cnode_t *dst, uint32_t d, unsigned rights,
                uint64_t badge)
{
    LOCKED(cap_mint_locked(src, s, dst, d, rights, badge));
}

kerr_t cap_copy(cnode_t *src, uint32_t s, cnode_t *dst, uint32_t d, unsigned rights)
{
    LOCKED(cap_mint_locked(src, s, dst, d, rights, 0));
}

kerr_t cap_move(cnode_t *src, uint32_t s, cnode_t *dst, uint32_t d)
{
    LOCKED(cap_move_locked(src, s, dst, d));
}

kerr_t cap_delete(cnode_t *cn, uint32_t idx)
{
    LOCKED(cap_delete_locked(cn, idx));
}

kerr_t cap_derived(cnode_t *cn, uint32_t idx, int *out)
{
    kcrit_t s = kcrit_enter();
    cte_t *c;
    kerr_t e = cspace_cap(cn, idx, OBJ_NONE, 0, &c, NULL);
    if (!e)
        *out = c->child != NULL;
    kcrit_leave(s);
    return e;
}

/* In chunks of KCONFIG_REVOKE_CHUNK deletions, each chunk one critical
 * section that decodes the slot again: between chunks the timer may
 * preempt us and others may act on the slot. If it no longer holds the
 * capability we started with (deleted, moved, replaced), the revoke is
 * over: its descendants that are gone stay gone, the others now hang
 * under the capability's new place or its parent. A kill posted to the
 * caller stops it between chunks (KERR_DESTROYED); the caller must keep
 * cn alive throughout (its own CSpace always is). */
kerr_t cap_revoke(cnode_t *cn, uint32_t idx)
{
    cap_t first = cap_null();
    for (;;) {
        kcrit_t s = kcrit_enter();
        cte_t *c;
        cap_t now;
        kerr_t e = cspace_cap(cn, idx, OBJ_NONE, 0, &c, &now);
        if (!cap_is_null(first) && (e || now.w0 != first.w0 || now.w1 != first.w1)) {
            kcrit_leave(s);
            return KERR_OK;             /* the capability went meanwhile */
        }
        if (e) {
            kcrit_leave(s);
            return e;
        }
        first = now;
        for (uint32_t n = 0; c->child && n < KCONFIG_REVOKE_CHUNK; n++)
            cte_delete(c->child);
        bool done = !c->child;
        if (done)
            objtype_cap_revoked(c->cap);
        kcrit_leave(s);
        if (done)
            return KERR_OK;
        if (sched_current() && task_kill_posted())
            return KERR_DESTROYED;
    }
}
