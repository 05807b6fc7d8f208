/*
 * wasi.c - binds WASI imports to the engine: checks an import against the
 * table (wasi_table.c), the ENOSYS fallback for every other name, and the
 * one trampoline through which the engine calls them with the caller's
 * memory.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "host/wasi_impl.h"

void wasi_ctx_fini(wasi_ctx_t *ctx)
{
    for (uint32_t i = 0; i < ctx->nbinds; i++)
        wasm_func_free(ctx->binds[i].func);
    ctx->nbinds = 0;
}

static wasm_trap_t wasi_trampoline(wasm_exec_t *ex, void *env, const wasm_val_t *args,
                                   wasm_val_t *res)
{
    wasi_binding_t *b = env;
    wasi_mem_t mem = { NULL, 0 };
    wasm_instance_t *inst = wasm_exec_caller(ex);
    wasm_memory_t *m = inst ? wasm_instance_memory(inst) : NULL;
    if (m) {
        mem.base = wasm_memory_data(m);
        mem.size = wasm_memory_size(m);
    }
    if (b->entry)
        return ((const wasi_entry_t *)b->entry)->fn(b->ctx, &mem, args, res);
    if (b->enosys)
        return wasi_ret(res, WASI_ENOSYS);
    dprintf(STDERR_FILENO, "jwasm: unsupported WASI function %s called\n", b->name);
    return WASM_TRAP_HOST;
}

wasm_func_t *wasi_bind(wasi_ctx_t *ctx, const wasm_importdesc_t *imp,
                       char *err, size_t errlen)
{
    if (imp->kind != WASM_EXTERN_FUNC || strcmp(imp->module, WASI_MODULE_NAME) != 0) {
        snprintf(err, errlen, "incompatible import type: %s.%s is not a WASI function",
                 imp->module, imp->name);
        return NULL;
    }
    if (ctx->nbinds >= WASI_MAX_BINDS) {
        snprintf(err, errlen, "too many WASI imports (at most %d)", WASI_MAX_BINDS);
        return NULL;
    }
    /* A preview-1 name must have its signature; jwasm implements some of
     * them (the others return ENOSYS), and binds names outside preview 1
     * to ENOSYS too when they return one i32. */
    int id = wasi_fn_lookup(imp->name);
    const wasi_entry_t *e = wasi_lookup(imp->name);
    if (id >= 0 && !wasi_type_matches(&imp->func, wasi_sigs[id].type)) {
        snprintf(err, errlen, "incompatible import type: %s.%s", imp->module, imp->name);
        return NULL;
    }
    wasi_binding_t *b = &ctx->binds[ctx->nbinds];
    b->ctx = ctx;
    b->entry = e;
    b->name = imp->name;
    b->enosys = imp->func.nresults == 1 && imp->func.results[0] == WASM_I32;
    b->func = wasm_func_new_host(&imp->func, wasi_trampoline, b);
    if (!b->func) {
        snprintf(err, errlen, "out of memory binding %s.%s", imp->module, imp->name);
        return NULL;
    }
    ctx->nbinds++;
    return b->func;
}
