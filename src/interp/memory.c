/*
 * memory.c - linear memory objects: creation, growth, base and size.
 */
#include "interp/rtobj.h"

wasm_memory_t *wrt_memory_new(wasm_limits_t lim, uint32_t cap_pages, wasm_memory_t **slot)
{
    uint64_t max = lim.has_max ? lim.max : WRT_MAX_PAGES;
    if (max > wrt_max_pages(lim))
        max = wrt_max_pages(lim);
    if (cap_pages && max > cap_pages)
        max = cap_pages;
    if (lim.min > max)
        return NULL;
    uint64_t size = (uint64_t)lim.min * WRT_PAGE_SIZE;
    if (size > (uint64_t)SIZE_MAX)
        return NULL;
    wasm_memory_t *own = NULL;
    if (!slot)
        slot = &own;
    WRT_ALLOC_INTO(*slot, sizeof(wasm_memory_t));
    wasm_memory_t *mem = *slot;
    if (!mem)
        return NULL;
    mem->limits = lim;
    mem->max_pages = (uint32_t)max;
    if (size) {
        /* pages and size follow data: a half-made memory is an empty one */
        mem->data = wasm_rt_alloc((size_t)size);
        if (!mem->data) {
            *slot = NULL;
            wasm_rt_free(mem);
            return NULL;
        }
        mem->pages = (uint32_t)lim.min;
        mem->size = size;
    }
    return mem;
}

wasm_memory_t *wasm_memory_new(wasm_limits_t limits)
{
    uint64_t bound = limits.is64 ? WMOD_MAX_PAGES64 : WRT_MAX_PAGES;
    if (limits.min > bound || (limits.has_max && (limits.max < limits.min || limits.max > bound)))
        return NULL;
    return wrt_memory_new(limits, 0, NULL);
}

void wasm_memory_free(wasm_memory_t *mem)
{
    if (!mem)
        return;
    wasm_rt_free(mem->data);
    wasm_rt_free(mem);
}

uint8_t *wasm_memory_data(const wasm_memory_t *mem)
{
    return mem->data;
}

uint64_t wasm_memory_size(const wasm_memory_t *mem)
{
    return mem->size;
}

int64_t wrt_memory_grow(wasm_memory_t *mem, uint32_t delta)
{
    uint32_t old = mem->pages;
    if (delta == 0)
        return old;
    if ((uint64_t)old + delta > mem->max_pages)
        return -1;
    uint64_t nsize = (uint64_t)(old + delta) * WRT_PAGE_SIZE;
    if (nsize > (uint64_t)SIZE_MAX)
        return -1;
    /* Allocate (zeroed), copy, publish, then free the old block: the
     * memory is whole at every step, so the embedder may preempt the grow
     * anywhere (the kernel does: tests/regress/kill-during-memory-grow.wat).
     * A realloc would free the old block before the new one is stored. */
    uint8_t *d = wasm_rt_alloc((size_t)nsize);
    if (!d)
        return -1;
    uint8_t *prev = mem->data;
    if (prev)
        memcpy(d, prev, (size_t)mem->size);
    mem->data = d;
    mem->size = nsize;
    mem->pages = old + delta;
    wasm_rt_free(prev);
    return old;
}
