/*
 * validate_mem.c - a memarg's validation, for the scalar (validate.c) and
 * SIMD (validate_simd.c) loads and stores: its memory index (multi-memory),
 * alignment and offset (u64 with memory64, below 2^32 on a 32-bit memory),
 * and the address type it gives the access. Apart from validate.c, which
 * tests/spec/suite.mk builds a second time as the reference validator.
 */
#include "interp/validate_stack.h"

uint8_t wval_memarg(vstate_t *v, uint32_t maxalign)
{
    wrd_t *r = &v->r;
    uint32_t align, mem = 0;
    uint64_t off;
    if (v->m->features & WASM_FEATURE_MULTI_MEMORY) {
        wmod_read_memarg(r, &align, &mem, &off);
        if (wrd_ok(r) && align >= WMOD_MEMARG_MEMIDX)
            return v_fail(v, "malformed memop flags");
    } else {
        align = wrd_u32(r);     /* bit 6 is only a too large alignment */
        off = v->m->features & WASM_FEATURE_MEMORY64 ? wrd_u64(r) : wrd_u32(r);
    }
    if (!wrd_ok(r))
        return 0;
    if (mem >= v->m->nmems)
        return v_failx(v, "unknown memory", mem);
    if (align > maxalign)
        return v_fail(v, "alignment must not be larger than natural");
    uint8_t at = wmod_mem_at(v->m, mem);
    if (at == WASM_I32 && off > UINT32_MAX)
        return v_fail(v, "offset out of range");
    return at;
}
