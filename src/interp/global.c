/*
 * global.c - global objects (shared by every instance that imports them).
 */
#include "interp/rtobj.h"

wasm_global_t *wasm_global_new(uint8_t valtype, bool mut, wasm_val_t init)
{
    wasm_global_t *g = wasm_rt_alloc(sizeof *g);
    if (!g)
        return NULL;
    g->valtype = valtype;
    g->mut = mut;
    g->val = init;
    return g;
}

void wasm_global_free(wasm_global_t *g)
{
    wasm_rt_free(g);
}

wasm_val_t wasm_global_get(const wasm_global_t *g)
{
    return g->val;
}

void wasm_global_get2(const wasm_global_t *g, wasm_val_t out[2])
{
    out[0] = g->val;
    out[1].raw = g->hi;
}

uint8_t wasm_global_type(const wasm_global_t *g)
{
    return g->valtype;
}
