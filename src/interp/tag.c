/*
 * tag.c - exception tags made by the host (Wasm 3.0). An instance makes
 * its own in its own block (instance.c); these own a copy of their
 * parameter types, in the same block.
 */
#include "interp/rtobj.h"
#include "interp/decode.h"

wasm_tag_t *wasm_tag_new(const wasm_functype_t *type)
{
    if (!type || type->nresults || (type->nparams && !type->params))
        return NULL;
    wasm_tag_t *t = wasm_rt_alloc(sizeof *t + type->nparams);
    if (!t)
        return NULL;
    uint8_t *p = (uint8_t *)(t + 1);
    if (type->nparams)
        memcpy(p, type->params, type->nparams);
    t->type = (wasm_functype_t){ type->nparams, 0, p, p + type->nparams };
    return t;
}

void wasm_tag_free(wasm_tag_t *t)
{
    wasm_rt_free(t);
}
