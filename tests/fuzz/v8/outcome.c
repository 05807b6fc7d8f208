/*
 * outcome.c - the outcome of a fuzz_diff module on this engine, printed
 * the way outcome.js prints it on node/V8 (tests/fuzz/v8/campaign.sh
 * compares the two): `run` called once, then whether it trapped, its
 * results, memory 0's size and a 32-bit FNV-1a hash of its bytes, and the four
 * globals. Floats print as their bits, any NaN as "nan" (payloads are the
 * spec's choice); traps print as "trap" (the engines word them apart).
 *
 *   outcome FILE.wasm
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm.h"

static void val(uint8_t t, uint64_t v)
{
    if (t == WASM_F32 && (v & 0x7f800000u) == 0x7f800000u && (v & 0x007fffffu))
        printf(" nan");
    else if (t == WASM_F64 && (v & 0x7ff0000000000000ull) == 0x7ff0000000000000ull &&
             (v & 0x000fffffffffffffull))
        printf(" nan");
    else if (t == WASM_I32 || t == WASM_F32)
        printf(" %u", (unsigned)(uint32_t)v);
    else
        printf(" %llu", (unsigned long long)v);
}

int main(int argc, char **argv)
{
    static uint8_t buf[1 << 20];
    char err[256];
    FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
    if (!f) {
        fprintf(stderr, "usage: outcome FILE.wasm\n");
        return 2;
    }
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    wasm_module_t *m = wasm_module_new(buf, n, err, sizeof err);
    if (!m) {
        printf("invalid: %s\n", err);
        return 1;
    }
    wasm_exec_t *ex = wasm_exec_new(0, 0);
    wasm_trap_t trap;
    wasm_instance_t *inst = wasm_instantiate(m, NULL, 0, NULL, NULL, ex, &trap, err, sizeof err);
    wasm_extern_t x;
    if (!inst || !wasm_instance_export(inst, "run", &x) || x.kind != WASM_EXTERN_FUNC) {
        printf("uninstantiable: %s\n", err);
        return 1;
    }
    const wasm_functype_t *ft = wasm_func_type(x.u.func);
    if (wasm_exec_call(ex, x.u.func, NULL, 0) == WASM_OK) {
        uint32_t nr;
        const wasm_val_t *r = wasm_exec_results(ex, &nr);
        printf("returned");
        for (uint32_t i = 0; i < nr && i < ft->nresults; i++)
            val(ft->results[i], r[i].raw);
        printf("\n");
    } else {
        printf("trap\n");
    }
    wasm_instance_export(inst, "mem", &x);
    uint64_t size = wasm_memory_size(x.u.memory);
    uint32_t h = 2166136261u;
    const uint8_t *p = wasm_memory_data(x.u.memory);
    for (uint64_t i = 0; i < size; i++)
        h = (h ^ p[i]) * 16777619u;
    printf("memory %llu %08x\n", (unsigned long long)size, h);
    static const char *gn[4] = { "g0", "g1", "g2", "g3" };
    printf("globals");
    for (int i = 0; i < 4; i++) {
        wasm_instance_export(inst, gn[i], &x);
        val(wasm_global_type(x.u.global), wasm_global_get(x.u.global).raw);
    }
    printf("\n");
    wasm_instance_free(inst);
    wasm_exec_free(ex);
    wasm_module_free(m);
    return 0;
}
