/*
 * wasi_table.c - the names and wasm signatures of every WASI preview-1
 * function (wasi.h, WASI_FUNCS), and matching an import's type to them.
 * Portable: the kernel and jwasm bind their imports through this table.
 */
#include "wasi/wasi.h"

#define WASI_SIG_(n, t) { #n, t },
const wasi_sig_t wasi_sigs[WASI_FN_COUNT] = { WASI_FUNCS(WASI_SIG_) };
#undef WASI_SIG_

static bool same(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

int wasi_fn_lookup(const char *name)
{
    for (int i = 0; i < WASI_FN_COUNT; i++)
        if (same(wasi_sigs[i].name, name))
            return i;
    return -1;
}

static uint8_t valtype(char c)
{
    return c == 'I' ? WASM_I64 : WASM_I32;
}

bool wasi_type_matches(const wasm_functype_t *ft, const char *t)
{
    const uint8_t *want = ft->params;
    uint32_t n = ft->nparams, k = 0;
    for (;; t++) {
        if (*t == ':' || *t == 0) {
            if (k != n)
                return false;
            if (*t == 0)
                return true;
            want = ft->results;
            n = ft->nresults;
            k = 0;
            continue;
        }
        if (k >= n || want[k] != valtype(*t))
            return false;
        k++;
    }
}

bool wasi_type_make(const char *t, wasm_functype_t *ft, uint8_t *vt, size_t nvt)
{
    uint32_t np = 0, nr = 0;
    bool results = false;
    size_t k = 0;
    for (; *t; t++) {
        if (*t == ':') {
            results = true;
            continue;
        }
        if (k >= nvt)
            return false;
        vt[k++] = valtype(*t);
        if (results)
            nr++;
        else
            np++;
    }
    ft->nparams = np;
    ft->nresults = nr;
    ft->params = vt;
    ft->results = vt + np;
    return true;
}
