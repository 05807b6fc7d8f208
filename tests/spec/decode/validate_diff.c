/*
 * validate_diff.c - the validator's fast path (validate_fast.c) against
 * its general path alone: validate.c built a second time with
 * -DWVAL_NO_FAST and its entry point renamed wref_validate_funcs
 * (tests/spec/suite.mk). For one module both must give the same verdict,
 * the same error message, and the same max_stack and max_blocks for every
 * function they validated (the compiler sizes frames from them).
 * decode_test.c runs it on every spec module and every mutation of one.
 */
#include "interp/decode.h"
#include "validate_diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool wref_validate_funcs(const wasm_module_t *m, char *err, size_t errlen);

/* Decode b (no function bodies validated yet); NULL if it does not decode
 * or fails the module-level checks. */
static wasm_module_t *decode(const uint8_t *b, size_t n)
{
    char err[128];
    wasm_module_t *m = wasm_rt_alloc(sizeof *m);
    if (!m)
        return NULL;
    m->bytes = wasm_rt_alloc(n ? n : 1);
    if (!m->bytes) {
        wasm_rt_free(m);
        return NULL;
    }
    memcpy(m->bytes, b, n);
    m->len = n;
    if (!wmod_decode(m, err, sizeof err) || !wmod_validate_module(m, err, sizeof err)) {
        wasm_module_free(m);
        return NULL;
    }
    return m;
}

bool vdiff_check(const uint8_t *b, size_t n, char *why, size_t whylen)
{
    wasm_module_t *m = decode(b, n);
    if (!m)
        return true;
    uint32_t nf = m->nfuncs;
    uint32_t *fast = calloc(2 * (size_t)nf + 1, sizeof *fast);
    char e1[128] = "", e2[128] = "";
    bool ok1 = wmod_validate_funcs(m, e1, sizeof e1);
    for (uint32_t i = 0; i < nf; i++) {
        fast[2 * i] = m->funcs[i].max_stack;
        fast[2 * i + 1] = m->funcs[i].max_blocks;
        m->funcs[i].max_stack = m->funcs[i].max_blocks = 0;
    }
    bool ok2 = wref_validate_funcs(m, e2, sizeof e2);
    bool same = ok1 == ok2 && strcmp(e1, e2) == 0;
    if (!same)
        snprintf(why, whylen, "fast %s \"%s\", general %s \"%s\"", ok1 ? "accepts" : "rejects",
                 e1, ok2 ? "accepts" : "rejects", e2);
    for (uint32_t i = 0; same && i < nf; i++) {
        if (fast[2 * i] != m->funcs[i].max_stack || fast[2 * i + 1] != m->funcs[i].max_blocks) {
            snprintf(why, whylen, "function %u: max_stack %u / %u, max_blocks %u / %u (fast / general)",
                     i, fast[2 * i], m->funcs[i].max_stack, fast[2 * i + 1], m->funcs[i].max_blocks);
            same = false;
        }
    }
    free(fast);
    wasm_module_free(m);
    return same;
}
