/*
 * kobj.h - what every kernel object starts with, and the per-type
 * operations that src/kernel/captypes.c (the one place that switches on
 * the object type) dispatches.
 *
 * Lifetime: ncaps counts the capabilities that name the object; when the
 * last one is deleted the object is destroyed (blocked tasks are woken
 * with KERR_DESTROYED, resources released). nrefs counts kernel-internal
 * references (a task running, objects charged to a quota); the memory is
 * freed once both are zero.
 */
#ifndef JERICHO_KERNEL_KOBJ_H
#define JERICHO_KERNEL_KOBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/error.h"

typedef enum {
    OBJ_NONE = 0,
    OBJ_ENDPOINT,
    OBJ_NOTIFICATION,
    OBJ_CNODE,
    OBJ_TASK,
    OBJ_MEMORY,
    OBJ_CONSOLE,
    OBJ_CLOCK,
    OBJ_QUOTA,
    OBJ_ENTROPY,
    OBJ_DEVICE,
    OBJ_MONITOR,
    OBJ_TYPE_COUNT
} objtype_t;

struct quota;

typedef enum {
    KOBJ_LIVE = 0,
    KOBJ_CONDEMNED,         /* on the pending-destroy list */
    KOBJ_DESTROYING,
    KOBJ_DESTROYED,         /* waiting for nrefs to drop to free it */
} kobj_state_t;

typedef struct kobj {
    uint8_t type;           /* objtype_t */
    uint8_t state;          /* kobj_state_t */
    uint16_t pad;
    uint32_t ncaps;
    uint32_t nrefs;
    uint32_t size;          /* bytes charged to quota */
    struct quota *quota;    /* charged; holds a reference on it */
    struct kobj *next_dead; /* the pending-destroy list */
} kobj_t;

/* Allocate a zeroed object of size bytes, charged to q (may be NULL for
 * kernel-owned objects). NULL with *err set on failure. */
kobj_t *kobj_alloc(objtype_t type, size_t size, struct quota *q, kerr_t *err);
/* Kernel references (not capabilities). */
void kobj_ref(kobj_t *o);
void kobj_unref(kobj_t *o);
/* Capability bookkeeping, used by cspace.c only. */
void kobj_cap_added(kobj_t *o);
void kobj_cap_removed(kobj_t *o);
_Static_assert(sizeof(kobj_t) == 32, "the object header is four words");

static inline bool kobj_live(const kobj_t *o) { return o->state == KOBJ_LIVE; }

/* ---- objtype.c: the per-type switch ------------------------------------- */
const char *objtype_name(objtype_t t);
/* The rights that mean something for capabilities to objects of type t. */
unsigned objtype_rights(objtype_t t);
/* The last capability went: wake waiters, release resources. */
void objtype_destroy(kobj_t *o);
/* Give the memory back (both counts are zero). */
void objtype_free(kobj_t *o);
/* Capability hooks (deleted, moved, revoked): see kernel/cap.h. */

#endif
