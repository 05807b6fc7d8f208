/*
 * stubs.h - stub imports for fuzz targets: for every import a module asks
 * for, an object of exactly the right type (functions that return zeros,
 * a memory, a table, a global), within the fuzzers' small limits.
 */
#ifndef JERICHO_FUZZ_STUBS_H
#define JERICHO_FUZZ_STUBS_H

#include "wasm.h"

/* Limits every fuzz instance runs under. */
#define FZ_MAX_PAGES 16u
#define FZ_MAX_TABLE 1000u
#define FZ_MAX_DEPTH 200u
#define FZ_STACK_BYTES (64u * 1024u)
#define FZ_FUEL 20000u

typedef struct {
    wasm_extern_t *ext; /* one per import, in module order */
    uint32_t n;
} fz_imports_t;

/* Build stubs for m's imports. false if one cannot be made within the
 * limits above (the module is then skipped, not an error); out is then
 * empty. */
bool fz_imports_new(const wasm_module_t *m, fz_imports_t *out);
/* Free what fz_imports_new made (call after the instance is freed). */
void fz_imports_free(fz_imports_t *im);

#endif
