/*
 * spectest.c - the `spectest` host module for the spec test runner:
 * print, print_i32, print_i64, print_f32, print_f64, print_i32_f32,
 * print_f64_f64; global_i32 = 666, global_i64 = 666, global_f32 = 666.6,
 * global_f64 = 666.6 (immutable); table: 10..20 funcref; table64: the same
 * with i64 indices (table64); memory: 1..2 pages.
 */
#include "host/spectest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SP_PRINT, SP_I32, SP_I64, SP_F32, SP_F64, SP_I32_F32, SP_F64_F64, SP_NFUNCS };

static const struct {
    const char *name;
    uint32_t nparams;
    uint8_t params[2];
} k_prints[SP_NFUNCS] = {
    [SP_PRINT] = { "print", 0, { 0 } },
    [SP_I32] = { "print_i32", 1, { WASM_I32 } },
    [SP_I64] = { "print_i64", 1, { WASM_I64 } },
    [SP_F32] = { "print_f32", 1, { WASM_F32 } },
    [SP_F64] = { "print_f64", 1, { WASM_F64 } },
    [SP_I32_F32] = { "print_i32_f32", 2, { WASM_I32, WASM_F32 } },
    [SP_F64_F64] = { "print_f64_f64", 2, { WASM_F64, WASM_F64 } },
};

typedef struct {
    const struct spectest *s;
    int which;
} sp_env_t;

struct spectest {
    bool verbose;
    sp_env_t envs[SP_NFUNCS];
    wasm_func_t *funcs[SP_NFUNCS];
    wasm_global_t *g_i32, *g_i64, *g_f32, *g_f64;
    wasm_table_t *table, *table64;
    wasm_memory_t *memory;
};

static wasm_trap_t print_fn(wasm_exec_t *ex, void *env, const wasm_val_t *args,
                            wasm_val_t *results)
{
    (void)ex;
    (void)results;
    const sp_env_t *e = env;
    const spectest_t *s = e->s;
    int which = e->which;
    if (!s->verbose)
        return WASM_TRAP_NONE;
    printf("%s(", k_prints[which].name);
    for (uint32_t i = 0; i < k_prints[which].nparams; i++) {
        uint8_t t = k_prints[which].params[i];
        if (i)
            printf(", ");
        if (t == WASM_I32) {
            printf("%d", (int32_t)args[i].i32);
        } else if (t == WASM_I64) {
            printf("%lld", (long long)args[i].i64);
        } else if (t == WASM_F32) {
            float f;
            memcpy(&f, &args[i].f32, 4);
            printf("%g", (double)f);
        } else {
            double d;
            memcpy(&d, &args[i].f64, 8);
            printf("%g", d);
        }
    }
    printf(")\n");
    return WASM_TRAP_NONE;
}

spectest_t *spectest_new(bool verbose)
{
    spectest_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->verbose = verbose;
    for (int i = 0; i < SP_NFUNCS; i++) {
        wasm_functype_t ft = { k_prints[i].nparams, 0, k_prints[i].params, NULL };
        s->envs[i].s = s;
        s->envs[i].which = i;
        s->funcs[i] = wasm_func_new_host(&ft, print_fn, &s->envs[i]);
    }
    float f32 = 666.6f;
    double f64 = 666.6;
    wasm_val_t v;
    v.raw = 0;
    v.i32 = 666;
    s->g_i32 = wasm_global_new(WASM_I32, false, v);
    v.i64 = 666;
    s->g_i64 = wasm_global_new(WASM_I64, false, v);
    v.raw = 0;
    memcpy(&v.f32, &f32, 4);
    s->g_f32 = wasm_global_new(WASM_F32, false, v);
    memcpy(&v.f64, &f64, 8);
    s->g_f64 = wasm_global_new(WASM_F64, false, v);
    s->table = wasm_table_new(WASM_FUNCREF, (wasm_limits_t){ 10, 20, true, false }, 0);
    s->table64 = wasm_table_new(WASM_FUNCREF, (wasm_limits_t){ 10, 20, true, true }, 0);
    s->memory = wasm_memory_new((wasm_limits_t){ 1, 2, true, false });
    bool ok = s->g_i32 && s->g_i64 && s->g_f32 && s->g_f64 && s->table && s->table64 && s->memory;
    for (int i = 0; i < SP_NFUNCS; i++)
        ok = ok && s->funcs[i];
    if (!ok) {
        spectest_free(s);
        return NULL;
    }
    return s;
}

void spectest_free(spectest_t *s)
{
    if (!s)
        return;
    for (int i = 0; i < SP_NFUNCS; i++)
        if (s->funcs[i])
            wasm_func_free(s->funcs[i]);
    if (s->g_i32) wasm_global_free(s->g_i32);
    if (s->g_i64) wasm_global_free(s->g_i64);
    if (s->g_f32) wasm_global_free(s->g_f32);
    if (s->g_f64) wasm_global_free(s->g_f64);
    if (s->table) wasm_table_free(s->table);
    if (s->table64) wasm_table_free(s->table64);
    if (s->memory) wasm_memory_free(s->memory);
    free(s);
}

bool spectest_lookup(const spectest_t *s, const char *name, wasm_extern_t *out)
{
    for (int i = 0; i < SP_NFUNCS; i++) {
        if (!strcmp(name, k_prints[i].name)) {
            out->kind = WASM_EXTERN_FUNC;
            out->u.func = s->funcs[i];
            return true;
        }
    }
    static const char *const gnames[4] = { "global_i32", "global_i64", "global_f32", "global_f64" };
    wasm_global_t *const gs[4] = { s->g_i32, s->g_i64, s->g_f32, s->g_f64 };
    for (int i = 0; i < 4; i++) {
        if (!strcmp(name, gnames[i])) {
            out->kind = WASM_EXTERN_GLOBAL;
            out->u.global = gs[i];
            return true;
        }
    }
    if (!strcmp(name, "table") || !strcmp(name, "table64")) {
        out->kind = WASM_EXTERN_TABLE;
        out->u.table = name[5] ? s->table64 : s->table;
        return true;
    }
    if (!strcmp(name, "memory")) {
        out->kind = WASM_EXTERN_MEMORY;
        out->u.memory = s->memory;
        return true;
    }
    return false;
}
