/*
 * stubs.c - stub imports for fuzz targets (see stubs.h).
 */
#include "stubs.h"

#include <stdint.h>
#include <stdlib.h>

/* A host function: zero for every result. env carries the result count. */
static wasm_trap_t stub_fn(wasm_exec_t *ex, void *env, const wasm_val_t *args,
                           wasm_val_t *results)
{
    (void)ex;
    (void)args;
    uint32_t n = (uint32_t)(uintptr_t)env;
    for (uint32_t i = 0; i < n; i++)
        results[i].raw = 0;
    return WASM_TRAP_NONE;
}

static bool make_one(const wasm_importdesc_t *d, wasm_extern_t *e)
{
    e->kind = d->kind;
    e->u.any = NULL;
    switch (d->kind) {
    case WASM_EXTERN_FUNC:
        e->u.func = wasm_func_new_host(&d->func, stub_fn,
                                       (void *)(uintptr_t)d->func.nresults);
        break;
    case WASM_EXTERN_TABLE:
        if (d->limits.min > FZ_MAX_TABLE)
            return false;
        e->u.table = wasm_table_new(d->reftype, d->limits, 0);
        break;
    case WASM_EXTERN_MEMORY:
        if (d->limits.min > FZ_MAX_PAGES)
            return false;
        e->u.memory = wasm_memory_new(d->limits);
        break;
    case WASM_EXTERN_GLOBAL:
        e->u.global = wasm_global_new(d->valtype, d->mut, (wasm_val_t){ .raw = 0 });
        break;
    case WASM_EXTERN_TAG:
        e->u.tag = wasm_tag_new(&d->func);
        break;
    default:
        return false;
    }
    return e->u.any != NULL;
}

static void free_one(wasm_extern_t *e)
{
    if (!e->u.any)
        return;
    switch (e->kind) {
    case WASM_EXTERN_FUNC: wasm_func_free(e->u.func); break;
    case WASM_EXTERN_TABLE: wasm_table_free(e->u.table); break;
    case WASM_EXTERN_MEMORY: wasm_memory_free(e->u.memory); break;
    case WASM_EXTERN_GLOBAL: wasm_global_free(e->u.global); break;
    case WASM_EXTERN_TAG: wasm_tag_free(e->u.tag); break;
    }
}

bool fz_imports_new(const wasm_module_t *m, fz_imports_t *out)
{
    out->n = wasm_module_import_count(m);
    out->ext = calloc(out->n + 1, sizeof *out->ext);
    if (!out->ext)
        abort();
    for (uint32_t i = 0; i < out->n; i++) {
        wasm_importdesc_t d;
        wasm_module_import(m, i, &d);
        if (!make_one(&d, &out->ext[i])) {
            out->n = i + 1;
            fz_imports_free(out);
            return false;
        }
    }
    return true;
}

void fz_imports_free(fz_imports_t *im)
{
    for (uint32_t i = 0; i < im->n; i++)
        free_one(&im->ext[i]);
    free(im->ext);
    im->ext = NULL;
    im->n = 0;
}
