/*
 * memory.h - the Memory region object: a run of physically contiguous
 * zeroed frames that a task may map into its linear memory or share with
 * another task by passing the capability. Rights: READ to read, WRITE to
 * write, DMA to learn its bus address (docs/hardening.md: DMA is trusted).
 * The frames are charged to the creator's quota.
 */
#ifndef JERICHO_KERNEL_MEMORY_H
#define JERICHO_KERNEL_MEMORY_H

#include "kernel/cnode.h"
#include "kernel/quota.h"

#define MEMREGION_MAX_PAGES 65536u  /* 256 MiB */

typedef struct memregion {
    kobj_t obj;
    uintptr_t base;
    size_t npages;
} memregion_t;

kerr_t memregion_create(quota_t *q, size_t npages, memregion_t **out);
/* Bounds-checked copies through the capability in slot of cn. */
kerr_t memregion_read(cnode_t *cn, uint32_t slot, uint64_t off, void *dst, size_t len);
kerr_t memregion_write(cnode_t *cn, uint32_t slot, uint64_t off, const void *src, size_t len);
/* Base and size for mapping (rights checked: READ, and WRITE if writable). */
kerr_t memregion_get(cnode_t *cn, uint32_t slot, bool writable, void **base, size_t *len);
/* The address a device uses for the region (no IOMMU: the physical
 * address, which is also the kernel's identity-mapped one). */
static inline uint64_t memregion_bus_addr(const memregion_t *m)
{
    return m->base;
}
void memregion_destroy(memregion_t *m);
void memregion_free(memregion_t *m);

#endif
