/*
 * fuzz_run.c - libFuzzer target 2: instantiate and run.
 *
 * Any input that validates is instantiated with stub imports of the right
 * types (stubs.h) under small limits (16 pages, 1000 table elements, call
 * depth 200), then every exported function is called with zero arguments
 * of its types under a fuel budget, so each run ends. Traps are expected
 * outcomes; crashes, sanitizer reports, a trap code out of range or a
 * status the API does not define are bugs.
 *
 * Leak detection is off for this target (see docs/fuzzing.md): an
 * instance whose start function traps is kept alive on purpose by the
 * engine (instance.c), which LeakSanitizer would report.
 */
#include "stubs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FZ_VERBOSE=1 in the environment: one line per input and per call, to
 * check by hand what the target reaches. */
static int verbose = -1;
#define SAY(...) do { if (verbose > 0) fprintf(stderr, __VA_ARGS__); } while (0)

static void check_status(wasm_exec_t *ex, wasm_status_t st)
{
    if (st == WASM_OK)
        return;
    if (st != WASM_TRAPPED)
        abort(); /* nobody asked for a yield */
    wasm_trap_t t = wasm_exec_trap(ex);
    if (t == WASM_TRAP_NONE || t >= WASM_TRAP_COUNT)
        abort();
    if (!wasm_trap_message(t))
        abort();
}

/* wasm_val_t cells of n values of types t: two per v128 (wasm.h). */
static uint32_t cells(const uint8_t *t, uint32_t n)
{
    uint32_t c = 0;
    for (uint32_t i = 0; i < n; i++)
        c += t[i] == WASM_V128 ? 2 : 1;
    return c;
}

static void call_export(wasm_exec_t *ex, wasm_func_t *f, const char *name)
{
    const wasm_functype_t *ty = wasm_func_type(f);
    uint32_t nargs = cells(ty->params, ty->nparams);
    wasm_val_t args[nargs + 1];
    memset(args, 0, sizeof args);
    wasm_exec_set_fuel(ex, FZ_FUEL);
    wasm_status_t st = wasm_exec_call(ex, f, args, nargs);
    check_status(ex, st);
    SAY("  call %s: %s\n", name,
        st == WASM_OK ? "ok" : wasm_trap_message(wasm_exec_trap(ex)));
    if (st == WASM_OK) {
        uint32_t n = 0;
        const wasm_val_t *r = wasm_exec_results(ex, &n);
        if (n != cells(ty->results, ty->nresults) || (n && !r))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (verbose < 0)
        verbose = getenv("FZ_VERBOSE") != NULL;
    char err[128];
    wasm_module_t *m = wasm_module_new(data, size, err, sizeof err);
    if (!m) {
        SAY("invalid: %s\n", err);
        return 0;
    }
    fz_imports_t im;
    if (!fz_imports_new(m, &im)) {
        SAY("skipped: an import over the limits\n");
        wasm_module_free(m);
        return 0;
    }
    wasm_exec_t *ex = wasm_exec_new(FZ_STACK_BYTES, FZ_MAX_DEPTH);
    if (!ex)
        abort();
    wasm_exec_set_fuel(ex, FZ_FUEL);
    wasm_config_t cfg = { FZ_MAX_PAGES, FZ_MAX_TABLE, FZ_MAX_DEPTH };
    wasm_trap_t trap = WASM_TRAP_NONE;
    wasm_instance_t *inst = wasm_instantiate(m, im.ext, im.n, &cfg, NULL, ex, &trap,
                                             err, sizeof err);
    SAY("instantiate: %s\n", inst ? "ok" : err);
    if (inst) {
        uint32_t ne = wasm_module_export_count(m);
        for (uint32_t i = 0; i < ne; i++) {
            wasm_externkind_t k;
            const char *name = wasm_module_export(m, i, &k);
            wasm_extern_t e;
            /* wasm_module_export gives no length: a name with a NUL byte
             * inside ("\0" is valid) cannot be looked up by it. */
            if (!wasm_instance_export(inst, name, &e))
                continue;
            if (e.kind != k)
                abort();
            if (k == WASM_EXTERN_FUNC)
                call_export(ex, e.u.func, name);
        }
        wasm_instance_free(inst);
    } else if (trap >= WASM_TRAP_COUNT || err[0] == 0) {
        abort();
    }
    wasm_exec_free(ex);
    fz_imports_free(&im);
    wasm_module_free(m);
    return 0;
}
