/*
 * table.c - table objects: creation, growth, size.
 */
#include "interp/rtobj.h"

wasm_table_t *wrt_table_new(uint8_t reftype, wasm_limits_t lim, wasm_ref_t init, uint32_t cap,
                            wasm_table_t **slot)
{
    uint64_t max = lim.has_max ? lim.max : UINT32_MAX;
    if (max > WRT_MAX_TABLE)
        max = WRT_MAX_TABLE;
    if (cap && max > cap)
        max = cap;
    if (lim.min > max)
        return NULL;
    wasm_table_t *own = NULL;
    if (!slot)
        slot = &own;
    WRT_ALLOC_INTO(*slot, sizeof(wasm_table_t));
    wasm_table_t *t = *slot;
    if (!t)
        return NULL;
    t->reftype = reftype;
    t->limits = lim;
    t->max = (uint32_t)max;
    if (lim.min) {
        /* size follows elems: a half-made table is an empty one */
        t->elems = wasm_rt_alloc((size_t)lim.min * sizeof(wasm_ref_t));
        if (!t->elems) {
            *slot = NULL;
            wasm_rt_free(t);
            return NULL;
        }
        t->size = (uint32_t)lim.min;
        if (init)
            for (uint32_t i = 0; i < lim.min; i++)
                t->elems[i] = init;
    }
    return t;
}

wasm_table_t *wasm_table_new(uint8_t reftype, wasm_limits_t limits, wasm_ref_t init)
{
    if (reftype != WASM_FUNCREF && reftype != WASM_EXTERNREF)
        return NULL;
    if (limits.has_max && limits.max < limits.min)
        return NULL;
    return wrt_table_new(reftype, limits, init, WRT_DEFAULT_MAX_TABLE, NULL);
}

void wasm_table_free(wasm_table_t *t)
{
    if (!t)
        return;
    wasm_rt_free(t->elems);
    wasm_rt_free(t);
}

uint32_t wasm_table_size(const wasm_table_t *t)
{
    return t->size;
}

int64_t wrt_table_grow(wasm_table_t *t, uint32_t delta, wasm_ref_t init)
{
    uint32_t old = t->size;
    if (delta == 0)
        return old;
    if ((uint64_t)old + delta > t->max)
        return -1;
    uint32_t n = old + delta;
    /* New block, copy, publish, then free the old one: the table is
     * whole at every step (the embedder may preempt the grow anywhere). */
    wasm_ref_t *e = wasm_rt_alloc((size_t)n * sizeof *e);
    if (!e)
        return -1;
    wasm_ref_t *prev = t->elems;
    if (prev)
        memcpy(e, prev, (size_t)old * sizeof *e);
    for (uint32_t i = old; i < n; i++)
        e[i] = init;
    t->elems = e;
    t->size = n;
    wasm_rt_free(prev);
    return old;
}
