/*
 * fuzz_diff.c - libFuzzer target 3: differential execution.
 *
 * The input bytes steer gen.c into a VALID module; it is run on two builds
 * of the engine (engines.h: computed goto, mostly -O2; switch dispatch, -O0):
 * instantiate, call "run" under a fuel budget, then compare the outcome
 * bit for bit: status, trap kind, results, memory size and contents, the
 * four globals. Floats the host sees are compared NaN-aware (any NaN
 * equals any NaN: the spec leaves payloads nondeterministic); inside wasm
 * the generator canonicalises NaNs before their bits can escape.
 * A module that does not validate is a generator bug and aborts too.
 *
 * FZ_DUMP=path in the environment writes the generated module there.
 */
#include "engines.h"
#include "gen.h"
#include "stubs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DIFF_FUEL 50000u

typedef struct {
    wasm_status_t st;
    wasm_trap_t trap;
    uint32_t nres;
    wasm_val_t res[FZG_MAX_RESULTS];
    uint64_t memsize;
    uint8_t *mem;
    uint64_t globals[FZG_NGLOBALS];
} outcome_t;

static void run_on(const fz_engine_t *e, const fz_buf_t *mod, outcome_t *o)
{
    char err[160];
    memset(o, 0, sizeof *o);
    wasm_module_t *m = e->wasm_module_new(mod->p, mod->n, err, sizeof err);
    if (!m) {
        fprintf(stderr, "fuzz_diff: generated module invalid on %s: %s\n", e->name, err);
        abort();
    }
    wasm_exec_t *ex = e->wasm_exec_new(FZ_STACK_BYTES, FZ_MAX_DEPTH);
    if (!ex)
        abort();
    e->wasm_exec_set_fuel(ex, DIFF_FUEL);
    wasm_config_t cfg = { FZ_MAX_PAGES, FZ_MAX_TABLE, FZ_MAX_DEPTH };
    wasm_trap_t trap;
    wasm_instance_t *inst = e->wasm_instantiate(m, NULL, 0, &cfg, NULL, ex, &trap,
                                                err, sizeof err);
    if (!inst) {
        fprintf(stderr, "fuzz_diff: instantiation failed on %s: %s\n", e->name, err);
        abort();
    }
    wasm_extern_t x;
    if (!e->wasm_instance_export(inst, "run", &x) || x.kind != WASM_EXTERN_FUNC)
        abort();
    o->st = e->wasm_exec_call(ex, x.u.func, NULL, 0);
    o->trap = o->st == WASM_OK ? WASM_TRAP_NONE : e->wasm_exec_trap(ex);
    if (o->st == WASM_OK) {
        const wasm_val_t *r = e->wasm_exec_results(ex, &o->nres);
        if (o->nres > FZG_MAX_RESULTS)
            abort();
        if (o->nres)
            memcpy(o->res, r, o->nres * sizeof *r);
    }
    if (!e->wasm_instance_export(inst, "mem", &x) || x.kind != WASM_EXTERN_MEMORY)
        abort();
    o->memsize = e->wasm_memory_size(x.u.memory);
    o->mem = malloc(o->memsize + 1);
    if (!o->mem)
        abort();
    memcpy(o->mem, e->wasm_memory_data(x.u.memory), o->memsize);
    static const char *gn[FZG_NGLOBALS] = { "g0", "g1", "g2", "g3" };
    for (int i = 0; i < FZG_NGLOBALS; i++) {
        if (!e->wasm_instance_export(inst, gn[i], &x) || x.kind != WASM_EXTERN_GLOBAL)
            abort();
        o->globals[i] = e->wasm_global_get(x.u.global).raw;
    }
    e->wasm_instance_free(inst);
    e->wasm_exec_free(ex);
    e->wasm_module_free(m);
}

static bool is_nan(uint8_t t, uint64_t v)
{
    if (t == 0x7d)
        return (v & 0x7f800000u) == 0x7f800000u && (v & 0x007fffffu);
    if (t == 0x7c)
        return (v & 0x7ff0000000000000ull) == 0x7ff0000000000000ull &&
               (v & 0x000fffffffffffffull);
    return false;
}

static bool same_val(uint8_t t, uint64_t a, uint64_t b)
{
    if (t == 0x7d) {
        a &= 0xffffffffu;
        b &= 0xffffffffu;
    } else if (t == 0x7f) {
        a &= 0xffffffffu;
        b &= 0xffffffffu;
    }
    return a == b || (is_nan(t, a) && is_nan(t, b));
}

static void report(const char *what, const outcome_t *a, const outcome_t *b)
{
    fprintf(stderr, "fuzz_diff: engines disagree on %s\n", what);
    const outcome_t *o[2] = { a, b };
    const fz_engine_t *e[2] = { &fz_engine_goto, &fz_engine_switch };
    for (int k = 0; k < 2; k++) {
        fprintf(stderr, "  %-10s status %d trap %d (%s) results", e[k]->name, o[k]->st,
                o[k]->trap, o[k]->trap ? wasm_trap_message(o[k]->trap) : "-");
        for (uint32_t i = 0; i < o[k]->nres; i++)
            fprintf(stderr, " 0x%llx", (unsigned long long)o[k]->res[i].raw);
        fprintf(stderr, " mem %llu bytes globals", (unsigned long long)o[k]->memsize);
        for (int i = 0; i < FZG_NGLOBALS; i++)
            fprintf(stderr, " 0x%llx", (unsigned long long)o[k]->globals[i]);
        fprintf(stderr, "\n");
    }
    fprintf(stderr, "  (FZ_DUMP=file.wasm and this input write the module)\n");
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_src_t src = { data, size, 0 };
    fz_buf_t mod = { 0 };
    fzg_module_t info;
    fz_gen_module(&src, &mod, &info);
    const char *dump = getenv("FZ_DUMP");
    if (dump) {
        FILE *f = fopen(dump, "wb");
        if (f) {
            fwrite(mod.p, 1, mod.n, f);
            fclose(f);
        }
    }
    outcome_t a, b;
    run_on(&fz_engine_goto, &mod, &a);
    run_on(&fz_engine_switch, &mod, &b);
    if (a.st != b.st || a.trap != b.trap)
        report("status or trap", &a, &b);
    if (a.nres != b.nres)
        report("result count", &a, &b);
    for (uint32_t i = 0; i < a.nres; i++)
        if (!same_val(info.sig[0].results[i], a.res[i].raw, b.res[i].raw))
            report("a result", &a, &b);
    if (a.memsize != b.memsize || memcmp(a.mem, b.mem, a.memsize) != 0)
        report("memory", &a, &b);
    static const uint8_t gt[FZG_NGLOBALS] = { 0x7f, 0x7e, 0x7d, 0x7c };
    for (int i = 0; i < FZG_NGLOBALS; i++)
        if (!same_val(gt[i], a.globals[i], b.globals[i]))
            report("a global", &a, &b);
    free(a.mem);
    free(b.mem);
    fz_buf_free(&mod);
    return 0;
}
