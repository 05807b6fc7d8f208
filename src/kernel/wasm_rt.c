/*
 * wasm_rt.c - the engine's runtime hooks (wasm.h wasm_rt_*) in the kernel:
 * the kernel heap, with the zeroing the contract asks for.
 */
#include "wasm.h"
#include "kernel/crit.h"
#include "klib.h"
#include "mm.h"

void *wasm_rt_alloc(size_t n)
{
    return kzalloc(n ? n : 1);
}

void *wasm_rt_realloc(void *p, size_t old_n, size_t new_n)
{
    void *q = kmalloc(new_n ? new_n : 1);
    if (!q)
        return NULL;
    if (p)
        memcpy(q, p, old_n < new_n ? old_n : new_n);
    if (new_n > old_n)
        memset((char *)q + old_n, 0, new_n - old_n);
    kfree(p);
    return q;
}

void wasm_rt_free(void *p)
{
    if (p)
        kfree(p);
}

/* Interrupts off: no tick, so no preemption and no kill from another task
 * until end (docs/hardening.md, "Bugs found"). */
uint64_t wasm_rt_atomic_begin(void)
{
    return (uint64_t)kcrit_enter();
}

void wasm_rt_atomic_end(uint64_t token)
{
    kcrit_leave((kcrit_t)token);
}
