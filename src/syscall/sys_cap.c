/*
 * sys_cap.c - rearranging one's own CSpace: cap_copy, cap_mint, cap_move,
 * cap_delete, cap_revoke, cap_info, cap_derived (docs/abi.md 4.4). No right is needed;
 * rights only shrink. Badges are the kernel's: 48 bits (a larger badge is
 * BAD_ARGUMENT).
 */
#include "kernel/cspace.h"
#include "syscall/syscall.h"
#include "wasmtask/wtask.h"

#define I32(x) ((int32_t)(x).i32)

/* src must hold a capability; dst must be in range (and empty unless
 * the caller checks that later itself). */
static int32_t check_pair(wtask_t *w, int32_t src, int32_t dst, cap_t *c)
{
    int32_t rc = sys_cap(w, src, OBJ_NONE, 0, c, NULL);
    if (!rc && (uint32_t)dst >= wtask_cspace(w)->nslots)   /* negative too */
        rc = -SYS_E_INVALID_SLOT;
    return rc;
}

static bool slot_full(wtask_t *w, int32_t slot)
{
    return !cap_is_null(wtask_cspace(w)->slots[slot].cap);
}

SYS_DECL(cap_copy)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t src = I32(a[0]), dst = I32(a[1]);
    cap_t c;
    int32_t rc = check_pair(w, src, dst, &c);
    if (!rc && slot_full(w, dst))
        rc = -SYS_E_SLOT_OCCUPIED;
    if (!rc)
        rc = sys_err(cap_copy(wtask_cspace(w), (uint32_t)src, wtask_cspace(w), (uint32_t)dst,
                              CAP_R_ALL));
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(cap_mint)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t src = I32(a[0]), dst = I32(a[1]);
    uint32_t rights = a[2].i32;
    uint64_t badge = a[3].i64;
    cap_t c;
    int32_t rc = check_pair(w, src, dst, &c);
    if (!rc) {
        objtype_t t = cap_type(c);
        bool badgeable = t == OBJ_ENDPOINT || t == OBJ_NOTIFICATION;
        if ((rights & ~SYS_R_ALL) ||
            (badge && (!badgeable || cap_badge(c) || badge > CAP_BADGE_MAX)))
            rc = -SYS_E_BAD_ARGUMENT;
        else if (rights & ~sys_rights_from_kernel(t, cap_rights(c)))
            rc = -SYS_E_NO_RIGHTS;
        else if (slot_full(w, dst))
            rc = -SYS_E_SLOT_OCCUPIED;
        else
            rc = sys_err(cap_mint(wtask_cspace(w), (uint32_t)src, wtask_cspace(w),
                                  (uint32_t)dst, sys_rights_to_kernel(t, rights), badge));
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(cap_move)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t src = I32(a[0]), dst = I32(a[1]);
    cap_t c;
    int32_t rc = check_pair(w, src, dst, &c);
    if (!rc && src != dst) {
        if (slot_full(w, dst))
            rc = -SYS_E_SLOT_OCCUPIED;
        else
            rc = sys_err(cap_move(wtask_cspace(w), (uint32_t)src, wtask_cspace(w),
                                  (uint32_t)dst));
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(cap_delete)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t slot = I32(a[0]);
    int32_t rc = sys_cap(w, slot, OBJ_NONE, 0, NULL, NULL);
    if (!rc)    /* our own task's last capability: a kill posted to us */
        rc = sys_err(cap_delete(wtask_cspace(w), (uint32_t)slot));
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(cap_revoke)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t slot = I32(a[0]);
    int32_t rc = sys_cap(w, slot, OBJ_NONE, 0, NULL, NULL);
    if (!rc)
        rc = sys_err(cap_revoke(wtask_cspace(w), (uint32_t)slot));
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(cap_info)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    cap_t c;
    uint8_t *p;
    int32_t rc = sys_cap(w, I32(a[0]), OBJ_NONE, 0, &c, NULL);
    if (!rc)
        rc = sys_mem(&v, a[1].i32, SYS_CAPINFO_LEN, &p);
    if (!rc) {
        objtype_t t = cap_type(c);
        sys_put32(p, sys_type_code(t));
        sys_put32(p + 4, sys_rights_from_kernel(t, cap_rights(c)));
        sys_put64(p + 8, cap_badge(c));
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

/* 1 if a capability is derived from the slot's (someone holds a copy made
 * from it, directly or further down), else 0: how a server that minted
 * and handed out a capability learns that the last one went (the network
 * task closes a connection then: netstack/README.md). */
SYS_DECL(cap_derived)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t slot = I32(a[0]);
    int derived = 0;
    int32_t rc = sys_cap(w, slot, OBJ_NONE, 0, NULL, NULL);
    if (!rc)
        rc = sys_err(cap_derived(wtask_cspace(w), (uint32_t)slot, &derived));
    r[0].i32 = (uint32_t)(rc ? rc : derived);
    return WASM_TRAP_NONE;
}
