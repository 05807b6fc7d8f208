/*
 * memory.c - the Memory region object: contiguous zeroed frames, charged
 * to a quota, reached through bounds-checked copies or handed out (base,
 * length) for mapping into a task's linear memory.
 */
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/memory.h"
#include "klib.h"
#include "mm.h"

kerr_t memregion_create(quota_t *q, size_t npages, memregion_t **out)
{
    if (npages == 0 || npages > MEMREGION_MAX_PAGES)
        return KERR_INVALID_ARG;
    if (q) {
        kerr_t e = quota_charge(q, npages * PAGE_SIZE);
        if (e)
            return e;
    }
    kerr_t e;
    memregion_t *m = (memregion_t *)kobj_alloc(OBJ_MEMORY, sizeof(memregion_t), q, &e);
    if (!m)
        goto fail;
    m->base = pmm_alloc_contig(npages);
    if (!m->base) {
        e = KERR_NO_MEMORY;
        kobj_ref(&m->obj);
        kobj_unref(&m->obj);    /* frees it (and refunds the header) */
        goto fail;
    }
    m->npages = npages;
    *out = m;
    return KERR_OK;
fail:
    if (q)
        quota_refund(q, npages * PAGE_SIZE);
    return e;
}

/* Decode slot as a memory capability with rights and [off, off+len) in it. */
static kerr_t decode(cnode_t *cn, uint32_t slot, unsigned rights, uint64_t off, size_t len,
                     memregion_t **out)
{
    cap_t c;
    kerr_t e = cspace_cap(cn, slot, OBJ_MEMORY, rights, NULL, &c);
    if (e)
        return e;
    memregion_t *m = (memregion_t *)cap_obj(c);
    uint64_t size = (uint64_t)m->npages * PAGE_SIZE;
    if (off > size || len > size - off)
        return KERR_BAD_BUFFER;
    *out = m;
    return KERR_OK;
}

/* Decode, then copy while holding a reference (the capability may be
 * deleted by another task meanwhile; the frames stay until we are done). */
static kerr_t copy(cnode_t *cn, uint32_t slot, unsigned rights, uint64_t off, void *buf,
                   size_t len, bool to_region)
{
    memregion_t *m;
    kcrit_t s = kcrit_enter();
    kerr_t e = decode(cn, slot, rights, off, len, &m);
    if (!e)
        kobj_ref(&m->obj);
    kcrit_leave(s);
    if (e)
        return e;
    if (to_region)
        memcpy((char *)m->base + off, buf, len);
    else
        memcpy(buf, (const char *)m->base + off, len);
    kobj_unref(&m->obj);
    return KERR_OK;
}

kerr_t memregion_read(cnode_t *cn, uint32_t slot, uint64_t off, void *dst, size_t len)
{
    return copy(cn, slot, CAP_R_READ, off, dst, len, false);
}

kerr_t memregion_write(cnode_t *cn, uint32_t slot, uint64_t off, const void *src, size_t len)
{
    return copy(cn, slot, CAP_R_WRITE, off, (void *)src, len, true);
}

kerr_t memregion_get(cnode_t *cn, uint32_t slot, bool writable, void **base, size_t *len)
{
    memregion_t *m;
    kerr_t e = decode(cn, slot, CAP_R_READ | (writable ? CAP_R_WRITE : 0), 0, 0, &m);
    if (e)
        return e;
    *base = (void *)m->base;
    *len = m->npages * PAGE_SIZE;
    return KERR_OK;
}

void memregion_destroy(memregion_t *m)
{
    (void)m;    /* frames go in memregion_free, once nobody maps them */
}

void memregion_free(memregion_t *m)
{
    if (m->base) {
        pmm_free_contig(m->base, m->npages);
        if (m->obj.quota)
            quota_refund(m->obj.quota, m->npages * PAGE_SIZE);
    }
    kfree(m);
}
