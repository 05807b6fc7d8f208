/*
 * func.c - function objects: host functions and the function type helpers.
 * (wasm functions are created by instantiation, instance.c.)
 */
#include "interp/rtobj.h"

bool wrt_functype_eq(const wasm_functype_t *a, const wasm_functype_t *b)
{
    if (a->nparams != b->nparams || a->nresults != b->nresults)
        return false;
    if (a->nparams && memcmp(a->params, b->params, a->nparams) != 0)
        return false;
    if (a->nresults && memcmp(a->results, b->results, a->nresults) != 0)
        return false;
    return true;
}

wasm_func_t *wasm_func_new_host(const wasm_functype_t *type, wasm_host_fn_t fn, void *env)
{
    if (!type || !fn)
        return NULL;
    wasm_func_t *f = wasm_rt_alloc(sizeof *f);
    if (!f)
        return NULL;
    uint8_t *types = NULL;
    size_t n = (size_t)type->nparams + type->nresults;
    if (n) {
        types = wasm_rt_alloc(n);
        if (!types) {
            wasm_rt_free(f);
            return NULL;
        }
        if (type->nparams)
            memcpy(types, type->params, type->nparams);
        if (type->nresults)
            memcpy(types + type->nparams, type->results, type->nresults);
    }
    f->type.nparams = type->nparams;
    f->type.nresults = type->nresults;
    f->type.params = types;
    f->type.results = types ? types + type->nparams : NULL;
    f->host = fn;
    f->env = env;
    return f;
}

void wasm_func_set_leaf(wasm_func_t *f)
{
    if (f && !f->inst)
        f->leaf = true;     /* wasm functions are never leaves */
}

void wasm_func_free(wasm_func_t *f)
{
    if (!f || f->inst)
        return; /* wasm functions belong to their instance */
    wasm_rt_free((void *)f->type.params);
    wasm_rt_free(f);
}

const wasm_functype_t *wasm_func_type(const wasm_func_t *f)
{
    return &f->type;
}
