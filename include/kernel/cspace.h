/*
 * cspace.h - capability operations on CNode slots: look-up, copy, mint,
 * move, delete, revoke, and installing the original capability of a new
 * object. Every operation decodes first (slot in range, empty/full, type,
 * rights, badge) with no side effect, then performs, and cannot fail
 * half-way; all but revoke in one critical section (revoke is long:
 * chunked, below).
 *
 * Derivation: a copy or mint is a child of its source in the derivation
 * tree; rights are the source's rights & the mask, so they only shrink.
 * Revoke deletes every descendant of a slot (not the slot itself). Delete
 * removes one capability; its children move up to its parent, so a
 * later revoke higher up still reaches them. Deleting the last capability
 * to an object destroys it.
 */
#ifndef JERICHO_KERNEL_CSPACE_H
#define JERICHO_KERNEL_CSPACE_H

#include "kernel/cnode.h"

/* The slot idx of cn, or KERR_INVALID_SLOT. Inline, with cspace_cap:
 * every invocation decodes a slot (docs/bench.md). */
static inline kerr_t cspace_slot(cnode_t *cn, uint32_t idx, cte_t **out)
{
    if (!cn || idx >= cn->nslots)
        return KERR_INVALID_SLOT;
    *out = &cn->slots[idx];
    return KERR_OK;
}
/* Decode a capability for an invocation: slot in range and full, type
 * matches (OBJ_NONE = any) and every right in `rights` present. */
static inline kerr_t cspace_cap(cnode_t *cn, uint32_t idx, objtype_t type, unsigned rights,
                                cte_t **slot, cap_t *out)
{
    cte_t *c;
    kerr_t e = cspace_slot(cn, idx, &c);
    if (e)
        return e;
    if (cap_is_null(c->cap))
        return KERR_EMPTY_SLOT;
    if (type != OBJ_NONE && cap_type(c->cap) != type)
        return KERR_WRONG_TYPE;
    if (!cap_has(c->cap, rights))
        return KERR_NO_RIGHTS;
    if (slot)
        *slot = c;
    if (out)
        *out = c->cap;
    return KERR_OK;
}

/* Put the original capability to a live object o into the empty slot
 * (root of a new derivation tree). */
kerr_t cap_install(cnode_t *cn, uint32_t idx, kobj_t *o, unsigned rights, uint64_t badge);
kerr_t cap_copy(cnode_t *src, uint32_t s, cnode_t *dst, uint32_t d, unsigned rights);
/* Copy with rights & mask and, if badge != 0, set the badge (the source
 * must be unbadged: KERR_BADGED otherwise). */
kerr_t cap_mint(cnode_t *src, uint32_t s, cnode_t *dst, uint32_t d, unsigned rights,
                uint64_t badge);
kerr_t cap_move(cnode_t *src, uint32_t s, cnode_t *dst, uint32_t d);
kerr_t cap_delete(cnode_t *cn, uint32_t idx);
/* Delete every descendant of slot idx, preemptibly: in chunks of
 * KCONFIG_REVOKE_CHUNK, each decoding the slot again; ends early (OK) if
 * the slot no longer holds the capability it started with, or with
 * KERR_DESTROYED if a kill was posted to the caller. cn must stay alive. */
kerr_t cap_revoke(cnode_t *cn, uint32_t idx);
/* Whether any capability is derived from the one in slot idx (a child in
 * the derivation tree, in any CSpace): *out 1 or 0. Decoded and read in
 * one critical section. */
kerr_t cap_derived(cnode_t *cn, uint32_t idx, int *out);

/* Slot-level forms (the slots already decoded). */
/* Make dst (empty) a child of src holding cap c (rights already checked). */
void cte_derive(cte_t *src, cte_t *dst, cap_t c);
void cte_delete(cte_t *slot);
/* Number of descendants of slot (tests, docs). */
size_t cte_descendants(const cte_t *slot);

#endif
