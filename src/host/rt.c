/*
 * rt.c - the engine's runtime hooks (wasm.h wasm_rt_*) for hosted builds:
 * libc calloc/realloc/free, with the zeroing the contract asks for.
 */
#include "wasm.h"

#include <stdlib.h>
#include <string.h>

void *wasm_rt_alloc(size_t n)
{
    return calloc(1, n ? n : 1);
}

void *wasm_rt_realloc(void *p, size_t old_n, size_t new_n)
{
    void *q = realloc(p, new_n ? new_n : 1);
    if (!q)
        return NULL;
    if (new_n > old_n)
        memset((char *)q + old_n, 0, new_n - old_n);
    return q;
}

void wasm_rt_free(void *p)
{
    free(p);
}

