/*
 * sys_mem.c - the memory-region system calls (docs/abi.md 4.7):
 * mem_create, mem_read, mem_write, mem_info, on top of the Memory object
 * (kernel/memory.h). A region is reached by copies between it and the
 * caller's linear memory, both ranges checked in 64-bit arithmetic; the
 * object takes a kernel reference for the copy, so a region revoked or
 * deleted by another task meanwhile stays whole until the copy is done.
 */
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/memory.h"
#include "syscall/syscall.h"
#include "wasmtask/wtask.h"
#include "mm.h"

#define I32(x) ((int32_t)(x).i32)

static int32_t lowest_free(cnode_t *cn)
{
    for (uint32_t i = 0; i < cn->nslots; i++)
        if (cap_is_null(cn->slots[i].cap))
            return (int32_t)i;
    return -1;
}

SYS_DECL(mem_create)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t spawn = I32(a[0]);
    uint32_t npages = a[1].i32;
    cnode_t *cn = wtask_cspace(w);
    cap_t c;
    int32_t rc = sys_cap(w, spawn, OBJ_QUOTA, SYS_R_WRITE, &c, NULL);
    if (!rc && (npages == 0 || npages > MEMREGION_MAX_PAGES))
        rc = -SYS_E_BAD_ARGUMENT;
    int32_t dst = rc ? -1 : lowest_free(cn);
    if (!rc && dst < 0)
        rc = -SYS_E_SLOT_OCCUPIED;
    if (rc) {
        r[0].i32 = (uint32_t)rc;
        return WASM_TRAP_NONE;
    }
    /* The frames are taken with interrupts on (preemptible), the quota
     * referenced meanwhile; then decode again and install, or discard. */
    quota_t *q = (quota_t *)cap_obj(c);
    kobj_ref(&q->obj);
    memregion_t *m;
    kerr_t e = memregion_create(q, npages, &m);
    if (!e) {
        kcrit_t s = kcrit_enter();
        cap_t now;
        e = cspace_cap(cn, (uint32_t)spawn, OBJ_QUOTA, CAP_R_MANAGE, NULL, &now);
        if (!e && (quota_t *)cap_obj(now) != q)
            e = KERR_DESTROYED;
        if (!e && !cap_is_null(cn->slots[dst].cap))
            e = KERR_SLOT_OCCUPIED;
        if (!e)
            e = cap_install(cn, (uint32_t)dst, &m->obj, objtype_rights(OBJ_MEMORY), 0);
        kcrit_leave(s);
        if (e) {
            kobj_ref(&m->obj);
            kobj_unref(&m->obj);    /* never had a capability: freed, refunded */
        }
    }
    kobj_unref(&q->obj);
    r[0].i32 = (uint32_t)(e ? sys_err(e) : dst);
    return WASM_TRAP_NONE;
}

/* mem_read / mem_write: region [off, off+len), then memory [ptr, ptr+len). */
static wasm_trap_t copy(wasm_exec_t *ex, const wasm_val_t *a, wasm_val_t *r, bool to_region)
{
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    int32_t slot = I32(a[0]);
    uint32_t off = a[1].i32, ptr = a[2].i32, len = a[3].i32;
    cap_t c;
    uint8_t *p;
    int32_t rc = sys_cap(w, slot, OBJ_MEMORY, to_region ? SYS_R_WRITE : SYS_R_READ, &c, NULL);
    /* The region's range is checked by memory.c, in the critical section
     * that decodes the capability again and takes its reference: here the
     * region could already be gone (another task's delete). Both ranges
     * fail with OUT_OF_BOUNDS, so the order does not show. */
    if (!rc)
        rc = sys_mem(&v, ptr, len, &p);
    if (!rc)
        rc = sys_err(to_region ? memregion_write(wtask_cspace(w), (uint32_t)slot, off, p, len)
                               : memregion_read(wtask_cspace(w), (uint32_t)slot, off, p, len));
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(mem_read) { (void)env; return copy(ex, a, r, false); }
SYS_DECL(mem_write) { (void)env; return copy(ex, a, r, true); }

SYS_DECL(mem_info)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    cap_t c;
    uint8_t *p;
    int32_t slot = I32(a[0]);
    int32_t rc = sys_cap(w, slot, OBJ_MEMORY, 0, &c, NULL);
    if (!rc)
        rc = sys_mem(&v, a[1].i32, SYS_MEMINFO_LEN, &p);
    if (!rc) {
        /* Decode again and read the region in one critical section (it
         * may have gone since the check above). */
        uint64_t size = 0, bus = 0;
        kcrit_t s = kcrit_enter();
        kerr_t e = cspace_cap(wtask_cspace(w), (uint32_t)slot, OBJ_MEMORY, 0, NULL, &c);
        if (!e) {
            const memregion_t *m = (const memregion_t *)cap_obj(c);
            size = (uint64_t)m->npages * PAGE_SIZE;
            bus = cap_has(c, CAP_R_DMA) ? memregion_bus_addr(m) : 0;
        }
        kcrit_leave(s);
        rc = sys_err(e);
        if (!rc) {
            sys_put64(p, size);
            sys_put64(p + 8, bus);
        }
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}
