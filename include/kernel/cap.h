/*
 * cap.h - a capability: a 16-byte value (object type, rights, badge,
 * object reference) read and written only through these accessors, and
 * the CNode slot that holds it together with its place in the derivation
 * tree (CDT).
 *
 *   w0:  63 ........................ 16 | 15 .. 8 | 7 .. 0
 *        badge (48 bits, 0 = unbadged)   | rights  | type
 *   w1:  kernel address of the object (kobj_t *)
 *
 * Tasks never see these: they name a capability by its slot index.
 */
#ifndef JERICHO_KERNEL_CAP_H
#define JERICHO_KERNEL_CAP_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/kobj.h"

/* Rights. What each means for each object type is in docs/kernel.md. */
#define CAP_R_READ   0x01u  /* receive, wait, read */
#define CAP_R_WRITE  0x02u  /* send, signal, write */
#define CAP_R_GRANT  0x04u  /* pass capabilities along with a message */
#define CAP_R_MANAGE 0x08u  /* control the object (task, cnode, quota) */
#define CAP_R_DMA    0x10u  /* memory region: learn its bus address */
#define CAP_R_ALL    0x1fu

#define CAP_BADGE_MAX ((1ull << 48) - 1)

typedef struct {
    uint64_t w0;
    uint64_t w1;
} cap_t;

_Static_assert(sizeof(cap_t) == 16, "a capability is two words");

static inline cap_t cap_make(objtype_t type, unsigned rights, uint64_t badge, kobj_t *obj)
{
    cap_t c = {(uint64_t)(type & 0xff) | ((uint64_t)(rights & 0xff) << 8) |
                   ((badge & CAP_BADGE_MAX) << 16),
               (uint64_t)(uintptr_t)obj};
    return c;
}
static inline cap_t cap_null(void) { cap_t c = {0, 0}; return c; }
static inline objtype_t cap_type(cap_t c) { return (objtype_t)(c.w0 & 0xff); }
static inline unsigned cap_rights(cap_t c) { return (unsigned)((c.w0 >> 8) & 0xff); }
static inline uint64_t cap_badge(cap_t c) { return c.w0 >> 16; }
static inline kobj_t *cap_obj(cap_t c) { return (kobj_t *)(uintptr_t)c.w1; }
static inline bool cap_is_null(cap_t c) { return cap_type(c) == OBJ_NONE; }
static inline bool cap_has(cap_t c, unsigned rights) { return (cap_rights(c) & rights) == rights; }

/* A CNode slot: the capability and its links in the derivation tree. A
 * copy or mint is a child of its source; revoke deletes every descendant;
 * delete splices the slot's children into its parent. */
typedef struct cte {
    cap_t cap;
    struct cte *parent;
    struct cte *child;      /* first child */
    struct cte *next, *prev; /* siblings */
} cte_t;

_Static_assert(sizeof(cte_t) == 48, "a slot is the capability plus four links");

/* captypes.c hooks for tasks blocked through a capability (a receive
 * names the slot it waits through): c was deleted from slot, moved from
 * one slot to another, or revoked (its descendants are gone; a badged
 * endpoint capability with every endpoint right then also withdraws the
 * queued sends of its badge). */
void objtype_cap_deleted(cap_t c, cte_t *slot);
void objtype_cap_moved(cap_t c, cte_t *from, cte_t *to);
void objtype_cap_revoked(cap_t c);

#endif
