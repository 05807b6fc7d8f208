/*
 * fuzz_decode.c - libFuzzer target 1: decode and validate arbitrary bytes.
 *
 * wasm_module_new must either return a module or NULL with a NUL-terminated,
 * non-empty error text; it must never crash, read out of bounds or leak.
 * A module that validates is also walked through its import/export
 * listing, which reads the decoded tables back.
 */
#include "wasm.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[128];
    memset(err, 0x55, sizeof err);
    wasm_module_t *m = wasm_module_new(data, size, err, sizeof err);
    if (!m) {
        /* The contract: an error text, NUL-terminated inside the buffer. */
        if (!memchr(err, 0, sizeof err) || err[0] == 0)
            abort();
        return 0;
    }
    uint32_t ni = wasm_module_import_count(m);
    for (uint32_t i = 0; i < ni; i++) {
        wasm_importdesc_t d;
        wasm_module_import(m, i, &d);
        if (!d.module || !d.name)
            abort();
        (void)strlen(d.module);
        (void)strlen(d.name);
    }
    uint32_t ne = wasm_module_export_count(m);
    for (uint32_t i = 0; i < ne; i++) {
        wasm_externkind_t k;
        const char *name = wasm_module_export(m, i, &k);
        if (!name || k > WASM_EXTERN_TAG)
            abort();
        (void)strlen(name);
    }
    wasm_module_free(m);
    return 0;
}
